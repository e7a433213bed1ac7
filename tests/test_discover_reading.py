"""Tests for keyshift.check.discover's reading of a candidate's text (load_text) and its glob matching
(matches_globs)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from keyshift.check import discover as discover_module
from keyshift.check.discover import Candidate, InvalidGlob, Notice, glob_matcher, matches_globs
from keyshift.check.reading import DEFAULT_MAX_BYTES, LoadedText, load_text
from support.tables import each_row

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
    ("too-large", b"x" * 11, 10, Notice("f", "larger than 10 bytes (the --max-file-size limit)")),
    ("exactly-the-limit", b"x" * 10, 10, LoadedText("x" * 10, False, "\n")),
]


@each_row(("data", "max_bytes", "expected"), LOAD_CASES)
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
    assert load_text(candidate) == Notice("huge.yaml", "larger than 2 MiB (the --max-file-size limit)")


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


ONE_GLOB = sorted({glob for _, globs, _ in GLOB_CASES for glob in globs} | {"# comment", "", "!x.yaml", "a/**/b"})
PATHS = sorted({relative for relative, _, _ in GLOB_CASES} | {"a/b", "a/x/y/b", "x.yaml", "b"})


@pytest.mark.parametrize("glob", ONE_GLOB)
def test_a_compiled_glob_matches_as_the_spec_does(glob: str) -> None:
    matches = glob_matcher(glob)
    assert [matches(path) for path in PATHS] == [matches_globs(path, [glob]) for path in PATHS]


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
