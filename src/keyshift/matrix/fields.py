"""The matrix's field names, and reading typed fields from its TOML tables with errors at their line.

:class:`FieldReader` is the base of the validators (:mod:`keyshift.matrix.product` for ``[product]``,
:mod:`keyshift.matrix.validate` for keys and values): every error names the file, the line and the field.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from keyshift.core.keypath import KeyPathError, KeyPattern
from keyshift.core.versions import VersionError, VersionOrder
from keyshift.matrix.locate import FieldLocator, FieldPath
from keyshift.matrix.model import MatrixError

PRODUCT_FIELDS = frozenset(
    {
        "name",
        "versions",
        "files",
        "from",
        "to",
        "only-product-files",
        "description",
        "url",
        "binding",
        "env",
        "env-prefix",
        "env-separator",
        "text",
        "source",
        "generated-by",
    }
)
SOURCE_FIELDS = frozenset({"file", "repo", "ref", "commit", "sha256"})
FILE_FIELDS = frozenset({"glob", "prefix", "format"})
KEY_FIELDS = frozenset(
    {
        "added",
        "deprecated",
        "removed",
        "required",
        "replaced-by",
        "value-map",
        "expect",
        "reason",
        "url",
        "when",
        "values",
        "type",
        "inferred",
        "since",
        "fix",
    }
)
VALUE_FIELDS = frozenset(
    {"value", "pattern", "added", "deprecated", "removed", "replaced-by", "reason", "url", "when", "fix"}
)


_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1


class FieldReader:
    def __init__(self, text: str, source: str) -> None:
        self.source = source
        self.where = FieldLocator(text, source)
        self.mentioned: list[str] = []
        """Every version a field names, in the order written (the default ``to`` is the newest)."""

    def fail(self, path: FieldPath, message: str) -> MatrixError:
        return self.where.error(path, message)

    # -- typed getters ------------------------------------------------------------------------

    def _check_fields(self, table: Mapping[str, Any], allowed: frozenset[str], path: FieldPath) -> None:
        for name in table:
            if name not in allowed:
                known = ", ".join(sorted(allowed))
                hint = ""
                if path[:1] == ("keys",) and len(path) == 2 and isinstance(table[name], dict):
                    # [keys.a.b] instead of [keys."a.b"]: TOML split the key into tables
                    hint = f'; write the key in quotes: [keys."{path[1]}.{_dotted_tail(name, table[name])}"]'
                raise self.fail((*path, name), f"unknown field {name!r} (known fields: {known}){hint}")

    def _str(self, table: Mapping[str, Any], name: str, path: FieldPath) -> str | None:
        value = table.get(name)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.fail((*path, name), f"must be a string, not {type_name(value)}")
        if not value.strip():
            raise self.fail((*path, name), "must not be empty")
        return value

    def _version(self, table: Mapping[str, Any], name: str, path: FieldPath, order: VersionOrder) -> str | None:
        value = table.get(name)
        if value is None:
            return None
        if isinstance(value, int | float) and not isinstance(value, bool):
            written = self.where.raw_value((*path, name)) or str(value)
            raise self.fail((*path, name), f'versions must be strings: write "{written}" in quotes')
        version = self._str(table, name, path)
        assert version is not None
        try:
            order.check(version)
        except VersionError as exc:
            raise self.fail((*path, name), str(exc)) from None
        self.mentioned.append(version)
        return version

    def _flag(self, table: Mapping[str, Any], name: str, path: FieldPath, default: bool = False) -> bool:
        value = table.get(name, default)
        if not isinstance(value, bool):
            raise self.fail((*path, name), "must be true or false")
        return value

    def _choice(self, table: Mapping[str, Any], name: str, path: FieldPath, choices: tuple[str, ...]) -> str:
        """A field whose value is one of ``choices``; the first is the default."""
        value = table.get(name, choices[0])
        if value not in choices:
            raise self.fail((*path, name), f"must be one of {', '.join(choices)}")
        return str(value)

    def _list(self, table: Mapping[str, Any], name: str, path: FieldPath) -> list[Any]:
        value = table.get(name, [])
        if not isinstance(value, list):
            raise self.fail((*path, name), f"must be a list, not {type_name(value)}")
        return value

    def _comparable(self, value: Any, path: FieldPath) -> None:
        """A value keyshift compares with what a file holds: NaN equals nothing, and TOML integers are 64-bit."""
        if isinstance(value, float) and math.isnan(value):
            raise self.fail(path, "nan never equals any value, not even nan: no file could ever satisfy or match it")
        if isinstance(value, int) and not isinstance(value, bool) and not _INT64_MIN <= value <= _INT64_MAX:
            raise self.fail(path, "integer out of range: TOML integers are 64-bit (-2^63 to 2^63-1)")

    def _key_pattern(self, text: str, path: FieldPath) -> KeyPattern:
        try:
            return KeyPattern.parse(text)
        except KeyPathError as exc:
            raise self.fail(path, str(exc)) from None


def _dotted_tail(name: str, body: Any) -> str:
    """The rest of a key TOML split into nested tables: ``b.c`` of ``[keys.a.b.c]``."""
    parts = [name]
    while isinstance(body, dict) and len(body) == 1:
        ((child, inner),) = body.items()
        if child in KEY_FIELDS or not isinstance(inner, dict):
            break
        parts.append(child)
        body = inner
    return ".".join(parts)


def is_scalar(value: Any) -> bool:
    return isinstance(value, str | int | float | bool)


def type_name(value: Any) -> str:
    # tomllib's other value types are date, time and datetime
    return _TYPE_NAMES.get(type(value), "a date or time")


_TYPE_NAMES: dict[type, str] = {
    str: "a string",
    dict: "a table",
    list: "a list",
    bool: "a boolean",
    int: "a number",
    float: "a number",
}
