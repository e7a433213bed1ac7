"""The fix engine with stand-in format fixers: which fix each finding offers, verification,
atomic writes, --diff and exit codes.  (The real fixers are tested per format and by the corpus.)"""

from __future__ import annotations

import os
import pickle
from dataclasses import replace
from pathlib import Path

import pytest

from helpers import run_cli, write_tree
from keyshift.check.roles import prepare
from keyshift.check.scan import ScanOptions, ScanResult, scan
from keyshift.core.edits import FixRequest, PlannedFix
from keyshift.core.identity import fingerprint
from keyshift.core.model import Edit, Finding, ParsedFile
from keyshift.fix import engine as fixer
from keyshift.fix.policy import fix_option
from keyshift.fix.remaining import remaining_scan
from keyshift.fix.verify import verify
from keyshift.fix.write import WriteError, write_atomic
from keyshift.formats import get_parser
from keyshift.matrix import parse_matrix, resolve_targets
from support.fix_cases import find_occurrence

MATRIX = """\
[product]
name = "p"
versions = ["1.0", "2.0", "3.0"]
files = ["app.yaml", "app.json"]
to = "2.0"

[keys."a.old"]
removed = "2.0"
replaced-by = "a.new"

[keys."a.mapped"]
removed = "2.0"
replaced-by = "a.flag"
value-map = { on = true }

[keys."a.gone"]
removed = "2.0"

[keys."a.dep"]
deprecated = "2.0"

[keys."a.future"]
added = "3.0"

[keys."a.req"]
required = "2.0"
expect = true

[keys."a.free"]
required = "2.0"

[[keys."a.mode".values]]
value = "slow"
removed = "2.0"
replaced-by = "fast"

[[keys."a.mode".values]]
value = "odd"
removed = "2.0"
"""


def _options(tmp_path: Path, text: str, unsafe: bool = False) -> dict[str, object]:
    (tmp_path / "app.yaml").write_text(text)
    matrix = parse_matrix(MATRIX, "m.toml")
    result = scan([matrix], resolve_targets([matrix]), ScanOptions(paths=(str(tmp_path / "app.yaml"),)))
    (scanned,) = result.files
    out: dict[str, object] = {}
    for format_name, match in scanned.check.matches:
        option = fix_option(match, format_name, unsafe)
        label = f"{match.finding.code} {match.finding.found or match.finding.key}"
        out[label] = (
            option if isinstance(option, str) else (option.request.op, option.applicability, option.description)
        )
    return out


def test_fix_option_for_each_kind(tmp_path: Path) -> None:
    text = "a:\n  old: 1\n  mapped: on\n  gone: 1\n  dep: 1\n  future: 1\n  req: false\n  mode: slow\n"
    assert _options(tmp_path, text) == {
        "KS102 a.old": ("rename", "safe", "a.old -> a.new"),
        "KS102 a.mapped": ("rename", "safe", "a.mapped -> a.flag = true"),
        "KS101 a.gone": ("comment-out", "safe", "comment out a.gone"),
        "KS103 a.dep": "no automatic fix for this kind of finding",
        "KS104 a.future": "no automatic fix for this kind of finding",
        "KS202 a.req": ("set-value", "safe", "a.req: false -> true"),
        "KS301 a.mode": ("set-value", "safe", "a.mode: slow -> fast"),
        "KS201 a.free": "the matrix gives no expected value to add (set expect)",
    }


def test_fix_option_unsafe_deletes_and_unmappable_values_and_conflicts(tmp_path: Path) -> None:
    text = "a:\n  gone: 1\n  mapped: maybe\n  old: 1\n  new: 2\n  mode: odd\n"
    assert _options(tmp_path, text, unsafe=True) == {
        "KS101 a.gone": ("delete", "unsafe", "delete a.gone"),
        "KS102 a.mapped": "no value-map entry for maybe; rename it by hand",
        "KS102 a.old": "conflict: a.new is already set to another value; keep one by hand",
        "KS301 a.mode": "the matrix gives no replacement value",
        "KS201 a.req": ("add", "safe", "add a.req = true"),
        "KS201 a.free": "the matrix gives no expected value to add (set expect)",
    }


def test_fix_option_deletes_the_old_key_when_the_new_one_holds_the_same_value(tmp_path: Path) -> None:
    options = _options(tmp_path, "a:\n  old: 1\n  new: 1\n  req: true\n  free: 1\n")
    assert options == {"KS102 a.old": ("delete", "safe", "delete a.old (a.new already holds the same value)")}


def _yaml(text: str) -> ParsedFile:
    return get_parser("yaml")(text)


@pytest.mark.parametrize(
    ("before", "after", "request_args", "problem"),
    [
        ("a:\n  old: 1\n  x: 2\n", "a:\n  new: 1\n  x: 2\n", ("rename", ("a", "old"), ("a", "new")), None),
        ("a:\n  old: 1\n  x: 2\n", "a:\n  new: 1\n  x: 3\n", ("rename", ("a", "old"), ("a", "new")), "lost: ['a.x']"),
        ("a:\n  old: 1\n", "a:\n  old: 1\n", ("rename", ("a", "old"), ("a", "new")), "lost: ['a.new']"),
        ("a:\n  old: 1\n", "a: [", ("rename", ("a", "old"), ("a", "new")), "would not parse"),
        ("a:\n  old: {x: 1}\n", "a:\n  b:\n    new: {x: 1}\n", ("rename", ("a", "old"), ("a", "b", "new")), None),
        ("a:\n  gone: 1\n  k: 2\n", "a:\n  k: 2\n", ("delete", ("a", "gone"), None), None),
        ("a:\n  m: x\n", "a:\n  m: y\n", ("set-value", ("a", "m"), None), None),
        ("a:\n  m: x\n", "a:\n  m: x\n---\nb: 1\n", ("set-value", ("a", "m"), None), "number of documents"),
    ],
)
def test_verify(
    before: str, after: str, request_args: tuple[str, tuple[str, ...], tuple[str, ...] | None], problem: str | None
) -> None:
    parsed = _yaml(before)
    op, old, new = request_args
    request = FixRequest(op, 0, find_occurrence(parsed, old), new_path=new, value="y", has_value=op == "set-value")  # type: ignore[arg-type]
    result = verify(parsed, after, [request])
    if problem is None:
        assert result is None
    else:
        assert result is not None and problem in result


def _rename_in_place(parsed: ParsedFile, request: FixRequest) -> PlannedFix:
    assert request.occurrence is not None and request.new_path is not None
    span = request.occurrence.key_span
    return PlannedFix((Edit(span.start.offset, span.end.offset, request.new_path[-1]),))


def _garble(parsed: ParsedFile, request: FixRequest) -> PlannedFix:
    assert request.occurrence is not None
    span = request.occurrence.key_span
    return PlannedFix((Edit(span.start.offset, span.end.offset, "x: [\n"),))


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    write_tree(
        tmp_path,
        {
            "deprecations.toml": MATRIX,
            "app.yaml": "# keep\na:\n  old: 1  # c\n  req: true\n  free: 1\n",
            "other.yaml": "a:\n  ok: 1\n",
        },
    )
    (tmp_path / "app.yaml").chmod(0o640)
    return tmp_path


def test_fix_writes_atomically_keeps_mode_and_leaves_other_files_alone(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(fixer, "get_fixer", lambda fmt: _rename_in_place)
    other = tree / "other.yaml"
    before = os.stat(other)
    result = run_cli(["fix"], tree)
    assert (tree / "app.yaml").read_text() == "# keep\na:\n  new: 1  # c\n  req: true\n  free: 1\n"
    assert os.stat(tree / "app.yaml").st_mode & 0o777 == 0o640
    after = os.stat(other)
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)
    left = sorted(p.name for p in tree.iterdir() if p.name != ".keyshift_cache")  # the result cache is not a temp file
    assert left == ["app.yaml", "deprecations.toml", "other.yaml"]
    assert result.stdout.splitlines()[0] == "fixed app.yaml:3:3 KS102 a.old -> a.new"
    assert result.exit_code == 0


def test_a_fix_that_fails_verification_leaves_the_file_untouched(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fixer, "get_fixer", lambda fmt: _garble)
    original = (tree / "app.yaml").read_bytes()
    result = run_cli(["fix"], tree)
    assert (tree / "app.yaml").read_bytes() == original
    assert "app.yaml: left unchanged: the fixed file would not parse" in result.stderr
    assert result.exit_code == 1


def test_diff_writes_nothing_and_prints_a_unified_diff(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fixer, "get_fixer", lambda fmt: _rename_in_place)
    original = (tree / "app.yaml").read_bytes()
    result = run_cli(["fix", "--diff"], tree)
    assert (tree / "app.yaml").read_bytes() == original
    assert result.stdout == (
        "--- a/app.yaml\n+++ b/app.yaml\n@@ -1,5 +1,5 @@\n"
        " # keep\n a:\n-  old: 1  # c\n+  new: 1  # c\n   req: true\n   free: 1\n"
    )
    assert result.exit_code == 1
    assert run_cli(["check", "--fix", "--diff"], tree).stdout == result.stdout


def test_file_changed_on_disk_is_not_overwritten(tmp_path: Path) -> None:
    target = tmp_path / "f.yaml"
    target.write_text("a: 2\n")
    with pytest.raises(WriteError, match="changed on disk"):
        write_atomic(target, "a: 1\n", "b: 1\n", has_bom=False)
    assert target.read_text() == "a: 2\n"


def test_write_atomic_restores_the_bom(tmp_path: Path) -> None:
    target = tmp_path / "f.yaml"
    target.write_bytes(b"\xef\xbb\xbfa: 1\r\n")
    write_atomic(target, "a: 1\r\n", "b: 1\r\n", has_bom=True)
    assert target.read_bytes() == b"\xef\xbb\xbfb: 1\r\n"


@pytest.mark.parametrize("args", [["check", "--unsafe"], ["check", "--diff"]])
def test_fix_flags_without_fix_are_usage_errors(tree: Path, args: list[str]) -> None:
    result = run_cli(args, tree)
    assert result.exit_code == 2
    assert "--unsafe and --diff go with fix" in result.stderr


def test_a_fixer_that_crashes_leaves_the_file_alone_and_the_run_goes_on(
    tree: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(parsed: ParsedFile, request: FixRequest) -> PlannedFix:
        raise KeyError("boom")

    monkeypatch.setattr(fixer, "get_fixer", lambda fmt: broken)
    original = (tree / "app.yaml").read_bytes()
    result = run_cli(["fix"], tree)
    assert (tree / "app.yaml").read_bytes() == original
    assert "app.yaml: left unchanged: internal error while fixing (KeyError: 'boom'); please report it" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.exit_code == 1


def test_a_scan_result_is_plain_values_that_pickle_and_round_trip(tmp_path: Path) -> None:
    write_tree(tmp_path, {"app.yaml": "a:\n  old: 1\n  mode: slow\n", "app.json": '{"a": {"gone": 1}}\n'})
    matrix = parse_matrix(MATRIX, "m.toml")
    result = scan([matrix], resolve_targets([matrix]), ScanOptions(paths=(str(tmp_path),)))
    assert len(result.files) == 2
    assert pickle.loads(pickle.dumps(result)) == result


def test_a_finding_keeps_its_fingerprint_when_it_moves_but_not_its_located_one() -> None:
    finding = Finding("app.yaml", 2, 3, 2, 6, "KS102", "renamed", "warning", "m", key="a.old", found="a.old")
    moved = replace(finding, line=3, end_line=3, column=5)
    assert fingerprint(moved) == fingerprint(finding)
    assert fingerprint(moved, located=True) != fingerprint(finding, located=True)
    # a finding with no spelling (a missing key) is about its line
    missing = replace(finding, code="KS201", kind="missing", found=None)
    assert fingerprint(replace(missing, line=3)) != fingerprint(missing)
    # the same finding reported twice at one place is one finding, however it was spelled
    assert fingerprint(replace(finding, found="a . old"), located=True) == fingerprint(finding, located=True)


def _fix_and_compare(tmp_path: Path, options: ScanOptions, before_write=None) -> ScanResult:  # type: ignore[no-untyped-def]
    """Fix the tree (calling ``before_write`` after the scan), then compare the remaining scan with a
    new scan of the tree."""
    matrix = parse_matrix(MATRIX, "m.toml")
    targets = resolve_targets([matrix])
    products = prepare([matrix], targets)
    first = scan([matrix], targets, options, products=products)
    if before_write is not None:
        before_write()  # the fixer works on the text the scan read, not on the file as it is now
    results = fixer.fix_all(first.files, products, unsafe=False, write=True)
    remaining = remaining_scan(first, results, products, options)
    fresh = scan([matrix], targets, options)
    assert (remaining.findings, remaining.summary) == (fresh.findings, fresh.summary)
    return remaining


def test_the_remaining_findings_are_those_of_the_fixed_text(tmp_path: Path) -> None:
    write_tree(tmp_path, {"app.yaml": "a:\n  old: 1\n  dep: 1\n", "app.json": '{"a": {"free": 1}}\n'})
    remaining = _fix_and_compare(tmp_path, ScanOptions(paths=(str(tmp_path),)))
    assert [(f.code, f.key) for f in remaining.findings] == [("KS201", "a.free"), ("KS103", "a.dep")]
    assert (tmp_path / "app.yaml").read_text().startswith("a:\n  new: 1\n")


def test_a_file_changed_on_disk_before_the_write_is_checked_again(tmp_path: Path) -> None:
    write_tree(tmp_path, {"app.yaml": "a:\n  old: 1\n"})
    edited = "a:\n  old: 1\n  gone: 2\n"
    remaining = _fix_and_compare(
        tmp_path, ScanOptions(paths=(str(tmp_path),)), lambda: (tmp_path / "app.yaml").write_text(edited)
    )
    assert (tmp_path / "app.yaml").read_text() == edited
    assert "KS101" in [f.code for f in remaining.findings]


def test_a_fixed_file_grown_past_the_size_limit_is_skipped_as_a_new_scan_would(tmp_path: Path) -> None:
    text = "a:\n  gone: 1\n  req: true\n  free: 1\n"
    write_tree(tmp_path, {"app.yaml": text})
    options = replace(ScanOptions(paths=(str(tmp_path),)), max_bytes=len(text))
    remaining = _fix_and_compare(tmp_path, options)
    assert len((tmp_path / "app.yaml").read_bytes()) > len(text)
    assert (remaining.summary.files_scanned, remaining.summary.files_skipped, remaining.findings) == (0, 1, ())
