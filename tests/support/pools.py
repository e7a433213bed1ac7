"""Watching the worker pools a scan starts."""

from __future__ import annotations

import multiprocessing

import pytest

from keyshift.check import parallel


def counting_pools(monkeypatch: pytest.MonkeyPatch, method: str | None = None) -> list[int]:
    """Record the size of every pool the scan starts (``method``: the start method to force)."""
    pools: list[int] = []
    real = parallel._context

    class Context:
        def Pool(self, processes: int, **kwargs: object) -> object:
            pools.append(processes)
            context = multiprocessing.get_context(method) if method else real()
            return context.Pool(processes, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(parallel, "_context", Context)
    return pools
