"""Validating ``[product]``: its name, versions, files, defaults and scanning switches."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Mapping
from typing import Any

from keyshift.core.globs import glob_problem
from keyshift.core.versions import VersionError, VersionOrder, numeric_key
from keyshift.core.versions import normalize as normalize_version
from keyshift.matrix.fields import FILE_FIELDS, PRODUCT_FIELDS, SOURCE_FIELDS, FieldReader, type_name
from keyshift.matrix.locate import FieldPath
from keyshift.matrix.model import BINDINGS, FileSpec, Product, SourceRecord


class ProductReader(FieldReader):
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
        only = self._flag(table, "only-product-files", path)
        binding = table.get("binding", "exact")
        if binding not in BINDINGS:
            raise self.fail((*path, "binding"), f"must be one of {', '.join(BINDINGS)}")
        if only and not files:
            raise self.fail((*path, "only-product-files"), "needs [product] files to say which files are the product's")
        flags = {flag: self._flag(table, flag, path, default=True) for flag in ("env", "text")}
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
            sources=tuple(
                self.source_record(entry, (*path, "source", f"[{i}]"))
                for i, entry in enumerate(self._list(table, "source", path))
            ),
            generated_by=self._str(table, "generated-by", path),
            given=tuple(sorted(table)),
        )

    def _explicit_versions(self, value: Any, path: FieldPath) -> tuple[str, ...] | None:
        if value is None:
            return None
        if not isinstance(value, list):
            raise self.fail(path, f"must be a list of version strings, not {type_name(value)}")
        if not value:
            raise self.fail(path, "must list at least one version (or leave versions out)")
        for i, version in enumerate(value):
            if isinstance(version, int | float) and not isinstance(version, bool):
                written = self.where.raw_value((*path, f"[{i}]")) or str(version)
                raise self.fail(path, f'versions must be strings: write "{written}" in quotes')
            if not isinstance(version, str):
                raise self.fail(path, f"must be a list of version strings; entry {i + 1} is {type_name(version)}")
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

    def file_spec(self, entry: Any, path: FieldPath) -> FileSpec:
        if isinstance(entry, str) and entry.strip():
            return FileSpec(self._glob(entry, path))
        if not isinstance(entry, dict):
            raise self.fail(path, 'entries must be globs or { glob = "...", prefix = "...", format = "..." }')
        self._check_fields(entry, FILE_FIELDS, path)
        glob = self._str(entry, "glob", path)
        if glob is None:
            raise self.fail((*path, "glob"), "a files entry needs a glob")
        self._glob(glob, (*path, "glob"))
        prefix = self._str(entry, "prefix", path)
        segments: tuple[str, ...] = ()
        if prefix is not None:
            segments = self._key_pattern(prefix, (*path, "prefix")).segments
        fmt = self._str(entry, "format", path)
        if fmt is not None:
            from keyshift.formats import known_formats

            if fmt not in known_formats():
                raise self.fail((*path, "format"), f"unknown format {fmt!r} (known: {', '.join(known_formats())})")
        return FileSpec(glob, segments, fmt)

    def _glob(self, glob: str, path: FieldPath) -> str:
        """A glob compiled as the scan will use it, so that a bad one is refused here, at its line."""
        problem = glob_problem(glob)
        if problem is not None:
            raise self.fail(path, f"invalid glob {glob!r}: {problem}")
        return glob

    def source_record(self, entry: Any, path: FieldPath) -> SourceRecord:
        if not isinstance(entry, dict):
            raise self.fail(path, 'entries must be tables such as { file = "schema.json", repo = "owner/name" }')
        self._check_fields(entry, SOURCE_FIELDS, path)
        file = self._str(entry, "file", path)
        if file is None:
            raise self.fail((*path, "file"), "a source entry needs a file")
        return SourceRecord(
            file,
            repo=self._str(entry, "repo", path),
            ref=self._str(entry, "ref", path),
            commit=self._str(entry, "commit", path),
            sha256=self._str(entry, "sha256", path),
        )
