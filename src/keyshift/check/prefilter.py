"""The text prefilter: decide from a file's raw text whether it can hold any key of a matrix.

A file that holds key ``a.b.c`` in any spelling (nested, dotted, quoted) contains the text of each of
its literal segments, so one distinctive segment per key is enough to rule a file out.  Product files
are always parsed (their required keys must be checked); every other file is parsed only when this
says it may contain a key.
"""

from __future__ import annotations

from dataclasses import dataclass

from keyshift.matrix import Matrix, relaxed_segment
from keyshift.matrix.envnames import env_segment, has_env_form


@dataclass(frozen=True, slots=True)
class Prefilter:
    """Needles of which at least one must occur in the text; empty ``needles`` with ``always`` passes all."""

    needles: tuple[str, ...]
    folded: bool = False
    always: bool = False

    def may_contain(self, text: str) -> bool:
        if self.always:
            return True
        if self.folded:
            text = relaxed_segment(text)
        return any(needle in text for needle in self.needles)


def build_prefilter(matrix: Matrix) -> Prefilter:
    product = matrix.product
    relaxed = product.binding == "relaxed"
    needles: set[str] = set()
    for rule in matrix.keys:
        literals = rule.pattern.literal_segments()
        if not literals:
            return Prefilter((), always=True)
        # the longest segment is the rarest in practice, and any one of them is necessary
        needle = max(literals, key=len)
        needles.add(relaxed_segment(needle) if relaxed else needle)
        if not relaxed and has_env_form(product, rule.pattern.segments):
            needles.add(env_segment(needle))
    # a needle that contains another is redundant: the shorter one already matches
    ordered = sorted(needles, key=len)
    kept: list[str] = []
    for needle in ordered:
        if not any(shorter in needle for shorter in kept):
            kept.append(needle)
    return Prefilter(tuple(kept), folded=relaxed)
