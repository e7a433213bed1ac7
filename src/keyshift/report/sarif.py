"""SARIF 2.1.0 for GitHub code scanning and other SARIF viewers: one run, one rule per finding code.

- Rules: every code of :data:`keyshift.core.codes.CODES` (the same text ``keyshift explain`` prints, as
  ``help.text`` and ``help.markdown``), with ``defaultConfiguration.level`` from the code's severity
  (error -> ``error``, warning -> ``warning``, info -> ``note``) and a ``helpUri`` into the README's codes
  section when the installed package names its repository (``Project-URL``; none today).
- Results: ``level`` from the finding's severity, one location whose ``artifactLocation.uri`` is the
  reported path as a relative URI reference under ``%SRCROOT%`` (the directory keyshift ran in), never
  an absolute path, and ``partialFingerprints.primaryLocationLineHash`` from
  :mod:`keyshift.report.fingerprints` (line-independent).
- Columns are UTF-16 code units (``columnKind`` says so): GitHub does not read ``columnKind`` and takes
  columns as UTF-16, the SARIF default.  keyshift counts characters, so each column is converted with
  the finding's source line: one more for each character outside the BMP before it.  Only that line
  is in the report, so the end column of a region that ends on a later line, and the columns of a
  finding without its source line (rebuilt from a JSON report), are kept as they are: right unless
  such a character comes before them on their line.
- No ``fixes``: the report holds what a fix did (``FixOutcome``: a description, applied or why not),
  not the text edit, so no exact ``replacements`` can be written.  After ``fix`` the outcomes are
  ``toolExecutionNotifications`` (``fixed``, ``not-fixed``) beside the skipped files (``skipped``); the
  results are the findings that remain.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from urllib.parse import quote

from keyshift import __version__
from keyshift.core.codes import CODES, CodeInfo, describe
from keyshift.core.model import Finding
from keyshift.report import Reporter
from keyshift.report.fingerprints import stable_ids
from keyshift.report.fixes import counted, describe_outcome
from keyshift.report.json import JsonValue, finding_to_json, summary_to_json
from keyshift.report.model import Report

SCHEMA_URI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
SRCROOT = "%SRCROOT%"
FILESYSTEM_ROOT = "FILESYSTEM_ROOT"
AUTOMATION_ID = "keyshift/"
README_CODES_ANCHOR = "finding-kinds-and-codes"
LEVELS = {"error": "error", "warning": "warning", "info": "note"}
PROBLEM_SEVERITY = {"error": "error", "warning": "warning", "info": "recommendation"}
RESULT_PROPERTIES = (
    "kind",
    "key",
    "found",
    "replacement",
    "since",
    "product",
    "suggestion",
    "confidence",
    "reason",
    "url",
    "rule_source",
)
NOTIFICATIONS = (
    ("skipped", "A file or directory was skipped."),
    ("fixed", "keyshift fix applied a fix."),
    ("not-fixed", "keyshift fix could not fix a finding."),
    ("fix-summary", "What keyshift fix changed."),
)
_NOTIFICATION_INDEX = {name: index for index, (name, _) in enumerate(NOTIFICATIONS)}
_PROJECT_URL_LABELS = ("repository", "source", "source code", "homepage")

Json = dict[str, JsonValue]


@cache
def project_url() -> str | None:
    """The repository URL the installed package declares (``Project-URL``, else ``Home-page``), or None."""
    from importlib.metadata import PackageNotFoundError, metadata

    try:
        meta = metadata("keyshift")
    except PackageNotFoundError:
        return None
    urls: dict[str, str] = {}
    for entry in meta.get_all("Project-URL") or []:
        label, _, url = str(entry).partition(",")
        urls.setdefault(label.strip().lower(), url.strip())
    for home in meta.get_all("Home-page") or []:
        urls.setdefault("home-page", str(home).strip())
    return next((urls[label] for label in (*_PROJECT_URL_LABELS, "home-page") if urls.get(label)), None)


def help_uri(url: str | None) -> str | None:
    """The README's codes section on the project's page: ``URL#finding-kinds-and-codes``."""
    return f"{url.rstrip('/')}#{README_CODES_ANCHOR}" if url else None


def help_markdown(info: CodeInfo) -> str:
    """``describe(code)`` as Markdown: the same sentences, the example as a code block."""
    return (
        f"**{info.code}** `{info.kind}` ({info.severity}): {info.title}\n\n"
        f"What it means: {info.meaning}\n\nExample:\n\n```text\n{info.example}\n```\n\nHow to fix: {info.fix}\n"
    )


def code_rule(info: CodeInfo, url: str | None) -> Json:
    rule: Json = {
        "id": info.code,
        "name": info.kind,
        "shortDescription": {"text": info.title},
        "fullDescription": {"text": info.meaning},
        "help": {"text": describe(info.code), "markdown": help_markdown(info)},
    }
    uri = help_uri(url)
    if uri is not None:
        rule["helpUri"] = uri
    rule["defaultConfiguration"] = {"level": LEVELS[info.severity]}
    rule["properties"] = {"tags": [info.kind], "problem.severity": PROBLEM_SEVERITY[info.severity]}
    return rule


def unknown_rule(finding: Finding) -> Json:
    """A rule for a code keyshift does not document (a report from another version): its name only."""
    text = f"{finding.code} {finding.kind}"
    return {
        "id": finding.code,
        "name": finding.kind,
        "shortDescription": {"text": text},
        "fullDescription": {"text": text},
        "help": {"text": text},
        "defaultConfiguration": {"level": LEVELS[finding.severity]},
    }


def rules_for(findings: Sequence[Finding], url: str | None) -> list[Json]:
    """Every documented code, then the codes of findings that are not documented, in order."""
    rules = [code_rule(info, url) for info in CODES.values()]
    known = set(CODES)
    for finding in findings:
        if finding.code not in known:
            known.add(finding.code)
            rules.append(unknown_rule(finding))
    return rules


def utf16_column(source: str | None, column: int) -> int:
    """A 1-based character column as a 1-based UTF-16 column of ``source`` (unchanged without it)."""
    if source is None or column <= 1:
        return column
    return column + sum(1 for ch in source[: column - 1] if ord(ch) > 0xFFFF)


def region(finding: Finding) -> Json:
    source = finding.source_line
    start = utf16_column(source, finding.column)
    out: Json = {"startLine": finding.line, "startColumn": start}
    if finding.end_line > finding.line:
        # the end line's text is not in the report: its column is taken as it is (GitHub requires one)
        out["endLine"] = finding.end_line
        out["endColumn"] = finding.end_column
    else:
        # a span that ends before it starts is reported as the empty span at its start
        end = finding.end_column if finding.end_line == finding.line else finding.column
        out["endLine"] = finding.line
        out["endColumn"] = max(start, utf16_column(source, end))
    return out


def _uri(path: str) -> str:
    try:
        return quote(path, safe="/", errors="surrogateescape")
    except UnicodeEncodeError:  # a lone surrogate that no file name decodes to
        return quote(path, safe="/", errors="replace")


def artifact(path: str) -> Json:
    """The path as a relative URI reference: under ``%SRCROOT%``, or the filesystem root when absolute."""
    if path.startswith("/"):
        return {"uri": _uri(path.lstrip("/")), "uriBaseId": FILESYSTEM_ROOT}
    return {"uri": _uri(path), "uriBaseId": SRCROOT}


def location(finding: Finding) -> Json:
    return {"physicalLocation": {"artifactLocation": artifact(finding.path), "region": region(finding)}}


def result(finding: Finding, rule_index: int, stable_id: str) -> Json:
    fields = finding_to_json(finding)
    return {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": LEVELS[finding.severity],
        "message": {"text": finding.message},
        "locations": [location(finding)],
        "partialFingerprints": {"primaryLocationLineHash": stable_id},
        "properties": {name: fields[name] for name in RESULT_PROPERTIES if fields[name] is not None},
    }


def notification(kind: str, text: str, level: str, finding: Finding | None = None, index: int = 0) -> Json:
    out: Json = {
        "descriptor": {"id": kind, "index": _NOTIFICATION_INDEX[kind]},
        "level": level,
        "message": {"text": text},
    }
    if finding is not None:
        out["locations"] = [location(finding)]
        out["associatedRule"] = {"id": finding.code, "index": index}
    return out


def notifications(report: Report, rule_index: dict[str, int]) -> list[JsonValue]:
    """Skipped files, then (after ``fix``) one per fix outcome and the count of what was fixed."""
    out: list[JsonValue] = []
    for notice in report.notices:
        note = notification("skipped", f"{notice.display}: {notice.reason}", "warning")
        note["locations"] = [{"physicalLocation": {"artifactLocation": artifact(notice.display)}}]
        out.append(note)
    fixes = report.fixes
    if fixes is None:
        return out
    for outcome in fixes.outcomes:
        kind, level = ("fixed", "note") if outcome.applied else ("not-fixed", "warning")
        finding = outcome.finding
        out.append(notification(kind, describe_outcome(outcome), level, finding, rule_index[finding.code]))
    fixed, files = counted(fixes.applied, "finding"), counted(fixes.files_changed, "file")
    out.append(notification("fix-summary", f"Fixed {fixed} in {files}; {len(report.findings)} remaining.", "note"))
    return out


def driver(rules: list[Json], url: str | None) -> Json:
    out: Json = {"name": "keyshift", "version": __version__}
    if url:
        out["informationUri"] = url
    out["notifications"] = [{"id": name, "shortDescription": {"text": text}} for name, text in NOTIFICATIONS]
    out["rules"] = list(rules)
    return out


def base_ids(findings: Sequence[Finding], report: Report) -> Json:
    text = "The directory keyshift ran in; reported paths are relative to it."
    bases: Json = {SRCROOT: {"description": {"text": text}}}
    paths = [f.path for f in findings] + [n.display for n in report.notices]
    paths += [o.finding.path for o in report.fixes.outcomes] if report.fixes is not None else []
    if any(path.startswith("/") for path in paths):
        bases[FILESYSTEM_ROOT] = {"uri": "file:///"}
    return bases


def sarif_log(report: Report, url: str | None) -> Json:
    """The whole SARIF log of a report as JSON values."""
    outcomes = [o.finding for o in report.fixes.outcomes] if report.fixes is not None else []
    rules = rules_for([*report.findings, *outcomes], url)
    rule_index = {str(rule["id"]): index for index, rule in enumerate(rules)}
    ids = stable_ids(report.findings)
    invocation: Json = {"executionSuccessful": True}
    notes = notifications(report, rule_index)
    if notes:
        invocation["toolExecutionNotifications"] = notes
    run: Json = {
        "tool": {"driver": driver(rules, url)},
        "automationDetails": {"id": AUTOMATION_ID},
        "invocations": [invocation],
        "originalUriBaseIds": base_ids(report.findings, report),
        "columnKind": "utf16CodeUnits",
        "results": [result(f, rule_index[f.code], i) for f, i in zip(report.findings, ids, strict=True)],
        "properties": {"summary": summary_to_json(report.findings, report.summary)},
    }
    return {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}


class SarifReporter:
    def render(self, report: Report, *, color: bool) -> str:
        document = sarif_log(report, project_url())
        return json.dumps(document, ensure_ascii=True, allow_nan=False, separators=(",", ":")) + "\n"


REPORTER: Reporter = SarifReporter()
