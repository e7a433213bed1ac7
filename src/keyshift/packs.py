"""Bundled matrix packs (``--pack NAME``): the ``rules/`` files shipped inside the package."""

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
    source_tree = Path(__file__).resolve().parents[2] / "rules"
    if source_tree.is_dir():
        dirs.append(source_tree)
    return dirs


def available_packs() -> list[str]:
    return sorted({p.stem for d in _pack_dirs() for p in d.glob("*.toml")})


def pack_path(name: str) -> Path:
    for directory in _pack_dirs():
        candidate = directory / f"{name}.toml"
        if candidate.is_file():
            return candidate
    raise UnknownPack(name, available_packs())
