"""Loading ``policies/*.yml`` (ruamel.yaml) into the typed policy model.

Every problem is collected and reported with the file, the line and the key, in
Chinese by default (English with GOVREVIEW_LANG=en). The language is documented
in guide/policy-language.md.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pathspec
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.composer import MaxDepthExceededError
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from .core.findings import BLOCK, OFF, WARN
from .core.page import FIELD_ALIASES
from .core.policy import (
    POLICY_CATEGORY,
    BuildScope,
    CalendarOverride,
    Category,
    Column,
    Deadline,
    Escalation,
    InterpretationRule,
    Policy,
    Role,
    Screening,
    Secrecy,
    Site,
    Step,
    Unit,
    Urgent,
    WordEntry,
)
from .core.screen import CHECKS, FLOOR
from .messages import text
from .yaml_limits import DEPTH, MAX_DEPTH, Limited, YamlLimitError

SECTIONS = ("version", "site", "units", "roles", "secrecy", "urgent", "calendar", "screening", "words", "categories", "columns", "build")
MAP_SECTIONS = ("units", "roles", "categories", "columns")
#: Sections that may be written in several files and are joined (word lists, 错敏词).
LIST_SECTIONS = ("words",)
_RULE_ID = re.compile(r"R-\d{2}")
VERSION = 1


@dataclass(frozen=True)
class PolicyProblem:
    file: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" if self.line else self.file
        return f"{where}: {self.message}"


class PolicyError(Exception):
    """The policy cannot be used; ``problems`` says every reason, with file and line."""

    def __init__(self, problems: list[PolicyProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def policy_files(folder: Path) -> dict[str, str]:
    """The policy's source files: every *.yml / *.yaml directly in ``folder``, by name."""
    if not folder.is_dir():
        raise PolicyError([PolicyProblem(str(folder), None, text("找不到发布规则目录", "policy folder not found"))])
    out: dict[str, str] = {}
    for path in sorted(folder.iterdir()):
        if path.suffix in (".yml", ".yaml") and path.is_file():
            try:
                out[f"{folder.name}/{path.name}"] = path.read_bytes().decode("utf-8-sig")
            except UnicodeDecodeError:
                msg = text("文件不是 UTF-8 编码，请另存为 UTF-8", "the file is not UTF-8: save it as UTF-8")
                raise PolicyError([PolicyProblem(str(path), None, msg)]) from None
    return out


def policy_id(files: Mapping[str, str]) -> str:
    """A content id for a set of policy files (the archive stores snapshots by it)."""
    digest = hashlib.sha256()
    for name in sorted(files):
        for part in (name, files[name]):
            data = part.encode("utf-8")
            digest.update(len(data).to_bytes(8, "big") + data)
    return "sha256:" + digest.hexdigest()


def load_policy_dir(folder: Path) -> Policy:
    return load_policy(policy_files(folder), base=folder.parent)


class _Constructor(Limited, RoundTripConstructor):
    """ruamel's round-trip constructor, refusing alias bombs before any value is built."""


def _load_yaml(source: str) -> Any:
    """One YAML text, round-trip, bounded in aliases and nesting (:mod:`govreview.yaml_limits`).
    Raises YamlLimitError, or ruamel's errors for malformed YAML."""
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    yaml.max_depth = MAX_DEPTH + 1  # ruamel counts nodes (scalars too), the limit counts collections
    try:
        return yaml.load(source)
    except MaxDepthExceededError as err:
        raise YamlLimitError(DEPTH, err.problem_mark.line + 1 if err.problem_mark is not None else None) from None
    except RecursionError:  # pragma: no cover - max_depth stops the composer first
        raise YamlLimitError(DEPTH, None) from None


def load_policy(files: Mapping[str, str], base: Path | None = None) -> Policy:
    """Parse and validate policy files given as {name: text}. Raises PolicyError."""
    problems: list[PolicyProblem] = []
    merged: dict[str, Any] = {}
    where: dict[str, tuple[str, Any]] = {}  # section/key -> (file, node holding it)
    if not files:
        raise PolicyError([PolicyProblem("policies/", None, text("发布规则目录中没有 .yml 文件", "no .yml files in the policy folder"))])
    for name, source in sorted(files.items()):
        shown = str(base / name) if base is not None else name
        try:
            doc = _load_yaml(source)
        except YamlLimitError as err:
            problems.append(PolicyProblem(shown, err.line, err.message()))
            continue
        except MarkedYAMLError as err:
            mark = _error_mark(err)
            line = mark.line + 1 if mark is not None else None
            problems.append(PolicyProblem(shown, line, _yaml_problem(err)))
            continue
        except YAMLError as err:  # pragma: no cover - ruamel raises marked errors for text input
            problems.append(PolicyProblem(shown, None, str(err)))
            continue
        except ValueError as err:  # a value YAML reads as a date but no calendar has (2027-13-01)
            problems.append(_bad_value(shown, source, err))
            continue
        if doc is None:
            continue
        if not isinstance(doc, CommentedMap):
            problems.append(PolicyProblem(shown, 1, text("文件顶层必须是映射（键: 值）", "the top level must be a mapping")))
            continue
        for key in doc:
            line = doc.lc.key(key)[0] + 1
            if key not in SECTIONS:
                problems.append(
                    PolicyProblem(
                        shown,
                        line,
                        text(f"未知的节“{key}”（可用：{'、'.join(SECTIONS)}）", f"unknown section '{key}' (known: {', '.join(SECTIONS)})"),
                    )
                )
                continue
            if key in MAP_SECTIONS:
                node = doc[key]
                if node is None:
                    continue
                if not isinstance(node, CommentedMap):
                    problems.append(PolicyProblem(shown, line, text(f"“{key}”必须是映射", f"'{key}' must be a mapping")))
                    continue
                section = merged.setdefault(key, {})
                for item in node:
                    if item in section:
                        first = where[f"{key}/{item}"][0]
                        problems.append(
                            PolicyProblem(
                                shown,
                                node.lc.key(item)[0] + 1,
                                text(f"“{key}.{item}”已在 {first} 中定义", f"'{key}.{item}' is already defined in {first}"),
                            )
                        )
                        continue
                    section[item] = node[item]
                    where[f"{key}/{item}"] = (shown, node)
            elif key in LIST_SECTIONS:
                node = doc[key]
                if node is None:
                    continue
                if not isinstance(node, CommentedSeq):
                    problems.append(PolicyProblem(shown, line, text(f"“{key}”必须是列表", f"'{key}' must be a list")))
                    continue
                merged.setdefault(key, []).append((shown, node))
            else:
                if key in merged:
                    problems.append(
                        PolicyProblem(
                            shown, line, text(f"“{key}”已在 {where[key][0]} 中定义", f"'{key}' is already defined in {where[key][0]}")
                        )
                    )
                    continue
                merged[key] = doc[key]
                where[key] = (shown, doc)
    if problems:
        raise PolicyError(problems)
    return _Builder(merged, where, problems).build()


def _error_mark(err: Any) -> Any:
    """Where a YAML error is: an unclosed quote or bracket is reported where it opens,
    not where the parser ran out of text."""
    problem = str(getattr(err, "problem", "") or "")
    if "end of stream" in problem and getattr(err, "context_mark", None) is not None:
        return err.context_mark
    return getattr(err, "problem_mark", None) or getattr(err, "context_mark", None)


_DATE_TOKEN = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")


def _bad_value(shown: str, source: str, err: ValueError) -> PolicyProblem:
    """ruamel gives no position for an impossible date: find the first one in the text."""
    for number, line in enumerate(source.splitlines(), start=1):
        for m in _DATE_TOKEN.finditer(line.split("#", 1)[0]):
            try:
                dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return PolicyProblem(shown, number, text(f"“{m[0]}”不是有效日期", f"'{m[0]}' is not a valid date"))
    return PolicyProblem(shown, None, text(f"无效的值：{err}", f"invalid value: {err}"))


def _yaml_problem(err: MarkedYAMLError) -> str:
    problem = err.problem or ""
    if "duplicate key" in problem or type(err).__name__ == "DuplicateKeyError":
        found = re.search(r'duplicate key "(.+?)"', problem)
        key = found.group(1) if found else "?"
        return text(f"键“{key}”重复：同一映射中同一个键出现了两次", f"duplicate key '{key}': the same key appears twice in one mapping")
    return text(f"YAML 语法错误：{problem}", f"YAML syntax error: {problem}")


def _has_letters(term: str) -> bool:
    """Screening matches letters and digits only (punctuation and markup are folded away)."""
    return any(ch.isalnum() for ch in term)


class _Builder:
    def __init__(self, merged: dict[str, Any], where: dict[str, tuple[str, Any]], problems: list[PolicyProblem]) -> None:
        self.m = merged
        self.where = where
        self.problems = problems

    # -- reporting -------------------------------------------------------
    def err(self, file: str, line: int | None, zh: str, en: str) -> None:
        self.problems.append(PolicyProblem(file, line, text(zh, en)))

    @staticmethod
    def key_line(node: Any, key: Any) -> int | None:
        try:
            return int(node.lc.key(key)[0]) + 1
        except (AttributeError, KeyError, TypeError):
            return None

    @staticmethod
    def item_line(node: Any, index: int) -> int | None:
        try:
            return int(node.lc.item(index)[0]) + 1
        except (AttributeError, KeyError, TypeError, IndexError):
            return None

    def mapping(self, file: str, line: int | None, value: Any, what: str) -> CommentedMap | None:
        if isinstance(value, CommentedMap):
            return value
        self.err(file, line, f"“{what}”必须是映射（键: 值）", f"'{what}' must be a mapping")
        return None

    def string(self, file: str, line: int | None, value: Any, what: str) -> str | None:
        if isinstance(value, str) and value.strip():
            return value.strip()
        self.err(file, line, f"“{what}”必须是非空文本", f"'{what}' must be non-empty text")
        return None

    def boolean(self, file: str, node: CommentedMap, key: str, what: str, default: bool) -> bool:
        if key not in node:
            return default
        value = node[key]
        if isinstance(value, bool):
            return value
        self.err(file, self.key_line(node, key), f"“{what}.{key}”必须是 true 或 false", f"'{what}.{key}' must be true or false")
        return default

    def strings(self, file: str, line: int | None, value: Any, what: str) -> tuple[str, ...]:
        if isinstance(value, str):
            value = [value]
        if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
            return tuple(v.strip() for v in value)
        self.err(file, line, f"“{what}”必须是文本或文本列表", f"'{what}' must be text or a list of text")
        return ()

    def unknown_keys(self, file: str, node: CommentedMap, allowed: tuple[str, ...], what: str) -> None:
        for key in node:
            if key not in allowed:
                self.err(
                    file,
                    self.key_line(node, key),
                    f"“{what}”中未知的键“{key}”（可用：{'、'.join(allowed)}）",
                    f"unknown key '{key}' in '{what}' (known: {', '.join(allowed)})",
                )

    def section_file(self, section: str, item: str | None = None) -> tuple[str, Any]:
        return self.where.get(f"{section}/{item}" if item is not None else section, ("policies/", None))

    # -- sections --------------------------------------------------------
    def build(self) -> Policy:
        m = self.m
        if "version" in m and m["version"] != VERSION:
            file, node = self.section_file("version")
            self.err(
                file,
                self.key_line(node, "version"),
                f"不支持的规则版本“{m['version']}”（应为 {VERSION}）",
                f"unsupported policy version '{m['version']}' (expected {VERSION})",
            )
        site = self.site()
        units = self.units()
        roles = self.roles(units)
        secrecy = self.secrecy(roles)
        categories = self.categories(roles, units)
        columns = self.columns(categories, units)
        if POLICY_CATEGORY not in self.m.get("categories", {}):
            self.err(
                "policies/",
                None,
                "必须定义 policy 类别：规则、配置、模板与插件的修改由谁审批",
                "a 'policy' category is required: who approves changes to rules, configuration, templates and the plugin",
            )
        urgent = self.urgent(roles)
        calendar = self.calendar()
        screening = self.screening(roles, self.words())
        build = self.build_scope()
        if self.problems or site is None or secrecy is None:
            raise PolicyError(self.problems)
        return Policy(site, units, roles, categories, columns, secrecy, urgent, calendar, screening, build)

    def build_scope(self) -> BuildScope:
        """``build: {not_read: [patterns]}``: tracked files the build never reads."""
        if "build" not in self.m:
            return BuildScope()
        file, node = self.section_file("build")
        body = self.mapping(file, self.key_line(node, "build"), self.m["build"], "build")
        if body is None:
            return BuildScope()
        self.unknown_keys(file, body, ("not_read",), "build")
        line = self.key_line(body, "not_read")
        patterns = self.strings(file, line, body.get("not_read", []), "build.not_read") if "not_read" in body else ()
        for pattern in patterns:
            try:
                pathspec.GitIgnoreSpec.from_lines([pattern])
            except ValueError as err:
                self.err(
                    file, line, f"“build.not_read”中的模式“{pattern}”无效：{err}", f"invalid pattern '{pattern}' in 'build.not_read': {err}"
                )
                continue
            if pattern.strip("/*") == "" or pattern.startswith("!"):
                self.err(
                    file,
                    line,
                    f"“build.not_read”中的模式“{pattern}”过宽：只能列出构建确实不读取的文件或目录（如 README.md、tests/）",
                    f"pattern '{pattern}' in 'build.not_read' is too broad: list only files or folders the build never reads (README.md, tests/)",
                )
        return BuildScope(patterns)

    def rule_id(self, file: str, line: int | None, value: Any, what: str) -> str | None:
        if isinstance(value, str) and _RULE_ID.fullmatch(value.strip()):
            return value.strip()
        self.err(file, line, f"“{what}”应为规则编号（如 R-21）", f"'{what}' should be a rule id such as R-21")
        return None

    def screening(self, roles: Mapping[str, Role], words: tuple[WordEntry, ...]) -> Screening:
        if "screening" not in self.m:
            return Screening(words=words)
        file, node = self.section_file("screening")
        line = self.key_line(node, "screening")
        body = self.mapping(file, line, self.m["screening"], "screening")
        if body is None:
            return Screening(words=words)
        self.unknown_keys(file, body, ("accept", "severity", "allow_numbers", "leader_field"), "screening")
        label, role = Screening.accept_label, None
        if "accept" in body:
            accept = self.mapping(file, self.key_line(body, "accept"), body["accept"], "screening.accept")
            if accept is not None:
                self.unknown_keys(file, accept, ("label", "role"), "screening.accept")
                at = self.key_line(body, "accept")
                if "label" in accept:
                    label = self.string(file, self.key_line(accept, "label") or at, accept["label"], "screening.accept.label") or label
                if "role" in accept:
                    role = self.string(file, self.key_line(accept, "role") or at, accept["role"], "screening.accept.role")
                if role and role not in roles:
                    self.err(file, self.key_line(accept, "role"), f"未知的角色“{role}”", f"unknown role '{role}'")
                    role = None
        severity: list[tuple[str, str]] = []
        if "severity" in body:
            levels = self.mapping(file, self.key_line(body, "severity"), body["severity"], "screening.severity")
            for code, level in (levels or {}).items():
                at = self.key_line(levels, code)
                if code not in CHECKS:
                    self.err(
                        file,
                        at,
                        f"未知的检查项“{code}”（可用：{'、'.join(CHECKS)}）",
                        f"unknown check '{code}' (known: {', '.join(CHECKS)})",
                    )
                elif level not in (BLOCK, WARN, OFF):
                    self.err(
                        file,
                        at,
                        f"“screening.severity.{code}”应为 block、warn 或 off",
                        f"'screening.severity.{code}' must be block, warn or off",
                    )
                elif code in FLOOR and level != BLOCK:
                    self.err(
                        file,
                        at,
                        f"检查项“{code}”（{CHECKS[code][1]}）必须阻止发布，不能改为 {level}",
                        f"check '{code}' ({CHECKS[code][1]}) always blocks publication and cannot be set to {level}",
                    )
                else:
                    severity.append((str(code), str(level)))
        allowed: tuple[str, ...] = ()
        if "allow_numbers" in body:
            raw = body["allow_numbers"]
            if isinstance(raw, list):
                raw = [str(v) if isinstance(v, int) else v for v in raw]
            allowed = self.strings(file, self.key_line(body, "allow_numbers"), raw, "screening.allow_numbers")
        leader = Screening.leader_field
        if "leader_field" in body:
            leader = self.string(file, self.key_line(body, "leader_field"), body["leader_field"], "screening.leader_field") or leader
        return Screening(
            label,
            role,
            tuple(severity),
            words,
            frozenset(allowed),
            FIELD_ALIASES.get(leader, leader),
        )

    def words(self) -> tuple[WordEntry, ...]:
        out: list[WordEntry] = []
        for file, seq in self.m.get("words", []):
            for i, item in enumerate(seq):
                what = f"words[{i + 1}]"
                line = self.item_line(seq, i)
                body = self.mapping(file, line, item, what)
                if body is None:
                    continue
                self.unknown_keys(file, body, ("term", "terms", "correct", "severity", "rule", "note", "except"), what)
                if ("term" in body) == ("terms" in body):
                    self.err(
                        file, line, f"“{what}”须写 term（一个词）或 terms（词的列表），二者选一", f"'{what}' needs either term or terms"
                    )
                    continue
                key = "term" if "term" in body else "terms"
                terms = self.strings(file, self.key_line(body, key) or line, body[key], f"{what}.{key}")
                level = body.get("severity", WARN)
                if level not in (BLOCK, WARN):
                    self.err(
                        file,
                        self.key_line(body, "severity"),
                        f"“{what}.severity”应为 block 或 warn",
                        f"'{what}.severity' must be block or warn",
                    )
                    continue
                rule = self.rule_id(file, self.key_line(body, "rule") or line, body.get("rule", "R-21"), f"{what}.rule")
                note = body.get("note", "")
                correct = body.get("correct", "")
                for k, v in (("note", note), ("correct", correct)):
                    if not isinstance(v, str):
                        self.err(file, self.key_line(body, k), f"“{what}.{k}”必须是文本", f"'{what}.{k}' must be text")
                exceptions: tuple[str, ...] = ()
                if "except" in body:
                    exceptions = self.strings(file, self.key_line(body, "except"), body["except"], f"{what}.except")
                empty = [t for t in terms if not _has_letters(t)]
                if empty:
                    self.err(
                        file,
                        self.key_line(body, key) or line,
                        f"“{what}.{key}”中的“{empty[0]}”不含文字，无法匹配",
                        f"'{what}.{key}' has '{empty[0]}', which has no letters to match",
                    )
                    continue
                if terms and rule and isinstance(note, str) and isinstance(correct, str):
                    out.append(WordEntry(terms, str(level), rule, note.strip(), correct.strip(), line, exceptions))
        return tuple(out)

    def urgent(self, roles: Mapping[str, Role]) -> Urgent | None:
        if "urgent" not in self.m:
            return None
        file, node = self.section_file("urgent")
        body = self.mapping(file, self.key_line(node, "urgent"), self.m["urgent"], "urgent")
        if body is None:
            return None
        self.unknown_keys(file, body, ("label", "role"), "urgent")
        line = self.key_line(node, "urgent")
        label = self.string(file, self.key_line(body, "label") or line, body.get("label"), "urgent.label")
        role = self.string(file, self.key_line(body, "role") or line, body.get("role"), "urgent.role")
        if role and role not in roles:
            self.err(file, self.key_line(body, "role"), f"未知的角色“{role}”", f"unknown role '{role}'")
            return None
        return Urgent(label, role) if label and role else None

    def calendar(self) -> CalendarOverride | None:
        if "calendar" not in self.m:
            return None
        file, node = self.section_file("calendar")
        return parse_calendar(self, file, self.key_line(node, "calendar"), self.m["calendar"])

    def site(self) -> Site | None:
        file, node = self.section_file("site")
        if "site" not in self.m:
            self.err(file, None, "缺少“site”节（网站名称与发布机构）", "missing section 'site' (site name and publisher)")
            return None
        site = self.mapping(file, self.key_line(node, "site"), self.m["site"], "site")
        if site is None:
            return None
        self.unknown_keys(file, site, ("name", "publisher"), "site")
        name = self.string(file, self.key_line(site, "name") or self.key_line(node, "site"), site.get("name"), "site.name")
        publisher = self.string(
            file, self.key_line(site, "publisher") or self.key_line(node, "site"), site.get("publisher"), "site.publisher"
        )
        return Site(name, publisher) if name and publisher else None

    def units(self) -> dict[str, Unit]:
        out: dict[str, Unit] = {}
        for uid, value in self.m.get("units", {}).items():
            file, node = self.section_file("units", uid)
            line = self.key_line(node, uid)
            if isinstance(value, CommentedMap):
                self.unknown_keys(file, value, ("name",), f"units.{uid}")
                value = value.get("name")
            name = self.string(file, line, value, f"units.{uid}")
            if name:
                out[str(uid)] = Unit(str(uid), name)
        return out

    def roles(self, units: Mapping[str, Unit]) -> dict[str, Role]:
        out: dict[str, Role] = {}
        for rid, value in self.m.get("roles", {}).items():
            file, node = self.section_file("roles", rid)
            body = self.mapping(file, self.key_line(node, rid), value, f"roles.{rid}")
            if body is None:
                continue
            what = f"roles.{rid}"
            self.unknown_keys(file, body, ("name", "members", "units"), what)
            name = self.string(file, self.key_line(body, "name") or self.key_line(node, rid), body.get("name"), f"{what}.name")
            members = self.strings(file, self.key_line(body, "members"), body.get("members", []), f"{what}.members")
            per_unit: dict[str, tuple[str, ...]] = {}
            if "units" in body:
                by_unit = self.mapping(file, self.key_line(body, "units"), body["units"], f"{what}.units")
                for uid, people in (by_unit or {}).items():
                    line = self.key_line(by_unit, uid)
                    if uid not in units:
                        self.err(
                            file,
                            line,
                            f"“{what}.units”中的单位“{uid}”未在 units 中定义",
                            f"unit '{uid}' in '{what}.units' is not defined in units",
                        )
                        continue
                    per_unit[str(uid)] = self.strings(file, line, people, f"{what}.units.{uid}")
            if name:
                out[str(rid)] = Role(str(rid), name, members, per_unit)
        return out

    def secrecy(self, roles: Mapping[str, Role]) -> Secrecy | None:
        file, node = self.section_file("secrecy")
        if "secrecy" not in self.m:
            self.err(
                file,
                None,
                "缺少“secrecy”节（保密审查标签与审查员角色，R-03）",
                "missing section 'secrecy' (secrecy label and reviewer role, R-03)",
            )
            return None
        body = self.mapping(file, self.key_line(node, "secrecy"), self.m["secrecy"], "secrecy")
        if body is None:
            return None
        self.unknown_keys(file, body, ("label", "role", "name"), "secrecy")
        line = self.key_line(node, "secrecy")
        label = self.string(file, self.key_line(body, "label") or line, body.get("label"), "secrecy.label")
        role = self.string(file, self.key_line(body, "role") or line, body.get("role"), "secrecy.role")
        name = body.get("name", "保密审查")
        if role and role not in roles:
            self.err(file, self.key_line(body, "role"), f"未知的角色“{role}”", f"unknown role '{role}'")
            return None
        return Secrecy(label, role, str(name)) if label and role else None

    def step(
        self, file: str, node: Any, line: int | None, what: str, index: int, roles: Mapping[str, Role], units: Mapping[str, Unit]
    ) -> Step | None:
        body = self.mapping(file, line, node, what)
        if body is None:
            return None
        self.unknown_keys(file, body, ("role", "count", "unit", "name", "id", "rule"), what)
        role_ids = self.strings(file, self.key_line(body, "role") or line, body.get("role"), f"{what}.role")
        ok = bool(role_ids)
        for rid in role_ids:
            if rid not in roles:
                self.err(file, self.key_line(body, "role"), f"“{what}”引用了未知的角色“{rid}”", f"'{what}' names unknown role '{rid}'")
                ok = False
        count = body.get("count", 1)
        if not isinstance(count, int) or isinstance(count, bool) or count < 1:
            self.err(file, self.key_line(body, "count"), f"“{what}.count”必须是正整数", f"'{what}.count' must be a positive integer")
            ok = False
        unit = body.get("unit")
        if unit is not None and unit not in units:
            self.err(file, self.key_line(body, "unit"), f"“{what}.unit”：未知的单位“{unit}”", f"'{what}.unit': unknown unit '{unit}'")
            ok = False
        if not ok:
            return None
        name = body.get("name") or "或".join(roles[r].name for r in role_ids)
        sid = body.get("id") or "+".join(role_ids) + (f"@{unit}" if unit else "")
        rule = body.get("rule")
        if rule is not None and not isinstance(rule, str):
            self.err(
                file,
                self.key_line(body, "rule"),
                f"“{what}.rule”应为规则编号（如 R-14）",
                f"'{what}.rule' should be a rule id such as R-14",
            )
            return None
        return Step(str(sid), str(name), role_ids, int(count), str(unit) if unit else None, rule)

    def steps(
        self, file: str, body: CommentedMap, key: str, what: str, roles: Mapping[str, Role], units: Mapping[str, Unit]
    ) -> tuple[Step, ...]:
        seq = body.get(key)
        if not isinstance(seq, CommentedSeq) or not seq:
            self.err(file, self.key_line(body, key) or None, f"“{what}.{key}”必须是非空列表", f"'{what}.{key}' must be a non-empty list")
            return ()
        out = []
        for i, node in enumerate(seq):
            step = self.step(file, node, self.item_line(seq, i), f"{what}.{key}[{i + 1}]", i, roles, units)
            if step:
                out.append(step)
        ids = [s.id for s in out]
        for s in out:
            if ids.count(s.id) > 1:
                self.err(
                    file,
                    self.key_line(body, key),
                    f"“{what}”中环节“{s.id}”重复，请用 id 区分",
                    f"step '{s.id}' repeats in '{what}': give each an id",
                )
                break
        return tuple(out)

    def categories(self, roles: Mapping[str, Role], units: Mapping[str, Unit]) -> dict[str, Category]:
        out: dict[str, Category] = {}
        allowed = (
            "name",
            "steps",
            "ordered",
            "same_person",
            "secrecy_review",
            "required_fields",
            "escalations",
            "rules",
            "deadlines",
            "needs_interpretation",
        )
        for cid, value in self.m.get("categories", {}).items():
            file, node = self.section_file("categories", cid)
            what = f"categories.{cid}"
            body = self.mapping(file, self.key_line(node, cid), value, what)
            if body is None:
                continue
            self.unknown_keys(file, body, allowed, what)
            name = self.string(file, self.key_line(body, "name") or self.key_line(node, cid), body.get("name"), f"{what}.name")
            steps = self.steps(file, body, "steps", what, roles, units)
            required = self.required(file, body, what)
            escalations = self.escalations(file, body, what, roles, units)
            rules = self.strings(file, self.key_line(body, "rules"), body.get("rules", []), f"{what}.rules")
            category = Category(
                str(cid),
                name or str(cid),
                steps,
                ordered=self.boolean(file, body, "ordered", what, False),
                same_person=self.boolean(file, body, "same_person", what, False),
                secrecy_review=self.boolean(file, body, "secrecy_review", what, True),
                required_fields=required,
                escalations=escalations,
                rules=rules,
                deadlines=self.deadlines(file, body, what),
                needs_interpretation=self.needs_interpretation(file, body, what),
            )
            if cid == POLICY_CATEGORY:
                self.policy_steps_have_no_unit(file, body, steps, roles)
            out[str(cid)] = category
        return out

    def policy_steps_have_no_unit(self, file: str, body: CommentedMap, steps: tuple[Step, ...], roles: Mapping[str, Role]) -> None:
        """Build inputs belong to no unit: a per-unit role in the policy category needs ``unit``."""
        seq = body.get("steps")
        for i, step in enumerate(steps):
            for rid in step.roles:
                if step.unit is None and roles[rid].per_unit and not roles[rid].members:
                    self.err(
                        file,
                        self.item_line(seq, i),
                        f"“categories.policy.steps[{i + 1}]”使用了按单位设置的角色“{rid}”：构建输入不属于任何单位，请用 unit 指定单位",
                        f"'categories.policy.steps[{i + 1}]' uses the per-unit role '{rid}': build inputs belong to no unit, so set 'unit'",
                    )

    def needs_interpretation(self, file: str, body: CommentedMap, what: str) -> InterpretationRule | None:
        if "needs_interpretation" not in body:
            return None
        iwhat = f"{what}.needs_interpretation"
        node = self.mapping(file, self.key_line(body, "needs_interpretation"), body["needs_interpretation"], iwhat)
        if node is None:
            return None
        self.unknown_keys(file, node, ("rule", "within", "explanation_field"), iwhat)
        rule = self.string(
            file, self.key_line(node, "rule") or self.key_line(body, "needs_interpretation"), node.get("rule"), f"{iwhat}.rule"
        )
        within = node.get("within")
        if not isinstance(within, int) or isinstance(within, bool) or within < 0:
            self.err(
                file,
                self.key_line(node, "within") or self.key_line(body, "needs_interpretation"),
                f"“{iwhat}.within”必须是非负整数（工作日数）",
                f"'{iwhat}.within' must be a non-negative number of working days",
            )
            return None
        explanation = str(node.get("explanation_field") or "no_interpretation_reason")
        return InterpretationRule(rule, within, FIELD_ALIASES.get(explanation, explanation)) if rule else None

    def deadlines(self, file: str, body: CommentedMap, what: str) -> tuple[Deadline, ...]:
        seq = body.get("deadlines")
        if seq is None:
            return ()
        if not isinstance(seq, CommentedSeq):
            self.err(file, self.key_line(body, "deadlines"), f"“{what}.deadlines”必须是列表", f"'{what}.deadlines' must be a list")
            return ()
        out = []
        for i, node in enumerate(seq):
            dwhat = f"{what}.deadlines[{i + 1}]"
            d = self.mapping(file, self.item_line(seq, i), node, dwhat)
            if d is None:
                continue
            self.unknown_keys(file, d, ("rule", "field", "before", "within", "extended_within", "extension_field", "urgent_exempt"), dwhat)
            line = self.key_line(d, "rule") or self.item_line(seq, i)
            rule = self.string(file, line, d.get("rule"), f"{dwhat}.rule")
            field_name = self.string(file, self.key_line(d, "field") or line, d.get("field"), f"{dwhat}.field")
            numbers: dict[str, int | None] = {}
            for key in ("before", "within", "extended_within"):
                value = d.get(key)
                if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < 0):
                    self.err(
                        file,
                        self.key_line(d, key),
                        f"“{dwhat}.{key}”必须是非负整数（工作日数）",
                        f"'{dwhat}.{key}' must be a non-negative number of working days",
                    )
                    value = None
                numbers[key] = value
            if (numbers["before"] is None) == (numbers["within"] is None):
                self.err(file, line, f"“{dwhat}”须且仅须写 before 或 within 之一", f"'{dwhat}' needs exactly one of before and within")
                continue
            extension = d.get("extension_field")
            if not rule or not field_name:
                continue
            out.append(
                Deadline(
                    rule,
                    FIELD_ALIASES.get(field_name, field_name),
                    numbers["before"],
                    numbers["within"],
                    numbers["extended_within"],
                    FIELD_ALIASES.get(str(extension), str(extension)) if extension else None,
                    self.boolean(file, d, "urgent_exempt", dwhat, False),
                )
            )
        return tuple(out)

    def required(self, file: str, body: CommentedMap, what: str) -> dict[str, str | None]:
        value = body.get("required_fields")
        if value is None:
            return {}
        line = self.key_line(body, "required_fields")
        if isinstance(value, CommentedMap):
            out: dict[str, str | None] = {}
            for k, rule in value.items():
                if rule is not None and not isinstance(rule, str):
                    self.err(
                        file,
                        self.key_line(value, k),
                        f"“{what}.required_fields.{k}”的值应为规则编号（如 R-12）",
                        f"'{what}.required_fields.{k}' should be a rule id such as R-12",
                    )
                out[FIELD_ALIASES.get(str(k), str(k))] = rule if isinstance(rule, str) else None
            return out
        return {FIELD_ALIASES.get(f, f): None for f in self.strings(file, line, value, f"{what}.required_fields")}

    def escalations(
        self, file: str, body: CommentedMap, what: str, roles: Mapping[str, Role], units: Mapping[str, Unit]
    ) -> tuple[Escalation, ...]:
        seq = body.get("escalations")
        if seq is None:
            return ()
        if not isinstance(seq, CommentedSeq):
            self.err(file, self.key_line(body, "escalations"), f"“{what}.escalations”必须是列表", f"'{what}.escalations' must be a list")
            return ()
        out = []
        for i, node in enumerate(seq):
            ewhat = f"{what}.escalations[{i + 1}]"
            esc = self.mapping(file, self.item_line(seq, i), node, ewhat)
            if esc is None:
                continue
            self.unknown_keys(file, esc, ("when", "steps", "rule"), ewhat)
            when = self.mapping(file, self.key_line(esc, "when") or self.item_line(seq, i), esc.get("when"), f"{ewhat}.when")
            if when is None:
                continue
            if len(when) != 1:
                self.err(
                    file, self.key_line(esc, "when"), f"“{ewhat}.when”须且仅须写一个字段", f"'{ewhat}.when' must name exactly one field"
                )
                continue
            ((field_name, equals),) = when.items()
            steps = self.steps(file, esc, "steps", ewhat, roles, units)
            rule = esc.get("rule")
            out.append(Escalation(FIELD_ALIASES.get(str(field_name), str(field_name)), equals, steps, str(rule) if rule else None))
        return tuple(out)

    def columns(self, categories: Mapping[str, Category], units: Mapping[str, Unit]) -> dict[str, Column]:
        out: dict[str, Column] = {}
        for path, value in self.m.get("columns", {}).items():
            file, node = self.section_file("columns", path)
            what = f"columns.{path}"
            body = self.mapping(file, self.key_line(node, path), value, what)
            if body is None:
                continue
            self.unknown_keys(file, body, ("name", "category", "unit", "categories"), what)
            allowed = self.strings(file, self.key_line(body, "categories"), body.get("categories", []), f"{what}.categories")
            for cid in allowed:
                if cid not in self.m.get("categories", {}) or cid == POLICY_CATEGORY:
                    self.err(
                        file,
                        self.key_line(body, "categories"),
                        f"“{what}.categories”：不可用的类别“{cid}”",
                        f"'{what}.categories': category '{cid}' cannot be used",
                    )
            line = self.key_line(node, path)
            name = self.string(file, self.key_line(body, "name") or line, body.get("name"), f"{what}.name")
            category = self.string(file, self.key_line(body, "category") or line, body.get("category"), f"{what}.category")
            unit = self.string(file, self.key_line(body, "unit") or line, body.get("unit"), f"{what}.unit")
            known = True
            if category and category not in self.m.get("categories", {}):
                self.err(
                    file, self.key_line(body, "category"), f"“{what}”：未知的类别“{category}”", f"'{what}': unknown category '{category}'"
                )
                known = False
            if unit and unit not in self.m.get("units", {}):
                self.err(file, self.key_line(body, "unit"), f"“{what}”：未知的单位“{unit}”", f"'{what}': unknown unit '{unit}'")
                known = False
            if not known or category not in categories or unit not in units:
                continue
            key = str(path).strip("/") or "."
            if name and category and unit:
                out[key] = Column(key, name, category, unit, allowed)
        return out


def parse_calendar(builder: _Builder, file: str, line: int | None, value: Any) -> CalendarOverride | None:
    """The ``calendar`` section: years defined wholly here, and days off / days worked."""
    body = builder.mapping(file, line, value, "calendar")
    if body is None:
        return None
    builder.unknown_keys(file, body, ("years", "holidays", "workdays"), "calendar")
    years = body.get("years", [])
    if not isinstance(years, list) or not all(isinstance(y, int) and not isinstance(y, bool) and 1900 < y < 2200 for y in years):
        builder.err(
            file,
            builder.key_line(body, "years"),
            "“calendar.years”必须是年份列表，如 [2027]",
            "'calendar.years' must be a list of years such as [2027]",
        )
        years = []
    days: dict[str, list[dt.date]] = {}
    for key in ("holidays", "workdays"):
        seq = body.get(key, [])
        if not isinstance(seq, list):
            builder.err(file, builder.key_line(body, key), f"“calendar.{key}”必须是日期列表", f"'calendar.{key}' must be a list of dates")
            seq = []
        days[key] = []
        for i, item in enumerate(seq):
            if isinstance(item, dt.date) and not isinstance(item, dt.datetime):
                days[key].append(item)
            else:
                where = builder.item_line(seq, i) or builder.key_line(body, key)
                builder.err(
                    file,
                    where,
                    f"“calendar.{key}”中的“{item}”不是日期（应写作 2027-01-01）",
                    f"'{item}' in 'calendar.{key}' is not a date (write 2027-01-01)",
                )
    for year in years:
        if not any(d.year == year for d in days["holidays"]):
            builder.err(
                file,
                builder.key_line(body, "years"),
                f"calendar.years 列出了 {year} 年，但没有列出该年放假的工作日：列入 years 的年份须按国务院办公厅的安排完整填写",
                f"calendar.years names {year} but lists none of its holidays: a year in 'years' must be entered in full",
            )
    both = sorted(set(days["holidays"]) & set(days["workdays"]))
    if both:
        builder.err(
            file,
            builder.key_line(body, "workdays"),
            f"日期 {both[0]} 同时列为放假和上班",
            f"{both[0]} is listed both as a holiday and as a working day",
        )
    for key in ("holidays", "workdays"):
        for d in days[key]:
            if (d.weekday() >= 5) == (key == "holidays"):
                kind = "周末" if d.weekday() >= 5 else "工作日"
                builder.err(
                    file,
                    builder.key_line(body, key),
                    f"{d} 本来就是{kind}，不必列入 calendar.{key}（holidays 写放假的工作日，workdays 写调休上班的周末）",
                    f"{d} needs no entry in calendar.{key} (holidays lists weekdays off, workdays lists weekend days worked)",
                )
    return CalendarOverride(tuple(years), tuple(sorted(days["holidays"])), tuple(sorted(days["workdays"])))


def load_calendar_file(path: Path) -> CalendarOverride:
    """Read ``policies/calendar.yml`` on its own (for the calendar command). Raises PolicyError."""
    shown = str(path)
    try:
        doc = _load_yaml(path.read_bytes().decode("utf-8-sig"))
    except YamlLimitError as err:
        raise PolicyError([PolicyProblem(shown, err.line, err.message())]) from None
    except UnicodeDecodeError:
        raise PolicyError(
            [PolicyProblem(shown, None, text("文件不是 UTF-8 编码，请另存为 UTF-8", "the file is not UTF-8: save it as UTF-8"))]
        ) from None
    except MarkedYAMLError as err:
        mark = _error_mark(err)
        raise PolicyError([PolicyProblem(shown, mark.line + 1 if mark else None, _yaml_problem(err))]) from None
    except ValueError as err:
        raise PolicyError([_bad_value(shown, path.read_bytes().decode("utf-8-sig"), err)]) from None
    problems: list[PolicyProblem] = []
    builder = _Builder({}, {}, problems)
    if not isinstance(doc, CommentedMap) or "calendar" not in doc:
        raise PolicyError([PolicyProblem(shown, 1, text("缺少 calendar 节", "missing section 'calendar'"))])
    override = parse_calendar(builder, shown, builder.key_line(doc, "calendar"), doc["calendar"])
    if problems or override is None:
        raise PolicyError(problems)
    return override


def find_calendar_file(folder: Path) -> Path | None:
    """The policy file in ``folder`` that holds the ``calendar`` section, if any."""
    pattern = re.compile(r"^calendar\s*:", re.MULTILINE)
    for path in sorted(folder.glob("*.y*ml")):
        try:
            if pattern.search(path.read_bytes().decode("utf-8-sig", errors="replace")):
                return path
        except OSError:
            continue
    return None
