"""Ingest stage: files and folders -> Documents, text kept byte-exact, metadata from front matter or a manifest."""
from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import json
import os
import re
import stat
import subprocess
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import regex
import yaml

from ..errors import InputError
from ..models import Document
from ..yamldata import NoAliases

TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".mdx", ".rst", ".rest", ".text", ".html", ".htm", ".pdf", ".jsonl",
                 ".ndjson")
MANIFEST_NAMES = ("manifest.csv", "manifest.jsonl")
MANIFEST_KEYS = ("path", "published", "title", "source")
MANIFEST_ALIASES = {"date": "published"}   # as front matter reads `date:` for `published:`


@dataclass(frozen=True)
class Meta:
    published: dt.date | None = None
    title: str | None = None
    source: str | None = None


def _date(value, where: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = str(value).strip()
    try:   # a day, or a moment of one ("2024-01-01T09:30:00Z"); "2024-01-01garbage" is neither
        return dt.datetime.fromisoformat(text).date() if len(text) > 10 else dt.date.fromisoformat(text)
    except ValueError:
        if regex.fullmatch(r"\d{4}-\d{2}-\d{2}", text[:10]):
            try:
                dt.date.fromisoformat(text[:10])
            except ValueError as bad:   # the right shape, an impossible day
                raise InputError(f"{where}: published date {text!r} does not exist ({bad})") from None
        raise InputError(f"{where}: published date {text!r} is not an ISO date (YYYY-MM-DD)") from None


def read_manifest(path: Path) -> dict[str, Meta]:
    """Manifest rows keyed by resolved document path, a string (CSV with a header, or JSON Lines)."""
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot read manifest: {e.strerror or e}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise InputError(f"{path}: manifest is not UTF-8 (byte {e.start})") from None
    base = str(path.resolve().parent)
    rows: list[tuple[int, dict]] = []
    if path.suffix.lower() in (".jsonl", ".ndjson", ".json"):
        for n, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                raise InputError(f"{path}:{n}: invalid JSON: {e.msg} (column {e.colno})") from None
            except RecursionError:
                raise InputError(f"{path}:{n}: invalid manifest row: nested too deeply") from None
            if not isinstance(obj, dict):
                raise InputError(f"{path}:{n}: each line must be a JSON object")
            obj = {MANIFEST_ALIASES.get(k, k): v for k, v in obj.items()}
            unknown = set(obj) - set(MANIFEST_KEYS)
            if unknown:
                raise InputError(f"{path}:{n}: unknown key {sorted(unknown)[0]!r} (expected {', '.join(MANIFEST_KEYS)})")
            rows.append((n, obj))
    else:
        from .dump import csv_table

        if not text.strip():
            raise InputError(f"{path}:1: manifest is empty; expected a header {','.join(MANIFEST_KEYS)}")
        try:
            header, records = csv_table(text)
            header = [MANIFEST_ALIASES.get(h.strip(), h.strip()) for h in header]
            if "path" not in header or set(header) - set(MANIFEST_KEYS):
                raise InputError(f"{path}:1: manifest header must be {','.join(MANIFEST_KEYS)} "
                                 f"(got {','.join(header)})")
            rows += [(n, dict(zip(header, row))) for n, row in records]
        except ValueError as e:   # "LINE: why" from the CSV reader
            raise InputError(f"{path}:{e}") from None
    out: dict[str, Meta] = {}
    for n, r in rows:
        where = f"{path}:{n}"
        p = str(r.get("path") or "").strip()
        if not p:
            raise InputError(f"{where}: missing path")
        full = _realpath(os.path.join(base, p))
        if full in out:
            raise InputError(f"{where}: {p} is listed twice")
        out[full] = Meta(_date(r.get("published"), where), _text(r, "title", where), _text(r, "source", where))
    return out


def _text(row: dict, key: str, where: str) -> str | None:
    """A manifest row's title or source: text, a number read as its digits, or none."""
    value = row.get(key)
    if value is None or value == "":
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise InputError(f"{where}: {key} must be a string")
    return unicode_text(str(value), f"{where}: {key}")


def unicode_text(value: str, what: str) -> str:
    """The value, if it is text a report can be written in: JSON's "\\ud800" escape makes a
    string no UTF-8 file can hold, which would fail only when the report is written."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as e:
        raise InputError(f"{what} holds an unpaired surrogate ({value[e.start]!r}), which is not text") from None
    return value


_FRONT = regex.compile(r"\A(?:\ufeff)?---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|\Z)", regex.S)


class _FrontMatter(NoAliases):
    """safe_load without aliases (a 553-byte "billion laughs" once cost 49 s and 3 GB when its
    title was read). Timestamps stay strings, for `_date` to read: YAML's own reader raises a
    bare ValueError on "2025-02-30"."""
    within = "front matter"


_FrontMatter.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))


def _tabs_as_spaces(block: str):
    """Front matter read again with its tabs as two spaces; None if it is still not YAML."""
    try:
        return yaml.load(block.replace("\t", "  "), Loader=_FrontMatter) or {}
    except yaml.YAMLError:
        return None


# The keys site generators keep a page's date under, most explicit first: Hugo's `publishDate`,
# Astro's `pubDate`, Nanoc's `created_at`, and the `date` of Jekyll, Hugo and most others.
PUBLISHED_KEYS = ("published", "publishDate", "pubDate", "date", "created_at", "created")
# A post named by its day, as blog generators name posts ("2023-09-01-promcon-schedule.md").
_DATED_NAME = regex.compile(r"((?:19|20)\d\d-[01]\d-[0-3]\d)[-_]")


def dated_name(path: Path) -> dt.date | None:
    """The day a file's name opens with, when it is named as blog posts are; None otherwise."""
    m = _DATED_NAME.match(path.name)
    if not m:
        return None
    try:
        return dt.date.fromisoformat(m.group(1))
    except ValueError:
        return None


def front_matter(text: str, label: str) -> tuple[Meta, int]:
    """YAML front matter (published/date, title, source) and where the body starts."""
    m = _FRONT.match(text)
    if not m:
        return Meta(), 0
    block = m.group(1) or ""
    try:
        data = yaml.load(block, Loader=_FrontMatter) or {}
    except yaml.YAMLError as e:
        # site generators read tab-indented front matter that YAML itself refuses
        data = _tabs_as_spaces(block) if "\t" in block else None
        if data is None:
            mark = getattr(e, "problem_mark", None)
            where = f"{label}:{mark.line + 2}" if mark else label
            raise InputError(f"{where}: invalid YAML front matter: {getattr(e, 'problem', e)}") from None
    if not isinstance(data, dict):
        return Meta(), 0
    published = next((data[k] for k in PUBLISHED_KEYS if data.get(k) is not None), None)
    title, source = data.get("title"), data.get("source")
    where = f"{label}:front matter"
    return Meta(_date(published, where),
                unicode_text(str(title), f"{where}: title") if title is not None else None,
                unicode_text(str(source), f"{where}: source") if source is not None else None), m.end()


MAX_FILE_MB = 20.0   # one file larger than this is left out unless the user raises the limit:
#                      a book is 1-2 MB, and a 50 MB file once took 5 GB to extract


def _read_bytes(path: Path, max_mb: float) -> bytes:
    try:
        size = path.stat().st_size
        if size > max_mb * 2 ** 20:
            raise InputError(f"{path}: {size / 2 ** 20:.3g} MB is over the {max_mb:g} MB limit for one file "
                             f"(raise it with --max-file-size)")
        return path.read_bytes()
    except OSError as e:
        raise InputError(f"{path}: cannot read: {e.strerror or e}") from None


def read_text(path: Path, max_mb: float = MAX_FILE_MB) -> str:
    """The file's text, exactly as stored (no newline translation); InputError if not UTF-8 text
    (or UTF-16 with its byte-order mark), or larger than max_mb megabytes."""
    raw = _read_bytes(path, max_mb)
    if raw[:2] in (b"\xff\xfe", b"\xfe\xff"):   # UTF-16 says so with its byte-order mark
        try:
            return raw.decode("utf-16")
        except UnicodeDecodeError as e:
            raise InputError(f"{path}: not valid UTF-16 (byte offset {e.start})") from None
    if b"\x00" in raw[:8192]:
        raise InputError(f"{path}: binary file (NUL byte at offset {raw.index(0)}), expected UTF-8 text")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as e:
        line = raw[: e.start].count(b"\n") + 1
        raise InputError(f"{path}:{line}: not valid UTF-8 (byte 0x{raw[e.start]:02x} at offset {e.start})") from None


def read_pdf(path: Path, max_mb: float = MAX_FILE_MB) -> tuple[str, Meta]:
    """A PDF's text (`pdf.read`) and its own date and title; InputError if it cannot be read."""
    from . import pdf

    raw = _read_bytes(path, max_mb)
    try:
        text, published, title = pdf.read(path, raw)
    except ValueError as e:
        raise InputError(f"{path}: {e}") from None
    return text, Meta(published, title)


def discover(paths: list[str | Path], exclude: tuple[str, ...] = (),
             skipped: list[tuple[str, str]] | None = None,
             others: Counter | None = None) -> tuple[list[Path], list[Path]]:
    """Document files under the given paths (folders recursively) and manifests found in those folders.

    In a folder, only regular files inside it are read: a symbolic link to a file outside
    the folder (a CI checkout's `.git/config` holds its token) and FIFOs or devices are left
    out, each added to `skipped` as (path, why). As git and ripgrep do, a folder's walk leaves
    out what git ignores and hidden, package and virtual-environment folders (`SKIP_DIRS`),
    without a note: no one expects them read. A file or folder named directly is read
    wherever it is, as long as it is a regular file. Files of other types in a folder are
    counted by suffix in `others` (".docx" -> 2), so that none goes unmentioned.
    """
    files, manifests = [], []
    for p in paths:
        p = Path(p)
        if not p.exists():
            raise InputError(f"{p}: no such file or directory")
        if p.is_dir():
            for name in MANIFEST_NAMES:
                if (p / name).is_file():
                    manifests.append(p / name)
            inside = os.path.realpath(p)
            ignored = git_ignored(p)
            for root, dirs, names in _walk(p):
                dirs[:] = sorted(d for d in dirs if not _skip_dir(Path(root) / d, ignored))
                for n in sorted(names):
                    f = Path(root) / n
                    if ignored and _realpath(f) in ignored:
                        continue
                    if f.suffix.lower() not in TEXT_SUFFIXES:
                        if others is not None and n not in MANIFEST_NAMES:
                            others[f.suffix.lower() or "(no extension)"] += 1
                        continue
                    if n not in MANIFEST_NAMES and not any(f.match(g) for g in exclude):
                        why = _not_here(f, inside)
                        if why is None:
                            files.append(f)
                        elif skipped is not None:
                            skipped.append((f.as_posix(), why))
        else:
            if not stat.S_ISREG(p.stat().st_mode):
                raise InputError(f"{p}: not a regular file (a pipe, socket or device is never read)")
            files.append(p)
    seen, unique = set(), []
    for f in files:
        r = _realpath(f)
        if r not in seen:
            seen.add(r)
            unique.append(f)
    return unique, manifests


def _walk(top):
    """os.walk, top-down, without following links to folders, as a loop: os.walk recurses once a
    level, and a tree 1,000 folders deep is a RecursionError. The caller may prune `dirs`."""
    stack = [os.fspath(top)]
    while stack:
        root = stack.pop()
        try:
            with os.scandir(root) as it:
                entries = list(it)
        except OSError:
            continue   # as os.walk does: a folder that cannot be listed has nothing to read
        dirs, names = [], []
        for e in entries:
            try:
                is_dir = e.is_dir()
            except OSError:
                is_dir = False
            (dirs if is_dir else names).append(e.name)
        yield root, dirs, names
        for d in reversed(dirs):
            path = os.path.join(root, d)
            if not os.path.islink(path):
                stack.append(path)


# Folders no one means to check when they name the folder above them: installed packages,
# caches, a virtual environment's (told by its pyvenv.cfg). Hidden folders (.git) likewise.
SKIP_DIRS = frozenset(("node_modules", "__pycache__", "site-packages", "bower_components"))


def _skip_dir(d: Path, ignored: set[str]) -> bool:
    if d.name.startswith(".") or d.name in SKIP_DIRS or (d / "pyvenv.cfg").is_file():
        return True
    return bool(ignored) and _realpath(d) in ignored


def git_ignored(folder: Path) -> set[str]:
    """Real paths of the files and folders under `folder` that git ignores (.gitignore,
    .git/info/exclude, the global excludes), as git itself reads them; empty outside a work
    tree, without git, or when the folder itself is ignored (naming it is asking for it)."""
    try:
        out = subprocess.run(["git", "-C", str(folder), "ls-files", "-z", "--others", "--ignored",
                              "--exclude-standard", "--directory", "--", "."],
                             capture_output=True, timeout=120, stdin=subprocess.DEVNULL)
    except (OSError, subprocess.SubprocessError):
        return set()
    if out.returncode != 0:
        return set()
    rels = [r for r in out.stdout.decode("utf-8", "surrogateescape").split("\0") if r]
    if "./" in rels:
        return set()
    return {os.path.realpath(os.path.join(folder, r.rstrip("/"))) for r in rels}


def _not_here(f: Path, inside: str) -> str | None:
    """Why a file found in the folder `inside` (a real path) is not read, or None to read it."""
    if os.path.islink(f):
        target = os.path.realpath(f)
        if os.path.exists(target) and not target.startswith(inside.rstrip(os.sep) + os.sep):
            return "a symbolic link to a file outside the folder; name the file itself to check it"
    try:
        mode = f.stat().st_mode
    except OSError:
        return None   # a broken link or a vanished file: reading it says what is wrong
    if not stat.S_ISREG(mode):
        return "not a regular file (a pipe, socket or device is never read)"
    return None


_REAL_DIRS: dict[str, str] = {}


def _realpath(path) -> str:
    """os.path.realpath, resolving each folder once: a corpus is many files in few folders."""
    path = os.path.abspath(path)
    head, name = os.path.split(path)
    if os.path.islink(path) or name in ("", ".", ".."):
        return os.path.realpath(path)
    if head not in _REAL_DIRS:
        _REAL_DIRS[head] = os.path.realpath(head)
    return os.path.join(_REAL_DIRS[head], name)


def _doc_ids(files: list[Path]) -> list[str]:
    """A document's id is its file stem, or its path where ids would collide: x.txt and x.md
    are told apart by their paths, and x.txt.txt (stem "x.txt") from the path "x.txt"."""
    ids = [f.stem for f in files]
    while True:
        counts = Counter(ids)
        clash = [i for i, d in enumerate(ids) if counts[d] > 1 and d != files[i].as_posix()]
        if not clash:
            return ids
        for i in clash:   # paths are unique (files are), so this ends
            ids[i] = files[i].as_posix()


def load_documents(paths: list[str | Path], manifest: Path | None = None,
                   exclude: tuple[str, ...] = (), skipped: list[tuple[str, str]] | None = None,
                   unreadable: list[str] | None = None, max_file_mb: float | None = None,
                   texts: dict[str, str] | None = None, others: Counter | None = None) -> list[Document]:
    """Documents for the paths, sorted by path; metadata from --manifest, a folder's manifest or
    front matter. Files of a folder left unread are added to `skipped` (`discover`). A file
    that cannot be read (binary, not UTF-8, broken front matter) raises InputError, or, when
    `unreadable` is given, adds its one-line error there and the rest are read: one bad page
    of a docs tree should not leave the others unchecked. `texts` (real path -> text) stands in
    for what is on disk: an editor's unsaved buffers."""
    _REAL_DIRS.clear()   # folders are resolved once per load, never across loads
    files, found = discover(paths, exclude, skipped, others)
    if manifest:   # a manifest describes the files; inside a folder it is not one of them
        files = [f for f in files if _realpath(f) != _realpath(manifest)]
    if not files and paths:   # a check of nothing would pass a CI gate without checking anything
        named = ", ".join(str(p) for p in paths)
        why = " (every one matches --exclude)" if exclude and discover(paths, (), None)[0] else ""
        raise InputError(f"{named}: no {'/'.join(TEXT_SUFFIXES)} files to check{why}")
    meta: dict[str, Meta] = {}
    for m in ([manifest] if manifest else found):
        meta.update(read_manifest(Path(m)))
    from . import dump, html, pdf   # NOTE: here: the readers import LineIndex from this module

    named = {_realpath(p) for p in paths if not Path(p).is_dir()}
    docs = []
    for f, doc_id in zip(files, _doc_ids(files)):
        try:
            given = texts.get(_realpath(f)) if texts else None
            if dump.is_dump(f.name) or dump.is_csv(f.name) and _realpath(f) in named:
                text = given if given is not None else read_text(f, max_file_mb or MAX_FILE_MB)
                if _realpath(f) not in named and not dump.looks_like_articles(text):
                    if skipped is not None:   # a folder's data file (a log, fixtures), not an export
                        skipped.append((f.as_posix(), "a JSON Lines file whose first row holds no article text"))
                    continue
                docs += _articles(f, doc_id, text, dump.csv_rows if dump.is_csv(f.name) else dump.rows)
                continue
            if pdf.is_pdf(f.name):   # an editor holds no PDF buffer: the file is read
                (text, fm), body = read_pdf(f, max_file_mb or MAX_FILE_MB), 0
            else:
                text = given if given is not None else read_text(f, max_file_mb or MAX_FILE_MB)
                if html.is_html(f.name):
                    fm, body = Meta(*html.meta(text)), 0
                else:
                    fm, body = front_matter(text, str(f))
        except InputError as e:
            if unreadable is None:
                raise
            unreadable.append(str(e))
            continue
        mm = meta.get(_realpath(f), Meta()) if meta else Meta()
        docs.append(Document(
            id=doc_id, path=f.as_posix(), text=text, body_start=body,
            published=mm.published or fm.published or dated_name(f), title=mm.title or fm.title,
            source=mm.source or fm.source,
            sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        ))
    return sorted(docs, key=_in_order)


# A path that names a part of a file: a PDF's page (ingest.pdf) or an article dump's row
# (ingest.dump), as `report.pdf#page=3` and `archive.jsonl#row=12`.
_PART = regex.compile(r"(?|(.+\.pdf)#(page)=(\d+)|(.+\.(?:jsonl|ndjson|csv))#(row)=(\d+))$", regex.I)


def part_of(path: str) -> tuple[str, str, int] | None:
    """(file, "page" or "row", number) for a path that names a part of a file, else None."""
    m = _PART.match(path)
    return (m.group(1), m.group(2), int(m.group(3))) if m else None


def _in_order(doc: Document) -> tuple:
    """Documents by path, an article dump's rows in the order of its lines."""
    part = part_of(doc.path)
    return (part[0], part[2]) if part else (doc.path, 0)


def _articles(f: Path, doc_id: str, text: str, rows) -> list[Document]:
    """The documents of an article dump (`dump.rows` or `dump.csv_rows`), one a row."""
    out = []
    try:
        for n, body, published, title, source in rows(text):
            where = f"{f}:{n}"
            for key, value in (("text", body), ("title", title), ("source", source)):
                if value is not None:
                    unicode_text(value, f"{where}: {key}")
            out.append(Document(
                id=f"{doc_id}#{n}", path=f"{f.as_posix()}#row={n}", text=body, body_start=0,
                published=_date(published, where), title=title, source=source,
                sha256=hashlib.sha256(body.encode("utf-8")).hexdigest()))
    except ValueError as e:
        raise InputError(f"{f}:{e}") from None
    return out


def reading_text(doc: Document) -> str:
    """The document as a reader reads it: in Markdown, reStructuredText and HTML, code, markup and URLs blanked
    character for character (offsets stay those of doc.text); in a PDF, the lines a page
    filled joined and page numbers blanked; other text as it is."""
    from . import html, markdown, pdf, rst   # NOTE: here: the readers import LineIndex from this module

    if markdown.is_markdown(doc.path):
        return markdown.prose(doc.text, doc.body_start)
    if rst.is_rst(doc.path):
        return rst.prose(doc.text)
    if html.is_html(doc.path):
        return html.prose(doc.text)
    if pdf.is_pdf(doc.path):
        return pdf.prose(doc.text)
    return doc.text


def line_index(doc: Document) -> LineIndex:
    """How a document's offsets are located: lines of the file, or of a PDF's pages."""
    from . import pdf

    return pdf.PageLines(doc.text) if pdf.is_pdf(doc.path) else LineIndex(doc.text)


_LINE_BREAK = re.compile(r"\r\n|\n|\r")


def blanked(text: str, spans) -> str:
    """text with each span's characters replaced by spaces, line breaks kept: the readers'
    masking, which keeps every offset, line and column of the file."""
    out = list(text)
    for a, b in spans:
        for i in range(a, b):
            if out[i] not in "\r\n":
                out[i] = " "
    return "".join(out)


class LineIndex:
    """Offset -> (line, column), both 1-based; columns count characters."""

    def __init__(self, text: str):
        self.starts = [0] + [m.end() for m in _LINE_BREAK.finditer(text)]
        # A byte-order mark is not a character an editor shows: columns on line 1 skip it.
        self.bom = 1 if text.startswith("\ufeff") else 0

    def position(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.starts, offset) - 1
        col = offset - self.starts[i] + 1
        return i + 1, (max(1, col - self.bom) if i == 0 else col)

    def path(self, base: str, offset: int) -> str:
        """The path a claim at offset is found at: the file's own (a PDF names its page)."""
        return base


# Sentence ends: terminal punctuation (plus closing quotes/brackets) before
# whitespace and a capital, digit or quote; line breaks always end a sentence.
_ABBREV = ("Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Sr", "Jr", "Gen", "Col", "Lt", "Sgt", "Capt", "Gov",
           "Sen", "Rep", "Rev", "No", "Vol", "Fig", "Inc", "Ltd", "Co", "Corp", "vs", "etc", "Jan", "Feb",
           "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "approx", "est", "U.S",
           "U.K", "U.N", "e.g", "i.e", "a.m", "p.m")
_SENT_END = regex.compile(
    r"(?<!\b(?:" + "|".join(regex.escape(a) for a in _ABBREV) + r"))(?<!\b[A-Z])"
    r"[.!?]+[\"'”’)\]]*(?=\s+[\"'“‘(\[]?[\p{Lu}\d])|\r?\n(?:[ \t]*\r?\n)*"
)


def sentences(text: str, start: int = 0) -> list[tuple[int, int]]:
    """Sentence spans (start, end) covering text[start:], offsets into text, whitespace trimmed."""
    return list(iter_sentences(text, start))


def iter_sentences(text: str, start: int = 0):
    """sentences() one at a time, in order: a caller after the sentences before some offset can stop."""
    pos = start
    for m in _SENT_END.finditer(text, start):
        end = m.end() if not m.group().endswith(("\n", "\r")) else m.start()
        if span := _trim(text, pos, end):
            yield span
        pos = m.end()
    if span := _trim(text, pos, len(text)):
        yield span


def _trim(text, a, b):
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return (a, b) if b > a else None
