"""Shell script adapter (sh, bash, zsh, ``.bashrc``...): variable assignments with exact spans.

A small lexer reads the script the way a shell splits it into words (quotes, escapes, ``$(...)``,
``${...}``, backquotes, comments, heredoc bodies, line continuations) without running anything.

* An assignment at the start of a command is an occurrence of ``form="key"`` with path ``(NAME,)``:
  ``NAME=value``, ``export NAME=value``, ``declare -x NAME=value``, ``readonly NAME=value``,
  ``typeset``/``local`` likewise (several per command allowed, also ``A=1 cmd``), and a bare
  ``export NAME`` (no value: ``value_span`` and ``value`` None).  A command starts a line or follows
  ``;``, ``&&``, ``||``, ``|``, ``(``, ``then``, ``do``... ``key_span`` is the name; ``value_span`` the value
  as written (quotes included; an empty span for ``NAME=``); ``value`` the value with quotes and
  escapes removed (double-quoted values may span lines), or None when it expands anything (``$X``,
  ``$(cmd)``, backquotes): its value is unknown before the script runs.  ``NAME=(a b)`` is an array:
  ``value_kind="sequence"``.
* So that a rename reaches every use of a variable, ``$NAME`` and ``${NAME...}`` references and the
  names of ``NAME+=value`` are occurrences of ``form="literal"`` (names in code: their renames are as
  safe as the assignment's, so a safe fix never leaves a script half renamed), and the plain-text
  tokens of :mod:`keyshift.formats.text.parse` (dotted keys, environment-variable names: ``unset
  NAME``, ``-Dkey`` arguments...) are occurrences of ``form="text"``, wherever they are except in
  comments (like comments of config formats, so a commented-out assignment is not reported again)
  and in single-quoted parts of assignment values (literal text there).  A ``$NAME`` inside a
  single-quoted command argument (``sh -c '...$X'``) is kept: it is likely expanded later.

The only error is an unterminated quote, backquote, ``$(`` or ``${``
(:class:`~keyshift.core.model.ConfigSyntaxError` at its start); anything else is read without complaint.
``ParsedFile.tree`` is a :class:`ShellTree` for the fixer.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import NoReturn

from keyshift.core.model import Occurrence, ParsedFile, ValueKind
from keyshift.core.positions import LineIndex
from keyshift.formats._lines import syntax_error
from keyshift.formats.text.parse import (
    IDENTIFIER,
    merge_occurrences,
    text_occurrence,
    token_occurrences,
    whole_document,
)

FORMAT = "shell"

DECLARATIONS = frozenset({"export", "readonly", "declare", "typeset", "local"})
"""Commands whose arguments are assignments (or bare names)."""

_COMMAND_POSITION = frozenset({"if", "then", "else", "elif", "while", "until", "do", "!", "{", "time"})
"""Reserved words after which a new command starts."""
_ENDERS = frozenset({"fi", "done", "esac", "}"})
_DANGLING = frozenset({"&&", "||", "|", "|&", "!", "if", "elif", "while", "until", "time"})
"""Tokens that need a command after them: removing the one that follows would break the script."""
_OPENERS = frozenset({"then", "do", "else", "{", "("})
_CLOSERS = frozenset({"fi", "done", "else", "elif", "}", ")", "esac", ""})
_OPERATORS = (";;&", ";;", ";&", ";", "&&", "||", "|&", "|", "&", "(", ")")
_REDIRECTIONS = ("&>>", "&>", "<<<", "<<-", "<<", "<>", "<&", ">>", ">&", ">|", "<", ">")
_WORD_END = frozenset(" \t\r\n;&|()<>")
_ASSIGNMENT = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(\+?)=")
_REFERENCE = re.compile(r"\$(?:\{[#!]?)?([A-Za-z_][A-Za-z0-9_]*)")
_ANSI_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "e": "\x1b", "f": "\f", "v": "\v"}


@dataclass(frozen=True, slots=True)
class ShellAssignment:
    """One assignment; offsets into the text."""

    key_start: int
    key_end: int
    value_start: int | None
    """Start of the value as written (quotes included); None for a bare ``export NAME``."""
    value_end: int | None
    value_kind: ValueKind
    lines: tuple[int, int] | None
    """``[start, end)`` of the whole lines holding the assignment when they do nothing else (its
    command is this one assignment, alone on its lines apart from a ``;`` and a comment, and removing
    it leaves no empty block or dangling ``&&``), else None."""


@dataclass(frozen=True, slots=True)
class ShellTree:
    """What ``ParsedFile.tree`` holds for a shell script."""

    assignments: tuple[ShellAssignment, ...]


def parse(text: str) -> ParsedFile[ShellTree]:
    lines = LineIndex(text)
    lexer = _Lexer(text, lines)
    lexer.run()
    assignments = lexer.assignments()
    keys = [
        Occurrence(
            path=(text[a.key_start : a.key_end],),
            found=text[a.key_start : a.key_end],
            key_span=lines.span(a.key_start, a.key_end),
            value_span=None if a.value_start is None or a.value_end is None else lines.span(a.value_start, a.value_end),
            value_kind=a.value_kind,
            value=value,
        )
        for a, value in zip(assignments, lexer.values, strict=True)
    ]
    skipped = _Ranges(sorted(lexer.comments + lexer.literal))
    comments = _Ranges(lexer.comments)
    texts = list(lexer.mentions)
    for match in _REFERENCE.finditer(text):
        if _escaped(text, match.start()) or skipped.holds(match.start()):
            continue
        texts.append(text_occurrence(lines, match.start(1), match.end(1), form="literal"))
    texts.extend(o for o in token_occurrences(lines) if not comments.holds(o.key_span.start.offset))
    texts.sort(key=lambda o: o.key_span.start.offset)
    occurrences = merge_occurrences(keys, texts)
    document = whole_document(lines, occurrences, "mapping")
    return ParsedFile(FORMAT, text, (document,), typed=False, tree=ShellTree(tuple(assignments)))


class _Ranges:
    """Sorted, non-overlapping ``[start, end)`` ranges with a fast membership test."""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        self.ranges = ranges
        self.starts = [start for start, _ in ranges]

    def holds(self, offset: int) -> bool:
        index = bisect_right(self.starts, offset) - 1
        return index >= 0 and offset < self.ranges[index][1]


def _delimiter(word: str) -> str:
    """A heredoc delimiter as written (``'EOF'``, ``"EOF"``, ``\\EOF``) -> the line that ends the body."""
    return re.sub(r"[\"'\\]", "", word)


def _escaped(text: str, at: int) -> bool:
    count = 0
    while at - count - 1 >= 0 and text[at - count - 1] == "\\":
        count += 1
    return count % 2 == 1


@dataclass(slots=True)
class _Command:
    start: int
    end: int
    assignments: list[int] = field(default_factory=list)
    other: bool = False
    """True when the command does more than assign: a command word, an argument, a redirection."""
    token: int = -1


@dataclass(frozen=True, slots=True)
class _Raw:
    key_start: int
    key_end: int
    value_start: int | None
    value_end: int | None
    value_kind: ValueKind
    command: _Command


class _Lexer:
    def __init__(self, text: str, lines: LineIndex) -> None:
        self.text = text
        self.n = len(text)
        self.lines = lines
        self.raw: list[_Raw] = []
        self.values: list[str | None] = []
        self.mentions: list[Occurrence] = []
        self.comments: list[tuple[int, int]] = []
        self.literal: list[tuple[int, int]] = []
        """Single-quoted parts of assignment values."""
        self.stream: list[str] = []
        """Operators, reserved words and ``cmd`` for each simple command, in order (newlines left out)."""
        self.heredocs: list[tuple[str, bool]] = []
        self.command: _Command | None = None
        self.commands: list[_Command] = []
        self.state = "start"

    # -- the top level ---------------------------------------------------------------------------

    def run(self) -> None:
        text, pos = self.text, 0
        while True:
            pos = self.blanks(pos)
            if pos >= self.n:
                break
            char = text[pos]
            if char == "\n":
                self.end_command()
                pos = self.heredoc_bodies(pos + 1)
                continue
            if char == "#":
                end = text.find("\n", pos)
                end = self.n if end == -1 else end
                self.comments.append((pos, end))
                pos = end
                continue
            if self.state == "start" and self.command is None and text.startswith("((", pos):
                end = self.parens(pos)
                command = self.begin(pos)
                command.other, command.end = True, end
                self.state = "args"
                pos = end
                continue
            if char in "<>" and text.startswith("(", pos + 1):
                end = self.parens(pos + 1)
                command = self.begin(pos)
                command.other, command.end = True, end
                pos = end
                continue
            redirection = next((r for r in _REDIRECTIONS if text.startswith(r, pos)), None) if char in "<>&" else None
            if redirection is not None:
                pos = self.redirect(pos, redirection)
                continue
            operator = next((o for o in _OPERATORS if text.startswith(o, pos)), None) if char in ";&|()" else None
            if operator is not None:
                self.end_command()
                self.stream.append(operator)
                pos += len(operator)
                continue
            end, _, _ = self.word(pos)
            pos = self.handle_word(pos, end)
        self.end_command()

    def blanks(self, pos: int) -> int:
        text = self.text
        while pos < self.n:
            if text[pos] in " \t\r":
                pos += 1
            elif text.startswith("\\\n", pos):
                pos += 2
            elif text.startswith("\\\r\n", pos):
                pos += 3
            else:
                break
        return pos

    def begin(self, start: int) -> _Command:
        if self.command is None:
            self.command = _Command(start, start)
        return self.command

    def end_command(self) -> None:
        if self.command is not None:
            self.stream.append("cmd")
            self.command.token = len(self.stream) - 1
            self.commands.append(self.command)
            self.command = None
        self.state = "start"

    def redirect(self, pos: int, operator: str) -> int:
        command = self.begin(pos)
        command.other = True
        pos = self.blanks(pos + len(operator))
        if pos >= self.n or self.text[pos] in _WORD_END:
            command.end = pos
            return pos
        end, _, _ = self.word(pos)
        command.end = end
        if operator in ("<<", "<<-"):
            self.heredocs.append((_delimiter(self.text[pos:end]), operator == "<<-"))
        return end

    def heredoc_bodies(self, pos: int, heredocs: list[tuple[str, bool]] | None = None) -> int:
        """Skip the bodies of the heredocs opened on the line that just ended."""
        pending = self.heredocs if heredocs is None else heredocs
        for delimiter, strip_tabs in pending:
            while pos < self.n:
                newline = self.text.find("\n", pos)
                end = self.n if newline == -1 else newline
                line = self.text[pos:end].rstrip("\r")
                pos = self.n if newline == -1 else newline + 1
                if (line.lstrip("\t") if strip_tabs else line) == delimiter:
                    break
        pending.clear()
        return pos

    def handle_word(self, start: int, end: int) -> int:
        raw = self.text[start:end]
        if self.state == "start":
            if self.command is None and raw in _COMMAND_POSITION:
                self.stream.append(raw)
                return end
            if self.command is None and raw in _ENDERS:
                self.stream.append(raw)
                self.state = "args"
                return end
            command = self.begin(start)
            if _ASSIGNMENT.match(raw):
                return self.assignment(command, start, end)
            command.end = end
            if raw in DECLARATIONS and not command.assignments:
                self.state = "declaration"
            else:
                command.other = True
                self.state = "args"
            return end
        command = self.begin(start)
        command.end = end
        if self.state == "declaration":
            if raw.startswith(("-", "+")):
                return end
            if _ASSIGNMENT.match(raw):
                return self.assignment(command, start, end)
            if IDENTIFIER.fullmatch(raw):
                self.add(command, start, end, None, None, None, "scalar")
                return end
        command.other = True
        return end

    def assignment(self, command: _Command, start: int, end: int) -> int:
        match = _ASSIGNMENT.match(self.text, start)
        assert match is not None
        name_end = start + len(match[1])
        value_start = match.end()
        kind: ValueKind = "scalar"
        value: str | None
        if value_start == end and self.text.startswith("(", end):
            end = self.parens(end)
            value, kind = None, "sequence"
        else:
            _, value, singles = self.word(value_start)
            if not match[2]:
                self.literal.extend(singles)
        command.end = end
        if match[2]:
            # NAME+=value appends: the name is a use of the variable, not a place that sets it
            self.mentions.append(text_occurrence(self.lines, start, name_end, form="literal"))
            command.other = True
        else:
            self.add(command, start, name_end, value_start, end, value, kind)
        return end

    def add(
        self,
        command: _Command,
        key_start: int,
        key_end: int,
        value_start: int | None,
        value_end: int | None,
        value: str | None,
        kind: ValueKind,
    ) -> None:
        command.assignments.append(len(self.raw))
        self.raw.append(_Raw(key_start, key_end, value_start, value_end, kind, command))
        self.values.append(value)

    # -- words -----------------------------------------------------------------------------------

    def word(self, pos: int) -> tuple[int, str | None, list[tuple[int, int]]]:
        """Scan one word: its end, its value (None when it expands anything), its single-quoted parts."""
        text, n = self.text, self.n
        out: list[str] = []
        singles: list[tuple[int, int]] = []
        dynamic = False
        while pos < n:
            char = text[pos]
            if char in _WORD_END:
                break
            if char == "\\":
                if text.startswith("\n", pos + 1):
                    pos += 2
                elif text.startswith("\r\n", pos + 1):
                    pos += 3
                else:
                    out.append(text[pos + 1 : pos + 2])
                    pos += 2
            elif char == "'":
                end = text.find("'", pos + 1)
                if end == -1:
                    self.unterminated(pos, "quote")
                out.append(text[pos + 1 : end])
                singles.append((pos, end + 1))
                pos = end + 1
            elif char == '"':
                pos, expands = self.double(pos, out)
                dynamic = dynamic or expands
            elif char == "`":
                pos = self.backquote(pos)
                dynamic = True
            elif char == "$":
                pos, expands = self.dollar(pos, out)
                dynamic = dynamic or expands
            else:
                out.append(char)
                pos += 1
        return pos, None if dynamic else "".join(out), singles

    def double(self, pos: int, out: list[str]) -> tuple[int, bool]:
        """A double-quoted string at ``pos``: the offset after it and whether it expands anything."""
        text, k, dynamic = self.text, pos + 1, False
        while k < self.n:
            char = text[k]
            if char == '"':
                return k + 1, dynamic
            if char == "\\":
                following = text[k + 1 : k + 2]
                if following == "\n":
                    k += 2
                elif following and following in '$`"\\':
                    out.append(following)
                    k += 2
                else:
                    out.append(char)
                    k += 1
            elif char == "`":
                k = self.backquote(k)
                dynamic = True
            elif char == "$" and text[k + 1 : k + 2] not in ("'", '"'):
                k, expands = self.dollar(k, out)
                dynamic = dynamic or expands
            else:
                out.append(char)
                k += 1
        self.unterminated(pos, "double quote")

    def dollar(self, pos: int, out: list[str]) -> tuple[int, bool]:
        """A ``$`` at ``pos``: the offset after what it starts and whether that is an expansion."""
        text = self.text
        following = text[pos + 1 : pos + 2]
        if following == "'":
            return self.ansi_c(pos, out), False
        if following == '"':
            return self.double(pos + 1, out)
        if following == "(":
            return self.parens(pos + 1), True
        if following == "{":
            return self.braces(pos + 1), True
        if following == "_" or following.isalpha():
            name = IDENTIFIER.match(text, pos + 1)
            assert name is not None
            return name.end(), True
        if following and (following.isdigit() or following in "@*#?$!-"):
            return pos + 2, True
        out.append("$")
        return pos + 1, False

    def ansi_c(self, pos: int, out: list[str]) -> int:
        """``$'...'`` (backslash escapes decoded) at ``pos``; the offset after it."""
        text, k = self.text, pos + 2
        while k < self.n:
            char = text[k]
            if char == "'":
                return k + 1
            if char == "\\" and k + 1 < self.n:
                following = text[k + 1]
                out.append(_ANSI_ESCAPES.get(following, following))
                k += 2
                continue
            out.append(char)
            k += 1
        self.unterminated(pos, "quote")

    def backquote(self, pos: int) -> int:
        k = pos + 1
        while k < self.n:
            if self.text[k] == "\\":
                k += 2
            elif self.text[k] == "`":
                return k + 1
            else:
                k += 1
        self.unterminated(pos, "backquote")

    def parens(self, pos: int) -> int:
        """The offset after the ``)`` matching the ``(`` at ``pos`` (quotes and nesting respected)."""
        text, k, depth = self.text, pos, 0
        arithmetic = text.startswith("((", pos)
        heredocs: list[tuple[str, bool]] = []
        while k < self.n:
            char = text[k]
            if char == "\\":
                k += 2
                continue
            if char == "\n" and heredocs:
                k = self.heredoc_bodies(k + 1, heredocs)
                continue
            if char == "<" and not arithmetic and text.startswith("<<", k) and not text.startswith("<<<", k):
                strip_tabs = text.startswith("<<-", k)
                k = self.blanks(k + (3 if strip_tabs else 2))
                end, _, _ = self.word(k)
                if end > k:
                    heredocs.append((_delimiter(text[k:end]), strip_tabs))
                k = end
                continue
            if char == "(":
                depth += 1
            elif char == ")":
                depth -= 1
                if depth == 0:
                    return k + 1
            elif char == "'":
                end = text.find("'", k + 1)
                if end == -1:
                    self.unterminated(k, "quote")
                k = end + 1
                continue
            elif char == '"':
                k, _ = self.double(k, [])
                continue
            elif char == "`":
                k = self.backquote(k)
                continue
            elif char == "$" and text.startswith("{", k + 1):
                k = self.braces(k + 1)
                continue
            elif char == "#" and (k == 0 or text[k - 1] in " \t\n"):
                end = text.find("\n", k)
                k = self.n if end == -1 else end
                continue
            k += 1
        self.unterminated(pos - 1 if text[pos - 1 : pos] == "$" else pos, "$(" if text[pos - 1 : pos] == "$" else "(")

    def braces(self, pos: int) -> int:
        """The offset after the ``}`` closing the ``${`` whose ``{`` is at ``pos``."""
        text, k = self.text, pos + 1
        while k < self.n:
            char = text[k]
            if char == "\\":
                k += 2
            elif char == "}":
                return k + 1
            elif char == '"':
                k, _ = self.double(k, [])
            elif char == "`":
                k = self.backquote(k)
            elif char == "$" and text.startswith("{", k + 1):
                k = self.braces(k + 1)
            elif char == "$" and text.startswith("(", k + 1):
                k = self.parens(k + 1)
            else:
                k += 1
        self.unterminated(pos - 1, "${")

    def unterminated(self, pos: int, what: str) -> NoReturn:
        raise syntax_error(self.lines, f"unterminated {what}", pos)

    # -- results ---------------------------------------------------------------------------------

    def assignments(self) -> list[ShellAssignment]:
        return [
            ShellAssignment(r.key_start, r.key_end, r.value_start, r.value_end, r.value_kind, self.lines_of(r.command))
            for r in self.raw
        ]

    def lines_of(self, command: _Command) -> tuple[int, int] | None:
        """The whole lines of a command that is one assignment and nothing else, if removing them is safe."""
        if command.other or len(command.assignments) != 1:
            return None
        text = self.text
        start = command.start
        while start > 0 and text[start - 1] in " \t":
            start -= 1
        if start > 0 and text[start - 1] != "\n":
            return None
        k = command.end
        while k < self.n and text[k] in " \t":
            k += 1
        if text.startswith(";", k) and not text.startswith(";;", k):
            k += 1
            while k < self.n and text[k] in " \t":
                k += 1
        if text.startswith("#", k):
            newline = text.find("\n", k)
            k = self.n if newline == -1 else newline
        if text.startswith("\r", k):
            k += 1
        if k < self.n and text[k] != "\n":
            return None
        before = self.stream[command.token - 1] if command.token > 0 else ""
        after = next((self.stream[i] for i in range(command.token + 1, len(self.stream)) if self.stream[i] != ";"), "")
        if before in _DANGLING or (before in _OPENERS and after in _CLOSERS):
            return None
        return start, min(k + 1, self.n)
