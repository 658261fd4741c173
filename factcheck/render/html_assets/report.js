"use strict";
// factcheck review page: draws the overview, finding and document views from the embedded report JSON.
// Every string from the report reaches the page through text nodes (see `text` and `el`), never as HTML.
(function () {
  performance.mark("factcheck-start");
  const DATA = JSON.parse(document.getElementById("report-data").textContent);
  const KINDS = ["conflict", "update", "agreement"];
  const SEVERITIES = ["error", "warning", "info"];
  const CLAIM_KINDS = ["count", "quantity", "money", "percent", "ordinal", "date", "date_range", "duration", "age",
    "time", "time_range", "version"];
  const CHUNK = 100;            // findings rows drawn at a time; more follow as the list scrolls
  const DOC_ROWS = 25;          // document rows drawn before "show all"
  const STORE = "factcheck-review:" + DATA.key;

  // ---- indexes over the report
  const docs = DATA.documents;
  const docById = new Map(docs.map((d) => [d.id, d]));
  const claimById = new Map();
  const claimsByDoc = new Map();
  // Claims come as rows of values in DATA.claim_fields order (see render/html.py); make them objects again.
  const ci = {};
  DATA.claim_fields.forEach((k, i) => { ci[k] = i; });
  const fi = {};
  DATA.frame_fields.forEach((k, i) => { fi[k] = i; });
  const at = (row, i) => (i === undefined || row[i] === undefined ? null : row[i]);

  function claimFromRow(d, row) {
    const start = row[ci.start];
    const end = row[ci.end];
    const value = at(row, ci.value);
    const sentence = at(row, ci.sentence);
    const fr = at(row, ci.frame);
    const text = at(row, ci.text);
    return {
      id: at(row, ci.id) || d.id + ":" + start + "-" + end, doc: d.id, start, end,
      line: at(row, ci.line), column: at(row, ci.column), kind: at(row, ci.kind), value,
      interval: at(row, ci.interval) || value, unit: at(row, ci.unit), qualifier: at(row, ci.qualifier) || "exact",
      hedge: at(row, ci.hedge), step: at(row, ci.step), dimension: at(row, ci.dimension),
      sentence: sentence ? { start: sentence[0], end: sentence[1] } : null,
      text: text === null ? d.text.slice(start, end) : text,
      frame: fr ? {
        measure: at(fr, fi.measure), predicate: at(fr, fi.predicate), time: at(fr, fi.time), hedges: at(fr, fi.hedges),
        attribution: at(fr, fi.attribution), negated: at(fr, fi.negated), tense: at(fr, fi.tense),
        series: at(fr, fi.series), incidental: at(fr, fi.incidental),
      } : null,
    };
  }

  for (const d of docs) {
    const list = new Array(d.claims.length);
    for (let i = 0; i < d.claims.length; i++) {
      const c = claimFromRow(d, d.claims[i]);
      claimById.set(c.id, c);
      list[i] = c;
    }
    list.sort((a, b) => a.start - b.start || b.end - a.end);
    claimsByDoc.set(d.id, list);
    d.claims = null;
  }
  const findings = DATA.findings;
  const findingById = new Map(findings.map((f) => [f.id, f]));
  const findingsByClaim = new Map();
  const findingCountByDoc = new Map();
  findings.forEach((f, i) => {
    f._i = i;
    const seen = new Set();
    for (const cid of f.claims) {
      if (!findingsByClaim.has(cid)) findingsByClaim.set(cid, []);
      findingsByClaim.get(cid).push(f);
      const c = claimById.get(cid);
      if (c) seen.add(c.doc);
    }
    f._docs = Array.from(seen);
    for (const d of f._docs) findingCountByDoc.set(d, (findingCountByDoc.get(d) || 0) + 1);
  });

  // ---- safe DOM building
  // Direction controls would let a file name or sentence display in another order than it reads,
  // so they are drawn as visible labels instead of being applied.
  const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
  const HAS_BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
  const codepoint = (ch) => "U+" + ch.codePointAt(0).toString(16).toUpperCase().padStart(4, "0");

  function text(value) {
    const s = value == null ? "" : String(value);
    if (!HAS_BIDI.test(s)) return document.createTextNode(s);
    const frag = document.createDocumentFragment();
    let last = 0;
    for (const m of s.matchAll(BIDI)) {
      if (m.index > last) frag.append(document.createTextNode(s.slice(last, m.index)));
      const span = document.createElement("span");
      span.className = "ctl";
      span.textContent = codepoint(m[0]);
      span.title = "invisible text-direction control, shown here instead of applied";
      frag.append(span);
      last = m.index + m[0].length;
    }
    if (last < s.length) frag.append(document.createTextNode(s.slice(last)));
    return frag;
  }

  const attrText = (value) => String(value).replace(BIDI, (ch) => "[" + codepoint(ch) + "]");

  function el(tag, props, ...kids) {
    const e = document.createElement(tag);
    if (props) {
      for (const [k, v] of Object.entries(props)) {
        if (v == null || v === false) continue;
        if (k === "class") e.className = v;
        else if (k === "href") e.setAttribute("href", String(v).startsWith("#") ? v : "#");
        else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
        else if (k === "title" || k === "placeholder" || k === "aria-label") e.setAttribute(k, attrText(v));
        else e.setAttribute(k, v === true ? "" : String(v));
      }
    }
    add(e, kids);
    return e;
  }

  function add(parent, kid) {
    if (kid == null || kid === false) return;
    if (Array.isArray(kid)) kid.forEach((k) => add(parent, k));
    else if (kid instanceof Node) parent.append(kid);
    else parent.append(text(kid));
  }

  const fHref = (f) => "#/f/" + encodeURIComponent(f.id);
  const dHref = (docId, claimId) => "#/d/" + encodeURIComponent(docId) + (claimId ? "/" + encodeURIComponent(claimId) : "");
  const badge = (cls, label) => el("span", { class: "badge " + cls }, label || cls);
  const kbd = (k) => el("kbd", null, k);

  const numberFormat = new Intl.NumberFormat("en-US", { maximumFractionDigits: 6 });
  const num = (x) => (typeof x === "number" ? numberFormat.format(x) : String(x));

  function fmtValue(v, unit) {
    if (!v) return "";
    if ("start" in v) return v.start === v.end ? v.start : v.start + " to " + v.end;
    if ("version" in v) return (unit ? unit + " " : "") + v.version;
    if ("time" in v) return v.time + (unit ? " " + unit : "");
    if ("time_start" in v) return v.time_start + " to " + v.time_end + (unit ? " " + unit : "");
    const range = v.low === v.high ? num(v.low) : num(v.low) + " to " + num(v.high);
    const u = v.unit || unit;
    return u ? range + " " + u : range;
  }

  // a number that sorts as versions do, written as a version (models.version_text)
  function version(n) {
    return Math.floor(n / 1000000) + "." + (Math.floor(n / 1000) % 1000) + "." + (n % 1000);
  }

  // seconds after midnight as a clock reads them (normalise.CLOCK intervals)
  function clock(s) {
    if (s == null) return "…";
    const h = Math.floor(s / 3600), m = Math.floor((s % 3600) / 60), sec = Math.round(s % 60);
    const two = (x) => String(x).padStart(2, "0");
    return two(h) + ":" + two(m) + (sec ? ":" + two(sec) : "");
  }

  function fmtInterval(iv) {
    if (!iv) return "";
    if (iv.start || iv.end) return (iv.start || "…") + " .. " + (iv.end || "…");
    if (iv.unit === "time of day") return clock(iv.low) + " .. " + clock(iv.high);
    if (iv.unit === "version") return version(iv.low) + " .. " + (iv.high == null ? "…" : version(iv.high));
    const lo = iv.low == null ? "−∞" : num(iv.low);
    const hi = iv.high == null ? "∞" : num(iv.high);
    return lo + " .. " + hi + (iv.unit ? " " + iv.unit : "");
  }

  function fmtAny(v) {
    if (v == null) return "—";
    if (Array.isArray(v)) return v.length ? v.map((x) => (typeof x === "object" ? JSON.stringify(x) : String(x))).join(", ") : "—";
    if (typeof v === "object") return dl(Object.keys(v).sort().map((k) => [k, fmtAny(v[k])]));
    if (typeof v === "boolean") return v ? "yes" : "no";
    return typeof v === "number" ? num(v) : String(v);
  }

  function dl(pairs, cls) {
    const d = el("dl", { class: cls || "record" });
    for (const [k, v] of pairs) {
      if (v == null || v === "") continue;
      d.append(el("dt", null, k), el("dd", null, v));
    }
    return d;
  }

  // ---- review verdicts, kept in localStorage under this report's key
  let storageOK = true;
  const verdicts = new Map();
  try {
    const saved = JSON.parse(window.localStorage.getItem(STORE) || "{}");
    if (saved && typeof saved === "object" && !Array.isArray(saved)) {
      for (const [id, v] of Object.entries(saved)) {
        if (findingById.has(id) && v && typeof v === "object") verdicts.set(id, cleanVerdict(v));
      }
    }
  } catch (e) {
    storageOK = false;
  }

  function cleanVerdict(v) {
    return {
      verdict: v.verdict === "confirmed" || v.verdict === "dismissed" ? v.verdict : null,
      note: typeof v.note === "string" ? v.note : "",
      source: ["review", "baseline", "inline"].includes(v.source) ? v.source : "review",
    };
  }

  function verdictOf(f) {
    if (verdicts.has(f.id)) return verdicts.get(f.id);
    if (f.suppressed) {
      const by = f.suppressed.by === "inline" ? "inline" : "baseline";
      return { verdict: "dismissed", note: "", source: by };
    }
    return { verdict: null, note: "", source: "review" };
  }

  function setVerdict(f, verdict, note) {
    const v = { verdict, note: note || "", source: "review" };
    if (!v.verdict && !v.note && !f.suppressed) verdicts.delete(f.id);
    else verdicts.set(f.id, v);
    persist();
    listDirty = true;
    drawReviewSummary();
  }

  function persist() {
    try {
      window.localStorage.setItem(STORE, JSON.stringify(Object.fromEntries(verdicts)));
    } catch (e) {
      storageOK = false;
      status("This browser does not let the page save verdicts; export them before closing the page.", true);
    }
  }

  function sortKeys(v) {
    if (Array.isArray(v)) return v.map(sortKeys);
    if (v && typeof v === "object") {
      const out = {};
      for (const k of Object.keys(v).sort()) out[k] = sortKeys(v[k]);
      return out;
    }
    return v;
  }

  // The baseline format `factcheck check --baseline` reads: dismissed findings become accepted ones.
  function baselineText() {
    const accepted = [];
    for (const f of findings) {
      const v = verdictOf(f);
      if (v.verdict !== "dismissed" || v.source === "inline") continue;
      const entry = {
        claims: f.claims.map((cid) => {
          const c = claimById.get(cid);
          if (!c) return { column: 0, line: 0, path: "", text: cid, value: null };
          const d = docById.get(c.doc);
          return { column: c.column, line: c.line, path: d ? d.path : c.doc, text: c.text, value: c.value };
        }),
        id: f.id, kind: f.kind, message: f.message, name: f.name, rule: f.rule,
        source: v.source === "baseline" ? "baseline" : "review", verdict: "accepted",
      };
      if (v.note) entry.note = v.note;
      accepted.push(entry);
    }
    accepted.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const doc = { accepted, schema: "factcheck/baseline@1", tool: { name: DATA.tool.name, version: DATA.tool.version } };
    return JSON.stringify(sortKeys(doc), null, 1) + "\n";
  }

  function exportBaseline() {
    const body = baselineText();
    const n = JSON.parse(body).accepted.length;
    const url = URL.createObjectURL(new Blob([body], { type: "application/json" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = "factcheck-baseline.json";
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60000);
    status("Exported " + n + " accepted finding" + (n === 1 ? "" : "s") + " to factcheck-baseline.json; use it with factcheck check --baseline.");
  }

  function importBaseline(body, name) {
    let data;
    try {
      data = JSON.parse(body);
    } catch (e) {
      status(name + ": not JSON (" + e.message + ")", true);
      return;
    }
    if (!data || data.schema !== "factcheck/baseline@1" || !Array.isArray(data.accepted)) {
      status(name + ": not a factcheck baseline (expected schema factcheck/baseline@1 with an accepted list)", true);
      return;
    }
    let n = 0;
    let absent = 0;
    for (const e of data.accepted) {
      if (!e || typeof e.id !== "string") continue;
      if (!findingById.has(e.id)) {
        absent += 1;
        continue;
      }
      verdicts.set(e.id, cleanVerdict({ verdict: "dismissed", note: e.note, source: e.source === "baseline" ? "baseline" : "review" }));
      n += 1;
    }
    persist();
    listDirty = true;
    drawReviewSummary();
    route();
    status("Imported " + n + " accepted finding" + (n === 1 ? "" : "s") + " from " + name +
      (absent ? "; " + absent + " listed id" + (absent === 1 ? " is" : "s are") + " not in this report" : "") + ".");
  }

  // ---- layout
  const app = document.getElementById("app");
  const views = { overview: el("section", { id: "overview" }), finding: el("section", { id: "finding", hidden: true }),
    document: el("section", { id: "document", hidden: true }) };
  const statusLine = el("p", { class: "status", role: "status", id: "status" });
  app.append(views.overview, views.finding, views.document);
  let current = "overview";
  let overviewScroll = 0;
  let listDirty = false;

  function status(msg, isError) {
    statusLine.textContent = "";
    statusLine.append(text(msg));
    statusLine.classList.toggle("error", !!isError);
  }

  function setView(name) {
    if (current === "overview" && name !== "overview") overviewScroll = window.scrollY;
    for (const [k, v] of Object.entries(views)) v.hidden = k !== name;
    current = name;
  }

  // ---- overview
  const state = { kind: "", severity: "", rule: "", doc: "", verdict: "", q: "", shown: findings, rendered: 0, sel: -1 };
  const list = el("ol", { class: "findings", id: "findings" });
  const sentinel = el("div", { class: "sentinel" });
  const moreButton = el("button", { type: "button", class: "more", id: "more", onclick: () => renderMore(CHUNK) });
  const shownLine = el("p", { class: "shown", id: "shown" });
  const reviewSummary = el("span", { id: "review-summary" });
  const controls = {};

  function buildOverview() {
    const v = views.overview;
    const counts = {};
    for (const k of KINDS) counts[k] = { total: 0 };
    for (const f of findings) {
      if (!counts[f.kind]) counts[f.kind] = { total: 0 };
      counts[f.kind][f.severity] = (counts[f.kind][f.severity] || 0) + 1;
      counts[f.kind].total += 1;
    }
    const cell = (kind, sev, n) => el("td", { class: "num" }, n ? el("button", { type: "button", title: "show these findings",
      onclick: () => setFilters({ kind, severity: sev || "" }) }, String(n)) : "0");
    const countTable = el("table", { class: "counts", id: "counts" },
      el("thead", null, el("tr", null, el("th", null, "finding"), SEVERITIES.map((s) => el("th", { class: "num" }, s)), el("th", { class: "num" }, "total"))),
      el("tbody", null, Object.keys(counts).map((k) => el("tr", null, el("td", null, badge(k)),
        SEVERITIES.map((s) => cell(k, s, counts[k][s] || 0)), cell(k, "", counts[k].total)))));
    const s = DATA.summary || {};
    const totals = el("table", { class: "totals" }, el("tbody", null,
      [["documents", s.documents], ["claims", s.claims], ["findings", findings.length]].map(([k, n]) =>
        el("tr", null, el("th", null, k), el("td", { class: "num" }, num(n == null ? 0 : n))))));

    const fileInput = el("input", { type: "file", accept: ".json,application/json", class: "visually-hidden", id: "import-file", tabindex: "-1",
      "aria-hidden": "true" });
    fileInput.addEventListener("change", () => {
      const file = fileInput.files && fileInput.files[0];
      if (!file) return;
      const reader = new FileReader();
      reader.onload = () => importBaseline(String(reader.result), file.name);
      reader.onerror = () => status(file.name + ": cannot be read", true);
      reader.readAsText(file);
      fileInput.value = "";
    });
    const toolbar = el("div", { class: "toolbar review" }, reviewSummary,
      el("button", { type: "button", id: "export", onclick: exportBaseline }, "Export baseline"),
      el("button", { type: "button", id: "import", onclick: () => fileInput.click() }, "Import baseline…"), fileInput,
      statusLine);

    const errors = Array.isArray(s.errors) ? s.errors : [];
    // The findings come first, so a reviewer's first screen holds conflicts, not tables;
    // the review bar sits above them, the counts and the documents below.
    add(v, [errors.length ? el("div", { class: "status error", id: "errors" },
        el("p", null, num(errors.length) + " file" + (errors.length === 1 ? "" : "s") + " could not be checked:"),
        el("ul", null, errors.map((e) => el("li", { class: "iso" }, typeof e === "object" && e ? (e.path || "") + ": " + (e.message || "") : String(e))))) : null,
      toolbar,
      el("p", { class: "muted hint" }, "Confirm or dismiss each finding. Verdicts stay in this browser; ",
        "Export writes dismissed findings as accepted ones to a baseline file for ", el("code", null, "factcheck check --baseline"), "."),
      baselineLine(), buildFilters(), shownLine, list, sentinel, moreButton,
      el("h2", null, "Summary"), el("div", { class: "counts-wrap" }, countTable, totals), buildDocuments()]);
    if (!storageOK) status("This browser does not let the page keep verdicts; export them before closing the page.", true);
  }

  // When `check --baseline` made this report: how much of the baseline still matches.
  function baselineLine() {
    const b = DATA.baseline;
    if (!b) return null;
    const stale = Array.isArray(b.stale) ? b.stale : [];
    return el("p", { class: "muted", id: "baseline" }, "Checked with the baseline ", el("code", { class: "iso" }, String(b.path)),
      ": " + num(b.matched || 0) + " of its " + num(b.accepted || 0) + " accepted findings still occur" +
      (stale.length ? "; " + num(stale.length) + " stale (no longer found): " + stale.map((e) => e && e.id).join(", ") : "") + ".");
  }

  function buildDocuments() {
    const body = el("tbody");
    const row = (d) => {
      const nc = (claimsByDoc.get(d.id) || []).length;
      const nf = findingCountByDoc.get(d.id) || 0;
      return el("tr", null,
        el("td", null, el("a", { href: dHref(d.id), class: "iso" }, d.title || d.path)),
        el("td", { class: "path mono iso" }, d.path),
        el("td", { class: "mono" }, d.published || "—"),
        el("td", { class: "iso" }, d.source || ""),
        el("td", { class: "num" }, num(nc)),
        el("td", { class: "num" }, nf ? el("button", { type: "button", title: "show this document's findings",
          onclick: () => setFilters({ doc: d.id }) }, num(nf)) : "0"));
    };
    let drawn = Math.min(DOC_ROWS, docs.length);
    body.append(...docs.slice(0, drawn).map(row));
    const more = el("button", { type: "button", class: "more", hidden: drawn >= docs.length },
      "Show all " + num(docs.length) + " documents");
    more.addEventListener("click", () => {
      body.append(...docs.slice(drawn).map(row));
      drawn = docs.length;
      more.hidden = true;
    });
    drawAllDocuments = () => more.hidden || more.click();
    return el("div", null, el("h2", null, "Documents"),
      el("div", { class: "docs-box" }, el("table", { class: "docs", id: "docs" },
        el("thead", null, el("tr", null, ["document", "path", "published", "source"].map((h) => el("th", null, h)),
          el("th", { class: "num" }, "claims"), el("th", { class: "num" }, "findings"))), body), more));
  }
  let drawAllDocuments = () => {};

  function buildFilters() {
    const select = (name, label, options) => {
      const s = el("select", { id: "filter-" + name, name }, el("option", { value: "" }, "all"),
        options.map(([value, shown]) => el("option", { value }, shown)));
      s.addEventListener("change", () => { state[name] = s.value; applyFilters(); });
      controls[name] = s;
      return el("label", null, label, s);
    };
    const tally = (key) => {
      const m = new Map();
      for (const f of findings) m.set(f[key], (m.get(f[key]) || 0) + 1);
      return m;
    };
    const kinds = tally("kind");
    const sevs = tally("severity");
    const rules = new Map();
    for (const f of findings) {
      const r = rules.get(f.rule) || { name: f.name, n: 0 };
      r.n += 1;
      rules.set(f.rule, r);
    }
    const search = el("input", { type: "search", id: "filter-q", placeholder: "words in messages, claims, paths", "aria-label": "search findings" });
    search.addEventListener("input", () => { state.q = search.value; applyFilters(); });
    controls.q = search;
    return el("div", null, el("h2", null, "Findings"),
      el("div", { class: "filters", role: "search" },
        select("kind", "kind", [...KINDS, ...[...kinds.keys()].filter((k) => !KINDS.includes(k))]
          .filter((k) => kinds.has(k)).map((k) => [k, k + " (" + kinds.get(k) + ")"])),
        select("severity", "severity", SEVERITIES.filter((k) => sevs.has(k)).map((k) => [k, k + " (" + sevs.get(k) + ")"])),
        select("rule", "rule", [...rules.keys()].sort().map((r) => [r, r + " " + rules.get(r).name + " (" + rules.get(r).n + ")"])),
        select("doc", "document", docs.filter((d) => findingCountByDoc.has(d.id)).map((d) => [d.id, d.path + " (" + findingCountByDoc.get(d.id) + ")"])),
        select("verdict", "review", [["unreviewed", "not reviewed"], ["confirmed", "confirmed"], ["dismissed", "dismissed"]]),
        el("label", null, "search", search)),
      el("p", { class: "keys" }, kbd("j"), " / ", kbd("k"), " move · ", kbd("Enter"), " open · ", kbd("/"), " search · in a finding: ",
        kbd("c"), " confirm, ", kbd("d"), " dismiss, ", kbd("u"), " back"));
  }

  function setFilters(changes) {
    for (const k of ["kind", "severity", "rule", "doc", "verdict", "q"]) {
      state[k] = k in changes ? changes[k] : "";
      if (controls[k]) controls[k].value = state[k];
    }
    applyFilters();
    if (location.hash && location.hash !== "#/") location.hash = "#/";
    list.scrollIntoView({ block: "start" });
  }

  function haystack(f) {
    if (f._hay === undefined) {
      const parts = [f.message, f.rule, f.name, f.kind, f.severity, f.relation, f.id];
      for (const cid of f.claims) {
        const c = claimById.get(cid);
        if (!c) continue;
        const d = docById.get(c.doc);
        parts.push(c.text, d ? d.path : "", d && d.title ? d.title : "");
      }
      f._hay = parts.join("\n").toLowerCase();
    }
    return f._hay;
  }

  function applyFilters() {
    const terms = state.q.toLowerCase().split(/\s+/).filter(Boolean);
    state.shown = findings.filter((f) =>
      (!state.kind || f.kind === state.kind) &&
      (!state.severity || f.severity === state.severity) &&
      (!state.rule || f.rule === state.rule) &&
      (!state.doc || f._docs.includes(state.doc)) &&
      (!state.verdict || (verdictOf(f).verdict || "unreviewed") === state.verdict) &&
      terms.every((t) => haystack(f).includes(t)));
    state.sel = -1;
    drawList(CHUNK);
  }

  function drawList(upTo) {
    list.replaceChildren();
    state.rendered = 0;
    renderMore(upTo);
    const n = state.shown.length;
    shownLine.textContent = n === findings.length ? "Showing all " + num(n) + " findings" : "Showing " + num(n) + " of " + num(findings.length) + " findings";
    if (!n) list.append(el("li", { class: "empty" }, el("p", { class: "row" }, "No finding matches these filters.")));
    listDirty = false;
  }

  function renderMore(n) {
    const end = Math.min(state.shown.length, state.rendered + n);
    const frag = document.createDocumentFragment();
    for (let i = state.rendered; i < end; i++) frag.append(findingRow(state.shown[i], i));
    list.append(frag);
    state.rendered = end;
    const left = state.shown.length - end;
    moreButton.hidden = left <= 0;
    moreButton.textContent = "Show " + Math.min(CHUNK, left) + " more (" + num(left) + " not shown)";
    if (observer) {
      observer.unobserve(sentinel);
      if (left > 0) observer.observe(sentinel);
    }
  }

  const observer = "IntersectionObserver" in window ? new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting) && current === "overview" && state.rendered < state.shown.length) renderMore(CHUNK);
  }, { rootMargin: "600px 0px" }) : null;

  const WHERE_MAX = 4;   // places a row of the list shows; a group's others are in its own view

  function whereLine(f) {
    const out = [];
    const shown = f.claims.length > WHERE_MAX ? f.claims.slice(0, WHERE_MAX - 1) : f.claims;
    shown.forEach((cid, i) => {
      const c = claimById.get(cid);
      if (i) out.push(" · ");
      if (!c) {
        out.push(cid);
        return;
      }
      const d = docById.get(c.doc);
      out.push(el("span", { class: "iso" }, (d ? d.path : c.doc) + ":" + c.line + ":" + c.column + " “" + c.text + "”"));
    });
    if (shown.length < f.claims.length) out.push(" · ", el("span", { class: "muted" }, "and " + num(f.claims.length - shown.length) + " more"));
    return out;
  }

  function verdictBadge(f) {
    const v = verdictOf(f);
    if (!v.verdict) return null;
    if (v.source !== "review" && f.suppressed) return badge("suppressed", "accepted (" + v.source + ")");
    return badge(v.verdict);
  }

  function findingRow(f, i) {
    return el("li", { class: f.kind + (i === state.sel ? " selected" : ""), "data-i": String(i), "data-id": f.id },
      el("a", { class: "row", href: fHref(f) },
        el("div", { class: "head" }, badge(f.kind), badge(f.severity), el("span", { class: "rule" }, f.rule),
          el("span", { class: "muted" }, f.name), verdictBadge(f)),
        el("p", { class: "msg" }, f.message),
        el("div", { class: "where" }, whereLine(f))));
  }

  function move(step) {
    const n = state.shown.length;
    if (!n) return;
    const next = Math.max(0, Math.min(n - 1, state.sel + step));
    if (next >= state.rendered) renderMore(next - state.rendered + CHUNK);
    const old = list.querySelector("li.selected");
    if (old) old.classList.remove("selected");
    state.sel = next;
    const li = list.children[next];
    if (!li) return;
    li.classList.add("selected");
    const a = li.querySelector("a");
    a.focus({ preventScroll: true });
    li.scrollIntoView({ block: "nearest" });
  }

  function drawReviewSummary() {
    let confirmed = 0;
    let dismissed = 0;
    for (const f of findings) {
      const v = verdictOf(f).verdict;
      if (v === "confirmed") confirmed += 1;
      else if (v === "dismissed") dismissed += 1;
    }
    reviewSummary.textContent = "Reviewed " + num(confirmed + dismissed) + " of " + num(findings.length) + ": " +
      num(confirmed) + " confirmed, " + num(dismissed) + " dismissed.";
  }

  function showOverview() {
    const wasElsewhere = current !== "overview";
    setView("overview");
    if (listDirty) {
      const keep = state.rendered;
      const sel = state.sel;
      const shownBefore = state.shown;
      applyFilters();
      if (state.rendered < keep) renderMore(keep - state.rendered);
      if (shownBefore.length === state.shown.length && sel >= 0) state.sel = sel;
    }
    if (wasElsewhere) {
      window.scrollTo(0, overviewScroll);
      const li = state.sel >= 0 ? list.children[state.sel] : null;
      if (li) {
        list.querySelectorAll("li.selected").forEach((x) => x.classList.remove("selected"));
        li.classList.add("selected");
        li.querySelector("a").focus({ preventScroll: true });
      }
    }
  }

  // ---- one finding, side by side
  function neighbours(f) {
    const seq = state.shown.includes(f) ? state.shown : findings;
    const i = seq.indexOf(f);
    return { seq, i, prev: i > 0 ? seq[i - 1] : null, next: i >= 0 && i + 1 < seq.length ? seq[i + 1] : null };
  }

  function roles(f) {
    if (f.relation === "sum") return f.claims.map((_, i) => (i === 0 ? "total" : "part " + i));
    if (f.relation === "temporal") return f.claims.map((_, i) => (i === 0 ? "stated span" : "dated claim " + i));
    return f.claims.map((_, i) => "claim " + String.fromCharCode(65 + (i % 26)));
  }

  function showFinding(f) {
    setView("finding");
    const v = views.finding;
    v.replaceChildren();
    const nb = neighbours(f);
    if (nb.seq === state.shown && nb.i >= 0) state.sel = nb.i;
    v.append(el("nav", { class: "views" },
      el("a", { href: "#/", id: "back" }, "← All findings"),
      nb.prev ? el("a", { href: fHref(nb.prev), id: "prev" }, "‹ previous") : null,
      nb.next ? el("a", { href: fHref(nb.next), id: "next" }, "next ›") : null,
      nb.i >= 0 ? el("span", { class: "muted" }, num(nb.i + 1) + " of " + num(nb.seq.length) + (nb.seq === findings ? "" : " shown")) : null,
      el("span", { class: "keys" }, kbd("j"), " / ", kbd("k"), " next / previous · ", kbd("u"), " back")));
    const h = el("h2", { tabindex: "-1", id: "finding-title" }, f.rule + " " + f.name);
    v.append(el("div", { class: "finding-head" }, badge(f.kind), badge(f.severity), h,
      f.suppressed ? badge("suppressed", "accepted by " + (f.suppressed.by || "baseline")) : null));
    v.append(el("p", { class: "message" }, f.message));
    v.append(reviewBox(f));
    const rs = roles(f);
    v.append(el("h3", null, f.relation === "sum" ? "Total and parts" : "Claims"),
      el("div", { class: "side" }, f.claims.map((cid, i) => claimCard(cid, rs[i], (f.explanation || {}).measure))));
    v.append(explanation(f));
    v.append(el("h3", null, "Finding record"), dl([["id", el("code", null, f.id)], ["rule", f.rule + " " + f.name],
      ["kind", f.kind], ["relation", f.relation], ["severity", f.severity],
      ["suppressed", f.suppressed ? fmtAny(f.suppressed) : null]]));
    window.scrollTo(0, 0);
    h.focus({ preventScroll: true });
  }

  function reviewBox(f) {
    const v = verdictOf(f);
    const note = el("textarea", { id: "note", rows: "2", placeholder: "note (optional): why this finding is right or wrong",
      "aria-label": "review note" });
    note.value = v.note || "";
    const mk = (verdict, label, cls) => el("button", { type: "button", class: cls, id: cls, "aria-pressed": String(v.verdict === verdict) }, label);
    const confirm = mk("confirmed", "Confirm", "confirm");
    const dismiss = mk("dismissed", "Dismiss", "dismiss");
    const clear = el("button", { type: "button", id: "clear" }, "Clear");
    const state2 = el("span", { class: "muted", id: "verdict" });
    const draw = () => {
      const cur = verdictOf(f);
      confirm.setAttribute("aria-pressed", String(cur.verdict === "confirmed"));
      dismiss.setAttribute("aria-pressed", String(cur.verdict === "dismissed"));
      state2.textContent = cur.verdict ? (cur.verdict === "dismissed" ? "dismissed: exported as accepted" : "confirmed") : "not reviewed";
    };
    const pick = (verdict) => { setVerdict(f, verdictOf(f).verdict === verdict ? null : verdict, note.value); draw(); };
    confirm.addEventListener("click", () => pick("confirmed"));
    dismiss.addEventListener("click", () => pick("dismissed"));
    clear.addEventListener("click", () => { note.value = ""; setVerdict(f, null, ""); draw(); });
    note.addEventListener("input", () => { setVerdict(f, verdictOf(f).verdict, note.value); draw(); });
    reviewKeys = { c: () => pick("confirmed"), d: () => pick("dismissed") };
    draw();
    return el("div", { class: "review", id: "review" }, confirm, dismiss, clear, state2, note);
  }
  let reviewKeys = {};

  function sentenceQuote(d, c) {
    const t = d.text;
    let a = c.sentence && c.sentence.start <= c.start ? c.sentence.start : Math.max(0, c.start - 120);
    let b = c.sentence && c.sentence.end >= c.end ? c.sentence.end : Math.min(t.length, c.end + 120);
    // A very long "sentence" (a table, a list without stops) is cut around the claim.
    const head = a < c.start - 300 ? "… " : "";
    const tail = b > c.end + 300 ? " …" : "";
    if (head) a = c.start - 300;
    if (tail) b = c.end + 300;
    return el("blockquote", { class: "sentence" }, head, t.slice(a, c.start).replace(/^\s+/, ""),
      el("mark", { class: "hit" }, t.slice(c.start, c.end)), t.slice(c.end, b).replace(/\s+$/, ""), tail);
  }

  // `measure`: what the finding says its claims measure, in the text's words ("people killed").
  function claimCard(cid, role, measure) {
    const c = claimById.get(cid);
    if (!c) return el("article", { class: "card" }, el("div", { class: "role" }, role), el("p", null, "Claim " + cid + " is not in this report."));
    const d = docById.get(c.doc) || { id: c.doc, path: c.doc, text: "" };
    return el("article", { class: "card", "data-claim": c.id },
      el("div", { class: "role" }, role),
      el("div", { class: "doc iso" }, d.title || d.path),
      el("div", { class: "loc" }, el("a", { href: dHref(d.id, c.id), class: "open-doc iso" }, d.path + ":" + c.line + ":" + c.column),
        d.published ? " · published " + d.published : " · no publication date", d.source ? el("span", { class: "iso" }, " · " + d.source) : null),
      sentenceQuote(d, c),
      el("details", { class: "rec" }, el("summary", null, "Claim record"), record(c, measure)));
  }

  function record(c, measure) {
    const fr = c.frame || {};
    return dl([
      ["kind", c.kind],
      ["stated", el("q", null, c.text)],
      ["value", fmtValue(c.value, c.unit)],
      ["interval", fmtInterval(c.interval)],
      ["unit", c.unit || (c.value && c.value.unit) || "—"],
      ["qualifier", c.qualifier + (c.hedge ? " (“" + c.hedge + "”)" : "")],
      ["rounding step", c.step ? num(c.step) : null],
      ["dimension", c.dimension || null],
      ["measures", measure || fr.measure || null],
      ["predicate", fr.predicate || null],
      ["when", fr.time || null],
      ["attribution", fr.attribution || null],
      ["hedges", fr.hedges && fr.hedges.length ? fr.hedges.join(", ") : null],
      ["negated", fr.negated ? "yes" : null],
      ["tense", fr.tense || null],
      ["in a list", fr.series ? "item " + fr.series[0] + " of " + fr.series[1] : null],
      ["refers back", fr.incidental ? "yes" : null],
      ["id", el("code", null, c.id)],
    ]);
  }

  // [["shared_words", 1.6, "'toll'"], ["same_word_before", 0.78], ...] (feature, weight, what it saw) ->
  // "shared words 'toll' +1.60 · same word before +0.78 · ..."
  function evidenceList(items) {
    return items.map((e) => Array.isArray(e) ? String(e[0]).replace(/_/g, " ") + " " +
      (e[2] ? String(e[2]) + " " : "") +
      (e[1] >= 0 ? "+" : "−") + Math.abs(Number(e[1])).toFixed(2) : String(e)).join(" · ");
  }

  function explanation(f) {
    const ex = f.explanation || {};
    const box = el("div", { id: "explanation" }, el("h3", null, "Why"));
    if (ex.arithmetic) box.append(el("p", { class: "muted" }, "Interval arithmetic"), el("pre", { class: "arith" }, ex.arithmetic));
    if (Array.isArray(ex.intervals) && ex.intervals.length) {
      const rs = roles(f);
      box.append(el("p", { class: "muted" }, "Intervals the claims allow"),
        el("ul", null, ex.intervals.map((iv, i) => el("li", null, (rs[i] || "claim " + (i + 1)) + ": ", el("code", null, String(iv))))));
    }
    if (ex.alignment && typeof ex.alignment === "object") {
      const al = ex.alignment;
      box.append(el("p", { class: "muted" }, "Alignment evidence: why these claims measure the same thing"),
        dl(Object.keys(al).sort((a, b) => (a === "probability" ? -1 : b === "probability" ? 1 : a < b ? -1 : 1)).map((k) =>
          [k.replace(/_/g, " "), k === "evidence" && Array.isArray(al[k]) ? evidenceList(al[k]) : fmtAny(al[k])])));
    }
    const rest = Object.keys(ex).filter((k) => !["arithmetic", "intervals", "alignment"].includes(k)).sort();
    if (rest.length) box.append(el("p", { class: "muted" }, "More"), dl(rest.map((k) => [k.replace(/_/g, " "), fmtAny(ex[k])])));
    return box;
  }

  // ---- document view, drawn only when opened
  function showDocument(d, claimId) {
    setView("document");
    const v = views.document;
    v.replaceChildren();
    const claims = claimsByDoc.get(d.id) || [];
    const marks = new Map();
    const body = el("div", { class: "doctext", id: "doctext" });
    const t = d.text;
    let cursor = 0;
    const frontEnd = Math.min(d.body_start || 0, claims.length ? claims[0].start : t.length);
    if (frontEnd > 0) {
      body.append(el("span", { class: "front" }, t.slice(0, frontEnd)));
      cursor = frontEnd;
    }
    const frag = document.createDocumentFragment();
    for (const c of claims) {
      if (c.end <= cursor) continue;
      const from = Math.max(c.start, cursor);
      if (from > cursor) frag.append(text(t.slice(cursor, from)));
      const fs = findingsByClaim.get(c.id) || [];
      const kind = CLAIM_KINDS.includes(c.kind) ? c.kind : "count";
      const m = el("mark", { class: "claim k-" + kind + (fs.length ? " in-finding" : "") + (fs.some((f) => f.kind === "conflict") ? " in-conflict" : ""),
        tabindex: "0", "data-c": c.id }, t.slice(from, c.end));
      marks.set(c.id, m);
      frag.append(m);
      cursor = c.end;
    }
    if (cursor < t.length) frag.append(text(t.slice(cursor)));
    body.append(frag);

    const panel = el("aside", { class: "panel", id: "claim-panel", "aria-live": "polite" },
      el("p", { class: "muted panel-hint" }, "Point at or tab to a highlighted claim to see its record and its findings."));
    let shownClaim = null;
    const show = (m) => {
      const c = claimById.get(m.getAttribute("data-c"));
      if (!c || c === shownClaim) return;
      shownClaim = c;
      const fs = findingsByClaim.get(c.id) || [];
      panel.replaceChildren();
      add(panel, [el("h3", null, el("q", null, c.text), " ", el("span", { class: "muted" }, "line " + c.line + ", column " + c.column)),
        record(c),
        el("h3", null, fs.length ? "In " + fs.length + " finding" + (fs.length === 1 ? "" : "s") : "In no finding"),
        fs.length ? el("ul", null, fs.map((f) => el("li", null, badge(f.kind), " ", el("a", { href: fHref(f) }, f.rule + " " + f.name), el("div", { class: "muted" }, f.message)))) : null]);
    };
    body.addEventListener("mouseover", (e) => { const m = e.target.closest("mark.claim"); if (m) show(m); });
    body.addEventListener("focusin", (e) => { const m = e.target.closest("mark.claim"); if (m) show(m); });

    const kindsHere = CLAIM_KINDS.filter((k) => claims.some((c) => c.kind === k));
    const h = el("h2", { tabindex: "-1", id: "doc-title", class: "iso" }, d.title || d.path);
    v.append(el("nav", { class: "views" }, el("a", { href: "#/" }, "← All findings"),
      el("button", { type: "button", id: "history-back", onclick: () => history.back() }, "‹ Back")),
      h,
      dl([["path", el("code", { class: "iso" }, d.path)], ["published", d.published || "—"], ["source", d.source || null],
        ["claims", num(claims.length)], ["findings", num(findingCountByDoc.get(d.id) || 0)]]),
      el("div", { class: "legend" }, "claims by kind:", kindsHere.map((k) => el("span", { class: "k-" + k }, k.replace("_", " "))),
        el("span", null, "underlined: in a finding (red: in a conflict)")),
      el("div", { class: "docview" }, body, panel));
    const target = claimId ? marks.get(claimId) : null;
    if (target) {
      target.classList.add("target");
      target.focus({ preventScroll: true });
      target.scrollIntoView({ block: "center" });
      show(target);
    } else {
      window.scrollTo(0, 0);
      h.focus({ preventScroll: true });
    }
  }

  // ---- routing and keys
  function route() {
    const parts = location.hash.replace(/^#\/?/, "").split("/").map((s) => {
      try {
        return decodeURIComponent(s);
      } catch (e) {
        return "";
      }
    });
    if (parts[0] === "f" && findingById.has(parts[1])) showFinding(findingById.get(parts[1]));
    else if (parts[0] === "d" && docById.has(parts[1])) showDocument(docById.get(parts[1]), parts[2]);
    else showOverview();
  }

  document.addEventListener("keydown", (e) => {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    const t = e.target;
    if (t instanceof Element && t.closest("input, textarea, select, [contenteditable]")) {
      if (e.key === "Escape") t.blur();
      return;
    }
    const onControl = t instanceof Element && t.closest("a, button, summary");
    if (current === "overview") {
      if (e.key === "j") move(1);
      else if (e.key === "k") move(-1);
      else if (e.key === "Enter" && !onControl && state.sel >= 0) location.hash = fHref(state.shown[state.sel]);
      else if (e.key === "/") controls.q.focus();
      else return;
    } else if (current === "finding") {
      const f = findingById.get(decodeURIComponent(location.hash.slice(4)));
      const nb = f ? neighbours(f) : {};
      if (e.key === "j" && nb.next) location.hash = fHref(nb.next);
      else if (e.key === "k" && nb.prev) location.hash = fHref(nb.prev);
      else if (e.key === "u" || e.key === "Escape") location.hash = "#/";
      else if (reviewKeys[e.key]) reviewKeys[e.key]();
      else return;
    } else {
      if (e.key === "u" || e.key === "Escape") location.hash = "#/";
      else return;
    }
    e.preventDefault();
  });

  // Printing shows every finding that passes the filters and every record, not just what was drawn.
  window.addEventListener("beforeprint", () => {
    if (current === "overview") {
      renderMore(state.shown.length);
      drawAllDocuments();
    }
    document.querySelectorAll("details").forEach((d) => { d.open = true; });
  });

  buildOverview();
  drawReviewSummary();
  applyFilters();
  window.addEventListener("hashchange", route);
  route();
  document.documentElement.setAttribute("data-ready", "1");
  performance.mark("factcheck-ready");
})();
