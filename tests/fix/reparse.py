"""What a fixer's new text must hold when parsed again, besides being the exact expected text.

One check per format, each ``(fixed, case) -> None`` for ``support.fix_cases.check_fix``: the key
the case names is gone, moved or changed as the request says, and (where a format can say so cheaply)
nothing else changed.
"""

from __future__ import annotations

import tomllib
from collections import Counter
from typing import Any

import libcst

from keyshift.core.model import ParsedFile, Scalar
from keyshift.core.values import scalar_text
from keyshift.formats._lines import scalar_text as variable_text
from support.fix_cases import FixCase, Fixed, Path, scalar_values


def _written(value: Scalar) -> str:
    """A value as a format whose values are all strings reads it back (``true``, ``3``, ``x``)."""
    return str(value).lower() if isinstance(value, bool) else str(value)


def variables(fixed: Fixed, case: FixCase) -> None:
    """Shell and Dockerfile: every (form, name, value) of the input is still there, except that the fixed
    one has its new name or value, or is gone."""

    def leaves(parsed: ParsedFile[Any]) -> Counter[tuple[str, Path, Scalar]]:
        return Counter((o.form, o.path, o.value) for o in parsed.documents[0].occurrences)

    occurrence = fixed.occurrence
    assert occurrence is not None
    after = fixed.after()
    want = leaves(fixed.before)
    want[(occurrence.form, occurrence.path, occurrence.value)] -= 1
    if case.op in ("rename", "set-value"):
        path = case.new_path if case.op == "rename" else occurrence.path
        assert path is not None
        value = variable_text(case.value) if case.has_value else occurrence.value
        want[(occurrence.form, path, value)] += 1
        start = occurrence.key_span.start.offset
        at = [o for o in after.documents[0].occurrences if o.key_span.start.offset == start]
        assert [(o.path, o.value) for o in at] == [(path, value)]
    assert leaves(after) == +want


def dotenv(fixed: Fixed, case: FixCase) -> None:
    values = scalar_values(fixed.after())
    written = _written(case.value)
    if case.op in ("rename", "add") and case.new_path is not None:
        assert case.new_path in values
        if case.has_value:
            assert values[case.new_path] == written
    if case.op in ("rename", "delete", "comment-out") and fixed.occurrence is not None:
        assert fixed.occurrence.path not in values
    if case.op == "set-value" and fixed.occurrence is not None:
        assert values[fixed.occurrence.path] == written


def properties(fixed: Fixed, case: FixCase) -> None:
    old = fixed.key_path
    values = scalar_values(fixed.after())
    if case.op in ("rename", "add") and case.new_path is not None:
        assert case.new_path in values
    if case.op in ("rename", "delete", "comment-out") and old is not None:
        assert old not in values
    if case.op == "set-value" and old is not None:
        assert values[old] == _written(case.value)


def ini(fixed: Fixed, case: FixCase) -> None:
    old = fixed.key_path
    after = fixed.after()
    values = scalar_values(after)
    before = scalar_values(fixed.before)
    written = scalar_text(case.value)
    if case.op == "rename" and old in before and case.new_path is not None:
        assert old not in values
        assert values[case.new_path] == (written if case.has_value else before[old])
    if case.op == "add" and case.new_path is not None:
        assert values[case.new_path] == written
    if case.op == "set-value" and old is not None:
        assert values[old] == written
    if case.op in ("delete", "comment-out") and old is not None:
        assert old not in {o.path for o in after.documents[0].occurrences}


def yaml(fixed: Fixed, case: FixCase) -> None:
    """The other documents are unchanged; in the fixed one, exactly the intended change of paths."""
    key = fixed.key_path
    before = fixed.before
    new = fixed.after()
    assert len(new.documents) == len(before.documents)
    for index in range(len(before.documents)):
        if index != case.document:
            assert scalar_values(new, index) == scalar_values(before, index)
    doc = case.document
    paths = {o.path for o in new.documents[doc].occurrences}
    if case.op == "rename":
        assert key is not None and case.new_path is not None
        assert key not in paths
        assert case.new_path in paths
        if case.has_value:
            assert scalar_values(new, doc)[case.new_path] == case.value
    elif case.op in ("delete", "comment-out"):
        assert key is not None
        assert key not in paths
    elif case.op == "set-value":
        assert key is not None
        assert scalar_values(new, doc)[key] == case.value
    elif case.op == "add":
        assert case.new_path is not None
        assert scalar_values(new, doc)[case.new_path] == case.value


def _json_leaves(parsed: ParsedFile[Any]) -> Counter[tuple[Path, str]]:
    return Counter(
        (o.path, repr(o.value)) for o in parsed.documents[0].occurrences if not o.implicit and o.value_kind == "scalar"
    )


def _json_expected_leaves(before: ParsedFile[Any], old: Path | None, case: FixCase) -> Counter[tuple[Path, str]]:
    """The leaves the output must hold: the input's, changed only as the request says."""
    leaves = _json_leaves(before)
    if case.op == "add":
        assert case.new_path is not None
        leaves[(case.new_path, repr(case.value))] += 1
        return leaves
    assert old is not None
    out: Counter[tuple[Path, str]] = Counter()
    for (path, value), count in leaves.items():
        if path[: len(old)] != old:
            out[(path, value)] += count
        elif case.op == "rename":
            assert case.new_path is not None
            new_value = repr(case.value) if case.has_value and path == old else value
            out[((*case.new_path, *path[len(old) :]), new_value)] += count
        elif case.op == "set-value":
            out[(path, repr(case.value) if path == old else value)] += count
    return out


def json(fixed: Fixed, case: FixCase) -> None:
    """Every scalar leaf of the input is still there, changed only as the request says."""
    before = fixed.before
    after = fixed.after()
    old = fixed.key_path
    removes_an_element = old is not None and old[-1].startswith("[")
    if case.op == "delete" and removes_an_element:
        # removing a list element renumbers the ones after it: compare the values
        assert sorted(v for _, v in _json_leaves(after).elements()) == sorted(
            v for p, v in _json_leaves(before).elements() if p != old
        )
    else:
        assert _json_leaves(after) == _json_expected_leaves(before, old, case)
    paths = {o.path for o in after.documents[0].occurrences}
    if case.op in ("rename", "delete", "comment-out") and old is not None and not removes_an_element:
        assert old not in paths
    if case.new_path is not None:
        assert case.new_path in paths


def _toml_lookup(data: dict[str, Any], path: Path) -> Any:
    node: Any = data
    for segment in path:
        node = node[int(segment[1:-1])] if segment.startswith("[") and isinstance(node, list) else node[segment]
    return node


def _toml_has(data: dict[str, Any], path: Path) -> bool:
    try:
        _toml_lookup(data, path)
    except (KeyError, IndexError, TypeError):
        return False
    return True


def toml(fixed: Fixed, case: FixCase) -> None:
    """What ``tomllib`` reads from the new text: the old key gone, the new one with its value."""
    data = tomllib.loads(fixed.output)
    key = fixed.key_path
    if case.op in ("rename", "delete", "comment-out"):
        assert isinstance(key, tuple)
        assert not _toml_has(data, key)
    if case.op == "rename":
        assert isinstance(key, tuple) and case.new_path is not None
        moved = case.value if case.has_value else _toml_lookup(tomllib.loads(case.text), key)
        assert _toml_lookup(data, case.new_path) == moved
    if case.op == "add":
        assert case.new_path is not None
        assert _toml_lookup(data, case.new_path) == case.value
    if case.op == "set-value":
        assert isinstance(key, tuple)
        assert str(_toml_lookup(data, key)) == str(case.value)  # a date decodes to a date


def text(fixed: Fixed, case: FixCase) -> None:
    """The renamed token is found where the old one was; every other token is unchanged."""

    def paths(parsed: ParsedFile[Any]) -> Counter[Path]:
        return Counter(o.path for o in parsed.documents[0].occurrences)

    occurrence, new_path = fixed.occurrence, case.new_path
    assert occurrence is not None and new_path is not None
    after = fixed.after()
    start = occurrence.key_span.start.offset
    renamed = [o for o in after.documents[0].occurrences if o.key_span.start.offset == start]
    assert [o.path for o in renamed] == [new_path]
    want = paths(fixed.before)
    want[occurrence.path] -= 1
    want[new_path] += 1
    assert paths(after) == +want


def python(fixed: Fixed, case: FixCase) -> None:
    """The new source is valid Python; its keys are the old ones with only the renamed one changed, in place."""
    assert libcst.parse_module(fixed.output).code == fixed.output
    before = fixed.before.documents[0].occurrences
    after = fixed.after().documents[0].occurrences
    assert fixed.key_path is not None
    old_paths = [o.path for o in before]
    index = old_paths.index(fixed.key_path)
    assert [o.path for o in after] == [*old_paths[:index], case.new_path, *old_paths[index + 1 :]]
    assert after[index].key_span.start == before[index].key_span.start
