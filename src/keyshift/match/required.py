"""Required keys: missing from a product file, or holding another value than the one they must have."""

from __future__ import annotations

from collections.abc import Iterator

from keyshift.core.model import Document, Occurrence, Position, Span
from keyshift.core.values import format_scalar, values_equal
from keyshift.match.context import MatchContext, RootValues
from keyshift.match.findings import finding
from keyshift.match.model import Match
from keyshift.match.views import DocumentViews, View
from keyshift.matrix import KeyRule
from keyshift.matrix.envnames import env_name, has_env_form


def required_matches(
    ctx: MatchContext,
    document: Document,
    views: DocumentViews,
    root_values: RootValues,
    renamed_targets: set[tuple[str, ...]],
    env_renames: list[Match],
) -> Iterator[Match]:
    """Required keys of one mapping document of a product file.

    ``renamed_targets``: keys a rename in this document creates; ``env_renames``: env-var renames
    found in it.  Neither is missing.
    """
    for rule in ctx.index.required:
        if not ctx.reached(rule.required):
            continue
        if rule.when and not ctx.conditions_hold(rule.when, root_values):
            continue
        if ctx.traits.env_file:
            # a .env product file holds environment variables: the key is required by that name
            yield from _required_env_matches(ctx, rule, document, env_renames)
            continue
        view = views.for_rule(ctx, rule)
        if view.present:
            yield from _required_key_matches(ctx, rule, view, document, renamed_targets)


def missing_everywhere(ctx: MatchContext) -> Iterator[Match]:
    """Required keys of a product file that holds no mapping at all (an empty file)."""
    for rule in ctx.index.required:
        if not ctx.reached(rule.required) or rule.when:
            continue
        new_path = View(ctx.prefix, rooted=False).to_file(rule.pattern.segments)
        yield _missing_match(ctx, rule, rule.key, rule.key, None, 0, new_path)


def _required_env_matches(
    ctx: MatchContext, rule: KeyRule, document: Document, env_renames: list[Match]
) -> Iterator[Match]:
    if not has_env_form(ctx.product, rule.pattern.segments):
        return
    name = env_name(ctx.product, rule.pattern.segments)
    named = f"{name} (the environment form of {rule.key})"
    present = [o for o in document.occurrences if o.path == (name,) and not o.implicit]
    renamed_here = any(m.finding.replacement == name for m in env_renames)
    if not present and not renamed_here:
        top = Span(Position(1, 1, 0), Position(1, 1, 0))
        yield _missing_match(ctx, rule, named, name, top, document.index, (name,))
    for occurrence in present if rule.has_expect else ():
        if not values_equal(occurrence.value, rule.expect, ctx.typed):
            yield _mismatch_match(ctx, rule, named, occurrence, document.index)


def _required_key_matches(
    ctx: MatchContext, rule: KeyRule, view: View, document: Document, renamed_targets: set[tuple[str, ...]]
) -> Iterator[Match]:
    segments = rule.pattern.segments
    present = [o for _, o in view.by_path.get(ctx.npath(segments), [])]
    if not present:
        if ctx.npath(segments) not in renamed_targets:  # else the rename this file needs creates it
            anchor = _nearest_parent(ctx, segments, view, document)
            yield _missing_match(ctx, rule, rule.key, rule.key, anchor, document.index, view.to_file(segments))
        return
    for occurrence in present if rule.has_expect else ():
        if occurrence.implicit or occurrence.is_element:
            continue
        if occurrence.value_kind == "scalar" and values_equal(occurrence.value, rule.expect, ctx.typed):
            continue
        yield _mismatch_match(ctx, rule, rule.key, occurrence, document.index)


def _missing_match(
    ctx: MatchContext,
    rule: KeyRule,
    named: str,
    add_as: str,
    anchor: Span | None,
    document: int,
    new_path: tuple[str, ...] | None,
) -> Match:
    expect_text = format_scalar(rule.expect) if rule.has_expect else None
    found = finding(
        ctx,
        "KS201",
        anchor,
        f"{named} is required from {rule.required} and is missing"
        + (f" (it must be {expect_text})" if expect_text is not None else ""),
        rule=rule,
        since=rule.required,
        replacement=rule.expect if rule.has_expect else None,
        suggestion=f"add {add_as}" + (f" = {expect_text}" if expect_text is not None else ""),
    )
    return Match(
        found,
        document,
        rule,
        prefix=ctx.prefix,
        new_path=new_path,
        new_value=rule.expect,
        has_new_value=rule.has_expect,
    )


def _mismatch_match(ctx: MatchContext, rule: KeyRule, named: str, occurrence: Occurrence, document: int) -> Match:
    expect_text = format_scalar(rule.expect)
    shown = format_scalar(occurrence.value) if occurrence.value_kind == "scalar" else f"a {occurrence.value_kind}"
    found = finding(
        ctx,
        "KS202",
        occurrence.value_span or occurrence.key_span,
        f"{named} must be {expect_text} from {rule.required}; found {shown}",
        rule=rule,
        occurrence=occurrence,
        since=rule.required,
        replacement=rule.expect,
        suggestion=f"set to {expect_text}",
    )
    return Match(
        found,
        document,
        rule,
        occurrence=occurrence,
        prefix=ctx.prefix,
        new_value=rule.expect,
        has_new_value=True,
    )


def _nearest_parent(ctx: MatchContext, segments: tuple[str, ...], view: View, document: Document) -> Span:
    """Where a missing key is reported: its nearest parent, else the prefix's key, else the document's top."""
    for end in range(len(segments) - 1, 0, -1):
        parents = view.by_path.get(ctx.npath(segments[:end]))
        if parents:
            return parents[0][1].key_span
    if ctx.prefix and not view.rooted:
        nprefix = ctx.npath(ctx.prefix)
        for occurrence in document.occurrences:
            if ctx.npath(occurrence.path) == nprefix:
                return occurrence.key_span
    # the first document starts at the top of the file (comments included); later ones at their marker
    start = document.span.start if document.index else Position(1, 1, 0)
    return Span(start, start)
