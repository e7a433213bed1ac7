"""Generated YAML, TOML, JSON and JSONC documents: one key tree spelled every way the format allows.

YAML: block and flow, nested and dotted keys (``a.b: 1``), plain and quoted keys and values, block and
flow sequences, comments on their own lines and after values, several documents, environment names
(compose ``environment:``, Kubernetes ``env:``).  TOML: tables, dotted keys, inline tables, arrays of
tables.  JSON: nested objects, dotted keys (``"a.b": 1``), compact or indented; JSONC adds comments and
trailing commas.
"""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

from fuzz import defects
from fuzz.keys import ENV_NAMES, ENV_NOISE, VALUE_RULE_ENV
from fuzz.trees import Draw, Marks, Tree, choice, plain_word, scalars, trees


def _dotted(draw: Draw, tree: Tree) -> list[tuple[str, Any]]:
    """The entries of a mapping, some of its sub-mappings spelled as dotted keys (``a.b``)."""
    out: list[tuple[str, Any]] = []
    for key, value in tree.items():
        if isinstance(value, dict) and value and all("." not in k for k in value) and draw(st.integers(0, 2)) == 0:
            out += [(f"{key}.{k}", v) for k, v in _dotted(draw, value)]
        else:
            out.append((key, value))
    return out


def _quoted(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _yaml_printable(char: str) -> bool:
    """YAML's printable set: a file may hold no other character, even in a quoted scalar."""
    code = ord(char)
    return (
        char in "\t\n\r\x85"
        or 0x20 <= code <= 0x7E
        or 0xA0 <= code <= 0xD7FF
        or 0xE000 <= code <= 0xFFFD
        or code >= 0x10000
    )


def _yaml_double(text: str) -> str:
    return "".join(c if _yaml_printable(c) else f"\\u{ord(c):04x}" for c in _quoted(text))


# -- YAML -------------------------------------------------------------------------------------------


def _yaml_key(draw: Draw, key: str) -> str:
    style = choice(draw, "plain", "plain", "single", "double")
    if style == "plain" and all(plain_word(s) for s in key.split(".")):
        return key
    if style == "single" and "'" not in key and all(map(_yaml_printable, key)):
        return f"'{key}'"
    return _yaml_double(key)


def _yaml_scalar(draw: Draw, value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return choice(draw, "null", "~", "")
    if isinstance(value, int | float):
        return repr(value)
    if plain_word(value) and choice(draw, "plain", "quoted") == "plain":
        return str(value)
    if "'" not in value and all(map(_yaml_printable, value)) and choice(draw, "single", "double") == "single":
        return f"'{value}'"
    return _yaml_double(value)


def _yaml_flow(draw: Draw, value: Any) -> str:
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_yaml_key(draw, k)}: {_yaml_flow(draw, v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_yaml_flow(draw, v) for v in value) + "]"
    return _yaml_scalar(draw, value) or "null"


class _Yaml:
    def __init__(self, draw: Draw, marks: Marks, width: int) -> None:
        self.draw, self.marks, self.width = draw, marks, width
        self.lines: list[str] = []

    def comment(self) -> str:
        return f"  # {self.marks()}" if self.draw(st.integers(0, 3)) == 0 else ""

    def mapping(self, tree: Tree, indent: int, first_prefix: str = "") -> None:
        for n, (key, value) in enumerate(_dotted(self.draw, tree)):
            pad = first_prefix if n == 0 and first_prefix else " " * indent
            if self.draw(st.integers(0, 5)) == 0 and not (n == 0 and first_prefix):
                self.lines.append(f"{' ' * indent}# {self.marks()}")
            head = f"{pad}{_yaml_key(self.draw, key)}:"
            self.value(head, value, indent)

    def value(self, head: str, value: Any, indent: int) -> None:
        flow = self.draw(st.integers(0, 4)) == 0
        if isinstance(value, dict | list) and value and not flow:
            self.lines.append(head + self.comment())
            inner = indent + self.width
            if isinstance(value, dict):
                self.mapping(value, inner)
            else:
                self.sequence(value, indent if self.draw(st.booleans()) else inner)
            return
        text = _yaml_flow(self.draw, value) if isinstance(value, dict | list) else _yaml_scalar(self.draw, value)
        self.lines.append(f"{head} {text}".rstrip() + self.comment())

    def sequence(self, items: list[Any], indent: int) -> None:
        for item in items:
            if isinstance(item, dict) and item:
                self.mapping(item, indent + 2, first_prefix=" " * indent + "- ")
            else:
                self.lines.append(f"{' ' * indent}- {_yaml_flow(self.draw, item)}" + self.comment())


@st.composite
def env_entries(draw: Draw) -> Tree:
    """Environment names as compose and Kubernetes write them, under ``environment`` or ``env``."""
    names = draw(st.lists(st.sampled_from(ENV_NAMES + ENV_NOISE), min_size=1, max_size=4, unique=True))
    form = choice(draw, "map", "list", "k8s")
    if form == "list" and defects.excluded("N1"):
        # defect N1: a bad value in a NAME=value entry gets a message that names no key
        names = [n for n in names if n != VALUE_RULE_ENV]
    values = [draw(scalars()) for _ in names]
    if form == "map" or not names:
        return {"environment": dict(zip(names, values, strict=True))}
    if form == "list":
        return {"environment": [f"{n}={v}" for n, v in zip(names, values, strict=True)]}
    return {"env": [{"name": n, "value": v} for n, v in zip(names, values, strict=True)]}


@st.composite
def yaml_texts(draw: Draw) -> str:
    marks = Marks()
    width = choice(draw, "2", "4")
    documents = []
    for _ in range(draw(st.integers(1, 2))):
        tree = draw(trees())
        if draw(st.integers(0, 3)) == 0:
            tree.update(draw(env_entries()))
        writer = _Yaml(draw, marks, int(width))
        writer.mapping(tree, 0)
        documents.append("\n".join(writer.lines) + "\n")
    start = "---\n" if draw(st.integers(0, 5)) == 0 else ""
    return start + "---\n".join(documents)


# -- JSON and JSONC ---------------------------------------------------------------------------------


class _Json:
    def __init__(self, draw: Draw, marks: Marks | None, indent: str | None) -> None:
        self.draw, self.marks, self.indent = draw, marks, indent

    def comment(self, pad: str) -> list[str]:
        if self.marks is None or self.draw(st.integers(0, 4)):
            return []
        mark = self.marks()
        return [f"{pad}// {mark}" if self.indent is not None and self.draw(st.booleans()) else f"{pad}/* {mark} */"]

    def value(self, value: Any, depth: int) -> str:
        if isinstance(value, dict):
            items = [(json.dumps(k, ensure_ascii=self.draw(st.booleans())), v) for k, v in _dotted(self.draw, value)]
            return self.container("{", "}", [f"{k}: {self.value(v, depth + 1)}" for k, v in items], depth)
        if isinstance(value, list):
            return self.container("[", "]", [self.value(v, depth + 1) for v in value], depth)
        return json.dumps(value, ensure_ascii=self.draw(st.booleans()))

    def container(self, start: str, end: str, items: list[str], depth: int) -> str:
        trailing = "," if self.marks is not None and items and self.draw(st.integers(0, 3)) == 0 else ""
        if self.indent is None:
            body = [" ".join([*self.comment(""), item]) for item in items]
            return start + ", ".join(body) + trailing + end
        pad = self.indent * (depth + 1)
        lines: list[str] = []
        for n, item in enumerate(items):
            lines += self.comment(pad)
            lines.append(pad + item + ("," if n < len(items) - 1 else trailing))
        if not lines:
            return start + end
        return start + "\n" + "\n".join(lines) + "\n" + self.indent * depth + end


@st.composite
def json_texts(draw: Draw, *, comments: bool = False) -> str:
    indent = draw(st.sampled_from([None, "  ", "    ", "\t"]))
    writer = _Json(draw, Marks() if comments else None, indent)
    return writer.value(draw(trees()), 0) + "\n"


# -- TOML -------------------------------------------------------------------------------------------


def _toml_string(text: str) -> str:
    return _quoted(text).replace("\x7f", "\\u007f")


def _toml_key(draw: Draw, key: str) -> str:
    if plain_word(key) or key.replace("_", "").replace("-", "").isdigit():
        return key if draw(st.integers(0, 3)) else f'"{key}"'
    return _toml_string(key)


def _toml_value(draw: Draw, value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if value is None:
        return '""'
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_toml_key(draw, k)} = {_toml_value(draw, v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(draw, v) for v in value) + "]"
    if "'" not in value and value.isprintable() and draw(st.booleans()):
        return f"'{value}'"
    return _toml_string(value)


class _Toml:
    def __init__(self, draw: Draw, marks: Marks) -> None:
        self.draw, self.marks = draw, marks
        self.lines: list[str] = []

    def comment(self) -> str:
        return f"  # {self.marks()}" if self.draw(st.integers(0, 3)) == 0 else ""

    def table(self, path: list[str], tree: Tree, *, nested_tables: bool = True) -> None:
        later: list[tuple[str, Any, str]] = []
        for key, value in tree.items():
            name = _toml_key(self.draw, key)
            if self.draw(st.integers(0, 5)) == 0:
                self.lines.append(f"# {self.marks()}")
            if isinstance(value, dict) and value:
                style = choice(self.draw, "table", "dotted", "inline") if nested_tables else "dotted"
                if style == "table":
                    later.append((name, value, style))
                elif style == "dotted":
                    self.dotted(name, value)
                else:
                    self.lines.append(f"{name} = {_toml_value(self.draw, value)}" + self.comment())
            elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value) and nested_tables:
                later.append((name, value, "array"))
            else:
                self.lines.append(f"{name} = {_toml_value(self.draw, value)}" + self.comment())
        for name, value, style in later:
            if style == "table":
                self.lines.append(f"[{'.'.join([*path, name])}]" + self.comment())
                self.table([*path, name], value)
            else:
                for item in value:
                    self.lines.append(f"[[{'.'.join([*path, name])}]]" + self.comment())
                    self.table([*path, name], item, nested_tables=False)

    def dotted(self, prefix: str, tree: Tree) -> None:
        for key, value in tree.items():
            name = f"{prefix}.{_toml_key(self.draw, key)}"
            if isinstance(value, dict) and value and self.draw(st.integers(0, 2)):
                self.dotted(name, value)
            else:
                self.lines.append(f"{name} = {_toml_value(self.draw, value)}" + self.comment())


@st.composite
def toml_texts(draw: Draw) -> str:
    writer = _Toml(draw, Marks())
    writer.table([], draw(trees()))
    return "\n".join(writer.lines) + "\n"
