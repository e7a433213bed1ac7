"""--max-file-size and --jobs: what they accept, what they refuse (exit 2, naming the option), and what
they do: a file over the limit is skipped with a notice, a file under it is read once, and the
workers are used when, and only when, they should be."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers import run_cli, write_tree
from keyshift.app.config import UsageError, job_count, size_limit
from keyshift.check import filework, parallel, roles
from keyshift.check.discover import Candidate, InvalidGlob, Notice
from keyshift.check.reading import read_with_stat
from support.monorepo import REPO
from support.pools import counting_pools

YAML_HIT = "dten:\n  cache:\n    size_mb: 1\n"


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    write_tree(tmp_path, {"deprecations.toml": (REPO / "deprecations.toml").read_text(), "small.yaml": YAML_HIT})
    return tmp_path


@pytest.fixture
def big_tree(tree: Path) -> Path:
    big = (
        "DTEN_SYNC_BACKOFF=linear\n" + "# padding padding padding padding padding padding padding\n" * 40_000
    )  # 2.3 MB
    (tree / "big.env").write_text(big)
    return tree


@pytest.mark.parametrize(
    ("given", "limit"),
    [
        (None, 2 * 1024 * 1024),
        ("0", 0),
        ("100", 100),
        ("100B", 100),
        ("512K", 512 * 1024),
        ("512k", 512 * 1024),
        ("512KiB", 512 * 1024),
        ("512kb", 512 * 1024),
        ("10M", 10 * 1024 * 1024),
        (" 2 M ", 2 * 1024 * 1024),
        ("1G", 1024**3),
        ("0M", 0),
    ],
)
def test_max_file_size_accepts(given: str | None, limit: int) -> None:
    assert size_limit(given) == limit


@pytest.mark.parametrize("given", ["", "M", "-1", "1.5M", "10T", "ten", "10 MB extra", "0x10", "\u0661\u0660"])
def test_max_file_size_refuses(given: str, tree: Path) -> None:
    with pytest.raises(UsageError, match="--max-file-size must be a size such as 512K, 10M, 1G"):
        size_limit(given)
    result = run_cli(["check", "--max-file-size", given, "."], tree)
    assert result.exit_code == 2
    assert result.stderr.startswith("keyshift: error: --max-file-size must be")
    assert repr(given) in result.stderr


def test_a_file_over_the_limit_is_skipped_with_a_notice_naming_the_limit(big_tree: Path) -> None:
    result = run_cli(["check", "--format", "json", "."], big_tree)
    assert result.stderr == "keyshift: skipped big.env: larger than 2 MiB (the --max-file-size limit)\n"
    assert [f["path"] for f in result.findings()] == ["small.yaml"]
    small = run_cli(["check", "--max-file-size", "20", "."], big_tree)
    assert "keyshift: skipped small.yaml: larger than 20 bytes (the --max-file-size limit)" in small.stderr


@pytest.mark.parametrize("limit", ["0", "10M"])
def test_a_larger_limit_or_none_scans_the_large_file(limit: str, big_tree: Path) -> None:
    result = run_cli(["check", "--format", "json", "--max-file-size", limit, "."], big_tree)
    assert result.stderr == ""
    assert [f["path"] for f in result.findings()] == ["big.env", "small.yaml"]
    assert json.loads(result.stdout)["summary"]["files_skipped"] == 0


def test_each_file_is_read_once(big_tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    reads: list[str] = []
    opened: list[str] = []

    def counting_read(candidate: Candidate, max_bytes: int) -> tuple[bytes, os.stat_result] | Notice:
        reads.append(candidate.display)
        return read_with_stat(candidate, max_bytes)

    def counting_open(path: str, *args: int) -> int:
        opened.append(str(path))
        return real_open(path, *args)

    real_open = os.open
    monkeypatch.setattr(filework, "read_with_stat", counting_read)
    monkeypatch.setattr(os, "open", counting_open)
    for _ in range(2):  # cold cache, then warm
        reads.clear()
        opened.clear()
        assert run_cli(["check", "--max-file-size", "0", "--jobs", "1", "."], big_tree).exit_code == 1
        assert sorted(reads) == ["big.env", "deprecations.toml", "small.yaml"]
        assert sorted(Path(p).name for p in opened if not Path(p).name.startswith(".tmp-")) == sorted(reads)


@pytest.mark.parametrize("given", ["0", "-1", "x", "", "1.5", "two", "+3"])
def test_jobs_refuses_what_is_not_a_positive_whole_number(given: str, tree: Path) -> None:
    result = run_cli(["check", "--jobs", given, "."], tree)
    assert result.exit_code == 2
    assert result.stderr == (
        f"keyshift: error: --jobs must be a whole number of 1 or more (1: no worker processes), not {given!r}\n"
    )


def test_jobs_defaults_to_the_cpus_available(monkeypatch: pytest.MonkeyPatch) -> None:
    assert job_count(" 3 ") == 3
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 5, 7}, raising=False)
    assert job_count(None) == 3
    monkeypatch.delattr(os, "sched_getaffinity", raising=False)
    monkeypatch.setattr(os, "cpu_count", lambda: 6)
    assert job_count(None) == 6


def test_workers_start_only_once_enough_was_checked(big_tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pools = counting_pools(monkeypatch)
    run_cli(["check", "--jobs", "4", "."], big_tree)  # big.env is skipped; two files checked
    assert pools == []
    monkeypatch.setattr(parallel, "PARALLEL_MIN_FILES", 1)
    monkeypatch.setattr(parallel, "PARALLEL_AFTER_SECONDS", 1e-9)
    run_cli(["check", "--jobs", "4", "--no-cache", "."], big_tree)
    assert pools == [4]  # deprecations.toml checked here, small.yaml in a worker
    run_cli(["check", "--jobs", "4", "."], big_tree)
    assert pools == [4], "a file the cache answers for is not counted"
    run_cli(["check", "--jobs", "1", "--no-cache", "."], big_tree)
    assert pools == [4]
    monkeypatch.setattr(parallel, "PARALLEL_AFTER_SECONDS", 3600)
    run_cli(["check", "--jobs", "4", "--no-cache", "."], big_tree)
    assert pools == [4], "not before checking took long enough"
    monkeypatch.setattr(parallel, "PARALLEL_AFTER_SECONDS", 0)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_FILES", 2)
    run_cli(["check", "--jobs", "4", "--no-cache", "."], big_tree)
    assert pools == [4], "no pool for a run with nothing left to check"


def test_spawned_workers_give_the_same_report(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Where fork is not used (macOS, Windows), the workers get the matrices by pickling."""
    serial = run_cli(["check", "--format", "json", "--no-cache", "--jobs", "1", "."], tree)
    pools = counting_pools(monkeypatch, "spawn")
    monkeypatch.setattr(parallel, "PARALLEL_MIN_FILES", 0)
    monkeypatch.setattr(parallel, "PARALLEL_AFTER_SECONDS", 0)
    monkeypatch.setattr(parallel, "CHUNK_FILES", 1)
    spawned = run_cli(["check", "--format", "json", "--no-cache", "--jobs", "2", "."], tree)
    assert pools == [2]
    assert (spawned.exit_code, spawned.stdout, spawned.stderr) == (serial.exit_code, serial.stdout, serial.stderr)


def test_an_error_in_a_worker_reaches_the_scanning_process(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A usage error raised while checking a file, in a worker: still exit 2 with its message.  (A bad product
    glob is refused when the matrix loads now; the workers are forked, so they inherit the stand-in.)"""

    def bad_glob(glob: str) -> Callable[[str], bool]:
        raise InvalidGlob("!", "Invalid git pattern: '!'")

    monkeypatch.setattr(roles, "glob_matcher", bad_glob)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_FILES", 0)
    monkeypatch.setattr(parallel, "PARALLEL_AFTER_SECONDS", 0)
    for jobs in ("1", "2"):
        result = run_cli(["check", "--jobs", jobs, "."], tree)
        assert result.exit_code == 2
        assert result.stderr.splitlines()[-1].startswith("keyshift: error: invalid glob '!'"), jobs


def test_an_exception_that_does_not_pickle_comes_back_as_its_text() -> None:
    class Odd(Exception):
        def __init__(self, a: int, b: int) -> None:
            super().__init__(f"{a} and {b}")

    portable = parallel._portable(Odd(1, 2))
    assert isinstance(portable, RuntimeError)
    assert str(portable).startswith("Odd in a worker process: 1 and 2")
    plain = ValueError("x")
    assert parallel._portable(plain) is plain
