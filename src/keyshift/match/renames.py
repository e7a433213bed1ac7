"""What a rename writes and where: the new key (with the file's spelling), its mapped value, and
whether the new key is already set."""

from __future__ import annotations

from collections.abc import Sequence

from keyshift.core.model import Occurrence, Scalar
from keyshift.core.values import format_scalar, scalar_text
from keyshift.match.context import MatchContext
from keyshift.match.model import TargetState
from keyshift.match.views import View
from keyshift.matrix import KeyRule


def new_key(ctx: MatchContext, rule: KeyRule, rel: tuple[str, ...]) -> tuple[str, ...] | None:
    """The path ``rel`` is renamed to (None when the rule names no replacement)."""
    if rule.replaced_by is None:
        return None
    captures = rule.pattern.match(rel, ctx.normalize)
    if captures is None:
        return None
    # substitute what was written in the file, not its normalised form
    return rule.replaced_by.substitute(_original_captures(rule.pattern.segments, rel, captures))


def _original_captures(
    pattern: Sequence[str], path: tuple[str, ...], captures: tuple[tuple[str, ...], ...]
) -> tuple[tuple[str, ...], ...]:
    """Re-slice ``path`` with the capture lengths, so substitutions keep the file's spelling."""
    out: list[tuple[str, ...]] = []
    position = 0
    groups = iter(captures)
    for segment in pattern:
        if segment in ("*", "**"):
            size = len(next(groups))
            out.append(path[position : position + size])
            position += size
        else:
            position += 1
    return tuple(out)


def mapped(
    ctx: MatchContext, rule: KeyRule, occurrence: Occurrence, keep_text: bool = False
) -> tuple[bool, Scalar, str]:
    """The value a rename writes (value-map), and the words the suggestion adds about it.

    ``keep_text``: a string stays a string (an env-var value in a compose map must not become a
    YAML boolean: compose rejects those).
    """
    if not rule.value_map or occurrence.value_kind != "scalar":
        return False, None, ""
    found, value = rule.mapped_value(occurrence.value)
    if not found:
        return False, None, f" (no value-map entry for {format_scalar(occurrence.value)}: set its value by hand)"
    if not ctx.typed or (keep_text and isinstance(occurrence.value, str)):
        value = scalar_text(value)
    return True, value, f" = {format_scalar(value)}"


def target_state(
    ctx: MatchContext,
    view: View,
    old: tuple[str, ...],
    new: tuple[str, ...],
    has_value: bool,
    new_value: Scalar,
) -> TargetState:
    """Compare the subtree at ``new`` (if any) with what renaming ``old`` would put there."""
    existing = [o for _, o in view.by_path.get(ctx.npath(new), []) if not o.implicit]
    if not existing:
        return "absent"
    old_leaves = _leaves(ctx, view, old)
    if has_value:
        old_leaves = [(suffix, new_value if not suffix else value) for suffix, value in old_leaves]
    return "same" if old_leaves == _leaves(ctx, view, new) else "conflict"


def _leaves(ctx: MatchContext, view: View, path: tuple[str, ...]) -> list[tuple[tuple[str, ...], Scalar]]:
    npath = ctx.npath(path)
    size = len(npath)
    out = [
        (ctx.npath(rel[size:]), o.value)
        for rel, o in view.entries
        if not o.implicit and o.value_kind == "scalar" and ctx.npath(rel[:size]) == npath
    ]
    return sorted(out, key=lambda item: (item[0], repr(item[1])))


def target_note(state: TargetState, old: str, new: str, suggestion: str | None) -> tuple[str, str | None]:
    """What a rename's message adds, and its suggestion, when the new key is already set."""
    if state == "same":
        return f" ({new} is already set to the same value)", f"delete it: {new} already holds the same value"
    if state == "conflict":
        return f" (conflict: {new} is already set, to another value)", f"resolve by hand: keep one of {old} and {new}"
    return "", suggestion
