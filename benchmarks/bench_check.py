"""`factcheck check` at scale: wall, CPU, peak RSS, claims per second and candidate pairs per document.

For each corpus size it generates the articles (corpus.py), then runs the real
command line in a fresh process three times: cold (empty cache), warm (nothing
changed) and with one file changed. Each run is `factcheck check CORPUS --jobs N
--format json -o report.json --no-report --fail-on never` through `_driver.py`,
which only records pipeline.check's stats (timings, cache hits, candidate pairs).
CPU time and peak RSS come from wait4 on the process, so they include the
extraction workers; peak RSS is that of the largest single process.

    python3 benchmarks/bench_check.py [--sizes 1000,10000] [--jobs 2] [--workdir DIR] [--json FILE]
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402
import docs_corpus  # noqa: E402
import news_shapes  # noqa: E402


def snapshot(workdir: Path, name: str = "code", without: tuple[str, ...] = ()) -> Path:
    """A copy of the package and rule packs that every run uses (less the packs `without` names).

    The cache key includes a digest of the extraction code, so an edit to the
    working tree between the cold and the warm run would make the warm run cold.
    """
    dest = workdir / name
    shutil.rmtree(dest, ignore_errors=True)
    shutil.copytree(ROOT / "factcheck", dest / "factcheck", ignore=shutil.ignore_patterns("__pycache__"))
    # The default packs are the package factcheck.packs (rules/, mapped in pyproject.toml): put
    # them where that import finds them, or the editable install's finder reads the live rules/.
    shutil.copytree(ROOT / "rules", dest / "factcheck" / "packs", ignore=shutil.ignore_patterns("__pycache__", *without))
    return dest


CODE = ROOT
# The docs tree is also checked without the option-key pack, in the same run, so the cost of
# reading option keys is a ratio of two runs on one machine at one time.
CODE_WITHOUT_KEYS = ROOT
KEYS_PACK = "config-docs.yaml"


def run_once(corpus_dir: Path, cwd: Path, jobs: int, *extra: str, timeout: float | None = None,
             code: Path | None = None) -> dict:
    """One `factcheck check` in a new process: wall, CPU, peak RSS, exit code and the pipeline's stats."""
    stats_file = cwd / "stats.json"
    stats_file.unlink(missing_ok=True)
    env = {**os.environ, "FACTCHECK_BENCH_STATS": str(stats_file),
           "PYTHONPATH": os.pathsep.join(filter(None, [str(code or CODE), os.environ.get("PYTHONPATH")]))}
    cmd = [sys.executable, str(HERE / "_driver.py"), "check", str(corpus_dir), "--jobs", str(jobs),
           "--format", "json", "-o", str(cwd / "report.json"), "--no-report", "--fail-on", "never", *ENGINE, *extra]
    t0 = time.perf_counter()
    err_file = cwd / "stderr.txt"
    with open(err_file, "wb") as err_fh:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=err_fh,
                                start_new_session=True)
        timed_out = False
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            if timeout and time.perf_counter() - t0 > timeout:
                os.killpg(proc.pid, signal.SIGKILL)     # the run and its extraction workers
                timed_out = True
                _, status, usage = os.wait4(proc.pid, 0)
                break
            time.sleep(0.05)
    wall = time.perf_counter() - t0
    err = err_file.read_text(encoding="utf-8", errors="replace")
    proc.returncode = os.waitstatus_to_exitcode(status)
    stats = json.loads(stats_file.read_text(encoding="utf-8")) if stats_file.exists() else {}
    out = {"wall_s": round(wall, 2), "cpu_s": round(usage.ru_utime + usage.ru_stime, 2),
           "peak_rss_mb": round(usage.ru_maxrss / 1024), "exit": proc.returncode, **stats}
    if timed_out:
        out["timed_out_after_s"] = timeout
    elif proc.returncode not in (0, 1):
        out["stderr"] = err[-2000:]
    return out


RUNS = ("cold", "warm", "one_changed", "no_cache")
ENGINE: list[str] = []   # extra `check` arguments for every run: ["--engine", "dask"]
SHAPES = ("news", "docs", *news_shapes.SHAPES)


def _corpus(shape: str, n: int, workdir: Path, seed: int) -> tuple[Path, dict, Path]:
    """The corpus of one shape and size (generated once per workdir), its counts and the file
    the one_changed run edits."""
    if shape == "docs":
        corpus_dir = workdir / f"docs-{n}-{seed}"
        if not (corpus_dir / "planted.jsonl").exists():
            shutil.rmtree(corpus_dir, ignore_errors=True)
            info = docs_corpus.generate(corpus_dir, n, seed)
        files = sorted(corpus_dir.rglob("*.md"))
    else:
        corpus_dir = workdir / (f"corpus-{n}-{seed}" if shape == "news" else f"{shape}-{n}-{seed}")
        if not (corpus_dir / "manifest.csv").exists():
            shutil.rmtree(corpus_dir, ignore_errors=True)
            (news_shapes.SHAPES.get(shape) or corpus.generate)(corpus_dir, n, seed)
        files = sorted(corpus_dir.glob("*.txt"))
    info = {"documents": len(files), "bytes": sum(f.stat().st_size for f in files)}
    return corpus_dir, info, files[0]


def bench_size(n: int, jobs: int, workdir: Path, seed: int, runs_wanted=RUNS, timeout: float | None = None,
               shape: str = "news") -> dict:
    corpus_dir, info, changed = _corpus(shape, n, workdir, seed)
    cwd = workdir / f"run-{shape}-{n}"
    shutil.rmtree(cwd, ignore_errors=True)
    cwd.mkdir(parents=True)
    runs = {}
    original = changed.read_bytes()
    wanted = [r for r in RUNS if r in runs_wanted]
    if shape == "docs" and "no_cache" in wanted:
        wanted.append("no_cache_without_keys")
    for name in wanted:
        print(f"[{shape} {n}] {name} ...", file=sys.stderr, flush=True)
        try:
            if name == "one_changed":
                changed.write_bytes(original + b"\nA correction: the figures above were revised to 1,250 on Monday.\n")
            runs[name] = run_once(corpus_dir, cwd, jobs, *(["--no-cache"] if name.startswith("no_cache") else []),
                                  timeout=timeout, code=CODE_WITHOUT_KEYS if name.endswith("without_keys") else None)
        finally:
            changed.write_bytes(original)
        print(f"[{shape} {n}] {name}: {runs[name]['wall_s']} s", file=sys.stderr, flush=True)
        if name == "cold" and (cwd / "report.json").exists():
            runs[name]["planted"] = planted_score(cwd / "report.json", corpus_dir)
    cold = runs.get("cold") or next(iter(runs.values()))
    docs = cold.get("documents") or info["documents"]
    out = {"shape": shape, "documents": docs, "bytes": info["bytes"], "jobs": jobs, "runs": runs,
           "claims": cold.get("claims"),
           "claims_per_s": round(cold["claims"] / cold["wall_s"]) if cold.get("claims") else None,
           "claims_per_cpu_s": round(cold["claims"] / cold["cpu_s"]) if cold.get("claims") else None,
           "candidate_pairs_per_doc": round(cold["candidate_pairs"] / docs, 1) if cold.get("candidate_pairs") is not None else None,
           "findings": cold.get("findings")}
    if "no_cache" in runs and "no_cache_without_keys" in runs:
        out["option_keys_cost"] = {k: round(runs["no_cache"][k] / runs["no_cache_without_keys"][k], 2)
                                   for k in ("wall_s", "cpu_s", "peak_rss_mb")}
    return out


def planted_score(report: Path, corpus_dir: Path) -> dict:
    """How the conflicts found meet the planted ones (planted.jsonl): articles whose changed fact
    is in a conflict, and conflicts that touch no article with a planted change (false or
    unplanned: the generator's stories are otherwise consistent)."""
    planted = [json.loads(line) for line in (corpus_dir / "planted.jsonl").read_text(encoding="utf-8").splitlines()]
    rep = json.loads(report.read_text(encoding="utf-8"))
    root = corpus_dir.resolve()
    doc_path = {d["id"]: d["path"] for d in rep["documents"]}   # report@2: a claim's path is its document's
    file_of = {c["id"]: Path(c.get("path", doc_path[c["doc"]])).resolve().relative_to(root).as_posix()
               for c in rep["claims"]}
    touched: set[str] = set()
    other = 0
    paths = {p["path"] for p in planted}
    for f in rep["findings"]:
        if f["kind"] != "conflict":
            continue
        files = {file_of[c] for c in f["claims"]}
        touched |= files
        other += not files & paths
    found = sum(p["path"] in touched for p in planted)
    return {"planted": len(planted), "found": found, "conflicts": sum(f["kind"] == "conflict" for f in rep["findings"]),
            "conflicts_touching_no_planted_article": other}


def help_time(repeat: int = 7) -> dict:
    """Median wall time of `factcheck --help` through the installed console script (no pyenv shim)."""
    script = Path(sys.executable).parent / "factcheck"
    cmd = [str(script), "--help"] if script.exists() else [sys.executable, "-m", "factcheck", "--help"]
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - t0)
    imports = subprocess.run([sys.executable, "-X", "importtime", "-m", "factcheck", "--help"],
                             capture_output=True, text=True).stderr
    return {"command": " ".join(cmd), "median_s": round(sorted(times)[len(times) // 2], 3),
            "imports_quantulum3": "quantulum3" in imports, "imports_pydantic": "pydantic" in imports}


TARGETS = {"cold_wall_s": 60, "warm_wall_s": 6, "one_changed_wall_s": 8, "peak_rss_mb": 1536, "help_s": 0.3}


def table(results: list[dict], helpt: dict | None) -> str:
    rows = [("shape", "docs", "MB", "run", "wall s", "CPU s", "peak RSS MB", "claims/s", "pairs/doc", "cache hits", "exit")]
    for r in results:
        for name, run in r["runs"].items():
            rate = round(run["claims"] / run["wall_s"]) if run.get("claims") else ""
            wall = f"{run['wall_s']:.1f}" + ("+ (killed)" if "timed_out_after_s" in run else "")
            rows.append((r.get("shape", "news"), str(r["documents"]), f"{r['bytes'] / 1e6:.1f}", name, wall,
                         f"{run['cpu_s']:.1f}", str(run["peak_rss_mb"]), str(rate),
                         f"{run['candidate_pairs'] / r['documents']:.1f}" if "candidate_pairs" in run else "",
                         str(run.get("cache_hits", "")), str(run["exit"])))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(c.rjust(w) for c, w in zip(row, widths)) for row in rows]
    for r in results:
        p = r["runs"].get("cold", {}).get("planted")
        if p:
            lines.append(f"{r.get('shape', 'news')} {r['documents']} documents: {p['conflicts']} conflicts; planted "
                         f"changes in conflict: {p['found']} of {p['planted']}; conflicts touching no planted "
                         f"document: {p['conflicts_touching_no_planted_article']}")
        for name, run in r["runs"].items():
            if "dask_worker_peak_rss_mb" in run:
                lines.append(f"{r.get('shape', 'news')} {r['documents']} {name}: {run['dask_workers']} Dask workers, "
                             f"peak RSS per worker {run['dask_worker_peak_rss_mb']} MB (the driver's is the table's)")
        if r.get("option_keys_cost"):
            k = r["option_keys_cost"]
            lines.append(f"docs {r['documents']} documents, uncached, with option keys / without: wall x{k['wall_s']}, "
                         f"CPU x{k['cpu_s']}, peak RSS x{k['peak_rss_mb']}")
    if helpt:
        lines.append(f"factcheck --help: {helpt['median_s']:.3f} s median ({helpt['command']}); "
                     f"imports quantulum3: {helpt['imports_quantulum3']}")
    lines.append("targets at 10,000 documents on 2 cores: cold <= 60 s, warm <= 6 s, one changed <= 8 s, "
                 "peak RSS <= 1.5 GB; --help < 0.3 s")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000", help="comma-separated corpus sizes (default 1000,10000)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--workdir", type=Path, help="where corpora and runs go (default: a temporary folder)")
    ap.add_argument("--json", type=Path, help="also write the results here")
    ap.add_argument("--runs", default=",".join(RUNS), help="which runs, of " + ",".join(RUNS))
    ap.add_argument("--timeout", type=float, default=1800, help="stop a run after this many seconds (default 1800)")
    ap.add_argument("--engine", choices=("local", "dask"), default="local",
                    help="check --engine: dask runs a local Dask cluster of --jobs workers (the dask extra)")
    ap.add_argument("--shapes", default="news", help="comma-separated corpus shapes, of " + ",".join(SHAPES) +
                    " (default news): generated news stories, one product's docs tree (docs_corpus.py), "
                    "wire copy reprinted ~150 times with changed facts, or one story told by every document "
                    "(news_shapes.py)")
    a = ap.parse_args(argv)
    if a.engine == "dask":
        ENGINE[:] = ["--engine", "dask"]
    from machine import machine
    global CODE, CODE_WITHOUT_KEYS
    tmp = None
    if a.workdir is None:
        tmp = tempfile.TemporaryDirectory(prefix="factcheck-bench-")
        a.workdir = Path(tmp.name)
    CODE = snapshot(a.workdir)
    shapes = a.shapes.split(",")
    if "docs" in shapes:
        CODE_WITHOUT_KEYS = snapshot(a.workdir, "code-without-keys", without=(KEYS_PACK,))
    try:
        results = [bench_size(int(n), a.jobs, a.workdir, a.seed, a.runs.split(","), a.timeout, shape)
                   for shape in shapes for n in a.sizes.split(",")]
    finally:
        if tmp:
            tmp.cleanup()
    helpt = help_time()
    out = {"machine": machine(), "help": helpt, "sizes": results, "targets": TARGETS}
    print(table(results, helpt))
    print(json.dumps(out, indent=1, sort_keys=True))
    if a.json:
        a.json.write_text(json.dumps(out, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
