"""The reStructuredText reader: code, comments, targets, roles and markup are not prose; offsets stay the file's own."""
from __future__ import annotations

import json

from factcheck.ingest.rst import prose
from factcheck.pipeline import claims_for, document_from_text
from factcheck.rulepack import load_rules

PAGE = """Limits
======

Requests time out after 30 seconds. See `the limits <https://example.com/v2/limits?max=100>`_
and :ref:`quota-42`.

.. note::
   :class: tip

   Uploads are capped at 5 GB.

.. code-block:: yaml

   timeout: 45
   retries: 9

Run this::

    curl -m 77 http://localhost:8080/

.. _limits-2024: https://example.com/2024/10

.. a comment with 12 in it
   and 13 here

The ``server.readTimeout`` option defaults to ``30s``; ``127.0.0.1`` is local.

+-------+-----+
| a     | 3   |
+-------+-----+
"""


def test_prose_blanks_what_is_not_prose_and_keeps_every_offset():
    out = prose(PAGE)
    assert len(out) == len(PAGE) and out.count("\n") == PAGE.count("\n")
    for gone in ("45", "retries", "77", "localhost", "2024", "12", "13", "quota", "v2/limits", "127.0.0.1",
                 ":class:", ".. note::", "======", "+-------+"):
        assert gone not in out, gone
    for kept in ("30 seconds", "Uploads are capped at 5 GB.", "``30s``", "the limits", "| a     | 3   |"):
        assert kept in out, kept


def test_claims_of_an_rst_page():
    doc = document_from_text(PAGE, doc_id="limits").model_copy(update={"path": "docs/limits.rst"})
    texts = [c.text for c in claims_for(doc, load_rules())]
    assert texts == ["30 seconds", "5 GB", "30s", "3"]


def test_an_rst_page_and_a_markdown_page_state_one_option(run, tmp_path):
    (tmp_path / "reference.rst").write_text("Options\n=======\n\nThe ``server.readTimeout`` option defaults to ``30s``.\n")
    (tmp_path / "guide.md").write_text("# Guide\n\nThe `--server.read-timeout` flag defaults to `60s`.\n")
    out = tmp_path / "r.json"
    code, _, err = run("check", tmp_path, "--no-cache", "--no-report", "--format", "json", "-o", out)
    assert code == 1, err
    [f] = [f for f in json.loads(out.read_text())["findings"] if f["kind"] == "conflict"]
    assert "reference.rst:4" in f["message"] and "guide.md:3" in f["message"]


def test_an_rst_definition_list_ties_each_default_to_its_term(run, tmp_path):
    (tmp_path / "ref.rst").write_text("Options\n=======\n\n``server.readTimeout``\n    How long to wait for a request. "
                                      "Default: ``30s``.\n\n``server.maxConns``\n    The most connections. Default: ``100``.\n")
    (tmp_path / "guide.md").write_text("# Guide\n\nThe `server.readTimeout` option defaults to `45s`; `server.maxConns` "
                                       "defaults to 100.\n")
    out = tmp_path / "r.json"
    run("check", tmp_path, "--no-cache", "--no-report", "--format", "json", "-o", out)
    findings = json.loads(out.read_text())["findings"]
    [f] = [f for f in findings if f["kind"] == "conflict"]
    assert f["message"].startswith("`server.readTimeout` default: 2 values") and "ref.rst:5" in f["message"]
    assert [f["kind"] for f in findings if "maxConns" in f["message"]] == ["agreement"]
