"""The tag of an untagged plain scalar under YAML 1.2, exactly as ruamel.yaml's resolver gives it.

libyaml reports plain scalars untagged and PyYAML's own resolver follows YAML 1.1 (``yes`` and ``on`` are
booleans there, ``0777`` is octal), so the check path resolves them here instead.  The rules are
ruamel.yaml's YAML 1.2 implicit resolvers, in ruamel's order and keyed by the first character the same
way, so both parsers give every scalar the same tag and therefore the same value.
"""

from __future__ import annotations

import re

from keyshift.formats.yaml.walk import STR_TAG

# (tag, pattern, first characters): ruamel.yaml's YAML 1.2 rows of resolver.implicit_resolvers, in its order and
# with its pattern text (a test compares them); "" is the empty scalar's key
_RULES: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("tag:yaml.org,2002:bool", "^(?:true|True|TRUE|false|False|FALSE)$", tuple("tTfF")),
    (
        "tag:yaml.org,2002:float",
        """^(?:
         [-+]?(?:[0-9][0-9_]*)\\.[0-9_]*(?:[eE][-+]?[0-9]+)?
        |[-+]?(?:[0-9][0-9_]*)(?:[eE][-+]?[0-9]+)
        |[-+]?\\.[0-9_]+(?:[eE][-+][0-9]+)?
        |[-+]?\\.(?:inf|Inf|INF)
        |\\.(?:nan|NaN|NAN))$""",
        tuple("-+0123456789."),
    ),
    (
        "tag:yaml.org,2002:int",
        """^(?:[-+]?0b[0-1_]+
        |[-+]?0o?[0-7_]+
        |[-+]?[0-9_]+
        |[-+]?0x[0-9a-fA-F_]+)$""",
        tuple("-+0123456789"),
    ),
    ("tag:yaml.org,2002:merge", "^(?:<<)$", ("<",)),
    (
        "tag:yaml.org,2002:null",
        """^(?: ~
        |null|Null|NULL
        | )$""",
        ("~", "n", "N", ""),
    ),
    (
        "tag:yaml.org,2002:timestamp",
        """^(?:[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]
        |[0-9][0-9][0-9][0-9] -[0-9][0-9]? -[0-9][0-9]?
        (?:[Tt]|[ \\t]+)[0-9][0-9]?
        :[0-9][0-9] :[0-9][0-9] (?:\\.[0-9]*)?
        (?:[ \\t]*(?:Z|[-+][0-9][0-9]?(?::[0-9][0-9])?))?)$""",
        tuple("0123456789"),
    ),
    ("tag:yaml.org,2002:value", "^(?:=)$", ("=",)),
    ("tag:yaml.org,2002:yaml", "^(?:!|&|\\*)$", tuple("!&*")),
)

_BY_FIRST: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
for _tag, _pattern, _first in _RULES:
    _compiled = re.compile(_pattern, re.X)
    for _char in _first:
        _BY_FIRST.setdefault(_char, []).append((_tag, _compiled))


def plain_scalar_tag(value: str) -> str:
    """The tag ruamel.yaml (YAML 1.2) resolves an untagged plain scalar with this text to."""
    for tag, pattern in _BY_FIRST.get(value[:1], ()):
        if pattern.match(value):
            return tag
    return STR_TAG
