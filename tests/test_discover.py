"""Tests for keyshift.check.discover: which files a run scans and how their text is read."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from helpers import write_tree
from keyshift.check.discover import (
    Candidate,
    InvalidGlob,
    Notice,
    PathNotFound,
    discover,
)
from keyshift.check.reading import load_text
from support.tables import each_row

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


needs_non_root = pytest.mark.skipif(IS_ROOT, reason="root can read everything")


needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no fifos on this platform")


def shown(items: Iterable[Candidate | Notice]) -> list[str]:
    """A candidate as its display, a notice as 'display -- reason'."""
    return [item.display if isinstance(item, Candidate) else f"{item.display} -- {item.reason}" for item in items]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A directory that is its own git repository, so no ignore rule from above it can leak in."""
    root = tmp_path / "project"
    (root / ".git").mkdir(parents=True)
    return root


# --------------------------------------------------------------------------- walking


WALK_CASES: list[tuple[str, dict[str, str | bytes], list[str], list[str], list[str], list[str]]] = [
    (
        "sorted-depth-first",
        {"b.yaml": "", "a/z.yaml": "", "a/b/c.toml": "", "a.yaml": "", "Z.json": ""},
        [],
        [],
        [],
        ["Z.json", "a/b/c.toml", "a/z.yaml", "a.yaml", "b.yaml"],
    ),
    (
        "tool-directories-skipped-silently",
        {
            "app.yaml": "",
            ".git/config": "",
            ".hg/hgrc": "",
            ".svn/entries": "",
            "node_modules/pkg/package.json": "",
            "__pycache__/x.pyc": "",
            ".tox/py311/conf.toml": "",
            ".nox/s/conf.toml": "",
            ".mypy_cache/c.json": "",
            ".pytest_cache/v.json": "",
            ".ruff_cache/r.json": "",
            ".venv/lib/x.yaml": "",
            ".eggs/e.toml": "",
            "pkg.egg-info/PKG-INFO": "",
            "myenv/pyvenv.cfg": "home = /usr\n",
            "myenv/lib/site.yaml": "",
            "sub/node_modules/deep.json": "",
            "sub/keep.json": "",
        },
        [],
        [],
        [],
        ["app.yaml", "sub/keep.json"],
    ),
    (
        "nested-gitignore-negation-and-anchoring",
        {
            ".gitignore": "*.log\n/build/\n# comment\n\ngen/\n",
            "app.log": "",
            "app.yaml": "",
            "build/out.yaml": "",
            "gen/x.yaml": "",
            "sub/.gitignore": "!keep.log\n/local.yaml\n",
            "sub/keep.log": "",
            "sub/other.log": "",
            "sub/build/x.yaml": "",
            "sub/local.yaml": "",
            "sub/deeper/local.yaml": "",
            "sub/gen/y.yaml": "",
        },
        [],
        [],
        [],
        [
            ".gitignore",
            "app.yaml",
            "sub/.gitignore",
            "sub/build/x.yaml",
            "sub/deeper/local.yaml",
            "sub/keep.log",
        ],
    ),
    (
        "gitignore-directory-pattern-does-not-match-a-file",
        {".gitignore": "cache/\n", "cache": "a file named cache", "sub/cache/x.yaml": ""},
        [],
        [],
        [],
        [".gitignore", "cache"],
    ),
    (
        "exclude-files-and-directories",
        {
            "a.json": "",
            "a.yaml": "",
            "tests/t.yaml": "",
            "sub/tests/t.yaml": "",
            "sub/tests.yaml": "",
            "docs": "a file named docs",
            "x/docs/d.yaml": "",
        },
        [],
        [],
        ["tests/", "*.json", "docs/"],
        ["a.yaml", "docs", "sub/tests.yaml"],
    ),
    (
        "exclude-anchored-glob-is-relative-to-the-root",
        {"conf/a.toml": "", "sub/conf/a.toml": ""},
        [],
        [],
        ["conf/*.toml"],
        ["sub/conf/a.toml"],
    ),
    (
        "include-keeps-only-matching-files-and-still-descends",
        {"a.yaml": "", "a.json": "", "deep/er/b.yaml": "", "conf/c.toml": "", "x/conf/c.toml": ""},
        [],
        ["*.yaml", "conf/*.toml"],
        [],
        ["a.yaml", "conf/c.toml", "deep/er/b.yaml"],
    ),
    (
        "include-and-exclude-together",
        {"a.yaml": "", "b.yaml": "", "vendor/c.yaml": "", "d.toml": ""},
        [],
        ["*.yaml"],
        ["vendor/", "b.yaml"],
        ["a.yaml"],
    ),
    (
        "overlapping-arguments-yield-each-file-once",
        {"sub/a.yaml": "", "sub/b.yaml": "", "top.yaml": ""},
        ["sub", ".", "sub/a.yaml", "./sub/../top.yaml"],
        [],
        [],
        ["sub/a.yaml", "sub/b.yaml", "top.yaml"],
    ),
    (
        "named-files-come-in-argument-order",
        {"a.yaml": "", "b.yaml": "", "c/d.yaml": ""},
        ["b.yaml", "c", "a.yaml"],
        [],
        [],
        ["b.yaml", "c/d.yaml", "a.yaml"],
    ),
]


@each_row(("files", "paths", "include", "exclude", "expected"), WALK_CASES)
def test_walk(
    project: Path,
    files: dict[str, str | bytes],
    paths: list[str],
    include: list[str],
    exclude: list[str],
    expected: list[str],
) -> None:
    write_tree(project, files)
    assert shown(discover(paths, include=include, exclude=exclude, cwd=project)) == expected


def test_walk_order_is_deterministic(project: Path) -> None:
    # Created in reverse order so directory order on disk differs from name order.
    names = ["z/9.yaml", "z/1.yaml", "m.yaml", "b/x.yaml", "a.yaml"]
    write_tree(project, {name: "" for name in names})
    first = shown(discover(["."], cwd=project))
    second = shown(discover(["."], cwd=project))
    assert first == ["a.yaml", "b/x.yaml", "m.yaml", "z/1.yaml", "z/9.yaml"]
    assert second == first


# --------------------------------------------------------------------------- enclosing repository


REPO_FILES: dict[str, str | bytes] = {
    ".gitignore": "*.log\nbuild/\n",
    ".git/info/exclude": "secret.yaml\n*.tmp\n",
    ".git/HEAD": "ref: refs/heads/main\n",
    "root.yaml": "",
    "app/.gitignore": "!keep.log\n!keep.tmp\n",
    "app/a.yaml": "",
    "app/a.log": "",
    "app/keep.log": "",
    "app/keep.tmp": "",
    "app/other.tmp": "",
    "app/secret.yaml": "",
    "app/build/gen.yaml": "",
    "app/nested/b.log": "",
    "app/nested/c.yaml": "",
    "build/.gitignore": "*.json\n",
    "build/out.yaml": "",
    "build/out.json": "",
    "build/sub/deep.yaml": "",
}


REPO_CASES: list[tuple[str, str, list[str], list[str]]] = [
    (
        "parent-gitignore-and-info-exclude-apply-below-the-repo-root",
        "app",
        [],
        [".gitignore", "a.yaml", "keep.log", "keep.tmp", "nested/c.yaml"],
    ),
    (
        "walk-from-the-repo-root",
        ".",
        [],
        [
            ".gitignore",
            "app/.gitignore",
            "app/a.yaml",
            "app/keep.log",
            "app/keep.tmp",
            "app/nested/c.yaml",
            "root.yaml",
        ],
    ),
    (
        "named-ignored-directory-is-walked-with-its-own-rules",
        ".",
        ["build"],
        ["build/.gitignore", "build/out.yaml", "build/sub/deep.yaml"],
    ),
    (
        "subdirectory-argument-from-the-repo-root",
        ".",
        ["app/nested"],
        ["app/nested/c.yaml"],
    ),
]


@each_row(("cwd_rel", "paths", "expected"), REPO_CASES)
def test_enclosing_repository_rules(tmp_path: Path, cwd_rel: str, paths: list[str], expected: list[str]) -> None:
    # An ignore file above the repository root must not apply.
    write_tree(tmp_path, {".gitignore": "*.yaml\n"})
    repo = tmp_path / "repo"
    write_tree(repo, REPO_FILES)
    assert shown(discover(paths, cwd=repo / cwd_rel)) == expected


def test_without_repository_only_walked_gitignores_apply(tmp_path: Path) -> None:
    write_tree(
        tmp_path,
        {".gitignore": "*.yaml\n", "work/.gitignore": "*.toml\n", "work/a.yaml": "", "work/b.toml": ""},
    )
    assert shown(discover([], cwd=tmp_path / "work")) == [".gitignore", "a.yaml"]


def test_invalid_gitignore_lines_are_dropped(project: Path) -> None:
    write_tree(project, {".gitignore": "!\n*.log\n\\\n", "a.log": "", "a.yaml": ""})
    assert shown(discover([], cwd=project)) == [".gitignore", "a.yaml"]


# --------------------------------------------------------------------------- named paths and fields


def test_explicit_files_are_always_yielded(project: Path) -> None:
    write_tree(
        project,
        {
            ".gitignore": "ignored/\n*.log\n",
            "ignored/conf.yaml": "",
            "node_modules/pkg/c.json": "",
            "x.log": "",
            "ex/d.yaml": "",
        },
    )
    paths = ["ignored/conf.yaml", "node_modules/pkg/c.json", "x.log", "ex/d.yaml"]
    found = list(discover(paths, include=["*.toml"], exclude=["ex/", "*.yaml"], cwd=project))
    assert shown(found) == paths
    assert [(c.explicit, c.root, c.relative) for c in found if isinstance(c, Candidate)] == [
        (True, project, "ignored/conf.yaml"),
        (True, project, "node_modules/pkg/c.json"),
        (True, project, "x.log"),
        (True, project, "ex/d.yaml"),
    ]


def test_candidate_fields(tmp_path: Path) -> None:
    cwd = tmp_path / "cwd"
    other = tmp_path / "other"
    write_tree(cwd, {".git/": "", "conf/a.yaml": "", "b.yaml": ""})
    write_tree(other, {"sub/c.yaml": "", "d.yaml": ""})
    found = list(
        discover(
            ["conf", "./conf/../b.yaml", str(cwd / "conf" / "a.yaml"), "../other", str(other / "d.yaml")],
            cwd=cwd,
        )
    )
    assert found == [
        Candidate(cwd / "conf" / "a.yaml", "conf/a.yaml", cwd / "conf", "a.yaml", False),
        Candidate(cwd / "conf/../b.yaml", "b.yaml", cwd, "b.yaml", True),
        Candidate(cwd / "../other/d.yaml", "../other/d.yaml", cwd / "../other", "d.yaml", False),
        Candidate(cwd / "../other/sub/c.yaml", "../other/sub/c.yaml", cwd / "../other", "sub/c.yaml", False),
    ]


@pytest.mark.parametrize(
    ("arg", "expected"),
    [
        ("conf/", ["conf/a.yaml"]),
        ("./conf//", ["conf/a.yaml"]),
        ("../other", ["../other/d.yaml"]),
        ("../other/d.yaml", ["../other/d.yaml"]),
        ("../cwd/conf/a.yaml", ["conf/a.yaml"]),
        ("OTHER_ABS", ["OTHER_ABS/d.yaml"]),
    ],
)
def test_display_paths(tmp_path: Path, arg: str, expected: list[str]) -> None:
    cwd = tmp_path / "cwd"
    other = tmp_path / "other"
    write_tree(cwd, {".git/": "", "conf/a.yaml": ""})
    write_tree(other, {".git/": "", "d.yaml": ""})
    arg = arg.replace("OTHER_ABS", other.as_posix())
    expected = [item.replace("OTHER_ABS", other.as_posix()) for item in expected]
    assert shown(discover([arg], cwd=cwd)) == expected


def test_file_outside_cwd_is_relative_to_its_directory(tmp_path: Path) -> None:
    write_tree(tmp_path, {"cwd/": "", "other/conf/app.toml": ""})
    (found,) = discover([str(tmp_path / "other" / "conf" / "app.toml")], cwd=tmp_path / "cwd")
    assert isinstance(found, Candidate)
    assert (found.display, found.root, found.relative, found.explicit) == (
        (tmp_path / "other" / "conf" / "app.toml").as_posix(),
        tmp_path / "other" / "conf",
        "app.toml",
        True,
    )


@pytest.mark.parametrize(
    ("paths", "missing"),
    [
        (["a.yaml", "missing.yaml"], "missing.yaml"),
        (["nope/"], "nope/"),
        (["a.yaml/child"], "a.yaml/child"),
        ([""], ""),
    ],
)
def test_missing_path_raises_before_anything_is_yielded(project: Path, paths: list[str], missing: str) -> None:
    write_tree(project, {"a.yaml": ""})
    with pytest.raises(PathNotFound) as info:
        discover(paths, cwd=project)
    assert info.value.path == missing
    assert str(info.value) == f"{missing}: no such file or directory"


def test_invalid_include_or_exclude_glob_raises(project: Path) -> None:
    with pytest.raises(InvalidGlob, match=r"invalid glob '!'"):
        discover([], exclude=["!"], cwd=project)
    with pytest.raises(InvalidGlob, match=r"invalid glob '\\\\'"):
        discover([], include=["*.yaml", "\\"], cwd=project)


def test_default_path_is_cwd(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_tree(project, {"a.yaml": ""})
    monkeypatch.chdir(project)
    assert shown(discover([])) == ["a.yaml"]


# --------------------------------------------------------------------------- special entries


def test_symlink_loops_and_aliases(project: Path) -> None:
    write_tree(project, {"a/x.yaml": "", "z/y.yaml": ""})
    (project / "a" / "up").symlink_to("..", target_is_directory=True)
    (project / "a" / "self").symlink_to(".", target_is_directory=True)
    (project / "b").mkdir()
    (project / "b" / "to_a").symlink_to("../a", target_is_directory=True)
    # Sorted before z: z's files are yielded through the link, and z itself is not walked again.
    (project / "l_to_z").symlink_to("z", target_is_directory=True)
    (project / "x_link.yaml").symlink_to("a/x.yaml")
    assert shown(discover([], cwd=project)) == [
        "a/self -- symlink loop",
        "a/up -- symlink loop",
        "a/x.yaml",
        "b/to_a -- symlink loop",
        "l_to_z/y.yaml",
    ]


def test_symlink_to_directory_outside_is_followed(tmp_path: Path) -> None:
    write_tree(tmp_path, {"proj/.git/": "", "shared/conf.yaml": ""})
    (tmp_path / "proj" / "shared").symlink_to(tmp_path / "shared", target_is_directory=True)
    assert shown(discover([], cwd=tmp_path / "proj")) == ["shared/conf.yaml"]


def test_file_symlink_loop(project: Path) -> None:
    (project / "a").symlink_to("b")
    (project / "b").symlink_to("a")
    assert shown(discover([], cwd=project)) == ["a -- symlink loop", "b -- symlink loop"]


def test_broken_symlinks(project: Path) -> None:
    write_tree(project, {".gitignore": "ignored-link\n", "ok.yaml": ""})
    (project / "dangling.yaml").symlink_to("missing.yaml")
    (project / "ignored-link").symlink_to("missing")
    assert shown(discover([], cwd=project)) == [".gitignore", "dangling.yaml -- broken symlink", "ok.yaml"]
    assert shown(discover(["dangling.yaml"], cwd=project)) == ["dangling.yaml -- broken symlink"]
    assert shown(discover([], exclude=["dangling.yaml"], cwd=project)) == [".gitignore", "ok.yaml"]


@needs_fifo
def test_fifo_is_not_a_regular_file(project: Path) -> None:
    write_tree(project, {"a.yaml": ""})
    os.mkfifo(project / "pipe.yaml")
    assert shown(discover([], cwd=project)) == ["a.yaml", "pipe.yaml -- not a regular file"]
    assert shown(discover(["pipe.yaml"], cwd=project)) == ["pipe.yaml -- not a regular file"]
    assert shown(discover([], exclude=["pipe.yaml"], cwd=project)) == ["a.yaml"]
    candidate = Candidate(project / "pipe.yaml", "pipe.yaml", project, "pipe.yaml", True)
    assert load_text(candidate) == Notice("pipe.yaml", "not a regular file")


@pytest.fixture
def locked(project: Path) -> Iterator[Path]:
    """A directory and a file with no permissions, restored afterwards so tmp_path can be removed."""
    write_tree(project, {"a.yaml": "", "locked/secret.yaml": "", "private.yaml": "x: 1\n"})
    targets = [project / "locked", project / "private.yaml"]
    for target in targets:
        target.chmod(0)
    yield project
    for target in targets:
        target.chmod(0o700)


@needs_non_root
def test_unreadable_directory(locked: Path) -> None:
    assert shown(discover([], cwd=locked)) == [
        "a.yaml",
        "locked -- unreadable: Permission denied",
        "private.yaml",
    ]
    assert shown(discover(["locked"], cwd=locked)) == ["locked -- unreadable: Permission denied"]


@needs_non_root
def test_unreadable_file(locked: Path) -> None:
    candidate = Candidate(locked / "private.yaml", "private.yaml", locked, "private.yaml", True)
    assert load_text(candidate) == Notice("private.yaml", "unreadable: Permission denied")
