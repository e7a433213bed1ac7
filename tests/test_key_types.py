"""A key rule's ``type``: a ``scalar`` or ``list`` rule never matches a mapping at its path (in any format,
including the parents .properties lines imply), a ``mapping`` or ``any`` rule does."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from support.tables import each_case
from support.tree_cases import CheckCase, run_check

MATRIX = """\
product = { name = "p", versions = ["1.0", "2.0"], files = ["app*"] }

[keys]
"log.file" = { type = "scalar", removed = "2.0", replaced-by = "log.file.name" }
"log.dirs" = { type = "list", removed = "2.0" }
"log.tags" = { type = "mapping", removed = "2.0", replaced-by = "log.labels" }
"log.old" = { removed = "2.0" }
"""

case = partial(CheckCase, matrix=MATRIX)

CASES = [
    case(
        "YAML: the scalar and list rules skip mappings; the mapping and any rules match them once",
        {"app.yaml": "log:\n  file:\n    name: a\n  dirs:\n    x: 1\n  tags:\n    a: 1\n    b: 2\n  old:\n    k: v\n"},
        ["app.yaml:6:3: KS102 renamed log.tags", "app.yaml:9:3: KS101 removed log.old"],
    ),
    case(
        "YAML: each rule matches its own kind of value",
        {"app.yaml": "log:\n  file: a\n  dirs: [a, b]\n  tags: {}\n"},
        [
            "app.yaml:2:3: KS102 renamed log.file",
            "app.yaml:3:3: KS101 removed log.dirs",
            "app.yaml:4:3: KS102 renamed log.tags",
        ],
    ),
    case(
        ".properties: a line below a scalar key implies a mapping there, which the scalar rule skips",
        {
            "app.properties": "log.file.name=a\nlog.file.path=b\nlog.dirs=a,b\nlog.tags.a=1\nlog.tags.b=2\nlog.old.k=v\n",
            "app-old.properties": "log.file=b\nlog.dirs[0]=c\nlog.dirs[1]=d\n",
        },
        [
            "app-old.properties:1:1: KS102 renamed log.file",
            "app-old.properties:2:1: KS101 removed log.dirs",
            "app-old.properties:3:1: KS101 removed log.dirs",
            "app.properties:3:1: KS101 removed log.dirs",
            "app.properties:4:1: KS102 renamed log.tags",
            "app.properties:5:1: KS102 renamed log.tags",
            "app.properties:6:1: KS101 removed log.old",
        ],
    ),
    case(
        "JSON and TOML: tables and objects are mappings",
        {
            "app.json": '{"log": {"file": {"name": "a"}, "tags": {"a": 1}}}\n',
            "app.toml": '[log.file]\nname = "a"\n\n[log]\ndirs = ["a"]\n',
        },
        ["app.json:1:33: KS102 renamed log.tags", "app.toml:5:1: KS101 removed log.dirs"],
    ),
]


@each_case(CASES)
def test_key_types(case: CheckCase, tmp_path: Path) -> None:
    assert run_check(case, tmp_path).lines() == case.expected
