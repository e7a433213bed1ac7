"""The JSON/JSONC fixer: minimal text edits for renames, moves, new values, additions and deletions.

Edits are computed from the offsets of :class:`~keyshift.formats.json.parse.JsonTree` alone and
touch only the member being changed (its key, its value, its lines, one adjacent comma) and the place
it moves to, so every other byte of the file (layout, indentation, comments, line endings) stays as it
was.  New members follow the file's own layout: a line of their own at the siblings' indentation in a
multi-line object, ``, "k": v`` in a one-line object.  Used for both ``json`` and ``jsonc``; only
JSONC can comment a member out.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from itertools import pairwise

from keyshift.core.edits import CannotFix, FixRequest, PlannedFix, describe_path, indent_at, line_start, newline_of
from keyshift.core.model import Edit, Occurrence, ParsedFile, Scalar
from keyshift.formats._dotted import split_dotted_key
from keyshift.formats.json.parse import JsonMember, JsonTree, JsonValue

_INDEX = re.compile(r"\[([0-9]+)\]")
_BLANK = " \t"
_DEFAULT_UNIT = "  "


def plan_fix(parsed: ParsedFile[JsonTree], request: FixRequest) -> PlannedFix:
    """The edits that make ``request`` in a JSON or JSONC file (see :class:`FixRequest`).

    Raises :class:`CannotFix` when the change cannot be made without guessing.
    """
    tree = parsed.tree
    if request.document != 0:
        raise CannotFix("a JSON file holds a single document")
    fixer = _Fixer(parsed, tree)
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


@dataclass(frozen=True, slots=True)
class _Entry:
    """A member (from its key) or an array element, with the offset of the comma after it."""

    start: int
    end: int
    comma: int | None
    value: JsonValue


def _entries(node: JsonValue) -> list[_Entry]:
    if node.kind == "object":
        return [_Entry(m.key_start, m.value.end, m.comma, m.value) for m in node.members]
    return [_Entry(v.start, v.end, c, v) for v, c in zip(node.items, node.item_commas, strict=True)]


@dataclass(frozen=True, slots=True)
class _Slot:
    """Where an entry sits: its container and its index there."""

    container: JsonValue
    index: int


@dataclass(frozen=True, slots=True)
class _NewMember:
    """A member to write: its key segments below the target object and its value text."""

    segments: tuple[str, ...]
    dotted: bool
    """Write the segments as one dotted key instead of nested objects."""
    value: str
    value_indent: str = ""
    """The indentation of the line the value text started on (continuation lines are relative to it)."""
    lead: tuple[str, ...] = ()
    """Comment lines that were directly above the member, as written (indentation included)."""
    trailing: str = ""
    """The comment after the member on its last line."""
    gap: str = " "
    """The blanks before ``trailing``."""


def _quote(key: str) -> str:
    return json.dumps(key, ensure_ascii=False)


def _render_scalar(value: Scalar) -> str:
    if isinstance(value, float) and not math.isfinite(value):
        raise CannotFix(f"{value} cannot be written in JSON")
    return json.dumps(value, ensure_ascii=False)


def _reindent(text: str, old: str, new: str) -> str:
    """Shift the continuation lines of ``text`` from indentation ``old`` to ``new``."""
    if old == new or "\n" not in text:
        return text
    lines = text.split("\n")
    for i in range(1, len(lines)):
        if lines[i].startswith(old) and lines[i].strip(" \t\r"):
            lines[i] = new + lines[i][len(old) :]
    return "\n".join(lines)


class _Index:
    """The parent of every container, and the slot of every member (by key offset) and element."""

    def __init__(self, root: JsonValue) -> None:
        self.holder: dict[int, tuple[JsonValue, int]] = {}
        self.members: dict[int, _Slot] = {}
        self.items: dict[int, _Slot] = {}
        stack = [root]
        while stack:
            node = stack.pop()
            for i, member in enumerate(node.members):
                self.members[member.key_start] = _Slot(node, i)
                if member.value.kind != "scalar":
                    self.holder[id(member.value)] = (node, i)
                    stack.append(member.value)
            for i, item in enumerate(node.items):
                self.items[item.start] = _Slot(node, i)
                if item.kind != "scalar":
                    self.holder[id(item)] = (node, i)
                    stack.append(item)


_cache: tuple[JsonTree, _Index] | None = None


def _index_of(tree: JsonTree) -> _Index:
    # the engine plans many fixes against one parse; index it once (holding the tree keeps its id unique)
    global _cache
    if _cache is None or _cache[0] is not tree:
        _cache = (tree, _Index(tree.root))
    return _cache[1]


class _Fixer:
    def __init__(self, parsed: ParsedFile[JsonTree], tree: JsonTree) -> None:
        self.parsed = parsed
        self.text = parsed.text
        self.root = tree.root
        self.comments = tree.comments
        self.comment_end = dict(tree.comments)
        self.nl = newline_of(parsed.text)
        self.index = _index_of(tree)
        self._unit: str | None = None

    # -- operations ---------------------------------------------------------------------------

    def set_value(self, occurrence: Occurrence, value: Scalar) -> PlannedFix:
        slot = self.slot(occurrence)
        node = _entries(slot.container)[slot.index].value
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
        member = _NewMember(rest, self.dotted_style(target, rest), _render_scalar(request.value))
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
        entries = _entries(slot.container)
        entry = entries[slot.index]
        if not self.line_mode(entry):
            raise CannotFix(f"{occurrence.found} shares its line with other JSON; comment it out by hand")
        text = self.text
        start = line_start(text, entry.start)
        end = self.line_rest(self.tail_start(entry))
        assert end is not None  # line_mode checked it
        indent = indent_at(text, entry.start)
        body = text[start:end]
        ending = self.nl if body.endswith("\n") else ""
        lines = [f"{indent}// {' '.join(note.split())}"] if note else []
        for line in body.rstrip("\r\n").split("\n"):
            line = line.rstrip("\r")
            rest = line[len(indent) :] if line.startswith(indent) else line.lstrip(_BLANK)
            lines.append(f"{indent}// {rest}".rstrip(_BLANK))
        edits = [Edit(start, end, self.nl.join(lines) + ending)]
        edits.extend(self.drop_previous_comma(entries, slot.index))
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
        target, depth = self.resolve(new_path[:-1])
        rest = new_path[depth:]
        self.check_writable(rest)
        text = self.text
        value = member.value
        own_segments = split_dotted_key(member.key)
        dotted = self.dotted_style(target, rest, moved_dotted=len(own_segments) > 1)
        # a dotted key creates no object another fix could need to see
        creates = frozenset() if dotted else self.created(new_path, depth)
        value_text = _render_scalar(request.value) if request.has_value else text[value.start : value.end]

        if target is slot.container and (len(rest) == 1 or dotted):
            # the new key is one key of the same object: rename the member where it is
            return PlannedFix((self.rekey(member, _quote(".".join(rest)), value_text),), creates)

        entry = _entries(slot.container)[slot.index]
        lead: tuple[str, ...] = ()
        trailing, gap = "", " "
        if self.line_mode(entry):
            lead_text = text[self.lead_start(entry.start) : line_start(text, entry.start)]
            lead = tuple(line.rstrip("\r") for line in lead_text.split("\n")[:-1])
            end = self.line_rest(self.tail_start(entry))
            assert end is not None
            after = text[self.tail_start(entry) : end].rstrip("\r\n")
            trailing = after.lstrip(_BLANK).rstrip(_BLANK)
            gap = after[: len(after) - len(after.lstrip(_BLANK))] or " "
        moved = _NewMember(rest, dotted, value_text, indent_at(text, member.key_start), lead, trailing, gap)
        container, index = self.climb(slot.container, slot.index, target, lead=True)
        lead_too = container is slot.container
        if container is target:
            edits = self.replace_entry(container, index, moved, lead=lead_too)
        else:
            edits = [*self.remove(container, index, lead=lead_too), *self.insert(target, moved)]
        return PlannedFix(tuple(edits), creates)

    def rename_in_place(self, member: JsonMember, name: str, request: FixRequest) -> PlannedFix:
        """Change the last segment of the member's key (``"a.b"`` -> ``"a.c"``), keeping the rest as written."""
        self.check_writable((name,))
        segments = split_dotted_key(member.key)
        wanted = (*segments[:-1], name)
        raw = self.text[member.key_start + 1 : member.key_end - 1]
        # keep the other segments as written unless escapes make the raw text hard to cut
        escaped = _quote(name)[1:-1]
        token = f'"{raw[: raw.rfind(".") + 1]}{escaped}"' if "\\" not in raw else _quote(".".join(wanted))
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

    def slot(self, occurrence: Occurrence) -> _Slot:
        offset = occurrence.key_span.start.offset
        slot = (self.index.items if occurrence.is_element else self.index.members).get(offset)
        if slot is None:
            raise CannotFix(f"{occurrence.found} was not found in the parsed file")
        return slot

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

    # -- layout -------------------------------------------------------------------------------

    @property
    def unit(self) -> str:
        """The file's indent step: the smallest extra indentation of an entry over its container."""
        if self._unit is None:
            best: str | None = None
            text = self.text
            stack = [self.root]
            while stack:
                node = stack.pop()
                base = indent_at(text, node.start)
                for entry in _entries(node):
                    if entry.value.kind != "scalar":
                        stack.append(entry.value)
                    if not self.own_line_start(entry.start):
                        continue
                    indent = indent_at(text, entry.start)
                    if indent.startswith(base) and len(indent) > len(base):
                        extra = indent[len(base) :]
                        if best is None or len(extra) < len(best):
                            best = extra
            self._unit = best or _DEFAULT_UNIT
        return self._unit

    def colon(self, target: JsonValue) -> str:
        """What the file writes between a key and its value (``": "`` by default)."""
        candidates = [*target.members, *self.root.members]
        for member in candidates:
            between = self.text[member.key_end : member.value.start]
            if between.strip(_BLANK) == ":":
                return between
        return ": "

    def comma_space(self, target: JsonValue) -> str:
        """What a one-line object writes after its commas."""
        members = target.members
        for first, second in pairwise(members):
            if first.comma is not None:
                between = self.text[first.comma + 1 : second.key_start]
                if not between.strip(_BLANK):
                    return between
        return " " if self.colon(target).endswith(" ") else ""

    def brace_space(self, target: JsonValue) -> str:
        if target.members:
            between = self.text[target.start + 1 : target.members[0].key_start]
            if not between.strip(_BLANK):
                return between
        return ""

    def multiline(self, node: JsonValue) -> bool:
        return "\n" in self.text[node.start : node.end]

    def own_line_start(self, offset: int) -> bool:
        return not self.text[line_start(self.text, offset) : offset].strip(_BLANK)

    def line_rest(self, pos: int) -> int | None:
        """The offset after the line ending if only blanks and comments follow ``pos`` on its line."""
        text = self.text
        while True:
            while pos < len(text) and text[pos] in " \t\r":
                pos += 1
            end = self.comment_end.get(pos)
            if end is None:
                break
            if "\n" in text[pos:end]:
                return None
            pos = end
        if pos >= len(text):
            return len(text)
        return pos + 1 if text[pos] == "\n" else None

    def tail_start(self, entry: _Entry) -> int:
        """Just after the entry's comma when the comma follows it on the same line, else its end."""
        if entry.comma is not None and not self.text[entry.end : entry.comma].strip(_BLANK):
            return entry.comma + 1
        return entry.end

    def line_mode(self, entry: _Entry) -> bool:
        """True when the entry has its lines to itself (so it is removed or moved as whole lines)."""
        if entry.comma is not None and self.text[entry.end : entry.comma].strip(_BLANK):
            return False
        return self.own_line_start(entry.start) and self.line_rest(self.tail_start(entry)) is not None

    def lead_start(self, offset: int) -> int:
        """The start of the comment lines directly above the line of ``offset`` (JSONC)."""
        text = self.text
        first = line_start(text, offset)
        ends = {end: start for start, end in self.comments}
        while first > 0:
            newline = first - 1
            previous = line_start(text, newline)
            content_end = previous + len(text[previous:newline].rstrip(" \t\r"))
            start = ends.get(newline, ends.get(content_end))
            if start is None or content_end == previous or not self.own_line_start(start):
                break
            first = line_start(text, start)
        return first

    def foreign_comments(self, node: JsonValue, own: tuple[int, int]) -> bool:
        return any(node.start < start < node.end and not own[0] <= start < own[1] for start, _ in self.comments)

    def sibling_indent(self, target: JsonValue) -> str:
        for member in reversed(target.members):
            if self.own_line_start(member.key_start):
                return indent_at(self.text, member.key_start)
        return indent_at(self.text, target.start) + self.unit

    # -- removing -----------------------------------------------------------------------------

    def own_range(self, entry: _Entry, lead: bool) -> tuple[int, int]:
        if not self.line_mode(entry):
            return entry.start, entry.end
        end = self.line_rest(self.tail_start(entry))
        assert end is not None
        start = self.lead_start(entry.start) if lead else line_start(self.text, entry.start)
        return start, end

    def climb(
        self, container: JsonValue, index: int, target: JsonValue | None, lead: bool = False
    ) -> tuple[JsonValue, int]:
        """The topmost entry whose removal leaves nothing behind: parents the removal would empty.

        Stops at the root, at an array element, at a container that holds comments or other entries,
        and at a container that holds ``target`` (where a moved member goes).  With ``lead``, the
        comment lines above the first entry go with it.
        """
        while True:
            entries = _entries(container)
            if container is self.root or container.kind != "object" or len(entries) != 1:
                return container, index
            if target is not None and container.start <= target.start and target.end <= container.end:
                return container, index
            if self.foreign_comments(container, self.own_range(entries[0], lead=lead)):
                return container, index
            lead = False
            parent, position = self.index.holder[id(container)]
            if parent.kind != "object":
                return container, index
            container, index = parent, position

    def drop_previous_comma(self, entries: list[_Entry], index: int) -> list[Edit]:
        """For a last entry without a comma: remove the comma of the entry before it."""
        if entries[index].comma is not None or index == 0:
            return []
        comma = entries[index - 1].comma
        assert comma is not None  # the parser saw another entry after it
        return [Edit(comma, comma + 1, "")]

    def remove(self, container: JsonValue, index: int, lead: bool) -> list[Edit]:
        """Remove one entry with exactly one adjacent comma, leaving the rest of the layout alone."""
        text = self.text
        entries = _entries(container)
        entry = entries[index]
        own = self.own_range(entry, lead)
        if len(entries) == 1 and not self.foreign_comments(container, own):
            return [Edit(container.start + 1, container.end - 1, "")]
        if self.line_mode(entry):
            return [Edit(own[0], own[1], ""), *self.drop_previous_comma(entries, index)]
        if entry.comma is not None and index == len(entries) - 1 and index > 0:
            # a trailing comma (JSONC): keep the one before, so the object keeps its style
            comma = entries[index - 1].comma
            assert comma is not None
            if not text[comma + 1 : entry.start].strip():
                return [Edit(comma + 1, entry.comma + 1, "")]
        if entry.comma is not None:
            end = entry.comma + 1
            while end < len(text) and text[end] in _BLANK:
                end += 1
            return [Edit(entry.start, end, "")]
        if index == 0:
            return [Edit(entry.start, entry.end, "")]
        previous = entries[index - 1]
        comma = previous.comma
        assert comma is not None
        if text[comma + 1 : entry.start].strip():
            # a comment sits between them: keep it
            return [Edit(comma, comma + 1, ""), Edit(entry.start, entry.end, "")]
        start = previous.end if not text[previous.end : comma].strip() else comma
        return [Edit(start, entry.end, "")]

    # -- writing ------------------------------------------------------------------------------

    def render(self, member: _NewMember, target: JsonValue, indent: str, comma: bool) -> str:
        """The member as lines at ``indent`` (without a final line ending), nested objects included."""
        unit, colon = self.unit, self.colon(target)
        keys = [".".join(member.segments)] if member.dotted else list(member.segments)
        lines = [f"{indent}{unit * depth}{_quote(key)}{colon}{{" for depth, key in enumerate(keys[:-1])]
        leaf_indent = indent + unit * (len(keys) - 1)
        if member.lead:
            old = indent_at(member.lead[0], 0)
            for line in member.lead:
                lines.append(leaf_indent + line[len(old) :] if line.startswith(old) else leaf_indent + line.lstrip())
        value = _reindent(member.value, member.value_indent, leaf_indent)
        leaf = f"{leaf_indent}{_quote(keys[-1])}{colon}{value}"
        if comma and len(keys) == 1:
            leaf += ","
        if member.trailing:
            leaf += member.gap + member.trailing
        lines.append(leaf)
        for depth in reversed(range(len(keys) - 1)):
            lines.append(f"{indent}{unit * depth}}}" + ("," if comma and depth == 0 else ""))
        return self.nl.join(lines)

    def render_inline(self, member: _NewMember, target: JsonValue) -> str:
        if member.lead or member.trailing:
            raise CannotFix("the key's comments cannot go into a one-line object; move it by hand")
        colon, pad = self.colon(target), self.brace_space(target)
        keys = [".".join(member.segments)] if member.dotted else list(member.segments)
        value = _reindent(member.value, member.value_indent, indent_at(self.text, target.start))
        out = value
        for key in reversed(keys[1:]):
            out = f"{{{pad}{_quote(key)}{colon}{out}{pad}}}"
        return f"{_quote(keys[0])}{colon}{out}"

    def after(self, offset: int, insertion: str) -> Edit:
        """Insert at ``offset``, claiming the character before it.

        A bare insertion next to text another fix of the same pass removes would not count as a
        clash (the engine only sees overlapping ranges), so every insertion replaces the character
        it hangs on: a fix that removes or rewrites that character then conflicts and waits a pass.
        """
        return Edit(offset - 1, offset, self.text[offset - 1] + insertion)

    def before(self, offset: int, insertion: str) -> Edit:
        """Insert at ``offset``, claiming the character after it (see :meth:`after`)."""
        return Edit(offset, offset + 1, insertion + self.text[offset])

    def insert(self, target: JsonValue, member: _NewMember) -> list[Edit]:
        """Add a member at the end of ``target`` in the object's own layout."""
        text, nl = self.text, self.nl
        members = target.members
        close = target.end - 1
        if not members:
            inner = text[target.start + 1 : close]
            outer = indent_at(text, target.start)
            if self.multiline(target):
                block = self.render(member, target, outer + self.unit, comma=False)
                if self.own_line_start(close):
                    at = line_start(text, close)
                    return [Edit(at, close + 1, block + nl + text[at : close + 1])]
                return [self.before(close, nl + block + nl + outer)]
            if target is self.root or self.multiline(self.root):
                block = nl + self.render(member, target, outer + self.unit, comma=False) + nl + outer
            else:
                pad = self.brace_space(target)
                block = pad + self.render_inline(member, target) + pad
            if inner.strip(_BLANK):
                return [self.before(close, block)]
            return [Edit(target.start + 1, close + 1, block + "}")]
        last = members[-1]
        entry = _entries(target)[-1]
        trailing_comma = last.comma is not None
        if not self.multiline(target):
            new = self.comma_space(target) + self.render_inline(member, target)
            if last.comma is not None:
                return [self.after(last.comma + 1, new + ",")]
            return [self.after(last.value.end, "," + new)]
        block = self.render(member, target, self.sibling_indent(target), comma=trailing_comma)
        tail = self.tail_start(entry)
        rest = self.line_rest(tail) if last.comma is None or tail == last.comma + 1 else None
        if rest is not None:
            # after the last member's line (its comma goes right after its value, before a comment)
            edits = [self.after(rest, block + nl)]
            if last.comma is None:
                edits.insert(0, self.after(last.value.end, ","))
            return edits
        # something follows the last member on its line (the closing brace): break the line there
        if last.comma is None:
            return [self.after(last.value.end, "," + nl + block)]
        return [self.after(last.comma + 1, nl + block)]

    def replace_entry(self, container: JsonValue, index: int, member: _NewMember, lead: bool) -> list[Edit]:
        """Remove an entry of ``container`` and add ``member`` at its end.

        When the entry is the last one, the member takes its place (removing it and appending would
        both need the comma before it).
        """
        entries = _entries(container)
        entry = entries[index]
        if index != len(entries) - 1:
            return [*self.remove(container, index, lead=lead), *self.insert(container, member)]
        if self.line_mode(entry):
            start, end = self.own_range(entry, lead=lead)
            block = self.render(member, container, indent_at(self.text, entry.start), comma=entry.comma is not None)
            ending = self.nl if self.text[start:end].endswith("\n") else ""
            return [Edit(start, end, block + ending)]
        return [Edit(entry.start, entry.end, self.render_inline(member, container))]
