"""The text prefilter: whether a file's raw text can hold a finding of one product.

A file that is not one of the product's own is parsed only when, for some key rule that can report
something at the target version, the text holds every token one spelling of the key needs:

* the key as a path (nested, dotted, quoted, a token in prose, a literal in code): the tokens of
  every literal segment;
* its environment-variable form (``DTEN_HYBRID_ENABLE`` as a key, ``$DTEN_X``, ``DTEN_X=1``): the
  tokens of the name.

Tokens are described in :mod:`keyshift.check.tokens`.  Where a wildcard of an env form meets literal
text (``SPRING_JTA_*`` under relaxed binding is ``springjta`` and then anything), that text is only
the start, end or inside of a token: such needles go in one compiled pattern searched over the
file's distinct tokens, and any hit lets the file through.

Requirements are indexed by their rarest token, and found from the file's tokens with one set
intersection, so the cost per file does not grow with the number of keys.  Everything here is plain
data and a compiled pattern: it pickles.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, partial
from typing import NamedTuple

from keyshift.check.tokens import TOKEN_RUN, TextTokens, token_runs
from keyshift.matrix import KeyRule, Matrix, Product, ValueRule, relaxed_segment
from keyshift.matrix.envnames import EnvForm, env_form, has_env_form


@dataclass(frozen=True, slots=True)
class Requirement:
    """The tokens one spelling of a key needs: ``whole`` tokens, and ``affixes`` (regex pieces over the
    file's tokens joined by spaces) for text that is only part of a token."""

    whole: frozenset[bytes]
    affixes: frozenset[bytes] = frozenset()


class _Bucket(NamedTuple):
    """The requirements filed under one anchor token (their rarest): whether one needs no other whole
    token (``plain``: nothing else at all; ``affixed``: only affixes), and the others by their second
    rarest token."""

    plain: bool
    affixed: bool
    by_second: dict[bytes, tuple[Requirement, ...]]
    seconds: frozenset[bytes]


@dataclass(frozen=True, slots=True, eq=False)
class Prefilter:
    """Whether a text can hold a finding: requirements by their rarest token, and the affix pattern."""

    relaxed: bool = False
    always: bool = False
    buckets: dict[bytes, _Bucket] = field(default_factory=dict)
    anchors: frozenset[bytes] = frozenset()
    loose: bool = False
    """Some requirement has affixes only: a hit of ``affixes`` lets the file through."""
    affixes: re.Pattern[bytes] | None = None
    screen: tuple[bytes, ...] | None = None
    """A few tokens, one of which every requirement needs (a product's prefix is one for all its keys): a
    text that holds none of them anywhere is rejected before it is cut into tokens."""

    def may_contain(self, text: str | TextTokens) -> bool:
        if self.always:
            return True
        tokens = text if isinstance(text, TextTokens) else TextTokens(text)
        if self.screen is not None and not tokens.may_hold_any(self.screen, self.relaxed):
            return False
        hits = self.anchors.intersection(tokens.words(self.relaxed))
        if hits and self._met(hits, tokens):
            return True
        return self.loose and self._affix_hit(tokens)

    def _met(self, hits: frozenset[bytes], tokens: TextTokens) -> bool:
        """Whether a requirement filed under one of the anchors found is met."""
        present = tokens.word_set(self.relaxed)
        for token in hits:
            plain, affixed, by_second, seconds = self.buckets[token]
            if plain or (affixed and self._affix_hit(tokens)):
                return True
            for second in seconds.intersection(present):
                for need in by_second[second]:
                    if need.whole <= present and (not need.affixes or self._affix_hit(tokens)):
                        return True
        return False

    def _affix_hit(self, tokens: TextTokens) -> bool:
        return self.affixes is not None and self.affixes.search(tokens.joined(self.relaxed)) is not None


def build_prefilter(matrix: Matrix, to_version: str) -> Prefilter:
    """The prefilter of a matrix checked against ``to_version``."""
    product = matrix.product
    relaxed = product.binding == "relaxed"
    needs: set[Requirement] = set()
    reached = cache(partial(_reached, product, to_version))
    for rule in matrix.keys:
        if not can_report(rule, reached):
            continue
        needs.add(key_requirement(rule, relaxed))
        if has_env_form(product, rule.pattern.segments):
            needs.add(env_requirement(env_form(product, rule.pattern.segments)))
    if any(not need.whole and not need.affixes for need in needs):
        return Prefilter(relaxed, always=True)  # a key with nothing literal to look for
    return _indexed(needs, relaxed)


def can_report(rule: KeyRule, reached: Callable[[str], bool]) -> bool:
    """Whether the rule can report anything outside the product's files at this target: its key or one
    of its values is removed, deprecated or not yet added there (required keys are only checked in the
    product's files, which are always parsed)."""

    def stage(item: KeyRule | ValueRule) -> bool:
        removed, deprecated, added = item.removed, item.deprecated, item.added
        return (
            (removed is not None and reached(removed))
            or (deprecated is not None and reached(deprecated))
            or (added is not None and not reached(added))
        )

    return stage(rule) or any(stage(value) for value in rule.values)


def _reached(product: Product, to_version: str, version: str) -> bool:
    """Whether ``version`` is at or before the target (as the matcher's ``MatchContext.reached``)."""
    return product.order.le(version, to_version)


def key_requirement(rule: KeyRule, relaxed: bool) -> Requirement:
    """The tokens of every literal segment of the key (folded under relaxed binding)."""
    tokens: set[bytes] = set()
    for segment in rule.pattern.literal_segments():
        tokens.update(token_runs(relaxed_segment(segment) if relaxed else segment))
    return Requirement(frozenset(tokens))


def env_requirement(form: EnvForm) -> Requirement:
    """The tokens of an env-var name; beside a wildcard, a token's start, end or inside."""
    whole: set[bytes] = set()
    affixes: set[bytes] = set()
    last = len(form.chunks) - 1
    for position, chunk in enumerate(form.chunks):
        for run in TOKEN_RUN.finditer(chunk):
            token = run[0].encode()
            after_hole = position > 0 and run.start() == 0
            before_hole = position < last and run.end() == len(chunk)
            if not (after_hole or before_hole):
                whole.add(token)
            elif not after_hole:
                affixes.add(b" " + token)  # the start of a token
            elif not before_hole:
                affixes.add(token + b" ")  # the end of a token
            else:
                affixes.add(token)
    return Requirement(frozenset(whole), frozenset(affixes))


_SHORT = 4
"""Tokens shorter than this (``id``, ``x``, ``v1``) are common in any text: never an anchor if a longer one will do."""


def _indexed(needs: set[Requirement], relaxed: bool) -> Prefilter:
    """Each requirement filed under its two rarest whole tokens (those in the fewest requirements,
    short ones last); the affixes in one pattern."""
    counts = Counter(token for need in needs for token in need.whole)
    filed: dict[bytes, tuple[list[Requirement], dict[bytes, list[Requirement]]]] = {}
    for need in needs:
        if not need.whole:
            continue
        rarest = sorted(need.whole, key=lambda token: (len(token) < _SHORT, counts[token], -len(token), token))
        alone, by_second = filed.setdefault(rarest[0], ([], {}))
        if len(rarest) == 1:
            alone.append(need)
        else:
            by_second.setdefault(rarest[1], []).append(need)
    buckets = {
        token: _Bucket(
            any(not need.affixes for need in alone),
            bool(alone),
            {second: tuple(found) for second, found in by_second.items()},
            frozenset(by_second),
        )
        for token, (alone, by_second) in filed.items()
    }
    pieces = {piece for need in needs for piece in need.affixes}
    loose = any(not need.whole for need in needs)
    return Prefilter(
        relaxed,
        buckets=buckets,
        anchors=frozenset(buckets),
        loose=loose,
        affixes=re.compile(alternation(pieces)) if pieces else None,
        screen=None if loose else _screen(needs),
    )


MAX_SCREEN = 16
"""More screen tokens than this cost more substring searches than cutting the text into tokens."""


def _screen(needs: set[Requirement]) -> tuple[bytes, ...] | None:
    """A few tokens such that every requirement needs one of them (greedy: the token most requirements
    share first), or None when that takes more than :data:`MAX_SCREEN`."""
    left = list(needs)
    chosen: list[bytes] = []
    while left:
        shared = Counter(token for need in left for token in need.whole)
        # most requirements first; then the longer token (rarer in text), then a fixed order
        token = max(shared, key=lambda t: (shared[t], len(t), t))
        chosen.append(token)
        if len(chosen) > MAX_SCREEN:
            return None
        left = [need for need in left if token not in need.whole]
    return tuple(sorted(chosen))


def alternation(pieces: Iterable[bytes]) -> bytes:
    """One regex that finds any of ``pieces`` (regex texts), their common starts factored out, so the
    engine tries a handful of branches at each position rather than every piece."""
    trie: _Trie = {}
    for piece in pieces:
        node = trie
        for unit in re.findall(rb"\\.|.", piece, re.DOTALL):  # an escaped character is one unit
            node = node.setdefault(unit, {})
        node[b""] = {}
    return _emit(trie)


_Trie = dict[bytes, "_Trie"]


def _emit(node: _Trie) -> bytes:
    if b"" in node:
        return b""  # a piece ends here: for a search, the longer ones add nothing
    branches = [unit + _emit(child) for unit, child in sorted(node.items())]
    return branches[0] if len(branches) == 1 else b"(?:" + b"|".join(branches) + b")"
