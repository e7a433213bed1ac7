"""What a fix must keep: the file still parses, every key no rule names keeps its value, every comment and
the line endings, the BOM and the final newline stay, and a second fix changes nothing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

from fuzz import defects
from fuzz.keys import Rules
from fuzz.trees import MARK
from keyshift.core.model import ConfigSyntaxError
from keyshift.formats import TEXT_FORMAT, detect_format, get_parser

Entry = tuple[int, str, tuple[str, ...], Any]


def format_of(name: str) -> str:
    return detect_format(name) or TEXT_FORMAT


def entries(format_name: str, text: str) -> Counter[Entry] | None:
    """The scalar keys of ``text`` as its format reads them (None when it does not parse)."""
    try:
        parsed = get_parser(format_name)(text)
    except ConfigSyntaxError:
        return None
    found: Counter[Entry] = Counter()
    for document in parsed.documents:
        for o in document.occurrences:
            if not o.implicit and o.value_kind == "scalar":
                found[(document.index, o.form, o.path, _comparable(o.value))] += 1
    return found


def _comparable(value: Any) -> Any:
    # NaN never equals itself; compare floats by their text
    return ("float", repr(value)) if isinstance(value, float) else value


def assert_reparses(name: str, before: str, after: str) -> None:
    """The fixed text still parses in its format, if the text did before."""
    format_name = format_of(name)
    if entries(format_name, before) is not None:
        assert entries(format_name, after) is not None, f"the fixed {name} no longer parses as {format_name}:\n{after}"


def assert_other_keys_kept(name: str, before: str, after: str, rules: Rules) -> None:
    """Every key of ``before`` that no rule names (nor is an environment name of one) keeps its value."""
    format_name = format_of(name)
    old, new = entries(format_name, before), entries(format_name, after)
    if old is None or new is None:
        return  # a file that does not parse is not fixed by its own format; assert_reparses covers the rest
    kept_old = Counter({e: n for e, n in old.items() if not rules.touches(e[2], e[3])})
    kept_new = Counter({e: n for e, n in new.items() if not rules.touches(e[2], e[3])})
    assert kept_old == kept_new, (
        f"a key no rule names changed: lost {dict(kept_old - kept_new)}, gained {dict(kept_new - kept_old)}"
    )


def removed_parents(name: str, before: str, after: str, rules: Rules) -> list[int]:
    """The lines (in ``before``) of the parents of rule keys that are gone from ``after``: a move or a
    deletion removes a parent it leaves empty, and that parent's own comment with it."""
    format_name = format_of(name)
    try:
        old, new = get_parser(format_name)(before), get_parser(format_name)(after)
    except ConfigSyntaxError:
        return []
    remaining = {(d.index, o.path) for d in new.documents for o in d.occurrences}
    return [
        o.key_span.start.line
        for d in old.documents
        for o in d.occurrences
        if o.value_kind != "scalar" and rules.holds_rule_key(o.path) and (d.index, o.path) not in remaining
    ]


def assert_layout_kept(before: bytes, after: bytes, deleted: Sequence[int] = ()) -> None:
    """Comments (by their marks), line endings, the BOM and a missing final newline survive a fix.

    ``deleted``: the lines (1-based, in ``before``) of entries a fix deleted; their own comments go with
    them: the comment after the entry, the comment lines right above it, and comments in its block."""
    old_text = before.decode("utf-8", "surrogatepass").removeprefix("\ufeff")
    new_text = after.decode("utf-8", "surrogatepass").removeprefix("\ufeff")
    lost = Counter(MARK.findall(old_text)) - Counter(MARK.findall(new_text))
    allowed = set(MARK.findall("\n".join(_entry_lines(old_text.split("\n"), deleted))))
    assert not set(lost) - allowed, f"comments lost: {sorted(set(lost) - allowed)}"
    assert after.startswith(b"\xef\xbb\xbf") == before.startswith(b"\xef\xbb\xbf"), "the BOM changed"
    crlf, lf = old_text.count("\r\n"), old_text.count("\n")
    new_crlf, new_lf = new_text.count("\r\n"), new_text.count("\n")
    # defect N3: a CRLF file with no final newline, emptied by one pass, gets LF lines from the next
    if lf and crlf == lf and not (defects.excluded("N3") and not old_text.endswith("\n")):
        assert new_crlf == new_lf, "a CRLF file got LF line endings"
    if crlf == 0:
        assert new_crlf == 0, "an LF file got CRLF line endings"
    same_end = new_text.endswith("\n") == old_text.endswith("\n")
    assert same_end or not old_text or not new_text, "the final newline changed"


def _entry_lines(lines: list[str], deleted: Sequence[int]) -> list[str]:
    """The lines a deleted entry owns: its comment lines above it, its own line, and its block below."""
    owned: list[str] = []
    for number in deleted:
        first = number - 1
        while first > 0 and lines[first - 1].lstrip().startswith(COMMENT_STARTS):
            first -= 1
        last = number
        if _header(lines[number - 1]):  # an INI section or TOML table: up to the next one
            while last < len(lines) and not _header(lines[last]):
                last += 1
        depth = len(lines[number - 1]) - len(lines[number - 1].lstrip())
        while last < len(lines) and (not lines[last].strip() or len(lines[last]) - len(lines[last].lstrip()) > depth):
            last += 1
        owned += lines[first:last]
    return owned


def _header(line: str) -> bool:
    return line.strip().startswith("[")


COMMENT_STARTS = ("#", ";", "!", "//", "/*")
