"""Positions through the command line, on files whose readers end lines where keyshift does not.

keyshift's lines end at ``\\n`` (``core/positions.py``).  CPython and ``java.util.Properties`` also
end one at a lone CR: that changes what the file means (a ``.properties`` key after a lone CR is a
key), never where keyshift says it is.
"""

from __future__ import annotations

from pathlib import Path

from helpers import run_cli, write_tree
from support.line_breaks import MATRIX


def test_a_properties_key_after_a_lone_cr_is_reported_and_fixed_apart(tmp_path: Path) -> None:
    write_tree(tmp_path, {"matrix.toml": MATRIX, "conf.properties": "a.b.x\ry.z=1\nq=1\ra.gone=5s\n"})
    check = run_cli(["check", "-m", "matrix.toml", "--format", "concise", "--no-cache", "conf.properties"], tmp_path)
    assert check.stdout.splitlines() == [
        "conf.properties:1:1: KS102 [error] renamed a.b a.b was removed in 2.0; use a.c",
        "conf.properties:2:5: KS101 [error] removed a.gone a.gone was removed in 2.0",
    ]
    fixed = run_cli(["fix", "-m", "matrix.toml", "--no-cache", "conf.properties"], tmp_path)
    assert fixed.exit_code == 0, fixed.stdout + fixed.stderr
    assert "fixed conf.properties:2:5 KS101 comment out a.gone" in fixed.stdout
    # the CR after a.c.x stays a line break for Java (not the escape \r): y.z is still its own key
    assert (tmp_path / "conf.properties").read_bytes() == (
        b"a.c.x\ry.z=1\nq=1\r# keyshift: a.gone was removed in 2.0 (KS101)\n# a.gone=5s\n"
    )


def test_a_python_syntax_error_after_lone_crs_is_at_keyshifts_line(tmp_path: Path) -> None:
    source = 'import os\r\ry = os.environ["A_GONE"]\nz = "unterminated\n'
    write_tree(tmp_path, {"matrix.toml": MATRIX, "settings.py": source})
    result = run_cli(["check", "-m", "matrix.toml", "--format", "json", "--no-cache", "settings.py"], tmp_path)
    (finding,) = result.findings()
    assert (finding["line"], finding["column"], finding["end_line"]) == (2, 5, 2)
    assert finding["message"] == "cannot parse Python: unterminated string literal (detected at line 2)"
