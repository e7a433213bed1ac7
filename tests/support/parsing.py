"""What the format tests share besides rows: the syntax error a parser raises, and texts a parser must
either parse or refuse with a syntax error (never another exception)."""

from __future__ import annotations

import random
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from keyshift.core.model import ConfigSyntaxError, ParsedFile

Parse = Callable[[str], ParsedFile[Any]]


def syntax_error(parse: Parse, text: str) -> ConfigSyntaxError:
    """The error ``parse`` raises for ``text`` (the test fails if it parses)."""
    with pytest.raises(ConfigSyntaxError) as raised:
        parse(text)
    return raised.value


def assert_syntax_error(parse: Parse, text: str, message: str, line: int, column: int) -> None:
    """``parse`` refuses ``text`` at ``line:column`` with a message that holds ``message``."""
    error = syntax_error(parse, text)
    assert message in error.message
    assert (error.line, error.column) == (line, column)


def parse_or_refuse(parse: Parse, text: str) -> ParsedFile[Any] | None:
    """The parse of ``text``, or None where the parser refuses it with a syntax error at a real
    position; any other exception fails the test."""
    try:
        return parse(text)
    except ConfigSyntaxError as error:
        assert error.line >= 1
        assert error.column >= 1
        return None


def random_parses(
    parse: Parse, alphabet: str, seed: int, max_length: int, count: int = 2000
) -> Iterator[tuple[str, ParsedFile[Any]]]:
    """``count`` random texts of fewer than ``max_length`` characters of ``alphabet`` (the same on every run):
    each one ``parse`` reads, with its parse; those it refuses must be refused as ``parse_or_refuse`` says."""
    rng = random.Random(seed)
    for _ in range(count):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, max_length)))
        parsed = parse_or_refuse(parse, text)
        if parsed is not None:
            yield text, parsed
