"""The measurements: whole-tree scans against rg, one file against yamllint, large files against raw parsers.

Each returns plain dicts for results JSON.  A measurement that cannot run (a missing tool, an option this keyshift
lacks, a failing command) becomes ``{"skipped": reason}``, and the reason is printed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any

from bench.bigfiles import BIG_FILES, SINGLE_FILES, BigFile
from bench.measure import Command, MeasureError, pair_summary, paired, repeated, run_once, summary, timed_call
from bench.parsers import raw_parsers
from bench.tools import KEYSHIFT_CACHE_DIR, Keyshift, Tool

DEFAULT_MAX_FILE_SIZE = 2 * 1024 * 1024
VARIANTS = ("cold", "warm", "jobs1")
"""cold: no keyshift cache (cleared before each run); warm: a second run over the unchanged tree; jobs1: --jobs 1."""


@dataclass(frozen=True)
class Suite:
    work: Path
    """The generated input (tree/, matrices/, needles/, big/, single/)."""
    scratch: Path
    """Where command outputs go."""
    keyshift: Keyshift
    rg: Tool | str
    yamllint: Tool | str
    repeat: int
    single_repeat: int
    budget: float
    log: Callable[[str], None]

    def matrix(self, name: str) -> Path:
        return self.work / "matrices" / f"{name}.toml"

    def output(self, name: str) -> Path:
        self.scratch.mkdir(parents=True, exist_ok=True)
        return self.scratch / name

    def skip(self, record: dict[str, Any], reason: str) -> dict[str, Any]:
        self.log(f"  skipped {' '.join(str(value) for value in record.values())}: {reason}")
        return {**record, "skipped": reason}


def counts(output: Path) -> dict[str, Any] | None:
    """What keyshift's JSON report says it did, and a digest of its findings (to compare variants)."""
    try:
        report = json.loads(output.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    findings = report.get("findings", [])
    digest = hashlib.sha256(json.dumps(findings, sort_keys=True).encode()).hexdigest()[:16]
    summary_ = report.get("summary", {})
    return {
        "files_scanned": summary_.get("files_scanned"),
        "files_parsed": summary_.get("files_parsed"),
        "findings": len(findings),
        "findings_digest": digest,
    }


def keyshift_check(suite: Suite, label: str, cwd: Path, args: list[str], *, clear: bool) -> Command:
    ks = suite.keyshift
    argv = (*ks.argv, "check", "--format", "json", "--color", "never", "-q", *args)
    prepare = (lambda: ks.clear_cache(cwd)) if clear and ks.has_cache else None
    return Command(label, argv, cwd, suite.output(f"{label}.json"), prepare=prepare)


def scan_skip_reason(suite: Suite, variant: str) -> str | None:
    if variant == "warm" and not suite.keyshift.has_cache:
        return "this keyshift has no cache (no --no-cache option, no clean command)"
    if variant == "jobs1" and not suite.keyshift.has_jobs:
        return "this keyshift has no --jobs option (it scans on one core)"
    return None


def rg_command(suite: Suite, rg: Tool, matrix: str) -> Command:
    """rg as a person runs it, reading the hidden .env files keyshift reads, and never keyshift's cache."""
    needles = suite.work / "needles" / f"{matrix}.txt"
    argv = (*rg.argv, "--no-config", "--hidden", "-g", f"!{KEYSHIFT_CACHE_DIR}", "-F", "-f", str(needles), ".")
    return Command(f"rg-{matrix}", argv, suite.work / "tree", suite.output(f"rg-{matrix}.txt"))


def timed_pair(suite: Suite, first: Command, other: Tool | str, second: Command | None, repeat: int) -> dict[str, Any]:
    """The pair timed together, or ``first`` alone (with the reason) when the other tool is missing."""
    result: dict[str, Any] = {"command": first.shell_line()}
    if second is None or isinstance(other, str):
        result["a"] = summary(repeated(first, repeat))
        result["b_skipped"] = other if isinstance(other, str) else "no comparison"
        suite.log(f"  {result['b_skipped']}: timing {first.label} alone")
        return result
    a, b = paired(first, second, repeat)
    return {**result, "baseline": second.shell_line(), **pair_summary(a, b)}


def scan(suite: Suite, matrix: str, variant: str) -> dict[str, Any]:
    record = {"matrix": matrix, "variant": variant}
    reason = scan_skip_reason(suite, variant)
    if reason is not None:
        return suite.skip(record, reason)
    args = ["-m", str(suite.matrix(matrix)), *(["--jobs", "1"] if variant == "jobs1" else []), "."]
    command = keyshift_check(suite, f"keyshift-{matrix}-{variant}", suite.work / "tree", args, clear=variant != "warm")
    rg = rg_command(suite, suite.rg, matrix) if not isinstance(suite.rg, str) else None
    suite.log(f"scan: {matrix} {variant} x{suite.repeat}")
    try:
        if variant == "warm":
            suite.keyshift.clear_cache(command.cwd)
            run_once(command)  # fills the cache; not timed
        timed = timed_pair(suite, command, suite.rg, rg, suite.repeat)
    except MeasureError as error:
        return suite.skip(record, str(error))
    found = counts(command.output)
    if found is None:
        return suite.skip(record, f"keyshift printed no JSON report (see {command.output})")
    return {**record, **timed, "counts": found}


def tree_scans(suite: Suite, matrices: tuple[str, ...]) -> list[dict[str, Any]]:
    if not isinstance(suite.rg, str):
        try:  # one untimed rg pass: both tools then read the tree from the page cache
            run_once(rg_command(suite, suite.rg, matrices[0]))
        except MeasureError as error:
            suite.log(f"  rg warm-up failed: {error}")
    return [scan(suite, matrix, variant) for matrix in matrices for variant in VARIANTS]


def single_files(suite: Suite) -> list[dict[str, Any]]:
    """keyshift check FILE against yamllint FILE, as pre-commit runs them (no keyshift cache for the file)."""
    out = []
    directory = suite.work / "single"
    lint = suite.yamllint
    for name in SINGLE_FILES:
        record = {"file": name}
        args = ["-m", str(suite.matrix("dten")), name]
        command = keyshift_check(suite, f"single-{name}", directory, args, clear=True)
        other = None
        if not isinstance(lint, str):
            other = Command(f"yamllint-{name}", (*lint.argv, name), directory, suite.output(f"yamllint-{name}.txt"))
        suite.log(f"single file: {name} x{suite.single_repeat}")
        try:
            timed = timed_pair(suite, command, lint, other, suite.single_repeat)
        except MeasureError as error:
            out.append(suite.skip(record, str(error)))
            continue
        out.append({**record, **timed, "counts": counts(command.output)})
    return out


def big_keyshift(suite: Suite, big: BigFile) -> dict[str, Any]:
    if big.size > DEFAULT_MAX_FILE_SIZE and not suite.keyshift.has_max_file_size:
        return {"skipped": "keyshift skips files over 2 MiB and this keyshift has no --max-file-size"}
    limit = ["--max-file-size", "0"] if suite.keyshift.has_max_file_size else []
    args = ["-m", str(suite.matrix("dten")), *limit, big.name]
    command = keyshift_check(suite, f"big-{big.name}", suite.work / "big", args, clear=True)
    try:
        samples = repeated(command, suite.repeat, suite.budget)
    except MeasureError as error:
        return {"skipped": str(error)}
    found = counts(command.output)
    if not found or not found["files_parsed"]:
        return {"skipped": "keyshift did not parse the file", "counts": found}
    return {**summary(samples), "counts": found, "command": command.shell_line()}


def big_files(suite: Suite) -> list[dict[str, Any]]:
    """MB/s of keyshift check on each large file, and of the raw parsers on the same text."""
    out = []
    for big in BIG_FILES:
        path = suite.work / "big" / big.name
        size = path.stat().st_size
        suite.log(f"large file: {big.name} ({size / 1e6:.1f} MB)")
        keyshift = big_keyshift(suite, big)
        out.append(
            {
                "file": big.name,
                "kind": big.kind,
                "bytes": size,
                "keyshift": keyshift,
                "parsers": parse_times(suite, big, path),
            }
        )
    return out


def parse_times(suite: Suite, big: BigFile, path: Path) -> dict[str, Any]:
    text = path.read_text(encoding="utf-8")
    out: dict[str, Any] = {}
    for parser in raw_parsers(big.kind):
        if parser.load is None:
            out[parser.name] = {"skipped": parser.missing}
        else:
            out[parser.name] = {"wall": timed_call(partial(parser.load, text), suite.repeat, suite.budget).as_dict()}
    return out
