"""Tests for keyshift.check.discover: which files a run scans and how their text is read."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

import pytest

from keyshift.check import discover as discover_module
from keyshift.check.discover import (
    DEFAULT_MAX_BYTES,
    Candidate,
    InvalidGlob,
    LoadedText,
    Notice,
    PathNotFound,
    discover,
    load_text,
    matches_globs,
)

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
needs_non_root = pytest.mark.skipif(IS_ROOT, reason="root can read everything")
needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no fifos on this platform")


def make_tree(base: Path, files: dict[str, str | bytes]) -> None:
    """Create files (and their directories); a name ending in '/' makes an empty directory."""
    for name, content in files.items():
        target = base / name
        if name.endswith("/"):
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")


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


@pytest.mark.parametrize(
    ("files", "paths", "include", "exclude", "expected"),
    [case[1:] for case in WALK_CASES],
    ids=[case[0] for case in WALK_CASES],
)
def test_walk(
    project: Path,
    files: dict[str, str | bytes],
    paths: list[str],
    include: list[str],
    exclude: list[str],
    expected: list[str],
) -> None:
    make_tree(project, files)
    assert shown(discover(paths, include=include, exclude=exclude, cwd=project)) == expected


def test_walk_order_is_deterministic(project: Path) -> None:
    # Created in reverse order so directory order on disk differs from name order.
    names = ["z/9.yaml", "z/1.yaml", "m.yaml", "b/x.yaml", "a.yaml"]
    make_tree(project, {name: "" for name in names})
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


@pytest.mark.parametrize(
    ("cwd_rel", "paths", "expected"),
    [case[1:] for case in REPO_CASES],
    ids=[case[0] for case in REPO_CASES],
)
def test_enclosing_repository_rules(tmp_path: Path, cwd_rel: str, paths: list[str], expected: list[str]) -> None:
    # An ignore file above the repository root must not apply.
    make_tree(tmp_path, {".gitignore": "*.yaml\n"})
    repo = tmp_path / "repo"
    make_tree(repo, REPO_FILES)
    assert shown(discover(paths, cwd=repo / cwd_rel)) == expected


def test_without_repository_only_walked_gitignores_apply(tmp_path: Path) -> None:
    make_tree(
        tmp_path,
        {".gitignore": "*.yaml\n", "work/.gitignore": "*.toml\n", "work/a.yaml": "", "work/b.toml": ""},
    )
    assert shown(discover([], cwd=tmp_path / "work")) == [".gitignore", "a.yaml"]


def test_invalid_gitignore_lines_are_dropped(project: Path) -> None:
    make_tree(project, {".gitignore": "!\n*.log\n\\\n", "a.log": "", "a.yaml": ""})
    assert shown(discover([], cwd=project)) == [".gitignore", "a.yaml"]


# --------------------------------------------------------------------------- named paths and fields


def test_explicit_files_are_always_yielded(project: Path) -> None:
    make_tree(
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
    make_tree(cwd, {".git/": "", "conf/a.yaml": "", "b.yaml": ""})
    make_tree(other, {"sub/c.yaml": "", "d.yaml": ""})
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
    make_tree(cwd, {".git/": "", "conf/a.yaml": ""})
    make_tree(other, {".git/": "", "d.yaml": ""})
    arg = arg.replace("OTHER_ABS", other.as_posix())
    expected = [item.replace("OTHER_ABS", other.as_posix()) for item in expected]
    assert shown(discover([arg], cwd=cwd)) == expected


def test_file_outside_cwd_is_relative_to_its_directory(tmp_path: Path) -> None:
    make_tree(tmp_path, {"cwd/": "", "other/conf/app.toml": ""})
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
    make_tree(project, {"a.yaml": ""})
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
    make_tree(project, {"a.yaml": ""})
    monkeypatch.chdir(project)
    assert shown(discover([])) == ["a.yaml"]


# --------------------------------------------------------------------------- special entries


def test_symlink_loops_and_aliases(project: Path) -> None:
    make_tree(project, {"a/x.yaml": "", "z/y.yaml": ""})
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
    make_tree(tmp_path, {"proj/.git/": "", "shared/conf.yaml": ""})
    (tmp_path / "proj" / "shared").symlink_to(tmp_path / "shared", target_is_directory=True)
    assert shown(discover([], cwd=tmp_path / "proj")) == ["shared/conf.yaml"]


def test_file_symlink_loop(project: Path) -> None:
    (project / "a").symlink_to("b")
    (project / "b").symlink_to("a")
    assert shown(discover([], cwd=project)) == ["a -- symlink loop", "b -- symlink loop"]


def test_broken_symlinks(project: Path) -> None:
    make_tree(project, {".gitignore": "ignored-link\n", "ok.yaml": ""})
    (project / "dangling.yaml").symlink_to("missing.yaml")
    (project / "ignored-link").symlink_to("missing")
    assert shown(discover([], cwd=project)) == [".gitignore", "dangling.yaml -- broken symlink", "ok.yaml"]
    assert shown(discover(["dangling.yaml"], cwd=project)) == ["dangling.yaml -- broken symlink"]
    assert shown(discover([], exclude=["dangling.yaml"], cwd=project)) == [".gitignore", "ok.yaml"]


@needs_fifo
def test_fifo_is_not_a_regular_file(project: Path) -> None:
    make_tree(project, {"a.yaml": ""})
    os.mkfifo(project / "pipe.yaml")
    assert shown(discover([], cwd=project)) == ["a.yaml", "pipe.yaml -- not a regular file"]
    assert shown(discover(["pipe.yaml"], cwd=project)) == ["pipe.yaml -- not a regular file"]
    assert shown(discover([], exclude=["pipe.yaml"], cwd=project)) == ["a.yaml"]
    candidate = Candidate(project / "pipe.yaml", "pipe.yaml", project, "pipe.yaml", True)
    assert load_text(candidate) == Notice("pipe.yaml", "not a regular file")


@pytest.fixture
def locked(project: Path) -> Iterator[Path]:
    """A directory and a file with no permissions, restored afterwards so tmp_path can be removed."""
    make_tree(project, {"a.yaml": "", "locked/secret.yaml": "", "private.yaml": "x: 1\n"})
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


# --------------------------------------------------------------------------- reading

LOAD_CASES: list[tuple[str, bytes, int, LoadedText | Notice]] = [
    ("lf", b"a: 1\nb: 2\n", DEFAULT_MAX_BYTES, LoadedText("a: 1\nb: 2\n", False, "\n")),
    ("crlf-kept", b"a: 1\r\nb: 2\r\n", DEFAULT_MAX_BYTES, LoadedText("a: 1\r\nb: 2\r\n", False, "\r\n")),
    ("first-ending-decides", b"a: 1\nb: 2\r\n", DEFAULT_MAX_BYTES, LoadedText("a: 1\nb: 2\r\n", False, "\n")),
    ("no-newline", b"a: 1", DEFAULT_MAX_BYTES, LoadedText("a: 1", False, "\n")),
    ("empty", b"", DEFAULT_MAX_BYTES, LoadedText("", False, "\n")),
    ("bom-stripped", b"\xef\xbb\xbfa: 1\r\n", DEFAULT_MAX_BYTES, LoadedText("a: 1\r\n", True, "\r\n")),
    ("bom-only", b"\xef\xbb\xbf", DEFAULT_MAX_BYTES, LoadedText("", True, "\n")),
    ("non-ascii", "k: café ✓\n".encode(), DEFAULT_MAX_BYTES, LoadedText("k: café ✓\n", False, "\n")),
    ("lone-cr-kept", b"a\rb\n", DEFAULT_MAX_BYTES, LoadedText("a\rb\n", False, "\n")),
    ("binary", b"PK\x03\x04\x00\x00", DEFAULT_MAX_BYTES, Notice("f", "binary file")),
    ("nul-at-8191", b"a" * 8191 + b"\x00", DEFAULT_MAX_BYTES, Notice("f", "binary file")),
    (
        "nul-after-8192",
        b"a" * 8192 + b"\x00",
        DEFAULT_MAX_BYTES,
        LoadedText("a" * 8192 + "\x00", False, "\n"),
    ),
    ("latin-1", b"name: caf\xe9\n", DEFAULT_MAX_BYTES, Notice("f", "not UTF-8 text (byte 0xE9 at offset 9)")),
    (
        "latin-1-after-bom",
        b"\xef\xbb\xbfcaf\xe9",
        DEFAULT_MAX_BYTES,
        Notice("f", "not UTF-8 text (byte 0xE9 at offset 6)"),
    ),
    (
        "truncated-sequence",
        b"ab\xc3",
        DEFAULT_MAX_BYTES,
        Notice("f", "not UTF-8 text (byte 0xC3 at offset 2)"),
    ),
    ("utf-16", "a: 1\n".encode("utf-16"), DEFAULT_MAX_BYTES, Notice("f", "binary file")),
    ("too-large", b"x" * 11, 10, Notice("f", "larger than 10 bytes")),
    ("exactly-the-limit", b"x" * 10, 10, LoadedText("x" * 10, False, "\n")),
]


@pytest.mark.parametrize(
    ("data", "max_bytes", "expected"),
    [case[1:] for case in LOAD_CASES],
    ids=[case[0] for case in LOAD_CASES],
)
def test_load_text(tmp_path: Path, data: bytes, max_bytes: int, expected: LoadedText | Notice) -> None:
    path = tmp_path / "f"
    path.write_bytes(data)
    assert load_text(Candidate(path, "f", tmp_path, "f", True), max_bytes) == expected


def test_load_text_does_not_read_a_huge_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.yaml"
    with path.open("wb") as handle:
        handle.truncate(DEFAULT_MAX_BYTES + 1)  # sparse: no real data written

    def refuse(*args: object) -> int:
        raise AssertionError("opened a file that is too large")

    monkeypatch.setattr(os, "open", refuse)
    candidate = Candidate(path, "huge.yaml", tmp_path, "huge.yaml", True)
    assert load_text(candidate) == Notice("huge.yaml", f"larger than {DEFAULT_MAX_BYTES} bytes")


def test_load_text_missing_file(tmp_path: Path) -> None:
    candidate = Candidate(tmp_path / "gone.yaml", "gone.yaml", tmp_path, "gone.yaml", True)
    assert load_text(candidate) == Notice("gone.yaml", "unreadable: No such file or directory")


def test_load_text_directory(tmp_path: Path) -> None:
    candidate = Candidate(tmp_path, "dir", tmp_path, "dir", True)
    assert load_text(candidate) == Notice("dir", "not a regular file")


# --------------------------------------------------------------------------- globs

GLOB_CASES: list[tuple[str, list[str], bool]] = [
    ("dten.yaml", ["dten.yaml"], True),
    ("deploy/dten.yaml", ["dten.yaml"], True),
    ("dten.yml", ["dten.yaml"], False),
    ("conf/app.toml", ["conf/*.toml"], True),
    ("x/conf/app.toml", ["conf/*.toml"], False),
    ("conf/sub/app.toml", ["conf/*.toml"], False),
    ("values.yaml", ["**/values.yaml"], True),
    ("charts/a/values.yaml", ["**/values.yaml"], True),
    ("charts/a/values.yaml.bak", ["**/values.yaml"], False),
    ("charts/a/values.yaml", ["charts/**/*.yaml"], True),
    ("a.yaml", [], False),
    ("a.yaml", ["*.toml", "*.yaml"], True),
    ("secret.yaml", ["*.yaml", "!secret.yaml"], False),
    ("other.yaml", ["*.yaml", "!secret.yaml"], True),
    ("build/x.yaml", ["build/"], True),
    ("build", ["build/"], False),
]


@pytest.mark.parametrize(("relative", "globs", "expected"), GLOB_CASES)
def test_matches_globs(relative: str, globs: list[str], expected: bool) -> None:
    assert matches_globs(relative, globs) is expected


def test_matches_globs_caches_compiled_specs() -> None:
    discover_module._compile_globs.cache_clear()
    assert matches_globs("a.yaml", ["*.yaml", "conf/*.toml"]) is True
    assert matches_globs("conf/b.toml", ("*.yaml", "conf/*.toml")) is True
    info = discover_module._compile_globs.cache_info()
    assert (info.misses, info.hits) == (1, 1)


@pytest.mark.parametrize("glob", ["!", "\\"])
def test_matches_globs_rejects_invalid_glob(glob: str) -> None:
    with pytest.raises(InvalidGlob) as info:
        matches_globs("a.yaml", ["*.yaml", glob])
    assert info.value.pattern == glob
