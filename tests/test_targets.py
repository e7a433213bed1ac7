"""Tests for keyshift.matrix.targets: turning --from/--to options into one target per product."""

from __future__ import annotations

import pytest

from keyshift.core.model import ProductTarget
from keyshift.matrix import Matrix, MatrixError, OptionError, parse_matrix, resolve_targets

# explicit versions, defaults from = 2.4 and to = 3.0
DTEN = parse_matrix(
    """\
[product]
name = "dten"
versions = ["2.4", "2.5", "3.0", "3.1"]
from = "2.4"
to = "3.0"

[keys."a"]
removed = "3.0"
""",
    "dten.toml",
)

# numeric versions, no defaults: --to defaults to the newest version mentioned (1.30)
KUBE = parse_matrix(
    """\
[product]
name = "kube"

[keys."a"]
deprecated = "v1.22"
removed = "1.30"
""",
    "kube.toml",
)

# named versions in an explicit order, default to = newest listed (noble)
DISTRO = parse_matrix(
    """\
[product]
name = "distro"
versions = ["focal", "jammy", "noble"]

[keys."a"]
removed = "jammy"
""",
    "distro.toml",
)

# a default from but no default to
LATE = parse_matrix(
    """\
[product]
name = "late"
versions = ["2.4", "2.5", "3.0", "3.1"]
from = "3.0"

[keys."a"]
removed = "3.1"
""",
    "late.toml",
)


def targets(*pairs: tuple[str, str | None, str]) -> dict[str, ProductTarget]:
    return {name: ProductTarget(name, start, to) for name, start, to in pairs}


@pytest.mark.parametrize(
    ("matrices", "from_options", "to_options", "expected"),
    [
        # nothing given: the matrix defaults
        ([DTEN], [], [], targets(("dten", "2.4", "3.0"))),
        ([KUBE], [], [], targets(("kube", None, "1.30"))),
        ([DISTRO], [], [], targets(("distro", None, "noble"))),
        ([DTEN, KUBE], [], [], targets(("dten", "2.4", "3.0"), ("kube", None, "1.30"))),
        # plain options apply to every product
        ([DTEN], ["2.5"], ["3.1"], targets(("dten", "2.5", "3.1"))),
        ([DTEN], [], ["3.1"], targets(("dten", "2.4", "3.1"))),
        ([DTEN], ["3.0"], [], targets(("dten", "3.0", "3.0"))),
        ([KUBE], ["v1.21"], ["1.22.0"], targets(("kube", "v1.21", "1.22.0"))),
        ([DTEN], ["v2.5"], ["v3.0"], targets(("dten", "v2.5", "v3.0"))),
        ([DISTRO], ["focal"], ["jammy"], targets(("distro", "focal", "jammy"))),
        ([LATE], [], [], targets(("late", "3.0", "3.1"))),
        ([LATE], ["2.4"], ["2.5"], targets(("late", "2.4", "2.5"))),
        # the same plain value twice is fine
        ([DTEN], [], ["3.1", "3.1"], targets(("dten", "2.4", "3.1"))),
        # PRODUCT=V for one product; the others keep their defaults
        ([DTEN, KUBE], [], ["kube=1.25"], targets(("dten", "2.4", "3.0"), ("kube", None, "1.25"))),
        (
            [DTEN, KUBE],
            ["kube=1.20"],
            ["dten=3.1", "kube=1.25"],
            targets(("dten", "2.4", "3.1"), ("kube", "1.20", "1.25")),
        ),
        # PRODUCT=V wins over a plain value for that product
        ([DTEN], ["2.4"], ["3.0", "dten=3.1"], targets(("dten", "2.4", "3.1"))),
        ([DTEN], ["dten=2.5", "2.4"], [], targets(("dten", "2.5", "3.0"))),
        ([DTEN], [], ["dten=3.1", "dten=3.1"], targets(("dten", "2.4", "3.1"))),
        # no matrices, no targets
        ([], [], [], {}),
    ],
)
def test_resolve_targets(
    matrices: list[Matrix],
    from_options: list[str],
    to_options: list[str],
    expected: dict[str, ProductTarget],
) -> None:
    assert resolve_targets(matrices, from_options, to_options) == expected


@pytest.mark.parametrize(
    ("matrices", "from_options", "to_options", "message"),
    [
        (
            [DTEN],
            [],
            ["kube=1.25"],
            "--to kube=1.25: no product named 'kube' is loaded (loaded: dten)",
        ),
        (
            [DTEN, KUBE],
            ["helm=3.0"],
            [],
            "--from helm=3.0: no product named 'helm' is loaded (loaded: dten, kube)",
        ),
        ([], [], ["dten=3.0"], "--to dten=3.0: no product named 'dten' is loaded (loaded: none)"),
        ([DTEN], [], ["dten="], "--to dten=: missing version after '='"),
        ([DTEN], ["dten= "], [], "--from dten= : missing version after '='"),
        ([DTEN], [], [""], "--to: empty version (use --to VERSION or --to PRODUCT=VERSION)"),
        ([DTEN], ["  "], [], "--from: empty version (use --from VERSION or --from PRODUCT=VERSION)"),
        (
            [DTEN],
            [],
            ["3.0", "3.1"],
            "--to given twice (3.0, 3.1); use --to PRODUCT=VERSION per product",
        ),
        (
            [DTEN],
            ["2.4", "2.5"],
            [],
            "--from given twice (2.4, 2.5); use --from PRODUCT=VERSION per product",
        ),
        ([DTEN], [], ["dten=3.0", "dten=3.1"], "--to given twice for product dten (3.0, 3.1)"),
        # versions the product does not know
        (
            [DTEN],
            [],
            ["3.2"],
            "--to 3.2: '3.2' is not one of the product's versions (2.4, 2.5, 3.0, 3.1) (product dten, dten.toml)",
        ),
        (
            [DTEN],
            ["dten=2.3"],
            [],
            "--from 2.3: '2.3' is not one of the product's versions (2.4, 2.5, 3.0, 3.1) (product dten, dten.toml)",
        ),
        (
            [KUBE],
            [],
            ["latest"],
            "--to latest: 'latest' is not a version number (expected something like 3.0 or v1.22.1) "
            "(product kube, kube.toml)",
        ),
        # a plain version applies to every product, so it must suit each of them
        (
            [KUBE, DTEN],
            [],
            ["1.25"],
            "--to 1.25: '1.25' is not one of the product's versions (2.4, 2.5, 3.0, 3.1) (product dten, dten.toml); "
            "2 products are loaded (dten, kube): give --to PRODUCT=1.25",
        ),
        # --from newer than --to, given or defaulted
        ([DTEN], ["3.1"], ["3.0"], "--from 3.1 is newer than --to 3.0 for product dten (dten.toml)"),
        ([KUBE], ["1.9"], ["1.8"], "--from 1.9 is newer than --to 1.8 for product kube (kube.toml)"),
        (
            [DISTRO],
            ["noble"],
            ["jammy"],
            "--from noble is newer than --to jammy for product distro (distro.toml)",
        ),
        (
            [DTEN],
            ["3.1"],
            [],
            "--from 3.1 is newer than to 3.0 (the matrix default) for product dten (dten.toml)",
        ),
        (
            [LATE],
            [],
            ["late=2.5"],
            "from 3.0 (the matrix default) is newer than --to 2.5 for product late (late.toml)",
        ),
    ],
)
def test_resolve_target_errors(
    matrices: list[Matrix], from_options: list[str], to_options: list[str], message: str
) -> None:
    with pytest.raises(OptionError) as caught:
        resolve_targets(matrices, from_options, to_options)
    assert str(caught.value) == message


def test_no_version_to_check_against() -> None:
    bare = parse_matrix('[product]\nname = "bare"\n', "bare.toml")
    assert resolve_targets([bare], [], ["1.0"]) == targets(("bare", None, "1.0"))
    with pytest.raises(MatrixError, match="no version to check against"):
        resolve_targets([bare])
