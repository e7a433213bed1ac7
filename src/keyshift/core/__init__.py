"""Values and pure helpers every stage shares.

The model, positions, key paths, versions, codes, edits, values and finding identity.
"""
