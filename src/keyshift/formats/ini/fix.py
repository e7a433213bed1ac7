"""Minimal-diff fixes for INI files (``setup.cfg``, ``tox.ini``, ``mypy.ini``), planned on an :class:`IniLayout`.

A path is ``(*section, key)`` (``[a.b]`` is the section ``("a", "b")``; ``(key,)`` before the
first section), so a "rename to another parent" moves the entry, with the comment lines directly
above it, to another section: after that section's last key, or into a new ``[section]`` at the end
of the file.  A section left holding nothing (no key, no comment) by a move, or by a delete with
``remove_empty_parents``, is removed; when the moved key is the only thing in its section and the
target section does not exist yet, the header is renamed in place instead, which keeps the section
where it is.  Commenting out a section's last key is allowed: an empty section is still a section.
Comments use ``;`` when most of the file's comments do.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from keyshift.core.edits import CannotFix, FixRequest, PlannedFix, apply_edits, describe_path, line_start, newline_of
from keyshift.core.model import Edit, Occurrence, ParsedFile, Scalar
from keyshift.formats._dotted import split_dotted_key
from keyshift.formats._entries import locate_entry
from keyshift.formats._lines import (
    delete_lines,
    insert_lines,
    line_texts,
    prefix_comment_lines,
    removal_range,
    untyped_text,
)
from keyshift.formats.ini.parse import IniEntry, IniLayout, IniSection

__all__ = ["plan_fix"]


def plan_fix(parsed: ParsedFile[IniLayout], request: FixRequest) -> PlannedFix:
    """The edits that make ``request`` in an INI file (pure: computed from ``parsed`` alone)."""
    layout = parsed.tree
    fixer = _Fixer(parsed.text, layout)
    if request.op == "add":
        if request.new_path is None:
            raise CannotFix("no key to add")
        return fixer.add(request.new_path, request.value)
    if request.occurrence is None:
        raise CannotFix("no key to change")
    target = fixer.locate(request.occurrence)
    if isinstance(target, IniSection):
        return fixer.section_fix(target, request)
    if request.op == "set-value":
        return PlannedFix(tuple(fixer.set_value(target, request.value)))
    if request.op == "delete":
        return fixer.delete(target, request.remove_empty_parents)
    if request.op == "comment-out":
        return fixer.comment_out(target.start, target.end, request.note)
    if request.new_path is None:
        raise CannotFix("no new key to rename to")
    return fixer.rename(target, request)


class _Fixer:
    def __init__(self, text: str, layout: IniLayout) -> None:
        self.text = text
        self.layout = layout
        self.nl = newline_of(text)

    # -- finding things ----------------------------------------------------------------------

    def locate(self, occurrence: Occurrence) -> IniEntry | IniSection:
        offset = occurrence.key_span.start.offset
        if occurrence.implicit:
            raise CannotFix(f"{occurrence.found} is part of a dotted section name; change the section instead")
        if occurrence.value_kind == "mapping":
            for section in self.layout.sections:
                if section.name_start == offset and section.path == occurrence.path:
                    return section
        return locate_entry(self.layout.entries, occurrence)

    def section_at(self, path: tuple[str, ...]) -> IniSection | None:
        """The section with this path (the last one when the file repeats it)."""
        found = [s for s in self.layout.sections if s.path == path]
        return found[-1] if found else None

    def indent_of(self, entry: IniEntry) -> str:
        return self.text[entry.start : entry.key_start]

    # -- entries ---------------------------------------------------------------------------

    def set_value(self, entry: IniEntry, value: Scalar) -> list[Edit]:
        new = _value_text(value)
        text = self.text
        if entry.value_start == entry.value_end:
            if not new:
                return []
            end = entry.sep_end
            while end < len(text) and text[end] in " \t":
                end += 1
            # keep a space before an inline comment that follows the empty value
            tail = "" if end >= len(text) or text[end] in "\r\n" else " "
            return [Edit(entry.sep_end, end, self._spacing(entry) + new + tail)]
        between = text[entry.sep_end : entry.value_start]
        if "\n" not in between:
            if new:
                return [Edit(entry.value_start, entry.value_end, new)]
            return [Edit(entry.sep_end, entry.value_end, "")]
        if between.strip():
            raise CannotFix("a comment sits between the key and its multi-line value; set the value by hand")
        # the value starts on a continuation line: the new value goes on the key line
        return [Edit(entry.sep_end, entry.value_end, self._spacing(entry) + new if new else "")]

    def _spacing(self, entry: IniEntry) -> str:
        text = self.text
        before = text[entry.sep_start - 1] if entry.sep_start > entry.start else ""
        return " " if before in (" ", "\t") or text[entry.sep_start] == ":" else ""

    def rename(self, entry: IniEntry, request: FixRequest) -> PlannedFix:
        assert request.new_path is not None
        new_path = request.new_path
        old_parent = entry.path[:-1]
        new_key = new_path[-1]
        _check_key(new_key)
        value_edits = self.set_value(entry, request.value) if request.has_value else []
        if new_path[:-1] == old_parent:
            return PlannedFix((Edit(entry.key_start, entry.key_end, new_key), *value_edits))
        return self.move(entry, new_path, value_edits)

    def move(self, entry: IniEntry, new_path: tuple[str, ...], value_edits: list[Edit]) -> PlannedFix:
        text = self.text
        key_edit = Edit(entry.key_start, entry.key_end, new_path[-1])
        source = self.layout.sections[entry.section] if entry.section is not None else None
        emptied = source is not None and self._holds_only(source, entry)
        section_path = new_path[:-1]
        if section_path:
            name = _section_name(section_path)
            target = self.section_at(section_path)
            if target is None and emptied and source is not None and self._unique(source):
                # the key is all its section holds: rename the header instead of moving the key
                header = Edit(source.name_start, source.name_end, name)
                return PlannedFix((header, key_edit, *value_edits), frozenset({section_path}))
        # the entry's text as it will read at its new place
        lines = line_texts(_apply_within(text, entry.comment_start, entry.end, [key_edit, *value_edits]))
        if emptied and source is not None:
            removal = self._section_removal(source)
        else:
            removal = removal_range(text, entry.comment_start, entry.end)
        creates: frozenset[tuple[str, ...]] = frozenset()
        if not section_path:
            roots = [e for e in self.layout.entries if e.section is None]
            if not roots:
                raise CannotFix(
                    f"{describe_path(new_path)} would be a key outside any section, which INI readers reject"
                )
            offset = roots[-1].end
            lines = _reindent(lines, self.indent_of(entry), self.indent_of(roots[-1]))
        else:
            target = self.section_at(section_path)
            if target is None:
                offset = len(text)
                lines = _reindent(lines, self.indent_of(entry), "")
                lines = [*self._new_section_lead(removal), f"[{_section_name(section_path)}]", *lines]
                creates = frozenset({section_path})
            else:
                offset, indent = self._section_insertion(target)
                lines = _reindent(lines, self.indent_of(entry), indent)
        edits = [Edit(removal[0], removal[1], ""), insert_lines(text, offset, lines, self.nl, removal)]
        return PlannedFix(tuple(edits), creates)

    def delete(self, entry: IniEntry, remove_empty_parents: bool) -> PlannedFix:
        source = self.layout.sections[entry.section] if entry.section is not None else None
        if remove_empty_parents and source is not None and self._holds_only(source, entry, keep_comments=True):
            start, end = self._section_removal(source)
            return PlannedFix((Edit(start, end, ""),))
        return PlannedFix((delete_lines(self.text, entry.start, entry.end),))

    def comment_out(self, start: int, end: int, note: str | None) -> PlannedFix:
        return PlannedFix((prefix_comment_lines(self.text, start, end, self.layout.comment_prefix, note, self.nl),))

    def add(self, new_path: tuple[str, ...], value: Scalar) -> PlannedFix:
        _check_key(new_path[-1])
        new = _value_text(value)
        line = f"{new_path[-1]}{self._separator()}{new}"
        if not new:
            line = line.rstrip()
        text = self.text
        if len(new_path) == 1:
            roots = [e for e in self.layout.entries if e.section is None]
            if not roots:
                raise CannotFix(
                    f"{describe_path(new_path)} would be a key outside any section, which INI readers reject"
                )
            return PlannedFix((insert_lines(text, roots[-1].end, [self.indent_of(roots[-1]) + line], self.nl),))
        section_path = new_path[:-1]
        name = _section_name(section_path)
        target = self.section_at(section_path)
        if target is None:
            lines = [*self._new_section_lead(None), f"[{name}]", line]
            return PlannedFix((insert_lines(text, len(text), lines, self.nl),), frozenset({section_path}))
        offset, indent = self._section_insertion(target)
        return PlannedFix((insert_lines(text, offset, [indent + line], self.nl),))

    def _separator(self) -> str:
        """The file's usual text between a key and its value (``" = "`` when there is nothing to copy)."""
        text = self.text
        styles = Counter(
            text[e.key_end : e.value_start]
            for e in self.layout.entries
            if e.value_start < e.value_end and text.find("\n", e.key_end, e.value_start) == -1
        )
        return styles.most_common(1)[0][0] if styles else " = "

    # -- sections --------------------------------------------------------------------------

    def section_fix(self, section: IniSection, request: FixRequest) -> PlannedFix:
        if request.op == "rename":
            assert request.new_path is not None
            name = _section_name(request.new_path)
            if self.section_at(request.new_path) is not None:
                raise CannotFix(f"section [{name}] already exists; merge the two sections by hand")
            if not self._unique(section):
                raise CannotFix(f"section [{section.name}] appears more than once; merge them first")
            return PlannedFix((Edit(section.name_start, section.name_end, name),))
        if request.op == "delete":
            start, end = self._section_removal(section)
            return PlannedFix((Edit(start, end, ""),))
        if request.op == "comment-out":
            return self.comment_out(section.start, self._section_content_end(section), request.note)
        raise CannotFix(f"[{section.name}] is a section, not a value")

    def _section_content_end(self, section: IniSection) -> int:
        """Just past the last line of the section that holds a key or a comment (or of its header)."""
        ends = [section.header_end]
        ends.extend(self.layout.entries[i].end for i in section.entries)
        ends.extend(end for _, end in section.comments)
        return max(ends)

    def _unique(self, section: IniSection) -> bool:
        return sum(1 for s in self.layout.sections if s.path == section.path) == 1

    def _holds_only(self, section: IniSection, entry: IniEntry, *, keep_comments: bool = False) -> bool:
        """True when ``entry`` (with its comment lines above, unless they stay) is all ``section`` holds."""
        if section.entries != (self.layout.entries.index(entry),) or section.lead_start != section.start:
            return False
        if keep_comments:
            return not section.comments
        return all(entry.comment_start <= start < entry.start for start, _ in section.comments)

    def _section_removal(self, section: IniSection) -> tuple[int, int]:
        """The range that removes a section: its header and body (its leading comments stay).

        The body runs to the next section's leading comments, so blank lines after it go too; the
        last section takes the blank lines before it instead, so the file does not end with them.
        """
        text = self.text
        start, end = section.start, section.end
        if end == len(text):
            while start > 0:
                prev = line_start(text, start - 1)
                if text[prev:start].strip():
                    break
                start = prev
        return removal_range(text, start, end)

    def _section_insertion(self, section: IniSection) -> tuple[int, str]:
        """Where a new key of ``section`` goes (after its last key) and its indentation."""
        if section.entries:
            last = self.layout.entries[section.entries[-1]]
            return last.end, self.indent_of(last)
        return section.header_end, ""

    def _new_section_lead(self, removal: tuple[int, int] | None) -> list[str]:
        """``[""]`` when a section appended at the end needs a blank line before it.

        It does unless the file is empty, already ends with a blank line, or writes its sections
        without blank lines between them.
        """
        text = self.text
        end = removal[0] if removal is not None and removal[1] == len(text) else len(text)
        body = text[:end]
        if not body.strip() or body.endswith(("\n\n", "\n\r\n")):
            return []
        later = self.layout.sections[1:]
        if later and not any(_blank_line_before(text, s.lead_start) for s in later):
            return []
        return [""]


def _blank_line_before(text: str, offset: int) -> bool:
    if offset == 0:
        return False
    return not text[line_start(text, offset - 1) : offset].strip()


# -- INI text rules ------------------------------------------------------------------------


def _check_key(key: str) -> None:
    if (
        not key
        or key != key.strip()
        or any(c in key for c in "=:\r\n")
        or key[0] in "[#;"
        or any(key[i] in "#;" and key[i - 1].isspace() for i in range(1, len(key)))
    ):
        raise CannotFix(f"{key!r} cannot be written as an INI key")


def _section_name(path: tuple[str, ...]) -> str:
    """The header name of a section path (dots between segments), if it reads back as that path."""
    name = ".".join(path)
    if (
        not path
        or split_dotted_key(name) != path
        or "\n" in name
        or "\r" in name
        or any(name[i] in "#;" and name[i - 1].isspace() for i in range(1, len(name)))
    ):
        raise CannotFix(f"{describe_path(path)} cannot be written as an INI section name")
    return name


def _value_text(value: Scalar) -> str:
    text = untyped_text(value)
    if "\n" in text or "\r" in text:
        raise CannotFix("a value with line breaks cannot be written on one INI line; set it by hand")
    if text != text.strip():
        raise CannotFix(f"{text!r} has surrounding spaces that an INI reader would drop")
    if any(text[i] in "#;" and text[i - 1].isspace() for i in range(1, len(text))):
        raise CannotFix(f"{text!r} holds ' #' or ' ;', which an INI reader takes for a comment")
    return text


def _apply_within(text: str, start: int, end: int, edits: Sequence[Edit]) -> str:
    """``text[start:end]`` with the edits that fall inside it applied."""
    inside = [Edit(e.start - start, e.end - start, e.replacement) for e in edits if start <= e.start and e.end <= end]
    return apply_edits(text[start:end], inside)


def _reindent(lines: list[str], old: str, new: str) -> list[str]:
    if old == new:
        return lines
    return [new + line[len(old) :] if line.startswith(old) else line for line in lines]
