"""--jobs and the result cache change nothing a user sees: the same findings, notices (in the same
order), counts and fixes as a serial run without a cache; and a cached result is reused exactly when
nothing it depends on changed."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import CliResult, run_cli
from keyshift.check import filework, parallel
from keyshift.check.cache import CACHE_DIR
from keyshift.core.model import Finding
from support.monorepo import REPO, write_monorepo
from support.pools import counting_pools

SMALL_LIMIT = ["--max-file-size", "4K"]
FIELDS = [f.name for f in dataclasses.fields(Finding)]  # a cached finding is the list of its fields


@pytest.fixture
def many_workers(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Even a small tree goes to the workers (after its first file, checked or cached), in chunks small
    enough to mix files and notices."""
    monkeypatch.setattr(parallel, "PARALLEL_MIN_FILES", 0)
    monkeypatch.setattr(parallel, "PARALLEL_AFTER_SECONDS", 0)
    monkeypatch.setattr(parallel, "CHUNK_FILES", 3)
    return counting_pools(monkeypatch)


@pytest.fixture
def monorepo(tmp_path: Path) -> Path:
    return write_monorepo(tmp_path)


@pytest.fixture
def examples(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "examples", tmp_path / "examples")
    shutil.copy(REPO / "deprecations.toml", tmp_path / "deprecations.toml")
    return tmp_path


def _run(root: Path, *args: str) -> CliResult:
    return run_cli(["check", "--format", "json", *SMALL_LIMIT, *args, "."], root)


def _modes(root: Path, command: list[str]) -> Iterator[tuple[str, CliResult]]:
    """The same command serially, in workers, with a cold cache and with a warm one (both job counts)."""
    yield "serial", run_cli([*command, "--jobs", "1", "--no-cache"], root)
    yield "parallel", run_cli([*command, "--jobs", "2", "--no-cache"], root)
    yield "parallel, cold cache", run_cli([*command, "--jobs", "2"], root)
    yield "parallel, warm cache", run_cli([*command, "--jobs", "2"], root)
    yield "serial, warm cache", run_cli([*command, "--jobs", "1"], root)


@pytest.mark.parametrize("settled", [False, True], ids=["files just written", "files settled"])
@pytest.mark.parametrize("tree", ["examples", "monorepo"])
def test_serial_parallel_and_cached_reports_are_identical(
    tree: str, settled: bool, request: pytest.FixtureRequest, many_workers: list[int], monkeypatch: pytest.MonkeyPatch
) -> None:
    if settled:  # the warm runs know unchanged files by their status and do not read them
        monkeypatch.setattr(filework, "SETTLED_NS", 0)
    root: Path = request.getfixturevalue(tree)
    runs = list(_modes(root, ["check", "--format", "json", *SMALL_LIMIT, "."]))
    assert many_workers == [2, 2, 2], "the parallel runs, cold and warm, used workers"
    serial = runs[0][1]
    report = json.loads(serial.stdout)
    assert report["findings"] and report["summary"]["files_scanned"] > 5
    for mode, result in runs[1:]:
        assert (result.exit_code, result.stdout, result.stderr) == (serial.exit_code, serial.stdout, serial.stderr), (
            mode
        )


@pytest.mark.usefixtures("many_workers")
def test_the_monorepo_has_every_kind_of_notice_in_discovery_order(monorepo: Path) -> None:
    result = _run(monorepo, "--jobs", "2")
    skipped = [line.removeprefix("keyshift: skipped ") for line in result.stderr.splitlines()]
    assert skipped == [
        "skip/big.yaml: larger than 4 KiB (the --max-file-size limit)",
        "skip/dangling.yaml: broken symlink",
        "skip/latin1.yaml: not UTF-8 text (byte 0xE9 at offset 9)",
        "skip/logo.png: binary file",
    ]


@pytest.mark.usefixtures("many_workers")
@pytest.mark.parametrize("unsafe", [[], ["--unsafe"]])
def test_fix_diff_is_identical_serial_parallel_and_cached(monorepo: Path, unsafe: list[str]) -> None:
    runs = list(_modes(monorepo, ["fix", "--diff", *unsafe, *SMALL_LIMIT, "."]))
    serial = runs[0][1]
    assert serial.exit_code == 1 and "+++ b/svc00/values.yaml" in serial.stdout
    for mode, result in runs[1:]:
        assert (result.exit_code, result.stdout, result.stderr) == (serial.exit_code, serial.stdout, serial.stderr), (
            mode
        )


@pytest.mark.usefixtures("many_workers")
def test_fix_in_workers_writes_what_a_serial_fix_writes(tmp_path: Path) -> None:
    serial, parallel_root = write_monorepo(tmp_path / "a"), write_monorepo(tmp_path / "b")
    first = run_cli(["fix", "--format", "json", "--jobs", "1", "--no-cache", "."], serial)
    second = run_cli(["fix", "--format", "json", "--jobs", "2", "."], parallel_root)
    assert (first.exit_code, first.stdout, first.stderr) == (second.exit_code, second.stdout, second.stderr)
    for path in sorted(serial.rglob("*.yaml")):
        if not path.is_symlink():
            assert path.read_bytes() == (parallel_root / path.relative_to(serial)).read_bytes(), path


# --------------------------------------------------------------------------- what the cache reuses


def _settings_files(root: Path) -> list[Path]:
    return sorted((root / CACHE_DIR).glob("*.json"))


def _poison(root: Path) -> None:
    """Mark every cached finding, so that a report shows whether it came from the cache."""
    index = FIELDS.index("message")
    for file in _settings_files(root):
        data = json.loads(file.read_text())
        for entry in data["entries"].values():
            for finding in entry[4] if isinstance(entry, list) else ():  # a string: a file with no finding
                finding[index] = "from the cache"
        file.write_text(json.dumps(data))


def _cached_messages(result: CliResult) -> list[str]:
    """The paths of the findings that came from the (poisoned) cache."""
    return [str(f["path"]) for f in result.findings() if f["message"] == "from the cache"]


def test_an_unchanged_file_gets_its_cached_result(examples: Path) -> None:
    first = _run(examples)
    _poison(examples)
    again = _run(examples)
    assert len(_cached_messages(again)) == len(first.findings()) > 0


def test_an_edited_file_is_checked_again_even_with_the_same_size(examples: Path) -> None:
    _run(examples)
    _poison(examples)
    path = examples / "examples" / "dten.yaml"
    text = path.read_text()
    path.write_text(text.replace("legacy_mode: on", "legacy_mode: no"))  # same size
    assert len(path.read_text()) == len(text)
    cached = set(_cached_messages(_run(examples)))
    assert "examples/dten.yaml" not in cached
    assert "examples/dten.json" in cached


@pytest.mark.parametrize(
    ("change", "args"),
    [
        ("matrix edited", []),
        ("--to changed", ["--to", "3.1"]),
        ("--no-text", ["--no-text"]),
        ("keyshift version changed", []),
    ],
)
def test_a_change_of_settings_ignores_the_cached_results(
    change: str, args: list[str], examples: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _run(examples)
    _poison(examples)
    if change == "matrix edited":
        matrix = examples / "deprecations.toml"
        matrix.write_text(matrix.read_text().replace('reason = "Push mode', 'reason = "Pull mode'))
    if change == "keyshift version changed":
        monkeypatch.setattr("keyshift.__version__", "99.0")
    result = _run(examples, *args)
    assert result.findings()
    assert _cached_messages(result) == [], change
    assert len(_settings_files(examples)) == 2


def test_fix_checks_again_every_file_it_fixes(examples: Path) -> None:
    _run(examples)
    _poison(examples)
    fixed = run_cli(["fix", "--diff", "."], examples)
    assert "from the cache" not in fixed.stdout + fixed.stderr
    assert "+++ b/examples/dten.yaml" in fixed.stdout


@pytest.mark.parametrize(
    "damage",
    [
        b"",
        b"{not json",
        b'{"format": 1, "settings": "x", "entries": {}}',
        b"[1, 2, 3]",
        b'{"format": 1, "settings": "SETTINGS", "entries": {"KEY": [1, 2]}}',
        b"\xff\xfe\x00garbage",
    ],
)
def test_a_corrupt_cache_is_ignored_and_replaced(damage: bytes, examples: Path) -> None:
    clean = _run(examples, "--no-cache")
    _run(examples)
    (file,) = _settings_files(examples)
    file.write_bytes(damage.replace(b"SETTINGS", file.stem.encode()))
    result = _run(examples)
    assert (result.exit_code, result.stdout, result.stderr) == (clean.exit_code, clean.stdout, clean.stderr)
    assert json.loads(file.read_text())["entries"]


@pytest.mark.parametrize(
    "bad_value",
    ["x", None, 1.5, True, [1, 2], "error-not-a-kind"],
)
def test_a_cached_finding_of_the_wrong_shape_is_checked_again(bad_value: object, examples: Path) -> None:
    clean = _run(examples, "--no-cache")
    _run(examples)
    (file,) = _settings_files(examples)
    data = json.loads(file.read_text())
    field = FIELDS.index("kind" if bad_value == "error-not-a-kind" else "line")
    for entry in data["entries"].values():
        for finding in entry[4] if isinstance(entry, list) else ():
            finding[field] = bad_value
    file.write_text(json.dumps(data))
    result = _run(examples)
    assert (result.exit_code, result.stdout, result.stderr) == (clean.exit_code, clean.stdout, clean.stderr)


def test_the_cache_lives_at_the_project_root_and_is_never_scanned(examples: Path) -> None:
    (examples / ".git").mkdir()
    first = run_cli(["check", "-m", "../deprecations.toml", "--format", "json", "."], examples / "examples")
    cache = examples / CACHE_DIR
    assert (cache / ".gitignore").read_text().splitlines()[-1] == "*"
    assert (cache / "CACHEDIR.TAG").read_text().startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert len(_settings_files(examples)) == 1
    again = run_cli(["check", "--format", "json", "."], examples)
    assert not any(CACHE_DIR in str(f["path"]) for f in again.findings())
    scanned = [json.loads(run.stdout)["summary"]["files_scanned"] for run in (first, again)]
    assert scanned[1] == scanned[0] + 1  # deprecations.toml; nothing in .keyshift_cache/


def test_an_unchanged_run_rewrites_nothing(examples: Path) -> None:
    _run(examples)
    (file,) = _settings_files(examples)
    before = file.stat().st_ino, file.read_bytes()
    os.utime(file, (1_000_000_000, 1_000_000_000))
    _run(examples)
    assert (file.stat().st_ino, file.read_bytes()) == before
    assert file.stat().st_mtime > 1_000_000_000, "its time says it was used, for pruning"


def test_no_cache_reads_and_writes_nothing(examples: Path) -> None:
    _run(examples, "--no-cache")
    assert not (examples / CACHE_DIR).exists()


@pytest.mark.parametrize(
    "bad_entry", ["", "abc", "0" * 32 + " 1", "0" * 32 + " x 0", 5, None, {"a": 1}, [1, 2, 3, 4, 5]]
)
def test_a_malformed_entry_of_a_file_without_findings_is_checked_again(bad_entry: object, examples: Path) -> None:
    clean = _run(examples, "--no-cache")
    _run(examples)
    (file,) = _settings_files(examples)
    data = json.loads(file.read_text())
    plain = [key for key, entry in data["entries"].items() if isinstance(entry, str)]
    assert plain
    data["entries"].update(dict.fromkeys(plain, bad_entry))
    file.write_text(json.dumps(data))
    result = _run(examples)
    assert (result.exit_code, result.stdout, result.stderr) == (clean.exit_code, clean.stdout, clean.stderr)
    assert all(isinstance(json.loads(file.read_text())["entries"][key], str) for key in plain)


def test_what_crosses_to_a_worker_and_back_pickles_to_an_equal_value(examples: Path) -> None:
    import pickle

    from keyshift.check.discover import Candidate, discover
    from keyshift.check.filecheck import FileCheck
    from keyshift.check.filework import FileOutcome, Probe
    from keyshift.check.reading import LoadedText
    from keyshift.core.model import Notice

    candidates = [c for c in discover(["examples", str(examples / "deprecations.toml")], cwd=examples)]
    assert all(isinstance(c, Candidate) for c in candidates) and candidates[-1].explicit
    check = FileCheck((), (), 2, (Notice("a", "b"),))
    values = [*candidates, Probe("0" * 32, True), check, FileOutcome("1" * 32, LoadedText("x", True, "\r\n"), check)]
    for value in values:
        assert pickle.loads(pickle.dumps(value)) == value
