"""Findings and reports built by hand, for the reporter tests."""

from __future__ import annotations

from typing import Any

from keyshift.core.model import Finding, FixOutcome, ProductTarget, RunSummary
from keyshift.report.model import FixSummary, Report

DTEN = (ProductTarget("dten", "2.4", "3.0"),)
SUMMARY = RunSummary(files_scanned=12, files_parsed=12, files_skipped=0, targets=DTEN)


def make(
    path: str = "a.yaml",
    line: int = 1,
    column: int = 1,
    end_line: int | None = None,
    end_column: int | None = None,
    **fields: Any,
) -> Finding:
    """A finding at ``path:line:column`` (one character long unless told), code KS100, removed, error."""
    values: dict[str, Any] = {"code": "KS100", "kind": "removed", "severity": "error", "message": "m"}
    values.update(fields)
    return Finding(
        path=path,
        line=line,
        column=column,
        end_line=line if end_line is None else end_line,
        end_column=column + 1 if end_column is None else end_column,
        **values,
    )


RENAMED = make(
    "examples/dten.yaml",
    3,
    5,
    3,
    16,
    code="KS102",
    kind="renamed",
    severity="error",
    key="dten.hybrid.legacy_mode",
    found="hybrid.legacy_mode",
    replacement=True,
    since="3.0",
    product="dten",
    message="dten.hybrid.legacy_mode was removed in 3.0; use dten.hybrid.enable",
    suggestion="rename to dten.hybrid.enable",
    source_line="    legacy_mode: true",
)

REFUSED = make("b.toml", 2, 1, code="KS101", key="x.y", found="y")


def fix_report(remaining: tuple[Finding, ...]) -> Report:
    """A fix report: RENAMED fixed, REFUSED not fixed ("no value to add"), ``remaining`` left."""
    applied = FixOutcome(RENAMED, "hybrid.legacy_mode -> dten.hybrid.enable", applied=True)
    refused = FixOutcome(REFUSED, "", applied=False, reason="no value to add")
    return Report(remaining, SUMMARY, fixes=FixSummary((applied, refused), files_changed=1, applied=1))
