"""JSON Lines: one JSON object per line, for streaming and ``jq -c``, with the ``json`` format's fields.

Each finding is one line holding the object the ``json`` format writes for it (the keys of
:data:`keyshift.report.json.FINDING_KEYS`).  After ``fix`` each fix outcome follows as
``{"fix": {...}}`` (the keys of :data:`keyshift.report.json.FIX_KEYS`).  The last line is always
``{"summary": {...}}``.  Lines are ASCII (non-ASCII is ``\\u`` escaped), so no line holds a raw line break.
"""

from __future__ import annotations

import json

from keyshift.report import Reporter
from keyshift.report.json import JsonValue, finding_to_json, fixes_to_json, summary_to_json
from keyshift.report.model import Report


def _line(value: JsonValue) -> str:
    return json.dumps(value, ensure_ascii=True, allow_nan=False, separators=(",", ":")) + "\n"


class JsonLinesReporter:
    def render(self, report: Report, *, color: bool) -> str:
        lines = [_line(finding_to_json(finding)) for finding in report.findings]
        if report.fixes is not None:
            lines += [_line({"fix": fix}) for fix in fixes_to_json(report.fixes)]
        lines.append(_line({"summary": summary_to_json(report.findings, report.summary)}))
        return "".join(lines)


REPORTER: Reporter = JsonLinesReporter()
