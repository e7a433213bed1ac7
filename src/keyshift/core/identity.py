"""What makes two findings the same finding: one fingerprint, with a located variant.

The fingerprint says what a finding is about wherever the file has it, so it survives edits that
move lines and columns: the fixer follows a finding across passes by it (and baselines and SARIF
``partialFingerprints`` can build on it).  The located variant adds the position and drops the
spelling: a scan reports one finding per code, key and product at one place, however many
parses or rules produced it.
"""

from __future__ import annotations

from keyshift.core.model import Finding

Fingerprint = tuple[object, ...]


def fingerprint(finding: Finding, *, located: bool = False) -> Fingerprint:
    """The key two findings share when they are the same finding.

    Unlocated: code, key, product and the key's spelling as written; a finding with no spelling (a
    missing key, a parse error) is about its line.  Located: code, key and product at one line and
    column.
    """
    about = (finding.code, finding.key, finding.product)
    if located:
        return (finding.line, finding.column, *about)
    return (*about, finding.found, finding.line if finding.found is None else 0)
