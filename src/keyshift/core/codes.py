"""Stable finding codes: one per kind of problem, each with its documentation.

Codes never change meaning once released; ``keyshift explain CODE`` prints these texts and the
README's table is generated from the same data.
"""

from __future__ import annotations

from dataclasses import dataclass

from keyshift.core.model import Kind, Severity


@dataclass(frozen=True, slots=True)
class CodeInfo:
    code: str
    kind: Kind
    severity: Severity
    title: str
    meaning: str
    example: str
    fix: str


CODES: dict[str, CodeInfo] = {
    info.code: info
    for info in (
        CodeInfo(
            "KS001",
            "parse-error",
            "error",
            "File cannot be parsed",
            "The file could not be parsed as its format; nothing in it was checked.",
            "dten.yaml:4:3: KS001 [error] parse-error - cannot parse YAML: expected ',' or ']', but got ':'",
            "Fix the syntax at the reported line and column.",
        ),
        CodeInfo(
            "KS101",
            "removed",
            "error",
            "Key was removed",
            "The key was removed at or before the target version and has no replacement: the product "
            "ignores it or refuses to start.",
            "dten.yaml:7:3: KS101 [error] removed dten.cache.size dten.cache.size was removed in 3.0",
            "Delete the key (`keyshift fix --unsafe`), or comment it out (`keyshift fix`).",
        ),
        CodeInfo(
            "KS102",
            "renamed",
            "error",
            "Key was renamed",
            "The key was removed at or before the target version and another key replaces it "
            "(possibly under another parent, possibly with a value mapping).",
            "dten.yaml:3:5: KS102 [error] renamed dten.hybrid.legacy_mode dten.hybrid.legacy_mode was removed "
            "in 3.0; use dten.hybrid.enable",
            "Rename the key to the replacement, mapping the value if the matrix says how (`keyshift fix`).",
        ),
        CodeInfo(
            "KS103",
            "deprecated",
            "warning",
            "Key is deprecated",
            "The key is deprecated at the target version but still works; it will be removed later.",
            "dten.toml:5:1: KS103 [warning] deprecated dten.metrics.port dten.metrics.port is deprecated since 2.5",
            "Move to the replacement the message names before the removal version.",
        ),
        CodeInfo(
            "KS104",
            "too-new",
            "warning",
            "Key or value is not available yet",
            "The key (or value) is only added in a version newer than the target: the target version does not know it.",
            "dten.json:6:5: KS104 [warning] too-new dten.telemetry.otlp dten.telemetry.otlp is only available from 3.1",
            "Remove it, or raise --to if you are really upgrading to that version.",
        ),
        CodeInfo(
            "KS201",
            "missing",
            "error",
            "Required key is missing",
            "The key is required from a version at or before the target, and a product file lacks it.",
            "dten.yaml:1:1: KS201 [error] missing dten.hybrid.enable dten.hybrid.enable is required from 3.0",
            "Add the key with the expected value (`keyshift fix` when the matrix gives `expect`).",
        ),
        CodeInfo(
            "KS202",
            "mismatch",
            "error",
            "Required key has the wrong value",
            "The key is required to hold a given value (`expect`) and holds another one.",
            "dten.yaml:4:13: KS202 [error] mismatch dten.hybrid.enable dten.hybrid.enable must be true from 3.0; "
            "found false",
            "Set the value the message names (`keyshift fix`).",
        ),
        CodeInfo(
            "KS301",
            "bad-value",
            "error",
            "Value was removed",
            "The key is valid but this value of it was removed at or before the target version.",
            "dten.yaml:9:14: KS301 [error] bad-value dten.sync.backoff value linear of dten.sync.backoff was "
            "removed in 3.0; use exponential",
            "Use the replacement value the message names (`keyshift fix` when the matrix gives one).",
        ),
        CodeInfo(
            "KS302",
            "bad-value",
            "warning",
            "Value is deprecated",
            "The key is valid but this value of it is deprecated at the target version.",
            "dten.toml:8:11: KS302 [warning] bad-value dten.log.format value plain of dten.log.format is "
            "deprecated since 2.5; use text",
            "Use the replacement value before it is removed.",
        ),
    )
}


def describe(code: str) -> str:
    """The documentation of one code, as ``keyshift explain`` prints it."""
    info = CODES[code]
    return (
        f"{info.code} {info.kind} ({info.severity}): {info.title}\n\n"
        f"What it means: {info.meaning}\n\nExample:\n    {info.example}\n\nHow to fix: {info.fix}\n"
    )
