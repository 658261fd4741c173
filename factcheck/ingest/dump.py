"""Article dumps: a JSON Lines file with one article a line, each read as its own document.

Newsroom archives, scrapes and CMS exports come as one object per article:
`{"text": ..., "published": "2025-04-12", "title": ..., "source": ...}` (`body` or `content`
for `text`, `date` for `published`; other keys, such as an id or URL, are ignored, as an
export carries many). Each row is a document whose path names its row
(`archive.jsonl#row=3`) and whose id is the file's stem and row (`archive#3`), so a claim is
found at its row and the line within that row's text. A line that is not a JSON
object, or has no text, is one error naming the file and line.
"""
from __future__ import annotations

import json

SUFFIXES = (".jsonl", ".ndjson")
TEXT_KEYS = ("text", "body", "content")
MANIFEST_NAMES = ("manifest.jsonl",)   # a folder's manifest describes files; it holds no articles


def is_dump(name: str) -> bool:
    return name.lower().endswith(SUFFIXES) and name.lower() not in MANIFEST_NAMES


def looks_like_articles(text: str) -> bool:
    """Whether a file's first row is an article (an object with its text): a JSON Lines file met
    in a folder is read as a dump only then, since folders hold other data in JSON Lines too."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    try:
        obj = json.loads(first)
    except (json.JSONDecodeError, RecursionError):
        return False
    return isinstance(obj, dict) and any(isinstance(obj.get(k), str) for k in TEXT_KEYS)


def rows(text: str):
    """(row number, article text, published, title, source) for each article; ValueError
    "LINE: why" for a line that is not one."""
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except (json.JSONDecodeError, RecursionError) as e:
            raise ValueError(f"{n}: not a JSON object ({getattr(e, 'msg', 'nested too deeply')})") from None
        if not isinstance(obj, dict):
            raise ValueError(f"{n}: each line must be a JSON object (one article)")
        body = next((obj[k] for k in TEXT_KEYS if k in obj), None)
        if not isinstance(body, str):
            raise ValueError(f"{n}: no article text (a string under {', '.join(repr(k) for k in TEXT_KEYS)})")
        fields = [obj.get("published", obj.get("date")), obj.get("title"), obj.get("source")]
        for key, value in zip(("published", "title", "source"), fields):
            if value is not None and not isinstance(value, (str, int)):
                raise ValueError(f"{n}: {key} must be a string")
        published, title, source = (None if v is None else str(v) for v in fields)
        yield n, body, published, title, source
