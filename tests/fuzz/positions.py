"""Where a reported position must be: inside the file, on the text of the key (or value) it names.

Lines are keyshift's: they end at ``\\n`` (a ``\\r`` before it belongs to the line ending), columns count
characters from 1, and the BOM is not part of the text.  The text under a finding's span, unquoted and
unescaped, must be a run of the key's segments as written (``name``, ``legacy.port``, ``"app"`` of a
chained lookup, ``APP_OLD_NAME``), or for a value finding the value the message names.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

KEY_KINDS = ("removed", "renamed", "deprecated", "too-new")
VALUE_KINDS = ("bad-value", "mismatch")


def lines_of(text: str) -> list[str]:
    """keyshift's lines of ``text``, without their endings (the last one may be empty): a line ends at
    ``\\n`` or ``\\r\\n``, and nothing else ends one (a lone ``\\r`` is a character of its line)."""
    *ended, last = text.split("\n")
    return [*(line.removesuffix("\r") for line in ended), last]


def span_text(lines: Sequence[str], start: tuple[int, int], end: tuple[int, int]) -> str:
    (line, column), (end_line, end_column) = start, end
    if line == end_line:
        return lines[line - 1][column - 1 : end_column - 1]
    middle = lines[line : end_line - 1]
    return "\n".join([lines[line - 1][column - 1 :], *middle, lines[end_line - 1][: end_column - 1]])


def assert_inside(lines: Sequence[str], line: int, column: int, what: str) -> None:
    assert 1 <= line <= len(lines), f"{what}: line {line} of a file of {len(lines)} lines"
    assert 1 <= column <= len(lines[line - 1]) + 1, f"{what}: column {column} of line {line} {lines[line - 1]!r}"


_PYTHON_STRING = re.compile(r"([rRbBuUfF]{0,2})(\"\"\"|'''|\"|')(.*)\2", re.S)


def unquote(text: str) -> str:
    """A key or value as written, without its quotes and escapes (JSON, YAML, TOML, .properties, Python)."""
    text = re.sub(r"\\\r?\n[ \t\f]*", "", text).lstrip()  # a .properties continuation joins two lines
    text = re.sub(r"(?<!\\)\s+$", "", text)  # an escaped blank at the end is part of the value
    python = _PYTHON_STRING.fullmatch(text)  # r'...', b"...", a triple-quoted string
    if python and (python[1] or len(python[2]) == 3):
        return unquote('"' + python[3] + '"')
    for left, right in (('"', '"'), ("'", "'"), ("${", "}"), ("$", "")):
        if len(text) >= len(left) + len(right) and text.startswith(left) and text.endswith(right):
            text = text[len(left) : len(text) - len(right)]
            break
    if "\\" in text:
        try:
            decoded = json.loads(f'"{text}"')
            return str(decoded)
        except ValueError:
            return re.sub(r"\\u([0-9a-fA-F]{4})|\\(.)", lambda m: chr(int(m[1], 16)) if m[1] else m[2], text)
    return text


def segment_runs(found: str) -> set[tuple[str, ...]]:
    """Every run of consecutive segments of a key: ``a.b[0].c`` gives ``(a,)``, ``(b, [0])``, ..."""
    parts = _segments(found)
    return {tuple(parts[i:j]) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1)}


def _segments(key: str) -> list[str]:
    """A key's segments as written, unquoted: ``"app".db."a.b"[0]`` gives ``app``, ``db``, ``a.b``, ``[0]``."""
    parts = re.findall(r'"(?:[^"\\]|\\.)*"|\'[^\']*\'|\[[^\]]*\]|[^.\["\']+', key)
    return [unquote(p) if p[:1] in "\"'" else p for p in parts]


def assert_finding_position(lines: Sequence[str], finding: Mapping[str, Any]) -> None:
    what = f"{finding['code']} {finding.get('found') or finding.get('key')} at {finding['line']}:{finding['column']}"
    start, end = (finding["line"], finding["column"]), (finding["end_line"], finding["end_column"])
    assert_inside(lines, *start, what)
    assert start <= end, f"{what}: ends before it starts"
    if finding["kind"] == "parse-error":
        # the parser's place, as a one-character span: at the end of the text it ends one column further
        assert end == (start[0], start[1] + 1), f"{what}: ends at {end}"
        return
    assert_inside(lines, *end, what)
    under = span_text(lines, start, end)
    kind = finding["kind"]
    if kind in KEY_KINDS:
        found = finding["found"] or ""
        assert _spells(under.strip(), found) or _spells(unquote(under), found), f"{what}: points at {under!r}"
    elif kind in VALUE_KINDS:
        assert _points_at_value(under, finding["message"]), f"{what}: points at {under!r}: {finding['message']!r}"
    elif kind == "missing":
        key = finding["key"] or ""
        parents = segment_runs(key.rsplit(".", 1)[0]) if "." in key else set()
        written = tuple(_segments(unquote(under)))
        # at its nearest parent, or at the start of its document (1:1, or a ``---`` line)
        at_start = start == (1, 1) or (start == end and start[1] == 1)
        near = at_start or any(written[: len(p)] == p for p in parents)
        assert near, f"{what}: points at {under!r}"


def _spells(written: str, found: str) -> bool:
    """``written`` (a key's text) spells part of ``found``: a run of its segments (``name`` of
    ``app.old.name``, ``"app"`` of a chained lookup), a dotted key that starts with the key's last
    segments (``name.x`` under ``app.old``) or holds all of it (``environment.APP_OLD_NAME``), or a compose
    list entry ``NAME=value`` (a rename rewrites that whole string)."""
    if not found:
        return False
    ours, theirs = tuple(_segments(written)), tuple(_segments(found))
    if ours in segment_runs(found) or theirs in segment_runs(written) or written.startswith(found + "="):
        return True
    return any(ours[:k] == theirs[-k:] for k in range(1, min(len(ours), len(theirs)) + 1))


def _points_at_value(under: str, message: str) -> bool:
    shown = _value_in_message(message)
    if not shown:  # "found a mapping", "an integer of 5,000 digits": the span covers the whole of it
        return bool(under.strip())
    return _flat(unquote(under)) in shown or (not under and bool(shown & {'""', "''"}))


def _value_in_message(message: str) -> set[str]:
    """The spellings of the found value a bad-value or mismatch message names."""
    match = re.search(r"^value (.*) of \S+ (?:was removed|is deprecated)", message, re.S) or re.search(
        r"; found (.*)$", message, re.S
    )
    assert match, f"no value in {message!r}"
    shown = match[1]
    if shown in ("a sequence", "a mapping") or re.fullmatch(r"an integer of [0-9,]+ digits", shown):
        return set()  # too large to show: the span covers the whole of it
    return {_flat(shown), _flat(unquote(shown))}


def _flat(text: str) -> str:
    """Case and runs of blanks aside (an INI continuation line is one value, joined by a newline)."""
    return re.sub(r"\s+", " ", text).strip().lower()


def assert_positions(text: str, findings: Iterable[Mapping[str, Any]]) -> None:
    lines = lines_of(text)
    for finding in findings:
        assert_finding_position(lines, finding)


def assert_fix_positions(text: str, fixes: Iterable[Mapping[str, Any]], findings: Iterable[Mapping[str, Any]]) -> None:
    """Each fix outcome, ``fixed`` or ``not fixed``, is at the place of a finding ``check`` reported in
    ``text``, the file as it was: its own, or for a finding only an earlier pass's fix brought in, that
    fix's.  A missing key (KS201) is only asked to be inside the file: its place is its nearest parent,
    which a fix may move or remove."""
    places = {(f["line"], f["column"]) for f in findings}
    lines = lines_of(text)
    for outcome in fixes:
        place = (outcome["line"], outcome["column"])
        what = f"{'fixed' if outcome['applied'] else 'not fixed'} {outcome['code']} {outcome['key']} at {place}"
        assert_inside(lines, *place, what)
        if outcome["code"] != MISSING:
            assert place in places, f"{what}: check reported nothing there (it did at {sorted(places)})"


MISSING = "KS201"
