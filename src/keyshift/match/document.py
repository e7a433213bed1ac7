"""All matches of one document, in a fixed order: key rules (their keys, then their values) in
matrix order, then required keys, then keys named other than as config keys.

The order matters: reports sort findings, but removing duplicates keeps the first of equal ones.
"""

from __future__ import annotations

from keyshift.core.model import Document
from keyshift.match.context import MatchContext, RootValues
from keyshift.match.forms import form_matches
from keyshift.match.hits import rule_hits
from keyshift.match.keys import key_match, occurrences_for
from keyshift.match.model import Match
from keyshift.match.required import required_matches
from keyshift.match.values import value_matches
from keyshift.match.views import document_views


def document_matches(ctx: MatchContext, document: Document) -> list[Match]:
    # the env-var forms are found first: a required env var an env rename creates is not missing
    forms = form_matches(ctx, document)
    env_renames = [m for m in forms if m.finding.kind == "renamed"]
    return [*_key_document(ctx, document, env_renames), *forms]


def _key_document(ctx: MatchContext, document: Document, env_renames: list[Match]) -> list[Match]:
    """Matches of the rules with occurrences here (in matrix order), then the required keys."""
    views = document_views(ctx, document)
    hits = rule_hits(ctx, views)
    requires = ctx.role.product_file and document.root_kind == "mapping"
    if not hits and not requires:
        return []
    root_values = _root_values(ctx, document)
    renamed_targets: set[tuple[str, ...]] = set()
    results: list[Match] = []
    for position in sorted(hits):
        rule = ctx.index.rules[position]
        if rule.when and not ctx.conditions_hold(rule.when, root_values):
            continue
        hit = hits[position]
        for entry in occurrences_for(ctx, rule, hit.keys):
            found = key_match(ctx, rule, entry, document.index, hit.view, renamed_targets)
            if found is not None:
                results.append(found)
        results.extend(value_matches(ctx, rule, hit.values, document.index, root_values))
    if requires:
        results.extend(required_matches(ctx, document, views, root_values, renamed_targets, env_renames))
    return results


def _root_values(ctx: MatchContext, document: Document) -> RootValues:
    """The document's explicit scalar keys, by normalised path (what ``when`` conditions test)."""
    return {
        ctx.npath(o.path): o.value
        for o in document.occurrences
        if not o.implicit and o.value_kind == "scalar" and o.form == "key"
    }
