"""Incremental cache: an embedded SQLite store of each document's claims and each block's findings,
so unchanged files are not re-extracted and unchanged stories are not judged again.

A row is keyed by everything extraction reads: the file's content hash, the
document's id, path, publication date and body start, the rule-pack digest, the
tool version and a digest of the extraction code itself (so an edited
extractor never serves stale claims during development). The value is the
document's claims as JSON with the wire format's keys, floats written in full
(the wire format rounds them to 9 places; a cached claim must equal a fresh one
exactly, or warm and cold runs could differ), the same claims as the lines a
JSON report prints, their frames and the names the frames found (the JSON
zlib-compressed: `pack`), all under an HMAC that binds them to the key, signed with the
cache's own secret (a file beside the database, made on first use and readable by its owner
only). A row whose checksum fails — edited by hand, written by another tool, or crafted to
hide a conflict — is a miss and the document is extracted again. `extract` also decodes the
claims and requires each to quote the document's text at its offsets; `check` keeps them as text
and decodes only the claims of blocks it judges (or that a renderer reads as
objects), so a warm check over 10,000 files does not build 150,000 objects.

A block (`align.blocks`) is a story: its findings depend on its documents, its
links, the rules and the engine code, and on nothing else, so they are stored
under a key of exactly those (`block_key`) and reused while it holds.

The file lives in `.factcheck-cache/` next to the config file (or in the
working directory). WAL mode and a busy timeout make two concurrent checks
safe: both may write the same row, with the same value. A file that is not a
factcheck cache, or not a database at all, is rebuilt with a warning; one held by another
run past BUSY_SECONDS, or that cannot be written, is left alone and the run goes without it.
"""
from __future__ import annotations

import datetime as dt
import gc
import hashlib
import hmac
import json
import os
import secrets
import sqlite3
import sys
import time
import zlib
from pathlib import Path

from pydantic import BaseModel

from .models import Claim, Finding, Frame, list_adapter

FOLDER = ".factcheck-cache"
FILENAME = "claims.sqlite3"
SCHEMA = "factcheck/cache@4"
PLANS_KEPT = 8   # corpora whose blocks are kept (a plan packs to 3-11 bytes a document: 28-113 KB at 10,000)
# Source files whose code (and word lists) decide what a document's claims are, and what a
# block's findings are.
_CODE = ("extractors/*.py", "extractors/dates/*.py", "language/*.py", "language/*.yaml", "normalise.py", "frames.py",
         "keys.py", "lookahead.py", "pipeline.py", "ingest/*.py", "intervals.py", "models.py", "units.py", "yamldata.py",
         "rulepack.py", "pairs.py", "render/json.py")
# Each set holds every module its stage imports (tests/test_cache.py checks): an edited module
# outside it would have the cache serve what the old code found.
_ENGINE = ("align.py", "engine.py", "frames.py", "keys.py", "lookahead.py", "intervals.py", "normalise.py", "models.py",
           "pairs.py", "rulepack.py", "units.py", "extractors/mention.py", "ingest/*.py", "language/*.py",
           "language/*.yaml", "yamldata.py")


def default_folder(cwd: Path | None = None) -> Path:
    """`.factcheck-cache/` next to the config file in force, else in the working directory."""
    from .config import find

    cwd = cwd or Path.cwd()
    found = find(cwd)
    return (found.parent if found else cwd) / FOLDER


_digests: dict[tuple[str, ...], str] = {}


def _digest_of(patterns: tuple[str, ...]) -> str:
    """A digest of the source files matching patterns and the tool version (read once per process)."""
    if patterns not in _digests:
        from . import __version__

        h = hashlib.sha256(__version__.encode())
        root = Path(__file__).resolve().parent
        for pattern in patterns:
            for p in sorted(root.glob(pattern)):
                h.update(p.name.encode() + b"\0" + p.read_bytes())
        _digests[patterns] = h.hexdigest()[:16]
    return _digests[patterns]


def code_digest() -> str:
    """A digest of the extraction code and the tool version."""
    return _digest_of(_CODE)


def engine_digest() -> str:
    """A digest of the code that judges a block (alignment and the rules) and the tool version."""
    return _digest_of(_ENGINE)


def block_key(doc_keys: list[str], links: dict[str, set[str]] | None, rules_digest: str) -> str:
    """The cache key of one block's findings: its documents' keys (in block order), its links
    (a name's rarity depends on the whole corpus), the rules and the engine code."""
    h = hashlib.sha256(f"{engine_digest()}\x1f{rules_digest}".encode())
    for k in doc_keys:
        h.update(b"\x1f" + k.encode())
    h.update(b"\x1e" + (b"*" if links is None else
                         json.dumps({d: sorted(v) for d, v in sorted(links.items())}).encode()))
    return h.hexdigest()


def plan_key(doc_keys: list[tuple[str, str]], rules_digest: str) -> str:
    """The cache key of a corpus's blocks: (document id, `doc_key`) of every document with
    claims, in order. Their names decide the links, and the links and keys the blocks."""
    h = hashlib.sha256(f"plan\x1f{engine_digest()}\x1f{rules_digest}".encode())
    for d, k in doc_keys:
        h.update(b"\x1f" + d.encode() + b"\x1e" + k.encode())
    return h.hexdigest()


def doc_key(doc, rules_digest: str, stage: str = "claims") -> str:
    """The cache key of one document's claims under one rule set and this code.

    `stage` tells the claims `extract` writes ("claims") from those `check` reads,
    which carry their frames ("framed").
    """
    fields = (doc.sha256, doc.id, doc.path, str(doc.published), str(doc.body_start), rules_digest, code_digest(),
              stage)
    return hashlib.sha256("\x1f".join(fields).encode()).hexdigest()


def _plain(v):
    # What json cannot write itself, as JSON types, without pydantic's serialisers (which round
    # floats): a record as its fields (json then writes those, coming back here for nested
    # records), a date or a time of day as ISO text.
    if isinstance(v, BaseModel):
        return v.__dict__
    if isinstance(v, (dt.date, dt.time)):
        return v.isoformat()
    raise TypeError(f"cannot store {type(v).__name__}")


def encode(items) -> str:
    """Claims, frames or findings as the JSON stored in a row: field names as keys, floats exact
    (infinities kept), where pydantic's wire format rounds."""
    return json.dumps([x.__dict__ if isinstance(x, BaseModel) else x for x in items], default=_plain,
                      ensure_ascii=False, separators=(",", ":"))


def decode(blob: str | bytes) -> list:
    """Claims from a row's JSON, packed or not (raises ValueError on anything malformed)."""
    return list_adapter(Claim).validate_json(unpack(blob))


def decode_frames(blob: str | bytes) -> list:
    """Frames from a row's JSON, packed or not, one per claim in order."""
    return list_adapter(Frame).validate_json(unpack(blob))


def decode_findings(blob: str | bytes) -> list:
    """Findings from a row's JSON, packed or not (json.loads: it reads the infinities encode keeps)."""
    return list_adapter(Finding).validate_python(json.loads(unpack(blob)))


def pack(text: str | bytes) -> bytes:
    """A row's JSON as stored: UTF-8, zlib-compressed (JSON shrinks about sixfold, and a warm
    check reads every row: 30 MB of disk, not 200 MB, for 10,000 articles)."""
    return text if isinstance(text, bytes) else zlib.compress(text.encode("utf-8"), 1)


def unpack(value: str | bytes) -> bytes:
    """The UTF-8 JSON of a packed value (or of text not packed yet)."""
    return zlib.decompress(value) if isinstance(value, bytes) else value.encode("utf-8")


def _checksum(secret: bytes, key: str, *blobs: str | bytes) -> str:
    """An HMAC of a row under the cache's own secret: a row edited or written by anything that
    does not hold the secret (a hand edit, another tool, a crafted file) fails it."""
    h = hmac.new(secret, key.encode(), hashlib.sha256)
    for b in blobs:
        h.update(b"\0" + (b if isinstance(b, bytes) else b.encode()))
    return h.hexdigest()[:32]


SECRET = "secret"   # the file beside the database holding the key its rows are signed with


def _secret(folder: Path) -> bytes:
    """The cache's signing key, made on first use: 32 random bytes, readable by its owner only.
    A cache folder copied without it (or with another) has rows that fail and are redone.
    Written whole to a temporary file and linked into place, so a run that starts at the same
    moment reads the whole key or makes its own and finds this one already there."""
    path = folder / SECRET
    if not path.exists():
        _place(path, replace=False)
    key = path.read_bytes()
    if len(key) != 32:   # edited or cut short: a new key, and the rows signed with the old fail
        _place(path, replace=True)
        key = path.read_bytes()
    return key


def _place(path: Path, replace: bool) -> None:
    tmp = path.with_name(f".{SECRET}-{os.getpid()}-{secrets.token_hex(4)}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(secrets.token_bytes(32))
        if replace:
            os.replace(tmp, path)
        else:
            try:
                os.link(tmp, path)
            except FileExistsError:
                pass   # another run placed its key first: that one is the cache's
            except OSError:   # a file system without hard links: a rename, which a race may repeat
                os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def _ignore_in_git(folder: Path) -> None:
    """A folder the cache made tells git to leave it out, as pytest's and ruff's caches do: in a
    pre-commit hook or a CI checkout, a cache that git sees is a file the check changed. Only a
    folder made here: one the user named and had already is theirs to keep as it is."""
    try:
        (folder / ".gitignore").write_text("# made by factcheck: its cache is no part of a repository\n*\n",
                                           encoding="utf-8")
    except OSError:
        pass   # the cache works without it


def warn(message: str) -> None:
    print(f"factcheck: warning: {message}", file=sys.stderr)


BUSY_SECONDS = 30   # how long a run waits for another run's hold on the cache before going without it


class Unavailable(Exception):
    """The cache cannot be used this run (its folder, a lock held by another run, a read-only
    file): the run goes on without it, as --no-cache would."""


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
        """The connection; Unavailable when this run must go without the cache. Only a file
        that is not a cache of this schema is deleted: one that is busy (another run holds
        its lock past the wait) or cannot be written is another process's or the user's."""
        made = not self.folder.exists()
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise Unavailable(f"{self.folder}: cannot create the cache folder ({e.strerror or e})") from None
        if made:
            _ignore_in_git(self.folder)
        try:
            self.secret = _secret(self.folder)
        except OSError as e:
            raise Unavailable(f"{self.folder / SECRET}: cannot read or make the cache's key "
                              f"({e.strerror or e})") from None
        try:
            return self._connect_when_free()
        except sqlite3.OperationalError as e:   # locked, busy, read-only, cannot open: not corrupt
            raise Unavailable(f"{self.path}: cannot use the cache ({e})") from None
        except sqlite3.DatabaseError as e:
            warn(f"{self.path}: not a usable factcheck cache ({e}); rebuilding it")
        try:
            self._remove()
            return self._connect()
        except (OSError, sqlite3.DatabaseError) as e:
            raise Unavailable(f"{self.path}: cannot rebuild the cache ({getattr(e, 'strerror', None) or e})") from None

    def _connect_when_free(self) -> sqlite3.Connection:
        """_connect, tried again while another run holds the file, up to BUSY_SECONDS. SQLite's
        busy timeout does not cover switching a new file to WAL while a second run opens it
        too: that fails at once with "database is locked" (two first runs at the same moment)."""
        deadline = time.monotonic() + BUSY_SECONDS
        while True:
            try:
                return self._connect()
            except sqlite3.OperationalError as e:
                if "locked" not in str(e) and "busy" not in str(e) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=BUSY_SECONDS, isolation_level=None)
        try:
            db.execute(f"PRAGMA busy_timeout = {int(BUSY_SECONDS * 1000)}")
            db.execute("PRAGMA journal_mode = WAL")
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute("BEGIN IMMEDIATE")
            db.execute("CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
            row = db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            if row is None and tables == {"meta"}:
                db.execute("INSERT INTO meta VALUES ('schema', ?)", (SCHEMA,))
                db.execute("CREATE TABLE claims (key TEXT PRIMARY KEY, path TEXT NOT NULL, checksum TEXT NOT NULL, "
                           "count INTEGER NOT NULL, claims BLOB NOT NULL, wire BLOB NOT NULL, "
                           "frames BLOB NOT NULL, names TEXT NOT NULL)")
                db.execute("CREATE TABLE blocks (key TEXT PRIMARY KEY, checksum TEXT NOT NULL, "
                           "findings BLOB NOT NULL, stats TEXT NOT NULL)")
            elif row is None or row[0] != SCHEMA or not {"claims", "blocks"} <= tables:
                db.execute("ROLLBACK")
                raise sqlite3.DatabaseError(f"schema {row[0] if row else 'missing'!s}, expected {SCHEMA}")
            # Added within the schema: a cache without it gains it, and an older reader ignores it.
            db.execute("CREATE TABLE IF NOT EXISTS plans (key TEXT PRIMARY KEY, checksum TEXT NOT NULL, "
                       "plan BLOB NOT NULL)")
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

    def get_many(self, keys: dict[str, object], verify: bool = True) -> dict[str, tuple]:
        """Cached (count, claims JSON, report lines, frames JSON, names, claims or None) for the
        documents under `keys` (key -> Document) whose row passes every check.

        A row is used when its checksum holds. With `verify` its claims are also decoded
        and each must quote the document's text at its offsets; without, they stay JSON
        (a warm `check` decodes only the claims of blocks it judges, and splices the
        report lines into the report as they are)."""
        if not keys:
            return {}
        rows = {}
        wanted = list(keys)
        try:
            for i in range(0, len(wanted), 500):
                chunk = wanted[i:i + 500]
                # As bytes whatever was stored: a mangled value is a row that fails its checksum,
                # not a column that cannot be read (and with it the whole cache).
                q = (f"SELECT key, CAST(checksum AS BLOB), count, CAST(claims AS BLOB), CAST(wire AS BLOB), "
                     f"CAST(frames AS BLOB), CAST(names AS BLOB) FROM claims "
                     f"WHERE key IN ({','.join('?' * len(chunk))})")
                for key, *row in self.db.execute(q, chunk):
                    rows[key] = row
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
                got = self._trusted(key, doc, verify, *rows[key])
                if got is None:
                    self.rejected += 1
                    continue
                out[key] = got
        finally:
            if collecting:
                gc.enable()
        self.hits += len(out)
        self.misses += len(keys) - len(out)
        if self.rejected:
            warn(f"{self.path}: {self.rejected} cached entr{'y' if self.rejected == 1 else 'ies'} "
                 f"failed verification and were extracted again")
        return out

    def _trusted(self, key: str, doc, verify: bool, checksum: bytes, count: int, blob: bytes, wire: bytes,
                 frames: bytes, names: bytes):
        if not hmac.compare_digest(_checksum(self.secret, key, str(count), blob, wire, frames, names).encode(),
                                   checksum):
            return None
        try:
            names_ = tuple(json.loads(names))
            claims = decode(blob) if verify else None
        except (ValueError, zlib.error):
            return None
        if claims is not None:
            text = doc.text
            if len(claims) != count:
                return None
            for c in claims:
                if c.doc != doc.id or c.path != doc.path or text[c.start:c.end] != c.text:
                    return None
        return count, blob, wire, frames, names_, claims

    def put_many(self, items: list[tuple[str, str, int, str, str, str, str]]) -> None:
        """Store (key, path, count, claims JSON, report lines, frames JSON, names JSON) rows in one transaction."""
        rows = []
        for k, p, n, blob, wire, frames, names in items:
            blob, wire, frames = pack(blob), pack(wire), pack(frames)
            rows.append((k, p, _checksum(self.secret, k, str(n), blob, wire, frames, names), n, blob, wire, frames,
                         names))
        self._put("INSERT OR REPLACE INTO claims VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows, "extracted claims")

    def get_blocks(self, keys: list[str]) -> dict[str, tuple[str, str]]:
        """Cached (findings JSON, stats JSON) of judged blocks whose checksum holds."""
        out = {}
        try:
            for i in range(0, len(keys), 500):
                chunk = keys[i:i + 500]
                q = (f"SELECT key, CAST(checksum AS BLOB), CAST(findings AS BLOB), CAST(stats AS BLOB) "
                     f"FROM blocks WHERE key IN ({','.join('?' * len(chunk))})")
                for key, checksum, findings, stats in self.db.execute(q, chunk):
                    if hmac.compare_digest(_checksum(self.secret, key, findings, stats).encode(), checksum):
                        out[key] = (findings, stats)
        except sqlite3.DatabaseError as e:
            warn(f"{self.path}: cannot read the cache ({e}); judging every block again")
            return {}
        return out

    def put_blocks(self, items: list[tuple[str, str, str]]) -> None:
        """Store (key, findings JSON (packed or not), stats JSON) rows in one transaction."""
        rows = [(k, pack(f), st) for k, f, st in items]
        self._put("INSERT OR REPLACE INTO blocks VALUES (?, ?, ?, ?)",
                  [(k, _checksum(self.secret, k, f, st), f, st) for k, f, st in rows], "judged blocks")

    def get_plan(self, key: str) -> list | None:
        """The blocks stored under a `plan_key`: [[block key, [document ids]], ...], or None."""
        try:
            row = self.db.execute("SELECT CAST(checksum AS BLOB), CAST(plan AS BLOB) FROM plans WHERE key = ?",
                                  (key,)).fetchone()
        except sqlite3.DatabaseError as e:
            warn(f"{self.path}: cannot read the cache ({e}); linking the documents again")
            return None
        if row is None or not hmac.compare_digest(_checksum(self.secret, key, row[1]).encode(), row[0]):
            return None
        try:
            plan = json.loads(unpack(row[1]))
        except (ValueError, zlib.error):
            return None
        return plan if isinstance(plan, list) else None

    def put_plan(self, key: str, plan: list) -> None:
        """Store a corpus's blocks; only the PLANS_KEPT latest stay (each corpus checked from
        this folder keeps its own, and a corpus that changed has a new one)."""
        blob = pack(json.dumps(plan, separators=(",", ":")))
        self._put("INSERT OR REPLACE INTO plans VALUES (?, ?, ?)", [(key, _checksum(self.secret, key, blob), blob)],
                  "the documents' blocks")
        self._put("DELETE FROM plans WHERE rowid NOT IN (SELECT rowid FROM plans ORDER BY rowid DESC LIMIT ?)",
                  [(PLANS_KEPT,)], "the documents' blocks")

    def _put(self, sql: str, rows: list[tuple], what: str) -> None:
        if not rows:
            return
        try:
            self.db.execute("BEGIN IMMEDIATE")
            self.db.executemany(sql, rows)
            self.db.execute("COMMIT")
        except sqlite3.Error as e:
            # A cache that cannot be written costs speed, never results.
            try:
                self.db.execute("ROLLBACK")
            except sqlite3.Error:
                pass
            warn(f"{self.path}: could not store {what} ({e})")

    def info(self) -> dict:
        # A document has a row for `extract` and one for `check` (with frames): count files.
        n, size = self.db.execute("SELECT count(DISTINCT path), coalesce(sum(length(claims)), 0) FROM claims").fetchone()
        blocks = self.db.execute("SELECT count(*) FROM blocks").fetchone()[0]
        files = [self.path.with_name(self.path.name + s) for s in ("", "-wal", "-shm")]
        return {"path": str(self.path), "schema": SCHEMA, "documents": n, "blocks": blocks, "claims_bytes": size,
                "file_bytes": sum(p.stat().st_size for p in files if p.exists())}

    def clear(self) -> int:
        """Remove every row; returns how many there were."""
        self.db.execute("BEGIN IMMEDIATE")
        n = self.db.execute("SELECT count(DISTINCT path) FROM claims").fetchone()[0]
        self.db.execute("DELETE FROM claims")
        self.db.execute("DELETE FROM blocks")
        self.db.execute("DELETE FROM plans")
        self.db.execute("COMMIT")
        self.db.execute("VACUUM")
        return n
