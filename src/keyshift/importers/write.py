"""A draft becomes a matrix file: rendered, validated as any matrix is, then written atomically.

A generated matrix that does not validate is an error (:class:`ImportFailure`) and nothing is written.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from keyshift.importers.draft import ImportFailure, MatrixDraft
from keyshift.importers.render import render
from keyshift.matrix import MatrixError, parse_matrix


def matrix_text(draft: MatrixDraft, header: Sequence[str], name: str) -> str:
    """The matrix text of a draft, checked by loading it; ``name`` is how errors name it."""
    text = render(draft, header)
    try:
        parse_matrix(text, name)
    except MatrixError as exc:
        raise ImportFailure(f"the generated matrix does not validate: {exc}") from None
    return text


def write_matrix(path: Path, text: str) -> None:
    """Write the text to ``path`` through a temporary file in the same directory (so a reader never sees
    half a matrix), keeping the mode of a file it replaces."""
    directory = path.parent if str(path.parent) else Path(".")
    if not directory.is_dir():
        raise ImportFailure(f"cannot write {path}: directory {directory} does not exist")
    try:
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        handle, temporary = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise ImportFailure(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise ImportFailure(f"cannot write {path}: {exc.strerror or exc}") from None
