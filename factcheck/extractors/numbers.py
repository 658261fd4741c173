"""Extract stage: counts, percentages, ordinals, money and numeric ranges (the only quantulum3-free
number reader).

How it works: two precompiled scans find number "atoms" -- digits ("34,600", "3.2bn", "1e10",
"3/4", "½") on the text and number words ("thirty", "thousand", "dozen", "thirds") on its
lower-cased copy; atoms separated only by joining gaps ("-", "and", "point", "a", "of a") form a
run, and numwords.parse_tokens splits a run into numbers ("one hundred and six", "two thirds of a
million", "3 hundred and 21").  Each number then reads the text just before it (currency symbol or
code, comparison words) and just after it (per cent, currency name, "-nation") with anchored
regexes; neighbouring numbers joined by "-", "to", "and" become ranges, sports scores or ratios.
Ordinals come from a third scan (digit "21st" and spelled "twenty-first").  No per-character
Python loops: the Python work is per number found.

Hedge words before or after a number ("more than", "up to", "or more") are left to the rule
pack's lexicon (qualifiers.py); only comparisons it has no words for (">=", "greater than or
equal to", "exceeds", "30 and above") set `qualifier` here.  Ratios: "one out of three", "two out
of five hundred TVs", and "1 in 21" at a clause end are one count (n/m).  Continental notation
("1.111,11") reads dots as thousands and the comma as the decimal mark.

Readings that belong to other extractors are left out or emitted short so that the longer span
wins in the merge: years (dates), "two-day"/"45-minute"/"3-inch" (durations, quantities), "100m"
(a length unless money or "1.2m people").  Identifiers are skipped: numbers in URLs and paths,
"COVID-19", "Boeing 737", "page 12", clock times, phone numbers, version strings.
"""
from __future__ import annotations

import bisect
import math
import re

import regex

from ..lookahead import TAIL
from ..units import PERCENTAGE_POINT
from .mention import Mention, longest_of_overlapping
from .. import language
from . import numwords as nw
from .numwords import CARDINAL
from .times import FOUR_DIGIT_ZONES

# ---------------------------------------------------------------- shared number reading

# A written number: digits with separators/decimals, or spelled words.  Shared with the other
# extractors (quantities, dates) so they read numbers one way.
DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
NUMBER_PATTERN = rf"(?:{DIGITS}|{CARDINAL})"

_DIGITS_FULL = regex.compile(
    r"[-−]?(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[\u00a0\u2009\u202f ]\d{3})+|\d+)(?:\.\d+)?|[-−]?\.\d+")


_SEPS = regex.compile(r"[,\s\u00a0\u2009\u202f]")


def _power_of_ten(n: int) -> float:
    """10.0 ** n, inf and 0.0 past what a float holds (10.0 ** 380 raises OverflowError): a
    figure of 380 digits is dropped by its value, not by a crash."""
    return math.inf if n > 308 else 0.0 if n < -330 else 10.0 ** n


def number_step(s: str) -> float:
    """The rounding step a written number implies: '34,600' -> 100, '3.2' -> 0.1, 'five' -> 0."""
    s = _SEPS.sub("", s).lstrip("-−+")
    if not s or not (s[0].isdigit() or s.startswith(".")):
        return 0.0
    if "." in s:
        return _power_of_ten(-len(s.split(".", 1)[1]))
    stripped = s.rstrip("0")
    zeros = len(s) - len(stripped)
    return _power_of_ten(zeros) if zeros and stripped else 0.0


def _digits_value(s: str) -> float:
    return float(_SEPS.sub("", s).replace("−", "-"))


def parse_number(s: str) -> tuple[float, float] | None:
    """(value, step) of a written number, digits or words ("34,600", "1.5", "thirty-four thousand six
    hundred", "1.2 million", "3bn", "two thirds"); None if it is not one."""
    t = s.strip()
    if not t:
        return None
    if _DIGITS_FULL.fullmatch(t):
        try:
            v = _digits_value(t)
        except ValueError:   # a digit float() does not know (see _read_digits)
            return None
        return (v, number_step(t)) if math.isfinite(v) else None   # 400 digits: no number a text states
    m = _DIGIT_RE.fullmatch(t)
    if m:
        r = _read_digits(m)
        if r is not None:
            return r[0], r[1]
    toks = _tokens(t, 0, len(t))
    if not toks:
        return None
    rest = t
    for tk in reversed(toks):
        rest = rest[:tk[2]] + rest[tk[3]:]
    if rest.strip(" -\t\n\u00a0"):
        return None
    r = nw.parse_tokens(toks, 0)
    if r is None or r[0] != len(toks):
        return None
    return float(r[1]), float(r[2])


# ---------------------------------------------------------------- patterns

_SCALE_SFX = {k: float(v) for k, v in language.number_words().scale_suffixes.items()}
# Currency codes written glued to the digits after them ("USD100") or before them ("100USD").
_GLUED = "|".join(language.currencies().glued)
# A number in digits, as one token: sign, digits, decimal, fraction, exponent, power, scale suffix.
_DIGIT_NUM = r"""
(?P<neg>(?<![\d)\]%]\s?)(?<![A-Za-z.,/\-−])[-−](?=\.?\d)|(?<=^\s*)[-−]\s(?=\d))?
(?P<int>(?>\d{1,3}(?:\.\d{3})+,\d{1,2}(?![\d]|[.,]\d)|\d{1,3}(?:,\d{3})+(?![\d])|\d{1,2}(?:,\d\d)+,\d{3}(?![\d])|\d{1,3}(?:[\u00a0\u2009\u202f]\d{3})+(?!\d)|\d{1,3}(?:\x20\d{3})+(?![\w,.]?\d)(?![\w])|(?<!\d,)\d+,\d{1,2}(?![\d]|,\d)|\d+|(?=\.\d)|(?=[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞])))
(?P<dec>\.\d+)?
(?P<vf>[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞])?
(?:(?P<mix>\s{1,2}\d{1,2}/\d{1,3}(?![\d/]))|/(?P<den>\d{1,3})(?![\d/]))?
(?P<exp>[eE][-+]?\d+(?![\w]))?
(?P<pow>\^[-+]*\d+)?
(?P<x10>\x20?[x×]\x20?10\^[-+]?\d+)?
(?:(?P<sfx>MM|mln|mil|mn|bln|bn|trn|tln|bps|bp|pp|pc|[kKmMbBGp])(?![\w])|\s{1,2}(?P<sfx2>k|K|M|G|mn|mln|bn|bln|trn|tln)(?![\w]))?
(?:(?![A-Za-z\d])|(?=(?:GLUED)(?![A-Za-z])))
""".replace("GLUED", _GLUED)
_DIGIT_RE = regex.compile(_DIGIT_NUM, regex.X)

_W_ORD = nw._alt(nw.ORDINAL_WORDS)


_ATOM_WORDS = [*nw.UNITS, *nw.TEENS, *nw.TENS, "dozen", "dozens", "dz", "dzs", "doz", "dozs", "half",
               "halves", "quarter", "quarters"]
_ATOM_WORDS += [w + sfx for w in nw.SCALES for sfx in ("", "s")]
_ATOM_WORDS += ["twice", "thrice"]
_ATOM_WORDS += [w + sfx for w in nw.ORDINAL_WORDS for sfx in ("", "s")]
# word atoms are matched on the lower-cased text (same offsets); digits on the original text
_WORD_ATOM_RE = re.compile(rf"\b{language.trie(_ATOM_WORDS)}\b", re.A)  # stdlib re: fastest here
_WORD_ATOM_RE_I = regex.compile(rf"\b{language.trie(_ATOM_WORDS)}\b", regex.I)
_ISO_GLUED = rf"(?<=(?<![A-Za-z])(?:{_GLUED}))"
_DIGIT_ATOM_RE = regex.compile(rf"(?:(?<![\w.])|{_ISO_GLUED})(?:{_DIGIT_NUM})", regex.X)
# what may stand between two atoms of one number: "thirty-four", "one hundred and six",
# "two point five", "half a dozen", "two thirds of a million", "one over three"
_GAP_RE = regex.compile(
    r"(?:\s*-\s*|[\x20\t\u00a0]+|[\x20\t]*\n[\x20\t]*)(?:(?:and|point|of|over|out\x20of)\s+)?(?:(?:minus|negative|an?)\s+)?")
_GAP_WORD = regex.compile(r"[a-z]+")
_PATHLIKE = regex.compile(r"[A-Za-z_][\w.-]*/|/[\w.-]*[A-Za-z_]")
_ORD_ATOM_RE_I = regex.compile(rf"\b{language.trie(nw.ORDINAL_WORDS)}\b", regex.I)
_ORD_PREFIX = regex.compile(rf"\b(?P<c>{nw.CARDINAL})(?:\s+(?P<and>and)\s+|\s+|\s*-\s*)\Z", regex.I)
_PRE_CHARS = set("".join(language.currencies().symbols))   # a currency symbol ends here
_TWICE_NOT = regex.compile(
    r"\s+(?:as\s+(?:many|much|[a-z]+(?:er|ly)?\s+as|(?-i:[a-z]+)\b(?!\s+(?:he|she|it|they|we|i|you|the|a|an|his|her|its|their)\b))|the|that|than|a|an|its|their|his|her|our|my|your|this|those|these|over|more|less|daily|"
    r"weekly|monthly|yearly|annually|per|each|every|what|how)\b", regex.I)
_YEAR_CONTEXT_BEFORE = regex.compile(
    r"\b(?:in|since|from|until|till|by|of|during|before|after|to|and|between|circa|c\.|year|late|early|"
    r"mid|summer|spring|autumn|winter|fall|season|the|\d{1,2},?|[A-Z][a-z]+\.?)\s*-?\s*\Z")
_COUNT_NOUN_AFTER = regex.compile(r"[\x20\u00a0]+(?:people|[a-z]{3,}s)\b")
# A list that states its noun once ("won 35 seats, National Renewal 18, the Green Union 12 and
# smaller parties 7"): each later item is a name and a count of that noun, not a model name.
_GAPPED_ITEM = regex.compile(r"(?:,|;|\band)\x20+(?:the\x20+)?(?:\p{Lu}[\p{L}'’.-]*\x20+){1,4}\Z")
_GAPPED_HEAD = regex.compile(r"\d\x20+\p{Ll}[\p{L}-]+s(?:[,;]\x20+(?:the\x20+)?(?:\p{Lu}[\p{L}'’.-]*\x20+){1,4}\d[\d,]*)*\x20*\Z")
_GAPPED_END = regex.compile(r"\s*(?:[,;]|and\b|\.(?!\d)|\Z)")
_SLASH_DATE = regex.compile(r"(?<![\d/])\d{1,2}/\d{1,2}/(?:\d{4}|\d\d)(?![\d/])")
# A dotted quad with its port or prefix length ("0.0.0.0:8080", "10.0.0.0/8"): an address, not four counts.
_IPV4 = regex.compile(r"(?<![\d.])\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?![\d]|\.\d)(?::\d{1,5}|/\d{1,2})?(?!\d)")
# Text every match of _IPV4 contains; most texts have none, and the stdlib finds that
# several times faster than a full _IPV4 scan (same for _ORD_DIGIT_SEEN below).
_IPV4_SEEN = re.compile(r"\d\.\d{1,3}\.\d")
_PROPORTION_DEN = regex.compile(r"(?:hal(?:f|ves)|thirds?|quarters?|fourths?|fifths?|tenths?)\Z", regex.I)
_CUES = language.context()
_REF_NOUN = regex.compile(rf"\b(?:{language.trie(_CUES.numbered_nouns)})\s+\Z", regex.I)
_RELEASE = regex.compile(r"\d{1,2}\.\d{1,3}")   # "2.15": a release number after "version" or a name
_HEADING_NAME = regex.compile(r"(?:^|\n)#{1,6}[\x20\t]+[^\n]*\p{Lu}[\w.-]*[\x20\t]+\Z")
# An HTTP status code names a response ("HTTP 308 redirect", "status code `404`", "a 503 error"): not a count.
_STATUS_BEFORE = regex.compile(r"\b(?:HTTP(?:/[\d.]+)?|status(?:[\x20\u00a0]+codes?)?|response[\x20\u00a0]+codes?)[\x20\u00a0`]*\Z", regex.I)
_STATUS_AFTER = regex.compile(r"`?[\x20\u00a0]+(?:(?:status|response|redirect|error)\b|(?-i:Not|Bad|Internal|Too|Service|"
                              r"Gateway|Moved|Found|Unauthori[sz]ed|Forbidden|Conflict)\b)", regex.I)
# A name opening a sentence, and what a release does: "Flask 0.8 introduces", "NATS 2.10 adds".
_NAME_AT_START = regex.compile(r"(?:^|[.!?][\x20\t]+|\n[\x20\t]*)(?P<w>[A-Z][A-Za-z]+)\x20\Z")
_RELEASE_VERB = regex.compile(r"\x20(?:introduces|introduced|adds|added|removes|removed|deprecates|deprecated|"
                              r"supports|requires|ships|shipped|brings|drops|dropped|was\x20released|"
                              r"is\x20released|(?:has|have)\x20(?:just\x20)?been\x20released)\b")
# A release a requirement, a pre-release or the word itself names: "Go 1.20 or newer", "2.10 beta 1",
# "the 2.44 release" (not "a GPA of 3.5 or higher": a quantity's bound).
_RELEASE_AFTER = regex.compile(r"[\x20\u00a0]+(?:or[\x20\u00a0]+(?:newer|later)|beta|alpha|rc\d*|releases?|version)\b",
                               regex.I)
_PORT_BEFORE = regex.compile(r"\b(?:ports?|bound[\x20\u00a0]+to|binds?[\x20\u00a0]+to|listen(?:s|ing)?[\x20\u00a0]+on)"
                             r"[\x20\u00a0]+`?(?:\d{2,5}`?(?:,?[\x20\u00a0]+(?:and|or)[\x20\u00a0]+`?|,[\x20\u00a0]*`?))*\Z",
                             regex.I)
# "your local 4222 port": a number naming a port ("12 ports" counts them)
_PORT_AFTER = regex.compile(r"`?[\x20\u00a0]+port\b", regex.I)
# a capitalised word in mid-sentence right before a bare integer names a thing ("Boeing 737")
# A capitalised word before a number is a name ("Boeing 737") when a word stands before it, not
# a sentence end: "It rained. With 50 percent ..." opens a sentence.
_NAME_BEFORE = regex.compile(r"(?<=[\w,)]\x20|[\w,)]\x20\S*[\w,)]\x20)(?P<w>[a-z]?[A-Z][A-Za-z]+)\x20\Z")
_NOT_NAMES = set("""
January February March April May June July August September October November December Jan Feb Mar
Apr Jun Jul Aug Sep Sept Oct Nov Dec Monday Tuesday Wednesday Thursday Friday Saturday Sunday Mon Tue
Wed Thu Fri Sat Sun US UK EU UN I A An The About Around Some Over Nearly Almost Just Only By To In On
At Of From Until Since Between And Or Than Up Down Under Above Below More Less Fewer Roughly Approx
No Yes AD BC BCE CE
""".split())
_NOT_NAMES_RE = regex.compile(r"[A-Z]{2,4}")
_SENTENCE_START = regex.compile(r"(?:[.!?:;\"'“‘(\[]|\n|^)\s*\Z")
_CAP_NEIGHBOUR = regex.compile(r"\x20[A-Z][a-z]")
_LAST_WORD = regex.compile(r"([a-z]+)[\x20-]+\Z")
_FUNCTION_WORDS = set("""
and or to a an the of for by in on at up off out all way from with per as if is are was be not no nor so
but than then too very each plus minus times
""".split())
_M_COUNT_NOUN = regex.compile(r"[\x20\u00a0]+(?:more\x20|fewer\x20|new\x20|extra\x20|other\x20)?(people|[a-z]{3,}s)\b")
_LENGTH_CONTEXT = {"metres", "meters", "lengths", "laps", "heats", "finals", "races", "yards", "steps",
                   "depths", "heights", "widths", "is", "was", "has", "as", "its", "this", "his", "hers"}
_FRACTION_OF_UNIT = regex.compile(
    r"\s+(?:of\s+)?an?\s+(?:second|minute|hour|day|week|month|year|decade|century|millennium|mile|"
    r"kilometre|kilometer|metre|meter|inch|foot|yard|litre|liter|gallon|pint|pound|kilo|kilogram|ton|"
    r"tonne|acre|hectare|point|percentage\s+point|per\s*cent|percent)\b", regex.I)
# "a quarter of a point", "two tenths of a point": a fraction of a point is a move in a rate
_FRACTION_OF_POINT = regex.compile(r"\s+(?:of\s+)?an?\s+(percentage\s+point|per\s*cent|percent|point)\b", regex.I)
_ANY_WORD = regex.compile(r"[A-Za-z]+")
_PRE_BEFORE = regex.compile(r"\b(?:minus|negative|an?)\s+\Z")


# ---------------------------------------------------------------- currencies

_CUR = language.currencies()
_SYMBOLS = dict(_CUR.symbols)
_DOLLAR_PREFIX = dict(_CUR.dollar_prefixes)
_CUR_WORDS = dict(_CUR.words)
_CUR_ADJ = dict(_CUR.adjectives)
_ABBREVIATED = {k.upper(): v for k, v in _CUR.abbreviations.items()}
# words that are currencies only with a scale or an explicit adjective ("5 pounds" may be weight)
_AMBIGUOUS_CUR = set(_CUR.ambiguous)


def _escaped_alt(words) -> str:
    """Words of the language data as one alternation, longest first, each matched as written."""
    return nw._alt([regex.escape(w) for w in words])


# A single letter before "$" counts as a capital only ("A$5"); longer prefixes in any case.
_DOLLAR_PREFIX_RE = (f"(?i:{_escaped_alt(k for k in _DOLLAR_PREFIX if len(k) > 1)})\\s?|"
                     f"[{''.join(k.upper() for k in _DOLLAR_PREFIX if len(k) == 1)}]")
_SYMBOL_CHARS = "".join(regex.escape(k) for k in _SYMBOLS if len(k) == 1)   # for a [...] class
_SYMBOL_WORDS = _escaped_alt(k for k in _SYMBOLS if len(k) > 1)
_ISO_BEFORE = _escaped_alt([*_CUR.codes, *_CUR.lower_case_before, *_CUR.abbreviations])
_ISO_AFTER = _escaped_alt([*_CUR.codes, *_CUR.codes_after_only, *_CUR.lower_case_after])
_MILLIONS = _escaped_alt(_CUR.millions)

_CUR_PRE_RE = regex.compile(
    rf"""(?:
      (?<![A-Za-z.])(?P<dp>{_DOLLAR_PREFIX_RE})\$
    | (?P<sym>[{_SYMBOL_CHARS}]|{_SYMBOL_WORDS})
    | (?<![A-Za-z])(?P<miso>M(?:{_MILLIONS}))
    | (?<![A-Za-z])(?P<iso>{_ISO_BEFORE})
    )[\x20\u00a0]?\Z""", regex.X)

_CUR_ADJ_RE = _escaped_alt(_CUR_ADJ)
_CUR_WORD_RE = _escaped_alt(_CUR_WORDS)
_SUFFIX_RE = regex.compile(
    rf"""(?:
      (?P<pct>\x20?%|[\x20\u00a0]?(?:per[\x20-]?cent|percent|pct)s?(?!\w)|[\x20\u00a0]percentages?(?!\w))
      (?P<pp>[\x20\u00a0]?-?(?:percentage[\x20-]?)?points?(?!\w))?
    | [\x20\u00a0]?(?P<ppt>percentage[\x20-]points?|pct[\x20-]points?|ppts?|pp)(?!\w)
    | [\x20\u00a0]?(?P<bp>basis[\x20-]points?|bps|bp)(?!\w)
    | (?P<cursep>[\x20\u00a0]?-?)(?:(?P<adj>{_CUR_ADJ_RE})[\x20\u00a0]+)?(?P<cw>(?:{_CUR_WORD_RE})(?:e?s)?|yuan|元)(?P<sterling>\x20sterling)?(?![\w])
    | [\x20\u00a0]?(?P<iso>{_ISO_AFTER})(?P<isoscale>\x20(?:million|billion|trillion|thousand|mn|bn))?(?![\w])
    | [\x20\u00a0]?(?P<miso>M(?:{_MILLIONS}))(?![\w])
    | [\x20\u00a0]?(?P<sym>[{_SYMBOL_CHARS}]|{_SYMBOL_WORDS})(?![\w$])
    | -(?P<noun>[A-Za-z]{{2,}})(?![\w-])
    )""", regex.X | regex.I)

# hyphen compounds owned by the duration/age/quantity extractors: "two-day", "45-minute", "3-inch"
_MEASURE_NOUNS = set("""
second sec minute min hour hr day night week month year yr decade century millennium fortnight
weekend season term lap mile kilometre kilometer km metre meter m cm mm foot feet ft inch in yard
acre hectare ha gram g kilogram kg kilo pound lb ounce oz ton tonne litre liter gallon pint degree
storey story floor volt watt megawatt kilowatt horsepower hp calorie mph kph knot bed bedroom
percent point pointer year-old month-old week-old day-old hour-long minute-long day-long
""".split())
_NUMBER_WORDS = language.number_words()
# "one-off", "one-time", "one-sided": lexicalised compounds, not counts
_IDIOM_NOUNS = frozenset(_NUMBER_WORDS.idiom_nouns)

_SPORT_RE = regex.compile(language.cues(_CUES.score_cues))
_CHANGE_RE = regex.compile(language.cues(_CUES.change_cues))

_ONE_BEFORE = regex.compile(rf"(?:\b(?:{language.trie(_NUMBER_WORDS.before_one)})\s+|-)\Z", regex.I)
_AFTER_ONE = language.trie(_NUMBER_WORDS.after_one, language.SPACES)
_ONE_AFTER = regex.compile(rf"(?:\s+(?:{_AFTER_ONE})\b|'s\b|’s\b|-(?!\d))", regex.I)

_ONE_RATIO = regex.compile(rf"\s+(?:in|out\s+of)\s+(?:\d|{nw.CARDINAL})", regex.I)  # "one in five"
_BETWEEN_RE = regex.compile(r"\b(?:between|from)\s+(?:the\s+)?\Z", regex.I)
_RANGE_SEP_RE = regex.compile(
    r"(?P<dash>\s*[-–—~]\s*)\Z|\s+(?P<to>to|through|thru|till|until)\s+(?:the\s+)?\Z|\s+(?P<and>and)\s+(?:the\s+)?\Z",
    regex.I)

# comparisons around a single number (qualifier) and two-sided ones ("more than 20 and less than 30")
_CMP_BEFORE = regex.compile(
    r"""(?:
      (?P<ge>(?:\b(?:at\s+least|no\s+(?:less|fewer|lower|smaller)\s+than|not\s+(?:less|fewer)\s+than|
            (?:more|greater|higher|larger|bigger)\s+(?:than\s+)?or\s+equal\s+(?:to|than)|
            equal\s+to\s+or\s+(?:more|greater|higher|larger|bigger)\s+than|at\s+least\s+or\s+equal\s+to|
            a\s+minimum\s+of|minimum\s+of)\s+)|>\s*=\s*|≥\s*|=>\s*)
    | (?P<le>(?:\b(?:at\s+most|up\s+to|no\s+(?:more|greater|higher|larger)\s+than|not\s+more\s+than|
            (?:less|fewer|lower|smaller)\s+(?:than\s+)?or\s+equal\s+(?:to|than)|
            equal\s+to\s+or\s+(?:less|fewer|lower|smaller)\s+than|a\s+maximum\s+of|maximum\s+of)\s+)|<\s*=\s*|≤\s*|=<\s*)
    | (?P<gt>(?:\b(?:more|greater|higher|larger|bigger)\s+than|\bover|\babove|\bexceed(?:s|ed|ing)?|
            \bsurpass(?:es|ed|ing)?|\bin\s+excess\s+of|\bupwards\s+of)\s+|>\s?)
    | (?P<lt>(?:\b(?:less|fewer|lower|smaller)\s+than|\bunder|\bbelow|\bshort\s+of)\s+|<\s?)
    | (?P<eq>\b(?:equal(?:s|ing)?\s+(?:to\s+)?|equals\s+)|=\s?)
    )(?:the\s+)?\Z""", regex.X | regex.I)
_CMP_AFTER = regex.compile(
    r"\s+(?:(?P<ge>(?:or|and)\s+(?:more|greater|higher|above|over)(?:\s+than)?)|"
    r"(?P<le>(?:or|and)\s+(?:less|fewer|lower|below|under)(?:\s+than)?)|"
    r"(?P<ge2>or\s+equal(?:\s+to)?))(?!\s+(?:than\s+)?[-\d])(?!\w)", regex.I)
# comparison wording the qualifier lexicon has no entry for: symbols, "or equal", verbs, "and above"
_CMP_OWN = regex.compile(r"[<>=≤≥]|\bequal|\bexceed|\bsurpass|\band\s|\bor\s+(?:greater|lower|smaller|larger|bigger)\b"
                         r"|\bupwards\b|\bminimum\b|\bmaximum\b|\bno\s+(?:lower|smaller|higher|larger|greater)\b",
                         regex.I)
_CMP_QUAL = {"ge": "at_least", "le": "at_most", "gt": "more_than", "lt": "less_than"}
_CMP_JOIN_RE = regex.compile(r"\s*(?:,\s*)?(?:(?:and|but|or)\s+)?", regex.I)

_ORD_DIGIT_RE = regex.compile(r"(?<![\w.,/-])(?P<n>\d{1,3}(?:,\d{3})*|\d+)(?P<s>st|nd|rd|th|ST|ND|RD|TH)(?![\w])")
_ORD_DIGIT_SEEN = re.compile(r"\d(?:st|nd|rd|th|ST|ND|RD|TH)")
_ORD_NOUN_RE = regex.compile(r"[\x20\u00a0](?P<u>day|night|week|month|year)(?![\w-])", regex.I)
_ORD_IDIOM_BEFORE = regex.compile(r"\b(?:at|in\s+the)\s+\Z|\bfirst\s+(?:and|or)\s+\Z", regex.I)
_ORD_IDIOM_AFTER = regex.compile(rf"(?:\s+(?:{language.trie(_NUMBER_WORDS.ordinal_idioms, language.SPACES)})\b"
                              rf"|-(?!{language.trie(_NUMBER_WORDS.ordinal_ranks)})[A-Za-z])", regex.I)

_PROPORTION_AFTER = regex.compile(
    r"\s+(?:of|the|its|their|his|her|our|my|your|all|these|those|this|that|them|us|it)\b", regex.I)
_PROPORTION_BEFORE = regex.compile(
    r"\b(?:more\s+than|less\s+than|fewer\s+than|almost|nearly|about|around|roughly|some|over|under|"
    r"by|than|just|only|barely|approximately|close\s+to|up\s+to|at\s+least|at\s+most|a\s+full|fully|"
    r"exactly|precisely|nearer|nigh|well\s+over|well\s+under)\s+\Z", regex.I)
_YEARLIKE = (1000, 2100)


_OVER_RE = regex.compile(r"\s+(over|out\s+of|in)\s+", regex.I)
_OVER_END = regex.compile(r"\s*(?:[.,;:!?)]|\Z)")
# "four in ten were women", "one in five adults", "two in three eligible voters": a verb or a
# noun after "N in M" makes it a share of a group ("3 in 2020" has a year, "won 5 in 7" ends)
_SHARE_AFTER = regex.compile(r"[\x20\u00a0]+(?!(?:second|minute|hour|day|week|month|year|decade|"
                             r"centur|mile|metre|meter|kilomet|feet|foot|inch|yard|point|percent)[a-z]*\b)"
                             r"(?:were|are|was|is|have|had|say|said|of|[a-z]{2,}s\b|"
                             r"(?:adults?|people|eligible|registered|young|older|voters?|women|men|children)\b)",
                             regex.I)
# A share in words ("a third", "four in ten") is a round figure: it stands for the percentages
# a writer would round to it, within half this many points.
WORDED_SHARE_STEP = 5.0
_URL_RE = regex.compile(
    r"\b(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.]+|(?<![\w/])/?(?:[\w-]+/){2,}[\w.%?=&-]*", regex.I)
_ONE_CUR = regex.compile(rf"-(?:{_CUR_WORD_RE})\b", regex.I)
_NOUN_AFTER = regex.compile(
    r"[\x20-]+(?!(?:of|in|on|at|to|for|and|or|but|than|as|by|from|with|more|less|over|under|off|up|down|"
    r"is|was|are|were|has|had|have|will|would|shows?|showed|said|says)\b)[a-z]")
_TIME_AFTER = regex.compile(
    r"[\x20-](?:seconds?|minutes?|hours?|days?|nights?|weeks?|months?|years?|decades?|centuries|weekends?|"
    r"seasons?|periods?|quarters?)\b(?![\x20-]+old)", regex.I)
_NAME_DASH = regex.compile(r"(?<![\d.])[A-Za-z]+-\Z")
# "flight 4U 9525", "Flight AI 171": a flight named by its airline's code and number
_REF_CODE = regex.compile(r"\b(?i:flights?)[\x20\u00a0]+(?=[A-Z\d]*[A-Z])[A-Z\d]{2,3}[\x20\u00a0]+\Z")
# after a four-digit clock time: a time zone ("2317 GMT", "0815 UTC")
_ZONE_AFTER = regex.compile(r"[\x20\u00a0]?(?:" + "|".join(FOUR_DIGIT_ZONES) + r")\b")
# "07.24hrs", "0915 hrs": an hour with its leading zero, its minutes and "hrs" is a time of day
# (a count to this reader, a duration to the quantity reader, were it not for this)
HOURS_CLOCK = regex.compile(r"(?<![\w.,])0\d[.:]?[0-5]\d[\x20\u00a0]?(?:hrs|hours|h)\b", regex.I)
# a capitalised maker or model name, a number, a dash and a variant in hundreds ("Boeing 737-800",
# "Airbus 320-200"); a score after a team's name ("Boston 110-105") is two counts
_MODEL_NUMBER = regex.compile(r"\p{Lu}\p{L}+[\x20\u00a0]\d{3,4}-[1-9]00(?:[A-Z]{1,2})?\b")
# "magnitude-6.1", "category-4", "level-3": a reading on a named scale, not a name with digits
_SCALE_DASH = regex.compile(r"\b(?:magnitude|category|level|grade|stage|tier)-\Z", regex.I)
_CHAIN_AFTER = regex.compile(r"-\d+-\d|-0\d{2}")
_CHAIN_BEFORE = regex.compile(r"\d-\d+-\Z")
# a group of three or more digits that opens with 0, joined by a dash: a phone number, a part or
# a postal code ("555-0100", "4-0123"); no count or end of a range is written with a leading zero
_ZERO_GROUP = regex.compile(r"0\d{2,}")
_MONEY_SCALE = regex.compile(r"[\x20\u00a0]?(?:(?P<m>m|mn)|(?P<bn>bn|b))(?![\w])")
_HALF_BEFORE = regex.compile(r"\b(?:first|second|1st|2nd|other|and\s+a)\s+\Z", regex.I)
_HALF_A = regex.compile(r"\s+an?\s", regex.I)
_SECOND_BEFORE = regex.compile(
    r"(?:\b(?:a|one|per|each|every|split|\d+|the\s+same|fraction\s+of\s+a|nano|milli|micro)\s*)\Z", regex.I)
_SECOND_NOUN = regex.compile(r"\s+(?!(?:or|and|later|ago|before|after|to|of|in|on|at|for|the|a|an|then|when|while|he|she|it|they|we|i|you)\b)[a-z]", regex.I)
_SECOND_AFTER = regex.compile(r"s\b|\s+(?:or|and)\s+(?:two|three|so)\b", regex.I)
_CENTS_RE = regex.compile(
    r"\s+(?:and\s+)?(?P<c>\d{1,2}|" + nw._alt([*nw.UNITS, *nw.TEENS, *nw.TENS])
    + r")\b(?:[\s-]+(?P<c2>" + nw._alt([k for k in nw.UNITS if nw.UNITS[k]]) + r")\b)?"
    r"(?:\s+(?:cents?|pence|p)\b|(?=\s*(?:[.,;!?]|\Z)|\s+(?:and|more)\b))", regex.I)


class _N:
    """A number found in the text, before it becomes a Mention."""

    __slots__ = ("start", "end", "value", "step", "kind", "unit", "dim", "qual", "frac", "words",
                 "scaled", "high", "extra", "score", "drop", "word_scale")

    def __init__(self, start, end, value, step, frac=False, words=False, scaled=False, word_scale=None):
        self.start, self.end, self.value, self.step = start, end, value, step
        self.kind, self.unit, self.dim, self.qual = "count", None, None, None
        self.frac, self.words, self.scaled, self.word_scale = frac, words, scaled, word_scale
        self.high = None
        self.extra = None
        self.score = False
        self.drop = False


def _read_digits(m):
    """(value, step, scaled) from a _DIGIT_NUM match (scaled: the scale suffix or False), or None;
    None too for more digits than a float holds (a run of 400 is no number a text states), and
    for digits of a script newer than Python's Unicode tables (the regex module knows U+16130,
    float() does not)."""
    try:
        r = _read_digits_as_written(m)
    except ValueError:
        return None
    return r if r is None or math.isfinite(r[0]) else None


def _read_digits_as_written(m):
    ip, dec, vf, mix, den, exp, x10, pw, sfx, sfx2, neg = m.group(
        "int", "dec", "vf", "mix", "den", "exp", "x10", "pow", "sfx", "sfx2", "neg")
    if not (dec or vf or mix or den or exp or x10 or pw or sfx or sfx2 or neg) and ip and ip.isdigit():
        # the common case: a plain integer
        v = float(ip)
        z = len(ip) - len(ip.rstrip("0"))
        return v, (_power_of_ten(z) if z and z < len(ip) else 0.0), False
    ip = ip or ""
    dec = dec or ""
    if not ip and not dec and not vf:
        return None
    if ip and "." in ip:
        # continental notation: dots group thousands, a comma marks decimals ("1.111,11")
        a, b = ip.replace(".", "").split(",")
        v = float(f"{a}.{b}")
        step = _power_of_ten(-len(b))
    elif ip and "," in ip and _DEC_COMMA.fullmatch(ip):
        # decimal comma ("1,3", "5,00")
        a, b = ip.split(",")
        v = float(f"{a}.{b}")
        step = _power_of_ten(-len(b))
    else:
        s = ip + dec
        v = _digits_value(s) if s else 0.0
        step = number_step(s)
    if vf:
        v += _VULGAR[vf]
        step = 0.0
    if mix:
        a, b = mix.strip().split("/")
        a, b = int(a), int(b)
        if not 0 < a < b or b not in _DENS:
            return None
        v += a / b
        step = 0.0
    elif den:
        b = int(den)
        if not 0 <= v < b or b not in _DENS or dec:
            return None
        if _DATE_BEFORE.search(m.string, max(0, m.start() - 8), m.start()):
            return None  # "on 5/8": a date
        v = v / b
        step = 0.0
    if exp:
        e = int(exp[1:])
        if abs(e) > 300:
            return None  # "0e310": no quantity, and 10.0 ** 310 overflows
        v = v * 10.0 ** e
        step = 0.0
    if x10:
        e = int(x10.split("^")[1])
        if abs(e) > 300:
            return None
        v = v * 10.0 ** e
        step = 0.0
    if pw:
        p = pw[1:]
        sign = -1 if p.count("-") % 2 else 1
        try:
            v = v ** (sign * int(p.lstrip("+-")))
        except (OverflowError, ZeroDivisionError):
            return None
        step = 0.0
    sfx = sfx or sfx2
    scaled = False
    if sfx in ("p", "pp", "pc", "bp", "bps"):
        scaled = sfx  # pence, percentage points, per cent: no scale
    elif sfx:
        mult = _SCALE_SFX[sfx]
        step = (step or 1.0) * mult
        v *= mult
        scaled = sfx
    if neg:
        v = -v
    return v, step, scaled


_VULGAR = {"½": 1 / 2, "⅓": 1 / 3, "⅔": 2 / 3, "¼": 1 / 4, "¾": 3 / 4, "⅕": 1 / 5, "⅖": 2 / 5, "⅗": 3 / 5,
           "⅘": 4 / 5, "⅙": 1 / 6, "⅚": 5 / 6, "⅛": 1 / 8, "⅜": 3 / 8, "⅝": 5 / 8, "⅞": 7 / 8}
_DEC_COMMA = regex.compile(r"\d+,\d{1,2}")
_DATE_BEFORE = regex.compile(r"\b(?:on|since|by|until|till|before|after)\s+\Z", regex.I)
_DENS = {2, 3, 4, 5, 6, 8, 10, 12, 16, 32, 64, 100}


def _digit_token(m):
    r = _read_digits(m)
    if r is None:
        return ("word", None, m.start(), m.end(), False, m.group())
    return ("num", (r[0], r[1], r[2], m), m.start(), m.end(), False, m.group())


def _tokens(text, lo, hi):
    """Tokens (numwords format) of text[lo:hi]: digits become 'num' tokens with (value, step)."""
    items = [(m.start(), m.end(), 0, m) for m in _DIGIT_ATOM_RE.finditer(text, lo, hi)]
    items += [(m.start(), m.end(), 1, m) for m in _ANY_WORD.finditer(text, lo, hi)]
    items.sort(key=lambda t: t[0])
    out = []
    last_end = None
    for s0, e0, typ, m in items:
        if last_end is not None and s0 < last_end:
            continue
        hy = last_end is not None and "-" in text[last_end:s0]
        if typ == 0:
            r = _read_digits(m)
            t = ("word", None, s0, e0, hy, m.group()) if r is None else ("num", (r[0], r[1], r[2], m), s0, e0, hy, m.group())
        else:
            w = m.group()
            c = nw.classify(w.lower())
            t = ("word", None, s0, e0, hy, w) if c is None else (c[0], c[1], s0, e0, hy, w)
        out.append(t)
        last_end = e0
    return out


def _word_atoms(text: str) -> tuple[str, list, bool]:
    """The text the word atoms were read in, the atoms, and whether that text is `text`
    lower-cased (when lower-casing keeps the offsets; otherwise the atoms are read case-blind)."""
    low = text.lower()
    if len(low) != len(text):
        return text, list(_WORD_ATOM_RE_I.finditer(text)), False
    return low, list(_WORD_ATOM_RE.finditer(low)), True


def _scan_runs(text, low: str, words: list):
    """Numbers (cardinals, fractions, digits) in text as _N objects, in order; `low` and
    `words` are _word_atoms(text)."""
    atoms = [(m.start(), m.end(), 0, m) for m in _DIGIT_ATOM_RE.finditer(text)]
    atoms += [(m.start(), m.end(), 1, m) for m in words]
    atoms.sort(key=lambda a: a[0])
    found = []
    n_atoms = len(atoms)
    k = 0
    while k < n_atoms:
        # group atoms separated only by joining gaps into one run
        run = [atoms[k]]
        k += 1
        while k < n_atoms:
            s0 = atoms[k][0]
            pe = run[-1][1]
            if s0 < pe:
                k += 1
                continue
            if s0 - pe > 24 or not _GAP_RE.fullmatch(low, pe, s0):
                break
            run.append(atoms[k])
            k += 1
        if len(run) == 1 and run[0][2] == 0:
            s0, e0, _, m = run[0]
            # fast path: one number in digits (with a possible "minus"/"a" before it ignored)
            r = _read_digits(m)
            if r is None:
                continue
            pm = _PRE_BEFORE.search(low, max(0, s0 - 10), s0) if s0 and low[s0 - 1] == " " else None
            if pm and pm.group().startswith(("minus", "negative")):
                found.append(_N(pm.start(), e0, -r[0], r[1], scaled=r[2]))
            else:
                found.append(_N(s0, e0, r[0], r[1], scaled=r[2]))
            continue
        toks = []
        s_first = run[0][0]
        pm = _PRE_BEFORE.search(low, max(0, s_first - 10), s_first) if s_first and low[s_first - 1] == " " else None
        if pm:
            w = pm.group().split()[0]
            c = nw.classify(w)
            toks.append((c[0], c[1], pm.start(), pm.start() + len(w), False, text[pm.start():pm.start() + len(w)]))
        prev_end = None
        for s0, e0, typ, m in run:
            if prev_end is not None:
                hy = "-" in low[prev_end:s0]
                for gm in _GAP_WORD.finditer(low, prev_end, s0):
                    w = gm.group()
                    c = nw.classify(w) if w != "out" else ("word", None)
                    if w == "of" or w == "over":
                        c = ("word", None)
                    toks.append((c[0] if c else "word", c[1] if c else None, gm.start(), gm.end(), False, text[gm.start():gm.end()]))
            else:
                hy = False
            if typ == 0:
                r = _read_digits(m)
                t = ("word", None, s0, e0, hy, m.group()) if r is None else ("num", (r[0], r[1], r[2], m), s0, e0, hy, m.group())
            else:
                w = m.group()
                c = nw.classify(w)
                t = ("word", None, s0, e0, hy, w) if c is None else (c[0], c[1], s0, e0, hy, text[s0:e0])
            toks.append(t)
            prev_end = e0
        _parse_run(text, toks, found)
    return found


def _parse_run(text, toks, found):
    n = len(toks)
    i = 0
    while i < n:
        t = toks[i]
        if t[0] == "word" and t[5].lower() in ("twice", "thrice"):
            # "scored twice" is a count; "twice as many", "twice the size" are ratios
            if not _TWICE_NOT.match(text, t[3], t[3] + TAIL):
                found.append(_N(t[2], t[3], 2.0 if t[5].lower() == "twice" else 3.0, 0.0, words=True))
            i += 1
            continue
        if t[0] in ("and", "point", "word") or (t[0] == "a" and i + 1 >= n):
            i += 1
            continue
        r = nw.parse_tokens(toks, i)
        if r is None or r[0] <= i:
            i += 1
            continue
        j, v, step, frac = r
        first, last = toks[i], toks[j - 1]
        if first[0] == "scale" and (first[5][-1:] in "sS" or first[1] >= 1000 or j == i + 1):
            i = j  # "thousands", "hundreds of thousands", bare "million": vague, no value
            continue
        has_num = False
        has_word = False
        scaled = False
        word_scale = None
        for tk in toks[i:j]:
            if tk[0] == "num":
                has_num = True
                if tk[1][2]:
                    scaled = tk[1][2]
            elif tk[0] == "scale":
                if tk[1] >= 1000:
                    word_scale = tk[1]
            elif tk[0] not in ("and",):
                has_word = True
        if not has_num:
            step = 0.0
        found.append(_N(first[2], last[3], float(v), float(step), frac=frac, words=has_word,
                        scaled=scaled or bool(word_scale), word_scale=word_scale))
        i = j


# ---------------------------------------------------------------- main entry

def extract_numbers(text: str) -> list[Mention]:
    """Counts, percentages, ordinals, money and ranges in text."""
    low, words, lowered = _word_atoms(text)
    nums = _scan_runs(text, low, words)
    blocked = _blocked_spans(text)
    keep: list[_N] = []
    hidden: list[_N] = []  # dropped readings that still hide the ordinal inside them
    for x in nums:
        if blocked:
            q = bisect.bisect_right(blocked, (x.start, len(text) + 1)) - 1
            if q >= 0 and blocked[q][0] <= x.start < blocked[q][1]:
                continue
        if _reject(text, x):
            continue
        _attach_context(text, x)
        if not x.drop:
            keep.append(x)
        elif x.extra and x.extra.get("hide"):
            hidden.append(x)
    keep = _combine(text, keep)
    out = []
    for x in keep:
        if x.drop or (x.extra and x.extra.get("pending_m")):
            continue
        if not (abs(x.value) < 1e18 and (x.high is None or abs(x.high) < 1e18)):
            continue  # digit strings too long to be quantities (ids, hashes) or overflowing
        if (x.kind == "count" and x.high is None and not x.unit and not x.score and x.end - x.start == 4
                and 1900 <= x.value <= 2099 and text[x.start:x.end].isdigit() and text[x.start - 1:x.start] != "/"):
            # a year is a date (the date reader's), not a count: keep only "2000 people"
            if not _COUNT_NOUN_AFTER.match(text, x.end, x.end + TAIL) or _YEAR_CONTEXT_BEFORE.search(text, max(0, x.start - 12), x.start):
                continue
        out.append(_to_mention(x))
    # NOTE: ordinal words are word atoms too, and both patterns match whole words, so the
    # ordinals among the word atoms are what an ordinal-word scan would find (one scan saved).
    ord_words = ([m for m in words if m.group() in nw.ORDINAL_WORDS] if lowered
                 else list(_ORD_ATOM_RE_I.finditer(text)))
    ords = _ordinals(text, keep + hidden if hidden else keep, ord_words)
    if ords:
        # a number inside a longer ordinal ("twenty" in "twenty-first") is not a count
        ospans = sorted((o.start, o.end) for o in ords)
        ostarts = [a for a, _ in ospans]

        def inside(m):
            q = bisect.bisect_right(ostarts, m.start) - 1
            return q >= 0 and ospans[q][1] >= m.end and ospans[q][1] - ospans[q][0] > m.end - m.start
        out = [m for m in out if not inside(m)]
        out.extend(ords)
    return longest_of_overlapping(out)


def _blocked_spans(text: str) -> list[tuple[int, int]]:
    """Spans of URLs, e-mail addresses, paths and IPv4 addresses (numbers inside are identifiers)."""
    spans = []
    if text.count(".") >= 3 and _IPV4_SEEN.search(text):
        spans += [m.span() for m in _IPV4.finditer(text)]
    for ch in ("/", "@", "www."):
        p = text.find(ch)
        while p >= 0:
            a = p
            while a > 0 and not text[a - 1].isspace():
                a -= 1
            b = p + 1
            n = len(text)
            while b < n and not text[b].isspace():
                b += 1
            tok = text[a:b]
            if ("://" in tok or tok.startswith("www.") or tok.count("/") >= 2 and _PATHLIKE.search(tok)
                    or ch == "@" and "." in tok[tok.find("@"):]):
                spans.append((a, b))
            p = text.find(ch, b)
    spans.sort()
    return spans


def _to_mention(x: _N) -> Mention:
    hi = x.high if x.high is not None else x.value
    lo = x.value
    if hi < lo:
        lo, hi = hi, lo
    extra = x.extra or {}
    return Mention(x.start, x.end, x.kind, {"low": _clean(lo), "high": _clean(hi)}, unit=x.unit,
                   dimension=x.dim, step=x.step, qualifier=x.qual, source="numbers", extra=extra)


def _clean(v: float):
    if v.is_integer() and abs(v) < 1e15:
        return int(v)
    if not math.isfinite(v):
        return v
    # float noise from scaling ("4.1bn" = 4099999999.9999995): snap to the short decimal it came from
    r = float(f"{v:.10g}")
    if r != v and float(f"{v:.13g}") == r:
        v = r
    if v.is_integer() and abs(v) < 1e15:
        return int(v)
    return v


def _reject(text: str, x: _N) -> bool:
    """Numbers that are not claims: identifiers, names with digits, times, idioms."""
    s, e = x.start, x.end
    before = text[max(0, s - 2):s]
    after = text[e:e + 2]
    seg = text[s:e]
    if not x.words or seg[:1].isdigit() or seg[:1] in "-−.":
        verdict = _reject_figure(text, x, before, after, seg)
        if verdict is not None:
            return verdict
    return bool(x.words) and _reject_words(text, x, before, seg)


def _reject_figure(text: str, x: _N, before: str, after: str, seg: str) -> bool | None:
    """A number written in digits that is an identifier, a reference, a clock time or a name
    with digits (True); the part of a numeric date (False); None when nothing tells."""
    s, e = x.start, x.end
    # dotted chains (IP addresses, versions), slashed chains (dates, ids), clock times
    if after[:1] in ("/", "\\") or before[-1:] in ("/", "\\", "#", "@"):
        # the parts of a numeric date ("5/17/2018") stay numbers; the date reader spans the whole
        return not (before[-1:] in ("/", "") or after[:1] == "/") or not _in_slash_date(text, s, e)
    if (after[:1] in ".:" and after[1:2].isdigit()) or (before[-1:] in ".:" and before[:1].isdigit()):
        return True
    # network ports and lists of them: "port 4222", "ports 4222, 5222, and 6222", "localhost:4248"
    if seg.isdigit() and 2 <= len(seg) <= 5 and (_PORT_BEFORE.search(text, max(0, s - 48), s)
                                                  or _PORT_AFTER.match(text, e, e + TAIL)
                                                  or before[-1:] == ":" and before[:1].isalpha()):
        return True
    if seg.isdigit() and len(seg) == 3 and "100" <= seg <= "599" and (
            _STATUS_BEFORE.search(text, max(0, s - 24), s) or _STATUS_AFTER.match(text, e, e + TAIL)):
        return True
    if _RELEASE.fullmatch(seg) and _RELEASE_AFTER.match(text, e, e + TAIL) or after == ".x":
        return True   # "2.10 beta", "25.x": a release, a release line
    # references and model names: "page 12", "Chapter 11", "Boeing 737", "Apollo 11"
    if _RELEASE.fullmatch(seg) and before[-1:] in (" ", "\u00a0") and not after[:1] == "-":
        # releases: "version 2.15", "NATS 2.11" closing a heading or a clause
        if _REF_NOUN.search(text, max(0, s - 14), s):
            return True
        if after[:1] in ("", "\n") and _HEADING_NAME.search(text, max(0, s - 60), s):
            return True   # "# NATS 2.11": a heading that names a release
        nm = _NAME_BEFORE.search(text, max(0, s - 30), s)
        if nm and nm.group("w") not in _NOT_NAMES and (after[:1] in ("", "\n", ",", ";", ")")
                                                       or after[:1] == "." and after[1:2] in ("", " ", "\n")):
            return True
        # a release a sentence is about: "Flask 0.8 introduces instance folders"
        st = _NAME_AT_START.search(text, max(0, s - 30), s)
        if st and st.group("w") not in _NOT_NAMES and _RELEASE_VERB.match(text, e, e + TAIL):
            return True
    if seg.isdigit() and len(seg) == 4 and "0000" <= seg <= "2359" and seg[2] < "6" and (
            _ZONE_AFTER.match(text, e, e + TAIL) or HOURS_CLOCK.match(text, s, e + TAIL)):
        return True   # "2317 GMT", "0915 hrs": a clock time
    if seg.isdigit() and 3 <= len(seg) <= 4 and any(
            m.start() < s and e <= m.end() for m in _MODEL_NUMBER.finditer(text, max(0, s - 30), e + 8)):
        return True   # "Airbus 320-200", "Boeing 737-800": a model and its variant
    if seg.isdigit() and len(seg) <= 4 and before[-1:] in (" ", "\u00a0") and not after[:1] == "-":
        if _REF_NOUN.search(text, max(0, s - 14), s) or _REF_CODE.search(text, max(0, s - 20), s):
            return True
        nm = _NAME_BEFORE.search(text, max(0, s - 30), s)
        if (nm and nm.group("w") not in _NOT_NAMES and not _NOT_NAMES_RE.fullmatch(nm.group("w"))
                and not _COUNT_NOUN_AFTER.match(text, e, e + TAIL) and not _gapped(text, s, e)):
            return True  # ...unless a plural noun follows: "in Varo 14 people died"
    # names with digits: "COVID-19", "F-16", "MH-17", "G-7"
    if before[-1:] == "-" and before[:1].isalpha() and _NAME_DASH.search(text, max(0, s - 12), s) \
            and not _SCALE_DASH.search(text, max(0, s - 12), s):
        return True
    if before[-1:] in ("_",) or after[:1] in ("_",):
        return True
    # an index into a name: "domains[0]", "args[1]"
    if before[-1:] == "[" and before[:1].isalnum() and after[:1] == "]":
        return True
    # a chain of dash-joined numbers (phone numbers, ids): 1-222-2222
    if after[:1] == "-" and _CHAIN_AFTER.match(text, e, e + TAIL):
        return True
    if before[-1:] == "-" and (_CHAIN_BEFORE.search(text, max(0, s - 24), s)
                               or before[:1].isdigit() and _ZERO_GROUP.fullmatch(seg)):
        return True
    if x.scaled in ("M", "G", "B", "K") and abs(x.value) < 1e10 and len(seg) == 2:
        # "3M", "5G", "4B": names, unless a currency says otherwise (checked later)
        x.extra = {"weak_scale": True}
    return None


def _reject_words(text: str, x: _N, before: str, seg: str) -> bool:
    """A number in words that is a label ("Chapter Two"), a name ("the Big Four") or an idiom
    ("one of them", "a-")."""
    s, e = x.start, x.end
    low = seg.lower()
    rn = (_REF_NOUN.search(text, max(0, s - 14), s) if x.value == int(x.value) and not x.frac
          and before[-1:] in (" ", "\u00a0") else None)
    if rn and (seg[:1].isupper() or rn.group()[:1].isupper()):
        return True  # labels spelled out: "Line one", "Chapter Two", "Phase three" (not "version two")
    if seg[:1].isupper() and s > 1 and not _SENTENCE_START.search(text, max(0, s - 4), s) and (
            _CAP_NEIGHBOUR.match(text, e, e + TAIL) or _NAME_BEFORE.search(text, max(0, s - 30), s)):
        return True  # "the Big Four", "Ten Downing Street", "Formula One": names
    if low in ("one", "an", "a") and not (low == "one" and _ONE_RATIO.match(text, e, e + TAIL)):
        if _ONE_BEFORE.search(text, max(0, s - 30), s) or (_ONE_AFTER.match(text, e, e + TAIL) and not _ONE_CUR.match(text, e, e + TAIL)):
            return True
        if s > 0 and text[s - 1] == "-":
            return True
    return False


def _gapped(text: str, s: int, e: int) -> bool:
    """A count in a list that named its noun once, earlier in the sentence (`_GAPPED_ITEM`)."""
    item = _GAPPED_ITEM.search(text, max(0, s - 60), s)
    return bool(item and _GAPPED_END.match(text, e, e + TAIL) and _GAPPED_HEAD.search(text, max(0, item.start() - 160), item.start()))


def _in_slash_date(text, s, e) -> bool:
    lo = max(0, s - 6)
    for m in _SLASH_DATE.finditer(text, lo, min(len(text), e + 6)):
        if m.start() <= s and e <= m.end():
            return True
    return False


def _attach_context(text: str, x: _N) -> None:
    """Currency before/after, percent after, hyphen nouns, fractions as proportions."""
    s, e = x.start, x.end
    seg = text[s:e]
    # currency prefix
    c1 = text[s - 1] if s else ""
    if c1 in (" ", "\u00a0") and s > 1:
        c1 = text[s - 2]
    pm = _CUR_PRE_RE.search(text, max(0, s - 8), s) if c1 and (c1 in _PRE_CHARS or c1.isupper()
                                                                or c1 in "sSdD.") else None
    if pm:
        code = None
        if pm.group("dp"):
            code = _DOLLAR_PREFIX.get(pm.group("dp").lower().replace(" ", ""), "USD")
        elif pm.group("sym"):
            code = _SYMBOLS.get(pm.group("sym"))
        elif pm.group("miso"):
            code = pm.group("miso")[1:]
            x.value *= 1e6
            x.step *= 1e6
        elif pm.group("iso"):
            iso = pm.group("iso")
            code = _ABBREVIATED.get(iso.upper(), iso.upper())
        if code:
            x.kind, x.unit, x.dim = "money", code, "currency"
            x.start = pm.start()
            if x.start and text[x.start - 1] in "-−" and x.value > 0 \
                    and (x.start == 1 or not (text[x.start - 2].isalnum() or text[x.start - 2] in ")]%.,/-−")):
                x.start -= 1   # "-$45 million": a loss, signed before its currency
                x.value = -x.value
            if x.extra:
                x.extra = None
            _money_suffix(text, x)
            return
    if x.scaled == "p":
        x.kind, x.unit, x.dim = "money", "pence", "currency"  # "101.25p"
        return
    if x.scaled in ("bp", "bps"):
        x.kind, x.unit = "percent", "basis point"  # "50bp"
        return
    if x.scaled == "pc":
        x.kind, x.unit = "percent", "percent"  # "2.1pc"
        return
    if x.scaled == "pp":
        x.kind, x.unit = "percent", PERCENTAGE_POINT  # "3pp"
        return
    # attached "m" (metres or million) without a currency: leave it to the quantity reader
    if x.scaled == "m":
        # "100m": metres or million.  Before a plural noun it counts millions ("1.2m people",
        # "2m homes"); at the end of a money range it is money ("$15-20m"); else a length
        nm = _M_COUNT_NOUN.match(text, e, e + TAIL)
        if not (nm and nm.group(1).lower() not in _LENGTH_CONTEXT):
            x.extra = {"pending_m": True}
        return
    sm = _SUFFIX_RE.match(text, e, e + TAIL)
    if sm:
        if sm.group("bp"):
            x.kind, x.unit, x.dim = "percent", "basis point", None  # 25 basis points = 0.25 points
            x.end = sm.end()
            x.extra = None
            return
        if sm.group("pct") is not None or sm.group("ppt"):
            if x.frac and x.words:
                # "two thirds percent"? keep as count
                pass
            else:
                x.kind, x.unit, x.dim = "percent", "percent", None
                if sm.group("pp") or sm.group("ppt"):
                    x.unit = PERCENTAGE_POINT
                x.end = sm.end()
                x.extra = None
                return
        elif sm.group("cw"):
            if _apply_currency_word(text, x, sm):
                return
        elif sm.group("iso") or sm.group("miso") or sm.group("sym"):
            if sm.group("miso"):
                code = sm.group("miso")[1:]
                x.value *= 1e6
                x.step *= 1e6
            elif sm.group("sym"):
                code = _SYMBOLS[sm.group("sym")]
            else:
                code = sm.group("iso").upper()
                code = "CNY" if code == "RMB" else code
                if sm.group("isoscale") and not x.scaled:
                    mult = {"million": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9, "trillion": 1e12,
                            "thousand": 1e3}[sm.group("isoscale").strip().lower()]
                    x.value *= mult
                    x.step = (x.step or 1.0) * mult
            x.kind, x.unit, x.dim = "money", code, "currency"
            x.end = sm.end()
            x.extra = None
            if sm.group("iso") and not sm.group("isoscale") and x.value == int(x.value):
                cm = _CENTS_RE.match(text, x.end, x.end + TAIL)  # "17 USD 25."
                if cm and cm.group("c").isdigit() and not cm.group("c2"):
                    x.value += int(cm.group("c")) / 100
                    x.end = cm.end()
            return
        elif sm.group("noun"):
            noun = sm.group("noun").lower()
            base = noun[:-1] if noun.endswith("s") and noun[:-1] in _MEASURE_NOUNS else noun
            if base in _MEASURE_NOUNS or noun.startswith(("year", "month", "week", "day")):
                x.drop = True  # "two-day", "45-minute", "3-inch", "10-year-old"
                return
            if seg.lower() == "one":
                x.drop = True  # "one-off", "one-time", "one-sided": "one-" makes a word, no count
                return
            if x.frac or x.value != int(x.value) or x.value < 0:
                pass
            elif (noun in _IDIOM_NOUNS or noun in _FUNCTION_WORDS
                  or noun in nw.ORDINAL_WORDS or noun in nw.CARDINAL_WORDS):
                pass
            elif noun in ("fold",):
                pass
            else:
                x.end = sm.end()
                x.unit = noun
    if x.extra and x.extra.get("weak_scale"):
        x.drop = True
        return
    if x.frac and x.words:
        _fraction_reading(text, x)


def _money_suffix(text, x):
    """After a currency prefix: "$3.2 billion" already read; "US$ 1MM"; a trailing ISO code."""
    m = _MONEY_SCALE.match(text, x.end, x.end + TAIL)
    if m and not x.scaled:
        mult = 1e6 if m.group("m") else 1e9
        x.value *= mult
        x.step = (x.step or 1.0) * mult
        x.end = m.end()


def _apply_currency_word(text, x, sm) -> bool:
    cw = sm.group("cw").lower()
    base = cw
    for cand in (cw, cw[:-1], cw[:-2]):
        if cand in _CUR_WORDS:
            base = cand
            break
    if base not in _CUR_WORDS:
        if cw in ("yuan", "元"):
            base = cw
        else:
            return False
    code = _CUR_WORDS.get(base, "CNY")
    adj = (sm.group("adj") or "").lower()
    if adj:
        code = _CUR_ADJ.get(adj, code) if base in ("dollar", "franc", "peso", "rupee", "mark", "krona",
                                                    "krone", "kroner", "kronor", "pound", "lira",
                                                    "guilder", "markka", "real") else code
        if adj in ("us", "u.s.", "american") and base != "dollar":
            code = _CUR_WORDS[base]
    if base in _AMBIGUOUS_CUR and not adj and not sm.group("sterling"):
        # "5 pounds" may be a weight, "won" a verb, "the 1,000 mark" a threshold: trust them only
        # with a scale word ("42 million pounds") or, for the rarer ones, a large amount
        scaled = bool(x.word_scale or x.scaled)
        if base in ("mark", "real") and not (scaled and cw.endswith("s")):
            return False
        if not (scaled or (abs(x.value) >= 1000 and base not in ("pound", "mark", "real"))):
            return False
    if base == "franc" and not adj:
        code = "franc"
    x.kind, x.unit, x.dim = "money", code, "currency"
    x.end = sm.end()
    x.extra = None
    # "3 dollars 50 cents", "thirteen dollars and forty-five cents", "15 dollars 50."
    if base in ("dollar", "euro", "pound", "yuan", "kuai"):
        cm = _CENTS_RE.match(text, x.end, x.end + TAIL)
        if cm:
            c = cm.group("c").lower()
            cv = int(c) if c.isdigit() else nw.CARDINAL_WORDS[c]
            if cm.group("c2"):
                cv += nw.UNITS[cm.group("c2").lower()]
            if cv < 100:
                x.value += cv / 100
                x.end = cm.end()
    return True


def _percent_of_fraction(v: float) -> float:
    """v as a percentage, computed as 100*n/d when v is a simple fraction (so a third is 100/3)."""
    for d in (2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 100):
        n = v * d
        if abs(n - round(n)) < 1e-9:
            return 100 * round(n) / d
    return v * 100


def _fraction_reading(text, x):
    """A spelled fraction: a proportion (percent) in "a third of", "half the cost", "almost a
    third"; a plain number otherwise ("two thirds" alone); "a third term" is an ordinal."""
    s, e = x.start, x.end
    seg = text[s:e].lower()
    v = x.value
    pm = _FRACTION_OF_POINT.match(text, e, e + TAIL)
    if pm and 0 < v < 1:
        # "half a percentage point", "a quarter of a percent": the fraction is the figure itself
        x.kind, x.dim = "percent", None
        x.unit = PERCENTAGE_POINT if "point" in pm.group(1).lower() else "percent"
        x.end, x.extra = pm.end(), None
        return
    if _FRACTION_OF_UNIT.match(text, e, e + TAIL):
        x.drop = True  # "a quarter of an hour", "half a mile": a quantity, not a proportion
        x.extra = {"hide": True}
        return
    prop_after = _PROPORTION_AFTER.match(text, e, e + TAIL)
    prop_before = _PROPORTION_BEFORE.search(text, max(0, s - 24), s)
    single = seg in ("half", "halves")
    if single:
        # bare "half": only as a proportion ("half the cost", "more than half")
        if text[e:e + 1] == "-" or _HALF_BEFORE.search(text, max(0, s - 12), s):
            x.drop = True
            return
        if _HALF_A.match(text, e, e + TAIL):
            x.drop = True
            return
        if not (prop_after or prop_before):
            x.drop = True
            return
    if 0 < v <= 1 and (prop_after or prop_before) and _PROPORTION_DEN.search(seg):
        # the everyday proportions (halves, thirds, quarters, fifths, tenths) are percentages
        x.kind, x.unit = "percent", "percent"
        x.value = _percent_of_fraction(v)
        x.step = WORDED_SHARE_STEP
        return
    if (seg.startswith(("a ", "an ")) and not prop_after and not prop_before
            and not seg.endswith(("half", "quarter")) and _NOUN_AFTER.match(text, e, e + TAIL)):
        # "a third term", "a fourth consecutive win": ordinal, not a fraction
        x.drop = True


def _combine(text: str, nums: list[_N]) -> list[_N]:
    """Ranges ("19-20", "between 30 and 40", "$15.1 billion to $15.5 billion"), scores ("3-1"),
    two-sided and one-sided comparisons."""
    out: list[_N] = []
    i = 0
    n = len(nums)
    while i < n:
        a = nums[i]
        if a.drop:
            i += 1
            continue
        b = nums[i + 1] if i + 1 < n else None
        if b is not None and not b.drop and b.start > a.end and b.start - a.end <= 12:
            om = _OVER_RE.fullmatch(text, a.end, b.start)
            share = (om and a.kind == b.kind == "count" and om.group(1).lower() != "over"
                     and 0 < a.value < b.value and a.value.is_integer() and b.value.is_integer()
                     and not _yearlike(b) and _SHARE_AFTER.match(text, b.end, b.end + TAIL))
            if share:
                # "four in ten were women", "nine out of 10 voters": a share of a group, a percentage
                # as round as its denominator allows
                r = _N(a.start, b.end, 100 * a.value / b.value, min(WORDED_SHARE_STEP, 100 / b.value))
                r.kind, r.unit = "percent", "percent"
                out.append(r)
                i += 2
                continue
            if (om and a.kind == b.kind == "count" and b.value
                    and (_OVER_END.match(text, b.end, b.end + TAIL) or om.group(1)[:3].lower() == "out")
                    and (om.group(1).lower() == "over" or a.value <= b.value)
                    and (om.group(1).lower() != "in" or (0 < a.value < b.value and not _yearlike(b)
                                                         and a.value.is_integer() and b.value.is_integer()))):
                # "one over three", "2000 over 3", "1 in twenty-one" (at a clause end), "one out of
                # three", "two out of five hundred TVs": a ratio
                r = _N(a.start, b.end, a.value / b.value, 0.0, frac=True)
                out.append(r)
                i += 2
                continue
            r = _try_range(text, a, b)
            if r is not None:
                if r != "pair":
                    out.append(r)
                    i += 2
                    continue
        out.append(a)
        i += 1
    return _comparisons(text, out)


def _comparisons(text: str, out: list[_N]) -> list[_N]:
    """Two-sided comparisons made one number ("more than 20 and less than 30"), and the
    qualifiers of comparisons the rule pack's lexicon has no words for (">=", "exceeds")."""
    res = []
    k = 0
    while k < len(out):
        a = out[k]
        if a.high is None and not a.score:
            cb = _cmp_before(text, a.start)
            kind = next(g for g in ("ge", "le", "gt", "lt", "eq") if cb.group(g)) if cb else None
            if kind in ("ge", "le", "gt", "lt") and k + 1 < len(out):
                # two-sided: "more than 20 and less than 30", "at most 100 and at least 20"
                b = out[k + 1]
                cb2 = _cmp_before(text, b.start, a.end) if b.high is None else None
                kind2 = next(g for g in ("ge", "le", "gt", "lt") if cb2.group(g)) if cb2 and not cb2.group("eq") else None
                if kind2 and _opposite(kind, kind2) and _CMP_JOIN_RE.fullmatch(text, a.end, cb2.start()):
                    lo_k, lo, hi_k, hi = (kind, a, kind2, b) if kind in ("ge", "gt") else (kind2, b, kind, a)
                    if lo.value < hi.value and (lo.kind == hi.kind or "count" in (lo.kind, hi.kind)):
                        r = _N(cb.start(), b.end, lo.value, max(lo.step, hi.step))
                        r.high = hi.value
                        r.kind = hi.kind if hi.kind != "count" else lo.kind
                        r.unit = hi.unit or lo.unit
                        r.dim = hi.dim or lo.dim
                        r.extra = {"low_open": lo_k == "gt", "high_open": hi_k == "lt"}
                        res.append(r)
                        k += 2
                        continue
            # Plain hedge words ("more than", "up to", "just under") are the rule pack's lexicon
            # to read (qualifiers.py); only what it cannot say is set here: symbols (">=", "<")
            # and compounds ("greater than or equal to", "exceeds", "30 and above").
            if kind in ("ge", "le", "gt", "lt") and not (cb.group().lower().startswith("over")
                                                         and _TIME_AFTER.match(text, a.end, a.end + TAIL)):
                if _CMP_OWN.search(cb.group()):
                    a.qual = _CMP_QUAL[kind]
            else:
                ca = _CMP_AFTER.match(text, a.end, a.end + TAIL)
                if ca and _CMP_OWN.search(ca.group()):
                    a.qual = "at_least" if (ca.group("ge") or ca.group("ge2")) else "at_most"
        res.append(a)
        k += 1
    return res


_CMP_ENDINGS = ("than", "over", "above", "exceed", "exceeds", "exceeded", "exceeding", "surpass",
                "surpasses", "surpassed", "surpassing", "least", "most", "up to", "equal to", "under",
                "below", "excess of", "upwards of", "minimum of", "maximum of", "equals", "equal",
                "equaling", "equalling", "=", ">", "<", "≥", "≤")


def _cmp_before(text, start, floor=0):
    """A comparison phrase ending right before text[start:] ("more than", ">=", "at least"), or None."""
    lo = max(floor, start - 40)
    tail = text[max(lo, start - 16):start].rstrip().lower()
    if tail.endswith(" the"):
        tail = tail[:-4].rstrip()
    if not tail.endswith(_CMP_ENDINGS):
        return None
    return _CMP_BEFORE.search(text, lo, start)


def _opposite(k1, k2):
    lowers = ("ge", "gt")
    uppers = ("le", "lt")
    return (k1 in lowers and k2 in uppers) or (k1 in uppers and k2 in lowers)


def _yearlike(x: _N) -> bool:
    return (x.kind == "count" and not x.words and x.value == int(x.value)
            and _YEARLIKE[0] <= x.value <= _YEARLIKE[1] and not x.scaled and x.step < 1000)


def _try_range(text: str, a: _N, b: _N):
    """A range joining a and b, "pair" when they are two counts of a score, or None."""
    sm = _RANGE_SEP_RE.search(text, a.end, b.start)
    if sm is None or sm.start() != a.end:
        return None
    if a.frac or b.frac:
        return None
    pre = _BETWEEN_RE.search(text, max(0, a.start - 16), a.start)
    dash = sm.group("dash") is not None
    if dash and (a.words or b.words):
        return None  # "three-nought-four", "twenty-thirty": not a range
    if sm.group("and") and not (pre and pre.group().lower().startswith("between")):
        return None
    # units must agree: a bare first number borrows the second's unit ("30-40%", "$15-20 million")
    if a.kind != "count" and b.kind != "count" and (a.kind != b.kind or a.unit != b.unit):
        return None
    if a.kind != "count" and b.kind == "count" and not b.unit and not (a.kind == "money" and (b.word_scale or b.scaled)):
        return None  # "$15 to 20 people" is not a money range; "$15-20 million" is
    if a.unit and b.kind == "count" and b.unit and a.unit != b.unit:
        return None
    if a.kind == "count" and a.unit and b.kind == "count" and b.unit != a.unit:
        return None
    if (sm.group() == "-" and a.end - a.start == 3 and b.end - b.start == 4 and text[a.start:a.end].isdigit()
            and text[b.start:b.end].isdigit() and not text[b.start:b.end].endswith("00")):
        a.drop = b.drop = True  # "555-0199": a phone number
        return "pair"
    if _yearlike(a) and _yearlike(b) or (_yearlike(a) and dash and b.end - b.start == 2 and text[b.start:b.end].isdigit()):
        a.drop = b.drop = True  # "1910-1945", "2019-20": dates, not numbers
        return "pair"
    if a.extra and a.extra.get("pending_m"):
        return None
    if b.extra and b.extra.get("pending_m"):
        if a.kind != "money":
            return None
    lo_v, hi_v = a.value, b.value
    # a bare first number shares the second's scale: "10 to 15 million", "$2 to $3 billion", "$15-20m"
    scale_b = b.word_scale or (_SCALE_SFX.get(b.scaled) if isinstance(b.scaled, str) else None)
    if scale_b and not a.word_scale and not a.scaled and (a.kind == b.kind or "count" in (a.kind, b.kind)) and abs(a.value) < abs(b.value) / scale_b:
        lo_v = a.value * scale_b
    # scores: "3-1", "won 6-4": two counts when the context is a game (or the first is bigger)
    if dash and a.kind == b.kind == "count" and not a.words and not b.words and a.value == int(a.value) \
            and b.value == int(b.value) and a.value >= 0 and b.value >= 0 and a.value < 1000 and b.value < 1000:
        ctx = text[max(0, a.start - 80):min(len(text), b.end + 60)]
        if lo_v >= hi_v or _SPORT_RE.search(ctx):
            a.score = b.score = True
            return "pair"
    if lo_v >= hi_v:
        return None
    if (sm.group("to") or (pre and pre.group().lower().startswith("from"))) and \
            _CHANGE_RE.search(text, max(0, (pre.start() if pre else a.start) - 30), a.start):
        return None  # "rose from 23 to 41": two values, not a range
    start = pre.start() if pre and (sm.group("and") or sm.group("to")) else a.start
    r = _N(start, b.end, lo_v, max(a.step, b.step))
    r.high = hi_v
    r.kind = b.kind if b.kind != "count" else a.kind
    r.unit = b.unit or a.unit
    r.dim = b.dim or a.dim
    r.start = min(r.start, a.start)
    return r


def _ordinals(text: str, nums: list[_N], ord_words: list) -> list[Mention]:
    """Ordinals in digits ("21st") and words ("twenty-first", the matches `ord_words`), with a
    following "day" etc."""
    out = []
    spans = sorted((x.start, x.end) for x in nums if not x.drop or (x.extra and x.extra.get("hide")))
    cands = []
    for m in _ORD_DIGIT_RE.finditer(text) if _ORD_DIGIT_SEEN.search(text) else ():
        suf = m.group("s").lower()
        v = int(m.group("n").replace(",", ""))
        exp = "th" if 10 <= v % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(v % 10, "th")
        if suf != exp:
            continue
        cands.append((m.start(), m.end(), v))
    lowtext = text.lower()
    if len(lowtext) != len(text):
        lowtext = text
    for m in ord_words:
        s, e = m.span()
        low = m.group().lower()
        v = nw.ORDINAL_WORDS[low]
        # compound ordinals: "twenty-first", "one hundred twenty-fifth", "two hundredth"
        pm = None
        if s and not text[s - 1].isalpha():
            lw = _LAST_WORD.search(lowtext, max(0, s - 14), s)
            if lw and (lw.group(1) in nw.CARDINAL_WORDS or lw.group(1) in nw.SCALES or lw.group(1) == "and"
                       or lw.group(1)[:-1] in nw.SCALES):
                pm = _ORD_PREFIX.search(text, max(0, s - 80), s)
        if pm:
            prefix = pm.group("c")
            last_word = _ANY_WORD.findall(prefix)[-1].lower()
            ok = (v in nw.ORDINAL_SCALES.values() and low in nw.ORDINAL_SCALES) or (
                last_word in nw.TENS and 0 < v < 10) or last_word in nw.SCALES or last_word.rstrip("s") in nw.SCALES
            if pm.group("and"):
                ok = last_word in nw.SCALES
            if ok:
                pv = nw.parse_ordinal_words(text[pm.start():e])
                if pv is not None:
                    s, v = pm.start(), pv
                    low = text[s:e].lower()
        if low == "second" and _SECOND_BEFORE.search(text, max(0, s - 20), s) and not _SECOND_NOUN.match(text, e, e + TAIL):
            continue
        if low == "second" and _SECOND_AFTER.match(text, e, e + TAIL):
            continue
        if _ORD_IDIOM_AFTER.match(text, e, e + TAIL):
            continue
        if text[e:e + 1] == "," and (s == 0 or _SENTENCE_START.search(text, max(0, s - 4), s)):
            continue  # "Second, the plan fails": a list marker
        if low == "first" and _ORD_IDIOM_BEFORE.search(text, max(0, s - 12), s):
            continue
        cands.append((s, e, v))
    starts = [a for a, _ in spans]
    for s, e, v in cands:
        # skip ordinals inside a longer number reading (fractions: "two thirds", "a third of")
        k = bisect.bisect_right(starts, e) - 1
        inside = False
        while k >= 0 and spans[k][1] > s:
            if spans[k][0] <= s and spans[k][1] >= e and spans[k] != (s, e):
                inside = True
                break
            k -= 1
        if inside:
            continue
        um = _ORD_NOUN_RE.match(text, e, e + TAIL)
        end = um.end() if um else e
        out.append(Mention(s, end, "ordinal", {"low": v, "high": v},
                           unit=(um.group("u").lower() if um else None), source="numbers"))
    return out
