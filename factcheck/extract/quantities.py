"""Extract stage: quantities with units, durations and ages."""
from __future__ import annotations

from .mention import Mention


def extract_quantities(text: str) -> list[Mention]:
    """Quantities, durations and ages in text (placeholder until the unit extractor lands)."""
    return []
