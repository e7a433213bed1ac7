"""Which findings a run reports: ``--select``, ``--extend-select`` and ``--ignore`` by code, code prefix, kind
or product, applied to a scan's result before it is reported or fixed.

A selector is a code (``KS102``), a code prefix (``KS1``: every ``KS1xx``), a finding kind (``renamed``) or a
product name (``spring-boot``).  Without ``--select`` every finding is selected; ``--extend-select`` adds to
either; ``--ignore`` takes away, and wins over a select.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from typing import get_args

from keyshift.check.discover import glob_matcher
from keyshift.check.scan import ScannedFile, ScanResult
from keyshift.core.model import Finding, Kind

KINDS = frozenset(get_args(Kind))
_CODE_PREFIX = re.compile(r"KS[0-9]{0,3}")


class SelectorError(ValueError):
    """A selector that names no code, kind or loaded product."""


@dataclass(frozen=True, slots=True)
class Selection:
    select: tuple[str, ...] = ()
    """Empty: every finding."""
    ignore: tuple[str, ...] = ()
    per_file: tuple[tuple[str, tuple[str, ...]], ...] = ()
    """(glob, selectors): findings in files the glob matches are not reported (``per-file-ignores``)."""

    @property
    def selects_all(self) -> bool:
        return not self.select and not self.ignore and not self.per_file

    def allows(self, finding: Finding) -> bool:
        if self.select and not any(_matches(selector, finding) for selector in self.select):
            return False
        if any(_matches(selector, finding) for selector in self.ignore):
            return False
        return not any(
            glob_matcher(glob)(finding.path) and any(_matches(s, finding) for s in selectors)
            for glob, selectors in self.per_file
        )


def selection(
    select: Sequence[str],
    extend_select: Sequence[str],
    ignore: Sequence[str],
    products: Iterable[str],
    per_file: Sequence[tuple[str, Sequence[str]]] = (),
) -> Selection:
    """The selection the options ask for; raises :class:`SelectorError` naming the option and the selector."""
    known = frozenset(products)
    chosen = _selectors(select, "--select", known)
    extra = _selectors(extend_select, "--extend-select", known)
    if chosen and extra:
        chosen = chosen + extra
    files = tuple((glob, _selectors(selectors, f"per-file-ignores {glob!r}", known)) for glob, selectors in per_file)
    return Selection(chosen, _selectors(ignore, "--ignore", known), files)


def _selectors(values: Sequence[str], option: str, products: frozenset[str]) -> tuple[str, ...]:
    found: list[str] = []
    for value in values:
        for raw in value.split(","):
            selector = raw.strip()
            if not selector:
                continue
            if _CODE_PREFIX.fullmatch(selector.upper()):
                found.append(selector.upper())
            elif selector in KINDS or selector in products:
                found.append(selector)
            else:
                raise SelectorError(
                    f"{option} {selector}: not a code (KS102), code prefix (KS1), kind ({', '.join(sorted(KINDS))}) "
                    f"or loaded product ({', '.join(sorted(products)) or 'none'})"
                )
    return tuple(found)


def _matches(selector: str, finding: Finding) -> bool:
    if selector.startswith("KS") and _CODE_PREFIX.fullmatch(selector):
        return finding.code.startswith(selector)
    return selector in (finding.kind, finding.product)


def select_result(result: ScanResult, chosen: Selection) -> ScanResult:
    """``result`` with only the findings ``chosen`` allows (and only their matches, which ``fix`` acts on)."""
    if chosen.selects_all:
        return result
    files = tuple(_selected_file(file, chosen) for file in result.files)
    return replace(
        result,
        findings=tuple(f for f in result.findings if chosen.allows(f)),
        files=tuple(file for file in files if file.check.findings),
    )


def _selected_file(file: ScannedFile, chosen: Selection) -> ScannedFile:
    check = file.check
    kept = replace(
        check,
        findings=tuple(f for f in check.findings if chosen.allows(f)),
        matches=tuple((fmt, m) for fmt, m in check.matches if chosen.allows(m.finding)),
    )
    return replace(file, check=kept)


__all__ = ["KINDS", "Selection", "SelectorError", "select_result", "selection"]
