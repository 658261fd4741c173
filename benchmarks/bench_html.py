"""The HTML report at scale: file size, and how long Chromium takes to open it and to filter 5,000 findings.

Builds the report for the benchmark corpus (corpus.py, 1,000 articles by default),
keeps 5,000 of its findings (evenly by id, so every kind and rule stays in the
mix; all of them when there are fewer), renders it with render_html, then opens
it in headless Chromium (/usr/bin/chromium or FACTCHECK_CHROMIUM, through
Playwright; nothing is downloaded) several times in fresh browser profiles.

Open is measured in the page: from navigation start to the app's "ready" mark
(file read, HTML parse, JSON.parse, indexes, first 100 rows), and to the load
event. Each interaction (filter by kind, type a search word letter by letter,
pick a document, clear, j x 50, open a finding, open a document view) is timed
from the event to the next painted frame. "Longest task" is the longest
main-thread task Chromium reported (a freeze is a long task).

    python3 benchmarks/bench_html.py [--docs 1000] [--findings 5000] [--runs 3] [--workdir DIR] [--keep FILE]
    python3 benchmarks/bench_html.py --page FILE     # time a report rendered before (--keep)
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import corpus  # noqa: E402

CHROMIUM = Path(os.environ.get("FACTCHECK_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync"]

# Runs in the page before the report's own script: records long tasks from the very start.
WATCH_LONG_TASKS = """
window.__longest = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
}).observe({ type: "longtask", buffered: true });
"""

# Dispatch an action, then wait for the frame after it is painted: the time a reader waits.
TIMED = """
async ([what, arg]) => {
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const set = (id, value) => { const s = document.getElementById(id); s.value = value;
                               s.dispatchEvent(new Event(s.tagName === "INPUT" ? "input" : "change")); };
  const t0 = performance.now();
  if (what === "select") set(arg[0], arg[1]);
  else if (what === "type") { let v = ""; for (const ch of arg) { v += ch; set("filter-q", v); await frame(); } }
  else if (what === "clear") set("filter-q", "");
  else if (what === "keys") { for (let i = 0; i < arg[1]; i++) document.dispatchEvent(new KeyboardEvent("keydown", { key: arg[0], bubbles: true })); }
  else if (what === "hash") location.hash = arg;
  await frame();
  return performance.now() - t0;
}
"""


def build_report(docs: int, findings: int, workdir: Path):
    from factcheck.pipeline import check

    corpus_dir = workdir / f"corpus-{docs}"
    if not (corpus_dir / "manifest.csv").exists():
        corpus.generate(corpus_dir, docs, seed=1)
    t0 = time.perf_counter()
    report = check([corpus_dir], corpus_dir / "manifest.csv")
    checked = time.perf_counter() - t0
    every = sorted(report.findings, key=lambda f: f.id)
    step = max(1.0, len(every) / findings)
    kept = tuple(every[int(i * step)] for i in range(min(findings, len(every))))
    summary = dict(report.summary, findings=len(kept))
    for kind in ("conflict", "agreement", "update"):
        summary[kind] = sum(f.kind == kind for f in kept)
    print(f"check: {len(report.documents):,} documents, {len(report.claims):,} claims, "
          f"{len(report.findings):,} findings in {checked:.0f} s; keeping {len(kept):,}", file=sys.stderr)
    return report.model_copy(update={"findings": kept, "summary": summary})


def search_word(page) -> str:
    """The commonest longer word in the findings' messages: a search a reviewer might type."""
    return page.evaluate("""() => {
        const n = new Map();
        for (const li of document.querySelectorAll("#findings .msg"))
            for (const w of li.innerText.toLowerCase().match(/[a-z]{6,}/g) || [])
                if (!["conflicts", "agrees", "overlaps", "disjoint", "within"].includes(w)) n.set(w, (n.get(w) || 0) + 1);
        return [...n].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0];
    }""")


def measure(page_file: Path, runs: int) -> list[dict]:
    from playwright.sync_api import sync_playwright

    results = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        for _ in range(runs):
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            context.route("**/*", lambda r: r.continue_() if r.request.url.startswith(("file:", "data:", "about:", "blob:"))
                          else r.abort())
            context.add_init_script(WATCH_LONG_TASKS)
            page = context.new_page()
            t0 = time.perf_counter()
            page.goto(page_file.as_uri())
            page.wait_for_selector("html[data-ready]")
            wall = (time.perf_counter() - t0) * 1000
            marks = page.evaluate("""() => ({
                start: performance.getEntriesByName("factcheck-start")[0].startTime,
                ready: performance.getEntriesByName("factcheck-ready")[0].startTime,
                load: performance.getEntriesByType("navigation")[0].loadEventEnd })""")
            r = {"open (wall)": wall, "script start": marks["start"], "ready": marks["ready"],
                 "app work": marks["ready"] - marks["start"], "load event": marks["load"]}
            timed = lambda what, arg: page.evaluate(TIMED, [what, arg])  # noqa: E731
            r["filter kind=conflict"] = timed("select", ["filter-kind", "conflict"])
            word = search_word(page)
            r[f"type {word!r} ({len(word)} keys)"] = timed("type", word)
            first_doc = page.eval_on_selector("#filter-doc option:nth-child(2)", "o => o.value")
            r["filter by document"] = timed("select", ["filter-doc", first_doc])
            timed("select", ["filter-doc", ""])
            timed("clear", None)
            r["clear all filters"] = timed("select", ["filter-kind", ""])
            r["j x 50"] = timed("keys", ["j", 50])
            fid = page.eval_on_selector("#findings li[data-id]", "li => li.dataset.id")
            r["open a finding"] = timed("hash", "#/f/" + fid)
            href = page.eval_on_selector("a.open-doc", "a => a.getAttribute('href')")
            r["open a document view"] = timed("hash", href)
            r["back to the list"] = timed("hash", "#/")
            r["longest task"] = page.evaluate("window.__longest")
            results.append(r)
            context.close()
        browser.close()
    return results


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=1000)
    ap.add_argument("--findings", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--workdir", type=Path, help="keep the corpus here between runs (default: a temporary folder)")
    ap.add_argument("--keep", type=Path, help="also write the rendered HTML here")
    ap.add_argument("--page", type=Path, help="measure this already rendered report instead of building one")
    a = ap.parse_args(argv)
    if not CHROMIUM.exists():
        print(f"bench_html: no Chromium at {CHROMIUM} (apt-get install chromium)", file=sys.stderr)
        return 2
    if a.page:
        print(f"file: {a.page.stat().st_size / 1e6:.2f} MB")
        show(measure(a.page, a.runs), a.runs)
        return 0
    from factcheck.render.html import render_html

    with tempfile.TemporaryDirectory() as tmp:
        workdir = a.workdir or Path(tmp)
        report = build_report(a.docs, a.findings, workdir)
        t0 = time.perf_counter()
        page = render_html(report)
        rendered = time.perf_counter() - t0
        page_file = Path(a.keep or Path(tmp) / "factcheck.html")
        page_file.write_text(page, encoding="utf-8")
        size = page_file.stat().st_size
        s = report.summary
        print(f"report: {len(report.documents):,} documents, {len(report.claims):,} claims, {s['findings']:,} findings "
              f"({s['conflict']:,} conflicts, {s['agreement']:,} agreements, {s['update']:,} updates)")
        print(f"render_html: {rendered:.2f} s; file: {size / 1e6:.2f} MB ({size:,} bytes)")
        show(measure(page_file, a.runs), a.runs)
    return 0


def show(results: list[dict], runs: int) -> None:
    print(f"\nChromium, {runs} runs, a fresh profile each; milliseconds: median, min, max")
    for key in results[0]:
        vals = [r[key] for r in results]
        print(f"  {key:<28} {statistics.median(vals):8.0f} {min(vals):8.0f} {max(vals):8.0f}")


if __name__ == "__main__":
    sys.exit(main())
