"""A fix writes without side effects (issue 10, defects 8, 16 and 17).

The fixed file keeps its owner and group (where the process may set them), its mode, and a symlink
stays a symlink to the fixed file; a hard-linked file is left as it is, with the reason.  A write
interrupted before its rename leaves a ``.NAME.XXXXXXXX.keyshift`` temporary file: no run scans it,
and the next ``fix`` removes it once it is a minute old.  A file the process may not replace (a
read-only directory, as another user) gets no ``fixed`` line.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from helpers import run_cli, write_tree
from keyshift.fix.write import write_atomic

MATRIX = (
    '[product]\nname = "p"\nversions = ["1.0", "2.0"]\nfiles = ["app.yaml"]\nto = "2.0"\n'
    '[keys."a.old"]\nremoved = "2.0"\nreplaced-by = "a.new"\n'
)
BEFORE = "a:\n  old: 1\n"
AFTER = "a:\n  new: 1\n"
ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    write_tree(tmp_path, {"deprecations.toml": MATRIX, "conf/app.yaml": BEFORE})
    return tmp_path


def _fix(root: Path, *args: str) -> tuple[int, str, str]:
    result = run_cli(["fix", "--no-cache", *args], root)
    return result.exit_code, result.stdout, result.stderr


# --------------------------------------------------------------------------- defect 16: owner, mode, links


@pytest.mark.skipif(not ROOT, reason="only root may give a file to another user")
def test_a_fixed_file_keeps_its_owner_group_and_mode(tree: Path) -> None:
    app = tree / "conf" / "app.yaml"
    os.chown(app, 65534, 65534)
    app.chmod(0o640)
    _fix(tree)
    status = app.stat()
    assert (status.st_uid, status.st_gid, status.st_mode & 0o7777) == (65534, 65534, 0o640)
    assert app.read_text() == AFTER


def test_an_owner_that_cannot_be_kept_does_not_stop_the_write(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[int, int]] = []

    def refuse(fd: int, uid: int, gid: int) -> None:
        calls.append((uid, gid))
        raise PermissionError(1, "Operation not permitted")

    monkeypatch.setattr("keyshift.fix.write.os.fchown", refuse)
    app = tree / "conf" / "app.yaml"
    app.chmod(0o604)
    status = app.stat()
    exit_code, stdout, _ = _fix(tree)
    assert app.read_text() == AFTER
    assert app.stat().st_mode & 0o7777 == 0o604
    # the owner and group first, then the group alone (an owner may keep a group it belongs to)
    assert calls == [(status.st_uid, status.st_gid), (-1, status.st_gid)]
    assert exit_code == 0 and "Fixed 1 finding in 1 file" in stdout


def test_a_symlink_is_written_through_and_stays_a_symlink(tree: Path) -> None:
    real = tree / "elsewhere" / "real.yaml"
    write_tree(tree, {"elsewhere/real.yaml": BEFORE})
    (tree / "conf" / "app.yaml").unlink()
    (tree / "conf" / "app.yaml").symlink_to(Path("..") / "elsewhere" / "real.yaml")
    exit_code, stdout, _ = _fix(tree, "conf")
    assert (tree / "conf" / "app.yaml").is_symlink()
    assert os.readlink(tree / "conf" / "app.yaml") == os.path.join("..", "elsewhere", "real.yaml")
    assert real.read_text() == AFTER
    assert sorted(p.name for p in real.parent.iterdir()) == ["real.yaml"]  # no temporary file beside it
    assert "fixed conf/app.yaml:2:3 KS102 a.old -> a.new" in stdout
    assert exit_code == 0


def test_a_hard_linked_file_is_left_as_it_is_with_the_reason(tree: Path) -> None:
    app = tree / "conf" / "app.yaml"
    twin = tree / "twin.yaml"  # outside the scanned directory
    os.link(app, twin)
    exit_code, stdout, stderr = _fix(tree, "conf")
    assert app.read_text() == twin.read_text() == BEFORE
    assert os.stat(app).st_ino == os.stat(twin).st_ino
    why = "it has 2 hard links, and replacing it would leave the other names with the old text; fix it by hand"
    lines = stdout.splitlines()
    assert f"not fixed conf/app.yaml:2:3 KS102 a.old: the file was left unchanged: {why}" in lines
    assert f"error conf/app.yaml: left unchanged: {why}" in lines
    assert "Fixed 0 findings in 0 files; 1 remaining." in lines
    assert f"keyshift: conf/app.yaml: left unchanged: {why}" in stderr
    assert exit_code == 1


# --------------------------------------------------------------------------- defect 17: leftovers

LEFTOVERS = [".app.yaml.0a1b2c3d.keyshift", ".app.yaml.k_9x2mqa.keyshift"]
"""Named by this keyshift (8 hex digits), and by earlier ones (tempfile.mkstemp's 8 of [a-z0-9_])."""


def _age(path: Path, seconds: float) -> None:
    then = time.time() - seconds
    os.utime(path, (then, then))


@pytest.mark.parametrize("name", LEFTOVERS)
def test_a_leftover_temporary_file_is_never_scanned_and_the_next_fix_removes_it(tree: Path, name: str) -> None:
    leftover = tree / "conf" / name
    leftover.write_text("a:\n  old: 1\n  new: 1\n")  # what a killed fix was writing: it names a flagged key
    _age(leftover, 120)
    checked = run_cli(["check", "--no-cache", "--format", "json"], tree)
    assert [f["path"] for f in json.loads(checked.stdout)["findings"]] == ["conf/app.yaml"]
    assert f"keyshift: skipped conf/{name}: a temporary file of keyshift fix" in checked.stderr
    assert json.loads(checked.stdout)["summary"]["files_skipped"] == 1
    fixed = run_cli(["fix", "--no-cache", "--format", "json"], tree)
    assert not leftover.exists()
    assert f"keyshift: removed conf/{name}: a temporary file left by an interrupted keyshift fix" in fixed.stderr
    # the report is what a new check finds: the leftover is gone, so nothing is skipped
    assert json.loads(fixed.stdout)["summary"]["files_skipped"] == 0
    assert (tree / "conf" / "app.yaml").read_text() == AFTER


def test_a_fresh_temporary_file_may_be_another_run_s_and_stays(tree: Path) -> None:
    fresh = tree / "conf" / LEFTOVERS[0]
    fresh.write_text("a: 1\n")
    _fix(tree)
    assert fresh.exists()


@pytest.mark.parametrize("name", [".app.yaml.keyshift", "app.yaml.0a1b2c3d.keyshift", ".app.yaml.0a1b2c3.keyshift"])
def test_other_files_with_the_suffix_are_neither_skipped_nor_removed(tree: Path, name: str) -> None:
    other = tree / "conf" / name
    other.write_text("a.old is gone\n")
    _age(other, 120)
    result = run_cli(["fix", "--no-cache", "--unsafe", "--format", "json"], tree)
    assert other.read_text() == "a.new is gone\n"  # scanned as text, and fixed
    assert "skipped" not in result.stderr


def test_a_write_interrupted_before_its_rename_leaves_a_leftover_the_next_fix_removes(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = tree / "conf" / "app.yaml"

    def killed(*args: object) -> None:
        raise KeyboardInterrupt  # as far as the file system can tell, a kill

    monkeypatch.setattr("keyshift.fix.write.os.replace", killed)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(app, BEFORE, AFTER, has_bom=False)
    monkeypatch.undo()
    (leftover,) = [p for p in app.parent.iterdir() if p.name != "app.yaml"]
    assert leftover.name.startswith(".app.yaml.") and leftover.name.endswith(".keyshift")
    assert (app.read_text(), leftover.read_text()) == (BEFORE, AFTER)
    _age(leftover, 120)
    _fix(tree)
    assert sorted(p.name for p in app.parent.iterdir()) == ["app.yaml"]
    assert app.read_text() == AFTER


# --------------------------------------------------------------------------- defect 8: a directory not writable


@pytest.fixture
def shared_dir() -> Iterator[Path]:
    """A directory another user can reach (pytest's tmp_path is root's alone)."""
    path = Path(tempfile.mkdtemp(prefix="keyshift-fixer-"))
    path.chmod(0o755)
    try:
        yield path
    finally:
        (path / "f").chmod(0o755) if (path / "f").exists() else None
        shutil.rmtree(path)


@pytest.mark.skipif(not ROOT or shutil.which("setpriv") is None, reason="runs the fix as another user (root, setpriv)")
def test_a_file_in_a_read_only_directory_gets_no_fixed_line(shared_dir: Path) -> None:
    """The repro: as user nobody, in a directory nobody may not write to."""
    write_tree(shared_dir, {"m.toml": MATRIX, "f/app.yaml": BEFORE})
    for path in (shared_dir / "f", shared_dir / "f" / "app.yaml"):
        os.chown(path, 65534, 65534)
    (shared_dir / "f").chmod(0o555)
    command = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", sys.executable, "-m", "keyshift"]
    fix = [*command, "fix", "--no-cache", "-m", str(shared_dir / "m.toml"), str(shared_dir / "f")]
    text = subprocess.run(fix, capture_output=True, text=True, check=False, cwd=shared_dir)
    report = subprocess.run([*fix, "--format", "json"], capture_output=True, text=True, check=False, cwd=shared_dir)
    assert (shared_dir / "f" / "app.yaml").read_text() == BEFORE
    assert not [line for line in text.stdout.splitlines() if line.startswith("fixed ")]
    assert "Fixed 0 findings in 0 files; 1 remaining." in text.stdout
    assert "left unchanged: cannot create a temporary file in" in text.stderr
    assert [f["applied"] for f in json.loads(report.stdout)["fixes"]] == [False]
