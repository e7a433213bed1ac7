"""The one value every reporter renders: findings, run summary, skipped-file notices and fix outcomes.

``check`` fills findings, summary and notices; ``fix`` adds :class:`FixSummary` (what was fixed,
what was not and why, how many files changed) and its findings are those left after fixing.
"""

from __future__ import annotations

from dataclasses import dataclass

from keyshift.core.model import Finding, FixOutcome, Notice, RunSummary


@dataclass(frozen=True, slots=True)
class FixError:
    """A file ``fix`` could not finish, and why: left as it was (it could not be written, or a result failed
    verification), or stopped at the pass limit with fixes still to make."""

    path: str
    message: str


@dataclass(frozen=True, slots=True)
class FixSummary:
    """What ``fix`` did: one outcome per fixable finding (sorted like findings), the files it changed
    and how many fixes those files received, and the files it could not finish."""

    outcomes: tuple[FixOutcome, ...]
    files_changed: int
    applied: int
    errors: tuple[FixError, ...] = ()


@dataclass(frozen=True, slots=True)
class Report:
    """Everything a run reports; reporters turn it into text and never look anywhere else."""

    findings: tuple[Finding, ...]
    summary: RunSummary
    notices: tuple[Notice, ...] = ()
    fixes: FixSummary | None = None
    """Set by ``fix``: its outcomes; ``findings`` are then the ones that remain."""
    verbose: bool = False
    """``-v``: reporters that show notes under a finding add where its rule came from."""
