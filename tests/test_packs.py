"""Packs beyond the bundled ones (--pack-path, KEYSHIFT_PACK_PATH, installed entry points), layering a user
matrix over a pack of the same product, and ``keyshift packs`` / ``packs --show``."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import run_cli, write_tree

ACME = """\
[product]
name = "acme"
versions = ["1.0", "2.0"]
files = ["acme.yaml"]

[keys."acme.old"]
removed = "2.0"
replaced-by = "acme.new"

[keys."acme.gone"]
removed = "2.0"
"""

ACME_OTHER = ACME.replace("acme.gone", "acme.elsewhere")

USER_OVER_ACME = """\
[product]
name = "acme"
files = ["acme.yaml", "conf/acme.yaml"]

[keys."acme.gone"]
deprecated = "1.0"
reason = "ours: still works, but going"

[keys."acme.mine"]
removed = "2.0"
"""

TREE = {
    "acme.yaml": "acme:\n  old: 1\n  gone: 2\n  mine: 3\n  elsewhere: 4\n",
    "conf/acme.yaml": "acme:\n  gone: 5\n",
}


def _install_packs(root: Path, packs: dict[str, str]) -> Path:
    directory = root / "packs"
    write_tree(directory, {f"{name}.pack.toml": text for name, text in packs.items()})
    return directory


def test_a_pack_on_the_pack_path_is_used_with_its_own_findings(tmp_path: Path) -> None:
    packs = _install_packs(tmp_path, {"acme": ACME})
    write_tree(tmp_path, {"acme.yaml": TREE["acme.yaml"]})
    result = run_cli(["check", "--pack", "acme", "--pack-path", str(packs), "--format", "json"], tmp_path)
    assert result.lines("rule_source") == [
        "acme.yaml:2:3: KS102 renamed acme.old pack:acme",
        "acme.yaml:3:3: KS101 removed acme.gone pack:acme",
    ]


def test_the_pack_path_comes_before_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    first = _install_packs(tmp_path / "first", {"acme": ACME})
    second = _install_packs(tmp_path / "second", {"acme": ACME_OTHER})
    monkeypatch.setenv("KEYSHIFT_PACK_PATH", str(second))
    write_tree(tmp_path, {"acme.yaml": TREE["acme.yaml"]})
    by_env = run_cli(["check", "--pack", "acme", "--format", "json"], tmp_path)
    assert "acme.yaml:5:3: KS101 removed acme.elsewhere" in by_env.lines()
    by_option = run_cli(["check", "--pack", "acme", "--pack-path", str(first), "--format", "json"], tmp_path)
    assert "acme.yaml:3:3: KS101 removed acme.gone" in by_option.lines()
    listing = run_cli(["packs", "--pack-path", str(first)], tmp_path).stdout
    assert f"--pack-path: {first / 'acme.pack.toml'}" in listing
    assert f"hidden by --pack-path ({first / 'acme.pack.toml'})" in listing


def test_an_installed_entry_point_provides_packs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    write_tree(
        site,
        {
            "acme_packs/__init__.py": "",
            "acme_packs/acme.pack.toml": ACME,
            "acme_packs-1.0.dist-info/METADATA": "Metadata-Version: 2.1\nName: acme-packs\nVersion: 1.0\n",
            "acme_packs-1.0.dist-info/entry_points.txt": "[keyshift.packs]\nacme = acme_packs\n",
        },
    )
    monkeypatch.syspath_prepend(str(site))
    work = tmp_path / "work"
    write_tree(work, {"acme.yaml": TREE["acme.yaml"]})
    listing = run_cli(["packs"], work).stdout
    assert "entry point acme-packs (acme)" in listing
    assert [line.split()[:4] for line in listing.splitlines() if line.startswith("acme ")] == [
        ["acme", "acme", "1.0..2.0", "(2)"]
    ]
    result = run_cli(["check", "--pack", "acme", "--format", "json"], work)
    assert result.lines() == ["acme.yaml:2:3: KS102 renamed acme.old", "acme.yaml:3:3: KS101 removed acme.gone"]


def test_a_user_matrix_layers_over_a_pack_of_the_same_product(tmp_path: Path) -> None:
    packs = _install_packs(tmp_path, {"acme": ACME})
    write_tree(tmp_path, {"deprecations.toml": USER_OVER_ACME, **TREE})
    result = run_cli(["check", "--pack", "acme", "--pack-path", str(packs), "--format", "json"], tmp_path)
    # the pack's rename stays; the user's rule replaces the pack's acme.gone and adds acme.mine; the user's
    # files replace the pack's
    assert result.lines("severity", "rule_source") == [
        "acme.yaml:2:3: KS102 renamed acme.old error pack:acme",
        "acme.yaml:3:3: KS103 deprecated acme.gone warning deprecations.toml",
        "acme.yaml:4:3: KS101 removed acme.mine error deprecations.toml",
        "conf/acme.yaml:2:3: KS103 deprecated acme.gone warning deprecations.toml",
    ]
    text = run_cli(["check", "--pack", "acme", "--pack-path", str(packs), "-v"], tmp_path).stdout
    assert "rule: pack:acme" in text and "rule: deprecations.toml" in text
    assert "rule:" not in run_cli(["check", "--pack", "acme", "--pack-path", str(packs)], tmp_path).stdout


def test_packs_show_says_where_each_rule_comes_from(tmp_path: Path) -> None:
    packs = _install_packs(tmp_path, {"acme": ACME})
    write_tree(tmp_path, {"deprecations.toml": USER_OVER_ACME})
    shown = run_cli(["packs", "--show", "acme", "--pack-path", str(packs)], tmp_path).stdout
    assert "  matrix: deprecations.toml over pack:acme\n" in shown
    assert "  acme.old  removed 2.0, -> acme.new  [pack:acme]\n" in shown
    assert "  acme.gone  deprecated 1.0  [deprecations.toml]\n" in shown
    assert "  acme.mine  removed 2.0  [deprecations.toml]\n" in shown


def test_the_default_matrix_is_loaded_beside_a_pack(tmp_path: Path) -> None:
    packs = _install_packs(tmp_path, {"acme": ACME})
    other = '[product]\nname = "dten"\nversions = ["1", "2"]\n[keys."dten.x"]\nremoved = "2"\n'
    write_tree(tmp_path, {"deprecations.toml": other, "acme.yaml": "acme:\n  gone: 1\n", "d.yaml": "dten:\n  x: 1\n"})
    result = run_cli(["check", "--pack", "acme", "--pack-path", str(packs), "--format", "json"], tmp_path)
    assert result.lines("product") == [
        "acme.yaml:2:3: KS101 removed acme.gone acme",
        "d.yaml:2:3: KS101 removed dten.x dten",
    ]
    # -m chooses the matrices: the default one is not added then
    only = run_cli(["check", "-m", str(packs / "acme.pack.toml"), "--format", "json"], tmp_path)
    assert [f["product"] for f in only.findings()] == ["acme"]


@pytest.mark.parametrize(
    ("files", "args", "message"),
    [
        (
            {"deprecations.toml": USER_OVER_ACME.replace('removed = "2.0"', 'removed = "9.0"')},
            ["--pack", "acme"],
            "deprecations.toml: versions: names version '9.0', which the layered product does not list",
        ),
        (
            {"a.toml": USER_OVER_ACME, "b.toml": USER_OVER_ACME},
            ["-m", "a.toml", "-m", "b.toml"],
            "b.toml: product 'acme' is already defined by a.toml",
        ),
        ({}, ["--pack", "nope"], "unknown pack 'nope' (available: acme, "),
        ({}, ["--pack", "acme", "--pack-path", "missing"], "--pack-path: missing is not a directory"),
    ],
)
def test_pack_and_layering_errors_exit_2(tmp_path: Path, files: dict[str, str], args: list[str], message: str) -> None:
    packs = _install_packs(tmp_path, {"acme": ACME})
    write_tree(tmp_path, files)
    result = run_cli(
        ["check", *args, "--pack-path", str(packs)] if "--pack-path" not in args else ["check", *args], tmp_path
    )
    assert result.exit_code == 2
    assert message in result.stderr


def test_an_invalid_pack_is_listed_with_its_error_and_exits_2(tmp_path: Path) -> None:
    packs = _install_packs(tmp_path, {"acme": ACME, "broken": "[product]\nname = 1\n"})
    result = run_cli(["packs", "--pack-path", str(packs)], tmp_path)
    assert result.exit_code == 2
    assert "invalid: pack:broken:2: product.name: must be a string, not a number" in result.stdout
    assert "keyshift: error: pack:broken:2: product.name: must be a string, not a number" in result.stderr
    assert [line.split()[0] for line in result.stdout.splitlines()[1:3]] == ["acme", "broken"]


def test_a_bare_version_with_several_products_loaded_says_how_to_name_one(tmp_path: Path) -> None:
    packs = _install_packs(tmp_path, {"acme": ACME})
    other = '[product]\nname = "dten"\nversions = ["5", "6"]\n[keys."dten.x"]\nremoved = "6"\n'
    write_tree(tmp_path, {"deprecations.toml": other})
    result = run_cli(["check", "--pack", "acme", "--pack-path", str(packs), "--to", "2.0"], tmp_path)
    assert result.exit_code == 2
    assert result.stderr == (
        "keyshift: error: --to 2.0: '2.0' is not one of the product's versions (5, 6) (product dten, "
        "deprecations.toml); 2 products are loaded (dten, acme): give --to PRODUCT=2.0\n"
    )
    assert run_cli(["check", "--pack", "acme", "--pack-path", str(packs), "--to", "acme=2.0"], tmp_path).exit_code == 0
