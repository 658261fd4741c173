"""The Markdown reader: code, markup, URLs and list numbers are not prose; offsets stay the page's own."""
from __future__ import annotations

import pytest

from factcheck.ingest.markdown import prose
from factcheck.pipeline import claims_for, document_from_text
from factcheck.rulepack import load_rules

PAGE = """# Limits

Requests time out after 30 seconds. See [the limits](https://example.com/v2/limits?max=100).

```yaml
timeout: 45
```

    indented 99 code

<!-- old value: 77 -->

1. Uploads are capped at 5 GB.
2. Downloads are not capped.

| # | Option | Default |
|---|---|---|
| 1 | `timeout` | 30 seconds |
| 2 | `retries` | `3` |

Requests fall back to `127.0.0.1:8080`; the limit defaults to `100`.

{{< note 12 >}} Logs are kept for 7 days, https://status.example.com/2024/10 says.

[ref]: https://example.com/2019/05
"""


def test_prose_blanks_what_is_not_prose_and_keeps_every_offset():
    out = prose(PAGE)
    assert len(out) == len(PAGE) and out.count("\n") == PAGE.count("\n")
    for gone in ("https://example.com/v2/limits?max=100", "timeout: 45", "indented 99 code",
                 "<!-- old value: 77 -->", "{{< note 12 >}}", "https://status.example.com/2024/10",
                 "https://example.com/2019/05", "`127.0.0.1:8080`", "`timeout`"):
        at = PAGE.index(gone)
        assert out[at:at + len(gone)].strip() == "", gone
    for kept in ("Requests time out after 30 seconds.", "[the limits]", "Uploads are capped at 5 GB.",
                 "| 30 seconds |", "Logs are kept for 7 days,", "| `3` |", "defaults to `100`."):
        at = PAGE.index(kept)
        assert out[at:at + len(kept)] == kept, kept
    # a table row's index is no value: the pipes stay, the number goes
    assert out[PAGE.index("| 1 |"):][:5] == "|   |" and out[PAGE.index("| 2 |"):][:5] == "|   |"
    # the ordered list's numbers are markup; the items are prose
    assert out[PAGE.index("1. Uploads"):][:3] == "   "


def test_a_markdown_page_yields_claims_from_its_prose_only():
    rules = load_rules()
    doc = document_from_text(PAGE, doc_id="limits").model_copy(update={"path": "docs/limits.md"})
    claims = claims_for(doc, rules)
    assert [c.text for c in claims] == ["30 seconds", "5 GB", "30 seconds", "3", "100", "7 days"]
    # offsets, lines and columns are the page's own
    first = claims[0]
    assert PAGE[first.start:first.end] == "30 seconds" and (first.line, first.column) == (3, 25)
    # the same text as plain text is read whole
    txt = document_from_text(PAGE, doc_id="limits").model_copy(update={"path": "docs/limits.txt"})
    assert {"45", "99", "77", "12"} <= {c.text for c in claims_for(txt, rules)}


def test_reference_labels_footnote_marks_and_definitions_are_markup():
    page = ("The migration took 3 steps ([guide][15]) and the cluster kept 7 nodes[^2].\n\n"
            "[^2]: It ran for 5 minutes.\n\n"
            "[15]:\n  https://example.com/docs/15/\n")
    out = prose(page)
    for gone in ("[15]", "[^2]", "[^2]:", "[15]:", "https://example.com/docs/15/"):
        at = page.rindex(gone)
        assert out[at:at + len(gone)].strip() == "", gone
    doc = document_from_text(page, doc_id="m").model_copy(update={"path": "docs/m.md"})
    # the footnote's text is prose; its mark, the link's label and the definition are not
    assert [c.text for c in claims_for(doc, load_rules())] == ["3", "7", "5 minutes"]


@pytest.mark.parametrize("newline", ["\r\n", "\r"])
def test_other_line_endings_blank_the_same_lines(newline):
    page = PAGE.replace("\n", newline)
    out = prose(page)
    assert len(out) == len(page)
    assert out.replace(newline, "\n") == prose(PAGE)


def test_front_matter_is_left_to_the_front_matter_reader():
    page = "---\ntitle: Limits 2024\n---\n" + PAGE
    out = prose(page, start=page.index("# Limits"))
    assert out.startswith("---\ntitle: Limits 2024\n---\n# Limits")


def test_a_column_that_names_things_is_not_read():
    """A "Port", "Status code" or "Since" column names ports, responses and releases; the other
    columns of the row stay (offsets too)."""
    page = ("| Port  | Protocol | Function |\n|---|---|---|\n| 4317  | gRPC | Accepts 2 formats. |\n\n"
            "Port | Function\n--- | ---\n8888 | 5 exporters\n\n"
            "| Option | Default | Since |\n|---|---|---|\n| `a.b` | 30 | 2.1 |\n")
    out = prose(page)
    assert len(out) == len(page)
    for gone in ("4317", "8888", "2.1"):
        assert gone not in out, gone
    for kept in ("Accepts 2 formats.", "5 exporters", "| 30 |", "| Port  |", "Port | Function"):
        assert kept in out, kept
