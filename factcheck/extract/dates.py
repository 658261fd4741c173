"""Extract stage: absolute, relative and ranged dates, resolved against the publication date."""
from __future__ import annotations

import datetime as dt

from .mention import Mention


def extract_dates(text: str, published: dt.date | None) -> list[Mention]:
    """Dates and date ranges in text (placeholder until the date extractor lands)."""
    return []
