"""Writing a :class:`MatrixDraft` as matrix TOML: deterministic, one table per key, readable in review.

The same draft always gives the same bytes (a bundled pack is compared byte for byte with a fresh
generation).  Fields are written in a fixed order; keys in the draft's order (importers sort them).
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Mapping, Sequence

from keyshift.core.model import Scalar
from keyshift.importers.draft import KeyDraft, MatrixDraft, TomlValue, ValueDraft, When
from keyshift.matrix.model import SourceRecord

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_LINE_WIDTH = 100
_PRODUCT_FIRST = ("description", "url")


def render(draft: MatrixDraft, header: Sequence[str] = ()) -> str:
    """The matrix text; ``header`` lines become comments at the top."""
    out = [f"# {line}".rstrip() for line in header]
    if out:
        out.append("")
    out.append("[product]")
    out.append(f"name = {toml_value(draft.name)}")
    product = dict(draft.product)
    for name in _PRODUCT_FIRST:
        if name in product:
            out.append(f"{toml_key(name)} = {toml_value(product.pop(name))}")
    if draft.versions:
        out.append(f"versions = {toml_value(list(draft.versions))}")
    out.extend(f"{toml_key(name)} = {toml_value(value)}" for name, value in product.items())
    if draft.sources:
        out.append("source = [")
        out.extend(f"  {_inline(_source_fields(source))}," for source in draft.sources)
        out.append("]")
    if draft.generated_by:
        out.append(f"generated-by = {toml_value(draft.generated_by)}")
    for key in draft.keys:
        out.append("")
        out.extend(_key_lines(key))
    return "\n".join(out) + "\n"


def _source_fields(source: SourceRecord) -> dict[str, TomlValue]:
    fields = {"file": source.file, "repo": source.repo, "ref": source.ref, "commit": source.commit}
    fields["sha256"] = source.sha256
    return {name: value for name, value in fields.items() if value is not None}


def _key_lines(key: KeyDraft) -> list[str]:
    header = f"keys.{toml_key(key.key)}"
    fields: dict[str, TomlValue | None] = {
        "type": key.type if key.type != "any" else None,
        "added": key.added,
        "deprecated": key.deprecated,
        "removed": key.removed,
        "required": key.required,
        "replaced-by": key.replaced_by,
        "value-map": {old: _scalar(new) for old, new in key.value_map} or None,
        "reason": key.reason,
        "url": key.url,
        "since": key.since,
        "inferred": True if key.inferred else None,
        "fix": key.fix if key.fix != "default" else None,
        "when": _when(key.when),
    }
    lines = [f"[{header}]", *_assignments(fields)]
    for value in key.values:
        lines.extend(["", f"[[{header}.values]]", *_assignments(_value_fields(value))])
    return lines


def _value_fields(value: ValueDraft) -> dict[str, TomlValue | None]:
    return {
        "value": _scalar(value.value) if value.has_value else None,
        "pattern": value.pattern,
        "added": value.added,
        "deprecated": value.deprecated,
        "removed": value.removed,
        "replaced-by": _scalar(value.replaced_by) if value.replaced_by is not None else None,
        "reason": value.reason,
        "url": value.url,
        "fix": value.fix if value.fix != "default" else None,
        "when": _when(value.when),
    }


def _when(when: When) -> dict[str, TomlValue] | None:
    if not when:
        return None
    return {key: _scalar(values[0]) if len(values) == 1 else [_scalar(v) for v in values] for key, values in when}


def _scalar(value: Scalar) -> TomlValue:
    if value is None:
        raise ValueError("TOML has no null value")
    return value


def _assignments(fields: Mapping[str, TomlValue | None]) -> list[str]:
    return [f"{toml_key(name)} = {toml_value(value)}" for name, value in fields.items() if value is not None]


def toml_key(key: str) -> str:
    """A TOML key: bare where it can be, else a basic string."""
    return key if _BARE_KEY.fullmatch(key) else _string(key)


def toml_value(value: TomlValue) -> str:
    """A TOML value; a long list is written one item per line."""
    if isinstance(value, list):
        items = [toml_value(item) for item in value]
        flat = "[" + ", ".join(items) + "]"
        if len(flat) <= _LINE_WIDTH:
            return flat
        return "[\n" + "".join(f"  {item},\n" for item in items) + "]"
    if isinstance(value, dict):
        return _inline(value)
    return _atom(value)


def _inline(table: Mapping[str, TomlValue]) -> str:
    if not table:
        return "{}"
    return "{ " + ", ".join(f"{toml_key(k)} = {_flat(v)}" for k, v in table.items()) + " }"


def _flat(value: TomlValue) -> str:
    """A value inside an inline table, which TOML 1.0 keeps on one line."""
    if isinstance(value, list):
        return "[" + ", ".join(_flat(item) for item in value) + "]"
    if isinstance(value, dict):
        return _inline(value)
    return _atom(value)


def _atom(value: str | int | float | bool) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        if math.isnan(value):
            return "nan"
        if math.isinf(value):
            return "inf" if value > 0 else "-inf"
        return repr(value)
    return _string(value)


def _string(text: str) -> str:
    # JSON's escapes are TOML's, but TOML also forbids DEL and JSON leaves it alone
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")


__all__ = ["render", "toml_key", "toml_value"]
