"""How many inputs each fuzz test runs: a small, derandomized count in CI, 100,000 per format in the long run.

``KEYSHIFT_FUZZ=long`` (or ``pytest tests/fuzz --long``) selects the long run; ``KEYSHIFT_FUZZ_EXAMPLES=N``
runs N inputs per format instead (a run of any length between the two).  The CI profile is derandomized:
the same inputs on every run, so a red CI is reproducible.  Other runs draw new inputs and keep the
failing ones in ``.hypothesis/`` at the repository root (gitignored), which replays them first next time.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.database import DirectoryBasedExampleDatabase

ROOT = Path(__file__).resolve().parents[2]
LONG_INPUTS_PER_FORMAT = 100_000
CI_INPUTS_PER_FORMAT = 60
"""Inputs per format in CI, split between the generated and the mutated ones."""

_COMMON = settings(
    deadline=None,  # the machine is shared: a slow example is not a failure (hostile tests bound time)
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    print_blob=True,
)
settings.register_profile("ci", _COMMON, derandomize=True, database=None)
settings.register_profile(
    "long", _COMMON, database=DirectoryBasedExampleDatabase(str(ROOT / ".hypothesis" / "examples"))
)


def mode() -> str:
    """``ci`` (the default), ``long``, or ``custom`` when KEYSHIFT_FUZZ_EXAMPLES sets the count."""
    if os.environ.get("KEYSHIFT_FUZZ_EXAMPLES"):
        return "custom"
    return "long" if os.environ.get("KEYSHIFT_FUZZ", "").strip().lower() == "long" else "ci"


def inputs_per_format() -> int:
    chosen = mode()
    if chosen == "custom":
        return max(1, int(os.environ["KEYSHIFT_FUZZ_EXAMPLES"]))
    return LONG_INPUTS_PER_FORMAT if chosen == "long" else CI_INPUTS_PER_FORMAT


def load_profile() -> None:
    settings.load_profile("ci" if mode() == "ci" else "long")


def share(fraction: float, *, at_least: int = 1) -> settings:
    """The settings of a test that runs ``fraction`` of a format's inputs."""
    return settings(max_examples=max(at_least, round(inputs_per_format() * fraction)))


T = TypeVar("T")


def run_inputs(inputs: st.SearchStrategy[T], fraction: float, check: Callable[[T], None]) -> None:
    """``check`` on ``fraction`` of a format's inputs drawn from ``inputs`` (a test of one format)."""

    @share(fraction)
    @given(inputs)
    def run(item: T) -> None:
        check(item)

    run()
