"""Fit the pair model from annotated clusters, and measure it by leaving one cluster out.

    python -m factcheck.fit CLUSTER_DIR... -o rules/pairs.yaml
    python -m factcheck.fit CLUSTER_DIR... --loco --scorer PATH/score.py

A cluster is a folder of texts with a `gold.yaml` in the evaluation format (the
mentions with their spans, the relations an editor drew between them). Each
claim factcheck extracts is matched to the gold mention it overlaps; every
candidate pair of two documents' claims (`align.iter_candidate_pairs`) is one
training row, its `pairs.features` the inputs and "the gold links the two
mentions" (agree or conflict) the label. The model is an L2-regularised logistic
regression, each weight on the side of zero its feature's definition allows
(`pairs.DIRECTION`), fitted by Newton's method (numpy, needed only here: `pip
install numpy`). `--loco` fits on all clusters but one, judges the one left out with the
product's own engine, and scores it with the evaluation's scorer (`--scorer`,
its `score_cluster` and `summarise`): the figure that says how the model does on
text it has not seen.
"""
from __future__ import annotations

import argparse
import datetime as dt
import importlib.util
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from .align import comparable, copies, iter_candidate_pairs
from .engine import judge_block
from .frames import build_frames, lexicon
from .ingest import load_documents
from .models import Claim, Document
from .pairs import DIRECTION, FEATURES, Context, features
from .pipeline import claims_for
from .rulepack import PairModelSpec, Rules, default_pack_dir, load_rules, pack_files

L2 = 1.0          # penalty on the squared weights: shrinks what a few rows suggest towards 0
AGREE_AT = 0.5    # agreeing claims matched from "more likely one measure than not" (without --scorer)
# Disagreeing claims are compared when their words alone would make them one measure this
# surely (without --scorer; with it, both thresholds are chosen from these grids by leaving
# one cluster out, the F-measure for conflicts weighing precision double).
CONFLICT_AT = 0.7
AGREE_GRID = (0.25, 0.3, 0.35, 0.4, 0.45, 0.5)
CONFLICT_GRID = (0.5, 0.6, 0.7, 0.8, 0.9)
AGREE_F1_NOISE = 0.005   # agreement F1 this close is a tie: about five of the ~500 gold agreements
# Two values of one text are a contradiction only when their words are this sure: the gold holds
# no such pair to fit it on, and in real articles dense with figures (results, elections) 0.7
# let through 43 false contradictions in 106 conflicts.
SAME_TEXT_AT = 0.95
PACK_NAME = "pairs.yaml"   # the generated pack among the default ones


@dataclass
class Cluster:
    name: str
    folder: Path
    gold: dict
    docs: list[Document]
    claims: dict[str, list[Claim]]        # doc id -> framed claims
    mention_of: dict[str, str]            # claim id -> gold mention id


def load_cluster(folder: Path, rules: Rules) -> Cluster:
    """A gold cluster's documents, their framed claims, and which gold mention each claim is."""
    gold = yaml.safe_load((folder / "gold.yaml").read_text(encoding="utf-8"))
    gold["_dir"] = folder
    published = {(folder / d["path"]).as_posix(): d.get("published") for d in gold["documents"]}
    docs = [d.model_copy(update={"published": _day(published[d.path])})
            for d in load_documents(list(published))]
    claims = {d.id: build_frames(d, claims_for(d, rules), rules) for d in docs}
    stem_of = {str(d["id"]): Path(d["path"]).stem for d in gold["documents"]}
    mentions: dict[str, list[dict]] = {}
    for m in gold.get("mentions") or []:
        mentions.setdefault(stem_of[str(m["doc"])], []).append(m)
    mention_of: dict[str, str] = {}
    used: set[str] = set()
    for doc_id, cs in claims.items():   # as the scorer matches them: largest overlap, each mention once
        for c in cs:
            cands = [m for m in mentions.get(doc_id, []) if m["start"] < c.end and c.start < m["end"]
                     and m["id"] not in used]
            if cands:
                m = max(cands, key=lambda m: min(m["end"], c.end) - max(m["start"], c.start))
                used.add(m["id"])
                mention_of[c.id] = m["id"]
    return Cluster(folder.name, folder, gold, docs, claims, mention_of)


def _day(value) -> dt.date | None:
    return dt.date.fromisoformat(value[:10]) if isinstance(value, str) else value


def linked(cluster: Cluster) -> set[frozenset]:
    """The gold's pairs of mentions of two documents that measure one thing (agree or conflict)."""
    doc = {m["id"]: m["doc"] for m in cluster.gold.get("mentions") or []}
    return {frozenset((r["a"], r["b"])) for r in cluster.gold.get("relations") or []
            if "a" in r and doc[r["a"]] != doc[r["b"]]}


def rows(cluster: Cluster, rules: Rules) -> tuple[list[dict[str, float]], list[int], int]:
    """(features, labels) of every candidate pair of two documents' claims, and how many gold
    links the candidates missed."""
    claims = [c for d in cluster.docs for c in cluster.claims[d.id]]
    cx = Context(claims, {d.id: d for d in cluster.docs}, lexicon(rules))
    gold = linked(cluster)
    xs, ys, found = [], [], set()
    for a, b in iter_candidate_pairs(claims, None, copies(claims, cx.docs)):
        if a.doc == b.doc or not comparable(a, b):   # as align judges them: two texts' claims
            continue
        key = frozenset((cluster.mention_of.get(a.id, "?a"), cluster.mention_of.get(b.id, "?b")))
        xs.append(features(a, b, cx))
        ys.append(int(key in gold))
        if key in gold:
            found.add(key)
    return xs, ys, len(gold - found)


def fit(xs: list[dict[str, float]], ys: list[int], l2: float = L2) -> tuple[float, dict[str, float]]:
    """L2-regularised logistic regression, each weight kept on the side of zero its feature's
    `pairs.DIRECTION` allows, by projected Newton steps: (intercept, weights by feature).

    A weight held at zero, whose gradient would push it across, stays out of the step (the
    active set); the others take a Newton step, projected back onto the allowed sides, halved
    until the loss falls."""
    import numpy as np   # NOTE: fitting only; judging needs no numpy

    names = list(FEATURES)
    X = np.array([[1.0] + [x.get(n, 0.0) for n in names] for x in xs])
    y = np.array(ys, dtype=float)
    side = np.array([0.0] + [float(DIRECTION.get(n, 0)) for n in names])   # 0: either sign
    penalty = np.full(X.shape[1], l2)
    penalty[0] = 0.0                       # the intercept is not shrunk

    def loss(w):
        z = np.clip(X @ w, -30, 30)
        return float(np.sum(np.logaddexp(0.0, z) - y * z) + 0.5 * np.sum(penalty * w * w))

    w = np.zeros(X.shape[1])
    for _ in range(200):
        p = 1.0 / (1.0 + np.exp(-np.clip(X @ w, -30, 30)))
        grad = X.T @ (p - y) + penalty * w
        hess = (X * (p * (1 - p))[:, None]).T @ X + np.diag(penalty) + 1e-9 * np.eye(X.shape[1])
        held = (side != 0) & (side * w <= 0) & (side * grad > 0)
        free = ~held
        step = np.zeros_like(w)
        step[free] = np.linalg.solve(hess[np.ix_(free, free)], grad[free])
        t, before = 1.0, loss(w)
        while True:
            new = w - t * step
            new[held | (side * new < 0)] = 0.0
            if loss(new) <= before + 1e-12 or t < 1e-6:
                break
            t /= 2
        done = np.max(np.abs(new - w)) < 1e-9
        w = new
        if done:
            break
    return float(w[0]), {n: float(v) for n, v in zip(names, w[1:])}


def spec_of(intercept: float, weights: dict[str, float], clusters: list[str], agree_at: float,
            conflict_at: float, same_text_at: float = SAME_TEXT_AT) -> PairModelSpec:
    return PairModelSpec(intercept=round(intercept, 4), weights={k: round(v, 4) for k, v in weights.items()},
                         agree_at=agree_at, conflict_at=conflict_at, same_text_at=same_text_at,
                         fitted_on=tuple(clusters))


def write_pack(path: Path, spec: PairModelSpec, command: str) -> None:
    """The fitted model as a rule pack, headed by the command that wrote it."""
    lines = [
        "# Generated: the pair model's weights, fitted on annotated clusters. Do not edit by hand;",
        f"# refit with: {command}",
        "# Each weight is the change in the log-odds that two claims are one measure when the",
        "# feature is present (factcheck/pairs.py FEATURES says what each one is).",
        "pack: pairs",
        "description: The fitted pair model (logistic regression over named pair features).",
        "pair_model:",
        f"  intercept: {spec.intercept}",
        f"  agree_at: {spec.agree_at}",
        f"  conflict_at: {spec.conflict_at}",
        f"  same_text_at: {spec.same_text_at}",
        f"  fitted_on: [{', '.join(spec.fitted_on)}]",
        "  weights:",
    ]
    lines += [f"    {k}: {v}" for k, v in spec.weights.items()]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def report_of(cluster: Cluster, rules: Rules) -> dict:
    """The engine's findings on one cluster as the JSON report's fields the scorer reads."""
    by_id = {d.id: d for d in cluster.docs}
    findings = judge_block(by_id, dict(cluster.claims), None, rules)
    return {
        "documents": [{"id": d.id, "path": d.path} for d in cluster.docs],
        "claims": [{"id": c.id, "doc": c.doc, "start": c.start, "end": c.end, "value": c.value.model_dump(mode="json")}
                   for cs in cluster.claims.values() for c in cs],
        "findings": [{"id": f.id, "kind": f.kind, "relation": f.relation, "claims": list(f.claims)} for f in findings],
    }


def _scorer(path: Path):
    spec = importlib.util.spec_from_file_location("factcheck_eval_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _figures(s: dict) -> str:
    return (f"conflicts P {s['conflict_precision']:.3f} R {s['conflict_recall']:.3f} F1 {s['conflict_f1']:.3f} "
            f"({s['conflict_counts']['tp']}/{s['conflict_counts']['fp']}/{s['conflict_counts']['fn']}) | "
            f"agreements P {s['agree_precision']:.3f} R {s['agree_recall']:.3f} F1 {s['agree_f1']:.3f} "
            f"({s['agree_counts']['tp']}/{s['agree_counts']['fp']}/{s['agree_counts']['fn']})")


@dataclass
class Bench:
    """The annotated clusters loaded once, their training rows, and how to score a model on them."""
    clusters: dict[str, Cluster]
    data: dict[str, tuple[list, list, int]]
    base: Rules
    scorer: object | None
    l2: float = L2

    def fitted(self, names: list[str], agree_at: float, conflict_at: float) -> PairModelSpec:
        xs = [x for n in names for x in self.data[n][0]]
        ys = [y for n in names for y in self.data[n][1]]
        return spec_of(*fit(xs, ys, self.l2), names, agree_at, conflict_at)

    def score(self, name: str, spec: PairModelSpec) -> dict:
        c = self.clusters[name]
        return self.scorer.score_cluster(c.gold, report_of(c, self.base.model_copy(update={"pair_model": spec})))

    def left_out(self, names: list[str], agree_at: float, conflict_at: float, choose: bool = False) -> list[dict]:
        """Each cluster scored by a model fitted on the others (thresholds chosen on the others too)."""
        out = []
        for n in names:
            rest = [o for o in names if o != n]
            if choose:
                agree_at, conflict_at = self.choose(rest)
            out.append(self.score(n, self.fitted(rest, agree_at, conflict_at)))
        return out

    def choose(self, names: list[str]) -> tuple[float, float]:
        """The thresholds that score best when each of these clusters is left out in turn:
        agree_at for agreement F1, then conflict_at for conflict F0.5 (precision counts double)."""
        weights = {n: fit([x for o in names if o != n for x in self.data[o][0]],
                          [y for o in names if o != n for y in self.data[o][1]], self.l2) for n in names}

        def summary(agree_at: float, conflict_at: float) -> dict:
            return self.scorer.summarise([self.score(n, spec_of(*weights[n], [], agree_at, conflict_at))
                                          for n in names])
        at = {t: summary(t, CONFLICT_AT) for t in AGREE_GRID}
        best = max(s["agree_f1"] for s in at.values())
        # Bars within noise of the best agreement F1 swap places with any small change of the
        # model; among them, the one whose matching lets the conflicts score best (an agreeing
        # pair takes a claim's partner before a disagreeing one can), each with the conflict
        # bar it would get, then the strictest.
        options = {}
        for t in (t for t in AGREE_GRID if at[t]["agree_f1"] >= best - AGREE_F1_NOISE):
            counts = {u: (at[t] if u == CONFLICT_AT else summary(t, u))["conflict_counts"] for u in CONFLICT_GRID}
            u = strictest_within_one(counts)
            options[t] = (round(_f_half_of(**counts[u]), 6), u)
        agree_at = max(options, key=lambda t: (options[t][0], t))
        return agree_at, options[agree_at][1]


def _f_half_of(tp: int, fp: int, fn: int) -> float:
    """Conflict F0.5, precision weighed double: 1.25 P R / (0.25 P + R), in counts."""
    return 1.25 * tp / (1.25 * tp + 0.25 * fn + fp) if tp else 0.0


def strictest_within_one(counts: dict[float, dict]) -> float:
    """The highest bar whose conflict F0.5 is within one conflict of the best: that would
    reach the best F0.5 had it found one true conflict more. On a few dozen annotated
    conflicts a smaller difference is noise, and a false conflict costs a reader more
    than a missed one, so among such bars the strictest is taken."""
    best = max(_f_half_of(c["tp"], c["fp"], c["fn"]) for c in counts.values())
    return max(t for t, c in counts.items()
               if _f_half_of(c["tp"] + 1, c["fp"], max(c["fn"] - 1, 0)) >= best - 1e-9)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(prog="python -m factcheck.fit", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("clusters", nargs="+", type=Path, help="cluster folders (with gold.yaml), or folders of them")
    ap.add_argument("-o", "--output", type=Path, help="write the model fitted on every cluster to this pack")
    ap.add_argument("--loco", action="store_true", help="leave one cluster out: fit on the rest, score it")
    ap.add_argument("--scorer", type=Path, help="the evaluation's score.py: for --loco, the training figure, "
                    "and to choose the thresholds by leaving one cluster out (unless they are given)")
    ap.add_argument("--l2", type=float, default=L2)
    ap.add_argument("--agree-at", type=float, help=f"default: chosen with --scorer, else {AGREE_AT}")
    ap.add_argument("--conflict-at", type=float, help=f"default: chosen with --scorer, else {CONFLICT_AT}")
    a = ap.parse_args(argv)
    dirs = []
    for c in a.clusters:
        dirs += [c] if (c / "gold.yaml").exists() else sorted(p.parent for p in c.glob("*/gold.yaml"))
    # The packs without the fitted model: a refit never depends on the model it replaces.
    base = load_rules([p for p in pack_files(default_pack_dir()) if p.name != PACK_NAME], default=False)
    clusters = {d.name: load_cluster(d, base) for d in dirs}
    bench = Bench(clusters, {n: rows(c, base) for n, c in clusters.items()}, base,
                  _scorer(a.scorer) if a.scorer else None, a.l2)
    missed = sum(m for _, _, m in bench.data.values())
    total = sum(len(linked(c)) for c in clusters.values())
    print(f"{len(clusters)} clusters, {sum(len(x) for x, _, _ in bench.data.values())} candidate pairs, "
          f"{total - missed} of {total} gold links among the candidates", file=sys.stderr)
    names = list(clusters)
    given = a.agree_at is not None and a.conflict_at is not None
    if bench.scorer and not given:
        chosen = bench.choose(names)
    else:
        chosen = (AGREE_AT, CONFLICT_AT)
    agree_at = chosen[0] if a.agree_at is None else a.agree_at
    conflict_at = chosen[1] if a.conflict_at is None else a.conflict_at
    everything = bench.fitted(names, agree_at, conflict_at)
    if a.output:
        cmd = "python -m factcheck.fit " + " ".join(str(d) for d in a.clusters) + f" -o {a.output} --l2 {a.l2}" + \
            (f" --scorer {a.scorer}" if a.scorer else "") + \
            "".join(f" --{k} {v}" for k, v in (("agree-at", a.agree_at), ("conflict-at", a.conflict_at)) if v is not None)
        write_pack(a.output, everything, cmd)
        print(f"wrote {a.output} (agree_at {agree_at}, conflict_at {conflict_at})", file=sys.stderr)
    if bench.scorer:
        train = bench.scorer.summarise([bench.score(n, everything) for n in names])
        print(f"fitted on all {len(names)}:      {_figures(train)}")
        if a.loco:
            held = bench.left_out(names, agree_at, conflict_at, choose=not given)
            print(f"leave one cluster out: {_figures(bench.scorer.summarise(held))}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
