"""Report -> the factcheck/report@1 JSON object (sorted keys, stable across runs)."""
from __future__ import annotations

import json


def render_json(report) -> str:
    data = report.model_dump(mode="json", by_alias=True)
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"
