"""bench/RESULTS.md from the results JSON files: the issue's targets first, then every run's tables.

``python -m bench.report`` re-renders it from bench/results/*.json without measuring anything.  Runs are shown
oldest first, so the run labelled ``before`` (the code before the speed work) comes before ``after``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench import targets
from bench.targets import MB

BENCH = Path(__file__).resolve().parent
RESULTS_DIR = BENCH / "results"
RESULTS_MD = BENCH / "RESULTS.md"

Result = dict[str, Any]


def seconds(value: float) -> str:
    if value >= 10:
        return f"{value:.1f} s"
    return f"{value:.2f} s" if value >= 0.1 else f"{value * 1000:.0f} ms"


def wall(stats: dict[str, Any] | None) -> str:
    """``median (min-max)``, the way every timing in RESULTS.md is shown."""
    if not stats:
        return "-"
    return f"{seconds(stats['median'])} ({seconds(stats['min'])}-{seconds(stats['max'])})"


def ratio(stats: dict[str, Any] | None) -> str:
    if not stats:
        return "-"
    return f"{stats['median']:.2f}x ({stats['min']:.2f}-{stats['max']:.2f})"


def table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def title(result: Result) -> str:
    return f"{result['label']}, {result['files']:,} files"


def targets_section(results: Sequence[Result]) -> list[str]:
    header = ["target (issue 8)", "goal", *(title(r) for r in results)]
    rows = []
    for target in targets.TARGETS:
        rows.append([target.name, target.goal, *(targets.cell(target, r) for r in results)])
    return ["## Targets", "", *table(header, rows), "", *targets.NOTES, ""]


def about(result: Result) -> list[str]:
    m = result["machine"]
    ks = result["keyshift"]
    tools = ", ".join(result["tools"].values())
    libraries = ", ".join(f"{name} {version}" for name, version in result["libraries"].items())
    dirty = f" + uncommitted changes in {', '.join(result['commit']['dirty'])}" if result["commit"]["dirty"] else ""
    tree = result["tree"]
    return [
        f"- Commit: `{result['commit']['sha'][:12]}` {result['commit']['subject']}{dirty}",
        f"- Run: {result['started']}, {result['duration_s'] / 60:.1f} min; repetitions: {result['repeat']} "
        f"({result['single_repeat']} for single files); load average {m['load_average']} before, "
        f"{result['load_after']} after",
        f"- Machine: {m['cpu']}, {m['usable_cores']} usable cores of {m['cores']}, {m['memory_gib']} GiB; {m['os']}; "
        f"Python {m['python']}",
        f"- keyshift: `{' '.join(ks['command'])}` ({ks['version']}); features: "
        + ", ".join(f"{name} {'yes' if on else 'no'}" for name, on in ks["features"].items())
        + (f"; bytecode {ks['bytecode']}" if "bytecode" in ks else ""),
        f"- Tools: {tools}",
        f"- Libraries: {libraries}",
        f"- Tree: {tree['files']:,} files, {tree['bytes'] / MB:.1f} MB, {tree['planted']} holding matrix keys; seed "
        f"{result['seed']}",
    ]


def scan_row(scan: dict[str, Any]) -> list[str]:
    name = [scan["matrix"], scan["variant"]]
    if "skipped" in scan:
        return [*name, f"skipped: {scan['skipped']}", "", "", "", "", "", "", ""]
    c = scan.get("counts") or {}
    rg = wall(scan["b"]["wall"]) if "b" in scan else scan["b_skipped"]
    cpu_ratio = f"{scan['a']['cpu']['median'] / scan['b']['cpu']['median']:.0f}x" if "b" in scan else "-"
    timings = [wall(scan["a"]["wall"]), rg, ratio(scan.get("ratio")), wall(scan["a"]["cpu"]), cpu_ratio]
    parsed = f"{c.get('files_parsed', '?')} / {c.get('files_scanned', '?')}"
    return [*name, *timings, f"{scan['a']['max_rss_mb']:.0f} MB", parsed, str(c.get("findings", "?"))]


def scans_table(result: Result) -> list[str]:
    rows = [scan_row(scan) for scan in result.get("scans", [])]
    header = ["matrix", "variant", "keyshift", "rg", "keyshift / rg", "keyshift CPU", "CPU / rg CPU", "peak RSS"]
    return table([*header, "parsed / scanned", "findings"], rows)


def matrix_row(result: Result, scan: dict[str, Any]) -> list[str]:
    c = scan["counts"]
    median = scan["a"]["wall"]["median"]
    keys = str(result["matrices"].get(scan["matrix"], {}).get("keys", "?"))
    per = [targets.micro(median, c["files_scanned"]), targets.micro(median, c["files_parsed"])]
    return [
        scan["matrix"],
        keys,
        wall(scan["a"]["wall"]),
        str(c["findings"]),
        str(c["files_parsed"]),
        *per,
        targets.micro(median, c["findings"]),
    ]


def matrix_sizes_table(result: Result) -> list[str]:
    cold = [s for s in result.get("scans", []) if s["variant"] == "cold" and "skipped" not in s and s.get("counts")]
    header = ["matrix", "keys", "keyshift (cold)", "findings", "files parsed", "per file", "per parsed file"]
    return table([*header, "per finding"], [matrix_row(result, scan) for scan in cold])


def single_table(result: Result) -> list[str]:
    rows = []
    for single in result.get("single", []):
        if "skipped" in single:
            rows.append([single["file"], f"skipped: {single['skipped']}", "", "", ""])
            continue
        other = wall(single["b"]["wall"]) if "b" in single else single["b_skipped"]
        findings = str((single.get("counts") or {}).get("findings", "?"))
        rows.append([single["file"], wall(single["a"]["wall"]), other, ratio(single.get("ratio")), findings])
    return table(["file", "keyshift check FILE", "yamllint FILE", "keyshift / yamllint", "findings"], rows)


def timing_row(big: dict[str, Any], program: str, measured: dict[str, Any]) -> list[str]:
    size = f"{big['bytes'] / MB:.1f}"
    if "skipped" in measured:
        return [big["file"], size, program, f"skipped: {measured['skipped']}", "", ""]
    timing = measured["wall"]
    return [big["file"], size, program, wall(timing), targets.mb_per_s(big, timing), str(timing["n"])]


def big_rows(big: dict[str, Any]) -> list[list[str]]:
    rows = [timing_row(big, "keyshift check", big["keyshift"])]
    return rows + [timing_row(big, name, parser) for name, parser in big["parsers"].items()]


def big_table(result: Result) -> list[str]:
    rows = [row for big in result.get("big", []) for row in big_rows(big)]
    return table(["file", "MB", "program", "wall", "MB/s", "n"], rows)


@dataclass(frozen=True)
class Section:
    heading: str
    key: str
    render: Callable[[Result], list[str]]
    note: str


SECTIONS = (
    Section("Whole tree against `rg -F -f needles`", "scans", scans_table, targets.SCAN_NOTE),
    Section("Matrix size (cold scans)", "scans", matrix_sizes_table, targets.MATRIX_NOTE),
    Section("One file, as pre-commit runs it", "single", single_table, targets.SINGLE_NOTE),
    Section("Large files (MB/s)", "big", big_table, targets.BIG_NOTE),
)


def run_section(result: Result) -> list[str]:
    lines = [f"## {title(result)}", "", *about(result), ""]
    for section in SECTIONS:
        if result.get(section.key):
            lines += [f"### {section.heading}", "", *section.render(result), "", section.note, ""]
    lines += [f"- {note}" for note in targets.consistency(result)]
    skipped = result.get("skipped_sections", {})
    lines += [f"- Section {name} not run: {why}" for name, why in skipped.items()]
    return [*lines, ""]


def render(results: Sequence[Result]) -> str:
    lines = [
        "# keyshift benchmark results",
        "",
        "Written by `python -m bench.run` (see bench/README.md) from bench/results/*.json; do not edit by hand.",
        "Timings are wall-clock medians with (min-max) over the repetitions; ratios are medians of paired runs.",
        "",
    ]
    if not results:
        return "\n".join([*lines, "No results yet: run `python -m bench.run`.", ""])
    lines += targets_section(results)
    for result in results:
        lines += run_section(result)
    lines += targets.identical_findings(results)
    return "\n".join(lines).rstrip("\n") + "\n"


def load_results(directory: Path = RESULTS_DIR) -> list[Result]:
    results = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(directory.glob("*.json"))]
    return sorted(results, key=lambda r: (r["files"], r["started"]))


def write(directory: Path = RESULTS_DIR) -> Path:
    """Render the results in ``directory`` to RESULTS.md beside it (bench/RESULTS.md for bench/results)."""
    target = directory.parent / RESULTS_MD.name
    target.write_text(render(load_results(directory)), encoding="utf-8")
    return target


if __name__ == "__main__":
    print(write())
