"""The indexed matcher and the exact prefilter against a naive reference, over every test tree: the check
tables, the repository-scan tables, the fix corpus, the examples and the bundled packs over them.

For every file and every product that looks at it: the matches of the indexed matcher (in order, with
every field) are those of the naive one (every rule tried against every path and name); and a file that
is not one of the product's own but holds a match passes the product's prefilter.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest

import test_check
import test_repository_scan
from helpers import write_tree
from keyshift.check.discover import Candidate, discover
from keyshift.check.reading import load_text
from keyshift.check.roles import Product, file_roles, prepare
from keyshift.core.model import ConfigSyntaxError, Notice, ParsedFile
from keyshift.formats import TEXT_FORMAT, get_parser
from keyshift.match import match_file
from keyshift.matrix import Matrix, load_matrix, pack_path, parse_matrix, resolve_targets
from support.naive import PASS_ALL, naive_products

REPO = Path(__file__).resolve().parents[1]


@dataclass
class Tally:
    """What a comparison covered, so a test cannot pass by comparing nothing."""

    files: int = 0
    matches: int = 0
    outside: int = 0
    """Matches in files that are not the product's own (the ones the prefilter must let through)."""


def compare_tree(root: Path, matrices: Sequence[Matrix], to: Sequence[str] = ()) -> Tally:
    real = prepare(matrices, resolve_targets(matrices, (), to))
    forced = [replace(product, prefilter=PASS_ALL) for product in real]
    naive = naive_products(real)
    tally = Tally()
    for candidate in discover((str(root),)):
        if isinstance(candidate, Notice):
            continue
        loaded = load_text(candidate)
        if isinstance(loaded, Notice):
            continue
        tally.files += 1
        _compare_file(candidate, loaded.text, real, forced, naive, tally)
    return tally


def _compare_file(
    candidate: Candidate,
    text: str,
    real: list[Product],
    forced: list[Product],
    naive: list[Product],
    tally: Tally,
) -> None:
    indexed_roles = file_roles(candidate, text, forced, lambda _: None, True)
    naive_roles = file_roles(candidate, text, naive, lambda _: None, True)
    assert [fmt for fmt, _ in indexed_roles] == [fmt for fmt, _ in naive_roles]
    for (format_name, role), (_, naive_role) in zip(indexed_roles, naive_roles, strict=True):
        parsed = _parse(format_name, text, role.product_file)
        if parsed is None:
            continue
        found = match_file(parsed, candidate.display, role)
        assert found == match_file(parsed, candidate.display, naive_role), candidate.display
        tally.matches += len(found)
        if found and not role.product_file:
            tally.outside += len(found)
            product = next(p for p in real if p.matrix is role.matrix)
            assert product.prefilter.may_contain(text), (candidate.display, [m.finding.message for m in found])


def _parse(format_name: str, text: str, product_file: bool) -> ParsedFile[Any] | None:
    """The file as the check reads it (a template that is not valid YAML as text), None when it cannot be."""
    try:
        return get_parser(format_name)(text)
    except ConfigSyntaxError:
        if product_file or not ("{{" in text or "{%" in text):
            return None
        return get_parser(TEXT_FORMAT)(text)


def _to_options(args: Sequence[str]) -> list[str]:
    return [args[i + 1] for i, arg in enumerate(args) if arg == "--to"]


TABLE_CASES = [*test_check.CASES, *test_repository_scan.CASES]


def test_every_check_table_tree(tmp_path: Path) -> None:
    total = Tally()
    for number, case in enumerate(TABLE_CASES):
        root = tmp_path / str(number)
        write_tree(root, case.files)
        matrix = parse_matrix(case.matrix, "matrix.toml")
        tally = compare_tree(root, [matrix], _to_options(case.args))
        total.matches += tally.matches
        total.outside += tally.outside
    assert total.matches > 80
    assert total.outside > 40


CORPUS = sorted(p for p in (REPO / "tests" / "fix_corpus").iterdir() if p.is_dir())


def test_every_fix_corpus_tree() -> None:
    total = Tally()
    for case in CORPUS:
        tally = compare_tree(case / "input", [load_matrix(case / "matrix.toml", "matrix.toml")])
        total.matches += tally.matches
        total.outside += tally.outside
    assert total.matches > 100
    assert total.outside > 20


@pytest.mark.parametrize("to", [(), ("2.5",), ("3.1",)])
def test_the_examples(to: tuple[str, ...]) -> None:
    tally = compare_tree(REPO / "examples", [load_matrix(REPO / "deprecations.toml", "deprecations.toml")], to)
    assert tally.matches > 5
    assert tally.outside > 5


@pytest.mark.parametrize("pack", ["ruff", "spring-boot"])
def test_each_pack_over_the_corpus_and_examples(pack: str) -> None:
    matrix = load_matrix(pack_path(pack), f"pack:{pack}")
    matches = sum(compare_tree(root, [matrix]).matches for root in (REPO / "tests" / "fix_corpus", REPO / "examples"))
    assert matches > 0
