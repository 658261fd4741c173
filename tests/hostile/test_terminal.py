"""Text from articles and file names reaches the terminal as text: an escape sequence in an
article or a name is shown, never acted on (issue 16)."""
from __future__ import annotations


def test_escape_sequences_in_text_and_names_are_shown_not_sent(tmp_path, run, monkeypatch):
    monkeypatch.chdir(tmp_path)
    news = tmp_path / "news"
    news.mkdir()
    # \x1b[2J clears the screen; \u202e reverses what follows; \x07 rings the bell
    (news / "a.txt").write_text("The flood killed 41 people \x1b[2Jin Lusana on Friday.\x07\n", encoding="utf-8")
    (news / "b\x1b[8m.txt").write_text("The flood killed 47 people in Lusana on Friday \u202eyadsruht.\n",
                                      encoding="utf-8")
    code, out, err = run("check", "news", "--no-report", "--no-cache", "-v")   # -v: each claim in its sentence
    assert code == 1
    for raw in ("\x1b", "\x07", "\u202e"):
        assert raw not in out and raw not in err
    assert "\\x1b[2J" in out and "news/b\\x1b[8m.txt:1:18:" in out
    # a bad file named with an escape: the one error line shows it escaped too
    (news / "c\x1b[31m.txt").write_bytes(b"caf\xe9 41\n")
    code, out, err = run("check", "news", "--no-report", "--no-cache")
    assert code == 2 and err == "factcheck: error: news/c\\x1b[31m.txt:1: not valid UTF-8 (byte 0xe9 at offset 3)\n"


def test_sarif_locations_are_percent_encoded(tmp_path, run, monkeypatch, flood_texts):
    import json
    monkeypatch.chdir(tmp_path)
    news = tmp_path / "news"
    news.mkdir()
    (news / "flood a#1.txt").write_text(flood_texts[0], encoding="utf-8")
    (news / "flood%b.txt").write_text(flood_texts[1], encoding="utf-8")
    run("check", "news", "--no-report", "--no-cache", "--format", "sarif", "-o", "r.sarif")
    sarif = json.loads((tmp_path / "r.sarif").read_text(encoding="utf-8"))
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"] for r in sarif["runs"][0]["results"]
            for loc in r["locations"] + r.get("relatedLocations", [])}
    assert uris == {"news/flood%20a%231.txt", "news/flood%25b.txt"}
