"""The cache on disk: where it lives, how it stays small, ``keyshift clean``, and that it never stops a run."""

from __future__ import annotations

import dataclasses
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from helpers import run_cli, write_tree
from keyshift.check.cache import CACHE_DIR, KEEP_FILES, MAX_AGE_DAYS, ResultCache, file_key, project_root
from keyshift.check.discover import Candidate, discover
from support.monorepo import REPO

TREE = {"app.yaml": "dten:\n  cache:\n    size_mb: 1\n", "other.yaml": "name: x\n"}


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    write_tree(tmp_path, {**TREE, "deprecations.toml": (REPO / "deprecations.toml").read_text()})
    return tmp_path


def _settings_file(root: Path) -> Path:
    (file,) = (root / CACHE_DIR).glob("*.json")
    return file


def test_project_root_is_the_nearest_directory_with_git(tmp_path: Path) -> None:
    (tmp_path / "repo" / "a" / "b").mkdir(parents=True)
    (tmp_path / "repo" / ".git").write_text("gitdir: elsewhere\n")  # a worktree's .git is a file
    assert project_root(tmp_path / "repo" / "a" / "b") == tmp_path / "repo"
    assert project_root(tmp_path) == tmp_path


def test_old_settings_files_and_stale_temporary_files_are_pruned(tree: Path) -> None:
    cache = tree / CACHE_DIR
    cache.mkdir()
    old = time.time() - 7200
    others = [cache / f"{i:032x}.json" for i in range(KEEP_FILES + 2)]
    for i, path in enumerate(others):
        path.write_text("{}")
        os.utime(path, (old + i, old + i))
    (cache / ".tmp-stale").write_text("x")
    os.utime(cache / ".tmp-stale", (old, old))
    (cache / ".tmp-running").write_text("x")
    (cache / "notes.txt").write_text("not ours")
    run_cli(["check", "."], tree)
    left = sorted(p.name for p in cache.iterdir())
    kept = [p.name for p in others[-(KEEP_FILES - 1) :]]
    current = max(cache.glob("*.json"), key=lambda p: p.stat().st_mtime).name
    assert left == sorted([".gitignore", ".tmp-running", "CACHEDIR.TAG", "notes.txt", *kept, current])


def test_entries_unused_for_a_month_are_dropped(tree: Path) -> None:
    run_cli(["check", "."], tree)
    file = _settings_file(tree)
    data = json.loads(file.read_text())
    today = int(time.time() // 86400)
    data["entries"]["old"] = ["0" * 32, today - MAX_AGE_DAYS - 1, 0, [], [], None]
    data["entries"]["recent"] = ["0" * 32, today - MAX_AGE_DAYS + 1, 0, [], [], None]
    file.write_text(json.dumps(data))
    (tree / "new.yaml").write_text("a: 1\n")  # something new, so that the file is written
    run_cli(["check", "."], tree)
    entries = json.loads(file.read_text())["entries"]
    assert "old" not in entries and "recent" in entries
    assert len(entries) == len(TREE) + 3  # the tree, deprecations.toml, new.yaml and "recent"


def test_a_cache_that_cannot_be_written_does_not_stop_the_run(tree: Path) -> None:
    (tree / CACHE_DIR).write_text("a file where the directory should be")
    result = run_cli(["check", "--format", "json", "."], tree)
    assert result.exit_code == 1 and result.stderr == ""
    assert [f["path"] for f in result.findings()] == ["app.yaml"]


def test_a_cache_file_is_written_whole_or_not_at_all(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    run_cli(["check", "."], tree)
    file = _settings_file(tree)
    before = file.read_bytes()

    def crash(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", crash)
    (tree / "new.yaml").write_text("a: 1\n")
    assert run_cli(["check", "."], tree).exit_code == 1
    assert file.read_bytes() == before
    assert [p.name for p in (tree / CACHE_DIR).iterdir() if p.name.startswith(".tmp-")] == []


def test_clean_removes_the_cache_of_the_project(tree: Path) -> None:
    (tree / ".git").mkdir()
    (tree / "sub").mkdir()
    run_cli(["check", "."], tree)
    assert (tree / CACHE_DIR).is_dir()
    removed = run_cli(["clean"], tree / "sub")
    assert (removed.exit_code, removed.stdout) == (0, "removed ../.keyshift_cache\n")
    assert not (tree / CACHE_DIR).exists()
    again = run_cli(["clean"], tree)
    assert (again.exit_code, again.stdout) == (0, "no cache to remove (.keyshift_cache does not exist)\n")


def test_clean_removes_a_symlinked_cache_but_not_its_target(
    tree: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    target = tmp_path_factory.mktemp("elsewhere")
    (target / "keep.txt").write_text("x")
    (tree / CACHE_DIR).symlink_to(target)
    assert run_cli(["clean"], tree).exit_code == 0
    assert not (tree / CACHE_DIR).exists() and (target / "keep.txt").exists()


def test_clean_that_fails_exits_2(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tree / CACHE_DIR).mkdir()

    def refuse(path: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("shutil.rmtree", refuse)
    result = run_cli(["clean"], tree)
    assert result.exit_code == 2
    assert result.stderr == "keyshift: error: cannot remove .keyshift_cache: Permission denied\n"


def test_the_settings_key_does_not_depend_on_the_hash_seed(tmp_path: Path) -> None:
    probe = (
        "from pathlib import Path\n"
        "from keyshift.check.cache import settings_key\n"
        "from keyshift.matrix import available_packs, load_matrix, pack_path, resolve_targets\n"
        "ms = [load_matrix(Path('deprecations.toml'))] + [load_matrix(pack_path(p)) for p in available_packs()]\n"
        "print(settings_key(ms, resolve_targets(ms, (), ()), scan_text=True))\n"
    )
    keys = {
        subprocess.run(
            [sys.executable, "-c", probe],
            cwd=REPO,
            env={**os.environ, "PYTHONHASHSEED": seed},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in ("1", "2")
    }
    assert len(keys) == 1


def test_a_result_with_findings_is_not_served_to_a_fix(tree: Path) -> None:
    run_cli(["check", "."], tree)
    file = _settings_file(tree)
    store = ResultCache(file, json.loads(file.read_text())["entries"], serve_findings=False)
    probes = {c.display: store.probe(c) for c in discover(["."], cwd=tree) if isinstance(c, Candidate)}
    assert probes["app.yaml"] is None
    assert probes["other.yaml"] is not None


def test_the_file_key_covers_every_field_of_a_candidate() -> None:
    base = Candidate(Path("a/b.yaml"), "a/b.yaml", Path("."), "a/b.yaml", False)
    changed = {
        "path": Path("x/b.yaml"),
        "display": "./a/b.yaml",
        "root": Path("a"),
        "relative": "b.yaml",
        "explicit": True,
    }
    assert sorted(f.name for f in dataclasses.fields(Candidate)) == sorted(changed), "update file_key and this test"
    keys = {file_key(base), *(file_key(dataclasses.replace(base, **{name: value})) for name, value in changed.items())}
    assert len(keys) == len(changed) + 1
