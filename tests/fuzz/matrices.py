"""Matrices mutated into invalid ones: each mutation breaks one field of one table in a known way, so the
error must name the matrix file, the line of that field and the field (``m.toml:12: keys."a.b".removed``).

The matrices mutated are the fuzz matrix, the repository's deprecations.toml and every fix-corpus matrix.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from hypothesis import strategies as st
from typer.testing import CliRunner

from fuzz.harness import Run
from fuzz.keys import MATRIX
from fuzz.mutations import CORPUS, ROOT
from fuzz.trees import Draw
from keyshift.cli import app

_HEADER = re.compile(r"^\[(\[?)\s*([^\[\]]+?)\s*\]\]?\s*(?:#.*)?$")


@dataclass(frozen=True)
class Mutation:
    """Lines put at the top of a table (replacing the table's own lines for the same fields)."""

    name: str
    table: str
    """``product``, ``key`` (a ``[keys."k"]`` table) or ``value`` (a ``[[keys."k".values]]`` table)."""
    lines: tuple[str, ...]
    field: str | None
    """The field the error names, after the table's own name (``.removed``); None: the table itself."""
    blame: int | None = 0
    """Which of ``lines`` the error is on; None: the table's header line."""
    needs: tuple[str, ...] = ()
    """Fields the table must have for the mutation to mean what it says; ``!f``: must not have ``f``."""
    defect: int | None = None
    """An open defect of issue 10 this mutation shows (see defects.py)."""


MUTATIONS = (
    Mutation("unknown product field", "product", ("colour = 1",), ".colour"),
    Mutation("product name not a string", "product", ("name = 5",), ".name"),
    Mutation("versions not a list", "product", ('versions = "1.0"',), ".versions"),
    Mutation("files entry not a glob", "product", ("files = [1]",), ".files[0]"),
    Mutation("unknown forced format", "product", ('files = [{ glob = "x", format = "nope" }]',), ".files[0].format"),
    Mutation("binding", "product", ('binding = "loose"',), ".binding"),
    Mutation("env not a flag", "product", ('env = "yes"',), ".env"),
    Mutation("separator", "product", ("env-separator = 5",), ".env-separator"),
    Mutation("from as a number", "product", ("from = 2",), ".from"),
    Mutation("reversed glob range", "product", ('files = ["conf/[z-a].yaml"]',), ".files[0]", defect=3),
    Mutation("unknown key field", "key", ('colour = "x"',), ".colour"),
    Mutation("version as a number", "key", ("deprecated = 1.5",), ".deprecated"),
    Mutation("empty version", "key", ('removed = ""',), ".removed"),
    Mutation("reason not a string", "key", ("reason = 5",), ".reason"),
    Mutation("url not a string", "key", ("url = []",), ".url"),
    Mutation("replaced-by not a string", "key", ("replaced-by = 5",), ".replaced-by"),
    Mutation("type", "key", ('type = "weird"',), ".type"),
    Mutation("fix", "key", ('fix = "maybe"',), ".fix"),
    Mutation("when not a table", "key", ('when = "x"',), ".when"),
    Mutation("value-map not a table", "key", ("value-map = 5",), ".value-map", needs=("replaced-by",)),
    Mutation("expect without required", "key", ("expect = 1",), ".expect", needs=("!required",)),
    Mutation(
        "expect = nan",
        "key",
        ('required = "{v}"', "expect = nan"),
        ".expect",
        blame=1,
        # a required key lies in its lifetime: with removed or added the added line may be the first problem
        needs=("!removed", "!required", "!added"),
        defect=9,
    ),
    Mutation("unknown value field", "value", ("colour = 1",), ".colour"),
    Mutation("value version as a number", "value", ("removed = 1.0",), ".removed"),
    Mutation("both value and pattern", "value", ('value = "a"', 'pattern = "b"'), None, blame=None),
    Mutation("invalid regex", "value", ('pattern = "("',), ".pattern", needs=("!value",)),
    Mutation("value = nan", "value", ("value = nan",), ".value", needs=("!pattern",), defect=9),
)


@dataclass(frozen=True)
class Table:
    header: int
    """The 0-based index of its header line."""
    end: int
    name: str
    """What the error calls it: ``product``, ``keys."a.b"``, ``keys."a.b".values[1]``."""
    kind: str
    fields: frozenset[str]


def tables(text: str) -> list[Table]:
    lines = text.split("\n")
    starts = [(i, m) for i, line in enumerate(lines) if (m := _HEADER.match(line))]
    found: list[Table] = []
    counts: dict[str, int] = {}
    for n, (i, match) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        inner, array = match[2], bool(match[1])
        fields = frozenset(_fields(lines[i + 1 : end]))
        if inner == "product" and not array:
            found.append(Table(i, end, "product", "product", fields))
        elif array and inner.startswith("keys.") and inner.endswith(".values"):
            index = counts.get(inner, 0)
            counts[inner] = index + 1
            found.append(Table(i, end, f"{_key_name(inner[:-7])}.values[{index}]", "value", fields))
        elif not array and inner.startswith("keys."):
            found.append(Table(i, end, _key_name(inner), "key", fields))
    return found


def _key_name(header: str) -> str:
    """``keys."select"`` as errors name it: ``keys.select`` (quotes only where the key needs them)."""
    (key,) = tomllib.loads(f"[{header}]\n")["keys"]
    return "keys." + (key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else f'"{key}"')


def _fields(lines: list[str]) -> list[str]:
    return [m[1] for line in lines if (m := re.match(r"^([A-Za-z-]+)\s*=", line))]


def mutate(text: str, table: Table, mutation: Mutation, version: str) -> tuple[str, int, str | None] | None:
    """The mutated text, the 1-based line the error must be on and the field it must name (None when the
    mutation does not apply to this table: a field it replaces spans several lines, or a need is unmet)."""
    for need in mutation.needs:
        if (need[1:] in table.fields) if need.startswith("!") else (need not in table.fields):
            return None
    lines = text.split("\n")
    replaced = {re.match(r"^([A-Za-z-]+)", line)[1] for line in mutation.lines}  # type: ignore[index]
    body: list[str] = []
    for line in lines[table.header + 1 : table.end]:
        field = re.match(r"^([A-Za-z-]+)\s*=", line)
        if field and field[1] in replaced:
            if not _single_line(line):
                return None
            continue
        body.append(line)
    new = [line.replace("{v}", version) for line in mutation.lines]
    out = lines[: table.header + 1] + new + body + lines[table.end :]
    blamed = table.header + 1 if mutation.blame is None else table.header + 2 + mutation.blame
    return (
        "\n".join(out),
        blamed,
        None if mutation.field is None and table.kind == "product" else table.name + (mutation.field or ""),
    )


def _single_line(line: str) -> bool:
    try:
        tomllib.loads(line)
    except tomllib.TOMLDecodeError:
        return False
    return True


@cache
def base_matrices() -> tuple[str, ...]:
    texts = {MATRIX, (ROOT / "deprecations.toml").read_text(encoding="utf-8")}
    texts |= {p.read_text(encoding="utf-8") for p in CORPUS.glob("*/matrix.toml")}
    return tuple(sorted(texts))


@st.composite
def base_and_table(draw: Draw) -> tuple[str, Table, str]:
    """A matrix, one of its tables, and one of its versions (or ``2.0``)."""
    text: str = draw(st.sampled_from(base_matrices()))
    table: Table = draw(st.sampled_from(tables(text)))
    versions = tomllib.loads(text)["product"].get("versions") or ["2.0"]
    return text, table, draw(st.sampled_from(versions))


def run_check(root: Path, matrix: str) -> Run:
    """``keyshift check -m m.toml`` on an empty directory, through the command line (in-process)."""
    (root / "m.toml").write_text(matrix, encoding="utf-8")
    (root / "empty").mkdir(exist_ok=True)
    result = CliRunner().invoke(app, ["check", "-m", str(root / "m.toml"), "--no-cache", str(root / "empty")])
    stderr = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        import traceback

        stderr += "Traceback:\n" + "".join(traceback.format_exception(result.exception))
    return Run("check", result.exit_code, result.stdout, stderr)


def assert_matrix_error(run: Run, root: Path, line: int, field: str | None, *, exact: bool = True) -> None:
    """Exit 2 and one line ``keyshift: error: FILE:LINE: FIELD: message`` (``FILE:LINE: message`` without a field)."""
    run.assert_clean(codes=(2,))
    lines = run.stderr.splitlines()
    assert len(lines) == 1, f"more than one line on stderr:\n{run.stderr}"
    where = re.escape(str(root / "m.toml"))
    match = re.fullmatch(rf"keyshift: error: {where}:(\d+): (?:(\S+): )?(.+)", lines[0])
    assert match, f"not FILE:LINE: FIELD: message: {lines[0]!r}"
    if exact:
        assert (int(match[1]), match[2]) == (line, field), f"expected line {line}, field {field}: {lines[0]!r}"
