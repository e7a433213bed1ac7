"""Tests for keyshift.importers.render and draft: a draft written as TOML loads back as the same matrix."""

from __future__ import annotations

import pytest

from keyshift.core.keypath import KeyPattern
from keyshift.importers.draft import ImportFailure, KeyDraft, MatrixDraft, ValueDraft, merge
from keyshift.importers.render import render, toml_key, toml_value
from keyshift.matrix import SourceRecord, parse_matrix

FULL = MatrixDraft(
    name="demo",
    versions=("1.0", "2.0"),
    product={"files": ["app.yaml", {"glob": "conf/*.toml", "prefix": "demo"}], "binding": "relaxed", "url": "u"},
    sources=(SourceRecord("a/schema.json", repo="o/n", ref="v1", commit="c" * 40, sha256="0" * 64),),
    generated_by="keyshift import --recipe rules/recipes/demo.recipe.toml",
    keys=(
        KeyDraft(
            "demo.old.key",
            deprecated="1.0",
            removed="2.0",
            replaced_by="demo.new-key",
            value_map=(("on", True), ("off", False)),
            reason='Say "why" \\ here',
            type="scalar",
            inferred=True,
            since="1.0.3",
        ),
        KeyDraft(
            "apiVersion",
            values=(
                ValueDraft("extensions/v1beta1", removed="2.0", replaced_by="apps/v1", when=(("kind", ("A", "B")),)),
                ValueDraft(has_value=False, pattern="^v1alpha", deprecated="1.0"),
            ),
        ),
    ),
)


def test_a_rendered_draft_loads_as_the_same_matrix() -> None:
    matrix = parse_matrix(render(FULL, header=["Generated."]), "demo.toml")
    assert matrix.product.name == "demo"
    assert matrix.product.versions == ("1.0", "2.0")
    assert matrix.product.binding == "relaxed"
    assert [f.glob for f in matrix.product.files] == ["app.yaml", "conf/*.toml"]
    assert matrix.product.sources == (SourceRecord("a/schema.json", "o/n", "v1", "c" * 40, "0" * 64),)
    assert matrix.product.generated_by == "keyshift import --recipe rules/recipes/demo.recipe.toml"
    old, api = matrix.keys
    assert old.replaced_by == KeyPattern.parse("demo.new-key")
    assert old.value_map == (("on", True), ("off", False))
    assert (old.reason, old.type, old.inferred, old.since) == ('Say "why" \\ here', "scalar", True, "1.0.3")
    first, second = api.values
    assert (first.value, first.removed, first.replaced_by) == ("extensions/v1beta1", "2.0", "apps/v1")
    assert first.when == ((("kind",), ("A", "B")),)
    assert second.pattern is not None and second.pattern.pattern == "^v1alpha"


def test_rendering_is_deterministic_and_readable() -> None:
    text = render(FULL, header=["Generated."])
    assert text == render(FULL, header=["Generated."])
    assert text.startswith('# Generated.\n\n[product]\nname = "demo"\nurl = "u"\nversions = ["1.0", "2.0"]\n')
    assert '\n[keys."demo.old.key"]\ntype = "scalar"\ndeprecated = "1.0"\nremoved = "2.0"\n' in text
    assert '\n[[keys.apiVersion.values]]\nvalue = "extensions/v1beta1"\n' in text


@pytest.mark.parametrize(
    ("value", "written"),
    [
        ("plain", '"plain"'),
        ('quote " and \\ back', '"quote \\" and \\\\ back"'),
        ("new\nline\ttab", '"new\\nline\\ttab"'),
        ("del\x7f", '"del\\u007f"'),
        ("ünïcode", '"ünïcode"'),
        (True, "true"),
        (3, "3"),
        (2.5, "2.5"),
        (float("inf"), "inf"),
        ([1, "a"], '[1, "a"]'),
        ({"a": 1, "b c": "x"}, '{ a = 1, "b c" = "x" }'),
        ([f"item-{i:03}" for i in range(12)], "[\n" + "".join(f'  "item-{i:03}",\n' for i in range(12)) + "]"),
    ],
)
def test_toml_values(value: object, written: str) -> None:
    assert toml_value(value) == written  # type: ignore[arg-type]


@pytest.mark.parametrize(("key", "written"), [("name", "name"), ("a.b", '"a.b"'), ("env-prefix", "env-prefix")])
def test_toml_keys(key: str, written: str) -> None:
    assert toml_key(key) == written


def test_merge_adds_keys_and_value_rules_and_keeps_order() -> None:
    first = MatrixDraft(
        "p", ("1",), (KeyDraft("a", removed="1"), KeyDraft("b", values=(ValueDraft("x", removed="1"),)))
    )
    second = MatrixDraft(
        "p", ("1", "2"), (KeyDraft("b", values=(ValueDraft("y", removed="2"),), reason="r"), KeyDraft("c", added="2"))
    )
    merged = merge([first, second])
    assert merged.versions == ("1", "2")
    assert [k.key for k in merged.keys] == ["a", "b", "c"]
    b = merged.keys[1]
    assert [v.value for v in b.values] == ["x", "y"]
    assert b.reason == "r"


def test_merge_of_nothing_is_an_import_failure() -> None:
    with pytest.raises(ImportFailure, match="nothing was imported"):
        merge([])
