"""Report -> the factcheck/report@1 JSON object (keys in the models' declared order, stable across runs)."""
from __future__ import annotations


def render_json(report) -> str:
    # pydantic's own serialiser: several times faster than model_dump + json.dumps, and it
    # never holds the whole report as Python objects (a 10,000-article report is 100+ MB).
    return report.model_dump_json(by_alias=True, indent=1) + "\n"
