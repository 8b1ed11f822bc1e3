"""Typos: the one known spelling a written name is close to, never a choice between two.

Matching uses rapidfuzz's normalised Indel similarity (0–100) on folded names. A
written name is taken as a typo of a known one only when exactly one known
identity scores at or above the threshold.

>>> closest("Inigo Barriera", {"inigo barreira": "Inigo Barreira", "ian mcmillan": "Ian McMillan"})
('Inigo Barreira', 93)
>>> closest("Tim H", {"tim hollebeek": "Tim Hollebeek", "tim crawford": "Tim Crawford"}) is None
True
"""

from __future__ import annotations

from rapidfuzz import fuzz, process

from graph.names import fold

__all__ = ["closest", "PEOPLE_THRESHOLD", "ORGANIZATION_THRESHOLD"]

PEOPLE_THRESHOLD = 90
ORGANIZATION_THRESHOLD = 90


def closest(written: str, known: dict[str, str], threshold: int = PEOPLE_THRESHOLD
            ) -> tuple[str, int] | None:
    """``(identity, score)`` of the one identity in ``known`` (folded spelling -> identity)
    that ``written`` is close to, or None when none or several are."""
    if len(written) < 5 or not known:
        return None
    matches = process.extract(fold(written), list(known), scorer=fuzz.ratio,
                              score_cutoff=threshold, limit=5)
    identities = {known[m[0]] for m in matches}
    if len(identities) != 1:
        return None
    return next(iter(identities)), round(max(m[1] for m in matches))
