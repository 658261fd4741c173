"""Every benchmark in one command: extraction speed, then `check` at scale; prints tables and writes one JSON file.

    python3 benchmarks/run.py                    # 1,000 and 10,000 documents, about 15 minutes
    python3 benchmarks/run.py --sizes 200,1000   # a quicker look
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

import bench_check  # noqa: E402
import bench_extract  # noqa: E402
from machine import machine  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--workdir", type=Path)
    ap.add_argument("--json", type=Path, default=HERE / "results.json", help="default: benchmarks/results.json")
    a = ap.parse_args(argv)
    ex = bench_extract.run()
    print(bench_extract.table(ex), flush=True)
    args = ["--sizes", a.sizes, "--jobs", str(a.jobs)] + (["--workdir", str(a.workdir)] if a.workdir else [])
    ck_json = HERE / ".check.json"
    bench_check.main([*args, "--json", str(ck_json)])
    ck = json.loads(ck_json.read_text(encoding="utf-8"))
    ck_json.unlink()
    out = {"machine": machine(), "extract": ex, "check": {k: v for k, v in ck.items() if k != "machine"}}
    a.json.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {a.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
