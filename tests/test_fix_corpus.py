"""The fix corpus: each case directory under ``fix_corpus/`` is a before/after pair.

A case holds ``matrix.toml``, ``input/`` (the files as a user has them), ``expected/`` (the files as
``keyshift fix`` must leave them, byte for byte) and optionally ``args.txt`` (extra options on one
line).  Every case is also run a second time (nothing may change) and re-checked (no fixable
finding may remain).
"""

from __future__ import annotations

import shlex
import shutil
from pathlib import Path

from helpers import run_cli
from support.tables import each_case

CORPUS = Path(__file__).parent / "fix_corpus"
CASES = sorted(p for p in CORPUS.iterdir() if (p / "input").is_dir()) if CORPUS.is_dir() else []


def _files(root: Path) -> dict[str, bytes]:
    """The files of a tree, but for keyshift's own result cache (``.keyshift_cache/``)."""
    files = (p for p in sorted(root.rglob("*")) if p.is_file())
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in files if ".keyshift_cache" not in p.parts}


def _args(case: Path) -> list[str]:
    args_file = case / "args.txt"
    return shlex.split(args_file.read_text(encoding="utf-8")) if args_file.is_file() else []


@each_case(CASES)
def test_fix_corpus_case(case: Path, tmp_path: Path) -> None:
    work = tmp_path / "work"
    shutil.copytree(case / "input", work)
    shutil.copy(case / "matrix.toml", tmp_path / "matrix.toml")
    command = ["fix", "-m", str(tmp_path / "matrix.toml"), *_args(case), "."]

    first = run_cli(command, work)
    assert first.exit_code in (0, 1), first.stderr
    assert "left unchanged" not in first.stderr, first.stderr
    assert _files(work) == _files(case / "expected"), first.stdout + first.stderr

    second = run_cli(command, work)
    assert _files(work) == _files(case / "expected"), "a second fix changed the files again"
    assert "fixed " not in second.stdout.replace("not fixed ", "")

    diff = run_cli([*command[:-1], "--diff", "."], work)
    assert diff.stdout == "", "fix --diff still sees something to change after fixing"
    assert diff.exit_code == 0


def test_corpus_is_large_enough() -> None:
    formats = {c.name.split("-", 1)[0] for c in CASES}
    assert len(CASES) >= 40
    assert {"yaml", "toml", "json"} <= formats
