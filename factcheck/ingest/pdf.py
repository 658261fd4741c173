"""PDF reader: a PDF's text page by page, located by page and line.

A PDF holds no text file to point into, so the document's text is what pypdf extracts
from each page, the pages joined by a form feed (the page break of plain text). A claim
is located in the page a reader turns to: its path names the page the way PDF viewers
open one (`report.pdf#page=3`), and its line and column count from the top of that page.
The document's date and title come from the PDF's own metadata when no manifest or
front matter gives them.
"""
from __future__ import annotations

import bisect
import datetime as dt
import logging
from pathlib import Path

import regex

from . import LineIndex

SUFFIXES = (".pdf",)
PAGE_BREAK = "\f\n"   # a form feed, the page break of plain text, on a line of its own


def is_pdf(name: str) -> bool:
    return name.lower().endswith(SUFFIXES)


def read(path: Path, raw: bytes) -> tuple[str, dt.date | None, str | None]:
    """(text, creation date, title) of a PDF's bytes; ValueError saying why it cannot be read."""
    import pypdf   # NOTE: here: only a run that meets a PDF pays for importing the parser

    logging.getLogger("pypdf").setLevel(logging.ERROR)   # its repair notes are not the user's business
    import io
    try:
        reader = pypdf.PdfReader(io.BytesIO(raw))
        if reader.is_encrypted and not reader.decrypt(""):
            raise ValueError("encrypted PDF (a password is needed to read its text)")
        pages = [page.extract_text() or "" for page in reader.pages]
        info = reader.metadata
        created = info.creation_date if info else None
        title = (info.title or None) if info else None
    except ValueError:
        raise
    except Exception as e:   # a parser of untrusted bytes fails in many ways; each is "not a readable PDF"
        raise ValueError(f"not a readable PDF ({type(e).__name__}: {e})") from None
    text = PAGE_BREAK.join(p.replace("\f", "\n") for p in pages)
    return text, (created.date() if isinstance(created, dt.datetime) else None), \
        (str(title).strip() or None) if title else None


class PageLines(LineIndex):
    """Offset -> (line, column) counted from the top of the offset's page, and the page's path."""

    def __init__(self, text: str):
        super().__init__(text)
        self.pages = [0] + [i + len(PAGE_BREAK) for i, ch in enumerate(text) if ch == "\f"]

    def page(self, offset: int) -> int:
        return bisect.bisect_right(self.pages, offset)

    def position(self, offset: int) -> tuple[int, int]:
        line, col = super().position(offset)
        first, _ = super().position(self.pages[self.page(offset) - 1])
        return line - first + 1, col

    def path(self, base: str, offset: int) -> str:
        return f"{base}#page={self.page(offset)}"


# A page number alone on a page's first or last line ("7", "Page 7", "7 of 12", "- 7 -").
_FOLIO = regex.compile(r"[\s\-–]*(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?[\s\-–]*", regex.I)


def prose(text: str) -> str:
    """The text as a reader reads it, same length: the line breaks a page made joined up (a PDF
    breaks a line where the page is full, so a line that runs to the page's width goes on in
    the next one, while one that stops short, or ends a sentence, ends its paragraph or
    heading), and page numbers blanked (furniture of the page, not claims)."""
    out = list(text)
    for page_start, page in _pages(text):
        lines = page.split("\n")
        full = max((len(x.rstrip()) for x in lines), default=0)
        starts, at = [], page_start
        for line in lines:
            starts.append(at)
            at += len(line) + 1
        filled = [i for i, x in enumerate(lines) if x.strip()]
        for i in {filled[0], filled[-1]} if filled else ():
            if _FOLIO.fullmatch(lines[i]):
                out[starts[i]:starts[i] + len(lines[i])] = " " * len(lines[i])
        for i, line in enumerate(lines[:-1]):
            body = line.rstrip()
            if body and len(body) >= 0.6 * full and body[-1] not in ".!?:;":
                out[starts[i] + len(line)] = " "
    return "".join(out)


def _pages(text: str):
    start = 0
    for part in text.split(PAGE_BREAK):
        yield start, part
        start += len(part) + len(PAGE_BREAK)
