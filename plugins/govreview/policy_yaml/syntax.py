"""Reading one YAML text of the policy, and saying what is wrong with a text that is no YAML.

The parser's own words ("expected <block end>, but found '<block sequence start>'")
mean nothing to a website office. Each common mistake — a tab, an indentation that
does not line up, a colon without a space, a Chinese colon, an unclosed quote or
bracket, a key written twice — becomes a Chinese sentence with the line where the
mistake is (not where the parser gave up) and a hint how to fix it. Anything else is
a general sentence with the parser's original words in parentheses.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.composer import MaxDepthExceededError
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, ScalarNode
from ruamel.yaml.reader import ReaderError

from ..messages import Message, msg
from ..yaml_limits import DEPTH, MAX_DEPTH, Limited, YamlLimitError, check_node
from .problems import PolicyProblem


class DuplicateKey(Exception):
    """A key written twice in one mapping: the key, its first line and the repeated line."""

    def __init__(self, key: str, first: int, line: int) -> None:
        super().__init__(key, first, line)
        self.key, self.first, self.line = key, first, line


def check_duplicates(root: Any) -> None:
    """Raise :class:`DuplicateKey` for the first key written twice in a mapping (each node visited once)."""
    seen: set[int] = set()
    todo = [root]
    while todo:
        node = todo.pop()
        if id(node) in seen or isinstance(node, ScalarNode):
            continue
        seen.add(id(node))
        if isinstance(node, MappingNode):
            first: dict[tuple[str, str], int] = {}
            for key, value in node.value:
                todo.append(value)
                if not isinstance(key, ScalarNode):
                    continue
                tag = str(key.tag)
                if tag.endswith(":merge"):
                    continue
                line = key.start_mark.line + 1
                if (tag, key.value) in first:
                    raise DuplicateKey(key.value, first[(tag, key.value)], line)
                first[(tag, key.value)] = line
        else:
            todo.extend(node.value)


class _Constructor(Limited, RoundTripConstructor):
    """ruamel's round-trip constructor: refuses alias bombs (:mod:`govreview.yaml_limits`)
    and keys written twice before any value is built."""

    def construct_document(self, node: Any) -> Any:
        check_node(node)
        check_duplicates(node)
        return RoundTripConstructor.construct_document(self, node)


def load_yaml(source: str) -> Any:
    """One YAML text, round-trip, bounded in aliases and nesting. Raises YamlLimitError,
    DuplicateKey, ruamel's errors for malformed YAML, ValueError for impossible dates."""
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    yaml.max_depth = MAX_DEPTH + 1  # ruamel counts nodes (scalars too), the limit counts collections
    try:
        return yaml.load(source)
    except MaxDepthExceededError as err:
        raise YamlLimitError(DEPTH, err.problem_mark.line + 1 if err.problem_mark is not None else None) from None
    except RecursionError:  # pragma: no cover - max_depth stops the composer first
        raise YamlLimitError(DEPTH, None) from None


def read_text(shown: str, source: str) -> tuple[Any, PolicyProblem | None]:
    """The document of one policy text, or the problem that stops it being read."""
    try:
        return load_yaml(source), None
    except YamlLimitError as err:
        return None, PolicyProblem(shown, err.line, err.as_message())
    except DuplicateKey as err:
        what = msg("policy.yaml_duplicate_key", key=err.key, first=err.first, line=err.line)
        return None, PolicyProblem(shown, err.line, what, msg("policy.hint_duplicate_key"))
    except ReaderError as err:
        return None, PolicyProblem(shown, _line_at(source, err.position), *_reader_problem(err))
    except MarkedYAMLError as err:
        line, what, hint = explain(err, source)
        return None, PolicyProblem(shown, line, what, hint)
    except YAMLError as err:  # pragma: no cover - ruamel raises marked errors for text input
        return None, PolicyProblem(shown, None, msg("policy.yaml_other", original=str(err)))
    except ValueError as err:  # a value YAML reads as a date but no calendar has (2027-13-01)
        return None, _bad_value(shown, source, err)


def _line_at(source: str, position: int | None) -> int | None:
    return source.count("\n", 0, position) + 1 if position is not None else None


def _reader_problem(err: ReaderError) -> tuple[Message, Message | None]:
    char = err.character
    code = f"U+{char:04X}" if isinstance(char, int) else repr(char)
    return msg("policy.yaml_bad_character", char=code), msg("policy.hint_bad_character")


_DATE_TOKEN = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")


def _bad_value(shown: str, source: str, err: ValueError) -> PolicyProblem:
    """ruamel gives no position for an impossible date: find the first one in the text."""
    for number, line in enumerate(source.splitlines(), start=1):
        for m in _DATE_TOKEN.finditer(line.split("#", 1)[0]):
            try:
                dt.date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return PolicyProblem(shown, number, msg("policy.bad_date", value=m[0]), msg("policy.hint_bad_date"))
    return PolicyProblem(shown, None, msg("policy.bad_value", original=str(err)))


# -- what a parser error means -------------------------------------------------------


def _mark_line(mark: Any) -> int | None:
    return int(mark.line) + 1 if mark is not None else None


def _lines(source: str) -> list[str]:
    return source.splitlines()


def _code_part(line: str) -> str:
    """A line without its comment (a ``#`` after a space, outside quotes: good enough for hints)."""
    out, quote = [], ""
    for i, ch in enumerate(line):
        if quote:
            quote = "" if ch == quote else quote
        elif ch in "\"'":
            quote = ch
        elif ch == "#" and (i == 0 or line[i - 1] in " \t"):
            break
        out.append(ch)
    return "".join(out)


def _previous_content_line(lines: list[str], index: int) -> int | None:
    """The 0-based index of the last line before ``index`` with something on it."""
    for i in range(index - 1, -1, -1):
        if _code_part(lines[i]).strip():
            return i
    return None


def _open_bracket_line(source: str) -> int | None:
    """The line (1-based) of the last ``[`` or ``{`` never closed, outside quotes and comments."""
    stack: list[int] = []
    for number, line in enumerate(_lines(source), start=1):
        for ch in _code_part(line):
            if ch in "[{":
                stack.append(number)
            elif ch in "]}" and stack:
                stack.pop()
    return stack[-1] if stack else None


def _colon_mistake(lines: list[str], index: int, column: int) -> tuple[int, Message, Message]:
    """ "mapping values are not allowed here" at (index, column): which mistake it is, and where."""
    line = lines[index] if index < len(lines) else ""
    before = _code_part(line)[:column]
    if re.search(r"\S:(\s|$)", before) or ": " in before:
        # a second "key: " on one line: the value itself holds a colon
        return index + 1, msg("policy.yaml_colon_in_value"), msg("policy.hint_quote_value")
    prev = _previous_content_line(lines, index)
    if prev is not None:
        text = _code_part(lines[prev]).rstrip()
        if "：" in text and ":" not in text:
            return prev + 1, msg("policy.yaml_chinese_colon"), msg("policy.hint_colon_space")
        if re.search(r"[^\s:]:[^\s:/]", text) and not re.search(r":(\s|$)", text):
            return prev + 1, msg("policy.yaml_colon_no_space"), msg("policy.hint_colon_space")
        if not re.search(r":(\s|$)", text) and not text.lstrip().startswith("-"):
            return prev + 1, msg("policy.yaml_missing_colon"), msg("policy.hint_colon_space")
    return index + 1, msg("policy.yaml_indent"), msg("policy.hint_indent")


def explain(err: MarkedYAMLError, source: str) -> tuple[int | None, Message, Message | None]:
    """The line, the message and the hint for a ruamel error in ``source``."""
    problem = str(err.problem or "")
    context = str(err.context or "")
    mark, ctx = err.problem_mark, err.context_mark
    line = _mark_line(mark) or _mark_line(ctx)
    lines = _lines(source)
    if type(err).__name__ == "DuplicateKeyError":  # pragma: no cover - check_duplicates finds them first
        found = re.search(r'duplicate key "(.+?)"', problem)
        key = found.group(1) if found else "?"
        return (
            line,
            msg("policy.yaml_duplicate_key", key=key, first=_mark_line(ctx) or "?", line=line or "?"),
            msg("policy.hint_duplicate_key"),
        )
    if "'\\t'" in problem:
        return line, msg("policy.yaml_tab"), msg("policy.hint_tab")
    token = re.search(r"found character '(.)' that cannot start any token", problem)
    if token:
        return line, msg("policy.yaml_reserved_character", char=token.group(1)), msg("policy.hint_quote_value")
    if "quoted scalar" in context and "escape" in problem:
        return line, msg("policy.yaml_bad_escape"), msg("policy.hint_bad_escape")
    if "quoted scalar" in context:
        return _mark_line(ctx) or line, msg("policy.yaml_unclosed_quote"), msg("policy.hint_unclosed_quote")
    if "flow" in context or ("end of stream" in problem and _open_bracket_line(source)):
        opened = _open_bracket_line(source) or _mark_line(ctx) or line
        return opened, msg("policy.yaml_unclosed_bracket"), msg("policy.hint_unclosed_bracket")
    if "mapping values are not allowed" in problem and mark is not None:
        return _colon_mistake(lines, mark.line, mark.column)
    if "could not find expected ':'" in problem:
        at = _mark_line(ctx) or line
        return at, msg("policy.yaml_missing_colon"), msg("policy.hint_colon_space")
    closing = re.search(r"but found \(?'([\]}])'", problem)
    if closing:
        return line, msg("policy.yaml_extra_bracket", char=closing.group(1)), msg("policy.hint_unclosed_bracket")
    if "expected <block end>" in problem:
        if "'<scalar>'" in problem and mark is not None and mark.line < len(lines):
            text = lines[mark.line]
            if text[: mark.column].strip():  # something follows a value on the same line: text after a closing quote
                return line, msg("policy.yaml_text_after_quote"), msg("policy.hint_quote_value")
        if "'?'" in problem or "'-'" in problem:
            return line, msg("policy.yaml_list_and_keys"), msg("policy.hint_indent")
        return line, msg("policy.yaml_indent"), msg("policy.hint_indent")
    if "expected a single document" in context or "another document" in problem:
        return line, msg("policy.yaml_two_documents"), msg("policy.hint_two_documents")
    if "undefined alias" in problem:
        return line, msg("policy.yaml_undefined_alias"), msg("policy.hint_quote_value")
    if "anchor" in context or "alias" in context:
        return line, msg("policy.yaml_anchor"), msg("policy.hint_quote_value")
    if "end of stream" in problem:
        return _mark_line(ctx) or line, msg("policy.yaml_unfinished"), None
    original = "; ".join(p for p in (context, problem) if p)
    return line, msg("policy.yaml_other", original=original), msg("policy.hint_yaml_other")
