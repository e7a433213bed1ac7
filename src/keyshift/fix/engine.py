"""The fix engine: from matches to verified, minimal text edits written atomically.

For each file with fixable findings it runs passes (ruff's model): plan one fix per finding through
the format's fixer, apply every non-conflicting fix of the pass together, re-parse and verify the
result, re-check the new text, and go again until nothing fixable is left.  A file whose result fails
verification is left untouched.  Nothing is written until every pass of a file has been verified.
"""

from __future__ import annotations

import difflib
import os
import stat
import tempfile
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any, Literal

from keyshift.check.discover import Candidate, LoadedText
from keyshift.check.scan import FileCheck, Product, check_text
from keyshift.core.edits import CannotFix, FixRequest, PlannedFix, apply_edits, overlaps
from keyshift.core.keypath import join_path
from keyshift.core.model import ConfigSyntaxError, Finding, Occurrence, ParsedFile, Scalar
from keyshift.core.values import format_scalar, scalar_text
from keyshift.formats import format_info, get_fixer, get_parser
from keyshift.match import Match

MAX_PASSES = 100
Applicability = Literal["safe", "unsafe"]


@dataclass(frozen=True, slots=True)
class FixOption:
    """The fix a finding offers: the request for the format's fixer, and whether it is safe."""

    request: FixRequest
    applicability: Applicability
    description: str


@dataclass(frozen=True, slots=True)
class FixOutcome:
    """What happened to one fixable finding."""

    finding: Finding
    description: str
    applied: bool
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class FileFix:
    candidate: Candidate
    original: str
    fixed: str
    has_bom: bool
    outcomes: tuple[FixOutcome, ...]
    error: str | None = None
    """Set when the file was left untouched because a result failed verification or could not be written."""

    @property
    def changed(self) -> bool:
        return self.error is None and self.fixed != self.original

    def diff(self) -> str:
        lines = difflib.unified_diff(
            self.original.splitlines(keepends=True),
            self.fixed.splitlines(keepends=True),
            fromfile=f"a/{self.candidate.display}",
            tofile=f"b/{self.candidate.display}",
        )
        out = []
        for line in lines:
            out.append(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n")
        return "".join(out)


# ---------------------------------------------------------------------------------------------
# which fix a finding offers


def fix_option(match: Match, parsed: ParsedFile[Any], unsafe: bool) -> FixOption | str:
    """The fix for a match, or the reason there is none.

    Fixes in plain text (a token in Markdown, a template, ...) are unsafe: the token may not mean the
    config key there.
    """
    option = _fix_option(match, parsed, unsafe)
    occurrence = match.occurrence
    # a token in a script (``for X in``, ``read X``, ``unset X``) is code: it is renamed as safely as
    # the variable's assignment, or a safe fix would leave the script half renamed
    in_prose = not format_info(parsed.format).traits.code
    if isinstance(option, FixOption) and occurrence is not None and occurrence.form == "text" and in_prose:
        if not unsafe:
            return f"fixes in plain text are unsafe ({option.description}); use --unsafe"
        return FixOption(option.request, "unsafe", option.description)
    return option


def _not_its_own_entry(occurrence: Occurrence, parsed: ParsedFile[Any]) -> bool:
    """A key that is only part of another entry (``a.b`` of ``a.b.c: 1``, a YAML merge): no fix.

    Not so in .properties, whose keys are flat lines: a prefix's fix rewrites every key under it.
    """
    return occurrence.implicit and not format_info(parsed.format).traits.flat_keys


def _fix_option(match: Match, parsed: ParsedFile[Any], unsafe: bool) -> FixOption | str:
    finding = match.finding
    occurrence = match.occurrence
    kind = finding.kind
    key = finding.found or finding.key or ""
    if kind in ("renamed", "deprecated") and match.rename_by_value and occurrence is not None:
        request = FixRequest("set-value", match.document, occurrence, value=match.new_value, has_value=True)
        return FixOption(request, "safe", f"{format_scalar(occurrence.value)} -> {format_scalar(match.new_value)}")
    if kind in ("renamed", "deprecated") and match.new_path is not None and occurrence is not None:
        if _not_its_own_entry(occurrence, parsed):
            return f"{key} is not written as its own entry here (a dotted key, a YAML merge); rename it by hand"
        new_text = join_path(match.new_path)
        if match.target_state == "same":
            request = FixRequest("delete", match.document, occurrence, remove_empty_parents=True)
            return FixOption(request, "safe", f"delete {key} ({new_text} already holds the same value)")
        if match.target_state == "conflict":
            return f"conflict: {new_text} is already set to another value; keep one by hand"
        mapped = ""
        if (
            match.rule is not None
            and match.rule.value_map
            and occurrence.value_kind == "scalar"
            and occurrence.form == "key"
        ):
            if not match.has_new_value:
                return f"no value-map entry for {format_scalar(occurrence.value)}; rename it by hand"
            mapped = f" = {format_scalar(match.new_value)}"
        request = FixRequest(
            "rename",
            match.document,
            occurrence,
            new_path=match.new_path,
            value=match.new_value,
            has_value=match.has_new_value,
        )
        # an env-var name is renamed within its own path: show its new name, not the whole path
        shown = finding.replacement if isinstance(finding.replacement, str) else new_text
        return FixOption(request, "safe", f"{key} -> {shown}{mapped}")
    if kind in ("renamed", "deprecated") and match.new_path is None and occurrence is not None:
        if occurrence.form != "key":
            return f"{key} is used inside a multi-line value here; rename that use by hand"
        if kind == "renamed":
            return "the new key cannot be written in this file (it is outside the file's prefix)"
    if kind in ("bad-value", "mismatch") and occurrence is not None:
        if not match.has_new_value:
            return "the matrix gives no replacement value"
        if occurrence.value_kind != "scalar":
            return f"{key} holds a {occurrence.value_kind}, not a value; set it by hand"
        request = FixRequest("set-value", match.document, occurrence, value=match.new_value, has_value=True)
        old = format_scalar(occurrence.value)
        return FixOption(request, "safe", f"{key}: {old} -> {format_scalar(match.new_value)}")
    if kind == "missing" and match.new_path is not None:
        if not match.has_new_value:
            return "the matrix gives no expected value to add (set expect)"
        request = FixRequest("add", match.document, new_path=match.new_path, value=match.new_value, has_value=True)
        return FixOption(request, "safe", f"add {join_path(match.new_path)} = {format_scalar(match.new_value)}")
    if kind == "removed" and occurrence is not None:
        if occurrence.form != "key":
            return f"{key} is named in source or text here; remove that use by hand"
        if _not_its_own_entry(occurrence, parsed):
            return f"{key} is not written as its own entry here (a dotted key, a YAML merge); remove it by hand"
        if unsafe:
            request = FixRequest("delete", match.document, occurrence, remove_empty_parents=True)
            return FixOption(request, "unsafe", f"delete {key}")
        note = f"keyshift: {finding.key} was removed in {finding.since} ({finding.code})"
        request = FixRequest("comment-out", match.document, occurrence, note=note)
        return FixOption(request, "safe", f"comment out {key}")
    return "no automatic fix for this kind of finding"


# ---------------------------------------------------------------------------------------------
# planning and applying one pass


@dataclass(frozen=True, slots=True)
class _Planned:
    format_name: str
    match: Match
    option: FixOption
    plan: PlannedFix


def _select(planned: Sequence[_Planned]) -> list[_Planned]:
    """The fixes applied together this pass; the others wait for the next pass.

    Deferred: a fix whose edits touch another's; that creates a parent another creates; that writes
    a key another writes (the next pass sees it there: same value or conflict); or that takes an entry
    out of a mapping another fix also takes one out of or puts one into (the fixer must see the
    mapping as it will be: emptied, or not).
    """
    accepted: list[_Planned] = []
    # a mapping that gains a key this run must not be emptied (and removed) first
    gaining = {(t[0], t[1][:-1]) for t in (_writes(p.option.request) for p in planned) if t is not None}
    removed_from: set[tuple[int, tuple[str, ...]]] = set()
    inserted_into: set[tuple[int, tuple[str, ...]]] = set()
    written: set[tuple[int, tuple[str, ...]]] = set()
    for item in planned:
        request = item.option.request
        source = _removes_from(request)
        target = _writes(request)
        target_parent = None if target is None else (target[0], target[1][:-1])
        clash = (
            any(overlaps(a, b) for other in accepted for a in item.plan.edits for b in other.plan.edits)
            or any(item.plan.creates & other.plan.creates for other in accepted)
            or (source is not None and (source in removed_from or source in inserted_into))
            or (source is not None and source in gaining and target is None)
            or (target is not None and target in written)
            or (target_parent is not None and target_parent in removed_from)
        )
        if clash:
            continue
        accepted.append(item)
        if source is not None:
            removed_from.add(source)
        if target is not None and target_parent is not None:
            written.add(target)
            inserted_into.add(target_parent)
    return accepted


def _removes_from(request: FixRequest) -> tuple[int, tuple[str, ...]] | None:
    """The mapping an entry leaves, for fixes that take it out (delete, comment out, move elsewhere)."""
    occurrence = request.occurrence
    if occurrence is None or occurrence.form != "key":
        return None
    parent = occurrence.path[:-1]
    if request.op in ("delete", "comment-out") or (
        request.op == "rename" and request.new_path is not None and tuple(request.new_path[:-1]) != parent
    ):
        return (request.document, parent)
    return None


def _writes(request: FixRequest) -> tuple[int, tuple[str, ...]] | None:
    """The key a fix writes (a rename's new key, an added key)."""
    if request.op not in ("rename", "add") or request.new_path is None:
        return None
    if request.occurrence is not None and request.occurrence.form != "key":
        return None
    return (request.document, tuple(request.new_path))


def _leaves(parsed: ParsedFile[Any]) -> list[Counter[tuple[tuple[str, ...], str]]]:
    return [
        Counter(
            (o.path, _value_key(o.value, parsed.typed))
            for o in document.occurrences
            if not o.implicit and o.value_kind == "scalar"
        )
        for document in parsed.documents
    ]


def _value_key(value: Scalar, typed: bool) -> str:
    """Values as the format holds them: typed formats keep the type, the others only the text."""
    if not typed:
        return scalar_text(value)
    return f"{type(value).__name__}:{value!r}"


def _expected(before: ParsedFile[Any], applied: Sequence[FixRequest]) -> list[Counter[tuple[tuple[str, ...], str]]]:
    """The leaves ``before`` should have once the applied requests are made.

    A scalar entry changes just its own leaf (a path can occur several times: a shell variable set
    and exported, a key and its references); an entry holding a mapping or sequence moves its whole
    subtree.  A literal or token renamed inside another entry's value changes that value too.
    """
    expected = _leaves(before)
    typed = before.typed
    while len(expected) <= max((r.document for r in applied if r.op == "add"), default=-1):
        expected.append(Counter())  # keys added to a file that had no document yet
    for request in applied:
        if request.document >= len(expected):
            continue
        leaves = expected[request.document]
        occurrence = request.occurrence
        if occurrence is None:
            if request.op == "add" and request.new_path is not None:
                leaves[(request.new_path, _value_key(request.value, typed))] += 1
            continue
        old = occurrence.path
        if occurrence.value_kind == "scalar" and not occurrence.implicit:
            own = (old, _value_key(occurrence.value, typed))
            if leaves[own] > 0:
                leaves[own] -= 1
            if request.op == "rename" and request.new_path is not None:
                value = _value_key(request.value, typed) if request.has_value else own[1]
                leaves[(tuple(request.new_path), value)] += 1
            elif request.op == "set-value":
                leaves[(old, _value_key(request.value, typed))] += 1
            if occurrence.form != "key" and request.op == "rename" and request.new_path is not None:
                _rename_inside_values(before, request, leaves)
            leaves += Counter()  # drop zero counts
            continue
        moved: Counter[tuple[tuple[str, ...], str]] = Counter()
        for (path, value), count in list(leaves.items()):
            if path[: len(old)] != old:
                continue
            del leaves[(path, value)]
            if request.op == "rename" and request.new_path is not None:
                moved[((*request.new_path, *path[len(old) :]), value)] += count
        leaves.update(moved)
    return expected


def _rename_inside_values(
    before: ParsedFile[Any], request: FixRequest, leaves: Counter[tuple[tuple[str, ...], str]]
) -> None:
    """A token renamed inside the written value of a key (``OPTS="--set a.b=1"``) changes that value."""
    token = request.occurrence
    assert token is not None and request.new_path is not None
    start, end = token.key_span.start.offset, token.key_span.end.offset
    new_text = join_path(request.new_path)
    for holder in before.documents[request.document].occurrences:
        span = holder.value_span
        if holder.form != "key" or holder.value_kind != "scalar" or not isinstance(holder.value, str) or span is None:
            continue
        if not (span.start.offset <= start and end <= span.end.offset):
            continue
        old_key = (holder.path, _value_key(holder.value, before.typed))
        if leaves[old_key] > 0:
            leaves[old_key] -= 1
            renamed = holder.value.replace(token.found, new_text, 1)
            leaves[(holder.path, _value_key(renamed, before.typed))] += 1


def _key_count(parsed: ParsedFile[Any], target: tuple[int, tuple[str, ...]]) -> int:
    document, path = target
    if document >= len(parsed.documents):
        return 0
    return sum(
        1
        for o in parsed.documents[document].occurrences
        if o.path == path and o.form == "key" and not o.implicit and not o.is_element
    )


def verify(before: ParsedFile[Any], after_text: str, applied: Sequence[FixRequest]) -> str | None:
    """None when ``after_text`` is ``before`` with exactly the applied changes, else what is wrong."""
    try:
        after = get_parser(before.format)(after_text)
    except ConfigSyntaxError as error:
        return f"the fixed file would not parse ({error})"
    first_document = not before.documents and all(r.op == "add" and r.document == 0 for r in applied)
    if len(after.documents) != len(before.documents) and not (first_document and len(after.documents) == 1):
        return "the fixed file would have a different number of documents"
    for request in applied:
        target = _writes(request)
        # a script sets and exports one variable in several places; a config file sets a key once
        if target is None or target[0] >= len(after.documents) or format_info(before.format).traits.code:
            continue
        count_before = _key_count(before, target)
        if _key_count(after, target) > max(count_before, 1):
            return f"the fixed file would set {join_path(target[1])} twice"
    for index, (want, got) in enumerate(zip(_expected(before, applied), _leaves(after), strict=True)):
        if want != got:
            missing = sorted(join_path(p) for p, _ in (want - got))
            extra = sorted(join_path(p) for p, _ in (got - want))
            where = f" in document {index + 1}" if len(before.documents) > 1 else ""
            return f"the fixed file would differ unexpectedly{where} (lost: {missing or '-'}, gained: {extra or '-'})"
    return None


def fix_file(
    candidate: Candidate,
    loaded: LoadedText,
    first_check: FileCheck,
    products: Sequence[Product],
    unsafe: bool,
    scan_text: bool = True,
) -> FileFix:
    """Plan, apply and verify every fix of one file, in passes; nothing is written here."""
    text = loaded.text
    check = first_check
    applied: list[FixOutcome] = []
    not_fixed: dict[tuple[object, ...], FixOutcome] = {}
    # report every fix where its finding was in the file as the user has it, not in a later pass
    originals: dict[tuple[object, ...], list[Finding]] = {}
    for _, m in first_check.matches:
        originals.setdefault(_identity(m.finding), []).append(m.finding)
    for _ in range(MAX_PASSES):
        # what cannot be fixed is what the last pass could not fix; earlier passes saw other positions
        not_fixed = {}
        planned: list[_Planned] = []
        for format_name, match in check.matches:
            parsed = check.parsed.get(format_name)
            if parsed is None:
                continue
            key = _identity(match.finding)
            finding = match.finding
            option = fix_option(match, parsed, unsafe)
            if isinstance(option, str):
                not_fixed[key] = FixOutcome(finding, "", False, option)
                continue
            planner = get_fixer(format_name)
            if planner is None:
                not_fixed[key] = FixOutcome(finding, option.description, False, "no fixer for this format")
                continue
            try:
                plan = planner(parsed, option.request)
            except CannotFix as exc:
                not_fixed[key] = FixOutcome(finding, option.description, False, str(exc))
                continue
            if plan.edits:
                planned.append(_Planned(format_name, match, option, plan))
        accepted = _select(planned)
        if not accepted:
            break
        new_text = apply_edits(text, [edit for item in accepted for edit in item.plan.edits])
        by_format: dict[str, list[FixRequest]] = {}
        for item in accepted:
            by_format.setdefault(item.format_name, []).append(item.option.request)
        for format_name, requests in by_format.items():
            problem = verify(check.parsed[format_name], new_text, requests)
            if problem is not None:
                # nothing of this file is written, so nothing of it counts as fixed
                reason = f"the file was left unchanged: {problem}"
                outcomes = [replace(o, applied=False, reason=reason) for o in applied]
                outcomes += [FixOutcome(i.match.finding, i.option.description, False, reason) for i in accepted]
                outcomes += not_fixed.values()
                return FileFix(
                    candidate,
                    loaded.text,
                    loaded.text,
                    loaded.has_bom,
                    tuple(outcomes),
                    error=f"left unchanged: {problem}",
                )
        for item in accepted:
            queue = originals.get(_identity(item.match.finding))
            finding = queue.pop(0) if queue else item.match.finding
            applied.append(FixOutcome(finding, item.option.description, True))
        text = new_text
        check = check_text(candidate, text, products, scan_text=scan_text)
    return FileFix(candidate, loaded.text, text, loaded.has_bom, (*applied, *not_fixed.values()))


def _identity(finding: Finding) -> tuple[object, ...]:
    """Findings move between passes (their lines and columns shift); key them by what they are about."""
    return (finding.code, finding.key, finding.found, finding.product, finding.line if finding.found is None else 0)


# ---------------------------------------------------------------------------------------------
# writing


class WriteError(Exception):
    pass


def write_atomic(path: Path, original: str, text: str, has_bom: bool) -> None:
    """Replace the file's content atomically, keeping its mode; refuse if it changed since it was read."""
    target = path.resolve()
    data = (("\ufeff" if has_bom else "") + text).encode("utf-8")
    expected = (("\ufeff" if has_bom else "") + original).encode("utf-8")
    try:
        if target.read_bytes() != expected:
            raise WriteError("the file changed on disk while keyshift was fixing it")
        mode = stat.S_IMODE(target.stat().st_mode)
        fd, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".keyshift")
    except OSError as exc:
        raise WriteError(f"cannot write: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)
        os.replace(temp, target)
    except OSError as exc:
        Path(temp).unlink(missing_ok=True)
        raise WriteError(f"cannot write: {exc.strerror}") from None


def fix_all(
    files: Sequence[tuple[Candidate, LoadedText, FileCheck]],
    products: Sequence[Product],
    *,
    unsafe: bool,
    write: bool,
    scan_text: bool = True,
) -> list[FileFix]:
    results: list[FileFix] = []
    for candidate, loaded, check in files:
        try:
            result = fix_file(candidate, loaded, check, products, unsafe, scan_text)
        except Exception as exc:  # a bug in one fixer must not stop the run, nor touch the file
            error = f"left unchanged: internal error while fixing ({type(exc).__name__}: {exc}); please report it"
            result = FileFix(candidate, loaded.text, loaded.text, loaded.has_bom, (), error=error)
        if write and result.changed:
            try:
                write_atomic(candidate.path, result.original, result.fixed, result.has_bom)
            except WriteError as exc:
                result = FileFix(
                    candidate, result.original, result.original, result.has_bom, result.outcomes, error=str(exc)
                )
        results.append(result)
    return results


def describe_outcome(outcome: FixOutcome) -> str:
    finding = outcome.finding
    where = f"{finding.path}:{finding.line}:{finding.column}"
    if outcome.applied:
        return f"fixed {where} {finding.code} {outcome.description}"
    return f"not fixed {where} {finding.code} {finding.found or finding.key or '-'}: {outcome.reason}"


__all__ = [
    "CannotFix",
    "FileFix",
    "FixOption",
    "FixOutcome",
    "describe_outcome",
    "fix_all",
    "fix_file",
    "fix_option",
    "verify",
    "write_atomic",
]
