"""Report stage: renderers are functions Report -> str, keyed by format name."""
from __future__ import annotations

from .github import render_github
from .html import render_html
from .json import render_json
from .junit import render_junit
from .markdown import render_markdown
from .sarif import render_sarif
from .text import render_text

RENDERERS = {
    "github": render_github,
    "html": render_html,
    "json": render_json,
    "junit": render_junit,
    "markdown": render_markdown,
    "sarif": render_sarif,
    "text": render_text,
}
