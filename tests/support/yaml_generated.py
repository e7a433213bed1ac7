"""Generated YAML texts, the same on every run: random documents, fragments of YAML's odd corners, comments
sprinkled in, and mutations of any text.  The YAML parser tests run both parsers over them."""

from __future__ import annotations

import random

SCALARS = (
    *("1", "-17", "+5", "0", "007", "0777", "0o17", "0x1F", "0b101", "1_000", "1.5", "1e3", "-.inf", ".NaN", ".5"),
    *("true", "False", "TRUE", "yes", "No", "on", "OFF", "y", "n", "null", "~", "Null", "=", "<<"),
    *("2001-12-14", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10", "12:30:45", "190:20:30"),
    *("plain text", "x.example", "a.b.c", "http://x:80/p?q=1#f", "-dash", "what's up", "é😀中", "a # not"),
    *("'single ''quoted'''", '"double \\"esc\\" \\t \\u00e9 \\x41"', '"multi\n  line"', "'multi\n\n  line'"),
    *('""', "''", "' lead'", '"42"', "'true'", "!!str 5", "!!int '7'", "!!float 3", "!!bool yes", "!Sub 'x-${A}'"),
    *("!!binary aGk=", "! 5", "! '5'", "!<tag:yaml.org,2002:int> 9", "!!null ''", "--", "?x", ":x", "a:b", "x "),
)
KEYS = (
    *("a", "b", "key", "a.b", "x.y.z", ".hidden", "a..b", "a.", "1", "true", "null", "~", "'q.k'", '"d.k"', "<<"),
    *("2001-12-14", "1.5", "é", "k k", "? complex", "[x, y]", "{p: q}", "&ka kk", "!!str 12", "''", "-k", "k-"),
)
FRAGMENTS = (
    *("{a:1}", "[a:b]", "{? a}", "[a: b]", "{a, b: c}", '{"a":1}', "{\"a\":b, 'c':d}", "[- a]", "[a, b, ]"),
    *("{a: 1, }", "[\n  a,\n  # c\n  b\n]", "{a: [1, {b: c}], d: *x}", "[*x, &y z, *y]", "a#b", "-a", "?a", ":a"),
    *('"esc \\x41 \\U0001F600 \\N \\_ \\L \\P \\/ end"', '"line \\\n  cont"', "'it''s'", '"a\\"b"', "x: y: z"),
    *("--- a", "--- |\n  blk", "--- >\n  f", "---a", " ---", "--- !!map\n", "--- &a\n", "--- {}", "---\n---"),
    *("- a: 1\n  b: 2", "-\n  a: 1", "- - - x", "- ? a\n  : b", "? - a\n: - b", "&x", "a: &x\nb: *x", "*x : 1"),
    *("<<: [*x, *y]", "<<: {m: 1}", "<<: *x", "'<<': 1", "<<:", "a: 1\na: 2", "!!map {a: 1}", "!!seq [1]"),
    *("!!set {a, b}", "!!omap [a: 1]", "!custom {a: 1}", "!!str 1: x", '!!int "1": x', "!!bool yes: x", "&k a: 1"),
    *("!!null : x", "a: b   # c", "a: # c\n  1", "a: !!str # c\n  x", "? # c\n  k\n: v", "a b c: d", "é: ü"),
    *("a: |-\n  x\n\n  y\n\n", "a: >\n  x\n\n   y\n  z\n", "a: |2\n   x\n  y", "a: >-\n\n  x", "a: |\n\n\n"),
    *("a: |\n x\n# c\n", "a:\n- 1\n- 2", "a:\n  - 1\n  -\n  - 3", "- !!str\n- !foo\n- &q\n- *q", "a: 'x' # c"),
    *("[a, [b, [c, [d]]]]", "a:\n  b:\n    c:\n      d: 1\n  e: 2", "a: b\n  c", "a:\n  b\n  c", "a: 'x\n\n  y'"),
    *(
        'a: "\\\n  y"',
        "1: 2\n3: 4",
        "null: 1\n~: 2\ntrue: 3\n1.5: 4\n0x1f: 5\n2001-01-01: 6",
        "😀: x",
        "k" * 1030 + ": v",
    ),
    *("a.b: 1\na.b.c: 2\n.a: 3\na.: 4", "\x00", "\x7f", "\x80", "\x9f", "\ud800", "\ufffe", "\xa0", "\u200b"),
    *("\r", "\r\n", "a: b\rc: d", " # c", "#c", "a: 'b'c", 'a: "b"c', "? a\n? b", "{a: b}: c", "[a]: b"),
    *("? [a, b]\n: c", "a: {b: c}\nd: [e]", "a: !!binary |\n  aGk=", "&a a: &b b", "a: *a", "- &s [1, *s]"),
    *("&m {a: *m}", "a: [1,2,3]", "a: [1 ,2]", "a: {b : c}", "'a' : b", '"a" : b', "a:\n\n\n  b: c", "a: :x"),
)
MUTATIONS = (
    *":-?[]{},#&*!|>'\"%@` \n\r.~<=\\",
    *("\t", "\x85", "\u2028", "é", "😀", "---", "...", ": ", "- ", "\r\n"),
)


class _Documents:
    """Random block and flow documents with anchors, aliases, merges, tags, block scalars and comments."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)
        self.anchors: list[str] = []

    def anchor(self) -> str:
        if self.rng.random() < 0.12:
            name = self.rng.choice(("a", "b", "x", "anc", "é", "a_b-1")) + str(self.rng.randrange(3))
            self.anchors.append(name)
            return "&" + name + " "
        return ""

    def alias(self) -> str | None:
        return "*" + self.rng.choice(self.anchors) if self.anchors and self.rng.random() < 0.15 else None

    def scalar(self) -> str:
        alias = self.alias()
        if alias:
            return alias
        return "" if self.rng.random() < 0.07 else self.anchor() + self.rng.choice(SCALARS)

    def key(self) -> str:
        alias = self.alias()
        return alias + " " if alias and self.rng.random() < 0.3 else self.rng.choice(KEYS)

    def flow(self, depth: int) -> str:
        rng = self.rng
        if depth > 2 or rng.random() < 0.5:
            return self.scalar() or "''"
        if rng.random() < 0.5:
            items = [self.flow(depth + 1) for _ in range(rng.randrange(0, 4))]
            return self.anchor() + "[" + ", ".join(items) + (", " if items and rng.random() < 0.1 else "") + "]"
        pairs = [f"{self.key()}: {self.flow(depth + 1)}" if rng.random() < 0.9 else self.key() for _ in range(3)]
        return self.anchor() + "{" + (",\n  " if rng.random() < 0.2 else ", ").join(pairs) + "}"

    def block_scalar(self, indent: int) -> str:
        rng = self.rng
        lines = [
            rng.choice(("line one", "  more", "", "x: y # no comment", "last")) for _ in range(rng.randrange(1, 5))
        ]
        body = "\n".join(" " * (indent + 2) + line if line else "" for line in lines)
        return rng.choice(("|", ">", "|-", ">+", "|2", ">-", "|+")) + "\n" + body + "\n" * rng.randrange(0, 3)

    def value(self, indent: int, depth: int) -> str:
        rng = self.rng
        choice = rng.random()
        if depth > 4 or choice < 0.45:
            return " " + self.scalar() + (" # c" if rng.random() < 0.1 else "")
        if choice < 0.55:
            return " " + self.flow(0)
        if choice < 0.62:
            return " " + self.block_scalar(indent)
        if choice < 0.82:
            return self.properties() + "\n" + self.mapping(indent + rng.choice((2, 2, 4, 1)), depth + 1)
        return self.properties() + "\n" + self.sequence(indent + rng.choice((0, 2, 2)), depth + 1)

    def properties(self) -> str:
        anchor = self.anchor()
        return " " + anchor.strip() if anchor else ""

    def mapping(self, indent: int, depth: int) -> str:
        rng = self.rng
        pad = " " * indent
        lines = []
        for _ in range(rng.randrange(1, 5)):
            choice = rng.random()
            if choice < 0.05 and self.anchors:
                lines.append(f"{pad}<<: {self.alias() or '*' + self.anchors[0]}")
            elif choice < 0.09:
                lines.append(f"{pad}? {self.key()}\n{pad}:{self.value(indent, depth)}")
            else:
                lines.append(f"{pad}{self.key()}:{self.value(indent, depth)}")
        return "\n".join(lines)

    def sequence(self, indent: int, depth: int) -> str:
        rng = self.rng
        pad = " " * indent
        items = []
        for _ in range(rng.randrange(1, 4)):
            if rng.random() < 0.3 and depth < 4:
                items.append(pad + "- " + self.mapping(indent + 2, depth + 1).lstrip(" \n"))
            elif rng.random() < 0.1 and depth < 4:
                items.append(pad + "- " + self.sequence(indent + 2, depth + 1).lstrip(" "))
            else:
                items.append(pad + "-" + self.value(indent, depth))
        return "\n".join(items)

    def document(self) -> str:
        self.anchors = []
        choice = self.rng.random()
        if choice < 0.75:
            return self.mapping(0, 0)
        return self.sequence(0, 0) if choice < 0.9 else self.flow(0)

    def stream(self) -> str:
        rng = self.rng
        text = ""
        for number in range(rng.choice((1, 1, 1, 2, 3))):
            start = "---\n" if number or rng.random() < 0.2 else ""
            text += (start and rng.choice(("---\n", "--- # c\n"))) + self.document() + "\n"
            text += "...\n" if rng.random() < 0.1 else ""
        if rng.random() < 0.15:
            text = text.replace("\n", "\r\n")
        return text.rstrip("\n") if rng.random() < 0.1 else text


def document(seed: int) -> str:
    """A random YAML stream of one to three documents."""
    return _Documents(seed).stream()


def fragments(seed: int) -> str:
    """A few lines from :data:`FRAGMENTS` (YAML's odd corners), some under keys, at random indentation."""
    rng = random.Random(seed)
    parts = []
    for _ in range(rng.randrange(1, 7)):
        fragment = rng.choice(FRAGMENTS)
        if rng.random() < 0.4:
            key = rng.choice(KEYS)
            fragment = f"{key}: {fragment}" if "\n" not in fragment else f"{key}:\n" + _indented(fragment, "  ")
        parts.append(_indented(fragment, " " * rng.choice((0, 0, 0, 2, 4, 1))))
    text = "\n".join(parts) + rng.choice(("\n", "", "\n\n"))
    return text.replace("\n", "\r\n") if rng.random() < 0.1 else text


def _indented(text: str, pad: str) -> str:
    return "\n".join(pad + line for line in text.split("\n"))


def commented(text: str, seed: int) -> str:
    """``text`` with comments and blank lines added at line ends and between lines."""
    rng = random.Random(seed)
    lines = []
    for line in text.split("\n"):
        choice = rng.random()
        if 0.15 <= choice < 0.22:
            lines.append(rng.choice(("# c", "  # c", "", "  ", " ")))
        lines.append(line + rng.choice((" # c", "  #c", " #")) if choice < 0.15 else line)
        if rng.random() < 0.1:
            lines.append(rng.choice(("", "  ", "# e")))
    return "\n".join(lines)


def mutated(text: str, seed: int) -> str:
    """``text`` with one to three characters inserted, deleted or replaced (YAML indicators mostly)."""
    rng = random.Random(seed)
    chars = list(text)
    for _ in range(rng.randrange(1, 4)):
        choice = rng.random()
        at = rng.randrange(0, len(chars) + 1)
        if choice < 0.4 or not chars:
            chars.insert(at, rng.choice(MUTATIONS))
        elif choice < 0.7:
            del chars[min(at, len(chars) - 1)]
        else:
            chars[min(at, len(chars) - 1)] = rng.choice(MUTATIONS)
    return "".join(chars)
