"""Shared by the Kubernetes importers (``pluto``, ``crd``): their YAML read as nodes that keep their
line and column (so bad input is refused at its place), versions in matrix spelling, and the one key
both write: value rules on ``apiVersion``, each limited to the kinds it is about with ``when``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import yaml  # type: ignore[import-untyped, unused-ignore]

from keyshift.core.versions import VersionError, normalize, numeric_key
from keyshift.importers import ImportInput
from keyshift.importers.draft import ImportFailure, KeyDraft, MatrixDraft, TomlValue, ValueDraft

Node = Any
"""A node composed by PyYAML: ``value`` is a scalar's text, a sequence's nodes or a mapping's pairs."""

API_VERSION = "apiVersion"
EVERY_KIND = ""
"""The kind of a change that holds for every kind of its apiVersion (no ``when``)."""

PRODUCT_FIELDS: Mapping[str, TomlValue] = {"env": False, "text": False}
"""``apiVersion`` is one word: it has no env-var form worth matching, and in plain text it is not a key."""

_NULL_TAG = "tag:yaml.org,2002:null"
_BOOL_TAG = "tag:yaml.org,2002:bool"
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True, slots=True)
class YamlFile:
    """One input file's YAML documents, and failures that name the file, line and column."""

    name: str
    documents: tuple[Node, ...]

    def fail(self, node: Node, message: str) -> ImportFailure:
        return ImportFailure(f"{self.place(node)}: {message}")

    def place(self, node: Node) -> str:
        """``file:line:column`` of a node, 1-based."""
        mark = node.start_mark
        return f"{self.name}:{mark.line + 1}:{mark.column + 1}"

    def mapping(self, node: Node, what: str) -> dict[str, Node]:
        """A mapping's entries by key (string keys only)."""
        if not isinstance(node, yaml.MappingNode):
            raise self.fail(node, f"{what} must be a mapping")
        entries: dict[str, Node] = {}
        for key, value in node.value:
            if not isinstance(key, yaml.ScalarNode):
                raise self.fail(key, f"{what} has a key that is not a string")
            entries[key.value] = value
        return entries

    def sequence(self, node: Node, what: str) -> list[Node]:
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, f"{what} must be a list")
        return list(node.value)

    def text(self, fields: Mapping[str, Node], name: str, owner: Node, *, required: bool = False) -> str:
        """A scalar field as written (``""`` when it is absent, empty or null)."""
        node = fields.get(name)
        if node is None:
            if required:
                raise self.fail(owner, f"missing field {name!r}")
            return ""
        if not isinstance(node, yaml.ScalarNode):
            raise self.fail(node, f"{name} must be a string")
        text = "" if node.tag == _NULL_TAG else str(node.value)
        if required and not text:
            raise self.fail(node, f"{name} must not be empty")
        return text

    def flag(self, fields: Mapping[str, Node], name: str, *, default: bool) -> bool:
        node = fields.get(name)
        if node is None:
            return default
        if not (isinstance(node, yaml.ScalarNode) and node.tag == _BOOL_TAG):
            raise self.fail(node, f"{name} must be true or false")
        return bool(yaml.constructor.SafeConstructor.bool_values[node.value.lower()])

    def only_fields(self, node: Node, known: Iterable[str], what: str) -> None:
        """Refuse a field the format does not have (a misspelt ``removed_in`` would drop a removal)."""
        allowed = set(known)
        for key, _ in node.value:
            if key.value not in allowed:
                listed = ", ".join(sorted(allowed))
                raise self.fail(key, f"unknown field {key.value!r} in {what} (known: {listed})")

    def version(self, node: Node, text: str) -> str:
        """A version in matrix spelling, or a failure at ``node``."""
        try:
            return matrix_version(text)
        except VersionError as exc:
            raise self.fail(node, str(exc)) from None


def read_yaml(source: ImportInput) -> YamlFile:
    """Every document of one input; a file that is not YAML is refused at the place of the error."""
    name = str(source.path)
    try:
        text = source.path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportFailure(f"{name}: cannot read: {exc}") from None
    loader = _Loader(text)
    documents: list[Node] = []
    try:
        while loader.check_node():
            documents.append(loader.get_node())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f":{mark.line + 1}:{mark.column + 1}" if mark is not None else ""
        raise ImportFailure(f"{name}{where}: not valid YAML: {exc.problem or exc.context}") from None
    except yaml.YAMLError as exc:
        raise ImportFailure(f"{name}: not valid YAML: {exc}") from None
    finally:
        loader.dispose()
    return YamlFile(name, tuple(document for document in documents if document is not None))


def matrix_version(text: str) -> str:
    """``v1.16.0`` -> ``1.16``: no ``v``, and no ``.0`` patch, as people name Kubernetes releases.

    The matrix compares versions as numbers (``1.16`` == ``1.16.0``), so this changes only how
    findings read; a version with a patch (``v1.5.3``) or a suffix keeps it.
    """
    version = normalize(text)
    numeric_key(version)
    parts = version.split(".")
    while len(parts) > 2 and parts[-1] == "0":
        parts.pop()
    return ".".join(parts)


def earliest(first: str | None, second: str | None) -> str | None:
    """The older of two versions (either may be absent)."""
    if first is None or second is None:
        return first if second is None else second
    return first if numeric_key(first) <= numeric_key(second) else second


KindRule = tuple[str, ValueDraft]
"""A value rule on ``apiVersion`` (its ``when`` left empty) and the kind it is about (:data:`EVERY_KIND`: all)."""


def api_version_draft(product: str, rules: Iterable[KindRule]) -> MatrixDraft:
    """The matrix of these rules: one key, ``apiVersion``, with one value rule per apiVersion and set of
    versions, its kinds together in one ``when``.  Rules for some kinds come before a rule for every kind
    of the same apiVersion, so that the more precise one speaks first."""
    kinds: dict[tuple[bool, ValueDraft], list[str]] = {}
    for kind, rule in rules:
        kinds.setdefault((kind == EVERY_KIND, rule), []).append(kind)
    groups = sorted(kinds.items(), key=_rule_order)
    values = tuple(_with_kinds(rule, sorted(names)) for (_, rule), names in groups)
    key = KeyDraft(API_VERSION, type="scalar", values=values)
    return MatrixDraft(product, keys=(key,) if values else (), product=dict(PRODUCT_FIELDS))


def _rule_order(group: tuple[tuple[bool, ValueDraft], list[str]]) -> tuple[object, ...]:
    (every_kind, rule), kinds = group
    versions = (rule.removed, rule.deprecated, rule.added)
    numbers = tuple(numeric_key(version) if version else () for version in versions)
    texts = tuple(version or "" for version in versions)
    return (str(rule.value), every_kind, min(kinds), numbers, texts, str(rule.replaced_by), rule.reason or "")


def _with_kinds(rule: ValueDraft, kinds: list[str]) -> ValueDraft:
    return replace(rule, when=() if kinds == [EVERY_KIND] else (("kind", tuple[str, ...](kinds)),))


__all__ = [
    "API_VERSION",
    "EVERY_KIND",
    "PRODUCT_FIELDS",
    "KindRule",
    "Node",
    "YamlFile",
    "api_version_draft",
    "earliest",
    "matrix_version",
    "read_yaml",
]
