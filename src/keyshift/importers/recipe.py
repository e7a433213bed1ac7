"""Recipes: the file that says how a bundled pack is generated, and running one.

A recipe (``rules/recipes/<pack>.recipe.toml``) has ``[pack]`` (``output``, relative to the recipe, and optional
``header`` comment lines), ``[product]`` (copied over what the importers set) and one or more
``[[import]]`` tables (``importer``, ``inputs`` = ``[{ version = "V", file = "a.json" }, { files = [...] }]``
relative to the sources directory, and the importer's options).  Every problem is an
:class:`ImportFailure` naming the recipe file, the line and the field, as matrix errors do.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from keyshift.importers import ImportInput, ImportRequest, get_importer, importer_info
from keyshift.importers.draft import ImportFailure, MatrixDraft, TomlValue, merge
from keyshift.importers.sources import expand, read_manifest, recorded_name, repository_root, source_record
from keyshift.importers.write import matrix_text
from keyshift.matrix.fields import PRODUCT_FIELDS, type_name
from keyshift.matrix.locate import FieldLocator, FieldPath
from keyshift.matrix.model import SourceRecord

_TABLES = ("pack", "product", "import")
_PACK_FIELDS = ("output", "header")
_SET_BY_RUNNER = ("source", "generated-by")
_INPUT_FIELDS = ("version", "file", "files")


@dataclass(frozen=True, slots=True)
class RecipeInput:
    """One entry of an import's ``inputs``: file names or globs, and the version they are data of."""

    version: str | None
    patterns: tuple[str, ...]
    where: str
    """``recipe.toml:LINE: import[0].inputs[1]``, for errors."""


@dataclass(frozen=True, slots=True)
class RecipeImport:
    importer: str
    inputs: tuple[RecipeInput, ...]
    options: Mapping[str, TomlValue]
    where: str


@dataclass(frozen=True, slots=True)
class Recipe:
    path: Path
    output: Path
    header: tuple[str, ...]
    product: Mapping[str, TomlValue]
    """``[product]`` as written, name and versions included."""
    imports: tuple[RecipeImport, ...]

    @property
    def generated_by(self) -> str:
        """The command that regenerates the pack, the same from any directory."""
        root = repository_root(self.path.parent)
        resolved = self.path.resolve()
        shown = resolved.relative_to(root).as_posix() if root is not None else self.path.name
        return f"keyshift import --recipe {shown}"


def load_recipe(path: Path) -> Recipe:
    """Read and check a recipe; raises ImportFailure naming the file, line and field."""
    shown = str(path)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise ImportFailure(f"{shown}: recipe not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportFailure(f"{shown}: cannot read the recipe: {exc}") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ImportFailure(f"{shown}: TOML syntax error: {exc}") from None
    return _RecipeReader(FieldLocator(text, shown), path).recipe(data)


class _RecipeReader:
    def __init__(self, where: FieldLocator, path: Path) -> None:
        self.where = where
        self.path = path

    def fail(self, path: FieldPath, message: str) -> ImportFailure:
        return ImportFailure(str(self.where.error(path, message)))

    def place(self, path: FieldPath) -> str:
        """``recipe.toml:LINE: field`` for messages from later stages."""
        return str(self.where.error(path, "")).rstrip(": ")

    def recipe(self, data: Mapping[str, Any]) -> Recipe:
        for name in data:
            if name not in _TABLES:
                raise self.fail((name,), f"unknown table {name!r} (a recipe has [pack], [product] and [[import]])")
        pack = self.table(data, "pack")
        self.known(pack, _PACK_FIELDS, ("pack",))
        output = pack.get("output")
        if not isinstance(output, str) or not output.strip():
            raise self.fail(("pack", "output"), "[pack] needs output: the matrix file to write, relative to the recipe")
        header = pack.get("header", [])
        if not isinstance(header, list) or not all(isinstance(line, str) for line in header):
            raise self.fail(("pack", "header"), "must be a list of strings (comment lines)")
        product = self.product(self.table(data, "product"))
        imports = data.get("import")
        if not isinstance(imports, list) or not imports:
            raise self.fail(("import",), 'a recipe needs [[import]] tables (importer = "...", inputs = [...])')
        return Recipe(
            path=self.path,
            output=Path(os.path.normpath(self.path.parent / output)),
            header=tuple(header),
            product=product,
            imports=tuple(self.import_table(entry, index) for index, entry in enumerate(imports)),
        )

    def table(self, data: Mapping[str, Any], name: str) -> Mapping[str, Any]:
        table = data.get(name)
        if not isinstance(table, dict):
            raise self.fail((name,), f"a recipe needs a [{name}] table")
        return table

    def known(self, table: Mapping[str, Any], allowed: tuple[str, ...] | frozenset[str], path: FieldPath) -> None:
        for name in table:
            if name not in allowed:
                known = ", ".join(sorted(allowed))
                raise self.fail((*path, name), f"unknown field {name!r} (known fields: {known})")

    def product(self, table: Mapping[str, Any]) -> dict[str, TomlValue]:
        for name in _SET_BY_RUNNER:
            if name in table:
                raise self.fail(("product", name), "is written by keyshift import; leave it out of the recipe")
        self.known(table, PRODUCT_FIELDS - set(_SET_BY_RUNNER), ("product",))
        if not isinstance(table.get("name"), str) or not table["name"].strip():
            raise self.fail(("product", "name"), "[product] needs a name")
        versions = table.get("versions", [])
        if not isinstance(versions, list) or not all(isinstance(v, str) for v in versions):
            raise self.fail(("product", "versions"), "must be a list of version strings")
        return dict(table)

    def import_table(self, entry: Any, index: int) -> RecipeImport:
        path: FieldPath = ("import", f"[{index}]")
        if not isinstance(entry, dict):
            raise self.fail(path, "must be a table: [[import]]")
        name = entry.get("importer")
        if not isinstance(name, str):
            raise self.fail((*path, "importer"), 'needs importer = "NAME" (keyshift import --list names them)')
        try:
            info = importer_info(name)
        except ImportFailure as exc:
            raise self.fail((*path, "importer"), str(exc)) from None
        options = {key: value for key, value in entry.items() if key not in ("importer", "inputs")}
        for option in options:
            if option not in info.options:
                known = ", ".join(info.options) or "none"
                raise self.fail((*path, option), f"unknown option {option!r} of importer {name} (known: {known})")
        raw = entry.get("inputs")
        if not isinstance(raw, list) or not raw:
            raise self.fail((*path, "inputs"), 'needs inputs = [{ version = "V", file = "PATH" }, ...]')
        inputs = tuple(self.input_entry(item, (*path, "inputs", f"[{i}]")) for i, item in enumerate(raw))
        return RecipeImport(name, inputs, options, self.place(path))

    def input_entry(self, item: Any, path: FieldPath) -> RecipeInput:
        if not isinstance(item, dict):
            raise self.fail(path, 'must be a table such as { version = "1.0", file = "a.json" }')
        self.known(item, _INPUT_FIELDS, path)
        version = item.get("version")
        if version is not None and (not isinstance(version, str) or not version.strip()):
            raise self.fail((*path, "version"), f'must be a version string such as "1.0", not {type_name(version)}')
        if ("file" in item) == ("files" in item):
            raise self.fail(path, "give exactly one of file (a path or glob) and files (a list of them)")
        patterns = item["files"] if "files" in item else [item["file"]]
        if not isinstance(patterns, list) or not patterns or not all(isinstance(p, str) and p for p in patterns):
            field = "files" if "files" in item else "file"
            raise self.fail((*path, field), "must be a path or glob relative to the sources directory (or a list)")
        return RecipeInput(version, tuple(patterns), self.place(path))


def generate(recipe: Recipe, sources: Path) -> str:
    """The matrix text the recipe makes from the sources directory (validated, not written)."""
    manifest = read_manifest(sources)
    records: dict[SourceRecord, None] = {}
    drafts: list[MatrixDraft] = []
    product = recipe.product
    for step in recipe.imports:
        inputs: list[ImportInput] = []
        for entry in step.inputs:
            for pattern in entry.patterns:
                for path in expand(sources, pattern, entry.where):
                    name = recorded_name(sources, path)
                    inputs.append(ImportInput(path, name, entry.version))
                    records[source_record(name, path, manifest)] = None
        request = ImportRequest(str(product["name"]), tuple(inputs), step.options)
        try:
            drafts.append(get_importer(step.importer)(request))
        except ImportFailure as exc:
            raise ImportFailure(f"{step.where}: {exc}") from None
    merged = merge(drafts)
    fields = {name: value for name, value in product.items() if name not in ("name", "versions")}
    versions = product.get("versions")
    draft = replace(
        merged,
        name=str(product["name"]),
        versions=tuple(str(v) for v in versions) if isinstance(versions, list) else merged.versions,
        keys=tuple(sorted(merged.keys, key=lambda key: key.key)),
        product={**merged.product, **fields},
        sources=tuple(records),
        generated_by=recipe.generated_by,
    )
    return matrix_text(draft, recipe.header, str(recipe.output))
