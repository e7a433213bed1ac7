"""The result cache: each file's check kept between runs, in ``.keyshift_cache/`` at the project root.

A run's *settings key* digests everything besides the file itself that decides a file's result:
keyshift's version and code, the Python running it and the packages installed beside it, the
matrices as loaded, the targets, ``--no-text`` and the fields of a finding.  One JSON file per
settings key holds, for each file (by its path and the names it is matched by), the digest of its
bytes and what checking them gave: the parse count, the notices and the findings (``source_line``
included).  A file whose bytes have that digest gets the stored result back without being parsed.
With the digest goes the file's status when it was read (size, modification and change times,
inode; see :func:`keyshift.check.filework.stat_stamp`): while the status is unchanged the file is
not even read, as git trusts its index.  A file changed in the two seconds before it was read gets
no status, and is read and digested next time.

- Safe: a cache file is written whole under a temporary name and renamed over the old one, so a
  reader sees one run's complete file, never a mix; of two runs writing at once, the last one's
  file stays (the other's new entries are computed again next time).  A file that is unreadable,
  malformed or for other settings is ignored, and so is an entry of the wrong shape.  It is JSON,
  not pickle: a cache file committed to a repository under review must not be able to run code.
- Bounded: an entry unused for :data:`MAX_AGE_DAYS` days is dropped when its file is next written,
  and only the :data:`KEEP_FILES` most recently used settings files are kept (other versions,
  matrices or targets), so the cache stays within a few times the entries of the files checked in
  the last month.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import json
import os
import re
import sys
import time
import types
import typing
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import keyshift
from keyshift.check.discover import Candidate
from keyshift.check.filecheck import FileCheck
from keyshift.check.filework import Probe
from keyshift.core.model import Finding, Notice, ProductTarget
from keyshift.matrix import Matrix

CACHE_DIR = ".keyshift_cache"
KEEP_FILES = 8
MAX_AGE_DAYS = 30
FORMAT = 2
"""The layout of a cache file; part of the settings key."""

_GITIGNORE = "# Created by keyshift: the cache is never committed.\n*\n"
_CACHEDIR_TAG = "Signature: 8a477f597d28d172789f06886806bc55\n# A cache directory created by keyshift.\n"
_SETTINGS_FILE = re.compile(r"[0-9a-f]{32}\.json")
_STALE_TEMP_SECONDS = 3600

# An entry: "DIGEST DAY PARSES[ STAMP]" for a file with no finding and no notice (most files: one short
# string), else [digest, day last used, parse count, notices as [display, reason], findings as lists of their
# fields, stamp or null].
Entry = str | list[Any]
_PLAIN = re.compile(r"([0-9a-f]{32}) ([0-9]{1,9}) ([0-9]{1,9})(?: ([0-9]{1,20}(?::[0-9]{1,20}){3}))?")


def project_root(cwd: Path | None = None) -> Path:
    """The nearest directory at or above ``cwd`` holding ``.git``; ``cwd`` itself when there is none."""
    start = Path(os.path.abspath(cwd if cwd is not None else Path.cwd()))
    return next((d for d in (start, *start.parents) if (d / ".git").exists()), start)


def cache_dir(cwd: Path | None = None) -> Path:
    return project_root(cwd) / CACHE_DIR


def settings_key(matrices: Sequence[Matrix], targets: Mapping[str, ProductTarget], *, scan_text: bool) -> str:
    """The digest of everything besides a file's bytes that its result depends on."""
    parts = (
        FORMAT,
        keyshift.__version__,
        sys.version,
        _code_stamp(),
        _site_stamp(),
        _finding_fields(),
        scan_text,
        [repr(m) for m in matrices],  # frozen values of tuples and strings: the repr is stable
        sorted((name, repr(target)) for name, target in targets.items()),
    )
    return hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()


def _code_stamp() -> list[tuple[str, int, int]]:
    """Every file of the keyshift package, with its size and time: an editable install changes results
    without changing the version."""
    package = os.path.dirname(keyshift.__file__)
    stamp: list[tuple[str, int, int]] = []
    for directory, subdirs, files in os.walk(package):
        subdirs[:] = sorted(d for d in subdirs if d != "__pycache__")
        for name in sorted(files):
            with contextlib.suppress(OSError):
                st = os.stat(os.path.join(directory, name))
                stamp.append((os.path.relpath(os.path.join(directory, name), package), st.st_size, st.st_mtime_ns))
    return stamp


def _site_stamp() -> list[tuple[str, int]]:
    """The time of each site-packages directory: installing or upgrading a parser changes it."""
    stamp: list[tuple[str, int]] = []
    for entry in sys.path:
        if os.path.basename(entry) in ("site-packages", "dist-packages"):
            with contextlib.suppress(OSError):
                stamp.append((entry, os.stat(entry).st_mtime_ns))
    return stamp


def file_key(candidate: Candidate) -> str:
    """A file as the cache knows it: every field of its :class:`Candidate` (its path, how it is shown,
    the names product globs match it by)."""
    c = candidate  # every field: a test keeps this in step with Candidate
    text = f"{c.path}\0{c.display}\0{c.root}\0{c.relative}\0{c.explicit}"
    return hashlib.blake2b(text.encode(), digest_size=12).hexdigest()


class ResultCache:
    """The results of one settings key: those read at the start, those of this run, saved at the end.

    ``serve_findings`` off (``fix``): only results without findings are reused, so every file a fix
    edits is read and checked afresh.
    """

    def __init__(self, file: Path, entries: dict[str, Entry], *, serve_findings: bool = True) -> None:
        self.file = file
        self.old = entries
        self.new: dict[str, Entry] = {}
        """The entries this run used or made (a used entry is the same list as in ``old``)."""
        self.changed = False
        self.today = int(time.time() // 86400)
        self.serve_findings = serve_findings
        self._probed: dict[int, tuple[str, _Head]] = {}
        """Key and head of each candidate probed and not yet settled, by the candidate's id: the scan
        settles every file it probed, with the same candidate object, so each is looked up once."""

    @classmethod
    def open(cls, directory: Path, settings: str, *, serve_findings: bool = True) -> ResultCache:
        file = directory / f"{settings}.json"
        return cls(file, _read_entries(file, settings), serve_findings=serve_findings)

    def probe(self, candidate: Candidate) -> Probe | None:
        """What a worker needs to confirm the cached result of ``candidate``; None when there is none."""
        key = file_key(candidate)
        head = _head(self.old.get(key))
        if head is None or (head.has_findings and not self.serve_findings):
            return None
        self._probed[id(candidate)] = (key, head)
        return Probe(head.digest, needs_text=head.has_findings, stamp=head.stamp)

    def cached(self, candidate: Candidate, stamp: str | None) -> FileCheck | None:
        """The stored check of a file whose digest was confirmed (its status now ``stamp``); None when the
        entry is malformed."""
        key, head_or_none = self._probed.pop(id(candidate), None) or (file_key(candidate), None)
        entry = self.old[key]
        head = head_or_none or _head(entry)
        check = _decode_check(entry, head) if head is not None else None
        if head is None or check is None:
            return None
        if head.day != self.today or head.stamp != stamp:
            entry = (
                _entry(head.digest, self.today, check, stamp)
                if isinstance(entry, str)
                else _relisted(entry, self.today, stamp)
            )
            self.changed = True
        self.new[key] = entry
        return check

    def record(self, candidate: Candidate, digest: str, check: FileCheck, stamp: str | None) -> None:
        probed = self._probed.pop(id(candidate), None)
        self.new[probed[0] if probed else file_key(candidate)] = _entry(digest, self.today, check, stamp)
        self.changed = True

    def save(self) -> None:
        """Write the entries used or made by this run and the recent others; never raises."""
        entries = {k: v for k, v in self.old.items() if k not in self.new and self._recent(v)}
        entries.update(self.new)
        if not self.changed and len(entries) == len(self.old):
            # nothing new, nothing expired: an unchanged tree costs no write, only the time of use
            with contextlib.suppress(OSError):
                os.utime(self.file)
            return
        settings = self.file.stem
        text = json.dumps({"format": FORMAT, "settings": settings, "entries": entries}, separators=(",", ":"))
        with contextlib.suppress(OSError):
            _prepare_dir(self.file.parent)
            _write_atomic(self.file, text)
            _prune(self.file.parent, keep=self.file)

    def _recent(self, entry: Entry) -> bool:
        head = _head(entry)
        return head is not None and 0 <= self.today - head.day <= MAX_AGE_DAYS


@dataclass(frozen=True, slots=True)
class _Head:
    """What every well-formed entry says before its findings."""

    digest: str
    day: int
    has_findings: bool
    stamp: str | None
    parses: int | None
    """The parse count of a plain entry (read with its head); None for a listed one."""


def _head(entry: object) -> _Head | None:
    if isinstance(entry, str):
        plain = _PLAIN.fullmatch(entry)
        return _Head(plain[1], int(plain[2]), False, plain[4], int(plain[3])) if plain else None
    if (
        isinstance(entry, list)
        and len(entry) == 6
        and isinstance(entry[0], str)
        and type(entry[1]) is int
        and (entry[5] is None or isinstance(entry[5], str))
    ):
        return _Head(entry[0], entry[1], bool(entry[4]), entry[5], None)
    return None


def _entry(digest: str, day: int, check: FileCheck, stamp: str | None) -> Entry:
    if not check.notices and not check.findings:
        return f"{digest} {day} {check.parsed_count}" + (f" {stamp}" if stamp else "")
    notices = [[n.display, n.reason] for n in check.notices]
    findings = [[getattr(f, name) for name in _finding_fields()] for f in check.findings]
    return [digest, day, check.parsed_count, notices, findings, stamp]


def _relisted(entry: list[Any], day: int, stamp: str | None) -> list[Any]:
    return [entry[0], day, *entry[2:5], stamp]


def _read_entries(file: Path, settings: str) -> dict[str, Entry]:
    try:
        with file.open("rb") as handle:
            data = json.load(handle)
    except (OSError, ValueError, RecursionError):
        return {}
    if not isinstance(data, dict) or data.get("format") != FORMAT or data.get("settings") != settings:
        return {}
    entries = data.get("entries")
    return entries if isinstance(entries, dict) else {}


def _decode_check(entry: Entry, head: _Head) -> FileCheck | None:
    """The check a well-formed entry (with its ``head``) stores, or None where its findings are malformed."""
    if head.parses is not None:
        return FileCheck((), (), head.parses)
    assert isinstance(entry, list)
    parsed, notices, findings = entry[2:5]
    if type(parsed) is not int or not isinstance(notices, list) or not isinstance(findings, list):
        return None
    if not all(_is_row(n, _NOTICE_CHECKS) for n in notices) or not all(_is_row(f, _finding_checks()) for f in findings):
        return None
    return FileCheck(
        matches=(),
        findings=tuple(Finding(*row) for row in findings),
        parsed_count=parsed,
        notices=tuple(Notice(*row) for row in notices),
    )


# --------------------------------------------------------------------------- the shape of stored values

Check = Callable[[object], bool]


def _is_row(row: object, checks: Sequence[Check]) -> bool:
    return (
        isinstance(row, list)
        and len(row) == len(checks)
        and all(check(v) for check, v in zip(checks, row, strict=True))
    )


def _conforms(hint: Any) -> Check:
    """A test that a JSON value is a valid value of a field typed ``hint`` (None for a type JSON cannot hold)."""
    origin = typing.get_origin(hint)
    if origin is typing.Literal:
        allowed = typing.get_args(hint)
        return lambda v: isinstance(v, str) and v in allowed
    if origin in (typing.Union, types.UnionType):
        alternatives = [_conforms(arg) for arg in typing.get_args(hint)]
        return lambda v: any(check(v) for check in alternatives)
    if hint is type(None):
        return lambda v: v is None
    if hint in (str, int, float, bool):
        # JSON keeps int, float and bool apart; a bool is not an int here
        return lambda v: type(v) is hint
    return lambda v: False


_NOTICE_CHECKS: tuple[Check, ...] = (_conforms(str), _conforms(str))


@functools.cache
def _finding_fields() -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(Finding))


@functools.cache
def _finding_checks() -> tuple[Check, ...]:
    hints = typing.get_type_hints(Finding)
    return tuple(_conforms(hints[name]) for name in _finding_fields())


# --------------------------------------------------------------------------- writing and pruning


def _prepare_dir(directory: Path) -> None:
    """The cache directory, with its ``.gitignore`` and ``CACHEDIR.TAG`` (backup tools skip it)."""
    directory.mkdir(exist_ok=True)
    for name, text in ((".gitignore", _GITIGNORE), ("CACHEDIR.TAG", _CACHEDIR_TAG)):
        with contextlib.suppress(FileExistsError), (directory / name).open("x", encoding="utf-8") as handle:
            handle.write(text)


def _write_atomic(path: Path, text: str) -> None:
    import tempfile

    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def _prune(directory: Path, keep: Path) -> None:
    """Keep the :data:`KEEP_FILES` newest settings files; drop temporary files a killed run left."""
    now = time.time()
    settings_files: list[tuple[float, Path]] = []
    for path, mtime in _listing(directory):
        if _SETTINGS_FILE.fullmatch(path.name) and path != keep:
            settings_files.append((mtime, path))
        elif path.name.startswith(".tmp-") and now - mtime > _STALE_TEMP_SECONDS:
            _remove(path)
    settings_files.sort(reverse=True)
    for _, path in settings_files[KEEP_FILES - 1 :]:
        _remove(path)


def _listing(directory: Path) -> Iterator[tuple[Path, float]]:
    with os.scandir(directory) as entries:
        for entry in entries:
            with contextlib.suppress(OSError):
                yield Path(entry.path), entry.stat(follow_symlinks=False).st_mtime


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def clean(directory: Path) -> bool:
    """Remove a cache directory; False when there was none.  Raises OSError when it cannot be removed."""
    import shutil

    if directory.is_symlink():
        directory.unlink()
        return True
    if not directory.is_dir():
        return False
    shutil.rmtree(directory)
    return True


__all__ = [
    "CACHE_DIR",
    "ResultCache",
    "cache_dir",
    "clean",
    "file_key",
    "project_root",
    "settings_key",
]
