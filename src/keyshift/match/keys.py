"""Key rules applied to a document's keys: removed, renamed, deprecated and not-yet-added keys."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from keyshift.core.keypath import join_path
from keyshift.core.model import Occurrence, Scalar, ValueKind
from keyshift.match.context import MatchContext
from keyshift.match.findings import finding
from keyshift.match.model import Match, TargetState
from keyshift.match.renames import mapped, new_key, target_note, target_state
from keyshift.match.stages import Stage, removal_note, stage_at, stage_words
from keyshift.match.views import Entry, View
from keyshift.matrix import KeyRule

_KEY_CODES = {"removed": "KS101", "deprecated": "KS103", "too-new": "KS104"}
_KINDS_OF_TYPE: dict[str, frozenset[ValueKind]] = {
    # a list may be written as one comma-separated scalar (Spring binds "a,b" to a list)
    "scalar": frozenset({"scalar", "sequence"}),
    "list": frozenset({"scalar", "sequence"}),
}
"""The kinds of value a typed rule matches, by the rule's ``type``: a rule for a scalar or a list never
matches a mapping at its path (``logging.file`` is not ``logging.file.name``).  ``mapping`` and ``any``
match every kind: a removed map property is worth reporting however it is (mis)written."""


def key_stage(ctx: MatchContext, rule: KeyRule) -> Stage | None:
    """Where a key stands at the target version; None when using it is fine."""
    return stage_at(ctx, rule.removed, rule.deprecated, rule.added)


def key_code(rule: KeyRule, stage: Stage) -> str:
    """The code of a use of the key at this stage: a removed key with a replacement was renamed."""
    if stage.state == "removed" and rule.replaced_by is not None:
        return "KS102"
    return _KEY_CODES[stage.state]


def occurrences_for(ctx: MatchContext, rule: KeyRule, candidates: list[Entry]) -> Iterator[Entry]:
    """Occurrences a key rule applies to, outermost first; descendants of a match are skipped.

    ``candidates``: the entries of a view whose path the rule's key matches, in the view's order.
    """
    index_tail = rule.pattern.segments[-1].startswith("[")
    explicit_paths = {ctx.npath(rel) for rel, o in candidates if not o.implicit}
    matched: set[tuple[str, ...]] = set()
    lengths: set[int] = set()  # of the matched paths: a descendant is found by its prefixes of these lengths
    kinds = _KINDS_OF_TYPE.get(rule.type)
    for rel, occurrence in candidates:
        if occurrence.is_element and not index_tail:
            continue
        if kinds is not None and occurrence.form == "key" and occurrence.value_kind not in kinds:
            continue
        nrel = ctx.npath(rel)
        if occurrence.implicit and nrel in explicit_paths:
            continue
        if any(n < len(nrel) and nrel[:n] in matched for n in lengths):
            continue
        matched.add(nrel)
        lengths.add(len(nrel))
        yield rel, occurrence


@dataclass(frozen=True, slots=True)
class _KeyUse:
    """One occurrence of a rule's key, at ``rel`` in ``view``."""

    rule: KeyRule
    rel: tuple[str, ...]
    occurrence: Occurrence
    document: int
    view: View


def key_match(
    ctx: MatchContext,
    rule: KeyRule,
    entry: Entry,
    document: int,
    view: View,
    renamed_targets: set[tuple[str, ...]],
) -> Match | None:
    """The finding for one occurrence of a rule's key, if the target version has one.

    A rename adds its new key's path to ``renamed_targets`` (a required key a rename creates is not missing).
    """
    stage = key_stage(ctx, rule)
    if stage is None:
        return None
    rel, occurrence = entry
    use = _KeyUse(rule, rel, occurrence, document, view)
    key_text = join_path(rel) if not rule.pattern.is_literal else rule.key
    code = key_code(rule, stage)
    message = f"{key_text} {stage_words(ctx, stage)}"
    if code == "KS101":
        return _key_use_match(ctx, use, code, stage, message, "delete it")
    if code == "KS104":
        return _key_use_match(
            ctx, use, code, stage, message, f"remove it, or check against --to {stage.since} or later"
        )
    target = new_key(ctx, rule, rel)
    if target and ctx.npath(target) == ctx.npath(rel):
        # the new name is this very key under relaxed binding (Spring's keystore-location -> key-store-location):
        # nothing to change, and a "fix" would find the key "already set" and delete it
        return None
    if code == "KS102":
        target = target or ()
        renamed_targets.add(ctx.npath(target))
    else:
        target = target or None
        message += removal_note(rule.removed)
    return _moved_match(ctx, use, code, stage, key_text, message, target)


@dataclass(frozen=True, slots=True)
class _Rename:
    """What renaming a key writes: its new name and path, its mapped value, and whether it is already set."""

    new_text: str | None = None
    new_path: tuple[str, ...] | None = None
    new_value: Scalar = None
    has_value: bool = False
    state: TargetState = "absent"


def _moved_match(
    ctx: MatchContext,
    use: _KeyUse,
    code: str,
    stage: Stage,
    key_text: str,
    message: str,
    target: tuple[str, ...] | None,
) -> Match:
    """A renamed key, or a deprecated one (renamed when it has a replacement, ``target``)."""
    if target is None:
        return _key_use_match(ctx, use, code, stage, message, None)
    new_text = join_path(target)
    has_value, new_value, detail = mapped(ctx, use.rule, use.occurrence)
    state = target_state(ctx, use.view, use.rel, target, has_value, new_value)
    note, suggestion = target_note(state, key_text, new_text, f"rename to {new_text}{detail}")
    rename = _Rename(new_text, use.view.to_file(target), new_value, has_value, state)
    return _key_use_match(ctx, use, code, stage, f"{message}; use {new_text}{note}", suggestion, rename)


def _key_use_match(
    ctx: MatchContext,
    use: _KeyUse,
    code: str,
    stage: Stage,
    message: str,
    suggestion: str | None,
    rename: _Rename = _Rename(),
) -> Match:
    """The match for one use of a key: to delete it without ``rename``, to rename it with one."""
    found = finding(
        ctx,
        code,
        use.occurrence.key_span,
        message,
        rule=use.rule,
        occurrence=use.occurrence,
        since=stage.since,
        replacement=rename.new_text,
        suggestion=suggestion,
    )
    return Match(
        found,
        use.document,
        use.rule,
        occurrence=use.occurrence,
        prefix=ctx.prefix,
        new_path=rename.new_path,
        new_value=rename.new_value,
        has_new_value=rename.has_value,
        target_state=rename.state,
    )
