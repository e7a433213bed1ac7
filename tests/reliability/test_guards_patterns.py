"""Issue 10, defect 5: a value rule ``pattern`` with catastrophic backtracking is refused when the matrix loads.

The table below was checked against Python's ``re`` itself: every refused pattern that the probes in
:func:`_hangs` can make slow takes more than a second on fewer than 40 characters, and no accepted one does.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from helpers import run_cli, write_tree
from keyshift.matrix.backtracking import catastrophic

REFUSED = [
    r"^(a+)+$",
    r"(a|a)*$",
    r"(a*)*b",
    r"(.*)*$",
    r"(a|aa)+$",
    r"(b?b?)*c",
    r"(x+x+)+y",
    r"(\w+\s?)+$",
    r"^([a-z]+-?)+$",
    r"(a{1,3})+$",
    r"(.*a){20}",
    r"([^x]|y)+z",
    r"(?s)(.|\n)*x",
    r"(?i)(k|\u212ax?)+$",
    r"(?=(a+)+$)b",
    r"^(([a-z])+.)+[A-Z]([a-z])+$",
]
ACCEPTED = [
    r"^old-",
    r"^v1beta1$",
    r"^step(ped)?$",
    r"^(\d+\.)+\d+$",
    r"^(\d{1,3}\.){3}\d{1,3}$",
    r"^([0-9a-f]{2})+$",
    r"^(?:[a-z0-9-]+\.)*[a-z0-9-]+$",
    r"(ab+)+c",
    r"(a?)*$",
    r"(.|\n)*x",
    r"^\s*(\w+)\s*$",
    r".*foo.*",
    r"(\d|[0-9])+x",
    r"([^x]|x)+z",
    r"(a|A)+$",
    r"x{0,100}y",
    r"(a)\1",
    r"(k|\u212ax?)+$",
    "[a-z]{30}" * 20,
]
# a run of one of these, then a character that breaks the match
_UNITS = ("a", "b", "x", "y", "k", "1", "-", " ", "\n", "ab", "a-", "aA")


def _hangs(pattern: str) -> bool:
    compiled = re.compile(pattern)
    for unit in _UNITS:
        start = time.perf_counter()
        compiled.search(unit * (24 // len(unit)) + "!")
        if time.perf_counter() - start > 0.05:
            return True
    return False


@pytest.mark.parametrize("pattern", REFUSED)
def test_a_catastrophic_pattern_is_refused(pattern: str) -> None:
    assert catastrophic(pattern) is not None


@pytest.mark.parametrize("pattern", ACCEPTED)
def test_a_pattern_that_backtracks_a_bounded_number_of_ways_is_accepted(pattern: str) -> None:
    assert catastrophic(pattern) is None


@pytest.mark.hostile
@pytest.mark.parametrize("pattern", ACCEPTED)
def test_no_accepted_pattern_is_slow_on_a_value_that_almost_matches(pattern: str) -> None:
    assert not _hangs(pattern)


@pytest.mark.hostile
def test_every_pattern_is_checked_in_bounded_time() -> None:
    words = "|".join(f"w{n:03d}-{'x' * (n % 7)}" for n in range(150))
    patterns = [f"^(?:{words})$", f"(?:{words})+$", "a" * 2500, "(.)*" * 300, "(?:(?:(?:a{16}){16}){16})+"]
    start = time.perf_counter()
    problems = [catastrophic(p) for p in patterns]
    assert time.perf_counter() - start < 30  # about 2 s on an idle machine
    assert problems[0] is None


TOO_LARGE = "too large to check for catastrophic backtracking: split it into several value rules"


def test_a_pattern_too_large_to_check_is_refused_as_such() -> None:
    assert catastrophic("a" * 2500) == TOO_LARGE


@pytest.mark.hostile
def test_the_reproducer_fails_at_load_instead_of_hanging(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {
            "m.toml": '[product]\nname = "p"\nfiles = ["app.yaml"]\n\n[[keys."a.b".values]]\npattern = "^(a+)+$"\n'
            'removed = "2.0"\n',
            "app.yaml": "a:\n  b: " + "a" * 34 + "!\n",
        },
    )
    start = time.perf_counter()
    result = run_cli(["check", "-m", "m.toml", "app.yaml"], tmp_path)
    assert time.perf_counter() - start < 30
    assert result.exit_code == 2
    assert result.stderr.startswith(
        'keyshift: error: m.toml:6: keys."a.b".values[0].pattern: catastrophic backtracking'
    )
