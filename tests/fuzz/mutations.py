"""Mutated corpus inputs: the fix corpus's input files (tests/fix_corpus/*/input) and examples/, each with
its own matrix, changed by a few random edits.

Edits insert characters that mean something in some format, keys of the matrix in several spellings,
and whole lines; delete, duplicate, swap, indent and truncate; and change line endings (all, or one),
the BOM and the final newline.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from hypothesis import strategies as st

from fuzz import defects
from fuzz.harness import BOM, Case
from fuzz.keys import env_name, split_key
from fuzz.trees import RARE_BREAKS, Draw, without_rare_breaks

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests" / "fix_corpus"
EXAMPLES = ROOT / "examples"


@dataclass(frozen=True)
class Seed:
    name: str
    """The file's path relative to its tree (product globs match it)."""
    data: bytes
    matrix: str
    unsafe: bool


@cache
def seeds() -> tuple[Seed, ...]:
    """Every input file of the fix corpus, and every file of examples/ with the repository's matrix."""
    found: list[Seed] = []
    for case in sorted(CORPUS.iterdir()):
        if not (case / "input").is_dir():
            continue
        matrix = (case / "matrix.toml").read_text(encoding="utf-8")
        args = case / "args.txt"
        unsafe = args.is_file() and "--unsafe" in args.read_text(encoding="utf-8")
        found += _tree(case / "input", matrix, unsafe)
    found += _tree(EXAMPLES, (ROOT / "deprecations.toml").read_text(encoding="utf-8"), False)
    return tuple(found)


def _tree(root: Path, matrix: str, unsafe: bool) -> list[Seed]:
    files = sorted(p for p in root.rglob("*") if p.is_file())
    return [Seed(p.relative_to(root).as_posix(), p.read_bytes(), matrix, unsafe) for p in files]


def seeds_of(format_name: str) -> tuple[Seed, ...]:
    from fuzz.fixprops import format_of

    return tuple(s for s in seeds() if format_of(s.name) == format_name)


@cache
def _spellings(matrix: str) -> tuple[str, ...]:
    """A matrix's keys as files write them: dotted, the last segment, the environment name, quoted."""
    out: list[str] = []
    for key in tomllib.loads(matrix).get("keys", {}):
        path = [s for s in split_key(key) if s not in ("*", "**")] or ["x"]
        out += [".".join(path), path[-1], env_name(path), f'"{path[-1]}"']
    return tuple(out)


_PUNCTUATION = tuple(":-?[]{},#&*!|>'\"%@` \t=;.\\$()<~/")
_PIECES = (
    *("\n", "\r\n", "\n\n", "é", "😀", "\u200b", "\ufeff", "\x7f", "\x01", "\\u00e9", "\\", "\\\n"),
    *("---\n", "...\n", "\n  - ", ": ", " = ", "=", "# c\n", "// c\n", "/* c */", "; c\n", "! c\n"),
    *("[x]\n", "[[x]]\n", "{", "}", "[", "]", '"', "'", '"""', "'''", "\t", "    ", "export ", "ENV ", "${", "}}"),
    *("{{ .Values.x }}", "&a ", "*a", "<<: *a\n", "!!str ", "|\n  ", ">-\n  ", "null", "true", "0x" + "f" * 40),
)


def _rare_breaks_excluded() -> bool:
    # defects 12, 14, 15: the rare line breaks make the diff, Python and .properties positions disagree
    return any(defects.excluded(n) for n in (12, 14, 15))


def _pieces() -> tuple[str, ...]:
    return _PUNCTUATION + _PIECES + (() if _rare_breaks_excluded() else RARE_BREAKS)


@st.composite
def edits(draw: Draw, text: str, spellings: tuple[str, ...]) -> str:
    """``text`` after one random edit (``spellings``: key-like words the edits may insert)."""
    size = len(text)
    at = draw(st.integers(0, size))
    kind = draw(st.sampled_from(("insert", "insert", "key", "delete", "line", "swap", "indent", "cut", "ending")))
    lines = text.splitlines(keepends=True) or [""]
    row = draw(st.integers(0, len(lines) - 1))
    if kind == "insert":
        piece: str = draw(st.sampled_from(_pieces()))
        return text[:at] + piece + text[at:]
    if kind == "key":
        key: str = draw(st.sampled_from(spellings or ("x",)))
        shape: str = draw(st.sampled_from(("{}", "{}: 1\n", "{} = 1\n", "{}=1\n", '"{}": 1,\n', "[{}]\n", "${}")))
        return text[:at] + shape.format(key) + text[at:]
    if kind == "delete":
        return text[:at] + text[at + draw(st.integers(1, 20)) :]
    if kind == "line":
        return "".join([*lines[: row + 1], lines[row], *lines[row + 1 :]])
    if kind == "swap":
        other = draw(st.integers(0, len(lines) - 1))
        lines[row], lines[other] = lines[other], lines[row]
        return "".join(lines)
    if kind == "indent":
        line = lines[row]
        lines[row] = line.lstrip(" ") if line.startswith(" ") and draw(st.booleans()) else "  " + line
        return "".join(lines)
    if kind == "cut":
        return text[:at]
    return _ending(draw, text, lines, row)


def _ending(draw: Draw, text: str, lines: list[str], row: int) -> str:
    """Change line endings: every line to CRLF or LF, one line's ending, or the final newline."""
    which = draw(st.sampled_from(("crlf", "lf", "one", "final")))
    if which == "crlf":
        return text.replace("\r\n", "\n").replace("\n", "\r\n")
    if which == "lf":
        return text.replace("\r\n", "\n")
    if which == "one":
        line = lines[row]
        lines[row] = line[:-2] + "\n" if line.endswith("\r\n") else line.rstrip("\n") + "\r\n"
        return "".join(lines)
    return text[:-1] if text.endswith("\n") else text + "\n"


@st.composite
def mutated_cases(draw: Draw, format_name: str) -> Case:
    seed: Seed = draw(st.sampled_from(seeds_of(format_name)))
    bom = seed.data.startswith(BOM)
    text = (seed.data[3:] if bom else seed.data).decode("utf-8")
    for _ in range(draw(st.integers(1, 4))):
        text = draw(edits(text, _spellings(seed.matrix)))
    if _rare_breaks_excluded():  # an edit may leave a lone CR (a cut, a deleted LF)
        text = without_rare_breaks(text)
    if draw(st.integers(0, 7)) == 0:
        bom = not bom
    unsafe = seed.unsafe or draw(st.integers(0, 3)) == 0
    return Case(seed.name, (BOM if bom else b"") + text.encode("utf-8"), seed.matrix, unsafe)
