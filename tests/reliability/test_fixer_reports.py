"""The fixer never reports what did not happen (issue 10, defects 8, 9, 10, 11 and 17).

- A file that cannot be written gets no ``fixed`` line and no ``"applied": true``; the counts agree.
- A fix that changes nothing, or that a later pass undoes (a rename cycle, two products fighting), is
  reported as not fixed, once, instead of running every pass.
- Fixes that write the same key, or leave the same mapping, go together: a script assigning a renamed
  variable 105 times is fixed in one run, and a second run changes nothing.  When the pass limit is
  reached anyway, the report says so, in every format, and the file is left as it was.
- Every ``fixed`` and ``not fixed`` line is at its finding's place in the file as it was.

Matrices that matrix validation refuses (a NaN ``expect``, a rename cycle) are built here as values,
so that these tests check the fixer itself.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from helpers import CliResult, run_cli, write_tree
from keyshift.fix import engine
from keyshift.matrix import Matrix, parse_matrix
from keyshift.report.fixes import counted

PRODUCT = (
    '[product]\nname = "{name}"\nversions = ["1.0", "2.0"]\nfiles = ["app.yaml", "app.toml", "app.json"]\nto = "2.0"\n'
)


def _matrix(body: str, name: str = "p") -> Matrix:
    return parse_matrix(PRODUCT.format(name=name) + body, f"{name}.toml")


def _rules(*bodies: str) -> Matrix:
    """One matrix holding every rule of ``bodies``, each read alone: how a cycle gets past validation."""
    parts = [_matrix(body) for body in bodies]
    return replace(parts[0], keys=tuple(rule for part in parts for rule in part.keys))


def _fix(
    monkeypatch: pytest.MonkeyPatch, root: Path, matrices: Sequence[Matrix], *args: str, fmt: str = "text"
) -> CliResult:
    monkeypatch.setattr("keyshift.app.prepare.load_matrices", lambda *_: list(matrices))
    return run_cli(["fix", "--no-cache", "--format", fmt, *args], root)


def _fixes(result: CliResult) -> list[tuple[str, int, int, bool, str | None]]:
    return [(f["code"], f["line"], f["column"], f["applied"], f["reason"]) for f in json.loads(result.stdout)["fixes"]]


RENAMED = '[keys."a.old"]\nremoved = "2.0"\nreplaced-by = "a.new"\n[keys."a.gone"]\nremoved = "2.0"\n'
APP = "a:\n  old: 1\n  gone: 2\n  keep: 3\n"


# --------------------------------------------------------------------------- defect 8: a write that fails


def _changing_on_disk(monkeypatch: pytest.MonkeyPatch) -> None:
    """Someone edits each file after keyshift fixed it and before it writes it back."""
    real = engine.fix_file

    def fix_then_edit(scanned, *args, **kwargs):  # type: ignore[no-untyped-def]
        result = real(scanned, *args, **kwargs)
        with open(scanned.candidate.path, "a", encoding="utf-8") as handle:
            handle.write("# edited meanwhile\n")
        return result

    monkeypatch.setattr(engine, "fix_file", fix_then_edit)


@pytest.mark.parametrize("fmt", ["text", "concise", "json"])
def test_a_file_that_changed_on_disk_reports_no_fix_as_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    write_tree(tmp_path, {"app.yaml": APP})
    _changing_on_disk(monkeypatch)
    result = _fix(monkeypatch, tmp_path, [_matrix(RENAMED)], fmt=fmt)
    assert (tmp_path / "app.yaml").read_text() == APP + "# edited meanwhile\n"
    reason = "the file was left unchanged: the file changed on disk while keyshift was fixing it"
    if fmt == "json":
        report = json.loads(result.stdout)
        assert _fixes(result) == [("KS102", 2, 3, False, reason), ("KS101", 3, 3, False, reason)]
        assert report["fix_errors"] == [
            {"path": "app.yaml", "message": "left unchanged: the file changed on disk while keyshift was fixing it"}
        ]
    else:
        lines = result.stdout.splitlines()
        assert not [line for line in lines if line.startswith("fixed ")]
        assert f"not fixed app.yaml:2:3 KS102 a.old: {reason}" in lines
        assert "error app.yaml: left unchanged: the file changed on disk while keyshift was fixing it" in lines
        assert "Fixed 0 findings in 0 files; 2 remaining." in lines
    assert result.exit_code == 1


def test_a_write_refused_by_the_file_system_reports_no_fix_as_made(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_tree(tmp_path, {"app.yaml": APP, "other.yaml": "a:\n  old: 1\n"})

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("keyshift.fix.write.os.replace", refuse)
    result = _fix(monkeypatch, tmp_path, [_matrix(RENAMED)])
    assert (tmp_path / "app.yaml").read_text() == APP
    assert not [line for line in result.stdout.splitlines() if line.startswith("fixed ")]
    assert "Fixed 0 findings in 0 files; 3 remaining." in result.stdout
    assert sorted(p.name for p in tmp_path.iterdir()) == ["app.yaml", "other.yaml"]  # no temporary file left


# --------------------------------------------------------------------------- defect 9: no-ops and cycles


def test_a_fix_that_would_change_nothing_is_reported_once_and_not_applied(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    matrix = _matrix('[keys."a.b"]\nrequired = "2.0"\nexpect = 0.5\n')
    nan = replace(matrix, keys=tuple(replace(rule, expect=float("nan")) for rule in matrix.keys))
    write_tree(tmp_path, {"app.yaml": "a:\n  b: .nan\n"})
    result = _fix(monkeypatch, tmp_path, [nan])
    assert result.stdout.splitlines()[:2] == [
        "not fixed app.yaml:2:6 KS202 a.b: a.b already holds nan: the fix would change nothing"
        " (a NaN never equals itself); check the matrix",
        "Fixed 0 findings in 0 files; 1 remaining.",
    ]
    assert (tmp_path / "app.yaml").read_text() == "a:\n  b: .nan\n"


def test_a_planned_edit_that_changes_no_text_is_not_counted_as_a_fix(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from keyshift.core.edits import PlannedFix
    from keyshift.core.model import Edit

    def same_text(parsed, request):  # type: ignore[no-untyped-def]
        span = request.occurrence.key_span
        return PlannedFix((Edit(span.start.offset, span.end.offset, parsed.text[span.start.offset : span.end.offset]),))

    monkeypatch.setattr(engine, "get_fixer", lambda fmt: same_text)
    write_tree(tmp_path, {"app.yaml": "a:\n  old: 1\n"})
    result = _fix(monkeypatch, tmp_path, [_matrix(RENAMED)], fmt="json")
    assert _fixes(result) == [
        ("KS102", 2, 3, False, "the fix would leave the file as it is (a.old -> a.new); check the matrix's rule")
    ]


CYCLE = ('[keys."a.x"]\nremoved = "2.0"\nreplaced-by = "a.y"\n', '[keys."a.y"]\nremoved = "2.0"\nreplaced-by = "a.x"\n')


@pytest.mark.parametrize("run", [1, 2])
def test_a_rename_cycle_stops_where_it_would_go_round_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run: int
) -> None:
    """a.x -> a.y -> a.x: the first rename is made, the one that would undo it is not; a second run
    changes nothing and claims nothing (it was 100 passes, "Fixed 100 findings" and x requoted)."""
    write_tree(tmp_path, {"app.yaml": "a:\n  x: 1\n"})
    for _ in range(run):
        result = _fix(monkeypatch, tmp_path, [_rules(*CYCLE)])
    cycle = (
        "not fixed app.yaml:2:3 KS102 a.y: fixing it starts a cycle (a.y -> a.x; a.x -> a.y):"
        " the matrix's rules undo each other; fix it by hand"
    )
    expected = ["fixed app.yaml:2:3 KS102 a.x -> a.y", cycle] if run == 1 else [cycle]
    assert result.stdout.splitlines()[: len(expected) + 1] == [
        *expected,
        f"Fixed {counted(2 - run, 'finding')} in {counted(2 - run, 'file')}; 1 remaining.",
    ]
    assert (tmp_path / "app.yaml").read_text() == 'a:\n  "y": 1\n'  # y alone is a YAML 1.1 boolean


def test_two_products_fighting_over_a_value_stop_and_say_so(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    one = _matrix('[keys."a.b"]\nrequired = "2.0"\nexpect = 1\n', "one")
    two = _matrix('[keys."a.b"]\nrequired = "2.0"\nexpect = 2\n', "two")
    write_tree(tmp_path, {"app.yaml": "a:\n  b: 3\n"})
    result = _fix(monkeypatch, tmp_path, [one, two])
    assert result.stdout.splitlines()[:3] == [
        "fixed app.yaml:2:6 KS202 a.b: 3 -> 1",
        "not fixed app.yaml:2:6 KS202 a.b: fixing it starts a cycle (a.b: 1 -> 2; a.b: 2 -> 1):"
        " the matrix's rules undo each other; fix it by hand",
        "Fixed 1 finding in 1 file; 1 remaining.",
    ]
    assert (tmp_path / "app.yaml").read_text() == "a:\n  b: 1\n"
    _fix(monkeypatch, tmp_path, [one, two])
    assert (tmp_path / "app.yaml").read_text() == "a:\n  b: 1\n"


# --------------------------------------------------------------------------- defects 10 and 17: passes

ENV = '[keys."dten.cache.size_mb"]\nremoved = "2.0"\nreplaced-by = "dten.storage.cache.size_mb"\n'


@pytest.mark.parametrize(
    ("name", "line", "renamed"),
    [
        ("Dockerfile", "ENV DTEN_CACHE_SIZE_MB=1\n", "ENV DTEN_STORAGE_CACHE_SIZE_MB=1\n"),
        ("run.sh", "export DTEN_CACHE_SIZE_MB=1\n", "export DTEN_STORAGE_CACHE_SIZE_MB=1\n"),
    ],
)
def test_a_script_assigning_a_renamed_variable_105_times_is_fixed_in_one_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, line: str, renamed: str
) -> None:
    write_tree(tmp_path, {name: line * 105})
    result = _fix(monkeypatch, tmp_path, [_matrix(ENV, "dten")], name)
    assert (tmp_path / name).read_text() == renamed * 105
    assert "Fixed 105 findings in 1 file; 0 remaining." in result.stdout
    assert result.exit_code == 0
    again = _fix(monkeypatch, tmp_path, [_matrix(ENV, "dten")], name)
    assert "Fixed 0 findings in 0 files; 0 remaining." in again.stdout
    assert (tmp_path / name).read_text() == renamed * 105


MANY = 105


def _many_keys() -> str:
    return "".join(f'[keys."a.k{i}"]\nremoved = "2.0"\n' for i in range(MANY))


def _many_required() -> str:
    return "".join(f'[keys."a.k{i}"]\nrequired = "2.0"\nexpect = {i}\n' for i in range(MANY))


@pytest.mark.parametrize(
    ("name", "before", "rules", "expected"),
    [
        (
            "app.yaml",
            "a:\n" + "".join(f"  k{i}: {i}\n" for i in range(MANY)) + "  z: 0\n",
            _many_keys(),
            "a:\n"
            + "".join(f"  # keyshift: a.k{i} was removed in 2.0 (KS101)\n  # k{i}: {i}\n" for i in range(MANY))
            + "  z: 0\n",
        ),
        ("app.yaml", "a:\n  z: 0\n", _many_required(), "a:\n  z: 0\n" + "".join(f"  k{i}: {i}\n" for i in range(MANY))),
        ("app.toml", "[a]\nz = 0\n", _many_required(), "[a]\nz = 0\n" + "".join(f"k{i} = {i}\n" for i in range(MANY))),
    ],
    ids=["comment-out-105", "add-105-yaml", "add-105-toml"],
)
def test_105_fixes_in_one_mapping_take_one_run_and_a_second_changes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, before: str, rules: str, expected: str
) -> None:
    write_tree(tmp_path, {name: before})
    result = _fix(monkeypatch, tmp_path, [_matrix(rules)], name)
    assert (tmp_path / name).read_text() == expected
    assert f"Fixed {MANY} findings in 1 file; 0 remaining." in result.stdout
    _fix(monkeypatch, tmp_path, [_matrix(rules)], name)
    assert (tmp_path / name).read_text() == expected


CHAIN = (
    '[keys."a.v1"]\nremoved = "2.0"\nreplaced-by = "a.v2"\n'
    '[keys."a.v2"]\nremoved = "2.0"\nreplaced-by = "a.v3"\n'
    '[keys."a.v3"]\nremoved = "2.0"\nreplaced-by = "a.v4"\n'
)


def _two_passes(monkeypatch: pytest.MonkeyPatch, root: Path, name: str, text: str, rules: str, fmt: str) -> CliResult:
    """``fix`` of one file with a pass limit of 2."""
    monkeypatch.setattr(engine, "MAX_PASSES", 2)
    write_tree(root, {name: text})
    return _fix(monkeypatch, root, [_matrix(rules)], fmt=fmt)


@pytest.mark.parametrize("fmt", ["text", "concise", "json"])
def test_the_pass_limit_without_progress_is_an_error_and_the_file_is_left_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """A chain of three renames needs three passes, and every pass leaves one fix to make: no pass got
    closer than the file was, as with rules that feed themselves (``a.**`` -> ``a.b.**``)."""
    result = _two_passes(monkeypatch, tmp_path, "app.yaml", "a:\n  v1: 1\n  keep: 2\n", CHAIN, fmt)
    assert (tmp_path / "app.yaml").read_text() == "a:\n  v1: 1\n  keep: 2\n"
    error = (
        "left unchanged: keyshift stopped after 2 passes with fixes still to make"
        " (app.yaml:2:3 KS102 a.v3 -> a.v4): the rules keep producing new findings; check the matrix"
    )
    reason = f"the file was left unchanged: {error.removeprefix('left unchanged: ')}"
    if fmt == "json":
        report = json.loads(result.stdout)
        assert report["fix_errors"] == [{"path": "app.yaml", "message": error}]
        # the file is as it was: its own finding is reported, the later ones are named in the error
        assert [(f["found"], f["line"], f["applied"], f["reason"]) for f in report["fixes"]] == [
            ("a.v1", 2, False, reason)
        ]
    else:
        assert f"error app.yaml: {error}" in result.stdout.splitlines()
        assert f"not fixed app.yaml:2:3 KS102 a.v1: {reason}" in result.stdout.splitlines()
        assert "Fixed 0 findings in 0 files; 1 remaining." in result.stdout
    assert result.exit_code == 1


@pytest.mark.parametrize("fmt", ["text", "json"])
def test_the_pass_limit_with_progress_keeps_it_and_says_what_is_left(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    """Keys added to a one-line JSON object go one per pass (each insertion claims the character it
    hangs on): with a limit of 2 passes, two of three are made and the third is named."""
    rules = "".join(f'[keys."a.k{i}"]\nrequired = "2.0"\nexpect = {i}\n' for i in range(3))
    result = _two_passes(monkeypatch, tmp_path, "app.json", '{"a": {"z": 0}}\n', rules, fmt)
    assert (tmp_path / "app.json").read_text() == '{"a": {"z": 0, "k0": 0, "k1": 1}}\n'
    error = (
        "keyshift stopped after 2 passes with fixes still to make (app.json:1:2 KS201 add a.k2 = 2):"
        " run keyshift fix again to make them (if they come back, check the matrix)"
    )
    reason = "keyshift stopped after 2 passes before making it; run keyshift fix again"
    if fmt == "json":
        report = json.loads(result.stdout)
        assert report["fix_errors"] == [{"path": "app.json", "message": error}]
        assert [(f["key"], f["applied"], f["reason"]) for f in report["fixes"]] == [
            ("a.k0", True, None),
            ("a.k1", True, None),
            ("a.k2", False, reason),
        ]
    else:
        assert result.stdout.splitlines()[:5] == [
            "fixed app.json:1:2 KS201 add a.k0 = 0",
            "fixed app.json:1:2 KS201 add a.k1 = 1",
            f"not fixed app.json:1:2 KS201 a.k2: {reason}",
            f"error app.json: {error}",
            "Fixed 2 findings in 1 file; 1 remaining.",
        ]
    assert result.exit_code == 1
    _fix(monkeypatch, tmp_path, [_matrix(rules)], fmt=fmt)
    assert (tmp_path / "app.json").read_text() == '{"a": {"z": 0, "k0": 0, "k1": 1, "k2": 2}}\n'


# --------------------------------------------------------------------------- defect 11: original positions


def test_a_fix_made_in_a_later_pass_is_reported_where_its_text_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The repro: SPRING_REDIS_X is matched only once the first pass moved it under spring.data.redis."""
    matrix = parse_matrix(
        '[product]\nname = "svc"\nversions = ["1.0", "2.0"]\nfiles = ["application.yml"]\nto = "2.0"\n'
        '[keys."spring.redis.**"]\nremoved = "2.0"\nreplaced-by = "spring.data.redis.**"\n',
        "m.toml",
    )
    write_tree(tmp_path, {"application.yml": "spring:\n  redis:\n    SPRING_REDIS_X: 6379\n"})
    result = _fix(monkeypatch, tmp_path, [matrix])
    fixed = [line for line in result.stdout.splitlines() if line.startswith("fixed ")]
    assert fixed == [
        "fixed application.yml:3:5 KS102 spring.redis.SPRING_REDIS_X -> spring.data.redis.SPRING_REDIS_X",
        "fixed application.yml:3:5 KS102 SPRING_REDIS_X -> SPRING_DATA_REDIS_X",
    ]


POSITIONS = (
    '[keys."a.gone"]\nremoved = "2.0"\n'
    '[keys."a.dep"]\ndeprecated = "2.0"\n'
    '[keys."a.old"]\nremoved = "2.0"\nreplaced-by = "b.new"\n'
)


@pytest.mark.parametrize("fmt", ["concise", "json"])
def test_not_fixed_lines_are_at_their_place_in_the_file_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fmt: str
) -> None:
    # the comment-out adds a note line, and the move takes a line away and adds three at the end
    before = "a:\n  gone: 1\n  old: 2\n  x: 0\n  dep: 3\n"
    write_tree(tmp_path, {"app.yaml": before})
    result = _fix(monkeypatch, tmp_path, [_matrix(POSITIONS)], fmt=fmt)
    assert (tmp_path / "app.yaml").read_text() != before
    if fmt == "json":
        assert [(f["code"], f["line"], f["column"], f["applied"]) for f in json.loads(result.stdout)["fixes"]] == [
            ("KS101", 2, 3, True),
            ("KS102", 3, 3, True),
            ("KS103", 5, 3, False),
        ]
    else:
        assert result.stdout.splitlines()[:3] == [
            "fixed app.yaml:2:3 KS101 comment out a.gone",
            "fixed app.yaml:3:3 KS102 a.old -> b.new",
            "not fixed app.yaml:5:3 KS103 a.dep: no automatic fix for this kind of finding",
        ]


# --------------------------------------------------------------------------- fixes that go together


def test_fixes_that_fail_verification_together_are_made_one_after_the_other(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two insertions at the end of the file go together, unless together they are wrong (here k would
    land under the new table c): then the first is made alone and the second in the next pass."""
    rules = '[keys."c.x"]\nrequired = "2.0"\nexpect = 2\n[keys."a.k"]\nrequired = "2.0"\nexpect = 1\n'
    write_tree(tmp_path, {"app.yaml": "a:\n  z: 0\n", "app.toml": "[a]\n"})
    result = _fix(monkeypatch, tmp_path, [_matrix(rules)])
    assert (tmp_path / "app.yaml").read_text() == "a:\n  z: 0\n  k: 1\nc:\n  x: 2\n"
    assert (tmp_path / "app.toml").read_text() == "[a]\nk = 1\n\n[c]\nx = 2\n"
    assert "Fixed 4 findings in 2 files; 0 remaining." in result.stdout
    assert "left unchanged" not in result.stdout + result.stderr
