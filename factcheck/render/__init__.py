"""Report stage: renderers are functions Report -> str, keyed by format name.

A format that can also be written in pieces is in STREAMS (Report -> UTF-8 byte
pieces, in order): the JSON report of a large corpus runs past 100 MB, and the
command line writes it without ever holding it as one string."""
from __future__ import annotations

from .github import render_github
from .gitlab import render_gitlab
from .html import render_html
from .json import json_parts, render_json
from .junit import render_junit
from .markdown import render_markdown
from .sarif import render_sarif
from .text import render_text

RENDERERS = {
    "github": render_github,
    "gitlab": render_gitlab,
    "html": render_html,
    "json": render_json,
    "junit": render_junit,
    "markdown": render_markdown,
    "sarif": render_sarif,
    "text": render_text,
}

STREAMS = {"json": json_parts}
