"""GitLab Code Quality JSON (``artifacts:reports:codequality``): a list with one issue per finding.

Each issue has ``description`` (``CODE kind: message``: the merge request widget shows nothing else),
``check_name`` (the code), ``fingerprint`` (the stable id of :mod:`keyshift.report.fingerprints`:
line-independent, unique within the report), ``severity`` in GitLab's words, ``location.path`` and
``location.lines`` (``begin``, ``end``), Code Climate's ``type`` and ``categories`` (``Compatibility``)
and, when the finding has them, its suggestion, reason and url in ``content.body``.

Severity: error -> ``major``, warning -> ``minor``, info -> ``info``.  keyshift never uses ``critical``
or ``blocker``: its errors are config keys that an upgrade breaks, which sit with other linters' errors
on GitLab's scale, below security holes.

The list holds findings only: skipped files and fix outcomes have no place in a Code Quality report
(after ``fix`` it lists the findings that remain).  Output is ASCII JSON, like the ``json`` format.
"""

from __future__ import annotations

import json

from keyshift.core.model import Finding
from keyshift.report import Reporter
from keyshift.report.fingerprints import stable_ids
from keyshift.report.json import JsonValue
from keyshift.report.model import Report

SEVERITIES = {"error": "major", "warning": "minor", "info": "info"}
CATEGORY = "Compatibility"


def content_body(finding: Finding) -> str:
    """The finding's notes as Markdown lines (empty when it has none)."""
    notes = [("help", finding.suggestion), ("reason", finding.reason), ("url", finding.url)]
    return "\n".join(f"{label}: {value}" for label, value in notes if value)


def location_of(finding: Finding) -> dict[str, JsonValue]:
    return {"path": finding.path, "lines": {"begin": finding.line, "end": max(finding.end_line, finding.line)}}


def issue(finding: Finding, fingerprint: str) -> dict[str, JsonValue]:
    out: dict[str, JsonValue] = {
        "type": "issue",
        "description": f"{finding.code} {finding.kind}: {finding.message}",
        "check_name": finding.code,
        "fingerprint": fingerprint,
        "severity": SEVERITIES[finding.severity],
        "categories": [CATEGORY],
        "location": location_of(finding),
    }
    body = content_body(finding)
    if body:
        out["content"] = {"body": body}
    return out


class GitlabReporter:
    def render(self, report: Report, *, color: bool) -> str:
        ids = stable_ids(report.findings)
        issues = [issue(finding, id_) for finding, id_ in zip(report.findings, ids, strict=True)]
        return json.dumps(issues, ensure_ascii=True, allow_nan=False, separators=(",", ":")) + "\n"


REPORTER: Reporter = GitlabReporter()
