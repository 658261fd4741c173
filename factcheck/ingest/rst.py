"""reStructuredText reader: which parts of an .rst page a reader reads as prose.

As for Markdown (`markdown.py`), `prose` blanks what is not prose character for
character, so offsets, lines and columns stay the file's own: literal blocks (after
"::" and under `code-block`, `code`, `sourcecode`, `literalinclude`, `raw`, `math`
and `csv-table` directives), comments, link targets and substitution definitions,
directive lines and their options (an admonition's body stays: it is prose), roles
(`:ref:`, `:doc:`), link targets inside a reference (`text <url>`_), section title
adornments and table borders. An inline literal holding one value stays
(``30s``, ``100``), as in Markdown; other inline literals go.

Block structure is read from indentation, as reStructuredText defines it: a block
ends at the first non-blank line indented no deeper than the line that opened it.
"""
from __future__ import annotations

import regex

from . import blanked
from .markdown import LITERAL

SUFFIXES = (".rst", ".rest")

# A directive whose body is not prose (code, data, markup); other directives (note, warning,
# admonitions, tables of prose) keep their body.
_CODE_DIRECTIVES = frozenset({"code-block", "code", "sourcecode", "literalinclude", "raw", "math", "csv-table",
                              "list-table", "include", "highlight", "graphviz", "image", "figure", "toctree",
                              "automodule", "autoclass", "autofunction", "program-output", "command-output"})
_EXPLICIT = regex.compile(r"(?P<indent>[ \t]*)\.\.(?:[ \t]+(?P<rest>[^\n]*))?$")
_DIRECTIVE = regex.compile(r"(?:\|[^|]+\|[ \t]+)?(?P<name>[\w:.-]+)::")
_OPTION = regex.compile(r"[ \t]+:[\w -]+:")
_ADORNMENT = regex.compile(r"([=\-`:'\"~^_*+#<>.])\1{2,}[ \t]*$")
_BORDER = regex.compile(r"[ \t]*\+(?:[-=]+\+)+[ \t]*$|[ \t]*=+(?:[ \t]+=+)+[ \t]*$")
_INLINE = regex.compile(
    r":[\w:.+-]+:`[^`\n]*`"                       # a role: :ref:`limits`, :doc:`guide`
    r"|(?<=\S[ \t]*)<[^<>\s]+>(?=`_{1,2})"          # a reference's target: `text <https://...>`_
    r"|\b(?:https?|ftp)://[^\s<>`]*[^\s<>`.,;:!?'\")]")
_INLINE_LITERAL = regex.compile(r"``(?P<body>[^`\n]+?)``")


def is_rst(path: str) -> bool:
    return path.lower().endswith(SUFFIXES)


def prose(text: str) -> str:
    """text with everything that is not prose replaced by spaces (line breaks kept)."""
    lines = text.splitlines(keepends=True)
    starts, pos = [], 0
    for line in lines:
        starts.append(pos)
        pos += len(line)
    blank: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        line = lines[i].rstrip("\r\n")
        if _ADORNMENT.match(line) or _BORDER.match(line):
            blank.append((starts[i], starts[i] + len(line)))
            i += 1
            continue
        m = _EXPLICIT.match(line)
        if m:
            indent = len(m.group("indent"))
            d = _DIRECTIVE.match(m.group("rest") or "")
            if d and d.group("name").lower() not in _CODE_DIRECTIVES:
                # an admonition or another prose directive: its line and options go, its body stays
                blank.append((starts[i], starts[i] + len(line)))
                i += 1
                while i < len(lines) and _OPTION.match(lines[i]):
                    blank.append((starts[i], starts[i] + len(lines[i].rstrip("\r\n"))))
                    i += 1
                continue
            end = _block_end(lines, i + 1, indent)   # code, a comment, a target: the whole block
            blank.append((starts[i], starts[end - 1] + len(lines[end - 1].rstrip("\r\n"))))
            i = end
            continue
        if line.rstrip().endswith("::") and not line.lstrip().startswith(".."):
            indent = len(line) - len(line.lstrip())
            end = _block_end(lines, i + 1, indent)
            if end > i + 1:
                blank.append((starts[i + 1], starts[end - 1] + len(lines[end - 1].rstrip("\r\n"))))
            i = end
            continue
        i += 1
    blank += [m.span() for m in _INLINE.finditer(text)]
    blank += [m.span() for m in _INLINE_LITERAL.finditer(text) if not LITERAL.fullmatch(m.group("body"))]
    return blanked(text, blank) if blank else text


def _block_end(lines: list[str], i: int, indent: int) -> int:
    """The line after an indented block that starts at line i under a line indented `indent`."""
    last = i
    while i < len(lines):
        line = lines[i].rstrip("\r\n")
        if line.strip():
            if len(line) - len(line.lstrip()) <= indent:
                break
            last = i + 1
        i += 1
    return last
