"""The fix engine: from matches to verified, minimal text edits written atomically.

For each file with fixable findings it runs passes (ruff's model): plan one fix per finding through
the format's fixer, apply every non-conflicting fix of the pass together, re-parse and verify the
result, re-check the new text, and go again until nothing fixable is left.  A file whose result fails
verification is left untouched.  Nothing is written until every pass of a file has been verified.

The passes stop, and say why, rather than run on: a fix that would leave the text as it is is not
applied; a pass that brings back the text of an earlier one (rules that undo each other) ends the
run at that earlier text; and a file that still has fixes to make after :data:`MAX_PASSES` passes
keeps the text with the fewest left, or is left untouched when no pass had fewer than the file had.
Every outcome is reported at its finding's place in the file as it was (:mod:`keyshift.fix.origin`).

The scan hands over plain values (no parser tree): the engine parses a file's text again in a format
the first time one of its fixes needs it, and each later pass works on the parses of its re-check.
Which fix a finding offers is :mod:`keyshift.fix.policy`; which fixes go together,
:mod:`keyshift.fix.select`; verification, :mod:`keyshift.fix.verify`; writing, :mod:`keyshift.fix.write`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any

from keyshift.check.discover import Candidate
from keyshift.check.scan import FileCheck, Product, ScannedFile, check_parsed
from keyshift.core.edits import CannotFix, apply_edits
from keyshift.core.identity import fingerprint
from keyshift.core.model import ConfigSyntaxError, Finding, FixOutcome, ParsedFile
from keyshift.core.positions import LineIndex
from keyshift.fix.diff import unified_diff
from keyshift.fix.origin import OriginMap
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
    stopped: str | None = None
    """Set when the passes stopped with fixes still to make (the pass limit): ``fixed`` is as far as they got."""
    untouched: tuple[FixOutcome, ...] = ()
    """The outcome of each finding of the file as it was, should it be left as it was: those with a fix
    have no reason yet (:meth:`left_unchanged` gives it)."""

    @property
    def changed(self) -> bool:
        return self.error is None and self.fixed != self.original

    def diff(self) -> str:
        """The unified diff that ``patch -p1`` applies to the file on disk to give what ``fix`` writes."""
        return unified_diff(self.candidate.display, self.original, self.fixed, has_bom=self.has_bom)

    def left_unchanged(self, problem: str, check: FileCheck) -> FileFix:
        """This file left as it was (``check`` is the check of its text): no fix of it counts as made."""
        reason = f"the file was left unchanged: {problem}"
        outcomes = tuple(o if o.reason is not None else replace(o, reason=reason) for o in self.untouched)
        error = f"left unchanged: {problem}"
        return replace(self, fixed=self.original, outcomes=outcomes, final_check=check, error=error, stopped=None)


@dataclass(frozen=True, slots=True)
class _Plan:
    """The fixes planned on one text, and the outcome of its findings that have none."""

    proposals: tuple[Proposal, ...]
    not_fixed: tuple[FixOutcome, ...]


@dataclass(slots=True)
class _Text:
    """One text of a file between passes, with what the fixer knows of it (changed as the passes go)."""

    text: str
    check: FileCheck
    parsed: dict[str, ParsedFile[Any]]
    origin: OriginMap
    applied: tuple[FixOutcome, ...]
    """The fixes made to reach this text, each at its finding's place in the original."""
    plan: _Plan = _Plan((), ())
    taken: tuple[Proposal, ...] = ()
    """The fixes the pass that starts from this text applied."""

    def outcomes(self, reason: str | None = None, waiting: str | None = None) -> tuple[FixOutcome, ...]:
        """Every finding of this text not yet fixed, at its original place: those with a fix as not
        fixed for ``reason`` (``waiting``, if given, for those its pass did not take), then those
        without one."""
        taken = {id(item) for item in self.taken}
        refused = [
            FixOutcome(p.match.finding, p.option.description, False, reason if id(p) in taken else waiting or reason)
            for p in self.plan.proposals
        ]
        outcomes = (*refused, *self.plan.not_fixed)
        if not self.origin.steps:
            return outcomes
        index = LineIndex(self.text)
        return tuple(replace(o, finding=self.origin.finding(o.finding, index)) for o in outcomes)


def fix_file(
    scanned: ScannedFile,
    products: Sequence[Product],
    *,
    unsafe: bool,
    scan_text: bool = True,
    allows: Callable[[Finding], bool] | None = None,
) -> FileFix:
    """Plan, apply and verify every fix of one file, in passes; nothing is written here.

    ``allows``: the findings a fix may act on (``--select``/``--ignore``), in every pass."""
    return _FileRun(scanned, products, unsafe, scan_text, allows).run()


class _FileRun:
    """The passes over one file: each text it went through, and which text each text's digest names."""

    def __init__(
        self,
        scanned: ScannedFile,
        products: Sequence[Product],
        unsafe: bool,
        scan_text: bool,
        allows: Callable[[Finding], bool] | None = None,
    ) -> None:
        self.scanned = scanned
        self.products = products
        self.unsafe = unsafe
        self.scan_text = scan_text
        self.allows = allows
        text = scanned.loaded.text
        self.texts = [_Text(text, scanned.check, {}, OriginMap(LineIndex(text)), ())]
        self.seen = {_digest(text): 0}

    def run(self) -> FileFix:
        current = self.texts[0]
        for passes in range(MAX_PASSES + 1):
            current.plan = _plan_pass(current.text, current.check, current.parsed, self.unsafe, self.allows)
            accepted = select_fixes(current.plan.proposals, current.parsed)
            if not accepted:  # nothing left to fix (_NO_ORDER: never seen, fixes that all wait on each other)
                return self._result(current, current.outcomes(_NO_ORDER))
            if passes == MAX_PASSES:
                break
            applied = _apply_pass(current, accepted)
            if isinstance(applied, str):
                return self._result(current, ()).left_unchanged(applied, self.scanned.check)
            current.taken, new_text = applied
            earlier = self.seen.get(_digest(new_text))
            if earlier is not None:
                return self._undone(earlier)
            current = self._next(current, new_text)
        return self._stop()

    def _next(self, current: _Text, new_text: str) -> _Text:
        """The text a pass left, re-checked, with the pass's fixes reported at their original place."""
        index = LineIndex(current.text)
        applied: list[FixOutcome] = []
        origins = []
        for item in current.taken:
            where = current.origin.locate(item.match.finding, index)
            applied.append(FixOutcome(current.origin.place(item.match.finding, where), item.option.description, True))
            origins += [(edit, where) for edit in item.plan.edits]
        rechecked = check_parsed(self.scanned.candidate, new_text, self.products, scan_text=self.scan_text)
        following = _Text(
            new_text,
            rechecked.check,
            dict(rechecked.parsed),
            current.origin.then(origins),
            (*current.applied, *applied),
        )
        current.parsed = {}  # only the latest text is planned on: let its parser trees go
        self.seen[_digest(new_text)] = len(self.texts)
        self.texts.append(following)
        return following

    def _undone(self, earlier: int) -> FileFix:
        """A pass gave back the text of an earlier one: stop at that text, and say which fixes go round."""
        back = self.texts[earlier]
        cycle = "; ".join(
            dict.fromkeys(item.option.description for text in self.texts[earlier:] for item in text.taken)
        )
        reason = f"fixing it starts a cycle ({cycle}): the matrix's rules undo each other; fix it by hand"
        return self._result(back, back.outcomes(reason, f"it waits on fixes that go round in a cycle ({cycle})"))

    def _stop(self) -> FileFix:
        """The pass limit is reached with fixes still to make: keep the text with the fewest left (the
        first such), unless that is the file as it was (then the rules only ever bring new ones)."""
        best = min(self.texts, key=lambda text: len(text.plan.proposals))
        if best is self.texts[0]:
            # name what the last pass still had to make: what keeps coming back
            problem = f"{_still_to_make(self.texts[-1])}: the rules keep producing new findings; check the matrix"
            return self._result(best, ()).left_unchanged(problem, self.scanned.check)
        reason = f"keyshift stopped after {MAX_PASSES} passes before making it; run keyshift fix again"
        stopped = f"{_still_to_make(best)}: run keyshift fix again to make them (if they come back, check the matrix)"
        return replace(self._result(best, best.outcomes(reason)), stopped=stopped)

    def _result(self, final: _Text, outcomes: tuple[FixOutcome, ...]) -> FileFix:
        loaded = self.scanned.loaded
        first = self.texts[0]
        untouched = first.outcomes()
        return FileFix(
            self.scanned.candidate,
            loaded.text,
            final.text,
            loaded.has_bom,
            (*final.applied, *outcomes),
            final.check,
            untouched=untouched,
        )


_NO_ORDER = "keyshift found no order to make it in with the other fixes; fix it by hand"


def _digest(text: str) -> bytes:
    return hashlib.blake2b(text.encode("utf-8", "surrogatepass"), digest_size=16).digest()


def _still_to_make(text: _Text) -> str:
    """The pass limit, and the first few fixes still to make on ``text`` (at their original places)."""
    index = LineIndex(text.text)
    left = [
        f"{f.path}:{f.line}:{f.column} {f.code} {p.option.description}"
        for p in text.plan.proposals
        for f in [text.origin.finding(p.match.finding, index)]
    ]
    more = f" and {len(left) - 3} more" if len(left) > 3 else ""
    return f"keyshift stopped after {MAX_PASSES} passes with fixes still to make ({', '.join(left[:3])}{more})"


def _apply_pass(current: _Text, accepted: Sequence[Proposal]) -> tuple[tuple[Proposal, ...], str] | str:
    """The fixes applied and the text they give, verified; or what is wrong with the text.

    When fixes that should go together fail verification together, the first is tried alone: the
    others wait for the next pass, and a fix that fails on its own is what is reported.
    """
    new_text = apply_edits(current.text, [edit for item in accepted for edit in item.plan.edits])
    problem = verify_pass(current.parsed, new_text, accepted)
    if problem is None:
        return tuple(accepted), new_text
    if len(accepted) > 1:
        return _apply_pass(current, accepted[:1])
    return problem


def _plan_pass(
    text: str,
    check: FileCheck,
    parsed: dict[str, ParsedFile[Any]],
    unsafe: bool,
    allows: Callable[[Finding], bool] | None = None,
) -> _Plan:
    """The fixes planned for the findings of ``check`` that ``allows`` lets through, and the outcome of those
    with no fix."""
    proposals: list[Proposal] = []
    not_fixed: dict[object, FixOutcome] = {}
    for format_name, match in check.matches:
        if allows is not None and not allows(match.finding):
            continue
        planned = _plan(text, format_name, match, parsed, unsafe)
        if isinstance(planned, FixOutcome):
            not_fixed[fingerprint(match.finding, located=True)] = planned  # one per place: many may share a key
        else:
            proposals.append(planned)
    return _Plan(tuple(proposals), tuple(not_fixed.values()))


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
    if all(text[edit.start : edit.end] == edit.replacement for edit in plan.edits):
        # applied, it would leave the finding where it is, pass after pass
        reason = f"the fix would leave the file as it is ({option.description}); check the matrix's rule"
        return FixOutcome(finding, option.description, False, reason)
    return Proposal(format_name, match, option, plan)


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
            problem = f"internal error while fixing ({type(exc).__name__}: {exc}); please report it"
            result = _unfixed(scanned).left_unchanged(problem, scanned.check)
        if write and result.changed:
            try:
                write_atomic(result.candidate.path, result.original, result.fixed, result.has_bom)
            except WriteError as exc:
                result = result.left_unchanged(str(exc), scanned.check)
        results.append(result)
    return results


def _unfixed(scanned: ScannedFile) -> FileFix:
    """A file nothing could be planned for: each of its findings, once per place, awaiting a reason."""
    outcomes = {
        fingerprint(m.finding, located=True): FixOutcome(m.finding, "", False) for _, m in scanned.check.matches
    }
    loaded = scanned.loaded
    untouched = tuple(outcomes.values())
    return FileFix(scanned.candidate, loaded.text, loaded.text, loaded.has_bom, (), scanned.check, untouched=untouched)


__all__ = ["MAX_PASSES", "FileFix", "FixOutcome", "fix_all", "fix_file"]
