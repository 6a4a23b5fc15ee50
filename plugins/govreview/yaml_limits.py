"""Bounded YAML: refuse alias bombs, self-referring aliases and deep nesting.

YAML loaders build an alias (``*a``) as a second reference to the same object,
so a few hundred bytes of nested aliases ("billion laughs") load quickly into a
structure that expands to hundreds of millions of values the moment anything
walks it — screening, hashing, printing. Every YAML text govreview reads goes
through :class:`Limited`: after composing the document and before building any
Python value, the composed node graph is measured once (each node once, so the
check is linear in the text) and refused above a small budget, with the line.

Used for PyYAML (front matter, mkdocs.yml) and ruamel.yaml (policies/): both
compose the same shape of nodes (``value`` is a string, a list of nodes, or a
list of (key, value) node pairs; an alias is the anchored node itself).
"""

from __future__ import annotations

from typing import Any

from .messages import Message, lang_of, msg, say

#: Values an alias may add beyond those written out (legitimate reuse adds a few dozen).
MAX_EXTRA_NODES = 10_000
#: Characters of scalars an alias may add beyond those written out.
MAX_EXTRA_CHARS = 100_000
#: Nesting of collections, aliases expanded (consumers walk values recursively).
MAX_DEPTH = 100

ALIASES = "aliases"  # expansion over budget
CYCLE = "cycle"  # an alias inside the node it refers to
DEPTH = "depth"  # nested too deeply


class YamlLimitError(Exception):
    """A YAML text refused before its values were built: ``kind``, and ``line`` (1-based, in the text)."""

    def __init__(self, kind: str, line: int | None) -> None:
        self.kind = kind
        self.line = line
        super().__init__(self.message("en"))

    def as_message(self) -> Message:
        """What is wrong, as a catalogue message (:mod:`govreview.messages.policy`)."""
        if self.kind == DEPTH:
            return msg("yaml.too_deep", limit=MAX_DEPTH)
        if self.kind == CYCLE:
            return msg("yaml.alias_cycle")
        return msg("yaml.alias_bomb", nodes=MAX_EXTRA_NODES, chars=MAX_EXTRA_CHARS)

    def message(self, lang: str | None = None) -> str:
        return say(self.as_message(), lang_of(lang))


def _line(node: Any) -> int | None:
    mark = getattr(node, "start_mark", None)
    return int(mark.line) + 1 if mark is not None else None


def _chars(node: Any) -> int:
    return len(node.value) if isinstance(node.value, str) else 0


def _children(node: Any) -> list[Any]:
    """A node's children, last first (they are popped: visited in document order)."""
    if isinstance(node.value, str):
        return []
    out: list[Any] = []
    for item in node.value:
        if isinstance(item, tuple):
            out.extend(item)  # a mapping's (key, value) pair
        else:
            out.append(item)
    out.reverse()
    return out


def check_node(root: Any) -> None:
    """Raise :class:`YamlLimitError` if the composed document ``root`` expands too far.

    One depth-first walk over distinct nodes (iterative: no recursion limit),
    keeping per node its expanded size (values, characters) and depth. A node is
    refused as soon as its own expansion exceeds what has been written out so
    far by more than the budget: every node it reaches is finished before it is,
    so what it adds is at least that much, and the whole document adds at least
    what any of its parts adds. At the root the test is exact.
    """
    sizes: dict[int, tuple[int, int, int]] = {}  # id -> (values, characters, depth), expanded
    open_: set[int] = set()  # on the current path: meeting one again is a cycle
    written_nodes = 0
    written_chars = 0
    stack: list[tuple[Any, list[Any], list[int]]] = [(root, _children(root), [1, _chars(root), 0])]
    open_.add(id(root))
    while stack:
        node, todo, acc = stack[-1]
        if todo:
            child = todo.pop()
            key = id(child)
            if key in open_:
                raise YamlLimitError(CYCLE, _line(child))
            done = sizes.get(key)
            if done is not None:
                acc[0] += done[0]
                acc[1] += done[1]
                acc[2] = max(acc[2], done[2])
                continue
            if len(stack) > MAX_DEPTH:  # the node on top is a collection nested too deeply
                raise YamlLimitError(DEPTH, _line(child))
            open_.add(key)
            stack.append((child, _children(child), [1, _chars(child), 0]))
            continue
        stack.pop()
        open_.discard(id(node))
        nodes, chars, depth = acc[0], acc[1], acc[2] + (0 if isinstance(node.value, str) else 1)
        written_nodes += 1
        written_chars += _chars(node)
        if nodes - written_nodes > MAX_EXTRA_NODES or chars - written_chars > MAX_EXTRA_CHARS:
            raise YamlLimitError(ALIASES, _line(node))
        if depth > MAX_DEPTH:
            raise YamlLimitError(DEPTH, _line(node))
        sizes[id(node)] = (nodes, chars, depth)
        if stack:
            parent = stack[-1][2]
            parent[0] += nodes
            parent[1] += chars
            parent[2] = max(parent[2], depth)


class Limited:
    """Mix in before a PyYAML loader or a ruamel.yaml constructor class: checks each
    document's nodes before building values (``class L(Limited, yaml.CSafeLoader)``)."""

    def construct_document(self, node: Any) -> Any:
        check_node(node)
        return super().construct_document(node)  # type: ignore[misc]
