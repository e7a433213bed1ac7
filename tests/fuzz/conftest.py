"""The fuzz suite's settings: ``--long`` (or KEYSHIFT_FUZZ=long) for the long run, see fuzz/budget.py."""

from __future__ import annotations

import os

import pytest

from fuzz import budget


def pytest_addoption(parser: pytest.Parser) -> None:
    # only seen when tests/fuzz is named on the command line: ``pytest tests/fuzz --long``
    parser.addoption("--long", action="store_true", help="fuzz: 100,000 inputs per format (hours)")


def pytest_configure(config: pytest.Config) -> None:
    if config.getoption("--long", default=False):
        os.environ["KEYSHIFT_FUZZ"] = "long"
    budget.load_profile()
