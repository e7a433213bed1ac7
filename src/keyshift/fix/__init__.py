"""The fix stage: policy (which fix a finding gets), plan (per format), select, verify, write.

``engine`` runs the passes.
"""
