"""Article dumps: a JSON Lines or CSV file with one article a row, each read as its own document.

Newsroom archives, scrapes and CMS exports come as one object per article:
`{"text": ..., "published": "2025-04-12", "title": ..., "source": ...}` (`body` or `content`
for `text`, `date` for `published`; other keys, such as an id or URL, are ignored, as an
export carries many). Each row is a document whose path names its row
(`archive.jsonl#row=3`) and whose id is the file's stem and row (`archive#3`), so a claim is
found at its row and the line within that row's text. A line that is not a JSON
object, or has no text, is one error naming the file and line.

A CSV export (a header with a `text`, `body` or `content` column) is read the same way when
it is named on the command line; a row is numbered by the line it starts on. In a folder a
`.csv` is left alone: docs trees are full of data tables.
"""
from __future__ import annotations

import csv
import io
import json

SUFFIXES = (".jsonl", ".ndjson")
TEXT_KEYS = ("text", "body", "content")
MANIFEST_NAMES = ("manifest.jsonl",)   # a folder's manifest describes files; it holds no articles


CSV_SUFFIXES = (".csv",)


def is_dump(name: str) -> bool:
    return name.lower().endswith(SUFFIXES) and name.lower() not in MANIFEST_NAMES


def is_csv(name: str) -> bool:
    return name.lower().endswith(CSV_SUFFIXES) and name.lower() != "manifest.csv"


def looks_like_articles(text: str) -> bool:
    """Whether a file's first row is an article (an object with its text): a JSON Lines file met
    in a folder is read as a dump only then, since folders hold other data in JSON Lines too."""
    first = next((line for line in text.splitlines() if line.strip()), "")
    try:
        obj = json.loads(first)
    except (json.JSONDecodeError, RecursionError):
        return False
    return isinstance(obj, dict) and any(isinstance(obj.get(k), str) for k in TEXT_KEYS)


def csv_table(text: str) -> tuple[list[str], object]:
    """A CSV file's header and its records as (line the record starts on, fields), blank
    records skipped; ValueError "LINE: why" for an empty file, a bad record (a field past the
    csv module's limit, a bad quote) or one with more or fewer fields than the header."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
    except StopIteration:
        raise ValueError("1: empty; expected a header") from None
    except csv.Error as e:
        raise ValueError(f"1: invalid CSV: {e}") from None

    def records():
        end = reader.line_num
        while True:
            start = end + 1
            try:
                row = next(reader, None)
            except csv.Error as e:
                raise ValueError(f"{reader.line_num}: invalid CSV: {e}") from None
            if row is None:
                return
            end = reader.line_num
            if not any(c.strip() for c in row):
                continue
            if len(row) != len(header):
                raise ValueError(f"{start}: expected {len(header)} fields, found {len(row)}")
            yield start, row
    return header, records()


def csv_rows(text: str):
    """rows() for a CSV export with a header: (row's first line, text, published, title, source)."""
    header, records = csv_table(text)
    header = [h.strip().lower() for h in header]
    body = next((header.index(k) for k in TEXT_KEYS if k in header), None)
    if body is None:
        raise ValueError(f"1: no article text (a column named {', '.join(repr(k) for k in TEXT_KEYS)})")
    col = {k: header.index(k) for k in ("published", "date", "title", "source") if k in header}
    for start, row in records:
        def cell(key):
            return row[col[key]] or None if key in col else None
        yield start, row[body], cell("published") or cell("date"), cell("title"), cell("source")


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
