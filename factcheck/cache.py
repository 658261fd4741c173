"""Extraction cache: an embedded SQLite store of each document's claims, so unchanged files are not re-extracted.

A row is keyed by everything extraction reads: the file's content hash, the
document's id, path, publication date and body start, the rule-pack digest, the
tool version and a digest of the extraction code itself (so an edited
extractor never serves stale claims during development). The value is the
document's claims as JSON with the wire format's keys, floats written in full
(the wire format rounds them to 9 places; a cached claim must equal a fresh one
exactly, or warm and cold runs could differ), with a checksum. A row is used only if its checksum holds, it parses into claims, and
every claim's text is the document's text at its offsets; anything else is a
miss, and the document is extracted again.

The file lives in `.factcheck-cache/` next to the config file (or in the
working directory). WAL mode and a busy timeout make two concurrent checks
safe: both may write the same row, with the same value. A file that is not a
factcheck cache, or not a database at all, is rebuilt with a warning.
"""
from __future__ import annotations

import datetime as dt
import gc
import hashlib
import json
import sqlite3
import sys
from pathlib import Path

from pydantic import BaseModel

FOLDER = ".factcheck-cache"
FILENAME = "claims.sqlite3"
SCHEMA = "factcheck/cache@1"
# Source files whose code decides what a document's claims are.
_CODE = ("extract/*.py", "normalise.py", "frames.py", "pipeline.py", "ingest.py", "intervals.py", "models.py")


def default_folder(cwd: Path | None = None) -> Path:
    """`.factcheck-cache/` next to the config file in force, else in the working directory."""
    from .config import find

    cwd = cwd or Path.cwd()
    found = find(cwd)
    return (found.parent if found else cwd) / FOLDER


_code_digest: str | None = None


def code_digest() -> str:
    """A digest of the extraction code and the tool version (read once per process)."""
    global _code_digest
    if _code_digest is None:
        from . import __version__

        h = hashlib.sha256(__version__.encode())
        root = Path(__file__).resolve().parent
        for pattern in _CODE:
            for p in sorted(root.glob(pattern)):
                h.update(p.name.encode() + b"\0" + p.read_bytes())
        _code_digest = h.hexdigest()[:16]
    return _code_digest


def doc_key(doc, rules_digest: str, stage: str = "claims") -> str:
    """The cache key of one document's claims under one rule set and this code.

    `stage` tells the claims `extract` writes ("claims") from those `check` reads,
    which carry their frames ("framed").
    """
    fields = (doc.sha256, doc.id, doc.path, str(doc.published), str(doc.body_start), rules_digest, code_digest(),
              stage)
    return hashlib.sha256("\x1f".join(fields).encode()).hexdigest()


def _plain(v):
    # Field values as JSON types without pydantic's serialisers (which round floats).
    if isinstance(v, BaseModel):
        return {k: _plain(x) for k, x in v.__dict__.items()}
    if isinstance(v, tuple):
        return [_plain(x) for x in v]
    if isinstance(v, dt.date):
        return v.isoformat()
    return v


def encode(claims) -> str:
    """Claims as the JSON stored in a row: wire-format keys, exact floats."""
    return json.dumps([_plain(c) for c in claims], ensure_ascii=False, separators=(",", ":"))


_adapter = None


def decode(blob: str) -> list:
    """Claims from a row's wire JSON (raises ValueError on anything malformed)."""
    global _adapter
    if _adapter is None:
        from pydantic import TypeAdapter

        from .models import Claim
        _adapter = TypeAdapter(list[Claim])
    return _adapter.validate_json(blob)


def _checksum(key: str, blob: str) -> str:
    return hashlib.sha256(key.encode() + b"\0" + blob.encode()).hexdigest()[:32]


def warn(message: str) -> None:
    print(f"factcheck: warning: {message}", file=sys.stderr)


class Cache:
    """One cache file; open with `Cache(folder)`, close with `close()` or a with-block."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self.path = self.folder / FILENAME
        self.hits = self.misses = self.rejected = 0
        self.db = self._open()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
            self.db = None

    def _open(self) -> sqlite3.Connection:
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            from .errors import InputError
            raise InputError(f"{self.folder}: cannot create the cache folder: {e.strerror or e}") from None
        try:
            return self._connect()
        except sqlite3.DatabaseError as e:
            warn(f"{self.path}: not a usable factcheck cache ({e}); rebuilding it")
            self._remove()
            return self._connect()

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            db.execute("PRAGMA busy_timeout = 30000")
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute("BEGIN IMMEDIATE")
            db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if row is None and tables == {"meta"}:
                db.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA,))
                db.execute("CREATE TABLE claims (key TEXT PRIMARY KEY, path TEXT NOT NULL, "
                           "checksum TEXT NOT NULL, claims TEXT NOT NULL)")
            elif row is None or row[0] != SCHEMA or "claims" not in tables:
                db.execute("ROLLBACK")
                raise sqlite3.DatabaseError(f"schema {row[0] if row else 'missing'!s}, expected {SCHEMA}")
            db.execute("COMMIT")
        except BaseException:
            db.close()
            raise
        return db

    def _remove(self) -> None:
        for suffix in ("", "-wal", "-shm"):
            p = self.path.with_name(self.path.name + suffix)
            try:
                p.unlink()
            except FileNotFoundError:
                pass

    def get_many(self, keys: dict[str, object]) -> dict[str, list]:
        """Cached claims for the documents under `keys` (key -> Document) that pass every check."""
        if not keys:
            return {}
        rows = {}
        wanted = list(keys)
        try:
            for i in range(0, len(wanted), 500):
                chunk = wanted[i:i + 500]
                q = f"SELECT key, checksum, claims FROM claims WHERE key IN ({','.join('?' * len(chunk))})"
                for key, checksum, blob in self.db.execute(q, chunk):
                    rows[key] = (checksum, blob)
        except sqlite3.DatabaseError as e:
            warn(f"{self.path}: cannot read the cache ({e}); extracting every document again")
            rows = {}
        out = {}
        collecting = gc.isenabled()
        gc.disable()    # decoding makes many objects and no cycles: scanning them is wasted time
        try:
            for key, doc in keys.items():
                if key not in rows:
                    continue
                checksum, blob = rows[key]
                claims = self._trusted(key, doc, checksum, blob)
                if claims is None:
                    self.rejected += 1
                    continue
                out[key] = claims
        finally:
            if collecting:
                gc.enable()
        self.hits += len(out)
        self.misses += len(keys) - len(out)
        if self.rejected:
            warn(f"{self.path}: {self.rejected} cached entr{'y' if self.rejected == 1 else 'ies'} "
                 f"failed verification and were extracted again")
        return out

    @staticmethod
    def _trusted(key: str, doc, checksum: str, blob: str) -> list | None:
        if _checksum(key, blob) != checksum:
            return None
        try:
            claims = decode(blob)
        except ValueError:
            return None
        text = doc.text
        for c in claims:
            if c.doc != doc.id or c.path != doc.path or text[c.start:c.end] != c.text:
                return None
        return claims

    def put_many(self, items: list[tuple[str, str, str]]) -> None:
        """Store (key, path, wire JSON) rows in one transaction."""
        if not items:
            return
        rows = [(k, p, _checksum(k, blob), blob) for k, p, blob in items]
        try:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.executemany("INSERT OR REPLACE INTO claims VALUES (?, ?, ?, ?)", rows)
            self.db.execute("COMMIT")
        except sqlite3.Error as e:
            # A cache that cannot be written costs speed, never results.
            try:
                self.db.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            warn(f"{self.path}: could not store extracted claims ({e})")

    def info(self) -> dict:
        n, size = self.db.execute("SELECT count(*), coalesce(sum(length(claims)), 0) FROM claims").fetchone()
        files = [self.path.with_name(self.path.name + s) for s in ("", "-wal", "-shm")]
        return {"path": str(self.path), "schema": SCHEMA, "documents": n, "claims_bytes": size,
                "file_bytes": sum(p.stat().st_size for p in files if p.exists())}

    def clear(self) -> int:
        """Remove every row; returns how many there were."""
        self.db.execute("BEGIN IMMEDIATE")
        n = self.db.execute("SELECT count(*) FROM claims").fetchone()[0]
        self.db.execute("DELETE FROM claims")
        self.db.execute("COMMIT")
        self.db.execute("VACUUM")
        return n
