"""The edits that take an entry out of a JSON container or write a new member into one.

Removing takes the entry with exactly one adjacent comma (its whole lines when it has them to
itself) and, when asked, the parents it leaves empty.  Writing renders a member in the file's own
layout: a line of its own at the siblings' indentation in a multi-line object, ``, "k": v`` in a
one-line object, nested objects for the parents it creates.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from keyshift.core.edits import CannotFix, indent_at, line_start
from keyshift.core.model import Edit
from keyshift.formats.json._layout import BLANK, Entry, JsonLayout, entries
from keyshift.formats.json.parse import JsonValue


@dataclass(frozen=True, slots=True)
class NewMember:
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


def quote_key(key: str) -> str:
    return json.dumps(key, ensure_ascii=False)


def _reindent(text: str, old: str, new: str) -> str:
    """Shift the continuation lines of ``text`` from indentation ``old`` to ``new``."""
    if old == new or "\n" not in text:
        return text
    lines = text.split("\n")
    for i in range(1, len(lines)):
        if lines[i].startswith(old) and lines[i].strip(" \t\r"):
            lines[i] = new + lines[i][len(old) :]
    return "\n".join(lines)


class JsonWriter(JsonLayout):
    """Removes entries and writes members, reading the layout it inherits."""

    # -- removing -----------------------------------------------------------------------------

    def climb(
        self, container: JsonValue, index: int, target: JsonValue | None, lead: bool = False
    ) -> tuple[JsonValue, int]:
        """The topmost entry whose removal leaves nothing behind: parents the removal would empty.

        Stops at the root, at an array element, at a container that holds comments or other entries,
        and at a container that holds ``target`` (where a moved member goes).  With ``lead``, the
        comment lines above the first entry go with it.
        """
        while True:
            own = entries(container)
            if container is self.root or container.kind != "object" or len(own) != 1:
                return container, index
            if target is not None and container.start <= target.start and target.end <= container.end:
                return container, index
            if self.foreign_comments(container, self.own_range(own[0], lead=lead)):
                return container, index
            lead = False
            parent, position = self.index.holder[id(container)]
            if parent.kind != "object":
                return container, index
            container, index = parent, position

    def drop_previous_comma(self, siblings: list[Entry], index: int) -> list[Edit]:
        """For a last entry without a comma: remove the comma of the entry before it."""
        if siblings[index].comma is not None or index == 0:
            return []
        comma = siblings[index - 1].comma
        assert comma is not None  # the parser saw another entry after it
        return [Edit(comma, comma + 1, "")]

    def remove(self, container: JsonValue, index: int, lead: bool) -> list[Edit]:
        """Remove one entry with exactly one adjacent comma, leaving the rest of the layout alone."""
        siblings = entries(container)
        entry = siblings[index]
        own = self.own_range(entry, lead)
        if len(siblings) == 1 and not self.foreign_comments(container, own):
            return [Edit(container.start + 1, container.end - 1, "")]
        if self.line_mode(entry):
            return [Edit(own[0], own[1], ""), *self.drop_previous_comma(siblings, index)]
        if entry.comma is not None:
            return [self._remove_with_own_comma(siblings, index)]
        if index == 0:
            return [Edit(entry.start, entry.end, "")]
        return self._remove_with_previous_comma(siblings, index)

    def _remove_with_own_comma(self, siblings: list[Entry], index: int) -> Edit:
        """An entry that shares its line, with the comma after it (and the blanks after that)."""
        text = self.text
        entry = siblings[index]
        assert entry.comma is not None
        if index == len(siblings) - 1 and index > 0:
            # a trailing comma (JSONC): keep the one before, so the object keeps its style
            comma = siblings[index - 1].comma
            assert comma is not None
            if not text[comma + 1 : entry.start].strip():
                return Edit(comma + 1, entry.comma + 1, "")
        end = entry.comma + 1
        while end < len(text) and text[end] in BLANK:
            end += 1
        return Edit(entry.start, end, "")

    def _remove_with_previous_comma(self, siblings: list[Entry], index: int) -> list[Edit]:
        """A last entry without a comma that shares its line, with the comma of the entry before it."""
        text = self.text
        entry = siblings[index]
        previous = siblings[index - 1]
        comma = previous.comma
        assert comma is not None
        if text[comma + 1 : entry.start].strip():
            # a comment sits between them: keep it
            return [Edit(comma, comma + 1, ""), Edit(entry.start, entry.end, "")]
        start = previous.end if not text[previous.end : comma].strip() else comma
        return [Edit(start, entry.end, "")]

    # -- rendering ----------------------------------------------------------------------------

    def render(self, member: NewMember, target: JsonValue, indent: str, comma: bool) -> str:
        """The member as lines at ``indent`` (without a final line ending), nested objects included."""
        unit, colon = self.unit, self.colon(target)
        keys = [".".join(member.segments)] if member.dotted else list(member.segments)
        lines = [f"{indent}{unit * depth}{quote_key(key)}{colon}{{" for depth, key in enumerate(keys[:-1])]
        leaf_indent = indent + unit * (len(keys) - 1)
        if member.lead:
            old = indent_at(member.lead[0], 0)
            for line in member.lead:
                lines.append(leaf_indent + line[len(old) :] if line.startswith(old) else leaf_indent + line.lstrip())
        value = _reindent(member.value, member.value_indent, leaf_indent)
        leaf = f"{leaf_indent}{quote_key(keys[-1])}{colon}{value}"
        if comma and len(keys) == 1:
            leaf += ","
        if member.trailing:
            leaf += member.gap + member.trailing
        lines.append(leaf)
        for depth in reversed(range(len(keys) - 1)):
            lines.append(f"{indent}{unit * depth}}}" + ("," if comma and depth == 0 else ""))
        return self.nl.join(lines)

    def render_inline(self, member: NewMember, target: JsonValue) -> str:
        if member.lead or member.trailing:
            raise CannotFix("the key's comments cannot go into a one-line object; move it by hand")
        colon, pad = self.colon(target), self.brace_space(target)
        keys = [".".join(member.segments)] if member.dotted else list(member.segments)
        value = _reindent(member.value, member.value_indent, indent_at(self.text, target.start))
        out = value
        for key in reversed(keys[1:]):
            out = f"{{{pad}{quote_key(key)}{colon}{out}{pad}}}"
        return f"{quote_key(keys[0])}{colon}{out}"

    # -- inserting ----------------------------------------------------------------------------

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

    def insert(self, target: JsonValue, member: NewMember) -> list[Edit]:
        """Add a member at the end of ``target`` in the object's own layout."""
        if not target.members:
            return self._insert_into_empty(target, member)
        if not self.multiline(target):
            return [self._append_inline(target, member)]
        return self._append_line(target, member)

    def _insert_into_empty(self, target: JsonValue, member: NewMember) -> list[Edit]:
        text, nl = self.text, self.nl
        close = target.end - 1
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
        if inner.strip(BLANK):
            return [self.before(close, block)]
        return [Edit(target.start + 1, close + 1, block + "}")]

    def _append_inline(self, target: JsonValue, member: NewMember) -> Edit:
        """After the last member of a one-line object."""
        last = target.members[-1]
        new = self.comma_space(target) + self.render_inline(member, target)
        if last.comma is not None:
            return self.after(last.comma + 1, new + ",")
        return self.after(last.value.end, "," + new)

    def _append_line(self, target: JsonValue, member: NewMember) -> list[Edit]:
        """After the last member of a multi-line object, on a line of its own."""
        nl = self.nl
        last = target.members[-1]
        entry = entries(target)[-1]
        block = self.render(member, target, self.sibling_indent(target), comma=last.comma is not None)
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

    def replace_entry(self, container: JsonValue, index: int, member: NewMember, lead: bool) -> list[Edit]:
        """Remove an entry of ``container`` and add ``member`` at its end.

        When the entry is the last one, the member takes its place (removing it and appending would
        both need the comma before it).
        """
        siblings = entries(container)
        entry = siblings[index]
        if index != len(siblings) - 1:
            return [*self.remove(container, index, lead=lead), *self.insert(container, member)]
        if self.line_mode(entry):
            start, end = self.own_range(entry, lead=lead)
            block = self.render(member, container, indent_at(self.text, entry.start), comma=entry.comma is not None)
            ending = self.nl if self.text[start:end].endswith("\n") else ""
            return [Edit(start, end, block + ending)]
        return [Edit(entry.start, entry.end, self.render_inline(member, container))]
