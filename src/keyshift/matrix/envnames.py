"""Environment-variable forms of matrix keys: ``dten.hybrid.enable`` -> ``DTEN_HYBRID_ENABLE``.

Upper case, ``.`` and ``-`` become the product's separator (``_`` by default, ``__`` for some
frameworks), ``[N]`` becomes ``N``, and ``[product] env-prefix`` goes in front.  Only keys of two or
more segments (or any key when the product sets an env-prefix) get an environment form: a one-word
key's form (``DEBUG``) is too common a word to hunt for.

Under relaxed binding a name is compared folded (:func:`~keyshift.matrix.model.relaxed_segment`: no
case, no ``-`` or ``_``), so the separator drops out of the form.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from keyshift.core.keypath import WILDCARDS
from keyshift.matrix.model import KeyRule, Product, relaxed_segment

ENV_NAME = re.compile(r"[A-Z][A-Z0-9_]*")
_HOLES = {"*": "(.+?)", "**": "(.+)"}


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
class EnvForm:
    """A key's environment name as names are compared: literal ``chunks`` around the key's wildcards.

    ``chunks`` has one more item than ``holes`` (``*`` or ``**``); chunks are folded under relaxed
    binding.  ``dten.*.x`` is ``("DTEN_", "_X")`` around ``("*",)``, relaxed ``("dten", "x")``.
    """

    chunks: tuple[str, ...]
    holes: tuple[str, ...] = ()

    @property
    def literal(self) -> bool:
        return not self.holes

    def regex(self) -> str:
        """A regex whose groups are the wildcards, in order (for :meth:`re.Pattern.fullmatch`)."""
        parts = [re.escape(self.chunks[0])]
        for hole, chunk in zip(self.holes, self.chunks[1:], strict=True):
            parts += [_HOLES[hole], re.escape(chunk)]
        return "".join(parts)


def env_form(product: Product, segments: Sequence[str]) -> EnvForm:
    """The form of ``segments`` that env-var names are compared with (see :class:`EnvForm`)."""
    relaxed = product.binding == "relaxed"
    if relaxed and not any(s in WILDCARDS for s in segments):
        # folded as one name, as a name from a file is (case folding can depend on the neighbours)
        return EnvForm((relaxed_segment(env_name(product, segments)),))
    separator = "" if relaxed else product.env_separator
    chunks: list[str] = [relaxed_segment(product.env_prefix) if relaxed else product.env_prefix]
    holes: list[str] = []
    for position, segment in enumerate(segments):
        if position:
            chunks[-1] += separator
        if segment in WILDCARDS:
            holes.append(segment)
            chunks.append("")
        else:
            text = env_segment(segment)
            chunks[-1] += relaxed_segment(text) if relaxed else text
    return EnvForm(tuple(chunks), tuple(holes))


def compared_name(product: Product, name: str) -> str:
    """A name as it is compared with an :class:`EnvForm`: folded under relaxed binding."""
    return relaxed_segment(name) if product.binding == "relaxed" else name


@dataclass(frozen=True, slots=True)
class EnvRule:
    """A key rule with an environment form (and, for a wildcard form, its regex, compiled when first used)."""

    rule: KeyRule
    form: EnvForm
    regex: str | None = None
    """For wildcard forms: a regex whose groups are the wildcards, in order."""

    def match(self, wanted: str) -> tuple[str, ...] | None:
        """The wildcard captures when ``wanted`` (a name in compared form) is this key's name, else None."""
        if self.regex is None:
            return () if wanted == self.form.chunks[0] else None
        found = _compiled(self.regex).fullmatch(wanted)
        return None if found is None else found.groups()


@cache
def _compiled(regex: str) -> re.Pattern[str]:
    return re.compile(regex)


def env_rules(product: Product, rules: Sequence[KeyRule]) -> list[EnvRule]:
    """The rules with an environment form, in matrix order."""
    out: list[EnvRule] = []
    for rule in rules:
        if not has_env_form(product, rule.pattern.segments):
            continue
        form = env_form(product, rule.pattern.segments)
        out.append(EnvRule(rule, form, None if form.literal else form.regex()))
    return out


def replacement_name(product: Product, rule: KeyRule, captures: tuple[str, ...]) -> str | None:
    """The environment form of a rule's ``replaced-by``, with wildcard captures (already env-formed)."""
    if rule.replaced_by is None:
        return None
    groups = iter(captures)
    parts = [next(groups).upper() if s in WILDCARDS else env_segment(s) for s in rule.replaced_by.segments]
    return product.env_prefix + product.env_separator.join(parts)
