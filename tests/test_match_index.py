"""The matrix index: the rules an occurrence is tried against (by key path, by env-var name, per document),
each table checked against the naive answer too (every rule's pattern tried)."""

from __future__ import annotations

import pickle
import random

import pytest

from keyshift.core.keypath import KeyPattern
from keyshift.formats import get_parser
from keyshift.match import FileRole, MatrixIndex
from keyshift.match.context import MatchContext
from keyshift.match.hits import rule_hits
from keyshift.match.trie import KeyTrie
from keyshift.match.views import document_views
from keyshift.matrix import Matrix, parse_matrix
from support.naive import NaiveEnv
from support.tables import each_row

HEAD = '[product]\nname = "p"\nversions = ["1.0", "2.0"]\nfiles = ["app.yaml"]\n'


def matrix(keys: list[str], product: str = "") -> Matrix:
    body = "".join(f'[keys."{key}"]\nremoved = "2.0"\n' for key in keys)
    return parse_matrix(HEAD + product + body, "m.toml")


KEYS = ["a.b", "a.*", "a.**", "**.b", "*.b.c", "a.b.c", "x[0].y", "a.**.c", "b"]


@each_row(
    ("path", "tried"),
    [
        ("a literal and the wildcards", ("a", "b"), ["a.b", "a.*", "a.**", "**.b"]),
        ("** takes several segments", ("a", "x", "y", "c"), ["a.**", "a.**.c"]),
        ("* takes exactly one", ("q", "b", "c"), ["*.b.c"]),
        ("both", ("a", "b", "c"), ["a.**", "*.b.c", "a.b.c", "a.**.c"]),
        ("an index segment", ("x", "[0]", "y"), ["x[0].y"]),
        ("another index", ("x", "[1]", "y"), []),
        ("one segment", ("b",), ["b"]),
        ("no rule", ("q", "r"), []),
        ("a prefix of a key only", ("x",), []),
    ],
)
def test_the_rules_a_path_is_tried_against(path: tuple[str, ...], tried: list[str]) -> None:
    index = MatrixIndex(matrix(KEYS))
    assert [index.rules[p].key for p in index.positions(path)] == tried
    assert tried == [rule.key for rule in index.rules if rule.pattern.match(path) is not None]


def test_relaxed_binding_indexes_folded_keys() -> None:
    index = MatrixIndex(matrix(["spring.data-source.url", "spring.*.max_size"], 'binding = "relaxed"\n'))
    assert index.positions(("spring", "datasource", "url")) == (0,)
    assert index.positions(("spring", "pool", "maxsize")) == (1,)
    assert index.positions(("spring", "data-source", "url")) == ()  # lookups take normalised paths


def test_first_dotted_skips_one_segment_keys() -> None:
    index = MatrixIndex(matrix(["*", "a.*", "a.b"]))
    first = index.first_dotted(("a", "b"))
    assert first is not None
    assert first.key == "a.*"
    assert index.first_dotted(("q",)) is None


def test_prefixed_rules() -> None:
    index = MatrixIndex(matrix(["tool.ruff.select", "select", "tool.*.x", "tool"]))
    assert index.prefixed(("tool", "ruff")) == {0}
    assert index.prefixed(("tool",)) == {0, 2, 3}


@pytest.mark.parametrize("seed", range(5))
def test_the_trie_agrees_with_pattern_matching(seed: int) -> None:
    rng = random.Random(seed)
    alphabet = ["a", "b", "c", "*", "**"]
    patterns = list({tuple(rng.choice(alphabet) for _ in range(rng.randint(1, 4))) for _ in range(60)})
    trie = KeyTrie(patterns)
    for _ in range(400):
        path = tuple(rng.choice("abcd") for _ in range(rng.randint(1, 6)))
        expected = tuple(i for i, p in enumerate(patterns) if KeyPattern("", p).match(path) is not None)
        assert trie.lookup(path) == expected, path


ENV_KEYS = ["dten.hybrid.enable", "dten.*.enable", "dten.node.*", "*.legacy", "x", "dten.node.port"]


@each_row(
    ("product", "name", "rule", "captures"),
    [
        ("exact name", "", "DTEN_HYBRID_ENABLE", "dten.hybrid.enable", ()),
        ("the first rule decides", "", "DTEN_NODE_ENABLE", "dten.*.enable", ("NODE",)),
        ("a later literal loses", "", "DTEN_NODE_PORT", "dten.node.*", ("PORT",)),
        ("a leading wildcard", "", "APP_LEGACY", "*.legacy", ("APP",)),
        ("one segment has no form", "", "X", None, ()),
        ("no such name", "", "DTEN_OTHER", None, ()),
        ("case matters", "", "dten_hybrid_enable", None, ()),
        ("relaxed", 'binding = "relaxed"\n', "dten_hybrid-Enable", "dten.hybrid.enable", ()),
        ("relaxed wildcard", 'binding = "relaxed"\n', "DTENNODEX", "dten.node.*", ("x",)),
        ("prefixed", 'env-prefix = "APP_"\n', "APP_X", "x", ()),
        ("prefix missing", 'env-prefix = "APP_"\n', "DTEN_HYBRID_ENABLE", None, ()),
    ],
)
def test_env_names(product: str, name: str, rule: str | None, captures: tuple[str, ...]) -> None:
    built = matrix(ENV_KEYS, product)
    expected = (rule, captures) if rule else None
    for found in (MatrixIndex(built).env.find(name), NaiveEnv(built).find(name)):
        assert ((found[0].rule.key, found[1]) if found else None) == expected


def test_no_env_forms_when_env_is_off() -> None:
    assert not MatrixIndex(matrix(ENV_KEYS, "env = false\n")).env


YAML = """\
a:
  b: 1
  list: [x, y]
q:
  b: 2
"""


def test_a_document_visits_only_the_rules_with_occurrences() -> None:
    keys = ["a.b", "**.b", "a.list", "zz.top", "a.*"]
    built = parse_matrix(
        HEAD
        + "".join(f'[keys."{key}"]\nremoved = "2.0"\n' for key in keys)
        + '[[keys."a.list".values]]\nvalue = "y"\nremoved = "2.0"\n',
        "m.toml",
    )
    parsed = get_parser("yaml")(YAML)
    ctx = MatchContext.build(parsed, "x.yaml", FileRole(MatrixIndex(built), "2.0", False))
    hits = rule_hits(ctx, document_views(ctx, parsed.documents[0]))
    found = {
        built.keys[p].key: ([rel for rel, _ in hit.keys], [rel for rel, _ in hit.values]) for p, hit in hits.items()
    }
    assert found == {
        "a.b": ([("a", "b")], []),
        "**.b": ([("a", "b"), ("q", "b")], []),
        "a.list": ([("a", "list")], [("a", "list", "[0]"), ("a", "list", "[1]")]),
        "a.*": ([("a", "b"), ("a", "list")], []),
    }


def test_an_index_pickles() -> None:
    index = MatrixIndex(matrix(ENV_KEYS + KEYS))
    copy = pickle.loads(pickle.dumps(index))
    assert copy.positions(("a", "b")) == index.positions(("a", "b"))
    found = copy.env.find("DTEN_NODE_ENABLE")
    assert found is not None
    assert found[0].rule.key == "dten.*.enable"
