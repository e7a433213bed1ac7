"""Rename chains a matrix sets up: renames that lead back to where they started, or never end, and the
same for the value replacements of one key.

``a.x -> a.y`` with ``a.y -> a.x`` would have ``fix`` rename a key back and forth until its pass limit.  Each
rename is followed from a key its rule matches (a wildcard stands for a segment no literal rule names), and a
chain that comes back to a key it renamed, or goes on past :data:`MAX_CHAIN` renames, is reported.  Value
rules whose ``replaced-by`` values replace each other in a ring (``x -> y``, ``y -> x``), or that replace the
value ``expect`` requires, would do the same to a value.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from keyshift.core.keypath import WILDCARDS, KeyPathError
from keyshift.core.model import Scalar
from keyshift.core.values import format_scalar
from keyshift.matrix.model import KeyRule, ValueRule

MAX_CHAIN = 64
"""A chain of renames longer than this is taken as endless (``a.** -> a.b.**`` renames its own result)."""

Normalize = Callable[[str], str] | None


@dataclass(frozen=True, slots=True)
class RenameLoop:
    """Renames that never settle: the rules in the order they apply, and whether they come back to the first."""

    rules: tuple[KeyRule, ...]
    cycle: bool

    def describe(self, *, sources: bool = False) -> str:
        """What is wrong; ``sources`` adds the file each rule comes from (a matrix layered over a pack)."""
        chain = " -> ".join(f"{r.key} ({r.source})" if sources else r.key for r in self.rules)
        if self.cycle:
            return f"renames form a cycle: {chain} -> {self.rules[0].key} (fix would rename keys back and forth)"
        return f"renames never end: {chain} -> ... (each new key is renamed again)"


def rename_loop(rules: Sequence[KeyRule], normalize: Normalize = None) -> RenameLoop | None:
    """The first rename of ``rules`` whose chain loops or never ends, else None."""
    finder = _Chains([r for r in rules if r.replaced_by is not None], normalize)
    for rule in finder.renames:
        loop = finder.loop_from(rule)
        if loop is not None:
            return loop
    return None


class _Chains:
    def __init__(self, renames: list[KeyRule], normalize: Normalize) -> None:
        self.renames = renames
        self.normalize = normalize
        self.literal: dict[tuple[str, ...], list[KeyRule]] = {}
        self.wild: list[KeyRule] = []
        for rule in renames:
            if rule.pattern.is_literal:
                self.literal.setdefault(self._norm(rule.pattern.segments), []).append(rule)
            else:
                self.wild.append(rule)
        self.settled: set[tuple[str, ...]] = set()
        """Keys whose every chain is known to end."""

    def _norm(self, key: tuple[str, ...]) -> tuple[str, ...]:
        return key if self.normalize is None else tuple(self.normalize(s) for s in key)

    def loop_from(self, rule: KeyRule) -> RenameLoop | None:
        # a wildcard stands for a segment no rule names, so only what every such key does is followed
        start = tuple(f"\x00{i}" if s in WILDCARDS else s for i, s in enumerate(rule.pattern.segments))
        return self._follow(start, [], [])

    def _follow(self, key: tuple[str, ...], keys: list[tuple[str, ...]], used: list[KeyRule]) -> RenameLoop | None:
        norm = self._norm(key)
        if norm in self.settled:
            return None
        if norm in keys:
            return RenameLoop(tuple(used[keys.index(norm) :]), cycle=True)
        if len(used) >= MAX_CHAIN:
            return RenameLoop(tuple(dict.fromkeys(used)), cycle=False)
        keys.append(norm)
        for rule, new in self._renamed(key):
            loop = self._follow(new, keys, [*used, rule])
            if loop is not None:
                return loop
        keys.pop()
        self.settled.add(norm)
        return None

    def _renamed(self, key: tuple[str, ...]) -> list[tuple[KeyRule, tuple[str, ...]]]:
        """Each rule that renames ``key``, with the key it renames it to."""
        out: list[tuple[KeyRule, tuple[str, ...]]] = []
        for rule in (*self.literal.get(self._norm(key), ()), *self.wild):
            captures = rule.pattern.match(key, self.normalize)
            if captures is None or rule.replaced_by is None:
                continue
            try:
                new = rule.replaced_by.substitute(captures)
            except KeyPathError:
                continue
            if new != key and self._norm(new) == self._norm(key):
                continue  # a new spelling of the same key under relaxed binding, not a rename
            out.append((rule, new))
        return out


@dataclass(frozen=True, slots=True)
class ValueLoop:
    """A key's value replacements that never settle: where to report it, and what happens."""

    field: tuple[str, ...]
    """The field of the key rule's table: ``("values", "[0]", "replaced-by")`` or ``("expect",)``."""
    message: str


def value_loop(rule: KeyRule) -> ValueLoop | None:
    """Value rules of ``rule`` whose replacements lead back to a value they replace, or that replace the
    value ``expect`` sets; value rules limited by ``when`` are left out (they may never meet)."""
    rules = [(i, v) for i, v in enumerate(rule.values) if v.replaced_by is not None and not v.when]

    def replacing(value: Scalar) -> list[tuple[int, ValueRule]]:
        return [(i, v) for i, v in rules if v.matches(value, True) or v.matches(value, False)]

    if rule.has_expect and not rule.when:
        for i, value_rule in replacing(rule.expect):
            return ValueLoop(
                ("expect",),
                f"expect = {format_scalar(rule.expect)}, but values[{i}] replaces it with "
                f"{format_scalar(value_rule.replaced_by)} (fix would change the value back and forth)",
            )
    for i, value_rule in rules:
        chain = _value_chain([(i, value_rule)], replacing)
        if chain is not None:
            # the value the first rule replaces is the last one's replacement
            shown = " -> ".join(format_scalar(v.replaced_by) for _, v in [chain[-1], *chain])
            return ValueLoop(
                ("values", f"[{i}]", "replaced-by"),
                f"value replacements form a cycle: {shown} (fix would change the value back and forth)",
            )
    return None


def _value_chain(
    chain: list[tuple[int, ValueRule]], replacing: Callable[[Scalar], list[tuple[int, ValueRule]]]
) -> list[tuple[int, ValueRule]] | None:
    """The rules from ``chain[0]`` on that replace each other's replacement back to ``chain[0]``, if any."""
    for step in replacing(chain[-1][1].replaced_by):
        if step[0] == chain[0][0]:
            return chain
        if all(step[0] != i for i, _ in chain):
            found = _value_chain([*chain, step], replacing)
            if found is not None:
                return found
    return None
