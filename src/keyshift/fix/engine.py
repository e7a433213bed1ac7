"""The fix engine: from matches to verified, minimal text edits written atomically.

For each file with fixable findings it runs passes (ruff's model): plan one fix per finding through
the format's fixer, apply every non-conflicting fix of the pass together, re-parse and verify the
result, re-check the new text, and go again until nothing fixable is left.  A file whose result fails
verification is left untouched.  Nothing is written until every pass of a file has been verified.

The scan hands over plain values (no parser tree): the engine parses a file's text again in a format
the first time one of its fixes needs it, and each later pass works on the parses of its re-check.
Which fix a finding offers is :mod:`keyshift.fix.policy`; which fixes go together,
:mod:`keyshift.fix.select`; verification, :mod:`keyshift.fix.verify`; writing, :mod:`keyshift.fix.write`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from keyshift.check.discover import Candidate
from keyshift.check.scan import FileCheck, Product, ScannedFile, check_parsed
from keyshift.core.edits import CannotFix, apply_edits
from keyshift.core.identity import Fingerprint, fingerprint
from keyshift.core.model import ConfigSyntaxError, Finding, FixOutcome, ParsedFile
from keyshift.fix.diff import unified_diff
from keyshift.fix.policy import fix_option
from keyshift.fix.select import Proposal, select_fixes
from keyshift.fix.verify import verify_pass
from keyshift.fix.write import WriteError, write_atomic
from keyshift.formats import get_fixer, get_parser
from keyshift.match import Match

MAX_PASSES = 100


@dataclass(frozen=True, slots=True)
class FileFix:
    """What fixing one file did: its text before and after, the outcome of each finding, what remains."""

    candidate: Candidate
    original: str
    fixed: str
    has_bom: bool
    outcomes: tuple[FixOutcome, ...]
    final_check: FileCheck
    """The check of ``fixed``: the findings that remain in it, its parse count and notices (the scan's
    check when the file is left unchanged)."""
    error: str | None = None
    """Set when the file was left untouched because a result failed verification or could not be written."""

    @property
    def changed(self) -> bool:
        return self.error is None and self.fixed != self.original

    def diff(self) -> str:
        """The unified diff that ``patch -p1`` applies to the file on disk to give what ``fix`` writes."""
        return unified_diff(self.candidate.display, self.original, self.fixed, has_bom=self.has_bom)


def fix_file(
    scanned: ScannedFile,
    products: Sequence[Product],
    *,
    unsafe: bool,
    scan_text: bool = True,
    allows: Callable[[Finding], bool] | None = None,
) -> FileFix:
    """Plan, apply and verify every fix of one file, in passes; nothing is written here."""
    loaded = scanned.loaded
    text, check = loaded.text, scanned.check
    parsed: dict[str, ParsedFile[Any]] = {}
    applied: list[FixOutcome] = []
    not_fixed: dict[Fingerprint, FixOutcome] = {}
    # report every fix where its finding was in the file as the user has it, not in a later pass
    originals: dict[Fingerprint, list[Finding]] = {}
    for _, m in scanned.check.matches:
        originals.setdefault(fingerprint(m.finding), []).append(m.finding)
    for _ in range(MAX_PASSES):
        # what cannot be fixed is what the last pass could not fix; earlier passes saw other positions
        proposals, not_fixed = _plan_pass(text, check, parsed, unsafe, allows)
        accepted = select_fixes(proposals)
        if not accepted:
            break
        new_text = apply_edits(text, [edit for item in accepted for edit in item.plan.edits])
        problem = verify_pass(parsed, new_text, accepted)
        if problem is not None:
            return _left_unchanged(scanned, problem, applied, accepted, not_fixed)
        for item in accepted:
            queue = originals.get(fingerprint(item.match.finding))
            finding = queue.pop(0) if queue else item.match.finding
            applied.append(FixOutcome(finding, item.option.description, True))
        text = new_text
        rechecked = check_parsed(scanned.candidate, text, products, scan_text=scan_text)
        check, parsed = rechecked.check, dict(rechecked.parsed)
    return FileFix(scanned.candidate, loaded.text, text, loaded.has_bom, (*applied, *not_fixed.values()), check)


def _plan_pass(
    text: str,
    check: FileCheck,
    parsed: dict[str, ParsedFile[Any]],
    unsafe: bool,
    allows: Callable[[Finding], bool] | None,
) -> tuple[list[Proposal], dict[Fingerprint, FixOutcome]]:
    """The fixes planned for the findings of ``check`` that ``allows`` lets through, and the outcome of those
    with no fix."""
    proposals: list[Proposal] = []
    not_fixed: dict[Fingerprint, FixOutcome] = {}
    for format_name, match in check.matches:
        if allows is not None and not allows(match.finding):
            continue
        planned = _plan(text, format_name, match, parsed, unsafe)
        if isinstance(planned, FixOutcome):
            not_fixed[fingerprint(match.finding, located=True)] = planned  # one per place: many may share a key
        elif planned.plan.edits:
            proposals.append(planned)
    return proposals, not_fixed


def _plan(
    text: str, format_name: str, match: Match, parsed: dict[str, ParsedFile[Any]], unsafe: bool
) -> Proposal | FixOutcome:
    """The fix the format's fixer plans for one match, or why there is none."""
    finding = match.finding
    option = fix_option(match, format_name, unsafe)
    if isinstance(option, str):
        return FixOutcome(finding, "", False, option)
    try:
        if format_name not in parsed:
            # the scan keeps no parser trees: parse the text the first time one of its fixes needs it
            parsed[format_name] = get_parser(format_name, round_trip=True)(text)
        plan = get_fixer(format_name)(parsed[format_name], option.request)
    except CannotFix as exc:
        return FixOutcome(finding, option.description, False, str(exc))
    except ConfigSyntaxError as exc:
        # the check's parser read the file, the editing parser cannot (libcst refuses a few valid files)
        reason = f"the parser that edits this file cannot read it ({exc}); change it by hand"
        return FixOutcome(finding, option.description, False, reason)
    return Proposal(format_name, match, option, plan)


def _left_unchanged(
    scanned: ScannedFile,
    problem: str,
    applied: Sequence[FixOutcome],
    accepted: Sequence[Proposal],
    not_fixed: dict[Fingerprint, FixOutcome],
) -> FileFix:
    """A pass failed verification: nothing of this file is written, so nothing of it counts as fixed."""
    reason = f"the file was left unchanged: {problem}"
    outcomes = [replace(o, applied=False, reason=reason) for o in applied]
    outcomes += [FixOutcome(i.match.finding, i.option.description, False, reason) for i in accepted]
    outcomes += not_fixed.values()
    loaded = scanned.loaded
    error = f"left unchanged: {problem}"
    return FileFix(scanned.candidate, loaded.text, loaded.text, loaded.has_bom, tuple(outcomes), scanned.check, error)


def fix_all(
    files: Sequence[ScannedFile],
    products: Sequence[Product],
    *,
    unsafe: bool,
    write: bool,
    scan_text: bool = True,
    allows: Callable[[Finding], bool] | None = None,
) -> list[FileFix]:
    """Fix each file, and write the changed ones unless ``write`` is off; one file's failure stops nothing.

    ``allows``: the findings a fix may act on (``--select``/``--ignore``), in every pass."""
    results: list[FileFix] = []
    for scanned in files:
        try:
            result = fix_file(scanned, products, unsafe=unsafe, scan_text=scan_text, allows=allows)
        except Exception as exc:  # a bug in one fixer must not stop the run, nor touch the file
            error = f"left unchanged: internal error while fixing ({type(exc).__name__}: {exc}); please report it"
            loaded = scanned.loaded
            result = FileFix(scanned.candidate, loaded.text, loaded.text, loaded.has_bom, (), scanned.check, error)
        if write and result.changed:
            try:
                write_atomic(result.candidate.path, result.original, result.fixed, result.has_bom)
            except WriteError as exc:
                result = replace(result, fixed=result.original, final_check=scanned.check, error=str(exc))
        results.append(result)
    return results


__all__ = ["FileFix", "FixOutcome", "fix_all", "fix_file"]
