"""The case of every fixer test: a text and one fix request -> the exact text the fixer writes, or its refusal.

A fixer test module keeps only its tables of ``FixCase`` rows; finding the occurrence a case names,
building the request and running the fixer are here, and each format's check of the re-parsed output
is in ``tests/fix/reparse.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from keyshift.core.edits import CannotFix, FixOp, FixRequest, PlannedFix, apply_edits
from keyshift.core.model import Occurrence, OccurrenceForm, ParsedFile, Scalar

Path = tuple[str, ...]
Parse = Callable[[str], ParsedFile[Any]]
PlanFix = Callable[[ParsedFile[Any], FixRequest], PlannedFix]


@dataclass(frozen=True)
class FixCase:
    """One row of a fixer table: a text, a request (``op``, the occurrence ``key`` names, and the other
    ``FixRequest`` fields) and what must come of it (``expected``, ``creates``)."""

    name: str
    text: str
    op: FixOp
    key: Path | str | None
    """The occurrence to fix: its path, or its spelling as found (a variable name, a text token); None to add."""
    expected: str
    """The exact text the fixer writes; in a table of refusals, words that the refusal's reason holds."""
    new_path: Path | None = None
    value: Scalar = None
    has_value: bool = False
    note: str | None = None
    remove_empty_parents: bool = False
    creates: frozenset[Path] = frozenset()
    """The new parents the plan says it creates."""
    document: int = 0
    nth: int = 0
    """Which of the occurrences ``key`` names (explicit ones first, then implicit ones; -1 is the last)."""
    form: OccurrenceForm | None = None
    """Only occurrences of this form (a variable set, a reference, a text token); None: any."""


@dataclass(frozen=True)
class Fixed:
    """What a fixer did with a case: the parse it planned on, the occurrence, the plan and the new text."""

    before: ParsedFile[Any]
    occurrence: Occurrence | None
    plan: PlannedFix
    output: str
    parse: Parse

    @property
    def key_path(self) -> Path | None:
        """The path of the occurrence fixed (None for an add)."""
        return None if self.occurrence is None else self.occurrence.path

    def after(self) -> ParsedFile[Any]:
        """The new text, parsed again the same way."""
        return self.parse(self.output)


def find_occurrence(
    parsed: ParsedFile[Any], key: Path | str, nth: int = 0, document: int = 0, form: OccurrenceForm | None = None
) -> Occurrence:
    """The ``nth`` occurrence named by ``key`` (a path, or a spelling as found), explicit ones first."""
    named = [
        o
        for o in parsed.documents[document].occurrences
        if (o.found == key if isinstance(key, str) else o.path == key) and form in (None, o.form)
    ]
    ordered = sorted(named, key=lambda o: o.implicit)
    assert -len(ordered) <= nth < len(ordered), f"no occurrence {nth} of {key} in document {document}"
    return ordered[nth]


def fix_request(parsed: ParsedFile[Any], case: FixCase) -> FixRequest:
    """The request a case asks for, for the occurrence it names in ``parsed``."""
    occurrence = None
    if case.key is not None:
        occurrence = find_occurrence(parsed, case.key, case.nth, case.document, case.form)
    return FixRequest(
        case.op,
        case.document,
        occurrence,
        new_path=case.new_path,
        value=case.value,
        has_value=case.has_value,
        note=case.note,
        remove_empty_parents=case.remove_empty_parents,
    )


def run_fix(case: FixCase, parse: Parse, plan_fix: PlanFix) -> Fixed:
    """Parse the case's text, plan its request and apply the plan."""
    parsed = parse(case.text)
    request = fix_request(parsed, case)
    plan = plan_fix(parsed, request)
    return Fixed(parsed, request.occurrence, plan, apply_edits(case.text, plan.edits), parse)


def check_fix(case: FixCase, parse: Parse, plan_fix: PlanFix, reparsed: Callable[[Fixed, FixCase], None]) -> None:
    """The fixer writes exactly the expected text and creates the expected parents, and the new text,
    parsed again, holds the change the case asks for (``reparsed``, one check per format)."""
    fixed = run_fix(case, parse, plan_fix)
    assert fixed.output == case.expected
    assert fixed.plan.creates == case.creates
    reparsed(fixed, case)


def refusal(case: FixCase, parse: Parse, plan_fix: PlanFix) -> str:
    """The reason the fixer gives for refusing the case (the test fails if it does not refuse)."""
    with pytest.raises(CannotFix) as refused:
        run_fix(case, parse, plan_fix)
    return str(refused.value)


def scalar_values(parsed: ParsedFile[Any], document: int = 0) -> dict[Path, Scalar]:
    """Every explicit scalar of a document by its path (a later duplicate wins)."""
    return {
        o.path: o.value for o in parsed.documents[document].occurrences if not o.implicit and o.value_kind == "scalar"
    }
