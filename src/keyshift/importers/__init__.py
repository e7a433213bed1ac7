"""Importers: a product's own deprecation data (metadata, schemas, API lists) -> a keyshift matrix.

Each importer is one module with one function ``build(request) -> MatrixDraft``, registered in
:data:`IMPORTERS` and imported only when it runs.  The drafts are written by
:mod:`keyshift.importers.render` and validated as matrices before a file is written.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from keyshift.importers.draft import ImportFailure, MatrixDraft, TomlValue


@dataclass(frozen=True, slots=True)
class ImportInput:
    """One input file of an import."""

    path: Path
    """Where it is read from."""
    recorded: str
    """How the matrix names it in ``[product] source`` (relative to the sources directory)."""
    version: str | None = None
    """The product version whose data this is; None for an input that is not per version."""


@dataclass(frozen=True, slots=True)
class ImportRequest:
    product: str
    """The product name the matrix gets."""
    inputs: tuple[ImportInput, ...]
    """In version order where they are versioned (oldest first)."""
    options: Mapping[str, TomlValue] = field(default_factory=dict)
    """Importer-specific options (a recipe's import table, or ``--option NAME=VALUE``)."""


Importer = Callable[[ImportRequest], MatrixDraft]


@dataclass(frozen=True, slots=True)
class ImporterInfo:
    name: str
    summary: str
    module: str
    """The module under ``keyshift.importers`` whose ``build`` function this importer is."""
    options: Mapping[str, str] = field(default_factory=dict)
    """Option name -> what it means; any other option is refused."""


IMPORTERS: tuple[ImporterInfo, ...] = (  # by name: `keyshift import --list` shows them in this order
    ImporterInfo(
        "code-map",
        "CSV lists of redirected codes (old,new) and retired codes (code,removed): value rules on the keys given",
        "code_map",
        {"keys": "the keys whose values are codes (select, per-file-ignores.*)", "columns": "column names by role"},
    ),
    ImporterInfo(
        "crd",
        "CustomResourceDefinition manifests -> value rules on the custom resources' apiVersion by kind",
        "crd",
        {"version": "the product version of inputs that do not give their own"},
    ),
    ImporterInfo(
        "json-schema",
        "JSON Schemas (drafts 4 to 2020-12), one per version: deprecated and vanished properties, deprecated values",
        "json_schema",
        {
            "root": "the schema node where the settings start: a JSON pointer (#/definitions/X) or a dotted key",
            "prefix": "a dotted key put before every key",
            "moved-under": "a deprecated key whose message names no replacement moved under this dotted key",
            "exclude": "keys to leave out: matrix key patterns relative to the schema (a.*, b.**)",
            "types": "false: no key type from the schema (for files such as INI that hold every value as text)",
        },
    ),
    ImporterInfo(
        "pluto",
        "pluto's versions.yaml (deprecated Kubernetes API versions) -> value rules on apiVersion by kind",
        "pluto",
        {"component": "which entries to import: k8s, cert-manager, istio, ... (needed when the file has several)"},
    ),
    ImporterInfo(
        "spring-metadata",
        "Spring Boot configuration metadata: JSON, directories, jars",
        "spring",
        {
            "infer-removals": "all (default), deprecated or none: which properties that leave the data are removed",
            "not-deprecated": "a table property = version: in use, not deprecated there, though the inputs lack it",
        },
    ),
)


def importer_names() -> list[str]:
    return [info.name for info in IMPORTERS]


def importer_info(name: str) -> ImporterInfo:
    for info in IMPORTERS:
        if info.name == name:
            return info
    raise ImportFailure(f"unknown importer {name!r} (known: {', '.join(importer_names()) or 'none'})")


def get_importer(name: str) -> Importer:
    info = importer_info(name)
    module = importlib.import_module(f"keyshift.importers.{info.module}")
    build: Importer = module.build
    return build


__all__ = [
    "IMPORTERS",
    "ImportFailure",
    "ImportInput",
    "ImportRequest",
    "Importer",
    "ImporterInfo",
    "get_importer",
    "importer_info",
    "importer_names",
]
