"""Defect 7 of issue 10: the YAML fixer edits libyaml's nodes (the check path's C parser) wherever libyaml reads
the text itself, and ruamel's only where it does not; ruamel's pure-Python scanner was most of the time of a
large fix.  Every case of the YAML fixer's tables plans the same edits, or the same refusal, on either tree."""

from __future__ import annotations

from typing import Any

import pytest

from fix.test_yaml_fix import RENAME_CASES
from fix.test_yaml_fix_edits import OTHER_CASES
from fix.test_yaml_fix_refused import CANNOT_CASES
from keyshift.core.edits import CannotFix, PlannedFix
from keyshift.core.model import ParsedFile
from keyshift.formats.yaml import events
from keyshift.formats.yaml.fix import plan_fix
from keyshift.formats.yaml.parse import parse_round_trip
from keyshift.formats.yaml.roundtrip import parse_round_trip as parse_with_ruamel
from support.fix_cases import FixCase, fix_request
from support.tables import each_case


def planned(parsed: ParsedFile[Any], case: FixCase) -> PlannedFix | str:
    try:
        return plan_fix(parsed, fix_request(parsed, case))
    except CannotFix as refused:
        return f"refused: {refused}"


@each_case([*RENAME_CASES, *OTHER_CASES, *CANNOT_CASES])
def test_the_fixer_plans_alike_on_libyaml_and_ruamel_nodes(case: FixCase) -> None:
    fast, ruamel = parse_round_trip(case.text), parse_with_ruamel(case.text)
    assert fast.documents == ruamel.documents
    assert planned(fast, case) == planned(ruamel, case)


@pytest.mark.skipif(not events.AVAILABLE, reason="PyYAML without its C extension")
def test_the_fixer_gets_libyaml_nodes_where_libyaml_reads_the_text() -> None:
    assert type(parse_round_trip("a: {b: [1]}\n").tree[0]).__module__ == "keyshift.formats.yaml.events"
    # a directive: ruamel's resolver depends on it, so ruamel reads the text
    assert type(parse_round_trip("%YAML 1.1\n---\na: 1\n").tree[0]).__module__.startswith("ruamel")
