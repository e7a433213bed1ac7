"""Edits that rewrite a key or a scalar value where it stands, keeping its anchor, tag and quote style."""

from __future__ import annotations

from collections.abc import Sequence

from keyshift.core.edits import CannotFix, describe_path
from keyshift.core.model import Edit, Scalar
from keyshift.formats.yaml.edit_index import EditIndex, Entry
from keyshift.formats.yaml.style import format_key, format_scalar, plain_ok, quote_style


def key_edit(doc: EditIndex, entry: Entry, segments: Sequence[str]) -> Edit:
    """Replace the key of ``entry`` (after its anchor or tag) by ``segments`` in its quote style."""
    assert entry.key is not None
    start, end = doc.key_range(entry)
    start, _ = doc.after_properties(start, end)
    return Edit(start, end, format_key(segments, quote_style(entry.key), entry.in_flow))


def key_text(doc: EditIndex, entry: Entry, segments: Sequence[str], flow: bool) -> str:
    """The key for ``segments`` in the style of ``entry``'s key; its very text when unchanged."""
    assert entry.key is not None
    start, end = doc.key_range(entry)
    start, _ = doc.after_properties(start, end)
    raw = doc.text[start:end]
    style = quote_style(entry.key)
    plain_fits = not flow or entry.in_flow or plain_ok(raw, True)
    if entry.key.value == ".".join(segments) and "\n" not in raw and (style or plain_fits):
        return raw
    return format_key(segments, style, flow)


def value_edit(doc: EditIndex, entry: Entry, value: Scalar) -> Edit:
    """Replace a scalar value (or an alias to one), keeping its anchor and quote style."""
    alias = doc.value_alias(entry)
    node = entry.value
    if node.id != "scalar":
        kind = "mapping" if node.id == "mapping" else "sequence"
        raise CannotFix(f"{describe_path(entry.path)} holds a {kind}, not a single value")
    if alias is not None:
        return Edit(alias[0], alias[1], format_scalar(value, None, entry.in_flow))
    if id(node) in doc.referenced:
        raise CannotFix(
            f"aliases refer to the value of {describe_path(entry.path)} (&{node.anchor}); "
            "changing it would change them too"
        )
    start, end = doc.value_range(entry)
    scalar_start, tagged = doc.after_properties(start, end)
    if tagged:
        raise CannotFix(f"the value of {describe_path(entry.path)} has an explicit tag")
    replacement = format_scalar(value, quote_style(node), entry.in_flow)
    if scalar_start == end and scalar_start > 0 and doc.text[scalar_start - 1] not in " \t":
        replacement = " " + replacement
    return Edit(scalar_start, end, replacement)
