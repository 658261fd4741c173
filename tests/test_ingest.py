"""Ingest: files and folders, front matter, manifests, raw-text offsets, line/column, sentences,
document ids, and bad input through `factcheck extract` (one line on stderr, exit 2)."""
from __future__ import annotations

import datetime as dt
import json
import os
import pathlib
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck import _default_rules
from factcheck.cli import main
from factcheck.errors import InputError
from factcheck.ingest import LineIndex, discover, front_matter, load_documents, read_manifest, sentences
from factcheck.pipeline import claims_for

REPO = Path(__file__).resolve().parent.parent


def _write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, bytes):
        path.write_bytes(data)
    else:
        path.write_bytes(data.encode("utf-8"))
    return path


def _claims(doc):
    return claims_for(doc, _default_rules())


# ------------------------------------------------------------------ files and folders

def test_folders_are_read_recursively_txt_and_md_only(tmp_path):
    _write(tmp_path / "news" / "a.txt", "5 people.\n")
    _write(tmp_path / "news" / "sub" / "b.md", "6 people.\n")
    _write(tmp_path / "news" / "sub" / "deeper" / "c.txt", "7 people.\n")
    _write(tmp_path / "news" / "sub" / "notes.csv", "8,9\n")
    _write(tmp_path / "news" / "image.png", b"\x89PNG\r\n\x1a\n\x00\x00")
    _write(tmp_path / "news" / ".git" / "d.txt", "hidden folder\n")
    docs = load_documents([tmp_path / "news"])
    names = [Path(d.path).relative_to(tmp_path / "news").as_posix() for d in docs]
    assert names == ["a.txt", "sub/b.md", "sub/deeper/c.txt"]


def test_single_files_and_folders_mix_without_duplicates(tmp_path):
    a = _write(tmp_path / "news" / "a.txt", "5 people.\n")
    _write(tmp_path / "news" / "b.txt", "6 people.\n")
    docs = load_documents([a, tmp_path / "news", a])
    assert [Path(d.path).name for d in docs] == ["a.txt", "b.txt"]


def test_a_file_is_read_whatever_its_extension(tmp_path):
    f = _write(tmp_path / "story.text", "Officials said 12 people died.\n")
    (doc,) = load_documents([f])
    assert [c.text for c in _claims(doc)] == ["12"]


def test_text_is_kept_byte_exact_and_hashed(tmp_path):
    raw = "Line one.\r\nThe flood killed 41 people.\r\n\r\n  Tabs\tstay.\n"
    f = _write(tmp_path / "a.txt", raw)
    (doc,) = load_documents([f])
    assert doc.text == raw
    import hashlib
    assert doc.sha256 == hashlib.sha256(raw.encode("utf-8")).hexdigest()


# ------------------------------------------------------------------ front matter

def test_front_matter_published_title_source(tmp_path):
    text = ("---\npublished: 2020-03-04\ntitle: Floods in Lusana\nsource: Wire\n---\n"
            "The flood killed 41 people on Friday.\n")
    (doc,) = load_documents([_write(tmp_path / "a.md", text)])
    assert doc.published == dt.date(2020, 3, 4)
    assert doc.title == "Floods in Lusana"
    assert doc.source == "Wire"
    assert doc.body_start == text.index("The flood")
    claims = _claims(doc)
    # nothing in the front matter is a claim; offsets still index the whole raw file
    assert [c.text for c in claims] == ["41", "Friday"]
    for c in claims:
        assert doc.text[c.start:c.end] == c.text
    friday = claims[1]
    assert friday.value.start == dt.date(2020, 2, 28)   # the Friday before Wednesday 4 March 2020
    assert friday.line == 6


def test_front_matter_date_key_and_datetime_value(tmp_path):
    meta, body = front_matter("---\ndate: 2019-07-01T10:30:00\n---\nBody\n", "x.md")
    assert meta.published == dt.date(2019, 7, 1)
    assert body == len("---\ndate: 2019-07-01T10:30:00\n---\n")


def test_published_wins_over_date_in_front_matter():
    meta, _ = front_matter("---\npublished: 2021-01-02\ndate: 1999-09-09\n---\n", "x.md")
    assert meta.published == dt.date(2021, 1, 2)


@pytest.mark.parametrize("key", ["publishDate", "pubDate", "created_at", "created"])
def test_site_generators_date_keys(key):
    meta, _ = front_matter(f"---\ntitle: Talks\n{key}: 2023-09-01\n---\nBody\n", "x.md")
    assert meta.published == dt.date(2023, 9, 1)


def test_a_post_named_by_its_day_is_published_that_day_unless_its_page_says_otherwise(tmp_path):
    posts = tmp_path / "posts"
    posts.mkdir()
    _write(posts / "2023-09-01-schedule.md", "The eighth conference opens.\n")
    _write(posts / "2025-09-22-recap.md", "---\ndate: 2025-09-24\n---\nThe tenth conference closed.\n")
    _write(posts / "report-2024-11-05.md", "Five talks.\n")       # a day inside the name is no post's day
    _write(posts / "2023-02-30-typo.md", "Five talks.\n")         # nor is a day no calendar has
    days = {Path(d.path).name: d.published for d in load_documents([posts])}
    assert days == {"2023-09-01-schedule.md": dt.date(2023, 9, 1), "2025-09-22-recap.md": dt.date(2025, 9, 24),
                    "report-2024-11-05.md": None, "2023-02-30-typo.md": None}


def test_no_front_matter_and_horizontal_rules():
    meta, body = front_matter("Just text.\n---\nmore\n", "x.md")
    assert (meta.published, meta.title, meta.source, body) == (None, None, None, 0)
    meta, body = front_matter("---\n---\nBody", "x.md")
    assert meta.published is None and body == len("---\n---\n")


def test_front_matter_with_crlf_and_bom(tmp_path):
    text = "\ufeff---\r\npublished: 2020-03-04\r\ntitle: T\r\n---\r\nThe flood killed 41 people.\r\n"
    (doc,) = load_documents([_write(tmp_path / "a.md", text)])
    assert doc.published == dt.date(2020, 3, 4) and doc.title == "T"
    assert doc.body_start == text.index("The flood")
    (c,) = _claims(doc)
    assert (c.text, c.start, c.line, c.column) == ("41", text.index("41"), 5, 18)


# ------------------------------------------------------------------ manifests

def _news(tmp_path):
    _write(tmp_path / "docs" / "a.txt", "The flood killed 41 people on Friday.\n")
    _write(tmp_path / "docs" / "sub" / "b.txt", "The flood killed 47 people on Friday.\n")
    return tmp_path / "docs"


def test_manifest_csv_relative_paths_resolve_against_the_manifest_folder(tmp_path, monkeypatch):
    docs_dir = _news(tmp_path)
    man = _write(tmp_path / "meta" / "manifest.csv",
                 "path,published,title,source\n"
                 "../docs/a.txt,2020-03-06,First,Wire\n"
                 "../docs/sub/b.txt,2020-03-07,\"Second, with comma\",\n")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)                    # the manifest's folder, not the CWD, anchors paths
    docs = load_documents([docs_dir], man)
    by = {Path(d.path).name: d for d in docs}
    assert by["a.txt"].published == dt.date(2020, 3, 6)
    assert (by["a.txt"].title, by["a.txt"].source) == ("First", "Wire")
    assert by["b.txt"].published == dt.date(2020, 3, 7)
    assert (by["b.txt"].title, by["b.txt"].source) == ("Second, with comma", None)


def test_manifest_jsonl(tmp_path):
    docs_dir = _news(tmp_path)
    man = _write(tmp_path / "m.jsonl",
                 json.dumps({"path": "docs/a.txt", "published": "2020-03-06", "title": "A"}) + "\n\n"
                 + json.dumps({"path": "docs/sub/b.txt", "published": None, "source": "S"}) + "\n")
    by = {Path(d.path).name: d for d in load_documents([docs_dir], man)}
    assert (by["a.txt"].published, by["a.txt"].title) == (dt.date(2020, 3, 6), "A")
    assert (by["b.txt"].published, by["b.txt"].source) == (None, "S")


@pytest.mark.parametrize("published, day", [
    ("2020-03-06T09:30:00Z", dt.date(2020, 3, 6)),        # a moment of the day, with its zone
    ("2020-03-06 23:59", dt.date(2020, 3, 6)),
    ("2020-03-06garbage", "is not an ISO date"),          # never cut down to the date it starts with
    ("2020-02-30", "does not exist"),
])
def test_a_published_date_is_a_day_or_a_moment_of_one(tmp_path, published, day):
    docs_dir = _news(tmp_path)
    man = _write(tmp_path / "m.jsonl", json.dumps({"path": "docs/a.txt", "published": published}) + "\n")
    if isinstance(day, dt.date):
        by = {Path(d.path).name: d for d in load_documents([docs_dir], man)}
        assert by["a.txt"].published == day
    else:
        with pytest.raises(InputError, match=f"m.jsonl:1: published date '{published}' {day}"):
            load_documents([docs_dir], man)


def test_a_folders_own_manifest_is_picked_up(tmp_path):
    docs_dir = _news(tmp_path)
    _write(docs_dir / "manifest.csv", "path,published\na.txt,2020-03-06\nsub/b.txt,2020-03-07\n")
    docs = load_documents([docs_dir])
    assert [d.published for d in docs] == [dt.date(2020, 3, 6), dt.date(2020, 3, 7)]
    # the manifest is not a document, and relative dates resolve against its dates
    assert [Path(d.path).name for d in docs] == ["a.txt", "b.txt"]
    fridays = [c.value.start for d in docs for c in _claims(d) if c.kind == "date"]
    assert fridays == [dt.date(2020, 3, 6), dt.date(2020, 3, 6)]


def test_manifest_wins_over_front_matter(tmp_path):
    f = _write(tmp_path / "a.md", "---\npublished: 1999-01-01\ntitle: Old\n---\n5 people.\n")
    man = _write(tmp_path / "m.csv", "path,published,title\na.md,2020-03-06,New\n")
    (doc,) = load_documents([f], man)
    assert (doc.published, doc.title) == (dt.date(2020, 3, 6), "New")


def test_manifest_with_bom_and_crlf(tmp_path):
    _write(tmp_path / "a.txt", "5 people.\n")
    man = _write(tmp_path / "m.csv", "\ufeffpath,published\r\na.txt,2020-03-06\r\n")
    assert list(read_manifest(man).values())[0].published == dt.date(2020, 3, 6)


# ------------------------------------------------------------------ offsets, lines, columns

def test_offsets_index_the_raw_text_with_crlf(tmp_path):
    text = "Line one.\r\nThe flood killed 41 people.\r\n\r\nAbout 13 were found.\r\n"
    (doc,) = load_documents([_write(tmp_path / "a.txt", text)])
    claims = _claims(doc)
    assert [(c.text, c.start, c.end, c.line, c.column) for c in claims] == [
        ("41", 28, 30, 2, 18), ("13", 48, 50, 4, 7)]
    for c in claims:
        assert doc.text[c.start:c.end] == c.text
        assert doc.text[c.sentence.start:c.sentence.end] in (
            "The flood killed 41 people.", "About 13 were found.")


def test_offsets_index_the_raw_text_with_a_bom(tmp_path):
    raw = "\ufeffThe flood killed 41 people.\nAbout 13 were found.\n".encode("utf-8")
    assert raw.startswith(b"\xef\xbb\xbf")
    (doc,) = load_documents([_write(tmp_path / "a.txt", raw)])
    assert doc.text == raw.decode("utf-8")              # the BOM is kept: offsets index the raw text
    claims = _claims(doc)
    assert [(c.text, c.start, c.line) for c in claims] == [("41", 18, 1), ("13", 35, 2)]
    for c in claims:
        assert doc.text[c.start:c.end] == c.text
    assert claims[1].column == 7


def test_column_after_a_bom_counts_visible_characters(tmp_path):
    # Editors and CI annotations do not show the BOM: "41" starts at the 18th visible character.
    (doc,) = load_documents([_write(tmp_path / "a.txt", "\ufeffThe flood killed 41 people.\n")])
    (c,) = _claims(doc)
    assert (c.line, c.column) == (1, 18)


def test_line_index_positions():
    text = "ab\ncd\r\nef\rgh"
    idx = LineIndex(text)
    assert [idx.position(text.index(ch)) for ch in "acegh"] == [(1, 1), (2, 1), (3, 1), (4, 1), (4, 2)]
    assert idx.position(len(text)) == (4, 3)


# ------------------------------------------------------------------ sentences

def test_sentences_keep_offsets_and_trim_whitespace():
    text = ("  Mr. Smith said 41 people died. \"It was awful,\" he said!  Dr. Jones counted 13 on "
            "Jan. 5.\nA new line starts here\r\n\r\n(Another) one? Yes.")
    spans = sentences(text)
    got = [text[a:b] for a, b in spans]
    assert got == ["Mr. Smith said 41 people died.", "\"It was awful,\" he said!",
                   "Dr. Jones counted 13 on Jan. 5.", "A new line starts here", "(Another) one?", "Yes."]
    for a, b in spans:
        assert 0 <= a < b <= len(text) and text[a:b] == text[a:b].strip()
    assert all(b1 <= a2 for (_, b1), (a2, _) in zip(spans, spans[1:]))


def test_sentences_from_a_start_offset_and_empty_text():
    text = "---\ntitle: x\n---\nOne. Two."
    start = text.index("One")
    assert [text[a:b] for a, b in sentences(text, start)] == ["One.", "Two."]
    assert sentences("") == [] and sentences("   \n\n ") == []


def test_each_claim_lies_inside_its_sentence(tmp_path):
    text = "The flood killed 41 people. About 13 were found on Friday.\nRescuers worked 36 hours.\n"
    (doc,) = load_documents([_write(tmp_path / "a.txt", text)])
    for c in _claims(doc):
        assert c.sentence.start <= c.start < c.end <= c.sentence.end


# ------------------------------------------------------------------ document ids

def test_document_ids_are_unique(tmp_path):
    for rel in ("a/x.txt", "b/x.txt", "c/x.txt", "c/x.md", "y.txt", "z.md"):
        _write(tmp_path / rel, "5 people.\n")
    docs = load_documents([tmp_path])
    ids = [d.id for d in docs]
    assert len(ids) == len(set(ids)) == 6
    by_path = {Path(d.path).relative_to(tmp_path).as_posix(): d.id for d in docs}
    assert by_path["y.txt"] == "y" and by_path["z.md"] == "z"     # a unique stem is the id


def test_document_ids_and_order_are_deterministic(tmp_path):
    for rel in ("b.txt", "a.txt", "sub/a.txt"):
        _write(tmp_path / rel, "5 people.\n")
    first = [(d.id, d.path) for d in load_documents([tmp_path])]
    assert first == [(d.id, d.path) for d in load_documents([tmp_path])]
    assert [p for _, p in first] == sorted(p for _, p in first)


def test_discover_lists_folder_manifests(tmp_path):
    _write(tmp_path / "docs" / "a.txt", "x")
    _write(tmp_path / "docs" / "manifest.jsonl", "{\"path\": \"a.txt\"}\n")
    files, manifests = discover([tmp_path / "docs"])
    assert [f.name for f in files] == ["a.txt"]
    assert [m.name for m in manifests] == ["manifest.jsonl"]


# ------------------------------------------------------------------ bad input through the CLI

def _cli(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def _assert_one_line_error(code, err, *names):
    assert code == 2
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    for name in names:
        assert name in lines[0], (name, lines[0])


@pytest.fixture
def corpus(tmp_path, monkeypatch):
    _write(tmp_path / "docs" / "a.txt", "The flood killed 41 people on Friday.\n")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def _unchanged(path: Path):
    before = path.read_bytes() if path.is_file() else None

    def check():
        assert (path.read_bytes() if path.is_file() else None) == before
    return check


@pytest.mark.parametrize("name,data,where", [
    ("binary.txt", b"The flood\x00\x01\x02 killed 41", "binary.txt"),
    ("latin1.txt", "Caf\u00e9 owners said 41 people.\nSecond line \u00e9\n".encode("latin-1"), "latin1.txt:1"),
    ("late.txt", b"Fine first line.\nThen \xff\xfe broken.\n", "late.txt:2"),
])
def test_unreadable_text_files(corpus, capsys, name, data, where):
    bad = _write(corpus / "docs" / name, data)
    same = _unchanged(bad)
    code, out, err = _cli(capsys, "extract", "docs", "--no-cache")
    _assert_one_line_error(code, err, where)
    # the bad file is named and left out; the good one beside it is still read
    assert out == "docs/a.txt:1:18: count      '41' = 41\n"
    same()
    # named alone, it is just the error
    code, out, err = _cli(capsys, "extract", f"docs/{name}", "--no-cache")
    _assert_one_line_error(code, err, where)
    assert out == ""


def test_missing_path(corpus, capsys):
    code, out, err = _cli(capsys, "extract", "docs/nope.txt", "--no-cache")
    _assert_one_line_error(code, err, "docs/nope.txt")


def test_broken_symlink_in_a_folder(corpus, capsys):
    link = corpus / "docs" / "gone.txt"
    os.symlink(corpus / "does-not-exist.txt", link)
    code, _, err = _cli(capsys, "extract", "docs", "--no-cache")
    _assert_one_line_error(code, err, "gone.txt")


def test_broken_symlink_named_directly(corpus, capsys):
    link = corpus / "gone.txt"
    os.symlink(corpus / "does-not-exist.txt", link)
    code, _, err = _cli(capsys, "extract", "gone.txt", "--no-cache")
    _assert_one_line_error(code, err, "gone.txt")


def test_a_folder_where_a_manifest_file_is_expected(corpus, capsys):
    (corpus / "meta").mkdir()
    code, _, err = _cli(capsys, "extract", "docs", "--manifest", "meta", "--no-cache")
    _assert_one_line_error(code, err, "meta")


def test_unreadable_file_permissions(corpus, capsys, monkeypatch):
    # Root reads a chmod 000 file anyway, so the refusal is simulated where the file is read.
    target = (corpus / "docs" / "a.txt").resolve()
    real = pathlib.Path.read_bytes

    def refuse(self):
        if self.resolve() == target:
            raise PermissionError(13, "Permission denied", str(self))
        return real(self)
    monkeypatch.setattr(pathlib.Path, "read_bytes", refuse)
    code, _, err = _cli(capsys, "extract", "docs", "--no-cache")
    _assert_one_line_error(code, err, "a.txt")
    assert "Permission denied" in err


@pytest.mark.parametrize("name,content,where", [
    ("bad-header.csv", "file,published\ndocs/a.txt,2020-03-06\n", "bad-header.csv:1"),
    ("bad-date.csv", "path,published\ndocs/a.txt,2020-03-06\ndocs/b.txt,2020-13-45\n", "bad-date.csv:3"),
    ("bad-date-words.csv", "path,published\ndocs/a.txt,last Friday\n", "bad-date-words.csv:2"),
    ("short-row.csv", "path,published,title\ndocs/a.txt,2020-03-06\n", "short-row.csv:2"),
    ("empty.csv", "", "empty.csv"),
    ("unknown-key.jsonl", '{"path": "docs/a.txt"}\n{"path": "docs/a.txt", "author": "me"}\n',
     "unknown-key.jsonl:2"),
    ("invalid.jsonl", '{"path": "docs/a.txt"}\n\n{"path": docs/a.txt}\n', "invalid.jsonl:3"),
    ("not-object.jsonl", '["docs/a.txt"]\n', "not-object.jsonl:1"),
    ("bad-date.jsonl", '{"path": "docs/a.txt", "published": "06/03/2020"}\n', "bad-date.jsonl:1"),
    ("twice.csv", "path\ndocs/a.txt\ndocs/../docs/a.txt\n", "twice.csv:3"),
])
def test_broken_manifests(corpus, capsys, name, content, where):
    man = _write(corpus / name, content)
    same = _unchanged(man)
    same_doc = _unchanged(corpus / "docs" / "a.txt")
    code, out, err = _cli(capsys, "extract", "docs", "--manifest", name, "--no-cache")
    _assert_one_line_error(code, err, where)
    assert out == ""
    same()
    same_doc()


def test_broken_front_matter_names_the_file_and_line(corpus, capsys):
    _write(corpus / "docs" / "b.md", "---\ntitle: [unclosed\npublished: 2020-01-01\n---\nBody 5.\n")
    code, _, err = _cli(capsys, "extract", "docs", "--no-cache")
    _assert_one_line_error(code, err, "b.md")


def test_bad_input_in_a_real_process_has_no_traceback(corpus):
    _write(corpus / "docs" / "bin.txt", b"\x00\x01binary")
    r = subprocess.run([sys.executable, "-m", "factcheck", "extract", "docs", "--no-cache"], cwd=corpus,
                       capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(REPO)})
    assert r.returncode == 2
    assert r.stdout == "docs/a.txt:1:18: count      '41' = 41\n"   # the rest is read
    assert r.stderr.count("\n") == 1 and "bin.txt" in r.stderr and "Traceback" not in r.stderr


def test_letters_patterns_fold_to_ascii_are_read_not_crashed_on():
    # "ſome" is "some" to a case-insensitive pattern; the word tables must know it too.
    import factcheck
    text = "It weighed ſome 40 kg, a \u212am walk away."
    claims = factcheck.extract(text)
    # The claim quotes the file; the hedge is named by the word it is.
    assert [(c.text, c.kind, c.qualifier, c.hedge) for c in claims] == [("40 kg", "quantity", "approx", "some")]


def test_tab_indented_front_matter_is_read_as_site_generators_read_it(tmp_path):
    # YAML refuses tabs for indentation; Hugo and Jekyll pages use them, and one such page
    # once stopped a whole docs tree
    page = _write(tmp_path / "a.md", "---\ntitle: Limits\nparams:\n\tweight: 10\npublished: 2025-03-04\n---\n"
                                      "Uploads are capped at 5 GB.\n")
    (doc,) = load_documents([page])
    assert (doc.title, doc.published) == ("Limits", dt.date(2025, 3, 4))
    assert doc.text[doc.body_start:].startswith("Uploads are capped")


def test_a_manifest_may_name_the_publication_date_column_date_as_front_matter_does(tmp_path):
    a = _write(tmp_path / "a.txt", "The flood killed 41 people.\n")
    _write(tmp_path / "m.csv", "path,date\na.txt,2025-02-28\n")
    _write(tmp_path / "m.jsonl", '{"path": "a.txt", "date": "2025-03-01"}\n')
    assert load_documents([a], tmp_path / "m.csv")[0].published == dt.date(2025, 2, 28)
    assert load_documents([a], tmp_path / "m.jsonl")[0].published == dt.date(2025, 3, 1)


def test_an_impossible_date_is_called_that_not_a_format_error(tmp_path):
    a = _write(tmp_path / "a.txt", "The flood killed 41 people.\n")
    _write(tmp_path / "m.csv", "path,published\na.txt,2025-02-30\n")
    with pytest.raises(InputError) as e:
        load_documents([a], tmp_path / "m.csv")
    assert str(e.value) == f"{tmp_path / 'm.csv'}:2: published date '2025-02-30' does not exist (day is out of range for month)"
