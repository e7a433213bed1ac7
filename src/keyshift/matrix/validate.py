"""Strict validation of a matrix: every table, field and value of the TOML data, into a :class:`Matrix`.

Checks run in the order a reader meets the fields, and the first problem raises :class:`MatrixError`
with the line and the field (see :mod:`keyshift.matrix.locate`).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from keyshift.core.keypath import KeyPattern, wildcards
from keyshift.core.model import Scalar
from keyshift.core.versions import VersionOrder
from keyshift.matrix.backtracking import catastrophic
from keyshift.matrix.cycles import rename_loop, value_loop
from keyshift.matrix.fields import KEY_FIELDS, VALUE_FIELDS, is_scalar
from keyshift.matrix.locate import FieldPath
from keyshift.matrix.model import FIX_CHOICES, KEY_TYPES, Condition, KeyRule, Matrix, MatrixError, ValueRule
from keyshift.matrix.product import ProductReader


def validate_matrix(data: Mapping[str, Any], text: str, source: str) -> Matrix:
    """The matrix ``tomllib`` read from ``text``; raises MatrixError for the first problem."""
    return _Validator(text, source).matrix(data)


@dataclass(frozen=True, slots=True)
class _Lifecycle:
    """The versions of a key rule or a value rule (a value rule has no ``required``)."""

    added: str | None
    deprecated: str | None
    removed: str | None
    required: str | None

    @property
    def goes(self) -> bool:
        """Whether the key or value is deprecated or removed at some version."""
        return bool(self.deprecated or self.removed)


class _Validator(ProductReader):
    def matrix(self, data: Mapping[str, Any]) -> Matrix:
        for name in data:
            if name not in ("product", "keys"):
                raise self.fail((name,), f'unknown table {name!r} (a matrix has [product] and [keys."..."])')
        if "product" not in data:
            raise MatrixError(self.source, None, "product", "missing [product] table")
        if not isinstance(data["product"], dict):
            raise self.fail(("product",), "must be a table: [product]")
        product = self.product(data["product"])
        keys_table = data.get("keys", {})
        if not isinstance(keys_table, dict):
            raise self.fail(("keys",), "must be a table of keys")
        rules = tuple(self.key_rule(key, body, product.order) for key, body in keys_table.items())
        loop = rename_loop(rules, product.normalizer())
        if loop is not None:
            raise self.fail(("keys", loop.rules[0].key, "replaced-by"), loop.describe())
        return Matrix(self.source, product, rules, tuple(self.mentioned))

    # -- keys ---------------------------------------------------------------------------------

    def key_rule(self, key: str, body: Any, order: VersionOrder) -> KeyRule:
        path = ("keys", key)
        table = self._key_table(key, body)
        pattern = self._key_pattern(key, path)
        life = self._lifecycle(table, path, order)
        self._check_required_window(order, path, life)
        replaced_by = self._replaced_by(table, path, pattern)
        value_map = self._value_map(table, path, replaced_by)
        has_expect, expect = self._expectation(table, path, life, pattern)
        values = tuple(
            self.value_rule(entry, (*path, "values", f"[{i}]"), order)
            for i, entry in enumerate(self._list(table, "values", path))
        )
        if not any((life.added, life.deprecated, life.removed, life.required, values)):
            raise self.fail(path, "says nothing: give at least one of added, deprecated, removed, required, values")
        if replaced_by is not None and not life.goes:
            raise self.fail((*path, "replaced-by"), "needs deprecated or removed (when does the old key go?)")
        rule = KeyRule(
            key=key,
            pattern=pattern,
            added=life.added,
            deprecated=life.deprecated,
            removed=life.removed,
            required=life.required,
            replaced_by=replaced_by,
            value_map=value_map,
            expect=expect,
            has_expect=has_expect,
            reason=self._str(table, "reason", path),
            url=self._str(table, "url", path),
            when=self._when(table, path),
            values=values,
            type=self._choice(table, "type", path, KEY_TYPES),
            fix=self._choice(table, "fix", path, FIX_CHOICES),
            inferred=self._flag(table, "inferred", path),
            since=self._str(table, "since", path),
            source=self.source,
        )
        loop = value_loop(rule)
        if loop is not None:
            raise self.fail((*path, *loop.field), loop.message)
        return rule

    def _key_table(self, key: str, body: Any) -> Mapping[str, Any]:
        """The table of ``[keys."KEY"]``, holding only key fields."""
        path = ("keys", key)
        if not isinstance(body, dict):
            hint = ""
            if isinstance(body, list) and body and all(isinstance(b, dict) for b in body):
                hint = f': write [keys."{key}"], not [[keys."{key}"]]'
            raise self.fail(path, f"must be a table{hint}")
        self._check_fields(body, KEY_FIELDS, path)
        return body

    def _lifecycle(self, table: Mapping[str, Any], path: FieldPath, order: VersionOrder) -> _Lifecycle:
        """The versions of a rule, each known to the product and in order.

        ``required`` is None for a value rule: its fields were checked before, and it has none such.
        """
        life = _Lifecycle(
            added=self._version(table, "added", path, order),
            deprecated=self._version(table, "deprecated", path, order),
            removed=self._version(table, "removed", path, order),
            required=self._version(table, "required", path, order),
        )
        added, deprecated, removed = life.added, life.deprecated, life.removed
        if deprecated and removed and order.lt(removed, deprecated):
            raise self.fail((*path, "removed"), f"removed ({removed}) comes before deprecated ({deprecated})")
        if added and removed and order.le(removed, added):
            raise self.fail((*path, "removed"), f"removed ({removed}) is not after added ({added})")
        if added and deprecated and order.lt(deprecated, added):
            raise self.fail((*path, "deprecated"), f"deprecated ({deprecated}) comes before added ({added})")
        return life

    def _check_required_window(self, order: VersionOrder, path: FieldPath, life: _Lifecycle) -> None:
        """A key is required from its ``required`` version on, which lies in the key's lifetime."""
        required, added, removed = life.required, life.added, life.removed
        if required and added and order.lt(required, added):
            raise self.fail((*path, "required"), f"required ({required}) comes before added ({added})")
        if required and removed and order.le(removed, required):
            raise self.fail((*path, "required"), f"required ({required}) is not before removed ({removed})")

    def _replaced_by(self, table: Mapping[str, Any], path: FieldPath, pattern: KeyPattern) -> KeyPattern | None:
        """The new key, whose wildcards take what the old key's matched, in order."""
        text = self._str(table, "replaced-by", path)
        if text is None:
            return None
        replaced_by = self._key_pattern(text, (*path, "replaced-by"))
        new_wildcards, old_wildcards = wildcards(replaced_by.segments), wildcards(pattern.segments)
        if new_wildcards != old_wildcards:
            new_wild = " ".join(new_wildcards) or "none"
            old_wild = " ".join(old_wildcards) or "none"
            raise self.fail(
                (*path, "replaced-by"),
                f"wildcards of {text!r} ({new_wild}) do not match {pattern.text!r} ({old_wild})",
            )
        return replaced_by

    def _value_map(
        self, table: Mapping[str, Any], path: FieldPath, replaced_by: KeyPattern | None
    ) -> tuple[tuple[str, Scalar], ...]:
        """``value-map``: old value = the value the new key takes instead."""
        raw = table.get("value-map")
        if raw is None:
            return ()
        if not isinstance(raw, dict) or not all(is_scalar(v) for v in raw.values()):
            raise self.fail((*path, "value-map"), "must be a table of old value = new value")
        if replaced_by is None:
            raise self.fail((*path, "value-map"), "needs replaced-by (it maps values onto the new key)")
        for old, new in raw.items():
            self._comparable(new, (*path, "value-map", old))
        return tuple((str(k), v) for k, v in raw.items())

    def _expectation(
        self, table: Mapping[str, Any], path: FieldPath, life: _Lifecycle, pattern: KeyPattern
    ) -> tuple[bool, Scalar]:
        """Whether ``expect`` is given, and its value; a required key is one literal key."""
        has_expect = "expect" in table
        expect = table.get("expect")
        if has_expect and not is_scalar(expect):
            raise self.fail((*path, "expect"), "must be a single value (string, number or boolean)")
        self._comparable(expect, (*path, "expect"))
        if life.required is not None and not pattern.is_literal:
            raise self.fail((*path, "required"), "a required key cannot use wildcards")
        if has_expect and life.required is None:
            raise self.fail((*path, "expect"), "expect only applies together with required")
        return has_expect, expect

    def _when(self, table: Mapping[str, Any], path: FieldPath) -> tuple[Condition, ...]:
        value = table.get("when")
        if value is None:
            return ()
        if not isinstance(value, dict) or not value:
            raise self.fail((*path, "when"), 'must be a table such as { kind = "Ingress" }')
        conditions: list[Condition] = []
        for key, wanted in value.items():
            segments = self._key_pattern(key, (*path, "when")).segments
            if wildcards(segments):
                raise self.fail((*path, "when"), f"condition key {key!r} cannot use wildcards")
            options = wanted if isinstance(wanted, list) else [wanted]
            if not options or not all(is_scalar(v) for v in options):
                raise self.fail((*path, "when"), f"{key!r} must be a value or a list of values")
            for option in options:
                self._comparable(option, (*path, "when", key))
            conditions.append((segments, tuple(options)))
        return tuple(conditions)

    # -- values -------------------------------------------------------------------------------

    def value_rule(self, entry: Any, path: FieldPath, order: VersionOrder) -> ValueRule:
        if not isinstance(entry, dict):
            raise self.fail(path, "each [[values]] entry must be a table")
        self._check_fields(entry, VALUE_FIELDS, path)
        compiled = self._value_pattern(entry, path)
        life = self._lifecycle(entry, path, order)
        if not any((life.added, life.deprecated, life.removed)):
            raise self.fail(path, "a value rule needs added, deprecated or removed")
        replaced_by = entry.get("replaced-by")
        if replaced_by is not None and not is_scalar(replaced_by):
            raise self.fail((*path, "replaced-by"), "must be a single value")
        self._comparable(replaced_by, (*path, "replaced-by"))
        if replaced_by is not None and not life.goes:
            raise self.fail((*path, "replaced-by"), "needs deprecated or removed (when does the old value go?)")
        return ValueRule(
            value=entry.get("value"),
            pattern=compiled,
            added=life.added,
            deprecated=life.deprecated,
            removed=life.removed,
            replaced_by=replaced_by,
            reason=self._str(entry, "reason", path),
            url=self._str(entry, "url", path),
            when=self._when(entry, path),
            has_value="value" in entry,
            fix=self._choice(entry, "fix", path, FIX_CHOICES),
        )

    def _value_pattern(self, entry: Mapping[str, Any], path: FieldPath) -> re.Pattern[str] | None:
        """The compiled ``pattern`` of a value rule, None for one that names its ``value``."""
        has_value, has_pattern = "value" in entry, "pattern" in entry
        if has_value == has_pattern:
            raise self.fail(path, "give exactly one of value or pattern")
        if not has_pattern:
            if not is_scalar(entry["value"]):
                raise self.fail((*path, "value"), "must be a single value (string, number or boolean)")
            self._comparable(entry["value"], (*path, "value"))
            return None
        pattern_text = self._str(entry, "pattern", path)
        assert pattern_text is not None
        try:
            compiled = re.compile(pattern_text)
        except (re.error, RecursionError, OverflowError) as exc:
            detail = str(exc) if isinstance(exc, re.error) else "nested too deeply or too large"
            raise self.fail((*path, "pattern"), f"invalid regular expression: {detail}") from None
        problem = catastrophic(pattern_text)
        if problem is not None:
            raise self.fail((*path, "pattern"), problem)
        return compiled
