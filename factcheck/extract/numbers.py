"""Extract stage: counts, percentages, ordinals, money and numeric ranges (the only quantulum3-free
number reader).

How it works: one precompiled "run" regex finds every stretch of number tokens (digits such as
"34,600", "3.2bn", "1e10", "3/4", and number words such as "thirty-four thousand", "a dozen",
"two thirds"); numwords.parse_tokens splits a run into numbers.  Each number then looks at the text
just before it (currency symbol or code, comparison words) and just after it (per cent, currency
name, "-nation") with anchored regexes, and neighbouring numbers joined by "-", "to", "and" are
combined into ranges or sports scores.  Spelled and digit ordinals come from a second regex.
"""
from __future__ import annotations

import math

import regex

from .mention import Mention
from . import numwords as nw
from .numwords import CARDINAL, parse_number_words

# ---------------------------------------------------------------- shared number reading

# A written number: digits with separators/decimals, or spelled words.  Shared with the other
# extractors (quantities, dates) so they read numbers one way.
DIGITS = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?|\.\d+"
NUMBER_PATTERN = rf"(?:{DIGITS}|{CARDINAL})"

_DIGITS_FULL = regex.compile(
    r"[-−]?(?:\d{1,3}(?:,\d{3})+|\d{1,3}(?:[\u00a0\u2009\u202f ]\d{3})+|\d+)(?:\.\d+)?|[-−]?\.\d+")


def number_step(s: str) -> float:
    """The rounding step a written number implies: '34,600' -> 100, '3.2' -> 0.1, 'five' -> 0."""
    s = regex.sub(r"[,\s\u00a0\u2009\u202f]", "", s).lstrip("-−+")
    if not s or not (s[0].isdigit() or s.startswith(".")):
        return 0.0
    if "." in s:
        return 10.0 ** -len(s.split(".", 1)[1])
    stripped = s.rstrip("0")
    zeros = len(s) - len(stripped)
    return 10.0 ** zeros if zeros and stripped else 0.0


def _digits_value(s: str) -> float:
    return float(regex.sub(r"[,\s\u00a0\u2009\u202f]", "", s).replace("−", "-"))


def parse_number(s: str) -> tuple[float, float] | None:
    """(value, step) of a written number, digits or words ("34,600", "1.5", "thirty-four thousand six
    hundred", "1.2 million", "3bn", "two thirds"); None if it is not one."""
    t = s.strip()
    if not t:
        return None
    if _DIGITS_FULL.fullmatch(t):
        return _digits_value(t), number_step(t)
    m = _DIGIT_RE.fullmatch(t)
    if m:
        r = _read_digits(m)
        if r is not None:
            return r[0], r[1]
    toks = _tokens(t, 0, len(t))
    if not toks:
        return None
    r = nw.parse_tokens(toks, 0)
    if r is None or r[0] != len(toks):
        return None
    return float(r[1]), float(r[2])


# ---------------------------------------------------------------- patterns

_SCALE_SFX = {
    "k": 1e3, "K": 1e3, "m": 1e6, "M": 1e6, "MM": 1e6, "mn": 1e6, "mln": 1e6, "mil": 1e6,
    "b": 1e9, "B": 1e9, "bn": 1e9, "bln": 1e9, "G": 1e9, "tn": 1e12, "trn": 1e12, "tln": 1e12,
}
# A number in digits, as one token: sign, digits, decimal, fraction, exponent, power, scale suffix.
_DIGIT_NUM = r"""
(?P<neg>(?<![\d)\]%]\s?)(?<![A-Za-z.,/\-−])[-−](?=\.?\d)|(?<=^\s*)[-−]\s(?=\d))?
(?P<int>(?>\d{1,3}(?:,\d{3})+(?![\d])|\d{1,3}(?:[\u00a0\u2009\u202f]\d{3})+(?!\d)|\d{1,3}(?:\x20\d{3})+(?![\w,.]?\d)(?![\w])|(?<!\d,)\d+,\d{1,2}(?![\d]|,\d)|\d+|(?=\.\d)))
(?P<dec>\.\d+)?
(?:(?P<mix>\s{1,2}\d{1,2}/\d{1,3}(?![\d/]))|/(?P<den>\d{1,3})(?![\d/]))?
(?P<exp>[eE][-+]?\d+(?![\w]))?
(?P<pow>\^[-+]*\d+)?
(?:(?P<sfx>MM|mln|mil|mn|bln|bn|trn|tln|[kKmMbBG])(?![\w])|\s{1,2}(?P<sfx2>k|K|M|G|mn|mln|bn|bln|trn|tln)(?![\w]))?
(?![A-Za-z\d])
"""
_DIGIT_RE = regex.compile(_DIGIT_NUM, regex.X)

_W_UNITS = nw._alt([*nw.UNITS, *nw.TEENS, *nw.TENS])
_W_SCALES = nw._alt(nw.SCALES)
_W_ORD = nw._alt(nw.ORDINAL_WORDS)
_WORD_CORE = (
    rf"(?:{_W_UNITS}|(?:{_W_SCALES}|dozen|dz|doz)s?|half|halves|quarters?|(?:{_W_ORD})s?)"
)
_WORD_TOKEN = rf"\b{_WORD_CORE}\b"
_SEP = r"(?:\s*-\s*|[\x20\t\u00a0]+|\s*\n(?!\s*\n)\s*)"
_PRE = r"(?:(?:minus|negative|an?)\s+)"
_JOIN = r"(?:(?:and|point|of|over|out\s+of)\s+)"
_ATOM = rf"(?:{_PRE}?(?:{_WORD_TOKEN}|(?<![\w.])(?:{_DIGIT_NUM})))"
_RUN_RE = regex.compile(rf"{_ATOM}(?:{_SEP}{_JOIN}?{_PRE}?(?:{_WORD_TOKEN}|(?:{_DIGIT_NUM})))*",
                        regex.X | regex.I | regex.V0)
_TOKEN_RE = regex.compile(rf"(?P<d>(?<![\w.])(?:{_DIGIT_NUM}))|(?P<w>[A-Za-z]+)", regex.X)

# ---------------------------------------------------------------- currencies

_SYMBOLS = {
    "$": "USD", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR", "₩": "KRW", "₽": "RUB", "₺": "TRY",
    "₿": "BTC", "₡": "CRC", "₾": "GEL", "₭": "LAK", "ரூ": "LKR", "₦": "NGN", "₱": "PHP", "₪": "ILS",
    "元": "CNY", "₴": "UAH", "฿": "THB",
}
_DOLLAR_PREFIX = {
    "us": "USD", "u.s.": "USD", "u.s": "USD", "usd": "USD", "a": "AUD", "au": "AUD", "aud": "AUD",
    "c": "CAD", "ca": "CAD", "cad": "CAD", "hk": "HKD", "hkd": "HKD", "nz": "NZD", "nzd": "NZD",
    "s": "SGD", "sg": "SGD", "sgd": "SGD", "r": "BRL", "mex": "MXN", "mx": "MXN", "mxn": "MXN",
    "nt": "TWD",
}
_ISO = (
    "USD EUR GBP JPY CNY CHF AUD CAD HKD SGD NZD INR KRW RUB BRL MXN SEK NOK DKK PLN TRY ZAR ILS "
    "AED SAR CZK HUF THB MYR IDR PHP TWD NGN EGP ARS CLP COP PEN UAH RON BGN ISK KZT QAR KWD PKR "
    "BDT VND BTC RMB"
).split()
_ISO_LOWER_OK = {"usd", "eur", "gbp", "rmb", "jpy", "cny", "chf", "inr"}
_CUR_WORDS = {
    "dollar": "USD", "euro": "EUR", "pound": "GBP", "sterling": "GBP", "yen": "JPY", "yuan": "CNY",
    "renminbi": "CNY", "rmb": "CNY", "kuai": "CNY", "rupee": "INR", "krona": "SEK", "kronor": "SEK",
    "krone": "NOK", "kroner": "NOK", "franc": "CHF", "pence": "pence", "penny": "penny",
    "cent": "cent", "rouble": "RUB", "ruble": "RUB", "won": "KRW", "lira": "TRY", "lire": "ITL",
    "rand": "ZAR", "real": "BRL", "reais": "BRL", "peso": "MXN", "shekel": "ILS", "dinar": "dinar",
    "dirham": "AED", "riyal": "SAR", "baht": "THB", "ringgit": "MYR", "rupiah": "IDR", "naira": "NGN",
    "zloty": "PLN", "forint": "HUF", "koruna": "CZK", "markka": "FIM", "guilder": "NLG",
    "peseta": "ESP", "mark": "DEM", "bitcoin": "BTC", "satoshi": "satoshi", "hryvnia": "UAH",
    "escudo": "PTE", "drachma": "GRD", "schilling": "ATS", "rupiahs": "IDR",
}
_CUR_ADJ = {
    "us": "USD", "u.s.": "USD", "american": "USD", "australian": "AUD", "canadian": "CAD",
    "hong kong": "HKD", "singapore": "SGD", "new zealand": "NZD", "taiwan": "TWD", "swiss": "CHF",
    "japanese": "JPY", "chinese": "CNY", "indian": "INR", "pakistani": "PKR", "swedish": "SEK",
    "norwegian": "NOK", "danish": "DKK", "mexican": "MXN", "brazilian": "BRL", "finnish": "FIM",
    "dutch": "NLG", "netherlands": "NLG", "turkish": "TRY", "south african": "ZAR", "french": "FRF",
    "belgian": "BEF", "german": "DEM", "deutsche": "DEM", "egyptian": "EGP", "philippine": "PHP",
    "argentine": "ARS", "chilean": "CLP", "colombian": "COP", "russian": "RUB", "israeli": "ILS",
    "new taiwan": "TWD", "zimbabwe": "ZWL", "jamaican": "JMD", "fijian": "FJD", "liberian": "LRD",
}
# words that are currencies only with a scale or an explicit adjective ("5 pounds" may be weight)
_AMBIGUOUS_CUR = {"pound", "won", "mark", "real", "rand", "franc", "dinar", "peso", "lira"}

_CUR_PRE_RE = regex.compile(
    r"""(?:
      (?<![A-Za-z.])(?P<dp>(?i:us|u\.s\.?|usd|aud|au|c|ca|cad|hk|hkd|nz|nzd|sg|sgd|mex|mx|mxn|nt)\s?|[ACSR])\$
    | (?P<sym>[$€£¥₹₩₽₺₿₡₾₭₦₱₪₴฿]|ரூ)
    | (?<![A-Za-z])(?P<miso>M(?:USD|EUR|GBP|AUD|CAD|CHF|SEK|NOK|DKK|JPY))
    | (?<![A-Za-z])(?P<iso>USD|EUR|GBP|JPY|CNY|CHF|AUD|CAD|HKD|SGD|NZD|INR|KRW|RUB|BRL|MXN|SEK|NOK|DKK|PLN|TRY|ZAR|ILS|AED|SAR|CZK|HUF|THB|MYR|IDR|PHP|TWD|NGN|EGP|RMB|usd|eur|gbp|rmb|jpy|cny|chf|inr|Rs\.?|Rs|Dh|Dhs|SFr|Fr\.?)
    )[\x20\u00a0]?\Z""", regex.X)

_CUR_ADJ_RE = nw._alt([regex.escape(k) for k in _CUR_ADJ])
_CUR_WORD_RE = nw._alt([regex.escape(k) for k in _CUR_WORDS])
_SUFFIX_RE = regex.compile(
    rf"""(?:
      (?P<pct>\x20?%|[\x20\u00a0]?(?:per[\x20-]?cent|percent|pct)s?(?!\w)|[\x20\u00a0]percentages?(?!\w))
      (?P<pp>[\x20\u00a0]?-?(?:percentage[\x20-]?)?points?(?!\w))?
    | [\x20\u00a0]?(?P<ppt>percentage[\x20-]points?|pct[\x20-]points?|ppts?|pp)(?!\w)
    | (?P<cursep>[\x20\u00a0]?-?)(?:(?P<adj>{_CUR_ADJ_RE})[\x20\u00a0]+)?(?P<cw>(?:{_CUR_WORD_RE})(?:e?s)?|yuan|元)(?P<sterling>\x20sterling)?(?![\w])
    | [\x20\u00a0]?(?P<iso>USD|EUR|GBP|JPY|CNY|CHF|AUD|CAD|HKD|SGD|NZD|INR|KRW|RUB|BRL|MXN|SEK|NOK|DKK|PLN|TRY|ZAR|ILS|AED|SAR|CZK|HUF|THB|MYR|IDR|PHP|TWD|NGN|EGP|RMB|BTC|usd|eur|gbp|rmb|btc)(?![\w])
    | [\x20\u00a0]?(?P<miso>M(?:USD|EUR|GBP|AUD|CAD|CHF|SEK|NOK|DKK|JPY))(?![\w])
    | [\x20\u00a0]?(?P<sym>[$€£¥₹₩₽₺₡₾₭₦₱₪₴]|ரூ)(?![\w$])
    | -(?P<noun>[A-Za-z]+)(?![\w-]*-\d)
    )""", regex.X | regex.I)

# hyphen compounds owned by the duration/age/quantity extractors: "two-day", "45-minute", "3-inch"
_MEASURE_NOUNS = set("""
second sec minute min hour hr day night week month year yr decade century millennium fortnight
weekend season term lap mile kilometre kilometer km metre meter m cm mm foot feet ft inch in yard
acre hectare ha gram g kilogram kg kilo pound lb ounce oz ton tonne litre liter gallon pint degree
storey story floor volt watt megawatt kilowatt horsepower hp calorie mph kph knot bed bedroom
percent point pointer year-old month-old week-old day-old hour-long minute-long day-long
""".split())
# "one-off", "one-time", "one-sided": lexicalised compounds, not counts
_IDIOM_NOUNS = set("""
off time sided way on man woman party stop liner size shot horse track dimensional
""".split())

_SPORT_RE = regex.compile(
    r"\b(?:won|win|wins|winning|beat|beats|beaten|beating|lost|lose|loses|losing|defeat\w*|draw|drew|"
    r"drawn|score\w*|final|finals|goals?|victory|victories|match|matches|game|games|lead|led|leads|"
    r"trail\w*|half-?time|penalt\w+|set|sets|tie|tied|victor|thrash\w*|edged|rout\w*|points?|"
    r"innings|runs|wickets?|semi-?finals?|league|cup|derby|fixture|clash|side|sides|home|away)\b",
    regex.I)
_CHANGE_RE = regex.compile(
    r"\b(?:rose|rise[sn]?|rising|fell|fall(?:s|en|ing)?|increas\w+|decreas\w+|grew|grow\w*|jump\w*|"
    r"climb\w*|dropp?\w*|declin\w+|cut|cuts|rais\w+|lower\w*|boost\w*|reduc\w+|slash\w*|soar\w*|"
    r"surg\w+|plung\w+|slump\w*|shrank|shrunk|shrink\w*|went|gone|going|moved?|up|down|changed?|"
    r"expand\w*|doubl\w+|tripl\w+|swell\w*|swollen|widen\w*|narrow\w*|revis\w+|upgrad\w+|downgrad\w+|"
    r"adjust\w*|extend\w*|push\w*|pulled|lift\w*|hik\w+|tumbl\w+|dipp?\w*|sank|sunk|sink\w*|"
    r"trimm?\w*|add\w*|gain\w*|lost|los\w+)\b", regex.I)

_ONE_BEFORE = regex.compile(
    r"(?:\b(?:no|this|that|the|which|any|every|each|some|another|last|next|other|only|little|loved|"
    r"young|right|wrong|same|new|old|big|such|every|someone|anyone|one|a|an|her|his|its|their|our|"
    r"my|your|whichever|whatever|favourite|favorite|main|best|real|first|second|at|by|as)\s+|-)\Z",
    regex.I)
_ONE_AFTER = regex.compile(
    r"(?:\s+(?:of|another|by\s+one|after\s+another|and\s+(?:the\s+same|only|all)|or\s+another|day|"
    r"hand|thing|point|way|can|could|would|should|must|might|may|cannot|will|does|did|who|that|"
    r"which|else|apiece|time|morning|evening|night|afternoon|more\s+time)\b|'s\b|’s\b|-(?!\d))",
    regex.I)

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
_CMP_QUAL = {"ge": "at_least", "le": "at_most", "gt": "more_than", "lt": "less_than"}
_CMP_JOIN_RE = regex.compile(r"\s*(?:,\s*)?(?:(?:and|but|or)\s+)?", regex.I)

_ORD_DIGIT_RE = regex.compile(r"(?<![\w.,/-])(?P<n>\d{1,3}(?:,\d{3})*|\d+)(?P<s>st|nd|rd|th|ST|ND|RD|TH)(?![\w])")
_ORD_WORD_RE = regex.compile(
    rf"\b(?:(?:{nw.CARDINAL})(?:\s+and\s+|\s+|\s*-\s*))?(?:{_W_ORD})\b", regex.I)
_ORD_NOUN_RE = regex.compile(r"[\x20\u00a0](?P<u>day|night|week|month|year)(?![\w-])", regex.I)
_ORD_IDIOM_BEFORE = regex.compile(r"\b(?:at|in\s+the)\s+\Z|\bfirst\s+(?:and|or)\s+\Z", regex.I)
_ORD_IDIOM_AFTER = regex.compile(
    r"(?:\s+(?:aid|hand|lady|person|class|rate|cousin|ever|of\s+all|and\s+foremost|place\s+of|nature|"
    r"thought|glance|sight|light|fiddle|guess|opinion|hand|thoughts)\b|-(?!largest|biggest|highest|"
    r"lowest|smallest|best|worst|most|least|fastest|oldest|longest|richest|strongest|busiest|deadliest|"
    r"round|half|quarter|placed|place)[A-Za-z])",
    regex.I)

_PROPORTION_AFTER = regex.compile(
    r"\s+(?:of|the|its|their|his|her|our|my|your|all|these|those|this|that|them|us|it)\b", regex.I)
_PROPORTION_BEFORE = regex.compile(
    r"\b(?:more\s+than|less\s+than|fewer\s+than|almost|nearly|about|around|roughly|some|over|under|"
    r"by|than|just|only|barely|approximately|close\s+to|up\s+to|at\s+least|at\s+most|a\s+full|fully|"
    r"exactly|precisely|nearer|nigh|well\s+over|well\s+under)\s+\Z", regex.I)
_YEARLIKE = (1000, 2100)


_OVER_RE = regex.compile(r"\s+(?:over|out\s+of)\s+", regex.I)
_OVER_END = regex.compile(r"\s*(?:[.,;:!?)]|\Z)")
_URL_RE = regex.compile(
    r"\b(?:https?://|www\.)\S+|\b[\w.+-]+@[\w-]+\.[\w.]+|(?<![\w/])/?(?:[\w-]+/){2,}[\w.%?=&-]*", regex.I)
_ONE_CUR = regex.compile(rf"-(?:{_CUR_WORD_RE})\b", regex.I)
_NAME_DASH = regex.compile(r"(?<![\d.])[A-Za-z]+-\Z")
_CHAIN_AFTER = regex.compile(r"-\d+-\d")
_CHAIN_BEFORE = regex.compile(r"\d-\d+-\Z")
_MONEY_SCALE = regex.compile(r"[\x20\u00a0]?(?:(?P<m>m|mn)|(?P<bn>bn|b))(?![\w])")
_HALF_BEFORE = regex.compile(r"\b(?:first|second|1st|2nd|other|and\s+a)\s+\Z", regex.I)
_HALF_A = regex.compile(r"\s+an?\s", regex.I)
_SECOND_BEFORE = regex.compile(
    r"(?:\b(?:a|one|per|each|every|split|\d+|the\s+same|fraction\s+of\s+a|nano|milli|micro)\s*)\Z", regex.I)
_SECOND_NOUN = regex.compile(r"\s+(?!(?:or|and|later|ago|before|after|to|of|in|on|at|for|the|a|an|then|when|while|he|she|it|they|we|i|you)\b)[a-z]", regex.I)
_SECOND_AFTER = regex.compile(r"s\b|\s+(?:or|and)\s+(?:two|three|so)\b", regex.I)
_CENTS_RE = regex.compile(
    r"\s+(?:and\s+)?(?P<c>\d{1,2}|" + nw._alt([*nw.UNITS, *nw.TEENS, *nw.TENS])
    + r")(?:[\s-]+(?P<c2>" + nw._alt([k for k in nw.UNITS if nw.UNITS[k]]) + r"))?\s+(?:cents?|pence|p)\b", regex.I)


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
    """(value, step, scaled, raw_int_is_small, kind_hint) from a _DIGIT_NUM match, or None."""
    g = m.group
    ip = g("int") or ""
    dec = g("dec") or ""
    if not ip and not dec:
        return None
    if ip and "," in ip and regex.fullmatch(r"\d+,\d{1,2}", ip):
        # decimal comma ("1,3", "5,00")
        a, b = ip.split(",")
        v = float(f"{a}.{b}")
        step = 10.0 ** -len(b)
    else:
        s = ip + dec
        v = _digits_value(s) if s else 0.0
        step = number_step(s)
    if g("mix"):
        a, b = g("mix").strip().split("/")
        a, b = int(a), int(b)
        if not 0 < a < b or b not in _DENS:
            return None
        v += a / b
        step = 0.0
    elif g("den"):
        b = int(g("den"))
        if not 0 <= v < b or b not in _DENS or dec:
            return None
        v = v / b
        step = 0.0
    if g("exp"):
        v = v * 10.0 ** int(g("exp")[1:])
        step = 0.0
    if g("pow"):
        p = g("pow")[1:]
        sign = -1 if p.count("-") % 2 else 1
        try:
            v = v ** (sign * int(p.lstrip("+-")))
        except OverflowError:
            return None
        step = 0.0
    sfx = g("sfx") or g("sfx2")
    scaled = False
    if sfx:
        mult = _SCALE_SFX[sfx]
        step = (step or 1.0) * mult
        v *= mult
        scaled = sfx
    if g("neg"):
        v = -v
    return v, step, scaled


_DENS = {2, 3, 4, 5, 6, 8, 10, 12, 16, 20, 25, 32, 50, 64, 100}


def _tokens(text, lo, hi):
    """Tokens (numwords format) of text[lo:hi]; digits become 'num' tokens with (value, step)."""
    out = []
    prev_end = None
    for m in _TOKEN_RE.finditer(text, lo, hi):
        s, e = m.span()
        hy = prev_end is not None and "-" in text[prev_end:s]
        if m.group("d") is not None:
            r = _read_digits(m)
            if r is None:
                out.append(("word", None, s, e, hy, m.group()))
            else:
                out.append(("num", (r[0], r[1], r[2], m), s, e, hy, m.group()))
        else:
            w = m.group()
            c = nw.classify(w.lower())
            if c is None:
                out.append(("word", None, s, e, hy, w))
            else:
                out.append((c[0], c[1], s, e, hy, w))
        prev_end = e
    return out


def _scan_runs(text):
    """Numbers (cardinals, fractions, digits) in text as _N objects, in order."""
    found = []
    for rm in _RUN_RE.finditer(text):
        s, e = rm.span()
        # fast path: one plain digit token
        toks = _tokens(text, s, e)
        n = len(toks)
        i = 0
        while i < n:
            t = toks[i]
            if t[0] in ("and", "point", "word", "a") and not (t[0] == "a" and i + 1 < n):
                i += 1
                continue
            r = nw.parse_tokens(toks, i)
            if r is None:
                i += 1
                continue
            j, v, step, frac = r
            if j <= i:
                i += 1
                continue
            first, last = toks[i], toks[j - 1]
            if first[0] == "scale" and first[5][-1:] in "sS" and (j == i + 1 or toks[i + 1][0] == "scale"):
                i = j  # "thousands", "hundreds of thousands": vague, no value
                continue
            words = any(tk[0] not in ("num",) for tk in toks[i:j])
            scaled = False
            word_scale = None
            if j - i == 1 and first[0] == "num":
                scaled = first[1][2]
            for tk in toks[i:j]:
                if tk[0] == "scale" and tk[1] >= 1000:
                    word_scale = tk[1]
                elif tk[0] == "num" and tk[1][2]:
                    scaled = tk[1][2]
            if words and any(tk[0] == "num" for tk in toks[i:j]):
                pass
            elif words:
                step = 0.0
            found.append(_N(first[2], last[3], float(v), float(step), frac=frac,
                            words=words and not all(tk[0] in ("num", "scale") for tk in toks[i:j]),
                            scaled=scaled or bool(word_scale), word_scale=word_scale))
            i = j
    return found


# ---------------------------------------------------------------- main entry

def extract_numbers(text: str) -> list[Mention]:
    """Counts, percentages, ordinals, money and ranges in text."""
    nums = _scan_runs(text)
    blocked = [m.span() for m in _URL_RE.finditer(text)] if ("/" in text or "@" in text or "www." in text) else []
    keep: list[_N] = []
    for x in nums:
        if blocked and any(a <= x.start < b for a, b in blocked):
            continue
        if _reject(text, x):
            continue
        _attach_context(text, x)
        if not x.drop:
            keep.append(x)
    keep = _combine(text, keep)
    out = []
    for x in keep:
        if x.drop:
            continue
        out.append(_to_mention(x))
    ords = _ordinals(text, keep)
    if ords:
        # a number inside a longer ordinal ("twenty" in "twenty-first") is not a count
        out = [m for m in out if not any(o.start <= m.start and m.end <= o.end and o.length > m.length for o in ords
                                         if o.start < m.end and m.start < o.end)]
        out.extend(ords)
    return out


def _to_mention(x: _N) -> Mention:
    hi = x.high if x.high is not None else x.value
    lo = x.value
    if hi < lo:
        lo, hi = hi, lo
    extra = x.extra or {}
    return Mention(x.start, x.end, x.kind, {"low": _clean(lo), "high": _clean(hi)}, unit=x.unit,
                   dimension=x.dim, step=x.step, qualifier=x.qual, source="numbers", extra=extra)


def _clean(v: float):
    if v and math.isfinite(v):
        v = float(f"{v:.15g}")
    if v == int(v) and abs(v) < 1e15:
        return int(v)
    return v


def _reject(text: str, x: _N) -> bool:
    """Numbers that are not claims: identifiers, names with digits, times, idioms."""
    s, e = x.start, x.end
    before = text[max(0, s - 2):s]
    after = text[e:e + 2]
    seg = text[s:e]
    if not x.words or seg[:1].isdigit() or seg[:1] in "-−.":
        # dotted chains (IP addresses, versions), slashed chains (dates, ids), clock times
        if after[:1] in ("/", "\\") or before[-1:] in ("/", "\\", "#", "@"):
            return True
        if (after[:1] in ".:" and after[1:2].isdigit()) or (before[-1:] in ".:" and before[:1].isdigit()):
            return True
        # names with digits: "COVID-19", "F-16", "MH-17", "G-7"
        if before[-1:] == "-" and before[:1].isalpha() and _NAME_DASH.search(text, max(0, s - 12), s):
            return True
        if before[-1:] in ("_",) or after[:1] in ("_",):
            return True
        # a chain of dash-joined numbers (phone numbers, ids): 1-222-2222
        if after[:1] == "-" and _CHAIN_AFTER.match(text, e):
            return True
        if before[-1:] == "-" and _CHAIN_BEFORE.search(text, max(0, s - 24), s):
            return True
        if x.scaled in ("M", "G", "B") and abs(x.value) < 1e10 and regex.fullmatch(r"\d[MGB]", seg):
            # "3M", "5G", "4B": names, unless a currency says otherwise (checked later)
            x.extra = {"weak_scale": True}
    if x.words:
        low = seg.lower()
        if low in ("one", "an", "a"):
            if _ONE_BEFORE.search(text, max(0, s - 30), s) or (_ONE_AFTER.match(text, e) and not _ONE_CUR.match(text, e)):
                return True
            if s > 0 and text[s - 1] == "-":
                return True
        if low in ("half", "halves"):
            pass
    return False


def _attach_context(text: str, x: _N) -> None:
    """Currency before/after, percent after, hyphen nouns, fractions as proportions."""
    s, e = x.start, x.end
    seg = text[s:e]
    # currency prefix
    pm = _CUR_PRE_RE.search(text, max(0, s - 8), s)
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
            code = {"RS": "INR", "RS.": "INR", "DH": "AED", "DHS": "AED", "SFR": "CHF", "FR": "CHF",
                    "FR.": "CHF", "RMB": "CNY"}.get(iso.upper(), iso.upper())
        if code:
            x.kind, x.unit, x.dim = "money", code, "currency"
            x.start = pm.start()
            if x.extra:
                x.extra = None
            _money_suffix(text, x)
            return
    # attached "m" (metres or million) without a currency: leave it to the quantity reader
    if x.scaled == "m" or x.scaled == "b" and not seg[:1].isdigit():
        x.drop = True
        return
    sm = _SUFFIX_RE.match(text, e)
    if sm:
        if sm.group("pct") is not None or sm.group("ppt"):
            if x.frac and x.words:
                # "two thirds percent"? keep as count
                pass
            else:
                x.kind, x.unit, x.dim = "percent", "percent", None
                if sm.group("pp") or sm.group("ppt"):
                    x.unit = "percentage point"
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
            x.kind, x.unit, x.dim = "money", code, "currency"
            x.end = sm.end()
            x.extra = None
            return
        elif sm.group("noun"):
            noun = sm.group("noun").lower()
            base = noun[:-1] if noun.endswith("s") and noun[:-1] in _MEASURE_NOUNS else noun
            if base in _MEASURE_NOUNS or noun.startswith(("year", "month", "week", "day")):
                x.drop = True  # "two-day", "45-minute", "3-inch", "10-year-old"
                return
            if seg.lower() == "one" and (noun in _IDIOM_NOUNS or True):
                x.drop = True  # "one-off", "one-time", "one-sided"
                return
            if x.frac or x.value != int(x.value) or x.value < 0:
                pass
            elif (noun in _IDIOM_NOUNS or noun in ("and", "or", "to", "a", "an", "the", "of")
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
    m = _MONEY_SCALE.match(text, x.end)
    if m and not x.scaled:
        mult = 1e6 if m.group("m") else 1e9
        x.value *= mult
        x.step = (x.step or 1.0) * mult
        x.end = m.end()
    elif x.scaled == "m" or x.scaled == "b":
        pass
    if x.value == 0 and False:
        x.drop = True


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
        # "5 pounds" may be a weight, "won" a verb: trust them with a scale or a big amount
        if not (x.word_scale or x.scaled or abs(x.value) >= 1000 and base != "pound"):
            if base == "pound" and (x.word_scale or x.scaled):
                pass
            else:
                return False
    if base == "franc" and not adj:
        code = "franc"
    if base in ("rupee",) and not adj:
        code = "INR"
    x.kind, x.unit, x.dim = "money", code, "currency"
    x.end = sm.end()
    if sm.group("cursep") and "-" in sm.group("cursep"):
        pass
    x.extra = None
    # "3 dollars 50 cents", "thirteen dollars and forty-five cents"
    if base in ("dollar", "euro", "pound"):
        cm = _CENTS_RE.match(text, x.end)
        if cm:
            c = cm.group("c").lower()
            cv = int(c) if c.isdigit() else nw.CARDINAL_WORDS[c]
            if cm.group("c2"):
                cv += nw.UNITS[cm.group("c2").lower()]
            if cv < 100:
                x.value += cv / 100
                x.end = cm.end()
    return True


def _fraction_reading(text, x):
    """A spelled fraction: a proportion (percent) in "a third of", "half the cost", "almost a
    third"; a plain number otherwise ("two thirds" alone); "a third term" is an ordinal."""
    s, e = x.start, x.end
    seg = text[s:e].lower()
    v = x.value
    prop_after = _PROPORTION_AFTER.match(text, e)
    prop_before = _PROPORTION_BEFORE.search(text, max(0, s - 24), s)
    single = seg in ("half", "halves")
    if single:
        # bare "half": only as a proportion ("half the cost", "more than half")
        if text[e:e + 1] == "-" or _HALF_BEFORE.search(text, max(0, s - 12), s):
            x.drop = True
            return
        if _HALF_A.match(text, e):
            x.drop = True
            return
        if not (prop_after or prop_before):
            x.drop = True
            return
    if 0 < v <= 1 and (prop_after or prop_before):
        if seg.startswith(("a ", "an ", "one ")) or not seg.startswith(("a", "one")) or True:
            x.kind, x.unit = "percent", "percent"
            x.value = v * 100
            x.step = 0.0
            return
    if seg.startswith(("a ", "an ")) and not prop_after and not prop_before:
        # "a third term", "a fourth consecutive": ordinal, not a fraction
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
            if (a.kind == b.kind == "count" and b.value and _OVER_RE.fullmatch(text, a.end, b.start)
                    and _OVER_END.match(text, b.end)):
                # "one over three", "2000 over 3", "one out of three": a ratio
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
    # comparisons
    res = []
    k = 0
    while k < len(out):
        a = out[k]
        if a.high is None and not a.score:
            cb = _CMP_BEFORE.search(text, max(0, a.start - 48), a.start)
            kind = next(g for g in ("ge", "le", "gt", "lt", "eq") if cb.group(g)) if cb else None
            if kind in ("ge", "le", "gt", "lt") and k + 1 < len(out):
                # two-sided: "more than 20 and less than 30", "at most 100 and at least 20"
                b = out[k + 1]
                cb2 = _CMP_BEFORE.search(text, max(a.end, b.start - 48), b.start) if b.high is None else None
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
            if kind in ("ge", "le", "gt", "lt"):
                a.qual = _CMP_QUAL[kind]
            else:
                ca = _CMP_AFTER.match(text, a.end)
                if ca:
                    a.qual = "at_least" if (ca.group("ge") or ca.group("ge2")) else "at_most"
        res.append(a)
        k += 1
    return res


def _opposite(k1, k2):
    lowers = ("ge", "gt")
    uppers = ("le", "lt")
    return (k1 in lowers and k2 in uppers) or (k1 in uppers and k2 in lowers)


def _yearlike(x: _N) -> bool:
    return (x.kind == "count" and not x.words and x.value == int(x.value)
            and _YEARLIKE[0] <= x.value <= _YEARLIKE[1] and not x.scaled and x.step < 1000)


def _try_range(text: str, a: _N, b: _N):
    """A range joining a and b, "pair" when they are two counts of a score, or None."""
    between = text[a.end:b.start]
    sm = _RANGE_SEP_RE.search(text, a.end, b.start)
    if sm is None or sm.start() != a.end:
        return None
    if a.frac or b.frac:
        return None
    pre = _BETWEEN_RE.search(text, max(0, a.start - 16), a.start)
    dash = sm.group("dash") is not None
    if sm.group("and") and not (pre and pre.group().lower().startswith("between")):
        return None
    if sm.group("to") and sm.group("to").lower() != "to" and False:
        return None
    # units must agree: a bare first number borrows the second's unit ("30-40%", "$15-20 million")
    if a.kind != "count" and b.kind != "count" and (a.kind != b.kind or a.unit != b.unit):
        return None
    if a.kind != "count" and b.kind == "count" and not b.unit:
        if a.kind == "money" and b.word_scale and not a.word_scale:
            pass
        else:
            return None
    if a.unit and b.kind == "count" and b.unit and a.unit != b.unit:
        return None
    if a.kind == "count" and a.unit and b.kind == "count" and b.unit != a.unit:
        return None
    if _yearlike(a) and _yearlike(b) or (_yearlike(a) and dash and regex.fullmatch(r"\d\d", text[b.start:b.end])):
        a.drop = b.drop = True  # "1910-1945", "2019-20": dates, not numbers
        return "pair"
    lo_v, hi_v = a.value, b.value
    if b.kind in ("money", "percent") and a.kind == "count":
        if b.word_scale and not a.word_scale and not a.scaled and b.kind == "money":
            lo_v = a.value * b.word_scale
        elif b.scaled and not a.scaled and b.kind == "money" and abs(a.value) < abs(b.value) / 1000:
            mult = _SCALE_SFX.get(b.scaled, 1) if isinstance(b.scaled, str) else (b.word_scale or 1)
            lo_v = a.value * mult
    elif a.kind == "money" and b.kind == "count" and b.word_scale and not a.word_scale:
        hi_v = b.value
        lo_v = a.value * b.word_scale
    elif a.kind == "count" and b.kind == "count" and b.word_scale and not a.word_scale and a.value < b.value / b.word_scale * 1000 and not a.words == b.words:
        lo_v = a.value * b.word_scale
    elif a.kind == "count" and b.kind == "count" and b.word_scale and not a.word_scale and not a.scaled and a.value < b.value / b.word_scale:
        lo_v = a.value * b.word_scale
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
            _CHANGE_RE.search(text, max(0, a.start - 40), a.start):
        return None  # "rose from 23 to 41": two values, not a range
    start = pre.start() if pre and (sm.group("and") or sm.group("to")) else a.start
    r = _N(start, b.end, lo_v, max(a.step, b.step))
    r.high = hi_v
    r.kind = b.kind if b.kind != "count" else a.kind
    r.unit = b.unit or a.unit
    r.dim = b.dim or a.dim
    r.start = min(r.start, a.start)
    return r


def _ordinals(text: str, nums: list[_N]) -> list[Mention]:
    """Ordinals in digits ("21st") and words ("twenty-first"), with a following "day" etc."""
    out = []
    spans = sorted((x.start, x.end) for x in nums if not x.drop)
    cands = []
    for m in _ORD_DIGIT_RE.finditer(text):
        suf = m.group("s").lower()
        v = int(m.group("n").replace(",", ""))
        exp = "th" if 10 <= v % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(v % 10, "th")
        if suf != exp:
            continue
        cands.append((m.start(), m.end(), v))
    for m in _ORD_WORD_RE.finditer(text):
        v = nw.parse_ordinal_words(m.group())
        if v is None:
            continue
        s, e = m.span()
        low = m.group().lower()
        if low == "second" and _SECOND_BEFORE.search(text, max(0, s - 20), s) and not _SECOND_NOUN.match(text, e):
            continue
        if low == "second" and _SECOND_AFTER.match(text, e):
            continue
        if _ORD_IDIOM_AFTER.match(text, e):
            continue
        if low == "first" and _ORD_IDIOM_BEFORE.search(text, max(0, s - 12), s):
            continue
        cands.append((s, e, v))
    import bisect
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
        um = _ORD_NOUN_RE.match(text, e)
        end = um.end() if um else e
        out.append(Mention(s, end, "ordinal", {"low": v, "high": v},
                           unit=(um.group("u").lower() if um else None), source="numbers"))
    return out
