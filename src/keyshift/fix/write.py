"""Writing a fixed file: atomically (a temporary file moved over it), as the file it replaces.

The new file keeps the old one's mode, owner and group (when the process may set them: root may,
an owner may keep a group it belongs to) and its BOM.  A symlink is written through: its target is
replaced and the link stays.  A file with other hard links is not written (replacing it would split
them, the other names keeping the old text), and neither is a file that changed on disk since
keyshift read it.  A run killed between creating the temporary file and moving it into place
leaves it behind: discovery never scans it, and the next ``fix`` removes it (:func:`remove_leftovers`).
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from collections.abc import Iterable
from pathlib import Path

from keyshift.core.tempnames import temp_name, temp_target

STALE_AFTER = 60.0
"""Seconds before a run starts that a temporary file must be older than to be another run's leftover
(a run writing at the same time holds its temporary file for a moment only)."""


class WriteError(Exception):
    """The fixed text could not be written; the message says why."""


def write_atomic(path: Path, original: str, text: str, has_bom: bool) -> None:
    """Replace the file's content atomically, as the file it replaces; refuse if it changed since it was read."""
    bom = "\ufeff" if has_bom else ""
    try:
        target = path.resolve()  # a symlink is written through to its target
        status = target.stat()
        if target.read_bytes() != (bom + original).encode("utf-8"):
            raise WriteError("the file changed on disk while keyshift was fixing it")
    except (OSError, RuntimeError) as exc:  # RuntimeError: a symlink loop
        raise WriteError(f"cannot read it again before writing: {_why(exc)}") from None
    if status.st_nlink > 1:
        raise WriteError(
            f"it has {status.st_nlink} hard links, and replacing it would leave the other names with the old text;"
            " fix it by hand"
        )
    fd, temp = _create_temp(target)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write((bom + text).encode("utf-8"))
            handle.flush()
            _keep_owner(handle.fileno(), status)
            os.fchmod(handle.fileno(), stat.S_IMODE(status.st_mode))  # after chown, which may clear set-id bits
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise WriteError(f"cannot write: {_why(exc)}") from None


def _why(exc: BaseException) -> str:
    return exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)


def _create_temp(target: Path) -> tuple[int, Path]:
    """A new temporary file beside ``target``, open for writing, named as discovery recognises it."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOFOLLOW", 0)
    for _ in range(100):
        temp = target.with_name(temp_name(target.name, secrets.token_hex(4)))
        try:
            return os.open(temp, flags, 0o600), temp
        except FileExistsError:
            continue
        except OSError as exc:
            raise WriteError(f"cannot create a temporary file in {target.parent}: {_why(exc)}") from None
    raise WriteError(f"cannot create a temporary file in {target.parent}: every name tried exists")


def _keep_owner(fd: int, status: os.stat_result) -> None:
    """Give the new file the old one's owner and group, or at least its group, as far as allowed."""
    try:
        os.fchown(fd, status.st_uid, status.st_gid)
    except PermissionError:
        # not root: the file now belongs to whoever runs keyshift (as with any editor that saves by
        # renaming), in the old group if its owner belongs to it
        with contextlib.suppress(PermissionError):
            os.fchown(fd, -1, status.st_gid)


def remove_leftovers(paths: Iterable[Path], started: float) -> list[Path]:
    """Remove the keyshift temporary files among ``paths`` that are older than :data:`STALE_AFTER`
    seconds before ``started`` (a time.time()); the paths removed."""
    removed: list[Path] = []
    for path in paths:
        if temp_target(path.name) is None:
            continue
        try:
            status = os.lstat(path)
            if not stat.S_ISREG(status.st_mode) or status.st_mtime > started - STALE_AFTER:
                continue
            path.unlink()
        except OSError:
            continue  # gone already, or not ours to remove: it stays skipped
        removed.append(path)
    return removed
