"""The deprecation matrix: loading, strict validation, and the rule values the matcher uses.

One matrix file describes one product (``[product]``) and its keys (``[keys."a.b.c"]``).  Every
problem in a matrix stops the run: :class:`MatrixError` names the file, the line and the field.
"""

from __future__ import annotations

import contextlib
import re
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from keyshift.core.keypath import KeyPathError, KeyPattern, wildcards
from keyshift.core.model import Scalar, Span
from keyshift.core.positions import LineIndex
from keyshift.core.values import format_scalar, scalar_text, values_equal
from keyshift.core.versions import VersionError, VersionOrder, numeric_key
from keyshift.core.versions import normalize as normalize_version

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
    }
)
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
    }
)
VALUE_FIELDS = frozenset({"value", "pattern", "added", "deprecated", "removed", "replaced-by", "reason", "url", "when"})
BINDINGS = ("exact", "relaxed")


class MatrixError(Exception):
    """An invalid matrix; ``str()`` is ``file:line: field: message``."""

    def __init__(self, source: str, line: int | None, field_name: str | None, message: str) -> None:
        self.source = source
        self.line = line
        self.field_name = field_name
        self.message = message
        where = f"{source}:{line}" if line else source
        super().__init__(f"{where}: {field_name}: {message}" if field_name else f"{where}: {message}")


@dataclass(frozen=True, slots=True)
class FileSpec:
    """One entry of ``[product] files``: a glob relative to the scanned root."""

    glob: str
    prefix: tuple[str, ...] = ()
    format: str | None = None


Condition = tuple[tuple[str, ...], tuple[Scalar, ...]]


@dataclass(frozen=True, slots=True)
class ValueRule:
    """A value of a key that was deprecated or removed (``[[keys."k".values]]``)."""

    value: Scalar = None
    pattern: re.Pattern[str] | None = None
    added: str | None = None
    deprecated: str | None = None
    removed: str | None = None
    replaced_by: Scalar = None
    reason: str | None = None
    url: str | None = None
    when: tuple[Condition, ...] = ()
    has_value: bool = True

    def matches(self, value: Scalar, typed: bool) -> bool:
        if self.pattern is not None:
            return isinstance(value, str) and self.pattern.search(value) is not None
        return values_equal(value, self.value, typed)

    def describe(self) -> str:
        return f"/{self.pattern.pattern}/" if self.pattern is not None else format_scalar(self.value)


@dataclass(frozen=True, slots=True)
class KeyRule:
    """Everything the matrix says about one key (pattern)."""

    key: str
    pattern: KeyPattern
    added: str | None = None
    deprecated: str | None = None
    removed: str | None = None
    required: str | None = None
    replaced_by: KeyPattern | None = None
    value_map: tuple[tuple[str, Scalar], ...] = ()
    expect: Scalar = None
    has_expect: bool = False
    reason: str | None = None
    url: str | None = None
    when: tuple[Condition, ...] = ()
    values: tuple[ValueRule, ...] = ()

    def mapped_value(self, value: Scalar) -> tuple[bool, Scalar]:
        """``(True, new)`` when value-map has an entry for ``value``."""
        wanted = scalar_text(value)
        for old, new in self.value_map:
            if old == wanted or old.lower() == wanted.lower():
                return True, new
        return False, None


@dataclass(frozen=True, slots=True)
class Product:
    name: str
    order: VersionOrder
    versions: tuple[str, ...] = ()
    files: tuple[FileSpec, ...] = ()
    from_version: str | None = None
    to_version: str | None = None
    only_product_files: bool = False
    binding: str = "exact"
    description: str | None = None
    url: str | None = None
    env: bool = True
    """Look for the environment-variable form of keys (``dten.hybrid.enable`` -> ``DTEN_HYBRID_ENABLE``)."""
    env_prefix: str = ""
    env_separator: str = "_"
    text: bool = True
    """Look for keys in plain-text files (Markdown, templates, ...)."""

    def normalizer(self) -> Callable[[str], str] | None:
        return relaxed_segment if self.binding == "relaxed" else None

    @property
    def searches_sources(self) -> bool:
        """Whether Python source and plain text are searched at all (never for short-keyed packs)."""
        return not self.only_product_files


@dataclass(frozen=True, slots=True)
class Matrix:
    source: str
    product: Product
    keys: tuple[KeyRule, ...]
    mentioned_versions: tuple[str, ...] = field(default=(), repr=False)

    def default_to(self) -> str:
        """``[product] to``, else the newest version the matrix names."""
        if self.product.to_version:
            return self.product.to_version
        candidates = list(self.product.versions) or list(self.mentioned_versions)
        newest = self.product.order.newest(candidates)
        if newest is None:
            raise MatrixError(self.source, None, "product.to", "no version to check against: set [product] to")
        return newest


def relaxed_segment(segment: str) -> str:
    """Spring-Boot-style relaxed binding: case, ``-`` and ``_`` do not matter."""
    return segment.replace("-", "").replace("_", "").lower()


# ---------------------------------------------------------------------------------------------
# loading


def load_matrix(path: Path, display: str | None = None) -> Matrix:
    """Read and validate one matrix file; raises MatrixError for any problem."""
    source = display or str(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise MatrixError(source, None, None, "matrix file not found") from None
    except OSError as exc:
        raise MatrixError(source, None, None, f"cannot read matrix: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise MatrixError(source, None, None, f"matrix is not UTF-8 (byte at offset {exc.start})") from None
    return parse_matrix(text, source)


_TOML_AT_LINE = re.compile(r"\s*\(at line (\d+), column (\d+)\)\s*$")
_TOML_AT_END = re.compile(r"\s*\(at end of document\)\s*$")


def parse_matrix(text: str, source: str) -> Matrix:
    """Validate the text of one matrix; ``source`` names it in errors.  Raises MatrixError."""
    text = text.removeprefix("\ufeff")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        where = _TOML_AT_LINE.search(message)
        if where is not None:
            line, column = int(where[1]), int(where[2])
            message = message[: where.start()]
        else:
            # "at end of document": point just after the last thing written
            end = LineIndex(text).position(len(text.rstrip()))
            line, column = end.line, end.column
            message = _TOML_AT_END.sub("", message)
        raise MatrixError(source, line, None, f"TOML syntax error at line {line}, column {column}: {message}") from None
    except RecursionError:
        raise MatrixError(source, 1, None, "TOML syntax error: nested too deeply") from None
    return _Validator(text, source).matrix(data)


class _Validator:
    def __init__(self, text: str, source: str) -> None:
        self.text = text
        self.source = source
        self._positions: dict[tuple[str, ...], tuple[int, Span | None]] | None = None
        self.mentioned: list[str] = []

    # -- error reporting ----------------------------------------------------------------------

    def positions(self) -> dict[tuple[str, ...], tuple[int, Span | None]]:
        """Line and value span of every path, found (once) by parsing the matrix with positions."""
        if self._positions is None:
            self._positions = {}
            try:
                from keyshift.formats.toml.parse import parse as parse_toml

                parsed = parse_toml(self.text)
            except Exception:  # positions are a courtesy; the message still names the field
                return self._positions
            for occurrence in parsed.documents[0].occurrences:
                where = (occurrence.key_span.start.line, occurrence.value_span)
                self._positions.setdefault(occurrence.path, where)
        return self._positions

    def line_of(self, path: tuple[str, ...]) -> int | None:
        """The line where a field is written, or where its closest written parent is."""
        positions = self.positions()
        for end in range(len(path), 0, -1):
            where = positions.get(path[:end])
            if where is not None:
                return where[0]
        return None

    def raw_value(self, path: tuple[str, ...]) -> str | None:
        """The value of a field as written in the matrix."""
        where = self.positions().get(path)
        if where is None or where[1] is None:
            return None
        span = where[1]
        return self.text[span.start.offset : span.end.offset]

    def fail(self, path: tuple[str, ...], message: str) -> MatrixError:
        field_name = _field_name(path)
        return MatrixError(self.source, self.line_of(path), field_name, message)

    # -- typed getters ------------------------------------------------------------------------

    def _check_fields(self, table: Mapping[str, Any], allowed: frozenset[str], path: tuple[str, ...]) -> None:
        for name in table:
            if name not in allowed:
                known = ", ".join(sorted(allowed))
                hint = ""
                if path[:1] == ("keys",) and len(path) == 2 and isinstance(table[name], dict):
                    # [keys.a.b] instead of [keys."a.b"]: TOML split the key into tables
                    hint = f'; write the key in quotes: [keys."{path[1]}.{_dotted_tail(name, table[name])}"]'
                raise self.fail((*path, name), f"unknown field {name!r} (known fields: {known}){hint}")

    def _str(self, table: Mapping[str, Any], name: str, path: tuple[str, ...]) -> str | None:
        value = table.get(name)
        if value is None:
            return None
        if not isinstance(value, str):
            raise self.fail((*path, name), f"must be a string, not {_type_name(value)}")
        if not value.strip():
            raise self.fail((*path, name), "must not be empty")
        return value

    def _version(self, table: Mapping[str, Any], name: str, path: tuple[str, ...], order: VersionOrder) -> str | None:
        value = table.get(name)
        if value is None:
            return None
        if isinstance(value, int | float) and not isinstance(value, bool):
            written = self.raw_value((*path, name)) or str(value)
            raise self.fail((*path, name), f'versions must be strings: write "{written}" in quotes')
        version = self._str(table, name, path)
        assert version is not None
        try:
            order.check(version)
        except VersionError as exc:
            raise self.fail((*path, name), str(exc)) from None
        self.mentioned.append(version)
        return version

    # -- tables -------------------------------------------------------------------------------

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
        return Matrix(self.source, product, rules, tuple(self.mentioned))

    def product(self, table: Mapping[str, Any]) -> Product:
        path = ("product",)
        self._check_fields(table, PRODUCT_FIELDS, path)
        name = self._str(table, "name", path)
        if name is None:
            raise self.fail((*path, "name"), "[product] needs a name")
        explicit = self._explicit_versions(table.get("versions"), (*path, "versions"))
        order = VersionOrder(explicit)
        files = tuple(
            self.file_spec(entry, (*path, "files", f"[{i}]"))
            for i, entry in enumerate(self._list(table, "files", path))
        )
        only = table.get("only-product-files", False)
        if not isinstance(only, bool):
            raise self.fail((*path, "only-product-files"), "must be true or false")
        binding = table.get("binding", "exact")
        if binding not in BINDINGS:
            raise self.fail((*path, "binding"), f"must be one of {', '.join(BINDINGS)}")
        if only and not files:
            raise self.fail((*path, "only-product-files"), "needs [product] files to say which files are the product's")
        flags = {}
        for flag in ("env", "text"):
            value = table.get(flag, True)
            if not isinstance(value, bool):
                raise self.fail((*path, flag), "must be true or false")
            flags[flag] = value
        env_prefix = table.get("env-prefix", "")
        if not isinstance(env_prefix, str) or not re.fullmatch(r"[A-Za-z0-9_]*", env_prefix):
            raise self.fail((*path, "env-prefix"), "must be letters, digits and underscores, such as DTEN_")
        env_separator = table.get("env-separator", "_")
        if not isinstance(env_separator, str) or not re.fullmatch(r"_+", env_separator):
            raise self.fail((*path, "env-separator"), 'must be one or more underscores, such as "__"')
        from_version = self._version(table, "from", path, order)
        to_version = self._version(table, "to", path, order)
        if from_version and to_version and order.lt(to_version, from_version):
            raise self.fail((*path, "from"), f"from ({from_version}) is newer than to ({to_version})")
        return Product(
            name=name,
            order=order,
            versions=explicit or (),
            files=files,
            from_version=from_version,
            to_version=to_version,
            only_product_files=only,
            binding=binding,
            description=self._str(table, "description", path),
            url=self._str(table, "url", path),
            env=flags["env"],
            env_prefix=env_prefix.upper(),
            env_separator=env_separator,
            text=flags["text"],
        )

    def _explicit_versions(self, value: Any, path: tuple[str, ...]) -> tuple[str, ...] | None:
        if value is None:
            return None
        if not isinstance(value, list):
            raise self.fail(path, f"must be a list of version strings, not {_type_name(value)}")
        if not value:
            raise self.fail(path, "must list at least one version (or leave versions out)")
        for i, version in enumerate(value):
            if isinstance(version, int | float) and not isinstance(version, bool):
                written = self.raw_value((*path, f"[{i}]")) or str(version)
                raise self.fail(path, f'versions must be strings: write "{written}" in quotes')
            if not isinstance(version, str):
                raise self.fail(path, f"must be a list of version strings; entry {i + 1} is {_type_name(version)}")
            if not version.strip():
                raise self.fail(path, f"must be a list of version strings; entry {i + 1} is empty")
        # "v2.4", "2.4" and "2.4.0" all name one version
        seen: dict[object, str] = {}
        for version in value:
            names: list[object] = [normalize_version(version)]
            with contextlib.suppress(VersionError):
                names.append(numeric_key(version))
            for known in names:
                if known in seen:
                    raise self.fail(path, f"lists {seen[known]!r} twice (as {version!r})")
            seen.update(dict.fromkeys(names, version))
        return tuple(value)

    def _list(self, table: Mapping[str, Any], name: str, path: tuple[str, ...]) -> list[Any]:
        value = table.get(name, [])
        if not isinstance(value, list):
            raise self.fail((*path, name), f"must be a list, not {_type_name(value)}")
        return value

    def file_spec(self, entry: Any, path: tuple[str, ...]) -> FileSpec:
        if isinstance(entry, str) and entry.strip():
            return FileSpec(entry)
        if not isinstance(entry, dict):
            raise self.fail(path, 'entries must be globs or { glob = "...", prefix = "...", format = "..." }')
        self._check_fields(entry, FILE_FIELDS, path)
        glob = self._str(entry, "glob", path)
        if glob is None:
            raise self.fail((*path, "glob"), "a files entry needs a glob")
        prefix = self._str(entry, "prefix", path)
        segments: tuple[str, ...] = ()
        if prefix is not None:
            try:
                segments = KeyPattern.parse(prefix).segments
            except KeyPathError as exc:
                raise self.fail((*path, "prefix"), str(exc)) from None
        fmt = self._str(entry, "format", path)
        if fmt is not None:
            from keyshift.formats import known_formats

            if fmt not in known_formats():
                raise self.fail((*path, "format"), f"unknown format {fmt!r} (known: {', '.join(known_formats())})")
        return FileSpec(glob, segments, fmt)

    def _when(self, table: Mapping[str, Any], path: tuple[str, ...]) -> tuple[Condition, ...]:
        value = table.get("when")
        if value is None:
            return ()
        if not isinstance(value, dict) or not value:
            raise self.fail((*path, "when"), 'must be a table such as { kind = "Ingress" }')
        conditions: list[Condition] = []
        for key, wanted in value.items():
            try:
                segments = KeyPattern.parse(key).segments
            except KeyPathError as exc:
                raise self.fail((*path, "when"), str(exc)) from None
            if wildcards(segments):
                raise self.fail((*path, "when"), f"condition key {key!r} cannot use wildcards")
            options = wanted if isinstance(wanted, list) else [wanted]
            if not options or not all(_is_scalar(v) for v in options):
                raise self.fail((*path, "when"), f"{key!r} must be a value or a list of values")
            conditions.append((segments, tuple(options)))
        return tuple(conditions)

    def key_rule(self, key: str, body: Any, order: VersionOrder) -> KeyRule:
        path = ("keys", key)
        if not isinstance(body, dict):
            hint = ""
            if isinstance(body, list) and body and all(isinstance(b, dict) for b in body):
                hint = f': write [keys."{key}"], not [[keys."{key}"]]'
            raise self.fail(path, f"must be a table{hint}")
        self._check_fields(body, KEY_FIELDS, path)
        try:
            pattern = KeyPattern.parse(key)
        except KeyPathError as exc:
            raise self.fail(path, str(exc)) from None
        added = self._version(body, "added", path, order)
        deprecated = self._version(body, "deprecated", path, order)
        removed = self._version(body, "removed", path, order)
        required = self._version(body, "required", path, order)
        self._check_sequence(order, path, added=added, deprecated=deprecated, removed=removed)
        if required and added and order.lt(required, added):
            raise self.fail((*path, "required"), f"required ({required}) comes before added ({added})")
        if required and removed and order.le(removed, required):
            raise self.fail((*path, "required"), f"required ({required}) is not before removed ({removed})")
        replaced_by: KeyPattern | None = None
        replacement_text = self._str(body, "replaced-by", path)
        if replacement_text is not None:
            try:
                replaced_by = KeyPattern.parse(replacement_text)
            except KeyPathError as exc:
                raise self.fail((*path, "replaced-by"), str(exc)) from None
            if wildcards(replaced_by.segments) != wildcards(pattern.segments):
                new_wild = " ".join(wildcards(replaced_by.segments)) or "none"
                old_wild = " ".join(wildcards(pattern.segments)) or "none"
                raise self.fail(
                    (*path, "replaced-by"),
                    f"wildcards of {replacement_text!r} ({new_wild}) do not match {key!r} ({old_wild})",
                )
        value_map_raw = body.get("value-map")
        value_map: tuple[tuple[str, Scalar], ...] = ()
        if value_map_raw is not None:
            if not isinstance(value_map_raw, dict) or not all(_is_scalar(v) for v in value_map_raw.values()):
                raise self.fail((*path, "value-map"), "must be a table of old value = new value")
            if replaced_by is None:
                raise self.fail((*path, "value-map"), "needs replaced-by (it maps values onto the new key)")
            value_map = tuple((str(k), v) for k, v in value_map_raw.items())
        has_expect = "expect" in body
        expect = body.get("expect")
        if has_expect and not _is_scalar(expect):
            raise self.fail((*path, "expect"), "must be a single value (string, number or boolean)")
        if required is not None and not pattern.is_literal:
            raise self.fail((*path, "required"), "a required key cannot use wildcards")
        if has_expect and required is None:
            raise self.fail((*path, "expect"), "expect only applies together with required")
        values = tuple(
            self.value_rule(entry, (*path, "values", f"[{i}]"), order)
            for i, entry in enumerate(self._list(body, "values", path))
        )
        if not any((added, deprecated, removed, required, values)):
            raise self.fail(path, "says nothing: give at least one of added, deprecated, removed, required, values")
        if replaced_by is not None and not (deprecated or removed):
            raise self.fail((*path, "replaced-by"), "needs deprecated or removed (when does the old key go?)")
        return KeyRule(
            key=key,
            pattern=pattern,
            added=added,
            deprecated=deprecated,
            removed=removed,
            required=required,
            replaced_by=replaced_by,
            value_map=value_map,
            expect=expect,
            has_expect=has_expect,
            reason=self._str(body, "reason", path),
            url=self._str(body, "url", path),
            when=self._when(body, path),
            values=values,
        )

    def value_rule(self, entry: Any, path: tuple[str, ...], order: VersionOrder) -> ValueRule:
        if not isinstance(entry, dict):
            raise self.fail(path, "each [[values]] entry must be a table")
        self._check_fields(entry, VALUE_FIELDS, path)
        has_value, has_pattern = "value" in entry, "pattern" in entry
        if has_value == has_pattern:
            raise self.fail(path, "give exactly one of value or pattern")
        compiled: re.Pattern[str] | None = None
        if has_pattern:
            pattern_text = self._str(entry, "pattern", path)
            assert pattern_text is not None
            try:
                compiled = re.compile(pattern_text)
            except re.error as exc:
                raise self.fail((*path, "pattern"), f"invalid regular expression: {exc}") from None
        elif not _is_scalar(entry["value"]):
            raise self.fail((*path, "value"), "must be a single value (string, number or boolean)")
        added = self._version(entry, "added", path, order)
        deprecated = self._version(entry, "deprecated", path, order)
        removed = self._version(entry, "removed", path, order)
        self._check_sequence(order, path, added=added, deprecated=deprecated, removed=removed)
        if not any((added, deprecated, removed)):
            raise self.fail(path, "a value rule needs added, deprecated or removed")
        replaced_by = entry.get("replaced-by")
        if replaced_by is not None and not _is_scalar(replaced_by):
            raise self.fail((*path, "replaced-by"), "must be a single value")
        if replaced_by is not None and not (deprecated or removed):
            raise self.fail((*path, "replaced-by"), "needs deprecated or removed (when does the old value go?)")
        return ValueRule(
            value=entry.get("value"),
            pattern=compiled,
            added=added,
            deprecated=deprecated,
            removed=removed,
            replaced_by=replaced_by,
            reason=self._str(entry, "reason", path),
            url=self._str(entry, "url", path),
            when=self._when(entry, path),
            has_value=has_value,
        )

    def _check_sequence(self, order: VersionOrder, path: tuple[str, ...], **versions: str | None) -> None:
        added, deprecated, removed = versions["added"], versions["deprecated"], versions["removed"]
        if deprecated and removed and order.lt(removed, deprecated):
            raise self.fail((*path, "removed"), f"removed ({removed}) comes before deprecated ({deprecated})")
        if added and removed and order.le(removed, added):
            raise self.fail((*path, "removed"), f"removed ({removed}) is not after added ({added})")
        if added and deprecated and order.lt(deprecated, added):
            raise self.fail((*path, "deprecated"), f"deprecated ({deprecated}) comes before added ({added})")


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


def _is_scalar(value: Any) -> bool:
    return isinstance(value, str | int | float | bool)


def _type_name(value: Any) -> str:
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


_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_INDEX = re.compile(r"\[[0-9]+\]")


def _field_name(path: tuple[str, ...]) -> str:
    """A field's path spelled as in TOML: ``keys."a.b".values[0].value``."""
    out = ""
    for segment in path:
        if _INDEX.fullmatch(segment):
            out += segment
            continue
        spelled = segment if _BARE_KEY.fullmatch(segment) else f'"{segment}"'
        out = f"{out}.{spelled}" if out else spelled
    return out
