"""The code-map importer: lists of redirected and retired codes (trimmed from ruff's) -> value rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from keyshift.importers import ImportFailure, ImportInput, ImportRequest, get_importer
from keyshift.importers.draft import TomlValue
from keyshift.importers.render import render
from keyshift.matrix import parse_matrix

REDIRECTS = "from_code,to_code\nC9,C90\nTCH,TC\nPGH001,S307\nRUF96,RUF95\nRUF95,RUF950\n"
REMOVED = (
    "code,name,removed_in_version\n"
    "PT004,pytest-missing-fixture-name-underscore,0.8.0\n"
    "PGH001,eval,0.2.0\n"
    "RUF076,pytest-fixture-autouse,0.15.20\n"
)
RUFF_COLUMNS: dict[str, TomlValue] = {"old": "from_code", "new": "to_code", "removed": "removed_in_version"}


def run(tmp_path: Path, files: list[tuple[str | None, str, str]], options: dict[str, TomlValue]) -> str:
    inputs = []
    for version, name, text in files:
        (tmp_path / name).write_text(text, encoding="utf-8")
        inputs.append(ImportInput(tmp_path / name, name, version))
    text = render(get_importer("code-map")(ImportRequest("ruff", tuple(inputs), options)))
    parse_matrix(text, "generated.toml")
    return text


def test_redirects_and_retired_codes_become_value_rules_on_each_key(tmp_path: Path) -> None:
    files = [("0.16.4", "rule-redirects.csv", REDIRECTS), (None, "removed-rules.csv", REMOVED)]
    text = run(tmp_path, files, {"keys": ["select", "lint.per-file-ignores.*"], "columns": RUFF_COLUMNS})
    rules = (
        '\n[[keys.{key}.values]]\nvalue = "C9"\ndeprecated = "0.16.4"\nreplaced-by = "C90"\n'
        # a removed code that is also redirected: removed, with the redirect as its replacement
        '\n[[keys.{key}.values]]\nvalue = "PGH001"\nremoved = "0.2.0"\nreplaced-by = "S307"\nreason = "PGH001: eval"\n'
        '\n[[keys.{key}.values]]\nvalue = "PT004"\nremoved = "0.8.0"\n'
        'reason = "PT004: pytest-missing-fixture-name-underscore"\n'
        '\n[[keys.{key}.values]]\nvalue = "RUF076"\nremoved = "0.15.20"\nreason = "RUF076: pytest-fixture-autouse"\n'
        # a redirect to a redirected code goes on to the last one
        '\n[[keys.{key}.values]]\nvalue = "RUF95"\ndeprecated = "0.16.4"\nreplaced-by = "RUF950"\n'
        '\n[[keys.{key}.values]]\nvalue = "RUF96"\ndeprecated = "0.16.4"\nreplaced-by = "RUF950"\n'
        '\n[[keys.{key}.values]]\nvalue = "TCH"\ndeprecated = "0.16.4"\nreplaced-by = "TC"\n'
    )
    per_file = '"lint.per-file-ignores.*"'
    assert text == (
        '[product]\nname = "ruff"\n'
        f"\n[keys.{per_file}]\n{rules.format(key=per_file)}"
        f"\n[keys.select]\n{rules.format(key='select')}"
    )


def test_a_redirect_known_before_the_removal_is_also_its_deprecation(tmp_path: Path) -> None:
    files = [("0.1.0", "r.csv", "old,new\nX1,Y1\n"), (None, "gone.csv", "code,removed\nX1,0.3.0\n")]
    text = run(tmp_path, files, {"keys": "select"})
    assert text.endswith(
        '[[keys.select.values]]\nvalue = "X1"\ndeprecated = "0.1.0"\nremoved = "0.3.0"\nreplaced-by = "Y1"\n'
    )


def test_a_deprecated_column_gives_each_code_its_version(tmp_path: Path) -> None:
    files = [(None, "codes.csv", "code,deprecated,removed\nA1,1.0,\nB2,1.0,2.0\n")]
    text = run(tmp_path, files, {"keys": ["ignore"]})
    assert text.endswith(
        '[[keys.ignore.values]]\nvalue = "A1"\ndeprecated = "1.0"\n'
        '\n[[keys.ignore.values]]\nvalue = "B2"\ndeprecated = "1.0"\nremoved = "2.0"\n'
    )


@pytest.mark.parametrize(
    ("files", "options", "message"),
    [
        ([(None, "r.csv", "old,new\nA,B\n")], {"keys": ["select"]}, "r.csv: a list of redirects needs the version"),
        (
            [("1", "x.csv", "a,b\n1,2\n")],
            {"keys": ["select"]},
            "x.csv: the columns (a, b) are neither a list of redirects",
        ),
        (
            [("1", "x.csv", "code,removed\nA,\n")],
            {"keys": ["select"]},
            "x.csv:2: A has neither a removed nor a deprecated",
        ),
        ([("1", "x.csv", "old,new\nA,B,C\n")], {"keys": ["select"]}, "x.csv:2: 3 columns where the header has 2"),
        ([("1", "x.csv", "old,new\n,B\n")], {"keys": ["select"]}, "x.csv:2: empty old"),
        ([("1", "x.csv", "")], {"keys": ["select"]}, "x.csv: empty CSV file"),
        ([("1", "x.csv", "old,new\n")], {}, "code-map needs the keys that hold codes"),
        ([("1", "x.csv", "old,new\n")], {"keys": ["a..b"]}, "option keys: empty segment in key 'a..b'"),
        ([("1", "x.csv", "old,new\n")], {"keys": ["a"], "columns": {"bogus": "x"}}, "unknown column 'bogus'"),
        ([], {"keys": ["a"]}, "code-map needs at least one CSV file"),
    ],
)
def test_bad_input_is_refused_with_its_place(
    tmp_path: Path, files: list[tuple[str | None, str, str]], options: dict[str, TomlValue], message: str
) -> None:
    with pytest.raises(ImportFailure) as caught:
        run(tmp_path, files, options)
    assert message in str(caught.value)


def test_a_missing_input_names_the_file(tmp_path: Path) -> None:
    request = ImportRequest("p", (ImportInput(tmp_path / "none.csv", "none.csv", "1"),), {"keys": ["k"]})
    with pytest.raises(ImportFailure, match=r"^none\.csv: file not found$"):
        get_importer("code-map")(request)
