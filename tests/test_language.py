"""Language data (factcheck/language/*.yaml): read and checked once, and what the readers know.

Each list is tried through the public API, so a word added to a file is a word the extractors
read, and a broken file is one error naming its place.
"""
from __future__ import annotations

import datetime as dt
from importlib import resources

import pytest
import regex

import factcheck
from factcheck import language
from factcheck.cache import code_digest
from factcheck.errors import InputError
from factcheck.yamldata import read

PUB = dt.date(2024, 6, 14)   # a Friday


def _one(text: str, kind: str | None = None):
    claims = [c for c in factcheck.extract(text, PUB) if kind is None or c.kind == kind]
    assert len(claims) == 1, (text, [(c.text, c.kind) for c in claims])
    return claims[0]


def test_every_file_is_package_data_and_valid():
    names = sorted(p.name for p in resources.files("factcheck.language").iterdir() if p.name.endswith(".yaml"))
    assert names == ["calendar.yaml", "clock.yaml", "context.yaml", "currencies.yaml", "numbers.yaml", "units.yaml"]
    # read at run time with libyaml, so no key given twice and no alias is checked here
    for name, model in (("calendar.yaml", language.Calendar), ("clock.yaml", language.Clock),
                        ("context.yaml", language.ContextWords), ("currencies.yaml", language.Currencies),
                        ("numbers.yaml", language.NumberWords), ("units.yaml", language.Units)):
        assert read(language.folder() / name, "language data", model, language._Keys) == \
            read(language.folder() / name, "language data", model, language._Keys, trusted=True)
    assert len(language.calendar().months) == 12 and len(language.calendar().weekdays) == 7
    assert language.number_words().cardinals.scales["lakh"] == 100_000
    assert language.currencies().symbols["€"] == "EUR"


@pytest.mark.parametrize("month", range(1, 13))
def test_every_month_name_and_abbreviation_is_a_month(month):
    for name in language.calendar().months[month - 1]:
        c = _one(f"The plant opened on 3 {name.capitalize()} 2021.", "date")
        assert (c.value.start, c.value.end) == (dt.date(2021, month, 3), dt.date(2021, month, 3)), name


@pytest.mark.parametrize("day", range(7))
def test_every_weekday_name_is_that_day_of_the_publication_week(day):
    # published on Friday 14 June 2024: a past tense weekday is the one before it, or that day
    want = PUB - dt.timedelta(days=(PUB.weekday() - day) % 7)
    for name in language.calendar().weekdays[day]:
        c = _one(f"The ferry sank on {name.capitalize()}, officials said.", "date")
        assert c.value.start == want, name


def test_number_words_are_read_with_their_values():
    words = language.number_words()
    for table in (words.cardinals.units, words.cardinals.teens, words.cardinals.tens):
        for word, value in table.items():
            if value == 0:
                continue   # "zero people" is no count of anyone: the readers keep zero for "zero"
            c = _one(f"Officials counted {word} boats in the harbour.")
            assert c.value.low == value, word
    for word, value in words.cardinals.scales.items():
        c = _one(f"Officials counted two {word} boats in the harbour.")
        assert c.value.low == 2 * value, word


def test_currency_words_symbols_and_codes_are_money():
    cur = language.currencies()
    for word, code in cur.words.items():
        if word in cur.ambiguous or code in ("pence", "penny", "cent", "satoshi", "dinar"):
            continue   # a scale or an adjective makes these money; units below one are not codes
        c = _one(f"The fund raised 40 million {word}s last year.", "money")
        assert c.unit == code, word
    for sym, code in cur.symbols.items():
        assert _one(f"The fund raised {sym} 40 million last year.", "money").unit == code, sym
        if len(sym) == 1:   # a symbol written in letters ("ரூ") is a word, apart from the digits
            assert _one(f"The fund raised {sym}40 million last year.", "money").unit == code, sym
    for code in cur.codes:
        want = cur.abbreviations.get(code, code)
        assert _one(f"The fund raised {code} 40 million last year.", "money").unit == want, code


def test_a_broken_language_file_is_one_error_at_its_place(tmp_path):
    bad = tmp_path / "calendar.yaml"
    bad.write_text("months:\n  - [january]\nweekdays: []\ndecades: {twenties: twenty}\n", encoding="utf-8")
    with pytest.raises(InputError) as e:
        read(bad, "language data", language.Calendar, trusted=True)
    lines = str(e.value).splitlines()
    assert lines[0] == f"{bad}:2:3: months: Value error, twelve months, January first, each with its name"
    assert any(line.startswith(f"{bad}:4:21: decades.twenties:") for line in lines)
    bad.write_text("months: &m [[january]]\nweekdays: *m\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"calendar.yaml:2:11: invalid YAML: aliases \(\*name\) are not allowed"):
        read(bad, "language data", language.Calendar, language._Keys)


def test_the_word_lists_are_part_of_the_extraction_digest(monkeypatch):
    import factcheck.cache as cache

    monkeypatch.setattr(cache, "_digests", {})
    before = code_digest()
    monkeypatch.setattr(cache, "_digests", {})
    patterns = [p for p in cache._CODE if p.startswith("language/")]
    assert patterns == ["language/*.py", "language/*.yaml"]
    monkeypatch.setattr(cache, "_CODE", tuple(p for p in cache._CODE if p != "language/*.yaml"))
    assert code_digest() != before


# Days worked out by hand from a 2023 calendar (Easter Sunday was 9 April; 1 September a
# Friday, 1 November a Wednesday, 1 May a Monday, 31 May a Wednesday, 1 June a Thursday).
HOLIDAYS_2023 = [
    ("Christmas Eve", "12-24"), ("Christmas Day", "12-25"), ("Christmas", "12-25"), ("Xmas", "12-25"),
    ("New Year's Eve", "12-31"), ("New Years Eve", "12-31"), ("New Year’s Day", "01-01"), ("New Year", "01-01"),
    ("Easter Sunday", "04-09"), ("Easter", "04-09"), ("Easter Monday", "04-10"), ("Good Friday", "04-07"),
    ("Halloween", "10-31"), ("Hallowe'en", "10-31"), ("Valentine's Day", "02-14"), ("Independence Day", "07-04"),
    ("Thanksgiving", "11-23"), ("Thanksgiving Day", "11-23"), ("Black Friday", "11-24"), ("Labor Day", "09-04"),
    ("Labour Day", "09-04"), ("Memorial Day", "05-29"), ("Earth Day", "04-22"), ("St. Patrick's Day", "03-17"),
    ("St Patrick's", "03-17"), ("Saint Patrick's Day", "03-17"), ("Boxing Day", "12-26"), ("Juneteenth", "06-19"),
    ("International Workers' Day", "05-01"), ("Mother's Day", "05-14"), ("Father's Day", "06-18"),
]


@pytest.mark.parametrize("name, day", HOLIDAYS_2023)
def test_every_holiday_is_its_day_of_the_year(name, day):
    c = _one(f"The shop reopened on {name} 2023, the owner said.", "date")
    assert c.text.lower().startswith(name.lower()) and c.value.start == c.value.end == dt.date.fromisoformat(f"2023-{day}")


def test_every_holiday_in_the_data_is_tested_by_hand():
    tried = {n.lower().replace("’", "'") for n, _ in HOLIDAYS_2023}
    for h in language.calendar().holidays:
        assert any(n in tried for n in h.names), h.names


def test_a_proper_or_vague_holiday_needs_a_capital():
    # "labor day" is any day of work, "the new year" a season; capitalised, with a year, they are days
    assert not [c for c in factcheck.extract("Every labor day counts, and the new year looks good.", PUB)
                if c.kind == "date"]
    assert _one("Shops close on Labor Day, officials said.", "date").value.start == dt.date(2024, 9, 2)


def test_every_zone_and_day_part_tells_the_time():
    clock = language.clock()
    for zone in clock.zones:
        c = _one(f"The ferry left at 5:35 a.m. {zone} on Friday.", "time")
        assert c.text.endswith(zone) and c.unit == zone, zone
    for part, half in clock.day_parts.items():
        if half in ("a", "p"):
            c = _one(f"The ferry left at 7:30 in the {part}.", "time")
            assert c.value.time.hour == (7 if half == "a" else 19), part


@pytest.mark.parametrize("text", ["the united states and the united kingdom", "united  states", "unit", "a.b+c",
                                  "unitedstates", "the un and the united nations general assembly"])
def test_a_trie_finds_what_the_alternation_longest_first_finds(text):
    words = ["united states", "united kingdom", "united nations", "united nations general assembly", "un",
             "unit", "a.b+c"]
    flat = regex.compile("|".join(sorted((regex.escape(w).replace("\\ ", r"\s+") for w in words),
                                         key=len, reverse=True)))
    shared = regex.compile(language.trie(words, r"\s+"))
    assert [m.span() for m in shared.finditer(text)] == [m.span() for m in flat.finditer(text)]
    # without `space`, a space is a space
    assert regex.fullmatch(language.trie(["a b"]), "a b") and not regex.fullmatch(language.trie(["a b"]), "a  b")


def test_the_context_words_make_the_frames_patterns():
    from factcheck import frames
    # "on", "yes" and "no" stay words (YAML would read them as booleans unquoted)
    assert "on" in frames._DATE_LEADS and {"yes", "no"} <= frames._NOT_NAMES
    # months and weekdays are no names, but May is one ("Theresa May")
    assert {"march", "sunday"} <= frames._NOT_NAMES and "may" not in frames._NOT_NAMES
    assert frames._SCOPE.search("Not including its debt, the deal is worth EUR 4.9bn").groups() == ("Not including", "debt")
    assert frames._EXAMPLE.search("The  following\nexample sets 5 retries")
    assert frames._FUTURE.search("talks plan to resume") and frames._PAST.search("talks resumed")


@pytest.mark.parametrize("text, kind, unit", [
    ("The overnight low was 40F, the weather service said.", "quantity", "degree fahrenheit"),
    ("Harvest: 40F bushels of wheat were sold.", None, None),   # "wheat" holds "heat" but is no weather word
    ("She finished the marathon in 2:04:11, a course record.", "duration", "second"),
    ("The meeting ran from 2:04:11 in the log.", "duration", "second"),   # "ran": a race word too
    ("The baby gained 5 pounds in a month.", "quantity", "pound"),
    ("He paid 5 pounds for a ticket.", None, None),   # money words: no weight
    ("He paid 5 pounds again for a ticket.", None, None),   # "again" holds "gain" but weighs nothing
    ("Residents under 35 may apply.", "age", "year"),
])
def test_the_cue_words_tell_what_an_ambiguous_figure_measures(text, kind, unit):
    # cue words (context.yaml) decide a temperature, a race time, a weight or money, an age;
    # a stem begins a word, so a word that merely holds one ("wheat") is no cue
    claims = [c for c in factcheck.extract(text, PUB) if c.kind not in ("date", "count") and c.text != "a month"]
    if kind is None:
        assert claims == []
    else:
        (c,) = claims
        assert (c.kind, c.unit) == (kind, unit)


@pytest.mark.parametrize("text, read", [
    ("Lusana lost 1-3 at home on Sunday.", [("1", 1, 1), ("3", 3, 3)]),   # a score: "lost", "home"
    ("Each crew has 1-3 reserves.", [("1-3", 1, 3)]),                    # a range
    ("Sales rose from 23 to 41 units.", [("23", 23, 23), ("41", 41, 41)]),   # a change: two values
    ("Sales were from 23 to 41 units.", [("from 23 to 41", 23, 41)]),
    ("The meetup will grow from 80 to 220 attendees.", [("80", 80, 80), ("220", 220, 220)]),
    ("See page 12 for the table.", []),                                  # a label, no count
    ("The report cited 12 pages.", [("12", 12, 12)]),
    ("See RFC 3986 for details.", []),
])
def test_the_number_readers_cue_words_tell_scores_changes_and_labels(text, read):
    # score, change and numbered-noun words (context.yaml) decide how figures near them are read
    got = [(c.text, c.value.low, c.value.high) for c in factcheck.extract(text, PUB) if c.kind == "count"]
    assert got == read


@pytest.mark.parametrize("text, dated", [
    ("The bridge opened in 1994.", ["1994"]),         # "in": a year follows
    ("2011 was a dry year.", ["2011"]),               # "was": what a year takes after it
    ("Some 2002 people signed it.", []),              # "people": a count, no year
    ("The vote is in May.", ["May"]),                 # "in": a month follows
    ("Voters may 12 times switch.", []),              # no lead: "may" the verb
])
def test_the_calendars_context_words_tell_years_and_months_from_other_words(text, dated):
    # year_leads, year_followers, year_counted and month_leads (calendar.yaml)
    assert [c.text for c in factcheck.extract(text, PUB) if c.kind == "date"] == dated


@pytest.mark.parametrize("text, read", [
    ("No one was hurt.", []),                        # before_one: a pronoun
    ("One of the pilots was hurt.", []),             # after_one: "one of"
    ("One pilot was hurt.", [("One", "count")]),
    ("He gave first aid to the pilot.", []),         # ordinal_idioms
    ("It was the second-largest city.", [("second", "ordinal")]),   # ordinal_ranks keep the rank
    ("It was a first-class seat.", []),              # another word after the hyphen: a compound
    ("It was a one-off payment.", []),               # idiom_nouns
])
def test_the_number_words_around_one_and_ordinals_tell_counts_from_idioms(text, read):
    assert [(c.text, c.kind) for c in factcheck.extract(text, PUB)] == read


def test_one_list_of_change_words_serves_numbers_and_quantities():
    # "shortened from 12 km to 9 km" is a change, as "rose from 23 to 41" is; "runs from ... to" a range
    def read(text):
        return [c.text for c in factcheck.extract(text, PUB) if c.kind == "quantity"]
    assert read("The road was shortened from 12 km to 9 km.") == ["12 km", "9 km"]
    assert read("The road runs from 12 km to 19 km east of the city.") == ["12 km to 19 km"]


@pytest.mark.parametrize("text, read", [
    ("The driver, 34, was hurt.", [("34", "age")]),        # person_nouns: an age in apposition
    ("The boat, 34, was hurt.", [("34", "count")]),        # no person: a count
    ("The talks lasted a day.", [("a day", "duration")]),  # duration_leads
    ("A day later, talks resumed.", []),
])
def test_the_quantity_readers_person_nouns_and_duration_leads(text, read):
    assert [(c.text, c.kind) for c in factcheck.extract(text, PUB)] == read
