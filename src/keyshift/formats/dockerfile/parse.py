"""Dockerfile / Containerfile adapter: ``ENV`` and ``ARG`` variables with exact spans.

What is read:

* ``ENV KEY=value KEY2="v 2"``, the legacy ``ENV KEY value`` (the value is the rest of the
  instruction), ``ARG KEY`` and ``ARG KEY=default`` (several per instruction), also after
  ``ONBUILD``.  Instructions are case-insensitive; line continuations (the escape character at the
  end of a line, ``\\`` unless a ``# escape=`` parser directive says otherwise), comment and blank
  lines inside a continued instruction, and heredoc bodies (``RUN <<EOF``) are handled.  Every other
  instruction is not interpreted.
* Each variable is an occurrence of ``form="key"`` with path ``(KEY,)``: ``key_span`` is the name,
  ``value_span`` the value as written (quotes included; an empty span for ``KEY=``; None when no
  value is written, ``ARG KEY``), ``value`` the value with quotes and escapes removed, or None when it
  expands a variable (``$X``, ``${X}``: unknown before build time).
* So that a rename reaches every use, ``$NAME`` and ``${NAME...}`` references (outside single quotes in
  ENV/ARG values, anywhere in other instructions and heredoc bodies) are occurrences of
  ``form="literal"`` (names in code, renamed as safely as the variable itself), and the plain-text
  tokens of :mod:`keyshift.formats.text.parse` outside comment lines are occurrences of ``form="text"``.
  Comments are not searched, like comments of other config formats: a commented-out variable is
  not reported again.  Values are searched for tokens too, so an env-shaped name in a single-quoted
  value is a (text) occurrence even though it is no reference.

The only error is an unterminated quote in an ENV or ARG instruction
(:class:`~keyshift.core.model.ConfigSyntaxError` at the opening quote).  ``ParsedFile.tree`` is a
:class:`DockerfileTree` for the fixer.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from keyshift.core.model import Occurrence, ParsedFile
from keyshift.core.positions import LineIndex
from keyshift.formats._lines import Line, physical_lines, syntax_error
from keyshift.formats.text.parse import merge_occurrences, text_occurrence, token_occurrences, whole_document

FORMAT = "dockerfile"

_DIRECTIVE = re.compile(r"#[ \t]*([A-Za-z][A-Za-z0-9]*)[ \t]*=[ \t]*(\S+?)[ \t]*\r?$")
_INSTRUCTION = re.compile(r"[ \t]*([A-Za-z]+)(?=[ \t]|$)")
_HEREDOC = re.compile(r"<<(-?)([\"']?)([A-Za-z_][A-Za-z0-9_]*)\2")
_REFERENCE = re.compile(r"\$(?:\{[#!]?)?([A-Za-z_][A-Za-z0-9_]*)")
_HEREDOC_INSTRUCTIONS = frozenset({"RUN", "COPY", "ADD"})


@dataclass(frozen=True, slots=True)
class DockerVariable:
    """One ``KEY=value`` (or ``KEY``) of an ENV/ARG instruction; offsets into the text."""

    key_start: int
    key_end: int
    value_start: int | None
    """Start of the value as written (its opening quote included); None when no value is written."""
    value_end: int | None
    word_start: int
    """Start of the whole ``KEY=value`` word (for a legacy ``ENV KEY value``: the key)."""
    word_end: int
    """End of the whole word (for a legacy ``ENV KEY value``: the end of the value)."""


@dataclass(frozen=True, slots=True)
class DockerInstruction:
    """An ENV or ARG instruction with the lines it covers."""

    keyword: str
    """``ENV`` or ``ARG`` (upper case, also when written after ``ONBUILD``)."""
    start: int
    """Offset of the start of the instruction's first line."""
    end: int
    """Offset just past the line ending of its last line (the end of the text when it has none)."""
    variables: tuple[DockerVariable, ...]
    legacy: bool
    """True for ``ENV KEY value`` (one variable whose value is the rest of the instruction)."""


@dataclass(frozen=True, slots=True)
class DockerfileTree:
    """What ``ParsedFile.tree`` holds for a Dockerfile."""

    escape: str
    """The escape character: ``\\`` or the one set by a ``# escape=`` directive."""
    instructions: tuple[DockerInstruction, ...]


# a logical line: its characters with the offset of each in the text
_Chars = list[tuple[str, int]]


def parse(text: str) -> ParsedFile[DockerfileTree]:
    lines = LineIndex(text)
    parser = _Parser(text, lines)
    parser.run()
    keys = tuple(parser.keys)
    comments = parser.comments
    tokens = [o for o in token_occurrences(lines) if o.key_span.start.line not in comments]
    texts = sorted(parser.references + tokens, key=lambda o: o.key_span.start.offset)
    occurrences = merge_occurrences(keys, texts)
    tree = DockerfileTree(parser.escape, tuple(parser.instructions))
    return ParsedFile(FORMAT, text, (whole_document(lines, occurrences, "mapping"),), typed=False, tree=tree)


class _Parser:
    def __init__(self, text: str, lines: LineIndex) -> None:
        self.text = text
        self.lines = lines
        self.escape = "\\"
        self.keys: list[Occurrence] = []
        self.references: list[Occurrence] = []
        self.instructions: list[DockerInstruction] = []
        self.comments: set[int] = set()
        """1-based numbers of the comment lines (parser directives included)."""
        # an empty text is one empty line
        self.physical = physical_lines(text) or [Line(0, 0, 0)]

    def line(self, index: int) -> str:
        line = self.physical[index]
        return self.text[line.start : line.content_end]

    def run(self) -> None:
        index = self.directives()
        count = len(self.physical)
        while index < count:
            content = self.line(index)
            stripped = content.strip()
            if not stripped or stripped.startswith("#"):
                if stripped:
                    self.comments.add(index + 1)
                index += 1
                continue
            chars, last = self.logical(index)
            if chars:
                self.instruction(chars, self.physical[index].start, self.physical[last].end)
            index = self.heredocs(chars, last + 1)

    def directives(self) -> int:
        """Read the parser directives at the top; the index of the first line after them."""
        index = 0
        while index < len(self.physical):
            match = _DIRECTIVE.fullmatch(self.line(index))
            if match is None:
                break
            if match[1].lower() == "escape" and match[2] in ("\\", "`"):
                self.escape = match[2]
            self.comments.add(index + 1)
            index += 1
        return index

    def logical(self, first: int) -> tuple[_Chars, int]:
        """The characters of the instruction starting at line ``first`` and the index of its last line."""
        chars: _Chars = []
        index = first
        while True:
            start = self.physical[index].start
            content = self.line(index)
            if index > first and (not content.strip() or content.lstrip().startswith("#")):
                # comment and blank lines inside a continued instruction are dropped
                if content.strip():
                    self.comments.add(index + 1)
                if index + 1 >= len(self.physical):
                    return chars, index
                index += 1
                continue
            trimmed = content.rstrip(" \t")
            if trimmed.endswith(self.escape):
                chars.extend((c, start + i) for i, c in enumerate(trimmed[:-1]))
                if index + 1 >= len(self.physical):
                    return chars, index
                index += 1
                continue
            chars.extend((c, start + i) for i, c in enumerate(content))
            return chars, index

    def instruction(self, chars: _Chars, start: int, end: int) -> None:
        line = "".join(c for c, _ in chars)
        match = _INSTRUCTION.match(line)
        if match is None:
            return
        keyword = match[1].upper()
        rest = match.end()
        if keyword == "ONBUILD":
            inner = _INSTRUCTION.match(line, rest)
            if inner is None:
                return
            keyword, rest = inner[1].upper(), inner.end()
        if keyword not in ("ENV", "ARG"):
            self.add_references(line, chars, rest, ())
            return
        args = chars[rest:]
        words, single_quoted = self.words(args)
        # single-quoted ranges, in logical-line indexes, where "$X" is not a reference
        offset_to_index = {offset: i for i, (_, offset) in enumerate(chars)}
        literal = tuple((offset_to_index[a], offset_to_index[b] + 1) for a, b in single_quoted)
        self.add_references(line, chars, rest, literal)
        variables: list[DockerVariable] = []
        legacy = keyword == "ENV" and bool(words) and not any(c == "=" for c, _ in words[0])
        if legacy:
            variables.append(self.legacy(args, words[0]))
        else:
            for word in words:
                variable = self.variable(word)
                if variable is not None:
                    variables.append(variable)
        self.instructions.append(DockerInstruction(keyword, start, end, tuple(variables), legacy))

    def words(self, args: _Chars) -> tuple[list[_Chars], list[tuple[int, int]]]:
        """Split ENV/ARG arguments into words (quotes kept); also the offsets of single-quoted parts."""
        words: list[_Chars] = []
        single: list[tuple[int, int]] = []
        word: _Chars | None = None
        quote: tuple[str, int] | None = None
        i = 0
        while i < len(args):
            char, offset = args[i]
            if quote is None and char in " \t\r":
                word = None
                i += 1
                continue
            if word is None:
                word = []
                words.append(word)
            word.append(args[i])
            if quote is not None:
                if char == quote[0]:
                    if char == "'":
                        single.append((quote[1], offset))
                    quote = None
                elif char == self.escape and quote[0] == '"' and i + 1 < len(args):
                    i += 1
                    word.append(args[i])
            elif char in "'\"":
                quote = (char, offset)
            elif char == self.escape and i + 1 < len(args):
                i += 1
                word.append(args[i])
            i += 1
        if quote is not None:
            raise syntax_error(self.lines, "unterminated quote", quote[1])
        return words, single

    def variable(self, word: _Chars) -> DockerVariable | None:
        equals = next((i for i, (c, _) in enumerate(word) if c == "="), None)
        key = word if equals is None else word[:equals]
        if not key:
            return None
        key_start, key_end = key[0][1], key[-1][1] + 1
        word_end = word[-1][1] + 1
        if equals is None:
            self.add_key(key_start, key_end, None, None, None)
            return DockerVariable(key_start, key_end, None, None, key_start, word_end)
        raw = word[equals + 1 :]
        value_start = raw[0][1] if raw else word[equals][1] + 1
        value_end = raw[-1][1] + 1 if raw else value_start
        self.add_key(key_start, key_end, value_start, value_end, self.decode(raw))
        return DockerVariable(key_start, key_end, value_start, value_end, key_start, word_end)

    def legacy(self, args: _Chars, first: _Chars) -> DockerVariable:
        """``ENV KEY value``: the value is everything after the key, trailing blanks dropped."""
        key_start, key_end = first[0][1], first[-1][1] + 1
        after = next(i for i, (_, offset) in enumerate(args) if offset == first[-1][1]) + 1
        raw = args[after:]
        while raw and raw[0][0] in " \t":
            raw = raw[1:]
        while raw and raw[-1][0] in " \t\r":
            raw = raw[:-1]
        if not raw:
            self.add_key(key_start, key_end, None, None, None)
            return DockerVariable(key_start, key_end, None, None, key_start, key_end)
        value_start, value_end = raw[0][1], raw[-1][1] + 1
        self.add_key(key_start, key_end, value_start, value_end, self.decode(raw))
        return DockerVariable(key_start, key_end, value_start, value_end, key_start, value_end)

    def decode(self, raw: _Chars) -> str | None:
        """The value with quotes and escapes removed; None when it expands a variable."""
        out: list[str] = []
        quote: str | None = None
        i = 0
        while i < len(raw):
            char = raw[i][0]
            following = raw[i + 1][0] if i + 1 < len(raw) else ""
            if quote == "'":
                if char == "'":
                    quote = None
                else:
                    out.append(char)
            elif char == quote:
                quote = None
            elif char == self.escape and (quote is None or following in ('"', "$", self.escape)):
                if following:
                    out.append(following)
                i += 1
            elif quote is None and char in "'\"":
                quote = char
            elif char == "$" and (following == "{" or following == "_" or following.isalpha()):
                return None
            else:
                out.append(char)
            i += 1
        return "".join(out)

    def add_key(
        self, key_start: int, key_end: int, value_start: int | None, value_end: int | None, value: str | None
    ) -> None:
        name = self.text[key_start:key_end]
        self.keys.append(
            Occurrence(
                path=(name,),
                found=name,
                key_span=self.lines.span(key_start, key_end),
                value_span=None
                if value_start is None or value_end is None
                else self.lines.span(value_start, value_end),
                value_kind="scalar",
                value=value,
            )
        )

    def add_references(self, line: str, chars: _Chars, start: int, literal: tuple[tuple[int, int], ...]) -> None:
        for match in _REFERENCE.finditer(line, start):
            at = match.start()
            if any(a <= at < b for a, b in literal) or self.escaped(line, at):
                continue
            name_start = chars[match.start(1)][1]
            self.references.append(text_occurrence(self.lines, name_start, name_start + len(match[1]), form="literal"))

    def escaped(self, line: str, at: int) -> bool:
        count = 0
        while at - count - 1 >= 0 and line[at - count - 1] == self.escape:
            count += 1
        return count % 2 == 1

    def heredocs(self, chars: _Chars, index: int) -> int:
        """Skip the bodies of the heredocs the instruction opens; the index of the line after them."""
        line = "".join(c for c, _ in chars)
        match = _INSTRUCTION.match(line)
        if match is None or match[1].upper() not in _HEREDOC_INSTRUCTIONS:
            return index
        for heredoc in _HEREDOC.finditer(line, match.end()):
            strip_tabs, delimiter = heredoc[1] == "-", heredoc[3]
            while index < len(self.physical):
                content = self.line(index)
                start = self.physical[index].start
                index += 1
                if (content.lstrip("\t") if strip_tabs else content) == delimiter:
                    break
                for ref in _REFERENCE.finditer(content):
                    if not self.escaped(content, ref.start()):
                        name_start = start + ref.start(1)
                        end = name_start + len(ref[1])
                        self.references.append(text_occurrence(self.lines, name_start, end, form="literal"))
        return index
