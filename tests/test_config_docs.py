"""Configuration docs (issue 19): option keys, their roles and editions, and a docs tree with
planted drifts and traps."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from factcheck import keys
from factcheck.frames import lexicon
from factcheck.render.json import claims_of
from factcheck.rulepack import load_rules

CASES = Path(__file__).parent / "cases" / "config-docs"


@pytest.fixture(scope="module")
def words():
    return lexicon(load_rules()).options


@pytest.mark.parametrize("raw", ["server.readTimeout", "--server.read-timeout", "SERVER_READ_TIMEOUT",
                                 "server.read_timeout", "Server.ReadTimeout"])
def test_one_key_however_spelled(raw):
    assert keys.normalise(raw) == "server.read.timeout"


def test_key_shapes():
    assert keys.key_like("maxPayload", False) and keys.key_like("max_size", False)
    assert keys.key_like("--workers", False) and keys.key_like("lifetime", True)
    assert not keys.key_like("lifetime", False)          # a plain word names an option only in code or bold
    assert not keys.key_like("two words", True) and not keys.key_like("429", True)


def _option(text, needle, words):
    ix = keys.OptionIndex(text, words)
    i = text.index(needle)
    stop = text.rfind(". ", 0, i)
    s0 = max(text.rfind("\n", 0, i) + 1, stop + 2 if stop >= 0 else 0)
    end = text.find("\n", i)
    return ix.at(i, i + len(needle), s0, len(text) if end < 0 else end)


def test_table_row_key_and_column_role(words):
    table = ("| Option | Type | Default | Max | Since |\n|---|---|---|---|---|\n"
             "| `server.maxConns` | int | 100 | 10000 | 2.1 |\n")
    assert _option(table, "100 ", words) == keys.Option("server.maxConns", "server.max.conns", "default")
    assert _option(table, "10000", words).role == "max"
    assert _option(table, "2.1", words) is None         # a release column states no value of the option


def test_description_cell_needs_a_role_word(words):
    row = ("| Option | Description |\n|---|---|\n"
           "| `maxAckPending` | A value of -1 means no limit. The default is 1000. |\n")
    assert _option(row, "-1", words) is None
    assert _option(row, "1000", words) == keys.Option("maxAckPending", "max.ack.pending", "default")


def test_prose_term_and_heading(words):
    assert _option("The `--max-conns` flag defaults to 200.\n", "200", words).key == "max.conns"
    assert _option("`SERVER_MAX_CONNS` defaults to 120.\n", "120", words).key == "server.max.conns"
    assert _option("- **lifetime** is how long a certificate lives. Default: `12h`.\n", "12h", words).key == "lifetime"
    page = "##### `renew_interval`\n\nHow often to renew. Default: `24h`\n"
    assert _option(page, "24h", words) == keys.Option("renew_interval", "renew.interval", "default")


def test_no_key_without_a_role_or_under_a_condition(words):
    assert _option("Set `server.maxConns` to 500 on busy hosts.\n", "500", words) is None
    assert _option("If `server.maxConns` is 0, it defaults to 10 per core.\n", "10", words) is None
    assert _option("> **Note**: the default is 5.\n", "5", words) is None    # a label, not an option
    assert _option("For example, set `timeout` to `90s`.\n", "90s", words).role == "example"


def test_a_bare_statement_belongs_to_its_section(words):
    page = "## Request logs\n\nDefault: 30 days.\n\n## Audit logs\n\nKept for audits. The default is 90 days for audits.\n"
    assert _option(page, "30 days", words) == keys.Option("Request logs", "request.logs", "default")
    assert _option(page, "90 days", words) is None     # a sentence with words of its own says what it is about


def test_global_and_bare_keys():
    assert keys.global_key("server.readTimeout") and keys.global_key("--max-conns")
    assert keys.global_key("SERVER_MAX_CONNS")
    assert not keys.global_key("port") and not keys.global_key("maxRequestBodyBytes")
    assert not keys.global_key("max_size")


@pytest.mark.parametrize("text, value, meaning", [
    ("Set to `-1` for no limit.", "-1", "unlimited"), ("Default `0` (off).", "0", "disabled"),
    ("0 means unlimited", "0", "unlimited"), ("defaults to -1, which means no limit.", "-1", "unlimited"),
    ("defaults to 30 seconds", "30", None), ("an offset of 0 offsets nothing", "0", None)])
def test_what_a_page_says_a_value_means(words, text, value, meaning):
    i = text.index(value)
    assert keys.sentinel(text, i + len(value), words) == meaning


def test_editions_and_past_pages(words):
    assert keys.edition("docs/v2/limits.md", words) == "v2"
    assert keys.edition("docs/1.4/limits.md", words) == "1.4"
    assert keys.edition("docs/legacy/limits.md", words) == "legacy"
    assert keys.edition("docs/providers/aws.md", words) == "providers/aws"
    assert keys.edition("docs/v2/2.18/storage.md", words) == "v2/2.18"
    assert keys.edition("docs/v2/_dev/storage.md", words) == "v2/_dev"
    assert keys.edition("docs/2024/limits.md", words) is None and keys.edition("docs/limits.md", words) is None
    assert keys.page_edition("---\nversion: v2.x\n---\n", 20, "docs/limits.md", words) == "2.x"
    assert keys.page_edition("---\ntitle: Limits\n---\n", 20, "docs/v1/limits.md", words) == "v1"
    assert keys.past_page("docs/CHANGELOG.md", words) and keys.past_page("docs/upgrading.md", words)
    assert not keys.past_page("docs/limits.md", words)


def test_a_title_that_names_a_release():
    assert keys.page_release('---\ntitle: "Harbor Spec 2.0"\n---\n', 28) == "2.0"
    assert keys.page_release("---\ntitle: Harbor API v3.1 reference\n---\n", 38) == "3.1"
    assert keys.page_release("---\ntitle: Upgrading from 2 workers\n---\n", 38) is None
    assert keys.page_release("---\ntitle: Limits\n---\nHarbor Spec 2.0 is out.\n", 20) is None   # the body is no title


def test_pages_titled_with_two_releases_are_not_compared(run, tmp_path):
    spec = "The spec caps a label at {n} bytes and a series at 64 labels.\n"
    for name, title, n in (("spec.md", "Harbor Spec 1.0", 128), ("spec_2_0.md", "Harbor Spec 2.0", 256),
                           ("limits.md", "Limits", 512)):
        (tmp_path / name).write_text(f"---\ntitle: {title}\n---\n" + spec.format(n=n), encoding="utf-8")
    out = tmp_path / "r.json"
    run("check", tmp_path, "--no-cache", "--no-report", "--format", "json", "-o", out)
    report = json.loads(out.read_text())
    claims = {c.id: c for c in claims_of(report)}
    pairs = {frozenset(Path(claims[i].path).name for i in f["claims"]) for f in report["findings"] if f["kind"] == "conflict"}
    # 1.0 against 2.0 is two releases; an untitled page against either is one docs tree drifting
    assert frozenset({"spec.md", "spec_2_0.md"}) not in pairs
    assert pairs and all("limits.md" in p for p in pairs), pairs


def _conflicts(report: dict) -> set[frozenset[str]]:
    claims = {c.id: c for c in claims_of(report)}

    def place(cid):
        c = claims[cid]
        return f"{Path(c.path).relative_to(CASES / 'tree').as_posix()}:{c.line} {c.text}"
    return {frozenset(place(i) for i in f["claims"]) for f in report["findings"] if f["kind"] == "conflict"}


def test_docs_tree_every_drift_and_no_trap(run, tmp_path):
    out = tmp_path / "r.json"
    code, _, err = run("check", CASES / "tree", "--no-cache", "--no-report", "--format", "json", "-o", out)
    assert code == 1, err
    report = json.loads(out.read_text())
    want = {frozenset(d) for d in yaml.safe_load((CASES / "expected.yaml").read_text())["drifts"]}
    assert _conflicts(report) == want


def test_an_option_conflict_names_the_option_its_values_and_their_places(run, tmp_path):
    out = tmp_path / "r.json"
    run("check", CASES / "tree", "--no-cache", "--no-report", "--format", "json", "-o", out)
    report = json.loads(out.read_text())
    [f] = [f for f in report["findings"] if f["kind"] == "conflict" and "read-timeout" in f["message"]]
    tree = (CASES / "tree").as_posix()
    assert f["message"].replace(tree + "/", "") == (
        "`--server.read-timeout` default: 2 values where the option has one: 60 seconds ('60s') at guides/tuning.md:3; "
        "30 seconds ('30s') at guides/faq.md:3, reference/server.md:7.")
    assert f["explanation"]["alignment"]["option"] == {
        "key": "server.read.timeout", "role": "default", "as_written": ["--server.read-timeout", "server.readTimeout"]}
    assert [v["value"] for v in f["explanation"]["values"]] == ["60 seconds ('60s')", "30 seconds ('30s')"]
    [v1] = [f for f in report["findings"] if f["kind"] == "conflict" and "v1/server.md" in f["message"]]
    assert v1["message"].startswith("`server.readTimeout` default (v1 docs): 2 values")
    [agree] = [f for f in report["findings"] if f["kind"] == "agreement" and "session.maxAge" in f["message"]]
    assert agree["message"].endswith("both mean unlimited.")
    [rate] = [f for f in report["findings"] if f["kind"] == "agreement" and "auth.rate_limit" in f["message"]]
    assert rate["message"].endswith("each states 100 per second.")   # 6000/min = 100/s
    assert f["explanation"]["alignment"]["option"] == {
        "key": "server.read.timeout", "role": "default", "as_written": ["--server.read-timeout", "server.readTimeout"]}


def test_generated_docs_tree_every_planted_drift_and_nothing_else(run, tmp_path):
    """The benchmark's docs-tree shape (benchmarks/docs_corpus.py), small: every guide with a
    planted drift is in a conflict, and every conflict touches such a guide."""
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    try:
        import docs_corpus
    finally:
        sys.path.pop(0)
    tree = tmp_path / "docs"
    info = docs_corpus.generate(tree, 80, seed=2)
    planted = {json.loads(line)["path"] for line in (tree / "planted.jsonl").read_text().splitlines()}
    assert info["planted"] == len(planted) >= 4
    out = tmp_path / "r.json"
    run("check", tree, "--no-cache", "--no-report", "--format", "json", "-o", out)
    report = json.loads(out.read_text())
    page = {c.id: Path(c.path).relative_to(tree).as_posix() for c in claims_of(report)}
    touched = [{page[i] for i in f["claims"]} for f in report["findings"] if f["kind"] == "conflict"]
    assert all(pages & planted for pages in touched)
    assert planted <= set().union(*touched)


def test_a_sample_of_the_defaults_keeps_its_values_under_their_keys(words):
    from factcheck.ingest.markdown import default_samples, prose
    page = ("The default configuration:\n\n```yaml\nserver:\n  readTimeout: 30s\n  name: edge\n```\n\n"
            "An override:\n\n```yaml\nserver:\n  readTimeout: 5s\n```\n\n"
            "```toml\n# defaults\n[server]\nmax_conns = \"100\"\n```\n")
    masked = prose(page)
    assert "  readTimeout: 30s" in page and "             : 30s" in masked
    assert "5s" not in masked and "edge" not in masked and "server" not in masked
    assert "100" in masked
    ix = keys.OptionIndex(page, words, default_samples(page))
    at = page.index("30s")
    assert ix.at(at, at + 3, at, at + 3) == keys.Option("server.readTimeout", "server.read.timeout", "default")
    at = page.index("100")
    assert ix.at(at, at + 3, at, at + 3) == keys.Option("server.max_conns", "server.max.conns", "default")


def test_a_sample_is_of_the_defaults_when_its_own_sentence_says_so():
    from factcheck.ingest.markdown import default_samples
    # the sentence that introduces a sample says what it shows; the sentence before may speak of
    # defaults too ("not set by default")
    page = ("Both options are not set by default. To keep the old names, set both:\n\n"
            "```yaml\nserver:\n  legacyNames: true\n```\n\n"
            "Otherwise, by default the server reads:\n\n```yaml\nserver:\n  readTimeout: 30s\n```\n")
    (sample,) = default_samples(page)
    assert page[sample[0]:sample[1]] == "```yaml\nserver:\n  readTimeout: 30s\n```\n"


def test_an_option_conflict_keeps_its_id_as_pages_join(run, tmp_path):
    """A page that joins restating a value already stated adds a place to the finding, and
    leaves its id (and a baseline's entry for it) as it was; a new value is a new finding."""
    (tmp_path / "ref.md").write_text("| Option | Default |\n|---|---|\n| `server.readTimeout` | `30s` |\n")
    (tmp_path / "guide.md").write_text("The `server.readTimeout` option defaults to `60s`.\n")

    def conflicts():
        out = tmp_path / "r.json"
        run("check", tmp_path, "--no-cache", "--no-report", "--format", "json", "-o", out)
        report = json.loads(out.read_text())
        out.unlink()
        return {f["id"]: len(f["claims"]) for f in report["findings"] if f["kind"] == "conflict"}
    [(first, n)] = conflicts().items()
    assert n == 2
    (tmp_path / "a-faq.md").write_text("`SERVER_READ_TIMEOUT` defaults to 30 seconds.\n")   # another spelling, first
    assert conflicts() == {first: 3}
    (tmp_path / "tips.md").write_text("`server.readTimeout` defaults to `45s`.\n")
    [(other, n)] = conflicts().items()
    assert other != first and n == 4
