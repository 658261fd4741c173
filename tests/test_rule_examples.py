"""Every rule's examples are documentation the tests run: `fire` must raise the rule's finding, `silent` must not."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from factcheck.engine import find_findings
from factcheck.pipeline import claims_for, document_from_text
from factcheck.rulepack import load_rules

# FC401 checks facts a pack states; the examples use the test pack that states one.
RULES = load_rules([Path(__file__).parent / "cases" / "rules" / "history.yaml"])
PUBLISHED = dt.date(2025, 6, 2)


def _findings(texts: list[str]):
    docs = [document_from_text(t, PUBLISHED, doc_id=f"doc{i}") for i, t in enumerate(texts)]
    claims = [c for d in docs for c in claims_for(d, RULES)]
    return find_findings(docs, claims, RULES)[1]


def test_every_rule_has_examples():
    for rule in RULES.rules:
        assert rule.examples.get("fire") and rule.examples.get("silent"), f"{rule.id} needs fire and silent examples"


@pytest.mark.parametrize("rule,texts", [(r.id, t) for r in RULES.rules for t in r.examples.get("fire", [])])
def test_fire(rule, texts):
    assert any(f.rule == rule and f.kind == "conflict" for f in _findings(texts))


@pytest.mark.parametrize("rule,texts", [(r.id, t) for r in RULES.rules for t in r.examples.get("silent", [])])
def test_silent(rule, texts):
    assert not any(f.rule == rule and f.kind == "conflict" for f in _findings(texts))
