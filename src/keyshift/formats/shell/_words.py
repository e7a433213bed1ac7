"""The shell's word scanner: where a word, a quoted string or an expansion ends, as the shell reads it.

Owns quoting (``'...'``, ``"..."``, ``$'...'``, backslashes), expansions (``$NAME``, ``${...}``,
``$(...)``, backquotes), blanks with line continuations and heredoc bodies, and the one syntax
error of the shell adapter: an unterminated quote, backquote, ``$(`` or ``${``.  It knows nothing
of commands or assignments (see :mod:`keyshift.formats.shell.parse`).
"""

from __future__ import annotations

import re
from typing import NoReturn

from keyshift.core.positions import LineIndex
from keyshift.formats._lines import syntax_error
from keyshift.formats.text.parse import IDENTIFIER

WORD_END = frozenset(" \t\r\n;&|()<>")
"""Characters that end an unquoted word."""
_ANSI_ESCAPES = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "b": "\b", "e": "\x1b", "f": "\f", "v": "\v"}

Heredoc = tuple[str, bool]
"""A heredoc waiting for its body: the line that ends it and whether leading tabs are stripped (``<<-``)."""


def heredoc_delimiter(word: str) -> str:
    """A heredoc delimiter as written (``'EOF'``, ``"EOF"``, ``\\EOF``) -> the line that ends the body."""
    return re.sub(r"[\"'\\]", "", word)


class WordScanner:
    """Scans the words of one script; every method takes an offset and returns the offset after what it read."""

    def __init__(self, text: str, lines: LineIndex) -> None:
        self.text = text
        self.n = len(text)
        self.lines = lines

    def unterminated(self, pos: int, what: str) -> NoReturn:
        raise syntax_error(self.lines, f"unterminated {what}", pos)

    def blanks(self, pos: int) -> int:
        """Past spaces, tabs and line continuations."""
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

    def heredoc_bodies(self, pos: int, pending: list[Heredoc]) -> int:
        """Skip the bodies of the heredocs opened on the line that just ended (``pending`` is emptied)."""
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

    def word(self, pos: int) -> tuple[int, str | None, list[tuple[int, int]]]:
        """Scan one word: its end, its value (None when it expands anything), its single-quoted parts."""
        text, n = self.text, self.n
        out: list[str] = []
        singles: list[tuple[int, int]] = []
        dynamic = False
        while pos < n:
            char = text[pos]
            if char in WORD_END:
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
                end = self.single(pos)
                out.append(text[pos + 1 : end - 1])
                singles.append((pos, end))
                pos = end
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

    def single(self, pos: int) -> int:
        """The offset after the single-quoted string at ``pos``."""
        end = self.text.find("'", pos + 1)
        if end == -1:
            self.unterminated(pos, "quote")
        return end + 1

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
        following = self.text[pos + 1 : pos + 2]
        if following == "'":
            return self.ansi_c(pos, out), False
        if following == '"':
            return self.double(pos + 1, out)
        end = self.expansion_end(pos)
        if end is None:
            out.append("$")
            return pos + 1, False
        return end, True

    def expansion_end(self, pos: int) -> int | None:
        """The offset after the expansion the ``$`` at ``pos`` starts; None when it starts none.

        ``$(...)``, ``${...}``, ``$NAME`` and the special parameters (``$1``, ``$@``, ``$?``...).
        """
        text = self.text
        following = text[pos + 1 : pos + 2]
        if following == "(":
            return self.parens(pos + 1)
        if following == "{":
            return self.braces(pos + 1)
        if following == "_" or following.isalpha():
            name = IDENTIFIER.match(text, pos + 1)
            assert name is not None
            return name.end()
        if following and (following.isdigit() or following in "@*#?$!-"):
            return pos + 2
        return None

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
        heredocs: list[Heredoc] = []
        while k < self.n:
            char = text[k]
            if char == "\\":
                k += 2
                continue
            if char == "\n" and heredocs:
                k = self.heredoc_bodies(k + 1, heredocs)
                continue
            if char == "<" and not arithmetic and text.startswith("<<", k) and not text.startswith("<<<", k):
                k = self.heredoc_operator(k, heredocs)
                continue
            if char == "(":
                depth += 1
            elif char == ")":
                depth -= 1
                if depth == 0:
                    return k + 1
            elif char in "'\"`$#":
                k = self.skip_opaque(k)
                continue
            k += 1
        self.unterminated(pos - 1 if text[pos - 1 : pos] == "$" else pos, "$(" if text[pos - 1 : pos] == "$" else "(")

    def heredoc_operator(self, pos: int, heredocs: list[Heredoc]) -> int:
        """``<<`` or ``<<-`` and its delimiter word at ``pos`` (inside ``$(...)``): the heredoc joins ``heredocs``."""
        strip_tabs = self.text.startswith("<<-", pos)
        start = self.blanks(pos + (3 if strip_tabs else 2))
        end, _, _ = self.word(start)
        if end > start:
            heredocs.append((heredoc_delimiter(self.text[start:end]), strip_tabs))
        return end

    def skip_opaque(self, pos: int) -> int:
        """Inside ``$(...)``: past what starts at ``pos`` when its parentheses do not count, else one character.

        That is a quoted string, backquotes, ``${...}`` or a comment.
        """
        text, char = self.text, self.text[pos]
        if char == "'":
            return self.single(pos)
        if char == '"':
            return self.double(pos, [])[0]
        if char == "`":
            return self.backquote(pos)
        if char == "$" and text.startswith("{", pos + 1):
            return self.braces(pos + 1)
        if char == "#" and (pos == 0 or text[pos - 1] in " \t\n"):
            end = text.find("\n", pos)
            return self.n if end == -1 else end
        return pos + 1

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
