"""Every property of one input, in the order a user meets them: check (three reports), fix --diff, fix,
the diff against what fix wrote, what the fix kept, and a second fix.

Each property has a name (:data:`PROPERTIES`).  In the tests a broken property raises; in a survey
(``python -m fuzz.survey``) it is counted, and the input goes on to the properties that do not need
what failed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from fuzz import defects
from fuzz.fixprops import assert_layout_kept, assert_other_keys_kept, assert_reparses, removed_parents
from fuzz.harness import BOM, PATCH, Case, Run, Workspace, workspace
from fuzz.keys import Rules
from fuzz.positions import assert_fix_positions, assert_positions
from fuzz.trees import has_rare_break

T = TypeVar("T")
PROPERTIES = {
    "no-exception": "check and fix end with the README's exit codes: no traceback, no internal error",
    "reports-agree": "text, concise and JSON reports give the same exit code",
    "json-parses": "the JSON report of check and of fix parses",
    "positions": "every finding and fix outcome is inside the file, on its key's (or value's) text",
    "diff-is-fix": "patch -p1 < (fix --diff) gives exactly the bytes fix writes; no change, no diff",
    "reparses": "the fixed file parses in its format if the file did",
    "other-keys-kept": "every key no rule names keeps its value",
    "layout-kept": "comments, CRLF or LF endings, the BOM and a missing final newline are kept",
    "idempotent": "a second fix changes nothing and fixes nothing",
}


class Checker:
    """Runs the checks of one input; ``failures`` (a survey) collects ``(property, message)`` instead of raising."""

    def __init__(self, failures: list[tuple[str, str]] | None = None) -> None:
        self.failures = failures

    def value(self, name: str, function: Callable[..., T], *args: Any) -> T | None:
        try:
            return function(*args)
        except Exception as exc:
            if self.failures is None:
                raise
            kind = name if isinstance(exc, AssertionError) else "no-exception"
            self.failures.append((kind, f"{type(exc).__name__}: {exc}"))
            return None

    def ok(self, name: str, function: Callable[..., object], *args: Any) -> bool:
        before = len(self.failures or ())
        self.value(name, function, *args)
        return len(self.failures or ()) == before

    def run(self, ws: Workspace, command: str, codes: tuple[int, ...] = (0, 1), **options: Any) -> Run | None:
        """A command, and the no-exception property of it."""
        done = self.value("no-exception", lambda: ws.run(command, **options))
        if done is None or not self.ok("no-exception", lambda: done.assert_clean(codes=codes)):
            return None
        return done


def exercise(case: Case, failures: list[tuple[str, str]] | None = None) -> None:
    with workspace(case) as ws:
        checker = Checker(failures)
        findings = _check(ws, checker)
        if findings is not None:
            _fix(ws, checker, findings)


def _check(ws: Workspace, c: Checker) -> list[dict[str, Any]] | None:
    report = c.run(ws, "check", output_format="json")
    for output_format in ("text", "concise"):
        other = c.run(ws, "check", output_format=output_format)
        if report and other:
            c.ok("reports-agree", _same_code, report, other)
    data = c.value("json-parses", report.json) if report else None
    if data is None:
        return None
    findings: list[dict[str, Any]] = data["findings"]
    c.ok("positions", assert_positions, ws.case.text, findings)
    return findings


def _same_code(one: Run, other: Run) -> None:
    assert one.code == other.code, f"check exits {one.code} with one report format, {other.code} with another"


def _fix(ws: Workspace, c: Checker, findings: list[dict[str, Any]]) -> None:
    case = ws.case
    options: dict[str, Any] = {"fix": True, "unsafe": case.unsafe}
    diff = c.run(ws, "fix", diff=True, **options)
    fixed = c.run(ws, "fix", output_format="json", **options)
    report = c.value("json-parses", fixed.json) if fixed else None
    if diff is None or report is None:
        return
    after = ws.read()
    c.ok("positions", _outcome_positions, case, findings, after, report)
    c.ok("diff-is-fix", _diff_is_fix, ws, diff, after)
    if after != case.data:
        rules = Rules.of(case.matrix)
        deleted = [*_deleted_lines(findings, report), *removed_parents(case.name, case.text, _text(after), rules)]
        c.ok("layout-kept", assert_layout_kept, case.data, after, deleted)
        c.ok("reparses", assert_reparses, case.name, case.text, _text(after))
        c.ok("other-keys-kept", assert_other_keys_kept, case.name, case.text, _text(after), rules)
    again = c.run(ws, "fix", output_format="json", **options)
    again_diff = c.run(ws, "fix", diff=True, codes=(0,), **options)
    if again and again_diff:
        c.ok("idempotent", _idempotent, ws, after, again, again_diff)


def _idempotent(ws: Workspace, after: bytes, again: Run, again_diff: Run) -> None:
    assert ws.read() == after, "a second fix changed the file again"
    assert not [f for f in again.json().get("fixes", []) if f["applied"]], "a second fix applied fixes"
    assert again_diff.stdout == "", f"fix --diff after fix still has a diff:\n{again_diff.stdout}"


def _deleted_lines(findings: list[dict[str, Any]], report: dict[str, Any]) -> list[int]:
    """The lines (in the file as it was) of the entries fix deleted."""
    deletes = [f for f in report.get("fixes", []) if f["applied"] and f["description"].startswith("delete ")]
    if defects.excluded("N2"):
        # defect N2: a deletion may be reported at another finding of its key: any of them may be the one
        keys = {(f["code"], f["key"]) for f in deletes}
        return [f["line"] for f in findings if (f["code"], f["key"]) in keys]
    return [f["line"] for f in deletes]


def _text(data: bytes) -> str:
    return (data[3:] if data.startswith(BOM) else data).decode("utf-8", "surrogatepass")


def _outcome_positions(case: Case, findings: list[dict[str, Any]], after: bytes, report: dict[str, Any]) -> None:
    """Fix outcomes are placed in the file as it was, what remains in the file as fix left it."""
    fixes = report.get("fixes", [])
    assert_positions(_text(after), report["findings"])
    if not defects.excluded(11):  # defect 11: an outcome of a later pass is placed in the text of that pass
        assert_fix_positions(case.text, fixes, findings)


def _diff_is_fix(ws: Workspace, diff: Run, after: bytes) -> None:
    """``fix --diff`` exits 1 and ``patch -p1`` of its output gives exactly the bytes ``fix`` wrote; or,
    when fix wrote nothing, it prints nothing and exits 0."""
    if after == ws.case.data:
        assert diff.stdout == "" and diff.code == 0, f"fix wrote nothing, but fix --diff says:\n{diff.stdout}"
        return
    assert diff.code == 1, "fix changed the file, fix --diff exits 0"
    if PATCH is None:
        return  # test_known_defects.py and docs/reliability.md: the patch property needs GNU patch
    if defects.excluded(13) and ws.case.data.startswith(BOM):
        return
    if defects.excluded(12) and (has_rare_break(ws.case.text) or has_rare_break(_text(after))):
        return
    assert ws.patch(diff.stdout) == after, f"patch -p1 < (fix --diff) differs from fix:\n{diff.stdout}"
