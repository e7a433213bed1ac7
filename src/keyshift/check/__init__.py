"""The check stage: discover files, give each its roles, prefilter, parse, match, suppress.

``scan`` runs the stages in order.
"""
