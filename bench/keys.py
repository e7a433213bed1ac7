"""Matrix keys as the generator plants them and as a person greps for them.

A matrix key (``dten.plugins.*.path``) becomes a concrete key to plant (``dten.plugins.audit.path``) with a value
the matrix flags where it can (a removed value, an old value of a ``value-map``).  ``needles`` lists what someone
would hand to ``rg -F -f``: each key's literal runs, their trailing segments and their environment-variable form.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from bench.vocab import PLUGINS

Value = bool | int | str
WILDCARDS = frozenset({"*", "**"})


@dataclass(frozen=True)
class PlantKey:
    """One concrete key to write into a file, from the matrix key ``rule``."""

    rule: str
    segments: tuple[str, ...]
    value: Value

    @property
    def dotted(self) -> str:
        return ".".join(self.segments)

    @property
    def env(self) -> str:
        return env_name(self.segments)


def env_name(segments: Iterable[str]) -> str:
    """keyshift's default environment form: upper case, ``.`` and ``-`` become ``_``."""
    return "_".join(segment.upper().replace("-", "_") for segment in segments)


def split_key(key: str) -> tuple[str, ...]:
    if '"' in key or "[" in key:
        raise ValueError(f"the benchmark plants only plain dotted keys, not {key!r}")
    return tuple(key.split("."))


def concrete_segments(segments: tuple[str, ...], rng: random.Random) -> tuple[str, ...]:
    out: list[str] = []
    for segment in segments:
        if segment == "*":
            out.append(rng.choice(PLUGINS))
        elif segment == "**":
            out.extend(rng.sample(PLUGINS, 2))
        else:
            out.append(segment)
    return tuple(out)


def flagged_value(rule: Mapping[str, Any], rng: random.Random) -> Value:
    """A value the rule reports: a removed value, an old value of the value-map, else an ordinary one."""
    for value_rule in rule.get("values", ()):
        if "value" in value_rule:
            value: Value = value_rule["value"]
            return value
    value_map = rule.get("value-map")
    if value_map:
        return value_map_value(next(iter(value_map)))
    return rng.choice((True, False, 30, 512, "auto", "/var/lib/data"))


def value_map_value(text: str) -> Value:
    return {"true": True, "false": False, "on": True, "off": False}.get(text, text)


def plant_keys(keys: Mapping[str, Mapping[str, Any]], rng: random.Random) -> list[PlantKey]:
    """One concrete key per matrix key that can be found outside product files (two or more segments)."""
    out = []
    for key in sorted(keys):
        segments = split_key(key)
        if len(segments) < 2 or "required" in keys[key]:
            continue
        out.append(PlantKey(key, concrete_segments(segments, rng), flagged_value(keys[key], rng)))
    return out


def literal_runs(segments: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The runs of literal segments between wildcards: ``a.*.b.c`` -> ``(a,)``, ``(b, c)``."""
    runs: list[tuple[str, ...]] = [()]
    for segment in segments:
        if segment in WILDCARDS:
            runs.append(())
        else:
            runs[-1] = (*runs[-1], segment)
    return [run for run in runs if run]


def key_needles(key: str) -> set[str]:
    segments = split_key(key)
    out: set[str] = set()
    for run in literal_runs(segments):
        out.update(".".join(run[start:]) for start in range(len(run)))
    leading = literal_runs(segments)[0] if segments[0] not in WILDCARDS else ()
    if len(segments) >= 2 and leading:
        whole = segments == leading
        out.add(env_name(leading) if whole else env_name(leading) + "_")
    return out


def needles(keys: Iterable[str]) -> list[str]:
    """What a person greps for: every key's literal runs, their trailing segments, and its env-var form."""
    out: set[str] = set()
    for key in keys:
        out |= key_needles(key)
    return sorted(out)
