"""``keyshift import``: the recipe form, the direct form, the list, and every bad input as one line and exit 2."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from helpers import run_cli, write_tree

SCHEMA_1 = {"type": "object", "properties": {"old": {"type": "string"}, "keep": {"type": "string"}}}
SCHEMA_2 = {
    "type": "object",
    "properties": {
        "old": {"type": "string", "deprecated": True, "description": "Deprecated: use 'new' instead"},
        "new": {"type": "string"},
    },
}
REDIRECTS = "from,to\nA1,B1\n"

RECIPE = """\
[pack]
output = "../demo.pack.toml"
header = ["demo: generated; do not edit."]

[product]
name = "demo"
files = ["demo.yaml"]
only-product-files = true

[[import]]
importer = "json-schema"
inputs = [
  { version = "1.0", file = "demo/schema-1.json" },
  { version = "2.0", file = "demo/schema-2.json" },
]

[[import]]
importer = "code-map"
keys = ["codes"]
columns = { old = "from", new = "to" }
inputs = [{ version = "2.0", files = ["demo/*.csv"] }]
"""

MANIFEST = (
    "path\trepo\ttag_or_ref\tcommit\tsource_path\tsha256\tnote\n"
    "demo/schema-1.json\towner/demo\tv1.0\t" + "a" * 40 + "\tschema.json\tx\tverbatim\n"
)


def sha(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A repository with a recipe in rules/recipes/, and the sources beside it in shared/pack-sources/."""
    schema_1, schema_2 = json.dumps(SCHEMA_1), json.dumps(SCHEMA_2)
    write_tree(
        tmp_path,
        {
            "repo/.git/": "",
            "repo/rules/recipes/demo.recipe.toml": RECIPE,
            "shared/pack-sources/MANIFEST.tsv": MANIFEST,
            "shared/pack-sources/demo/schema-1.json": schema_1,
            "shared/pack-sources/demo/schema-2.json": schema_2,
            "shared/pack-sources/demo/redirects.csv": REDIRECTS,
        },
    )
    return tmp_path


def expected_pack() -> str:
    schema_1, schema_2 = json.dumps(SCHEMA_1), json.dumps(SCHEMA_2)
    return (
        "# demo: generated; do not edit.\n\n"
        '[product]\nname = "demo"\nfiles = ["demo.yaml"]\nonly-product-files = true\nsource = [\n'
        f'  {{ file = "demo/schema-1.json", repo = "owner/demo", ref = "v1.0", commit = "{"a" * 40}", '
        f'sha256 = "{sha(schema_1)}" }},\n'
        f'  {{ file = "demo/schema-2.json", sha256 = "{sha(schema_2)}" }},\n'
        f'  {{ file = "demo/redirects.csv", sha256 = "{sha(REDIRECTS)}" }},\n'
        ']\ngenerated-by = "keyshift import --recipe rules/recipes/demo.recipe.toml"\n'
        '\n[keys.codes]\n\n[[keys.codes.values]]\nvalue = "A1"\ndeprecated = "2.0"\nreplaced-by = "B1"\n'
        # in 1.0, not in 2.0, never deprecated: removed, and marked as inferred
        '\n[keys.keep]\ntype = "scalar"\nremoved = "2.0"\ninferred = true\n'
        '\n[keys.old]\ntype = "scalar"\ndeprecated = "2.0"\nreplaced-by = "new"\nreason = "Deprecated: use \'new\' instead"\n'
    )


def test_a_recipe_writes_its_pack_from_the_default_sources(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("KEYSHIFT_PACK_SOURCES", raising=False)
    result = run_cli(["import", "--recipe", "rules/recipes/demo.recipe.toml"], project / "repo")
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == "wrote rules/demo.pack.toml (3 keys)\n"
    assert (project / "repo/rules/demo.pack.toml").read_text(encoding="utf-8") == expected_pack()


def test_generated_by_is_the_same_from_another_directory_and_sources(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (project / "elsewhere").mkdir()
    (project / "shared/pack-sources").rename(project / "elsewhere/sources")
    monkeypatch.setenv("KEYSHIFT_PACK_SOURCES", str(project / "elsewhere/sources"))
    result = run_cli(["import", "--recipe", "repo/rules/recipes/demo.recipe.toml", "-o", "out.toml"], project)
    assert result.exit_code == 0, result.stderr
    assert (project / "out.toml").read_text(encoding="utf-8") == expected_pack()


def test_the_sources_option_wins_over_the_environment(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KEYSHIFT_PACK_SOURCES", str(project / "nowhere"))
    sources = str(project / "shared/pack-sources")
    result = run_cli(["import", "--recipe", "rules/recipes/demo.recipe.toml", "--sources", sources], project / "repo")
    assert result.exit_code == 0, result.stderr
    monkeypatch.delenv("KEYSHIFT_PACK_SOURCES")
    assert (project / "repo/rules/demo.pack.toml").read_text(encoding="utf-8") == expected_pack()


def test_the_direct_form_prints_the_matrix(tmp_path: Path) -> None:
    write_tree(tmp_path, {"s1.json": json.dumps(SCHEMA_1), "s2.json": json.dumps(SCHEMA_2)})
    args = ["import", "json-schema", "--version", "1.0=s1.json", "--version", "2.0=s2.json", "--product", "demo"]
    result = run_cli([*args, "--files", "demo.yaml", "--option", "prefix=app"], tmp_path)
    assert (result.exit_code, result.stderr) == (0, "")
    assert result.stdout == (
        '[product]\nname = "demo"\nfiles = ["demo.yaml"]\nsource = [\n'
        f'  {{ file = "s1.json", sha256 = "{sha(json.dumps(SCHEMA_1))}" }},\n'
        f'  {{ file = "s2.json", sha256 = "{sha(json.dumps(SCHEMA_2))}" }},\n]\n'
        'generated-by = "keyshift import json-schema --product demo --version 1.0=s1.json --version 2.0=s2.json '
        '--option prefix=app --files demo.yaml"\n'
        '\n[keys."app.keep"]\ntype = "scalar"\nremoved = "2.0"\ninferred = true\n'
        '\n[keys."app.old"]\ntype = "scalar"\ndeprecated = "2.0"\nreplaced-by = "app.new"\n'
        "reason = \"Deprecated: use 'new' instead\"\n"
    )


def test_the_direct_form_with_unversioned_files_and_an_output_file(tmp_path: Path) -> None:
    write_tree(tmp_path, {"r.csv": "old,new,deprecated\nX,Y,1.0\n"})
    args = ["import", "code-map", "r.csv", "--product", "p", "--option", "keys=select", "--option", "keys=ignore"]
    result = run_cli([*args, "-o", "p.toml"], tmp_path)
    assert (result.exit_code, result.stdout, result.stderr) == (0, "wrote p.toml (2 keys)\n", "")
    text = (tmp_path / "p.toml").read_text(encoding="utf-8")
    assert '\n[keys.ignore]\n\n[[keys.ignore.values]]\nvalue = "X"\ndeprecated = "1.0"\nreplaced-by = "Y"\n' in text
    assert (
        'generated-by = "keyshift import code-map --product p --option keys=select --option keys=ignore r.csv"' in text
    )


def test_a_matrix_from_the_direct_form_checks_and_fixes_every_element_of_a_list(tmp_path: Path) -> None:
    old = {"type": "string", "deprecationMessage": "Use `new` instead."}
    item = {"type": "object", "properties": {"old": old, "new": {"type": "string"}}}
    schema = {"type": "object", "properties": {"watch": {"type": "array", "items": item}}}
    write_tree(tmp_path, {"s.json": json.dumps(schema), "app.yaml": "watch:\n  - old: a\n  - new: b\n  - old: c\n"})
    made = run_cli(
        ["import", "json-schema", "--product", "app", "--version", "1=s.json", "--files", "app.yaml", "-o", "m.toml"],
        tmp_path,
    )
    assert made.stdout == "wrote m.toml (1 key)\n"
    assert '\n[keys."watch[*].old"]\ntype = "scalar"\ndeprecated = "1"\nreplaced-by = "watch[*].new"\n' in (
        tmp_path / "m.toml"
    ).read_text(encoding="utf-8")
    checked = run_cli(["check", "-m", "m.toml", "--no-cache", "--format", "json", "."], tmp_path)
    assert checked.lines("found", "replacement") == [
        "app.yaml:2:5: KS103 deprecated watch[*].old watch[0].old watch[0].new",
        "app.yaml:4:5: KS103 deprecated watch[*].old watch[2].old watch[2].new",
    ]
    assert run_cli(["fix", "-m", "m.toml", "--no-cache", "."], tmp_path).exit_code == 0
    assert (tmp_path / "app.yaml").read_text(encoding="utf-8") == "watch:\n  - new: a\n  - new: b\n  - new: c\n"


@pytest.mark.parametrize("args", [["import", "--list"], ["import"]])
def test_the_importers_are_listed_with_their_options(tmp_path: Path, args: list[str]) -> None:
    result = run_cli(args, tmp_path)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    names = [line.split()[0] for line in lines if line and not line.startswith(" ")]
    assert names == ["code-map", "crd", "json-schema", "pluto", "spring-metadata"]
    assert any(line.startswith("json-schema      JSON Schemas") for line in lines)
    assert "    --option root         the schema node where the settings start" in result.stdout
    assert any(line.startswith("code-map         CSV lists of redirected codes") for line in lines)


RECIPE_ERRORS = [
    ("recipe not found", None, "rules/recipes/demo.recipe.toml: recipe not found"),
    ("TOML syntax", "[pack\n", "rules/recipes/demo.recipe.toml: TOML syntax error: "),
    ("unknown table", RECIPE + "[extra]\n", "rules/recipes/demo.recipe.toml:22: extra: unknown table 'extra'"),
    ("no output", RECIPE.replace('output = "../demo.pack.toml"\n', ""), ":1: pack.output: [pack] needs output"),
    (
        "unknown product field",
        RECIPE.replace("only-product-files", "only-files"),
        ":8: product.only-files: unknown field",
    ),
    (
        "source is the runner's",
        RECIPE.replace("only-product-files = true", "source = []"),
        ":8: product.source: is written by",
    ),
    ("unknown importer", RECIPE.replace('"code-map"', '"nope"'), ":18: import[1].importer: unknown importer 'nope'"),
    (
        "unknown option",
        RECIPE.replace("keys = ", "bogus = 1\nkeys = "),
        ":19: import[1].bogus: unknown option 'bogus' of importer code-map",
    ),
    (
        "input without file",
        RECIPE.replace('file = "demo/schema-1.json"', 'path = "x"'),
        ":13: import[0].inputs[0].path: unknown field",
    ),
    (
        "version as a number",
        RECIPE.replace('version = "1.0"', "version = 1.0"),
        ":13: import[0].inputs[0].version: must be a version string",
    ),
    ("no file matches", RECIPE.replace("demo/*.csv", "demo/*.tsv"), ":21: import[1].inputs[0]: demo/*.tsv: no file in"),
    (
        "missing file",
        RECIPE.replace("schema-2.json", "schema-3.json"),
        ":14: import[0].inputs[1]: demo/schema-3.json: no such file in",
    ),
    (
        "outside the sources",
        RECIPE.replace("demo/schema-2.json", "../x.json"),
        "'../x.json' must be a path inside the sources directory",
    ),
    (
        "matrix does not validate",
        RECIPE.replace("only-product-files = true", 'binding = "loose"'),
        "the generated matrix does not validate: rules/demo.pack.toml:",
    ),
]


@pytest.mark.parametrize(("name", "recipe", "message"), RECIPE_ERRORS, ids=[row[0] for row in RECIPE_ERRORS])
def test_a_bad_recipe_is_one_line_and_exit_2(project: Path, name: str, recipe: str | None, message: str) -> None:
    path = project / "repo/rules/recipes/demo.recipe.toml"
    if recipe is None:
        path.unlink()
    else:
        path.write_text(recipe, encoding="utf-8")
    sources = str(project / "shared/pack-sources")
    result = run_cli(["import", "--recipe", "rules/recipes/demo.recipe.toml", "--sources", sources], project / "repo")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("keyshift: error: ") and result.stderr.count("\n") == 1
    assert message in result.stderr
    assert not (project / "repo/rules/demo.pack.toml").exists()


def test_bad_json_in_a_recipe_input_names_the_import_the_file_line_and_column(project: Path) -> None:
    (project / "shared/pack-sources/demo/schema-2.json").write_text('{"type": "object",\n  "properties": {,}}')
    sources = str(project / "shared/pack-sources")
    result = run_cli(["import", "--recipe", "rules/recipes/demo.recipe.toml", "--sources", sources], project / "repo")
    assert result.exit_code == 2
    assert result.stderr == (
        "keyshift: error: rules/recipes/demo.recipe.toml:10: import[0]: demo/schema-2.json:2:18: invalid JSON: "
        "Expecting property name enclosed in double quotes\n"
    )


DIRECT_ERRORS = [
    (
        "unknown importer",
        ["import", "nope", "--product", "p"],
        "unknown importer 'nope' (known: code-map, crd, json-schema, pluto, spring-metadata)",
    ),
    ("no product", ["import", "json-schema", "--version", "1=s.json"], "--product NAME is required"),
    (
        "version without =",
        ["import", "json-schema", "--product", "p", "--version", "1.0"],
        "--version needs VERSION=PATH, not '1.0'",
    ),
    (
        "missing file",
        ["import", "json-schema", "--product", "p", "--version", "1=none.json"],
        "none.json: file not found",
    ),
    ("no files", ["import", "json-schema", "--product", "p"], "give the files to import"),
    (
        "unknown option",
        ["import", "json-schema", "--product", "p", "--version", "1=s.json", "--option", "x=1"],
        "unknown option 'x' of importer json-schema (known: root, prefix",
    ),
    (
        "option without =",
        ["import", "json-schema", "--product", "p", "--version", "1=s.json", "--option", "root"],
        "--option needs NAME=VALUE, not 'root'",
    ),
    (
        "bad JSON",
        ["import", "json-schema", "--product", "p", "--version", "1=bad.json"],
        "bad.json:1:2: invalid JSON: ",
    ),
    (
        "unversioned schema",
        ["import", "json-schema", "s.json", "--product", "p"],
        "s.json: json-schema needs the product version",
    ),
    ("recipe and importer", ["import", "json-schema", "--recipe", "r.toml"], "--recipe takes no importer, files,"),
    ("options without importer", ["import", "--product", "p"], "name the importer to run"),
    ("sources without recipe", ["import", "json-schema", "--sources", "."], "--sources goes with --recipe"),
    (
        "missing sources",
        ["import", "--recipe", "r.toml", "--sources", "none"],
        "sources directory none (--sources) does not exist",
    ),
    (
        "invalid matrix",
        ["import", "json-schema", "--product", "p", "--version", "1=s.json", "--files", ""],
        "the generated matrix does not validate",
    ),
]


@pytest.mark.parametrize(("name", "args", "message"), DIRECT_ERRORS, ids=[row[0] for row in DIRECT_ERRORS])
def test_bad_direct_input_is_one_line_and_exit_2(tmp_path: Path, name: str, args: list[str], message: str) -> None:
    write_tree(tmp_path, {"s.json": json.dumps(SCHEMA_2), "bad.json": "{]", "r.toml": RECIPE})
    result = run_cli(args, tmp_path)
    assert result.exit_code == 2
    assert result.stderr.startswith("keyshift: error: ") and result.stderr.count("\n") == 1
    assert message in result.stderr


WORKFLOW = """\
name: ci
on:
  push:
    branches: [main]
  pull_request:
jobs:
  test:
    runs-on: ubuntu-latest
    strategy:
      matrix:
        python: ["3.11", "3.12"]
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-python@v5
        with:
          python-version: ${{ matrix.python }}
      - run: pip install -e '.[dev]' && pytest
        env:
          SPRING_PROFILES_ACTIVE: ci
"""


def test_a_schema_without_deprecations_gives_an_empty_matrix_and_says_so(tmp_path: Path) -> None:
    """GitHub's workflow schema marks nothing deprecated (its one mention is the deprecationMessage property
    that action inputs may declare): the import writes a matrix with no rules, and says so on stderr."""
    schema = {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "definitions": {"input": {"type": "object", "properties": {"deprecationMessage": {"type": "string"}}}},
        "properties": {"name": {"type": "string"}, "on": {"type": "object"}, "jobs": {"type": "object"}},
    }
    write_tree(tmp_path, {"workflow.schema.json": json.dumps(schema)})
    result = run_cli(["import", "json-schema", "--product", "gh", "--version", "1=workflow.schema.json"], tmp_path)
    assert result.exit_code == 0
    assert "[keys." not in result.stdout
    assert result.stderr == "keyshift: note: the input marks nothing deprecated or removed; the matrix has no rules\n"


def test_a_workflow_gets_no_finding_from_any_bundled_pack(tmp_path: Path) -> None:
    write_tree(tmp_path, {".github/workflows/ci.yml": WORKFLOW})
    packs = [
        arg
        for name in ("spring-boot", "ruff", "kubernetes", "cert-manager", "istio", "compose", "tox", "mypy", "pytest")
        for arg in ("--pack", name)
    ]
    result = run_cli(["check", *packs, "--format", "json", "."], tmp_path)
    assert (result.exit_code, result.findings()) == (0, [])
    # the workflow was read: it is a text file every product with text scanning on may search
    assert json.loads(result.stdout)["summary"]["files_scanned"] == 1
