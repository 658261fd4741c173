"""Rules stage: apply rules to aligned claim pairs and documents -> Findings."""
from __future__ import annotations


def find_findings(docs, claims, rules):
    return []
