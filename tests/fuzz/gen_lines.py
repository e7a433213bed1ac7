"""Generated INI, .properties, .env, Dockerfile and shell files: the key tree's leaves as their lines.

INI: ``[a.b]`` sections with ``key = value``, ``:`` separators, continuation lines, ``#``/``;``
comments.  .properties: the three separators, escapes, continuations, indexed keys.  ``.env``,
Dockerfile and shell: the leaves' environment names (and look-alikes) assigned, exported, declared,
referenced and unset in every form each one has.
"""

from __future__ import annotations

import re

from hypothesis import strategies as st

from fuzz.keys import ENV_NAMES, ENV_NOISE, env_name
from fuzz.trees import Draw, Marks, choice, leaves, scalars, text_of, trees


def _comment(draw: Draw, marks: Marks, lines: list[str], prefix: str = "#") -> None:
    if draw(st.integers(0, 4)) == 0:
        lines.append(f"{prefix} {marks()}")


# -- INI --------------------------------------------------------------------------------------------


@st.composite
def ini_texts(draw: Draw) -> str:
    marks = Marks()
    sections: dict[str, list[tuple[str, str]]] = {}
    for path, value in leaves(draw(trees(lists=False))):
        if len(path) >= 2 and not re.search(r"[\[\]=:;#]", path[-1]):
            sections.setdefault(".".join(path[:-1]), []).append((path[-1], text_of(value)))
    lines: list[str] = []
    for section, entries in sections.items():
        _comment(draw, marks, lines, choice(draw, "#", ";"))
        lines.append(f"[{section}]")
        for key, value in entries:
            _comment(draw, marks, lines, choice(draw, "#", ";"))
            separator = choice(draw, " = ", "=", ": ", " : ")
            value = value.strip().replace("\n", " ")
            if value and draw(st.integers(0, 6)) == 0:
                lines.append(f"{key}{separator}{value}")
                lines.append(f"    {choice(draw, 'more', 'x = y', 'a,b')}")
            else:
                lines.append(f"{key}{separator}{value}".rstrip())
        if draw(st.booleans()):
            lines.append("")
    return "\n".join(lines) + "\n"


# -- .properties ------------------------------------------------------------------------------------

_KEY_ESCAPES = {" ": "\\ ", "=": "\\=", ":": "\\:", "#": "\\#", "!": "\\!", "\\": "\\\\", "\t": "\\t"}


def _properties_key(draw: Draw, path: tuple[str, ...]) -> str:
    key = ".".join(path).replace(".[", "[")
    escaped = "".join(_KEY_ESCAPES.get(c, c) for c in key)
    if draw(st.integers(0, 5)) == 0:
        escaped = "".join(c if c.isascii() else f"\\u{ord(c):04x}" for c in escaped if ord(c) < 0x10000)
    return escaped


def _properties_value(draw: Draw, value: str) -> str:
    text = value.replace("\\", "\\\\").replace("\n", "\\n")
    if text.startswith((" ", "\t")):
        text = "\\" + text
    if len(text) > 2 and draw(st.integers(0, 5)) == 0:
        cut = draw(st.integers(1, len(text) - 1))
        if text[cut - 1] != "\\":
            text = text[:cut] + "\\\n" + choice(draw, "", "  ", "\t") + text[cut:].lstrip(" \t")
    return text


@st.composite
def properties_texts(draw: Draw) -> str:
    marks = Marks()
    lines: list[str] = []
    for path, value in leaves(draw(trees())):
        _comment(draw, marks, lines, choice(draw, "#", "!"))
        values = value if isinstance(value, list) else [value]
        keys = [(*path, f"[{n}]") for n in range(len(values))] if isinstance(value, list) else [path]
        for key, item in zip(keys, values, strict=True):
            separator = choice(draw, "=", " = ", ":", ": ", " ")
            line = _properties_key(draw, key) + separator + _properties_value(draw, text_of(item))
            lines.append(choice(draw, "", "", "  ") + line)
    return "\n".join(lines) + "\n"


# -- .env, Dockerfile, shell ------------------------------------------------------------------------


@st.composite
def env_pairs(draw: Draw) -> list[tuple[str, str]]:
    """Environment names with values: the tree's leaves as names, rule names and look-alikes."""
    names = [env_name(p) for p, _ in leaves(draw(trees())) if not any(s.startswith("[") for s in p)]
    names += draw(st.lists(st.sampled_from(ENV_NAMES + ENV_NOISE), max_size=4))
    names = [n for n in names if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", n)] or ["APP_OLD_NAME"]
    return [(name, text_of(draw(scalars())).replace("\n", " ")) for name in names]


def _shell_word(draw: Draw, value: str) -> str:
    """A shell word whose value is ``value``: bare when it can be, else quoted."""
    if value and re.fullmatch(r"[A-Za-z0-9_./:,@%+-]+", value) and draw(st.booleans()):
        return value
    if "'" not in value and draw(st.booleans()):
        return f"'{value}'"
    return '"' + re.sub(r'(["\\$`])', r"\\\1", value) + '"'


@st.composite
def dotenv_texts(draw: Draw) -> str:
    marks = Marks()
    lines: list[str] = []
    for name, value in draw(env_pairs()):
        _comment(draw, marks, lines)
        export = "export " if draw(st.integers(0, 4)) == 0 else ""
        trailing = f" # {marks()}" if draw(st.integers(0, 5)) == 0 else ""
        lines.append(f"{export}{name}={_shell_word(draw, value)}{trailing}")
    return "\n".join(lines) + "\n"


@st.composite
def dockerfile_texts(draw: Draw) -> str:
    marks = Marks()
    lines = [f"FROM {choice(draw, 'alpine:3', 'python:3.12-slim AS build', 'scratch')}"]
    pairs = draw(env_pairs())
    while pairs:
        _comment(draw, marks, lines)
        take = draw(st.integers(1, min(3, len(pairs))))
        group, pairs = pairs[:take], pairs[take:]
        form = choice(draw, "env", "env", "legacy", "arg", "run", "label")
        words = [f"{n}={_shell_word(draw, v)}" for n, v in group]
        if form == "env":
            lines.append("ENV " + choice(draw, " ", " \\\n    ").join(words))
        elif form == "legacy":
            lines.append(f"ENV {group[0][0]} {group[0][1] or 'x'}")
        elif form == "arg":
            lines.append(f"ARG {group[0][0]}" + (f"={_shell_word(draw, group[0][1])}" if draw(st.booleans()) else ""))
        elif form == "run":
            lines.append("RUN echo " + " ".join(choice(draw, f"${n}", f"${{{n}}}", f'"${n}"') for n, _ in group))
        else:
            lines.append(f"LABEL note={_shell_word(draw, group[0][0])}")
    return "\n".join(lines) + "\n"


def _shell_line(draw: Draw, name: str, value: str) -> str:
    word = _shell_word(draw, value)
    form = choice(draw, "export", "plain", "declare", "readonly", "echo", "for", "read", "unset", "prefix")
    return {
        "export": f"export {name}={word}",
        "plain": f"{name}={word}",
        "declare": f"declare -x {name}={word}",
        "readonly": f"readonly {name}={word}",
        "echo": f'echo "${name}" ${{{name}}}',
        "for": f"for {name} in a b; do echo ${name}; done",
        "read": f"read -r {name} < /dev/null",
        "unset": f"unset {name}",
        "prefix": f"{name}={word} env",
    }[form]


@st.composite
def shell_texts(draw: Draw) -> str:
    marks = Marks()
    lines = ["#!/bin/sh"] if draw(st.booleans()) else []
    for name, value in draw(env_pairs()):
        _comment(draw, marks, lines)
        trailing = f"  # {marks()}" if draw(st.integers(0, 5)) == 0 else ""
        lines.append(_shell_line(draw, name, value) + trailing)
    return "\n".join(lines) + "\n"
