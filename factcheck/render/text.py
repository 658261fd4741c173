"""Report -> text for a terminal: one linter-style line per finding, details on request, a summary line."""
from __future__ import annotations

import regex

from .common import claim_index, counts, ordered, printable

_WS = regex.compile(r"\s+")
_QUOTED = regex.compile(r"'([^'\n]*)' \([^()\n]*\)")
CONTEXT = 36          # characters of the sentence shown on each side of a claim

OTHERS_SHOWN = 3   # places a line names besides its first
_STYLE = {"conflict": "1;31", "update": "1;33", "agreement": "32", "path": "1", "claim": "1", "dim": "2"}


def render_text(report, color: bool = False, verbose: bool = False, show: tuple[str, ...] = (),
                limit: int | None = None) -> str:
    """One line per finding in the shape of a linter's (`path:line:col: FC101 conflict: 41 vs 47
    people killed (other: b.txt:1:18)`), problems first, then the summary line.

    Agreements and suppressed findings are counted, and listed only when `show` names them
    ("agreements", "suppressed", or "all" for both); `verbose` adds the message and each claim in its sentence
    under every line; past `limit` lines the rest are counted with a hint. `color` adds ANSI
    colours; the CLI sets it only for a terminal without NO_COLOR.
    """
    def paint(s: str, style: str) -> str:
        return f"\x1b[{_STYLE[style]}m{s}\x1b[0m" if color else s

    if "all" in show:
        show = ("agreements", "suppressed")
    claims = claim_index(report)
    texts = {d.path: d.text for d in report.documents}
    listed = [f for f in ordered(report) if (f.suppressed is None or "suppressed" in show)
              and (f.kind != "agreement" or "agreements" in show)]
    out = []
    for f in listed[:limit]:
        first, *rest = (claims[cid] for cid in f.claims)
        where = paint(printable(f"{first.path}:{first.line}:{first.column}"), "path")
        others = ", ".join(printable(f"{c.path}:{c.line}:{c.column}") for c in rest[:OTHERS_SHOWN])
        if len(rest) > OTHERS_SHOWN:   # a group's every place is under --verbose and in the reports
            others += f" and {len(rest) - OTHERS_SHOWN} more"
        label = "parts" if f.relation == "sum" else ("others" if len(rest) > 1 else "other")
        tail = f" ({label}: {others})" if others else ""
        mark = f" [suppressed: {f.suppressed['by']}]" if f.suppressed else ""
        out.append(f"{where}: {f.rule} {paint(f.kind, f.kind)}: {printable(headline(f, claims))}{tail}{mark}")
        if verbose:
            out.append(f"    {printable(f.message)}")
            why = f" — {f.suppressed['reason']}" if f.suppressed and f.suppressed.get("reason") else ""
            out.append(paint(printable(f"    {f.name}, {f.severity}, id {f.id}{why}"), "dim"))
            intervals = f.explanation.get("intervals") or []
            for i, cid in enumerate(f.claims):
                c = claims[cid]
                allows = f"  allows {intervals[i]}" if len(intervals) == len(f.claims) else ""
                out.append(f"    {paint(printable(f'{c.path}:{c.line}:{c.column}'), 'path')}: "
                           f"{_context(texts.get(c.path), c, paint)}{allows}")
    if limit is not None and len(listed) > limit:
        out.append(paint(f"... and {len(listed) - limit} more: every finding is in the JSON and HTML "
                         f"reports, or list them with --show all", "dim"))
    base = report.baseline
    if base and base.get("stale"):
        if out:
            out.append("")
        out.append(f"Stale baseline entries in {base['path']} ({len(base['stale'])}; no longer found, "
                   f"prune with `factcheck baseline`):")
        for e in base["stale"]:
            where = ", ".join(f"{c.get('path')}:{c.get('line')} {c.get('text')!r}" for c in e.get("claims", []))
            out.append(printable(f"  {e['id']} {e.get('rule', '')} {where}".rstrip()))
    if out:
        out.append("")
    out.append(summary_line(report))
    return "\n".join(out) + "\n"


def headline(f, claims) -> str:
    """A finding in a few words: '41 vs 47 people killed', '3 + 4 do not add up to 9'."""
    cs = [claims[cid] for cid in f.claims]
    groups = f.explanation.get("values") or []
    if f.relation == "same-measure" and len(groups) >= 2 and len(cs) > len(groups):
        # one value stated in many places: each value once, with how many places state it
        firsts = [_flat(claims[g["claims"][0]].text) for g in groups]
        same_words = len(set(firsts)) < len(firsts)    # "Friday" of two weeks: say which day
        values = " vs ".join(_stated(t, g["value"] if same_words else None, len(g["claims"]))
                             for t, g in zip(firsts, groups))
        what = f.explanation.get("measure")
        return f"{values} {what}" if what else values
    if f.relation == "same-measure" and len(cs) >= 2:
        texts = [_flat(c.text) for c in cs]    # a conflict shows both, even one word ("tonight vs tonight")
        values = " / ".join(dict.fromkeys(texts)) if f.kind == "agreement" else " vs ".join(texts)
        what = f.explanation.get("measure")
        return f"{values} {what}" if what else values
    if f.relation == "sum":
        total, *parts = cs
        verb = "add up to" if f.kind == "agreement" else "do not add up to"
        return f"{' + '.join(_flat(p.text) for p in parts)} {verb} {_flat(total.text)}"
    # Other relations: the message's first clause, claims quoted bare ("'2008' (doc)" -> "2008").
    return _QUOTED.sub(r"\1", f.message.split(": ")[0].rstrip("."))


def _stated(text: str, value: str | None, places: int) -> str:
    """"41 in 29 places", "Friday (2026-03-06..2026-03-06) in 1 place"."""
    return f"{text}{f' ({value})' if value else ''} in {places} place{'s' if places > 1 else ''}"


def _flat(s: str) -> str:
    return _WS.sub(" ", s)


def summary_line(report) -> str:
    """`4 documents, 69 claims: 1 conflict, 23 agreements, 0 updates (2 suppressed)`"""
    s, n = report.summary, counts(report)

    def plural(k, word):
        return f"{n[k]} {word}{'' if n[k] == 1 else 's'}"
    tail = f" ({n['suppressed']} suppressed)" if n["suppressed"] else ""
    stale = len((report.baseline or {}).get("stale", []))
    tail += f", {stale} stale baseline {'entry' if stale == 1 else 'entries'}" if stale else ""
    since = report.changed_since
    if since:
        k = since["left_out"]
        tail += (f"; {k} finding{'' if k == 1 else 's'} with no claim on a line changed since "
                 f"{since['ref']} left out")
    docs, claims = s["documents"], s["claims"]
    return (f"{docs} document{'' if docs == 1 else 's'}, {claims} claim{'' if claims == 1 else 's'}: "
            f"{plural('conflict', 'conflict')}, "
            f"{plural('agreement', 'agreement')}, {plural('update', 'update')}{tail}")


def _context(text: str | None, c, paint) -> str:
    """`…the flood killed [41] people in Lusana…` on one line, the claim marked."""
    if text is None:
        return printable(repr(c.text))
    a = max(c.sentence.start, c.start - CONTEXT)
    b = min(c.sentence.end, c.end + CONTEXT)
    if a > c.sentence.start and " " in text[a:c.start]:
        a = text.index(" ", a, c.start) + 1             # start and end on whole words
    if b < c.sentence.end and " " in text[c.end:b]:
        b = text.rindex(" ", c.end, b)
    before = printable(_WS.sub(" ", text[a:c.start]).lstrip())
    after = printable(_WS.sub(" ", text[c.end:b]).rstrip())
    lead = "…" if a > c.sentence.start else ""
    trail = "…" if b < c.sentence.end else ""
    claim = printable(_WS.sub(" ", c.text))
    return f"\"{lead}{before}{paint('[' + claim + ']', 'claim')}{after}{trail}\""
