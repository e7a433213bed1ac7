"""Environment-variable forms of matrix keys: ``dten.hybrid.enable`` -> ``DTEN_HYBRID_ENABLE``.

Upper case, ``.`` and ``-`` become the product's separator (``_`` by default, ``__`` for some
frameworks), ``[N]`` becomes ``N``, and ``[product] env-prefix`` goes in front.  Only keys of two or
more segments (or any key when the product sets an env-prefix) get an environment form: a one-word
key's form (``DEBUG``) is too common a word to hunt for.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from keyshift.core.keypath import WILDCARDS
from keyshift.matrix.model import KeyRule, Product, relaxed_segment

ENV_NAME = re.compile(r"[A-Z][A-Z0-9_]*")


def env_segment(segment: str) -> str:
    if segment.startswith("[") and segment.endswith("]"):
        return segment[1:-1]
    return segment.upper().replace("-", "_").replace(".", "_")


def env_name(product: Product, segments: Sequence[str]) -> str:
    return product.env_prefix + product.env_separator.join(env_segment(s) for s in segments)


def has_env_form(product: Product, segments: Sequence[str]) -> bool:
    literal = [s for s in segments if s not in WILDCARDS]
    return product.env and (len(segments) >= 2 or bool(product.env_prefix)) and bool(literal)


@dataclass(frozen=True, slots=True)
class EnvRule:
    rule: KeyRule
    name: str | None
    """The exact name, for keys without wildcards."""
    pattern: re.Pattern[str] | None
    """For wildcard keys: a regex whose groups are the wildcards, in order."""

    def match(self, name: str, relaxed: bool) -> tuple[str, ...] | None:
        wanted = relaxed_segment(name) if relaxed else name
        if self.pattern is None:
            assert self.name is not None
            return () if wanted == (relaxed_segment(self.name) if relaxed else self.name) else None
        found = self.pattern.fullmatch(wanted)
        return None if found is None else found.groups()


def env_rules(product: Product, rules: Sequence[KeyRule]) -> list[EnvRule]:
    relaxed = product.binding == "relaxed"
    out: list[EnvRule] = []
    for rule in rules:
        segments = rule.pattern.segments
        if not has_env_form(product, segments):
            continue
        if rule.pattern.is_literal:
            out.append(EnvRule(rule, env_name(product, segments), None))
            continue
        parts: list[str] = []
        for segment in segments:
            if segment == "*":
                parts.append("(.+?)")
            elif segment == "**":
                parts.append("(.+)")
            else:
                text = env_segment(segment)
                parts.append(re.escape(relaxed_segment(text) if relaxed else text))
        separator = "" if relaxed else re.escape(product.env_separator)
        prefix = re.escape(relaxed_segment(product.env_prefix) if relaxed else product.env_prefix)
        out.append(EnvRule(rule, None, re.compile(prefix + separator.join(parts))))
    return out


def replacement_name(product: Product, rule: KeyRule, captures: tuple[str, ...]) -> str | None:
    """The environment form of a rule's ``replaced-by``, with wildcard captures (already env-formed)."""
    if rule.replaced_by is None:
        return None
    groups = iter(captures)
    parts = [next(groups).upper() if s in WILDCARDS else env_segment(s) for s in rule.replaced_by.segments]
    return product.env_prefix + product.env_separator.join(parts)
