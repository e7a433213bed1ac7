"""The forms in which the generator plants matrix keys, and the text each form writes.

Every form keyshift finds appears: nested and dotted YAML keys, nested JSON, TOML tables and dotted TOML keys,
environment-variable names (Kubernetes ``env``, compose ``environment`` maps and lists, ``.env``, shell
``export``), Python string literals (the key, or its env-var name) and Markdown mentions.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bench.keys import PlantKey, Value

FORMS: dict[str, tuple[str, ...]] = {
    "k8s": ("k8s-env",),
    "helm": ("yaml-nested", "yaml-dotted"),
    "compose": ("compose-env-map", "compose-env-list"),
    "json": ("json-nested",),
    "toml": ("toml-table", "toml-dotted"),
    "python": ("python-key", "python-env"),
    "markdown": ("markdown-key", "markdown-env"),
    "shell": ("shell-export",),
    "dotenv": ("dotenv",),
}
"""For each kind of file, the forms a planted key takes in it."""

EVERY_FORM: tuple[tuple[str, str], ...] = tuple((kind, form) for kind, forms in FORMS.items() for form in forms)

PLAIN = re.compile(r"[A-Za-z0-9_./-]+")
YAML_WORDS = frozenset({"true", "false", "yes", "no", "on", "off", "null", "y", "n", "~"})


@dataclass(frozen=True)
class Planting:
    """The keys one file holds, and the form they are written in."""

    form: str
    keys: tuple[PlantKey, ...]


def yaml_scalar(value: Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if PLAIN.fullmatch(value) and value.lower() not in YAML_WORDS and not value[0].isdigit():
        return value
    return json.dumps(value)


def toml_scalar(value: Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value) if isinstance(value, int) else json.dumps(value)


def env_value(value: Value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def nested(keys: Sequence[PlantKey]) -> dict[str, Any]:
    """The keys as one nested mapping; a key that would turn another's value into a table is left out."""
    root: dict[str, Any] = {}
    for key in keys:
        node = root
        *parents, leaf = key.segments
        for segment in parents:
            child = node.setdefault(segment, {})
            if not isinstance(child, dict):
                break
            node = child
        else:
            if leaf not in node:
                node[leaf] = key.value
    return root


def yaml_block(mapping: dict[str, Any], indent: int = 0) -> list[str]:
    lines = []
    for name, value in mapping.items():
        if isinstance(value, dict):
            lines.append(f"{' ' * indent}{name}:")
            lines.extend(yaml_block(value, indent + 2))
        else:
            lines.append(f"{' ' * indent}{name}: {yaml_scalar(value)}")
    return lines


def toml_tables(keys: Sequence[PlantKey]) -> list[str]:
    """One ``[parent]`` table per parent path, so that two keys under one parent share their table."""
    tables: dict[tuple[str, ...], list[str]] = {}
    for key in keys:
        tables.setdefault(key.segments[:-1], []).append(f"{key.segments[-1]} = {toml_scalar(key.value)}")
    lines: list[str] = []
    for parent, entries in tables.items():
        lines += ["", f"[{'.'.join(parent)}]", *dict.fromkeys(entries)]
    return lines


def env_lines(planting: Planting, indent: str = "", export: str = "") -> list[str]:
    return [f"{indent}{export}{key.env}={env_value(key.value)}" for key in planting.keys]


def python_lines(planting: Planting, index: int) -> list[str]:
    """A function that reads each key by name (the whole key, or its env-var name)."""
    lines = ["", "", f"def upgrade_settings_{index}(settings: dict[str, object]) -> list[object]:"]
    lines.append('    """Values the next upgrade touches."""')
    lines.append("    return [")
    for key in planting.keys:
        if planting.form == "python-env":
            lines.append(f"        os.environ.get({json.dumps(key.env)}, {json.dumps(env_value(key.value))}),")
        else:
            lines.append(f"        settings.get({json.dumps(key.dotted)}),")
    lines.append("    ]")
    return lines


def markdown_lines(planting: Planting) -> list[str]:
    lines = ["", "## Upgrade notes", ""]
    for key in planting.keys:
        if planting.form == "markdown-env":
            lines.append(f"- Export `{key.env}={env_value(key.value)}` before the rollout.")
        else:
            lines.append(f"- Set `{key.dotted}` to `{env_value(key.value)}` in the service configuration.")
    return lines
