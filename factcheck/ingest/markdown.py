"""Markdown reader: which parts of a Markdown page a reader reads as prose.

A docs page holds much that is not a claim: fenced and indented code, raw HTML and
comments, link targets and bare URLs (`%286%29`, `/v2/limits?max=100`), site
generator shortcodes (`{{< note 12 >}}`), the numbers of an ordered list and a table
row's index. `prose` blanks them, character for character, so every offset, line and
column of the page stays as it is on disk and the claims quote the page's own text.
Inline code that holds one literal value stays ("defaults to `100`", `30s` states a
real default); other inline code (`127.0.0.1`, `server.port`) goes.

The block structure comes from markdown-it-py (CommonMark plus tables), whose line
maps say which lines each block holds; what sits inside a line is matched here.
"""
from __future__ import annotations

from functools import lru_cache

import regex

from . import LineIndex, blanked

SUFFIXES = (".md", ".markdown", ".mdx")
_NOT_PROSE_BLOCKS = ("fence", "code_block", "html_block")

# Inline things that are not prose, each blanked whole (the link target with its parentheses).
_INLINE = regex.compile(
    r"(?<=\])\((?:[^()\s]|\([^()\s]*\))*(?:\s+(?:\"[^\"]*\"|'[^']*'))?\)"   # [text](target "title")
    r"|\[\^[^\]\s]+\]"                                                       # a footnote mark ("[^2]")
    r"|(?<=\])\[[^\[\]\r\n]*\]"                                              # a reference link's label ("[text][15]")
    r"|<!--.*?-->"                                                           # a comment
    r"|\{\{[<%].*?[%>]\}\}"                                                  # a shortcode
    r"|<(?:https?|ftp|mailto):[^>\s]*>"                                      # an autolink
    r"|</?[A-Za-z][\w-]*(?:\s[^<>]*)?/?>"                                    # an HTML tag
    r"|\b(?:https?|ftp)://[^\s<>()\[\]`]*[^\s<>()\[\]`.,;:!?'\"]",           # a bare URL
    regex.S)
# A link reference definition: "[id]: https://..." on its own line, its target perhaps on the next
# one ("[15]:" and an indented URL below, as CommonMark allows), or a footnote's label ("[^1]:",
# its text prose).
_DEFINITION = regex.compile(r" {0,3}(?:\[\^[^\]\s]+\]:|\[[^\]\r\n]+\]:[ \t]*(?:\r?\n[ \t]*)?[^\s\[][^\r\n]*)")
_LIST_NUMBER = regex.compile(r"[ \t>]*\d{1,9}[.)](?=[ \t]|$)")
# Inline code is code unless it holds one literal value ("defaults to `100`", `30s`, `512 MiB`):
# an address, a path, an option name or an expression in backticks states no figure.
_CODE_SPAN = regex.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)")
LITERAL = regex.compile(r"\s*[-+−]?(?:(?:\d[\d,_]*(?:\.\d+)?|\.\d+)(?:[ \u00a0]?[^\W\d_]{1,5}|%)?"
                     r"|(?:\d+(?:\.\d+)?(?:ms|us|µs|ns|h|m|s|d)){2,4}"          # "1m30s": a compact duration
                     r"|\d+(?:\.\d+)?(?:r|req)?/(?:s|sec|m|min|h|hr))\s*")       # "100/s", "10r/s": a rate
# A sample of configuration that states the defaults: a YAML, TOML, INI or env block whose own
# comment or introducing sentence says so ("The default configuration:", "# defaults").
SAMPLE_LANGS = frozenset({"yaml", "yml", "toml", "ini", "conf", "cfg", "properties", "env", "dotenv"})
_DEFAULTS_WORD = regex.compile(r"\bdefaults?\b", regex.I)
# the sample's first line, a comment: "# defaults", "; the default configuration"
_DEFAULTS_COMMENT = regex.compile(r"\s*[#;][^\n]*\bdefaults?\b", regex.I)
# A setting's line in a sample: "  readTimeout: 30s", "max_conns = 100", "SERVER_PORT=8080".
_SETTING = regex.compile(r"^[ \t]*(?P<key>[A-Za-z_][\w.-]*)[ \t]*(?P<sep>[:=])[ \t]*[\"']?(?P<value>[^\s#;\"']+)[\"']?"
                         r"[ \t]*(?:[#;].*)?$", regex.M)


# A table column whose cells name things rather than count them: "Port", "Status code", "Since".
_NAMING_COLUMN = regex.compile(r"(?i:ports?|port numbers?|status(?: codes?)?|(?:error |exit |http )?codes?|ids?|"
                               r"versions?|since|added in|introduced in|release)")


_BAR = regex.compile(r"(?<!\\)\|")   # a cell edge: a bar not escaped


def row_cells(text: str, line: int) -> list[tuple[int, int]]:
    """The cells of the table row starting at `line`, as (start, end) offsets, "|" not included."""
    end = text.find("\n", line)
    end = len(text) if end < 0 else end
    row = text[line:end]
    first = row.lstrip()[:1] == "|"
    bars = [line + m.start() for m in _BAR.finditer(row)]
    edges = ([] if first else [line - 1]) + bars + ([end] if not bars or row.rstrip()[-1:] != "|" else [])
    return [(a + 1, b) for a, b in zip(edges, edges[1:])]


def _defaults_sample(tok, said: str) -> bool:
    """A config sample its own first comment, or the sentence that introduces it (the one that
    ends in a colon), says holds the defaults ("By default, the config looks like:"). The sentences
    before may speak of defaults too ("... are not set by default. To keep them, set:")."""
    lang = tok.info.strip().split(" ")[0].lower()
    said = said.rstrip()
    return lang in SAMPLE_LANGS and bool(_DEFAULTS_COMMENT.match(tok.content) or
                                          said.endswith(":") and _DEFAULTS_WORD.search(_LAST_SENTENCE.split(said)[-1]))


_LAST_SENTENCE = regex.compile(r"(?<=[.!?])\s+(?=\S)")


def default_samples(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Where the samples of the defaults are (their lines, as offsets into text)."""
    body = text[start:]
    starts = LineIndex(body).starts
    tokens = _tokens(body)

    def offset(line: int) -> int:
        return start + (starts[line] if line < len(starts) else len(body))
    return [(offset(tokens[i].map[0]), offset(tokens[i].map[1])) for i in sorted(_default_fences(tokens))]


@lru_cache(maxsize=2)   # a page's claims and then its frames read it
def _tokens(body: str) -> tuple:
    """markdown-it's tokens of a page's body, parsed once for its prose and its samples."""
    return tuple(_parser().parse(body))


def _default_fences(tokens: tuple) -> set[int]:
    """The positions of the fences that are samples of the defaults: their first comment or the
    sentence before them says so."""
    out, said = set(), ""
    for i, tok in enumerate(tokens):
        if tok.type == "inline":
            said = tok.content
        elif tok.type == "fence":
            if tok.map is not None and _defaults_sample(tok, said):
                out.add(i)
            said = ""
    return out


# A table row whose first cell holds nothing but a number: a row's index, not a value.
_ROW_NUMBER = regex.compile(r"[ \t]*\|[ \t]*(\d{1,3})[ \t]*\|")


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
    starts = LineIndex(body).starts   # where each line begins, as the line index counts lines

    def offset(line: int) -> int:
        return starts[line] if line < len(starts) else len(body)

    blank: list[tuple[int, int]] = []
    header: list[str] | None = None   # the header cells of the table being read
    in_head = False
    tokens = _tokens(body)
    samples = _default_fences(tokens)
    for k, tok in enumerate(tokens):
        if tok.type in ("thead_open", "thead_close"):
            in_head = tok.type == "thead_open"
            header = [] if in_head else header
        elif tok.type == "inline" and in_head:   # a header cell's text
            header.append(tok.content)
        elif tok.type == "tr_open" and tok.map and header and not in_head:   # a body row
            names = [i for i, h in enumerate(header) if _NAMING_COLUMN.fullmatch(h.strip(" `*_"))]
            if names:
                cells = row_cells(body, offset(tok.map[0]))
                blank += [cells[i] for i in names if i < len(cells)]
        elif tok.type == "table_close":
            header = None
        if tok.map is None:
            continue
        if k in samples:
            # a sample of the defaults: each "key: value" line keeps its value, read as ": 30s"
            a, b = offset(tok.map[0]), offset(tok.map[1])
            kept = [x for m in _SETTING.finditer(body, a, b) if LITERAL.fullmatch(m.group("value"))
                    for x in (*m.span("sep"), *m.span("value"))]
            bounds = [a, *kept, b]
            blank += [(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
        elif tok.type in _NOT_PROSE_BLOCKS:
            blank.append((offset(tok.map[0]), offset(tok.map[1])))
        elif tok.type == "list_item_open" and tok.markup in (".", ")"):
            line = offset(tok.map[0])
            if m := _LIST_NUMBER.match(body, line):
                blank.append((line, m.end()))
    blank += [m.span() for line in starts if (m := _DEFINITION.match(body, line))]
    blank += [m.span() for m in _INLINE.finditer(body)]
    blank += [m.span() for m in _CODE_SPAN.finditer(body) if not LITERAL.fullmatch(m.group(2))]
    if not blank:
        return text
    masked = blanked(body, blank)
    for line in starts:   # after the markup is gone: '| <a id="opt-4">4</a> | ...' leaves '|  4  |'
        if m := _ROW_NUMBER.match(masked, line):
            a, b = m.span(1)
            masked = masked[:a] + " " * (b - a) + masked[b:]
    return text[:start] + masked
