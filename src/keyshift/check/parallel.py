"""Running the file work of a scan: in this process while few files needed checking, then in worker processes.

The files go out in chunks, in the order discovery found them, and their outcomes come back in that
order, so that findings, notices and counts are those of a serial run.  Each worker receives the
matrices and targets once, through the pool initializer, and prepares its own products from them.
Workers are forked where that is safe (Linux and the BSDs: nothing to import again) and spawned
elsewhere.
"""

from __future__ import annotations

import itertools
import os
import pickle
import signal
import sys
import time
import traceback
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from keyshift.check.discover import Candidate, Notice
from keyshift.check.filework import FileOutcome, FileWork, Probe, scan_file
from keyshift.check.roles import prepare
from keyshift.core.model import ProductTarget
from keyshift.matrix import Matrix

if TYPE_CHECKING:
    from multiprocessing.context import BaseContext

PARALLEL_AFTER_SECONDS = 0.1
PARALLEL_MIN_FILES = 50
"""The workers start once this process has spent :data:`PARALLEL_AFTER_SECONDS` checking files, and
has checked at least :data:`PARALLEL_MIN_FILES` of them; the rest of the run goes to the workers.

Starting two forked workers and stopping them costs about 70 ms (measured on a 2-core machine).  Not
knowing how much work is left, a scan checks files itself until it has spent about that much, then
starts the pool (the ski-rental rule: never more than about twice the cost of the better choice made
in hindsight).  Time, not a file count, because the cost of a file ranges from a read and a text
search to a full parse.  The minimum count keeps a pre-commit run of a handful of files, whose first
file may take 100 ms only to import a parser, in this process.  Files the cache answers for cost
nothing here: a rerun over an unchanged tree starts no worker.  The workers are forked with the
parsers the first files needed already imported."""

CHUNK_FILES = 32
"""Files per task: large enough that the cost of a task (two pickles and a pipe round trip) is
small against the files' work, small enough that one slow file does not leave the other workers idle."""

Unit = tuple[Candidate | Notice, Probe | None]
"""A discovered file (with what the cache holds for it), or a discovery notice kept in its place."""
Outcome = tuple[Candidate, FileOutcome] | Notice
"""A file read as text, or a notice: from discovery, or for a file that could not be read as text."""


def available_cpus() -> int:
    """The CPUs this process may run on (its affinity mask where the platform has one)."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def scan_units(
    units: Iterable[Unit],
    work: FileWork,
    jobs: int,
    matrices: Sequence[Matrix],
    targets: Mapping[str, ProductTarget],
) -> Iterator[Outcome]:
    """The outcome of every unit, in order: in this process until checking has cost about as much as
    starting workers would (:data:`PARALLEL_AFTER_SECONDS`), then (``jobs`` above 1) in ``jobs`` workers.

    The workers prepare their products from ``matrices`` and ``targets``, which must be what
    ``work.products`` was prepared from.
    """
    stream = iter(units)
    checked, spent = 0, 0.0
    for item, probe in stream:
        if isinstance(item, Notice):
            yield item
            continue
        start = time.perf_counter()
        outcome = scan_file(work, item, probe)
        if isinstance(outcome, FileOutcome) and outcome.check is not None:
            checked, spent = checked + 1, spent + time.perf_counter() - start
        yield _paired(item, outcome)
        if jobs > 1 and checked >= PARALLEL_MIN_FILES and spent >= PARALLEL_AFTER_SECONDS:
            following = next(stream, None)
            if following is not None:
                setup = _WorkerSetup(tuple(matrices), dict(targets), work.max_bytes, work.scan_text, work.digest)
                yield from _parallel(itertools.chain((following,), stream), jobs, setup)
            return


@dataclass(frozen=True, slots=True)
class _WorkerSetup:
    """What a worker process is started with: its products are prepared from the matrices and targets."""

    matrices: tuple[Matrix, ...]
    targets: dict[str, ProductTarget]
    max_bytes: int
    scan_text: bool
    digest: bool

    def work(self) -> FileWork:
        return FileWork(prepare(self.matrices, self.targets), self.max_bytes, self.scan_text, self.digest)


def _parallel(units: Iterator[Unit], jobs: int, setup: _WorkerSetup) -> Iterator[Outcome]:
    sent: deque[list[Unit]] = deque()  # the chunks out, in order: a worker sends back no candidate
    with _context().Pool(jobs, initializer=_start_worker, initargs=(setup,)) as pool:
        # imap keeps the order of the chunks; discovery runs in the pool's task thread meanwhile
        for results in pool.imap(_scan_chunk, _chunks(units, sent)):
            for (item, _), result in zip(sent.popleft(), results, strict=True):
                yield item if isinstance(item, Notice) else _paired(item, result)


def _paired(candidate: Candidate, outcome: FileOutcome | Notice | None) -> Outcome:
    assert outcome is not None, "a file has an outcome"
    return outcome if isinstance(outcome, Notice) else (candidate, outcome)


def _chunks(units: Iterator[Unit], sent: deque[list[Unit]]) -> Iterator[list[Unit]]:
    while chunk := list(itertools.islice(units, CHUNK_FILES)):
        sent.append(chunk)
        yield chunk


def _context() -> BaseContext:
    import multiprocessing

    # fork is unsafe on macOS (system libraries) and missing on Windows: the platform default there
    method = "fork" if sys.platform.startswith(("linux", "freebsd", "openbsd", "netbsd")) else None
    return multiprocessing.get_context(method)


_worker: dict[str, FileWork] = {}
"""The work of this worker process, set once by the pool initializer."""


def _start_worker(setup: _WorkerSetup) -> None:
    # Ctrl-C is the scanning process's to handle: it stops the pool, and the workers with it
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker["work"] = setup.work()


def _scan_chunk(chunk: list[Unit]) -> list[FileOutcome | Notice | None]:
    """The outcome of each file of a chunk (None for a discovery notice, which stays where it is)."""
    work = _worker["work"]
    try:
        return [None if isinstance(item, Notice) else scan_file(work, item, probe) for item, probe in chunk]
    except Exception as exc:
        raise _portable(exc) from None


def _portable(exc: Exception) -> Exception:
    """``exc``, or a plain error with its text where it would not survive pickling: the pool cannot
    deliver an exception that fails to unpickle, and would wait for its result forever."""
    try:
        pickle.loads(pickle.dumps(exc))
    except Exception:
        detail = "".join(traceback.format_exception(exc)).rstrip()
        return RuntimeError(f"{type(exc).__name__} in a worker process: {exc}\n{detail}")
    return exc


__all__ = ["CHUNK_FILES", "PARALLEL_AFTER_SECONDS", "PARALLEL_MIN_FILES", "available_cpus", "scan_units"]
