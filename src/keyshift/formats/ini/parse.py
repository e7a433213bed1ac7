"""INI adapter (``setup.cfg``, ``tox.ini``, ``mypy.ini``, ...): key occurrences with exact spans.

The grammar is what ``configparser.RawConfigParser(inline_comment_prefixes=("#", ";"),
strict=False)`` reads, with three differences: keys keep their case as written (no
``optionxform`` lower-casing), keys before the first section are accepted (path ``(key,)``), and
``[DEFAULT]`` is an ordinary section.

* A line whose first non-blank character is ``#`` or ``;`` is a comment.  An inline comment starts
  at the first ``#`` or ``;`` preceded by whitespace (``url = http://h/#x`` keeps its ``#x``;
  ``opts = -x  # fast`` is ``-x``).  configparser strips nothing inline by default, but every
  real-world INI reader of these files (tox, setuptools' docs, flake8) treats `` #`` as a comment.
* ``[name]`` (name = text between the first ``[`` and the last ``]``) opens a section.  Its path is
  the name split on dots, like a TOML table header (``[options.packages.find]`` is
  ``("options", "packages", "find")``, so the matrix key ``options.packages.find.where`` names its
  ``where``), unless a segment would be empty (``[.x]``, ``[a..b]`` stay whole).  The section gives a
  ``mapping`` occurrence whose key span is the name and whose value span runs from ``[`` to the end
  of the section's last value (``]`` when the section is empty), plus an ``implicit`` one sharing
  those spans for each shorter prefix of a dotted name.  A name of more than
  :data:`~keyshift.formats._dotted.MAX_KEY_DEPTH` segments, or a key below it deeper than that, raises
  :class:`~keyshift.core.model.ConfigSyntaxError`.
* ``key = value`` or ``key: value`` (the first ``=`` or ``:`` separates) gives ``(*section, key)``.
  A key is one path segment: ``a.b = 1`` under ``[tool:pytest]`` is ``("tool:pytest", "a.b")``.
* A line indented deeper than its key line continues the value; blank lines inside are kept and
  comment lines skipped, as configparser does.  The value is configparser's: lines stripped, joined
  with ``\\n``, trailing blank lines dropped (``deps =`` followed by indented lines starts with
  ``\\n``).  The value span runs from the first value character to the end of the last value line;
  an empty value has a zero-width span right after the separator.
* Duplicate sections and keys are all reported.  A line in a section with no separator that does
  not continue a value raises :class:`~keyshift.core.model.ConfigSyntaxError`.

``ParsedFile.tree`` is an :class:`IniLayout` (offsets into the text) used by the fixer.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from dataclasses import dataclass

from keyshift.core.model import Document, Occurrence, ParsedFile
from keyshift.formats._dotted import KEY_TOO_DEEP, MAX_KEY_DEPTH, key_occurrences, split_dotted_key
from keyshift.formats._lines import Line, TextReader, physical_lines

__all__ = ["IniEntry", "IniLayout", "IniSection", "parse"]

COMMENT_CHARS = "#;"


@dataclass(frozen=True, slots=True)
class IniEntry:
    """One ``key = value`` entry (with its continuation lines)."""

    key: str
    path: tuple[str, ...]
    section: int | None
    """Index into :attr:`IniLayout.sections`; None for a key before the first section."""
    start: int
    """Start of the key line."""
    key_start: int
    key_end: int
    sep_start: int
    sep_end: int
    value_start: int
    value_end: int
    end: int
    """Just past the line ending of the entry's last line (the last value line, or the key line)."""
    comment_start: int
    """Start of the comment lines directly above the key line (``start`` when there are none)."""


@dataclass(frozen=True, slots=True)
class IniSection:
    """One ``[name]`` header and its body."""

    name: str
    path: tuple[str, ...]
    """The name split on dots (see :func:`keyshift.formats._dotted.split_dotted_key`)."""
    start: int
    """Start of the header line."""
    name_start: int
    name_end: int
    header_end: int
    """Just past the header line's line ending."""
    lead_start: int
    """Start of the comment lines directly above the header (``start`` when there are none)."""
    end: int
    """End of the body: where the next section's leading comments or header line start, or the end of text."""
    entries: tuple[int, ...]
    comments: tuple[tuple[int, int], ...]
    """Full-line comments in the body that are not inside an entry's value: (line start, line end)."""


@dataclass(frozen=True, slots=True)
class IniLayout:
    sections: tuple[IniSection, ...]
    entries: tuple[IniEntry, ...]
    root_end: int
    """End of the part before the first section (its leading comments or header), or the end of text."""
    comment_prefix: str
    """``;`` when most full-line comments use it, else ``#``."""


@dataclass(slots=True)
class _Open:
    """An entry being read (its value may continue on following lines)."""

    key: str
    section: int | None
    start: int
    key_start: int
    key_end: int
    sep_start: int
    sep_end: int
    values: list[str]
    value_start: int | None
    value_end: int
    end: int
    comment_start: int


def _inline_comment(raw: str) -> int:
    """Index where an inline comment starts in ``raw`` (``len(raw)`` when there is none)."""
    for i in range(1, len(raw)):
        if raw[i] in COMMENT_CHARS and raw[i - 1].isspace():
            return i
    return len(raw)


def _strip_bounds(raw: str, lo: int, hi: int) -> tuple[int, int]:
    while lo < hi and raw[lo].isspace():
        lo += 1
    while hi > lo and raw[hi - 1].isspace():
        hi -= 1
    return lo, hi


@dataclass(slots=True)
class _Header:
    name: str
    start: int
    name_start: int
    name_end: int
    header_end: int
    lead_start: int
    entries: list[int]


class _Reader(TextReader):
    """Reads the text line by line, as configparser does, recording offsets."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.headers: list[_Header] = []
        self.entries: list[IniEntry] = []
        self.values: list[str] = []
        self.comment_lines: list[tuple[int, int]] = []
        self.prefix_counts: Counter[str] = Counter()
        self.open: _Open | None = None
        self.indent_level = 0
        self.current: int | None = None
        # start of the run of full-line comments directly above the current line (None: no run)
        self.comment_run: int | None = None

    def read(self) -> None:
        text = self.text
        for line in physical_lines(text):
            raw = text[line.start : line.content_end]
            stripped = raw.strip()
            if stripped and stripped[0] in COMMENT_CHARS:
                self.comment_lines.append((line.start, line.end))
                self.prefix_counts[stripped[0]] += 1
                if self.comment_run is None:
                    self.comment_run = line.start
                continue
            lo, hi = _strip_bounds(raw, 0, _inline_comment(raw))
            if lo == hi:
                # a blank line: part of an open multi-line value when more value lines follow
                self.comment_run = None
                if self.open is not None:
                    self.open.values.append("")
                continue
            comment_start = line.start if self.comment_run is None else self.comment_run
            self.comment_run = None
            if self.open is not None and lo > self.indent_level:
                self.continue_value(raw, lo, hi, line)
                continue
            self.close()
            self.indent_level = lo
            close = raw.rfind("]", lo, hi)
            if raw[lo] == "[" and close > lo + 1:
                if len(split_dotted_key(raw[lo + 1 : close])) > MAX_KEY_DEPTH:
                    raise self.error(KEY_TOO_DEEP, line.start + lo + 1)
                self.headers.append(
                    _Header(
                        raw[lo + 1 : close],
                        line.start,
                        line.start + lo + 1,
                        line.start + close,
                        line.end,
                        comment_start,
                        [],
                    )
                )
                self.current = len(self.headers) - 1
                continue
            self.read_option(raw, lo, hi, line, comment_start)
        self.close()

    def continue_value(self, raw: str, lo: int, hi: int, line: Line) -> None:
        entry = self.open
        assert entry is not None
        entry.values.append(raw[lo:hi])
        if entry.value_start is None:
            entry.value_start = line.start + lo
        entry.value_end = line.start + hi
        entry.end = line.end

    def read_option(self, raw: str, lo: int, hi: int, line: Line, comment_start: int) -> None:
        seps = [i for i in (raw.find("=", lo, hi), raw.find(":", lo, hi)) if i != -1]
        if not seps:
            if raw[lo] == "[":
                raise self.error("expected a section header '[name]' or 'key = value'", line.start + lo)
            raise self.error("expected 'key = value' or 'key: value' (no '=' or ':' on this line)", line.start + lo)
        sep = min(seps)
        key_lo, key_hi = _strip_bounds(raw, lo, sep)
        if key_lo == key_hi:
            raise self.error("a key is missing before the separator", line.start + sep)
        value_lo, value_hi = _strip_bounds(raw, sep + 1, hi)
        has_value = value_lo < value_hi
        self.open = _Open(
            key=raw[key_lo:key_hi],
            section=self.current,
            start=line.start,
            key_start=line.start + key_lo,
            key_end=line.start + key_hi,
            sep_start=line.start + sep,
            sep_end=line.start + sep + 1,
            values=[raw[value_lo:value_hi]],
            value_start=line.start + value_lo if has_value else None,
            value_end=line.start + value_hi if has_value else line.start + sep + 1,
            end=line.end,
            comment_start=comment_start,
        )

    def close(self) -> None:
        entry = self.open
        if entry is None:
            return
        self.open = None
        section_path = () if entry.section is None else split_dotted_key(self.headers[entry.section].name)
        path = (*section_path, entry.key)
        if len(path) > MAX_KEY_DEPTH:
            raise self.error(KEY_TOO_DEEP, entry.key_start)
        self.entries.append(
            IniEntry(
                key=entry.key,
                path=path,
                section=entry.section,
                start=entry.start,
                key_start=entry.key_start,
                key_end=entry.key_end,
                sep_start=entry.sep_start,
                sep_end=entry.sep_end,
                value_start=entry.sep_end if entry.value_start is None else entry.value_start,
                value_end=entry.value_end,
                end=entry.end,
                comment_start=entry.comment_start,
            )
        )
        self.values.append("\n".join(entry.values).rstrip())
        if entry.section is not None:
            self.headers[entry.section].entries.append(len(self.entries) - 1)

    def loose_comments(self) -> list[tuple[int, int]]:
        """Full-line comments that are not between the lines of a multi-line value (in file order)."""
        loose: list[tuple[int, int]] = []
        entries = self.entries  # in file order, never overlapping
        j = 0
        for start, end in self.comment_lines:
            while j < len(entries) and entries[j].end <= start:
                j += 1
            if j == len(entries) or not entries[j].start < start:
                loose.append((start, end))
        return loose

    def layout(self) -> IniLayout:
        text_end = len(self.text)
        sections: list[IniSection] = []
        loose = self.loose_comments()
        starts = [start for start, _ in loose]
        for i, header in enumerate(self.headers):
            end = self.headers[i + 1].lead_start if i + 1 < len(self.headers) else text_end
            comments = tuple(loose[bisect_left(starts, header.header_end) : bisect_left(starts, end)])
            sections.append(
                IniSection(
                    name=header.name,
                    path=split_dotted_key(header.name),
                    start=header.start,
                    name_start=header.name_start,
                    name_end=header.name_end,
                    header_end=header.header_end,
                    lead_start=header.lead_start,
                    end=end,
                    entries=tuple(header.entries),
                    comments=comments,
                )
            )
        root_end = self.headers[0].lead_start if self.headers else text_end
        prefix = ";" if self.prefix_counts[";"] > self.prefix_counts["#"] else "#"
        return IniLayout(tuple(sections), tuple(self.entries), root_end, prefix)


def parse(text: str) -> ParsedFile[IniLayout]:
    """Parse INI text into a :class:`ParsedFile` (one document, untyped string values)."""
    reader = _Reader(text)
    reader.read()
    layout = reader.layout()
    index = reader.index
    occurrences: list[Occurrence] = []
    entry_occurrences: dict[int, Occurrence] = {}
    for number, entry in enumerate(layout.entries):
        found = entry.key if entry.section is None else f"{layout.sections[entry.section].name}.{entry.key}"
        entry_occurrences[number] = Occurrence(
            path=entry.path,
            found=found,
            key_span=index.span(entry.key_start, entry.key_end),
            value_span=index.span(entry.value_start, entry.value_end),
            value_kind="scalar",
            value=reader.values[number],
        )
    occurrences.extend(entry_occurrences[n] for n, e in enumerate(layout.entries) if e.section is None)
    for section in layout.sections:
        value_end = section.name_end + 1
        if section.entries:
            value_end = layout.entries[section.entries[-1]].value_end
        key_span = index.span(section.name_start, section.name_end)
        value_span = index.span(section.name_start - 1, value_end)
        # the section name joined back from its segments is the name as written
        occurrences.extend(key_occurrences((), "", section.path, key_span, value_span, "mapping", None))
        occurrences.extend(entry_occurrences[n] for n in section.entries)
    document = Document(index=0, span=index.span(0, len(text)), occurrences=tuple(occurrences))
    return ParsedFile(format="ini", text=text, documents=(document,), typed=False, tree=layout)
