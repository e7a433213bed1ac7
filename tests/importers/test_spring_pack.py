"""The generated spring-boot pack on real-shaped Spring Boot files: exact findings and fixes, how a map
property and a scalar one match in .properties and YAML, and (with the shared data) coverage of Spring
Boot 3.0's own deprecations."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from helpers import run_cli, write_tree
from support.tables import each_row

REPO = Path(__file__).resolve().parents[2]

PROPERTIES = """\
# real-shaped Spring Boot 2.x properties
spring.datasource.url=jdbc:postgresql://db/app
spring.datasource.initialization-mode=always
spring.datasource.schema=classpath:schema.sql
spring.resources.static-locations=classpath:/static/
spring.resources.cache.period=3600
logging.path=/var/log/app
logging.file=app.log
spring.redis.host=cache
spring.redis.ssl=true
spring.profiles.active=dev
server.max-http-header-size=16KB
management.metrics.export.humio.tags.region=eu
spring.jpa.hibernate.use-new-id-generator-mappings=false
spring.data.elasticsearch.cluster-nodes=es:9300
spring.jta.narayana.log-dir=/tmp/tx
management.metrics.tags.application=orders
"""
YAML = """\
spring:
  profiles:
    active: dev
  datasource:
    initializationMode: always
    data: classpath:data.sql
  redis:
    host: cache
    port: 6379
  resources:
    static-locations: classpath:/static/
logging:
  file:
    name: app.log
    max-size: 10MB
  path: /var/log
management:
  metrics:
    export:
      humio:
        tags:
          region: eu
          zone: a
    web:
      server:
        request:
          autotime:
            enabled: true
"""
DOTENV = "SPRING_REDIS_HOST=cache\nSPRING_DATASOURCE_INITIALIZATIONMODE=always\nLOGGING_FILE_NAME=x.log\n"
DOCKERFILE = "FROM eclipse-temurin:17\nENV SPRING_REDIS_HOST=cache LOGGING_PATH=/var/log\n"
FILES = {"application.properties": PROPERTIES, "application.yml": YAML, ".env": DOTENV, "Dockerfile": DOCKERFILE}

# Each line checked against Spring Boot's metadata (spring-boot/<tag>/*.json and the annotated lists).
# Not reported: spring.profiles.active (spring.profiles is a list property: a mapping at its path is not it),
# logging.file.name and its YAML form (logging.file is a String), LOGGING_FILE_NAME, spring.datasource.url,
# management.metrics.tags (deprecated in 3.2.0, taken back in 3.2.1).
FINDINGS_4_1 = [
    ".env:1:1: KS102 renamed spring.redis.host SPRING_DATA_REDIS_HOST",
    ".env:2:1: KS102 renamed spring.datasource.initialization-mode SPRING_SQL_INIT_MODE",
    "Dockerfile:2:5: KS102 renamed spring.redis.host SPRING_DATA_REDIS_HOST",
    "Dockerfile:2:29: KS102 renamed logging.path LOGGING_FILE_PATH",
    "application.properties:3:1: KS102 renamed spring.datasource.initialization-mode spring.sql.init.mode",
    "application.properties:4:1: KS102 renamed spring.datasource.schema spring.sql.init.schema-locations",
    "application.properties:5:1: KS102 renamed spring.resources.static-locations spring.web.resources.static-locations",
    "application.properties:6:1: KS102 renamed spring.resources.cache.period spring.web.resources.cache.period",
    "application.properties:7:1: KS102 renamed logging.path logging.file.path",
    "application.properties:8:1: KS102 renamed logging.file logging.file.name",
    "application.properties:9:1: KS102 renamed spring.redis.host spring.data.redis.host",
    "application.properties:10:1: KS102 renamed spring.redis.ssl spring.data.redis.ssl",
    "application.properties:12:1: KS102 renamed server.max-http-header-size server.max-http-request-header-size",
    "application.properties:13:1: KS102 renamed management.metrics.export.humio.tags management.humio.metrics.export.tags",
    "application.properties:14:1: KS101 removed spring.jpa.hibernate.use-new-id-generator-mappings None",
    "application.properties:15:1: KS101 removed spring.data.elasticsearch.cluster-nodes None",
    "application.properties:16:1: KS101 removed spring.jta.narayana.log-dir None",
    "application.yml:5:5: KS102 renamed spring.datasource.initialization-mode spring.sql.init.mode",
    "application.yml:6:5: KS102 renamed spring.datasource.data spring.sql.init.data-locations",
    "application.yml:8:5: KS102 renamed spring.redis.host spring.data.redis.host",
    "application.yml:9:5: KS102 renamed spring.redis.port spring.data.redis.port",
    "application.yml:11:5: KS102 renamed spring.resources.static-locations spring.web.resources.static-locations",
    "application.yml:15:5: KS102 renamed logging.file.max-size logging.logback.rollingpolicy.max-file-size",
    "application.yml:16:3: KS102 renamed logging.path logging.file.path",
    "application.yml:21:9: KS102 renamed management.metrics.export.humio.tags management.humio.metrics.export.tags",
    "application.yml:28:13: KS101 removed management.metrics.web.server.request.autotime.enabled None",
]


def test_real_shaped_files_against_the_newest_version(tmp_path: Path) -> None:
    write_tree(tmp_path, FILES)
    result = run_cli(["check", "--pack", "spring-boot", "--format", "json", "--no-cache", "."], tmp_path)
    assert result.lines("replacement") == FINDINGS_4_1
    assert result.exit_code == 1


@each_row(
    "to, expected",
    [
        (
            "3.0: what is deprecated then is a warning",
            "3.0",
            [
                "application.properties:12:1: KS103 deprecated server.max-http-header-size server.max-http-request-header-size",
                "application.yml:15:5: KS103 deprecated logging.file.max-size logging.logback.rollingpolicy.max-file-size",
            ],
        ),
        (
            "2.7: the 3.0 moves are not reported yet",
            "2.7",
            [
                "application.yml:15:5: KS103 deprecated logging.file.max-size logging.logback.rollingpolicy.max-file-size"
            ],
        ),
    ],
)
def test_older_targets(to: str, expected: list[str], tmp_path: Path) -> None:
    write_tree(tmp_path, FILES)
    result = run_cli(["check", "--pack", "spring-boot", "--to", to, "--format", "json", "--no-cache", "."], tmp_path)
    warnings = [line for line in result.lines("replacement") if " KS103 " in line]
    assert warnings == expected


def test_the_redis_move_of_3_0_is_not_reported_against_2_7(tmp_path: Path) -> None:
    write_tree(tmp_path, FILES)
    args = ["check", "--pack", "spring-boot", "--format", "json", "--no-cache", "."]
    assert not [line for line in run_cli([*args, "--to", "2.7"], tmp_path).lines() if "redis" in line]
    assert len([line for line in run_cli([*args, "--to", "3.0"], tmp_path).lines() if "redis" in line]) == 6


FIXED_PROPERTIES = """\
# real-shaped Spring Boot 2.x properties
spring.datasource.url=jdbc:postgresql://db/app
spring.sql.init.mode=always
spring.sql.init.schema-locations=classpath:schema.sql
spring.web.resources.static-locations=classpath:/static/
spring.web.resources.cache.period=3600
logging.file.path=/var/log/app
logging.file.name=app.log
spring.data.redis.host=cache
spring.data.redis.ssl.enabled=true
spring.profiles.active=dev
server.max-http-request-header-size=16KB
management.humio.metrics.export.tags.region=eu
# keyshift: spring.jpa.hibernate.use-new-id-generator-mappings was removed in 3.0 (KS101)
# spring.jpa.hibernate.use-new-id-generator-mappings=false
# keyshift: spring.data.elasticsearch.cluster-nodes was removed in 2.7 (KS101)
# spring.data.elasticsearch.cluster-nodes=es:9300
# keyshift: spring.jta.narayana.log-dir was removed in 2.7 (KS101)
# spring.jta.narayana.log-dir=/tmp/tx
management.metrics.tags.application=orders
"""
FIXED_YAML = """\
spring:
  profiles:
    active: dev
  sql:
    init:
      data-locations: classpath:data.sql
      mode: always
  data:
    redis:
      host: cache
      port: 6379
  web:
    resources:
      static-locations: classpath:/static/
logging:
  file:
    name: app.log
    path: /var/log
  logback:
    rollingpolicy:
      max-file-size: 10MB
management:
  metrics:
    web:
      server:
        request:
          autotime:
            enabled: true
  humio:
    metrics:
      export:
        tags:
          region: eu
          zone: a
"""


def test_safe_fixes_move_every_property_to_its_replacement(tmp_path: Path) -> None:
    write_tree(tmp_path, FILES)
    result = run_cli(["fix", "--pack", "spring-boot", "--no-cache", "."], tmp_path)
    # the one safe fix left out: commenting out the only key of a YAML mapping would leave it empty
    assert "Fixed 26 findings in 4 files; 1 remaining." in result.stdout
    assert (
        "not fixed application.yml:28:13 KS101 management.metrics.web.server.request.autotime.enabled: commenting "
        "out management.metrics.web.server.request.autotime.enabled would leave "
        "management.metrics.web.server.request.autotime empty"
    ) in result.stdout
    # the chain spring.redis.ssl -> spring.data.redis.ssl (3.0) -> spring.data.redis.ssl.enabled (3.1) is followed
    assert (
        "fixed application.properties:10:1 KS102 spring.data.redis.ssl -> spring.data.redis.ssl.enabled"
        in result.stdout
    )
    assert (tmp_path / "application.properties").read_text() == FIXED_PROPERTIES
    assert (tmp_path / "application.yml").read_text() == FIXED_YAML
    assert (
        tmp_path / ".env"
    ).read_text() == "SPRING_DATA_REDIS_HOST=cache\nSPRING_SQL_INIT_MODE=always\nLOGGING_FILE_NAME=x.log\n"
    assert (
        tmp_path / "Dockerfile"
    ).read_text() == "FROM eclipse-temurin:17\nENV SPRING_DATA_REDIS_HOST=cache LOGGING_FILE_PATH=/var/log\n"
    again = run_cli(["check", "--pack", "spring-boot", "--format", "json", "--no-cache", "."], tmp_path)
    assert again.lines() == [
        "application.yml:28:13: KS101 removed management.metrics.web.server.request.autotime.enabled"
    ]


@each_row(
    "files, expected",
    [
        (
            "a map property: every .properties line under it, the YAML map once",
            {
                "application.properties": "management.metrics.export.humio.tags.region=eu\nmanagement.metrics.export.humio.tags.zone=a\n",
                "application.yaml": "management.metrics.export.humio.tags:\n  region: eu\n  zone: a\n",
            },
            [
                "application.properties:1:1: KS102 renamed management.metrics.export.humio.tags",
                "application.properties:2:1: KS102 renamed management.metrics.export.humio.tags",
                "application.yaml:1:1: KS102 renamed management.metrics.export.humio.tags",
            ],
        ),
        (
            "a scalar property matches itself, never a mapping at its path",
            {
                "application.properties": "logging.file.name=a.log\nlogging.file.path=/var/log\n",
                "application-prod.yml": "logging:\n  file: a.log\n",
                "bootstrap.yaml": "logging:\n  file:\n    name: a.log\n",
            },
            ["application-prod.yml:2:3: KS102 renamed logging.file"],
        ),
        (
            "a list property: a comma-separated value and a YAML list, not a mapping",
            {
                "application.properties": "spring.resources.static-locations=classpath:/a/,classpath:/b/\n",
                "application.yml": "spring:\n  resources:\n    static-locations:\n      - classpath:/a/\n",
                "bootstrap.properties": "spring.profiles.include=base\n",
            },
            [
                "application.properties:1:1: KS102 renamed spring.resources.static-locations",
                "application.yml:3:5: KS102 renamed spring.resources.static-locations",
            ],
        ),
        (
            "relaxed binding: camelCase, snake_case and the env form without separators",
            {
                "application.properties": "spring.redis.clientName=a\nspring.redis.client_type=lettuce\n",
                "docker.env": "SPRING_REDIS_CLIENTNAME=a\n",
            },
            [
                "application.properties:1:1: KS102 renamed spring.redis.client-name",
                "application.properties:2:1: KS102 renamed spring.redis.client-type",
                "docker.env:1:1: KS102 renamed spring.redis.client-name",
            ],
        ),
    ],
)
def test_how_spring_properties_match(files: dict[str, str], expected: list[str], tmp_path: Path) -> None:
    write_tree(tmp_path, files)
    result = run_cli(["check", "--pack", "spring-boot", "--format", "json", "--no-cache", "."], tmp_path)
    assert result.lines() == expected


def test_fixing_a_map_property_moves_the_whole_map(tmp_path: Path) -> None:
    files = {
        "application.properties": "management.metrics.export.humio.tags.region=eu\nmanagement.metrics.export.humio.tags.zone=a\n",
        "application.yaml": "management:\n  metrics:\n    export:\n      humio:\n        tags:\n          region: eu\n          zone: a\n",
    }
    write_tree(tmp_path, files)
    run_cli(["fix", "--pack", "spring-boot", "--no-cache", "."], tmp_path)
    assert (tmp_path / "application.properties").read_text() == (
        "management.humio.metrics.export.tags.region=eu\nmanagement.humio.metrics.export.tags.zone=a\n"
    )
    assert (tmp_path / "application.yaml").read_text() == (
        "management:\n  humio:\n    metrics:\n      export:\n        tags:\n          region: eu\n          zone: a\n"
    )


def _pack_sources() -> Path:
    return Path(os.environ.get("KEYSHIFT_PACK_SOURCES") or REPO.parent / "shared" / "pack-sources")


def test_every_deprecation_of_spring_boot_3_0_is_reported_at_3_0(tmp_path: Path) -> None:
    sources = _pack_sources() / "spring-boot"
    if not (sources / "v3.0.0").is_dir():
        pytest.skip(f"the shared pack sources are not at {sources.parent} (set KEYSHIFT_PACK_SOURCES)")
    levels: dict[str, str] = {}
    for file in sorted((sources / "v3.0.0").glob("*.json")):
        for entry in json.loads(file.read_text())["properties"]:
            if "deprecation" in entry:
                levels[entry["name"]] = entry["deprecation"].get("level", "warning")
    for entry in json.loads((sources / "_annotated-deprecations" / "v3.0.0.json").read_text()):
        levels.setdefault(entry["property"], entry["level"])
    names = sorted(levels)
    write_tree(tmp_path, {"application.properties": "".join(f"{name}=x\n" for name in names)})
    result = run_cli(["check", "--pack", "spring-boot", "--to", "3.0", "--format", "json", "--no-cache", "."], tmp_path)
    reported = {names[f["line"] - 1]: f for f in result.findings()}
    # Removed in the data of 2.7 to 3.4, a plain property again from 3.5: the newest data wins, so no rule.
    # And the renames to the same property under relaxed binding (keystore-location -> key-store-location):
    # one key to Spring, so nothing to report (and nothing to fix).
    from keyshift.matrix import load_matrix, pack_path, relaxed_segment

    pack = load_matrix(pack_path("spring-boot"))
    same = {
        rule.key
        for rule in pack.keys
        if rule.replaced_by is not None
        and [relaxed_segment(s) for s in rule.replaced_by.segments]
        == [relaxed_segment(s) for s in rule.pattern.segments]
    }
    assert len(same) == 16
    expected_misses = {"spring.http.converters.preferred-json-mapper"} | (same & set(names))
    assert sorted(set(names) - set(reported)) == sorted(expected_misses)
    assert len(names) == 546
    wrong_kind = [name for name, f in reported.items() if (f["kind"] == "deprecated") != (levels[name] == "warning")]
    assert wrong_kind == []
    assert all(f["key"] == name for name, f in reported.items())
