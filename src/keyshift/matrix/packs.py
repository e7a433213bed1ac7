"""Bundled matrix packs (``--pack NAME``): the ``rules/NAME.pack.toml`` files shipped inside the package.

The ``.pack.toml`` suffix keeps other tools from taking a pack for their own configuration (ruff
reads any ``ruff.toml`` it meets).
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


class UnknownPack(LookupError):
    def __init__(self, name: str, available: list[str]) -> None:
        known = ", ".join(available) or "none"
        super().__init__(f"unknown pack {name!r} (available: {known})")
        self.name = name


def _pack_dirs() -> list[Path]:
    dirs: list[Path] = []
    bundled = resources.files("keyshift").joinpath("rules")
    if bundled.is_dir():
        dirs.append(Path(str(bundled)))
    # an editable install runs from the source tree, where rules/ sits beside src/
    source_tree = Path(__file__).resolve().parents[3] / "rules"
    if source_tree.is_dir():
        dirs.append(source_tree)
    return dirs


PACK_SUFFIX = ".pack.toml"


def available_packs() -> list[str]:
    return sorted({p.name.removesuffix(PACK_SUFFIX) for d in _pack_dirs() for p in d.glob(f"*{PACK_SUFFIX}")})


def pack_path(name: str) -> Path:
    for directory in _pack_dirs():
        candidate = directory / f"{name}{PACK_SUFFIX}"
        if candidate.is_file():
            return candidate
    raise UnknownPack(name, available_packs())
