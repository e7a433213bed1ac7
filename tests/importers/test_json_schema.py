"""The json-schema importer: small real-shaped schemas (one per version) -> the exact matrix text.

Each case is written as the schemas a product publishes (trimmed from ruff's, tox's, compose's and
SchemaStore's) and the matrix the importer must make of them; every rendered matrix must also load.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from keyshift.importers import ImportFailure, ImportInput, ImportRequest, get_importer
from keyshift.importers.draft import TomlValue
from keyshift.importers.render import render
from keyshift.matrix import parse_matrix
from support.tables import each_case

Schema = dict[str, object]


@dataclass(frozen=True)
class SchemaCase:
    name: str
    schemas: list[tuple[str, Schema]]
    """(version, schema), oldest first."""
    expected: str
    """The matrix after ``[product] name``."""
    options: dict[str, TomlValue] = field(default_factory=dict)


def run(tmp_path: Path, schemas: list[tuple[str | None, Schema]], options: dict[str, TomlValue]) -> str:
    inputs = []
    for index, (version, schema) in enumerate(schemas):
        path = tmp_path / f"schema{index}.json"
        path.write_text(json.dumps(schema, indent=2), encoding="utf-8")
        inputs.append(ImportInput(path, path.name, version))
    draft = get_importer("json-schema")(ImportRequest("p", tuple(inputs), options))
    text = render(draft)
    parse_matrix(text, "generated.toml")
    return text


def props(**properties: object) -> Schema:
    return {"type": "object", "properties": properties}


DEPRECATED_TRUE = {"type": ["array", "null"], "deprecated": True, "items": {"type": "string"}}

CASES = [
    SchemaCase(
        "deprecated: true; the type comes from the schema; a description without deprecation is no reason",
        [("1.0", props(select=DEPRECATED_TRUE, other={"type": "string", "description": "Fine."}))],
        '\n[keys.select]\ntype = "list"\ndeprecated = "1.0"\n',
    ),
    SchemaCase(
        "VS Code deprecationMessage: the reason, and a sibling it names with 'instead' is the replacement",
        [
            (
                "1.0",
                props(
                    **{
                        "old-name": {"type": "string", "deprecationMessage": "Use `new-name` instead."},
                        "new-name": {"type": "string"},
                    }
                ),
            )
        ],
        '\n[keys.old-name]\ntype = "scalar"\ndeprecated = "1.0"\nreplaced-by = "new-name"\n'
        'reason = "Use `new-name` instead."\n',
    ),
    SchemaCase(
        "markdownDeprecationMessage: markdown links become their text",
        [
            (
                "1.0",
                props(
                    a={"type": "boolean", "markdownDeprecationMessage": "Renamed to [`b`](#b)."},
                    b={"type": "boolean"},
                ),
            )
        ],
        '\n[keys.a]\ntype = "scalar"\ndeprecated = "1.0"\nreplaced-by = "b"\nreason = "Renamed to `b`."\n',
    ),
    SchemaCase(
        "a description starting 'DEPRECATED:' (ruff's flake8-builtins): its first paragraph is the reason",
        [
            (
                "0.11.0",
                props(
                    **{
                        "flake8-builtins": props(
                            **{
                                "builtins-ignorelist": {
                                    "type": ["array", "null"],
                                    "description": "DEPRECATED: This option has been renamed to `ignorelist`. "
                                    "Use `ignorelist` instead.\n\nIgnore list of builtins.",
                                },
                                "ignorelist": {"type": ["array", "null"]},
                            }
                        )
                    }
                ),
            )
        ],
        '\n[keys."flake8-builtins.builtins-ignorelist"]\ntype = "list"\ndeprecated = "0.11.0"\n'
        'replaced-by = "flake8-builtins.ignorelist"\n'
        'reason = "DEPRECATED: This option has been renamed to `ignorelist`. Use `ignorelist` instead."\n',
    ),
    SchemaCase(
        "a named replacement the schema does not have is not a replacement; 'use X if ...' is advice",
        [
            (
                "1.0",
                props(
                    a={"type": "string", "description": "Deprecated: use 'nowhere' instead"},
                    show_error_codes={
                        "type": "boolean",
                        "deprecated": True,
                        "description": "DEPRECATED and UNDOCUMENTED: Now defaults to true, use `hide_error_codes` "
                        "if you need to disable error codes instead.",
                    },
                    hide_error_codes={"type": "boolean"},
                ),
            )
        ],
        '\n[keys.a]\ntype = "scalar"\ndeprecated = "1.0"\nreason = "Deprecated: use \'nowhere\' instead"\n'
        '\n[keys.show_error_codes]\ntype = "scalar"\ndeprecated = "1.0"\n'
        'reason = "DEPRECATED and UNDOCUMENTED: Now defaults to true, use `hide_error_codes` if you need to disable '
        'error codes instead."\n',
    ),
    SchemaCase(
        "deprecated: true with a description: only the paragraphs that speak of the deprecation are the reason",
        [
            (
                "1.0",
                props(
                    **{
                        "extend-ignore": {
                            "type": "array",
                            "deprecated": True,
                            "description": "Codes to ignore.\n\nThis option is deprecated because it is now\n"
                            "interchangeable with [`ignore`](#lint_ignore). Use [`ignore`](#lint_ignore) instead.",
                        },
                        "ignore": {"type": "array"},
                    }
                ),
            )
        ],
        '\n[keys.extend-ignore]\ntype = "list"\ndeprecated = "1.0"\nreplaced-by = "ignore"\n'
        'reason = "This option is deprecated because it is now interchangeable with `ignore`. Use `ignore` instead."\n',
    ),
    SchemaCase(
        "the marker beside a $ref (tox's aliases), and $ref into definitions and $defs",
        [
            (
                "4.0",
                {
                    "type": "object",
                    "properties": {
                        "env_list": {"type": "array"},
                        "envlist": {
                            "$ref": "#/properties/env_list",
                            "description": "Deprecated: use 'env_list' instead",
                            "deprecated": True,
                        },
                        "old": {"$ref": "#/$defs/Old"},
                        "section": {"$ref": "#/definitions/Section"},
                    },
                    "$defs": {"Old": {"type": "integer", "deprecated": True}},
                    "definitions": {"Section": props(gone={"type": "string", "deprecated": True})},
                },
            )
        ],
        '\n[keys.envlist]\ntype = "list"\ndeprecated = "4.0"\nreplaced-by = "env_list"\n'
        "reason = \"Deprecated: use 'env_list' instead\"\n"
        '\n[keys.old]\ntype = "scalar"\ndeprecated = "4.0"\n'
        '\n[keys."section.gone"]\ntype = "scalar"\ndeprecated = "4.0"\n',
    ),
    SchemaCase(
        "a recursive schema ends: a $ref is not followed again inside itself",
        [
            (
                "1.0",
                {
                    "$ref": "#/definitions/Node",
                    "definitions": {
                        "Node": props(child={"$ref": "#/definitions/Node"}, old={"type": "string", "deprecated": True})
                    },
                },
            )
        ],
        '\n[keys.old]\ntype = "scalar"\ndeprecated = "1.0"\n',
    ),
    SchemaCase(
        "allOf parts hold together; anyOf and oneOf alternatives add their keys; null is no type",
        [
            (
                "1.0",
                props(
                    a={"allOf": [props(x={"type": "string"}), props(y={"type": "string", "deprecated": True})]},
                    b={"anyOf": [{"$ref": "#/definitions/B"}, {"type": "null"}], "deprecated": True},
                    c={"oneOf": [{"type": "string"}, props(z={"type": "integer", "deprecated": True})]},
                )
                | {"definitions": {"B": props(inner={"type": "string"})}},
            )
        ],
        '\n[keys."a.y"]\ntype = "scalar"\ndeprecated = "1.0"\n'
        '\n[keys.b]\ntype = "mapping"\ndeprecated = "1.0"\n'
        '\n[keys."c.z"]\ntype = "scalar"\ndeprecated = "1.0"\n',
    ),
    SchemaCase(
        "additionalProperties and patternProperties are *, items any element [*], prefixItems element [N]",
        [
            (
                "1.0",
                props(
                    networks={
                        "additionalProperties": props(external=props(name={"type": "string", "deprecated": True}))
                    },
                    env={"patternProperties": {"^.*$": props(setenv={"type": "object", "deprecated": True})}},
                    watch={"type": "array", "items": props(old={"type": "string", "deprecated": True})},
                    pair={"type": "array", "prefixItems": [{"type": "string"}, props(old={"deprecated": True})]},
                ),
            )
        ],
        '\n[keys."env.*.setenv"]\ntype = "mapping"\ndeprecated = "1.0"\n'
        '\n[keys."networks.*.external.name"]\ntype = "scalar"\ndeprecated = "1.0"\n'
        '\n[keys."pair[1].old"]\ndeprecated = "1.0"\n'
        '\n[keys."watch[*].old"]\ntype = "scalar"\ndeprecated = "1.0"\n',
    ),
    SchemaCase(
        "a deprecated enum alternative (ruff's output-format = 'text') is a value rule, removed when it goes",
        [
            (
                "0.4.0",
                props(**{"output-format": {"$ref": "#/definitions/F"}})
                | {"definitions": {"F": {"enum": ["full", "text"]}}},
            ),
            (
                "0.5.0",
                props(**{"output-format": {"anyOf": [{"$ref": "#/definitions/F"}, {"type": "null"}]}})
                | {"definitions": {"F": {"oneOf": [{"enum": ["full"]}, {"deprecated": True, "enum": ["text"]}]}}},
            ),
            ("0.8.0", props(**{"output-format": {"enum": ["full", "concise"]}})),
        ],
        '\n[keys.output-format]\n\n[[keys.output-format.values]]\nvalue = "text"\ndeprecated = "0.5.0"\nremoved = "0.8.0"\n',
    ),
    SchemaCase(
        "a value deprecated in one alternative and allowed in another is not deprecated",
        [
            (
                "1.0",
                props(level={"oneOf": [{"enum": ["WARN", "INFO"]}, {"deprecated": True, "enum": ["WARN", "FATAL"]}]}),
            )
        ],
        '\n[keys.level]\n\n[[keys.level.values]]\nvalue = "FATAL"\ndeprecated = "1.0"\n',
    ),
    SchemaCase(
        "versions: deprecated from the first marked version; removed at the first version without the key",
        [
            ("0.1.0", props(**{"show-source": {"type": "boolean"}, "tab-size": {"type": "integer"}})),
            (
                "0.2.0",
                props(**{"show-source": {"type": "boolean", "deprecated": True}, "tab-size": {"type": "integer"}}),
            ),
            ("0.4.0", props(**{"show-source": {"type": "boolean", "deprecated": True}})),
            ("0.5.0", props()),
        ],
        '\n[keys.show-source]\ntype = "scalar"\ndeprecated = "0.2.0"\nremoved = "0.5.0"\n'
        '\n[keys.tab-size]\ntype = "scalar"\nremoved = "0.4.0"\ninferred = true\n',
    ),
    SchemaCase(
        "versions: deprecated and then not (compose's runtime) is not deprecated; a key back again is not removed",
        [
            ("2020.12", props(runtime={"type": "string", "deprecated": True}, flaky={"type": "string"})),
            ("2021.12", props(runtime={"type": "string"})),
            ("2023.12", props(runtime={"type": "string"}, flaky={"type": "string"})),
        ],
        "",
    ),
    SchemaCase(
        "versions: deprecated again later counts from the last run of deprecated versions",
        [
            ("1", props(a={"deprecated": True})),
            ("2", props(a={})),
            ("3", props(a={"deprecated": True})),
            ("4", props(a={"deprecated": True})),
        ],
        '\n[keys.a]\ndeprecated = "3"\n',
    ),
    SchemaCase(
        "versions: the keys of a removed section go with it; a user-named entry (* or [*]) is never inferred removed",
        [
            (
                "1.0",
                props(
                    plugin=props(a={"type": "string"}, b={"type": "string"}), watch={"patternProperties": {"^x-": {}}}
                ),
            ),
            ("2.0", props(watch={"type": "array", "items": props(path={"type": "string"})})),
        ],
        '\n[keys.plugin]\ntype = "mapping"\nremoved = "2.0"\ninferred = true\n',
    ),
    SchemaCase(
        "versions that are not numbered in the order given are listed in that order",
        [("2020-12-30", props(a={"deprecated": True})), ("beta", props(a={"deprecated": True}))],
        'versions = ["2020-12-30", "beta"]\n\n[keys.a]\ndeprecated = "2020-12-30"\n',
    ),
    SchemaCase(
        "root (a JSON pointer) and prefix: tox's environment settings in any section",
        [
            (
                "4.0",
                props(
                    env_run_base=props(
                        set_env={"type": "object"},
                        setenv={
                            "$ref": "#/properties/env_run_base/properties/set_env",
                            "deprecated": True,
                            "description": "Deprecated: use 'set_env' instead",
                        },
                    ),
                    envlist={"deprecated": True},
                ),
            )
        ],
        '\n[keys."*.setenv"]\ndeprecated = "4.0"\nreplaced-by = "*.set_env"\nreason = "Deprecated: use \'set_env\' instead"\n',
        {"root": "#/properties/env_run_base", "prefix": "*", "types": False},
    ),
    SchemaCase(
        "root as a dotted key, through a $ref",
        [
            (
                "1.0",
                props(tool=props(demo={"$ref": "#/definitions/D"}))
                | {"definitions": {"D": props(x={"deprecated": True})}},
            )
        ],
        '\n[keys.x]\ndeprecated = "1.0"\n',
        {"root": "tool.demo"},
    ),
    SchemaCase(
        "moved-under: ruff's top-level settings moved under lint; a replacement that is deprecated too is followed",
        [
            (
                "0.2.0",
                props(
                    select={"type": "array", "deprecated": True},
                    isort={"anyOf": [{"$ref": "#/definitions/Isort"}, {"type": "null"}], "deprecated": True},
                    **{"show-source": {"type": "boolean", "deprecated": True}},
                    **{
                        "extend-ignore": {
                            "type": "array",
                            "deprecated": True,
                            "description": "Deprecated: use `ignore` instead.",
                        }
                    },
                    ignore={"type": "array", "deprecated": True},
                    lint=props(
                        select={"type": "array"}, ignore={"type": "array"}, isort={"$ref": "#/definitions/Isort"}
                    ),
                )
                | {"definitions": {"Isort": props(known={"type": "array"})}},
            )
        ],
        '\n[keys.extend-ignore]\ntype = "list"\ndeprecated = "0.2.0"\nreplaced-by = "lint.ignore"\n'
        'reason = "Deprecated: use `ignore` instead."\n'
        '\n[keys.ignore]\ntype = "list"\ndeprecated = "0.2.0"\nreplaced-by = "lint.ignore"\n'
        '\n[keys.isort]\ntype = "mapping"\ndeprecated = "0.2.0"\nreplaced-by = "lint.isort"\n'
        '\n[keys.select]\ntype = "list"\ndeprecated = "0.2.0"\nreplaced-by = "lint.select"\n'
        '\n[keys.show-source]\ntype = "scalar"\ndeprecated = "0.2.0"\n',
        {"moved-under": "lint"},
    ),
    SchemaCase(
        "exclude leaves keys out (patterns relative to the schema, before the prefix)",
        [("4.0", props(envlist={"deprecated": True}, env_run_base=props(setenv={"deprecated": True})))],
        '\n[keys."tox.envlist"]\ndeprecated = "4.0"\n',
        {"prefix": "tox", "exclude": ["*.**"]},
    ),
    SchemaCase(
        "a property name with a dot is one quoted segment",
        [("1.0", props(**{"a.b": {"type": "string", "deprecated": True}}))],
        '\n[keys."\\"a.b\\""]\ntype = "scalar"\ndeprecated = "1.0"\n',
    ),
]


@each_case(CASES)
def test_schemas_make_this_matrix(case: SchemaCase, tmp_path: Path) -> None:
    text = run(tmp_path, list(case.schemas), case.options)
    assert text == '[product]\nname = "p"\n' + case.expected


@pytest.mark.parametrize(
    ("schemas", "options", "message"),
    [
        ([(None, props())], {}, "schema0.json: json-schema needs the product version each schema describes"),
        ([("1", props()), ("1", props())], {}, "schema1.json: a second schema for version 1"),
        ([("1", props(a={"$ref": "#/definitions/Missing"}))], {}, "$ref '#/definitions/Missing' points at nothing"),
        ([("1", props(a={"$ref": "#definitions"}))], {}, "$ref '#definitions' is not a JSON pointer"),
        ([("1", props())], {"root": "tool.nothing"}, "option root 'tool.nothing': the schema has no property 'tool'"),
        ([("1", props())], {"root": "#/nowhere"}, "$ref '#/nowhere' points at nothing"),
        ([("1", props())], {"prefix": 3}, "option prefix: must be a non-empty string"),
        ([("1", props())], {"exclude": ["a..b"]}, "option exclude: empty segment in key 'a..b'"),
        ([("1", props())], {"types": "no"}, "option types: must be true or false"),
        ([], {}, "json-schema needs at least one schema file"),
    ],
)
def test_bad_input_is_refused_with_its_place(
    tmp_path: Path, schemas: list[tuple[str | None, Schema]], options: dict[str, TomlValue], message: str
) -> None:
    with pytest.raises(ImportFailure) as caught:
        run(tmp_path, schemas, options)
    assert message in str(caught.value)


def test_a_schema_nested_deeper_than_the_walk_goes_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text('{"properties": {"a": ' + '{"allOf": [' * 250 + "{}" + "]}" * 250 + "}}", encoding="utf-8")
    with pytest.raises(
        ImportFailure, match=r"^deep\.json: the schema nests more than 200 levels deep at #/properties/a/"
    ):
        get_importer("json-schema")(ImportRequest("p", (ImportInput(path, "deep.json", "1"),)))


def test_invalid_json_is_reported_at_its_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text('{\n  "properties": {\n    "a": tru\n  }\n}\n', encoding="utf-8")
    with pytest.raises(ImportFailure, match=r"^bad.json:3:10: invalid JSON: Expecting value$"):
        get_importer("json-schema")(ImportRequest("p", (ImportInput(path, "bad.json", "1"),)))
