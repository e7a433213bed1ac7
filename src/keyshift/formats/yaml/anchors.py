"""Safety checks for anchors, aliases and ``<<`` merges: a fix must not change what an alias or a
merge elsewhere in the document means, nor put an alias before the anchor it refers to."""

from __future__ import annotations

from collections.abc import Iterable

from keyshift.core.edits import CannotFix, describe_path
from keyshift.formats.yaml.edit_index import EditIndex, Entry
from keyshift.formats.yaml.walk import MERGE_TAG, Node


def _defined_in(doc: EditIndex, entry: Entry) -> list[Node]:
    """The anchored nodes defined in an entry (not reached through one of its aliases)."""
    found: list[Node] = []

    def visit(node: Node, parent: Node, index: int, is_key: bool) -> None:
        if doc.ranges.alias_range(parent, index, is_key) is not None:
            return
        if getattr(node, "anchor", None):
            found.append(node)
        if node.id == "mapping":
            for i, (k, v) in enumerate(node.value):
                visit(k, node, i, True)
                visit(v, node, i, False)
        elif node.id == "sequence":
            for i, item in enumerate(node.value):
                visit(item, node, i, False)

    if entry.key is not None:
        visit(entry.key, entry.parent, entry.index, True)
    visit(entry.value, entry.parent, entry.index, False)
    return found


def check_no_outside_aliases(doc: EditIndex, entry: Entry, start: int, end: int, action: str) -> None:
    """An entry whose anchors aliases outside ``start:end`` refer to cannot be removed."""
    defined = {id(node): node for node in _defined_in(doc, entry)}
    for alias_start, _, target in doc.aliases:
        if id(target) in defined and not start <= alias_start < end:
            raise CannotFix(
                f"cannot {action} {describe_path(entry.path)}: an alias elsewhere refers to its anchor &{target.anchor}"
            )


def check_anchor_order(doc: EditIndex, entry: Entry, start: int, end: int, insert_at: int) -> None:
    """A moved entry must stay after the anchors it refers to and before the aliases to its own."""
    defined = {id(node) for node in _defined_in(doc, entry)}
    inside = [(s, target) for s, _, target in doc.aliases if start <= s < end]
    if (defined or inside) and doc.duplicate_anchors:
        raise CannotFix("the document reuses an anchor name; moving anchors or aliases is not safe")
    for alias_start, _, target in doc.aliases:
        if id(target) in defined and not start <= alias_start < end and insert_at > alias_start:
            raise CannotFix(
                f"moving {describe_path(entry.path)} would put its anchor &{target.anchor} after an "
                "alias that refers to it"
            )
    for _, target in inside:
        if id(target) not in defined and insert_at <= target.start_mark.index:
            raise CannotFix(
                f"moving {describe_path(entry.path)} would put its alias *{target.anchor} before the "
                "anchor it refers to"
            )


def check_not_merged(doc: EditIndex, entry: Entry, action: str) -> None:
    """Keys of a merge source, or keys a merge would put back, cannot be renamed or removed."""
    parent = entry.parent
    if id(parent) in doc.merge_sources:
        raise CannotFix(f"cannot {action} {describe_path(entry.path)}: other mappings merge it in with '<<'")
    if parent.id != "mapping" or entry.key is None:
        return
    name = entry.key.value
    for key, value in parent.value:
        if str(key.tag) != MERGE_TAG:
            continue
        sources = value.value if value.id == "sequence" else [value]
        for source in sources:
            if source.id == "mapping" and any(k.value == name for k, _ in source.value):
                raise CannotFix(f"cannot {action} {describe_path(entry.path)}: a '<<' merge would bring it back")


def check_shared(doc: EditIndex, chain_ids: Iterable[int], what: str) -> None:
    """Collections that aliases refer to or that merges bring in cannot be changed in one place."""
    for node_id in chain_ids:
        if node_id in doc.referenced or node_id in doc.merge_sources:
            anchor = getattr(doc.nodes[node_id], "anchor", None)
            shared = f"every alias of &{anchor}" if anchor else "the mappings that merge it in"
            raise CannotFix(f"{what} would also change {shared}")


def entry_chain_ids(doc: EditIndex, entry: Entry) -> list[int]:
    """ids of the collections that hold an entry, the document root included."""
    return [id(doc.root), *(id(e.value) for e in entry.chain)]
