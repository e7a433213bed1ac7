"""TOML fixer: turns one :class:`~keyshift.core.edits.FixRequest` into minimal text edits of a TOML file.

It owns the TOML side of ``keyshift fix``: renaming a key or a table in place, moving a
``key = value`` line (with its own comment lines and multi-line value) to another table, creating
the missing parent as a ``[table]`` header or a dotted key as TOML 1.0 allows, setting values in
the file's own spelling, adding, deleting and commenting out entries and whole tables.  Only the
text of the touched entries changes; everything else keeps its bytes.

This module dispatches a request; the work is done by :mod:`~keyshift.formats.toml.rename`,
:mod:`~keyshift.formats.toml.removal`, :mod:`~keyshift.formats.toml.destination` and
:mod:`~keyshift.formats.toml.writing`, all reading one :class:`~keyshift.formats.toml.view.TomlView`.
Every plan is checked before it is returned (:mod:`~keyshift.formats.toml.verify`): the edited
text must parse with :mod:`tomllib` and hold exactly the data the request asks for (every other
value unchanged), otherwise :class:`~keyshift.core.edits.CannotFix` is raised.  The planner is
pure: it reads ``parsed.text`` and the :class:`~keyshift.formats.toml.layout.TomlLayout` only.
"""

from __future__ import annotations

from keyshift.core.edits import CannotFix, FixRequest, PlannedFix, describe_path
from keyshift.core.model import Occurrence, ParsedFile, Scalar
from keyshift.formats.toml.destination import find_destination
from keyshift.formats.toml.layout import TomlEntry, TomlLayout
from keyshift.formats.toml.plan import Plan
from keyshift.formats.toml.removal import remove_entry, remove_table
from keyshift.formats.toml.rename import rename_entry, rename_table
from keyshift.formats.toml.verify import verify
from keyshift.formats.toml.view import Path, TomlView, kind_word
from keyshift.formats.toml.writing import insertion, spelled_key

__all__ = ["plan_fix"]


def plan_fix(parsed: ParsedFile[TomlLayout], request: FixRequest) -> PlannedFix:
    """Plan the edits of one fix; raise :class:`CannotFix` when it cannot be done with certainty."""
    view = TomlView(parsed)
    plan = _plan(view, request)
    verify(view, request, plan)
    return PlannedFix(tuple(plan.edits), frozenset(plan.creates))


def _plan(view: TomlView, request: FixRequest) -> Plan:
    plan = Plan(written=request.value)
    if request.op == "add":
        if not request.new_path:
            raise CannotFix("no key to add")
        _add(view, request.new_path, request.value, plan)
        return plan
    occurrence = request.occurrence
    if occurrence is None:
        raise CannotFix(f"no key given for {request.op}")
    entry = view.entry(occurrence.path)
    if entry is not None and entry.key_span.start.offset != occurrence.key_span.start.offset:
        raise CannotFix(f"{describe_path(occurrence.path)} is not where the finding says")
    if request.op == "set-value":
        _set_value(view, entry, occurrence, request.value, plan)
    elif request.op == "rename":
        _rename(view, entry, occurrence, request, plan)
    elif request.op in ("delete", "comment-out"):
        _remove(view, entry, occurrence, request, plan)
    else:  # pragma: no cover - FixOp has no other values
        raise CannotFix(f"unknown fix {request.op!r}")
    return plan


def _rename(view: TomlView, entry: TomlEntry | None, occurrence: Occurrence, request: FixRequest, plan: Plan) -> None:
    path = occurrence.path
    new_path = request.new_path
    if not new_path:
        raise CannotFix("no new key given for the rename")
    if new_path == path:
        if not request.has_value:
            raise CannotFix(f"{describe_path(path)} already has that name")
        _set_value(view, entry, occurrence, request.value, plan)
    elif entry is not None:
        rename_entry(view, entry, new_path, request, plan)
    else:
        _refuse_element(view, occurrence, "it has no key to rename")
        if request.has_value:
            raise CannotFix(f"{describe_path(path)} is a table, not a single value")
        rename_table(view, path, new_path, plan)


def _remove(view: TomlView, entry: TomlEntry | None, occurrence: Occurrence, request: FixRequest, plan: Plan) -> None:
    if entry is not None:
        remove_entry(view, entry, request, plan)
    else:
        _refuse_element(view, occurrence, "edit the array by hand")
        remove_table(view, occurrence.path, request, plan)


def _refuse_element(view: TomlView, occurrence: Occurrence, advice: str) -> None:
    """An element of an array value (not of an array of tables) has no key of its own."""
    if occurrence.is_element and view.kind(occurrence.path) != "element":
        raise CannotFix(f"{describe_path(occurrence.path)} is an array element; {advice}")


def _set_value(view: TomlView, entry: TomlEntry | None, occurrence: Occurrence, value: Scalar, plan: Plan) -> None:
    path = occurrence.path
    if entry is not None:
        if entry.value_kind != "scalar":
            raise CannotFix(f"{describe_path(path)} holds a {kind_word(entry)}, not a single value")
        span = entry.value_span
    elif occurrence.is_element and occurrence.value_kind == "scalar" and occurrence.value_span is not None:
        span = occurrence.value_span
    else:
        raise CannotFix(f"{describe_path(path)} is a table, not a single value")
    plan.replace_value(view.text, span.start.offset, span.end.offset, value)


def _add(view: TomlView, new_path: Path, value: Scalar, plan: Plan) -> None:
    value_text = plan.write_value(value, None)
    dest = find_destination(view, new_path, [], None)
    key = spelled_key(new_path[len(dest.table) :], dest.likes, None)
    plan.edits.append(insertion(view, dest, f"{dest.indent}{key} = {value_text}"))
    plan.creates |= dest.creates
