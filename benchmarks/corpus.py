"""Benchmark corpus: N news-length articles in story clusters, deterministic from a seed.

Each story (an earthquake, a flood, a factory fire, an election, a takeover, a
strike, a marathon, a budget) has one set of facts; three to seven outlets
report it over the following days, each in its own words: digits or words,
rounded or exact, hedged ("about", "more than") or not, dates absolute or
relative to publication. Some articles restate a fact with a different value
(a planted conflict, listed in `planted.jsonl`), and death tolls grow between
early and late reports, as they do. Place and people names are made up from
syllables so the vocabulary grows with the corpus, as real news does.

    python3 benchmarks/corpus.py OUT_DIR --docs 10000 --seed 1

writes OUT_DIR/NNNNNN.txt, OUT_DIR/manifest.csv and OUT_DIR/planted.jsonl.
"""
from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import random
import re
from pathlib import Path

SYLLABLES = ("ka", "lo", "ven", "dra", "mi", "tor", "sa", "bel", "un", "rik", "ta", "no", "vas", "el",
             "mar", "quin", "de", "sol", "ara", "bri", "ost", "ul", "zen", "pa", "gor", "li", "fen", "ha")
FIRST = ("Anna", "Marek", "Leila", "Tomas", "Yuki", "Omar", "Ines", "Pavel", "Grace", "Diego", "Nadia",
         "Samuel", "Ruth", "Kenji", "Amara", "Felix", "Hana", "Ivan", "Lucia", "Musa", "Petra", "Rafael",
         "Sofia", "Tariq", "Vera", "Wen", "Zainab", "Bruno", "Clara", "Emeka")
OUTLETS = ("Daily Ledger", "Northern Courier", "Evening Post", "Coastal Times", "Metro Wire",
           "Valley Herald", "National Tribune", "Morning Star", "Harbour Gazette", "City Chronicle",
           "Weekly Observer", "Public Radio News")
UNITS_WORDS = {1: "one", 2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight",
               9: "nine", 10: "ten", 11: "eleven", 12: "twelve"}
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def name(rng: random.Random, parts: int = 3) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, parts))).capitalize()


def person(rng: random.Random) -> str:
    return f"{rng.choice(FIRST)} {name(rng)}"


def spell(n: int, rng: random.Random) -> str:
    return UNITS_WORDS[n] if n in UNITS_WORDS and rng.random() < 0.6 else str(n)


def fmt_int(n: int) -> str:
    return f"{n:,}"


def rounded(n: int, rng: random.Random) -> tuple[str, str]:
    """A count as a reporter writes it: exact, or rounded with a hedge."""
    r = rng.random()
    if r < 0.45 or n < 40:
        return "", fmt_int(n)
    step = 10 ** max(1, len(str(n)) - 2)
    m = round(n / step) * step
    hedge = rng.choice(("about ", "around ", "some ", "nearly ", "roughly ")) if m != n else ""
    if m > n:
        hedge = rng.choice(("nearly ", "almost ", "about "))
    elif m < n:
        hedge = rng.choice(("more than ", "over ", "about "))
    if m >= 1_000_000 and rng.random() < 0.6:
        return hedge, f"{m / 1_000_000:g} million"
    return hedge, fmt_int(m)


def money(amount: float, rng: random.Random) -> str:
    if amount >= 1e9:
        return rng.choice((f"${amount / 1e9:.1f} billion", f"${amount / 1e9:.1f}bn", f"{amount / 1e9:.1f} billion dollars"))
    return rng.choice((f"${amount / 1e6:.0f} million", f"${amount / 1e6:.0f}m", f"{amount / 1e6:.0f} million dollars"))


def date_words(d: dt.date, published: dt.date, rng: random.Random) -> str:
    """An event date the way an article written on `published` names it."""
    gap = (published - d).days
    r = rng.random()
    if 0 < gap < 6 and r < 0.4:
        return f"on {WEEKDAYS[d.weekday()]}"
    if gap == 1 and r < 0.6:
        return "yesterday"
    if r < 0.8:
        return f"on {MONTHS[d.month - 1]} {d.day}"
    return f"on {d.day} {MONTHS[d.month - 1]} {d.year}"


# A story kind: facts drawn once per story, sentences that state them (one per fact, several
# phrasings), and background sentences. {x} fields come from the story's facts and names.
STORIES = {
    "quake": {
        "title": "Earthquake strikes {place}",
        "facts": lambda r: {"dead": r.randint(12, 4800), "injured": r.randint(50, 9000),
                            "depth": r.randint(5, 70), "magnitude": round(r.uniform(5.1, 7.9), 1),
                            "homeless": r.randint(2_000, 400_000), "aid": r.randint(5, 900) * 1e6},
        "lines": {
            "dead": ("At least {dead} people were killed when the earthquake struck {place} {when}.",
                     "The death toll from the quake in {place} stood at {dead_h}{dead}, officials said.",
                     "{dead_h}{dead} people died in the earthquake, according to the {org}."),
            "injured": ("Hospitals in {region} treated {injured_h}{injured} injured people.",
                        "Another {injured_h}{injured} were hurt, many of them by falling masonry."),
            "depth": ("The quake had a magnitude of {magnitude} and struck at a depth of {depth} km.",
                      "Seismologists said the tremor was {depth} kilometres deep."),
            "homeless": ("{homeless_h}{homeless} residents were left homeless and sleep in tents.",
                         "Officials said {homeless_h}{homeless} people had been displaced."),
            "aid": ("The government released {aid} in emergency aid.",
                    "An emergency fund of {aid} was announced for rebuilding {place}."),
        },
    },
    "flood": {
        "title": "Floods hit {region}",
        "facts": lambda r: {"dead": r.randint(3, 600), "rain": r.randint(80, 450), "evacuated": r.randint(500, 90_000),
                            "days": r.randint(2, 9), "damage": r.randint(20, 3000) * 1e6, "share": r.randint(5, 60)},
        "lines": {
            "dead": ("Floods in {region} have killed {dead_h}{dead} people since the river burst its banks {when}.",
                     "The flooding has left {dead_h}{dead} people dead, the {org} said."),
            "rain": ("More than {rain} mm of rain fell on {place} in {days_w} days.",
                     "Forecasters recorded {rain} millimetres of rainfall over the weekend."),
            "evacuated": ("{evacuated_h}{evacuated} people were evacuated from low-lying villages.",
                          "Rescue teams evacuated {evacuated_h}{evacuated} residents by boat."),
            "damage": ("Insurers put the damage at {damage}.",
                       "Early estimates of the damage reached {damage}, the {org} said."),
            "share": ("About {share}% of the farmland in {region} is under water.",
                      "Officials said {share} per cent of the region's farmland was flooded."),
        },
    },
    "fire": {
        "title": "Fire at {place} factory",
        "facts": lambda r: {"dead": r.randint(2, 160), "workers": r.randint(200, 6000), "hours": r.randint(3, 30),
                            "age": r.randint(24, 68), "fine": r.randint(1, 90) * 1e6, "built": r.randint(1955, 2010)},
        "lines": {
            "dead": ("A fire at a textile factory in {place} killed {dead} workers {when}.",
                     "{dead} people died in the blaze, which started on the third floor."),
            "workers": ("The plant employs {workers_h}{workers} workers, most of them women.",
                        "About {workers} people work at the factory, the owner said."),
            "hours": ("Firefighters took {hours} hours to bring the blaze under control.",
                      "It took {hours} hours to put out the fire."),
            "age": ("The factory's manager, {person}, {age}, was arrested.",
                    "Police detained the manager, {person}, aged {age}."),
            "fine": ("The company was fined {fine} for safety breaches last year.",),
            "built": ("The building was built in {built} and had no sprinklers.",
                      "Records show the factory was constructed in {built}."),
        },
    },
    "election": {
        "title": "{person} wins {region} election",
        "facts": lambda r: {"turnout": r.randint(38, 82), "votes": r.randint(40_000, 3_000_000), "share": r.randint(41, 68),
                            "seats": r.randint(30, 180), "age": r.randint(35, 72), "term": r.choice((4, 5, 6))},
        "lines": {
            "turnout": ("Turnout was {turnout}%, the electoral commission said.",
                        "About {turnout} per cent of voters cast a ballot."),
            "votes": ("{person} won {votes_h}{votes} votes {when}.",
                      "The winner received {votes_h}{votes} votes, according to official results."),
            "share": ("{person} took {share}% of the vote.",
                      "With {share} percent of the vote, {person} avoided a runoff."),
            "seats": ("The {party} party won {seats} seats in the assembly.",
                      "The {party} party now holds {seats} seats."),
            "age": ("{person}, {age}, is a former mayor of {place}.",
                    "The {age}-year-old {person} was elected for a {term}-year term."),
        },
    },
    "takeover": {
        "title": "{org} agrees takeover of {company}",
        "facts": lambda r: {"price": r.randint(2, 90) * 1e8, "premium": r.randint(12, 55), "staff": r.randint(900, 60_000),
                            "savings": r.randint(10, 500) * 1e6, "founded": r.randint(1890, 2005), "cut": r.randint(100, 4000)},
        "lines": {
            "price": ("{org} agreed to buy {company} for {price} {when}.",
                      "The deal values {company} at {price}, including debt."),
            "premium": ("The offer is a {premium}% premium to the last closing price before the bid.",
                        "Shareholders will receive a premium of {premium} per cent."),
            "staff": ("{company} employs {staff_h}{staff} people in {region}.",
                      "The combined group will have {staff_h}{staff} employees."),
            "savings": ("{org} expects savings of {savings} a year by 2027.",),
            "founded": ("{company} was founded in {founded} in {place}.",
                        "Founded in {founded}, {company} makes pumps and valves."),
            "cut": ("Up to {cut} jobs will go, the unions said.",
                    "The unions said {cut} jobs were at risk."),
        },
    },
    "strike": {
        "title": "Rail strike in {region}",
        "facts": lambda r: {"days": r.randint(1, 12), "workers": r.randint(2_000, 120_000), "raise": r.randint(3, 15),
                            "offer": r.randint(1, 6), "trains": r.randint(200, 9000), "loss": r.randint(5, 400) * 1e6},
        "lines": {
            "days": ("Rail workers in {region} began a {days_w}-day strike {when}.",
                     "The strike is planned to last {days_w} days."),
            "workers": ("{workers_h}{workers} workers walked out, the union said.",
                        "The union says {workers_h}{workers} members joined the strike."),
            "raise": ("The union is asking for a {raise}% pay rise.",
                      "Workers want wages to rise by {raise} per cent."),
            "offer": ("The operator has offered {offer}% over two years.",),
            "trains": ("{trains_h}{trains} trains were cancelled on the first day.",
                       "Operators cancelled {trains_h}{trains} services."),
            "loss": ("Business groups estimate the strike costs {loss} a day.",),
        },
    },
    "marathon": {
        "title": "{person} wins {place} marathon",
        "facts": lambda r: {"runners": r.randint(3_000, 45_000), "age": r.randint(21, 38), "crowd": r.randint(50_000, 900_000),
                            "prize": r.randint(20, 250) * 1e3 * 1e3 / 1e3, "km": 42.2, "wins": r.randint(2, 5)},
        "lines": {
            "runners": ("{runners_h}{runners} runners started the race {when}.",
                        "A field of {runners_h}{runners} runners took part."),
            "age": ("{person}, {age}, crossed the line first.",
                    "The {age}-year-old {person} won for the {wins_o} time."),
            "crowd": ("Organisers said {crowd_h}{crowd} spectators lined the route.",
                      "A crowd of {crowd_h}{crowd} watched along the course."),
            "km": ("The {km} km course runs along the river through {place}.",),
        },
    },
    "budget": {
        "title": "{region} unveils budget",
        "facts": lambda r: {"total": r.randint(5, 400) * 1e9, "health": r.randint(8, 25), "deficit": round(r.uniform(0.5, 6.5), 1),
                            "teachers": r.randint(500, 20_000), "growth": round(r.uniform(0.2, 4.5), 1), "year": r.randint(2026, 2030)},
        "lines": {
            "total": ("The government of {region} unveiled a budget of {total} {when}.",
                      "Spending will total {total} next year."),
            "health": ("Health takes {health}% of spending, up from last year.",
                       "About {health} per cent of the budget goes to health."),
            "deficit": ("The deficit is forecast at {deficit}% of output.",
                        "Officials expect a deficit of {deficit} per cent."),
            "teachers": ("The plan funds {teachers_h}{teachers} new teachers.",
                         "{teachers_h}{teachers} teachers will be hired by {year}."),
            "growth": ("The finance ministry expects growth of {growth}% this year.",),
        },
    },
}

BACKGROUND = (
    "{person} of the {org} said the priority was to reach the worst-hit areas.",
    "\"We are doing everything we can,\" said {person}, a spokesperson for the {org}.",
    "Residents of {place} described scenes of confusion in the first hours.",
    "The {org} said it would publish a full report within {small_w} weeks.",
    "{place} lies about {dist} km north of the capital, {capital}.",
    "Critics said the authorities in {region} had ignored earlier warnings.",
    "Local radio in {place} broadcast appeals for volunteers throughout the night.",
    "The last comparable event in {region} was in {old_year}, when the response was widely criticised.",
    "{person} told reporters that questions about responsibility would have to wait.",
    "Opposition politicians in {capital} called for an independent inquiry.",
    "Schools in {place} will stay closed until further notice.",
    "Shops reopened in parts of {place} on the {small_o} day, but queues formed for fuel.",
    "Traffic on the main road between {place} and {capital} was diverted for several hours.",
    "The mayor of {place}, {person2}, thanked neighbouring towns for their help.",
    "Analysts said the events would weigh on the mood in {capital} ahead of the next session of parliament.",
    "The {org} has been criticised before, notably by a parliamentary committee.",
    "Photographs shared online showed crowds gathering outside the town hall.",
    "A fund set up by local businesses had collected donations from across {region}.",
    "Television pictures showed volunteers handing out water and blankets at a sports hall on the edge of {place}.",
    "{person2}, who runs a bakery near the market square, said the street had never seen anything like it.",
    "The {org} has asked people not to travel to {place} unless their journey is essential.",
    "Officials in {capital} held an emergency meeting that lasted late into the evening, according to people who attended.",
    "Neighbouring governments offered help, and a team of specialists was expected to arrive within days.",
    "The governor of {region} {visit}, his office said in a short statement.",
    "Some residents complained that information had been slow to arrive and that phone lines were overloaded.",
    "In a statement, the {org} said it was working closely with local authorities and would give updates every {small_w} hours.",
    "Economists warned that the disruption could be felt across {region} for months, especially by small firms.",
    "Church halls and schools in {place} have been opened as temporary shelters and canteens.",
    "A hotline set up by the {org} received thousands of calls in its first day, a spokesperson said.",
    "Newspapers in {capital} devoted their front pages to the story, many of them with pictures from {place}.",
    "{person} said lessons had to be learned and that the inquiry should report within a year.",
    "The national weather service issued a fresh warning for {region} covering the next {small_w} days.",
    "Footage broadcast by local television showed long queues outside the main hospital in {place}.",
    "Local councillors said they had raised concerns about the situation at a meeting in {old_year2}.",
)

YEARS = ("built", "founded", "year", "old_year")
EXACT = YEARS + ("age",)     # written as they are: nobody says "a manager aged about 60"
ORDINAL = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh")


def _story(rng: random.Random, sid: int) -> dict:
    kind = rng.choice(sorted(STORIES))
    event = dt.date(2015, 1, 1) + dt.timedelta(days=rng.randint(0, 3300))
    return {"id": sid, "kind": kind, "event": event, "facts": STORIES[kind]["facts"](rng),
            "place": name(rng), "region": name(rng) + rng.choice(("", " Province", " Valley", " Region")),
            "capital": name(rng), "org": f"{name(rng)} {rng.choice(('Relief Agency', 'Interior Ministry', 'Civil Defence', 'Red Cross', 'Holdings', 'Authority'))}",
            "company": f"{name(rng)} {rng.choice(('Industries', 'Group', 'Systems', 'Motors'))}",
            "party": name(rng), "person": person(rng), "person2": person(rng), "old_year": rng.randint(1950, 2010),
            # Background facts are facts of the story too: every outlet states the same ones.
            "small": rng.randint(2, 4), "toll_rise": rng.uniform(1.1, 1.6), "old_year2": rng.randint(2000, event.year - 1), "dist": rng.randint(20, 400)}


def _fill(tmpl: str, st: dict, facts: dict, published: dt.date, rng: random.Random) -> str:
    f: dict = {k: st[k] for k in ("place", "region", "capital", "org", "company", "party", "person", "person2", "old_year")}
    for k, v in facts.items():
        if isinstance(v, float) and k in ("aid", "damage", "fine", "price", "savings", "loss", "total"):
            f[k] = money(v, rng)
        elif isinstance(v, int) and v >= 40 and k not in EXACT and "{" + k + "_h}" in tmpl:
            # Rounded only where the sentence carries the hedge that goes with rounding.
            hedge, text = rounded(v, rng)
            f[k], f[k + "_h"] = text, hedge
        else:
            f[k] = fmt_int(v) if isinstance(v, int) and k not in EXACT else v
            f[k + "_h"] = ""
        if isinstance(v, int):
            f[k + "_w"] = spell(v, rng) if v <= 12 else str(v)
            f[k + "_o"] = ORDINAL[max(1, min(v, 7)) - 1]
    f["when"] = date_words(st["event"], published, rng)
    visit = st["event"] + dt.timedelta(days=st["small"] + 2)
    f["visit"] = (f"is due to visit {st['place']} on {WEEKDAYS[visit.weekday()]}" if 0 < (visit - published).days < 6
                  else f"is due to visit {st['place']} on {MONTHS[visit.month - 1]} {visit.day}" if visit > published
                  else f"visited {st['place']} {date_words(visit, published, rng)}" if visit < published
                  else f"visits {st['place']} today")
    f["small_w"] = spell(st["small"], rng)
    f["small_o"] = ORDINAL[st["small"] - 1]
    f["old_year2"] = st["old_year2"]
    f["dist"] = st["dist"]
    text = tmpl.format(**f)
    return text[0].upper() + text[1:]


def article(rng: random.Random, st: dict, outlet: str, published: dt.date, facts: dict,
            stated: set | None = None) -> str:
    """One article; `stated` receives the facts its sentences state (some lines are left out)."""
    spec = STORIES[st["kind"]]
    lines = []
    for fact, variants in spec["lines"].items():
        if rng.random() < 0.85:
            tmpl = rng.choice(variants)
            if stated is not None:
                stated.update(k for k in re.findall(r"\{(\w+?)(?:_[hwo])?\}", tmpl) if k in facts)
            lines.append(_fill(tmpl, st, facts, published, rng))
    background = rng.sample(BACKGROUND, k=min(len(BACKGROUND), rng.randint(26, 32)))
    back = [_fill(t, st, facts, published, rng) for t in background]
    # Fact sentences lead; background is spread between them in paragraphs of two to four sentences.
    order = lines[:2] + sorted(lines[2:] + back, key=lambda _: rng.random())
    paras, i = [], 0
    while i < len(order):
        n = rng.randint(2, 4)
        paras.append(" ".join(order[i:i + n]))
        i += n
    dateline = f"{st['place'].upper()} ({outlet}) - "
    return dateline + "\n\n".join(paras) + "\n"


def generate(out: Path, docs: int, seed: int = 1) -> dict:
    """Write `docs` articles, manifest.csv and planted.jsonl into out; returns counts."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    rows, planted, n, sid = [], [], 0, 0
    while n < docs:
        st = _story(rng, sid)
        sid += 1
        for outlet in rng.sample(OUTLETS, k=min(rng.randint(3, 7), docs - n)):
            published = st["event"] + dt.timedelta(days=rng.randint(0, 9))
            facts = dict(st["facts"])
            if "dead" in facts and (published - st["event"]).days > 4:
                facts["dead"] = int(facts["dead"] * st["toll_rise"])  # later reports: the toll rose
            if rng.random() < 0.15:
                key = rng.choice(sorted(k for k in facts if k != "dead"))
                v = facts[key]
                facts[key] = changed(v, rng)
                planted.append({"path": f"{n:06d}.txt", "story": st["id"], "fact": key,
                                "stated": facts[key], "true": v})
            name_ = f"{n:06d}.txt"
            stated: set = set()
            (out / name_).write_text(article(rng, st, outlet, published, facts, stated), encoding="utf-8")
            if planted and planted[-1]["path"] == name_ and planted[-1]["fact"] not in stated:
                planted.pop()   # the changed fact's sentence was left out of this article
            rows.append((name_, published.isoformat(), title(st), outlet))
            n += 1
    return {**write_lists(out, rows, planted), "stories": sid}


def changed(v, rng: random.Random):
    """A fact's value as a careless article states it."""
    return type(v)(v * rng.choice((0.5, 1.5, 2.0))) if not isinstance(v, float) or v > 100 else round(v * 1.5, 1)


def title(st: dict) -> str:
    return STORIES[st["kind"]]["title"].format(**{k: st[k] for k in ("place", "region", "org", "company", "person")})


def write_lists(out: Path, rows: list, planted: list) -> dict:
    """manifest.csv (path, published, title, source) and planted.jsonl; the corpus's counts."""
    with open(out / "manifest.csv", "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh, lineterminator="\n")
        w.writerow(("path", "published", "title", "source"))
        w.writerows(rows)
    with open(out / "planted.jsonl", "w", encoding="utf-8") as fh:
        for p in planted:
            fh.write(json.dumps(p, sort_keys=True) + "\n")
    size = sum((out / r[0]).stat().st_size for r in rows)
    return {"documents": len(rows), "bytes": size, "planted_conflicts": len(planted)}


def main(argv=None, make=None, docs: int = 1000, about: str = __doc__) -> int:
    """The command line of a corpus generator: this one's, or another's `make` (docs_corpus.py)."""
    ap = argparse.ArgumentParser(description=about.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--docs", type=int, default=docs)
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args(argv)
    print(json.dumps((make or generate)(a.out, a.docs, a.seed)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
