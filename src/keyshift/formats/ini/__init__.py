"""INI format: ``parse`` (text -> key occurrences with positions) and ``fix`` (fix request -> text edits)."""
