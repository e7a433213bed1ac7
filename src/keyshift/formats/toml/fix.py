"""TOML fixer: turns one :class:`~keyshift.core.edits.FixRequest` into minimal text edits of a TOML file.

It owns the TOML side of ``keyshift fix``: renaming a key or a table in place, moving a
``key = value`` line (with its own comment lines and multi-line value) to another table, creating
the missing parent as a ``[table]`` header or a dotted key as TOML 1.0 allows, setting values in
the file's own spelling, adding, deleting and commenting out entries and whole tables.  Only the
text of the touched entries changes; everything else keeps its bytes.

Every plan is checked before it is returned: the edited text must parse with :mod:`tomllib` and
hold exactly the data the request asks for (every other value unchanged), otherwise
:class:`~keyshift.core.edits.CannotFix` is raised.  The planner is pure: it reads ``parsed.text`` and the
:class:`~keyshift.formats.toml.parse.TomlLayout` only.
"""

from __future__ import annotations

import copy
import math
import re
import tomllib
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, time
from typing import Literal

from keyshift.core.edits import (
    CannotFix,
    FixRequest,
    PlannedFix,
    apply_edits,
    describe_path,
    line_end,
    line_start,
    newline_of,
)
from keyshift.core.model import Edit, Occurrence, ParsedFile, Scalar
from keyshift.formats._lines import leading_blanks, removal_range
from keyshift.formats.toml.parse import KeySegment, TomlEntry, TomlLayout, TomlTable

__all__ = ["plan_fix"]

Path = tuple[str, ...]
PathKind = Literal["missing", "value", "inline", "aot", "element", "header", "dotted", "implicit"]
Range = tuple[int, int]

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_INDEX = re.compile(r"\[[0-9]+\]")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\b": "\\b", "\t": "\\t", "\n": "\\n", "\f": "\\f", "\r": "\\r"}


def plan_fix(parsed: ParsedFile[TomlLayout], request: FixRequest) -> PlannedFix:
    """Plan the edits of one fix; raise :class:`CannotFix` when it cannot be done with certainty."""
    layout = parsed.tree
    planner = _Planner(parsed, layout)
    plan = planner.plan(request)
    _verify(parsed.text, planner, request, plan)
    return PlannedFix(tuple(plan.edits), frozenset(plan.creates))


# --- text helpers -------------------------------------------------------------------------------


def _is_index(segment: str) -> bool:
    return _INDEX.fullmatch(segment) is not None


def _basic_body(text: str) -> str:
    out: list[str] = []
    for char in text:
        if char in _ESCAPES:
            out.append(_ESCAPES[char])
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return "".join(out)


def _literal_ok(text: str) -> bool:
    """Whether a single-line literal string (``'...'``) can hold ``text`` as it is."""
    return "'" not in text and not any((ord(c) < 0x20 and c != "\t") or ord(c) == 0x7F for c in text)


def _key_text(name: str, like_raw: str) -> str:
    """A key segment: bare when TOML allows, else quoted like ``like_raw`` (basic for bare keys)."""
    if _BARE_KEY.fullmatch(name):
        return name
    if like_raw.startswith("'") and _literal_ok(name):
        return f"'{name}'"
    return f'"{_basic_body(name)}"'


def _decode(raw: str) -> object:
    try:
        return tomllib.loads(f"v = {raw}")["v"]
    except tomllib.TOMLDecodeError:
        return None


def _is_datetime(raw: str) -> bool:
    """Whether ``raw`` is exactly one TOML date/time literal (no comment, nothing around it)."""
    return raw == raw.strip() and not any(c in raw for c in "#\n\r") and isinstance(_decode(raw), date | time)


def _value_text(value: Scalar, old_raw: str | None) -> str:
    """``value`` as a TOML literal, a string keeping the quote kind of ``old_raw`` where it can."""
    if value is None:
        raise CannotFix("TOML has no null value; change this key by hand")
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    if not isinstance(value, str):  # pragma: no cover - Scalar has no other types
        raise CannotFix(f"cannot write {value!r} as a TOML value")
    old = old_raw or '"'
    if old.startswith('"""'):
        return f'"""{_basic_body(value)}"""'
    if old.startswith("'''"):
        return f"'''{value}'''" if _literal_ok(value) else f'"""{_basic_body(value)}"""'
    if old.startswith("'"):
        return f"'{value}'" if _literal_ok(value) else f'"{_basic_body(value)}"'
    if not old.startswith('"') and _is_datetime(old) and _is_datetime(value):
        return value  # a date/time stays a date/time literal
    return f'"{_basic_body(value)}"'


# --- the planner --------------------------------------------------------------------------------


@dataclass(slots=True)
class _Plan:
    edits: list[Edit] = field(default_factory=list)
    creates: set[Path] = field(default_factory=set)
    removed_tables: set[Path] = field(default_factory=set)
    written: object = None
    """The value the new text holds (a date/time literal decodes to a date, not to the given str)."""


@dataclass(frozen=True, slots=True)
class _Dest:
    """Where a new ``key = value`` goes and how it is written."""

    where: Literal["after", "top", "end"]
    offset: int
    table: Path
    """The table the new key is written relative to (``()`` for the root)."""
    indent: str = ""
    header: Path | None = None
    """A ``[table]`` header to write before the entry."""
    header_indent: str = ""
    likes: tuple[TomlEntry, ...] = ()
    """Entries whose key spelling (quotes) the new key reuses for the segments they share."""
    creates: frozenset[Path] = frozenset()
    separate: bool = True
    """Whether a new header at the end of the text may get a blank line before it."""


class _Planner:
    """Plans one request against one parsed text: lookups in the layout, line kinds, placement."""

    def __init__(self, parsed: ParsedFile[TomlLayout], layout: TomlLayout) -> None:
        self.text = parsed.text
        self.layout = layout
        self.nl = newline_of(self.text)
        self.origins = dict(layout.origins)
        self.paths: set[Path] = {o.path for d in parsed.documents for o in d.occurrences}
        self.lines_entries = [e for e in layout.entries if e.line_span is not None]
        spans = [(t.line_span.start.offset, t.line_span.end.offset) for t in layout.tables]
        spans += [(_line_range(e)) for e in self.lines_entries]
        spans.sort()
        self.statements = spans
        self.statement_starts = [s for s, _ in spans]
        self.statement_start_set = set(self.statement_starts)
        self.blank_before_header = self._header_style()

    # lines

    def line_kind(self, start: int) -> Literal["blank", "comment", "statement"]:
        """What the line starting at ``start`` holds (a line inside a multi-line value is a statement)."""
        i = bisect_right(self.statement_starts, start) - 1
        if i >= 0 and self.statements[i][0] <= start <= self.statements[i][1]:
            return "statement"
        stripped = self.text[start : line_end(self.text, start)].strip()
        if not stripped:
            return "blank"
        return "comment" if stripped.startswith("#") else "statement"

    def prev_line(self, start: int) -> int | None:
        return None if start == 0 else line_start(self.text, start - 1)

    def own_comments_start(self, start: int) -> int:
        """The first of the comment lines directly above the line at ``start`` (no blank between)."""
        while True:
            prev = self.prev_line(start)
            if prev is None or self.line_kind(prev) != "comment":
                return start
            start = prev

    def line_text(self, start: int) -> str:
        return self.text[start : line_end(self.text, start)].rstrip("\r\n")

    def _header_style(self) -> bool:
        """Whether the file puts a blank line before its headers (the default when it cannot tell)."""
        blank = tight = 0
        for table in self.layout.tables:
            prev = self.prev_line(table.line_span.start.offset)
            while prev is not None and self.line_kind(prev) == "comment":
                prev = self.prev_line(prev)
            if prev is None:
                continue
            if self.line_kind(prev) == "blank":
                blank += 1
            else:
                tight += 1
        return blank >= tight

    # lookups

    def entry(self, path: Path) -> TomlEntry | None:
        for entry in self.layout.entries:
            if entry.path == path:
                return entry
        return None

    def header(self, path: Path) -> TomlTable | None:
        for table in self.layout.tables:
            if table.path == path:
                return table
        return None

    def headers_under(self, path: Path) -> list[TomlTable]:
        return [t for t in self.layout.tables if t.path[: len(path)] == path]

    def table_entries(self, table: Path) -> list[TomlEntry]:
        return [e for e in self.lines_entries if e.table == table]

    def spelled_through(self, path: Path) -> list[TomlEntry]:
        """Entries whose dotted key spells ``path`` as one of its intermediate tables."""
        n = len(path)
        return [e for e in self.layout.entries if len(e.path) > n and e.path[:n] == path and len(e.table) < n]

    def kind(self, path: Path) -> PathKind:
        if path not in self.paths:
            return "missing"
        entry = self.entry(path)
        if entry is not None:
            return "inline" if entry.value_kind == "mapping" else "value"
        origin = self.origins.get(path)
        if origin == "inline":
            return "inline"
        if origin == "array-of-tables":
            return "aot"
        if origin == "array-table":
            return "element"
        if self.header(path) is not None:
            return "header"
        through = self.spelled_through(path)
        if through:
            return "inline" if any(e.inline for e in through) else "dotted"
        if self.headers_under(path):
            return "implicit"
        return "value"

    def exists(self, path: Path) -> bool:
        return path in self.paths

    # dispatch

    def plan(self, request: FixRequest) -> _Plan:
        plan = _Plan(written=request.value)
        if request.op == "add":
            if not request.new_path:
                raise CannotFix("no key to add")
            self.add(request.new_path, request.value, plan)
            return plan
        occurrence = request.occurrence
        if occurrence is None:
            raise CannotFix(f"no key given for {request.op}")
        path = occurrence.path
        entry = self.entry(path)
        if entry is not None and entry.key_span.start.offset != occurrence.key_span.start.offset:
            raise CannotFix(f"{describe_path(path)} is not where the finding says")
        if request.op == "set-value":
            self.set_value(entry, occurrence, request.value, plan)
        elif request.op == "rename":
            new_path = request.new_path
            if not new_path:
                raise CannotFix("no new key given for the rename")
            if new_path == path:
                if not request.has_value:
                    raise CannotFix(f"{describe_path(path)} already has that name")
                self.set_value(entry, occurrence, request.value, plan)
            elif entry is not None:
                self.rename_entry(entry, new_path, request, plan)
            elif occurrence.is_element and self.kind(path) != "element":
                raise CannotFix(f"{describe_path(path)} is an array element; it has no key to rename")
            else:
                if request.has_value:
                    raise CannotFix(f"{describe_path(path)} is a table, not a single value")
                self.rename_table(path, new_path, plan)
        elif request.op in ("delete", "comment-out"):
            if entry is not None:
                self.remove_entry(entry, request, plan)
            elif occurrence.is_element and self.kind(path) != "element":
                raise CannotFix(f"{describe_path(path)} is an array element; edit the array by hand")
            else:
                self.remove_table(path, request, plan)
        else:  # pragma: no cover - FixOp has no other values
            raise CannotFix(f"unknown fix {request.op!r}")
        return plan

    # set-value

    def set_value(self, entry: TomlEntry | None, occurrence: Occurrence, value: Scalar, plan: _Plan) -> None:
        path = occurrence.path
        if entry is not None:
            if entry.value_kind != "scalar":
                raise CannotFix(f"{describe_path(path)} holds a {_kind_word(entry)}, not a single value")
            span = entry.value_span
        elif occurrence.is_element and occurrence.value_kind == "scalar" and occurrence.value_span is not None:
            span = occurrence.value_span
        else:
            raise CannotFix(f"{describe_path(path)} is a table, not a single value")
        start, end = span.start.offset, span.end.offset
        plan.edits.append(Edit(start, end, self.value_text(value, self.text[start:end], plan)))

    def value_text(self, value: Scalar, old_raw: str | None, plan: _Plan) -> str:
        written = _value_text(value, old_raw)
        if isinstance(value, str) and not written.startswith(('"', "'")):
            plan.written = _decode(written)
        return written

    # rename / move of a key = value entry

    def rename_entry(self, entry: TomlEntry, new_path: Path, request: FixRequest, plan: _Plan) -> None:
        old_path = entry.path
        if self.exists(new_path):
            raise CannotFix(f"{describe_path(new_path)} already exists")
        if request.has_value and entry.value_kind != "scalar":
            raise CannotFix(f"{describe_path(old_path)} holds a {_kind_word(entry)}, not a single value")
        if old_path[:-1] == new_path[:-1]:
            last = entry.segments[-1]
            plan.edits.append(Edit(last.span.start.offset, last.span.end.offset, _key_text(new_path[-1], last.raw)))
            if request.has_value:
                start, end = entry.value_span.start.offset, entry.value_span.end.offset
                plan.edits.append(Edit(start, end, self.value_text(request.value, self.text[start:end], plan)))
            return
        if entry.inline or entry.line_span is None:
            raise CannotFix(f"{describe_path(old_path)} is inside an inline table; move it by hand")
        if any(_is_index(s) for s in (*old_path, *new_path)):
            raise CannotFix("cannot move a key into or out of an array of tables; move it by hand")
        start, end = _line_range(entry)
        first = self.own_comments_start(start)
        removed: list[Range] = [(first, line_end(self.text, end))]
        parents = self.vanishing(old_path[:-1], old_path, new_path, removed, plan, entry_left=True)
        dest = self.destination(new_path, [*removed, *parents], entry)
        source = self.header(old_path[:-1])
        if dest.header is not None and parents and source is not None and source.path in plan.removed_tables:
            # The old table would hold nothing else and a new header is needed: rename the header.
            self.retitle(source, entry, dest.header, new_path, request, plan)
            plan.creates |= dest.creates
            plan.edits.extend(self.removal_edits(parents[1:]))
            return
        removed += parents
        comments = [self.line_text(p) for p in _line_starts(self.text, first, start)]
        value = None
        if request.has_value:
            old_raw = self.text[entry.value_span.start.offset : entry.value_span.end.offset]
            value = self.value_text(request.value, old_raw, plan)
        body = self.moved_text(entry, dest, new_path, comments, value)
        plan.edits.extend(self.removal_edits(removed))
        plan.edits.append(self.insertion(dest, body))
        plan.creates |= dest.creates

    def retitle(
        self, table: TomlTable, entry: TomlEntry, header: Path, new_path: Path, request: FixRequest, plan: _Plan
    ) -> None:
        """Move the only entry of ``table`` by rewriting the table's header (and the key's name)."""
        start, end = table.key_span.start.offset, table.key_span.end.offset
        plan.edits.append(Edit(start, end, self.header_text(header)))
        last = entry.segments[-1]
        if last.name != new_path[-1]:
            plan.edits.append(Edit(last.span.start.offset, last.span.end.offset, _key_text(new_path[-1], last.raw)))
        if request.has_value:
            start, end = entry.value_span.start.offset, entry.value_span.end.offset
            plan.edits.append(Edit(start, end, self.value_text(request.value, self.text[start:end], plan)))

    def moved_text(self, entry: TomlEntry, dest: _Dest, new_path: Path, comments: list[str], value: str | None) -> str:
        """The entry's lines as they are written at ``dest`` (key relative to it, re-indented)."""
        text = self.text
        start, end = _line_range(entry)
        key_end = entry.key_span.end.offset
        old_indent = text[start : entry.key_span.start.offset]
        value_start, value_end = entry.value_span.start.offset, entry.value_span.end.offset
        rest = text[key_end:end] if value is None else text[key_end:value_start] + value + text[value_end:end]
        key = ".".join(self._spelled(new_path[len(dest.table) :], dest.likes, entry))
        lines = (dest.indent + key + rest).split("\n")
        raw_value = text[value_start:value_end]
        if dest.indent != old_indent and '"""' not in raw_value and "'''" not in raw_value:
            lines = lines[:1] + [
                dest.indent + line[len(old_indent) :] if line.startswith(old_indent) else line for line in lines[1:]
            ]
        return self.nl.join([dest.indent + c.lstrip(" \t") for c in comments] + ["\n".join(lines)])

    # add

    def add(self, new_path: Path, value: Scalar, plan: _Plan) -> None:
        value_text = self.value_text(value, None, plan)
        dest = self.destination(new_path, [], None)
        rel = new_path[len(dest.table) :]
        key = ".".join(self._spelled(rel, dest.likes, None))
        plan.edits.append(self.insertion(dest, f"{dest.indent}{key} = {value_text}"))
        plan.creates |= dest.creates

    # destinations

    def destination(self, new_path: Path, removed: Sequence[Range], moved: TomlEntry | None) -> _Dest:
        """Where ``new_path`` can be written, following the rules of TOML 1.0 and the file's style."""
        parent = new_path[:-1]
        if self.exists(new_path):
            raise CannotFix(f"{describe_path(new_path)} already exists")
        deepest: Path = ()
        for i in range(1, len(parent) + 1):
            prefix = parent[:i]
            kind = self.kind(prefix)
            if kind == "missing":
                break
            if kind == "value":
                raise CannotFix(f"{describe_path(prefix)} holds a value, not a table")
            if kind == "inline":
                raise CannotFix(f"{describe_path(prefix)} is an inline table; add the key by hand")
            if kind == "aot" and (i == len(parent) or not _is_index(parent[i])):
                raise CannotFix(f"{describe_path(prefix)} is an array of tables; add the key by hand")
            deepest = prefix
        likes = (moved,) if moved is not None else ()
        if not parent:
            return self.root_dest(removed, likes)
        if deepest == parent:
            kind = self.kind(parent)
            table = self.header(parent)
            if kind in ("header", "element") and table is not None:
                return self.table_dest(table, removed, likes)
            if kind == "dotted":
                return self.dotted_dest(parent, removed, likes, frozenset())
            if kind == "implicit":
                return self.header_dest(parent, removed, likes, frozenset({parent}))
            raise CannotFix(f"cannot add a key to {describe_path(parent)}")  # pragma: no cover
        missing = parent[len(deepest) :]
        if any(_is_index(s) for s in missing):
            raise CannotFix(f"{describe_path(parent)} is not in the file; add the key by hand")
        creates = frozenset(parent[:j] for j in range(len(deepest) + 1, len(parent) + 1))
        if not deepest:
            if any(len(e.segments) > 1 for e in self.table_entries(())):
                return self.dotted_dest((), removed, likes, creates)
            return self.header_dest(parent, removed, likes, creates)
        kind = self.kind(deepest)
        table = self.header(deepest)
        if kind in ("header", "element") and table is not None:
            if table.has_dotted_keys:
                return self.dotted_dest(deepest, removed, likes, creates)
            if kind == "element":
                raise CannotFix(f"cannot create a table inside {describe_path(deepest)}; add the key by hand")
            return self.header_dest(parent, removed, likes, creates)
        if kind == "dotted":
            return self.dotted_dest(deepest, removed, likes, creates)
        if kind == "implicit":
            return self.header_dest(parent, removed, likes, creates)
        raise CannotFix(f"cannot add a key under {describe_path(deepest)}")  # pragma: no cover

    def _kept(self, start: int, removed: Sequence[Range]) -> bool:
        return not any(s <= start < e for s, e in removed)

    def _last_kept(self, entries: Sequence[TomlEntry], removed: Sequence[Range]) -> TomlEntry | None:
        kept = [e for e in entries if self._kept(_line_range(e)[0], removed)]
        return max(kept, key=lambda e: _line_range(e)[1]) if kept else None

    def _indent(self, entry: TomlEntry) -> str:
        return self.text[_line_range(entry)[0] : entry.key_span.start.offset]

    def root_dest(self, removed: Sequence[Range], likes: tuple[TomlEntry, ...]) -> _Dest:
        last = self._last_kept(self.table_entries(()), removed)
        if last is not None:
            return _Dest("after", _line_range(last)[1], (), self._indent(last), likes=(last, *likes))
        return self.top_dest(likes)

    def top_dest(self, likes: tuple[TomlEntry, ...]) -> _Dest:
        """Root keys go before the first header: after a leading comment block that a blank line
        separates from what follows (or that is all the file holds), else at the very top."""
        text = self.text
        first = 0
        while first < len(text) and self.line_kind(first) == "comment":
            first = line_end(text, first)
        if first > 0 and (first >= len(text) or self.line_kind(first) == "blank"):
            last_comment = self.prev_line(first) if first < len(text) or text.endswith("\n") else None
            if last_comment is None:  # the file ends in a comment without a final newline
                return _Dest("after", len(text), (), likes=likes)
            return _Dest("after", last_comment + len(self.line_text(last_comment)), (), likes=likes)
        return _Dest("top", 0, (), likes=likes)

    def table_dest(self, table: TomlTable, removed: Sequence[Range], likes: tuple[TomlEntry, ...]) -> _Dest:
        last = self._last_kept(self.table_entries(table.path), removed)
        if last is not None:
            return _Dest("after", _line_range(last)[1], table.path, self._indent(last), likes=likes)
        return _Dest("after", table.line_span.end.offset, table.path, self._entry_indent(), likes=likes)

    def _entry_indent(self) -> str:
        """The indentation of entries under headers, for a table that has none yet."""
        entries = [e for e in self.lines_entries if e.table]
        return self._indent(entries[0]) if entries else ""

    def dotted_dest(
        self, path: Path, removed: Sequence[Range], likes: tuple[TomlEntry, ...], creates: frozenset[Path]
    ) -> _Dest:
        """A dotted key in the table whose dotted keys already spell ``path`` (or in table ``path``)."""
        if path and self.header(path) is not None:
            table_path = path
            siblings = self.table_entries(path)
        elif path:
            table_path = next(e.table for e in self.spelled_through(path) if not e.inline)
            siblings = [e for e in self.table_entries(table_path) if e.path[: len(path)] == path]
        else:
            table_path, siblings = (), self.table_entries(())
        last = self._last_kept(siblings, removed) or self._last_kept(self.table_entries(table_path), removed)
        header = self.header(table_path) if table_path else None
        if last is not None:
            offset, indent = _line_range(last)[1], self._indent(last)
            likes = (last, *likes)
        elif header is not None:
            offset, indent = header.line_span.end.offset, self._entry_indent()
        else:
            top = self.top_dest(likes)
            return _Dest(top.where, top.offset, (), likes=likes, creates=creates)
        return _Dest("after", offset, table_path, indent, likes=likes, creates=creates)

    def header_dest(
        self, path: Path, removed: Sequence[Range], likes: tuple[TomlEntry, ...], creates: frozenset[Path]
    ) -> _Dest:
        """A new ``[path]`` header after the run of sections of its nearest ancestor that has any."""
        tables = self.layout.tables
        anchor: Path | None = None
        for i in range(len(path), 0, -1):
            if any(t.path[:i] == path[:i] for t in tables):
                anchor = path[:i]
                break
        if anchor is not None:
            n = len(anchor)
            first = next(i for i, t in enumerate(tables) if t.path[:n] == anchor)
            run: list[TomlTable] = []
            for table in tables[first:]:
                if table.path[:n] != anchor:
                    break
                run.append(table)
        else:
            run = list(tables)
        run_paths = {t.path for t in run}
        candidates = [e for e in self.lines_entries if e.table in run_paths] if anchor else self.lines_entries
        kept_headers = [t for t in run if self._kept(t.line_span.start.offset, removed)]
        last_entry = self._last_kept(candidates, removed)
        if anchor is not None and not kept_headers and last_entry is None:
            # the whole run goes away: place the header after whatever else the file keeps
            kept_headers = [t for t in tables if self._kept(t.line_span.start.offset, removed)]
            last_entry = self._last_kept(self.lines_entries, removed)
        ends = [t.line_span.end.offset for t in kept_headers]
        if last_entry is not None:
            ends.append(_line_range(last_entry)[1])
        header_indent = leading_blanks(self.line_text(kept_headers[-1].line_span.start.offset)) if kept_headers else ""
        indent = self._indent(last_entry) if last_entry is not None and last_entry.table else self._entry_indent()
        if ends:
            return _Dest("after", max(ends), path, indent, path, header_indent, likes, creates)
        content = any(
            self._kept(p, removed) and self.line_kind(p) != "blank" for p in _line_starts(self.text, 0, len(self.text))
        )
        return _Dest("end", len(self.text), path, indent, path, header_indent, likes, creates, separate=content)

    # writing

    def _spelled(self, rel: Path, likes: Sequence[TomlEntry], moved: TomlEntry | None) -> list[str]:
        """Key segments for ``rel``: a like entry's spelling where its segments name the same tables."""
        out: list[str] = []
        for j, name in enumerate(rel):
            raw: str | None = None
            for like in likes:
                names = [s.name for s in like.segments]
                if j < len(names) - 1 and names[: j + 1] == list(rel[: j + 1]):
                    raw = like.segments[j].raw
                    break
            if raw is None and j == len(rel) - 1 and moved is not None:
                last = moved.segments[-1]
                raw = last.raw if last.name == name else _key_text(name, last.raw)
            out.append(raw if raw is not None else _key_text(name, '"'))
        return out

    def header_text(self, path: Path) -> str:
        """``path`` as a header key, reusing the spelling of the header sharing most of it."""
        best: tuple[KeySegment, ...] = ()
        for table in self.layout.tables:
            if any(_is_index(s) for s in table.path):
                continue
            common = 0
            while common < min(len(path), len(table.path)) and path[common] == table.path[common]:
                common += 1
            if common > len(best):
                best = table.segments[:common]
        return ".".join(best[j].raw if j < len(best) else _key_text(name, '"') for j, name in enumerate(path))

    def insertion(self, dest: _Dest, body: str) -> Edit:
        nl = self.nl
        block = body
        if dest.header is not None:
            block = f"{dest.header_indent}[{self.header_text(dest.header)}]{nl}{body}"
        blank = nl if dest.header is not None and self.blank_before_header and dest.separate else ""
        if dest.where == "after":
            return Edit(dest.offset, dest.offset, nl + blank + block)
        if dest.where == "top":
            if not self.text:
                return Edit(0, 0, block + nl)
            first = self.line_kind(0)
            separator = nl if self.blank_before_header and first != "blank" else ""
            return Edit(0, 0, block + nl + separator)
        if not self.text:
            return Edit(0, 0, block + nl)
        if self.text.endswith("\n"):
            return Edit(len(self.text), len(self.text), blank + block + nl)
        return Edit(len(self.text), len(self.text), nl + blank + block)

    def removal_edits(self, ranges: Sequence[Range]) -> list[Edit]:
        """Delete whole lines; drop one of two blank lines the deletion would leave side by side,
        and keep a missing final newline missing."""
        text = self.text
        merged: list[Range] = []
        for start, end in _merge(ranges):
            if merged and not text[merged[-1][1] : start].strip():
                start = merged.pop()[0]  # only blank lines between: they go too
            merged.append((start, end))
        out: list[Range] = []
        for start, end in merged:
            prev = self.prev_line(start)
            prev_blank = prev is not None and self.line_kind(prev) == "blank"
            next_blank = end < len(text) and self.line_kind(end) == "blank"
            if prev is not None and prev_blank and (next_blank or end >= len(text)):
                start = prev
            elif prev is None and next_blank:
                end = line_end(text, end)
            out.append(removal_range(text, start, end))
        return [Edit(s, e, "") for s, e in _merge(out)]

    # empty parents

    def vanishing(
        self,
        parent: Path,
        leaving: Path,
        target: Path | None,
        removed: Sequence[Range],
        plan: _Plan,
        *,
        entry_left: bool,
    ) -> list[Range]:
        """Ranges of the ``[header]`` sections left with nothing once ``leaving`` goes, innermost first.

        When an entry left (``entry_left``), its own table's header goes once its section holds no
        key or comment, even if sub-tables remain: the table then exists through them, holding
        the same data.  Further up, a header goes only when nothing at all is left under it.
        """
        out: list[Range] = []
        path = parent
        lenient = entry_left
        while path:
            table = self.header(path)
            if table is None or table.kind != "table":
                break
            if not lenient and target is not None and target[: len(path)] == path:
                break
            empty, subtables = self._empty_after(table, leaving, [*removed, *out])
            if not empty or (subtables and not lenient):
                break
            out.append((table.line_span.start.offset, line_end(self.text, table.body_span.end.offset)))
            plan.removed_tables.add(path)
            if subtables or (target is not None and target[: len(path)] == path):
                break
            path, lenient = path[:-1], False
        return out

    def _empty_after(self, table: TomlTable, leaving: Path, removed: Sequence[Range]) -> tuple[bool, bool]:
        """Whether the table's section is left without keys and comments, and whether sub-tables
        other than ``leaving`` remain."""
        text = self.text
        header_start = table.line_span.start.offset
        if text[table.header_span.end.offset : table.line_span.end.offset].strip():
            return False, False  # a comment after the header
        if self.own_comments_start(header_start) != header_start:
            return False, False
        n = len(leaving)
        for entry in self.table_entries(table.path):
            if entry.path[:n] != leaving and self._kept(_line_range(entry)[0], removed):
                return False, False
        subtables = any(
            other is not table and other.path[:n] != leaving and self._kept(other.line_span.start.offset, removed)
            for other in self.headers_under(table.path)
        )
        # comment lines in the section, except those that belong to the next header
        end = table.section_span.end.offset
        if end < len(text):
            end = self.own_comments_start(end)
        position = line_end(text, table.line_span.end.offset)
        while position < end:
            if self.line_kind(position) == "comment" and self._kept(position, removed):
                return False, False
            position = line_end(text, position)
        return True, subtables

    # delete / comment out

    def remove_entry(self, entry: TomlEntry, request: FixRequest, plan: _Plan) -> None:
        if entry.inline or entry.line_span is None:
            raise CannotFix(f"{describe_path(entry.path)} is inside an inline table; edit it by hand")
        start, end = _line_range(entry)
        if request.op == "comment-out":
            plan.edits.append(Edit(start, end, self.commented([(start, end)], request.note)[0]))
            return
        removed: list[Range] = [(start, line_end(self.text, end))]
        if request.remove_empty_parents:
            removed += self.vanishing(entry.path[:-1], entry.path, None, removed, plan, entry_left=True)
        plan.edits.extend(self.removal_edits(removed))

    def remove_table(self, path: Path, request: FixRequest, plan: _Plan) -> None:
        if _is_index(path[-1]) and (*path[:-1], f"[{int(path[-1][1:-1]) + 1}]") in self.paths:
            # the elements after it would change their numbers
            raise CannotFix(f"{describe_path(path)} is not the last element of its array; edit it by hand")
        blocks = self.table_blocks(path)
        if request.op == "comment-out":
            texts = self.commented(blocks, request.note)
            plan.edits.extend(Edit(s, e, t) for (s, e), t in zip(blocks, texts, strict=True))
            return
        removed: list[Range] = [(s, line_end(self.text, e)) for s, e in blocks]
        if request.remove_empty_parents:
            removed += self.vanishing(path[:-1], path, None, removed, plan, entry_left=False)
        plan.edits.extend(self.removal_edits(removed))

    def table_blocks(self, path: Path) -> list[Range]:
        """The statement lines that define the table ``path``: its headers' sections (header line to
        last entry line) and the dotted keys spelling it in other tables."""
        through = self.spelled_through(path)
        if any(e.inline for e in through):
            raise CannotFix(f"{describe_path(path)} is inside an inline table; edit it by hand")
        blocks = [(t.line_span.start.offset, t.body_span.end.offset) for t in self.headers_under(path)]
        blocks += [_line_range(e) for e in through]
        if not blocks:
            raise CannotFix(f"{describe_path(path)} is not a table in this file")
        return sorted(blocks)

    def commented(self, blocks: Sequence[Range], note: str | None) -> list[str]:
        """Each block's lines as comments at their own indentation; the note goes before the first."""
        out: list[str] = []
        for number, (start, end) in enumerate(blocks):
            lines: list[str] = []
            statement_indent = ""
            for position in _line_starts(self.text, start, end + 1):
                line = self.line_text(position)
                kind = self.line_kind(position)
                if kind == "blank":
                    lines.append(line)
                    continue
                if kind == "comment" or position in self.statement_start_set:
                    statement_indent = leading_blanks(line)
                indent = statement_indent if line.startswith(statement_indent) else ""
                rest = line[len(indent) :]
                lines.append(f"{indent}# {rest}" if rest.strip() else f"{indent}#")
            if number == 0 and note:
                first_indent = leading_blanks(self.line_text(start))
                lines[:0] = [f"{first_indent}# {part}".rstrip() for part in note.splitlines() or [""]]
            out.append(self.nl.join(lines))
        return out

    # renaming tables

    def rename_table(self, old_path: Path, new_path: Path, plan: _Plan) -> None:
        if _is_index(old_path[-1]) or _is_index(new_path[-1]):
            raise CannotFix("cannot rename an element of an array; edit it by hand")
        headers = self.headers_under(old_path)
        through = self.spelled_through(old_path)
        if not headers and not through:
            raise CannotFix(f"{describe_path(old_path)} is not a table in this file")
        if self.exists(new_path):
            raise CannotFix(f"{describe_path(new_path)} already exists")
        if new_path[: len(old_path)] == old_path:
            raise CannotFix(f"cannot move {describe_path(old_path)} into itself")
        common = 0
        while common < min(len(old_path), len(new_path)) and old_path[common] == new_path[common]:
            common += 1
        if any(_is_index(s) for s in (*old_path[common:], *new_path[common:])):
            raise CannotFix("cannot move a table into or out of an array of tables; move it by hand")
        same_parent = old_path[:-1] == new_path[:-1]
        if not same_parent:
            if through:
                raise CannotFix(f"{describe_path(old_path)} is written with dotted keys; move it by hand")
            self._check_new_table(new_path)
        first = sum(1 for s in old_path[:common] if not _is_index(s))
        last = sum(1 for s in old_path if not _is_index(s)) - 1
        for table in headers:
            segments = table.segments
            text = ".".join(_key_text(name, segments[last].raw) for name in new_path[common:])
            plan.edits.append(Edit(segments[first].span.start.offset, segments[last].span.end.offset, text))
        for entry in through:
            segment = entry.segments[len(old_path) - 1 - len(entry.table)]
            text = _key_text(new_path[-1], segment.raw)
            plan.edits.append(Edit(segment.span.start.offset, segment.span.end.offset, text))
        if not same_parent:
            gone = self.vanishing(old_path[:-1], old_path, new_path, [], plan, entry_left=False)
            plan.edits.extend(self.removal_edits(gone))
            plan.creates |= {new_path[:j] for j in range(1, len(new_path)) if not self.exists(new_path[:j])}

    def _check_new_table(self, new_path: Path) -> None:
        """A header ``[new_path]`` is legal: every existing ancestor is a table it may extend."""
        for i in range(1, len(new_path)):
            prefix = new_path[:i]
            kind = self.kind(prefix)
            if kind == "missing":
                return
            if kind == "value":
                raise CannotFix(f"{describe_path(prefix)} holds a value, not a table")
            if kind == "inline":
                raise CannotFix(f"{describe_path(prefix)} is an inline table; move the table by hand")
            if kind == "aot" and not _is_index(new_path[i]):
                raise CannotFix(f"{describe_path(prefix)} is an array of tables; move the table by hand")


# --- small pure helpers -------------------------------------------------------------------------


def _line_range(entry: TomlEntry) -> Range:
    """Line start of the entry's key to the end of its last line (trailing comment included)."""
    span = entry.line_span
    if span is None:  # pragma: no cover - callers filter inline entries
        raise CannotFix("the key is inside an inline table")
    return span.start.offset, span.end.offset


def _line_starts(text: str, start: int, end: int) -> list[int]:
    """Starts of the lines beginning in ``[start, end)``; ``start`` must be a line start."""
    out: list[int] = []
    position = start
    while position < end and position < len(text):
        out.append(position)
        position = line_end(text, position)
    if not out and start == len(text) and start < end:
        out.append(start)
    return out


def _merge(ranges: Sequence[Range]) -> list[Range]:
    out: list[Range] = []
    for start, end in sorted(ranges):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def _kind_word(entry: TomlEntry) -> str:
    return {"mapping": "table", "sequence": "list", "scalar": "value"}[entry.value_kind]


# --- verification -------------------------------------------------------------------------------


def _verify(text: str, planner: _Planner, request: FixRequest, plan: _Plan) -> None:
    """The edited text parses and holds exactly what the request asks for, nothing else changed."""
    new_text = apply_edits(text, plan.edits)
    try:
        old = tomllib.loads(text)
        new = tomllib.loads(new_text)
    except tomllib.TOMLDecodeError:
        raise CannotFix("the change would not leave valid TOML here; fix it by hand") from None
    expected: dict[str, object] = copy.deepcopy(old)
    try:
        if request.op == "add" and request.new_path:
            _put(expected, request.new_path, plan.written)
        elif request.occurrence is not None:
            path = request.occurrence.path
            if request.op == "set-value" or (request.op == "rename" and request.new_path == path):
                _put(expected, path, plan.written)
            else:
                moved = _take(expected, path)
                _prune(expected, path, planner, plan)
                if request.op == "rename" and request.new_path:
                    _put(expected, request.new_path, plan.written if request.has_value else moved)
    except (KeyError, IndexError, TypeError, ValueError):
        raise CannotFix("the change would not leave the data as intended; fix it by hand") from None
    if not _same(new, expected):
        raise CannotFix("the change would alter other values here; fix it by hand")


def _step(container: object, segment: str) -> tuple[dict[str, object] | list[object], str | int]:
    if isinstance(container, list) and _is_index(segment):
        return container, int(segment[1:-1])
    if isinstance(container, dict):
        return container, segment
    raise TypeError(segment)


def _get(data: object, path: Path) -> object:
    node = data
    for segment in path:
        container, key = _step(node, segment)
        node = container[key]  # type: ignore[index]
    return node


def _take(data: dict[str, object], path: Path) -> object:
    container, key = _step(_get(data, path[:-1]), path[-1])
    return container.pop(key)  # type: ignore[arg-type]


def _put(data: dict[str, object], path: Path, value: object) -> None:
    node: object = data
    for segment in path[:-1]:
        container, key = _step(node, segment)
        if isinstance(container, dict) and key not in container:
            container[key] = {}  # type: ignore[index]
        node = container[key]  # type: ignore[index]
    container, key = _step(node, path[-1])
    container[key] = value  # type: ignore[index]


def _prune(data: dict[str, object], path: Path, planner: _Planner, plan: _Plan) -> None:
    """Drop the ancestors that disappear with ``path``: tables no header keeps, emptied
    arrays of tables and the header sections the plan removes."""
    for i in range(len(path) - 1, 0, -1):
        prefix = path[:i]
        value = _get(data, prefix)
        kind = planner.kind(prefix)
        emptied_table = value == {} and (kind in ("dotted", "implicit") or prefix in plan.removed_tables)
        if not (emptied_table or (value == [] and kind == "aot")):
            return
        _take(data, prefix)


def _same(a: object, b: object) -> bool:
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b):
        return True
    return type(a) is type(b) and a == b
