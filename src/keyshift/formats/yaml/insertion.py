"""Writing an entry somewhere new: the text a moved entry is written as, and the edit that inserts
it (or a new key) at the end of a block mapping or inside a flow mapping's braces."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from keyshift.core.edits import CannotFix, describe_path, line_start
from keyshift.core.model import Edit
from keyshift.formats.yaml.edit_index import EditIndex, Entry, is_block_scalar
from keyshift.formats.yaml.placement import Place
from keyshift.formats.yaml.removal import require_block_line
from keyshift.formats.yaml.rewrite import key_text
from keyshift.formats.yaml.style import FLOW_INDICATORS, format_key, reindent, render


@dataclass(frozen=True, slots=True)
class Block:
    """Lines of block YAML to insert, and the column their top-level key is written at."""

    text: str
    column: int


def moved_block(
    doc: EditIndex,
    entry: Entry,
    span: tuple[int, int],
    key_segs: Sequence[str],
    value_subs: Sequence[tuple[int, int, str]],
) -> Block:
    """The entry's lines (``span`` of the text) with the new key and ``value_subs`` applied."""
    assert entry.key is not None
    start, end = span
    new_key = key_text(doc, entry, key_segs, False)
    if entry.in_flow:
        value_start, value_end = doc.value_range(entry)
        value_text = render(doc.text, value_start, value_end, value_subs).strip()
        return Block(f"{new_key}:" + (f" {value_text}" if value_text else "") + doc.nl, 0)
    key_start, key_end = doc.key_range(entry)
    key_token = doc.after_properties(key_start, key_end)[0]
    subs = [(key_token, key_end, new_key), *value_subs]
    # a first key after "- " starts mid-line: give it its column as indentation
    indent = " " * doc.column(start) if doc.compact_first(entry) else ""
    return Block(indent + render(doc.text, start, end, subs), doc.column(key_token))


def block_insertion(doc: EditIndex, place: Place, parents: Sequence[str], block: Block) -> Edit:
    """Insert ``block`` at the end of a block mapping, under new nested ``parents``."""
    container = place.container
    col = doc.child_column(container)
    step = doc.indent_step
    lines = [
        " " * (col + depth * step) + format_key([segment], None, False) + ":" + doc.nl
        for depth, segment in enumerate(parents)
    ]
    lines.append(reindent(block.text, col + len(parents) * step - block.column))
    at = _block_insert_point(doc, place)
    return Edit(at, at, "".join(lines))


def _block_insert_point(doc: EditIndex, place: Place) -> int:
    container = place.container
    if place.implicit and place.after is not None:
        last = place.after
    else:
        index = len(container.value) - 1
        key, value = container.value[index]
        last = Entry(container, index, key, value, (), (), ())
    if doc.keeps_trailing_lines(container, last.index, last.value):
        raise CannotFix("the mapping ends with a block scalar that keeps trailing lines")
    return doc.block_end(last)


def flow_insertion(
    doc: EditIndex,
    place: Place,
    parents: Sequence[str],
    key_text: str,
    value_text: str,
    moving: Entry | None,
) -> Edit:
    """Insert ``key_text: value_text`` in a flow mapping, under new ``{}`` parents; ``moving`` is the
    entry it comes from, if any."""
    if moving is not None:
        _check_fits_flow(doc, moving, value_text)
    inner = key_text + ":" + (f" {value_text}" if value_text else "")
    for segment in reversed(parents):
        inner = format_key([segment], None, True) + ": {" + inner + "}"
    container = place.container
    only_moving = moving is not None and moving.parent is container and len(container.value) == 1
    if not container.value or only_moving:
        start, end = doc.ranges.value_range(None, 0, container)
        brace = doc.text.find("{", start, end)
        if brace < 0:
            raise CannotFix("cannot find the flow mapping's '{'")
        return Edit(brace + 1, brace + 1, inner)
    index = len(container.value) - 1
    last_value = container.value[index][1]
    at = doc.ranges.value_range(container, index, last_value)[1]
    return Edit(at, at, ", " + inner)


def _check_fits_flow(doc: EditIndex, moving: Entry, value_text: str) -> None:
    """A moved entry goes into a flow mapping only as one line, with no comments and no quotes to add."""
    if not moving.in_flow:
        require_block_line(doc, moving, "move")
        start = doc.cut_start(moving, True)
        rest = doc.text[doc.value_range(moving)[1] : doc.block_end(moving)].strip()
        if start < line_start(doc.text, doc.key_range(moving)[0]) or rest:
            raise CannotFix(f"cannot move {describe_path(moving.path)} into a flow mapping with its comments")
    node = moving.value
    if (
        "\n" in value_text
        or is_block_scalar(node)
        or (node.id in ("mapping", "sequence") and not getattr(node, "flow_style", False))
    ):
        raise CannotFix(f"cannot move {describe_path(moving.path)} into a flow mapping: its value spans lines")
    if (
        node.id == "scalar"
        and node.style is None
        and value_text
        and any(c in FLOW_INDICATORS or c == "#" for c in value_text)
    ):
        raise CannotFix(f"cannot move {describe_path(moving.path)} into a flow mapping: its value would need quotes")
