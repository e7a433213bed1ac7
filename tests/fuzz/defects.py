"""The defects of issue 10 that the fuzz suite still finds, while they are being fixed on other branches.

Each open defect does two things, and removing its entry from :data:`OPEN` undoes both:

- :func:`excluded` is True for it: the generators leave out the input that shows it (or a property
  skips that one check for it), so the general properties stay green and strict for everything else;
- :func:`xfail_while_open` marks the test that aims at it ``xfail(strict=True)``: that test runs the
  same property on exactly such inputs, so it fails (as expected) while the defect is there, and a
  fixed defect turns it into an unexpected pass, which fails the suite until the entry is removed.

After merging the branch that fixes defect N, delete ``N`` from :data:`OPEN`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import pytest


@dataclass(frozen=True)
class Defect:
    number: int | str
    """The defect's number in issue 10, or ``N1``, ``N2``... for one the fuzz suite found (not in the issue)."""
    branch: str | None
    """The branch that fixes it; None for a new defect nobody fixes yet."""
    what: str
    """What the fuzz suite sees, and what it leaves out while the defect is open."""


OPEN: dict[int | str, Defect] = {
    d.number: d
    for d in (
        # found by this suite (docs/reliability.md gives each one's minimal input)
        Defect("N1", None, "YAML: a bad value in a compose list entry NAME=value: the message names no key"),
        Defect("N3", None, "fix: a CRLF file with no final newline, emptied by one pass, gets LF lines from the next"),
    )
}


_ENFORCED: set[int | str] = set()


def excluded(number: int | str) -> bool:
    """True while defect ``number`` is open: leave its inputs out of the general properties."""
    return number in OPEN and number not in _ENFORCED


@contextmanager
def enforcing(*numbers: int | str) -> Iterator[None]:
    """Check the properties in full for these defects, open or not (the tests aimed at them do)."""
    _ENFORCED.update(numbers)
    try:
        yield
    finally:
        _ENFORCED.difference_update(numbers)


def xfail_while_open(number: int | str) -> pytest.MarkDecorator:
    """``xfail(strict=True)`` while defect ``number`` is open; no mark once it is fixed."""
    defect = OPEN.get(number)
    if defect is None:
        return pytest.mark.skipif(False, reason=f"defect {number} is fixed")  # a mark that changes nothing
    if defect.branch is None:
        reason = f"new defect {number} found by the fuzz suite (not in issue 10), not fixed yet"
    elif isinstance(number, str):
        reason = f"new defect {number} found by the fuzz suite (not in issue 10), fixed on branch {defect.branch}"
    else:
        reason = f"issue 10 defect {number}, fixed on branch {defect.branch}"
    return pytest.mark.xfail(strict=True, reason=reason)
