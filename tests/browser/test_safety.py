"""Hostile text in file names, front matter and articles stays text: no script runs, nothing loads, nothing pops up."""
from __future__ import annotations

from browser_helpers import HOSTILE_TITLE, check_report, write_hostile


def test_hostile_corpus_renders_inert(open_page, tmp_path):
    write_hostile(tmp_path / "hostile")
    html, data, _ = check_report(["hostile"], tmp_path / "out", cwd=tmp_path)
    assert [f["kind"] for f in data["findings"]].count("conflict") == 1
    page, watch = open_page(html)

    # Overview: the title and the bidi trick in a file name are shown as text, not obeyed.
    cells = page.eval_on_selector_all("#docs tbody tr", "rows => rows.map(r => [...r.cells].map(c => c.innerText))")
    titles = {c[0] for c in cells}
    assert HOSTILE_TITLE in titles
    assert any(c[1].endswith("reportU+202Eatad.txt") for c in cells)
    assert page.locator("#docs .ctl").first.inner_text() == "U+202E"

    # Every finding and every document view is drawn, and every claim hovered.
    for f in data["findings"]:
        page.evaluate("id => { location.hash = '#/f/' + id; }", f["id"])
        page.wait_for_selector("#finding:not([hidden])")
    page.evaluate("location.hash = '#/f/' + document.querySelector('#findings li.conflict').dataset.id")
    page.wait_for_selector("#finding:not([hidden])")
    # the second article opens with two emoji (two UTF-16 units each): the marks still fall on the numbers
    assert page.eval_on_selector_all("#finding mark.hit", "els => els.map(e => e.innerText)") == ["41", "47"]
    for i in range(len(data["documents"])):
        page.evaluate("location.hash = '#/'")
        page.locator("#docs tbody a").nth(i).click()
        page.wait_for_selector("#document:not([hidden])")
        for m in page.locator("#doctext mark.claim").all():
            m.hover()
        body = page.inner_text("#doctext")
        if "onerror=window.__pwned=1" in page.inner_text("#document dl"):
            assert "<script>window.__pwned = 3</script>" in body
            assert "[the map](javascript:window.__pwned=4)" in body
            assert '<a href="javascript:alert(5)">this</a>' in body
        else:
            assert "U+202Egnirts desreverU+202C" in body and "U+2067textU+2069" in body
            assert "<svg onload=window.__pwned=7>" in body

    assert page.evaluate("typeof window.__pwned") == "undefined"
    injected = page.evaluate("document.querySelectorAll('img, svg, iframe, object, embed, b, base, form').length")
    assert injected == 0
    assert page.evaluate("document.scripts.length") == 2
    hrefs = page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))")
    assert hrefs and all(h.startswith("#") for h in hrefs)
    watch.assert_quiet()

    # The Content-Security-Policy blocks a script that is not the report's own.
    page.evaluate("""() => { const s = document.createElement('script');
                            s.textContent = 'window.__pwned = 8'; document.body.append(s); }""")
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert any("Content Security Policy" in e for e in watch.console_errors)
