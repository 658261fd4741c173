"""The HTML report without a browser: escaping, the CSP hashes, compact claim rows, determinism and size."""
from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

import pytest
from html_corpora import large_report

from factcheck.pipeline import check
from factcheck.render import RENDERERS
from factcheck.render.html import CLAIM_FIELDS, FRAME_FIELDS, embed_json, render_html, report_data, report_key

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
GOLDEN = Path(__file__).resolve().parents[1] / "golden"
DATA_BLOCK = re.compile(r'<script type="application/json" id="report-data">(.*?)</script>', re.S)


@pytest.fixture(scope="module")
def seeds_report():
    return check([SEEDS])


def page_data(page: str) -> dict:
    (block,) = DATA_BLOCK.findall(page)
    return json.loads(block)


def test_html_is_a_registered_format():
    assert RENDERERS["html"] is render_html


def test_embedded_json_cannot_close_the_script_or_open_a_comment():
    data = {"a": "</script><script>alert(1)</script>", "b": "<!-- x -->", "c": "&amp; \u2028\u2029",
            "</script>": ">"}
    out = embed_json(data)
    for raw in ("<", ">", "&", "\u2028", "\u2029"):
        assert raw not in out
    assert "\\u003c/script\\u003e" in out and "\\u2028" in out
    assert json.loads(out) == data


def test_markup_in_names_titles_and_text_stays_inside_the_data(tmp_path):
    title = '</script><script>alert("t")</script><!--'
    (tmp_path / '"><img src=x onerror=alert(1)>.md').write_text(
        f"---\ntitle: '{title}'\n---\n<script>alert(2)</script> The flood killed 41 people on Friday.\n",
        encoding="utf-8")
    (tmp_path / "b.txt").write_text("The flood killed 47 people on Friday. </script><!-- \u2028\n", encoding="utf-8")
    report = check([tmp_path])
    page = render_html(report)
    # The only elements are the page's own: two scripts (data and app), no image, the title only in the data.
    assert page.count("<script") == 2 and page.count("</script>") == 2
    assert "<img" not in page and "alert(" not in DATA_BLOCK.sub("", page)
    data = page_data(page)
    assert sorted(d["title"] or "" for d in data["documents"]) == sorted(["", title])
    assert {d["text"] for d in data["documents"]} == {d.text for d in report.documents}


def test_csp_allows_exactly_the_inline_script_and_style(seeds_report):
    page = render_html(seeds_report)
    (csp,) = re.findall(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', page)
    policy = dict(p.strip().split(" ", 1) for p in csp.replace("&#x27;", "'").split(";"))
    (script,) = re.findall(r"<script>(.*?)</script>", page, re.S)
    (style,) = re.findall(r"<style>(.*?)</style>", page, re.S)

    def sha(s: str) -> str:
        return "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"

    assert policy == {"default-src": "'none'", "script-src": sha(script), "style-src": sha(style),
                      "img-src": "data:", "base-uri": "'none'", "form-action": "'none'"}
    assert "unsafe" not in csp
    # Nothing else in the page would need a request: no src, no external href, no inline handlers.
    assert not re.search(r"\ssrc=", page.split('id="report-data"')[0])
    assert re.findall(r'href="([^"]*)"', page) == ["data:,"]
    assert not re.search(r"\son[a-z]+=", DATA_BLOCK.sub("", page))


def test_claim_rows_decode_to_the_claims(seeds_report):
    # What the page rebuilds from a row (see report.js) is the claim's own record, minus alignment-only fields.
    data = report_data(seeds_report)
    texts = {d["id"]: d["text"] for d in data["documents"]}
    rebuilt = {}
    for d in data["documents"]:
        for row in d["claims"]:
            c = dict(zip(CLAIM_FIELDS, row + [None] * (len(CLAIM_FIELDS) - len(row))))
            c["text"] = c["text"] or texts[d["id"]][c["start"]:c["end"]]
            c["id"] = c["id"] or f"{d['id']}:{c['start']}-{c['end']}"
            c["interval"] = c["interval"] or dict(c["value"])
            c["qualifier"] = c["qualifier"] or "exact"
            c["sentence"] = {"start": c["sentence"][0], "end": c["sentence"][1]}
            frame = c.pop("frame")
            c["frame"] = dict(zip(FRAME_FIELDS, (frame or []) + [None] * len(FRAME_FIELDS))) if frame else None
            rebuilt[c["id"]] = c
    assert len(rebuilt) == len(seeds_report.claims)
    for claim in seeds_report.claims:
        want = claim.model_dump(mode="json")
        got = rebuilt[claim.id]
        want_interval = {k: v for k, v in want["interval"].items() if v is not None}
        assert got["interval"] == want_interval
        for k in ("start", "end", "line", "column", "kind", "value", "unit", "qualifier", "hedge", "step",
                  "dimension", "sentence", "text"):
            assert got[k] == want[k], (claim.id, k)
        if claim.frame:
            f = want["frame"]
            when = f["time"] and (f["time"]["start"] if f["time"]["start"] == f["time"]["end"]
                                  else f"{f['time']['start']} to {f['time']['end']}")
            assert got["frame"]["measure"] == f["measure"] and got["frame"]["time"] == when
            assert got["frame"]["predicate"] == f["predicate"]


def test_offsets_are_counted_in_utf16_units_for_the_page(tmp_path):
    # Two emoji before the number: Python counts 2 characters, JavaScript 4 code units.
    (tmp_path / "a.txt").write_text("\U0001F30A\U0001F30A The flood killed 41 people on Friday.\n", encoding="utf-8")
    report = check([tmp_path])
    (claim,) = [c for c in report.claims if c.text == "41"]
    (row,) = [r for d in report_data(report)["documents"] for r in d["claims"] if r[0] == claim.start + 2]
    units = report.documents[0].text.encode("utf-16-le")
    assert units[2 * row[0]:2 * row[1]].decode("utf-16-le") == "41"
    assert row[CLAIM_FIELDS.index("id")] == claim.id  # the id keeps Python's offsets, so it is written out


def test_same_report_same_bytes(seeds_report):
    assert render_html(seeds_report) == render_html(check([SEEDS]))


def test_review_key_names_the_findings_and_version(seeds_report):
    key = report_key(seeds_report)
    assert re.fullmatch(r"[0-9a-f]{16}", key)
    fewer = seeds_report.model_copy(update={"findings": seeds_report.findings[1:]})
    newer = seeds_report.model_copy(update={"tool": {**seeds_report.tool, "version": "9.9.9"}})
    assert len({key, report_key(fewer), report_key(newer)}) == 3


def test_five_thousand_findings_over_a_thousand_documents_stay_under_10_mb(seeds_report):
    big = large_report(seeds_report, docs=1000, findings=5000)
    assert (len(big.documents), len(big.findings)) == (1000, 5000)
    size = len(render_html(big).encode("utf-8"))
    assert size < 10_000_000, f"{size / 1e6:.1f} MB"


def test_golden_conflict_case(golden, monkeypatch, capsys):
    # The whole page for the golden case, as `check --format html` prints it (regenerate with --update-golden).
    from factcheck.cli import main

    monkeypatch.chdir(GOLDEN / "conflict")
    main(["check", "input", "--no-report", "--format", "html"])
    golden(GOLDEN / "conflict" / "report.html", capsys.readouterr().out)
