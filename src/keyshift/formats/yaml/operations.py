"""The fix operations on one YAML document: set a value, rename (in place or by moving the entry),
add, delete and comment out a key, each planned as edits of the document's working text."""

from __future__ import annotations

from collections.abc import Sequence

from keyshift.core.edits import CannotFix, FixRequest, PlannedFix, describe_path, line_start
from keyshift.core.model import Edit
from keyshift.core.positions import YAML_BREAKS, split_lines
from keyshift.formats.yaml.anchors import (
    check_anchor_order,
    check_no_outside_aliases,
    check_not_merged,
    check_shared,
    entry_chain_ids,
)
from keyshift.formats.yaml.edit_index import EditIndex, Entry
from keyshift.formats.yaml.insertion import Block, block_insertion, flow_insertion, moved_block
from keyshift.formats.yaml.placement import Place, dotted_style, find_place, new_key_split, path_exists
from keyshift.formats.yaml.removal import remove_entry, require_block_line
from keyshift.formats.yaml.rewrite import key_edit, key_text, value_edit
from keyshift.formats.yaml.style import INDEX_SEGMENT, format_key, format_scalar, render


def plan_operation(doc: EditIndex, request: FixRequest) -> PlannedFix:
    """The edits of ``request`` in the document of ``doc`` (offsets into ``doc.text``)."""
    op = request.op
    if op == "set-value":
        entry, _ = _entry_of(doc, request)
        return PlannedFix((value_edit(doc, entry, request.value),))
    if op == "rename":
        return _rename(doc, request)
    if op == "add":
        return _add(doc, request)
    if op == "delete":
        return _delete(doc, request)
    if op == "comment-out":
        return _comment_out(doc, request)
    raise CannotFix(f"unknown fix operation {op!r}")


def _entry_of(doc: EditIndex, request: FixRequest) -> tuple[Entry, int]:
    """The entry the request is about and how many of its key segments the occurrence covers."""
    occurrence = request.occurrence
    if occurrence is None:
        raise CannotFix(f"{request.op} needs the key it applies to")
    if occurrence.document != request.document:
        raise CannotFix("the key is not in the requested document")
    entry, covered = doc.find(occurrence)
    if covered < len(entry.segments) and request.op != "rename":
        raise CannotFix(f"{describe_path(occurrence.path)} is part of a longer dotted key")
    return entry, covered


def _new_path(request: FixRequest) -> tuple[str, ...]:
    new_path = request.new_path
    if not new_path:
        raise CannotFix(f"{request.op} needs the new key path")
    return tuple(new_path)


def _creatable_place(doc: EditIndex, path: tuple[str, ...], moving: Entry | None) -> Place:
    """The place for ``path``, whose missing parents must all be mappings (no new sequence elements)."""
    place = find_place(doc, path, moving)
    missing = path[place.depth : -1]
    if any(INDEX_SEGMENT.fullmatch(segment) for segment in missing):
        raise CannotFix(f"cannot create the sequence element in {describe_path(path)}")
    return place


def _created(place: Place, path: tuple[str, ...]) -> frozenset[tuple[str, ...]]:
    """The parent paths of ``path`` that writing it at ``place`` creates."""
    return frozenset(path[:n] for n in range(place.depth + 1, len(path)))


def _rename(doc: EditIndex, request: FixRequest) -> PlannedFix:
    entry, covered = _entry_of(doc, request)
    if entry.key is None:
        raise CannotFix("a sequence element cannot be renamed")
    if doc.ranges.alias_range(entry.parent, entry.index, True) is not None:
        raise CannotFix(f"the key {describe_path(entry.path)} is an alias")
    new_path = _new_path(request)
    assert request.occurrence is not None
    old_path = request.occurrence.path
    rest = entry.segments[covered:]
    full = new_path + rest
    value_edits: list[Edit] = []
    if request.has_value:
        if rest:
            raise CannotFix(f"{describe_path(old_path)} holds a mapping, not a single value")
        value_edits.append(value_edit(doc, entry, request.value))
    if full == entry.path:
        return PlannedFix(tuple(value_edits))
    check_not_merged(doc, entry, "rename")
    if path_exists(doc, full, entry):
        raise CannotFix(f"{describe_path(full)} already exists")
    base = entry.base
    if new_path[:-1] == old_path[:-1]:
        return PlannedFix((key_edit(doc, entry, full[len(base) :]), *value_edits))
    place = _creatable_place(doc, full, entry)
    creates = _created(place, full)
    relative = full[len(place.container_path) :]
    if place.container is entry.parent and (
        place.implicit or len(relative) == 1 or len(entry.segments) > 1 or dotted_style(place.container)
    ):
        # the key stays where it is, written dotted
        return PlannedFix((key_edit(doc, entry, relative), *value_edits), creates)
    return _move(doc, entry, full, place, value_edits, creates)


def _move(
    doc: EditIndex,
    entry: Entry,
    full: tuple[str, ...],
    place: Place,
    value_edits: Sequence[Edit],
    creates: frozenset[tuple[str, ...]],
) -> PlannedFix:
    """Cut ``entry`` out (with its comment lines) and write it at ``place`` as ``full``."""
    path_text = describe_path(entry.path)
    check_shared(doc, entry_chain_ids(doc, entry), f"moving {path_text}")
    check_shared(doc, place.chain, f"moving {path_text} there")
    assert entry.key is not None
    key_start = doc.key_range(entry)[0]
    value_start, value_end = doc.value_range(entry)
    value_subs = [(edit.start, edit.end, edit.replacement) for edit in value_edits]
    value_text = doc.text[value_start:value_end]
    if value_subs:
        value_text = render(doc.text, value_start, value_end, value_subs).lstrip(" ")
    if entry.in_flow:
        start = key_start
        if "\n" in value_text:
            raise CannotFix(f"cannot move {path_text} out of its flow mapping: its value spans lines")
    else:
        require_block_line(doc, entry, "move")
        start = doc.cut_start(entry, True)
    end = value_end if entry.in_flow else doc.block_end(entry)
    parents, key_segs = new_key_split(place, full)
    insertion = (
        flow_insertion(doc, place, parents, key_text(doc, entry, key_segs, True), value_text, entry)
        if getattr(place.container, "flow_style", False)
        else block_insertion(doc, place, parents, moved_block(doc, entry, (start, end), key_segs, value_subs))
    )
    check_anchor_order(doc, entry, start, end, insertion.start)
    edits = remove_entry(doc, entry, start, True, place.chain)
    edits.append(insertion)
    return PlannedFix(tuple(edits), creates)


def _add(doc: EditIndex, request: FixRequest) -> PlannedFix:
    path = _new_path(request)
    if doc.document.root_kind != "mapping" or doc.root.id != "mapping":
        kind = doc.document.root_kind or "empty"
        raise CannotFix(f"cannot add {describe_path(path)}: the document root is {kind}, not a mapping")
    if path_exists(doc, path, None):
        raise CannotFix(f"{describe_path(path)} already exists")
    place = _creatable_place(doc, path, None)
    check_shared(doc, place.chain, f"adding {describe_path(path)}")
    creates = _created(place, path)
    parents, key_segs = new_key_split(place, path)
    if getattr(place.container, "flow_style", False):
        value_text = format_scalar(request.value, None, True)
        key = format_key(key_segs, None, True)
        insertion = flow_insertion(doc, place, parents, key, value_text, None)
    else:
        value_text = format_scalar(request.value)
        line = format_key(key_segs, None, False) + ": " + value_text + doc.nl
        insertion = block_insertion(doc, place, parents, Block(line, 0))
    return PlannedFix((insertion,), creates)


def _delete(doc: EditIndex, request: FixRequest) -> PlannedFix:
    entry, _ = _entry_of(doc, request)
    if entry.key is None:
        raise CannotFix("deleting a sequence element would renumber the ones after it")
    check_not_merged(doc, entry, "delete")
    if entry.in_flow:
        start = doc.key_range(entry)[0]
    else:
        require_block_line(doc, entry, "delete")
        start = doc.cut_start(entry, False)
    check_no_outside_aliases(doc, entry, start, doc.block_end(entry), "delete")
    return PlannedFix(tuple(remove_entry(doc, entry, start, request.remove_empty_parents, frozenset())))


def _comment_out(doc: EditIndex, request: FixRequest) -> PlannedFix:
    entry, _ = _entry_of(doc, request)
    path_text = describe_path(entry.path)
    if entry.key is None:
        raise CannotFix("commenting out a sequence element would renumber the ones after it")
    if entry.in_flow:
        raise CannotFix(f"cannot comment out {path_text}: it is inside a flow mapping")
    require_block_line(doc, entry, "comment out")
    check_not_merged(doc, entry, "comment out")
    if len(entry.parent.value) == 1:
        holder = describe_path(entry.base) if entry.base else "the document"
        raise CannotFix(f"commenting out {path_text} would leave {holder} empty")
    start = line_start(doc.text, doc.key_range(entry)[0])
    end = doc.block_end(entry)
    check_no_outside_aliases(doc, entry, start, end, "comment out")
    col = doc.column(doc.key_range(entry)[0])
    indent = " " * col
    out: list[str] = []
    note = request.note
    if note:
        out.append(f"{indent}# {' '.join(note.split())}{doc.nl}")
    for line in split_lines(doc.text[start:end], YAML_BREAKS):  # each YAML line needs its own '#'
        body = line.rstrip("\r\n")
        ending = line[len(body) :]
        leading = len(body) - len(body.lstrip(" "))
        rest = body[min(leading, col) :]
        out.append(f"{indent}# {rest}{ending}" if rest.strip() else f"{indent}#{ending}")
    return PlannedFix((Edit(start, end, "".join(out)),))
