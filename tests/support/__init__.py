"""What the table-driven tests share: case types, the runs that check a case, and occurrence rows.

- ``tree_cases``: a matrix and a file tree -> the findings ``keyshift check`` reports, or the files
  ``keyshift fix`` leaves.
- ``fix_cases``: a text and one fix request -> the exact text a format's fixer writes, or its refusal.
- ``rows``: an occurrence as a row of plain values, the form every format test compares.

The CLI helpers these build on (``write_tree``, ``run_cli``) are in ``tests/helpers.py``.
"""
