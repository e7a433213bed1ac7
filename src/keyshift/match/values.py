"""Value rules: removed, deprecated and not-yet-added values of a key."""

from __future__ import annotations

from collections.abc import Iterator

from keyshift.core.keypath import join_path
from keyshift.core.model import Occurrence, Scalar
from keyshift.core.values import format_scalar
from keyshift.match.context import MatchContext, RootValues
from keyshift.match.findings import finding
from keyshift.match.model import Match
from keyshift.match.stages import Stage, removal_note, stage_at, stage_words
from keyshift.match.views import Entry
from keyshift.matrix import KeyRule, ValueRule

_VALUE_CODES = {"removed": "KS301", "deprecated": "KS302", "too-new": "KS104"}


def value_matches(
    ctx: MatchContext, rule: KeyRule, entries: list[Entry], document: int, root_values: RootValues
) -> Iterator[Match]:
    """The first value rule with a finding, for each scalar the rule's key holds.

    ``entries``: the explicit scalar entries whose key (a list's key, for its elements) the rule's key matches.
    """
    for rel, occurrence in entries:
        for value_rule in rule.values:
            if value_rule.when and not ctx.conditions_hold(value_rule.when, root_values):
                continue
            if not value_rule.matches(occurrence.value, ctx.typed):
                continue
            found = value_match(ctx, rule, value_rule, rel, occurrence, document)
            if found is not None:
                yield found
                break


def first_value_match(
    ctx: MatchContext,
    rule: KeyRule,
    value: Scalar,
    typed: bool,
    rel: tuple[str, ...],
    occurrence: Occurrence,
    document: int,
) -> Match | None:
    """The finding of the first value rule ``value`` meets (None when it meets none, or that one is fine)."""
    for value_rule in rule.values:
        if value_rule.matches(value, typed):
            return value_match(ctx, rule, value_rule, rel, occurrence, document)
    return None


def value_match(
    ctx: MatchContext,
    rule: KeyRule,
    value_rule: ValueRule,
    rel: tuple[str, ...],
    occurrence: Occurrence,
    document: int,
) -> Match | None:
    """The finding for a value a value rule names, if the target version has one."""
    stage = stage_at(ctx, value_rule.removed, value_rule.deprecated, value_rule.added)
    if stage is None:
        return None
    key_text = join_path(rel[:-1] if occurrence.is_element else rel)
    message = f"value {format_scalar(occurrence.value)} of {key_text} {stage_words(ctx, stage)}"
    span = occurrence.value_span or occurrence.key_span
    if stage.state == "too-new":
        found = finding(
            ctx,
            _VALUE_CODES[stage.state],
            span,
            message,
            rule=rule,
            occurrence=occurrence,
            since=stage.since,
            suggestion=f"use another value, or check against --to {stage.since} or later",
        )
        return Match(found, document, rule, value_rule, occurrence, ctx.prefix)
    return _replaced_value_match(ctx, stage, rule, value_rule, occurrence, document, message)


def _replaced_value_match(
    ctx: MatchContext,
    stage: Stage,
    rule: KeyRule,
    value_rule: ValueRule,
    occurrence: Occurrence,
    document: int,
    message: str,
) -> Match:
    """A removed or deprecated value, with the value to use instead when the rule names one."""
    has_new = value_rule.replaced_by is not None
    if stage.state == "deprecated":
        message += removal_note(value_rule.removed)
    if has_new:
        message += f"; use {format_scalar(value_rule.replaced_by)}"
    found = finding(
        ctx,
        _VALUE_CODES[stage.state],
        occurrence.value_span or occurrence.key_span,
        message,
        rule=rule,
        occurrence=occurrence,
        since=stage.since,
        replacement=value_rule.replaced_by,
        suggestion=f"use value {format_scalar(value_rule.replaced_by)}" if has_new else None,
        reason=value_rule.reason or rule.reason,
        url=value_rule.url or rule.url,
    )
    return Match(
        found,
        document,
        rule,
        value_rule,
        occurrence,
        ctx.prefix,
        new_value=value_rule.replaced_by,
        has_new_value=has_new,
    )
