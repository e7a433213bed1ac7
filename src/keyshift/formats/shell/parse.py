"""Shell script adapter (sh, bash, zsh, ``.bashrc``...): variable assignments with exact spans.

A small lexer reads the script the way a shell splits it into commands and words without running
anything: this module owns the commands (operators, reserved words, redirections, comments,
assignments and the occurrences they give); :mod:`keyshift.formats.shell._words` owns the words
(quotes, escapes, ``$(...)``, ``${...}``, backquotes, heredoc bodies, line continuations).

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

from keyshift.core.model import Occurrence, ParsedFile, ValueKind
from keyshift.core.positions import LineIndex
from keyshift.formats.shell._words import WORD_END, Heredoc, WordScanner, heredoc_delimiter
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
_ASSIGNMENT = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(\+?)=")
_REFERENCE = re.compile(r"\$(?:\{[#!]?)?([A-Za-z_][A-Za-z0-9_]*)")


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
    """Splits a script into commands and collects their assignments, comments and the names they use."""

    def __init__(self, text: str, lines: LineIndex) -> None:
        self.text = text
        self.n = len(text)
        self.lines = lines
        self.words = WordScanner(text, lines)
        self.raw: list[_Raw] = []
        self.values: list[str | None] = []
        self.mentions: list[Occurrence] = []
        self.comments: list[tuple[int, int]] = []
        self.literal: list[tuple[int, int]] = []
        """Single-quoted parts of assignment values."""
        self.stream: list[str] = []
        """Operators, reserved words and ``cmd`` for each simple command, in order (newlines left out)."""
        self.heredocs: list[Heredoc] = []
        self.command: _Command | None = None
        self.commands: list[_Command] = []
        self.state = "start"

    # -- the top level ---------------------------------------------------------------------------

    def run(self) -> None:
        pos = 0
        while (pos := self.words.blanks(pos)) < self.n:
            pos = self.step(pos)
        self.end_command()

    def step(self, pos: int) -> int:
        """Read what starts at ``pos`` (not a blank); the offset after it."""
        char = self.text[pos]
        if char == "\n":
            self.end_command()
            return self.words.heredoc_bodies(pos + 1, self.heredocs)
        if char == "#":
            end = self.text.find("\n", pos)
            end = self.n if end == -1 else end
            self.comments.append((pos, end))
            return end
        after = self.parenthesized(pos)
        if after is None:
            after = self.operator(pos)
        if after is None:
            end, _, _ = self.words.word(pos)
            after = self.handle_word(pos, end)
        return after

    def parenthesized(self, pos: int) -> int | None:
        """``((...))`` where a command starts, ``<(...)`` or ``>(...)`` anywhere: a part of a command that
        assigns nothing.  None when ``pos`` starts none of them."""
        text = self.text
        if self.state == "start" and self.command is None and text.startswith("((", pos):
            end = self.words.parens(pos)
            self.state = "args"
        elif text[pos] in "<>" and text.startswith("(", pos + 1):
            end = self.words.parens(pos + 1)
        else:
            return None
        command = self.begin(pos)
        command.other, command.end = True, end
        return end

    def operator(self, pos: int) -> int | None:
        """A redirection or a control operator at ``pos``: the offset after it, None when there is none."""
        text, char = self.text, self.text[pos]
        redirection = next((r for r in _REDIRECTIONS if text.startswith(r, pos)), None) if char in "<>&" else None
        if redirection is not None:
            return self.redirect(pos, redirection)
        operator = next((o for o in _OPERATORS if text.startswith(o, pos)), None) if char in ";&|()" else None
        if operator is None:
            return None
        self.end_command()
        self.stream.append(operator)
        return pos + len(operator)

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
        pos = self.words.blanks(pos + len(operator))
        if pos >= self.n or self.text[pos] in WORD_END:
            command.end = pos
            return pos
        end, _, _ = self.words.word(pos)
        command.end = end
        if operator in ("<<", "<<-"):
            self.heredocs.append((heredoc_delimiter(self.text[pos:end]), operator == "<<-"))
        return end

    # -- words of a command ----------------------------------------------------------------------

    def handle_word(self, start: int, end: int) -> int:
        """Take the word ``[start, end)`` of the current command; the offset to go on from."""
        raw = self.text[start:end]
        if self.state == "start":
            return self.first_word(start, end, raw)
        command = self.begin(start)
        command.end = end
        if self.state == "declaration":
            return self.declaration_argument(command, start, end, raw)
        command.other = True
        return end

    def first_word(self, start: int, end: int, raw: str) -> int:
        """A word where a command starts: a reserved word, an assignment, or the command's name."""
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

    def declaration_argument(self, command: _Command, start: int, end: int, raw: str) -> int:
        """An argument of ``export``, ``declare``...: an option, an assignment or a bare name."""
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
            end = self.words.parens(end)
            value, kind = None, "sequence"
        else:
            _, value, singles = self.words.word(value_start)
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
        end = self.line_end_after(command.end)
        if end is None or not self.removable(command):
            return None
        return start, end

    def line_end_after(self, pos: int) -> int | None:
        """Just past the line ending when only blanks, a ``;`` and a comment follow ``pos`` on its line."""
        text = self.text
        k = pos
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
        return min(k + 1, self.n)

    def removable(self, command: _Command) -> bool:
        """False when removing the command would leave an empty block or a dangling ``&&``, ``|``, ``if``..."""
        before = self.stream[command.token - 1] if command.token > 0 else ""
        after = next((self.stream[i] for i in range(command.token + 1, len(self.stream)) if self.stream[i] != ";"), "")
        return not (before in _DANGLING or (before in _OPENERS and after in _CLOSERS))
