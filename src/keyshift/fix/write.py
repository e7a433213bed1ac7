"""Writing a fixed file: atomically (a temporary file moved over it), keeping its mode and BOM, and
never over a file that changed on disk since keyshift read it."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


class WriteError(Exception):
    """The fixed text could not be written; the message says why."""


def write_atomic(path: Path, original: str, text: str, has_bom: bool) -> None:
    """Replace the file's content atomically, keeping its mode; refuse if it changed since it was read."""
    target = path.resolve()
    data = (("\ufeff" if has_bom else "") + text).encode("utf-8")
    expected = (("\ufeff" if has_bom else "") + original).encode("utf-8")
    try:
        if target.read_bytes() != expected:
            raise WriteError("the file changed on disk while keyshift was fixing it")
        mode = stat.S_IMODE(target.stat().st_mode)
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".keyshift")
    except OSError as exc:
        raise WriteError(f"cannot write: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, target)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise WriteError(f"cannot write: {exc.strerror}") from None
