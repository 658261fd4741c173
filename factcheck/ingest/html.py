"""HTML reader: the prose of a web page, blanked around character for character.

A saved article or a docs page in HTML holds its text among tags, scripts, styles,
navigation and entities. `prose` keeps what a reader reads and turns the rest into
spaces of the same length, so every offset, line and column stays as it is on disk
and the claims quote the page's own text. Elements no reader takes as the article
(`script`, `style`, `head`, `nav`, `footer`, `aside`, forms, code blocks) are blanked
whole; a block element (`p`, `li`, `h2`, `td`, `br`, ...) ends a sentence, as a line
break does in text; an entity (`&nbsp;`, `&#8211;`) becomes the character it stands
for, padded with spaces. `meta` reads the page's own date and title.

A regular-expression scanner, not a DOM: the page is never rebuilt, only masked, and a
malformed page still yields its text.
"""
from __future__ import annotations

import datetime as dt
import html
from functools import lru_cache

import regex

from .markdown import LITERAL

SUFFIXES = (".html", ".htm")

# Elements whose whole content is not the article's prose.
_DROP = ("script", "style", "noscript", "template", "svg", "math", "head", "nav", "footer", "aside",
         "form", "button", "select", "textarea", "iframe", "object", "pre")
# Elements that end a line of prose where they open or close.
_BLOCK = frozenset(("address", "article", "blockquote", "body", "br", "caption", "dd", "details", "div", "dl",
                    "dt", "figcaption", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "html",
                    "li", "main", "ol", "p", "section", "summary", "table", "tbody", "td", "tfoot", "th",
                    "thead", "tr", "ul"))

_DROPPED = regex.compile(r"<(" + "|".join(_DROP) + r")\b[^>]*>.*?</\1\s*>", regex.S | regex.I)
_COMMENT = regex.compile(r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<![^>]*>|<\?[^>]*>", regex.S)
_TAG = regex.compile(r"</?([A-Za-z][\w:-]*)(?:\s(?:[^<>\"']|\"[^\"]*\"|'[^']*')*)?/?>")
_CODE = regex.compile(r"<code\b[^>]*>(.*?)</code\s*>", regex.S | regex.I)
_ENTITY = regex.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")


def is_html(path: str) -> bool:
    return path.lower().endswith(SUFFIXES)


@lru_cache(maxsize=2)   # the claims and then the frames of one page read it
def prose(text: str) -> str:
    """text with everything a reader does not read as prose turned into spaces (line breaks kept,
    a block element's first character a line break): the same length, so offsets into it are
    offsets into text."""
    out = list(text)

    def blank(a: int, b: int, *, breaks: bool = False) -> None:
        for i in range(a, b):
            if out[i] not in "\r\n":
                out[i] = " "
        if breaks and b > a and out[a] not in "\r\n":
            out[a] = "\n"

    for m in _DROPPED.finditer(text):
        blank(*m.span(), breaks=True)
    for m in _COMMENT.finditer(text):
        blank(*m.span())
    for m in _CODE.finditer(text):
        if not LITERAL.fullmatch(html.unescape(m.group(1))):   # one literal value is a stated figure
            blank(*m.span())
    for m in _TAG.finditer(text):
        if out[m.start()] == "<":            # not inside something blanked already
            blank(*m.span(), breaks=m.group(1).lower() in _BLOCK)
    for m in _ENTITY.finditer(text):
        if out[m.start()] != "&":
            continue
        char = html.unescape(m.group())
        char = " " if char in ("\xa0", "\u200b") or len(char) != 1 else char
        out[m.start()] = char
        for i in range(m.start() + 1, m.end()):
            out[i] = " "
    return "".join(out)


_META = regex.compile(r"<meta\b[^>]*>", regex.I)
_ATTR = regex.compile(r"""([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")
_DATE_KEYS = ("article:published_time", "datepublished", "date", "pubdate", "publishdate", "dc.date",
              "dc.date.issued", "dcterms.date", "og:published_time", "sailthru.date", "parsely-pub-date")
_JSON_DATE = regex.compile(r'"datePublished"\s*:\s*"(\d{4}-\d{2}-\d{2})')
_TITLE = regex.compile(r"<title\b[^>]*>(.*?)</title\s*>", regex.S | regex.I)
_ISO_DAY = regex.compile(r"\s*(\d{4})-(\d{2})-(\d{2})")


def meta(text: str) -> tuple[dt.date | None, str | None]:
    """The page's publication date (its `<meta>` tags, else its JSON-LD `datePublished`) and
    its `<title>`; None for what it does not state."""
    published = None
    for m in _META.finditer(text):
        attrs = {k.lower(): (a if a is not None else (b if b is not None else c)) for k, a, b, c in _ATTR.findall(m.group())}
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        if key in _DATE_KEYS and (day := _day(attrs.get("content", ""))):
            published = day
            break
    if published is None and (j := _JSON_DATE.search(text)):
        published = _day(j.group(1))
    t = _TITLE.search(text)
    title = " ".join(html.unescape(regex.sub(r"<[^>]*>", "", t.group(1))).split()) if t else None
    return published, title or None


def _day(value: str) -> dt.date | None:
    m = _ISO_DAY.match(value)
    if not m:
        return None
    try:
        return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None
