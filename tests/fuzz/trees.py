"""Generated key trees (the matrix's keys, their neighbours and look-alikes, with values), and what every
generated file shares: comment marks, line endings, a BOM, a final newline or none.

A tree is a dict of key -> subtree, scalar, list of scalars or list of subtrees; each format's generator
spells the same tree its own ways (nested, dotted, mixed, quoted, flow, list elements).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from hypothesis import strategies as st

from fuzz.keys import NOISE_PATHS, RULE_PATHS, RULE_VALUES, SEGMENT_NOISE, VALUES

Draw = Callable[[st.SearchStrategy[Any]], Any]
Tree = dict[str, Any]
Scalar = str | int | float | bool | None

MARK = re.compile(r"zq\d+")
"""A comment's mark: every comment a generator writes holds one, so that a lost comment shows."""

RARE_BREAKS = ("\x85", "\u2028", "\u2029", "\r", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e")
"""Characters Python's ``str.splitlines`` breaks lines at, but ``diff``, ``patch`` and JSON do not."""


def has_rare_break(text: str) -> bool:
    """A line break of ``RARE_BREAKS`` (a ``\\r`` only when no ``\\n`` follows it)."""
    return any(c in text for c in RARE_BREAKS if c != "\r") or "\r" in text.replace("\r\n", "")


def without_rare_breaks(text: str) -> str:
    """``text`` without the characters of ``RARE_BREAKS`` (a ``\\r`` is kept before a ``\\n``)."""
    text = re.sub("\r(?!\n)", "", text)
    return text.translate({ord(c): None for c in RARE_BREAKS if c != "\r"})


TEXT_ALPHABET = st.characters(
    codec="utf-8", exclude_categories=["Cs"], exclude_characters="\n\r\x00" + "".join(RARE_BREAKS)
)


def choice(draw: Draw, *options: str) -> str:
    """One of ``options``."""
    picked: str = draw(st.sampled_from(options))
    return picked


@dataclass
class Marks:
    """Hands out the comment marks of one document: ``zq1``, ``zq2``, ..."""

    count: int = 0
    used: list[str] = field(default_factory=list)

    def __call__(self) -> str:
        self.count += 1
        mark = f"zq{self.count}"
        self.used.append(mark)
        return mark


@st.composite
def scalars(draw: Draw) -> Scalar:
    """A value: mostly from the values the matrix cares about, sometimes any short text."""
    if draw(st.integers(0, 5)) == 0:
        return str(draw(st.text(TEXT_ALPHABET, max_size=12)).replace("zq", "z"))
    value: Scalar = draw(st.sampled_from(VALUES))
    return value


@st.composite
def paths(draw: Draw) -> tuple[str, ...]:
    path: tuple[str, ...] = draw(st.sampled_from(RULE_PATHS + NOISE_PATHS))
    if draw(st.integers(0, 7)) == 0:
        path += (draw(st.sampled_from(SEGMENT_NOISE)),)
    return path


def leaves(tree: Tree, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...], Any]]:
    """Every scalar (or list of scalars) of a tree with its path; sequence elements are ``[N]``."""
    out: list[tuple[tuple[str, ...], Any]] = []
    for key, value in tree.items():
        if isinstance(value, dict):
            out += leaves(value, (*path, key))
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            for n, item in enumerate(value):
                out += leaves(item, (*path, key, f"[{n}]"))
        else:
            out.append(((*path, key), value))
    return out


def text_of(value: Any) -> str:
    """A value as formats whose values are all text write it."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return ",".join(text_of(v) for v in value)
    return "" if value is None else str(value)


@st.composite
def trees(draw: Draw, *, lists: bool = True) -> Tree:
    """A tree of 1 to 14 keys; some mappings become sequences of mappings, some values lists."""
    tree: Tree = {}
    for _ in range(draw(st.integers(1, 14))):
        path = draw(paths())
        value: Any = draw(scalars())
        if path in RULE_VALUES and draw(st.booleans()):
            value = draw(st.sampled_from(RULE_VALUES[path]))
        elif lists and draw(st.integers(0, 9)) == 0:
            value = draw(st.lists(scalars(), max_size=3))
        _insert(tree, path, value)
    if lists:
        _sequences(draw, tree)
    return tree


def _insert(tree: Tree, path: tuple[str, ...], value: Any) -> None:
    """Put ``value`` at ``path``, unless a key on the way already holds something else."""
    node = tree
    for segment in path[:-1]:
        child = node.setdefault(segment, {})
        if not isinstance(child, dict):
            return
        node = child
    if path[-1] not in node:
        node[path[-1]] = value


def _sequences(draw: Draw, tree: Tree) -> None:
    """Turn some mappings whose values are all mappings into sequences of them (``plugins: [{path: x}]``)."""
    for key, child in list(tree.items()):
        if not isinstance(child, dict):
            continue
        _sequences(draw, child)
        if key != "app" and child and all(isinstance(v, dict) for v in child.values()) and draw(st.integers(0, 3)) == 0:
            tree[key] = list(child.values())


@dataclass(frozen=True)
class Layout:
    """How a generated text becomes a file's bytes."""

    newline: str = "\n"
    final_newline: bool = True
    bom: bool = False

    def apply(self, text: str) -> bytes:
        body = text if self.final_newline or not text.endswith("\n") else text[:-1]
        if self.newline != "\n":
            body = body.replace("\n", self.newline)
        return ("\ufeff" if self.bom else "").encode() + body.encode("utf-8", "surrogatepass")


@st.composite
def layouts(draw: Draw) -> Layout:
    return Layout(
        newline=draw(st.sampled_from(["\n", "\r\n"])),
        final_newline=draw(st.booleans()),
        bom=draw(st.integers(0, 4)) == 0,
    )


def plain_word(text: str) -> bool:
    """A key or value every format can write bare: letters, digits, ``_`` and ``-``, not a number."""
    return bool(re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", text))
