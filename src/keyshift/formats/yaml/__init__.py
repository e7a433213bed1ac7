"""YAML format: ``parse`` (text -> key occurrences with positions; ``parse_round_trip`` keeps the tree the fixer
edits too) and ``fix`` (fix request -> text edits)."""
