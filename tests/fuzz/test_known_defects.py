"""One test per defect the fuzz suite still finds (fuzz/defects.py): the property, on an input that shows it.

Each is ``xfail(strict=True)`` while its defect is open: it must fail.  When the branch that fixes the
defect is merged, the test passes, strict xfail turns that into a failure, and removing the defect from
``defects.OPEN`` makes it an ordinary test (and puts its inputs back into the generated ones).
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest

from fuzz import defects
from fuzz.harness import BOM, PATCH, Case, workspace
from fuzz.keys import MATRIX
from fuzz.matrices import assert_matrix_error, run_check
from fuzz.pipeline import exercise
from fuzz.trees import RARE_BREAKS

pytestmark = pytest.mark.fuzz
HEAD = '[product]\nname = "fz"\nfiles = ["prod.*"]\nto = "2.0"\n\n'


def _refused(matrix: str, line: int, field: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        assert_matrix_error(run_check(Path(tmp), matrix), Path(tmp), line, field)


@defects.xfail_while_open(1)
def test_defect_1_huge_version_in_a_matrix() -> None:
    _refused(HEAD + f'[keys."app.gone.key"]\nremoved = "1{"0" * 5000}"\n', 7, 'keys."app.gone.key".removed')


@defects.xfail_while_open(1)
def test_defect_1_huge_version_in_to() -> None:
    case = Case("prod.yaml", b"app: {}\n", HEAD + '[keys."app.gone.key"]\nremoved = "2.0"\n')
    with workspace(case) as ws:
        run = ws.run("check", to_versions=("1" + "0" * 5000,))
    run.assert_clean(codes=(2,))
    assert len(run.stderr.splitlines()) == 1


@defects.xfail_while_open(2)
@pytest.mark.parametrize(
    ("name", "text"),
    [("prod.yaml", "app:\n  hybrid:\n    enable: 0x{}\n"), ("prod.toml", "[app.hybrid]\nenable = 0x{}\n")],
)
def test_defect_2_huge_hex_integer_value(name: str, text: str) -> None:
    exercise(Case(name, text.format("f" * 4000).encode(), MATRIX))


@defects.xfail_while_open(3)
def test_defect_3_reversed_range_in_a_product_glob() -> None:
    _refused(
        '[product]\nname = "fz"\nfiles = ["conf/[z-a].yaml"]\n\n[keys."a.b"]\nremoved = "2.0"\n', 3, "product.files[0]"
    )


@defects.xfail_while_open(3)
@pytest.mark.parametrize("option", ["include", "exclude"])
def test_defect_3_reversed_range_in_an_option(option: str) -> None:
    with workspace(Case("prod.yaml", b"app: {}\n", MATRIX)) as ws:
        run = ws.run("check", **{option: ("[z-a]",)})
    run.assert_clean(codes=(2,))
    assert len(run.stderr.splitlines()) == 1 and f"--{option}" in run.stderr


@defects.xfail_while_open(4)
@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("prod.yaml", 'app:\n  plugins:\n    "\\ud800":\n      path: x\n'),
        ("prod.json", '{"app": {"hybrid": {"enable": "\\udc00"}}}\n'),
    ],
)
def test_defect_4_lone_surrogate_escape(name: str, text: str) -> None:
    exercise(Case(name, text.encode(), MATRIX))


@defects.xfail_while_open(9)
def test_defect_9_expect_nan() -> None:
    _refused(
        HEAD + '[keys."app.hybrid.enable"]\nrequired = "2.0"\nexpect = nan\n', 8, 'keys."app.hybrid.enable".expect'
    )


@defects.xfail_while_open(9)
def test_defect_9_rename_cycle() -> None:
    keys = '[keys."app.x"]\nremoved = "2.0"\nreplaced-by = "app.y"\n\n[keys."app.y"]\nremoved = "2.0"\nreplaced-by = "app.x"\n'
    with tempfile.TemporaryDirectory() as tmp:
        run = run_check(Path(tmp), HEAD + keys)
        assert_matrix_error(run, Path(tmp), 0, None, exact=False)
    assert re.search(r":(8|12): keys\.\"app\.[xy]\"\.replaced-by: ", run.stderr), run.stderr


@defects.xfail_while_open(11)
def test_defect_11_fix_of_a_later_pass_is_placed_in_the_original() -> None:
    # the first document's fix moves the second's lines; that one fails verification: "not fixed" at 3:16
    text = "'app.legacy':\n  port: x\n---\napp: {legacy: {port: linear}}\n"
    with defects.enforcing(11):
        exercise(Case("compose.yaml", text.encode(), MATRIX))


@pytest.mark.skipif(PATCH is None, reason="patch(1) is not installed (apt-get install patch)")
@defects.xfail_while_open(12)
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize("char", RARE_BREAKS, ids=[f"U+{ord(c):04X}" for c in RARE_BREAKS])
def test_defect_12_diff_with_a_rare_line_break(char: str, newline: str) -> None:
    text = f"OTHER=a{char}b{newline}APP_OLD_NAME=1{newline}LAST=x{char}{newline}"
    with defects.enforcing(12):
        exercise(Case(".env", text.encode(), MATRIX))


@pytest.mark.skipif(PATCH is None, reason="patch(1) is not installed (apt-get install patch)")
@defects.xfail_while_open(13)
def test_defect_13_diff_of_a_file_with_a_bom() -> None:
    with defects.enforcing(13):
        exercise(Case("prod.yaml", BOM + b"app:\n  old:\n    name: 1\n", MATRIX))


@defects.xfail_while_open(14)
def test_defect_14_python_syntax_error_after_a_lone_cr() -> None:
    exercise(Case("prod.py", b'import os\r\rx = os.environ["APP_OLD_NAME"]\ny = (\n', MATRIX))


@defects.xfail_while_open(15)
def test_defect_15_properties_lone_cr_ends_a_line() -> None:
    with workspace(Case("prod.properties", b"q=1\rapp.gone.key=5\n", MATRIX)) as ws:
        findings = ws.run("check", output_format="json").json()["findings"]
    assert [(f["line"], f["code"]) for f in findings if f["key"] == "app.gone.key"] == [(1, "KS101")]


@defects.xfail_while_open("N1")
def test_defect_N1_bad_value_in_a_compose_list_entry() -> None:
    exercise(Case("compose.yaml", b'environment:\n  - "APP_SYNC_BACKOFF=linear"\n', MATRIX))


@defects.xfail_while_open("N2")
def test_defect_N2_outcome_reported_at_another_finding_of_its_key() -> None:
    with workspace(Case("run.sh", b"echo $APP_GONE_KEY\nexport APP_GONE_KEY=1\n", MATRIX, unsafe=True)) as ws:
        fixes = ws.run("fix", fix=True, unsafe=True, output_format="json").json()["fixes"]
    assert [(f["line"], f["column"], f["applied"]) for f in fixes] == [(1, 7, False), (2, 8, True)]


@defects.xfail_while_open("N3")
def test_defect_N3_crlf_kept_when_a_pass_empties_the_file() -> None:
    with defects.enforcing("N3"):
        exercise(Case("prod.json", b'{\r\n  "app.gone.key": 1\r\n}', MATRIX, unsafe=True))


def test_every_open_defect_has_its_test() -> None:
    names = {n.split("_")[2] for n in globals() if n.startswith("test_defect_")}
    assert {str(n) for n in defects.OPEN} <= names
