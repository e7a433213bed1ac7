"""Taking a block or flow entry out of the text, and then the parents it leaves empty (or marking
them ``{}`` so they stay mappings)."""

from __future__ import annotations

from keyshift.core.edits import CannotFix, describe_path, line_end, line_start
from keyshift.core.model import Edit
from keyshift.formats.yaml.edit_index import EditIndex, Entry


def require_block_line(doc: EditIndex, entry: Entry, action: str) -> None:
    """A block entry can be cut out by whole lines (or is the first key after a ``- ``)."""
    compact_ok = action in ("move", "delete") and doc.compact_first(entry)
    if not doc.starts_line(entry) and not compact_ok:
        raise CannotFix(f"cannot {action} {describe_path(entry.path)}: it shares its line with other text")
    if action == "move" and doc.keeps_trailing_lines(entry.parent, entry.index, entry.value):
        raise CannotFix(
            f"cannot {action} {describe_path(entry.path)}: it ends with a block scalar that keeps trailing lines"
        )


def _empty_mapping_edit(doc: EditIndex, holder: Entry) -> Edit:
    """Write ``{}`` as the value of ``holder`` (after its anchor or tag) so it stays a mapping."""
    text = doc.text
    pos = doc.key_range(holder)[1]
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    if pos < len(text) and text[pos] == ":":
        pos += 1
    end = pos
    while True:
        while pos < len(text) and text[pos] in " \t":
            pos += 1
        if pos >= len(text) or text[pos] not in "&!":
            break
        while pos < len(text) and text[pos] not in " \t\r\n":
            pos += 1
        end = pos
    return Edit(end, end, " {}")


def _flow_removal(doc: EditIndex, entry: Entry) -> Edit:
    """Remove an entry of a flow mapping with the comma on one side of it."""
    parent = entry.parent
    assert parent.id == "mapping"
    key_start = doc.key_range(entry)[0]
    value_end = doc.value_range(entry)[1]
    if len(parent.value) == 1:
        start, end = key_start, value_end
    elif entry.index < len(parent.value) - 1:
        start, end = key_start, doc.ranges.key_range(parent, entry.index + 1)[0]
    else:
        prev_value = parent.value[entry.index - 1][1]
        start = doc.ranges.value_range(parent, entry.index - 1, prev_value)[1]
        end = value_end
    # the key and value are tokens; a comment can only sit in the separators around them
    if "#" in doc.text[start:key_start] + doc.text[value_end:end]:
        raise CannotFix(f"cannot remove {describe_path(entry.path)} cleanly: comments inside the flow mapping")
    return Edit(start, end, "")


def remove_entry(doc: EditIndex, entry: Entry, start: int, remove_empty: bool, protected: frozenset[int]) -> list[Edit]:
    """Remove an entry from ``start``; then the parents it leaves empty, or mark them ``{}``.

    Parents are removed only with ``remove_empty``, when they hold nothing else (not even a
    comment) and no alias refers to them; the document root and sequence elements are never
    left empty: the last parent above them stays, as ``{}``.
    """
    edits = [_flow_removal(doc, entry) if entry.in_flow else Edit(start, doc.cut_end(entry), "")]
    current = entry
    # the edits before ``current`` was taken out whole, to fall back on
    previous: list[Edit] | None = None
    while True:
        parent = current.parent
        if len(parent.value) > 1 or id(parent) in protected:
            return edits
        holder = current.chain[-1] if current.chain else None
        if holder is None or holder.key is None:
            if previous is None:
                where = "the document" if holder is None else "a sequence element"
                raise CannotFix(f"removing {describe_path(entry.path)} would leave {where} empty")
            return previous + _mark_empty(doc, current)
        if remove_empty and id(parent) not in doc.referenced and _holds_only(doc, holder, edits[0]):
            if holder.in_flow:
                previous, edits = edits, [_flow_removal(doc, holder)]
            elif doc.starts_line(holder):
                start = line_start(doc.text, doc.key_range(holder)[0])
                previous, edits = edits, [Edit(start, doc.block_end(holder), "")]
            else:
                return edits + _mark_empty(doc, holder)
            current = holder
            continue
        return edits + _mark_empty(doc, holder)


def _mark_empty(doc: EditIndex, holder: Entry) -> list[Edit]:
    """``{}`` for a block mapping value that loses its last entry (a flow one keeps its braces)."""
    if getattr(holder.value, "flow_style", False):
        return []
    return [_empty_mapping_edit(doc, holder)]


def _holds_only(doc: EditIndex, holder: Entry, removed: Edit) -> bool:
    """Whether the value of ``holder`` holds nothing (no comment either) but the removed text.

    Comment lines right after the value, indented deeper than ``holder``'s key, count as inside.
    """
    text = doc.text
    value_start, value_end = doc.value_range(holder)
    if getattr(holder.value, "flow_style", False):
        start, end = value_start, value_end
    else:
        start, end = line_end(text, doc.key_range(holder)[1]), line_end(text, value_end)
    rest = text[start : removed.start] + text[removed.end : end]
    if rest.strip(" \t\r\n{}"):
        return False
    column = doc.column(doc.key_range(holder)[0])
    pos = line_end(text, value_end)
    while pos < len(text):
        line = text[pos : line_end(text, pos)]
        stripped = line.lstrip(" ")
        if stripped.startswith("#") and len(line) - len(stripped) > column:
            return False
        if stripped.strip():
            break
        pos += len(line)
    return True
