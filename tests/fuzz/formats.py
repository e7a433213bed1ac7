"""The formats the suite covers: for each, its generator and the file names its inputs get.

The first name of each row makes a product file of the fuzz matrix (``prod.*``, ``Dockerfile``: required
keys are checked), the others a file matched by full key paths only.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from hypothesis import strategies as st

from fuzz.gen_code import python_texts, text_texts
from fuzz.gen_data import json_texts, toml_texts, yaml_texts
from fuzz.gen_lines import dockerfile_texts, dotenv_texts, ini_texts, properties_texts, shell_texts
from fuzz.harness import Case
from fuzz.keys import MATRIX
from fuzz.trees import Draw, layouts


@dataclass(frozen=True)
class Format:
    name: str
    texts: st.SearchStrategy[str]
    names: tuple[str, ...]


FORMATS = (
    Format("yaml", yaml_texts(), ("prod.yaml", "compose.yaml", "ci/deploy.yml")),
    Format("toml", toml_texts(), ("prod.toml", "settings.toml", "Pipfile")),
    Format("json", json_texts(), ("prod.json", "other.json")),
    Format("jsonc", json_texts(comments=True), ("prod.jsonc", "tsconfig.jsonc")),
    Format("ini", ini_texts(), ("prod.ini", "setup.cfg", "tox.ini")),
    Format("properties", properties_texts(), ("prod.properties", "application.properties")),
    Format("dotenv", dotenv_texts(), ("prod.env", ".env", ".env.local")),
    Format("dockerfile", dockerfile_texts(), ("Dockerfile", "build.dockerfile", "Containerfile")),
    Format("shell", shell_texts(), ("prod.sh", "run.sh", ".envrc")),
    Format("python", python_texts(), ("prod.py", "settings.py")),
    Format("text", text_texts(), ("prod.md", "README.md", "notes.txt", "values.tpl")),
)
BY_NAME = {f.name: f for f in FORMATS}


@st.composite
def generated_cases(draw: Draw, fmt: Format) -> Case:
    """A generated file of ``fmt`` with the fuzz matrix, fixed in safe or (one time in four) unsafe mode."""
    layout = draw(layouts())
    data = layout.apply(draw(fmt.texts))
    name: str = draw(st.sampled_from(fmt.names))
    unsafe = draw(st.integers(0, 3)) == 0
    return Case(name, data, MATRIX, unsafe)


EACH_FORMAT = pytest.mark.parametrize("fmt", FORMATS, ids=[f.name for f in FORMATS])
"""Run a test once per format, its ``fmt`` argument the :class:`Format`."""
