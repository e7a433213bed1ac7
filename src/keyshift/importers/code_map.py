"""The ``code-map`` importer: lists of renamed and retired codes (rule codes, error codes) -> value rules.

Two kinds of CSV file (each with a header line), told apart by their columns:

- **redirects** (columns ``old`` and ``new``): the product reads the old code as the new one.  Each
  becomes a value rule ``value = old``, ``replaced-by = new``, ``deprecated`` at the row's ``deprecated``
  column, else at the input's version: the version the list was read from, the one version at which the
  redirect is known to hold (a list of redirects rarely says when each was added);
- **retired codes** (columns ``code`` and ``removed`` and/or ``deprecated``, optionally ``name``): a value
  rule ``value = code`` removed (or deprecated) at that version.  A retired code that is also redirected
  keeps the redirect as its ``replaced-by``.

The value rules go on every key of the ``keys`` option (the settings that hold codes, such as ``select``
or ``per-file-ignores.*``); values inside lists are checked one by one, so a code in
``select = ["E", "C9"]`` is found.  The ``columns`` option renames the columns
(``{ old = "from_code", new = "to_code" }``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from keyshift.core.keypath import KeyPathError, split_key
from keyshift.core.versions import VersionError, numeric_key
from keyshift.importers import ImportFailure, ImportInput, ImportRequest
from keyshift.importers._inputs import list_option, read_csv, table_option
from keyshift.importers.draft import KeyDraft, MatrixDraft, TomlValue, ValueDraft

COLUMNS = ("old", "new", "code", "name", "deprecated", "removed")


@dataclass(frozen=True, slots=True)
class _Code:
    """What the lists say of one code."""

    code: str
    new: str | None = None
    redirected: str | None = None
    """The version the redirect to ``new`` is known at."""
    deprecated: str | None = None
    removed: str | None = None
    name: str | None = None


def build(request: ImportRequest) -> MatrixDraft:
    keys = list_option(request.options, "keys")
    if not keys:
        raise ImportFailure("code-map needs the keys that hold codes: option keys = [...]")
    for key in keys:
        try:
            split_key(key)
        except KeyPathError as exc:
            raise ImportFailure(f"option keys: {exc}") from None
    columns = _columns(request.options)
    if not request.inputs:
        raise ImportFailure("code-map needs at least one CSV file")
    codes: dict[str, _Code] = {}
    for source in request.inputs:
        _read_list(source, columns, codes)
    values = tuple(_value_rule(codes[code], codes) for code in sorted(codes))
    return MatrixDraft(name=request.product, keys=tuple(KeyDraft(key, values=values) for key in sorted(keys)))


def _columns(options: Mapping[str, TomlValue]) -> dict[str, str]:
    given = table_option(options, "columns")
    for role in given:
        if role not in COLUMNS:
            raise ImportFailure(f"option columns: unknown column {role!r} (known: {', '.join(COLUMNS)})")
    return {role: given.get(role, role) for role in COLUMNS}


def _read_list(source: ImportInput, columns: Mapping[str, str], codes: dict[str, _Code]) -> None:
    header, rows = read_csv(source)
    has = {role for role, name in columns.items() if name in header}
    if {"old", "new"} <= has:
        for line, row in rows:
            old, new = _cell(source, line, row, columns["old"]), _cell(source, line, row, columns["new"])
            version = row.get(columns["deprecated"]) or source.version
            if version is None:
                raise ImportFailure(
                    f"{source.recorded}: a list of redirects needs the version it was read from "
                    '(--version V=FILE, or version = "V" in a recipe input)'
                )
            codes[old] = replace(codes.get(old, _Code(old)), new=new, redirected=version)
    elif "code" in has and has & {"removed", "deprecated"}:
        for line, row in rows:
            code = _cell(source, line, row, columns["code"])
            removed = row.get(columns["removed"]) or None
            deprecated = row.get(columns["deprecated"]) or None
            if removed is None and deprecated is None:
                raise ImportFailure(f"{source.recorded}:{line}: {code} has neither a removed nor a deprecated version")
            name = row.get(columns["name"]) or None
            codes[code] = replace(codes.get(code, _Code(code)), deprecated=deprecated, removed=removed, name=name)
    else:
        raise ImportFailure(
            f"{source.recorded}: the columns ({', '.join(header)}) are neither a list of redirects "
            f"({columns['old']}, {columns['new']}) nor of retired codes "
            f"({columns['code']}, {columns['removed']} or {columns['deprecated']}); the columns option renames them"
        )


def _cell(source: ImportInput, line: int, row: Mapping[str, str], column: str) -> str:
    value = row[column]
    if not value:
        raise ImportFailure(f"{source.recorded}:{line}: empty {column}")
    return value


def _value_rule(entry: _Code, codes: Mapping[str, _Code]) -> ValueDraft:
    deprecated = entry.deprecated
    if deprecated is None and entry.redirected is not None and _before(entry.redirected, entry.removed):
        deprecated = entry.redirected
    return ValueDraft(
        entry.code,
        deprecated=deprecated,
        removed=entry.removed,
        replaced_by=_final(entry, codes),
        reason=f"{entry.code}: {entry.name}" if entry.name else None,
    )


def _before(version: str, removed: str | None) -> bool:
    """Whether a redirect known at ``version`` can be a deprecation before the removal (if any)."""
    if removed is None:
        return True
    try:
        return numeric_key(version) < numeric_key(removed)
    except VersionError:
        return False


def _final(entry: _Code, codes: Mapping[str, _Code]) -> str | None:
    """The code a redirect leads to in the end (a redirect to a redirected code goes on)."""
    seen = {entry.code}
    target = entry.new
    while target is not None and target in codes and codes[target].new is not None and target not in seen:
        seen.add(target)
        target = codes[target].new
    return target
