"""Catastrophic backtracking in a value rule's ``pattern``, found when the matrix is loaded.

Python's ``re`` tries the ways a pattern can match one after the other.  When a repeated part can match the
same text in two different ways (``(a+)+``, ``(a|a)*``, ``(.*)*``, ``(a|aa)+``), a value that almost matches
makes it try exponentially many: ``^(a+)+$`` never finishes on 35 characters.

The check is the exponential-ambiguity test on the pattern's position automaton (Glushkov's construction,
with each transition counting the ways the pattern's structure allows it, capped at two): the pattern is
refused when some position can reach itself along two different paths reading the same text.  Characters
are compared through a small set of representatives (every ASCII character, each character and range end the
pattern names, and samples of Unicode letters, digits and spaces).  A repetition bounded by more than
:data:`EXACT_REPEAT` counts as unbounded, lookarounds are checked on their own, and a backreference counts as
``.*``: all of which can only refuse more, never less.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

# the parse tree re.compile itself builds: a private module, the same since Python 3.11
sre: Any = importlib.import_module("re._constants")
sre_parse: Any = importlib.import_module("re._parser")

EXACT_REPEAT = 16
"""``x{2,5}`` is written out as its copies up to this count; ``x{2,100}`` counts as ``x{2,}``."""
MAX_POSITIONS = 2_000
"""Characters a pattern may have to match (``a{5}`` is five), and pairs of them compared: about a second."""
MAX_PAIRS = 400_000

# letters, digits, spaces and marks beyond ASCII, the characters whose case folds into ASCII, a lone surrogate
_SAMPLES = (
    "\x85\xa0\xb2\xb5\xba\xc0\xdf\xe9\xff\u0130\u0131\u017f\u0301\u0660\u2003\u2028\u3000\u212a"
    "\u4e2d\ufeff\uff10\U0001d7ce\U0001f600\udc80"
)
_ALL = -1
_Node = TypeVar("_Node", int, tuple[int, int])


class TooComplex(ValueError):
    """A pattern too large to check."""


def catastrophic(pattern: str) -> str | None:
    """Why ``pattern`` (already known to compile) can backtrack catastrophically, or None when it cannot."""
    parsed = sre_parse.parse(pattern)
    try:
        for body in _bodies(list(parsed)):
            if _Automaton(body, parsed.state.flags).ambiguous():
                return (
                    "catastrophic backtracking: a repeated part can match the same text in more than one way "
                    "(as in (a+)+, (a|a)* or (.*)*), so a value that almost matches would take forever; "
                    "write it so that each character can be matched only one way"
                )
    except (TooComplex, RecursionError):
        return "too large to check for catastrophic backtracking: split it into several value rules"
    return None


def _bodies(items: list[Any]) -> Iterator[list[Any]]:
    """The pattern, then the body of every lookaround in it (each is matched on its own)."""
    yield items
    for op, av in _walk(items):
        if op in (sre.ASSERT, sre.ASSERT_NOT):
            yield list(av[1])


def _walk(items: Iterable[Any]) -> Iterator[tuple[Any, Any]]:
    for op, av in items:
        yield op, av
        for child in _children(op, av):
            yield from _walk(child)


def _children(op: Any, av: Any) -> list[Any]:
    if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
        return [av[2]]
    if op is sre.SUBPATTERN:
        return [av[3]]
    if op is sre.ATOMIC_GROUP:
        return [av]
    if op is sre.BRANCH:
        return list(av[1])
    if op is sre.GROUPREF_EXISTS:
        return [av[1]] + ([av[2]] if av[2] is not None else [])
    return []


@dataclass(slots=True)
class _Part:
    """What a sub-pattern contributes: the ways it matches empty text, and its first and last positions."""

    empty: int
    first: dict[int, int] = field(default_factory=dict)
    last: dict[int, int] = field(default_factory=dict)


def _sat(count: int) -> int:
    return min(count, 2)


def _added(a: dict[int, int], b: dict[int, int], times: int = 1) -> dict[int, int]:
    out = dict(a)
    if times:
        for position, ways in b.items():
            out[position] = _sat(out.get(position, 0) + ways * times)
    return out


class _Automaton:
    """The position automaton of one pattern body: a character set per position, and the ways each
    position can follow another (position 0 is the start)."""

    def __init__(self, items: list[Any], flags: int) -> None:
        self.alphabet = _alphabet(items)
        self.known: dict[tuple[Any, str, int], int] = {}
        self.masks: list[int] = [0]
        self.follow: list[dict[int, int]] = [{}]
        whole = self.part(items, flags)
        self.follow[0] = dict(whole.first)

    # -- building -------------------------------------------------------------------------------

    def part(self, items: Iterable[Any], flags: int) -> _Part:
        result = _Part(1)
        for op, av in items:
            result = self.seq(result, self.item(op, av, flags))
        return result

    def item(self, op: Any, av: Any, flags: int) -> _Part:  # noqa: PLR0911 - one return per kind of node
        if op in (sre.LITERAL, sre.NOT_LITERAL, sre.ANY, sre.IN):
            return self.atom(self.mask(op, av, flags))
        if op in (sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT):
            return self.repeat(av[0], av[1], av[2], flags)
        if op is sre.SUBPATTERN:
            return self.part(av[3], (flags | av[1]) & ~av[2])
        if op is sre.ATOMIC_GROUP:
            return self.part(av, flags)
        if op is sre.BRANCH:
            parts = [self.part(branch, flags) for branch in av[1]]
            return _Part(
                _sat(sum(p.empty for p in parts)),
                _merged(p.first for p in parts),
                _merged(p.last for p in parts),
            )
        if op is sre.GROUPREF:  # the text a group matched: any text, as far as this check can tell
            return self.loop(self.atom(_ALL), 1)
        if op is sre.GROUPREF_EXISTS:
            yes, no = self.part(av[1], flags), self.part(av[2] or [], flags)
            return _Part(_sat(yes.empty + no.empty), _added(yes.first, no.first), _added(yes.last, no.last))
        return _Part(1)  # anchors and lookarounds match no character

    def atom(self, mask: int) -> _Part:
        if len(self.masks) > MAX_POSITIONS:
            raise TooComplex
        self.masks.append(mask)
        self.follow.append({})
        position = len(self.masks) - 1
        return _Part(0, {position: 1}, {position: 1})

    def link(self, last: dict[int, int], first: dict[int, int]) -> None:
        for p, p_ways in last.items():
            follow = self.follow[p]
            for q, q_ways in first.items():
                follow[q] = _sat(follow.get(q, 0) + p_ways * q_ways)

    def seq(self, a: _Part, b: _Part) -> _Part:
        self.link(a.last, b.first)
        return _Part(_sat(a.empty * b.empty), _added(a.first, b.first, a.empty), _added(b.last, a.last, b.empty))

    def loop(self, body: _Part, at_least: int) -> _Part:
        """``body`` repeated: each iteration after the first starts where one ends (``re`` stops at an empty one)."""
        self.link(body.last, body.first)
        return _Part(1 if at_least == 0 else body.empty, body.first, body.last)

    def repeat(self, low: int, high: int, body: list[Any], flags: int) -> _Part:
        unbounded = high is sre.MAXREPEAT or high > EXACT_REPEAT
        result = _Part(1)
        for _ in range(min(low, EXACT_REPEAT) - (1 if unbounded and low else 0)):
            result = self.seq(result, self.part(body, flags))
        if unbounded:
            return self.seq(result, self.loop(self.part(body, flags), low))
        tail = _Part(1)
        for _ in range(high - low):
            inner = self.seq(self.part(body, flags), tail)
            tail = _Part(_sat(1 + inner.empty), inner.first, inner.last)
        return self.seq(result, tail)

    # -- characters -------------------------------------------------------------------------------

    def mask(self, op: Any, av: Any, flags: int) -> int:
        """The representatives one character position matches, as bits."""
        key = (op, repr(av), flags)
        if key not in self.known:
            self.known[key] = self._mask(op, av, flags)
        return self.known[key]

    def _mask(self, op: Any, av: Any, flags: int) -> int:
        variants = _case_variants if flags & sre.SRE_FLAG_IGNORECASE else _same
        ascii_only = bool(flags & (sre.SRE_FLAG_ASCII | sre.SRE_FLAG_LOCALE))
        dotall = bool(flags & sre.SRE_FLAG_DOTALL)
        bits = 0
        for index, ch in enumerate(self.alphabet):
            if any(_accepts(v, op, av, ascii_only, dotall) for v in variants(ch)):
                bits |= 1 << index
        return bits

    # -- the test -------------------------------------------------------------------------------------

    def ambiguous(self) -> bool:
        """Whether two different paths lead from some position back to itself reading the same text.

        Both paths stay in the loop (strongly connected positions) the position is in, so only pairs of
        positions of one loop are followed, from each position paired with itself.
        """
        loop_of: dict[int, int] = {}
        graph = {p: list(follow) for p, follow in enumerate(self.follow)}
        for number, loop in enumerate(_components(graph)):
            loop_of.update(dict.fromkeys(loop, number))
        edges, divergent = self._pairs(loop_of)
        for component in _components(edges):
            if any(p != q for p, q in component) or any(
                source in component and target in component for source, target in divergent
            ):
                return True
        return False

    def _pairs(
        self, loop_of: dict[int, int]
    ) -> tuple[dict[tuple[int, int], list[tuple[int, int]]], list[tuple[tuple[int, int], tuple[int, int]]]]:
        """The pairs of positions of one loop two runs can be at after reading the same text, and the moves
        from a position to itself along two different ways (each pair is kept in order, p <= q)."""
        edges: dict[tuple[int, int], list[tuple[int, int]]] = {}
        divergent: list[tuple[tuple[int, int], tuple[int, int]]] = []
        todo = [(p, p) for p in loop_of]
        work = 0
        while todo:
            pair = todo.pop()
            if pair in edges:
                continue
            p1, p2 = pair
            loop = loop_of[p1]
            moves: list[tuple[int, int]] = []
            for q1, ways in self.follow[p1].items():
                if loop_of.get(q1) != loop:
                    continue
                for q2 in self.follow[p2]:
                    work += 1
                    if loop_of.get(q2) == loop and self.masks[q1] & self.masks[q2]:
                        moves.append((q1, q2) if q1 <= q2 else (q2, q1))
                        if p1 == p2 and q1 == q2 and ways > 1:
                            divergent.append((pair, (q1, q2)))
            edges[pair] = moves
            todo.extend(target for target in moves if target not in edges)
            if work > MAX_PAIRS:
                raise TooComplex
        return edges, divergent


def _merged(parts: Iterable[dict[int, int]]) -> dict[int, int]:
    out: dict[int, int] = {}
    for part in parts:
        out = _added(out, part)
    return out


def _components(edges: Mapping[_Node, list[_Node]]) -> list[set[_Node]]:
    """The strongly connected components of a graph that hold a cycle (Tarjan's, without recursion)."""
    index: dict[_Node, int] = {}
    low: dict[_Node, int] = {}
    stack: list[_Node] = []
    on_stack: set[_Node] = set()
    found: list[set[_Node]] = []
    for root in edges:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            node, at = work.pop()
            if at == 0:
                index[node] = low[node] = len(index)
                stack.append(node)
                on_stack.add(node)
            moves = edges.get(node, [])
            if at < len(moves):
                work.append((node, at + 1))
                target = moves[at]
                if target not in index:
                    work.append((target, 0))
                elif target in on_stack:
                    low[node] = min(low[node], index[target])
                continue
            if low[node] == index[node]:
                component: set[_Node] = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1 or node in moves:
                    found.append(component)
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return found


def _alphabet(items: list[Any]) -> list[str]:
    """Representatives: enough characters that two character sets of the pattern that share one share one of these."""
    chars = {chr(code) for code in range(128)} | set(_SAMPLES)
    for op, av in _walk(items):
        if op in (sre.LITERAL, sre.NOT_LITERAL):
            chars.update(_case_variants(chr(av)))
        elif op is sre.IN:
            for item_op, item_av in av:
                if item_op is sre.LITERAL:
                    chars.update(_case_variants(chr(item_av)))
                elif item_op is sre.RANGE:
                    chars.update(_range_samples(*item_av))
    return sorted(chars)


def _range_samples(low: int, high: int) -> set[str]:
    """The ends of a range and the characters next to them, and its first digit, space and word character."""
    codes = {low - 1, low, low + 1, (low + high) // 2, high - 1, high, high + 1}
    samples = {chr(c) for c in codes if 0 <= c <= 0x10FFFF}
    for test in (str.isdecimal, str.isspace, _word, lambda ch: not _word(ch)):
        for code in range(low, min(high, low + 4096) + 1):
            if test(chr(code)):
                samples.add(chr(code))
                break
    return samples


def _word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def _same(ch: str) -> tuple[str, ...]:
    return (ch,)


def _case_variants(ch: str) -> tuple[str, ...]:
    return tuple({ch, ch.lower(), ch.upper(), ch.swapcase(), ch.casefold()} - {""})


def _accepts(ch: str, op: Any, av: Any, ascii_only: bool, dotall: bool) -> bool:
    """Whether one character position of the parse tree accepts ``ch`` (its first character, for a case variant)."""
    ch = ch[:1]
    if op is sre.LITERAL:
        return ch == chr(av)
    if op is sre.NOT_LITERAL:
        return ch != chr(av)
    if op is sre.ANY:
        return dotall or ch != "\n"
    if op is not sre.IN:  # GROUPREF's stand-in: every character
        return True
    negate = bool(av) and av[0][0] is sre.NEGATE
    hit = any(_in_set(ch, item_op, item_av, ascii_only) for item_op, item_av in av[1 if negate else 0 :])
    return hit != negate


def _in_set(ch: str, op: Any, av: Any, ascii_only: bool) -> bool:
    if op is sre.LITERAL:
        return ch == chr(av)
    if op is sre.RANGE:
        return bool(av[0] <= ord(ch) <= av[1])
    if op is sre.CATEGORY:
        return _category(ch, str(av), ascii_only)
    return True  # anything else a set may hold: count it as matching


def _category(ch: str, name: str, ascii_only: bool) -> bool:
    if ascii_only and not ch.isascii():
        return name.startswith("CATEGORY_NOT_")
    test = _CATEGORIES.get(name.removeprefix("CATEGORY_").removeprefix("NOT_"))
    result = True if test is None else test(ch)
    return not result if name.startswith("CATEGORY_NOT_") else result


_CATEGORIES: dict[str, Callable[[str], bool]] = {
    "DIGIT": str.isdecimal,
    "SPACE": str.isspace,
    "WORD": _word,
    "LINEBREAK": "\n".__eq__,
}
