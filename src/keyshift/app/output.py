"""The end of every command: render the report, write it to stdout or ``-o FILE``, choose the exit code."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from keyshift.app.config import RunConfig, UsageError, extra_reports
from keyshift.core.model import SEVERITY_RANK, Finding
from keyshift.report import Reporter
from keyshift.report.model import Report


def exit_code(findings: Sequence[Finding], fail_on: str) -> int:
    """1 when a finding is at or above ``--fail-on``, else 0."""
    if fail_on == "never":
        return 0
    threshold = SEVERITY_RANK[fail_on]
    return 1 if any(SEVERITY_RANK[f.severity] >= threshold for f in findings) else 0


def use_color(mode: str, stream: TextIO, to_file: bool) -> bool:
    if mode != "auto":
        return mode == "always"
    if to_file or os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return stream.isatty()


def emit(reporter: Reporter, report: Report, config: RunConfig, stdout: TextIO, stderr: TextIO | None = None) -> None:
    """Render ``report`` where the run asked for it: stdout or ``-o FILE``, and each ``--report FORMAT=PATH``.

    When the main report goes to a file, the summary line still goes to stderr, so a CI log is never silent;
    ``--statistics`` adds the findings counted per code there.
    """
    from keyshift.report import get_reporter
    from keyshift.report.text import summary_line

    color = use_color(config.color, stdout, config.output is not None)
    write_report(reporter.render(report, color=color), config.output, stdout)
    for fmt, path in extra_reports(config.reports):
        write_report(get_reporter(fmt).render(report, color=False), path, stdout)
    if stderr is None:
        return
    if config.output is not None:
        files = len({finding.path for finding in report.findings})
        print(summary_line(report.findings, report.summary, files), file=stderr)
    if config.statistics:
        stderr.write(statistics(report.findings))


def statistics(findings: Sequence[Finding]) -> str:
    """One line per code: count, code, kind and severity, most frequent first."""
    counts = Counter((f.code, f.kind, f.severity) for f in findings)
    rows = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    width = max((len(str(count)) for count in counts.values()), default=1)
    return "".join(f"{count:>{width}}  {code}  {kind} ({severity})\n" for (code, kind, severity), count in rows)


def write_report(text: str, output: str | None, stdout: TextIO) -> None:
    if output is None:
        stdout.write(encodable(text, stdout))
        stdout.flush()
        return
    try:
        Path(output).write_text(text, encoding="utf-8")
    except OSError as exc:
        raise UsageError(f"cannot write report to {output}: {exc.strerror}") from None


def encodable(text: str, stream: TextIO) -> str:
    """``text`` with what the stream's encoding cannot write (``é`` on an ASCII terminal) as ``\\xe9`` escapes."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
    except UnicodeEncodeError:
        return text.encode(encoding, "backslashreplace").decode(encoding)
    except LookupError:  # an encoding Python does not know: the stream will say so itself
        pass
    return text
