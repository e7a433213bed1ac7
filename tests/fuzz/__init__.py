"""The fuzz suite of issue 10: property-based tests (hypothesis) of check and fix on every format.

See docs/reliability.md for what is promised, which property tests what, and how to run the long run.
"""
