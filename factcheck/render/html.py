"""Report -> one self-contained HTML review page: the report as inline JSON plus an inline app that renders it.

Nothing in the page is fetched: the style and the script are inlined and allowed
by their sha256 hashes in a Content-Security-Policy meta tag, so no other script
can run even if some text slipped through unescaped. The app builds every view
from the JSON with textContent, so article text, paths and messages are never
parsed as HTML. Documents are embedded once, as text; a document view is built
only when it is opened, which keeps a report of thousands of findings small.
"""
from __future__ import annotations

import base64
import bisect
import hashlib
import html
import json
import re
from importlib import resources

from .json import allows_value

KIND_ORDER = {"conflict": 0, "update": 1, "agreement": 2}
SEVERITY_ORDER = {"error": 0, "warning": 1, "info": 2}

# Inside a <script> element the HTML parser ends at "</script" and treats "<!--" specially,
# so those characters never appear raw; U+2028/2029 are escaped for older JS parsers.
_JSON_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))
_ASTRAL = re.compile("[\U00010000-\U0010FFFF]")

# Claims are the bulk of a large report, so each is a row of values in this order rather than an
# object; the page turns rows back into objects with these names. A claim's id and text are left
# out when they are what the document gives (doc:start-end, text[start:end]), the interval when it
# equals the value. Frames keep what a reviewer reads in a claim's record (what is measured, when,
# by whom) and lose the word, entity and predicate lists that feed alignment (a finding's alignment
# evidence names the ones that mattered). Trailing empty values are dropped.
CLAIM_FIELDS = ("start", "end", "line", "column", "kind", "value", "interval", "unit", "qualifier", "hedge",
                "step", "dimension", "sentence", "frame", "text", "id")
FRAME_FIELDS = ("measure", "predicate", "time", "hedges", "attribution", "negated", "tense", "series", "incidental")


def render_html(report) -> str:
    """The whole report as one HTML file that needs no network and no other file."""
    payload = embed_json(report_data(report))
    css = _asset("report.css")
    js = _asset("report.js")
    csp = "; ".join((
        "default-src 'none'",
        f"script-src '{csp_hash(js)}'",
        f"style-src '{csp_hash(css)}'",
        "img-src data:",
        "base-uri 'none'",
        "form-action 'none'",
    ))
    s = report.summary
    tool = report.tool
    # the summary counts documents and claims under plural keys, each kind of finding under its name
    n = {word: _count(s.get(key, 0), word) for word, key in (
        ("document", "documents"), ("claim", "claims"), ("conflict", "conflict"), ("agreement", "agreement"),
        ("update", "update"))}
    title = f"factcheck report: {n['conflict']}, {n['agreement']}, {n['update']} in {n['document']}"
    esc = _esc
    return "".join((
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n",
        f"<meta http-equiv=\"Content-Security-Policy\" content=\"{esc(csp)}\">\n",
        "<meta name=\"referrer\" content=\"no-referrer\">\n",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n",
        f"<meta name=\"generator\" content=\"{esc(tool.get('name', 'factcheck'))} {esc(tool.get('version', ''))}\">\n",
        f"<title>{esc(title)}</title>\n",
        # An empty icon keeps the browser from asking for /favicon.ico next to the file.
        "<link rel=\"icon\" href=\"data:,\">\n",
        f"<style>{css}</style>\n</head>\n<body>\n",
        "<header class=\"top\"><h1>factcheck report</h1>",
        f"<p class=\"sub\">{esc(tool.get('name', 'factcheck'))} {esc(tool.get('version', ''))} · "
        f"{esc(' · '.join(n.values()))}</p>"
        "</header>\n",
        "<noscript><p class=\"noscript\">This report is drawn by JavaScript, which is turned off. "
        "The findings are in the JSON block at the end of this file; "
        "<code>factcheck check --format text</code> prints them for a terminal.</p></noscript>\n",
        "<main id=\"app\" aria-live=\"polite\"></main>\n",
        f"<script type=\"application/json\" id=\"report-data\">{payload}</script>\n",
        f"<script>{js}</script>\n</body>\n</html>\n",
    ))


def report_data(report) -> dict:
    """What the page needs, JSON-ready: documents with their text and claims, then the findings."""
    by_doc: dict[str, list] = {}
    for c in report.claims:
        by_doc.setdefault(c.doc, []).append(c)
    docs = []
    for d in report.documents:
        js = _js_offsets(d.text)
        docs.append({"id": d.id, "path": d.path, "published": d.published.isoformat() if d.published else None,
                     "title": d.title, "source": d.source, "body_start": js(d.body_start), "text": d.text,
                     "claims": [claim_row(c, d, js) for c in by_doc.pop(d.id, ())]})
    for doc_id, claims in sorted(by_doc.items()):  # claims whose document is missing still show in findings
        docs.append({"id": doc_id, "path": claims[0].path, "published": None, "title": None, "source": None,
                     "body_start": 0, "text": "", "missing": True,
                     "claims": [claim_row(c, None, lambda i: i) for c in claims]})
    findings = [_compact({k: v for k, v in f.model_dump(mode="json").items() if v is not None})
                for f in report.findings]
    findings.sort(key=lambda f: (KIND_ORDER.get(f["kind"], 9), SEVERITY_ORDER.get(f["severity"], 9),
                                 f["rule"], f["claims"], f["id"]))
    tool = report.tool
    return {"key": report_key(report),
            "tool": {"name": tool.get("name", "factcheck"), "version": tool.get("version", "")},
            "summary": report.summary, "baseline": getattr(report, "baseline", None),
            "claim_fields": CLAIM_FIELDS, "frame_fields": FRAME_FIELDS,
            "documents": docs, "findings": findings}


def _compact(finding: dict) -> dict:
    """A finding with its alignment evidence as [feature, weight, what it saw] rows: thousands
    of findings repeat the three key names in every item."""
    al = (finding.get("explanation") or {}).get("alignment")
    if isinstance(al, dict) and isinstance(al.get("evidence"), list):
        al["evidence"] = [[e["feature"], e["weight"], *([e["saw"]] if "saw" in e else [])]
                          if isinstance(e, dict) else e for e in al["evidence"]]
    return finding


def claim_row(c, doc, js) -> list:
    """One claim as a list in CLAIM_FIELDS order, offsets in UTF-16 code units as JavaScript counts them."""
    start, end = js(c.start), js(c.end)
    frame = None
    if c.frame is not None:
        f = c.frame.model_dump(mode="json")
        t = f["time"]
        if t:
            f["time"] = t["start"] if t["start"] == t["end"] else f"{t['start']} to {t['end']}"
        frame = _trim([f[k] for k in FRAME_FIELDS])
    value = c.value.model_dump(mode="json")
    # an exact count or date allows just what it states
    interval = None if allows_value(c) else {k: v for k, v in c.interval.model_dump(mode="json").items()
                                             if v is not None}
    text = None if doc is not None and doc.text[c.start:c.end] == c.text else c.text
    cid = None if c.id == f"{c.doc}:{start}-{end}" else c.id
    return _trim([start, end, c.line, c.column, c.kind, value, interval, c.unit,
                  c.qualifier, c.hedge, int(c.step) if float(c.step).is_integer() else c.step, c.dimension,
                  [js(c.sentence.start), js(c.sentence.end)], frame, text, cid])


def _trim(row: list) -> list:
    while row and row[-1] in (None, [], False):
        row.pop()
    return row


def _js_offsets(text: str):
    """Python counts code points, JavaScript UTF-16 units: characters beyond U+FFFF count twice there."""
    if not _ASTRAL.search(text):
        return lambda i: i
    astral = [m.start() for m in _ASTRAL.finditer(text)]
    return lambda i: i + bisect.bisect_left(astral, i)


def report_key(report) -> str:
    """Names this report's review in the browser's storage: the tool version and the finding ids."""
    h = hashlib.sha256(str(report.tool.get("version", "")).encode())
    for fid in sorted(f.id for f in report.findings):
        h.update(b"\n" + fid.encode())
    return h.hexdigest()[:16]


def embed_json(data) -> str:
    """JSON that can sit inside <script type="application/json"> whatever its strings contain.

    Compact, but a dict's keys and the items of its lists each start a line, so a change
    to one document or finding shows as a one-line diff of the page.
    """
    def dumps(value) -> str:
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    if isinstance(data, dict):
        text = "{\n" + ",\n".join(
            dumps(k) + ":" + ("[\n" + ",\n".join(map(dumps, v)) + "\n]" if isinstance(v, (list, tuple)) and v
                              else dumps(v))
            for k, v in sorted(data.items())) + "\n}"
    else:
        text = dumps(data)
    for raw, escaped in _JSON_ESCAPES:   # str.replace, not translate: a 10,000-article report's
        text = text.replace(raw, escaped)  # data is tens of MB, and translate goes a character at a time
    return text


def csp_hash(source: str) -> str:
    """The CSP source expression that allows exactly this inline script or style."""
    return "sha256-" + base64.b64encode(hashlib.sha256(source.encode("utf-8")).digest()).decode("ascii")


def _asset(name: str) -> str:
    text = resources.files("factcheck.render").joinpath("html_assets", name).read_text(encoding="utf-8")
    if "</" + ("script" if name.endswith(".js") else "style") in text.lower():
        raise ValueError(f"{name} must not contain a closing tag for its own element")
    return text


def _count(n, word: str) -> str:
    n = n if isinstance(n, int) else 0
    return f"{n:,} {word}" + ("" if n == 1 else "s")


def _esc(value) -> str:
    return html.escape(str(value), quote=True)
