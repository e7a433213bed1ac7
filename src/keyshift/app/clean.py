"""``keyshift clean``: remove the result cache of the project the working directory is in."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import TextIO

from keyshift.app.config import UsageError


def clean(cwd: Path | None = None, stdout: TextIO | None = None) -> int:
    """Remove ``.keyshift_cache/`` at the project root and say so; :class:`UsageError` if it cannot be removed."""
    from keyshift.check.cache import cache_dir
    from keyshift.check.cache import clean as remove

    stdout = stdout or sys.stdout
    here = Path(os.path.abspath(cwd if cwd is not None else Path.cwd()))
    directory = cache_dir(here)
    shown = os.path.relpath(directory, here)
    try:
        removed = remove(directory)
    except OSError as exc:
        raise UsageError(f"cannot remove {shown}: {exc.strerror or exc}") from None
    print(f"removed {shown}" if removed else f"no cache to remove ({shown} does not exist)", file=stdout)
    return 0
