#!/usr/bin/env python3
"""How much does govreview add to ``mkdocs build``?

Generates a synthetic government site (Chinese pages under the eight columns of
policies/site.yml, plus an approval archive approving every page and the build
inputs), then builds two copies of it alternately, each in its own process:

* with:    ``plugins: [search, govreview]``; the plugin judges every file,
           generates the paginated column index pages and sets the nav;
* without: ``plugins: [search]``; the same docs plus the same column index
           pages pre-written with :func:`govreview.listing.render_pages`, and
           an explicit ``nav:`` of those index pages.

So both builds render the same pages with the same navigation; the difference
is the plugin's own work (reading the archive and the policy, hashing and
judging every file, the disclosure block, the verdict report).

    python benchmarks/plugin_overhead.py                      # 5,000 pages, 3 pairs
    python benchmarks/plugin_overhead.py --pages 300 --runs 1 # quick check
    python benchmarks/plugin_overhead.py --withhold 25        # 25 pages edited after approval

Results go to benchmarks/out/plugin_overhead.json.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from datetime import time as clock
from importlib import metadata
from pathlib import Path
from typing import Any

from govreview.archive_jsonl import write_archive
from govreview.core.evidence import Commit, FileChange, Head, LabelEvent, PullRecord, Review
from govreview.core.policy import Policy
from govreview.frontmatter import blob_id
from govreview.listing import Entry, render_pages
from govreview.policy_yaml import load_policy, policy_files, policy_id
from govreview.timefmt import SHANGHAI

REPO = Path(__file__).resolve().parent.parent
POLICY_SOURCE = REPO / "policies" / "site.yml"
#: The example's screening settings live in policies/screening.yml with its word list; the generated
#: sites take site.yml alone (no word list), plus the clearing role every policy names (R-03).
CLEARING = "\nscreening:\n  clear: {role: secrecy_committee}\n"
OUT_FILE = REPO / "benchmarks" / "out" / "plugin_overhead.json"

PER_PAGE = 20
PAGES_PER_PULL = 50
EDITORS = ("wang-xiaomei", "ma-lei")  # authors of the pull requests: never approvers
SECRECY_ACTOR = "feng-lan"
POLICY_OWNER = "guo-peng"
HOME_TITLE = "首页"  # the nav label the plugin gives docs/index.md (lang zh)

#: Share of the pages per column (roughly what a municipal office publishes).
WEIGHTS = {
    "news": 30,
    "notices": 18,
    "policies": 7,
    "interpretations": 7,
    "reprints": 10,
    "previews": 8,
    "replies": 15,
    "about": 5,
}

# ---------------------------------------------------------------------------
# Chinese filler
# ---------------------------------------------------------------------------

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = "晓峰婷立新悦静明远海燕建国丽华志强秀英文杰雪梅国栋红霞永刚春梅俊杰亚楠"
DISTRICTS = ["滨江区", "青石区", "江北区", "城南区", "高新区", "临湖县", "东岭镇", "西山街道"]
TOPICS = [
    "人防工程安全隐患排查",
    "防空警报试鸣",
    "人防知识进校园",
    "防空地下室维护管理",
    "人防工程平战结合",
    "疏散演练",
    "人防宣传教育",
    "警报设施巡检",
    "人防工程易地建设费征收",
    "地下空间开发利用",
    "人防指挥通信保障",
    "应急避难场所建设",
    "人防志愿者队伍建设",
    "人防行政审批",
    "汛期人防工程防倒灌",
]
EVENTS = ["公众开放日", "疏散演练", "在线访谈", "防空警报试鸣", "人防知识讲座", "应急救护培训"]
SOURCES = [("江岸日报", "jiangan-daily"), ("江岸广播电视台", "jatv"), ("省人防办网站", "sheng-renfang"), ("人民防空报", "rfb")]
SENTENCES = [
    "为进一步提升城市整体防护能力，市人防办结合本市实际，认真研究部署了相关工作。",
    "会议指出，人民防空是国防的重要组成部分，是造福人民的德政工程，必须常抓不懈。",
    "检查组重点查看了工程出入口防倒灌设施、排水泵运行、防护密闭门启闭以及消防器材配置等情况。",
    "各区人防部门要切实履行监管职责，建立问题清单、责任清单和整改清单，确保隐患整改到位。",
    "活动现场设置了展板区、咨询台和应急物品展示区，工作人员向居民讲解防空警报信号的识别方法。",
    "不少居民现场体验了止血包扎和简易担架搬运，参与热情很高，纷纷表示收获很大。",
    "下一步，我办将对未整改问题实行清单管理、跟踪督促，并在主汛期来临前组织一次复查。",
    "预先警报为鸣三十六秒、停二十四秒，反复三遍为一个周期；空袭警报为鸣六秒、停六秒，反复十五遍为一个周期。",
    "解除警报为连续鸣响三分钟，市民听到警报试鸣时不必惊慌，正常生产生活不受影响。",
    "本办法适用于本市行政区域内已竣工验收的公用人防工程和结合民用建筑修建的防空地下室。",
    "人防工程维护管理责任由产权单位承担；产权单位将工程交由他人使用的，应当在合同中明确双方的维护义务。",
    "工程使用单位不得擅自拆除、改造人防工程设施设备，不得堵塞出入口和通风口。",
    "市人防办将会同住建、自然资源等部门加强人防工程建设全过程监管，提升工程建设质量。",
    "截至目前，全市已建成人防工程四百余处，人均掩蔽面积稳步提高，防护体系不断完善。",
    "走进滨江区人民路地下的一处人防工程，明亮的通道两侧是整齐的停车位，墙上的疏散指示标识清晰醒目。",
    "这里平时是周边居民的停车场，一旦需要，就能迅速转换为群众掩蔽场所。",
    "市民如对本次活动有疑问，可在工作日拨打市人防办咨询电话，也可通过门户网站留言咨询。",
    "经核查，您反映的地下车库属于结建防空地下室，平时可以正常用于停车，但不得改变其防护功能。",
    "我办高度重视市民来信反映的问题，已责成相关处室会同属地街道进行现场核实。",
    "本次演练共组织学校师生和社区居民三千余人参加，疏散用时较上一年度缩短近两分钟。",
    "各单位要高度重视值班值守工作，严格落实领导带班和二十四小时值班制度，确保信息畅通。",
    "活动期间，工作人员将全程引导参观，并为市民讲解人防工程的结构特点和防护原理。",
    "本文件自印发之日起施行，有效期五年，由市人民防空办公室负责解释。",
    "《办法》旨在明确各方责任，让工程平时安全好用、需要时能够发挥防护作用。",
    "通信保障分队开展了机动通信车展开、卫星链路建立和图像回传等科目的训练。",
    "市人防办主任表示，将把各项要求细化为任务清单，明确责任人和完成时限，每月调度一次进展。",
    "近年来我市已建人防工程数量持续增加，部分工程存在维护责任不清、设备老化等问题。",
    "宣传教育基地全年接待参观群众两万余人次，已成为全市国防教育的重要阵地。",
    "请各有关单位于规定时间前将报名表加盖公章后报送市人防办办公室，逾期不再受理。",
    "办理地点调整后，原窗口不再受理相关业务，给您带来的不便敬请谅解。",
]


@dataclass
class Page:
    column: str  # column folder, e.g. "news"
    rel: str  # docs-relative path
    title: str
    day: date
    meta_extra: dict[str, Any] = field(default_factory=dict)
    text: str = ""
    pull: int = 0
    merged_at: datetime | None = None
    withheld: bool = False


def person(rng: random.Random) -> str:
    given = GIVEN[rng.randrange(0, len(GIVEN) - 1, 2)] + GIVEN[rng.randrange(1, len(GIVEN), 2)]
    return rng.choice(SURNAMES) + (given if rng.random() < 0.7 else given[0])


def title_for(column: str, rng: random.Random, day: date) -> str:
    topic, district = rng.choice(TOPICS), rng.choice(DISTRICTS)
    choices = {
        "news": [
            f"{district}开展{topic}工作",
            f"市人防办召开{topic}专题会议",
            f"{district}{topic}取得阶段性成效",
            f"“5·12”防灾减灾日 人防宣传走进{district}",
        ],
        "notices": [f"关于做好{day.year}年{topic}工作的通知", f"关于{topic}有关事项的公告", f"关于{district}{topic}的通告"],
        "policies": [f"江岸市{topic}管理办法", f"关于进一步加强{topic}的实施意见", f"江岸市{topic}工作规范（试行）"],
        "interpretations": [f"《江岸市{topic}管理办法》政策解读", f"图解：关于进一步加强{topic}的实施意见"],
        "reprints": [f"{topic}：让城市更有韧性", f"{district}探索{topic}新路径", f"记者走访{district}：{topic}见实效"],
        "previews": [
            f"{district}将于{day.month}月{day.day}日举行{rng.choice(EVENTS)}",
            f"{rng.choice(EVENTS)}预告（{day.year}年第{rng.randint(1, 4)}期）",
        ],
        "replies": [f"关于{district}{topic}问题的答复", f"对市民咨询“{topic}”的回复"],
        "about": [f"{topic}职责说明", f"{district}人防工作联系方式", "领导信息", "内设机构"],
    }
    return rng.choice(choices[column])


def body_text(rng: random.Random) -> str:
    """A few paragraphs, about 1-2 KB in UTF-8."""
    target = rng.randint(340, 640)  # characters; ~3 bytes each
    paragraphs: list[str] = []
    size = 0
    while size < target:
        para = "".join(rng.sample(SENTENCES, rng.randint(2, 4)))
        paragraphs.append(para)
        size += len(para)
    if rng.random() < 0.3:
        paragraphs.insert(rng.randint(1, len(paragraphs)), "**" + rng.choice(TOPICS) + "**")
    return "\n\n".join(paragraphs)


def extra_fields(column: str, rng: random.Random, day: date, n: int) -> dict[str, Any]:
    """Front matter the column's category requires (see policies/site.yml), and some optional keys."""
    extra: dict[str, Any] = {}
    if column == "news" and rng.random() < 0.05:
        extra["leader_instruction"] = True  # needs the principal leader too
    if column == "notices" and rng.random() < 0.1:
        extra["category"] = "major_notice"  # needs the principal leader
    if column == "policies":
        extra["doc_no"] = f"江人防规〔{day.year}〕{n % 40 + 1}号"
    if column == "reprints":
        name, slug = rng.choice(SOURCES)
        extra["source"] = name
        extra["source_url"] = f"https://news.example.cn/{slug}/{day:%Y/%m%d}/{n:05d}.html"
        extra["source_author"] = person(rng)
    if column == "previews":
        extra["event_date"] = day + timedelta(days=rng.randint(14, 30))  # ≥ 3 working days even across a holiday week
    if column == "replies":
        extra["asked_on"] = day - timedelta(days=rng.randint(0, 2))
    if column in ("news", "notices") and rng.random() < 0.3:
        extra["channels"] = ["wechat"]
    return extra


def yaml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(value) + "]"
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def render_page(page: Page, author: str) -> str:
    lines = ["---", f"title: {yaml_value(page.title)}", f"author: {author}", f"date: {page.day.isoformat()}"]
    lines += [f"{k}: {yaml_value(v)}" for k, v in page.meta_extra.items()]
    lines += ["---", "", page.text, ""]
    return "\n".join(lines)


# ---------------------------------------------------------------------------
# The site and its archive
# ---------------------------------------------------------------------------

HOME = """---
title: "江岸市人民防空办公室"
author: 吴静
date: 2019-01-02
---

# 江岸市人民防空办公室

欢迎访问江岸市人民防空办公室门户网站（govreview 性能测试用合成站点，内容均为虚构）。

## 栏目导航

{links}
"""

CONFIG_COMMON = """site_name: 江岸市人民防空办公室
site_description: govreview 性能测试用合成站点（内容均为虚构）
docs_dir: docs
site_dir: site
use_directory_urls: true

theme:
  name: material
  language: zh
  font: false

markdown_extensions:
  - tables
  - attr_list
  - admonition
"""


def sha(*parts: object) -> str:
    return hashlib.sha1("/".join(map(str, parts)).encode()).hexdigest()


def make_pull(
    number: int, title: str, author: str, opened: datetime, pid: str, blobs: dict[str, str], approvers: list[str], secrecy: str | None
) -> PullRecord:
    """A merged pull request: pushed once, reviewed in step order, labelled after the push, merged."""
    head = sha(number, "head")
    reviews = tuple(Review(login, "APPROVED", head, opened + timedelta(hours=4 + i)) for i, login in enumerate(approvers))
    labels = (LabelEvent("保密审查通过", "labeled", secrecy, opened + timedelta(hours=2)),) if secrecy else ()
    return PullRecord(
        number=number,
        title=title,
        author=author,
        merged_at=opened + timedelta(hours=8),
        merge_commit=sha(number, "merge"),
        head=head,
        base=sha(number, "base"),
        policy=pid,
        files=tuple(FileChange(path, "added", blob) for path, blob in sorted(blobs.items())),
        reviews=reviews,
        labels=labels,
        heads=(Head(head, opened, dict(blobs)),),
        commits=(Commit(head, author, author),),
    )


def approvers_for(policy: Policy, column: str, meta: dict[str, Any]) -> list[str]:
    """One holder per step of the page's category (plus escalations), as make_example_archive does."""
    col = policy.columns[column]
    category = policy.categories[str(meta.get("category") or col.category)]
    steps, _ = category.steps_for(meta)
    out: list[str] = []
    for step in steps:
        for role_id in step.roles:
            members = [m for m in policy.roles[role_id].members_for(step.unit or col.unit) if m not in out and m not in EDITORS]
            if members:
                out.append(members[0])
                break
    return out


def column_counts(total: int) -> dict[str, int]:
    weight = sum(WEIGHTS.values())
    counts = {c: max(1, total * w // weight) for c, w in WEIGHTS.items()}
    # hand the rounding remainder to the biggest column
    counts["news"] += total - sum(counts.values())
    return counts


def generate(root: Path, n_pages: int, withhold: int, seed: int, disclosure: bool = True) -> dict[str, Any]:
    """Write root/with (plugin) and root/without (baseline). Returns a description."""
    rng = random.Random(seed)
    site = root / "with"
    base = root / "without"
    for d in (site, base):
        if d.exists():
            shutil.rmtree(d)
    (site / "policies").mkdir(parents=True)
    (site / "policies" / "site.yml").write_text(POLICY_SOURCE.read_text(encoding="utf-8") + CLEARING, encoding="utf-8")
    files = policy_files(site / "policies")
    pid = policy_id(files)
    policy = load_policy(files)
    columns = [c for c in policy.columns.values() if c.path != "."]
    assert sorted(c.path for c in columns) == sorted(WEIGHTS), "policies/site.yml columns changed; update WEIGHTS"

    # -- pages ------------------------------------------------------------
    docs = site / "docs"
    pages: list[Page] = []
    counts = column_counts(n_pages)
    first_day, span = date(2019, 1, 7), (date(2026, 6, 30) - date(2019, 1, 7)).days
    for col in columns:
        days = sorted(first_day + timedelta(days=rng.randrange(span)) for _ in range(counts[col.path]))
        # The pages of one pull request are written on the day it merges, so the example
        # policy's deadlines hold for every page, as on a site run on time.
        days = [days[min((k // PAGES_PER_PULL + 1) * PAGES_PER_PULL, len(days)) - 1] for k in range(len(days))]
        for i, day in enumerate(days, start=1):
            rel = f"{col.path}/{day.isoformat()}-{col.path}-{i:05d}.md"
            page = Page(col.path, rel, title_for(col.path, rng, day), day, extra_fields(col.path, rng, day, i), body_text(rng))
            pages.append(page)
    page_bytes = 0
    for page in pages:
        path = docs / page.rel
        path.parent.mkdir(parents=True, exist_ok=True)
        data = render_page(page, person(rng)).encode("utf-8")
        path.write_bytes(data)
        page_bytes += len(data)
    links = "\n".join(f"- [{c.name}]({c.path}/index.md)" for c in columns)
    (docs / "index.md").write_text(HOME.format(links=links), encoding="utf-8")

    (site / "mkdocs.yml").write_text(
        CONFIG_COMMON
        + f"\nplugins:\n  - search\n  - govreview:\n      per_page: {PER_PAGE}\n"
        + ("" if disclosure else "      disclosure: false\n"),
        encoding="utf-8",
    )

    # -- archive: the build inputs, then one pull request per 50 pages of a column ----
    def blob(rel: str) -> str:
        return blob_id((site / rel).read_bytes())

    start = datetime(2019, 1, 2, 9, 0, tzinfo=SHANGHAI)
    inputs = {p: blob(p) for p in ("mkdocs.yml", "policies/site.yml")}
    pulls = [make_pull(1, "建立网站：站点配置与发布规则", EDITORS[1], start, pid, inputs, [POLICY_OWNER], None)]
    home_approvers = approvers_for(policy, ".", {})
    pulls.append(
        make_pull(
            2,
            "发布：首页",
            EDITORS[0],
            start + timedelta(days=1),
            pid,
            {"docs/index.md": blob("docs/index.md")},
            home_approvers,
            SECRECY_ACTOR,
        )
    )
    number = 2
    for col in columns:
        in_col = [p for p in pages if p.column == col.path]
        for k in range(0, len(in_col), PAGES_PER_PULL):
            chunk = in_col[k : k + PAGES_PER_PULL]
            number += 1
            approvers: list[str] = []
            for p in chunk:
                meta = dict(p.meta_extra)
                for login in approvers_for(policy, col.path, meta):
                    if login not in approvers:
                        approvers.append(login)
            opened = datetime.combine(max(p.day for p in chunk), clock(9, 30), SHANGHAI) + timedelta(minutes=number)
            pull = make_pull(
                number,
                f"发布：{col.name}（{len(chunk)} 篇）",
                EDITORS[number % 2],
                opened,
                pid,
                {f"docs/{p.rel}": blob(f"docs/{p.rel}") for p in chunk},
                approvers,
                SECRECY_ACTOR,
            )
            pulls.append(pull)
            for p in chunk:
                p.pull, p.merged_at = number, pull.merged_at
    write_archive(site / "archive" / "approvals.jsonl", {pid: files}, pulls)

    # -- withhold: pages edited on main after their approval ----------------
    if withhold:
        step = len(pages) / withhold
        for j in range(withhold):
            page = pages[int(j * step)]
            page.withheld = True
            with (docs / page.rel).open("a", encoding="utf-8") as fh:
                fh.write("\n（本文已于审批后修改。）\n")

    # -- baseline: same docs minus withheld pages, pre-written index pages, explicit nav ---
    shutil.copytree(docs, base / "docs", ignore=None)
    for page in pages:
        if page.withheld:
            (base / "docs" / page.rel).unlink()
    index_pages = 0
    for col in columns:
        entries = [Entry(p.rel, p.title, p.merged_at) for p in pages if p.column == col.path and not p.withheld]
        for path, markdown in render_pages(col.path, col.name, entries, PER_PAGE):
            target = base / "docs" / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(markdown, encoding="utf-8")
            index_pages += 1
    nav = f"  - {HOME_TITLE}: index.md\n" + "".join(f"  - {c.name}: {c.path}/index.md\n" for c in columns)
    (base / "mkdocs.yml").write_text(CONFIG_COMMON + "\nplugins:\n  - search\n\nnav:\n" + nav, encoding="utf-8")

    return {
        "pages": len(pages),
        "columns": {c.path: counts[c.path] for c in columns},
        "column_index_pages": index_pages,
        "pull_requests": len(pulls),
        "archive_bytes": (site / "archive" / "approvals.jsonl").stat().st_size,
        "avg_page_bytes": round(page_bytes / max(1, len(pages))),
        "withheld": sorted(p.rel for p in pages if p.withheld),
    }


# ---------------------------------------------------------------------------
# Building and timing
# ---------------------------------------------------------------------------


def build(project: Path, site_dir: Path) -> dict[str, float]:
    cmd = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml"), "-d", str(site_dir)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}  # Material's MkDocs 2 banner, same for both
    proc = subprocess.run(cmd, cwd=project, capture_output=True, text=True, env=env)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        sys.stderr.write(proc.stdout + proc.stderr)
        raise SystemExit(f"build failed in {project} (exit {proc.returncode})")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall_s": round(wall, 3), "cpu_s": round(cpu, 3), "max_rss_mb": round(after.ru_maxrss / 1024, 1)}


def html_pages(site_dir: Path) -> set[str]:
    return {p.relative_to(site_dir).as_posix() for p in site_dir.rglob("*.html") if p.name != "404.html"}


_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)


def article(path: Path) -> str:
    m = _ARTICLE.search(path.read_text(encoding="utf-8"))
    return m.group(1).strip() if m else ""


def is_index_page(rel: str, columns: dict[str, int]) -> bool:
    """column/index.html or column/page/N/index.html (articles are column/<name>/index.html)."""
    parts = rel.split("/")
    return parts[0] in columns and (len(parts) == 2 or (len(parts) == 4 and parts[1] == "page"))


def check(root: Path, desc: dict[str, Any]) -> dict[str, Any]:
    """Pages in each output, withheld pages really absent, same column index pages in both."""
    with_site, without_site = root / "with" / "site", root / "without" / "site"
    a, b = html_pages(with_site), html_pages(without_site)
    present_withheld = [rel for rel in desc["withheld"] if rel[:-3] + "/index.html" in a]
    report = json.loads((root / "with" / ".govreview" / "report.json").read_text(encoding="utf-8"))
    blocked = [f["path"] for f in report["files"] if not f["approved"]]
    index_files = sorted(p for p in b if is_index_page(p, desc["columns"]))
    differing = [p for p in index_files if p not in a or article(with_site / p) != article(without_site / p)]
    return {
        "pages_with": len(a),
        "pages_without": len(b),
        "same_page_set": a == b,
        "only_with": sorted(a - b)[:10],
        "only_without": sorted(b - a)[:10],
        "withheld_expected": len(desc["withheld"]),
        "withheld_in_report": len(blocked),
        "withheld_blocked_paths_match": sorted(blocked) == sorted(desc["withheld"]),
        "withheld_present_in_output": present_withheld,
        "column_index_pages_compared": len(index_files),
        "column_index_pages_differing": differing[:10],
    }


def plugin_fingerprint() -> str:
    """Hash of govreview's source files: the run warns if the plugin changed while it ran."""
    import govreview

    digest = hashlib.sha256()
    for path in sorted(Path(govreview.__file__).resolve().parent.rglob("*.py")):
        digest.update(path.as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


def versions() -> dict[str, str]:
    out = {"python": platform.python_version(), "platform": platform.platform()}
    for dist in ("mkdocs", "mkdocs-material", "govreview", "Markdown", "ruamel.yaml", "PyYAML"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[dist] = "?"
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=5000, help="number of article pages (default 5000)")
    ap.add_argument("--runs", type=int, default=3, help="timed build pairs, alternating with/without (default 3)")
    ap.add_argument("--warmup", type=int, default=1, help="untimed build pairs first, to warm caches (default 1)")
    ap.add_argument("--withhold", type=int, default=0, help="make K pages unapproved (edited after approval)")
    ap.add_argument(
        "--no-disclosure",
        action="store_true",
        help="set the plugin's disclosure: false (no 发布机构/文号/… table on articles), to see what it costs",
    )
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--workdir", type=Path, help="generate here instead of a fresh temp folder (kept)")
    ap.add_argument("--keep", action="store_true", help="keep the temp folder")
    ap.add_argument("--out", type=Path, default=OUT_FILE)
    args = ap.parse_args(argv)
    if args.pages < len(WEIGHTS) or args.runs < 1 or not 0 <= args.withhold < args.pages:
        ap.error("need --pages >= 8, --runs >= 1 and 0 <= --withhold < --pages")

    root = args.workdir.resolve() if args.workdir else Path(tempfile.mkdtemp(prefix="govreview-bench-"))
    root.mkdir(parents=True, exist_ok=True)
    keep = args.keep or args.workdir is not None
    try:
        fingerprint = plugin_fingerprint()
        t0 = time.perf_counter()
        desc = generate(root, args.pages, args.withhold, args.seed, disclosure=not args.no_disclosure)
        gen_s = time.perf_counter() - t0
        print(
            f"generated {desc['pages']} pages (+{desc['column_index_pages']} column index pages, "
            f"{desc['pull_requests']} pull requests, avg page {desc['avg_page_bytes']} B) in {gen_s:.1f}s at {root}",
            flush=True,
        )

        projects = {"with": root / "with", "without": root / "without"}
        for i in range(args.warmup):
            for label, project in projects.items():
                r = build(project, project / "site")
                print(f"  warm-up {i + 1} {label:>7}: {r['wall_s']:.2f}s wall, {r['cpu_s']:.2f}s cpu", flush=True)
        runs: dict[str, list[dict[str, float]]] = {"with": [], "without": []}
        for i in range(args.runs):
            for label, project in projects.items():
                r = build(project, project / "site")
                runs[label].append(r)
                print(f"  run {i + 1} {label:>7}: {r['wall_s']:.2f}s wall, {r['cpu_s']:.2f}s cpu", flush=True)

        checks = check(root, desc)
        checks["plugin_source_unchanged"] = plugin_fingerprint() == fingerprint
        med = {label: {k: round(statistics.median(r[k] for r in rs), 3) for k in ("wall_s", "cpu_s")} for label, rs in runs.items()}
        ratios = {
            k: round(statistics.median(w[k] / wo[k] for w, wo in zip(runs["with"], runs["without"], strict=True)), 4)
            for k in ("wall_s", "cpu_s")
        }
        result = {
            "when": datetime.now(SHANGHAI).isoformat(timespec="seconds"),
            "args": {
                "pages": args.pages,
                "runs": args.runs,
                "warmup": args.warmup,
                "withhold": args.withhold,
                "seed": args.seed,
                "disclosure": not args.no_disclosure,
            },
            "machine": {"cpus": os.cpu_count(), **versions()},
            "plugin_source_sha256": fingerprint,
            "site": {k: v for k, v in desc.items() if k != "withheld"} | {"withheld_paths": desc["withheld"]},
            "generate_s": round(gen_s, 2),
            "runs": runs,
            "median": med,
            "ratio_with_over_without": ratios,
            "checks": checks,
            "workdir": str(root) if keep else None,
        }
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

        ok = (
            checks["same_page_set"]
            and not checks["withheld_present_in_output"]
            and checks["withheld_blocked_paths_match"]
            and not checks["column_index_pages_differing"]
        )
        print()
        print(f"pages: {args.pages} articles, {args.runs} timed pair(s) (A B alternating), {args.warmup} warm-up pair(s)")
        print(f"  with govreview : median {med['with']['wall_s']:.2f}s wall, {med['with']['cpu_s']:.2f}s cpu")
        print(f"  without        : median {med['without']['wall_s']:.2f}s wall, {med['without']['cpu_s']:.2f}s cpu")
        print(f"  ratio with/without (median of pairs): wall {ratios['wall_s']:.3f}, cpu {ratios['cpu_s']:.3f}")
        print(
            f"  output HTML pages: with {checks['pages_with']}, without {checks['pages_without']}"
            f"{'' if checks['same_page_set'] else '  (DIFFERENT page sets!)'}"
        )
        print(
            f"  withheld: {checks['withheld_in_report']} in the verdict report (expected {checks['withheld_expected']}), "
            f"{len(checks['withheld_present_in_output'])} present in the output"
        )
        print(
            f"  column index pages identical in both: {checks['column_index_pages_compared'] - len(checks['column_index_pages_differing'])}"
            f"/{checks['column_index_pages_compared']}"
        )
        if not checks["plugin_source_unchanged"]:
            print("  WARNING: govreview's source changed during the run; the timings mix versions")
        print(f"  checks {'passed' if ok else 'FAILED'}; results in {args.out}")
        return 0 if ok else 1
    finally:
        if not keep:
            shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
