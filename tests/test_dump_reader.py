"""Article dumps: a JSON Lines export read as one document a row, located by row and line."""
from __future__ import annotations

import json

import pytest

from factcheck.errors import InputError
from factcheck.ingest import load_documents

ARTICLES = [
    {"id": "a1", "published": "2025-03-15", "title": "Floods in Lusana", "source": "Coastal Press",
     "text": "Floods in Lusana killed 41 people on Friday.\nRescuers reached 300 homes."},
    {"url": "https://example.org/b", "date": "2025-03-15", "source": "Valley News", "author": "R. Okon",
     "body": "The floods that hit Lusana on Friday killed 47 people, officials said."},
    {"id": "a3", "published": "2025-03-16", "content": "Officials said the floods in Lusana on Friday killed 41 people."},
]


def dump(tmp_path, rows, name="archive.jsonl"):
    path = tmp_path / name
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_each_row_is_a_document_with_its_own_date_title_and_source(tmp_path):
    docs = load_documents([dump(tmp_path, ARTICLES)])
    assert [d.path.rsplit("/", 1)[-1] for d in docs] == ["archive.jsonl#row=1", "archive.jsonl#row=2",
                                                          "archive.jsonl#row=3"]
    assert [d.id for d in docs] == ["archive#1", "archive#2", "archive#3"]
    assert [str(d.published) for d in docs] == ["2025-03-15", "2025-03-15", "2025-03-16"]
    assert docs[0].title == "Floods in Lusana" and docs[1].source == "Valley News"
    assert docs[2].text == ARTICLES[2]["content"]


def test_a_dump_of_three_articles_is_checked_like_three_files(tmp_path, run):
    dump(tmp_path, ARTICLES)
    code, out, err = run("check", tmp_path, "--no-report", "--no-cache")
    assert code == 1, out + err
    # row 2's toll against rows 1 and 3, each at its row and the line within the row's text
    assert "archive.jsonl#row=1:1:25: FC101 conflict: 41 vs 47 people killed" in out
    assert "archive.jsonl#row=2:1:45" in out
    assert "archive.jsonl#row=3:1:54" in out
    # the same texts as three files give the same findings
    for i, a in enumerate(ARTICLES, 1):
        (tmp_path / "files").mkdir(exist_ok=True)
        (tmp_path / "files" / f"r{i}.txt").write_text(a.get("text") or a.get("body") or a["content"])
    code2, out2, _ = run("check", tmp_path / "files", "--no-report", "--no-cache")
    assert code2 == 1 and out2.count("FC101 conflict") == out.count("FC101 conflict") == 2


def test_a_folder_manifest_is_not_an_article_dump(tmp_path, run):
    (tmp_path / "a.txt").write_text("The flood killed 41 people.\n")
    (tmp_path / "manifest.jsonl").write_text('{"path": "a.txt", "published": "2025-03-15"}\n')
    (doc,) = load_documents([tmp_path])
    assert doc.path.endswith("a.txt") and str(doc.published) == "2025-03-15"


@pytest.mark.parametrize("line, why", [
    ("[1, 2]", "archive.jsonl:2: each line must be a JSON object (one article)"),
    ('{"title": "no text"}', "archive.jsonl:2: no article text"),
    ('{"text": "x", "published": "2025-02-30"}', "archive.jsonl:2: published date '2025-02-30' does not exist"),
    ('{"text": "x", "title": ["a"]}', "archive.jsonl:2: title must be a string"),
    ("{not json", "archive.jsonl:2: not a JSON object"),
])
def test_a_bad_row_is_one_line_naming_the_file_and_line(tmp_path, run, line, why):
    path = tmp_path / "archive.jsonl"
    path.write_text(json.dumps(ARTICLES[0]) + "\n" + line + "\n", encoding="utf-8")
    with pytest.raises(InputError, match=why.replace(".", r"\.").replace("[", r"\[").replace("(", r"\(")
                       .replace(")", r"\)")):
        load_documents([path])
    code, out, err = run("check", path, "--no-report", "--no-cache")
    assert code == 2 and why in err and "Traceback" not in err


def test_a_manifest_given_by_option_inside_the_folder_is_not_read_as_articles(tmp_path):
    (tmp_path / "a.txt").write_text("The flood killed 41 people.\n")
    (tmp_path / "meta.jsonl").write_text('{"path": "a.txt", "published": "2025-03-15"}\n')
    (doc,) = load_documents([tmp_path], manifest=tmp_path / "meta.jsonl")
    assert str(doc.published) == "2025-03-15"


def test_other_json_lines_in_a_folder_are_left_out_with_a_note(tmp_path, run):
    (tmp_path / "a.txt").write_text("The flood killed 41 people.\n")
    (tmp_path / "events.jsonl").write_text('{"level": "info", "count": 3}\n')
    skipped = []
    (doc,) = load_documents([tmp_path], skipped=skipped)
    assert doc.path.endswith("a.txt")
    assert skipped == [((tmp_path / "events.jsonl").as_posix(), "a JSON Lines file whose first row holds no article text")]
    # named on the command line, the same file is an error: the user said it holds articles
    code, _, err = run("check", tmp_path / "events.jsonl", "--no-report", "--no-cache")
    assert code == 2 and "events.jsonl:1: no article text" in err


CSV = ('id,published,title,text\n'
       '1,2025-03-15,A,"Floods in Lusana killed 41 people on Friday.\nRescuers reached 300 homes."\n'
       '2,2025-03-15,B,The floods that hit Lusana on Friday killed 47 people.\n')


def test_a_csv_export_named_on_the_command_line_is_read_row_by_row(tmp_path, run):
    (tmp_path / "archive.csv").write_text(CSV, encoding="utf-8")
    docs = load_documents([tmp_path / "archive.csv"])
    # a row is numbered by the line it starts on: the first article spans lines 2 and 3
    assert [d.path.rsplit("/", 1)[-1] for d in docs] == ["archive.csv#row=2", "archive.csv#row=4"]
    assert docs[0].text == "Floods in Lusana killed 41 people on Friday.\nRescuers reached 300 homes."
    assert docs[1].title == "B" and str(docs[1].published) == "2025-03-15"
    code, out, err = run("check", tmp_path / "archive.csv", "--no-report", "--no-cache")
    assert code == 1 and "archive.csv#row=2:1:25: FC101 conflict: 41 vs 47 people killed" in out


def test_a_csv_in_a_folder_is_a_data_table_not_articles(tmp_path):
    (tmp_path / "archive.csv").write_text(CSV, encoding="utf-8")
    (tmp_path / "a.txt").write_text("The flood killed 41 people.\n")
    assert [d.path.rsplit("/", 1)[-1] for d in load_documents([tmp_path])] == ["a.txt"]


def test_a_csv_without_a_text_column_is_one_line(tmp_path, run):
    (tmp_path / "table.csv").write_text("option,default\ntimeout,30s\n", encoding="utf-8")
    code, out, err = run("check", tmp_path / "table.csv", "--no-report", "--no-cache")
    assert code == 2 and "table.csv:1: no article text (a column named 'text', 'body', 'content')" in err


def test_ci_formats_point_into_the_dump_file_at_the_rows_line(tmp_path, run, monkeypatch):
    # code scanning and CI annotations know files, not rows: the row's line in the file is given
    monkeypatch.chdir(tmp_path)
    dump(tmp_path, ARTICLES)
    code, out, _ = run("check", "archive.jsonl", "--no-report", "--no-cache", "--format", "sarif")
    places = {(loc["physicalLocation"]["artifactLocation"]["uri"], loc["physicalLocation"]["region"]["startLine"])
              for r in json.loads(out)["runs"][0]["results"] for loc in r["locations"]}
    # two conflicts, 41 (row 1) vs 47 (row 2) and 47 vs 41 (row 3): each at its first claim's row
    assert places == {("archive.jsonl", 1), ("archive.jsonl", 2)}
    code, out, _ = run("check", "archive.jsonl", "--no-report", "--no-cache", "--format", "github")
    assert "::error file=archive.jsonl,line=1,title=FC101" in out
    code, out, _ = run("check", "archive.jsonl", "--no-report", "--no-cache", "--format", "gitlab")
    assert {i["location"]["path"] for i in json.loads(out)} == {"archive.jsonl"}
