"""The JSON/JSONC fixer: minimal text edits for renames, moves, new values, additions and deletions.

Edits are computed from the offsets of :class:`~keyshift.formats.json.parse.JsonTree` alone and
touch only the member being changed (its key, its value, its lines, one adjacent comma) and the place
it moves to, so every other byte of the file (layout, indentation, comments, line endings) stays as it
was.  Used for both ``json`` and ``jsonc``; only JSONC can comment a member out.

This module owns the operations and the checks of where a key can be written; reading the file's
layout is :mod:`keyshift.formats.json._layout`, and the edits that remove an entry or write a new
member in the file's own layout are :mod:`keyshift.formats.json._writer`.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import replace

from keyshift.core.edits import CannotFix, FixRequest, PlannedFix, describe_path, indent_at, line_start
from keyshift.core.model import Edit, Occurrence, ParsedFile, Scalar
from keyshift.formats._dotted import split_dotted_key
from keyshift.formats.json._layout import BLANK, Slot, entries
from keyshift.formats.json._writer import JsonWriter, NewMember, quote_key
from keyshift.formats.json.parse import JsonMember, JsonTree, JsonValue

_INDEX = re.compile(r"\[([0-9]+)\]")


def plan_fix(parsed: ParsedFile[JsonTree], request: FixRequest) -> PlannedFix:
    """The edits that make ``request`` in a JSON or JSONC file (see :class:`FixRequest`).

    Raises :class:`CannotFix` when the change cannot be made without guessing.
    """
    if request.document != 0:
        raise CannotFix("a JSON file holds a single document")
    fixer = _Fixer(parsed)
    if request.op == "add":
        return fixer.add(request)
    occurrence = request.occurrence
    if occurrence is None:
        raise CannotFix(f"{request.op} needs the key to change")
    if occurrence.implicit:
        raise CannotFix(f"{occurrence.found} is part of a longer dotted key; change it by hand")
    if request.op == "set-value":
        return fixer.set_value(occurrence, request.value)
    if request.op == "rename":
        return fixer.rename(occurrence, request)
    if request.op == "delete":
        return fixer.delete(occurrence, request.remove_empty_parents)
    if request.op == "comment-out":
        if parsed.format != "jsonc":
            raise CannotFix("JSON has no comments; use --unsafe to delete the key")
        return fixer.comment_out(occurrence, request.note)
    raise CannotFix(f"unknown fix {request.op!r}")


def _render_scalar(value: Scalar) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        raise CannotFix(f"{value} cannot be written in JSON")
    return json.dumps(value, ensure_ascii=False)


class _Fixer(JsonWriter):
    """The fix operations, and the checks that decide whether (and where) a key can be written."""

    def __init__(self, parsed: ParsedFile[JsonTree]) -> None:
        super().__init__(parsed.text, parsed.tree)
        self.parsed = parsed

    # -- operations ---------------------------------------------------------------------------

    def set_value(self, occurrence: Occurrence, value: Scalar) -> PlannedFix:
        slot = self.slot(occurrence)
        node = entries(slot.container)[slot.index].value
        if node.kind != "scalar":
            raise CannotFix(f"{occurrence.found} holds an {node.kind}, not a value")
        return PlannedFix((Edit(node.start, node.end, _render_scalar(value)),))

    def add(self, request: FixRequest) -> PlannedFix:
        path = request.new_path
        if not path:
            raise CannotFix("add needs the key to add")
        self.refuse_existing(path)
        target, depth = self.resolve(path[:-1])
        rest = path[depth:]
        self.check_writable(rest)
        member = NewMember(rest, self.dotted_style(target, rest), _render_scalar(request.value))
        edits = self.insert(target, member)
        return PlannedFix(tuple(edits), frozenset() if member.dotted else self.created(path, depth))

    def delete(self, occurrence: Occurrence, remove_empty_parents: bool) -> PlannedFix:
        slot = self.slot(occurrence)
        container, index = slot.container, slot.index
        if remove_empty_parents:
            container, index = self.climb(container, index, None)
        return PlannedFix(tuple(self.remove(container, index, lead=False)))

    def comment_out(self, occurrence: Occurrence, note: str | None) -> PlannedFix:
        slot = self.slot(occurrence)
        siblings = entries(slot.container)
        entry = siblings[slot.index]
        if not self.line_mode(entry):
            raise CannotFix(f"{occurrence.found} shares its line with other JSON; comment it out by hand")
        text = self.text
        start = line_start(text, entry.start)
        end = self.lines_end(entry)
        indent = indent_at(text, entry.start)
        body = text[start:end]
        ending = self.nl if body.endswith("\n") else ""
        lines = [f"{indent}// {' '.join(note.split())}"] if note else []
        for line in body.rstrip("\r\n").split("\n"):
            line = line.rstrip("\r")
            rest = line[len(indent) :] if line.startswith(indent) else line.lstrip(BLANK)
            lines.append(f"{indent}// {rest}".rstrip(BLANK))
        edits = [Edit(start, end, self.nl.join(lines) + ending)]
        edits.extend(self.drop_previous_comma(siblings, slot.index))
        return PlannedFix(tuple(edits))

    def rename(self, occurrence: Occurrence, request: FixRequest) -> PlannedFix:
        new_path = request.new_path
        old_path = occurrence.path
        if not new_path:
            raise CannotFix("rename needs the new key")
        if occurrence.is_element:
            raise CannotFix(f"{occurrence.found} is a list element, not a key")
        slot = self.slot(occurrence)
        member = slot.container.members[slot.index]
        if request.has_value and member.value.kind != "scalar":
            raise CannotFix(f"{occurrence.found} holds an {member.value.kind}, not a value")
        if new_path == old_path:
            if request.has_value:
                return self.set_value(occurrence, request.value)
            raise CannotFix(f"{occurrence.found} already has that name")
        if new_path[: len(old_path)] == old_path:
            raise CannotFix(f"cannot move {occurrence.found} inside itself")
        self.refuse_existing(new_path)
        if new_path[:-1] == old_path[:-1]:
            return self.rename_in_place(member, new_path[-1], request)
        return self.move(slot, new_path, request)

    def move(self, slot: Slot, new_path: tuple[str, ...], request: FixRequest) -> PlannedFix:
        """Give the member in ``slot`` a key under another parent (``new_path`` is known to be free)."""
        member = slot.container.members[slot.index]
        target, depth = self.resolve(new_path[:-1])
        rest = new_path[depth:]
        self.check_writable(rest)
        value = member.value
        dotted = self.dotted_style(target, rest, moved_dotted=len(split_dotted_key(member.key)) > 1)
        # a dotted key creates no object another fix could need to see
        creates = frozenset() if dotted else self.created(new_path, depth)
        value_text = _render_scalar(request.value) if request.has_value else self.text[value.start : value.end]

        if target is slot.container and (len(rest) == 1 or dotted):
            # the new key is one key of the same object: rename the member where it is
            return PlannedFix((self.rekey(member, quote_key(".".join(rest)), value_text),), creates)

        moved = self.moved_member(slot, NewMember(rest, dotted, value_text, indent_at(self.text, member.key_start)))
        container, index = self.climb(slot.container, slot.index, target, lead=True)
        lead_too = container is slot.container
        if container is target:
            edits = self.replace_entry(container, index, moved, lead=lead_too)
        else:
            edits = [*self.remove(container, index, lead=lead_too), *self.insert(target, moved)]
        return PlannedFix(tuple(edits), creates)

    def moved_member(self, slot: Slot, member: NewMember) -> NewMember:
        """``member`` with the comments of the entry in ``slot`` when it has its lines to itself.

        The comment lines directly above it and the comment after it on its last line go with it.
        """
        entry = entries(slot.container)[slot.index]
        if not self.line_mode(entry):
            return member
        text = self.text
        lead_text = text[self.lead_start(entry.start) : line_start(text, entry.start)]
        lead = tuple(line.rstrip("\r") for line in lead_text.split("\n")[:-1])
        after = text[self.tail_start(entry) : self.lines_end(entry)].rstrip("\r\n")
        trailing = after.lstrip(BLANK).rstrip(BLANK)
        gap = after[: len(after) - len(after.lstrip(BLANK))] or " "
        return replace(member, lead=lead, trailing=trailing, gap=gap)

    def rename_in_place(self, member: JsonMember, name: str, request: FixRequest) -> PlannedFix:
        """Change the last segment of the member's key (``"a.b"`` -> ``"a.c"``), keeping the rest as written."""
        self.check_writable((name,))
        segments = split_dotted_key(member.key)
        wanted = (*segments[:-1], name)
        raw = self.text[member.key_start + 1 : member.key_end - 1]
        # keep the other segments as written unless escapes make the raw text hard to cut
        escaped = quote_key(name)[1:-1]
        token = f'"{raw[: raw.rfind(".") + 1]}{escaped}"' if "\\" not in raw else quote_key(".".join(wanted))
        if split_dotted_key(json.loads(token)) != wanted:
            raise CannotFix(f"the new key {name!r} would not read back as one key segment")
        value = member.value
        value_text = _render_scalar(request.value) if request.has_value else self.text[value.start : value.end]
        return PlannedFix((self.rekey(member, token, value_text),))

    def rekey(self, member: JsonMember, token: str, value_text: str) -> Edit:
        """Rewrite a member with a new key token and value text.

        The edit spans the whole member even when the value is unchanged, so that a fix of the same
        pass inside the value (which the rename moves to another path) waits for the next pass.
        """
        between = self.text[member.key_end : member.value.start]
        return Edit(member.key_start, member.value.end, token + between + value_text)

    # -- finding things -----------------------------------------------------------------------

    def refuse_existing(self, path: tuple[str, ...]) -> None:
        for document in self.parsed.documents:
            if any(o.path == path for o in document.occurrences):
                raise CannotFix(f"{describe_path(path)} is already set")

    def resolve(self, path: tuple[str, ...]) -> tuple[JsonValue, int]:
        """The deepest object on ``path`` and how many segments of ``path`` lead to it."""
        found: list[tuple[JsonValue, int]] = []

        def blocked(depth: int, node: JsonValue) -> CannotFix:
            if depth == 0:
                return CannotFix("the top level of the file is not an object")
            what = "a value" if node.kind == "scalar" else f"an {node.kind}"
            return CannotFix(f"{describe_path(path[:depth])} holds {what}, not an object")

        def visit(node: JsonValue, depth: int) -> None:
            if node.kind == "object":
                found.append((node, depth))
                for member in node.members:
                    segments = split_dotted_key(member.key)
                    end = depth + len(segments)
                    if path[depth:end] == segments:
                        if member.value.kind == "scalar":
                            raise blocked(end, member.value)
                        visit(member.value, end)
                return
            if depth == len(path):
                raise blocked(depth, node)
            match = _INDEX.fullmatch(path[depth])
            if match is None or int(match[1]) >= len(node.items):
                raise blocked(depth, node)
            item = node.items[int(match[1])]
            if item.kind == "scalar":
                raise blocked(depth + 1, item)
            visit(item, depth + 1)

        if self.root.kind == "scalar":
            raise CannotFix("the top level of the file is not an object")
        visit(self.root, 0)
        if not found:
            raise CannotFix("the top level of the file is not an object")
        deepest = max(depth for _, depth in found)
        nodes = {id(node): node for node, depth in found if depth == deepest}
        if len(nodes) > 1:
            raise CannotFix(f"{describe_path(path[:deepest])} is written more than once")
        return next(iter(nodes.values())), deepest

    def check_writable(self, segments: tuple[str, ...]) -> None:
        for segment in segments:
            if _INDEX.fullmatch(segment):
                raise CannotFix(f"cannot create the list element {segment}")
            if split_dotted_key(segment) != (segment,):
                raise CannotFix(f"the key segment {segment!r} would read back as a dotted key")

    def dotted_style(self, target: JsonValue, segments: tuple[str, ...], moved_dotted: bool = False) -> bool:
        """Whether to write new parents as a dotted key (the file, or this member, writes them so)."""
        if len(segments) < 2 or split_dotted_key(".".join(segments)) != segments:
            return False
        return moved_dotted or any(len(split_dotted_key(m.key)) > 1 for m in target.members)

    @staticmethod
    def created(path: tuple[str, ...], depth: int) -> frozenset[tuple[str, ...]]:
        """The parents of ``path`` below its first ``depth`` segments, which the fix writes."""
        return frozenset(path[:end] for end in range(depth + 1, len(path)))
