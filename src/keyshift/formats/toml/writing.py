"""Writing new lines into a TOML text: key spellings that follow the file, the text of a new
``[header]``, a moved entry's lines re-keyed and re-indented, and the edit that inserts them at a
:class:`~keyshift.formats.toml.destination.Destination`."""

from __future__ import annotations

from collections.abc import Sequence

from keyshift.core.model import Edit
from keyshift.formats.toml.destination import Destination
from keyshift.formats.toml.layout import KeySegment, TomlEntry
from keyshift.formats.toml.render import key_text
from keyshift.formats.toml.view import Path, TomlView, common_prefix_length, is_index, line_range, line_starts

__all__ = ["header_text", "insertion", "moved_text", "spelled_key"]


def spelled_key(rel: Path, likes: Sequence[TomlEntry], moved: TomlEntry | None) -> str:
    """The dotted key for ``rel``: a like entry's spelling where its segments name the same
    tables, the moved entry's quoting for the last segment, else bare or basic-quoted."""
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
            raw = last.raw if last.name == name else key_text(name, last.raw)
        out.append(raw if raw is not None else key_text(name, '"'))
    return ".".join(out)


def header_text(view: TomlView, path: Path) -> str:
    """``path`` as a header key, reusing the spelling of the header sharing most of it."""
    best: tuple[KeySegment, ...] = ()
    for table in view.layout.tables:
        if any(is_index(s) for s in table.path):
            continue
        common = common_prefix_length(path, table.path)
        if common > len(best):
            best = table.segments[:common]
    return ".".join(best[j].raw if j < len(best) else key_text(name, '"') for j, name in enumerate(path))


def moved_text(view: TomlView, entry: TomlEntry, dest: Destination, new_path: Path, value: str | None) -> str:
    """The entry's own comment lines and lines as they are written at ``dest`` (key relative to
    it, re-indented); ``value`` replaces the value text when given."""
    text = view.text
    start, end = line_range(entry)
    comments = [view.line_text(p) for p in line_starts(text, view.own_comments_start(start), start)]
    key_end = entry.key_span.end.offset
    old_indent = text[start : entry.key_span.start.offset]
    value_start, value_end = entry.value_span.start.offset, entry.value_span.end.offset
    rest = text[key_end:end] if value is None else text[key_end:value_start] + value + text[value_end:end]
    key = spelled_key(new_path[len(dest.table) :], dest.likes, entry)
    lines = (dest.indent + key + rest).split("\n")
    raw_value = text[value_start:value_end]
    if dest.indent != old_indent and '"""' not in raw_value and "'''" not in raw_value:
        lines = lines[:1] + [
            dest.indent + line[len(old_indent) :] if line.startswith(old_indent) else line for line in lines[1:]
        ]
    return view.nl.join([dest.indent + c.lstrip(" \t") for c in comments] + ["\n".join(lines)])


def insertion(view: TomlView, dest: Destination, body: str) -> Edit:
    """The edit writing ``body`` (with the destination's new header, if any) at ``dest``."""
    nl = view.nl
    text = view.text
    block = body
    if dest.header is not None:
        block = f"{dest.header_indent}[{header_text(view, dest.header)}]{nl}{body}"
    blank = nl if dest.header is not None and view.blank_before_header and dest.separate else ""
    if dest.where == "after":
        return Edit(dest.offset, dest.offset, nl + blank + block)
    if not text:
        return Edit(0, 0, block + nl)
    if dest.where == "top":
        separator = nl if view.blank_before_header and view.line_kind(0) != "blank" else ""
        return Edit(0, 0, block + nl + separator)
    if text.endswith("\n"):
        return Edit(len(text), len(text), blank + block + nl)
    return Edit(len(text), len(text), nl + blank + block)
