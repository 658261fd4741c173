"""factcheck: find numbers and dates that drift between texts that state the same facts."""
from __future__ import annotations

import datetime as dt

__version__ = "0.1.0"
__all__ = ["extract", "__version__"]

_RULES = None


def extract(text: str, published: dt.date | str | None = None, rules=None) -> list:
    """Every numeric and dated claim in text, as typed Claims (relative dates resolve against published).
    The extractors themselves are the subpackage `factcheck.extractors`."""
    from .pipeline import claims_for, document_from_text

    if isinstance(published, str):
        published = dt.date.fromisoformat(published[:10])
    return claims_for(document_from_text(text, published), rules or _default_rules())


def _default_rules():
    global _RULES
    if _RULES is None:
        from .rulepack import load_rules
        _RULES = load_rules()
    return _RULES
