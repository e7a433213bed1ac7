"""The fuzz matrix, the key paths the generators draw from, and which keys a fix may touch.

One product, ``fz``, checked against 2.0, with a rule of every kind: renames in place and to another
parent, a value map, a removal, a deprecation with and without a replacement, a key too new, value
rules (exact and pattern), required keys with and without ``expect``, and ``*`` / ``**`` wildcards.
Files named ``prod.*`` (and ``Dockerfile``) are its product files.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

MATRIX = """\
[product]
name = "fz"
versions = ["1.0", "2.0", "3.0"]
files = ["prod.*", "Dockerfile"]
to = "2.0"

[keys."app.old.name"]
removed = "2.0"
replaced-by = "app.old.title"

[keys."app.legacy.port"]
removed = "2.0"
replaced-by = "app.server.port"

[keys."app.mode.flag"]
removed = "2.0"
replaced-by = "app.mode.enable"
value-map = { on = true, off = false, "true" = true, "false" = false }

[keys."app.gone.key"]
removed = "2.0"

[keys."app.cache.size"]
deprecated = "2.0"

[keys."app.color"]
deprecated = "2.0"
replaced-by = "app.ui.colour"

[keys."app.next.thing"]
added = "3.0"

[[keys."app.sync.backoff".values]]
value = "linear"
removed = "2.0"
replaced-by = "exponential"

[[keys."app.sync.backoff".values]]
pattern = "^slow-"
deprecated = "2.0"
replaced-by = "fast"

[keys."app.hybrid.enable"]
required = "2.0"
expect = true

[keys."app.region"]
required = "2.0"

[keys."app.plugins.*.path"]
removed = "2.0"
replaced-by = "app.plugins.*.location"

[keys."app.db.**"]
removed = "2.0"
replaced-by = "app.database.**"
"""

PRODUCT_PREFIX = "prod"
"""File names starting ``prod.`` are product files (required keys are checked in them)."""

Path = tuple[str, ...]

# Paths the generated documents hold: the rules' old and new keys (wildcards filled in), their parents
# as plain values, their siblings, and keys elsewhere that merely look alike.
RULE_PATHS: tuple[Path, ...] = tuple(
    tuple(key.split("."))
    for key in (
        *("app.old.name", "app.old.title", "app.legacy.port", "app.server.port", "app.mode.flag"),
        *("app.mode.enable", "app.gone.key", "app.cache.size", "app.color", "app.ui.colour", "app.next.thing"),
        *("app.sync.backoff", "app.hybrid.enable", "app.region", "app.plugins.a.path", "app.plugins.b-c.path"),
        *("app.plugins.a.location", "app.db.host", "app.db.pool.max", "app.database.host"),
    )
)
NOISE_PATHS: tuple[Path, ...] = tuple(
    tuple(key.split("."))
    for key in (
        *("app.old", "app.legacy", "app.mode", "app.other", "app.old.other", "app.legacy.other", "app.server.host"),
        *("app.plugins.a.other", "app.db", "other.name", "other.port", "srv.app.old.name", "name", "port"),
        *("app.sync.other", "app.hybrid", "x", "y-z", "k_1", "app.gone.other", "app.ui", "top.deep.er.key"),
    )
)
SEGMENT_NOISE = ("x", "name", "old", "é", "k-2", "key_3", "app")
"""Extra segments some generated keys get, so that paths are not only the ones above."""

VALUES: tuple[object, ...] = (
    *("linear", "exponential", "slow-start", "slow", "fast", "on", "off", "true", "false", "yes", "null"),
    *(True, False, None, 0, 1, -7, 8080, 1.5, -0.25, 1e-3),
    *("x", "", " ", "a b", "é😀中", "a#b", "a # b", "k=v", "a:b", "{x}", "[y]", "'q'", '"dq"', "\\", "\\n"),
    *("$APP_OLD_NAME", "${APP_LEGACY_PORT}", "run $APP_GONE_KEY now", "$HOME", "0x1F", "007", "1_000", "~"),
)

RULE_VALUES: dict[Path, tuple[object, ...]] = {
    ("app", "sync", "backoff"): ("linear", "slow-start", "slow-", "exponential", "fast", "Linear"),
    ("app", "mode", "flag"): ("on", "off", True, False, "maybe", "true"),
    ("app", "hybrid", "enable"): (True, False, "true", "yes", 1),
}
"""Values the rules on these keys care about (the values a value rule, value map or expect names)."""

ENV_NOISE = ("PATH", "HOME", "APP_OTHER", "OLD_NAME", "APP_OLD_NAME_X", "XAPP_OLD_NAME", "APP", "app_old_name")


def env_name(path: Sequence[str]) -> str:
    """A key's environment-variable form: ``app.old.name`` -> ``APP_OLD_NAME``."""
    return "_".join(s[1:-1] if s.startswith("[") else s.upper().replace("-", "_").replace(".", "_") for s in path)


ENV_NAMES = tuple(env_name(p) for p in RULE_PATHS if len(p) >= 2)
VALUE_RULE_ENV = "APP_SYNC_BACKOFF"
"""The environment name of the key with value rules."""


@dataclass(frozen=True)
class Rules:
    """The keys a matrix's rules name (old and new, wildcards kept), for telling touched keys apart."""

    patterns: tuple[Path, ...]
    env: re.Pattern[str]
    prefixed: bool
    """A product file spec has a ``prefix``: file paths may lack the leading segments of a rule's key."""

    @staticmethod
    def of(matrix_text: str) -> Rules:
        data = tomllib.loads(matrix_text)
        patterns: list[Path] = []
        for key, rule in data.get("keys", {}).items():
            patterns.append(split_key(key))
            if isinstance(rule.get("replaced-by"), str):
                patterns.append(split_key(rule["replaced-by"]))
        files = data.get("product", {}).get("files", [])
        prefixed = any(isinstance(f, dict) and f.get("prefix") for f in files)
        return Rules(tuple(patterns), _env_regex(patterns), prefixed)

    def touches(self, path: Path, value: object = None) -> bool:
        """True when a fix may change the key at ``path``: it is (under) a rule's key, it is a rule key's
        environment name, or its value names one (``run: $APP_OLD_NAME``)."""
        if any(self.env.search(s) for s in path) or (isinstance(value, str) and self.env.search(value)):
            return True
        for pattern in self.patterns:
            candidates = [pattern[i:] for i in range(len(pattern))] if self.prefixed else [pattern]
            if any(_covers(p, path) for p in candidates):
                return True
        return False

    def holds_rule_key(self, path: Path) -> bool:
        """``path`` is a parent (at any depth) of a key a rule names."""
        return any(_parent(path, pattern) for pattern in self.patterns)


def split_key(key: str) -> Path:
    """A matrix key's segments: dots split, except inside double quotes; ``a[0]`` is ``a``, ``[0]``."""
    out: list[str] = []
    for part in re.findall(r'"[^"]*"|[^."]+', key):
        if part.startswith('"'):
            out.append(part[1:-1])
            continue
        out += [p for p in re.split(r"(\[[^\]]*\])", part) if p]
    return tuple(out)


def _covers(pattern: Path, path: Path) -> bool:
    """``path`` is the key ``pattern`` names (``*`` one segment, ``**`` one or more) or under it."""
    if not pattern:
        return True
    if not path:
        return False
    head = pattern[0]
    if head == "**":
        return any(_covers(pattern[1:], path[i:]) for i in range(1, len(path) + 1))
    if _matches(head, path[0]):
        return _covers(pattern[1:], path[1:])
    return False


def _matches(pattern: str, segment: str) -> bool:
    """One segment: ``*`` matches any, ``[*]`` any sequence index."""
    return pattern in ("*", segment) or (pattern == "[*]" and segment.startswith("["))


def _parent(path: Path, pattern: Path) -> bool:
    """``path`` is a parent of some key ``pattern`` names."""
    if not path:
        return bool(pattern)
    if not pattern:
        return False
    if pattern[0] == "**":
        return True  # it takes what is left of the path, and one segment more
    return _matches(pattern[0], path[0]) and _parent(path[1:], pattern[1:])


def _env_regex(patterns: Iterable[Path]) -> re.Pattern[str]:
    forms = []
    for pattern in patterns:
        if len(pattern) < 2:
            continue
        parts = [("[A-Z0-9_]+" if s in ("*", "**", "[*]") else re.escape(env_name([s]))) for s in pattern]
        forms.append("_".join(parts))
    return re.compile(r"(?<![A-Za-z0-9_])(?:" + "|".join(forms) + r")(?![A-Za-z0-9_])" if forms else r"(?!)")
