"""Every test runs in the environment of a plain terminal: the CI system that runs the suite must not
change what keyshift prints (GitHub Actions makes `github` the default format) or where it finds packs."""

from __future__ import annotations

import pytest

_CI_ENVIRONMENT = ("GITHUB_ACTIONS", "KEYSHIFT_PACK_PATH", "NO_COLOR")


@pytest.fixture(autouse=True)
def _plain_terminal_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in _CI_ENVIRONMENT:
        monkeypatch.delenv(name, raising=False)
