"""Inline suppressions: ``keyshift: ignore`` comments in the scanned files.

``# keyshift: ignore`` on a finding's line drops every finding on that line;
``# keyshift: ignore[KS101,KS103]`` only those codes.  ``keyshift: ignore-file`` anywhere in the
first 10 lines drops every finding in the file (parse errors excepted: they are never suppressed).
The comment marker itself does not matter, so the same text works in YAML, TOML, INI and JSONC.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from keyshift.core.model import Finding
from keyshift.core.positions import LineIndex

_IGNORE = re.compile(r"keyshift:\s*ignore(?!-)(?:\[(?P<codes>[A-Za-z0-9_,\s]*)\])?")
_IGNORE_FILE = re.compile(r"keyshift:\s*ignore-file\b")


def suppress(findings: Iterable[Finding], lines: LineIndex) -> list[Finding]:
    kept: list[Finding] = []
    if "keyshift:" not in lines.text:
        return list(findings)
    head = "\n".join(lines.line_text(n) for n in range(1, min(lines.line_count, 10) + 1))
    whole_file = _IGNORE_FILE.search(head) is not None
    for finding in findings:
        if finding.kind == "parse-error":
            kept.append(finding)
            continue
        if whole_file:
            continue
        match = _IGNORE.search(lines.line_text(finding.line))
        if match is None:
            kept.append(finding)
            continue
        codes = match["codes"]
        if codes is not None and finding.code not in {c.strip().upper() for c in codes.split(",")}:
            kept.append(finding)
    return kept
