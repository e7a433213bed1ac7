"""Timing: one process run (wall, CPU, peak memory), paired runs of two commands, and their statistics.

Paired runs alternate the order (AB, BA, AB, ...) so that a load spike on a shared machine hits both sides, and
the ratio of each pair is kept: the median of those ratios is steadier than a ratio of medians.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


class MeasureError(Exception):
    """A command failed (or could not start): the measurement is skipped with this reason."""


@dataclass(frozen=True)
class Sample:
    """One process run."""

    wall: float
    cpu: float
    max_rss_mb: float
    returncode: int


@dataclass(frozen=True)
class Stats:
    median: float
    min: float
    max: float
    n: int

    def as_dict(self) -> dict[str, float]:
        return {"median": self.median, "min": self.min, "max": self.max, "n": self.n}


def stats(values: Sequence[float]) -> Stats:
    return Stats(statistics.median(values), min(values), max(values), len(values))


@dataclass(frozen=True)
class Command:
    """A command to time: argv run in cwd, its stdout kept in ``output`` (a file, never /dev/null or a pipe)."""

    label: str
    argv: tuple[str, ...]
    cwd: Path
    output: Path
    ok_codes: tuple[int, ...] = (0, 1)
    prepare: Callable[[], None] | None = field(default=None, compare=False)
    """Run before each timed run, untimed (clearing a cache, for instance)."""

    def shell_line(self) -> str:
        return " ".join(self.argv)


def run_once(command: Command) -> Sample:
    """Run the command once; wall time from start to exit, CPU and peak RSS from the kernel (wait4)."""
    if command.prepare is not None:
        command.prepare()
    errors = command.output.with_suffix(".stderr")
    with command.output.open("wb") as out, errors.open("wb") as err:
        start = time.perf_counter()
        try:
            process = subprocess.Popen(command.argv, cwd=command.cwd, stdout=out, stderr=err)
        except OSError as error:
            raise MeasureError(f"{command.label}: cannot start {command.argv[0]}: {error}") from error
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in command.ok_codes:
        tail = errors.read_text(encoding="utf-8", errors="replace").strip().splitlines()[-3:]
        raise MeasureError(f"{command.label} exited with {process.returncode}: {' / '.join(tail)}")
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, process.returncode)


def repeated(command: Command, repeat: int, budget: float | None = None) -> list[Sample]:
    """``repeat`` runs, or fewer (at least one) once ``budget`` seconds are spent."""
    samples: list[Sample] = []
    spent = 0.0
    while len(samples) < repeat and (budget is None or not samples or spent < budget):
        samples.append(run_once(command))
        spent += samples[-1].wall
    return samples


def paired(first: Command, second: Command, repeat: int) -> tuple[list[Sample], list[Sample]]:
    """Both commands ``repeat`` times, alternating which goes first."""
    a: list[Sample] = []
    b: list[Sample] = []
    for turn in range(repeat):
        if turn % 2 == 0:
            a.append(run_once(first))
            b.append(run_once(second))
        else:
            b.append(run_once(second))
            a.append(run_once(first))
    return a, b


def summary(samples: Sequence[Sample]) -> dict[str, Any]:
    return {
        "wall": stats([s.wall for s in samples]).as_dict(),
        "cpu": stats([s.cpu for s in samples]).as_dict(),
        "max_rss_mb": max(s.max_rss_mb for s in samples),
    }


def pair_summary(a: Sequence[Sample], b: Sequence[Sample]) -> dict[str, Any]:
    """Each side's statistics and the per-pair ratio a/b."""
    return {
        "a": summary(a),
        "b": summary(b),
        "ratio": stats([x.wall / y.wall for x, y in zip(a, b, strict=True)]).as_dict(),
    }


def timed_call(function: Callable[[], object], repeat: int, budget: float | None = None) -> Stats:
    """In-process timing of ``function`` (for the raw parsers), with the same repeat and budget rule."""
    times: list[float] = []
    while len(times) < repeat and (budget is None or not times or sum(times) < budget):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return stats(times)
