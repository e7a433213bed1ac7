"""Reading an importer's input files and options, with errors that name the file and the place in it.

Shared by the importers: :func:`read_json` and :func:`read_csv` turn unreadable or malformed input into an
:class:`ImportFailure` (``file:line:column: what is wrong``); the ``*_option`` readers check the type of one
option of an :class:`ImportRequest` and say which option is wrong.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping
from typing import Any

from keyshift.importers import ImporterInfo, ImportFailure, ImportInput
from keyshift.importers.draft import TomlValue


def read_text(source: ImportInput) -> str:
    """The file's text (UTF-8, a BOM allowed)."""
    try:
        data = source.path.read_bytes()
    except FileNotFoundError:
        raise ImportFailure(f"{source.recorded}: file not found") from None
    except IsADirectoryError:
        raise ImportFailure(f"{source.recorded}: is a directory, not a file") from None
    except OSError as exc:
        raise ImportFailure(f"{source.recorded}: cannot read: {exc.strerror or exc}") from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFailure(f"{source.recorded}: not UTF-8 (byte at offset {exc.start})") from None


def read_json(source: ImportInput) -> Any:
    """The file's JSON value; bad JSON is reported at its line and column."""
    text = read_text(source)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportFailure(f"{source.recorded}:{exc.lineno}:{exc.colno}: invalid JSON: {exc.msg}") from None
    except RecursionError:
        raise ImportFailure(f"{source.recorded}: invalid JSON: nested too deeply") from None


def read_csv(source: ImportInput) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header and the rows (with their 1-based line) of a CSV file with a header line."""
    text = read_text(source)
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        rows = list(reader)
    except csv.Error as exc:
        raise ImportFailure(f"{source.recorded}:{reader.line_num}: invalid CSV: {exc}") from None
    if not rows:
        raise ImportFailure(f"{source.recorded}: empty CSV file (a header line is needed)")
    header = [name.strip() for name in rows[0]]
    records: list[tuple[int, dict[str, str]]] = []
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise ImportFailure(f"{source.recorded}:{line}: {len(row)} columns where the header has {len(header)}")
        records.append((line, {name: cell.strip() for name, cell in zip(header, row, strict=True)}))
    return header, records


def check_options(info: ImporterInfo, options: Mapping[str, TomlValue], where: str = "") -> None:
    """Refuse an option the importer does not know, naming the ones it does."""
    for name in options:
        if name not in info.options:
            known = ", ".join(info.options) or "none"
            place = f"{where}: " if where else ""
            raise ImportFailure(f"{place}unknown option {name!r} of importer {info.name} (known: {known})")


def str_option(options: Mapping[str, TomlValue], name: str) -> str | None:
    """A string option, or None when it is not given."""
    value = options.get(name)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        raise ImportFailure(f"option {name}: must be a non-empty string")
    return value


def flag_option(options: Mapping[str, TomlValue], name: str, *, default: bool) -> bool:
    value = options.get(name, default)
    if not isinstance(value, bool):
        raise ImportFailure(f"option {name}: must be true or false")
    return value


def list_option(options: Mapping[str, TomlValue], name: str) -> list[str]:
    """A list of strings; one string is a list of one (``--option keys=select``)."""
    value = options.get(name, [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) and item.strip() for item in value):
        raise ImportFailure(f"option {name}: must be a list of strings")
    return [item for item in value if isinstance(item, str)]


def table_option(options: Mapping[str, TomlValue], name: str) -> dict[str, str]:
    """A table of string values (``columns = { old = "from_code" }``)."""
    value = options.get(name, {})
    if not isinstance(value, dict) or not all(isinstance(item, str) for item in value.values()):
        raise ImportFailure(f'option {name}: must be a table of strings, such as {{ old = "from" }}')
    return {key: item for key, item in value.items() if isinstance(item, str)}
