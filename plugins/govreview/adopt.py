"""``govreview adopt``: bring an existing MkDocs site under the gate without withholding
what is already public (R-11: what leaders approved on paper needs no new form).

In the site's work tree it

1. gives every page the YAML front matter the gate reads (a ``title`` from the first
   heading; MultiMarkdown meta lines as YAML) — :mod:`govreview.core.adoption`;
2. moves snippet files out of ``docs_dir`` (a file there is published as a page) into
   ``snippets/`` and points ``pymdownx.snippets`` there;
3. adds the govreview plugin to ``mkdocs.yml`` and, where there is none, writes a starting
   policy from the folder structure (every folder of ``docs_dir`` a column);
4. writes a new approval archive holding one ``baseline`` record per file that is public
   today — a page whose rendered text is in the deployed page at its address, a file byte
   for byte the deployed one, and the build inputs the office adopts with it — and a table
   (CSV, for Excel/WPS) of every file and why it is or is not in the baseline.

The deployed site (``--deployed``: the site folder as it is served, or its artifact) says
what is public; the repository alone never does. A page changed since it was deployed is
not in the baseline: it is withheld until approved like any change.
"""

from __future__ import annotations

import csv
import io
import json
import os
import posixpath
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML

from . import messages
from .archive_jsonl import encode_archive, parse_archive
from .core.adoption import converted, is_deployed
from .core.lifecycle import page_url
from .core.policy import POLICY_CATEGORY, is_team
from .frontmatter import MARKDOWN_SUFFIXES, YAML_RE, blob_id
from .gittree import GitError, git
from .messages import Message, msg, say
from .policy_yaml import PolicyError, load_policy_dir
from .render_preview import Preview, PreviewUnavailable
from .site_config import yaml_values

SNIPPETS = "snippets"
#: ``--8<-- "file"`` (inline) and the block form's lines (pymdownx.snippets).
_SNIPPET_LINE = re.compile(r"""^(?P<lead>\s*;?-{1,}8<-{1,}\s+)(?P<q>["'])(?P<path>[^"'\n]+)(?P=q)""", re.MULTILINE)
_SNIPPET_ANY = re.compile(r"^\s*;?-{1,}8<-{1,}.*$", re.MULTILINE)
#: Files the starting policy says the build does not read.
NOT_READ = ["README.md", "README", "LICENSE", ".github/", ".gitignore", "requirements.txt"]


class AdoptError(messages.Problem):
    def __str__(self) -> str:
        return self.text(messages.lang_of())


@dataclass
class Row:
    path: str
    status: str  # baseline | changed | not_public | unreadable | input | not_read
    note: str = ""


@dataclass
class Adopted:
    rows: list[Row] = field(default_factory=list)
    converted: list[str] = field(default_factory=list)
    moved: dict[str, str] = field(default_factory=dict)  # old path -> new path
    wrote_policy: bool = False
    notes: list[Message] = field(default_factory=list)  # said after the summary

    def count(self, status: str) -> int:
        return sum(1 for r in self.rows if r.status == status)


def _tracked(root: Path) -> list[str]:
    try:
        out = git(root, "ls-files", "-z")
    except GitError as err:
        raise AdoptError(msg("adopt_not_git", root=root, error=str(err))) from None
    try:
        changed = git(root, "status", "--porcelain=v1", "-z", "--untracked-files=no")
    except GitError as err:
        raise AdoptError(msg("adopt_not_git", root=root, error=str(err))) from None
    if changed.strip(b"\0"):
        # The baseline is of committed files; an earlier run's moves and edits not yet committed
        # would leave them out of it (or read what the index no longer has).
        raise AdoptError(msg("adopt_uncommitted", root=root))
    return sorted(p for p in out.decode("utf-8", "surrogateescape").split("\0") if p)


def _first_added(root: Path) -> dict[str, date]:
    """When each path was first committed (one ``git log`` for all), as a day in China:
    the best a repository knows of when a page went up before the archive existed."""
    from .timefmt import shanghai

    out = git(root, "log", "--reverse", "--diff-filter=A", "--name-only", "--format=\x01%cI", "-z").decode("utf-8", "surrogateescape")
    first: dict[str, date] = {}
    when: date | None = None
    for part in out.replace("\n", "\0").split("\0"):
        if part.startswith("\x01"):
            when = shanghai(datetime.fromisoformat(part[1:])).date()
        elif part and when is not None:
            first.setdefault(part, when)
    return first


def _yaml() -> YAML:
    y = YAML()  # round trip: comments, order and tags (!ENV, !!python/name) are kept
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)  # the usual mkdocs.yml layout ("  - item")
    return y


def _snippet_options(config: dict[str, Any]) -> dict[str, Any] | None:
    for entry in config.get("markdown_extensions") or []:
        name, options = (entry, None) if isinstance(entry, str) else next(iter(entry.items()), (None, None))
        if isinstance(name, str) and name.split(":")[0] == "pymdownx.snippets":
            return options if isinstance(options, dict) else {}
    return None


def _page_file(rel: str, directory_urls: bool) -> str:
    """The file MkDocs writes a page to (``news/a.md`` → ``news/a/index.html``): its address
    (:func:`govreview.core.lifecycle.page_url`), with ``index.html`` where it names a folder."""
    url = page_url(rel, directory_urls)
    return url + "index.html" if url == "" or url.endswith("/") else url


def adopt(
    root: Path,
    deployed: Path,
    source: str,
    by: str,
    archive_out: Path,
    report_out: Path,
    config: str = "mkdocs.yml",
    now: datetime | None = None,
    lang: str | None = None,
) -> Adopted:
    """Adopt the site in the work tree ``root``. Raises AdoptError (nothing written then)."""
    now = now or datetime.now(UTC)
    if not source.strip() or not by.strip():
        raise AdoptError(msg("adopt_source_needed"))
    if not deployed.is_dir():
        raise AdoptError(msg("adopt_no_deployed", path=deployed))
    if archive_out.exists():
        raise AdoptError(msg("adopt_archive_exists", path=archive_out))
    policies = root / "policies"
    owner_note = _recorder_holds_policy_role(policies, by, now, lang) if policies.exists() else None
    config_path = root / config
    try:
        config_text = config_path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise AdoptError(msg("adopt_no_config", path=config_path, error=str(err))) from None
    values = yaml_values(config_text)
    if not isinstance(values, dict):
        raise AdoptError(msg("adopt_no_config", path=config_path, error="not a mapping"))
    docs_dir = str(values.get("docs_dir") or "docs").strip("/")
    directory_urls = values.get("use_directory_urls", True) is not False
    tracked = _tracked(root)
    first = _first_added(root)
    result = Adopted()
    if owner_note is not None:
        result.notes.append(owner_note)

    pages = [p for p in tracked if p.startswith(docs_dir + "/") and p.endswith(MARKDOWN_SUFFIXES)]
    texts: dict[str, str] = {}
    for path in pages:
        try:
            texts[path] = (root / path).read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
        except UnicodeDecodeError:
            result.rows.append(Row(path, "unreadable", say(msg("adopt_not_utf8"), lang)))

    # 1. snippets out of docs_dir
    snippet_options = _snippet_options(values)
    if snippet_options is not None:
        bases = snippet_options.get("base_path", ["."])
        bases = [bases] if isinstance(bases, str) else [b for b in bases if isinstance(b, str)]
        for text in list(texts.values()):
            for m in _SNIPPET_LINE.finditer(text):
                ref = m.group("path").split(":")[0]
                for base in bases:
                    target = posixpath.normpath(posixpath.join(base, ref))
                    if target.startswith(docs_dir + "/") and target in tracked:
                        result.moved[target] = posixpath.join(SNIPPETS, target[len(docs_dir) + 1 :])
                        break
        for old in result.moved:
            texts.pop(old, None)
        if result.moved:
            for path, text in texts.items():
                texts[path] = _SNIPPET_LINE.sub(lambda m: _moved_ref(m, bases, docs_dir, result.moved), text)

    # 2. front matter
    for path, text in texts.items():
        done = converted(text, _mkdocs_title(path[len(docs_dir) + 1 :]))
        if done.changed or done.text != text:
            result.converted.append(path)
        texts[path] = done.text

    # Everything is decided: write it.
    for old, new in result.moved.items():
        target = root / new
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(root / old, target)
    for path, text in texts.items():
        (root / path).write_bytes(text.encode("utf-8"))
    _configure(config_path, result, snippet_options is not None)
    if not (root / "policies").exists():
        _starter_policy(root / "policies", values, docs_dir, tracked, by)
        result.wrote_policy = True

    # 3. the baseline
    preview = _preview(values)
    search = [SNIPPETS] if result.moved else []
    search += [b for b in (snippet_options or {}).get("base_path", ["."]) if isinstance(b, str)] if snippet_options is not None else []

    def snippet_text(ref: str) -> str | None:
        for base in search:
            candidate = root / posixpath.normpath(posixpath.join(base, ref))
            if candidate.is_file() and candidate.resolve().is_relative_to(root.resolve()):
                try:
                    return candidate.read_text(encoding="utf-8-sig")
                except (OSError, UnicodeDecodeError):
                    return None
        return None

    now_tracked = [p for p in tracked if p not in result.moved] + list(result.moved.values())
    if result.wrote_policy:
        now_tracked += [p.relative_to(root).as_posix() for p in sorted((root / "policies").iterdir())]
    records: list[dict[str, Any]] = []
    unreadable = {r.path for r in result.rows}
    not_read = NOT_READ
    for path in sorted(set(now_tracked)):
        if path in unreadable:
            continue
        data = (root / path).read_bytes()
        record = {"type": "baseline", "path": path, "blob": blob_id(data), "source": source, "recorded_by": by, "at": _iso(now)}
        if path.startswith(docs_dir + "/"):
            rel = path[len(docs_dir) + 1 :]
            published = deployed / (_page_file(rel, directory_urls) if path.endswith(MARKDOWN_SUFFIXES) else rel)
            status = _public(texts.get(path), data, published, preview, snippet_text)
            result.rows.append(Row(path, status))
            if status != "baseline":
                continue
            if path in first:
                record["published_on"] = first[path].isoformat()
        elif any(path == n.rstrip("/") or (n.endswith("/") and path.startswith(n)) for n in not_read):
            result.rows.append(Row(path, "not_read"))
            continue
        else:
            result.rows.append(Row(path, "input"))
        records.append(record)
    data = encode_archive(records)
    parse_archive(data, str(archive_out))  # what is written must read back
    archive_out.parent.mkdir(parents=True, exist_ok=True)
    with open(archive_out, "xb") as out:
        out.write(data)
    _write_report(report_out, result.rows, lang)
    return result


def _mkdocs_title(rel: str) -> str:
    """The title MkDocs gives a page with no title and no level-1 heading (so the page keeps
    the title it is published with): "Home" for the home page, else the file's (or, for an
    index page, its folder's) name with dashes and underscores as spaces, capitalised when
    written in lower case."""
    stem = posixpath.splitext(posixpath.basename(rel))[0]
    if stem in ("index", "README"):
        folder = posixpath.dirname(rel)
        if not folder:
            return "Home"
        stem = posixpath.basename(folder)
    title = stem.replace("-", " ").replace("_", " ")
    return title.capitalize() if title.lower() == title else title


def _iso(t: datetime) -> str:
    return t.astimezone(UTC).isoformat().replace("+00:00", "Z")


def _moved_ref(m: re.Match[str], bases: list[str], docs_dir: str, moved: dict[str, str]) -> str:
    ref, _, rest = m.group("path").partition(":")
    for base in bases:
        target = posixpath.normpath(posixpath.join(base, ref))
        if target in moved:
            new = moved[target][len(SNIPPETS) + 1 :]
            return f"{m.group('lead')}{m.group('q')}{new}{':' + rest if rest else ''}{m.group('q')}"
    return m.group(0)


def _preview(values: dict[str, Any]) -> Preview | None:
    extensions = values.get("markdown_extensions") or []
    try:
        return Preview(tuple(extensions) if isinstance(extensions, list) else ())
    except PreviewUnavailable:
        return None


def _public(text: str | None, data: bytes, published: Path, preview: Preview | None, snippet: Callable[[str], str | None]) -> str:
    """``baseline`` when the file is public today as it is in the repository; else why not."""
    if not published.is_file():
        return "not_public"
    if text is None:  # not a page: the deployed copy is the file itself
        return "baseline" if published.read_bytes() == data else "changed"
    if preview is None:
        return "changed"
    m = YAML_RE.match(text)
    body = text[m.end() :] if m else text
    # A snippet's text is in the deployed page: put it in as pymdownx.snippets does (its file
    # is a build input of the baseline); an unknown or block-form snippet leaves the line out.
    body = _SNIPPET_LINE.sub(lambda s: snippet(s.group("path").split(":")[0]) or "", body)
    body = _SNIPPET_ANY.sub("", body)
    rendered = preview.render(body, {})
    if rendered is None:
        return "changed"
    deployed_html = published.read_text(encoding="utf-8", errors="replace")
    title = _title_of(text[: m.end()] if m else "")
    return "baseline" if is_deployed(rendered.text, title, deployed_html) else "changed"


def _title_of(front_matter: str) -> str:
    values = yaml_values(front_matter.strip().strip("-")) if front_matter else None
    title = values.get("title") if isinstance(values, dict) else None
    return title if isinstance(title, str) else ""


def _configure(config_path: Path, result: Adopted, has_snippets: bool) -> None:
    """The govreview plugin in ``plugins``; the snippet folder in ``pymdownx.snippets``."""
    y = _yaml()
    doc = y.load(config_path.read_text(encoding="utf-8-sig"))
    plugins = doc.get("plugins")
    if plugins is None:
        doc["plugins"] = ["search", "govreview"]  # MkDocs' default plugin list is [search]
    elif not any((p if isinstance(p, str) else next(iter(p), "")) == "govreview" for p in plugins):
        plugins.append("govreview")
    if has_snippets and result.moved:
        for i, entry in enumerate(doc.get("markdown_extensions") or []):
            name = entry if isinstance(entry, str) else next(iter(entry), "")
            if name.split(":")[0] != "pymdownx.snippets":
                continue
            if isinstance(entry, str):
                doc["markdown_extensions"][i] = {entry: {"base_path": [SNIPPETS]}}
            else:
                options = entry[name] if entry[name] is not None else {}
                old = options.get("base_path", ["."])
                options["base_path"] = [SNIPPETS, *([old] if isinstance(old, str) else list(old))]
                entry[name] = options
    out = io.StringIO()
    y.dump(doc, out)
    config_path.write_text(out.getvalue(), encoding="utf-8")


def _recorder_holds_policy_role(folder: Path, by: str, now: datetime, lang: str | None) -> Message | None:
    """The baseline approves build inputs (configuration, overrides, the policy itself) as the
    policy's own category does: whoever records it must hold a role of that category's chain
    (invariant 3). Raises AdoptError when ``by`` holds none of them; a note when the chain names
    teams, whose members cannot be read here."""
    try:
        policy = load_policy_dir(folder)
    except PolicyError as err:
        raise AdoptError(msg("adopt_policy_invalid", error=err.text(lang))) from None
    category = policy.categories.get(POLICY_CATEGORY)
    roles = [policy.roles[r] for step in (category.steps if category else ()) for r in step.roles if r in policy.roles]
    holders = [m for role in roles for m in role.members_at(None, now)] + [
        m for role in roles for unit in role.unit_members for m in role.members_at(unit, now)
    ]
    if by.lower() in {h.lower() for h in holders if not is_team(h)}:
        return None
    names = "、".join(dict.fromkeys(role.name for role in roles)) or POLICY_CATEGORY
    teams = [h for h in holders if is_team(h)]
    if teams:
        return msg("adopt_recorder_in_team", by=by, roles=names, teams=list(dict.fromkeys(teams)))
    raise AdoptError(msg("adopt_recorder_not_owner", by=by, roles=names, holders=list(dict.fromkeys(holders))))


def _starter_policy(folder: Path, values: dict[str, Any], docs_dir: str, tracked: Iterable[str], by: str) -> None:
    """A policy to start from: one unit, the roles a chain needs (all held by ``by`` until the
    office names the real people), one category, and a column per folder of ``docs_dir``."""
    name = str(values.get("site_name") or "本站")
    folders = sorted({p[len(docs_dir) + 1 :].split("/")[0] for p in tracked if p.startswith(docs_dir + "/") and p.count("/") > 1})
    columns = "\n".join(f"  {_key(f)}: {{name: {_quoted(f)}, category: general, unit: office}}" for f in folders)
    text = f"""\
# 由 govreview adopt 生成的起步规则：请网站办公室把每个角色换成真实的账号，按本单位的审批办法补充类别与栏目，
# 经发布规则负责人审批后生效（语言说明见 guide/policy-language.md）。
version: 1

site:
  name: {_quoted(name)}
  publisher: {_quoted(name)}

units:
  office: 办公室

roles:
  unit_head: {{name: 处室负责人, members: [{by}]}}
  deputy_leader: {{name: 分管领导, members: [{by}]}}
  secrecy_reviewer: {{name: 保密审查员, members: [{by}]}}
  web_office: {{name: 网站信息管理员, members: [{by}]}}
  policy_owner: {{name: 发布规则负责人, members: [{by}]}}
  secrecy_committee: {{name: 保密委员会, members: [{by}]}}

secrecy:
  label: 保密审查通过
  role: secrecy_reviewer

screening:
  clear: {{role: secrecy_committee}}

categories:
  general:
    name: 一般信息
    rules: [R-10]
    steps: [{{role: unit_head}}, {{role: deputy_leader}}]
  policy:
    name: 发布规则与站点配置
    steps: [{{role: policy_owner}}]
    secrecy_review: false

columns:
  .: {{name: 首页, category: general, unit: office}}
{columns}

build:
  not_read:
{chr(10).join(f"    - {n}" for n in NOT_READ)}
"""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "site.yml").write_text(text, encoding="utf-8")


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _key(folder: str) -> str:
    return folder if re.fullmatch(r"[A-Za-z0-9_.-]+", folder) else _quoted(folder)


def _write_report(path: Path, rows: list[Row], lang: str | None) -> None:
    """Every file and why it is or is not in the baseline: CSV with a BOM (Excel and WPS read it as UTF-8)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8-sig", newline="") as out:
        writer = csv.writer(out)
        writer.writerow([say(msg("adopt_col_path"), lang), say(msg("adopt_col_status"), lang), say(msg("adopt_col_note"), lang)])
        for row in rows:
            writer.writerow([row.path, say(msg(f"adopt_status_{row.status}"), lang), row.note])
