"""Git's ignore rules for a walk: ``.gitignore`` files and ``.git/info/exclude``, layered as git does.

A walk starts with the layers that apply from above its root (:func:`ancestor_layers`, up to the
enclosing repository) and adds one layer per ``.gitignore`` it meets (:func:`read_ignore_file`);
:func:`is_ignored` asks the deepest layer with a matching rule.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from pathspec import GitIgnoreSpec

from keyshift.core.globs import GLOB_ERRORS, compile_lines


@dataclass(frozen=True, slots=True)
class IgnoreLayer:
    """The rules of one ignore file; ``base`` is its directory relative to the walk anchor."""

    base: str
    spec: GitIgnoreSpec


def _compile_ignore_lines(lines: list[str]) -> GitIgnoreSpec | None:
    try:
        spec = compile_lines(lines)
    except GLOB_ERRORS:
        # Git silently drops lines it cannot parse; do the same rather than lose the whole file.
        good = []
        for line in lines:
            try:
                compile_lines([line])
            except GLOB_ERRORS:
                continue
            good.append(line)
        spec = compile_lines(good)
    if not any(pattern.include is not None for pattern in spec.patterns):
        return None
    return spec


def read_ignore_file(path: str) -> GitIgnoreSpec | None:
    """Compile an ignore file; None when it is missing or holds no rule (OSError propagates)."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except (FileNotFoundError, NotADirectoryError, IsADirectoryError):
        return None
    return _compile_ignore_lines(data.decode("utf-8", errors="replace").splitlines())


def is_ignored(layers: tuple[IgnoreLayer, ...], anchor_rel: str, is_dir: bool) -> bool:
    """Apply ignore layers (lowest priority first) to a path relative to the anchor.

    The deepest ignore file with a matching rule decides, as in git; within a file the last
    matching rule wins (pathspec does that).
    """
    for layer in reversed(layers):
        rel = anchor_rel[len(layer.base) + 1 :] if layer.base else anchor_rel
        include = layer.spec.check_file(rel + "/" if is_dir else rel).include
        if include is not None:
            return bool(include)
    return False


def ancestor_layers(root: Path) -> tuple[tuple[IgnoreLayer, ...], str]:
    """The ignore rules that apply to ``root`` from above it, and root's path below the anchor.

    The anchor is the enclosing git repository (nearest ancestor holding ``.git``); without
    one, no rule from above applies and the anchor is ``root`` itself.
    """
    real = Path(os.path.realpath(root))
    repo: Path | None = None
    for directory in (real, *real.parents):
        if os.path.lexists(directory / ".git"):
            repo = directory
            break
    if repo is None:
        return (), ""
    layers: list[IgnoreLayer] = []
    try:
        exclude = read_ignore_file(str(repo / ".git" / "info" / "exclude"))
    except OSError:
        exclude = None
    if exclude is not None:
        layers.append(IgnoreLayer("", exclude))
    prefix = real.relative_to(repo).as_posix()
    if prefix == ".":
        prefix = ""
    parts = prefix.split("/") if prefix else []
    # .gitignore of the repository root and of each directory down to (not including) root:
    # root's own .gitignore is read when the walk enters it.
    for depth in range(len(parts)):
        base = "/".join(parts[:depth])
        try:
            spec = read_ignore_file(str(repo.joinpath(*parts[:depth], ".gitignore")))
        except OSError:
            spec = None
        if spec is not None:
            layers.append(IgnoreLayer(base, spec))
    if prefix and is_ignored(tuple(layers), prefix, is_dir=True):
        # A directory named on the command line is scanned even when ignored; the rules
        # that ignore it as a whole would otherwise hide every file in it.
        return (), ""
    return tuple(layers), prefix
