"""Typed key rules (``type = "scalar" | "mapping" | "list"``): a rule about a key holding one kind of value
does not fire on the same path holding another kind, in any format, and its fix never writes through it."""

from __future__ import annotations

from functools import partial
from pathlib import Path

import pytest

from support.tables import each_case
from support.tree_cases import CheckCase, FixTreeCase, run_check, run_fix

MATRIX = """\
[product]
name = "spring"
versions = ["2.1", "2.2", "3.0"]
files = ["application*.properties", "application*.yml", "application*.toml", "application*.json"]
binding = "relaxed"

[keys."logging.file"]
type = "scalar"
deprecated = "2.2"
removed = "3.0"
replaced-by = "logging.file.name"

[keys."server.error"]
type = "mapping"
removed = "3.0"
reason = "the error group moved"

[keys."app.hosts"]
type = "list"
removed = "3.0"
"""

case = partial(CheckCase, matrix=MATRIX)

CASES = [
    case(
        "scalar in YAML",
        {"application.yml": "logging:\n  file: app.log\n"},
        ["application.yml:2:3: KS102 renamed logging.file"],
    ),
    case("the 3.0 mapping form in YAML", {"application.yml": "logging:\n  file:\n    name: app.log\n"}, []),
    case(
        "scalar in .properties",
        {"application.properties": "logging.file=app.log\n"},
        ["application.properties:1:1: KS102 renamed logging.file"],
    ),
    case("the 3.0 dotted form in .properties", {"application.properties": "logging.file.name=app.log\n"}, []),
    case(
        "relaxed spelling, both forms in one .properties",
        {"application.properties": "logging.file.name=a.log\nLogging.File=b.log\n"},
        ["application.properties:2:1: KS102 renamed logging.file"],
    ),
    case(
        "scalar in TOML",
        {"application.toml": '[logging]\nfile = "app.log"\n'},
        ["application.toml:2:1: KS102 renamed logging.file"],
    ),
    case("the mapping form in TOML", {"application.toml": '[logging.file]\nname = "app.log"\n'}, []),
    case(
        "scalar in JSON",
        {"application.json": '{"logging": {"file": "x"}}\n'},
        ["application.json:1:14: KS102 renamed logging.file"],
    ),
    case("the mapping form in JSON", {"application.json": '{"logging": {"file": {"name": "x"}}}\n'}, []),
    case(
        "a mapping rule fires on the mapping",
        {"application.yml": "server:\n  error:\n    path: /e\n"},
        ["application.yml:2:3: KS101 removed server.error"],
    ),
    case(
        "a mapping rule fires on its dotted form",
        {"application.properties": "server.error.path=/e\n"},
        ["application.properties:1:1: KS101 removed server.error"],
    ),
    case(
        "a mapping rule fires on a scalar too (a removed group, however written)",
        {"application.yml": "server:\n  error: off\n"},
        ["application.yml:2:3: KS101 removed server.error"],
    ),
    case(
        "a list rule fires on a list",
        {"application.yml": "app:\n  hosts:\n    - a\n"},
        ["application.yml:2:3: KS101 removed app.hosts"],
    ),
    case(
        "a list rule fires on indexed properties",
        {"application.properties": "app.hosts[0]=a\n"},
        ["application.properties:1:1: KS101 removed app.hosts"],
    ),
    case(
        "a list rule fires on a comma-separated scalar (a list to Spring)",
        {"application.yml": "app:\n  hosts: a,b\n"},
        ["application.yml:2:3: KS101 removed app.hosts"],
    ),
    case("a list rule does not fire on a mapping", {"application.yml": "app:\n  hosts:\n    a: 1\n"}, []),
]


@each_case(CASES)
def test_typed_rules(case: CheckCase, tmp_path: Path) -> None:
    assert run_check(case, tmp_path).lines() == case.expected


FIXES = [
    FixTreeCase(
        "the scalar is renamed",
        MATRIX,
        {"application.properties": "# log\nlogging.file=app.log\n"},
        {"application.properties": "# log\nlogging.file.name=app.log\n"},
    ),
    FixTreeCase(
        "the 3.0 form is left alone",
        MATRIX,
        {
            "application.properties": "logging.file.name=app.log\n",
            "application.yml": "logging:\n  file:\n    path: /var\n",
        },
        {
            "application.properties": "logging.file.name=app.log\n",
            "application.yml": "logging:\n  file:\n    path: /var\n",
        },
    ),
]


@pytest.mark.parametrize("case", FIXES, ids=[c.name for c in FIXES])
def test_typed_rule_fixes(case: FixTreeCase, tmp_path: Path) -> None:
    run_fix(case, tmp_path)
    for name, text in case.expected.items():
        assert (tmp_path / name).read_text() == text, name


def test_a_rename_to_the_same_key_under_relaxed_binding_is_no_finding_and_no_deletion(tmp_path: Path) -> None:
    """Spring's keystore-location -> key-store-location is one property to relaxed binding: reporting it
    would be noise, and its "fix" found the key "already set" to the same value and deleted the only copy."""
    matrix = (
        '[product]\nname = "s"\nversions = ["1", "2"]\nfiles = ["application.properties"]\nbinding = "relaxed"\n'
        '[keys."a.keystore-location"]\nremoved = "2"\nreplaced-by = "a.key-store-location"\n'
    )
    case = FixTreeCase(
        "relaxed self-rename",
        matrix,
        {"application.properties": "a.keystore-location=x\n"},
        {"application.properties": "a.keystore-location=x\n"},
    )
    result = run_fix(case, tmp_path)
    assert result.exit_code == 0
    assert (tmp_path / "application.properties").read_text() == "a.keystore-location=x\n"
    check = run_check(CheckCase("relaxed self-rename", case.files, [], matrix), tmp_path)
    assert check.lines() == []
