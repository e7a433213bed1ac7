"""End-to-end, table-driven tests of ``keyshift check``: a case is a matrix, a file tree, options and
the exact findings (path:line:col: CODE kind key) the run must report."""

from __future__ import annotations

import json
from functools import partial
from pathlib import Path

from helpers import run_cli, write_tree
from support.tables import each_case
from support.tree_cases import CheckCase, run_check

BASE_MATRIX = """\
[product]
name = "p"
versions = ["1.0", "2.0", "3.0"]
files = ["app.yaml", "app.toml", "app.json", "app.jsonc"]
to = "2.0"

[keys."a.old"]
deprecated = "1.0"
removed = "2.0"
replaced-by = "a.req"
value-map = { on = true }

[keys."a.gone"]
removed = "2.0"

[keys."a.dep"]
deprecated = "2.0"
removed = "3.0"

[keys."a.future"]
added = "3.0"

[keys."a.req"]
required = "2.0"
expect = true

[[keys."a.mode".values]]
value = "slow"
removed = "2.0"
replaced-by = "fast"
"""

ALL_KINDS = {
    "app.yaml": "a:\n  old: on\n  gone: 1\n  dep: x\n  future: y\n  req: false\n  mode: slow\n",
    "app.toml": '[a]\nold = "on"\ngone = 1\ndep = "x"\nfuture = "y"\nreq = false\nmode = "slow"\n',
    "app.json": '{"a": {\n  "old": "on",\n  "gone": 1,\n  "dep": "x",\n  "future": "y",\n'
    '  "req": false,\n  "mode": "slow"\n}}\n',
}


check_case = partial(CheckCase, matrix=BASE_MATRIX)

CASES = [
    check_case(
        "every kind in YAML",
        {"app.yaml": ALL_KINDS["app.yaml"]},
        [
            "app.yaml:2:3: KS102 renamed a.old",
            "app.yaml:3:3: KS101 removed a.gone",
            "app.yaml:4:3: KS103 deprecated a.dep",
            "app.yaml:5:3: KS104 too-new a.future",
            "app.yaml:6:8: KS202 mismatch a.req",
            "app.yaml:7:9: KS301 bad-value a.mode",
        ],
    ),
    check_case(
        "every kind in TOML",
        {"app.toml": ALL_KINDS["app.toml"]},
        [
            "app.toml:2:1: KS102 renamed a.old",
            "app.toml:3:1: KS101 removed a.gone",
            "app.toml:4:1: KS103 deprecated a.dep",
            "app.toml:5:1: KS104 too-new a.future",
            "app.toml:6:7: KS202 mismatch a.req",
            "app.toml:7:8: KS301 bad-value a.mode",
        ],
    ),
    check_case(
        "every kind in JSON",
        {"app.json": ALL_KINDS["app.json"]},
        [
            "app.json:2:3: KS102 renamed a.old",
            "app.json:3:3: KS101 removed a.gone",
            "app.json:4:3: KS103 deprecated a.dep",
            "app.json:5:3: KS104 too-new a.future",
            "app.json:6:10: KS202 mismatch a.req",
            "app.json:7:11: KS301 bad-value a.mode",
        ],
    ),
    check_case(
        "missing key points at the parent mapping (YAML, TOML, JSON)",
        {
            "app.yaml": "top: 1\na:\n  x: 1\n",
            "app.toml": "top = 1\n\n[a]\nx = 1\n",
            "app.json": '{"top": 1,\n "a": {"x": 1}}',
        },
        [
            "app.json:2:2: KS201 missing a.req",
            "app.toml:3:2: KS201 missing a.req",
            "app.yaml:2:1: KS201 missing a.req",
        ],
    ),
    check_case(
        "missing key without a parent points at 1:1, also in an empty file",
        {"app.yaml": "# nothing here\nother: 1\n", "app.toml": ""},
        ["app.toml:1:1: KS201 missing a.req", "app.yaml:1:1: KS201 missing a.req"],
    ),
    check_case(
        "a rename into the required key replaces the missing finding",
        {"app.yaml": "a:\n  old: on\n"},
        ["app.yaml:2:3: KS102 renamed a.old"],
    ),
    check_case(
        "parse errors carry the parser's position, and the scan goes on",
        {
            "app.yaml": "a: [1\nb: 2\n",
            "app.toml": 'a = "x\n',
            "app.json": '{"a": 1,}',
            "other.yaml": "a:\n  gone: 1\n",
        },
        [
            "app.json:1:8: KS001 parse-error None",
            "app.toml:1:7: KS001 parse-error None",
            "app.yaml:2:2: KS001 parse-error None",
            "other.yaml:2:3: KS101 removed a.gone",
        ],
    ),
    check_case(
        "nested, dotted and mixed spellings are the same key",
        {
            "one.yaml": "a.gone: 1\n",
            "two.yaml": "a: {gone: 1}\n",
            "three.json": '{"a.gone": 1, "a": {"gone": 2}}',
            "four.toml": 'a.gone = 1\n"a".dep = 2\n',
        },
        [
            "four.toml:1:1: KS101 removed a.gone",
            "four.toml:2:1: KS103 deprecated a.dep",
            "one.yaml:1:1: KS101 removed a.gone",
            "three.json:1:2: KS101 removed a.gone",
            "three.json:1:21: KS101 removed a.gone",
            "two.yaml:1:5: KS101 removed a.gone",
        ],
    ),
    check_case(
        "a quoted TOML key with a dot is one segment",
        {"x.toml": '"a.gone" = 1\n'},
        [],
    ),
    check_case(
        "multi-document YAML: each document is checked, required per document",
        {"app.yaml": "a:\n  req: true\n---\na:\n  gone: 1\n---\nb: 1\n"},
        [
            "app.yaml:4:1: KS201 missing a.req",
            "app.yaml:5:3: KS101 removed a.gone",
            "app.yaml:6:1: KS201 missing a.req",
        ],
    ),
    check_case(
        "keys in any other structured file are matched by their full path",
        {"deploy/values.yaml": "x:\n  a:\n    gone: 1\na:\n  gone: 2\n", "notes.txt": "gone: 1\n"},
        ["deploy/values.yaml:5:3: KS101 removed a.gone"],
    ),
    check_case(
        "YAML anchors and aliases: the alias is reported where it is written",
        {"v.yaml": "base: &b slow\na:\n  mode: *b\n  gone: &g 1\n"},
        ["v.yaml:3:9: KS301 bad-value a.mode", "v.yaml:4:3: KS101 removed a.gone"],
    ),
    check_case(
        "a required key set through a YAML merge key is present",
        {"app.yaml": "base: &b\n  req: true\na:\n  <<: *b\n  x: 1\n"},
        [],
    ),
    check_case(
        "values in a sequence are checked element by element",
        {"v.yaml": "a:\n  mode: [fast, slow]\n", "v.toml": 'a.mode = ["slow"]\n'},
        ["v.toml:1:11: KS301 bad-value a.mode", "v.yaml:2:16: KS301 bad-value a.mode"],
    ),
    check_case(
        "--to before the removal: nothing but what was already deprecated",
        {"app.yaml": ALL_KINDS["app.yaml"]},
        ["app.yaml:2:3: KS103 deprecated a.old", "app.yaml:5:3: KS104 too-new a.future"],
        args=["--to", "1.0"],
    ),
    check_case(
        "--to p=3.0 for one product",
        {"app.yaml": "a:\n  dep: 1\n  future: 2\n  req: true\n"},
        ["app.yaml:2:3: KS101 removed a.dep"],
        args=["--to", "p=3.0"],
    ),
]

WILDCARD_MATRIX = """\
[product]
name = "w"

[keys."s.*.path"]
removed = "2.0"
replaced-by = "s.*.location"

[keys."spring.redis.**"]
removed = "v3.0"
replaced-by = "spring.data.redis.**"

[keys."items.*.name"]
removed = "2.0"
"""

CASES += [
    check_case(
        "wildcards: * is one segment, ** one or more, outermost match only",
        {
            "w.yaml": "s:\n  x:\n    path: 1\n  y:\n    path: 2\n  z:\n    deep:\n      path: 3\n",
            "b.yaml": "spring:\n  redis:\n    host: h\n    pool:\n      max: 8\n",
            "l.yaml": "items:\n  - name: a\n  - other: b\n    name: c\n",
        },
        [
            "b.yaml:3:5: KS102 renamed spring.redis.**",
            "b.yaml:4:5: KS102 renamed spring.redis.**",
            "l.yaml:2:5: KS101 removed items.*.name",
            "l.yaml:4:5: KS101 removed items.*.name",
            "w.yaml:3:5: KS102 renamed s.*.path",
            "w.yaml:5:5: KS102 renamed s.*.path",
        ],
        matrix=WILDCARD_MATRIX,
        args=["--to", "v3.0.0"],
    ),
]

WHEN_MATRIX = """\
[product]
name = "k8s"
to = "1.22"

[keys."spec.backend.serviceName"]
removed = "1.22"
replaced-by = "spec.defaultBackend.service.name"
when = { kind = "Ingress", apiVersion = ["extensions/v1beta1", "networking.k8s.io/v1beta1"] }

[[keys."spec.type".values]]
value = "Legacy"
removed = "1.20"
when = { kind = "Service" }
"""

CASES += [
    check_case(
        "when limits a rule to documents whose other keys have those values",
        {
            "k.yaml": "kind: Ingress\napiVersion: extensions/v1beta1\nspec:\n  backend:\n    serviceName: a\n"
            "---\nkind: Service\nspec:\n  backend:\n    serviceName: b\n  type: Legacy\n"
            "---\nkind: Ingress\napiVersion: networking.k8s.io/v1\nspec:\n  backend:\n    serviceName: c\n",
        },
        ["k.yaml:5:5: KS102 renamed spec.backend.serviceName", "k.yaml:11:9: KS301 bad-value spec.type"],
        matrix=WHEN_MATRIX,
    ),
    check_case(
        "numeric versions with a v prefix: v1.22 == 1.22",
        {"k.yaml": "kind: Ingress\napiVersion: extensions/v1beta1\nspec:\n  backend:\n    serviceName: a\n"},
        [],
        matrix=WHEN_MATRIX,
        args=["--to", "v1.21"],
    ),
]

EXPLICIT_ORDER_MATRIX = """\
[product]
name = "distro"
versions = ["jammy", "noble", "oracular"]
files = ["d.yaml"]

[keys."apt.legacy"]
deprecated = "noble"
removed = "oracular"
"""

CASES += [
    check_case(
        "explicit version order: the newest listed version is the default target",
        {"d.yaml": "apt:\n  legacy: 1\n"},
        ["d.yaml:2:3: KS101 removed apt.legacy"],
        matrix=EXPLICIT_ORDER_MATRIX,
    ),
    check_case(
        "explicit version order: deprecated at noble",
        {"d.yaml": "apt:\n  legacy: 1\n"},
        ["d.yaml:2:3: KS103 deprecated apt.legacy"],
        matrix=EXPLICIT_ORDER_MATRIX,
        args=["--to", "noble"],
    ),
]

PREFIX_MATRIX = """\
[product]
name = "ruff"
versions = ["0.1.0", "0.2.0"]
files = [{ glob = "pyproject.toml", prefix = "tool.ruff" }, "ruff.toml"]
only-product-files = true

[keys."select"]
deprecated = "0.2.0"
replaced-by = "lint.select"

[keys."lint.select"]
added = "0.2.0"
"""

ROOTED_MATRIX = """\
[product]
name = "dten"
files = [{ glob = "conf/*.toml", prefix = "dten" }]

[keys."dten.hybrid.enable"]
required = "3.0"
expect = true

[keys."dten.cache.size_mb"]
removed = "3.0"
"""

CASES += [
    check_case(
        "prefix: product keys nested under the prefix; keys outside it and other files are ignored",
        {
            "pyproject.toml": '[tool.black]\nselect = 1\n\n[tool.ruff]\nline-length = 100\nselect = ["E"]\n',
            "ruff.toml": 'select = ["E"]\n',
            "other.toml": 'select = ["E"]\n',
        },
        ["pyproject.toml:6:1: KS103 deprecated select", "ruff.toml:1:1: KS103 deprecated select"],
        matrix=PREFIX_MATRIX,
    ),
    check_case(
        "prefix: a product file written relative to the prefix",
        {
            "conf/node.toml": "[hybrid]\nenable = false\n\n[cache]\nsize_mb = 1\n",
            "conf/ok.toml": "hybrid.enable = true\n",
        },
        [
            "conf/node.toml:2:10: KS202 mismatch dten.hybrid.enable",
            "conf/node.toml:5:1: KS101 removed dten.cache.size_mb",
        ],
        matrix=ROOTED_MATRIX,
    ),
    check_case(
        "inline suppression comments",
        {"app.yaml": "a:\n  gone: 1  # keyshift: ignore\n  dep: 2  # keyshift: ignore[KS101]\n  req: true\n"},
        ["app.yaml:3:3: KS103 deprecated a.dep"],
    ),
]


@each_case(CASES)
def test_check_cases(case: CheckCase, tmp_path: Path) -> None:
    result = run_check(case, tmp_path)
    assert result.lines() == case.expected, result.stderr
    assert result.exit_code == (1 if case.expected else 0)


def test_finding_fields_in_json(tmp_path: Path) -> None:
    write_tree(tmp_path, {"matrix.toml": BASE_MATRIX, "app.yaml": "a:\n  old: on\n  mode: slow\n"})
    result = run_cli(["check", "-m", "matrix.toml", "--format", "json", "--from", "1.0"], tmp_path)
    payload = json.loads(result.stdout)
    renamed, bad_value = payload["findings"]
    assert renamed == {
        "path": "app.yaml",
        "line": 2,
        "column": 3,
        "end_line": 2,
        "end_column": 6,
        "code": "KS102",
        "kind": "renamed",
        "severity": "error",
        "key": "a.old",
        "found": "a.old",
        "replacement": "a.req",
        "since": "2.0",
        "product": "p",
        "message": "a.old was removed in 2.0; use a.req",
        "suggestion": "rename to a.req = true",
        "confidence": "high",
        "reason": None,
        "url": None,
        "rule_source": "matrix.toml",
    }
    assert (bad_value["replacement"], bad_value["found"], bad_value["line"], bad_value["end_column"]) == (
        "fast",
        "a.mode",
        3,
        13,
    )
    assert payload["summary"]["targets"] == [{"product": "p", "from": "1.0", "to": "2.0"}]
    assert payload["summary"]["errors"] == 2


def test_wildcard_replacement_is_substituted(tmp_path: Path) -> None:
    write_tree(tmp_path, {"matrix.toml": WILDCARD_MATRIX, "b.yaml": "spring:\n  redis:\n    pool:\n      max: 8\n"})
    result = run_cli(["check", "-m", "matrix.toml", "--format", "json", "--to", "3.0"], tmp_path)
    (finding,) = result.findings()
    assert finding["replacement"] == "spring.data.redis.pool"
    assert finding["found"] == "spring.redis.pool"
