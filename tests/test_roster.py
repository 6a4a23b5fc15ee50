"""The roster (R-18): people by name and title, dated role assignments, acting (代理) and
delegated (授权) holders with their period and the person who decided it, judged at each
review's server time. On a real git site (the build, ``check --json``, ``explain``), through
the fake GitHub (the pull-request comment) and the policy language (file:line problems)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from fakegithub import FakeGitHub
from github import Auth, Github
from gitsite import GitSite, article, run_govreview
from govreview.checkpr import check_pull, render_comment
from govreview.forge import Forge
from govreview.messages import person_name, render_people
from govreview.policy_yaml import load_policy
from govreview.policy_yaml.problems import PolicyError

#: A district bureau's office (办公室): its director 韩娜 heads it; the deputy director 王芳
#: acts for her during a week of leave (代理, appointed by the bureau chief), and 钱松 signs
#: for her under a written authorisation (授权) for the rest of May. 老周 was the head until
#: April; 孙敏 was given an authorisation by him that outlived his term.
ROSTER = """\
version: 1
site: {name: 测试区测试局, publisher: 测试区测试局}
units:
  office: 办公室
people:
  hana: {name: 韩娜, title: 办公室主任}
  wang: {name: 王芳, title: 办公室副主任}
  qian: {name: 钱松, title: 办公室科员}
  lao: {name: 周正, title: 原办公室主任}
  sun: {name: 孙敏, title: 办公室科员}
  dong: {name: 董立, title: 分管副局长}
  zhu: {name: 朱明, title: 局长}
  bao: {name: 包静, title: 保密审查员}
roles:
  head:
    name: 科室负责人
    units:
      office:
        - hana
        - {login: lao, until: 2026-04-30}
        - {login: xin, from: 2026-06-01}
    appointed_by: [chief]
    acting:
      - {holder: wang, for: hana, kind: 代理, from: 2026-05-12, until: 2026-05-15, by: zhu}
      - {holder: qian, for: hana, kind: 授权, from: 2026-05-18, until: 2026-05-31, by: hana}
      - {holder: sun, for: hana, kind: 授权, from: 2026-04-20, until: 2026-05-31, by: lao}
  deputy: {name: 分管领导, units: {office: [dong]}}
  chief: {name: 主要领导, members: [zhu]}
  secrecy: {name: 保密审查员, members: [bao]}
  owners: {name: 规则负责人, members: [gui]}
  committee: {name: 保密委员会, members: [wei]}
secrecy: {label: 保密审查通过, role: secrecy}
screening: {clear: {role: committee}}
categories:
  news:
    name: 工作动态
    rules: [R-10]
    steps: [{role: head}, {role: deputy}]
  policy:
    name: 规则与配置
    secrecy_review: false
    steps: [{role: owners}]
columns:
  .: {name: 首页, category: news, unit: office}
  news: {name: 工作动态, category: news, unit: office}
"""

#: page -> (when the head's step is given, China time, as UTC; who gives it)
PAGES: dict[str, tuple[datetime, str]] = {
    "news/acting-inside.md": (datetime(2026, 5, 12, 2, 0, tzinfo=UTC), "wang"),  # 5-12 10:00 China: inside
    "news/expired.md": (datetime(2026, 5, 12, 4, 0, tzinfo=UTC), "lao"),  # his term ended on 4-30
    "news/by-not-holder.md": (datetime(2026, 5, 12, 6, 0, tzinfo=UTC), "sun"),  # decided by lao, no longer head
    "news/acting-last-day.md": (datetime(2026, 5, 15, 15, 0, tzinfo=UTC), "wang"),  # 5-15 23:10 China: still inside
    "news/acting-after.md": (datetime(2026, 5, 15, 16, 30, tzinfo=UTC), "wang"),  # 5-16 00:30 China: outside
    "news/delegated.md": (datetime(2026, 5, 19, 2, 0, tzinfo=UTC), "qian"),  # 授权 by the head herself
}
PUBLISHED = {"news/acting-inside.md", "news/acting-last-day.md", "news/delegated.md"}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> GitSite:
    s = GitSite(tmp_path_factory.mktemp("roster"), policy=ROSTER)
    s.approve_inputs()
    s.merge_in_turn(["docs/index.md"], [("approve", "hana"), ("approve", "dong"), ("label", "bao")])
    for rel, (at, head) in PAGES.items():
        s.write(f"docs/{rel}", article(f"页面 {rel}"))
        s.commit(rel)
        s.clock = at - timedelta(minutes=20)  # the push ten minutes before, the head's review at ``at``
        s.merge_in_turn([f"docs/{rel}"], [("approve", head), ("approve", "dong"), ("label", "bao")])
        assert s.pulls[-1].reviews[0].submitted_at == at
    return s


@pytest.fixture(scope="module")
def built(site: GitSite) -> tuple[str, dict[str, dict]]:
    result = site.build()
    assert result.returncode == 0, result.log
    report = json.loads((site.root / ".govreview" / "report.json").read_text(encoding="utf-8"))
    return result.log, {f["path"]: f for f in report["files"]}


def notes(entry: dict, code: str) -> list[str]:
    return [n["message"] for n in entry["notes"] if n["code"] == code]


def test_exactly_the_approvals_of_people_holding_the_role_then_publish(site: GitSite, built: tuple[str, dict[str, dict]]) -> None:
    _, files = built
    for rel in PAGES:
        html = site.html(rel.removesuffix(".md") + "/index.html")
        assert (html is not None) is (rel in PUBLISHED), (rel, files[rel]["reasons"])
        assert files[rel]["approved"] is (rel in PUBLISHED), (rel, files[rel]["reasons"])


def test_an_acting_holder_counts_inside_the_period_and_says_so(built: tuple[str, dict[str, dict]]) -> None:
    _, files = built
    entry = files["news/acting-inside.md"]
    assert entry["steps"][0]["filled_by"] == ["wang"]
    assert entry["steps"][0]["people"] == "办公室副主任 王芳", "who approved: name and title, no account"
    (note,) = notes(entry, "acting_counted")
    assert note == (
        "办公室副主任 王芳 以代理“科室负责人”办公室主任 韩娜的身份审批（2026-05-12 至 2026-05-15，由 局长 朱明 决定），计入 [R-18]"
    )
    last_day = files["news/acting-last-day.md"]
    assert last_day["approved"] and notes(last_day, "acting_counted"), "the last day counts to midnight in China"


def test_an_acting_holder_does_not_count_after_the_period(built: tuple[str, dict[str, dict]]) -> None:
    _, files = built
    entry = files["news/acting-after.md"]
    assert [r["code"] for r in entry["reasons"]] == ["step_missing"]
    assert entry["steps"][0]["filled_by"] == []
    (note,) = notes(entry, "acting_outside")
    assert "2026-05-12 至 2026-05-15" in note and "2026-05-16 00:30:00" in note and "办公室副主任 王芳" in note
    assert notes(entry, "acting_counted") == []
    # who can still approve: the head by name, title and account (the acting holder no longer)
    assert "办公室主任 韩娜（@hana）" in entry["reasons"][0]["message"] and "王芳" not in entry["reasons"][0]["message"]


def test_an_expired_assignment_does_not_count(built: tuple[str, dict[str, dict]]) -> None:
    _, files = built
    entry = files["news/expired.md"]
    assert [r["code"] for r in entry["reasons"]] == ["step_missing"] and entry["steps"][0]["filled_by"] == []
    assert "周正" not in entry["reasons"][0]["message"], "a former head is not offered as someone who can approve"


def test_a_delegation_decided_by_someone_no_longer_holding_the_role_does_not_count(built: tuple[str, dict[str, dict]]) -> None:
    _, files = built
    entry = files["news/by-not-holder.md"]
    assert [r["code"] for r in entry["reasons"]] == ["step_missing"]
    (note,) = notes(entry, "acting_by_not_holder")
    assert "办公室科员 孙敏" in note and "原办公室主任 周正" in note and "2026-05-12 14:00:00" in note


def test_a_delegation_by_the_holder_counts(built: tuple[str, dict[str, dict]]) -> None:
    _, files = built
    entry = files["news/delegated.md"]
    assert entry["approved"] and entry["steps"][0]["filled_by"] == ["qian"]
    (note,) = notes(entry, "acting_counted")
    assert "以授权“科室负责人”办公室主任 韩娜的身份" in note and "由 办公室主任 韩娜 决定" in note


def test_the_build_log_names_people_by_name_and_title(built: tuple[str, dict[str, dict]]) -> None:
    log, _ = built
    (line,) = [ln for ln in log.splitlines() if "acting-after.md" in ln and "科室负责人" in ln]
    assert "办公室主任 韩娜（@hana）" in line


def test_explain_names_people_by_name_and_title(site: GitSite, built: tuple[str, dict[str, dict]]) -> None:
    out = run_govreview(site.root, "explain", "docs/news/acting-inside.md")
    assert out.returncode == 0, out.stderr
    assert "由 办公室副主任 王芳 审批" in out.stdout or "办公室副主任 王芳" in out.stdout.split("代理")[0]
    assert "分管副局长 董立" in out.stdout and "@dong" not in out.stdout
    blocked = run_govreview(site.root, "explain", "docs/news/acting-after.md")
    assert "办公室主任 韩娜（@hana）" in blocked.stdout and "不在期限内" in blocked.stdout
    english = run_govreview(site.root, "explain", "docs/news/acting-after.md", lang="en")
    assert "办公室主任 韩娜 (@hana)" in english.stdout and "is outside it" in english.stdout


# -- the pull-request comment ----------------------------------------------------------------


@pytest.fixture
def fake():
    with FakeGitHub() as server:
        yield server


def test_the_pr_comment_names_approvers_and_who_can_approve(fake: FakeGitHub) -> None:
    from gitsite import MKDOCS

    repo = fake.repo("city/site")
    repo.push("main", {"mkdocs.yml": MKDOCS, "policies/site.yml": ROSTER, "docs/index.md": article("首页")}, actor="admin")
    pr = repo.open_pull("ed", "acting", files={"docs/news/a.md": article("动态")})
    pr.review("wang", at=datetime(2026, 5, 13, 2, 0, tzinfo=UTC))  # inside the acting period
    pr.label("保密审查通过", actor="bao", at=datetime(2026, 5, 13, 3, 0, tzinfo=UTC))
    client = Github(base_url=fake.url, auth=Auth.Token("t"), seconds_between_requests=0, seconds_between_writes=0, retry=None)
    now = datetime(2026, 5, 13, 4, 0, tzinfo=UTC)
    body = render_comment(check_pull(Forge(client, "city/site"), pr.number, now=now))
    assert "| 科室负责人 | ✅ | 办公室副主任 王芳 |" in body
    assert "| 分管领导 | ❌ | 可审批：分管副局长 董立（@dong） |" in body
    assert "| 保密审查 | ✅ | 保密审查员 包静 |" in body
    assert "以代理“科室负责人”办公室主任 韩娜的身份审批" in body
    # the same review a week later is outside the period: not counted, and the comment says why
    pr2 = repo.open_pull("ed", "late", files={"docs/news/b.md": article("动态")})
    pr2.review("wang", at=datetime(2026, 5, 20, 2, 0, tzinfo=UTC))
    later = render_comment(check_pull(Forge(client, "city/site"), pr2.number, now=datetime(2026, 5, 20, 3, 0, tzinfo=UTC)))
    assert "| 科室负责人 | ❌ | 可审批：办公室主任 韩娜（@hana）、办公室科员 钱松（@qian） |" in later
    assert "不在期限内" in later


# -- one way to name a person ------------------------------------------------------------------


def test_a_person_is_named_one_way_everywhere() -> None:
    policy = load_policy({"policies/site.yml": ROSTER}, base=Path("."))
    assert person_name("hana", policy.people) == "办公室主任 韩娜"
    assert person_name("HANA", policy.people, "zh", with_login=True) == "办公室主任 韩娜（@hana）"
    assert person_name("hana", policy.people, "en", with_login=True) == "办公室主任 韩娜 (@hana)"
    assert person_name("gui", policy.people) == "gui", "a login outside the roster is shown as the login"
    assert person_name("city/leaders", policy.people) == "@city/leaders"
    assert render_people(["hana", "gui"], "zh", policy.people) == "办公室主任 韩娜（@hana）、@gui"
    assert render_people([], "zh", policy.people) == "（无人）"


# -- the policy language ---------------------------------------------------------------------


def problems(text: str) -> list[tuple[int | None, str]]:
    with pytest.raises(PolicyError) as err:
        load_policy({"policies/site.yml": text}, base=Path("."))
    return [(p.line, p.text("zh")) for p in err.value.problems]


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), start=1) if needle in line)


def test_a_delegation_by_someone_who_cannot_hold_the_role_is_refused() -> None:
    text = ROSTER.replace(
        "kind: 授权, from: 2026-05-18, until: 2026-05-31, by: hana", "kind: 授权, from: 2026-05-18, until: 2026-05-31, by: bao"
    )
    ((line, said),) = problems(text)
    assert line == line_of(text, "by: bao")
    assert "bao" in said and "科室负责人" in said and "appointed_by" in said and "R-18" in said


@pytest.mark.parametrize(
    ("old", "new", "needle", "words"),
    [
        ("kind: 代理", "kind: 代办", "kind: 代办", "应为“代理”或“授权”"),
        ("until: 2026-05-15, by: zhu", "until: 2026-05-01, by: zhu", "until: 2026-05-01", "早于起始日 2026-05-12"),
        ("{holder: wang, for: hana", "{holder: wang, for: feng", "for: feng", "不是这个角色的成员"),
        ("{holder: wang, for: hana", "{holder: hana, for: hana", "holder: hana, for: hana", "不能代理自己"),
        ("{login: lao, until: 2026-04-30}", "{login: lao, until: 四月底}", "until: 四月底", "必须是日期"),
        ("{login: lao, until: 2026-04-30}", "{login: lao}", "login: lao", "没有 from 或 until"),
        ("{login: lao, until: 2026-04-30}", "{login: city/old, until: 2026-04-30}", "city/old", "团队 city/old 不能带任职期限"),
        ("  hana: {name: 韩娜, title: 办公室主任}", "  hana: {title: 办公室主任}", "hana: {title", "缺少 name"),
        ("  hana: {name: 韩娜, title: 办公室主任}", "  hana: {name: 韩娜, titel: 办公室主任}", "titel", "titel"),
        (
            "      - {holder: wang, for: hana, kind: 代理, from: 2026-05-12, until: 2026-05-15, by: zhu}\n",
            "      - {holder: wang, for: hana, kind: 代理, until: 2026-05-15, by: zhu}\n",
            "holder: wang",
            "缺少 from",
        ),
    ],
    ids=["kind", "backwards", "principal", "self", "date", "no-dates", "team-term", "no-name", "unknown-key", "no-from"],
)
def test_roster_mistakes_name_the_line(old: str, new: str, needle: str, words: str) -> None:
    assert old in ROSTER
    text = ROSTER.replace(old, new)
    found = problems(text)
    assert len(found) == 1, found
    ((line, said),) = found
    assert line == line_of(text, needle), said
    assert words in said, said


def test_plain_login_lists_keep_working_and_nobody_is_named_without_a_roster() -> None:
    from gitsite import POLICY

    policy = load_policy({"policies/site.yml": POLICY}, base=Path("."))
    assert policy.people == {} and policy.roles["head"].members_for("office") == ("hana",)
    assert person_name("hana", policy.people, with_login=True) == "@hana"


# -- the guide ---------------------------------------------------------------------------------

GUIDE = Path(__file__).resolve().parent.parent / "guide" / "policy-language.md"
REST = """\
version: 1
site: {name: 测试区测试局, publisher: 测试区测试局}
units: {office: 办公室}
roles:
  secrecy: {name: 保密审查员, members: [bao]}
  owners: {name: 规则负责人, members: [gui]}
  committee: {name: 保密委员会, members: [wei]}
secrecy: {label: 保密审查通过, role: secrecy}
screening: {clear: {role: committee}}
categories:
  news: {name: 工作动态, steps: [{role: unit_head}]}
  policy: {name: 规则与配置, secrecy_review: false, steps: [{role: owners}]}
columns:
  news: {name: 工作动态, category: news, unit: office}
"""


def test_the_guides_roster_example_loads_and_judges_as_it_says() -> None:
    from evidence import PR
    from govreview.core.evidence_rules import holds

    text = GUIDE.read_text(encoding="utf-8").split("## 人员名册与代理、授权")[1].split("```yaml\n")[1].split("```")[0]
    policy = load_policy({"policies/people.yml": text, "policies/site.yml": REST}, base=Path("."))
    assert person_name("wang-fang", policy.people) == "办公室副主任 王芳"
    role = policy.roles["unit_head"]
    assert [(a.holder, a.kind, a.by) for a in role.acting] == [("wang-fang", "acting", "zhu-ming"), ("qian-song", "delegated", "han-na")]
    pull = PR().push(0, {"docs/news/a.md": "blob-a"}).merged()

    def held(login: str, at: datetime) -> bool:
        return holds(login, ("unit_head",), "office", policy, pull, [], at)

    # as the guide says: 5-15 23:00 China is inside the acting period, 5-16 00:30 is not
    assert held("wang-fang", datetime(2026, 5, 15, 15, 0, tzinfo=UTC))
    assert not held("wang-fang", datetime(2026, 5, 15, 16, 30, tzinfo=UTC))
    assert held("zhou-zheng", datetime(2026, 4, 30, 15, 59, tzinfo=UTC)) and not held(
        "zhou-zheng", datetime(2026, 4, 30, 16, 0, tzinfo=UTC)
    )
    assert not held("xu-lan", datetime(2026, 5, 31, 12, 0, tzinfo=UTC)) and held("xu-lan", datetime(2026, 6, 1, 0, 0, tzinfo=UTC))
    assert held("qian-song", datetime(2026, 5, 20, 2, 0, tzinfo=UTC)) and not held("qian-song", datetime(2026, 5, 13, 2, 0, tzinfo=UTC))


# -- the roster as judged, recorded at sync ----------------------------------------------------


def test_sync_records_the_roster_as_judged_and_the_offline_gate_counts_the_acting_holder(fake: FakeGitHub, tmp_path: Path) -> None:
    from gitsite import MKDOCS
    from govreview.archive_jsonl import read_archive
    from govreview.core.evidence import ArchiveIndex
    from govreview.core.gate import judge
    from govreview.core.page import SourceFile
    from govreview.frontmatter import blob_id, read_front_matter
    from govreview.sync import sync

    repo = fake.repo("city/site")
    repo.push("main", {"mkdocs.yml": MKDOCS, "policies/site.yml": ROSTER, "docs/index.md": article("首页")}, actor="admin")
    text = article("代理期间的动态")
    pr = repo.open_pull("ed", "acting", files={"docs/news/a.md": text})
    pr.review("wang", at=datetime(2026, 5, 13, 2, 0, tzinfo=UTC))
    pr.review("dong", at=datetime(2026, 5, 13, 2, 30, tzinfo=UTC))
    pr.label("保密审查通过", actor="bao", at=datetime(2026, 5, 13, 3, 0, tzinfo=UTC))
    pr.merge("lin", at=datetime(2026, 5, 13, 4, 0, tzinfo=UTC))
    client = Github(base_url=fake.url, auth=Auth.Token("t"), seconds_between_requests=0, seconds_between_writes=0, retry=None)
    path = tmp_path / "approvals.jsonl"
    assert sync(Forge(client, "city/site"), path).added == [pr.number]

    archive = read_archive(path)
    (roster,) = archive.rosters
    assert roster.pull == pr.number and roster.policy == archive.pulls[0].policy
    wang = roster.person("wang")
    assert wang is not None and (wang.name, wang.title) == ("王芳", "办公室副主任")
    (acting,) = wang.assignments
    assert (acting.role, acting.acting, acting.delegated_by, acting.principal) == ("head", True, "zhu", "hana")
    assert acting.valid_from is not None and acting.valid_from.isoformat() == "2026-05-12T00:00:00+08:00"
    assert acting.valid_to is not None and acting.valid_to.isoformat() == "2026-05-16T00:00:00+08:00", "until 5-15 inclusive"
    assert acting.holds_at(datetime(2026, 5, 13, 2, 0, tzinfo=UTC)) and not acting.holds_at(datetime(2026, 5, 15, 16, 0, tzinfo=UTC))
    lao = roster.person("lao")
    assert lao is not None and [(a.unit, a.valid_from, a.valid_to and a.valid_to.isoformat()) for a in lao.assignments] == [
        ("office", None, "2026-05-01T00:00:00+08:00")
    ]
    qian = roster.person("qian")
    assert qian is not None and [(a.acting, a.delegated_by) for a in qian.assignments] == [(False, "hana")], "授权: delegated, not acting"
    assert roster.person("gui") is None, "a login outside the roster has no name to record"

    data = text.encode()
    fm = read_front_matter(data)
    source = SourceFile("news/a.md", "docs/news/a.md", blob_id(data), "page", fm.meta, fm.lines, fm.problem)
    verdict = judge(source, ArchiveIndex(archive.pulls), {pid: load_policy(files) for pid, files in archive.policies.items()})
    assert verdict.approved, verdict.reasons
    assert [n.code for n in verdict.notes if n.code.startswith("acting")] == ["acting_counted"]


# -- one authority, counted once ---------------------------------------------------------------


def test_an_acting_holder_and_the_person_they_stand_in_for_count_once() -> None:
    from evidence import POLICY_ID, PR, index, page
    from evidence import START as EVIDENCE_START
    from govreview.core.gate import judge

    # a 会签 step of two heads: the head and her own acting deputy are one authority
    text = ROSTER.replace("steps: [{role: head}, {role: deputy}]", "steps: [{role: head, count: 2}, {role: deputy}]")
    policy = load_policy({"policies/site.yml": text}, base=Path("."))
    minutes = (datetime(2026, 5, 13, 2, 0, tzinfo=UTC) - EVIDENCE_START).total_seconds() / 60  # inside wang's period
    pr = PR().push(minutes - 10, {"docs/news/a.md": "b1"}).approve("hana", minutes).approve("wang", minutes + 1)
    pr = pr.approve("dong", minutes + 2).label("保密审查通过", "bao", minutes + 3)
    v = judge(page("news/a.md", "b1"), index(pr.merged(minutes + 4)), {POLICY_ID: policy})
    assert [r.code for r in v.reasons] == ["step_missing"] and v.steps[0].filled_by == ("hana",)
    (note,) = [n for n in v.notes if n.code == "acting_beside_principal"]
    assert note.params["login"] == "wang" and note.params["principal"] == "hana"
    from govreview.messages import render

    said = render(note, "zh", policy.people)
    assert "办公室副主任 王芳" in said and "只计 办公室主任 韩娜 本人的一次" in said
