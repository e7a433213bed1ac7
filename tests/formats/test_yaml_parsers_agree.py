"""The two YAML parsers give the same documents, occurrence by occurrence, and the same errors.

``parse`` (the check path, libyaml's C events) and ``parse_round_trip`` (ruamel.yaml, whose tree the fixer
edits) run over every YAML text the test suite has (every string in its modules, the fix corpus, the
examples) and over generated and mutated documents.  Where libyaml and ruamel read a text differently, the
check path leaves it to ruamel: each such rule has a case here showing the difference it guards against.
Also: ``check`` never imports ruamel while the C extension is there, and without it everything still works.
"""

from __future__ import annotations

import ast
import functools
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from keyshift.core.model import ConfigSyntaxError, ParsedFile
from keyshift.formats.yaml import events
from keyshift.formats.yaml.parse import parse
from keyshift.formats.yaml.roundtrip import parse_round_trip
from support.yaml_generated import commented, document, fragments, mutated

REPO = Path(__file__).resolve().parents[2]

Outcome = tuple[str, ...]


def outcome(parser: Callable[[str], ParsedFile[Any]], text: str) -> Outcome:
    """What a parser makes of a text, comparable across parsers (``repr`` so that NaN equals NaN)."""
    try:
        parsed = parser(text)
    except ConfigSyntaxError as error:
        return ("error", error.message, str(error.line), str(error.column))
    return ("parsed", parsed.format, str(parsed.typed), str(parsed.text == text), repr(parsed.documents))


@functools.cache
def round_trip_outcome(text: str) -> Outcome:
    """ruamel's outcome, once per text for the whole module (ruamel is the slow one)."""
    return outcome(parse_round_trip, text)


def disagreements(texts: list[str]) -> list[tuple[str, Outcome, Outcome]]:
    found = []
    for text in texts:
        check, round_trip = outcome(parse, text), round_trip_outcome(text)
        if check != round_trip:
            found.append((text, check, round_trip))
    return found


def _strings_in_test_modules() -> Iterator[str]:
    """Every string constant of the test modules with some structure (a key, an entry, a flow collection, more
    than one line): whatever else a string holds reads as one plain scalar, with no occurrence."""
    for module in sorted((REPO / "tests").rglob("*.py")):
        for node in ast.walk(ast.parse(module.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and _STRUCTURE.search(node.value):
                yield node.value


_STRUCTURE = re.compile(r"[-:\n\[{]")


def _files_under(*roots: str) -> Iterator[str]:
    for root in roots:
        for path in sorted((REPO / root).rglob("*")):
            if path.is_file():
                try:
                    yield path.read_text(encoding="utf-8-sig")
                except UnicodeDecodeError:
                    continue


def _unique(texts: Iterator[str]) -> list[str]:
    return list(dict.fromkeys(texts))


CORPUS: dict[str, Callable[[], list[str]]] = {
    "every string in the test modules": functools.cache(lambda: _unique(_strings_in_test_modules())),
    "the fix corpus": functools.cache(lambda: _unique(_files_under("tests/fix_corpus"))),
    "the examples and rules": functools.cache(lambda: _unique(_files_under("examples", "rules"))),
}

GENERATED: dict[str, Callable[[], list[str]]] = {
    "random documents": lambda: [document(seed) for seed in range(150)],
    "fragments of odd corners": lambda: [fragments(seed) for seed in range(150)],
    "documents with comments": lambda: [commented(document(seed), seed) for seed in range(150, 300)],
    "mutated documents": lambda: [mutated(document(seed), seed) for seed in range(300, 450)],
    "mutated corpus texts": lambda: [
        mutated(text, seed) for seed, text in enumerate(CORPUS["the fix corpus"]() + CORPUS["the examples and rules"]())
    ][:150],
}


@pytest.mark.parametrize("texts", [pytest.param(make, id=name) for name, make in {**CORPUS, **GENERATED}.items()])
def test_both_parsers_read_every_text_alike(texts: Callable[[], list[str]]) -> None:
    found = disagreements(texts())
    assert not found, "\n".join(f"{text!r}\n  check: {check}\n  round trip: {rt}" for text, check, rt in found[:3])


def test_the_check_path_reads_nearly_every_valid_corpus_text_itself() -> None:
    """The check path's speed is real: it falls back to ruamel for few of the texts ruamel parses."""
    texts = [text for make in CORPUS.values() for text in make()]
    valid = [text for text in texts if round_trip_outcome(text)[0] == "parsed"]
    own = [text for text in valid if events.compose(text) is not None]
    assert len(valid) > 1000
    assert len(own) >= 0.9 * len(valid)


# Texts libyaml and ruamel read differently: with the guard off, the check path would read them otherwise.
DIVERGENT_CASES: list[tuple[str, str]] = [
    ("tab in a plain scalar", "a: x\ty\n"),
    ("tab after a colon", "x:\t1\n"),
    ("byte order mark", "\ufeffa: 1\n"),
    ("NEL line break", "a: b\x85c: d\n"),
    ("line separator", "? complex\u2028: x\n"),
    ("document end after document end", "---\n...\n...\n"),
    ("anchor name running into a colon", "&b1: 1\n"),
    ("alias name running into a colon", "a: &x 1\nb: {*x: 2}\n"),
    ("spaces on a block scalar's first blank line", "a: |+\n  \n   more\n"),
    ("comment right after a block scalar indicator", "a: |+#\n  x\n"),
    ("tag with a second '!'", "a: []\n!?!str 12: x\n"),
    ("tag running into a comma", "[!a, b]\n"),
    ("tag running into a comma after a JSON-like key", 'a: {"q":!!int,}\n'),
]


@pytest.mark.parametrize("text", [pytest.param(text, id=name) for name, text in DIVERGENT_CASES])
def test_text_the_parsers_read_differently_is_left_to_ruamel(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    assert events.compose(text) is None
    assert outcome(parse, text) == outcome(parse_round_trip, text)
    monkeypatch.setattr(events, "divergent", lambda text: False)
    assert outcome(parse, text) != outcome(parse_round_trip, text)


# Texts the composer itself leaves to ruamel: what only the events show (directives, ruamel's own failure on a
# commented value, explicit keys and single pairs in flow collections, a tag before an anchor).
COMPOSER_FALLBACK_CASES: list[tuple[str, str]] = [
    ("%YAML 1.1 resolves yes as a boolean", "%YAML 1.1\n---\nk: yes\n"),
    ("%TAG: the document starts at its ---", "%TAG ! tag:x,2000:\n--- !a b\n"),
    ("ruamel's 'overlap in comment'", "a: # c\n  1\n\n"),
    ("undefined alias", "a: *nope\n"),
    ("nesting at the limit", "[" * 200 + "]" * 200),
    ("single-pair mapping in a flow sequence", '["a":1]\n'),
    ("flow scalar starting with a colon", "[&x1 :x]\n"),
    ("explicit key in a flow mapping", "a: {? }\n"),
    ("tag before an anchor", "a: !!str &x v\n"),
]


# Texts the check path reads itself, with ruamel's results (tags, resolution, marks, aliases, merges).
OWN_CASES: list[tuple[str, str]] = [
    ("empty scalar tagged !", "- !\n- ! 5\n- ! '5'\n"),
    (
        "core schema, not YAML 1.1",
        "a: yes\nb: on\nc: 0777\nd: 1_000\ne: 0o17\nf: 0x1F\ng: .5\nh: 2001-12-14 21:59:43.10\n",
    ),
    (
        "explicit tags",
        "a: !!str 5\nb: !!int '7'\nc: !!float 3\nd: !!bool yes\ne: !!null ''\nf: !<tag:yaml.org,2002:int> 9\n",
    ),
    ("timestamp and non-string keys", "2001-12-14 21:59:43.10: x\n1.5: y\nnull: z\ntrue: w\n"),
    ("merges", "base: &b {x: 1, y: 2}\nother: &o\n  z: 3\nuse:\n  <<: [*b, *o]\n  x: 0\nflow: {<<: *b}\n'<<': q\n"),
    ("recursive aliases", "a: &a\n  b: *a\nc: &s [1, *s]\n"),
    ("duplicate anchors and keys", "a: &x 1\nb: &x 2\nc: *x\nc: 3\n"),
    ("multi-byte characters", "é: 😀\n中文: [ü, 'ß']\n"),
    ("CRLF and documents", "a: 1\r\n---\r\nb:\r\n  - x\r\n...\r\n--- |\r\n  text\r\n"),
    ("block scalars", "a: |-\n  x\n\n  y\n\nb: >+\n  folded\n  text\n\n\nc: |2\n   x\n"),
    ("flow collections", 'a: {b: [1, {c: d}], e: {}}\nf: [a:b, {g}, {"h":i}, a :x]\ng: :x\n'),
    ("alias keys", "k: &k key\n*k : v\n"),
]


@pytest.mark.parametrize(
    ("text", "read_by_libyaml"),
    [pytest.param(text, False, id=f"left to ruamel: {name}") for name, text in COMPOSER_FALLBACK_CASES]
    + [pytest.param(text, True, id=f"read from libyaml: {name}") for name, text in OWN_CASES],
)
def test_tricky_text_is_read_where_expected_and_alike(text: str, read_by_libyaml: bool) -> None:
    assert (events.compose(text) is not None) is read_by_libyaml
    assert outcome(parse, text) == outcome(parse_round_trip, text)


def test_an_alias_bomb_is_read_once_on_both_paths() -> None:
    levels = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    levels += [f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]" for i in range(9)]
    text = "\n".join(levels) + "\n"
    parsed = parse(text)
    assert events.compose(text) is not None
    assert outcome(parse, text) == outcome(parse_round_trip, text)
    assert len(parsed.documents[0].occurrences) == 10 * (1 + 10)  # each key and its ten elements, once


def test_the_resolver_rules_are_ruamels() -> None:
    from ruamel.yaml.resolver import implicit_resolvers

    from keyshift.formats.yaml.resolve import _RULES

    yaml_12 = [
        (tag, regexp.pattern, tuple(first)) for versions, tag, regexp, first in implicit_resolvers if (1, 2) in versions
    ]
    assert list(_RULES) == yaml_12


def test_without_the_c_extension_the_check_path_is_the_round_trip_parser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(events, "CParser", None)
    texts = [document(seed) for seed in range(60)] + [text for _, text in OWN_CASES]
    for text in texts:
        assert events.compose(text) is None
        assert outcome(parse, text) == outcome(parse_round_trip, text)


_PROBE = """\
import sys
{prelude}
from keyshift.app.check import check
from keyshift.app.config import RunConfig
from keyshift.formats.yaml import events
code = check(RunConfig(paths=("app.yaml",), output_format="json", cache=False))
ruamel = sorted({{name.split(".")[0] for name in sys.modules if name.startswith("ruamel")}})
print(code, events.AVAILABLE, ruamel, file=sys.stderr)
"""

_MATRIX = '[product]\nname = "p"\nversions = ["1.0", "2.0"]\nfiles = ["app.yaml"]\n\n[keys."a.gone"]\nremoved = "2.0"\n'


def _probe(tree: Path, prelude: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    return subprocess.run(
        [sys.executable, "-c", _PROBE.format(prelude=prelude)],
        cwd=tree,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "deprecations.toml").write_text(_MATRIX)
    (tmp_path / "app.yaml").write_text("base: &b {x: 1}\na:\n  gone: 1\n  <<: *b\n")
    return tmp_path


def test_checking_yaml_files_never_imports_ruamel(tree: Path) -> None:
    result = _probe(tree, "")
    assert result.stderr.strip() == "1 True []"
    assert '"a.gone"' in result.stdout


def test_without_the_c_extension_check_reads_yaml_with_ruamel(tree: Path) -> None:
    with_c = _probe(tree, "")
    without_c = _probe(tree, "sys.modules['yaml'] = None  # PyYAML missing: 'import yaml' fails")
    assert without_c.stderr.strip() == "1 False ['ruamel']"
    assert without_c.stdout == with_c.stdout
