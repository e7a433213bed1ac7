"""keyshift's benchmark suite (issue 8): a monorepo generator and the timing runs against rg, yamllint and raw parsers.

Run from the repository root: ``python -m bench.run`` (see bench/README.md).  Nothing here is imported by keyshift
or timed by the unit tests.
"""
