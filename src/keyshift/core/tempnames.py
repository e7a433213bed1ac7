"""How ``keyshift fix`` names the temporary file it writes a fixed file to before moving it into place.

``.NAME.XXXXXXXX.keyshift`` beside ``NAME``: discovery never scans such a file, and a later ``fix``
removes one that a killed run left behind.
"""

from __future__ import annotations

import re

TEMP_SUFFIX = ".keyshift"
_TEMP_NAME = re.compile(r"\.(?P<target>.+)\.[a-z0-9_]{8}" + re.escape(TEMP_SUFFIX), re.DOTALL)
TEMP_NOTICE = "a temporary file of keyshift fix (the next fix removes it once it is a minute old)"
"""Why discovery skips one."""


def temp_name(target: str, tag: str) -> str:
    """The temporary name for writing ``target``; ``tag`` is 8 characters of ``[a-z0-9_]``."""
    return f".{target}.{tag}{TEMP_SUFFIX}"


def temp_target(name: str) -> str | None:
    """The file name a keyshift temporary file was written for, or None when ``name`` is not one."""
    if not name.endswith(TEMP_SUFFIX):  # every name a walk meets comes here: the cheap test first
        return None
    found = _TEMP_NAME.fullmatch(name)
    return found["target"] if found else None
