"""The cache's status fast path: a file whose size, times and inode are those recorded with its digest is
not read again; any change to it (even one that keeps its size and modification time) is seen."""

from __future__ import annotations

import json
import os
import shutil
import time
from pathlib import Path

import pytest

from helpers import CliResult, run_cli, write_tree
from keyshift.check import filework
from keyshift.check.cache import CACHE_DIR
from keyshift.check.discover import Candidate, Notice
from keyshift.check.reading import read_with_stat
from support.monorepo import REPO

TREE = {
    "deprecations.toml": (REPO / "deprecations.toml").read_text(),
    "dten.yaml": "dten:\n  hybrid:\n    legacy_mode: on\n",
    "clean.yaml": "other: 1\n",
    "dten.yml": "dten:\n  hybrid:\n    enable: true\n",
    "notes/readme.md": "nothing to see\n",
}


@pytest.fixture
def settled(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Files count as settled at once (no two-second wait); returns the files each run reads."""
    monkeypatch.setattr(filework, "SETTLED_NS", 0)
    reads: list[str] = []

    def counting_read(candidate: Candidate, max_bytes: int) -> tuple[bytes, os.stat_result] | Notice:
        reads.append(candidate.display)
        return read_with_stat(candidate, max_bytes)

    monkeypatch.setattr(filework, "read_with_stat", counting_read)
    return reads


def _check(root: Path, *args: str) -> CliResult:
    return run_cli(["check", "--format", "json", "--jobs", "1", *args, "."], root)


def _entries(root: Path) -> dict[str, object]:
    (file,) = (root / CACHE_DIR).glob("*.json")
    entries: dict[str, object] = json.loads(file.read_text())["entries"]
    return entries


def test_an_unchanged_file_is_not_read_again(tmp_path: Path, settled: list[str]) -> None:
    write_tree(tmp_path, TREE)
    first = _check(tmp_path)
    assert sorted(settled) == ["clean.yaml", "deprecations.toml", "dten.yaml", "dten.yml", "notes/readme.md"]
    settled.clear()
    again = _check(tmp_path)
    assert again.stdout == first.stdout and again.exit_code == first.exit_code == 1
    # a file with findings is read for its text; the others are known by their status alone
    assert settled == ["dten.yaml"]


@pytest.mark.parametrize(
    "change",
    [
        "same size, modification time put back",
        "replaced by another file (new inode), same size and times",
    ],
)
def test_a_change_that_keeps_size_and_time_is_still_seen(tmp_path: Path, settled: list[str], change: str) -> None:
    write_tree(tmp_path, TREE)
    path = tmp_path / "dten.yml"
    assert _check(tmp_path).lines() == ["dten.yaml:3:5: KS102 renamed dten.hybrid.legacy_mode"]
    before = path.stat()
    edited = path.read_text().replace("true", "nope")  # the same length
    assert len(edited) == before.st_size
    if change.startswith("replaced"):
        replacement = tmp_path / "replacement"
        replacement.write_text(edited)
        os.replace(replacement, path)
    else:
        path.write_text(edited)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert (path.stat().st_size, path.stat().st_mtime_ns) == (before.st_size, before.st_mtime_ns)
    settled.clear()
    result = _check(tmp_path)
    assert "dten.yml" in settled
    assert "dten.yml:3:13: KS202 mismatch dten.hybrid.enable" in result.lines()


def test_a_recently_changed_file_gets_no_status_and_is_digested_next_time(tmp_path: Path) -> None:
    write_tree(tmp_path, TREE)
    _check(tmp_path)
    # written just now: within the two seconds a file system clock may not tell apart
    plain = [e for e in _entries(tmp_path).values() if isinstance(e, str)]
    assert plain and all(len(e.split(" ")) == 3 for e in plain), plain
    old = time.time() - 60
    for path in tmp_path.rglob("*.yaml"):
        os.utime(path, (old, old))  # the change time stays recent: still no status
    _check(tmp_path)
    assert all(len(e.split(" ")) == 3 for e in _entries(tmp_path).values() if isinstance(e, str))


def test_a_settled_file_gets_its_status_recorded(tmp_path: Path, settled: list[str]) -> None:
    write_tree(tmp_path, TREE)
    _check(tmp_path)
    stamps = [e.split(" ")[3] for e in _entries(tmp_path).values() if isinstance(e, str)]
    st = (tmp_path / "clean.yaml").stat()
    assert f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}" in stamps


def test_a_smaller_size_limit_skips_a_file_known_by_its_status(tmp_path: Path, settled: list[str]) -> None:
    write_tree(tmp_path, {**TREE, "big.yaml": "a: 1\n" * 1000})
    _check(tmp_path)
    result = _check(tmp_path, "--max-file-size", "1K")
    assert "keyshift: skipped big.yaml: larger than 1 KiB (the --max-file-size limit)\n" in result.stderr


def test_a_deleted_file_known_by_its_status_is_gone_from_the_report(tmp_path: Path, settled: list[str]) -> None:
    write_tree(tmp_path, TREE)
    _check(tmp_path)
    (tmp_path / "dten.yaml").unlink()
    shutil.copy(tmp_path / "clean.yaml", tmp_path / "copy.yaml")
    result = _check(tmp_path)
    assert result.findings() == [] and result.exit_code == 0
