"""One file's part of a scan, from its path to a :class:`FileOutcome`.

Read the file once within the size limit, digest its bytes when the cache is on, and either
confirm the result the cache holds for those bytes or decode and check the text.  A file whose
status (size, times, inode) is the one the cache recorded with its digest is not read at all, as
git trusts its index.  This runs in the
scanning process or in a worker process (:mod:`keyshift.check.parallel`): what it takes and what it
returns are plain values that pickle.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from collections.abc import Sequence
from dataclasses import dataclass

from keyshift.check.discover import Candidate, Notice
from keyshift.check.filecheck import FileCheck, check_text
from keyshift.check.reading import LoadedText, decode_text, read_with_stat
from keyshift.check.roles import Product


@dataclass(frozen=True, slots=True)
class Probe:
    """What the cache holds for a file, as far as a worker needs to know it."""

    digest: str
    """The digest of the bytes the cached result was computed from."""
    needs_text: bool
    """The cached result has findings: the scan keeps the file's text for them (a fix edits it)."""
    stamp: str | None = None
    """The file's status when those bytes were read (:func:`stat_stamp`), if it was settled then."""

    def __reduce__(self) -> tuple[type[Probe], tuple[str, bool, str | None]]:
        return Probe, (self.digest, self.needs_text, self.stamp)  # a fifth of the cost of the default


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """A file that was read as text: its digest (with the cache on), its text when it has findings,
    and its check, or ``None`` when the cache's result for these bytes stands.  The candidate is not
    in it: a worker sends back only what the scanning process does not have."""

    digest: str | None
    loaded: LoadedText | None
    check: FileCheck | None
    stamp: str | None = None
    """The file's status as it was read (with the cache on, once the file has settled)."""

    def __reduce__(
        self,
    ) -> tuple[type[FileOutcome], tuple[str | None, LoadedText | None, FileCheck | None, str | None]]:
        # one per file from a worker: keep it cheap
        return FileOutcome, (self.digest, self.loaded, self.check, self.stamp)


@dataclass(frozen=True, slots=True)
class FileWork:
    """What every file of a run is checked with."""

    products: Sequence[Product]
    max_bytes: int
    scan_text: bool
    digest: bool
    """Digest each file's bytes (the cache is on)."""


def content_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


SETTLED_NS = 2_000_000_000
"""A file changed less than this long before it was read may change again within the same tick of
its file system's clock (FAT's is 2 s) without its status showing it: its stamp is not kept, and the
next run digests its bytes again."""


def stat_stamp(st: os.stat_result, now_ns: int) -> str | None:
    """``size:mtime:ctime:inode`` of a file, or None while it changed too recently to be trusted."""
    if now_ns - max(st.st_mtime_ns, st.st_ctime_ns) < SETTLED_NS:
        return None
    return _stamp_text(st)


def _stamp_text(st: os.stat_result) -> str:
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}"


def _unchanged(candidate: Candidate, stamp: str, max_bytes: int) -> bool:
    """Whether the file still has the status ``stamp`` recorded (and is still within the size limit)."""
    try:
        st = os.stat(candidate.path)
    except OSError:
        return False  # the read says why
    if not stat.S_ISREG(st.st_mode) or (max_bytes and st.st_size > max_bytes):
        return False
    return _stamp_text(st) == stamp


def scan_file(work: FileWork, candidate: Candidate, probe: Probe | None) -> FileOutcome | Notice:
    """Read and check one file; a :class:`Notice` when it cannot be read as text."""
    if (
        probe is not None
        and probe.stamp
        and not probe.needs_text
        and _unchanged(candidate, probe.stamp, work.max_bytes)
    ):
        return FileOutcome(probe.digest, None, None, probe.stamp)
    read = read_with_stat(candidate, work.max_bytes)
    if isinstance(read, Notice):
        return read
    data, st = read
    digest, stamp = (content_digest(data), stat_stamp(st, time.time_ns())) if work.digest else (None, None)
    cached = probe is not None and probe.digest == digest
    if cached and probe is not None and not probe.needs_text:
        return FileOutcome(digest, None, None, stamp)
    loaded = decode_text(data, candidate.display)
    del data  # a large file is held once, as text, while it is checked
    if isinstance(loaded, Notice):
        return loaded
    if cached:
        return FileOutcome(digest, loaded, None, stamp)
    check = check_text(candidate, loaded.text, work.products, scan_text=work.scan_text)
    return FileOutcome(digest, loaded if check.findings else None, check, stamp)


__all__ = ["SETTLED_NS", "FileOutcome", "FileWork", "Probe", "content_digest", "scan_file", "stat_stamp"]
