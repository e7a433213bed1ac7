"""Minimal-diff fixes for Java ``.properties`` files, planned on a :class:`PropertiesLayout`.

Properties are flat: every key is written whole on its line, so a rename (even to another
parent, ``spring.redis.host`` -> ``spring.data.redis.host``) rewrites the key in place and nothing
is ever created or left empty.  A change to a key prefix (an implicit occurrence such as
``spring.redis``) applies to every key under it.  Keys and values are escaped as ``Properties.load`` reads them back.
A new key goes after the last line whose key shares the longest prefix of segments with it (else
at the end), with the file's most common separator (``=``, `` = ``, ``:`` ...).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable

from keyshift.core.edits import CannotFix, FixRequest, PlannedFix, describe_path, newline_of
from keyshift.core.model import Edit, Occurrence, ParsedFile, Scalar
from keyshift.core.positions import UNIVERSAL_BREAKS
from keyshift.formats._entries import EntryFixer
from keyshift.formats._lines import delete_or_comment_out, insert_lines, untyped_text
from keyshift.formats.properties.parse import PropertiesEntry, PropertiesLayout, join_key, split_property_key

__all__ = ["escape_key", "escape_value", "plan_fix"]

_CONTROL = {"\t": "\\t", "\n": "\\n", "\r": "\\r", "\f": "\\f", "\\": "\\\\"}


def escape_key(key: str) -> str:
    """A key as written in a ``.properties`` file (separators, blanks and a leading comment mark escaped)."""
    return _escaped(key, lambda i, c: c in "=: " or (i == 0 and c in "#!"))


def escape_value(value: str) -> str:
    """A value as written after the separator (a leading blank, ``=`` or ``:`` escaped)."""
    return _escaped(value, lambda i, c: i == 0 and c in " =:")


def _escaped(text: str, needs_backslash: Callable[[int, str], bool]) -> str:
    """``text`` with control characters escaped and a backslash before ``c`` at ``i`` when ``needs_backslash(i, c)``."""
    out: list[str] = []
    for i, c in enumerate(text):
        if c in _CONTROL:
            out.append(_CONTROL[c])
        elif needs_backslash(i, c):
            out.append("\\" + c)
        elif ord(c) < 0x20 or ord(c) == 0x7F:
            out.append(f"\\u{ord(c):04x}")
        else:
            out.append(c)
    return "".join(out)


def plan_fix(parsed: ParsedFile[PropertiesLayout], request: FixRequest) -> PlannedFix:
    """The edits that make ``request`` in a ``.properties`` file (pure: computed from ``parsed`` alone)."""
    return _PropertiesFixer(parsed.text, parsed.tree.entries).plan(request)


class _PropertiesFixer(EntryFixer[PropertiesEntry]):
    breaks = UNIVERSAL_BREAKS  # a lone CR ends a line for Java, so a fix keeps it one

    def key_text(self, path: tuple[str, ...]) -> str:
        return escape_key(_key_for(path))

    def set_value(self, entry: PropertiesEntry, value: Scalar) -> Edit:
        new = escape_value(untyped_text(value))
        if entry.value_start == entry.value_end and entry.value_start == entry.key_end:
            # a key alone on its line: it needs a separator before the value
            return Edit(entry.key_end, entry.key_end, self.separator() + new if new else "")
        return Edit(entry.value_start, entry.value_end, new)

    def add(self, path: tuple[str, ...], value: Scalar) -> Edit:
        """After the last entry sharing the most leading segments with ``path`` (else at the end)."""
        text = self.text
        new = escape_value(untyped_text(value))
        separator = self.separator()
        line = self.key_text(path) + (separator + new if new else separator.rstrip() or "=")
        nl = newline_of(text)
        best, after = 0, None
        for entry in self.entries:
            shared = 0
            for mine, theirs in zip(path, entry.path, strict=False):
                if mine != theirs:
                    break
                shared += 1
            if shared and shared >= best:
                best, after = shared, entry
        if after is None:
            return insert_lines(text, len(text), [line], nl, breaks=self.breaks)
        indent = text[after.start : after.key_start]
        return insert_lines(text, after.end, [indent + line], nl, breaks=self.breaks)

    def separator(self) -> str:
        """The file's most common separator (``=`` when it has none)."""
        styles = Counter(e.separator for e in self.entries if e.separator)
        return styles.most_common(1)[0][0] if styles else "="

    def prefix_fix(self, occurrence: Occurrence, request: FixRequest) -> PlannedFix:
        """A change to a key prefix (an implicit occurrence, ``spring.redis`` of ``spring.redis.host``).

        It applies to every key under that prefix, as a change to a YAML mapping applies to its
        subtree: a rename rewrites the start of each of those keys, a delete or comment-out takes all
        their lines.
        """
        prefix = occurrence.path
        group = [e for e in self.entries if e.path[: len(prefix)] == prefix and len(e.path) > len(prefix)]
        if not group:
            raise CannotFix(f"no key starts with {occurrence.found}")
        if request.op == "rename" and request.new_path is not None and not request.has_value:
            new_prefix = request.new_path
            return PlannedFix(
                tuple(Edit(e.key_start, e.key_end, self.key_text((*new_prefix, *e.path[len(prefix) :]))) for e in group)
            )
        if request.op in ("delete", "comment-out"):
            return PlannedFix(
                tuple(
                    delete_or_comment_out(self.text, s, e, request.op, request.note, breaks=self.breaks)
                    for s, e in _runs(group)
                )
            )
        raise CannotFix(f"{occurrence.found} is a group of keys, not a value")


def _runs(entries: list[PropertiesEntry]) -> list[tuple[int, int]]:
    """The line ranges of entries, adjacent ones joined."""
    runs: list[tuple[int, int]] = []
    for entry in entries:
        if runs and runs[-1][1] == entry.start:
            runs[-1] = (runs[-1][0], entry.end)
        else:
            runs.append((entry.start, entry.end))
    return runs


def _key_for(path: tuple[str, ...]) -> str:
    key = join_key(path)
    if not path or split_property_key(key) != path:
        raise CannotFix(f"{describe_path(path)} cannot be written as a .properties key")
    return key
