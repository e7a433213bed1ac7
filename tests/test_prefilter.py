"""The exact prefilter: which texts a product's prefilter lets through, for which keys.

A text passes when, for some rule that can report at the target, it holds every token one spelling
of the key needs: every literal segment (nested, dotted, quoted), or the env-var name; folded under
relaxed binding; a wildcard's neighbours as the start or end of a token.
"""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from keyshift.check.prefilter import Prefilter, alternation, build_prefilter
from keyshift.check.tokens import TextTokens
from keyshift.matrix import parse_matrix
from support.tables import each_row
from support.tree_cases import CheckCase, run_check

HEAD = '[product]\nname = "p"\nversions = ["1.0", "2.0", "3.0"]\nto = "2.0"\n'


def prefilter(keys: str, product: str = "") -> Prefilter:
    matrix = parse_matrix(HEAD + product + "\n" + keys, "m.toml")
    return build_prefilter(matrix, "2.0")


REMOVED = '[keys."dten.hybrid.enable"]\nremoved = "2.0"\n'
QUOTED = '[keys.\'a."b.c".d\']\nremoved = "2.0"\n'
INDEXED = '[keys."spec.rules[0].host"]\nremoved = "2.0"\n'
SHORT = '[keys."debug"]\nremoved = "2.0"\n'
WILD = '[keys."dten.*.enable"]\nremoved = "2.0"\n'
GLOB = '[keys."**.legacy-mode"]\nremoved = "2.0"\n'
SPRING = '[keys."spring.datasource.url"]\nremoved = "2.0"\n'
SPRING_WILD = '[keys."spring.jta.*"]\nremoved = "2.0"\n'
RELAXED = 'binding = "relaxed"\n'

ROWS = [
    # (name, keys, product lines, text, passes)
    ("nested YAML", REMOVED, "", "dten:\n  hybrid:\n    enable: true\n", True),
    ("dotted properties", REMOVED, "", "dten.hybrid.enable=1\n", True),
    ("dotted in prose", REMOVED, "", "Set `dten.hybrid.enable` first.", True),
    ("quoted TOML", REMOVED, "", '"dten".hybrid."enable" = 1\n', True),
    ("a Python literal", REMOVED, "", 'cfg.get("dten.hybrid.enable")\n', True),
    ("a lookup chain", REMOVED, "", 'cfg["dten"]["hybrid"]["enable"]\n', True),
    ("a segment is missing", REMOVED, "", "dten:\n  hybrid: {}\n", False),
    ("segments only inside other words", REMOVED, "", "dtens hybrid_x enabled\n", False),
    ("the case differs", REMOVED, "", "Dten.Hybrid.Enable = 1\n", False),
    ("quoted segment with a dot", QUOTED, "", '[a]\n"b.c".d = 1\n', True),
    ("quoted segment, its words apart", QUOTED, "", "a b c d\n", True),
    ("quoted segment, a word missing", QUOTED, "", "a b.x d\n", False),
    ("an index is not a token", INDEXED, "", "spec:\n  rules:\n  - host: x\n", True),
    ("one-segment key", SHORT, "", "debug: true\n", True),
    ("one-segment key, not there", SHORT, "", "debugging: true\n", False),
    ("env name as a key", REMOVED, "", "DTEN_HYBRID_ENABLE=1\n", True),
    ("env name referenced", REMOVED, "", 'run: echo "${DTEN_HYBRID_ENABLE:-x}"\n', True),
    ("env name in a value", REMOVED, "", "environment:\n  - DTEN_HYBRID_ENABLE=1\n", True),
    ("env name cut short", REMOVED, "", "DTEN_HYBRID=1\n", False),
    ("env forms off", REMOVED, "env = false\n", "DTEN_HYBRID_ENABLE=1\n", False),
    (
        "env prefix and separator",
        REMOVED,
        'env-prefix = "APP_"\nenv-separator = "__"\n',
        "APP_DTEN__HYBRID__ENABLE=1",
        True,
    ),
    ("env prefix missing", REMOVED, 'env-prefix = "APP_"\n', "DTEN_HYBRID_ENABLE=1", False),
    ("an escaped dot", REMOVED, "", '{"dten\\u002ehybrid.enable": 1}', True),
    ("an escaped letter", REMOVED, "", '"dten.\\x68ybrid.enable" = 1', True),
    ("a properties line continuation", REMOVED, "", "dten.hy\\\n    brid.enable=1\n", True),
    ("an escaped tab between words", QUOTED, "", 'a."b\\tc".d = 1', True),
    ("an escaped character kept", REMOVED, "", "dten.hyb\\rid.enable=1", False),
    ("properties drop a needless backslash", REMOVED, "", "dten.hy\\brid.enable=1", True),
    ("wildcard segment", WILD, "", "dten:\n  x:\n    enable: true\n", True),
    ("wildcard: a literal missing", WILD, "", "dten:\n  x:\n    enabled: true\n", False),
    ("wildcard env form", WILD, "", "DTEN_NODE_ONE_ENABLE=1\n", True),
    ("leading **", GLOB, "", "a:\n  b:\n    legacy-mode: on\n", True),
    ("leading ** env form", GLOB, "", "X_LEGACY_MODE=1\n", True),
    ("leading **, not there", GLOB, "", "legacy: on\n", False),
    ("relaxed: kebab case", SPRING, RELAXED, "spring:\n  data-source:\n    URL: x\n", True),
    ("relaxed: camel case", SPRING, RELAXED, "spring.dataSource.url=x\n", True),
    ("relaxed: env form", SPRING, RELAXED, "SPRING_DATASOURCE_URL=x\n", True),
    ("relaxed: env form, other underscores", SPRING, RELAXED, "SPRING_DATA_SOURCE_URL=x\n", True),
    ("relaxed: env name ends at a dash", SPRING, RELAXED, "echo $SPRING_DATASOURCE_URL-old\n", True),
    ("relaxed: one segment split", SPRING, RELAXED, "spring.data.source.url=x\n", False),
    ("relaxed: non-ASCII text", SPRING, RELAXED, "Ünïcode: spring.DATA_SOURCE.Url\n", True),
    ("relaxed wildcard env form", SPRING_WILD, RELAXED, "SPRING_JTA_ENABLED=true\n", True),
    ("relaxed wildcard env form, folded", SPRING_WILD, RELAXED, "SPRINGJTA-LOG-DIR=x\n", True),
    ("relaxed wildcard env form, not a start", SPRING_WILD, RELAXED, "XSPRING_JTA_ENABLED=true\n", False),
    ("relaxed wildcard key", SPRING_WILD, RELAXED, "spring:\n  jta:\n    enabled: true\n", True),
    ("nothing of the matrix", REMOVED, "", "name: value\n", False),
]


@each_row(("keys", "product", "text", "passes"), ROWS)
def test_which_texts_pass(keys: str, product: str, text: str, passes: bool) -> None:
    assert prefilter(keys, product).may_contain(text) is passes


@each_row(
    ("keys", "passes"),
    [
        ("removed at the target", '[keys."a.b"]\nremoved = "2.0"\n', True),
        ("deprecated at the target", '[keys."a.b"]\ndeprecated = "1.0"\n', True),
        ("added after the target", '[keys."a.b"]\nadded = "3.0"\n', True),
        ("deprecated after the target", '[keys."a.b"]\ndeprecated = "3.0"\n', False),
        ("added before the target", '[keys."a.b"]\nadded = "1.0"\n', False),
        ("only required", '[keys."a.b"]\nrequired = "1.0"\n', False),
        ("a removed value", '[keys."a.b"]\n[[keys."a.b".values]]\nvalue = "x"\nremoved = "2.0"\n', True),
        ("a value removed later", '[keys."a.b"]\n[[keys."a.b".values]]\nvalue = "x"\nremoved = "3.0"\n', False),
    ],
)
def test_only_rules_that_can_report_at_the_target_count(keys: str, passes: bool) -> None:
    assert prefilter(keys).may_contain("a:\n  b: x\n") is passes


@each_row(("key",), [("only wildcards", "*.*"), ("a glob", "**")])
def test_a_key_with_nothing_literal_lets_every_text_through(key: str) -> None:
    found = prefilter(f'[keys."{key}"]\nremoved = "2.0"\n')
    assert found.always
    assert found.may_contain("")


def test_many_keys_sharing_words() -> None:
    keys = "".join(f'[keys."p{i % 7}.s{i % 11}.leaf-{i}"]\nremoved = "2.0"\n' for i in range(300))
    found = prefilter(keys)
    assert found.may_contain("p3:\n  s3:\n    leaf-234: 1\n")  # 234 % 7 == 3 and 234 % 11 == 3
    assert not found.may_contain("p3:\n  s2:\n    leaf-234: 1\n")
    assert not found.may_contain("p3:\n  s3:\n    leaf-235: 1\n")
    assert found.may_contain("P3_S3_LEAF_234=1\n")
    assert not found.may_contain("P3_S3_LEAF_235=1\n")


@each_row(
    ("text", "exact", "relaxed"),
    [
        ("plain words", "a-b c_d", {b"a", b"b", b"c", b"d"}, {b"ab", b"cd", b"a", b"b"}),
        ("case kept or folded", "Foo BAR", {b"Foo", b"BAR"}, {b"foo", b"bar"}),
        ("non-ASCII splits", "caf\u00e9x", {b"caf", b"x"}, {b"caf", b"x"}),
        ("escapes read twice", "a\\x2eb", {b"a", b"x2eb", b"b"}, {b"a", b"x2eb", b"b"}),
    ],
)
def test_text_tokens(text: str, exact: set[bytes], relaxed: set[bytes]) -> None:
    tokens = TextTokens(text)
    assert tokens.word_set(False) == exact
    assert tokens.word_set(True) == relaxed


@pytest.mark.parametrize(
    ("pieces", "found", "missed"),
    [
        ([b" spring", b" springjta", b" sprout"], [b" spring ", b" sproutx "], [b" sprin ", b"xsprout "]),
        ([b"enabled ", b" a\\-b"], [b" x-enabled ", b" a-b "], [b" enable ", b" ab "]),
    ],
)
def test_alternation_finds_every_piece(pieces: list[bytes], found: list[bytes], missed: list[bytes]) -> None:
    import re

    pattern = re.compile(alternation(pieces))
    assert all(pattern.search(text) for text in found)
    assert not any(pattern.search(text) for text in missed)


def test_a_prefilter_pickles() -> None:
    found = prefilter(SPRING + SPRING_WILD, RELAXED)
    copy = pickle.loads(pickle.dumps(found))
    for text in ("SPRING_JTA_X=1", "spring.datasource.url", "spring.url"):
        assert copy.may_contain(text) is found.may_contain(text)


def test_a_broken_file_is_reported_only_when_it_may_hold_a_key(tmp_path: Path) -> None:
    """A file outside the product's own is parsed (and its syntax error reported) only when it passes."""
    case = CheckCase(
        "broken files",
        {
            "words.yaml": "dten: [1\n",  # one word of the key: not parsed, so no parse error
            "key.yaml": "dten:\n  hybrid: [1\n  enable: 1\n",  # every word: parsed, and it does not parse
        },
        ["key.yaml:3:9: KS001 parse-error None"],
        matrix=HEAD + REMOVED,
    )
    assert run_check(case, tmp_path).lines() == case.expected


# --------------------------------------------------------------------------- the substring screen

REPO = Path(__file__).resolve().parents[1]
SCREEN_TEXTS = [
    "dten:\n  hybrid:\n    enable: true\n",
    "DTEN_HYBRID_ENABLE=1\n",
    "export X=$DTEN_HYBRID_ENABLE\n",
    "dten\\x2ehybrid\\x2eenable = 1\n",  # escapes: a second reading holds the tokens
    "Spring: SPRING_DATA_SOURCE_URL and spring.data-source.url\n",
    "ﬁle: ß DTEN hybrid ENABLE\n",  # non-ASCII
    "nothing here\n",
    "the hybrid cache enable\n",
]
SCREEN_TEXTS += [
    path.read_text(encoding="utf-8", errors="replace")
    for path in sorted((REPO / "examples").rglob("*")) + sorted((REPO / "tests" / "fix_corpus").rglob("*"))
    if path.is_file()
]


@pytest.mark.parametrize(
    ("keys", "product"),
    [(REMOVED, ""), (REMOVED + SPRING, ""), (SPRING, RELAXED), (REMOVED + QUOTED + INDEXED, ""), (WILD, "")],
)
def test_the_screen_never_rejects_a_text_the_tokens_let_through(keys: str, product: str) -> None:
    from dataclasses import replace

    screened = prefilter(keys, product)
    assert screened.screen, "these matrices get a screen"
    unscreened = replace(screened, screen=None)
    verdicts = [(screened.may_contain(text), unscreened.may_contain(text)) for text in SCREEN_TEXTS]
    assert all(a == b for a, b in verdicts)
    assert any(b for _, b in verdicts) and not all(b for _, b in verdicts)


def test_the_screen_is_the_shared_prefix_and_none_when_it_would_be_long() -> None:
    shared = REMOVED + '[keys."dten.cache.size"]\nremoved = "2.0"\n'
    assert prefilter(shared).screen == (b"DTEN", b"dten")  # the product's prefix: one token for every key
    assert prefilter(WILD, RELAXED).screen is None  # an env form around a wildcard is affixes only
    many = "".join(f'[keys."k{i}x.v{i}y"]\nremoved = "2.0"\n' for i in range(20))
    assert prefilter(many).screen is None
    assert prefilter(GLOB).screen == (b"LEGACY", b"legacy")  # the literal segment every spelling needs
