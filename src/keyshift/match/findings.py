"""Findings built from a code: their kind and severity come from :data:`keyshift.core.codes.CODES` only."""

from __future__ import annotations

from typing import Literal

from keyshift.core.codes import CODES
from keyshift.core.model import Finding, Kind, Occurrence, Scalar, Span
from keyshift.match.context import MatchContext
from keyshift.matrix import KeyRule


def kind_of(code: str) -> Kind:
    return CODES[code].kind


def finding(
    ctx: MatchContext,
    code: str,
    span: Span | None,
    message: str,
    *,
    rule: KeyRule | None,
    occurrence: Occurrence | None = None,
    found: str | None = None,
    confidence: Literal["high", "low"] = "high",
    replacement: Scalar = None,
    since: str | None = None,
    suggestion: str | None = None,
    reason: str | None = None,
    url: str | None = None,
) -> Finding:
    """A finding of ``code`` at ``span`` (the top of the file without one).

    ``found`` defaults to the occurrence's spelling; ``reason`` and ``url`` to the rule's.
    """
    info = CODES[code]
    start_line, start_col, end_line, end_col = (1, 1, 1, 1)
    if span is not None:
        start_line, start_col = span.start.line, span.start.column
        end_line, end_col = span.end.line, span.end.column
    if found is None and occurrence is not None:
        found = occurrence.found
    return Finding(
        path=ctx.display,
        line=start_line,
        column=start_col,
        end_line=end_line,
        end_column=end_col,
        code=info.code,
        kind=info.kind,
        severity=info.severity,
        message=message,
        key=rule.key if rule else None,
        found=found,
        replacement=replacement,
        since=since,
        product=ctx.product.name,
        confidence=confidence,
        reason=reason if reason is not None else (rule.reason if rule else None),
        url=url if url is not None else (rule.url if rule else None),
        suggestion=suggestion,
        rule_source=rule.source if rule is not None and rule.source else ctx.role.matrix.source,
    )
