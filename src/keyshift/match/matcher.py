"""Matching key occurrences of one parsed file against one product's matrix.

Pure functions: a parsed file, the matrix, the target version and how the file relates to the
product (a product file with an optional prefix, or any other file) in; :class:`Match` values out.
A match is a finding plus what produced it, which the fixer needs.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from keyshift.core.keypath import join_path
from keyshift.core.model import Document, Finding, Kind, Occurrence, ParsedFile, Position, Scalar, Severity, Span
from keyshift.core.positions import LineIndex
from keyshift.core.values import format_scalar, scalar_text, values_equal
from keyshift.core.versions import VersionOrder
from keyshift.formats import format_info
from keyshift.matrix import KeyRule, Matrix, ValueRule
from keyshift.matrix.envnames import env_name, env_rules, has_env_form, replacement_name


@dataclass(frozen=True, slots=True)
class FileRole:
    """How a file relates to a product: one of its own files (with a key prefix) or any other file."""

    matrix: Matrix
    to_version: str
    product_file: bool
    prefix: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Match:
    """A finding and what produced it."""

    finding: Finding
    document: int
    rule: KeyRule | None = None
    value_rule: ValueRule | None = None
    occurrence: Occurrence | None = None
    prefix: tuple[str, ...] = ()
    new_path: tuple[str, ...] | None = None
    """For renames and missing keys: the full path (prefix included) the key should have."""
    new_value: Scalar = None
    has_new_value: bool = False
    """For renames with value-map, mismatches, bad values and missing keys: the value to write."""
    target_state: Literal["absent", "same", "conflict"] = "absent"
    """For renames: whether the new key is already in the document, with the same value or another."""
    rename_by_value: bool = False
    """The key is named inside a string value (``- DTEN_X=1``, ``name: DTEN_X``): fix it by setting
    that value to ``new_value``."""


def match_file(parsed: ParsedFile[Any], display: str, role: FileRole) -> list[Match]:
    matcher = _Matcher(parsed, display, role)
    matches: list[Match] = []
    mapping_documents = [d for d in parsed.documents if d.root_kind == "mapping"]
    for document in parsed.documents:
        matches.extend(matcher.document(document))
    if role.product_file and not mapping_documents and not role.prefix:
        matches.extend(matcher.missing_everywhere())
    return matches


class _Matcher:
    def __init__(self, parsed: ParsedFile[Any], display: str, role: FileRole) -> None:
        self.parsed = parsed
        self.traits = format_info(parsed.format).traits
        self.display = display
        self.role = role
        self.product = role.matrix.product
        self.order: VersionOrder = self.product.order
        self.to = role.to_version
        normalize = self.product.normalizer()
        self.norm = normalize or (lambda s: s)
        self.normalize = normalize
        self.relaxed = normalize is not None
        self.env_rules = env_rules(self.product, role.matrix.keys) if self.product.env else []
        self.document_occurrences: tuple[Occurrence, ...] = ()
        self.env_renames: list[Match] = []
        self.lines: LineIndex | None = None

    # -- helpers ------------------------------------------------------------------------------

    def reached(self, version: str | None) -> bool:
        return version is not None and self.order.le(version, self.to)

    def npath(self, path: Iterable[str]) -> tuple[str, ...]:
        return tuple(self.norm(s) for s in path)

    def finding(
        self,
        span: Span | None,
        code: str,
        kind: Kind,
        severity: Severity,
        message: str,
        *,
        rule: KeyRule | None,
        occurrence: Occurrence | None = None,
        replacement: Scalar = None,
        since: str | None = None,
        suggestion: str | None = None,
        reason: str | None = None,
        url: str | None = None,
    ) -> Finding:
        start_line, start_col, end_line, end_col = (1, 1, 1, 1)
        if span is not None:
            start_line, start_col = span.start.line, span.start.column
            end_line, end_col = span.end.line, span.end.column
        return Finding(
            path=self.display,
            line=start_line,
            column=start_col,
            end_line=end_line,
            end_column=end_col,
            code=code,
            kind=kind,
            severity=severity,
            message=message,
            key=rule.key if rule else None,
            found=occurrence.found if occurrence else None,
            replacement=replacement,
            since=since,
            product=self.product.name,
            reason=reason if reason is not None else (rule.reason if rule else None),
            url=url if url is not None else (rule.url if rule else None),
            suggestion=suggestion,
        )

    # -- one document -------------------------------------------------------------------------

    def views(self, document: Document) -> tuple[_View, _View]:
        """The document's occurrences in the matrix's key space, both ways a prefix can relate them.

        ``nested``: the file holds the product's keys under the prefix (``[tool.ruff] select``
        is ``select``); keys outside the prefix are left out.  ``rooted``: the file is written
        relative to the prefix (``[hybrid] enable`` in a ``dten``-prefixed file is
        ``dten.hybrid.enable``).  Without a prefix both are the file's own paths.
        """
        prefix = self.role.prefix
        nprefix = self.npath(prefix)
        nested = _View(prefix, rooted=False)
        rooted = _View(prefix, rooted=True)
        for occurrence in document.occurrences:
            if occurrence.form != "key":
                continue
            rooted.add((*prefix, *occurrence.path), occurrence, self.npath)
            if self.npath(occurrence.path[: len(prefix)]) != nprefix:
                continue
            nested.present = True
            rel = occurrence.path[len(prefix) :]
            if rel:
                nested.add(rel, occurrence, self.npath)
        return nested, rooted

    def view_for(self, rule: KeyRule, nested: _View, rooted: _View) -> _View:
        prefix = self.role.prefix
        if prefix and self.npath(rule.pattern.segments[: len(prefix)]) == self.npath(prefix):
            return rooted
        return nested

    def document(self, document: Document) -> Iterator[Match]:
        forms = list(self.form_matches(document))
        self.env_renames = [m for m in forms if m.finding.kind == "renamed"]
        return iter([*self.key_document(document), *forms])

    def key_document(self, document: Document) -> Iterator[Match]:
        nested, rooted = self.views(document)
        root_values = {
            self.npath(o.path): o.value
            for o in document.occurrences
            if not o.implicit and o.value_kind == "scalar" and o.form == "key"
        }
        renamed_targets: set[tuple[str, ...]] = set()
        results: list[Match] = []
        for rule in self.role.matrix.keys:
            if rule.when and not self.conditions_hold(rule.when, root_values):
                continue
            view = self.view_for(rule, nested, rooted)
            for rel, occurrence in self.occurrences_for(rule, view):
                results.extend(self.key_matches(rule, rel, occurrence, document.index, view, renamed_targets))
            if rule.values:
                results.extend(self.value_matches(rule, view, document.index, root_values))
        if self.role.product_file and document.root_kind == "mapping":
            for rule in self.role.matrix.keys:
                if rule.required is None or not self.reached(rule.required):
                    continue
                if rule.when and not self.conditions_hold(rule.when, root_values):
                    continue
                if self.traits.env_file:
                    # a .env product file holds environment variables: the key is required by that name
                    results.extend(self.required_env_matches(rule, document))
                    continue
                view = self.view_for(rule, nested, rooted)
                if view.present:
                    results.extend(self.required_matches(rule, view, document, renamed_targets))
        return iter(results)

    # -- environment-variable forms, source literals and text tokens ------------------------------

    def form_matches(self, document: Document) -> Iterator[Match]:
        """Keys named other than as config keys: env-var names, string literals, plain-text tokens."""
        self.document_occurrences = document.occurrences
        for occurrence in document.occurrences:
            if occurrence.implicit:
                continue
            if occurrence.form != "key":
                if not self.product.searches_sources:
                    continue
                if len(occurrence.path) >= 2:
                    yield from self.dotted_token_matches(occurrence, document.index)
                elif self.env_rules:
                    yield from self.env_matches(occurrence, occurrence.path[0], document.index, by_value=False)
                continue
            if not self.env_rules:
                continue
            last = occurrence.path[-1] if occurrence.path else ""
            if not occurrence.is_element and _looks_like_env(last):
                yield from self.env_matches(occurrence, last, document.index, by_value=False)
            if occurrence.value_kind == "scalar" and isinstance(occurrence.value, str):
                named = _ENV_IN_VALUE.fullmatch(occurrence.value)
                if named is not None and _looks_like_env(named[1]):
                    yield from self.env_matches(occurrence, named[1], document.index, by_value=True)
                elif "$" in occurrence.value:
                    yield from self.env_references(occurrence, document.index)

    def dotted_token_matches(self, occurrence: Occurrence, document: int) -> Iterator[Match]:
        for rule in self.role.matrix.keys:
            if len(rule.pattern.segments) < 2:
                continue
            if rule.pattern.match(occurrence.path, self.normalize) is None:
                continue
            new_key = self.new_key(rule, occurrence.path)
            yield from self.alias_match(
                rule,
                occurrence,
                document,
                occurrence.found,
                join_path(new_key) if new_key else None,
                new_key,
                form_label="",
            )
            return

    def env_references(self, holder: Occurrence, document: int) -> Iterator[Match]:
        """``$NAME`` / ``${NAME}`` inside a string value (``run: echo $DTEN_X`` in a CI workflow).

        Reported at the reference itself; fixed by rewriting the string when it is written on one line.
        """
        span = holder.value_span
        if span is None or not isinstance(holder.value, str):
            return
        raw = self.parsed.text[span.start.offset : span.end.offset]
        for reference in _ENV_REFERENCE.finditer(raw):
            name = reference[1]
            if not _looks_like_env(name):
                continue
            if self.lines is None:
                self.lines = LineIndex(self.parsed.text)
            start = span.start.offset + reference.start(1)
            token = Occurrence((name,), name, self.lines.span(start, start + len(name)), None, "scalar", form="literal")
            for match in self.env_matches(token, name, document, by_value=False):
                new_name = match.finding.replacement
                one_line = "\n" not in raw
                if match.finding.kind in ("renamed", "deprecated") and isinstance(new_name, str) and one_line:
                    match = replace(
                        match,
                        occurrence=holder,
                        new_path=None,
                        new_value=_rename_references(holder.value, name, new_name),
                        has_new_value=True,
                        rename_by_value=True,
                    )
                elif match.finding.kind in ("renamed", "deprecated"):
                    match = replace(match, new_path=None)  # in a multi-line value: renamed by hand
                yield match

    def env_matches(self, occurrence: Occurrence, name: str, document: int, *, by_value: bool) -> Iterator[Match]:
        for env_rule in self.env_rules:
            captures = env_rule.match(name, self.relaxed)
            if captures is None:
                continue
            rule = env_rule.rule
            new_name = replacement_name(self.product, rule, captures)
            new_path: tuple[str, ...] | None = None
            new_value: Scalar = None
            rest = occurrence.value[len(name) :] if by_value and isinstance(occurrence.value, str) else ""
            if new_name is not None:
                if by_value:
                    if rest.startswith("=") and rule.value_map:
                        mapped, value = rule.mapped_value(rest[1:])
                        rest = f"={scalar_text(value)}" if mapped else rest
                    new_value = new_name + rest
                else:
                    new_path = (*occurrence.path[:-1], new_name)
            yield from self.alias_match(
                rule,
                occurrence,
                document,
                name,
                new_name,
                new_path,
                form_label=f" (the environment form of {rule.key})",
                by_value=by_value,
                value_override=new_value,
                target_state=self.env_target_state(occurrence, new_path),
            )
            if rule.values and not by_value and occurrence.value_kind == "scalar":
                for value_rule in rule.values:
                    if value_rule.matches(occurrence.value, self.parsed.typed):
                        found = self.value_match(rule, value_rule, (name,), occurrence, document)
                        if found is not None:
                            yield found
                        break
            if rule.values and by_value and rest.startswith("="):
                # NAME=value written as one string (a compose list item): its value part
                for value_rule in rule.values:
                    if value_rule.matches(rest[1:], False):
                        found = self.value_match(rule, value_rule, (name,), occurrence, document)
                        if found is not None and found.has_new_value:
                            found = replace(found, new_value=f"{name}={scalar_text(found.new_value)}")
                        if found is not None:
                            yield found
                        break
            return

    def alias_match(
        self,
        rule: KeyRule,
        occurrence: Occurrence,
        document: int,
        name: str,
        new_name: str | None,
        new_path: tuple[str, ...] | None,
        *,
        form_label: str,
        by_value: bool = False,
        value_override: Scalar = None,
        target_state: Literal["absent", "same", "conflict"] = "absent",
    ) -> Iterator[Match]:
        """A finding for a key named by an env var, a literal or a token (no required/value checks here)."""
        stage = self.lifecycle(rule)
        if stage is None:
            return
        code, kind, severity, since = stage
        span = occurrence.value_span if by_value and occurrence.value_span is not None else occurrence.key_span
        use = f"; use {new_name}" if new_name and kind in ("renamed", "deprecated") else ""
        verb = {
            "removed": f"was removed in {since}",
            "renamed": f"was removed in {since}",
            "deprecated": f"is deprecated since {since}",
            "too-new": f"is only available from {since} (checking against {self.to})",
        }[kind]
        has_value, new_value = False, value_override
        if by_value:
            has_value = new_value is not None
        elif new_name and occurrence.value_kind == "scalar" and occurrence.form == "key":
            has_value, new_value, _ = self.mapped(rule, occurrence, keep_text=True)
        suggestion = None
        if new_name and kind in ("renamed", "deprecated"):
            suggestion = f"rename to {new_name}" + (
                f" = {format_scalar(new_value)}" if has_value and not by_value else ""
            )
        elif kind == "removed":
            suggestion = "delete it" if occurrence.form == "key" else "stop using it here"
        conflict = ""
        if new_name is not None:
            conflict, suggestion = _target_note(target_state, name, new_name, suggestion)
        finding = self.finding(
            span,
            code,
            kind,
            severity,
            f"{name}{form_label} {verb}{use}{conflict}",
            rule=rule,
            occurrence=occurrence,
            since=since,
            replacement=new_name if kind in ("renamed", "deprecated") else None,
            suggestion=suggestion,
        )
        # the name as written (an env-var name inside a longer key path, a token)
        finding = replace(finding, found=name, confidence="low" if occurrence.form == "text" else "high")
        yield Match(
            finding,
            document,
            rule,
            occurrence=occurrence,
            new_path=new_path if kind in ("renamed", "deprecated") and not by_value else None,
            new_value=new_value,
            has_new_value=has_value,
            rename_by_value=by_value and has_value,
            target_state=target_state,
        )

    def env_target_state(
        self, occurrence: Occurrence, new_path: tuple[str, ...] | None
    ) -> Literal["absent", "same", "conflict"]:
        """Whether the renamed env-var key is already set beside the old one (same value or not)."""
        if new_path is None or occurrence.form != "key" or self.traits.reassigns:
            return "absent"  # a script assigns one variable in many places
        existing = [o for o in self.document_occurrences if o.path == new_path and not o.implicit]
        if not existing:
            return "absent"
        same = all(
            o.value_kind == "scalar"
            and occurrence.value_kind == "scalar"
            and values_equal(o.value, occurrence.value, self.parsed.typed)
            for o in existing
        )
        return "same" if same else "conflict"

    def lifecycle(self, rule: KeyRule) -> tuple[str, Kind, Severity, str] | None:
        """Which finding a use of the key is at the target version, if any."""
        if self.reached(rule.removed):
            assert rule.removed is not None
            if rule.replaced_by is not None:
                return "KS102", "renamed", "error", rule.removed
            return "KS101", "removed", "error", rule.removed
        if self.reached(rule.deprecated):
            assert rule.deprecated is not None
            return "KS103", "deprecated", "warning", rule.deprecated
        if rule.added is not None and not self.reached(rule.added):
            return "KS104", "too-new", "warning", rule.added
        return None

    def conditions_hold(
        self,
        conditions: Sequence[tuple[tuple[str, ...], tuple[Scalar, ...]]],
        root_values: dict[tuple[str, ...], Scalar],
    ) -> bool:
        for path, wanted in conditions:
            key = self.npath(path)
            if key not in root_values:
                return False
            found = root_values[key]
            if not any(values_equal(found, option, self.parsed.typed) for option in wanted):
                return False
        return True

    def occurrences_for(self, rule: KeyRule, view: _View) -> Iterator[tuple[tuple[str, ...], Occurrence]]:
        """Occurrences a key rule applies to, outermost first; descendants of a match are skipped."""
        index_tail = rule.pattern.segments[-1].startswith("[")
        if rule.pattern.is_literal:
            candidates = view.by_path.get(self.npath(rule.pattern.segments), [])
        else:
            candidates = [(rel, o) for rel, o in view.entries if rule.pattern.match(rel, self.normalize) is not None]
        explicit_paths = {self.npath(rel) for rel, o in candidates if not o.implicit}
        matched: list[tuple[str, ...]] = []
        for rel, occurrence in candidates:
            if occurrence.is_element and not index_tail:
                continue
            nrel = self.npath(rel)
            if occurrence.implicit and nrel in explicit_paths:
                continue
            if any(nrel[: len(m)] == m and len(nrel) > len(m) for m in matched):
                continue
            matched.append(nrel)
            yield rel, occurrence

    def key_matches(
        self,
        rule: KeyRule,
        rel: tuple[str, ...],
        occurrence: Occurrence,
        document: int,
        view: _View,
        renamed_targets: set[tuple[str, ...]],
    ) -> Iterator[Match]:
        key_text = join_path(rel) if not rule.pattern.is_literal else rule.key
        if self.reached(rule.removed):
            assert rule.removed is not None
            if rule.replaced_by is not None:
                yield self.rename_match(rule, rel, occurrence, document, key_text, view, renamed_targets)
                return
            yield Match(
                self.finding(
                    occurrence.key_span,
                    "KS101",
                    "removed",
                    "error",
                    f"{key_text} was removed in {rule.removed}",
                    rule=rule,
                    occurrence=occurrence,
                    since=rule.removed,
                    suggestion="delete it",
                ),
                document,
                rule,
                occurrence=occurrence,
                prefix=self.role.prefix,
            )
            return
        if self.reached(rule.deprecated):
            assert rule.deprecated is not None
            new_key = self.new_key(rule, rel)
            later = f" and removed in {rule.removed}" if rule.removed else ""
            message = f"{key_text} is deprecated since {rule.deprecated}{later}"
            suggestion: str | None = None
            has_value, new_value = False, None
            state: Literal["absent", "same", "conflict"] = "absent"
            if new_key:
                new_text = join_path(new_key)
                message += f"; use {new_text}"
                has_value, new_value, detail = self.mapped(rule, occurrence)
                suggestion = f"rename to {new_text}{detail}"
                state = self.target_state(view, rel, new_key, has_value, new_value)
                note, suggestion = _target_note(state, key_text, new_text, suggestion)
                message += note
            yield Match(
                self.finding(
                    occurrence.key_span,
                    "KS103",
                    "deprecated",
                    "warning",
                    message,
                    rule=rule,
                    occurrence=occurrence,
                    since=rule.deprecated,
                    replacement=join_path(new_key) if new_key else None,
                    suggestion=suggestion,
                ),
                document,
                rule,
                occurrence=occurrence,
                prefix=self.role.prefix,
                new_path=view.to_file(new_key) if new_key else None,
                new_value=new_value,
                has_new_value=has_value,
                target_state=state,
            )
            return
        if rule.added is not None and not self.reached(rule.added):
            yield Match(
                self.finding(
                    occurrence.key_span,
                    "KS104",
                    "too-new",
                    "warning",
                    f"{key_text} is only available from {rule.added} (checking against {self.to})",
                    rule=rule,
                    occurrence=occurrence,
                    since=rule.added,
                    suggestion=f"remove it, or check against --to {rule.added} or later",
                ),
                document,
                rule,
                occurrence=occurrence,
                prefix=self.role.prefix,
            )

    def new_key(self, rule: KeyRule, rel: tuple[str, ...]) -> tuple[str, ...] | None:
        if rule.replaced_by is None:
            return None
        captures = rule.pattern.match(rel, self.normalize)
        if captures is None:
            return None
        # substitute what was written in the file, not its normalised form
        return rule.replaced_by.substitute(_original_captures(rule.pattern.segments, rel, captures))

    def rename_match(
        self,
        rule: KeyRule,
        rel: tuple[str, ...],
        occurrence: Occurrence,
        document: int,
        key_text: str,
        view: _View,
        renamed_targets: set[tuple[str, ...]],
    ) -> Match:
        assert rule.removed is not None
        new_key = self.new_key(rule, rel) or ()
        new_text = join_path(new_key)
        renamed_targets.add(self.npath(new_key))
        has_value, new_value, detail = self.mapped(rule, occurrence)
        message = f"{key_text} was removed in {rule.removed}; use {new_text}"
        suggestion: str | None = f"rename to {new_text}{detail}"
        state = self.target_state(view, rel, new_key, has_value, new_value)
        note, suggestion = _target_note(state, key_text, new_text, suggestion)
        message += note
        return Match(
            self.finding(
                occurrence.key_span,
                "KS102",
                "renamed",
                "error",
                message,
                rule=rule,
                occurrence=occurrence,
                since=rule.removed,
                replacement=new_text,
                suggestion=suggestion,
            ),
            document,
            rule,
            occurrence=occurrence,
            prefix=self.role.prefix,
            new_path=view.to_file(new_key),
            new_value=new_value,
            has_new_value=has_value,
            target_state=state,
        )

    def mapped(self, rule: KeyRule, occurrence: Occurrence, keep_text: bool = False) -> tuple[bool, Scalar, str]:
        """The value a rename writes (value-map), and the words the suggestion adds about it.

        ``keep_text``: a string stays a string (an env-var value in a compose map must not become a
        YAML boolean: compose rejects those).
        """
        if not rule.value_map or occurrence.value_kind != "scalar":
            return False, None, ""
        found, value = rule.mapped_value(occurrence.value)
        if not found:
            return False, None, f" (no value-map entry for {format_scalar(occurrence.value)}: set its value by hand)"
        if not self.parsed.typed or (keep_text and isinstance(occurrence.value, str)):
            value = scalar_text(value)
        return True, value, f" = {format_scalar(value)}"

    def target_state(
        self,
        view: _View,
        old: tuple[str, ...],
        new: tuple[str, ...],
        has_value: bool,
        new_value: Scalar,
    ) -> Literal["absent", "same", "conflict"]:
        """Compare the subtree at ``new`` (if any) with what renaming ``old`` would put there."""
        existing = [o for _, o in view.by_path.get(self.npath(new), []) if not o.implicit]
        if not existing:
            return "absent"
        old_leaves = self.leaves(view, old)
        if has_value:
            old_leaves = [(suffix, new_value if not suffix else value) for suffix, value in old_leaves]
        return "same" if old_leaves == self.leaves(view, new) else "conflict"

    def leaves(self, view: _View, path: tuple[str, ...]) -> list[tuple[tuple[str, ...], Scalar]]:
        npath = self.npath(path)
        size = len(npath)
        out = [
            (self.npath(rel[size:]), o.value)
            for rel, o in view.entries
            if not o.implicit and o.value_kind == "scalar" and self.npath(rel[:size]) == npath
        ]
        return sorted(out, key=lambda item: (item[0], repr(item[1])))

    def value_matches(
        self, rule: KeyRule, view: _View, document: int, root_values: dict[tuple[str, ...], Scalar]
    ) -> Iterator[Match]:
        for rel, occurrence in view.entries:
            if occurrence.implicit or occurrence.value_kind != "scalar":
                continue
            key_path = rel[:-1] if occurrence.is_element else rel
            if rule.pattern.match(key_path, self.normalize) is None:
                continue
            for value_rule in rule.values:
                if value_rule.when and not self.conditions_hold(value_rule.when, root_values):
                    continue
                if not value_rule.matches(occurrence.value, self.parsed.typed):
                    continue
                found = self.value_match(rule, value_rule, rel, occurrence, document)
                if found is not None:
                    yield found
                    break

    def value_match(
        self,
        rule: KeyRule,
        value_rule: ValueRule,
        rel: tuple[str, ...],
        occurrence: Occurrence,
        document: int,
    ) -> Match | None:
        shown = format_scalar(occurrence.value)
        key_text = join_path(rel[:-1] if occurrence.is_element else rel)
        has_new = value_rule.replaced_by is not None
        use = f"; use {format_scalar(value_rule.replaced_by)}" if has_new else ""
        suggestion = f"use value {format_scalar(value_rule.replaced_by)}" if has_new else None
        common = {
            "rule": rule,
            "occurrence": occurrence,
            "replacement": value_rule.replaced_by,
            "suggestion": suggestion,
            "reason": value_rule.reason or rule.reason,
            "url": value_rule.url or rule.url,
        }
        span = occurrence.value_span or occurrence.key_span
        if self.reached(value_rule.removed):
            finding = self.finding(
                span,
                "KS301",
                "bad-value",
                "error",
                f"value {shown} of {key_text} was removed in {value_rule.removed}{use}",
                since=value_rule.removed,
                **common,  # type: ignore[arg-type]
            )
        elif self.reached(value_rule.deprecated):
            later = f" and removed in {value_rule.removed}" if value_rule.removed else ""
            finding = self.finding(
                span,
                "KS302",
                "bad-value",
                "warning",
                f"value {shown} of {key_text} is deprecated since {value_rule.deprecated}{later}{use}",
                since=value_rule.deprecated,
                **common,  # type: ignore[arg-type]
            )
        elif value_rule.added is not None and not self.reached(value_rule.added):
            finding = self.finding(
                span,
                "KS104",
                "too-new",
                "warning",
                f"value {shown} of {key_text} is only available from {value_rule.added} (checking against {self.to})",
                rule=rule,
                occurrence=occurrence,
                since=value_rule.added,
                suggestion=f"use another value, or check against --to {value_rule.added} or later",
            )
            return Match(finding, document, rule, value_rule, occurrence, self.role.prefix)
        else:
            return None
        return Match(
            finding,
            document,
            rule,
            value_rule,
            occurrence,
            self.role.prefix,
            new_value=value_rule.replaced_by,
            has_new_value=has_new,
        )

    def required_env_matches(self, rule: KeyRule, document: Document) -> Iterator[Match]:
        if not has_env_form(self.product, rule.pattern.segments):
            return
        name = env_name(self.product, rule.pattern.segments)
        named = f"{name} (the environment form of {rule.key})"
        present = [o for o in document.occurrences if o.path == (name,) and not o.implicit]
        renamed_here = any(m.finding.replacement == name for m in self.env_renames if m.document == document.index)
        if not present and not renamed_here:
            yield self.missing_match(
                rule, named, name, Span(Position(1, 1, 0), Position(1, 1, 0)), document.index, (name,)
            )
        for occurrence in present if rule.has_expect else ():
            if not values_equal(occurrence.value, rule.expect, self.parsed.typed):
                yield self.mismatch_match(rule, named, occurrence, document.index)

    def required_matches(
        self, rule: KeyRule, view: _View, document: Document, renamed_targets: set[tuple[str, ...]]
    ) -> Iterator[Match]:
        assert rule.required is not None
        segments = rule.pattern.segments
        present = [o for _, o in view.by_path.get(self.npath(segments), [])]
        if not present:
            if self.npath(segments) not in renamed_targets:  # else the rename this file needs creates it
                anchor = self.nearest_parent(segments, view, document)
                yield self.missing_match(rule, rule.key, rule.key, anchor, document.index, view.to_file(segments))
            return
        for occurrence in present if rule.has_expect else ():
            if occurrence.implicit or occurrence.is_element:
                continue
            if occurrence.value_kind == "scalar" and values_equal(occurrence.value, rule.expect, self.parsed.typed):
                continue
            yield self.mismatch_match(rule, rule.key, occurrence, document.index)

    def missing_match(
        self,
        rule: KeyRule,
        named: str,
        add_as: str,
        anchor: Span | None,
        document: int,
        new_path: tuple[str, ...] | None,
    ) -> Match:
        expect_text = format_scalar(rule.expect) if rule.has_expect else None
        return Match(
            self.finding(
                anchor,
                "KS201",
                "missing",
                "error",
                f"{named} is required from {rule.required} and is missing"
                + (f" (it must be {expect_text})" if expect_text is not None else ""),
                rule=rule,
                since=rule.required,
                replacement=rule.expect if rule.has_expect else None,
                suggestion=f"add {add_as}" + (f" = {expect_text}" if expect_text is not None else ""),
            ),
            document,
            rule,
            prefix=self.role.prefix,
            new_path=new_path,
            new_value=rule.expect,
            has_new_value=rule.has_expect,
        )

    def mismatch_match(self, rule: KeyRule, named: str, occurrence: Occurrence, document: int) -> Match:
        expect_text = format_scalar(rule.expect)
        shown = format_scalar(occurrence.value) if occurrence.value_kind == "scalar" else f"a {occurrence.value_kind}"
        return Match(
            self.finding(
                occurrence.value_span or occurrence.key_span,
                "KS202",
                "mismatch",
                "error",
                f"{named} must be {expect_text} from {rule.required}; found {shown}",
                rule=rule,
                occurrence=occurrence,
                since=rule.required,
                replacement=rule.expect,
                suggestion=f"set to {expect_text}",
            ),
            document,
            rule,
            occurrence=occurrence,
            prefix=self.role.prefix,
            new_value=rule.expect,
            has_new_value=True,
        )

    def nearest_parent(self, segments: tuple[str, ...], view: _View, document: Document) -> Span:
        for end in range(len(segments) - 1, 0, -1):
            parents = view.by_path.get(self.npath(segments[:end]))
            if parents:
                return parents[0][1].key_span
        if self.role.prefix and not view.rooted:
            nprefix = self.npath(self.role.prefix)
            for occurrence in document.occurrences:
                if self.npath(occurrence.path) == nprefix:
                    return occurrence.key_span
        # the first document starts at the top of the file (comments included); later ones at their marker
        start = document.span.start if document.index else Position(1, 1, 0)
        return Span(start, start)

    def missing_everywhere(self) -> Iterator[Match]:
        """Required keys of a product file that holds no mapping at all (an empty file)."""
        for rule in self.role.matrix.keys:
            if rule.required is None or not self.reached(rule.required) or rule.when:
                continue
            new_path = _View(self.role.prefix, rooted=False).to_file(rule.pattern.segments)
            yield self.missing_match(rule, rule.key, rule.key, None, 0, new_path)


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


class _View:
    """Occurrences of one document keyed by their path in the matrix's key space."""

    def __init__(self, prefix: tuple[str, ...], *, rooted: bool) -> None:
        self.prefix = prefix
        self.rooted = rooted
        self.present = rooted or not prefix
        self.entries: list[tuple[tuple[str, ...], Occurrence]] = []
        self.by_path: dict[tuple[str, ...], list[tuple[tuple[str, ...], Occurrence]]] = {}

    def add(
        self, path: tuple[str, ...], occurrence: Occurrence, npath: Callable[[Iterable[str]], tuple[str, ...]]
    ) -> None:
        entry = (path, occurrence)
        self.entries.append(entry)
        self.by_path.setdefault(npath(path), []).append(entry)

    def to_file(self, path: Sequence[str]) -> tuple[str, ...] | None:
        """A matrix-space path as a path in the file (None when the file cannot hold it)."""
        if not self.rooted:
            return (*self.prefix, *path)
        if tuple(path[: len(self.prefix)]) != self.prefix:
            return None
        return tuple(path[len(self.prefix) :])


_ENV_IN_VALUE = re.compile(r"([A-Z][A-Z0-9_]*)(=.*)?", re.DOTALL)
_ENV_REFERENCE = re.compile(r"\$\{?([A-Za-z_][A-Za-z0-9_]*)")


def _target_note(
    state: Literal["absent", "same", "conflict"], old: str, new: str, suggestion: str | None
) -> tuple[str, str | None]:
    """What a rename's message adds, and its suggestion, when the new key is already set."""
    if state == "same":
        return f" ({new} is already set to the same value)", f"delete it: {new} already holds the same value"
    if state == "conflict":
        return f" (conflict: {new} is already set, to another value)", f"resolve by hand: keep one of {old} and {new}"
    return "", suggestion


def _rename_references(value: str, old: str, new: str) -> str:
    def rename(reference: re.Match[str]) -> str:
        return reference[0].replace(old, new) if reference[1] == old else reference[0]

    return _ENV_REFERENCE.sub(rename, value)


def _looks_like_env(name: str) -> bool:
    return "_" in name and name.upper() == name and name[:1].isalpha()
