"""Every bundled pack that a recipe generates is what the recipe makes of the products' data, byte for byte.

The data is not in this repository: it is found as ``keyshift import`` finds it (``KEYSHIFT_PACK_SOURCES``,
else ``../shared/pack-sources`` beside the repository), and the test is skipped, saying so, where it is absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from keyshift.importers.recipe import generate, load_recipe
from keyshift.importers.sources import SOURCES_ENV, default_sources

REPO = Path(__file__).resolve().parents[2]
RECIPES = sorted((REPO / "rules" / "recipes").glob("*.toml"))


@pytest.mark.parametrize("recipe_path", RECIPES, ids=[path.stem for path in RECIPES])
def test_the_pack_is_what_its_recipe_generates(recipe_path: Path) -> None:
    sources = default_sources(recipe_path)
    if sources is None:
        pytest.skip(f"no pack sources: set {SOURCES_ENV} or put them in {REPO.parent / 'shared' / 'pack-sources'}")
    recipe = load_recipe(recipe_path)
    assert recipe.output.parent == REPO / "rules", "a recipe writes its pack into rules/"
    committed = recipe.output.read_text(encoding="utf-8")
    assert generate(recipe, sources) == committed, f"regenerate it: {recipe.generated_by}"


def test_every_recipe_is_found() -> None:
    assert {path.stem for path in RECIPES} >= {"ruff", "compose", "tox", "mypy", "pytest"}
