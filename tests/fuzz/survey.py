"""Count, rather than stop at, what breaks: N inputs per format through every property, no shrinking.

    python tests/fuzz/survey.py --inputs 2000 [--formats yaml,toml] [--jobs 2]

Prints a Markdown table (inputs per format, failures per property, seconds) for docs/reliability.md,
then the smallest failing input of each kind of failure.  The pytest run (``KEYSHIFT_FUZZ=long``) says
whether a property holds and shrinks what breaks it; this says how often it breaks.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from fuzz.formats import BY_NAME, generated_cases
from fuzz.harness import Case
from fuzz.mutations import mutated_cases
from fuzz.pipeline import PROPERTIES, exercise

Result = tuple[str, int, float, Counter[str], dict[str, Case]]


def survey(format_name: str, inputs: int) -> Result:
    """Half generated, half mutated inputs of one format; failures counted per property."""
    fmt = BY_NAME[format_name]
    counts: Counter[str] = Counter()
    smallest: dict[str, Case] = {}
    done = 0

    @settings(
        max_examples=inputs,
        phases=[Phase.generate],
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.one_of(generated_cases(fmt), mutated_cases(format_name)))
    def run(case: Case) -> None:
        nonlocal done
        done += 1
        failures: list[tuple[str, str]] = []
        exercise(case, failures)
        for name, message in dict(failures).items():
            counts[name] += 1
            kind = f"{name}: {re.sub(r'[0-9]+', 'N', message.splitlines()[0])[:100]}"
            if kind not in smallest or len(case.data) < len(smallest[kind].data):
                smallest[kind] = case

    start = time.perf_counter()
    run()
    return format_name, done, time.perf_counter() - start, counts, smallest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--inputs", type=int, default=1000, help="inputs per format")
    parser.add_argument("--formats", default=",".join(BY_NAME), help="comma-separated format names")
    parser.add_argument("--jobs", type=int, default=1, help="formats surveyed at once, each in its own process")
    args = parser.parse_args()
    names = [n for n in args.formats.split(",") if n]
    with ProcessPoolExecutor(args.jobs) as pool:
        results = list(pool.map(survey, names, [args.inputs] * len(names)))
    print("| format | inputs | " + " | ".join(PROPERTIES) + " | seconds |")
    print("| --- " * (len(PROPERTIES) + 3) + "|")
    for name, done, seconds, counts, _ in results:
        print(f"| {name} | {done:,} | " + " | ".join(str(counts[p]) for p in PROPERTIES) + f" | {seconds:,.0f} |")
    for name, _, _, _, smallest in results:
        for kind, case in sorted(smallest.items()):
            print(f"\n{name}: {kind}\n  {case.name} unsafe={case.unsafe} {case.data!r}")


if __name__ == "__main__":
    main()
