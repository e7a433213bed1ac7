"""Findings for a key named other than as a config key: an env-var name, a source literal, a text token.

These carry no required-key or value checks of their own; the name as written is what they report.
"""

from __future__ import annotations

from dataclasses import dataclass

from keyshift.core.model import Kind, Occurrence, Scalar
from keyshift.core.values import format_scalar
from keyshift.match.context import MatchContext
from keyshift.match.findings import finding, kind_of
from keyshift.match.keys import key_code, key_stage
from keyshift.match.model import Match, TargetState
from keyshift.match.renames import mapped, target_note
from keyshift.match.stages import stage_words
from keyshift.matrix import KeyRule

_RENAMING: tuple[Kind, ...] = ("renamed", "deprecated")


@dataclass(frozen=True, slots=True)
class Alias:
    """How an occurrence names a key, and what renaming it would write."""

    name: str
    """The name as written (an env-var name inside a longer key path, a token)."""
    new_name: str | None
    new_path: tuple[str, ...] | None
    form_label: str = ""
    """What the message adds after the name: `` (the environment form of dten.x)``."""
    by_value: bool = False
    """The name is a string value (``- DTEN_X=1``): a rename rewrites that value into ``new_value``."""
    new_value: Scalar = None
    target_state: TargetState = "absent"


def alias_match(ctx: MatchContext, rule: KeyRule, occurrence: Occurrence, document: int, alias: Alias) -> Match | None:
    """The finding for a use of the key under another name, if the target version has one."""
    stage = key_stage(ctx, rule)
    if stage is None:
        return None
    code = key_code(rule, stage)
    kind = kind_of(code)
    renaming = kind in _RENAMING
    span = occurrence.value_span if alias.by_value and occurrence.value_span is not None else occurrence.key_span
    use = f"; use {alias.new_name}" if alias.new_name and renaming else ""
    has_value, new_value = _alias_value(ctx, rule, occurrence, alias)
    suggestion = _alias_suggestion(kind, occurrence, alias, has_value, new_value)
    conflict = ""
    if alias.new_name is not None:
        conflict, suggestion = target_note(alias.target_state, alias.name, alias.new_name, suggestion)
    found = finding(
        ctx,
        code,
        span,
        f"{alias.name}{alias.form_label} {stage_words(ctx, stage)}{use}{conflict}",
        rule=rule,
        occurrence=occurrence,
        found=alias.name,
        confidence="low" if occurrence.form == "text" else "high",
        since=stage.since,
        replacement=alias.new_name if renaming else None,
        suggestion=suggestion,
    )
    return Match(
        found,
        document,
        rule,
        occurrence=occurrence,
        new_path=alias.new_path if renaming and not alias.by_value else None,
        new_value=new_value,
        has_new_value=has_value,
        rename_by_value=alias.by_value and has_value,
        target_state=alias.target_state,
    )


def _alias_value(ctx: MatchContext, rule: KeyRule, occurrence: Occurrence, alias: Alias) -> tuple[bool, Scalar]:
    """Whether a rename writes a value, and which."""
    if alias.by_value:
        return alias.new_value is not None, alias.new_value
    if alias.new_name and occurrence.value_kind == "scalar" and occurrence.form == "key":
        has_value, new_value, _ = mapped(ctx, rule, occurrence, keep_text=True)
        return has_value, new_value
    return False, alias.new_value


def _alias_suggestion(
    kind: Kind, occurrence: Occurrence, alias: Alias, has_value: bool, new_value: Scalar
) -> str | None:
    if alias.new_name and kind in _RENAMING:
        return f"rename to {alias.new_name}" + (
            f" = {format_scalar(new_value)}" if has_value and not alias.by_value else ""
        )
    if kind == "removed":
        return "delete it" if occurrence.form == "key" else "stop using it here"
    return None
