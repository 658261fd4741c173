"""Report stage: renderers are functions Report -> str, keyed by format name."""
from __future__ import annotations

from .json import render_json
from .text import render_text

RENDERERS = {"json": render_json, "text": render_text}
