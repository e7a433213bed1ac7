"""Baselines: ``--write-baseline FILE`` records a run's findings, ``--baseline FILE`` reports only new ones.

A finding is matched by a fingerprint that does not depend on its line number: its path, code, product and
key, the text of its line (stripped), and its order among findings equal in all of those.  Inserting lines
above an old finding, or editing other lines, keeps it baselined; changing its own line makes it new.
Entries that match nothing any more are counted, so the user can shrink the baseline.

The file is JSON, written whole under a temporary name and renamed, sorted so that it diffs well in review.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from keyshift.check.scan import ScanResult
from keyshift.core.model import Finding

FORMAT = 1
Fingerprint = tuple[str, str, str, str, str, int]
"""(path, code, product, key, line text, order among equal ones)."""


class BaselineError(ValueError):
    """A baseline file that cannot be read or written; the message names it."""


@dataclass(frozen=True, slots=True)
class Baselined:
    """What a baseline left of a result, and how many of its entries no finding matched."""

    result: ScanResult
    stale: int


def fingerprints(findings: Sequence[Finding]) -> list[Fingerprint]:
    """Each finding's fingerprint, in the order given (the report's order)."""
    seen: Counter[tuple[str, str, str, str, str]] = Counter()
    prints: list[Fingerprint] = []
    for finding in findings:
        about = (finding.path, finding.code, finding.product or "", finding.key or "", _line(finding))
        prints.append((*about, seen[about]))
        seen[about] += 1
    return prints


def _line(finding: Finding) -> str:
    return (finding.source_line or "").strip()


def write_baseline(path: Path, findings: Sequence[Finding]) -> int:
    """Record ``findings``; returns how many.  Raises :class:`BaselineError`."""
    entries = sorted(fingerprints(findings))
    fields = ("path", "code", "product", "key", "line", "index")
    data = {"keyshift-baseline": FORMAT, "entries": [dict(zip(fields, entry, strict=True)) for entry in entries]}
    text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    directory = path.parent if str(path.parent) else Path(".")
    try:
        fd, temp = tempfile.mkstemp(dir=directory, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
        os.replace(temp, path)
    except OSError as exc:
        raise BaselineError(f"{path}: cannot write the baseline: {exc.strerror or exc}") from None
    return len(entries)


def read_baseline(path: Path) -> Counter[Fingerprint]:
    """The fingerprints a baseline file holds.  Raises :class:`BaselineError` naming the file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BaselineError(f"{path}: baseline not found (write one with --write-baseline {path})") from None
    except OSError as exc:
        raise BaselineError(f"{path}: cannot read the baseline: {exc.strerror or exc}") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise BaselineError(f"{path}: not a keyshift baseline (invalid JSON: {exc})") from None
    if (
        not isinstance(data, dict)
        or data.get("keyshift-baseline") != FORMAT
        or not isinstance(data.get("entries"), list)
    ):
        raise BaselineError(f"{path}: not a keyshift baseline (write one with --write-baseline)")
    found: Counter[Fingerprint] = Counter()
    for number, entry in enumerate(data["entries"], 1):
        found[_entry(path, number, entry)] += 1
    return found


def _entry(path: Path, number: int, entry: object) -> Fingerprint:
    text_fields = ("path", "code", "product", "key", "line")
    if (
        not isinstance(entry, dict)
        or not all(isinstance(entry.get(name), str) for name in text_fields)
        or type(entry.get("index")) is not int
    ):
        raise BaselineError(f"{path}: entry {number} is not a baseline entry ({', '.join(text_fields)}, index)")
    path_text, code, product, key, line = (str(entry[name]) for name in text_fields)
    return (path_text, code, product, key, line, int(entry["index"]))


def apply_baseline(result: ScanResult, baseline: Counter[Fingerprint]) -> Baselined:
    """``result`` without the findings the baseline records (and without their matches, so ``fix`` leaves
    them alone too).  A scan's files hold the same finding objects as its findings."""
    left = Counter(baseline)
    dropped: set[int] = set()
    for finding, fingerprint in zip(result.findings, fingerprints(result.findings), strict=True):
        if left[fingerprint] > 0:
            left[fingerprint] -= 1
            dropped.add(id(finding))
    files = []
    for file in result.files:
        check = file.check
        findings = tuple(f for f in check.findings if id(f) not in dropped)
        matches = tuple((fmt, m) for fmt, m in check.matches if id(m.finding) not in dropped)
        if findings:
            files.append(replace(file, check=replace(check, findings=findings, matches=matches)))
    kept = tuple(f for f in result.findings if id(f) not in dropped)
    return Baselined(replace(result, findings=kept, files=tuple(files)), sum(left.values()))


__all__ = ["BaselineError", "Baselined", "apply_baseline", "fingerprints", "read_baseline", "write_baseline"]
