"""The fixed choices of run options, in a module the CLI can read at start-up without loading the rest."""

from __future__ import annotations

FAIL_ON_CHOICES = ("error", "warning", "never")
COLOR_CHOICES = ("auto", "always", "never")
