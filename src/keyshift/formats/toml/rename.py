"""Renaming and moving in a TOML text: a ``key = value`` entry renamed in place or moved (with its
comment lines) to another table, whose header may be created or retitled, and a whole table
renamed by rewriting its headers and the dotted keys that spell it."""

from __future__ import annotations

from keyshift.core.edits import CannotFix, FixRequest, describe_path, line_end
from keyshift.core.model import Edit, Scalar
from keyshift.formats.toml.destination import deepest_table, find_destination
from keyshift.formats.toml.layout import TomlEntry, TomlTable
from keyshift.formats.toml.plan import Plan
from keyshift.formats.toml.removal import removal_edits, vanishing
from keyshift.formats.toml.render import key_text
from keyshift.formats.toml.view import (
    Path,
    Range,
    TomlView,
    common_prefix_length,
    is_index,
    kind_word,
    line_range,
)
from keyshift.formats.toml.writing import header_text, insertion, moved_text

__all__ = ["rename_entry", "rename_table", "replace_entry_value"]


def replace_entry_value(view: TomlView, entry: TomlEntry, value: Scalar, plan: Plan) -> None:
    """Write ``value`` over the entry's value text."""
    plan.replace_value(view.text, entry.value_span.start.offset, entry.value_span.end.offset, value)


def rename_entry(view: TomlView, entry: TomlEntry, new_path: Path, request: FixRequest, plan: Plan) -> None:
    """Rename the entry in place, or move it to ``new_path`` in another table."""
    old_path = entry.path
    if view.exists(new_path):
        raise CannotFix(f"{describe_path(new_path)} already exists")
    if request.has_value and entry.value_kind != "scalar":
        raise CannotFix(f"{describe_path(old_path)} holds a {kind_word(entry)}, not a single value")
    if old_path[:-1] == new_path[:-1]:
        _rename_key(entry, new_path[-1], plan)
        if request.has_value:
            replace_entry_value(view, entry, request.value, plan)
        return
    if entry.inline or entry.line_span is None:
        raise CannotFix(f"{describe_path(old_path)} is inside an inline table; move it by hand")
    if any(is_index(s) for s in (*old_path, *new_path)):
        raise CannotFix("cannot move a key into or out of an array of tables; move it by hand")
    _move_entry(view, entry, new_path, request, plan)


def _rename_key(entry: TomlEntry, name: str, plan: Plan) -> None:
    last = entry.segments[-1]
    plan.edits.append(Edit(last.span.start.offset, last.span.end.offset, key_text(name, last.raw)))


def _move_entry(view: TomlView, entry: TomlEntry, new_path: Path, request: FixRequest, plan: Plan) -> None:
    """Take the entry's lines (and its own comment lines) out and write them at the destination."""
    old_path = entry.path
    start, end = line_range(entry)
    removed: list[Range] = [(view.own_comments_start(start), line_end(view.text, end))]
    parents = vanishing(view, old_path[:-1], old_path, new_path, removed, plan, entry_left=True)
    dest = find_destination(view, new_path, [*removed, *parents], entry)
    source = view.header(old_path[:-1])
    header = dest.header
    if header is not None and parents and source is not None and source.path in plan.removed_tables:
        # The old table would hold nothing else and a new header is needed: rename the header.
        _retitle(view, source, entry, header, new_path, request, plan)
        plan.creates |= dest.creates
        plan.edits.extend(removal_edits(view, parents[1:]))
        return
    removed += parents
    value = None
    if request.has_value:
        old_raw = view.text[entry.value_span.start.offset : entry.value_span.end.offset]
        value = plan.write_value(request.value, old_raw)
    body = moved_text(view, entry, dest, new_path, value)
    plan.edits.extend(removal_edits(view, removed))
    plan.edits.append(insertion(view, dest, body))
    plan.creates |= dest.creates


def _retitle(
    view: TomlView,
    table: TomlTable,
    entry: TomlEntry,
    header: Path,
    new_path: Path,
    request: FixRequest,
    plan: Plan,
) -> None:
    """Move the only entry of ``table`` by rewriting the table's header (and the key's name)."""
    start, end = table.key_span.start.offset, table.key_span.end.offset
    plan.edits.append(Edit(start, end, header_text(view, header)))
    if entry.segments[-1].name != new_path[-1]:
        _rename_key(entry, new_path[-1], plan)
    if request.has_value:
        replace_entry_value(view, entry, request.value, plan)


def rename_table(view: TomlView, old_path: Path, new_path: Path, plan: Plan) -> None:
    """Rename (or move) the table ``old_path``: its headers and the dotted keys spelling it."""
    headers, through = _table_definitions(view, old_path, new_path)
    common = common_prefix_length(old_path, new_path)
    if any(is_index(s) for s in (*old_path[common:], *new_path[common:])):
        raise CannotFix("cannot move a table into or out of an array of tables; move it by hand")
    same_parent = old_path[:-1] == new_path[:-1]
    if not same_parent:
        if through:
            raise CannotFix(f"{describe_path(old_path)} is written with dotted keys; move it by hand")
        deepest_table(view, new_path[:-1], "move the table by hand")
    _rename_headers(headers, old_path, new_path, common, plan)
    for entry in through:
        segment = entry.segments[len(old_path) - 1 - len(entry.table)]
        text = key_text(new_path[-1], segment.raw)
        plan.edits.append(Edit(segment.span.start.offset, segment.span.end.offset, text))
    if not same_parent:
        gone = vanishing(view, old_path[:-1], old_path, new_path, [], plan, entry_left=False)
        plan.edits.extend(removal_edits(view, gone))
        plan.creates |= {new_path[:j] for j in range(1, len(new_path)) if not view.exists(new_path[:j])}


def _table_definitions(view: TomlView, old_path: Path, new_path: Path) -> tuple[list[TomlTable], list[TomlEntry]]:
    """The headers under ``old_path`` and the dotted keys spelling it, once the rename is possible."""
    if is_index(old_path[-1]) or is_index(new_path[-1]):
        raise CannotFix("cannot rename an element of an array; edit it by hand")
    headers = view.headers_under(old_path)
    through = view.spelled_through(old_path)
    if not headers and not through:
        raise CannotFix(f"{describe_path(old_path)} is not a table in this file")
    if view.exists(new_path):
        raise CannotFix(f"{describe_path(new_path)} already exists")
    if new_path[: len(old_path)] == old_path:
        raise CannotFix(f"cannot move {describe_path(old_path)} into itself")
    return headers, through


def _rename_headers(headers: list[TomlTable], old_path: Path, new_path: Path, common: int, plan: Plan) -> None:
    """Rewrite the segments after the ``common`` prefix in every header under ``old_path``."""
    first = sum(1 for s in old_path[:common] if not is_index(s))
    last = sum(1 for s in old_path if not is_index(s)) - 1
    for table in headers:
        segments = table.segments
        text = ".".join(key_text(name, segments[last].raw) for name in new_path[common:])
        plan.edits.append(Edit(segments[first].span.start.offset, segments[last].span.end.offset, text))
