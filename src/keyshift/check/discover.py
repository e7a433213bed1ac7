"""File discovery and safe reading: from the PATH arguments of ``keyshift check`` to decoded text.

This module owns which files a run looks at (directory walking, skipped tool directories,
``--include`` / ``--exclude`` globs, symlink handling, and applying the ``.gitignore`` /
``.git/info/exclude`` rules that :mod:`keyshift.check.gitignore` reads) and how a file's bytes
become text (size limit, binary detection, UTF-8 with an optional BOM, line endings kept as they
are).  Everything that cannot be scanned becomes a :class:`Notice` rather than an exception; only
a PATH argument that does not exist raises."""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from pathspec import GitIgnoreSpec

from keyshift.check.gitignore import IgnoreLayer, ancestor_layers, is_ignored, read_ignore_file
from keyshift.core.globs import InvalidGlob, compile_globs, glob_matcher, matches_globs
from keyshift.core.model import Notice
from keyshift.core.tempnames import TEMP_NOTICE, temp_target

__all__ = [
    "Candidate",
    "InvalidGlob",
    "Notice",
    "PathNotFound",
    "discover",
    "glob_matcher",
    "matches_globs",
]

# Directories that never hold config worth scanning; skipped silently when walking.
SKIPPED_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        "node_modules",
        "__pycache__",
        ".tox",
        ".nox",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".keyshift_cache",
        ".venv",
        ".eggs",
    }
)


class PathNotFound(Exception):
    """A PATH argument names nothing on disk."""

    def __init__(self, path: str) -> None:
        super().__init__(f"{path}: no such file or directory")
        self.path = path

    def __reduce__(self) -> tuple[type[PathNotFound], tuple[str]]:
        return PathNotFound, (self.path,)


@dataclass(frozen=True, slots=True)
class Candidate:
    """A file to scan."""

    path: Path
    """The path used to open the file."""
    display: str
    """How to show the path: as given, or relative to the current directory when under it."""
    root: Path
    """The directory argument the file was found under (the current directory for a named file)."""
    relative: str
    """Posix path relative to ``root``, matched against product file globs."""
    explicit: bool
    """True when the file was named on the command line."""

    def __reduce__(self) -> tuple[Callable[..., Candidate], tuple[str, str, Path, str, bool]]:
        # A scan sends every candidate to a worker: its path as a string (a pickled Path costs several
        # times more), its root as it is (one object for a whole walk, pickled once per chunk).
        return _candidate, (str(self.path), self.display, self.root, self.relative, self.explicit)


def _candidate(path: str, display: str, root: Path, relative: str, explicit: bool) -> Candidate:
    return Candidate(Path(path), display, root, relative, explicit)


# --------------------------------------------------------------------------- globs

# compiled in keyshift.core.globs (the matrix validates product globs with it too); the names stay here
_compile_globs = compile_globs


# --------------------------------------------------------------------------- discovery


def _normalize(cwd: str, arg: str) -> tuple[str, bool]:
    """The display form of a PATH argument, and whether it lies under ``cwd``."""
    absolute = os.path.normpath(os.path.join(cwd, arg))
    if absolute == cwd:
        return ".", True
    if absolute.startswith(cwd.rstrip(os.sep) + os.sep):
        return Path(os.path.relpath(absolute, cwd)).as_posix(), True
    return Path(os.path.normpath(arg)).as_posix(), False


def _join_display(parent: str, rel: str) -> str:
    if parent == ".":
        return rel
    return f"{parent.rstrip('/')}/{rel}"


def _stat_failure_reason(exc: OSError, is_symlink: bool) -> str | None:
    """Why an entry that could not be stat'ed is skipped; None for an entry that vanished."""
    if exc.errno == errno.ELOOP:
        return "symlink loop"
    if isinstance(exc, FileNotFoundError | NotADirectoryError):
        return "broken symlink" if is_symlink else None
    return f"unreadable: {exc.strerror or exc}"


@dataclass(slots=True)
class _Frame:
    """A directory being walked."""

    path: Path
    rel: str
    real: str
    layers: tuple[IgnoreLayer, ...]
    entries: Iterator[os.DirEntry[str]]


@dataclass(slots=True)
class _DirWalk:
    """The walk of one directory argument: its root, the directories open, the directories seen."""

    root: Path
    root_display: str
    prefix: str
    """The root's path below the anchor of the ignore rules (see :func:`ancestor_layers`)."""
    stack: list[_Frame]
    visited: set[tuple[int, int]]
    """Device and inode of every directory entered, so that a symlink loop is entered once."""


@dataclass(frozen=True, slots=True)
class _Entry:
    """An entry of a directory being walked, with its path relative to the root and its display form."""

    dir_entry: os.DirEntry[str]
    rel: str
    display: str


def _is_plain_file(entry: os.DirEntry[str]) -> bool:
    """A regular file that is not a symlink; False also when the entry cannot be inspected (the slow
    path reports why)."""
    try:
        return not entry.is_symlink() and entry.is_file(follow_symlinks=False)
    except OSError:
        return False


def _is_skipped_dir(entry: os.DirEntry[str]) -> bool:
    """Tool directories and virtualenvs, never walked into."""
    name = entry.name
    return name in SKIPPED_DIRS or name.endswith(".egg-info") or os.path.lexists(os.path.join(entry.path, "pyvenv.cfg"))


class _Walker:
    """State shared by the walks of all PATH arguments of one run."""

    def __init__(
        self, cwd: Path, include: GitIgnoreSpec | None, exclude: GitIgnoreSpec | None, force_exclude: bool = False
    ) -> None:
        self.cwd = cwd
        self.include = include
        self.exclude = exclude
        self.force_exclude = force_exclude
        """``--force-exclude``: the exclude globs apply to files named explicitly too (pre-commit names them)."""
        self.seen_files: set[str] = set()
        self.seen_notices: set[Notice] = set()

    def run(self, paths: Sequence[str]) -> Iterator[Candidate | Notice]:
        for arg in paths:
            for item in self._walk_arg(arg):
                if isinstance(item, Notice):
                    if item in self.seen_notices:
                        continue
                    self.seen_notices.add(item)
                yield item

    def _candidate(self, real: str, candidate: Candidate) -> Iterator[Candidate]:
        if real not in self.seen_files:
            self.seen_files.add(real)
            yield candidate

    def _walk_arg(self, arg: str) -> Iterator[Candidate | Notice]:
        cwd = str(self.cwd)
        display, under_cwd = _normalize(cwd, arg)
        path = self.cwd / arg
        try:
            lst = os.lstat(path)
            st = os.stat(path) if stat.S_ISLNK(lst.st_mode) else lst
        except OSError as exc:
            reason = _stat_failure_reason(exc, is_symlink=os.path.islink(path))
            if reason is not None:
                yield Notice(display, reason)
            return
        if stat.S_ISDIR(st.st_mode):
            yield from self._walk_dir(path, display)
        elif stat.S_ISREG(st.st_mode):
            if under_cwd:
                root, relative = self.cwd, display
            else:
                root, relative = path.parent, path.name
            if self.force_exclude and self.exclude is not None and self._excluded_named(display):
                return
            yield from self._candidate(
                os.path.realpath(path),
                Candidate(path=path, display=display, root=root, relative=relative, explicit=True),
            )
        else:
            yield Notice(display, "not a regular file")

    def _excluded_named(self, display: str) -> bool:
        """Whether an exclude glob matches a named file, as its path from the working directory or any
        trailing part of it (``conf/*.toml`` excludes ``deploy/conf/a.toml`` named from above)."""
        assert self.exclude is not None
        parts = display.split("/")
        return any(self.exclude.match_file("/".join(parts[i:])) for i in range(len(parts)))

    def _filtered_out(self, layers: tuple[IgnoreLayer, ...], prefix: str, rel: str, is_dir: bool) -> bool:
        """Whether ignore rules, excludes or (for files) includes drop an entry."""
        if is_ignored(layers, f"{prefix}/{rel}" if prefix else rel, is_dir):
            return True
        if self.exclude is not None and self.exclude.match_file(rel + "/" if is_dir else rel):
            return True
        return not is_dir and self.include is not None and not self.include.match_file(rel)

    def _enter(
        self, path: Path, real: str, rel: str, display: str, prefix: str, layers: tuple[IgnoreLayer, ...]
    ) -> Iterator[_Frame | Notice]:
        try:
            with os.scandir(path) as iterator:
                entries = sorted(iterator, key=lambda entry: entry.name)
        except OSError as exc:
            yield Notice(display, f"unreadable: {exc.strerror or exc}")
            return
        ignore_file = next((entry for entry in entries if entry.name == ".gitignore"), None)
        if ignore_file is not None:
            try:
                spec = read_ignore_file(ignore_file.path)
            except OSError as exc:
                yield Notice(_join_display(display, ".gitignore"), f"unreadable: {exc.strerror or exc}")
            else:
                if spec is not None:
                    base = "/".join(part for part in (prefix, rel) if part)
                    layers = (*layers, IgnoreLayer(base, spec))
        yield _Frame(path, rel, real, layers, iter(entries))

    def _walk_dir(self, root: Path, root_display: str) -> Iterator[Candidate | Notice]:
        layers, prefix = ancestor_layers(root)
        try:
            root_stat = os.stat(root)
        except OSError as exc:
            yield Notice(root_display, f"unreadable: {exc.strerror or exc}")
            return
        walk = _DirWalk(root, root_display, prefix, [], {(root_stat.st_dev, root_stat.st_ino)})
        yield from self._open(walk, self._enter(root, os.path.realpath(root), "", root_display, prefix, layers))
        while walk.stack:
            frame = walk.stack[-1]
            dir_entry = next(frame.entries, None)
            if dir_entry is None:
                walk.stack.pop()
                continue
            rel = f"{frame.rel}/{dir_entry.name}" if frame.rel else dir_entry.name
            if _is_plain_file(dir_entry):
                # most entries: known from the directory listing, no stat and no generator needed
                if temp_target(dir_entry.name) is not None:
                    # what a fix was writing when it was killed: never scanned (fix removes it)
                    yield Notice(_join_display(root_display, rel), TEMP_NOTICE)
                elif not self._filtered_out(frame.layers, walk.prefix, rel, is_dir=False):
                    candidate = self._plain_candidate(walk, frame, dir_entry, rel)
                    if candidate is not None:
                        yield candidate
                continue
            yield from self._visit(walk, frame, _Entry(dir_entry, rel, _join_display(root_display, rel)))

    @staticmethod
    def _open(walk: _DirWalk, entered: Iterator[_Frame | Notice]) -> Iterator[Notice]:
        """Push the frame of a directory entered onto the walk; pass its notices on."""
        for item in entered:
            if isinstance(item, _Frame):
                walk.stack.append(item)
            else:
                yield item

    def _plain_candidate(
        self, walk: _DirWalk, frame: _Frame, dir_entry: os.DirEntry[str], rel: str
    ) -> Candidate | None:
        """The candidate for a regular file that is not a symlink; None when it was found before."""
        real = os.path.join(frame.real, dir_entry.name)
        if real in self.seen_files:
            return None
        self.seen_files.add(real)
        display = _join_display(walk.root_display, rel)
        path = frame.path / dir_entry.name
        return Candidate(path=path, display=display, root=walk.root, relative=rel, explicit=False)

    def _visit(self, walk: _DirWalk, frame: _Frame, entry: _Entry) -> Iterator[Candidate | Notice]:
        """An entry that is not a plain file: a directory, a symlink, or something else."""
        try:
            st = entry.dir_entry.stat()
        except OSError as exc:
            reason = _stat_failure_reason(exc, is_symlink=entry.dir_entry.is_symlink())
            if reason is not None and not self._filtered_out(frame.layers, walk.prefix, entry.rel, is_dir=False):
                yield Notice(entry.display, reason)
            return
        if stat.S_ISDIR(st.st_mode):
            yield from self._visit_dir(walk, frame, entry, (st.st_dev, st.st_ino))
        else:
            yield from self._visit_file(walk, frame, entry, st.st_mode)

    def _visit_dir(
        self, walk: _DirWalk, frame: _Frame, entry: _Entry, key: tuple[int, int]
    ) -> Iterator[Candidate | Notice]:
        if _is_skipped_dir(entry.dir_entry) or self._filtered_out(frame.layers, walk.prefix, entry.rel, is_dir=True):
            return
        if key in walk.visited:
            # A real directory seen before was reached through a symlink earlier in the
            # walk and its files are already yielded; only a symlink deserves a notice.
            if entry.dir_entry.is_symlink():
                yield Notice(entry.display, "symlink loop")
            return
        walk.visited.add(key)
        name = entry.dir_entry.name
        path = frame.path / name
        real = os.path.realpath(path) if entry.dir_entry.is_symlink() else os.path.join(frame.real, name)
        yield from self._open(walk, self._enter(path, real, entry.rel, entry.display, walk.prefix, frame.layers))

    def _visit_file(self, walk: _DirWalk, frame: _Frame, entry: _Entry, mode: int) -> Iterator[Candidate | Notice]:
        if self._filtered_out(frame.layers, walk.prefix, entry.rel, is_dir=False):
            return
        if not stat.S_ISREG(mode):
            yield Notice(entry.display, "not a regular file")
            return
        dir_entry = entry.dir_entry
        real = os.path.realpath(dir_entry.path) if dir_entry.is_symlink() else os.path.join(frame.real, dir_entry.name)
        yield from self._candidate(
            real,
            Candidate(
                path=frame.path / dir_entry.name,
                display=entry.display,
                root=walk.root,
                relative=entry.rel,
                explicit=False,
            ),
        )


def discover(
    paths: Sequence[str],
    *,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    cwd: Path | None = None,
    force_exclude: bool = False,
) -> Iterator[Candidate | Notice]:
    """The files to scan under the PATH arguments, in a deterministic order, with skip notices.

    Files named explicitly are always yielded; directories are walked in sorted order, honouring
    ``.gitignore`` files (those walked and those above up to the enclosing repository root),
    ``.git/info/exclude``, the ``exclude`` globs and, when given, the ``include`` globs (both
    relative to the directory argument).  A directory named explicitly is walked even when an
    ignore rule from above it ignores it.  Each file is yielded once.

    Raises :class:`PathNotFound` (before anything is yielded) for a PATH that does not exist,
    and :class:`InvalidGlob` for a malformed include or exclude glob.
    """
    base = Path(os.path.abspath(cwd if cwd is not None else Path.cwd()))
    args = list(paths) or ["."]
    for arg in args:
        if not arg:
            raise PathNotFound(arg)
        try:
            os.lstat(base / arg)
        except (FileNotFoundError, NotADirectoryError, ValueError):
            raise PathNotFound(arg) from None
        except OSError:
            pass  # exists but cannot be inspected: reported as a notice during the walk
    include_spec = compile_globs(tuple(include)) if include else None
    exclude_spec = compile_globs(tuple(exclude)) if exclude else None
    return _Walker(base, include_spec, exclude_spec, force_exclude).run(args)


# --------------------------------------------------------------------------- reading
