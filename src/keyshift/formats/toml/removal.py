"""Taking lines out of a TOML text: deleting or commenting out entries and whole tables, and the
``[header]`` sections a removal or a move leaves with nothing in them."""

from __future__ import annotations

from collections.abc import Sequence

from keyshift.core.edits import CannotFix, FixRequest, describe_path, line_end
from keyshift.core.model import Edit
from keyshift.formats._lines import leading_blanks, removal_range
from keyshift.formats.toml.layout import TomlEntry, TomlTable
from keyshift.formats.toml.plan import Plan
from keyshift.formats.toml.view import Path, Range, TomlView, is_index, kept, line_range, line_starts, merge_ranges

__all__ = ["commented", "removal_edits", "remove_entry", "remove_table", "vanishing"]


def remove_entry(view: TomlView, entry: TomlEntry, request: FixRequest, plan: Plan) -> None:
    """Delete or comment out a ``key = value`` entry (with, on request, the parents it empties)."""
    if entry.inline or entry.line_span is None:
        raise CannotFix(f"{describe_path(entry.path)} is inside an inline table; edit it by hand")
    start, end = line_range(entry)
    if request.op == "comment-out":
        plan.edits.append(Edit(start, end, commented(view, [(start, end)], request.note)[0]))
        return
    removed: list[Range] = [(start, line_end(view.text, end))]
    if request.remove_empty_parents:
        removed += vanishing(view, entry.path[:-1], entry.path, None, removed, plan, entry_left=True)
    plan.edits.extend(removal_edits(view, removed))


def remove_table(view: TomlView, path: Path, request: FixRequest, plan: Plan) -> None:
    """Delete or comment out every statement that defines the table ``path``."""
    if is_index(path[-1]) and (*path[:-1], f"[{int(path[-1][1:-1]) + 1}]") in view.paths:
        # the elements after it would change their numbers
        raise CannotFix(f"{describe_path(path)} is not the last element of its array; edit it by hand")
    blocks = _table_blocks(view, path)
    if request.op == "comment-out":
        texts = commented(view, blocks, request.note)
        plan.edits.extend(Edit(s, e, t) for (s, e), t in zip(blocks, texts, strict=True))
        return
    removed: list[Range] = [(s, line_end(view.text, e)) for s, e in blocks]
    if request.remove_empty_parents:
        removed += vanishing(view, path[:-1], path, None, removed, plan, entry_left=False)
    plan.edits.extend(removal_edits(view, removed))


def _table_blocks(view: TomlView, path: Path) -> list[Range]:
    """The statement lines that define the table ``path``: its headers' sections (header line to
    last entry line) and the dotted keys spelling it in other tables."""
    through = view.spelled_through(path)
    if any(e.inline for e in through):
        raise CannotFix(f"{describe_path(path)} is inside an inline table; edit it by hand")
    blocks = [(t.line_span.start.offset, t.body_span.end.offset) for t in view.headers_under(path)]
    blocks += [line_range(e) for e in through]
    if not blocks:
        raise CannotFix(f"{describe_path(path)} is not a table in this file")
    return sorted(blocks)


def commented(view: TomlView, blocks: Sequence[Range], note: str | None) -> list[str]:
    """Each block's lines as comments at their own indentation; the note goes before the first."""
    out: list[str] = []
    for number, (start, end) in enumerate(blocks):
        lines = _commented_lines(view, start, end)
        if number == 0 and note:
            first_indent = leading_blanks(view.line_text(start))
            lines[:0] = [f"{first_indent}# {part}".rstrip() for part in note.splitlines() or [""]]
        out.append(view.nl.join(lines))
    return out


def _commented_lines(view: TomlView, start: int, end: int) -> list[str]:
    """The lines of ``[start, end]`` as comments; a multi-line value keeps its statement's indentation."""
    lines: list[str] = []
    statement_indent = ""
    for position in line_starts(view.text, start, end + 1):
        line = view.line_text(position)
        kind = view.line_kind(position)
        if kind == "blank":
            lines.append(line)
            continue
        if kind == "comment" or position in view.statement_start_set:
            statement_indent = leading_blanks(line)
        indent = statement_indent if line.startswith(statement_indent) else ""
        rest = line[len(indent) :]
        lines.append(f"{indent}# {rest}" if rest.strip() else f"{indent}#")
    return lines


def removal_edits(view: TomlView, ranges: Sequence[Range]) -> list[Edit]:
    """Delete whole lines; drop one of two blank lines the deletion would leave side by side,
    and keep a missing final newline missing."""
    text = view.text
    merged: list[Range] = []
    for start, end in merge_ranges(ranges):
        if merged and not text[merged[-1][1] : start].strip():
            start = merged.pop()[0]  # only blank lines between: they go too
        merged.append((start, end))
    out: list[Range] = []
    for start, end in merged:
        prev = view.prev_line(start)
        prev_blank = prev is not None and view.line_kind(prev) == "blank"
        next_blank = end < len(text) and view.line_kind(end) == "blank"
        if prev is not None and prev_blank and (next_blank or end >= len(text)):
            start = prev
        elif prev is None and next_blank:
            end = line_end(text, end)
        out.append(removal_range(text, start, end))
    return [Edit(s, e, "") for s, e in merge_ranges(out)]


def vanishing(
    view: TomlView,
    parent: Path,
    leaving: Path,
    target: Path | None,
    removed: Sequence[Range],
    plan: Plan,
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
        table = view.header(path)
        if table is None or table.kind != "table":
            break
        if not lenient and target is not None and target[: len(path)] == path:
            break
        empty, subtables = _empty_after(view, table, leaving, [*removed, *out])
        if not empty or (subtables and not lenient):
            break
        out.append((table.line_span.start.offset, line_end(view.text, table.body_span.end.offset)))
        plan.removed_tables.add(path)
        if subtables or (target is not None and target[: len(path)] == path):
            break
        path, lenient = path[:-1], False
    return out


def _empty_after(view: TomlView, table: TomlTable, leaving: Path, removed: Sequence[Range]) -> tuple[bool, bool]:
    """Whether the table's section is left without keys and comments, and whether sub-tables
    other than ``leaving`` remain."""
    text = view.text
    header_start = table.line_span.start.offset
    if text[table.header_span.end.offset : table.line_span.end.offset].strip():
        return False, False  # a comment after the header
    if view.own_comments_start(header_start) != header_start:
        return False, False
    n = len(leaving)
    for entry in view.table_entries(table.path):
        if entry.path[:n] != leaving and kept(line_range(entry)[0], removed):
            return False, False
    if _comment_left(view, table, removed):
        return False, False
    subtables = any(
        other is not table and other.path[:n] != leaving and kept(other.line_span.start.offset, removed)
        for other in view.headers_under(table.path)
    )
    return True, subtables


def _comment_left(view: TomlView, table: TomlTable, removed: Sequence[Range]) -> bool:
    """Whether a comment line of the table's section stays (those of the next header do not count)."""
    text = view.text
    end = table.section_span.end.offset
    if end < len(text):
        end = view.own_comments_start(end)
    position = line_end(text, table.line_span.end.offset)
    while position < end:
        if view.line_kind(position) == "comment" and kept(position, removed):
            return True
        position = line_end(text, position)
    return False
