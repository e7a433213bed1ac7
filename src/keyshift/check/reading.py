"""Reading one discovered file safely: regular files only, within the size limit, without blocking, once.

What discovery found (:class:`~keyshift.check.discover.Candidate`) becomes bytes here, and bytes become
text (:class:`LoadedText`) or the :class:`Notice` that says why a file was skipped (binary, too large,
unreadable, not UTF-8).
"""

from __future__ import annotations

import codecs
import os
import stat
import sys
from dataclasses import dataclass

from keyshift.check.discover import Candidate
from keyshift.core.model import Notice

DEFAULT_MAX_BYTES = 2 * 1024 * 1024
"""The default of ``--max-file-size``; a limit of 0 means no limit."""

_BINARY_SNIFF_BYTES = 8192


@dataclass(frozen=True, slots=True)
class LoadedText:
    """The decoded text of a file (without its BOM) and what is needed to write it back alike."""

    text: str
    has_bom: bool
    newline: str


def load_text(candidate: Candidate, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadedText | Notice:
    """Read and decode a candidate, or say why it cannot be scanned.

    The text is UTF-8 without its BOM, line endings untouched; ``newline`` is the first line
    ending (``"\\r\\n"`` or ``"\\n"``).  Never blocks on a fifo and never reads more than
    ``max_bytes + 1`` bytes (``max_bytes`` 0: no limit).
    """
    data = read_bytes(candidate, max_bytes)
    if isinstance(data, Notice):
        return data
    return decode_text(data, candidate.display)


def format_size(size: int) -> str:
    """A byte count as a person writes it: ``2 MiB``, ``512 KiB``, ``1000 bytes``."""
    for unit, scale in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if size >= scale and size % scale == 0:
            return f"{size // scale} {unit}"
    return f"{size} byte" if size == 1 else f"{size} bytes"


def _too_large(display: str, max_bytes: int) -> Notice:
    return Notice(display, f"larger than {format_size(max_bytes)} (the --max-file-size limit)")


def read_bytes(candidate: Candidate, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes | Notice:
    """The bytes of a regular file of at most ``max_bytes`` (0: any size), read once, without blocking."""
    read = read_with_stat(candidate, max_bytes)
    return read if isinstance(read, Notice) else read[0]


def read_with_stat(candidate: Candidate, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[bytes, os.stat_result] | Notice:
    """:func:`read_bytes`, with the file's status as it was just before the read."""
    display = candidate.display
    try:
        st = os.stat(candidate.path)
        if not stat.S_ISREG(st.st_mode):
            return Notice(display, "not a regular file")
        if max_bytes and st.st_size > max_bytes:
            return _too_large(display, max_bytes)
        # O_NONBLOCK: if the file is swapped for a fifo after the stat, open must not hang.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
        fd = os.open(candidate.path, flags)
        try:
            if not stat.S_ISREG(os.fstat(fd).st_mode):
                return Notice(display, "not a regular file")
            data = _read_all(fd, st.st_size, max_bytes)
        finally:
            os.close(fd)
    except OSError as exc:
        return Notice(display, f"unreadable: {exc.strerror or exc}")
    if max_bytes and len(data) > max_bytes:
        return _too_large(display, max_bytes)
    return data, st


_READ_MORE = 1 << 20


def _read_all(fd: int, size: int, max_bytes: int) -> bytes:
    """Everything in ``fd`` up to ``max_bytes + 1`` bytes (0: no limit): one read of the size the file had
    when it was stat'ed, and one that finds its end (or what it gained since, still within the limit)."""
    limit = max_bytes + 1 if max_bytes else sys.maxsize
    parts: list[bytes] = []
    total = 0
    wanted = min(size + 1, limit)
    while total < limit:
        part = os.read(fd, min(wanted, limit - total))
        if not part:
            break
        parts.append(part)
        total += len(part)
        wanted = _READ_MORE
    return parts[0] if len(parts) == 1 else b"".join(parts)


def decode_text(data: bytes, display: str) -> LoadedText | Notice:
    """UTF-8 text without its BOM, or why the bytes are not text."""
    if b"\x00" in data[:_BINARY_SNIFF_BYTES]:
        return Notice(display, "binary file")
    has_bom = data.startswith(codecs.BOM_UTF8)
    skip = len(codecs.BOM_UTF8) if has_bom else 0
    body = memoryview(data)[skip:]  # no copy of a large file just to drop its BOM
    try:
        text = str(body, "utf-8")
    except UnicodeDecodeError as exc:
        return Notice(display, f"not UTF-8 text (byte 0x{body[exc.start]:02X} at offset {exc.start + skip})")
    end = text.find("\n")
    newline = "\r\n" if end > 0 and text[end - 1] == "\r" else "\n"
    return LoadedText(text=text, has_bom=has_bom, newline=newline)


__all__ = [
    "DEFAULT_MAX_BYTES",
    "LoadedText",
    "decode_text",
    "format_size",
    "load_text",
    "read_bytes",
    "read_with_stat",
]
