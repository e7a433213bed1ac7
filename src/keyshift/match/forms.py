"""Keys named other than as config keys: env-var names (as keys, as values, as ``$NAME`` references),
string literals in source code and tokens in plain text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace

from keyshift.core.keypath import join_path
from keyshift.core.model import Document, Occurrence, Scalar
from keyshift.core.values import scalar_text, values_equal
from keyshift.match.aliases import Alias, alias_match
from keyshift.match.context import MatchContext
from keyshift.match.model import Match, TargetState
from keyshift.match.renames import new_key
from keyshift.match.values import first_value_match
from keyshift.matrix import KeyRule
from keyshift.matrix.envnames import replacement_name

_ENV_IN_VALUE = re.compile(r"([A-Z][A-Z0-9_]*)(=.*)?", re.DOTALL)
_ENV_REFERENCE = re.compile(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)")


def form_matches(ctx: MatchContext, document: Document) -> list[Match]:
    """The document's keys named other than as config keys, in the order they occur."""
    matches: list[Match] = []
    for occurrence in document.occurrences:
        if occurrence.implicit:
            continue
        if occurrence.form != "key":
            matches.extend(_source_matches(ctx, occurrence, document))
        elif ctx.env:
            matches.extend(_env_key_matches(ctx, occurrence, document))
    return matches


def _source_matches(ctx: MatchContext, occurrence: Occurrence, document: Document) -> Iterator[Match]:
    """A string literal in source code or a token in plain text: a dotted key, or an env-var name."""
    if not ctx.product.searches_sources:
        return
    if len(occurrence.path) >= 2:
        found = _dotted_token_match(ctx, occurrence, document.index)
        if found is not None:
            yield found
    elif ctx.env:
        yield from env_matches(ctx, occurrence, occurrence.path[0], document, by_value=False)


def _env_key_matches(ctx: MatchContext, occurrence: Occurrence, document: Document) -> Iterator[Match]:
    """A config key named like an env var, or a string value naming or referencing one."""
    last = occurrence.path[-1] if occurrence.path else ""
    if not occurrence.is_element and _looks_like_env(last):
        yield from env_matches(ctx, occurrence, last, document, by_value=False)
    if occurrence.value_kind == "scalar" and isinstance(occurrence.value, str):
        named = _ENV_IN_VALUE.fullmatch(occurrence.value)
        if named is not None and _looks_like_env(named[1]):
            yield from env_matches(ctx, occurrence, named[1], document, by_value=True)
        elif "$" in occurrence.value:
            yield from _env_references(ctx, occurrence, document)


def _dotted_token_match(ctx: MatchContext, occurrence: Occurrence, document: int) -> Match | None:
    """A dotted key written as a literal or token: the first rule whose key it is decides."""
    rule = ctx.index.first_dotted(ctx.npath(occurrence.path))
    if rule is None:
        return None
    target = new_key(ctx, rule, occurrence.path)
    alias = Alias(occurrence.found, join_path(target) if target else None, target)
    return alias_match(ctx, rule, occurrence, document, alias)


def _env_references(ctx: MatchContext, holder: Occurrence, document: Document) -> Iterator[Match]:
    """``$NAME`` / ``${NAME}`` inside a string value (``run: echo $DTEN_X`` in a CI workflow).

    Reported at the reference itself; fixed by rewriting the string when it is written on one line.
    """
    span = holder.value_span
    if span is None or not isinstance(holder.value, str):
        return
    raw = ctx.parsed.text[span.start.offset : span.end.offset]
    for reference in _ENV_REFERENCE.finditer(raw):
        name = reference[1]
        if not _looks_like_env(name):
            continue
        start = span.start.offset + reference.start(1)
        token = Occurrence((name,), name, ctx.lines.span(start, start + len(name)), None, "scalar", form="literal")
        for match in env_matches(ctx, token, name, document, by_value=False):
            if match.finding.kind not in ("renamed", "deprecated"):
                yield match
            elif isinstance(match.finding.replacement, str) and "\n" not in raw:
                yield replace(
                    match,
                    occurrence=holder,
                    new_path=None,
                    new_value=_rename_references(holder.value, name, match.finding.replacement),
                    has_new_value=True,
                    rename_by_value=True,
                )
            else:
                yield replace(match, new_path=None)  # in a multi-line value: renamed by hand


def env_matches(
    ctx: MatchContext, occurrence: Occurrence, name: str, document: Document, *, by_value: bool
) -> Iterator[Match]:
    """The findings for an env-var name: the first env rule it matches decides."""
    found = ctx.env.find(name)
    if found is not None:
        env_rule, captures = found
        yield from _env_rule_matches(ctx, env_rule.rule, captures, occurrence, name, document, by_value)


def _env_rule_matches(
    ctx: MatchContext,
    rule: KeyRule,
    captures: tuple[str, ...],
    occurrence: Occurrence,
    name: str,
    document: Document,
    by_value: bool,
) -> Iterator[Match]:
    """A key's env-var name: its lifecycle finding, then its value's."""
    new_name = replacement_name(ctx.product, rule, captures)
    new_path: tuple[str, ...] | None = None
    new_value: Scalar = None
    rest = occurrence.value[len(name) :] if by_value and isinstance(occurrence.value, str) else ""
    if new_name is not None and by_value:
        rest = _mapped_rest(rule, rest)
        new_value = new_name + rest
    elif new_name is not None:
        new_path = (*occurrence.path[:-1], new_name)
    label = f" (the environment form of {rule.key})"
    state = _env_target_state(ctx, occurrence, new_path, document)
    alias = Alias(name, new_name, new_path, label, by_value, new_value, state)
    found = alias_match(ctx, rule, occurrence, document.index, alias)
    if found is not None:
        yield found
    if rule.values:
        found = _env_value_match(ctx, rule, occurrence, name, document.index, by_value, rest)
        if found is not None:
            yield found


def _mapped_rest(rule: KeyRule, rest: str) -> str:
    """``=value`` after the name in a ``NAME=value`` string, with the rule's value-map applied."""
    if rest.startswith("=") and rule.value_map:
        mapped, value = rule.mapped_value(rest[1:])
        return f"={scalar_text(value)}" if mapped else rest
    return rest


def _env_value_match(
    ctx: MatchContext, rule: KeyRule, occurrence: Occurrence, name: str, document: int, by_value: bool, rest: str
) -> Match | None:
    """The value finding of an env var: its own value, or the ``=value`` of a ``NAME=value`` string."""
    if not by_value:
        if occurrence.value_kind != "scalar":
            return None
        return first_value_match(ctx, rule, occurrence.value, ctx.typed, (name,), occurrence, document)
    if not rest.startswith("="):
        return None
    # NAME=value written as one string (a compose list item): its value part
    found = first_value_match(ctx, rule, rest[1:], False, (name,), occurrence, document)
    if found is not None and found.has_new_value:
        found = replace(found, new_value=f"{name}={scalar_text(found.new_value)}")
    return found


def _env_target_state(
    ctx: MatchContext, occurrence: Occurrence, new_path: tuple[str, ...] | None, document: Document
) -> TargetState:
    """Whether the renamed env-var key is already set beside the old one (same value or not)."""
    if new_path is None or occurrence.form != "key" or ctx.traits.reassigns:
        return "absent"  # a script assigns one variable in many places
    existing = [o for o in document.occurrences if o.path == new_path and not o.implicit]
    if not existing:
        return "absent"
    same = all(
        o.value_kind == "scalar"
        and occurrence.value_kind == "scalar"
        and values_equal(o.value, occurrence.value, ctx.typed)
        for o in existing
    )
    return "same" if same else "conflict"


def _rename_references(value: str, old: str, new: str) -> str:
    def rename(reference: re.Match[str]) -> str:
        return reference[0].replace(old, new) if reference[1] == old else reference[0]

    return _ENV_REFERENCE.sub(rename, value)


def _looks_like_env(name: str) -> bool:
    return "_" in name and name.upper() == name and name[:1].isalpha()
