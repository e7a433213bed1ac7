"""Matrix packs (``--pack NAME``): ``NAME.pack.toml`` files, bundled or the user's own.

Packs are looked for, first found first, in:

1. the directories named by ``--pack-path DIR`` (in the order given);
2. the directories in ``KEYSHIFT_PACK_PATH`` (separated like ``PATH``);
3. the packs bundled with keyshift (``rules/`` inside the package);
4. installed Python distributions that declare a ``keyshift.packs`` entry point naming a package:
   every ``*.pack.toml`` in that package is a pack (an organisation ``pip install``s its packs and
   updates them without a keyshift release).

A pack found earlier hides one of the same name found later.  Installed packs come last because
finding them costs ``importlib.metadata`` (about 35 ms at start-up): a run that names only bundled
packs never pays it.  To replace a bundled pack, put yours on the pack path.  The ``.pack.toml`` suffix keeps other
tools from taking a pack for their own configuration (ruff reads any ``ruff.toml`` it meets).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

PACK_SUFFIX = ".pack.toml"
PACK_PATH_ENV = "KEYSHIFT_PACK_PATH"
ENTRY_POINT_GROUP = "keyshift.packs"


class PackError(Exception):
    """A pack directory or entry point that cannot be used; the message names it."""


class UnknownPack(LookupError):
    def __init__(self, name: str, available: list[str]) -> None:
        known = ", ".join(available) or "none"
        super().__init__(f"unknown pack {name!r} (available: {known})")
        self.name = name


@dataclass(frozen=True, slots=True)
class PackLocation:
    """Where one pack was found."""

    name: str
    path: Path
    origin: str
    """``--pack-path``, ``KEYSHIFT_PACK_PATH``, ``entry point DIST (NAME)`` or ``bundled``."""


@dataclass(frozen=True, slots=True)
class PackSearch:
    """Where to look for packs besides the bundled ones."""

    pack_path: tuple[str, ...] = ()
    """``--pack-path`` directories."""
    environ: Mapping[str, str] | None = None
    """The environment to read ``KEYSHIFT_PACK_PATH`` from; None: this process's."""


def find_packs(search: PackSearch = PackSearch()) -> list[PackLocation]:
    """Every pack in precedence order; a name may appear more than once (the first one is used)."""
    found: list[PackLocation] = []
    for directory, origin in _directories(search):
        found.extend(_packs_in(directory, origin))
    return found


def pack_location(name: str, search: PackSearch = PackSearch()) -> PackLocation:
    """The pack ``--pack NAME`` loads; raises :class:`UnknownPack` (or :class:`PackError`)."""
    for directory, origin in _directories(search):
        path = directory / f"{name}{PACK_SUFFIX}"
        if path.is_file():
            return PackLocation(name, path, origin)
    raise UnknownPack(name, available_packs(search))


def pack_path(name: str, search: PackSearch = PackSearch()) -> Path:
    return pack_location(name, search).path


def available_packs(search: PackSearch = PackSearch()) -> list[str]:
    return sorted({location.name for location in find_packs(search)})


def _packs_in(directory: Path, origin: str) -> list[PackLocation]:
    return [
        PackLocation(path.name.removesuffix(PACK_SUFFIX), path, origin)
        for path in sorted(directory.glob(f"*{PACK_SUFFIX}"))
        if path.is_file()
    ]


def _directories(search: PackSearch) -> Iterator[tuple[Path, str]]:
    for given in search.pack_path:
        yield _checked_dir(given, "--pack-path"), "--pack-path"
    environ = os.environ if search.environ is None else search.environ
    for given in filter(None, environ.get(PACK_PATH_ENV, "").split(os.pathsep)):
        yield _checked_dir(given, PACK_PATH_ENV), PACK_PATH_ENV
    yield from ((directory, "bundled") for directory in _bundled_dirs())
    yield from _entry_point_dirs()


def _checked_dir(given: str, option: str) -> Path:
    path = Path(given)
    if not path.is_dir():
        raise PackError(f"{option}: {given} is not a directory")
    return path


def _entry_point_dirs() -> Iterator[tuple[Path, str]]:
    """The package directory of each ``keyshift.packs`` entry point, in the order of distribution names."""
    from importlib.metadata import entry_points

    points = sorted(entry_points(group=ENTRY_POINT_GROUP), key=lambda p: (_distribution(p), p.name))
    for point in points:
        origin = f"entry point {_distribution(point)} ({point.name})"
        try:
            directory = Path(str(resources.files(point.value.split(":")[0])))
        except (ImportError, TypeError, ValueError) as exc:
            raise PackError(f"{origin}: cannot find the package {point.value!r}: {exc}") from None
        if not directory.is_dir():
            raise PackError(f"{origin}: {point.value!r} is not a package directory")
        yield directory, origin


def _distribution(point: object) -> str:
    dist = getattr(point, "dist", None)
    return str(getattr(dist, "name", "") or "?")


def _bundled_dirs() -> list[Path]:
    dirs: list[Path] = []
    bundled = resources.files("keyshift").joinpath("rules")
    if bundled.is_dir():
        dirs.append(Path(str(bundled)))
    # an editable install runs from the source tree, where rules/ sits beside src/
    source_tree = Path(__file__).resolve().parents[3] / "rules"
    if source_tree.is_dir():
        dirs.append(source_tree)
    return dirs


__all__ = [
    "ENTRY_POINT_GROUP",
    "PACK_PATH_ENV",
    "PACK_SUFFIX",
    "PackError",
    "PackLocation",
    "PackSearch",
    "UnknownPack",
    "available_packs",
    "find_packs",
    "pack_location",
    "pack_path",
]
