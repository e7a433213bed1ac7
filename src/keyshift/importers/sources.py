"""Where a recipe's input files are: the sources directory, input globs, MANIFEST.tsv and checksums.

The sources directory is the ``--sources`` option, else the ``KEYSHIFT_PACK_SOURCES`` environment
variable, else ``shared/pack-sources`` beside the repository (``<repository root>/../shared/pack-sources``).
Each input file is recorded in the matrix as a :class:`~keyshift.matrix.SourceRecord`: its path relative
to the sources directory, the repository, ref and commit that ``MANIFEST.tsv`` gives for it (columns
``path repo tag_or_ref commit ...``), and the sha256 of its bytes.
"""

from __future__ import annotations

import glob
import hashlib
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from keyshift.importers.draft import ImportFailure
from keyshift.matrix.model import SourceRecord

SOURCES_ENV = "KEYSHIFT_PACK_SOURCES"
MANIFEST = "MANIFEST.tsv"
_REPOSITORY_MARKERS = (".git", "pyproject.toml")


@dataclass(frozen=True, slots=True)
class Origin:
    """Where ``MANIFEST.tsv`` says a file came from."""

    repo: str | None
    ref: str | None
    commit: str | None


def repository_root(start: Path) -> Path | None:
    """The nearest directory at or above ``start`` that holds ``.git`` or ``pyproject.toml``."""
    start = start.resolve()
    for directory in (start, *start.parents):
        if any((directory / marker).exists() for marker in _REPOSITORY_MARKERS):
            return directory
    return None


def sources_dir(option: Path | None, near: Path) -> Path:
    """The sources directory: the option, the environment variable, or the default beside the repository
    that holds ``near`` (a recipe file).  It must exist."""
    if option is not None:
        chosen, how = option, "--sources"
    elif os.environ.get(SOURCES_ENV):
        chosen, how = Path(os.environ[SOURCES_ENV]), SOURCES_ENV
    else:
        root = repository_root(near.parent if near.is_file() else near)
        if root is None:
            raise ImportFailure(f"no sources directory: give --sources DIR or set {SOURCES_ENV}")
        chosen, how = root.parent / "shared" / "pack-sources", "the default"
    if not chosen.is_dir():
        raise ImportFailure(f"sources directory {chosen} ({how}) does not exist")
    return chosen


def default_sources(near: Path) -> Path | None:
    """The sources directory tests would use (environment or default), or None where there is none."""
    try:
        return sources_dir(None, near)
    except ImportFailure:
        return None


def expand(sources: Path, pattern: str, where: str) -> list[Path]:
    """The files a glob relative to the sources directory names, sorted; none is an error."""
    if Path(pattern).is_absolute() or ".." in Path(pattern).parts:
        raise ImportFailure(f"{where}: {pattern!r} must be a path inside the sources directory")
    if not glob.has_magic(pattern):
        path = sources / pattern
        if not path.is_file():
            raise ImportFailure(f"{where}: {pattern}: no such file in {sources}")
        return [path]
    found = sorted(
        Path(match) for match in glob.glob(pattern, root_dir=sources, recursive=True) if (sources / match).is_file()
    )
    if not found:
        raise ImportFailure(f"{where}: {pattern}: no file in {sources} matches")
    return [sources / match for match in found]


def recorded_name(sources: Path, path: Path) -> str:
    """A file's name in ``[product] source``: relative to the sources directory, with ``/``."""
    return path.relative_to(sources).as_posix()


def read_manifest(sources: Path) -> dict[str, Origin]:
    """``MANIFEST.tsv`` of the sources directory (path -> origin); empty when there is none."""
    manifest = sources / MANIFEST
    if not manifest.is_file():
        return {}
    try:
        lines = manifest.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise ImportFailure(f"{manifest}: cannot read: {exc}") from None
    if not lines:
        return {}
    header = lines[0].split("\t")
    if "path" not in header:
        raise ImportFailure(f"{manifest}:1: no path column (columns: {', '.join(header)})")
    origins: dict[str, Origin] = {}
    for line in lines[1:]:
        if not line.strip():
            continue
        row = dict(zip(header, line.split("\t"), strict=False))
        origins[row["path"]] = Origin(
            row.get("repo") or None, row.get("tag_or_ref") or row.get("ref") or None, row.get("commit") or None
        )
    return origins


def source_record(name: str, path: Path, manifest: Mapping[str, Origin]) -> SourceRecord:
    """The ``[product] source`` entry of one input file."""
    try:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:
        raise ImportFailure(f"{name}: cannot read: {exc.strerror or exc}") from None
    origin = manifest.get(name, Origin(None, None, None))
    return SourceRecord(name, repo=origin.repo, ref=origin.ref, commit=origin.commit, sha256=digest)
