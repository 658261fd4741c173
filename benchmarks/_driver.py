"""Runs `factcheck` exactly as the console script does, and writes pipeline.check's stats to $FACTCHECK_BENCH_STATS."""
from __future__ import annotations

import functools
import json
import os
import sys

from factcheck import cli, pipeline

_real = pipeline.check


@functools.wraps(_real)
def _check(*args, **kwargs):
    stats: dict = {}
    report = _real(*args, stats=stats, **kwargs)
    with open(os.environ["FACTCHECK_BENCH_STATS"], "w", encoding="utf-8") as fh:
        json.dump({**stats, **{k: v for k, v in report.summary.items() if k != "errors"}}, fh)
    return report


pipeline.check = _check

if __name__ == "__main__":
    sys.exit(cli.main(sys.argv[1:]))
