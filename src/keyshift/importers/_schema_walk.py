"""One JSON Schema -> every key path it describes, with the path's type, deprecation and enum values.

The walk behind the ``json-schema`` importer (:mod:`keyshift.importers.json_schema`), for drafts 4 to
2020-12.  From the root (or the ``root`` option's node) it follows ``properties`` (one segment per name),
``patternProperties`` and ``additionalProperties`` (``*``), ``items`` (``[*]``, any element) and
``prefixItems`` or tuple ``items`` (``[N]``), through local ``$ref`` (``#/...``, each at most once on a
path, so recursive schemas end), ``allOf`` (parts that all hold), and ``anyOf``/``oneOf``/``then``/``else``
(alternatives).  ``$ref`` to another document is not followed.

A key is deprecated when a part that holds for it says so: ``deprecated: true``, VS Code's
``deprecationMessage`` / ``markdownDeprecationMessage``, or a description starting with "Deprecated".
An alternative that says so deprecates the ``enum``/``const`` values it lists, not the key.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from keyshift.core.model import Scalar
from keyshift.importers.draft import ImportFailure

ELEMENT = "[*]"
"""The path segment of any element of a list (``select[*]``); the matrix reads it as ``*``."""
WILDCARD = "*"
MAX_STEPS = 500_000
"""Schema nodes one walk may visit: a guard against schemas whose paths multiply without end."""
MAX_DEPTH = 40
"""Segments of a key path: deeper keys are not followed."""
MAX_NESTING = 200
"""Schema nodes inside one another (``allOf`` in ``allOf`` ...), kept well below Python's recursion limit."""

KeyPath = tuple[str, ...]
ValueKey = tuple[str, Scalar]
"""A value with its type, so that ``1``, ``1.0`` and ``true`` stay three values."""

_TYPE_KINDS = {
    "object": "mapping",
    "array": "list",
    "string": "scalar",
    "number": "scalar",
    "integer": "scalar",
    "boolean": "scalar",
}
_DEPRECATED_START = re.compile(r"[\s*_]*deprecated\b", re.IGNORECASE)
_SPEAKS_OF_DEPRECATION = re.compile(r"\bdeprecated\b|\bobsolete\b|\bno longer\b|\brenamed\b|backwards? compatib", re.I)
_MARKDOWN_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_ALTERNATIVES = ("anyOf", "oneOf", "then", "else")


@dataclass(frozen=True, slots=True)
class Deprecation:
    """A deprecation marker, with the reason to show (the message, or what the description says of it)."""

    reason: str | None = None


@dataclass(slots=True)
class KeyFacts:
    """What one schema says of one key path."""

    kinds: set[str] = field(default_factory=set)
    """``mapping``, ``list``, ``scalar``: what the key may hold (null left out)."""
    deprecation: Deprecation | None = None
    allowed: dict[ValueKey, Scalar] = field(default_factory=dict)
    """Values an enum or const lists in a part or alternative that is not deprecated."""
    deprecated_values: dict[ValueKey, tuple[Scalar, Deprecation]] = field(default_factory=dict)

    @property
    def type(self) -> str:
        return next(iter(self.kinds)) if len(self.kinds) == 1 else "any"


Snapshot = dict[KeyPath, KeyFacts]


def value_key(value: Scalar) -> ValueKey:
    return (type(value).__name__, value)


def walk_schema(document: Any, root: str | None, source: str) -> Snapshot:
    """Every key path of the schema (relative to ``root``: a JSON pointer or a dotted key), with its facts."""
    walker = _Walker(document, source)
    start, where = walker.root_node(root)
    walker.part(start, (), frozenset(), None, where)
    walker.facts.pop((), None)
    return walker.facts


def deprecation_of(node: Mapping[str, Any]) -> Deprecation | None:
    """The deprecation a schema node states, if any."""
    description = node.get("description")
    description = description if isinstance(description, str) else ""
    for name in ("deprecationMessage", "markdownDeprecationMessage"):
        message = node.get(name)
        if isinstance(message, str) and message.strip():
            return Deprecation(_paragraph(message.strip()) or None)
    if _DEPRECATED_START.match(description):
        return Deprecation(_paragraph(description.strip().split("\n\n")[0]))
    if node.get("deprecated") is True:
        told = [p for p in description.split("\n\n") if _SPEAKS_OF_DEPRECATION.search(p)]
        return Deprecation(" ".join(_paragraph(p) for p in told) or None)
    return None


def _paragraph(text: str) -> str:
    """One paragraph as one line, markdown links reduced to their text."""
    return " ".join(_MARKDOWN_LINK.sub(r"\1", text).split())


class _Walker:
    def __init__(self, document: Any, source: str) -> None:
        self.document = document
        self.source = source
        self.facts: Snapshot = {}
        self.steps = 0
        self.nesting = 0

    def root_node(self, root: str | None) -> tuple[Any, str]:
        """The schema node where the keys start: the document, a pointer into it, or a dotted key's schema."""
        if root is None or root in ("", "#"):
            return self.document, "#"
        if root.startswith(("#", "/")):
            return self.resolve(root if root.startswith("#") else f"#{root}", f"option root {root!r}"), root
        node: Any = self.document
        for name in root.split("."):
            found = next((part["properties"][name] for part in self._parts(node) if _has_property(part, name)), None)
            if found is None:
                raise ImportFailure(f"{self.source}: option root {root!r}: the schema has no property {name!r} there")
            node = found
        return node, root

    def resolve(self, ref: str, where: str) -> Any:
        """The node a local ``$ref`` (``#/a/b``) points at."""
        pointer = unquote(ref[1:])
        node = self.document
        if not pointer:
            return node
        if not pointer.startswith("/"):
            raise ImportFailure(f"{self.source}: {where}: $ref {ref!r} is not a JSON pointer")
        for token in pointer[1:].split("/"):
            token = token.replace("~1", "/").replace("~0", "~")
            if isinstance(node, dict) and token in node:
                node = node[token]
            elif isinstance(node, list) and token.isdigit() and int(token) < len(node):
                node = node[int(token)]
            else:
                raise ImportFailure(f"{self.source}: {where}: $ref {ref!r} points at nothing")
        return node

    def _parts(self, node: Any) -> Iterator[Mapping[str, Any]]:
        """A node and the nodes its ``$ref`` and ``allOf`` add (for the root option's lookup)."""
        seen: set[int] = set()
        todo = [node]
        while todo:
            current = todo.pop()
            if not isinstance(current, dict) or id(current) in seen:
                continue
            seen.add(id(current))
            yield current
            ref = current.get("$ref")
            if isinstance(ref, str) and ref.startswith("#"):
                todo.append(self.resolve(ref, "option root"))
            all_of = current.get("allOf")
            todo.extend(all_of if isinstance(all_of, list) else ())

    def part(
        self, node: Any, path: KeyPath, refs: frozenset[str], alternative: Deprecation | bool | None, where: str
    ) -> None:
        """Add what ``node`` says about the key at ``path``.  ``alternative`` is None when the node holds for
        the key (the key's own schema, a ``$ref`` or ``allOf`` part of it); inside an ``anyOf``/``oneOf``
        alternative it is the alternative's deprecation, or True for one that is not deprecated."""
        if not isinstance(node, dict):
            return
        self.steps += 1
        if self.steps > MAX_STEPS:
            raise ImportFailure(f"{self.source}: the schema is too large to walk (over {MAX_STEPS} nodes at {where})")
        if self.nesting >= MAX_NESTING:
            raise ImportFailure(f"{self.source}: the schema nests more than {MAX_NESTING} levels deep at {where}")
        facts = self.facts.setdefault(path, KeyFacts())
        stated = deprecation_of(node)
        if alternative is None:
            if stated is not None and facts.deprecation is None:
                facts.deprecation = stated
        elif stated is not None:
            alternative = stated
        facts.kinds |= _kinds(node)
        _add_values(node, facts, alternative)
        self.nesting += 1
        try:
            self._children(node, path, refs, where)
            self._combined(node, path, refs, alternative, where)
        finally:
            self.nesting -= 1

    def _combined(
        self,
        node: Mapping[str, Any],
        path: KeyPath,
        refs: frozenset[str],
        alternative: Deprecation | bool | None,
        where: str,
    ) -> None:
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#") and ref not in refs:
            self.part(self.resolve(ref, where), path, refs | {ref}, alternative, ref)
        for index, sub in enumerate(_schemas(node.get("allOf"))):
            self.part(sub, path, refs, alternative, f"{where}/allOf/{index}")
        for name in _ALTERNATIVES:
            for index, sub in enumerate(_schemas(node.get(name))):
                self.part(sub, path, refs, alternative or True, f"{where}/{name}/{index}")

    def _children(self, node: Mapping[str, Any], path: KeyPath, refs: frozenset[str], where: str) -> None:
        if len(path) >= MAX_DEPTH:
            return
        properties = node.get("properties")
        if isinstance(properties, dict):
            for name, sub in properties.items():
                self.part(sub, (*path, name), refs, None, f"{where}/properties/{name}")
        patterns = node.get("patternProperties")
        if isinstance(patterns, dict):
            for pattern, sub in patterns.items():
                self.part(sub, (*path, WILDCARD), refs, None, f"{where}/patternProperties/{pattern}")
        extra = node.get("additionalProperties")
        if isinstance(extra, dict):
            self.part(extra, (*path, WILDCARD), refs, None, f"{where}/additionalProperties")
        items = node.get("items")
        if isinstance(items, dict):
            self.part(items, (*path, ELEMENT), refs, None, f"{where}/items")
        for name in ("prefixItems", "items"):  # draft 2020-12 and the tuple form of drafts 4 to 2019-09
            tuple_items = node.get(name)
            for index, sub in enumerate(tuple_items if isinstance(tuple_items, list) else ()):
                self.part(sub, (*path, f"[{index}]"), refs, None, f"{where}/{name}/{index}")


def _has_property(node: Mapping[str, Any], name: str) -> bool:
    properties = node.get("properties")
    return isinstance(properties, dict) and name in properties


def _schemas(value: Any) -> list[Any]:
    """The sub-schemas of a keyword: a list's items, or the one schema (``then``, ``else``)."""
    if isinstance(value, list):
        return value
    return [value] if isinstance(value, dict) else []


def _kinds(node: Mapping[str, Any]) -> set[str]:
    declared = node.get("type")
    names = declared if isinstance(declared, list) else [declared] if isinstance(declared, str) else []
    kinds = {_TYPE_KINDS[name] for name in names if name in _TYPE_KINDS}
    if names:
        return kinds
    if any(isinstance(node.get(k), dict) for k in ("properties", "patternProperties", "additionalProperties")):
        return {"mapping"}
    if "items" in node or "prefixItems" in node:
        return {"list"}
    return set()


def _add_values(node: Mapping[str, Any], facts: KeyFacts, alternative: Deprecation | bool | None) -> None:
    enum = node.get("enum")
    listed: list[Any] = enum if isinstance(enum, list) else [node["const"]] if "const" in node else []
    for value in listed:
        if not isinstance(value, str | int | float | bool):
            continue
        if isinstance(alternative, Deprecation):
            facts.deprecated_values.setdefault(value_key(value), (value, alternative))
        else:
            facts.allowed.setdefault(value_key(value), value)
