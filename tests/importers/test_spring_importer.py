"""Tests for the spring-metadata importer: trimmed real-shaped Spring Boot metadata of a few versions -> the
matrix text it gives, and bad input -> the message naming the file and the place."""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from keyshift.importers import ImportInput, ImportRequest, get_importer, importer_info
from keyshift.importers.draft import ImportFailure, MatrixDraft, TomlValue
from keyshift.importers.render import render
from keyshift.importers.spring_metadata import value_kind
from keyshift.matrix import parse_matrix
from support.tables import each_case, each_row

build = get_importer("spring-metadata")


def prop(name: str, java_type: str | None = None, **deprecation: str) -> dict[str, object]:
    """A ``properties`` entry as Spring writes it; ``deprecation`` fields make it deprecated."""
    entry: dict[str, object] = {"name": name}
    if java_type:
        entry["type"] = java_type
    if deprecation:
        entry["deprecation"] = deprecation
    return entry


def metadata(*properties: dict[str, object]) -> str:
    return json.dumps({"groups": [], "properties": list(properties), "hints": []}, indent=2)


def annotated(*entries: dict[str, object]) -> str:
    """An ``_annotated-deprecations`` list: level is always warning, as the processor writes it."""
    full = [
        {"reason": None, "replacement": None, "since": None, "level": "warning", "target": "property", **entry}
        for entry in entries
    ]
    return json.dumps(full, indent=2)


@dataclass(frozen=True)
class ImportCase:
    name: str
    inputs: list[tuple[str, str]]
    """(version, file text), oldest first; one file each."""
    expected: str
    """The ``[keys]`` tables of the rendered matrix."""
    options: dict[str, TomlValue] = field(default_factory=dict)


def keys_text(draft: MatrixDraft) -> str:
    text = render(draft)
    return text.split("\n\n", 1)[1] if "\n\n" in text else ""


def run(tmp_path: Path, inputs: list[tuple[str, str]], options: dict[str, TomlValue] | None = None) -> MatrixDraft:
    items = []
    for number, (version, text) in enumerate(inputs):
        path = tmp_path / f"{number}-{version}.json"
        path.write_text(text)
        items.append(ImportInput(path, path.name, version))
    return build(ImportRequest("spring-boot", tuple(items), options or {}))


LOGGING_FILE = prop("logging.file", "java.lang.String", replacement="logging.file.name", level="error")
MAX_SIZE = ("logging.file.max-size", "org.springframework.util.unit.DataSize")
ES_PROPERTIES = ("spring.data.elasticsearch.properties", "java.util.Map<java.lang.String,java.lang.String>")
V27 = metadata(
    LOGGING_FILE,
    prop(*MAX_SIZE, replacement="logging.logback.rollingpolicy.max-file-size"),
    prop("spring.profiles", "java.util.List<java.lang.String>", replacement="spring.config.activate.on-profile"),
    prop(*ES_PROPERTIES, level="error"),
    prop("spring.config.use-legacy-processing", "java.lang.Boolean"),
    {"name": "server.compression.enabled", "description": "Whether compression is enabled.", "defaultValue": False},
)
V30 = metadata(
    LOGGING_FILE,
    prop(*MAX_SIZE, replacement="logging.logback.rollingpolicy.max-file-size"),
    prop(*ES_PROPERTIES, level="error"),
    prop("spring.redis.host", "java.lang.String", replacement="spring.data.redis.host", level="error"),
)
V41 = metadata(
    {**LOGGING_FILE, "deprecation": {"replacement": "logging.file.name", "level": "error", "since": "2.2.0"}},
    prop(*MAX_SIZE, level="error", replacement="logging.logback.rollingpolicy.max-file-size", since="2.4.0"),
    prop(*ES_PROPERTIES, level="error", since="2.2.0"),
    prop("spring.redis.host", "java.lang.String", replacement="spring.data.redis.host", level="error", since="3.0.0"),
)
METRICS_TAGS = [
    ("3.1", metadata()),
    ("3.2", annotated({"property": "management.metrics.tags", "replacement": "management.observations.key-values"})),
    ("3.3", metadata()),
]
THREE_VERSIONS = """\
[keys."logging.file"]
type = "scalar"
removed = "2.7"
replaced-by = "logging.file.name"
since = "2.2.0"

[keys."logging.file.max-size"]
type = "scalar"
deprecated = "2.7"
removed = "4.1"
replaced-by = "logging.logback.rollingpolicy.max-file-size"
since = "2.4.0"

[keys."spring.config.use-legacy-processing"]
type = "scalar"
removed = "3.0"
reason = "inferred: no longer in the 3.0 metadata"
inferred = true

[keys."spring.data.elasticsearch.properties"]
type = "mapping"
removed = "2.7"
since = "2.2.0"

[keys."spring.profiles"]
type = "list"
deprecated = "2.7"
removed = "3.0"
replaced-by = "spring.config.activate.on-profile"
reason = "inferred: no longer in the 3.0 metadata"
inferred = true

[keys."spring.redis.host"]
type = "scalar"
removed = "3.0"
replaced-by = "spring.data.redis.host"
since = "3.0.0"
"""

CASES = [
    ImportCase("three versions", [("2.7", V27), ("3.0", V30), ("4.1", V41)], THREE_VERSIONS),
    ImportCase(
        "infer-removals deprecated: a typed property that vanishes is not removed",
        [("2.7", V27), ("3.0", V30), ("4.1", V41)],
        THREE_VERSIONS.replace(
            '[keys."spring.config.use-legacy-processing"]\ntype = "scalar"\nremoved = "3.0"\n'
            'reason = "inferred: no longer in the 3.0 metadata"\ninferred = true\n\n',
            "",
        ),
        {"infer-removals": "deprecated"},
    ),
    ImportCase(
        "infer-removals none: only what the metadata states",
        [
            (
                "2.7",
                metadata(prop("a.dep", "java.lang.String", replacement="a.new"), prop("a.plain", "java.lang.Integer")),
            ),
            ("3.0", metadata()),
        ],
        '[keys."a.dep"]\ntype = "scalar"\ndeprecated = "2.7"\nreplaced-by = "a.new"\n',
        {"infer-removals": "none"},
    ),
    ImportCase(
        "an entry without a type only documents a property: its absence is no removal",
        [("1.0", metadata({"name": "server.error.include-message", "defaultValue": "never"})), ("2.0", metadata())],
        "",
    ),
    ImportCase(
        "a warning that becomes an error: deprecated, then removed",
        [
            ("3.2", annotated({"property": "spring.influx.url", "since": "3.2.0"})),
            ("3.3", annotated({"property": "spring.influx.url", "since": "3.2.0"})),
            (
                "3.4",
                metadata(
                    prop(
                        "spring.influx.url",
                        None,
                        level="error",
                        reason="The Influx client is deprecated.",
                        since="3.2.0",
                    )
                ),
            ),
        ],
        '[keys."spring.influx.url"]\ndeprecated = "3.2"\nremoved = "3.4"\nreason = "The Influx client is deprecated."\nsince = "3.2.0"\n',
    ),
    ImportCase(
        "a deprecated property that vanishes with a gap in the data is removed after its last appearance",
        [
            (
                "2.7",
                annotated(
                    {"property": "server.undertow.allow-encoded-slash", "replacement": "server.undertow.decode-slash"}
                ),
            ),
            ("3.0", metadata()),
            (
                "3.1",
                annotated(
                    {
                        "property": "server.undertow.allow-encoded-slash",
                        "replacement": "server.undertow.decode-slash",
                        "since": "3.0.3",
                    }
                ),
            ),
            ("4.0", metadata()),
        ],
        '[keys."server.undertow.allow-encoded-slash"]\ndeprecated = "2.7"\nremoved = "4.0"\n'
        'replaced-by = "server.undertow.decode-slash"\nreason = "inferred: no longer in the 4.0 metadata"\n'
        'since = "3.0.3"\ninferred = true\n',
    ),
    ImportCase(
        "un-deprecated: a property back without a deprecation gets no rule",
        [
            (
                "3.4",
                metadata(
                    prop(
                        "spring.http.converters.preferred-json-mapper",
                        "java.lang.String",
                        replacement="spring.mvc.converters.preferred-json-mapper",
                        level="error",
                    )
                ),
            ),
            ("3.5", metadata(prop("spring.http.converters.preferred-json-mapper", "java.lang.String"))),
        ],
        "",
    ),
    ImportCase(
        "deprecated again after being a plain property: only the newest run counts",
        [
            ("1.0", metadata(prop("a.b", "java.lang.String", level="error"))),
            ("2.0", metadata(prop("a.b", "java.lang.String"))),
            ("3.0", metadata(prop("a.b", "java.lang.String", reason="Again."))),
        ],
        '[keys."a.b"]\ntype = "scalar"\ndeprecated = "3.0"\nreason = "Again."\n',
    ),
    ImportCase(
        "not-deprecated: a deprecation taken back, which the annotated lists only show as gone",
        METRICS_TAGS,
        "",
        {"not-deprecated": {"management.metrics.tags": "3.3"}},
    ),
    ImportCase(
        "without not-deprecated the same lists read as a removal",
        METRICS_TAGS,
        '[keys."management.metrics.tags"]\ndeprecated = "3.2"\nremoved = "3.3"\n'
        'replaced-by = "management.observations.key-values"\nreason = "inferred: no longer in the 3.3 metadata"\n'
        "inferred = true\n",
    ),
    ImportCase(
        "the newest replacement, reason and since win; the type comes from the metadata",
        [
            (
                "2.7",
                annotated({"property": "management.trace.include", "replacement": "management.trace.http.include"}),
            ),
            (
                "3.0",
                metadata(
                    prop(
                        "management.trace.include",
                        "java.util.Set<java.lang.String>",
                        level="error",
                        replacement="management.httpexchanges.recording.include",
                        since="3.0.0",
                    )
                ),
            ),
        ],
        '[keys."management.trace.include"]\ntype = "list"\ndeprecated = "2.7"\nremoved = "3.0"\n'
        'replaced-by = "management.httpexchanges.recording.include"\nsince = "3.0.0"\n',
    ),
    ImportCase(
        "a deprecated getter of a nested group is a mapping",
        [
            (
                "2.7",
                annotated(
                    {
                        "property": "spring.webflux.session",
                        "replacement": "server.reactive.session",
                        "target": "group (getter returns nested type x.Session)",
                    }
                ),
            )
        ],
        '[keys."spring.webflux.session"]\ntype = "mapping"\ndeprecated = "2.7"\nreplaced-by = "server.reactive.session"\n',
    ),
    ImportCase(
        "an error in one file of a version beats a warning in another; the old deprecated flag counts",
        [
            (
                "1.0",
                metadata(
                    prop("a.x", "java.time.Duration", reason="Slow."),
                    {"name": "a.y", "type": "java.lang.String[]", "deprecated": True},
                ),
            ),
            ("1.0", metadata(prop("a.x", None, level="error"))),
        ],
        '[keys."a.x"]\ntype = "scalar"\nremoved = "1.0"\nreason = "Slow."\n\n[keys."a.y"]\ntype = "list"\ndeprecated = "1.0"\n',
    ),
]


@each_case(CASES)
def test_metadata_versions_give_the_matrix(case: ImportCase, tmp_path: Path) -> None:
    draft = run(tmp_path, case.inputs, case.options)
    assert keys_text(draft) == case.expected
    assert draft.versions == tuple(dict.fromkeys(version for version, _ in case.inputs))


def test_the_matrix_sets_spring_files_and_relaxed_binding_and_loads(tmp_path: Path) -> None:
    draft = run(tmp_path, [("2.7", V27), ("3.0", V30), ("4.1", V41)])
    matrix = parse_matrix(render(draft), "spring.toml")
    assert matrix.product.binding == "relaxed"
    spring_files = [f"{name}*.{ext}" for name in ("application", "bootstrap") for ext in ("properties", "yml", "yaml")]
    assert [f.glob for f in matrix.product.files] == spring_files
    assert matrix.product.versions == ("2.7", "3.0", "4.1")
    rules = {rule.key: rule for rule in matrix.keys}
    assert (rules["logging.file"].type, rules["spring.profiles"].inferred) == ("scalar", True)


def _jar(path: Path, members: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as jar:
        jar.writestr("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\n")
        for name, text in members.items():
            jar.writestr(name, text)
    return path


def test_a_jar_gives_both_metadata_files(tmp_path: Path) -> None:
    old = _jar(
        tmp_path / "starter-1.0.jar",
        {
            "META-INF/spring-configuration-metadata.json": metadata(
                prop("acme.pool.size", "java.lang.Integer"), prop("acme.url", "java.net.URI")
            ),
            "META-INF/additional-spring-configuration-metadata.json": metadata(
                prop("acme.legacy", "java.lang.Boolean", replacement="acme.modern")
            ),
        },
    )
    new = _jar(
        tmp_path / "starter-2.0.jar",
        {"META-INF/spring-configuration-metadata.json": metadata(prop("acme.url", "java.net.URI"))},
    )
    request = ImportRequest("acme", (ImportInput(old, old.name, "1.0"), ImportInput(new, new.name, "2.0")))
    assert keys_text(build(request)) == (
        '[keys."acme.legacy"]\ntype = "scalar"\ndeprecated = "1.0"\nremoved = "2.0"\nreplaced-by = "acme.modern"\n'
        'reason = "inferred: no longer in the 2.0 metadata"\ninferred = true\n\n'
        '[keys."acme.pool.size"]\ntype = "scalar"\nremoved = "2.0"\nreason = "inferred: no longer in the 2.0 metadata"\n'
        "inferred = true\n"
    )


def test_a_directory_gives_every_json_file_under_it(tmp_path: Path) -> None:
    (tmp_path / "v1" / "module").mkdir(parents=True)
    (tmp_path / "v1" / "a.json").write_text(metadata(prop("x.old", "java.lang.String", level="error")))
    (tmp_path / "v1" / "module" / "b.json").write_text(annotated({"property": "y.old"}))
    draft = build(ImportRequest("p", (ImportInput(tmp_path / "v1", "v1", "1.0"),)))
    assert [key.key for key in draft.keys] == ["x.old", "y.old"]


BAD_INPUTS = [
    (
        "not JSON",
        b'{"properties": [\n  {"name": "a",}\n]}',
        "bad.json:2:16: not JSON: Expecting property name enclosed in double quotes",
    ),
    ("not UTF-8", b'{"properties": ["\xff"]}', "bad.json: not UTF-8 (byte 17)"),
    (
        "a JSON string",
        b'"properties"',
        "bad.json: not Spring configuration metadata (an object with properties, groups or hints) nor a list of annotated deprecations",
    ),
    (
        "an object of something else",
        b'{"name": "demo", "version": "1.0"}',
        "bad.json: not Spring configuration metadata (an object with properties, groups or hints) nor a list of annotated deprecations",
    ),
    (
        "properties not a list",
        b'{"properties": {"name": "a"}}',
        "bad.json: properties: expected a list, found an object",
    ),
    (
        "an entry without a name",
        b'{"properties": [{"name": "a"}, {"type": "java.lang.String"}]}',
        "bad.json: properties[1].name: missing: every entry needs a property name",
    ),
    (
        "a name that is not a string",
        b'{"properties": [{"name": 3}]}',
        "bad.json: properties[0].name: expected a string, found a number",
    ),
    (
        "an unknown level",
        b'{"properties": [{"name": "a", "deprecation": {"level": "fatal"}}]}',
        'bad.json: properties[0].deprecation.level: expected "warning" or "error", found "fatal"',
    ),
    (
        "a deprecation that is not an object",
        b'{"properties": [{"name": "a", "deprecation": true}]}',
        "bad.json: properties[0].deprecation: expected an object, found a boolean",
    ),
    ("hints not a list", b'{"hints": 1}', "bad.json: hints: expected a list, found a number"),
    (
        "an annotated entry without a property",
        b'[{"property": "a.b"}, {"level": "warning"}]',
        "bad.json: [1].property: missing: every entry needs a property name",
    ),
    (
        "an annotated replacement that is not a string",
        b'[{"property": "a.b", "replacement": ["c"]}]',
        "bad.json: [0].replacement: expected a string, found a list",
    ),
]


@each_row("data, message", BAD_INPUTS)
def test_bad_input_names_the_file_and_the_place(data: bytes, message: str, tmp_path: Path) -> None:
    (tmp_path / "bad.json").write_bytes(data)
    with pytest.raises(ImportFailure) as failure:
        build(ImportRequest("p", (ImportInput(tmp_path / "bad.json", "bad.json", "1.0"),)))
    assert str(failure.value) == message


def test_bad_jars_and_paths_are_refused(tmp_path: Path) -> None:
    empty = _jar(tmp_path / "empty.jar", {})
    broken = _jar(tmp_path / "broken.jar", {"META-INF/additional-spring-configuration-metadata.json": "{"})
    truncated = tmp_path / "truncated.jar"
    truncated.write_bytes(empty.read_bytes()[:30])
    (tmp_path / "nothing").mkdir()
    cases = [
        (
            empty,
            "empty.jar: no Spring configuration metadata in this jar (META-INF/spring-configuration-metadata.json or META-INF/additional-spring-configuration-metadata.json)",
        ),
        (
            broken,
            "broken.jar!META-INF/additional-spring-configuration-metadata.json:1:2: not JSON: Expecting property name enclosed in double quotes",
        ),
        (truncated, "truncated.jar: cannot read it as a jar: File is not a zip file"),
        (tmp_path / "missing.json", "missing.json: cannot read it: No such file or directory"),
        (tmp_path / "nothing", "nothing: no *.json file in this directory"),
    ]
    for path, message in cases:
        with pytest.raises(ImportFailure) as failure:
            build(ImportRequest("p", (ImportInput(path, path.name, "1.0"),)))
        assert str(failure.value) == message


def test_inputs_need_versions_and_options_need_known_values(tmp_path: Path) -> None:
    (tmp_path / "a.json").write_text(metadata())
    with pytest.raises(ImportFailure, match=r"^a.json: spring-metadata needs the product version of each input"):
        build(ImportRequest("p", (ImportInput(tmp_path / "a.json", "a.json"),)))
    with pytest.raises(ImportFailure, match=r'infer-removals must be one of "all", "deprecated", "none", not \'some\''):
        build(ImportRequest("p", (ImportInput(tmp_path / "a.json", "a.json", "1.0"),), {"infer-removals": "some"}))
    for bad in ({"a.b": "9.9"}, ["a.b"], {"a.b": 1}):
        with pytest.raises(
            ImportFailure,
            match=r"not-deprecated must be a table of property = version, each version one of the inputs' \(1.0\)",
        ):
            build(ImportRequest("p", (ImportInput(tmp_path / "a.json", "a.json", "1.0"),), {"not-deprecated": bad}))
    with pytest.raises(ImportFailure, match="no input"):
        build(ImportRequest("p", ()))


@each_row(
    "java_type, kind",
    [
        ("string", "java.lang.String", "scalar"),
        ("duration", "java.time.Duration", "scalar"),
        ("enum", "org.springframework.boot.jdbc.DataSourceInitializationMode", "scalar"),
        ("nested enum", "org.springframework.boot.autoconfigure.web.WebProperties$LocaleResolver", "scalar"),
        ("locale", "java.util.Locale", "scalar"),
        ("map", "java.util.Map<java.lang.String,java.lang.String>", "mapping"),
        ("map of locales", "java.util.Map<java.util.Locale,java.nio.charset.Charset>", "mapping"),
        ("properties", "java.util.Properties", "mapping"),
        ("list", "java.util.List<java.lang.String>", "list"),
        ("set", "java.util.Set<java.lang.String>", "list"),
        ("array", "java.lang.String[]", "list"),
        ("array of handlers", "org.flywaydb.core.api.errorhandler.ErrorHandler[]", "list"),
        ("no type", None, "any"),
    ],
)
def test_java_types_give_key_types(java_type: str | None, kind: str) -> None:
    assert value_kind(java_type) == kind


def test_the_importer_is_registered_with_its_option() -> None:
    info = importer_info("spring-metadata")
    assert (info.module, list(info.options)) == ("spring", ["infer-removals", "not-deprecated"])
