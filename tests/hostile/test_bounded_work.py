"""Inputs that once made work grow with the square of their length are read in bounded steps
(issue 16). Time itself is measured in benchmarks/bench_hostile.py; these tests pin the bounds
that keep it linear, each on a small input."""
from __future__ import annotations

from collections import Counter

import factcheck
from factcheck.align import MAX_PARTNERS, iter_candidate_pairs
from factcheck.extractors.numwords import MAX_PARTS
from factcheck.frames import REACH, clause, clause_breaks
from factcheck.pipeline import check


def test_a_run_of_number_words_is_read_as_bounded_numbers():
    # the number reader joins no more than MAX_PARTS words into one figure; the merge then
    # leaves the run out as counting (extractors.COUNTING_RUN)
    from factcheck.extractors.numbers import extract_numbers
    text = "one two three four five six seven eight nine ten " * 8
    read = extract_numbers(text)
    assert read and all(len(text[m.start:m.end].split()) <= MAX_PARTS + 1 for m in read)
    assert sum(len(text[m.start:m.end].split()) for m in read) <= len(text.split())
    assert factcheck.extract(text) == []


def test_a_clause_reaches_no_further_than_REACH_from_its_claim():
    text = "a" + ", x" * 2000 + " 41 people" + ", y" * 2000 + "."
    at = text.index("41")
    c0, c1 = clause(clause_breaks(text, 0, len(text)), 0, len(text), at, at + 2)
    assert (c0, c1) == (at - REACH, at + 2 + REACH)
    short = "The flood killed 41 people; the storm injured 12."
    assert clause(clause_breaks(short, 0, len(short)), 0, len(short), 17, 19) == (0, short.index(";"))


def test_each_claim_has_at_most_MAX_PARTNERS_candidates(tmp_path):
    para = "The flood killed 41 people in Lusana on Friday, officials said.\n\n"
    (tmp_path / "a.md").write_text(para * (MAX_PARTNERS + 50), encoding="utf-8")
    report = check([str(tmp_path / "a.md")], jobs=1, cache=None)
    from factcheck.frames import build_frames
    from factcheck.rulepack import load_rules

    rules = load_rules()
    doc = report.documents[0]
    claims = build_frames(doc, list(report.claims), rules)
    partners = Counter(a.id for a, _ in iter_candidate_pairs(claims))
    assert max(partners.values()) == MAX_PARTNERS


def test_a_long_run_without_spaces_holding_a_slash_is_data_not_claims():
    from factcheck.extractors import LONG_TOKEN

    blob = "x/" + "a.1" * LONG_TOKEN
    claims = factcheck.extract(f"The flood killed 41 people. {blob} Officials said 12 were hurt.")
    assert [c.text for c in claims] == ["41", "12"]


def test_numbers_past_what_a_float_holds_are_not_claims():
    # 400 digits, an exponent of 381, a run of Arabic-Indic digits: no number a text states, and
    # no OverflowError (each once stopped the file's extraction)
    import factcheck
    for text in ("9" * 400 + " km", "1" * 400 + " people", "4e381 days", "4e381 MiB", "-45\n" + "١٢٣" * 200):
        claims = factcheck.extract(text, "2025-04-12")
        assert all(c.text != text.strip() for c in claims)
        assert all(abs(c.interval.low or 0) < 1e300 for c in claims)
    (speed,) = factcheck.extract("About 3e8 m/s.", "2025-04-12")   # an exponent a float holds still reads
    assert speed.text == "3e8 m/s"


def test_a_unit_opened_by_a_bracket_at_the_texts_end_stays_inside_the_text():
    # '5(ft' once gave a span one past the end: the closing bracket looked for was "" (found by fuzzing)
    import factcheck
    for text in ("5(ft", "41<MiB", "from 240(m"):
        for c in factcheck.extract(text, "2025-04-12"):
            assert c.end <= len(text) and text[c.start:c.end] == c.text
    assert [c.text for c in factcheck.extract("It is 5 (ft) long.", "2025-04-12")] == ["5 (ft)"]


def test_patterns_anchored_at_a_figure_read_a_bounded_tail():
    # the regex module looks for a pattern's literal ("port") through the rest of the string
    # before matching at a position, so `match(text, pos)` without an end cost the whole text
    # per figure; every such call in the package gives an end (factcheck.lookahead.TAIL)
    import ast
    from pathlib import Path

    unbounded = []
    for path in sorted(Path(factcheck.__file__).parent.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "match"
                    and len(node.args) == 2 and isinstance(node.args[0], ast.Name) and node.args[0].id == "text"):
                unbounded.append(f"{path.name}:{node.lineno}")
    assert unbounded == []


def test_a_condition_far_back_in_a_run_on_line_does_not_hide_a_role_word():
    from factcheck.keys import CONDITION_REACH, OptionIndex, compile_words
    from factcheck.rulepack import load_rules

    words = compile_words(load_rules().options)
    near = "If you like, the `timeout` option defaults to 30 seconds."
    far = "If you like, " + "x, " * (CONDITION_REACH // 3 + 10) + "the `timeout` option defaults to 30 seconds."
    for text, role in ((near, None), (far, "default")):
        at = text.index("30")
        # "If ..." sets a condition for its own clause; a line that long has left it behind
        assert OptionIndex(text, words).role_near(at, at + 2, 0, len(text)) == role


def test_a_run_of_equal_figures_is_not_searched_for_parts(tmp_path):
    # "twenty-twenty-twenty-...": no figure is smaller than another, so no total has parts to
    # look for; the least figure near each sentence says so before any walk
    from factcheck.engine import _least_near
    from factcheck.frames import build_frames
    from factcheck.ingest import load_documents
    from factcheck.pipeline import claims_for
    from factcheck.rulepack import load_rules

    (tmp_path / "a.txt").write_text("The fund paid 20 people. It paid 20 more. Then 20 again. Later 5 left.\n",
                                    encoding="utf-8")
    rules = load_rules()
    doc = load_documents([tmp_path / "a.txt"])[0]
    claims = build_frames(doc, claims_for(doc, rules), rules)
    order = {s: i for i, s in enumerate(sorted({c.sentence.start for c in claims}))}
    assert [c.text for c in claims] == ["20", "20", "20", "5"]
    assert _least_near(claims, order, 2) == {0: 20, 1: 5, 2: 5, 3: 5}


def test_a_token_longer_than_any_word_is_no_event_word():
    from factcheck.frames import LONGEST_WORD, Token, lexicon
    from factcheck.rulepack import load_rules

    lex = lexicon(load_rules())
    run = "-".join(["killed"] * (LONGEST_WORD // 6 + 1))
    assert lex.predicate(Token(0, 6, "killed", "kill")) is not None
    assert lex.predicate(Token(0, len(run), run, run)) is None


def test_windows_around_hints_merge_where_they_touch_and_stay_in_the_text():
    from factcheck.lookahead import windows
    assert windows([50, 10, 95], 5, 10, 100) == [(5, 20), (45, 60), (90, 100)]
    assert windows([10, 22], 5, 10, 100) == [(5, 32)]        # 17 <= 20: one stretch
    assert windows([], 5, 10, 100) == []


def test_a_figure_asks_whether_its_line_holds_a_table_cell_in_log_time():
    # one long line of figures and no "|": the option index answers from where the page's
    # pipes stand, not by counting them from the line's start for each figure
    from factcheck.frames import lexicon
    from factcheck.keys import OptionIndex
    from factcheck.rulepack import load_rules
    words = lexicon(load_rules()).options
    line = ", ".join(f"{1 + i % 28} March {1990 + i % 30}" for i in range(2000))
    index = OptionIndex(line, words)
    assert index.pipes == [] and not index._pipe_between(0, len(line))
    table = "| Option | Default |\n|---|---|\n| `timeout` | 30 s |\n"
    index = OptionIndex(table, words)
    assert index.pipes == [i for i, ch in enumerate(table) if ch == "|"]
    row = table.index("| `timeout`")
    assert index._pipe_between(row, table.index("30 s")) and not index._pipe_between(table.index("30 s"), table.index("30 s") + 2)
    assert index.at(table.index("30"), table.index("30") + 4, row, len(table)).key == "timeout"
