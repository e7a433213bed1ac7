"""What the table-driven tests share: case types, the runs that check a case, and helpers of the tables.

- ``tree_cases``: a matrix and a file tree -> the findings ``keyshift check`` reports, or the files
  ``keyshift fix`` leaves.
- ``fix_cases``: a text and one fix request -> the exact text a format's fixer writes, or its refusal;
  the occurrence lookup every fixer test uses.
- ``rows``: an occurrence as a row of plain values, the form every format test compares.
- ``parsing``: the syntax error a parser raises; texts a parser must read or refuse cleanly.
- ``matrix_texts``: matrix texts written line by line, and the check of a matrix error.
- ``tables``: running a test once per row of a table, named by the row.

The CLI helpers these build on (``write_tree``, ``run_cli``) are in ``tests/helpers.py``.
"""
