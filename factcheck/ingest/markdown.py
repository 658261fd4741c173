"""Markdown reader: which parts of a Markdown page a reader reads as prose.

A docs page holds much that is not a claim: fenced and indented code, raw HTML and
comments, link targets and bare URLs (`%286%29`, `/v2/limits?max=100`), site
generator shortcodes (`{{< note 12 >}}`) and the numbers of an ordered list. `prose`
blanks them, character for character, so every offset, line and column of the page
stays as it is on disk and the claims quote the page's own text. Inline code stays:
"defaults to `100`" states a real default.

The block structure comes from markdown-it-py (CommonMark plus tables), whose line
maps say which lines each block holds; what sits inside a line is matched here.
"""
from __future__ import annotations

from functools import lru_cache

import regex

SUFFIXES = (".md", ".markdown", ".mdx")
_NOT_PROSE_BLOCKS = ("fence", "code_block", "html_block")

_LINE_BREAK = regex.compile(r"\r\n|\r|\n")
# Inline things that are not prose, each blanked whole (the link target with its parentheses).
_INLINE = regex.compile(
    r"(?<=\])\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'))?\)"   # [text](target "title")
    r"|<!--.*?-->"                                                           # a comment
    r"|\{\{[<%].*?[%>]\}\}"                                                  # a shortcode
    r"|<(?:https?|ftp|mailto):[^>\s]*>"                                      # an autolink
    r"|</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>"                                    # an HTML tag
    r"|\b(?:https?|ftp)://[^\s<>()\[\]`]*[^\s<>()\[\]`.,;:!?'\"]",           # a bare URL
    regex.S)
# A link reference definition: "[id]: https://..." on its own line.
_DEFINITION = regex.compile(r" {0,3}\[[^\]\r\n]+\]:[ \t]*\S+[^\r\n]*")
_LIST_NUMBER = regex.compile(r"[ \t>]*\d{1,9}[.)](?=[ \t]|$)")


@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt   # NOTE: only Markdown pages pay for the import

    return MarkdownIt("commonmark").enable("table")


def is_markdown(path: str) -> bool:
    return path.lower().endswith(SUFFIXES)


def prose(text: str, start: int = 0) -> str:
    """text with everything from `start` on that is not prose replaced by spaces (line breaks
    kept): the same length, so offsets into it are offsets into text."""
    body = text[start:]
    starts = [0] + [m.end() for m in _LINE_BREAK.finditer(body)]

    def offset(line: int) -> int:
        return starts[line] if line < len(starts) else len(body)

    blank: list[tuple[int, int]] = []
    for tok in _parser().parse(body):
        if tok.map is None:
            continue
        if tok.type in _NOT_PROSE_BLOCKS:
            blank.append((offset(tok.map[0]), offset(tok.map[1])))
        elif tok.type == "list_item_open" and tok.markup in (".", ")"):
            line = offset(tok.map[0])
            if m := _LIST_NUMBER.match(body, line):
                blank.append((line, m.end()))
    blank += [m.span() for line in starts if (m := _DEFINITION.match(body, line))]
    blank += [m.span() for m in _INLINE.finditer(body)]
    if not blank:
        return text
    out = list(body)
    for a, b in blank:
        for i in range(a, b):
            if out[i] not in "\r\n":
                out[i] = " "
    return text[:start] + "".join(out)
