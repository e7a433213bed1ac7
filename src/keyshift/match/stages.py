"""Where a key or a value stands at the target version, and the words messages use for it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from keyshift.match.context import MatchContext


@dataclass(frozen=True, slots=True)
class Stage:
    """Removed or deprecated at or before the target version, or only added after it."""

    state: Literal["removed", "deprecated", "too-new"]
    since: str


def stage_at(ctx: MatchContext, removed: str | None, deprecated: str | None, added: str | None) -> Stage | None:
    """The stage of a key or value with these versions; None when the target version is fine with it."""
    if removed is not None and ctx.reached(removed):
        return Stage("removed", removed)
    if deprecated is not None and ctx.reached(deprecated):
        return Stage("deprecated", deprecated)
    if added is not None and not ctx.reached(added):
        return Stage("too-new", added)
    return None


def stage_words(ctx: MatchContext, stage: Stage) -> str:
    """``was removed in 3.0``, ``is deprecated since 2.5``, ``is only available from 3.1 (...)``."""
    if stage.state == "removed":
        return f"was removed in {stage.since}"
    if stage.state == "deprecated":
        return f"is deprecated since {stage.since}"
    return f"is only available from {stage.since} (checking against {ctx.to})"


def removal_note(removed: str | None) -> str:
    """What a deprecation message adds when the removal is already planned."""
    return f" and removed in {removed}" if removed else ""
