"""Machine-readable report: ``{"findings": [...], "summary": {...}}`` as indented JSON.

The shape is a public contract: each finding object has exactly the keys in
:data:`FINDING_KEYS` and the summary exactly those in :data:`SUMMARY_KEYS`; after ``fix`` a
``"fixes"`` list follows, one object per fixable finding with the keys in :data:`FIX_KEYS`, and a
``"fix_errors"`` list: each file fix could not finish, and why (``path``, ``message``).  Output is pure
ASCII (non-ASCII is ``\\u`` escaped) and never coloured.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence

from keyshift.core.model import Finding, RunSummary, Scalar
from keyshift.report import Reporter
from keyshift.report.model import FixSummary, Report

FINDING_KEYS = (
    "path",
    "line",
    "column",
    "end_line",
    "end_column",
    "code",
    "kind",
    "severity",
    "key",
    "found",
    "replacement",
    "since",
    "product",
    "message",
    "suggestion",
    "confidence",
    "reason",
    "url",
    "rule_source",
)
FIX_KEYS = ("path", "line", "column", "code", "key", "found", "applied", "description", "reason")
SUMMARY_KEYS = (
    "files_scanned",
    "files_parsed",
    "files_skipped",
    "errors",
    "warnings",
    "infos",
    "targets",
)

JsonValue = str | int | float | bool | None | list["JsonValue"] | dict[str, "JsonValue"]


def _json_scalar(value: Scalar) -> Scalar:
    # JSON has no NaN or Infinity (a TOML rule file may hold them); spell them as strings
    # rather than emit invalid JSON.
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    return value


def finding_to_json(finding: Finding) -> dict[str, JsonValue]:
    return {
        "path": finding.path,
        "line": finding.line,
        "column": finding.column,
        "end_line": finding.end_line,
        "end_column": finding.end_column,
        "code": finding.code,
        "kind": finding.kind,
        "severity": finding.severity,
        "key": finding.key,
        "found": finding.found,
        "replacement": _json_scalar(finding.replacement),
        "since": finding.since,
        "product": finding.product,
        "message": finding.message,
        "suggestion": finding.suggestion,
        "confidence": finding.confidence,
        "reason": finding.reason,
        "url": finding.url,
        "rule_source": finding.rule_source,
    }


def summary_to_json(findings: Sequence[Finding], summary: RunSummary) -> dict[str, JsonValue]:
    counts = RunSummary.count(list(findings))
    targets: list[JsonValue] = [
        {"product": t.product, "from": t.from_version, "to": t.to_version} for t in summary.targets
    ]
    return {
        "files_scanned": summary.files_scanned,
        "files_parsed": summary.files_parsed,
        "files_skipped": summary.files_skipped,
        "errors": counts["error"],
        "warnings": counts["warning"],
        "infos": counts["info"],
        "targets": targets,
    }


def fixes_to_json(fixes: FixSummary) -> list[JsonValue]:
    return [
        {
            "path": outcome.finding.path,
            "line": outcome.finding.line,
            "column": outcome.finding.column,
            "code": outcome.finding.code,
            "key": outcome.finding.key,
            "found": outcome.finding.found,
            "applied": outcome.applied,
            "description": outcome.description or None,
            "reason": outcome.reason,
        }
        for outcome in fixes.outcomes
    ]


class JsonReporter:
    def render(self, report: Report, *, color: bool) -> str:
        document: dict[str, JsonValue] = {
            "findings": [finding_to_json(finding) for finding in report.findings],
            "summary": summary_to_json(report.findings, report.summary),
        }
        if report.fixes is not None:
            document["fixes"] = fixes_to_json(report.fixes)
            document["fix_errors"] = [{"path": e.path, "message": e.message} for e in report.fixes.errors]
        return json.dumps(document, indent=2, ensure_ascii=True, allow_nan=False) + "\n"


REPORTER: Reporter = JsonReporter()
