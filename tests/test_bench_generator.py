"""bench/generate.py: the same size and seed give the same bytes, and the tree holds the mix it promises.

Small trees only (no large files): these tests check the benchmark's input, never a timing.
"""

from __future__ import annotations

import importlib
import json
import re
import sys
import tomllib
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from ruamel.yaml import YAML

from helpers import run_cli

REPO = Path(__file__).resolve().parents[1]
FILES = 800
SEED = 3


def bench(name: str) -> ModuleType:
    """A module of bench/ (a directory at the repository root, not an installed package)."""
    if str(REPO) not in sys.path:
        sys.path.insert(0, str(REPO))
    return importlib.import_module(f"bench.{name}")


def snapshot(root: Path) -> dict[str, bytes]:
    return {path.relative_to(root).as_posix(): path.read_bytes() for path in sorted(root.rglob("*")) if path.is_file()}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    out = tmp_path_factory.mktemp("bench") / "first"
    return out, bench("generate").generate(out, FILES, SEED, big=False)


def test_the_same_size_and_seed_give_the_same_bytes(generated: tuple[Path, dict[str, Any]], tmp_path: Path) -> None:
    out, _manifest = generated
    bench("generate").generate(tmp_path / "again", FILES, SEED, big=False)
    assert snapshot(tmp_path / "again") == snapshot(out)
    bench("generate").generate(tmp_path / "other", FILES, SEED + 1, big=False)
    assert snapshot(tmp_path / "other" / "tree") != snapshot(out / "tree")


def test_the_tree_has_every_kind_in_proportion(generated: tuple[Path, dict[str, Any]]) -> None:
    out, manifest = generated
    generate = bench("generate")
    assert len(snapshot(out / "tree")) == FILES
    assert manifest["kinds"] == generate.kind_counts(FILES)
    total = sum(generate.KIND_WEIGHTS.values())
    for kind, weight in generate.KIND_WEIGHTS.items():
        assert abs(manifest["kinds"][kind] - FILES * weight / total) < 1


def test_two_percent_of_files_hold_keys_in_every_form(generated: tuple[Path, dict[str, Any]]) -> None:
    _out, manifest = generated
    assert len(manifest["planted"]) == round(FILES * 0.02)
    forms = {(item["kind"], item["form"]) for item in manifest["planted"]}
    assert forms == set(bench("plant").EVERY_FORM)
    assert {item["family"] for item in manifest["planted"]} == {"dten", "keys20", "keys2000"}


def lookup(document: Any, dotted: str) -> Any:
    for segment in dotted.split("."):
        document = document[segment]
    return document


def holds(path: Path, form: str, dotted: str, env: str) -> bool:
    text = path.read_text(encoding="utf-8")
    if form == "json-nested":
        return lookup(json.loads(text), dotted) is not None
    if form == "toml-table":
        return lookup(tomllib.loads(text), dotted) is not None
    if form == "yaml-nested":
        return lookup(YAML(typ="safe", pure=True).load(text), dotted) is not None
    if form in {"yaml-dotted", "toml-dotted", "python-key", "markdown-key"}:
        return dotted in text
    return env in text


def test_each_planted_file_holds_its_keys_in_its_form(generated: tuple[Path, dict[str, Any]]) -> None:
    out, manifest = generated
    env_name = bench("keys").env_name
    for item in manifest["planted"]:
        for dotted in item["keys"]:
            assert holds(out / "tree" / item["path"], item["form"], dotted, env_name(dotted.split("."))), (item, dotted)


def test_no_other_file_holds_a_word_that_starts_a_matrix_key(generated: tuple[Path, dict[str, Any]]) -> None:
    out, manifest = generated
    first_words = {key.split(".")[0] for name in ("dten", "keys20", "keys2000") for key in keys_of(out, name)}
    planted = {item["path"] for item in manifest["planted"]}
    for path, data in snapshot(out / "tree").items():
        if path not in planted:
            words = set(re.split(r"[^a-z0-9]+", data.decode("utf-8").lower()))
            assert not words & first_words, path


def keys_of(out: Path, matrix: str) -> dict[str, Any]:
    keys: dict[str, Any] = tomllib.loads((out / "matrices" / f"{matrix}.toml").read_text(encoding="utf-8"))["keys"]
    return keys


def test_matrices_and_needles(generated: tuple[Path, dict[str, Any]]) -> None:
    out, manifest = generated
    assert {name: info["keys"] for name, info in manifest["matrices"].items()} == {
        "dten": 8,
        "keys20": 20,
        "keys2000": 2000,
    }
    assert (out / "matrices" / "dten.toml").read_text(encoding="utf-8") == (REPO / "deprecations.toml").read_text(
        encoding="utf-8"
    )
    assert list(keys_of(out, "keys2000"))[:20] == list(keys_of(out, "keys20"))
    needles = (out / "needles" / "dten.txt").read_text(encoding="utf-8").splitlines()
    assert needles == sorted(needles)
    for wanted in ("dten.hybrid.legacy_mode", "hybrid.legacy_mode", "legacy_mode", "DTEN_HYBRID_LEGACY_MODE"):
        assert wanted in needles
    assert {"dten.plugins", "plugins", "path", "DTEN_PLUGINS_"} <= set(needles)  # dten.plugins.*.path


def value_only(rule: dict[str, Any]) -> bool:
    return set(rule) == {"values"}


@pytest.mark.parametrize("family", ["dten", "keys20", "keys2000"])
def test_keyshift_reports_the_planted_files(generated: tuple[Path, dict[str, Any]], family: str) -> None:
    """Every planted file with a key-level rule is reported (value rules apply only where values are compared)."""
    out, manifest = generated
    rules = keys_of(out, family)
    planted = [item for item in manifest["planted"] if item["family"] == family]
    paths = [f"tree/{item['path']}" for item in planted]
    result = run_cli(["check", "--format", "json", "-q", "-m", f"matrices/{family}.toml", *paths], cwd=out)
    reported = {finding["path"] for finding in json.loads(result.stdout)["findings"]}
    expected = {f"tree/{item['path']}" for item in planted if not all(value_only(rules[r]) for r in item["rules"])}
    assert expected <= reported
