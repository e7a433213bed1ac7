"""The plan of one TOML fix as the planner builds it up: edits, created tables, removed headers
and the value the new text holds."""

from __future__ import annotations

from dataclasses import dataclass, field

from keyshift.core.model import Edit, Scalar
from keyshift.formats.toml.render import decode_value, render_scalar
from keyshift.formats.toml.view import Path

__all__ = ["Plan"]


@dataclass(slots=True)
class Plan:
    """The planner's accumulator; verification reads ``removed_tables`` and ``written``."""

    edits: list[Edit] = field(default_factory=list)
    creates: set[Path] = field(default_factory=set)
    removed_tables: set[Path] = field(default_factory=set)
    written: object = None
    """The value the new text holds (a date/time literal decodes to a date, not to the given str)."""

    def write_value(self, value: Scalar, old_raw: str | None) -> str:
        """``value`` as TOML text (see :func:`render_scalar`), remembering what that text holds."""
        written = render_scalar(value, old_raw)
        if isinstance(value, str) and not written.startswith(('"', "'")):
            self.written = decode_value(written)
        return written

    def replace_value(self, text: str, start: int, end: int, value: Scalar) -> None:
        """Write ``value`` over the value text at ``[start, end)``."""
        self.edits.append(Edit(start, end, self.write_value(value, text[start:end])))
