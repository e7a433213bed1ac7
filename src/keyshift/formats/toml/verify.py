"""The TOML fixer's check of its own plan: the edited text must parse with :mod:`tomllib` and hold
exactly the data the request asks for, every other value unchanged."""

from __future__ import annotations

import math
import tomllib

from keyshift.core.edits import CannotFix, FixRequest, apply_edits
from keyshift.formats.toml.plan import Plan
from keyshift.formats.toml.view import Path, TomlView, is_index

__all__ = ["verify"]


def verify(view: TomlView, request: FixRequest, plan: Plan) -> None:
    """The edited text parses and holds exactly what the request asks for, nothing else changed."""
    text = view.text
    new_text = apply_edits(text, plan.edits)
    try:
        old = tomllib.loads(text)
        new = tomllib.loads(new_text)
    except tomllib.TOMLDecodeError:
        raise CannotFix("the change would not leave valid TOML here; fix it by hand") from None
    try:
        expected = _expected(old, view, request, plan)
    except (KeyError, IndexError, TypeError, ValueError):
        raise CannotFix("the change would not leave the data as intended; fix it by hand") from None
    if not _same(new, expected):
        raise CannotFix("the change would alter other values here; fix it by hand")


def _expected(old: dict[str, object], view: TomlView, request: FixRequest, plan: Plan) -> dict[str, object]:
    """The data the edited text should hold: ``old`` with the requested change."""
    expected = _copy(old)
    if request.op == "add" and request.new_path:
        _put(expected, request.new_path, plan.written)
    elif request.occurrence is not None:
        path = request.occurrence.path
        if request.op == "set-value" or (request.op == "rename" and request.new_path == path):
            _put(expected, path, plan.written)
        else:
            moved = _take(expected, path)
            _prune(expected, path, view, plan)
            if request.op == "rename" and request.new_path:
                _put(expected, request.new_path, plan.written if request.has_value else moved)
    return expected


def _step(container: object, segment: str) -> tuple[dict[str, object] | list[object], str | int]:
    if isinstance(container, list) and is_index(segment):
        return container, int(segment[1:-1])
    if isinstance(container, dict):
        return container, segment
    raise TypeError(segment)


def _get(data: object, path: Path) -> object:
    node = data
    for segment in path:
        container, key = _step(node, segment)
        node = container[key]  # type: ignore[index]
    return node


def _take(data: dict[str, object], path: Path) -> object:
    container, key = _step(_get(data, path[:-1]), path[-1])
    return container.pop(key)  # type: ignore[arg-type]


def _put(data: dict[str, object], path: Path, value: object) -> None:
    node: object = data
    for segment in path[:-1]:
        container, key = _step(node, segment)
        if isinstance(container, dict) and key not in container:
            container[key] = {}  # type: ignore[index]
        node = container[key]  # type: ignore[index]
    container, key = _step(node, path[-1])
    container[key] = value  # type: ignore[index]


def _prune(data: dict[str, object], path: Path, view: TomlView, plan: Plan) -> None:
    """Drop the ancestors that disappear with ``path``: tables no header keeps, emptied
    arrays of tables and the header sections the plan removes."""
    for i in range(len(path) - 1, 0, -1):
        prefix = path[:i]
        value = _get(data, prefix)
        kind = view.kind(prefix)
        emptied_table = value == {} and (kind in ("dotted", "implicit") or prefix in plan.removed_tables)
        if not (emptied_table or (value == [] and kind == "aot")):
            return
        _take(data, prefix)


# tomllib's data is walked with a stack, not recursion: however deep the data, no RecursionError


def _copy(data: dict[str, object]) -> dict[str, object]:
    """A deep copy of tomllib's data (tables, arrays and immutable values)."""
    root = dict(data)
    pending: list[dict[str, object] | list[object]] = [root]
    while pending:
        node = pending.pop()
        if isinstance(node, dict):
            for key, value in node.items():
                node[key] = _shallow_copy(value, pending)
        else:
            for i, value in enumerate(node):
                node[i] = _shallow_copy(value, pending)
    return root


def _shallow_copy(value: object, pending: list[dict[str, object] | list[object]]) -> object:
    """A copy of a table or array (queued in ``pending`` for its own values to be copied), else ``value``."""
    if isinstance(value, dict):
        table: dict[str, object] = dict(value)
        pending.append(table)
        return table
    if isinstance(value, list):
        array: list[object] = list(value)
        pending.append(array)
        return array
    return value


def _same(a: object, b: object) -> bool:
    pending = [(a, b)]
    while pending:
        a, b = pending.pop()
        if isinstance(a, dict):
            if not (isinstance(b, dict) and a.keys() == b.keys()):
                return False
            pending.extend((a[k], b[k]) for k in a)
        elif isinstance(a, list):
            if not (isinstance(b, list) and len(a) == len(b)):
                return False
            pending.extend(zip(a, b, strict=True))
        elif not (_both_nan(a, b) or (type(a) is type(b) and a == b)):
            return False
    return True


def _both_nan(a: object, b: object) -> bool:
    return isinstance(a, float) and isinstance(b, float) and math.isnan(a) and math.isnan(b)
