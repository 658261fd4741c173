"""Frames stage, option keys: which configuration option a figure in a docs page is the value of.

A docs tree states an option's default or limit in many places: a reference table's
Default column, "`server.readTimeout` defaults to 30s" in a guide, "Default: `12h`" in
the definition under the option's name. The option's key is what makes two such
figures one measure, whatever the words around them: the same key (however it is
spelled: `server.readTimeout`, `--server.read-timeout`, `SERVER_READ_TIMEOUT`) in the
same role and edition is one measure; two keys are never one. A figure gets a key only
where the page ties it to one: the row of a table, a key in code before "defaults to",
the term a definition opens with, the option's own heading, a setting of a sample of the
defaults; outside a table or a sample, a word of its role (default, maximum, minimum,
example) must stand beside it. A bare name (`port`) is its page's own; a dotted key, a
flag or an environment variable names one option across the docs. A page's edition is
the version its front matter selects or its folder's (v1/, legacy/, one page of
providers/).

The role words, sentinel meanings, the folders that name another edition or a variant
and the pages that tell of past values are a rule pack's (`options:` in
rules/config-docs.yaml).
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import lru_cache

import regex

from .ingest.markdown import row_cells
from .lookahead import TAIL

# An option's name as docs write it: "server.readTimeout", "--max-conns", "$HOME", "tls.certs[0]".
_IDENT = regex.compile(r"(?:--?|\$)?[A-Za-z_][A-Za-z0-9_]*(?:(?:\.|-|/|::?)[A-Za-z0-9_]+|\[[^\]\s]*\])*(?:=|\(\))?")
# Named as code would be even outside code: a dot, an underscore, a leading "--" or an inner capital.
_CODE_SHAPED = regex.compile(r"[._]|^--|[a-z][A-Z]")
_CAMEL = regex.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_SEPARATORS = regex.compile(r"[.\-_/:\[\]\s=()$]+")
# Markup around a name, not in it: tags, link targets, code ticks, emphasis (an inner "_" is the name's).
_MARKUP = regex.compile(r"<[^>]*>|\]\([^)]*\)|[`*\[\]]|(?<!\w)_+|_+(?!\w)")
_CODE_SPAN = regex.compile(r"`([^`\n]+)`")
# A definition's term at the start of a list item or paragraph: "- **lifetime** is ...",
# "* `max_size`: ...", "`--workers` (int) ..."
_TERM = regex.compile(r"[ \t>]*(?:[-*+]|\d{1,3}[.)])?[ \t]*(?P<open>\*\*|__|``|`)(?P<term>[^`*\n]+?)(?P=open)"
                      r"(?=[ \t]*(?::|\(|<|-|–|—|\bis\b|\bsets?\b|\bdefines?\b|$))", regex.M)
_HEADING = regex.compile(r"^[ \t]{0,3}(#{1,6})[ \t]+(.+?)[ \t#]*$", regex.M)
_VERSION_SEGMENT = regex.compile(r"v\d+(?:\.(?:\d+|x))*|\d+\.(?:\d+|x)(?:\.(?:\d+|x))*", regex.I)
# A condition before a figure: "If set to 0, it defaults to 10 per core" states what follows
# from a setting, not the option's default.
_CONDITION = regex.compile(r"\b(?i:if|when|unless|once|whenever)\b")
# How far back in its sentence a condition may stand: a "sentence" longer than that is a
# run-on line or a list, and reading all of it for each of its figures cost its length squared.
CONDITION_REACH = 300
_WORD = regex.compile(r"[^\W\d_]+")
# In a sample: a setting ("  readTimeout: 30s"), a mapping that holds settings ("server:"), a section ("[server]").
_SETTING = regex.compile(r"(?P<indent>[ \t]*)(?P<key>[A-Za-z_][\w.-]*)[ \t]*[:=][ \t]*[^\s#;]")
_PARENT = regex.compile(r"(?P<indent>[ \t]*)(?P<key>[A-Za-z_][\w.-]*)[ \t]*:[ \t]*(?:#.*)?$")
_ITEM = regex.compile(r"([ \t]*)-[ \t]")
_SECTION = regex.compile(r"[ \t]*\[+([A-Za-z_][\w.-]*)\]+[ \t]*$")
_FILLER = frozenset({"is", "are", "the", "a", "value", "its", "it", "set", "to", "of"})
_ROW_SEPARATOR = regex.compile(r"[ \t]*\|?(?:[ \t]*:?-+:?[ \t]*\|)+[ \t]*:?-*:?[ \t]*$")


def normalise(raw: str) -> str | None:
    """One spelling of a key: `server.readTimeout`, `--server.read-timeout`,
    `SERVER_READ_TIMEOUT` and `server.read_timeout` are all "server.read.timeout"."""
    words = [w for part in _SEPARATORS.split(raw.strip()) for w in _CAMEL.split(part) if w]
    return ".".join(w.lower() for w in words) or None


def global_key(raw: str) -> bool:
    """A key that names one option across the docs: a dotted path (`server.readTimeout`), a
    command-line flag (`--max-conns`) or an environment variable (`SERVER_MAX_CONNS`). A bare
    name (`port`, `maxRequestBodyBytes`) is its section's: two components' pages each have one."""
    bare = raw.lstrip("-$")
    return "." in bare or "/" in bare or raw.startswith("--") or "_" in bare and bare.isupper()


def key_like(raw: str, formatted: bool) -> bool:
    """An option's name: an identifier shaped like code, or any identifier set in code or bold."""
    return bool(_IDENT.fullmatch(raw)) and (formatted or bool(_CODE_SHAPED.search(raw)))


@dataclass(frozen=True)
class Option:
    """The option a figure is the value of: its key as written, normalised, and the role."""
    written: str
    key: str
    role: str | None


@dataclass(frozen=True)
class OptionWords:
    """A rule set's option words, compiled (see rulepack.OptionWords)."""
    role_re: regex.Pattern | None
    role_of: dict
    labels: frozenset           # words that open a paragraph as a label, not an option ("Note")
    editions: frozenset
    variants: frozenset         # folders whose pages each document one variant (providers, plans)
    past_pages: frozenset
    sentinel_re: regex.Pattern | None = None
    sentinel_of: dict = field(default_factory=dict)
    seen: dict = field(default_factory=dict, compare=False, hash=False, repr=False)   # path -> its scope


def compile_words(spec) -> OptionWords:
    """The option words of a rule set (`Rules.options`), compiled."""
    role_of = {w.lower(): r for r, ws in spec.roles.items() for w in (r, *ws)}
    alts = "|".join(regex.escape(w) for w in sorted(role_of, key=lambda w: (-len(w), w)))
    # not inside a name: the "limit" of `--dial-limit`, the "max" of `max_size`
    role_re = regex.compile(rf"(?<![\w.\-`])(?:{alts})(?![\w\-`])", regex.I) if alts else None
    sentinel_of = {w.lower(): m for m, ws in spec.sentinels.items() for w in ws}
    words = "|".join(regex.escape(w) for w in sorted(sentinel_of, key=lambda w: (-len(w), w)))
    # right after the value: "-1 means no limit", "`0` (off)", "0 = unlimited", "-1 for no limit", "0 disables it"
    sentinel_re = regex.compile(rf"[`*]?[ \t]*(?:\(|,|:|=|-|–|—)?[ \t]*(?:which[ \t]+)?(?:means?[ \t]+|is[ \t]+|for[ \t]+)?"
                                rf"(?P<w>{words})(?![\w-])", regex.I) if words else None
    return OptionWords(role_re, role_of, frozenset(role_of) | {w.lower() for w in spec.labels},
                       frozenset(e.lower() for e in spec.editions), frozenset(v.lower() for v in spec.variants),
                       frozenset(p.lower() for p in spec.past_pages), sentinel_re, sentinel_of)


class OptionIndex:
    """What one page says about options, read once per page: its headings and where its samples
    of the defaults are; `at` then finds the option of one figure."""

    def __init__(self, text: str, words: OptionWords, samples: list[tuple[int, int]] = ()):
        self.text, self.words = text, words
        self.samples = list(samples)    # where the page's samples of the defaults are
        self.headings = [(m.start(), m.group(2)) for m in _HEADING.finditer(text)] if "#" in text else []
        self.heading_starts = [h[0] for h in self.headings]
        # where the page's "|" stand, so a figure asks in log time whether its line before it has
        # one (counting them each time cost the square of a long line's length)
        self.pipes = [m.start() for m in regex.finditer(r"\|", text)] if "|" in text else []

    def _pipe_between(self, a: int, b: int) -> bool:
        k = bisect.bisect_left(self.pipes, a)
        return k < len(self.pipes) and self.pipes[k] < b

    def at(self, start: int, end: int, s0: int, s1: int) -> Option | None:
        """The option of the figure text[start:end] in the sentence text[s0:s1], or None."""
        text = self.text
        line0 = text.rfind("\n", 0, start) + 1
        for a, b in self.samples:
            if a <= start < b:
                return self._setting(line0, a)
        if self._pipe_between(line0, start) and (cells := table_cells(text, line0)) is not None:
            return self._table(start, end, s0, s1, line0, cells)
        role = self.role_near(start, end, s0, s1)
        if role is None:
            return None
        # a definition's term is what its item is about; code further on in it is what it refers to
        if found := self._term(start, role):
            return found
        for m in reversed(list(_CODE_SPAN.finditer(text, _with_leading_code(text, s0), start))):
            raw = m.group(1).strip()
            if key_like(raw, True) and raw.lower() not in self.words.labels:
                return _option(raw, role)
        return self._heading(start, role, self._bare(start, end, s0, s1))

    def in_sample(self, start: int) -> bool:
        """Whether a figure is a setting of a sample of the defaults (keyed or not, a literal)."""
        return any(a <= start < b for a, b in self.samples)

    def _setting(self, line0: int, sample: int) -> Option | None:
        """The key of a setting in a sample of the defaults: its name under the mappings it is
        indented in (YAML) or the section above it (TOML, INI): "server:" / "  readTimeout: 30s"
        is `server.readTimeout`."""
        text = self.text
        m = _SETTING.match(text, line0, line0 + TAIL)
        if m is None:
            return None
        path, indent, line = [m.group("key")], len(m.group("indent")), line0
        while line > sample:
            line = text.rfind("\n", 0, line - 1) + 1
            row = text[line:text.find("\n", line)]
            if h := _SECTION.match(row):
                path.insert(0, h.group(1))
                break
            if (p := _PARENT.match(row)) and len(p.group("indent")) < indent:
                path.insert(0, p.group("key"))
                indent = len(p.group("indent"))
            elif (item := _ITEM.match(row)) and len(item.group(1)) < indent:
                return None   # a setting of one item of a list: no key names it alone
        raw = ".".join(path)
        return _option(raw, "default")

    def role_near(self, start: int, end: int, s0: int, s1: int) -> str | None:
        """The role a word beside the figure gives it: the nearest role word before it in its
        sentence ("defaults to 30s", "a maximum of 100"), or one right after ("100 (default)");
        none in a sentence that sets a condition first."""
        rr = self.words.role_re
        if rr is None or _CONDITION.search(self.text, max(s0, start - CONDITION_REACH), start):
            return None
        before = list(rr.finditer(self.text, max(s0, start - 60), start))
        if before:
            return self.words.role_of[before[-1].group().lower()]
        after = rr.search(self.text, end, min(s1, end + 16))
        if after and self.text[end:after.start()].strip(" `*_(:,") == "":
            return self.words.role_of[after.group().lower()]
        return None

    def _table(self, start: int, end: int, s0: int, s1: int, line0: int, cells: list[tuple[int, int]]) -> Option | None:
        """A table row's key (its first cell, when shaped like one), for a figure whose column's
        header names a role ("Default", "Max") or that a role word stands beside in its cell
        ("... The default is 1000"). Other figures of a row (a "Since" version, the numbers of
        a description) are not the option's value."""
        text = self.text
        col = next((i for i, (a, b) in enumerate(cells) if a <= start < b), None)
        label = next(((i, a, b) for i, (a, b) in enumerate(cells) if plain(text[a:b])), None)
        if col is None or label is None or label[0] >= col:
            return None
        raw_cell = text[label[1]:label[2]]
        raw = plain(raw_cell)
        if not key_like(raw, "`" in raw_cell) or raw.lower() in self.words.labels:
            return None   # (a name in bold heads a row of products or plans, not of options)
        role = None
        header = _header_line(text, line0)
        if header is not None and header != line0 and (hcells := table_cells(text, header)) and col < len(hcells):
            a, b = hcells[col]
            if self.words.role_re is not None and (m := self.words.role_re.search(text, a, b)):
                role = self.words.role_of[m.group().lower()]
        if role is None:
            a, b = cells[col]
            role = self.role_near(start, end, max(a, s0), min(b, s1))
        return _option(raw, role) if role else None

    def _term(self, at: int, role: str) -> Option | None:
        """The term the figure's list item or paragraph opens with: "- **lifetime** is ... Default: `12h`"."""
        text = self.text
        line = text.rfind("\n", 0, at) + 1
        for _ in range(12):
            m = _TERM.match(text, line, line + TAIL)
            if m and m.end() <= at:
                raw = m.group("term").strip()
                if key_like(raw, True) and raw.lower() not in self.words.labels:
                    return _option(raw, role)
                return None
            stripped = text[line:text.find("\n", line) if text.find("\n", line) >= 0 else len(text)].lstrip()
            if line == 0 or stripped[:1] in ("-", "*", "+") or not stripped:
                return None   # the item's first line, or the paragraph's
            prev = text.rfind("\n", 0, line - 1) + 1
            if not text[prev:line].strip():
                return None
            line = prev
        return None

    def _heading(self, at: int, role: str, bare: bool) -> Option | None:
        """The option a section is about, when its heading is nothing but its name ("##### `renew_interval`");
        for a bare statement ("Default: 30 days."), whatever its heading names ("## Request logs")."""
        k = bisect.bisect_right(self.heading_starts, at) - 1
        if k < 0:
            return None
        raw_heading = self.headings[k][1]
        raw = plain(raw_heading)
        if raw.lower() in self.words.labels:
            return None
        if " " not in raw and key_like(raw, "`" in raw_heading):
            return _option(raw, role)
        return _option(raw, role) if bare and raw else None

    def _bare(self, start: int, end: int, s0: int, s1: int) -> bool:
        """A sentence that says nothing but a role and a value ("Default: 30 days."): what the
        value is of, its section's heading says."""
        rest = self.text[s0:start] + " " + self.text[end:s1]
        words = [w.lower() for w in _WORD.findall(rest)]
        return all(w in self.words.role_of or w in _FILLER for w in words)


def sentinel(text: str, end: int, words: OptionWords) -> str | None:
    """What the page says a value means, right after it ("-1 means no limit" -> "unlimited")."""
    if words.sentinel_re is None:
        return None
    m = words.sentinel_re.match(text, end, min(len(text), end + 40))
    return words.sentinel_of[m.group("w").lower()] if m else None


def in_code(text: str, start: int, end: int) -> bool:
    """Whether a figure fills a code span of its own ("`500`", "`1m30s`"): written as a setting's literal."""
    return text[start - 1:start] == "`" and text[end:end + 1] == "`"


def _with_leading_code(text: str, s0: int) -> int:
    """Where a sentence starts when the code it opens with counts: a reader of Markdown blanks
    non-literal code, so "`SERVER_MAX_CONNS` defaults to 120." is found starting at "defaults"."""
    p = s0
    while True:
        q = p
        while q > 0 and text[q - 1] in " \t":
            q -= 1
        if q == 0 or text[q - 1] != "`":
            return p
        opening = text.rfind("`", 0, q - 1)
        if opening < 0 or "\n" in text[opening:q]:
            return p
        p = opening


def _option(raw: str, role: str | None) -> Option | None:
    key = normalise(raw)
    return Option(raw, key, role) if key else None


def plain(cell: str) -> str:
    """A cell's or heading's text without its markup ("`server.readTimeout`" -> server.readTimeout)."""
    return " ".join(_MARKUP.sub(" ", cell).split())


def table_cells(text: str, line0: int) -> list[tuple[int, int]] | None:
    """The cells of the table row starting at line0, as (start, end) offsets; None if no row."""
    end = text.find("\n", line0)
    return row_cells(text, line0) if text[line0:end if end >= 0 else len(text)].lstrip().startswith("|") else None


def _header_line(text: str, line0: int) -> int | None:
    """Where the header row of the table holding the row at line0 starts: the row above its
    separator ("|---|---|")."""
    line = line0
    for _ in range(2000):
        if line == 0:
            return None
        prev = text.rfind("\n", 0, line - 1) + 1
        row = text[prev:line - 1] if text[line - 1] == "\n" else text[prev:line]
        row = row.rstrip("\r")
        if not row.lstrip().startswith("|"):
            return None
        if _ROW_SEPARATOR.match(row):
            return text.rfind("\n", 0, prev - 1) + 1 if prev > 0 else None
        line = prev
    return None


@lru_cache(maxsize=4096)
def _segments(path: str) -> tuple[str, ...]:
    return tuple(s for s in path.replace("\\", "/").split("/") if s)


# A version selector in a page's front matter: "version: 2.x", "release: v1.4".
_VERSION_FIELD = regex.compile(r"^(?:version|release)[ \t]*:[ \t]*[\"']?v?([\w.]+)", regex.M | regex.I)


# A title that names a release of what the page documents: "OpenMetrics 2.0", "Harbor API v3.1 reference".
_TITLE_RELEASE = regex.compile(r"^title[ \t]*:[ \t]*[\"']?\p{Lu}[\w.+-]*(?:[ \t]+\p{Lu}[\w.+-]*)*[ \t]+v?(\d+\.\d+(?:\.\d+)?)\b",
                               regex.M)


def page_release(text: str, body_start: int) -> str | None:
    """The release a page's front-matter title names ("OpenMetrics 2.0" -> "2.0"), if it names one."""
    m = _TITLE_RELEASE.search(text, 0, body_start) if body_start else None
    return m.group(1) if m else None


def page_edition(text: str, body_start: int, path: str, words: OptionWords) -> str | None:
    """A page's docs edition: the version its front matter selects, else its folder's (`edition`)."""
    if body_start and (m := _VERSION_FIELD.search(text, 0, body_start)):
        return m.group(1).lower()
    return page_scope(path, words)[0]


def page_scope(path: str, words: OptionWords) -> tuple[str | None, bool]:
    """(edition, past page) of a page, worked out once per path: pairs ask it of both claims."""
    found = words.seen.get(path)
    if found is None:
        found = words.seen[path] = (edition(path, words), past_page(path, words))
    return found


def edition(path: str, words: OptionWords) -> str | None:
    """The edition of the docs a page belongs to: a version-shaped folder ("v2", "1.4", "2.x")
    or one the pack names (legacy); a page of a folder of variants (providers/aws.md: each
    page one provider's); None for the current docs."""
    segs = _segments(path)
    found = []   # every edition folder on the way: "v2/2.18/" is release 2.18 of version 2
    for i, seg in enumerate(segs[:-1]):
        low = seg.lower()
        if _VERSION_SEGMENT.fullmatch(low) or low in words.editions:
            found.append(low)
        elif low in words.variants:
            found.append("/".join(s.lower() for s in segs[i:i + 2]).rsplit(".", 1)[0])
            break
    return "/".join(found) or None


def past_page(path: str, words: OptionWords) -> bool:
    """A page that states values as they were (a changelog, upgrade notes)."""
    name = _segments(path)[-1].lower() if _segments(path) else ""
    stem = name.rsplit(".", 1)[0]
    return stem in words.past_pages or stem.replace("_", "-") in words.past_pages
