"""How a parsed JSON/JSONC text is laid out, as the fixer needs to read it.

Owns the view of containers as entries (members and elements with the comma after each), the
parent and slot of every entry, and the questions about the text around an entry: which lines it
has to itself, which comment lines sit above it, and the file's own indent step and spacing.
Nothing here writes an edit.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from keyshift.core.edits import CannotFix, indent_at, line_start, newline_of
from keyshift.core.model import Occurrence
from keyshift.formats.json.parse import JsonTree, JsonValue

BLANK = " \t"
_DEFAULT_UNIT = "  "


@dataclass(frozen=True, slots=True)
class Entry:
    """A member (from its key) or an array element, with the offset of the comma after it."""

    start: int
    end: int
    comma: int | None
    value: JsonValue


def entries(node: JsonValue) -> list[Entry]:
    """The members of an object or the elements of an array, as entries."""
    if node.kind == "object":
        return [Entry(m.key_start, m.value.end, m.comma, m.value) for m in node.members]
    return [Entry(v.start, v.end, c, v) for v, c in zip(node.items, node.item_commas, strict=True)]


@dataclass(frozen=True, slots=True)
class Slot:
    """Where an entry sits: its container and its index there."""

    container: JsonValue
    index: int


class _Index:
    """The parent of every container, and the slot of every member (by key offset) and element."""

    def __init__(self, root: JsonValue) -> None:
        self.holder: dict[int, tuple[JsonValue, int]] = {}
        self.members: dict[int, Slot] = {}
        self.items: dict[int, Slot] = {}
        stack = [root]
        while stack:
            node = stack.pop()
            for i, member in enumerate(node.members):
                self.members[member.key_start] = Slot(node, i)
                if member.value.kind != "scalar":
                    self.holder[id(member.value)] = (node, i)
                    stack.append(member.value)
            for i, item in enumerate(node.items):
                self.items[item.start] = Slot(node, i)
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


class JsonLayout:
    """The text of a JSON/JSONC file with its tree: where entries sit and how the file writes things."""

    def __init__(self, text: str, tree: JsonTree) -> None:
        self.text = text
        self.root = tree.root
        self.comments = tree.comments
        self.comment_end = dict(tree.comments)
        self.nl = newline_of(text)
        self.index = _index_of(tree)
        self._unit: str | None = None

    def slot(self, occurrence: Occurrence) -> Slot:
        offset = occurrence.key_span.start.offset
        slot = (self.index.items if occurrence.is_element else self.index.members).get(offset)
        if slot is None:
            raise CannotFix(f"{occurrence.found} was not found in the parsed file")
        return slot

    # -- the file's style ---------------------------------------------------------------------

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
                for entry in entries(node):
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
            if between.strip(BLANK) == ":":
                return between
        return ": "

    def comma_space(self, target: JsonValue) -> str:
        """What a one-line object writes after its commas."""
        members = target.members
        for first, second in pairwise(members):
            if first.comma is not None:
                between = self.text[first.comma + 1 : second.key_start]
                if not between.strip(BLANK):
                    return between
        return " " if self.colon(target).endswith(" ") else ""

    def brace_space(self, target: JsonValue) -> str:
        if target.members:
            between = self.text[target.start + 1 : target.members[0].key_start]
            if not between.strip(BLANK):
                return between
        return ""

    def sibling_indent(self, target: JsonValue) -> str:
        for member in reversed(target.members):
            if self.own_line_start(member.key_start):
                return indent_at(self.text, member.key_start)
        return indent_at(self.text, target.start) + self.unit

    # -- lines --------------------------------------------------------------------------------

    def multiline(self, node: JsonValue) -> bool:
        return "\n" in self.text[node.start : node.end]

    def own_line_start(self, offset: int) -> bool:
        return not self.text[line_start(self.text, offset) : offset].strip(BLANK)

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

    def tail_start(self, entry: Entry) -> int:
        """Just after the entry's comma when the comma follows it on the same line, else its end."""
        if entry.comma is not None and not self.text[entry.end : entry.comma].strip(BLANK):
            return entry.comma + 1
        return entry.end

    def line_mode(self, entry: Entry) -> bool:
        """True when the entry has its lines to itself (so it is removed or moved as whole lines)."""
        if entry.comma is not None and self.text[entry.end : entry.comma].strip(BLANK):
            return False
        return self.own_line_start(entry.start) and self.line_rest(self.tail_start(entry)) is not None

    def lines_end(self, entry: Entry) -> int:
        """Just past the last line of an entry in :meth:`line_mode`."""
        end = self.line_rest(self.tail_start(entry))
        assert end is not None  # line_mode checked it
        return end

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

    def own_range(self, entry: Entry, lead: bool) -> tuple[int, int]:
        """What removing the entry takes: its whole lines (with the comments above when ``lead``) or its text."""
        if not self.line_mode(entry):
            return entry.start, entry.end
        start = self.lead_start(entry.start) if lead else line_start(self.text, entry.start)
        return start, self.lines_end(entry)

    def foreign_comments(self, node: JsonValue, own: tuple[int, int]) -> bool:
        return any(node.start < start < node.end and not own[0] <= start < own[1] for start, _ in self.comments)
