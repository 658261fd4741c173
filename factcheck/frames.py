"""Frames stage: what each claim is about — measured noun, predicate, entities, time, hedges — for alignment."""
from __future__ import annotations

import bisect
import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import regex
import snowballstemmer

from . import keys, language
from .lookahead import TAIL
from .models import Claim, DateValue, Document, Frame
from .rulepack import Rules

_TOKEN = regex.compile(r"\p{L}[\p{L}\p{M}'’]*(?:-\p{L}[\p{L}\p{M}]*)*|\d[\d,.:/-]*\d|\d")
_STEM = snowballstemmer.stemmer("english")
# The words that say how to read a figure's context are language data (language/context.yaml).
_WORDS = language.context()
_FUTURE = regex.compile(rf"\b(?:{language.words(_WORDS.future)})\b", regex.I)
_PAST = regex.compile(rf"\b(?:{language.words(_WORDS.past)})\b|\b\w{{3,}}ed\b", regex.I)
# Tokens that join two claims into one coordinated series ("the 1970s and 1980s").
_COORD = regex.compile(r"^\s*(?:,\s*(?:and|or)?|and|or|&|/|to|through|until|till|-|–)\s*(?:the\s+|in\s+|on\s+)?$", regex.I)
# "the city's last referendum, in 2011", "its first referendum since 2009": the previous occurrence.
_PREVIOUS = regex.compile(rf"\b(?:{language.words(_WORDS.previous)})\b", regex.I)
# "Including Baltic Dairy's debt, the deal is worth EUR 4.9bn": the number measures a variant.
_SCOPE = regex.compile(rf"\b({language.words(_WORDS.scope_markers)})\s+"
                       rf"(?:the\s+|its\s+|their\s+|[\p{{L}}\s]{{0,30}}?['’]s\s+)?({language.words(_WORDS.scope_parts)})\b",
                       regex.I)
# A date next to a reporting verb ("officials said Thursday") dates the statement, not the news.
_SPEECH = frozenset(_WORDS.speech)
_DATE_LEADS = frozenset(_WORDS.date_leads)
# A small count after these only refers back to things already named ("the two countries").
# "Last updated: 4 March 2025", "*Published 2 May*": a line that dates the text itself. Each
# page has its own, so two pages' dates there are never one fact.
_OWN_DATE_LABEL = regex.compile(rf"(?:^|\n)[\W_]*(?:last\s+)?(?:{language.words(_WORDS.own_date_labels)})"
                                r"(?:\s+(?:on|at))?\s*:?[\W_]*\Z", regex.I)
_LINE_END = regex.compile(r"[\W_]*(?:\n|\Z)")


# "MARROWBY, 16 November 2025 - ...", "Oct 24 (Continental Wire) - ...", "Statistics Arrenland,
# 5 December 2025" on a line of its own, "## 3 March 2025": a dateline or a date heading dates
# the text or its section (when it was written), not a fact the text tells.
_DATELINE_BEFORE = regex.compile(r"(?:^|\n)[ \t>*#_]*(?:\p{Lu}[\p{L}.'’/&-]*(?:[ \t]+[\p{L}.'’/&-]+){0,3},[ \t]*){0,3}\Z")
_DATELINE_AFTER = regex.compile(r"[ \t]*(?:\([^()\n]{1,40}\)[ \t]*)?[-–—][ \t]+\S|[ \t*_]*(?:\n|\Z)")


def _own_date_line(text: str, c: Claim) -> bool:
    if _OWN_DATE_LABEL.search(text, max(0, c.start - 40), c.start) and _LINE_END.match(text, c.end, c.end + TAIL):
        return True
    return bool(_DATELINE_BEFORE.search(text, max(0, c.start - 80), c.start)) and bool(_DATELINE_AFTER.match(text, c.end, c.end + TAIL))


# "With 545 results declared", "after 648 of the 650 seats had been declared", "with 95% of
# precincts reporting": the stage a running count had reached when its figures were given.
_STAGE = regex.compile(r"\b(?:with|after|once|when)\s+(?:only\s+|just\s+|about\s+)?(\d[\d,.]*%?)\s+"
                       r"(?:(?:out\s+)?of\s+(?:the\s+)?\d[\d,]*\s+)?(?:[\w-]+\s+){0,3}?"
                       rf"(?:(?:had|have|has)\s+been\s+|were\s+|was\s+)?(?:{language.words(_WORDS.stage_verbs)})\b",
                       regex.I)


def _stage(text: str, s0: int, s1: int, c: Claim, seen: dict | None = None) -> str | None:
    """The stage its paragraph gives for the figures that follow it, up to the claim's sentence.
    `seen` keeps each paragraph's stage phrases, so a long paragraph is scanned once."""
    p0 = text.rfind("\n", 0, s0) + 1
    if seen is None:
        seen = {}
    if p0 not in seen:
        p1 = text.find("\n", s0)
        matches = list(_STAGE.finditer(text, p0, len(text) if p1 < 0 else p1))
        seen[p0] = ([m.start() for m in matches], matches)
    starts, matches = seen[p0]
    k = bisect.bisect_right(starts, c.start)
    found = next((matches[i] for i in range(k - 1, -1, -1) if matches[i].end() <= s1), None)
    if found is None or found.start(1) <= c.start < found.end(1):
        return None   # no stage, or the claim is the stage itself
    return found.group(1).replace(",", "")


def row_label(text: str, at: int) -> str | None:
    """The label of the table row (a "| ... |" line) a figure at `at` stands in: its first
    non-empty cell, without markup, when the figure is not in it. Each row of a table states
    the values of the thing its first cell names (an option, a plan, a region)."""
    cells = keys.table_cells(text, text.rfind("\n", 0, at) + 1)
    for a, b in cells or ():
        if a <= at < b:
            return None   # the figure is in the label cell itself
        if label := keys.plain(text[a:b]).lower():
            return label
    return None


# A clause about the text it stands in ("This guide walks through 5 settings"): a fact of that
# text alone, which another text's figure cannot restate.
_SELF = regex.compile(rf"\b(?i:this|the\s+present)\s+(?:{language.words(_WORDS.self_nouns)})\b")
# A clause that shows an example ("Here is an example of starting three servers", "The following
# example sets 5 retries"): its figures illustrate, no one states them as facts. ("For example,
# Team workspaces are allowed 10 requests" singles out a case, a fact: not this.)
_SPACES = r"\s+"
_EXAMPLE = regex.compile(rf"\b(?i:{language.words(_WORDS.example_leads, _SPACES)})\s+(?i:example)s?\b")
# A figure in the condition of a hypothetical ("If `maxConns` is 0, ...", "unless more than 50
# reply, ..."): what would follow from it, not a fact anyone states.
_CONDITION = regex.compile(rf"\b(?i:{language.words(_WORDS.conditions)})\b(?:[^,;:.!?\n]|\.(?=\S))*\Z")
_REFERRING = frozenset(_WORDS.referring)
_CAPS = regex.compile(r"\b\p{Lu}[\p{L}\p{M}'’.-]*(?:\s+(?:of\s+|de\s+|the\s+)?\p{Lu}[\p{L}\p{M}'’.-]*)*")
# A capital after a dateline's dash, a colon or an opening quote starts a clause, not a name:
# "KABRITOR (Metro Wire) - Hospitals said ...".
_CLAUSE_OPENER = regex.compile(r"(?:[-–—:]\s+|[\"“‘]\s*)$")


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    return _STEM.stemWord(word.lower().replace("’", "'").removesuffix("'s"))


@dataclass
class Lexicon:
    """The rule pack's word lists, compiled once per Rules."""
    stop: frozenset
    predicate_of: dict            # stem (or "=" and a word as written) -> canonical predicate
    measure_of: dict              # stem -> canonical measure
    alias_re: regex.Pattern | None
    alias_of: dict                # lower-cased alias -> canonical entity
    hedge_re: regex.Pattern | None
    negation: frozenset
    attribution_re: regex.Pattern | None
    cumulative: frozenset = field(default_factory=frozenset)
    options: keys.OptionWords | None = None

    def predicate(self, t: Token) -> str | None:
        """The event word a token is, matched by stem unless the lexicon lists it as written.
        A token longer than any word ("twenty-twenty-..." run together) is none."""
        if len(t.text) > LONGEST_WORD:
            return None
        return self.predicate_of.get("=" + t.text.lower()) or self.predicate_of.get(t.stem)


def _alt(phrases) -> regex.Pattern | None:
    """Any of the phrases as a whole word sequence, case-insensitive, the longest where several
    start at one place; a space in a phrase stands for any run of white space."""
    ps = {p.lower() for p in phrases}
    if not ps:
        return None
    # When every phrase begins with a letter or digit, "a word starts here" is the same test as
    # "no word character before", and one the regex engine scans for quickly.
    start = r"\b(?=\w)" if all(regex.match(r"\w", p) for p in ps) else r"(?<![\w])"
    return regex.compile(start + language.trie(ps, r"\s+") + r"(?![\w])", regex.I)


_LEXICONS: dict[str, Lexicon] = {}


def lexicon(rules: Rules) -> Lexicon:
    """The compiled word lists of a rule set, built once per distinct set of packs."""
    if rules.digest not in _LEXICONS:
        _LEXICONS[rules.digest] = _compile_lexicon(rules)
    return _LEXICONS[rules.digest]


def _compile_lexicon(rules: Rules) -> Lexicon:
    predicate_of = {}
    for canon, words in rules.predicates.items():
        # "=lasted" matches that word only: its stem "last" is the adjective of "last year". A
        # canonical name whose stem such a word shares is matched only as listed.
        exact = {stem(w[1:]) for w in words if w.startswith("=")}
        for w in ((canon,) if stem(canon) not in exact else ()) + tuple(words):
            predicate_of.setdefault("=" + w[1:].lower() if w.startswith("=") else stem(w), canon)
    measure_of = {}
    for canon, words in rules.measure_synonyms.items():
        for w in (canon, *words):
            measure_of.setdefault(stem(w), canon)
    alias_of = {}
    for canon, names in rules.aliases.items():
        for n in (canon, *names):
            alias_of.setdefault(n.lower(), canon)
    return Lexicon(
        stop=frozenset(w.lower() for w in rules.stopwords),
        predicate_of=predicate_of, measure_of=measure_of,
        alias_re=_alt(alias_of), alias_of=alias_of,
        hedge_re=_alt(rules.hedges), negation=frozenset(n.lower() for n in rules.negations),
        attribution_re=regex.compile(r"according to\s+((?:the\s+)?\p{Lu}[\w'’.-]*(?:\s+\p{Lu}[\w'’.-]*)*)"
                                     r"|(\p{Lu}[\w'’.-]*(?:\s+\p{Lu}[\w'’.-]*)*)\s+(?:said|says|reported|told)"),
        cumulative=frozenset(rules.cumulative),
        options=keys.compile_words(rules.options),
    )


@dataclass
class Token:
    start: int
    end: int
    text: str
    stem: str


def tokens(text: str, start: int, end: int) -> list[Token]:
    # A figure has no suffix to strip: it is its own stem (a table of 10,000 rows has as many).
    return [Token(m.start(), m.end(), w, w if w[0].isdigit() else stem(w))
            for m in _TOKEN.finditer(text, start, end) for w in (m.group(),)]


def in_words(c: Claim, text: str, lex: Lexicon, measure: str | None, predicate: str | None) -> str | None:
    """A claim's measure and event word as its own sentence writes them ("people killed",
    "seats won", "death toll"): messages quote words a reader knows, never stems or the
    lexicon's canonical forms. None when the sentence writes neither."""
    toks = tokens(text, c.sentence.start, c.sentence.end)

    def nearest(test) -> int | None:
        found = [(abs(t.start - c.start), i) for i, t in enumerate(toks)
                 if not c.start <= t.start < c.end and test(t)]
        return min(found)[1] if found else None
    m = nearest(lambda t: (lex.measure_of.get(t.stem) or lex.predicate(t) or t.stem) == measure) if measure else None
    p = nearest(lambda t: lex.predicate(t) == predicate) if predicate else None
    if m is None or p is None or m == p:
        return toks[m if m is not None else p].text if (m, p) != (None, None) else None
    # Adjacent, the text's order reads best ("death toll"); else the noun, then its verb ("seats won").
    first, second = (p, m) if p == m - 1 else (m, p)
    return f"{toks[first].text} {toks[second].text}"


def entities_in(text: str, start: int, end: int, lex: Lexicon) -> tuple[str, ...]:
    """Canonical named participants and places in text[start:end]."""
    found = set()
    if lex.alias_re is not None:
        for m in lex.alias_re.finditer(text, start, end):
            found.add(lex.alias_of[regex.sub(r"\s+", " ", m.group().lower())])
    for m in _CAPS.finditer(text, start, end):
        name = m.group().rstrip(".'’")
        first = m.start() == start
        if " " in name and name.split(None, 1)[0].lower() in lex.stop:
            name, first = name.split(None, 1)[1], False   # "In Marrow Vale", "The Teska Agency": the name after
        low = name.lower().removesuffix("'s").removesuffix("’s")
        if low in lex.alias_of:
            found.add(lex.alias_of[low])
        elif not first and low not in lex.stop and len(low) > 2 and not name.isupper() \
                and (" " in name or not _CLAUSE_OPENER.search(text, max(start, m.start() - 3), m.start())):
            found.add(low)
    return tuple(sorted(found))


def build_frames(doc: Document, claims: list[Claim], rules: Rules) -> list[Claim]:
    """The claims of one document with their frames filled in."""
    return with_frames(claims, frames_of(doc, claims, rules))


def with_frames(claims: list[Claim], frames: list[Frame]) -> list[Claim]:
    """Each claim with its frame (frames in the claims' order)."""
    return [c.model_copy(update={"frame": f}) for c, f in zip(claims, frames)]


def frames_of(doc: Document, claims: list[Claim], rules: Rules) -> list[Frame]:
    """The frame of each of one document's claims, in the claims' order."""
    from .ingest import html, markdown

    lex = lexicon(rules)
    # An HTML page's own text is mostly tags: its words are read from its prose. Markdown's
    # stay as written, as the pair model was fitted on them (blanking its code and link
    # targets there made more false conflicts on real docs trees).
    text = html.prose(doc.text) if html.is_html(doc.path) else doc.text
    by_sentence: dict[tuple[int, int], list[Claim]] = {}
    for c in claims:
        by_sentence.setdefault((c.sentence.start, c.sentence.end), []).append(c)
    at = {id(c): i for i, c in enumerate(claims)}
    out: list[Frame] = [None] * len(claims)   # type: ignore[list-item]
    stages: dict = {}
    options, edition = None, None
    if lex.options and lex.options.role_re:
        samples = markdown.default_samples(doc.text, doc.body_start) if markdown.is_markdown(doc.path) else []
        options = keys.OptionIndex(doc.text, lex.options, samples)
        edition = keys.page_edition(doc.text, doc.body_start, doc.path, lex.options)
    for (s0, s1), group in by_sentence.items():
        toks = tokens(text, s0, s1)
        ents = entities_in(text, s0, s1, lex)
        back = _back_context(text, s0, doc.body_start, lex)
        if back:
            # "It returned five victims": the subject was named in the sentence before.
            p0, prev = back
            ents = tuple(sorted(set(ents) | set(entities_in(text, p0, s0, lex))))
        else:
            prev = []
        sent = _Sentence(text, s0, s1, group, toks, lex, stages)
        found = [options.at(c.start, c.end, s0, s1) if options else None for c in group]
        # a bare name is the page's own option: its key is the page's too
        found = [o if o is None or keys.global_key(o.written) else
                 keys.Option(o.written, f"{doc.id}#{o.key}", o.role) for o in found]
        if len(group) > 1 and any(found):
            # One sentence giving one option several figures in one role lists them (buckets,
            # versions, a range's ends): none of them is the option's value alone.
            seen = Counter((o.key, o.role) for o in found if o)
            found = [o if o and seen[(o.key, o.role)] == 1 else None for o in found]
        for c, option in zip(group, found):
            out[at[id(c)]] = _frame(c, group, toks, ents, text, s0, s1, lex, doc, prev, sent, option,
                                    bool(options and options.in_sample(c.start)), edition)
    if lex.options and lex.options.role_re and (release := keys.page_release(doc.text, doc.body_start)):
        out = [f.model_copy(update={"release": release}) for f in out]
    if any(f.row for f in out):
        starts, ends = _tables(doc.text)
        for i, (c, f) in enumerate(zip(claims, out)):
            k = bisect.bisect_right(starts, c.start) - 1
            if f.row and k >= 0 and c.start < ends[k]:
                out[i] = f.model_copy(update={"table": starts[k]})
    return out


_LINE = regex.compile(r"[^\n]*\n?")


def _tables(text: str) -> tuple[list[int], list[int]]:
    """Where each table of a page (a run of "| ... |" lines) starts and ends, read once a page."""
    starts: list[int] = []
    ends: list[int] = []
    for m in _LINE.finditer(text):
        if not m.group():
            break
        if m.group().lstrip().startswith("|"):
            if ends and ends[-1] == m.start():
                ends[-1] = m.end()
            else:
                starts.append(m.start())
                ends.append(m.end())
    return starts, ends


WINDOW = 150  # tokens each side of a claim read for its context words in a very long sentence
DATE_REACH = 250   # characters between a claim's start and a date's: past it, `_same_clause` is never true
LONGEST_WORD = 40   # characters: no event word is longer (the longest English words run to about 30)
DENSE = 8     # claims in a sentence past which what they read is worked out once for the sentence
REACH = 300   # characters each side of a claim that its clause can reach: a "clause" longer than
#               that is a table row, a list or a run-on line, and reading all of it for each of its
#               claims made one long line cost the square of its length


class _Sentence:
    """What every claim of one sentence looks up, worked out once for the sentence: where its
    tokens start and end, which tokens are claims' own, each claim's list, the clause breaks,
    the attribution. Without it a sentence of n claims cost n times its length (a 10 KB line
    of number words took over 40 s)."""

    def __init__(self, text: str, s0: int, s1: int, group: list[Claim], toks: list[Token], lex: Lexicon,
                 stages: dict):
        self.starts = [t.start for t in toks]
        self.ends = [t.end for t in toks]
        claimed: set[int] = set()
        for o in group:
            claimed.update(self.starts[bisect.bisect_left(self.starts, o.start):bisect.bisect_left(self.starts, o.end)])
        self.claimed = claimed
        self.series = _all_series(group, text)
        self.breaks = clause_breaks(text, s0, s1)
        m = lex.attribution_re.search(text, s0, s1) if lex.attribution_re is not None else None
        self.attribution = (m.group(1) or m.group(2)).strip() if m else None
        self.stages = stages     # each paragraph's stage phrases, shared by the document's sentences
        self.dates = sorted((o for o in group if isinstance(o.value, DateValue)), key=lambda o: (o.start, o.end))
        self.date_starts = [o.start for o in self.dates]
        self._content: tuple[list[int], list[str]] | None = None
        self._predicates: list[str | None] | None = None
        self._names: tuple | None = None
        self._span = (s0, s1)
        # Words each claim reads are worked out once for the sentence only where claims stand
        # close together (a list of dates, a run-on line of figures): for a sentence of a figure or two,
        # reading each claim's own stretch costs less than reading the whole sentence once.
        self.dense = len(group) > DENSE

    def predicates(self, toks: list[Token], lex: Lexicon) -> list[str | None]:
        """Each token's event word (`Lexicon.predicate`), looked up once for the sentence."""
        if self._predicates is None:
            self._predicates = [lex.predicate(t) for t in toks]
        return self._predicates

    def content(self, toks: list[Token], lex: Lexicon) -> tuple[list[int], list[str]]:
        """The indices of the tokens that can be context words (no claim's own, no figure, no
        stop word), in order, and the word each stands for: found once, so that a claim among
        thousands in one line ("1 March 1990, 2 March 1991, ...") looks only at these."""
        if self._content is None:
            at, words = [], []
            for i, t in enumerate(toks):
                low = t.text.lower()
                if t.start in self.claimed or t.text[0].isdigit() or low in lex.stop or len(low) < 2:
                    continue
                at.append(i)
                words.append(lex.measure_of.get(t.stem) or lex.predicate(t) or t.stem)
            self._content = (at, words)
        return self._content

    def names(self, text: str, lex: Lexicon) -> tuple:
        """The runs of capitalised words in the sentence, found once: where each run starts and
        ends, and those that can name someone (`_name_of`) with what they name."""
        if self._names is None:
            runs = list(_NAME.finditer(text, *self._span))
            named = [(m.start(), m.end(), n) for m in runs if (n := _name_of(text, m.group(), lex))]
            self._names = ([m.start() for m in runs], [m.end() for m in runs],
                           [x[0] for x in named], [x[1] for x in named], [x[2] for x in named])
        return self._names

    def overlapping(self, lo: int, hi: int) -> range:
        """The indices of the tokens that overlap text[lo:hi]."""
        return range(bisect.bisect_right(self.ends, lo), bisect.bisect_left(self.starts, hi))

    def nearest_date(self, text: str, c: Claim, s0: int):
        """The date of the sentence nearest the claim in its own clause (not the claim itself)."""
        k = bisect.bisect_left(self.date_starts, c.start)
        left, right = k - 1, k
        while left >= 0 or right < len(self.dates):
            dl = c.start - self.dates[left].start if left >= 0 else None
            dr = self.dates[right].start - c.start if right < len(self.dates) else None
            take_left = dr is None or (dl is not None and dl <= dr)
            if (dl if take_left else dr) > DATE_REACH:
                return None     # no date this far off is in the claim's clause (`_same_clause`)
            o = self.dates[left] if take_left else self.dates[right]
            if take_left:
                left -= 1
            else:
                right += 1
            if o is not c and _same_clause(text, o, c, s0):
                return o
        return None


_PRONOUN_START = regex.compile(r"[\"'“‘(]?(?:It|They|He|She|This|These|Those|That)\b")


# A sentence that opens with a definite description ("The talks ..."): group 1 is its head noun,
# the thing already told of (read here for a sentence's subject, and by align for dates).
DEFINITE_START = regex.compile(r"[\"'“‘(]?(?:The|This|That|These|Those|Such)\s+(?:\w+\s+){0,2}?(\w+)\b")


def _back_context(text: str, s0: int, floor: int, lex: Lexicon) -> tuple[int, list[Token]] | None:
    """Where the sentence before starts and its tokens, when the sentence at s0 continues its
    subject: it opens with a pronoun ("It returned ..."), or "The talks ..." after one that
    mentioned talks."""
    if _PRONOUN_START.match(text, s0, s0 + TAIL):
        p0 = _previous_sentence_start(text, s0, floor)
        return p0, tokens(text, p0, s0)
    m = DEFINITE_START.match(text, s0, s0 + TAIL)
    if not m:
        return None
    head = stem(m.group(1))
    p0 = _previous_sentence_start(text, s0, floor)
    if p0 >= s0:
        return None
    prev = tokens(text, p0, s0)
    if head in {t.stem for t in prev} and (head in lex.predicate_of or head in lex.measure_of):
        return p0, prev
    return None


def _previous_sentence_start(text: str, s0: int, floor: int) -> int:
    from .ingest import iter_sentences
    start = s0
    for a, b in iter_sentences(text, max(floor, s0 - 600)):
        if b > s0:
            break   # spans come in order: none after this one ends before s0
        start = a
    return start


def _context_words(toks: list, prev, inside: range, sent: _Sentence, first: int, last: int, c0: int, c1: int,
                   lex: Lexicon) -> tuple[str, ...]:
    """A claim's context words, nearest first, its own words left out; words in another clause
    ("..., but Leal sealed the win in the 89th minute") count as far, and words of the
    sentence before (`prev`) farther still."""
    ranked = []
    # A sentence far longer than the 24 words a frame keeps (a table row, a list, a run-on line)
    # is read WINDOW tokens each side of the claim: reading all of it for each claim cost the
    # square of its length.
    lo_i, hi_i = (0, len(toks)) if len(toks) <= 2 * WINDOW else (max(0, first - WINDOW), last + WINDOW + 1)
    at, said = sent.content(toks, lex)
    for k in range(bisect.bisect_left(at, lo_i), bisect.bisect_left(at, hi_i)):
        i = at[k]
        if i in inside:
            continue
        d = first - i if i < first else i - last
        if not c0 <= toks[i].start < c1:
            d += CLAUSE_DISTANCE
        ranked.append((d, i, said[k]))
    for j, t in enumerate(prev):
        low = t.text.lower()
        if not t.text[0].isdigit() and low not in lex.stop and len(low) > 1:
            ranked.append((len(toks) + len(prev) - j, -1, lex.measure_of.get(t.stem) or lex.predicate(t) or t.stem))
    ranked.sort()
    return tuple(dict.fromkeys(w for _, _, w in ranked))


def _measure(c: Claim, toks: list, first: int, last: int, in_claim, text: str, lex: Lexicon) -> str | None:
    """What a figure counts or measures: the first content noun right after it ("34,600
    Japanese", "five victims"), the event a possessive date names, the unit the extractor read,
    or the noun before "of" ("a crowd of 74,197")."""
    measure = None
    if c.kind in ("count", "money", "percent", "quantity", "ordinal", "duration", "age"):
        partitive = False  # "eight of the city's 12 districts" counts districts
        for j in range(last + 1, min(len(toks), last + 7)):
            t = toks[j]
            low = t.text.lower()
            if low == "of":
                partitive = True
                continue
            if partitive and (t.text[0].isdigit() or in_claim(t) or low.endswith(("'s", "’s"))):
                continue
            if t.text[0].isdigit() or in_claim(t):
                break
            if low in ("others", "rest", "remainder"):
                measure = "other"
                break
            if low in ("of", "the", "a", "an", "more", "other", "its", "their", "his", "her", "new", "and"):
                continue
            if low in lex.stop or (low.endswith("ed") and lex.predicate(t)):
                break  # "74,197 watched": a verb follows, not a counted noun
            measure = lex.measure_of.get(t.stem) or lex.predicate(t) or t.stem
            # "valid votes": prefer a known counted noun one word on over an adjective
            following = toks[j + 1] if j + 1 < len(toks) else None
            if t.stem not in lex.measure_of and following is not None and following.stem in lex.measure_of:
                measure = lex.measure_of[following.stem]
            break
    if c.kind in ("date", "date_range") and text[c.end:c.end + 2] in ("'s", "’s"):
        # "Thursday's physical meeting": a possessive date names its event
        for t in toks[last + 1: last + 4]:
            if lex.predicate(t) or t.stem in lex.measure_of:
                measure = lex.measure_of.get(t.stem) or lex.predicate(t)
                break
        else:
            measure = _head_after(toks, last, text, lex)
    if c.kind in ("count", "ordinal") and c.unit:
        # the extractor already read what is counted: "six-nation", "the second day"
        measure = lex.measure_of.get(stem(c.unit)) or stem(c.unit)
    if measure is None and first >= 2 and toks[first - 1].text.lower() == "of":
        # "a crowd of 74,197", "a toll of 41": the noun before "of" is what is counted
        head = toks[first - 2]
        if head.text.lower() not in lex.stop and not head.text[0].isdigit():
            measure = lex.measure_of.get(head.stem, head.stem)
    return measure


def _frame(c: Claim, group, toks, ents, text, s0, s1, lex: Lexicon, doc: Document, prev, sent: _Sentence,
           option: keys.Option | None = None, in_sample: bool = False, edition: str | None = None) -> Frame:
    series = sent.series.get(id(c))
    # A claim in a list ("the 1970s and 1980s") shares the list's context.
    lo, hi = (series[2], series[3]) if series else (c.start, c.end)
    inside = sent.overlapping(lo, hi)
    first = inside[0] if inside else bisect.bisect_left(sent.starts, c.end)
    last = inside[-1] if inside else first - 1

    def in_claim(t):
        return t.start in sent.claimed

    c0, c1 = clause(sent.breaks, s0, s1, lo, hi)
    words = _context_words(toks, prev, inside, sent, first, last, c0, c1, lex)

    # Predicates: lexicon predicates near the claim, nearest first; words behind count a little nearer.
    # The claim's own hedge is not one: the "up" of "up to 772 jobs" is no rise.
    hedge_at = _hedge_start(c, text, s0)
    near = []
    event = sent.predicates(toks, lex) if sent.dense else None
    # Only words within 12 of the claim count (d <= 12), so only they are looked at.
    for i in range(max(0, first - 12), min(len(toks), last + 11)):
        t = toks[i]
        p = event[i] if event else lex.predicate(t)
        if p is None or i in inside or hedge_at <= t.start < c.start:
            continue
        d = (first - i) if i < first else (i - last) * 1.3
        if not c0 <= t.start < c1:
            d += CLAUSE_DISTANCE
        if d <= 12:
            near.append((d, p))
    near.sort()
    predicates = tuple(dict.fromkeys(p for _, p in near))[:4]
    predicate = predicates[0] if predicates else None
    measure = _measure(c, toks, first, last, in_claim, text, lex)
    around = text[max(s0, c.start - 60): min(s1, c.end + 60)]
    hedges = tuple(sorted({m.group().lower() for m in lex.hedge_re.finditer(around)})) if lex.hedge_re else ()
    # Lower case only: a capitalised "No" is an answer or a label ("Votes against (No):").
    negated = any(t.text in lex.negation and c0 <= t.start for t in toks[max(0, first - 6): first])
    attribution = sent.attribution
    # The time a claim refers to: its own date, or the nearest date in its clause.
    time = None
    if isinstance(c.value, DateValue):
        time = c.value
    elif (dated := sent.nearest_date(text, c, s0)) is not None:
        time = dated.value
    actors = _actors(text, c0, lo, lex, sent)
    previous = bool(_PREVIOUS.search(text, max(c0, lo - 60), lo))
    scope_m = _SCOPE.search(text, c0, c1)
    scope = f"{scope_m.group(1).lower()} {stem(scope_m.group(2))}" if scope_m else None
    before = toks[first - 1].text.lower() if first > 0 else ""
    after = toks[last + 1].text.lower() if last + 1 < len(toks) else ""
    # "said on Friday", "said early on Monday": the words between a reporting verb and its date
    behind = [t.text.lower() for t in toks[max(0, first - 3):first]]
    while behind and behind[-1] in _DATE_LEADS:
        behind.pop()
    incidental = (c.kind == "count" and before in _REFERRING and c.step == 0 and (c.value.high or 0) < 10) or \
        (c.kind == "date" and (bool(behind) and behind[-1] in _SPEECH or after in _SPEECH)) or \
        (c.kind == "date" and _own_date_line(text, c)) or bool(_SELF.search(text, c0, c.start)) or \
        bool(_EXAMPLE.search(text, c0, c.start)) or \
        bool(_CONDITION.search(text, max(s0, c.start - 120), c.start))
    return Frame(measure=measure, predicate=predicate, predicates=predicates, entities=ents, actors=actors, scope=scope, previous=previous, time=time, hedges=hedges, incidental=incidental, row=row_label(doc.text, c.start),
                 stage=_stage(text, s0, s1, c, sent.stages),
                 attribution=attribution, negated=negated, words=words[:24],
                 tense=_tense(text, s0, s1, c), series=series[:2] if series else None,
                 option=option.written if option else None, key=option.key if option else None,
                 role=option.role if option else None, code=in_sample or keys.in_code(doc.text, c.start, c.end),
                 sentinel=keys.sentinel(doc.text, c.end, lex.options) if option and lex.options else None,
                 edition=edition)


def _head_after(toks: list, last: int, text: str, lex: Lexicon) -> str | None:
    """The head of the noun phrase right after token `last` ("Saturday's semi-final" ->
    semi-final, "Tuesday's devastating earthquake" -> earthquake): in English the last of
    its words, up to a stop word, a number or punctuation (at most three words)."""
    head, at = None, toks[last].end if last < len(toks) else len(text)
    for t in toks[last + 1: last + 4]:
        low = t.text.lower()
        if text[at:t.start].strip() or low in lex.stop or not t.text.isalpha() and "-" not in t.text \
                or t.text[0].isupper():
            break
        head, at = t, t.end
    return (lex.measure_of.get(head.stem) or head.stem) if head else None


def _hedge_start(c: Claim, text: str, s0: int) -> int:
    """Where the hedge written before a claim begins ("up to 772"); the claim's start if none."""
    if not c.hedge:
        return c.start
    before = text[max(s0, c.start - len(c.hedge) - 8):c.start]
    k = before.lower().rfind(c.hedge.lower())
    return c.start - len(before) + k if k >= 0 else c.start


CLAUSE_DISTANCE = 10
_CLAUSE_BREAK = regex.compile(
    r";|\s[–—-]\s|,\s+(?=(?:but|while|whereas|although|though|and|as|with|after|before|when|which|who)\b)"
    r"|\s(?=(?:but|while|whereas)\s)", regex.I)


def clause_breaks(text: str, s0: int, s1: int) -> list[tuple[int, int]]:
    """Where the clauses of text[s0:s1] break, once per sentence (`clause` looks them up)."""
    return [(m.start(), m.end()) for m in _CLAUSE_BREAK.finditer(text, s0, s1)]


def clause(breaks: list[tuple[int, int]], s0: int, s1: int, lo: int, hi: int) -> tuple[int, int]:
    """The clause of text[s0:s1] that holds text[lo:hi], from its sentence's `clause_breaks`,
    kept within REACH of the claim: a "clause" longer than that is a table row, a list or a
    run-on line, and reading all of it for each of its claims cost the square of its length."""
    start, end = s0, s1
    i = bisect.bisect_right(breaks, (lo, float("inf")))
    while i > 0 and breaks[i - 1][1] > lo:   # a break that ends past lo does not bound the start
        i -= 1
    if i:
        start = breaks[i - 1][1]
    for a, _ in breaks[i:]:
        if a >= hi:
            end = a
            break
    return max(start, lo - REACH), min(end, hi + REACH)


_NAME = regex.compile(r"\p{Lu}[\p{L}\p{M}'’.-]*(?:\s+\p{Lu}[\p{L}\p{M}'’.-]*)*")
_NOT_NAMES = frozenset({names[0] for names in (*language.calendar().months, *language.calendar().weekdays)}
                       - set(_WORDS.names_too) | set(_WORDS.not_names))


@lru_cache(maxsize=8)
def _word_index(text: str) -> tuple[frozenset, frozenset]:
    """Per text, once: its runs of word characters and hyphens, and the words that follow a
    lower-case letter, comma or semicolon and a space (capitalised there, a word is a name)."""
    return frozenset(_RUN.findall(text)), frozenset(_AFTER_LOWER.findall(text))


_RUN = regex.compile(r"[\w-]+")
_AFTER_LOWER = regex.compile(r"(?<=[\p{Ll},;]) (\w+)")   # scans for spaces, not every letter
_WORDY = regex.compile(r"\w+")


def _appears_lower(text: str, word: str) -> bool:
    """Whether the word also stands in the text in lower case, on its own."""
    low = word.lower()
    if _WORDY.fullmatch(low):
        return low in _word_index(text)[0]
    return regex.search(rf"(?<![\w-]){regex.escape(low)}(?![\w-])", text) is not None


def _appears_mid(text: str, word: str) -> bool:
    """Whether the word stands capitalised after a lower-case word or a comma somewhere."""
    if _WORDY.fullmatch(word):
        return word in _word_index(text)[1]
    return regex.search(rf"[\p{{Ll}},;] {regex.escape(word)}\b", text) is not None


@lru_cache(maxsize=4096)
def _name_words(found: str, stop: frozenset) -> tuple[str, ...]:
    """The words of a run of capitalised words that can name someone: no stop words, months or
    weekdays ("In March", "The"). Cached: a claim's clause is read for each of its claims."""
    words = (w.strip(".'’").removesuffix("'s").removesuffix("’s") for w in found.split())
    return tuple(w for w in words if w and w.lower() not in stop and w.lower() not in _NOT_NAMES)


def _name_of(text: str, run: str, lex: Lexicon) -> tuple[str, str | None] | None:
    """What a run of capitalised words names, and the word to test if it opens its clause (a
    single word that never stands mid-sentence is a common word capitalised there): None when
    it names no one ("Weather stations", "In March")."""
    words = _name_words(run, lex.stop)
    if not words or len(words) == 1 and _appears_lower(text, words[0]):
        return None
    full = " ".join(words).lower()
    return (lex.alias_of.get(full) or lex.alias_of.get(words[-1].lower()) or words[-1].lower(),
            words[0] if len(words) == 1 else None)


def _actors(text: str, c0: int, lo: int, lex: Lexicon, sent: _Sentence) -> tuple[str, ...]:
    """The first and the nearest names in the clause before a claim: who it is about."""
    found = _named_runs(text, c0, lo, lex, sent) if sent.dense else _read_names(text, c0, lo, lex)
    if found and found[0][0] == c0 and found[0][1][1] and not _appears_mid(text, found[0][1][1]):
        found = found[1:]   # "Experts say": a common word capitalised at the start, not a name
    if not found:
        return ()
    return tuple(sorted({found[0][1][0], found[-1][1][0]}))


def _read_names(text: str, a: int, b: int, lex: Lexicon) -> list:
    """(start, `_name_of`) of each run of capitalised words in text[a:b] that names someone."""
    return [(m.start(), n) for m in _NAME.finditer(text, a, b) if (n := _name_of(text, m.group(), lex))]


def _named_runs(text: str, c0: int, lo: int, lex: Lexicon, sent: _Sentence) -> list:
    """`_read_names(text, c0, lo)` from the sentence's runs, found once (`_Sentence.names`):
    where the clause starts inside a run, the run's tail is read on its own, and where the
    claim stands inside one, the whole clause is, as a scan of the clause alone cuts the run."""
    starts, ends, n_starts, n_ends, named = sent.names(text, lex)
    k = bisect.bisect_left(starts, lo) - 1          # the last run starting before the claim
    if k >= 0 and ends[k] > lo:
        return _read_names(text, c0, lo, lex)
    found, rest = [], c0
    j = bisect.bisect_left(starts, c0) - 1          # the last run starting before the clause
    if j >= 0 and ends[j] > c0:
        found, rest = _read_names(text, c0, ends[j], lex), ends[j]
    i0, i1 = bisect.bisect_left(n_starts, rest), bisect.bisect_right(n_ends, lo)
    return found + list(zip(n_starts[i0:i1], named[i0:i1]))


def _same_clause(text: str, date: Claim, c: Claim, s0: int) -> bool:
    """Whether a date sits in the claim's own clause: close by, with no clause break between
    (a sentence-opening date, "In 2008, 50 people died", governs the whole sentence)."""
    if date.end <= c.start:
        gap = text[date.end:c.start]
        head = text[s0:date.start] if date.start - s0 <= 40 else "…"   # only a short head can be "In"
        mid_sentence = not head.strip(" \"'“‘(").lower() in ("", "in", "on", "by", "since", "during")
        if regex.match(r",?\s*when\b[^;]{0,80}$", gap):
            return True  # "in 2011, when voters rejected it with 61% voting no"
        return len(gap) <= 40 and (not regex.search(r"[,;:]", gap) or not mid_sentence)
    gap = text[c.end:date.start]
    return len(gap) <= 25 and not regex.search(r"[,;:]", gap)


def _tense(text: str, s0: int, s1: int, c: Claim) -> str | None:
    window = text[max(s0, c.start - 80): min(s1, c.end + 40)]
    fut, past = _FUTURE.search(window), _PAST.search(window)
    if fut and not past:
        return "future"
    if past and not fut:
        return "past"
    return None


MAX_SERIES = 24   # a "list" of more figures than this is a table or a run of numbers, not one phrase


def _all_series(group, text: str) -> dict[int, tuple[int, int, int, int]]:
    """id(claim) -> (position, size, start, end) for each claim listed together with others of
    its kind ("the 1970s and 1980s"); claims in no list, or in a run longer than MAX_SERIES
    (whose every claim would read the whole run as its context), are absent."""
    out = {}
    by_kind: dict[str, list[Claim]] = {}
    for o in group:
        by_kind.setdefault(o.kind, []).append(o)
    for same in by_kind.values():
        same.sort(key=lambda o: o.start)
        runs, run = [], [same[0]]
        for a, b in zip(same, same[1:]):
            if _COORD.match(text[a.end:b.start]):
                run.append(b)
            else:
                runs.append(run)
                run = [b]
        runs.append(run)
        for r in runs:
            if 1 < len(r) <= MAX_SERIES:
                for k, o in enumerate(r):
                    out[id(o)] = (k + 1, len(r), r[0].start, r[-1].end)
    return out


def reference_time(c: Claim, doc: Document) -> DateValue | None:
    """When a claim holds: its frame's time, else the publication day."""
    if c.frame and c.frame.time:
        return c.frame.time
    if doc.published:
        return _day(doc.published)
    return None


@lru_cache(maxsize=4096)
def _day(d: dt.date) -> DateValue:
    return DateValue(start=d, end=d)


def days_apart(a: DateValue, b: DateValue) -> int:
    """0 when the spans overlap, else the gap in days."""
    if a.end < b.start:
        return (b.start - a.end).days
    if b.end < a.start:
        return (a.start - b.end).days
    return 0


__all__ = ["build_frames", "frames_of", "with_frames", "reference_time", "days_apart", "lexicon", "stem", "dt"]
