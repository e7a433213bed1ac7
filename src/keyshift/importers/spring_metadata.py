"""Reading Spring Boot configuration metadata for the ``spring-metadata`` importer.

One input is a metadata JSON file (``spring-configuration-metadata.json``, ``additional-...``), a directory
(every ``*.json`` under it), a jar (its ``META-INF/`` metadata), or a list of properties deprecated through
annotations (a JSON list of ``{property, reason, replacement, since, level}``).  All inputs of one product
version become one :data:`Snapshot`: each property's name, value type and deprecation.
"""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from keyshift.importers import ImportInput
from keyshift.importers.draft import ImportFailure

JAR_MEMBERS = (
    "META-INF/spring-configuration-metadata.json",
    "META-INF/additional-spring-configuration-metadata.json",
)
LEVELS = ("warning", "error")
_MAP_TYPES = ("Map", "Properties")
_LIST_TYPES = ("List", "Set", "Collection", "Queue", "Deque")


@dataclass(frozen=True, slots=True)
class Deprecation:
    """A property's ``deprecation`` object: ``level`` is ``warning`` (still bound) or ``error`` (gone)."""

    level: str = "warning"
    replacement: str | None = None
    reason: str | None = None
    since: str | None = None


@dataclass(frozen=True, slots=True)
class Property:
    """One property as one version's metadata describes it."""

    name: str
    kind: str = "any"
    """The key type of its value: ``scalar``, ``mapping``, ``list``, or ``any`` when the metadata says nothing."""
    declared: bool = False
    """The entry gives a Java type, so it declares the property.  An entry without one (in additional
    metadata) only adds a description or a default to a property declared in code."""
    deprecation: Deprecation | None = None


Snapshot = Mapping[str, Property]
"""One version's properties, by name."""


def read_snapshot(inputs: Iterable[ImportInput]) -> dict[str, Property]:
    """The properties of all these inputs (one product version), merged by name."""
    snapshot: dict[str, Property] = {}
    for item in inputs:
        for prop in read_input(item):
            old = snapshot.get(prop.name)
            snapshot[prop.name] = prop if old is None else _merged(old, prop)
    return snapshot


def read_input(item: ImportInput) -> list[Property]:
    """Every property one input (a file, a directory or a jar) describes."""
    path = item.path
    if path.is_dir():
        files = sorted(p for p in path.rglob("*.json") if p.is_file())
        if not files:
            raise ImportFailure(f"{item.recorded}: no *.json file in this directory")
        return [prop for file in files for prop in _document(_read(file, _inside(item, file)), _inside(item, file))]
    data = _read(path, item.recorded)
    if data[:4] == b"PK\x03\x04":
        return list(_jar(path, item.recorded))
    return _document(data, item.recorded)


def value_kind(java_type: str | None) -> str:
    """The key type of a Java property type: maps and ``Properties`` hold a mapping, collections and
    arrays a list, anything else a scalar."""
    if not java_type:
        return "any"
    raw = java_type.split("<", 1)[0].strip()
    if raw.endswith("[]"):
        return "list"
    if raw.startswith("java.util."):
        simple = raw.rsplit(".", 1)[-1]
        if simple.endswith(_MAP_TYPES):
            return "mapping"
        if simple.endswith(_LIST_TYPES):
            return "list"
    return "scalar"


def _inside(item: ImportInput, file: Path) -> str:
    return f"{item.recorded.rstrip('/')}/{file.relative_to(item.path).as_posix()}"


def _read(path: Path, name: str) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise ImportFailure(f"{name}: cannot read it: {error.strerror or error}") from None


def _jar(path: Path, name: str) -> Iterator[Property]:
    try:
        with zipfile.ZipFile(path) as jar:
            members = [member for member in JAR_MEMBERS if member in jar.namelist()]
            if not members:
                raise ImportFailure(
                    f"{name}: no Spring configuration metadata in this jar ({' or '.join(JAR_MEMBERS)})"
                )
            for member in members:
                yield from _document(jar.read(member), f"{name}!{member}")
    except (zipfile.BadZipFile, OSError) as error:
        raise ImportFailure(f"{name}: cannot read it as a jar: {error}") from None


def _document(data: bytes, name: str) -> list[Property]:
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise ImportFailure(f"{name}: not UTF-8 (byte {error.start})") from None
    except json.JSONDecodeError as error:
        raise ImportFailure(f"{name}:{error.lineno}:{error.colno}: not JSON: {error.msg}") from None
    if isinstance(document, list):
        return [_annotated(_Place(name, f"[{i}]"), entry) for i, entry in enumerate(document)]
    if isinstance(document, dict) and any(part in document for part in ("properties", "groups", "hints")):
        return _metadata(name, document)
    raise ImportFailure(
        f"{name}: not Spring configuration metadata (an object with properties, groups or hints) "
        "nor a list of annotated deprecations"
    )


def _metadata(name: str, document: Mapping[str, object]) -> list[Property]:
    for part in ("groups", "hints"):
        _Place(name, part).items(document.get(part, []))
    place = _Place(name, "properties")
    return [_property(place.at(i), entry) for i, entry in enumerate(place.items(document.get("properties", [])))]


def _property(place: _Place, entry: object) -> Property:
    fields = place.table(entry)
    java_type = place.text(fields, "type")
    raw = fields.get("deprecation")
    if raw is not None:
        deprecation: Deprecation | None = _deprecation(place.field("deprecation"), place.table(raw, "deprecation"))
    elif fields.get("deprecated") is True:
        deprecation = Deprecation()
    else:
        deprecation = None
    return Property(place.name_of(fields, "name"), value_kind(java_type), java_type is not None, deprecation)


def _annotated(place: _Place, entry: object) -> Property:
    """An entry of an annotated-deprecation list; a deprecated getter that returns a nested group
    (``target`` "group ...") stands for the whole group, a mapping."""
    fields = place.table(entry)
    target = place.text(fields, "target") or ""
    kind = "mapping" if target.startswith("group") else "any"
    return Property(place.name_of(fields, "property"), kind, False, _deprecation(place, fields))


def _deprecation(place: _Place, fields: Mapping[str, object]) -> Deprecation:
    level = place.text(fields, "level") or "warning"
    if level not in LEVELS:
        raise place.failure("level", f'expected "warning" or "error", found {json.dumps(level)}')
    return Deprecation(
        level, place.text(fields, "replacement"), place.text(fields, "reason"), place.text(fields, "since")
    )


def _merged(old: Property, new: Property) -> Property:
    """One property described by two files of one version: the stronger deprecation, the known type."""
    kind = old.kind if old.kind != "any" else new.kind
    return Property(old.name, kind, old.declared or new.declared, _stronger(old.deprecation, new.deprecation))


def _stronger(first: Deprecation | None, second: Deprecation | None) -> Deprecation | None:
    """Two deprecations of one property: the higher level, its fields filled in from the other."""
    if first is None or second is None:
        return first or second
    if LEVELS.index(second.level) > LEVELS.index(first.level):
        first, second = second, first
    return Deprecation(
        first.level,
        first.replacement or second.replacement,
        first.reason or second.reason,
        first.since or second.since,
    )


@dataclass(frozen=True, slots=True)
class _Place:
    """A place in one input file, for messages: ``file: properties[3].deprecation.level: ...``."""

    file: str
    where: str

    def at(self, index: int) -> _Place:
        return _Place(self.file, f"{self.where}[{index}]")

    def field(self, name: str) -> _Place:
        return _Place(self.file, f"{self.where}.{name}" if self.where else name)

    def failure(self, name: str | None, message: str) -> ImportFailure:
        where = self.field(name).where if name else self.where
        return ImportFailure(f"{self.file}: {where}: {message}")

    def items(self, value: object) -> Sequence[object]:
        if not isinstance(value, list):
            raise self.failure(None, f"expected a list, found {_json_type(value)}")
        return value

    def table(self, value: object, name: str | None = None) -> Mapping[str, object]:
        if not isinstance(value, dict):
            raise self.failure(name, f"expected an object, found {_json_type(value)}")
        return value

    def text(self, fields: Mapping[str, object], name: str) -> str | None:
        value = fields.get(name)
        if value is not None and not isinstance(value, str):
            raise self.failure(name, f"expected a string, found {_json_type(value)}")
        return value

    def name_of(self, fields: Mapping[str, object], name: str) -> str:
        value = self.text(fields, name)
        if not value:
            raise self.failure(name, "missing: every entry needs a property name")
        return value


def _json_type(value: object) -> str:
    if value is None:
        return "null"
    return {bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "a list"}.get(
        type(value), "an object"
    )


__all__ = ["JAR_MEMBERS", "Deprecation", "Property", "Snapshot", "read_input", "read_snapshot", "value_kind"]
