"""In a sentence dense with claims, a claim's actors are looked up in its sentence's runs of
capitalised words, found once (frames._Sentence.names). The lookup must give what reading the
clause alone gives, wherever the clause starts or the claim stands: inside a run ("New York",
"McDonald"), at its edge, or between runs."""
from __future__ import annotations

import random

from factcheck.frames import _NAME, _Sentence, _actors, _appears_mid, _name_of, lexicon, tokens


def _dense(text: str, lex) -> _Sentence:
    sent = _Sentence(text, 0, len(text), [], tokens(text, 0, len(text)), lex, {})
    sent.dense = True   # as if it held many claims: the runs are shared
    return sent
from factcheck.rulepack import load_rules

WORDS = ["New York", "McDonald", "March", "the", "said", "Kim Jong-Un", "Red Cross", "on", "Tuesday",
         "Experts", "experts", "O'Neill's", "and", "5", "1990", "Beijing", "Mr.", "Smith"]


def _read_alone(text: str, c0: int, lo: int, lex) -> tuple[str, ...]:
    """The clause read on its own, as the actors were before the runs were shared."""
    names = []
    for m in _NAME.finditer(text, c0, lo):
        n = _name_of(text, m.group(), lex)
        if n is None or m.start() == c0 and n[1] and not _appears_mid(text, n[1]):
            continue
        names.append(n[0])
    return tuple(sorted({names[0], names[-1]})) if names else ()


def test_actors_from_shared_runs_equal_the_clause_read_alone():
    lex = lexicon(load_rules())
    rng = random.Random(7)
    checked = 0
    for _ in range(200):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 30))) + "."
        sent = _dense(text, lex)
        for _ in range(20):
            c0 = rng.randint(0, len(text) - 1)
            lo = rng.randint(c0, len(text))
            assert _actors(text, c0, lo, lex, sent) == _read_alone(text, c0, lo, lex), (text, c0, lo)
            checked += 1
    assert checked == 4000


def test_a_clause_starting_inside_a_name_reads_its_tail():
    lex = lexicon(load_rules())
    text = "Officials met McDonald and Smith on 5 March."
    sent = _dense(text, lex)
    inside = text.index("McDonald") + 2           # "Donald" is what a scan from here reads
    at = text.index("5 March")
    assert _actors(text, inside, at, lex, sent) == _read_alone(text, inside, at, lex)
    assert _actors(text, 0, at, lex, sent) == ("mcdonald", "smith")
