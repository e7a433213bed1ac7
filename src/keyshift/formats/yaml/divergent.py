"""Text that libyaml (YAML 1.1, in C) and ruamel.yaml (YAML 1.2) are known to read differently.

The check path leaves such text to the round-trip parser, so that both paths give the same documents or
the same error.  Each rule errs on the safe side: it may send text both parsers read alike to the slower
parser, never the other way.  The test that runs both parsers over the corpus and over generated and
mutated documents is what found these rules; a new difference gets a rule here and a case in that test.
"""

from __future__ import annotations

import re

_CHARACTERS = ("\t", "\ufeff", "\x85", "\u2028", "\u2029")
"""ruamel refuses a tab in many places libyaml takes one (inside plain scalars, after ``key:``); offsets are
counted from before a byte order mark libyaml skips; YAML 1.1 breaks lines at NEL, LS and PS, 1.2 does not."""

_DOCUMENT_END_TWICE = re.compile(
    r"(?:^|(?<=[\r\n]))\.\.\.[^\r\n]*(?:\r\n?|\n)(?:[ ]*(?:#[^\r\n]*)?(?:\r\n?|\n))*\.\.\."
)
"""ruamel refuses a ``...`` that follows another one with only blank and comment lines between."""

# Every pattern starts with one literal character, which the regular expression engine scans for quickly.

_ANCHOR_NAME_GOES_ON = tuple(re.compile(indicator + r"[0-9A-Za-z_-]+[?:%@`]") for indicator in ("&", r"\*"))
"""libyaml ends an anchor or alias name at the first character other than ``[0-9A-Za-z_-]``; ruamel reads
on (``&a:`` is the anchor ``a:`` there)."""

_ODD_BLOCK_SCALAR = tuple(
    re.compile(indicator + r"[-+0-9]*(?:#|[ ]*(?:#[^\r\n]*)?(?:\r\n?|\n) +(?:\r\n?|\n))") for indicator in (r"\|", ">")
)
"""ruamel refuses a block scalar whose first (blank) line holds spaces when a later line is indented more, and
a comment right after the header's indicators (``|+#``)."""

_TAG_START = re.compile(r"!")
_SAFE_TAG = re.compile(r"!(?:<[0-9A-Za-z\-;/?:@&=+$,_.~*'()\[\]]+>|!?[0-9A-Za-z\-;/?:@&=+$_.~*'()]*)(?=[ \r\n]|\Z)")
"""A tag both scanners read alike: ``!``, ``!name``, ``!!name`` or ``!<uri>`` ending at a space or line end.
They differ on ``,[]#`` in a tag's name (not in ``<uri>``), on ``%`` escapes, on a second ``!`` that does not
close a handle, and on a tag that runs into a flow indicator."""

_TOKEN_BOUNDARY = frozenset(" \r\n[]{},:")


def _odd_tag(text: str) -> bool:
    """Whether a ``!`` that can start a tag (at the start of a token) starts one outside :data:`_SAFE_TAG`."""
    for match in _TAG_START.finditer(text):
        at = match.start()
        if (at == 0 or text[at - 1] in _TOKEN_BOUNDARY) and not _SAFE_TAG.match(text, at):
            return True
    return False


def _found(patterns: tuple[re.Pattern[str], ...], text: str) -> bool:
    return any(pattern.search(text) is not None for pattern in patterns)


def divergent(text: str) -> bool:
    """Whether libyaml and ruamel may read ``text`` differently (or only one of them refuse it)."""
    return (
        any(char in text for char in _CHARACTERS)
        or ("..." in text and _DOCUMENT_END_TWICE.search(text) is not None)
        or _found(_ANCHOR_NAME_GOES_ON, text)
        or _found(_ODD_BLOCK_SCALAR, text)
        or ("!" in text and _odd_tag(text))
    )
