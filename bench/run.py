"""Run the benchmark: ``python -m bench.run [--files 2000] [--label before]`` from the repository root.

Generates the input (or reuses it when the size, seed and generator are unchanged), times every measurement,
writes bench/results/LABEL-FILES.json and re-renders bench/RESULTS.md from every results file.  A missing tool or
keyshift feature skips that measurement with a printed reason.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from bench import machine, report
from bench.generate import GENERATOR_VERSION, generate
from bench.suites import Suite, big_files, single_files, tree_scans
from bench.tools import RG_HINT, YAMLLINT_HINT, find_keyshift, find_tool

MATRICES = ("dten", "keys20", "keys2000")
SECTIONS = ("scans", "single", "big")


def log(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=(__doc__ or "").split("\n")[0])
    add = parser.add_argument
    add("--files", type=int, default=2000, help="files in the generated tree (default 2000; the issue also uses 20000)")
    add("--seed", type=int, default=8, help="generator seed (default 8)")
    add("--repeat", type=int, default=5, help="repetitions of each measurement (default 5)")
    add("--single-repeat", type=int, default=20, help="repetitions of the single-file runs (default 20)")
    add("--budget", type=float, default=60.0, help="seconds after which a large-file measurement stops repeating")
    add("--label", default="current", help="name of this run in RESULTS.md, e.g. before or after (default current)")
    add("--matrices", default=",".join(MATRICES), help=f"matrices to scan with (default {','.join(MATRICES)})")
    add("--sections", default=",".join(SECTIONS), help=f"what to measure (default {','.join(SECTIONS)})")
    add("--keyshift", default=None, help="command that runs keyshift (default: the keyshift beside this Python)")
    add("--work", type=Path, default=Path(tempfile.gettempdir()) / "keyshift-bench", help="where inputs are generated")
    add("--results", type=Path, default=report.RESULTS_DIR, help="results JSON directory; RESULTS.md goes beside it")
    args = parser.parse_args(argv)
    args.matrices = tuple(_choices(parser, args.matrices, MATRICES, "--matrices"))
    args.sections = tuple(_choices(parser, args.sections, SECTIONS, "--sections"))
    return args


def _choices(parser: argparse.ArgumentParser, text: str, allowed: Sequence[str], option: str) -> list[str]:
    chosen = [item.strip() for item in text.split(",") if item.strip()]
    unknown = [item for item in chosen if item not in allowed]
    if unknown or not chosen:
        parser.error(f"{option}: choose from {', '.join(allowed)}")
    return chosen


def inputs(work: Path, files: int, seed: int) -> dict[str, Any]:
    """The generated input for this size and seed, generated only when missing or stale."""
    directory = work / f"{files}-seed{seed}"
    manifest = directory / "manifest.json"
    if manifest.is_file():
        found: dict[str, Any] = json.loads(manifest.read_text(encoding="utf-8"))
        if found.get("generator_version") == GENERATOR_VERSION and "big" in found:
            log(f"reusing {directory}")
            return {**found, "directory": str(directory)}
    log(f"generating {files} files in {directory}")
    return {**generate(directory, files, seed), "directory": str(directory)}


def run_sections(args: argparse.Namespace, suite: Suite) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if "scans" in args.sections:
        out["scans"] = tree_scans(suite, args.matrices)
    if "single" in args.sections:
        out["single"] = single_files(suite)
    if "big" in args.sections:
        out["big"] = big_files(suite)
    return out


def header(args: argparse.Namespace, suite: Suite, generated: dict[str, Any]) -> dict[str, Any]:
    ks = suite.keyshift
    features = {"cache": ks.has_cache, "--jobs": ks.has_jobs, "--max-file-size": ks.has_max_file_size}
    tools = {
        name: f"{name} not installed" if isinstance(tool, str) else tool.version
        for name, tool in (("rg", suite.rg), ("yamllint", suite.yamllint))
    }
    return {
        "label": args.label,
        "files": args.files,
        "seed": args.seed,
        "repeat": args.repeat,
        "single_repeat": args.single_repeat,
        "started": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine.machine(),
        "commit": machine.commit(),
        "keyshift": {
            "command": list(ks.argv),
            "version": ks.version,
            "features": features,
            "bytecode": machine.compile_bytecode(),
        },
        "tools": tools,
        "libraries": machine.library_versions(),
        "tree": {
            "files": generated["files"],
            "bytes": generated["tree_bytes"],
            "planted": len(generated["planted"]),
            "kinds": generated["kinds"],
            "forms": generated["forms"],
        },
        "matrices": generated["matrices"],
    }


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(argv)
    keyshift = find_keyshift(args.keyshift)
    if isinstance(keyshift, str):
        log(f"bench: {keyshift}")
        return 2
    generated = inputs(args.work, args.files, args.seed)
    work = Path(generated["directory"])
    suite = Suite(
        work,
        work / "out",
        keyshift,
        find_tool("rg", RG_HINT),
        find_tool("yamllint", YAMLLINT_HINT),
        args.repeat,
        args.single_repeat,
        args.budget,
        log,
    )
    for tool in (suite.rg, suite.yamllint):
        if isinstance(tool, str):
            log(f"bench: {tool}; its comparisons are skipped")
    start = time.perf_counter()
    result = header(args, suite, generated)
    result.update(run_sections(args, suite))
    result["duration_s"] = time.perf_counter() - start
    result["load_after"] = [round(x, 2) for x in os.getloadavg()]
    args.results.mkdir(parents=True, exist_ok=True)
    path = args.results / f"{args.label}-{args.files}.json"
    path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    log(f"wrote {path} and {report.write(args.results)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
