"""OriginMap: offsets of a text several passes of edits old, mapped back to the file as it was."""

from __future__ import annotations

import pytest

from keyshift.core.edits import apply_edits
from keyshift.core.model import Edit
from keyshift.core.positions import LineIndex
from keyshift.fix.origin import OriginMap

ORIGINAL = "a:\n  old: 1\n  gone: 2\n  keep: 3\n"
#           0123 456789012 34567890123 4567890123
OLD, GONE, KEEP = ORIGINAL.index("old"), ORIGINAL.index("gone"), ORIGINAL.index("keep")

# one pass: rename old -> renamed (longer), comment gone out (a note line before it), nothing at keep
PASS_ONE = [
    (Edit(OLD, OLD + 3, "renamed"), (OLD, OLD + 3)),
    (Edit(GONE - 2, GONE - 2, "  # note\n"), (GONE, GONE + 4)),
    (Edit(GONE, GONE, "# "), (GONE, GONE + 4)),
]


def _after(edits: list[tuple[Edit, tuple[int, int]]], text: str = ORIGINAL) -> str:
    return apply_edits(text, [edit for edit, _ in edits])


@pytest.mark.parametrize(
    ("word", "occurrence", "expected"),
    [
        ("a:", 0, (0, 2)),  # before every edit: as it was
        ("renamed", 0, (OLD, OLD + 3)),  # written by a fix: the place of that fix's finding
        ("# note", 0, (GONE, GONE + 4)),
        ("gone", 0, (GONE, GONE + 4)),  # after an insertion at its start: shifted back exactly
        ("keep", 0, (KEEP, KEEP + 4)),  # after every edit: shifted back by their total length
        ("3\n", 0, (KEEP + 6, KEEP + 8)),
    ],
)
def test_one_pass_maps_untouched_text_exactly_and_written_text_to_its_fix(
    word: str, occurrence: int, expected: tuple[int, int]
) -> None:
    origin = OriginMap(LineIndex(ORIGINAL)).then(PASS_ONE)
    text = _after(PASS_ONE)
    start = text.index(word)
    assert origin.offsets(start, start + len(word)) == expected


def test_two_passes_compose() -> None:
    first = OriginMap(LineIndex(ORIGINAL)).then(PASS_ONE)
    middle = _after(PASS_ONE)
    keep = middle.index("keep")
    # the second pass deletes the renamed line and rewrites keep's value
    line = middle.index("  renamed")
    second_edits = [
        (Edit(line, middle.index("\n", line) + 1, ""), first.offsets(line + 2, line + 9)),
        (Edit(keep + 6, keep + 7, "30"), first.offsets(keep, keep + 4)),
    ]
    second = first.then(second_edits)
    final = _after(second_edits, middle)
    assert final == "a:\n  # note\n  # gone: 2\n  keep: 30\n"
    assert second.offsets(final.index("keep"), final.index("keep") + 4) == (KEEP, KEEP + 4)
    assert second.offsets(final.index("30"), final.index("30") + 2) == (KEEP, KEEP + 4)
    assert second.offsets(final.index("# gone"), final.index("# gone") + 2) == (GONE, GONE + 4)


def test_a_finding_is_moved_to_its_original_line_and_column() -> None:
    from keyshift.core.model import Finding

    origin = OriginMap(LineIndex(ORIGINAL)).then(PASS_ONE)
    text = _after(PASS_ONE)
    index = LineIndex(text)
    keep = index.position(text.index("keep"))
    finding = Finding(
        "f.yaml", keep.line, keep.column, keep.line, keep.column + 4, "KS103", "deprecated", "warning", "m"
    )
    moved = origin.finding(finding, index)
    assert (finding.line, moved.line, moved.column, moved.end_line, moved.end_column) == (5, 4, 3, 4, 7)
