"""The one value every reporter renders: findings, run summary, skipped-file notices and fix outcomes.

``check`` fills findings, summary and notices; ``fix`` adds :class:`FixSummary` (what was fixed,
what was not and why, how many files changed) and its findings are those left after fixing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from keyshift.core.model import Finding, RunSummary

if TYPE_CHECKING:
    from keyshift.check.discover import Notice
    from keyshift.fix.engine import FixOutcome


@dataclass(frozen=True, slots=True)
class FixSummary:
    """What ``fix`` did: one outcome per fixable finding (sorted like findings) and the files it changed."""

    outcomes: tuple[FixOutcome, ...]
    files_changed: int

    @property
    def applied(self) -> int:
        return sum(outcome.applied for outcome in self.outcomes)


@dataclass(frozen=True, slots=True)
class Report:
    """Everything a run reports; reporters turn it into text and never look anywhere else."""

    findings: tuple[Finding, ...]
    summary: RunSummary
    notices: tuple[Notice, ...] = ()
    fixes: FixSummary | None = None
    """Set by ``fix``: its outcomes; ``findings`` are then the ones that remain."""
