"""Stable, line-independent ids of findings for the reports CI systems track across runs.

SARIF's ``partialFingerprints`` and GitLab Code Quality's ``fingerprint`` say which finding of one run
is which finding of the next.  The id is a digest of the path and the finding's fingerprint
(:func:`keyshift.core.identity.fingerprint`: code, key, product and the key as written, so lines
inserted above a finding do not change it), then ``:N``, its order among the report's findings with
the same digest (two uses of one removed key in one file are ``:1`` and ``:2``).  The digest is
SHA-256, never Python's ``hash()``, so it is the same in every process.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

from keyshift.core.identity import fingerprint
from keyshift.core.model import Finding

DIGEST_CHARS = 16


def finding_digest(finding: Finding) -> str:
    """The hex digest of the finding's path and unlocated fingerprint (16 characters)."""
    # each part with its type, so that None, 0 and "0" differ; a path may hold lone surrogates
    about = "\x1f".join(f"{type(part).__name__}:{part}" for part in (finding.path, *fingerprint(finding)))
    return hashlib.sha256(about.encode("utf-8", "surrogatepass")).hexdigest()[:DIGEST_CHARS]


def stable_ids(findings: Sequence[Finding]) -> list[str]:
    """``DIGEST:N`` for each finding, in order: unique within the report, stable across line moves."""
    seen: dict[str, int] = {}
    ids = []
    for finding in findings:
        digest = finding_digest(finding)
        seen[digest] = seen.get(digest, 0) + 1
        ids.append(f"{digest}:{seen[digest]}")
    return ids
