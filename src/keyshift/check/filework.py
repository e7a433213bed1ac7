"""One file's part of a scan, from its path to a :class:`FileOutcome`.

Read the file once within the size limit, digest its bytes when the cache is on, and either
confirm the result the cache holds for those bytes or decode and check the text.  This runs in the
scanning process or in a worker process (:mod:`keyshift.check.parallel`): what it takes and what it
returns are plain values that pickle.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from keyshift.check.discover import Candidate, LoadedText, Notice, decode_text, read_bytes
from keyshift.check.filecheck import FileCheck, check_text
from keyshift.check.roles import Product


@dataclass(frozen=True, slots=True)
class Probe:
    """What the cache holds for a file, as far as a worker needs to know it."""

    digest: str
    """The digest of the bytes the cached result was computed from."""
    needs_text: bool
    """The cached result has findings: the scan keeps the file's text for them (a fix edits it)."""

    def __reduce__(self) -> tuple[type[Probe], tuple[str, bool]]:
        return Probe, (self.digest, self.needs_text)  # a fifth of the cost of a slotted dataclass's default


@dataclass(frozen=True, slots=True)
class FileOutcome:
    """A file that was read as text: its digest (with the cache on), its text when it has findings,
    and its check, or ``None`` when the cache's result for these bytes stands.  The candidate is not
    in it: a worker sends back only what the scanning process does not have."""

    digest: str | None
    loaded: LoadedText | None
    check: FileCheck | None

    def __reduce__(self) -> tuple[type[FileOutcome], tuple[str | None, LoadedText | None, FileCheck | None]]:
        return FileOutcome, (self.digest, self.loaded, self.check)  # one per file from a worker: keep it cheap


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


def scan_file(work: FileWork, candidate: Candidate, probe: Probe | None) -> FileOutcome | Notice:
    """Read and check one file; a :class:`Notice` when it cannot be read as text."""
    data = read_bytes(candidate, work.max_bytes)
    if isinstance(data, Notice):
        return data
    digest = content_digest(data) if work.digest else None
    cached = probe is not None and probe.digest == digest
    if cached and probe is not None and not probe.needs_text:
        return FileOutcome(digest, None, None)
    loaded = decode_text(data, candidate.display)
    del data  # a large file is held once, as text, while it is checked
    if isinstance(loaded, Notice):
        return loaded
    if cached:
        return FileOutcome(digest, loaded, None)
    check = check_text(candidate, loaded.text, work.products, scan_text=work.scan_text)
    return FileOutcome(digest, loaded if check.findings else None, check)


__all__ = ["FileOutcome", "FileWork", "Probe", "content_digest", "scan_file"]
