"""The ``keyshift`` command line: parses options and hands them to :mod:`keyshift.app`.

Each command is a function in a small module (``scan`` for check and fix, ``info`` for explain and
packs, ``importing`` for import, ``cache`` for clean); :data:`COMMANDS` registers them, in the order
``--help`` lists them, on the typer :data:`app` (``cli/app.py``).  The options of the scanning commands
are declared once in ``cli/options.py``.
"""

from __future__ import annotations

import sys

from keyshift.cli import cache, importing, info, scan
from keyshift.cli import config as config_command
from keyshift.cli.app import app

COMMANDS = (
    scan.check,
    scan.fix,
    info.explain,
    info.packs,
    importing.import_,
    config_command.config,
    cache.clean,
)
for command in COMMANDS:
    app.command()(command)

__all__ = ["app", "main"]


def main() -> None:
    try:
        app(prog_name="keyshift")
    except KeyboardInterrupt:
        sys.stderr.write("keyshift: interrupted\n")
        sys.exit(130)
