"""Which fix each kind of finding offers: a table from finding kind to a small policy function.

A policy turns a match into a :class:`FixOption` (the request for the format's fixer, and whether
it is safe) or says, in words a user can act on, why there is no automatic fix.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from keyshift.core.edits import FixRequest
from keyshift.core.keypath import join_path
from keyshift.core.model import Finding, Occurrence, Scalar
from keyshift.core.values import format_scalar, scalar_text
from keyshift.formats import format_info
from keyshift.match import Match

Applicability = Literal["safe", "unsafe"]
NO_FIX = "no automatic fix for this kind of finding"


@dataclass(frozen=True, slots=True)
class FixOption:
    """The fix a finding offers: the request for the format's fixer, and whether it is safe."""

    request: FixRequest
    applicability: Applicability
    description: str


Policy = Callable[[Match, str, bool], FixOption | str]
"""A policy takes the match, the format of the file and whether unsafe fixes are allowed."""


def fix_option(match: Match, format_name: str, unsafe: bool) -> FixOption | str:
    """The fix for a match, or the reason there is none.

    Fixes in plain text (a token in Markdown, a template, ...) are unsafe: the token may not mean the
    config key there.
    """
    policy = POLICIES.get(match.finding.kind)
    option = NO_FIX if policy is None else policy(match, format_name, unsafe)
    if isinstance(option, FixOption):
        option = _as_the_matrix_says(match, option, unsafe)
    occurrence = match.occurrence
    # a token in a script (``for X in``, ``read X``, ``unset X``) is code: it is renamed as safely as
    # the variable's assignment, or a safe fix would leave the script half renamed
    in_prose = not format_info(format_name).traits.code
    if isinstance(option, FixOption) and occurrence is not None and occurrence.form == "text" and in_prose:
        if not unsafe:
            return f"fixes in plain text are unsafe ({option.description}); use --unsafe"
        return FixOption(option.request, "unsafe", option.description)
    return option


def _as_the_matrix_says(match: Match, option: FixOption, unsafe: bool) -> FixOption | str:
    """A rule's ``fix`` field: ``none`` takes the fix away, ``unsafe`` makes it wait for ``--unsafe``."""
    rule = match.value_rule or match.rule
    choice = rule.fix if rule is not None else "default"
    if choice == "none":
        return "the matrix marks this change for review: no automatic fix"
    if choice == "unsafe" and option.applicability == "safe":
        if not unsafe:
            return f"the matrix marks this fix unsafe ({option.description}); use --unsafe"
        return FixOption(option.request, "unsafe", option.description)
    return option


def _shown_key(finding: Finding) -> str:
    return finding.found or finding.key or ""


def _not_its_own_entry(occurrence: Occurrence, format_name: str) -> bool:
    """A key that is only part of another entry (``a.b`` of ``a.b.c: 1``, a YAML merge): no fix.

    Not so in .properties, whose keys are flat lines: a prefix's fix rewrites every key under it.
    """
    return occurrence.implicit and not format_info(format_name).traits.flat_keys


def _set_value(match: Match, occurrence: Occurrence, description: str) -> FixOption:
    request = FixRequest("set-value", match.document, occurrence, value=match.new_value, has_value=True)
    return FixOption(request, "safe", description)


def _renamed_or_deprecated(match: Match, format_name: str, unsafe: bool) -> FixOption | str:
    """Rename the key (or the value that names it); a key with nowhere to go is renamed by hand."""
    occurrence = match.occurrence
    if occurrence is None:
        return NO_FIX
    if match.rename_by_value:
        return _set_value(match, occurrence, f"{format_scalar(occurrence.value)} -> {format_scalar(match.new_value)}")
    if match.new_path is not None:
        return _move(match, occurrence, match.new_path, format_name)
    if occurrence.form != "key":
        return f"{_shown_key(match.finding)} is used inside a multi-line value here; rename that use by hand"
    if match.finding.kind == "renamed":
        return "the new key cannot be written in this file (it is outside the file's prefix)"
    return NO_FIX


def _move(match: Match, occurrence: Occurrence, new_path: tuple[str, ...], format_name: str) -> FixOption | str:
    """Move an entry to its new key: delete it when the new key already holds its value."""
    finding = match.finding
    key = _shown_key(finding)
    if _not_its_own_entry(occurrence, format_name):
        return f"{key} is not written as its own entry here (a dotted key, a YAML merge); rename it by hand"
    new_text = join_path(new_path)
    if match.target_state == "same":
        request = FixRequest("delete", match.document, occurrence, remove_empty_parents=True)
        return FixOption(request, "safe", f"delete {key} ({new_text} already holds the same value)")
    if match.target_state == "conflict":
        return f"conflict: {new_text} is already set to another value; keep one by hand"
    mapped = _mapped_value(match, occurrence)
    if mapped is None:
        return f"no value-map entry for {format_scalar(occurrence.value)}; rename it by hand"
    request = FixRequest(
        "rename", match.document, occurrence, new_path=new_path, value=match.new_value, has_value=match.has_new_value
    )
    # an env-var name is renamed within its own path: show its new name, not the whole path
    shown = finding.replacement if isinstance(finding.replacement, str) else new_text
    return FixOption(request, "safe", f"{key} -> {shown}{mapped}")


def _mapped_value(match: Match, occurrence: Occurrence) -> str | None:
    """How a value-map changes the moved value (``" = true"``, or ``""`` without one); None: no entry."""
    uses_map = match.rule is not None and match.rule.value_map
    if not (uses_map and occurrence.value_kind == "scalar" and occurrence.form == "key"):
        return ""
    if not match.has_new_value:
        return None
    return f" = {format_scalar(match.new_value)}"


def _wrong_value(match: Match, format_name: str, unsafe: bool) -> FixOption | str:
    """Set the value the matrix gives (bad values, mismatches)."""
    occurrence = match.occurrence
    if occurrence is None:
        return NO_FIX
    key = _shown_key(match.finding)
    if not match.has_new_value:
        return "the matrix gives no replacement value"
    if occurrence.value_kind != "scalar":
        return f"{key} holds a {occurrence.value_kind}, not a value; set it by hand"
    old, new = format_scalar(occurrence.value), format_scalar(match.new_value)
    if _already_holds(occurrence.value, match.new_value, format_info(format_name).traits.typed):
        # the rule reports a value it would write itself: fixing it would change nothing, forever
        wanted = match.new_value
        nan = " (a NaN never equals itself)" if isinstance(wanted, float) and math.isnan(wanted) else ""
        return f"{key} already holds {new}: the fix would change nothing{nan}; check the matrix"
    return _set_value(match, occurrence, f"{key}: {old} -> {new}")


def _already_holds(found: Scalar, wanted: Scalar, typed: bool) -> bool:
    """Whether writing ``wanted`` would leave ``found`` as it is (in a typed format, type and text)."""
    if typed and type(found) is not type(wanted):
        return False
    return scalar_text(found) == scalar_text(wanted)


def _missing(match: Match, format_name: str, unsafe: bool) -> FixOption | str:
    """Add a required key with the value the matrix expects."""
    if match.new_path is None:
        return NO_FIX
    if not match.has_new_value:
        return "the matrix gives no expected value to add (set expect)"
    request = FixRequest("add", match.document, new_path=match.new_path, value=match.new_value, has_value=True)
    return FixOption(request, "safe", f"add {join_path(match.new_path)} = {format_scalar(match.new_value)}")


def _removed(match: Match, format_name: str, unsafe: bool) -> FixOption | str:
    """Comment a removed key out (safe), or delete it (unsafe)."""
    finding = match.finding
    occurrence = match.occurrence
    if occurrence is None:
        return NO_FIX
    key = _shown_key(finding)
    if occurrence.form != "key":
        return f"{key} is named in source or text here; remove that use by hand"
    if _not_its_own_entry(occurrence, format_name):
        return f"{key} is not written as its own entry here (a dotted key, a YAML merge); remove it by hand"
    if unsafe:
        request = FixRequest("delete", match.document, occurrence, remove_empty_parents=True)
        return FixOption(request, "unsafe", f"delete {key}")
    note = f"keyshift: {finding.key} was removed in {finding.since} ({finding.code})"
    return FixOption(FixRequest("comment-out", match.document, occurrence, note=note), "safe", f"comment out {key}")


POLICIES: dict[str, Policy] = {
    "renamed": _renamed_or_deprecated,
    "deprecated": _renamed_or_deprecated,
    "bad-value": _wrong_value,
    "mismatch": _wrong_value,
    "missing": _missing,
    "removed": _removed,
}
"""The policy of each finding kind; a kind not here (too new, parse error) has no automatic fix."""
