"""The same plan on a Dask cluster: the map over documents and the judging of blocks as tasks.

`factcheck check --engine dask [--scheduler ADDRESS]` (a LocalCluster of `--jobs`
worker processes when no address is given). The driver reads the files, owns the
cache, and groups documents into blocks from their names; workers extract
documents and judge blocks and send back the same strings a local worker process
does (`pipeline.extract_packed`, `pipeline.judge_part`), gathered in order, so the
report is the local engine's byte for byte. The rules go to every worker once.
"""
from __future__ import annotations

from .errors import InputError
from .pipeline import Mapped, extract_packed, judge_part

DOCS_PER_TASK = 64     # documents one extraction task reads: a task costs the scheduler about a millisecond
BLOCKS_PER_TASK = 16   # small blocks judged by one task
CONNECT_TIMEOUT = "30s"  # how long to try a --scheduler address


def _extract_many(docs, rules, framed: bool) -> list:
    return [extract_packed(d, rules, framed) for d in docs]


def _judge_many(parts, rules) -> list:
    """Blocks with their documents and extracted fields, judged one after another."""
    out = []
    for part, docs, fields in parts:
        extracted = {d: Mapped(docs[d], *f) for d, f in fields.items()}
        out.append(judge_part(part, docs, extracted, rules))
    return out


def _fields(m: Mapped) -> tuple:
    """What a worker needs of a document's map to rebuild it: the claims always encoded."""
    from .cache import encode
    return (m.count, m.blob if m.blob is not None else encode(m.claims()), m.wire, m.frames, m.names)


def _peak_rss_mb() -> int:
    """In a worker: the most memory its process has held, in MB."""
    import resource
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)


def _batches(items: list, size: int) -> list[list]:
    return [items[i:i + size] for i in range(0, len(items), size)]


class DaskEngine:
    """A Dask client for one check: `extract` and `judge` as `pipeline` calls them."""

    def __init__(self, scheduler: str | None = None, workers: int = 2):
        try:
            from distributed import Client, LocalCluster
        except ImportError:
            raise InputError("--engine dask needs Dask: pip install 'factcheck[dask]'") from None
        self.cluster = None
        try:
            if scheduler:
                self.client = Client(scheduler, timeout=CONNECT_TIMEOUT)
            else:
                # no dashboard: nothing listens beyond what the cluster itself needs
                self.cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                            dashboard_address=None, silence_logs=40)
                self.client = Client(self.cluster)
        except OSError as e:
            raise InputError(f"--scheduler {scheduler}: cannot reach the Dask scheduler ({e})") from None
        self._rules = None

    def _scattered(self, rules):
        if self._rules is None or self._rules[0] is not rules:
            self._rules = (rules, self.client.scatter(rules, broadcast=True, hash=False))
        return self._rules[1]

    def extract(self, docs: list, rules, framed: bool) -> list:
        """`pipeline.extract_packed` of each document, in order."""
        r = self._scattered(rules)
        futures = [self.client.submit(_extract_many, batch, r, framed, pure=False)
                   for batch in _batches(docs, DOCS_PER_TASK)]
        return self._in_order(futures)

    def judge(self, parts: list, by_id: dict, extracted: dict, rules) -> list:
        """`pipeline.judge_part` of each block, in order; each task gets its blocks' documents
        and extracted fields, nothing else."""
        r = self._scattered(rules)
        payload = []
        for block, links in parts:
            fields = {d: _fields(extracted[d]) for d in block}
            payload.append(((block, links), {d: by_id[d] for d in block}, fields))
        # one large block is one task; small ones share
        batches, batch, size = [], [], 0
        for item in payload:
            batch.append(item)
            size += len(item[0][0])
            if len(batch) >= BLOCKS_PER_TASK or size >= DOCS_PER_TASK:
                batches.append(batch)
                batch, size = [], 0
        if batch:
            batches.append(batch)
        futures = [self.client.submit(_judge_many, b, r, pure=False) for b in batches]
        return self._in_order(futures)

    def _in_order(self, futures: list) -> list:
        """The tasks' results, flattened in submission order. Each result is taken as soon as it
        is done and its future let go, so a worker holds a result only until the driver has it,
        not until the last task ends."""
        from distributed import as_completed

        index = {f.key: i for i, f in enumerate(futures)}
        parts: list = [None] * len(futures)
        done = as_completed(futures, with_results=True)
        futures.clear()
        for future, result in done:
            parts[index[future.key]] = result
            future.release()
        return [x for part in parts for x in part]

    def close(self, stats: dict | None = None) -> None:
        """Shut the client (and a local cluster) down; `stats` receives each worker's peak memory."""
        if stats is not None:
            peaks = self.client.run(_peak_rss_mb)
            stats["dask_workers"] = len(peaks)
            stats["dask_worker_peak_rss_mb"] = max(peaks.values(), default=0)
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
