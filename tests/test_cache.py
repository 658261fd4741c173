"""The extraction cache: exact round trips, hits and misses, rebuilt when corrupt or foreign, never trusted blindly."""
from __future__ import annotations

import datetime as dt
import multiprocessing
import sqlite3
from pathlib import Path

import pytest

from factcheck import cache as cache_mod
from factcheck.cache import Cache, decode, doc_key, encode
from factcheck.cli import main
from factcheck.pipeline import claims_for, document_from_text, extract_all
from factcheck.rulepack import load_rules

TEXTS = {
    "a": "About 34,600 Japanese died after Soviet troops entered in August 1945. The 42.2 km course ran past 3 towns.",
    "b": "The talks lasted a little less than two hours on Friday, and 43% of the 1,200 delegates voted.",
    "c": "Some 21,000 others are believed to be buried in the North, 13,000 fewer than in 1910-1945.",
}


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def docs():
    return [document_from_text(t, dt.date(2012, 8, 10), doc_id=k) for k, t in TEXTS.items()]


def test_encode_decode_is_exact(rules):
    # 42.2 km read to half a tenth gives 42.150000000000006 as a bound: the cache keeps
    # every float as it is, where the wire format rounds to 9 places.
    for d in docs():
        claims = claims_for(d, rules)
        assert claims
        assert decode(encode(claims)) == claims
    course = [c for c in claims_for(docs()[0], rules) if c.text == "42.2 km"][0]
    assert course.interval.low != 42.15
    assert decode(f"[{course.model_dump_json()}]")[0] != course   # the rounded wire form would not do


def test_cold_then_warm_then_one_changed(tmp_path, rules):
    ds = docs()
    with Cache(tmp_path) as c:
        cold, err = extract_all(ds, rules, jobs=1, cache=c)
        assert err == {} and (c.hits, c.misses) == (0, 3)
    with Cache(tmp_path) as c:
        warm, _ = extract_all(ds, rules, jobs=1, cache=c)
        assert (c.hits, c.misses) == (3, 0)
    assert warm == cold
    changed = [ds[0], document_from_text(TEXTS["b"] + " Five more came.", dt.date(2012, 8, 10), "b"), ds[2]]
    with Cache(tmp_path) as c:
        again, _ = extract_all(changed, rules, jobs=1, cache=c)
        assert (c.hits, c.misses) == (2, 1)
    assert again["b"] == claims_for(changed[1], rules)
    assert again["a"] == cold["a"]


def test_key_covers_what_extraction_reads(rules):
    d = docs()[0]
    base = doc_key(d, rules.digest)
    assert doc_key(d, rules.digest) == base
    assert doc_key(d, "another-pack") != base
    assert doc_key(d.model_copy(update={"published": dt.date(2013, 1, 1)}), rules.digest) != base
    assert doc_key(d.model_copy(update={"path": "elsewhere.txt"}), rules.digest) != base
    assert doc_key(d.model_copy(update={"sha256": "0" * 64}), rules.digest) != base


def test_garbage_file_is_rebuilt_with_a_warning(tmp_path, rules, capsys):
    (tmp_path / cache_mod.FILENAME).write_bytes(b"this is not a database at all" * 100)
    with Cache(tmp_path) as c:
        out, _ = extract_all(docs(), rules, jobs=1, cache=c)
        assert c.misses == 3
    assert "rebuilding it" in capsys.readouterr().err
    assert out["a"] == claims_for(docs()[0], rules)
    with Cache(tmp_path) as c:
        assert c.info()["documents"] == 3


def test_foreign_database_is_rebuilt(tmp_path, capsys):
    db = sqlite3.connect(tmp_path / cache_mod.FILENAME)
    db.execute("CREATE TABLE claims (x)")
    db.execute("INSERT INTO claims VALUES (1)")
    db.commit()
    db.close()
    with Cache(tmp_path) as c:
        assert c.info()["documents"] == 0
    assert "not a usable factcheck cache" in capsys.readouterr().err


def test_a_cache_held_by_another_run_is_waited_for_then_gone_without_never_deleted(tmp_path, monkeypatch, capsys):
    from factcheck.pipeline import check
    with Cache(tmp_path / "cache") as c:    # a cache with one row in it, then held by "another run"
        extract_all(docs()[:1], load_rules(), jobs=1, cache=c)
    holder = sqlite3.connect(tmp_path / "cache" / cache_mod.FILENAME, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr(cache_mod, "BUSY_SECONDS", 0.2)
    (tmp_path / "a.txt").write_text(TEXTS["a"])
    report = check([tmp_path / "a.txt"], cache=tmp_path / "cache")
    assert report.summary["claims"] > 0
    assert "cannot use the cache (database is locked); checking without it" in capsys.readouterr().err
    holder.execute("ROLLBACK")
    holder.close()
    with Cache(tmp_path / "cache") as c:   # still there, row and all
        assert c.info()["documents"] == 1


def test_a_file_where_the_cache_folder_should_be_means_no_cache_not_no_check(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".factcheck-cache").write_text("not a folder")
    (tmp_path / "a.txt").write_text(TEXTS["a"])
    assert main(["check", "a.txt", "--no-report"]) == 0
    err = capsys.readouterr().err
    assert "cannot create the cache folder" in err and "checking without it" in err
    assert (tmp_path / ".factcheck-cache").read_text() == "not a folder"


def test_a_cache_folder_it_makes_is_left_out_of_git_one_it_finds_is_left_alone(tmp_path):
    # a pre-commit hook or CI job that runs in a checkout must not leave files git sees changed
    made = tmp_path / "new" / ".factcheck-cache"
    with Cache(made):
        pass
    assert (made / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    mine = tmp_path / "mine"
    mine.mkdir()
    with Cache(mine):
        pass
    assert not (mine / ".gitignore").exists()


def test_tampered_rows_are_not_trusted(tmp_path, rules, capsys):
    ds = docs()
    with Cache(tmp_path) as c:
        fresh, _ = extract_all(ds, rules, jobs=1, cache=c)
    db = sqlite3.connect(tmp_path / cache_mod.FILENAME)
    key_a, key_b = doc_key(ds[0], rules.digest), doc_key(ds[1], rules.digest)
    # a: bytes changed under the checksum; b: a consistent row whose claims do not fit b's text.
    db.execute("UPDATE claims SET claims = X'00' || substr(claims, 2) WHERE key = ?", (key_a,))
    wrong = cache_mod.pack(encode(fresh["c"]).replace('"doc":"c"', '"doc":"b"').replace('"path":"<c>"', '"path":"<b>"'))
    count, wire, frames, names = db.execute("SELECT count, wire, frames, names FROM claims WHERE key = ?",
                                            (key_b,)).fetchone()
    db.execute("UPDATE claims SET count = ?, claims = ?, checksum = ? WHERE key = ?",
               (len(fresh["c"]), wrong,
                cache_mod._checksum((tmp_path / cache_mod.SECRET).read_bytes(), key_b, str(len(fresh["c"])), wrong,
                                    wire, frames, names), key_b))
    db.commit()
    db.close()
    with Cache(tmp_path) as c:
        again, _ = extract_all(ds, rules, jobs=1, cache=c)
        assert (c.hits, c.misses, c.rejected) == (1, 2, 2)
    assert again == fresh
    assert "2 cached entries failed verification" in capsys.readouterr().err


def test_a_row_signed_without_the_caches_secret_is_not_trusted(tmp_path, rules, capsys):
    # An edit that hides a conflict: b's stored claims replaced by a's, and the row's checksum
    # recomputed the only way one can without the secret (here with a guessed key). Rejected.
    ds = docs()
    with Cache(tmp_path) as c:
        fresh, _ = extract_all(ds, rules, jobs=1, cache=c)
    assert oct((tmp_path / cache_mod.SECRET).stat().st_mode & 0o777) == "0o600"
    db = sqlite3.connect(tmp_path / cache_mod.FILENAME)
    key_b = doc_key(ds[1], rules.digest)
    count, blob, wire, frames, names = db.execute(
        "SELECT count, claims, wire, frames, names FROM claims WHERE key = ?", (key_b,)).fetchone()
    forged = cache_mod._checksum(b"\0" * 32, key_b, str(count), blob, wire, frames, names)
    db.execute("UPDATE claims SET checksum = ? WHERE key = ?", (forged, key_b))
    db.commit()
    db.close()
    with Cache(tmp_path) as c:
        extract_all(ds, rules, jobs=1, cache=c)
        assert (c.hits, c.rejected) == (2, 1)
    assert "1 cached entry failed verification" in capsys.readouterr().err
    # a cache folder that lost its secret makes a new one: every old row is redone, none trusted
    (tmp_path / cache_mod.SECRET).unlink()
    with Cache(tmp_path) as c:
        extract_all(ds, rules, jobs=1, cache=c)
        assert (c.hits, c.rejected) == (0, 3)


def _worker(folder: str, rounds: int) -> int:
    rules = load_rules()
    for _ in range(rounds):
        with Cache(Path(folder)) as c:
            out, err = extract_all(docs(), rules, jobs=1, cache=c)
            assert not err and len(out) == 3
    return 0


def test_two_checks_at_once(tmp_path):
    ctx = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
    procs = [ctx.Process(target=_worker, args=(str(tmp_path), 5)) for _ in range(2)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0, 0]
    with Cache(tmp_path) as c:
        assert c.info()["documents"] == 3


def test_cli_cache_info_and_clear(tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    assert main(["cache", "info"]) == 0
    assert capsys.readouterr().out.endswith(": no cache yet\n")
    assert not (tmp_path / ".factcheck-cache").exists()
    (tmp_path / "news").mkdir()
    (tmp_path / "news" / "a.txt").write_text(TEXTS["a"], encoding="utf-8")
    assert main(["extract", "news"]) == 0
    capsys.readouterr()
    assert main(["cache", "info"]) == 0
    out = capsys.readouterr().out
    assert f"path: {tmp_path / '.factcheck-cache' / cache_mod.FILENAME}" in out
    assert "documents: 1\n" in out and "judged blocks: 0\n" in out
    assert main(["check", "news", "--no-report", "--fail-on", "never"]) == 0
    capsys.readouterr()
    assert main(["cache", "info"]) == 0
    out = capsys.readouterr().out
    assert "documents: 1\n" in out and "judged blocks: 1\n" in out
    assert main(["cache", "clear"]) == 0
    assert "removed 1 document\n" in capsys.readouterr().out
    assert main(["extract", "news", "--no-cache"]) == 0
    capsys.readouterr()
    main(["cache", "info"])
    assert "documents: 0\n" in capsys.readouterr().out


def test_cache_folder_sits_next_to_the_config(tmp_path, monkeypatch):
    (tmp_path / ".factcheck.toml").write_text("", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    assert cache_mod.default_folder() == tmp_path / ".factcheck-cache"


def _relative_imports(path: Path) -> set[Path]:
    """The package's modules that a module imports (relative imports, at any depth of the file)."""
    import ast

    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = path.parent
            for _ in range(node.level - 1):
                base = base.parent
            target = base.joinpath(*node.module.split(".")) if node.module else base
            for name in ([None] if node.module else [a.name for a in node.names]):
                mod = target / name if name else target
                found |= {p for p in (mod.with_suffix(".py"), mod / "__init__.py") if p.exists()}
    return found


@pytest.mark.parametrize("stage, starts", [("_CODE", ["frames.py", "normalise.py", "extractors/__init__.py"]),
                                           ("_ENGINE", ["engine.py"])])
def test_every_module_a_stage_runs_is_in_its_digest(stage, starts):
    # A module the digest leaves out could change what a stage finds while the cache still
    # served the old result. (errors.py holds exception classes, which decide no finding.)
    import fnmatch

    import factcheck
    from factcheck import cache

    root = Path(factcheck.__file__).parent
    seen, todo = set(), [root / s for s in starts]
    while todo:
        p = todo.pop()
        if p not in seen:
            seen.add(p)
            todo += _relative_imports(p)
    names = {p.relative_to(root).as_posix() for p in seen} - {"errors.py"}
    patterns = getattr(cache, stage)
    assert sorted(n for n in names if not any(fnmatch.fnmatch(n, pat) for pat in patterns)) == []
