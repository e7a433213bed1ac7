"""Generated Python source and plain text (Markdown) that name the matrix's keys.

Python: whole-key literals (``cfg.get("app.old.name")``), environment names (``os.environ[...]``,
``os.getenv``), chained lookups (``cfg["app"]["old"]["name"]``, ``cfg.get("app", {}).get(...)``), and
literals that are no key.  Text: keys and environment names as words in prose, code spans and fences.
"""

from __future__ import annotations

from hypothesis import strategies as st

from fuzz.keys import ENV_NAMES, ENV_NOISE, env_name
from fuzz.trees import Draw, Marks, choice, leaves, trees


def _keys(draw: Draw) -> list[tuple[str, ...]]:
    return [p for p, _ in leaves(draw(trees(lists=False)))]


def _literal(draw: Draw, text: str) -> str:
    quote = choice(draw, '"', "'")
    return quote + text.replace("\\", "\\\\").replace(quote, "\\" + quote) + quote


def _python_line(draw: Draw, path: tuple[str, ...]) -> str:
    key = ".".join(path)
    form = choice(draw, "get", "index", "environ", "getenv", "chain", "getchain", "assign", "call")
    if form == "get":
        return f"value = cfg.get({_literal(draw, key)})"
    if form == "index":
        return f"cfg[{_literal(draw, key)}] = 1"
    if form == "environ":
        return f"port = os.environ[{_literal(draw, env_name(path))}]"
    if form == "getenv":
        return f"port = os.getenv({_literal(draw, env_name(path))}, 'x')"
    if form == "chain":
        return "item = cfg" + "".join(f"[{_literal(draw, s)}]" for s in path)
    if form == "getchain":
        return "item = cfg" + "".join(f".get({_literal(draw, s)}, {{}})" for s in path)
    if form == "assign":
        return f"KEY = {_literal(draw, key)}"
    return f"settings.set({_literal(draw, key)}, {_literal(draw, env_name(path))})"


@st.composite
def python_texts(draw: Draw) -> str:
    marks = Marks()
    lines = ['"""Settings."""', "import os", ""] if draw(st.booleans()) else ["import os"]
    body = _keys(draw)
    indent = ""
    for path in body:
        if draw(st.integers(0, 4)) == 0:
            lines.append(f"{indent}# {marks()}")
        if draw(st.integers(0, 7)) == 0:
            lines.append("def load(cfg):" if not indent else "    pass")
            indent = "    " if not indent else ""
        trailing = f"  # {marks()}" if draw(st.integers(0, 5)) == 0 else ""
        lines.append(indent + _python_line(draw, path) + trailing)
    if lines[-1].endswith(":"):
        lines.append("    pass")
    return "\n".join(lines) + "\n"


@st.composite
def text_texts(draw: Draw) -> str:
    marks = Marks()
    words = [".".join(p) for p in _keys(draw)] + draw(st.lists(st.sampled_from(ENV_NAMES + ENV_NOISE), max_size=3))
    lines = [f"# Runbook {marks()}", ""]
    for word in words:
        form = choice(draw, "prose", "code", "fence", "list", "url", "export")
        if form == "prose":
            lines.append(f"Set {word} before the upgrade; see {marks()}.")
        elif form == "code":
            lines.append(f"Use `{word}` ({marks()}).")
        elif form == "fence":
            lines += ["```sh", f"export {word}=1  # {marks()}", "```"]
        elif form == "list":
            lines.append(f"- {word}: on")
        elif form == "url":
            lines.append(f"https://example.invalid/{word}/x.{word}y")
        else:
            lines.append(f"{word}={word}")
    return "\n".join(lines) + "\n"
