"""The HTML report in Chromium: filter, open a finding, jump into a document, review, export, import, gate."""
from __future__ import annotations

import json
from collections import Counter

from browser_helpers import check_report, factcheck

from factcheck import baseline
from factcheck.models import Finding
from factcheck.render.json import claims_of

KIND_ORDER = {"conflict": 0, "update": 1, "agreement": 2}


def shown_ids(page) -> list[str]:
    return page.eval_on_selector_all("#findings li[data-id]", "els => els.map(e => e.dataset.id)")


def test_watch_catches_a_request_that_leaves_the_page(open_page, tmp_path):
    # The guard the other tests rely on: a page that loads a remote image is caught (and the load aborted).
    leak = tmp_path / "leak.html"
    leak.write_text('<img src="http://192.0.2.1/pixel.png">'
                    '<script>document.documentElement.setAttribute("data-ready", "1")</script>', encoding="utf-8")
    page, watch = open_page(leak)
    assert watch.outside == ["http://192.0.2.1/pixel.png"]


def test_seeds_report_filter_read_review_export_import(open_page, tmp_path):
    html, data, _ = check_report(["seeds"], tmp_path)
    findings = {f["id"]: f for f in data["findings"]}
    claims = {c["id"]: c for c in data["claims"]}
    page, watch = open_page(html)

    # Overview: every finding is listed, conflicts first; counts by kind; documents with their dates.
    ids = shown_ids(page)
    assert sorted(ids) == sorted(findings)
    ranks = [KIND_ORDER[findings[i]["kind"]] for i in ids]
    assert ranks == sorted(ranks)
    totals = {r[0]: r[-1] for r in page.eval_on_selector_all(
        "#counts tbody tr", "rows => rows.map(r => [...r.cells].map(c => c.innerText.trim()))")}
    assert totals == {k: str(n) for k, n in Counter(f["kind"] for f in data["findings"]).items()} | \
        {k: "0" for k in KIND_ORDER if k not in Counter(f["kind"] for f in data["findings"])}
    assert not {"null", "undefined", "NaN", "[object Object]"} & set(page.inner_text("#app").split())
    doc_rows = page.eval_on_selector_all("#docs tbody tr", "rows => rows.map(r => [...r.cells].map(c => c.innerText))")
    assert [(r[1], r[2]) for r in doc_rows] == [(d["path"], d["published"] or "—") for d in data["documents"]]

    # Filters: by rule, by document, by words, by kind.
    rule = min(Counter(f["rule"] for f in findings.values()).items(), key=lambda kv: (kv[1], kv[0]))[0]
    page.select_option("#filter-rule", rule)
    assert sorted(shown_ids(page)) == sorted(i for i, f in findings.items() if f["rule"] == rule)
    page.select_option("#filter-rule", "")
    # the filter lists the documents that have findings: the last of them
    doc = [d["id"] for d in data["documents"]
           if any(claims[c]["doc"] == d["id"] for f in findings.values() for c in f["claims"])][-1]
    page.select_option("#filter-doc", doc)
    assert sorted(shown_ids(page)) == sorted(i for i, f in findings.items()
                                             if any(claims[c]["doc"] == doc for c in f["claims"]))
    page.select_option("#filter-doc", "")
    page.fill("#filter-q", "34,600")
    with_total = sorted(i for i, f in findings.items() if "34,600" in f["message"])
    assert with_total and sorted(shown_ids(page)) == with_total
    page.fill("#filter-q", "")
    page.select_option("#filter-kind", "agreement")
    assert {findings[i]["kind"] for i in shown_ids(page)} == {"agreement"}
    page.select_option("#filter-kind", "")
    assert shown_ids(page) == ids

    # Keyboard: j j Enter opens the second finding of the list.
    page.keyboard.press("Escape")
    for key in ("j", "j", "Enter"):
        page.keyboard.press(key)
    page.wait_for_selector("#finding:not([hidden])")
    f = findings[ids[1]]
    assert page.evaluate("location.hash") == "#/f/" + f["id"]
    assert page.inner_text("#finding-title") == f"{f['rule']} {f['name']}"

    # Side by side: each claim's sentence with the claim marked, the arithmetic, the record on demand.
    cards = page.locator("#finding article.card")
    assert cards.count() == len(f["claims"])
    for i, cid in enumerate(f["claims"]):
        assert cards.nth(i).locator("mark.hit").inner_text() == claims[cid]["text"]
    assert page.inner_text("pre.arith") == f["explanation"]["arithmetic"]
    assert not {"null", "undefined", "NaN", "[object Object]"} & set(page.inner_text("#app").split())
    first = claims[f["claims"][0]]
    record = cards.nth(0).locator("details.rec")
    assert record.evaluate("d => d.open") is False
    record.locator("summary").click()
    rec = record.inner_text()
    assert "interval" in rec and first["kind"] in rec and first["id"] in rec

    # The link drops into the document view at that claim: focused, its record and findings beside it.
    cards.nth(0).locator("a.open-doc").click()
    page.wait_for_selector("#document:not([hidden])")
    assert page.get_attribute("mark.claim.target", "data-c") == first["id"]
    assert page.evaluate("document.activeElement.dataset.c") == first["id"]
    panel = page.inner_text("#claim-panel")
    assert first["text"] in panel and f["rule"] in panel
    assert not {"null", "undefined", "NaN", "[object Object]"} & set(page.inner_text("#app").split())
    in_doc = sorted((c for c in data["claims"] if c["doc"] == first["doc"]), key=lambda c: (c["start"], -c["end"]))
    reach, drawn = 0, 0
    for c in in_doc:  # every claim is highlighted, except one wholly inside an earlier one
        if c["end"] > reach:
            drawn, reach = drawn + 1, c["end"]
    assert page.locator("#doctext mark.claim").count() == drawn
    other = page.locator("#doctext mark.claim:not(.target)").first
    other.hover()
    assert claims[other.get_attribute("data-c")]["text"] in page.inner_text("#claim-panel")
    page.go_back()
    page.wait_for_selector("#finding:not([hidden])")

    # Review: dismiss with a note; it survives a reload (localStorage).
    note = "Same decade in both texts; nothing to fix."
    page.fill("#note", note)
    page.click("#dismiss")
    assert page.get_attribute("#dismiss", "aria-pressed") == "true"
    page.reload()
    page.wait_for_selector("html[data-ready]")
    assert page.get_attribute("#dismiss", "aria-pressed") == "true"
    assert page.input_value("#note") == note

    # Export: exactly the baseline file `factcheck baseline` would write, with the note and source "review".
    page.keyboard.press("u")
    page.wait_for_selector("#overview:not([hidden])")
    assert page.inner_text(f'#findings li[data-id="{f["id"]}"] .badge.dismissed') == "dismissed"
    with page.expect_download() as download:
        page.click("#export")
    assert download.value.suggested_filename == "factcheck-baseline.json"
    exported = tmp_path / "factcheck-baseline.json"
    download.value.save_as(exported)
    read = {c.id: c for c in claims_of(data)}
    entry = baseline.entry(Finding.model_validate(f), {c: read[c] for c in f["claims"]})
    entry |= {"note": note, "source": "review"}
    assert exported.read_text(encoding="utf-8") == baseline.dumps([entry], data["tool"]["version"])

    # The CI gate reads it: the finding is accepted, with the reviewer's note, and nothing is stale.
    gated = tmp_path / "gated.json"
    r = factcheck("check", "seeds", "--no-report", "-q", "--baseline", str(exported), "--output", str(gated))
    assert r.returncode in (0, 1), r.stderr
    report = json.loads(gated.read_text(encoding="utf-8"))
    assert report["baseline"]["matched"] == 1 and report["baseline"]["stale"] == []
    (accepted,) = [g for g in report["findings"] if g["suppressed"]]
    assert accepted["id"] == f["id"] and accepted["suppressed"]["by"] == "baseline"
    assert accepted["suppressed"]["reason"] == note
    watch.assert_quiet()

    # Import into a fresh browser profile: the verdict and note come back.
    page2, watch2 = open_page(html)
    assert page2.locator("#findings .badge.dismissed").count() == 0
    with page2.expect_file_chooser() as chooser:
        page2.click("#import")
    chooser.value.set_files(str(exported))
    page2.wait_for_selector("#findings .badge.dismissed")
    assert page2.inner_text("#status").startswith("Imported 1 accepted finding from factcheck-baseline.json")
    assert page2.eval_on_selector_all("#findings li:has(.badge.dismissed)", "els => els.map(e => e.dataset.id)") == [f["id"]]
    page2.evaluate(f"location.hash = '#/f/{f['id']}'")
    page2.wait_for_selector("#finding:not([hidden])")
    assert page2.get_attribute("#dismiss", "aria-pressed") == "true"
    assert page2.input_value("#note") == note
    watch2.assert_quiet()


# Two reports of one fire whose death tolls differ: the engine pairs them (same predicate, measure
# and day) and 34 against 52 is a conflict, so `check` fails until a reviewer accepts it.
FIRE_A = "A fire at the Harlow textile factory killed 34 workers on Monday, the regional fire service said.\n"
FIRE_B = "The fire at the Harlow textile factory killed 52 workers on Monday, the regional fire service said.\n"


def test_a_conflict_dismissed_in_the_page_no_longer_fails_the_gate(open_page, tmp_path):
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(FIRE_A, encoding="utf-8")
    (tmp_path / "news" / "b.txt").write_text(FIRE_B, encoding="utf-8")
    html, data, status = check_report(["news"], tmp_path / "out", cwd=tmp_path)
    (conflict,) = [f for f in data["findings"] if f["kind"] == "conflict"]
    assert status == 1

    page, watch = open_page(html)
    assert shown_ids(page)[0] == conflict["id"]  # conflicts come first
    for key in ("j", "Enter"):
        page.keyboard.press(key)
    page.wait_for_selector("#finding:not([hidden])")
    texts = page.eval_on_selector_all("#finding mark.hit", "els => els.map(e => e.innerText)")
    assert texts == ["34", "52"]
    page.keyboard.press("d")  # dismiss from the keyboard
    assert page.inner_text("#verdict") == "dismissed: exported as accepted"
    page.keyboard.press("u")
    page.wait_for_selector("#overview:not([hidden])")
    with page.expect_download() as download:
        page.click("#export")
    exported = tmp_path / "accepted.json"
    download.value.save_as(exported)
    watch.assert_quiet()

    r = factcheck("check", "news", "--no-report", "--baseline", str(exported), "-v", "--show", "suppressed",
                  cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert conflict["id"] in r.stdout


def test_the_first_conflict_is_on_the_first_screen(browser, tmp_path):
    # 30 documents, so the documents table alone would fill a screen: the findings still come first.
    corpus = tmp_path / "news"
    corpus.mkdir()
    for i in range(30):
        toll = 47 if i == 29 else 41
        (corpus / f"report-{i:02d}.md").write_text(
            f"---\npublished: 2026-03-{1 + i % 28:02d}\n---\nThe flood killed {toll} people in Lusana on Friday.\n",
            encoding="utf-8")
    html, data, code = check_report([str(corpus)], tmp_path)
    assert code == 1
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    page.goto(html.as_uri())
    page.wait_for_selector("html[data-ready]")
    first = page.locator("#findings > li").first
    assert "conflict" in first.inner_text()
    # the 29 reports that say 41 and the one that says 47 are one finding; its row names three places
    assert "and 27 more" in first.inner_text()
    box = first.bounding_box()
    assert box is not None and box["y"] + box["height"] <= 1000          # wholly on the first screen
    context.close()
