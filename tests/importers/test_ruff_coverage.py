"""The ruff pack against ruff's own lists (in the shared pack sources): every deprecated or removed setting
and every rule redirect and removed rule is in the pack, at the version the data gives."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from keyshift.importers.sources import SOURCES_ENV, default_sources
from keyshift.matrix import KeyRule, load_matrix, pack_path

REPO = Path(__file__).resolve().parents[2]
SOURCES = default_sources(REPO / "rules" / "recipes" / "ruff.toml")
pytestmark = pytest.mark.skipif(SOURCES is None, reason=f"no pack sources ({SOURCES_ENV} or ../shared/pack-sources)")
CODE_KEYS = ("select", "lint.extend-ignore", "per-file-ignores.*", "lint.extend-per-file-ignores.*")


def rules() -> dict[str, KeyRule]:
    return {rule.key: rule for rule in load_matrix(pack_path("ruff")).keys}


def ruff_data(name: str) -> Path:
    assert SOURCES is not None
    return SOURCES / "ruff" / name


def test_every_deprecated_setting_and_value_is_in_the_pack_from_its_first_tag() -> None:
    data = json.loads(ruff_data("schema/deprecated-settings-by-tag.json").read_text(encoding="utf-8"))
    first: dict[tuple[str, tuple[str, ...]], str] = {}
    for tag, found in data["tags"].items():
        for row in found["deprecated"]:
            first.setdefault((row["setting"], tuple(row["value"] or ())), tag.removeprefix("v"))
    assert len(first) == 59
    pack = rules()
    for (setting, values), tag in first.items():
        rule = pack[setting]
        if values:
            assert {(v.value, v.deprecated) for v in rule.values} >= {(value, tag) for value in values}, setting
        else:
            assert rule.deprecated == tag, setting


def test_every_setting_the_schema_dropped_is_removed_at_the_tag_without_it() -> None:
    data = json.loads(ruff_data("schema/settings-diff-by-tag.json").read_text(encoding="utf-8"))
    removed = {(key, diff["to"].removeprefix("v")) for diff in data["diffs"] for key in diff["removed"]}
    assert removed == {("show-source", "0.5.0"), ("tab-size", "0.8.0")}
    pack = rules()
    for key, version in removed:
        assert pack[key].removed == version


def test_every_redirect_and_removed_rule_is_a_value_rule_on_each_code_setting() -> None:
    with ruff_data("rule-redirects.csv").open(encoding="utf-8") as stream:
        redirects = {row["from_code"]: row["to_code"] for row in csv.DictReader(stream)}
    with ruff_data("removed-rules.csv").open(encoding="utf-8") as stream:
        removed = {row["code"]: row["removed_in_version"] for row in csv.DictReader(stream)}
    assert (len(redirects), len(removed)) == (103, 18)
    pack = rules()
    for key in CODE_KEYS:
        values = {value.value: value for value in pack[key].values}
        assert set(values) == set(redirects) | set(removed), key
        for code, target in redirects.items():
            # a redirect's target may itself be redirected: the pack gives the last one
            assert values[code].replaced_by in (target, redirects.get(target)), code
        for code, version in removed.items():
            assert values[code].removed == version, code
