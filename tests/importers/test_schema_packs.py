"""The packs generated from schemas (ruff, compose, tox, mypy, pytest) on real-shaped files: the exact
findings with positions, and the files ``keyshift fix`` leaves.

Expected findings were checked against the products' data: ruff's rule redirects (C9 -> C90, TCH -> TC,
U -> UP, PGH001 -> S307, RUF011 -> B035) and removed rules (PT004 and ANN101 in 0.8.0, PGH001 and RUF011
in 0.2.0), show-source gone from the schema in 0.5.0, output-format "text" deprecated in 0.5.0 and gone in
0.8.0; tox.json's, partial-mypy.json's and partial-pytest.json's deprecated properties.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from helpers import run_cli, write_tree
from support.tables import each_case


@dataclass(frozen=True)
class PackCase:
    name: str
    packs: list[str]
    files: dict[str, str]
    expected: list[str]
    """``path:line:col: CODE kind key found replacement``, in report order."""
    args: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class PackFixCase:
    name: str
    packs: list[str]
    files: dict[str, str]
    expected: dict[str, str]


def pack_args(packs: list[str]) -> list[str]:
    return [arg for pack in packs for arg in ("--pack", pack)]


OLD_RUFF_PYPROJECT = """\
[project]
name = "demo"

[tool.ruff]
line-length = 100
select = ["E", "F", "C9", "TCH"]
extend-ignore = ["PT004"]
show-source = true
output-format = "text"

[tool.ruff.per-file-ignores]
"tests/*.py" = ["ANN101", "S101"]

[tool.ruff.isort]
known-first-party = ["demo"]

[tool.ruff.lint.flake8-builtins]
builtins-ignorelist = ["id"]
"""

OLD_RUFF_TOML = '[lint]\nselect = ["E", "PGH001", "U"]\nunfixable = ["RUF011"]\n'

COMPOSE = """\
version: "3.9"
services:
  web:
    image: nginx:1.25
    runtime: runc
networks:
  outside:
    external:
      name: corp-network
volumes:
  data:
    external:
      name: shared-data
configs:
  app:
    external: true
    name: app-config
"""

TOX_INI = """\
[tox]
envlist = py39, py310, lint
minversion = 3.20
skipsdist = true

[testenv]
deps = pytest
passenv = HOME
setenv =
    PYTHONPATH = {toxinidir}
commands = pytest {posargs}

[testenv:lint]
basepython = python3.11
usedevelop = true
commands = ruff check .

[pytest]
xfail_strict = true
log_level = WARN
"""

TOX_TOML = """\
envlist = ["py312", "lint"]
requires = ["tox>=4.21"]

[env_run_base]
deps = ["pytest"]
setenv = { PYTHONPATH = "src" }

[env.lint]
basepython = ["python3.12"]
usedevelop = true
"""

PYPROJECT_TOOLS = """\
[tool.tox]
minversion = "4.21"

[tool.tox.env_run_base]
passenv = ["HOME"]

[tool.mypy]
strict = true
show_error_codes = true

[tool.pytest.ini_options]
xfail_strict = true
log_cli_level = "WARN"
"""

CHECKS = [
    PackCase(
        "ruff: old top-level settings, plugin sections, removed settings and values, redirected and removed codes",
        ["ruff"],
        {"pyproject.toml": OLD_RUFF_PYPROJECT, "ruff.toml": OLD_RUFF_TOML, "other.toml": 'select = ["C9"]\n'},
        [
            "pyproject.toml:6:1: KS103 deprecated select tool.ruff.select lint.select",
            "pyproject.toml:6:21: KS302 bad-value select tool.ruff.select[2] C90",
            "pyproject.toml:6:27: KS302 bad-value select tool.ruff.select[3] TC",
            # extend-ignore names ignore, which moved under lint itself
            "pyproject.toml:7:1: KS103 deprecated extend-ignore tool.ruff.extend-ignore lint.ignore",
            "pyproject.toml:7:18: KS301 bad-value extend-ignore tool.ruff.extend-ignore[0] None",
            "pyproject.toml:8:1: KS101 removed show-source tool.ruff.show-source None",
            "pyproject.toml:9:17: KS301 bad-value output-format tool.ruff.output-format None",
            "pyproject.toml:11:2: KS103 deprecated per-file-ignores tool.ruff.per-file-ignores lint.per-file-ignores",
            'pyproject.toml:12:17: KS301 bad-value per-file-ignores.* tool.ruff.per-file-ignores."tests/*.py"[0] None',
            "pyproject.toml:14:2: KS103 deprecated isort tool.ruff.isort lint.isort",
            "pyproject.toml:18:1: KS103 deprecated lint.flake8-builtins.builtins-ignorelist "
            "tool.ruff.lint.flake8-builtins.builtins-ignorelist lint.flake8-builtins.ignorelist",
            "ruff.toml:2:16: KS301 bad-value lint.select lint.select[1] S307",
            "ruff.toml:2:26: KS302 bad-value lint.select lint.select[2] UP",
            "ruff.toml:3:14: KS301 bad-value lint.unfixable lint.unfixable[0] B035",
        ],
    ),
    PackCase(
        "ruff --to 0.4.0: show-source only deprecated; codes redirected or removed later are not reported",
        ["ruff"],
        {"pyproject.toml": OLD_RUFF_PYPROJECT, "ruff.toml": OLD_RUFF_TOML},
        [
            "pyproject.toml:6:1: KS103 deprecated select tool.ruff.select lint.select",
            "pyproject.toml:7:1: KS103 deprecated extend-ignore tool.ruff.extend-ignore lint.ignore",
            "pyproject.toml:8:1: KS103 deprecated show-source tool.ruff.show-source None",
            "pyproject.toml:11:2: KS103 deprecated per-file-ignores tool.ruff.per-file-ignores lint.per-file-ignores",
            "pyproject.toml:14:2: KS103 deprecated isort tool.ruff.isort lint.isort",
            "ruff.toml:2:16: KS301 bad-value lint.select lint.select[1] S307",
            "ruff.toml:3:14: KS301 bad-value lint.unfixable lint.unfixable[0] B035",
        ],
        ["--to", "0.4.0"],
    ),
    PackCase(
        "compose: version, and external.name with no replacement (its message names no key the schema has there)",
        ["compose"],
        {"compose.yaml": COMPOSE, "docker-compose.override.yml": "version: '2.4'\n", "other.yaml": "version: 1\n"},
        [
            "compose.yaml:1:1: KS103 deprecated version version None",
            "compose.yaml:9:7: KS103 deprecated networks.*.external.name networks.outside.external.name None",
            "compose.yaml:13:7: KS103 deprecated volumes.*.external.name volumes.data.external.name None",
            "docker-compose.override.yml:1:1: KS103 deprecated version version None",
        ],
    ),
    PackCase(
        "compose --to 2023.12: version was not marked yet",
        ["compose"],
        {"compose.yaml": COMPOSE},
        [
            "compose.yaml:9:7: KS103 deprecated networks.*.external.name networks.outside.external.name None",
            "compose.yaml:13:7: KS103 deprecated volumes.*.external.name volumes.data.external.name None",
        ],
        ["--to", "2023.12"],
    ),
    PackCase(
        "tox.ini [tox] and [testenv*] sections, with pytest's [pytest] section in the same file",
        ["tox", "pytest"],
        {"tox.ini": TOX_INI},
        [
            "tox.ini:2:1: KS103 deprecated tox.envlist tox.envlist tox.env_list",
            "tox.ini:3:1: KS103 deprecated tox.minversion tox.minversion tox.min_version",
            "tox.ini:4:1: KS103 deprecated tox.skipsdist tox.skipsdist tox.no_package",
            "tox.ini:8:1: KS103 deprecated *.passenv testenv.passenv testenv.pass_env",
            "tox.ini:9:1: KS103 deprecated *.setenv testenv.setenv testenv.set_env",
            "tox.ini:14:1: KS103 deprecated *.basepython testenv:lint.basepython testenv:lint.base_python",
            "tox.ini:15:1: KS103 deprecated *.usedevelop testenv:lint.usedevelop testenv:lint.use_develop",
            "tox.ini:19:1: KS103 deprecated pytest.xfail_strict pytest.xfail_strict pytest.strict_xfail",
            "tox.ini:20:13: KS302 bad-value pytest.log_level pytest.log_level None",
        ],
    ),
    PackCase(
        "tox.toml: top-level settings, [env_run_base] and [env.NAME], one finding each",
        ["tox"],
        {"tox.toml": TOX_TOML},
        [
            "tox.toml:1:1: KS103 deprecated envlist envlist env_list",
            "tox.toml:6:1: KS103 deprecated *.setenv env_run_base.setenv env_run_base.set_env",
            "tox.toml:9:1: KS103 deprecated env.*.basepython env.lint.basepython env.lint.base_python",
            "tox.toml:10:1: KS103 deprecated env.*.usedevelop env.lint.usedevelop env.lint.use_develop",
        ],
    ),
    PackCase(
        "pyproject.toml [tool.tox], [tool.mypy], [tool.pytest.ini_options]; setup.cfg [mypy]; pytest.ini",
        ["tox", "mypy", "pytest"],
        {
            "pyproject.toml": PYPROJECT_TOOLS,
            "setup.cfg": "[metadata]\nname = demo\n\n[mypy]\nshow_error_codes = True\n",
            "pytest.ini": "[pytest]\nxfail_strict = true\nlog_file_level = FATAL\n",
        },
        [
            "pyproject.toml:2:1: KS103 deprecated minversion tool.tox.minversion min_version",
            "pyproject.toml:5:1: KS103 deprecated *.passenv tool.tox.env_run_base.passenv env_run_base.pass_env",
            "pyproject.toml:9:1: KS103 deprecated show_error_codes tool.mypy.show_error_codes None",
            "pyproject.toml:12:1: KS103 deprecated ini_options.xfail_strict tool.pytest.ini_options.xfail_strict "
            "ini_options.strict_xfail",
            "pyproject.toml:13:17: KS302 bad-value ini_options.log_cli_level tool.pytest.ini_options.log_cli_level None",
            "pytest.ini:2:1: KS103 deprecated pytest.xfail_strict pytest.xfail_strict pytest.strict_xfail",
            "pytest.ini:3:18: KS302 bad-value pytest.log_file_level pytest.log_file_level None",
            "setup.cfg:5:1: KS103 deprecated mypy.show_error_codes mypy.show_error_codes None",
        ],
    ),
]


@each_case(CHECKS)
def test_the_pack_finds(case: PackCase, tmp_path: Path) -> None:
    write_tree(tmp_path, case.files)
    result = run_cli(["check", *pack_args(case.packs), "--no-cache", "--format", "json", *case.args, "."], tmp_path)
    assert result.exit_code == (1 if case.expected else 0), result.stderr
    assert result.lines("found", "replacement") == case.expected


FIXES = [
    PackFixCase(
        "ruff: settings move under lint, codes are replaced, a removed setting is commented out",
        ["ruff"],
        {"pyproject.toml": OLD_RUFF_PYPROJECT, "ruff.toml": OLD_RUFF_TOML},
        {
            "pyproject.toml": """\
[project]
name = "demo"

[tool.ruff]
line-length = 100
# keyshift: show-source was removed in 0.5.0 (KS101)
# show-source = true
output-format = "text"

[tool.ruff.lint.per-file-ignores]
"tests/*.py" = ["ANN101", "S101"]

[tool.ruff.lint.isort]
known-first-party = ["demo"]

[tool.ruff.lint.flake8-builtins]
ignorelist = ["id"]

[tool.ruff.lint]
ignore = ["PT004"]
select = ["E", "F", "C90", "TC"]
""",
            "ruff.toml": '[lint]\nselect = ["E", "S307", "UP"]\nunfixable = ["B035"]\n',
        },
    ),
    PackFixCase(
        "tox and pytest in tox.ini and tox.toml: every tox 3 name renamed in place",
        ["tox", "pytest"],
        {"tox.ini": TOX_INI, "tox.toml": TOX_TOML},
        {
            "tox.ini": TOX_INI.replace("envlist", "env_list")
            .replace("minversion", "min_version")
            .replace("skipsdist", "no_package")
            .replace("passenv", "pass_env")
            .replace("setenv", "set_env")
            .replace("basepython", "base_python")
            .replace("usedevelop", "use_develop")
            .replace("xfail_strict", "strict_xfail"),
            "tox.toml": TOX_TOML.replace("envlist", "env_list")
            .replace("setenv", "set_env")
            .replace("basepython", "base_python")
            .replace("usedevelop", "use_develop"),
        },
    ),
]


@each_case(FIXES)
def test_the_pack_fixes(case: PackFixCase, tmp_path: Path) -> None:
    write_tree(tmp_path, case.files)
    result = run_cli(["fix", *pack_args(case.packs), "--no-cache", "."], tmp_path)
    assert result.exit_code == 1, result.stderr  # what has no fix remains
    for name, text in case.expected.items():
        assert (tmp_path / name).read_text(encoding="utf-8") == text, name
