"""Command line: parse arguments, run the pipeline, pick a renderer, return the exit code.

Heavy modules (pydantic models, extractors) are imported inside the commands so
that `factcheck --help` starts fast.
"""
from __future__ import annotations

import argparse
import errno
import os
import sys
from pathlib import Path

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
ISSUES_URL = "the factcheck issue tracker"
SHOWN = 200   # findings the text output lists before it counts the rest and points to the reports
FORMATS = ("text", "json", "sarif", "github", "gitlab", "junit", "markdown", "html")
EXTENSIONS = {".json": "json", ".sarif": "sarif", ".xml": "junit", ".md": "markdown", ".html": "html", ".txt": "text"}


class _Target(argparse.Action):
    """Keeps --format and --output in the order given, so each --format can pair with the --output after it."""

    def __call__(self, parser, namespace, value, option_string=None):
        kind = "format" if option_string == "--format" else "output"
        setattr(namespace, self.dest, [*getattr(namespace, self.dest), (kind, value)])


def _megabytes(text: str) -> float:
    try:
        mb = float(text)
    except ValueError:
        mb = 0.0
    if not mb > 0 or mb == float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r} is not a size in megabytes (a number above 0)")
    return mb


class Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors are exit 2 with one line, like other linters
        self.exit(EXIT_INPUT, f"{self.prog}: error: {message}{self._did_you_mean(message)}\n")

    def _did_you_mean(self, message: str) -> str:
        """' (did you mean --jobs?)' for a mistyped option, from the options this command and
        its subcommands take."""
        import difflib

        if not message.startswith("unrecognized arguments: "):
            return ""
        options = {o for a in self._actions for o in a.option_strings}
        for a in self._actions:
            if isinstance(a, argparse._SubParsersAction):
                options |= {o for p in a.choices.values() for b in p._actions for o in b.option_strings}
        for word in message.removeprefix("unrecognized arguments: ").split():
            if word.startswith("--"):
                near = difflib.get_close_matches(word.split("=")[0], sorted(options), n=1, cutoff=0.6)
                if near:
                    return f" (did you mean {near[0]}?)"
        return ""


def _inputs(sp):
    """The files to read and how to read them."""
    sp.add_argument("paths", nargs="*", metavar="PATH",
                    help="files or folders (.txt, .md, .html and kin; folders recursively); default: `paths` "
                         "from the config")
    sp.add_argument("--manifest", type=Path, help="CSV (path,published,title,source) or JSON Lines with document metadata")
    sp.add_argument("--rules", action="append", type=Path, default=[], metavar="PATH",
                    help="an extra rule pack file or folder (repeatable); added after rules/")
    sp.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                    help="skip files under the folders given whose path matches GLOB (repeatable)")
    sp.add_argument("--max-file-size", type=_megabytes, default=None, metavar="MB",
                    help="leave out (with an error) any file larger than this (default 20)")


def _gate(sp):
    """When a check fails, what it accepts, where its reports go."""
    sp.add_argument("--fail-on", choices=("conflict", "warning", "never"), default=None,
                    help="exit 1 when a finding at or above this level is found (default: conflict)")
    sp.add_argument("--baseline", type=Path, metavar="FILE",
                    help="accepted findings (from `factcheck baseline`): only new ones fail")
    sp.add_argument("--report-dir", type=Path, default=None,
                    help="where factcheck.json (and factcheck.html) are written (default: reports/)")


def _speed(sp):
    """Processes and the cache."""
    sp.add_argument("--jobs", "-j", type=int, default=None, metavar="N",
                    help="extract (and judge stories) with N processes (default: every core)")
    sp.add_argument("--no-cache", action="store_true",
                    help="extract and judge everything again; leave the cache (.factcheck-cache/) alone")


def _engine(sp):
    """Where the work runs."""
    sp.add_argument("--engine", choices=("local", "dask"), default="local",
                    help="local: this machine's processes (default); dask: a Dask cluster, the same report "
                         "(pip install 'factcheck[dask]')")
    sp.add_argument("--scheduler", metavar="ADDRESS", default=None,
                    help="with --engine dask: the scheduler to use (tcp://host:8786); default: a local "
                         "cluster of --jobs workers")


def _verbosity(sp):
    """How much is said on stderr."""
    sp.add_argument("-q", "--quiet", action="store_const", const=-1, dest="verbosity", default=0,
                    help="no progress bar and no notes on stderr")
    sp.add_argument("-v", "--verbose", action="store_const", const=1, dest="verbosity",
                    help="notes on stderr: config file, timings, files written")


def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    p = Parser(prog="factcheck", description="Find numbers and dates that drift between texts stating the same facts.")
    p.add_argument("--version", action="version", version=f"factcheck {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    ex = sub.add_parser("extract", help="list every numeric and dated claim",
                        description="List every numeric and dated claim of the files, with its place, kind, "
                                    "value and the interval its wording allows.")
    _inputs(ex)
    ex.add_argument("--format", choices=("text", "json-lines", "jsonl"), default="text",
                    help="text, or json-lines (also jsonl): one JSON object per claim")
    ex.add_argument("--output", "-o", type=Path, metavar="FILE", help="write the claims to FILE, not stdout")
    _speed(ex)

    ck = sub.add_parser("check", help="find agreements and conflicts between claims",
                        description="Align the claims of the files that measure the same thing, report where "
                                    "they agree and where they conflict, and exit 1 on a conflict (--fail-on). "
                                    "Writes reports/factcheck.json and factcheck.html unless --no-report.")
    _inputs(ck)
    _gate(ck)
    ck.add_argument("--changed-since", metavar="REF",
                    help="report only findings with a claim on a line changed since git REF (its merge "
                         "base with HEAD; uncommitted edits count): the whole corpus is still judged")
    ck.add_argument("--sarif-suppressed", action="store_true",
                    help="keep suppressed and baselined findings in SARIF output, marked as suppressed "
                         "(left out by default: code scanning shows them as open alerts)")
    ck.add_argument("--format", choices=FORMATS, action=_Target, dest="targets", default=[],
                    help="a report format (repeatable): it applies to the --output after it, or else to stdout")
    ck.add_argument("--output", "-o", action=_Target, dest="targets", default=[], metavar="FILE",
                    help="write a report to FILE ('-' for stdout); its format is the --format before it, "
                         "or else read from the extension (" + ", ".join(EXTENSIONS) + ")")
    ck.add_argument("--show", action="append", choices=("agreements", "suppressed", "all"), metavar="WHAT",
                    help="also list agreements or suppressed findings in the text output, or 'all' of them "
                         f"with no cap (repeatable; by default conflicts and updates, the first {SHOWN})")
    ck.add_argument("--no-report", action="store_true", help="do not write the report folder")
    _speed(ck)
    _engine(ck)
    _verbosity(ck)

    bl = sub.add_parser("baseline", help="accept the current findings: later checks fail only on new ones")
    _inputs(bl)
    _gate(bl)
    bl.add_argument("--output", "-o", type=Path, metavar="FILE",
                    help="baseline file to write (default: `baseline` from the config, else factcheck-baseline.json)")
    _verbosity(bl)

    cf = sub.add_parser("config", help="print the effective configuration and where each value came from")
    _inputs(cf)
    _gate(cf)

    ca = sub.add_parser("cache", help="show or clear the extraction cache")
    ca.add_argument("cache_command", choices=("info", "clear"), metavar="ACTION", help="info or clear")

    sub.add_parser("lsp", help="serve editor diagnostics over stdio (Language Server Protocol)",
                   description="A language server for editors: conflicts as diagnostics on open Markdown and "
                               "text files, checked against the whole workspace, with a quick fix that adds "
                               "the ignore comment. Needs the lsp extra: pip install 'factcheck[lsp]'.")

    rl = sub.add_parser("rules", help="list or validate rule packs")
    rsub = rl.add_subparsers(dest="rules_command", metavar="ACTION", parser_class=Parser, required=True)
    ls = rsub.add_parser("list", help="list the rules in force")
    ls.add_argument("--rules", action="append", type=Path, default=[], metavar="PATH")
    va = rsub.add_parser("validate", help="validate rule pack files")
    va.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="rule pack files, or folders of them")
    return p


def cmd_extract(a) -> int:
    import json

    from .ingest import load_documents
    from .rulepack import load_rules

    _, cfg = _settings(a)
    if a.output is not None:
        _refuse_to_overwrite_inputs(a, cfg, [(a.format, a.output)])
    rules = load_rules(a.rules)
    skipped: list[tuple[str, str]] = []
    unreadable: list[str] = []
    docs = load_documents(a.paths, a.manifest, tuple(a.exclude), skipped, unreadable, a.max_file_size)
    _skipped(a, [{"path": p, "reason": why} for p, why in skipped])
    by_doc, errors = _extract(a, docs, rules)
    lines = []
    for doc in docs:
        for c in by_doc.get(doc.id, ()):
            if a.format in ("json-lines", "jsonl"):
                lines.append(json.dumps(c.model_dump(mode="json"), ensure_ascii=False, sort_keys=True) + "\n")
            else:
                lines.append(f"{c.path}:{c.line}:{c.column}: {c.kind:<10} {c.text!r} = {_show_value(c)}"
                             f"{'' if c.qualifier == 'exact' else f' ({c.qualifier})'}\n")
    if a.output is not None:
        _write(a.output, "".join(lines))
    else:
        sys.stdout.writelines(lines)
    _extraction_errors([{"path": d.path, "message": errors[d.id]} for d in docs if d.id in errors])
    _unreadable(unreadable)
    return EXIT_INTERNAL if errors else EXIT_INPUT if unreadable else EXIT_OK


def _extract(a, docs, rules):
    from .pipeline import extract_all, open_cache

    cache = None if a.no_cache else open_cache(True)   # None, with a warning, when it cannot be used
    try:
        return extract_all(docs, rules, a.jobs, cache)
    finally:
        if cache is not None:
            cache.close()


def _unreadable(errors) -> None:
    # One line each, as any bad input; the other files were read and checked.
    from .render.common import printable
    for e in errors:
        print(f"factcheck: error: {printable(e)}", file=sys.stderr)


def _skipped(a, skipped) -> None:
    # Said unless -q: a file the user may expect checked was not read.
    if getattr(a, "verbosity", 0) >= 0:
        from .render.common import printable
        for s in skipped:
            print(printable(f"factcheck: skipped {s['path']}: {s['reason']}"), file=sys.stderr)


# Formats a user may hold documents in that factcheck does not read: named on every run,
# since a report that silently left out a folder's Word files would mislead. Other types
# (images, configs) are named with -v.
DOCUMENT_TYPES = (".doc", ".docx", ".odt", ".rtf", ".rst", ".adoc", ".epub", ".pages", ".tex")


def _other_files(a, others: dict[str, int]) -> None:
    verbosity = getattr(a, "verbosity", 0)
    shown = {k: n for k, n in others.items() if verbosity > 0 or k in DOCUMENT_TYPES}
    if shown and verbosity >= 0:
        from .ingest import TEXT_SUFFIXES
        listed = ", ".join(f"{n} {k}" for k, n in shown.items())
        print(f"factcheck: not read: {listed} file{'' if sum(shown.values()) == 1 else 's'} "
              f"(factcheck reads {' '.join(TEXT_SUFFIXES)})", file=sys.stderr)


def _extraction_errors(errors) -> None:
    # A file that failed to extract is named; the others' results stand.
    from .render.common import printable
    for e in errors:
        print(printable(f"factcheck: internal error: {e['path']}: extraction failed: {e['message']}"),
              file=sys.stderr)


def cmd_cache(a) -> int:
    from .cache import FILENAME, Cache, Unavailable, default_folder

    folder = default_folder()
    if not (folder / FILENAME).exists():
        print(f"{folder / FILENAME}: no cache yet")
        return EXIT_OK
    try:
        cache = Cache(folder)
    except Unavailable as e:
        from .errors import InputError
        raise InputError(str(e)) from None
    with cache:
        if a.cache_command == "clear":
            n = cache.clear()
            print(f"{cache.path}: removed {n} document{'' if n == 1 else 's'}")
            return EXIT_OK
        info = cache.info()
    print(f"path: {info['path']}\nschema: {info['schema']}\ndocuments: {info['documents']}\n"
          f"judged blocks: {info['blocks']}\nsize: {info['file_bytes']} bytes")
    return EXIT_OK


def _show_value(c) -> str:
    v = c.value.model_dump(mode="json")
    if "start" in v:
        return v["start"] if v["start"] == v["end"] else f"{v['start']}..{v['end']}"
    if "version" in v:
        return f"{c.unit} {v['version']}"
    if "time" in v or "time_start" in v:
        rng = v.get("time") or f"{v['time_start']}..{v['time_end']}"
        return f"{rng} {c.unit}" if c.unit else rng
    rng = f"{v['low']}" if v["low"] == v["high"] else f"{v['low']}..{v['high']}"
    unit = v.get("unit") or c.unit
    return f"{rng} {unit}" if unit else rng


def cmd_check(a) -> int:
    import os
    import time

    from .render import RENDERERS, STREAMS
    from .render.common import failing

    _, cfg = _settings(a)
    targets = _targets(a.targets, RENDERERS)
    outputs = [(fmt, path) for fmt, path in targets if path is not None]
    if not a.no_report:
        outputs += [(fmt, a.report_dir / f"factcheck.{fmt}") for fmt in ("json", "html") if fmt in RENDERERS]
    _refuse_to_overwrite_inputs(a, cfg, outputs)
    accepted = None
    if a.baseline:
        from .baseline import read
        accepted = read(a.baseline)
    existed = {what for what, p in _folders(a).items() if p.exists()}
    changed = None
    if a.changed_since:   # asked before the check, so a bad REF costs no time
        from .changes import changed_lines
        changed = changed_lines(a.changed_since, [Path(p) for p in a.paths] or [Path.cwd()])
    t0 = time.monotonic()
    report = _run(a, accepted, changed)
    _note(a, f"{report.summary['documents']} documents, {report.summary['claims']} claims "
             f"in {time.monotonic() - t0:.2f} s")
    for fmt, path in targets:
        if path is None:
            color = fmt == "text" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
            if fmt in STREAMS:
                sys.stdout.flush()
                sys.stdout.buffer.writelines(STREAMS[fmt](report))
                sys.stdout.buffer.flush()
            else:
                sys.stdout.write(RENDERERS[fmt](report, color=True, **_text_options(a)) if color
                                 else _content(fmt, report, a))
        else:
            _write(path, _content(fmt, report, a))
            _note(a, f"wrote {path}")
    if not a.no_report:
        for fmt in ("json", "html"):
            if fmt in RENDERERS:
                _write(a.report_dir / f"factcheck.{fmt}", _content(fmt, report))
                _note(a, f"wrote {a.report_dir / f'factcheck.{fmt}'}")
    _say_created(a, existed, report)
    if report.summary.get("errors"):
        return EXIT_INTERNAL  # the report stands, but some files were not checked
    if report.summary.get("unreadable"):
        return EXIT_INPUT     # the report stands for the files that could be read
    return EXIT_FINDINGS if failing(report, a.fail_on) else EXIT_OK


def _folders(a) -> dict[str, Path]:
    """The folders a check writes besides its --output files: the report folder and the cache."""
    from .cache import default_folder

    out = {}
    if not a.no_report:
        out["reports"] = a.report_dir
    if not a.no_cache:
        out["cache"] = default_folder()
    return out


def _say_created(a, existed: set[str], report) -> None:
    """One stderr line naming the folders this check created (unless -q or an input was bad or skipped),
    so a report folder or a cache never appears unannounced."""
    import os

    if a.verbosity < 0 or any(report.summary.get(k) for k in ("errors", "unreadable", "skipped")):
        return
    new = [(what, p) for what, p in _folders(a).items() if what not in existed and p.is_dir()]
    if new:
        def shown(p: Path) -> str:
            rel = os.path.relpath(p)
            return f"{p if rel.startswith('..') else rel}/"
        said = "; ".join(("reports in " if what == "reports" else "its cache in ") + shown(p) for what, p in new)
        print(f"factcheck: created {said}", file=sys.stderr)


def _run(a, accepted=None, changed=None):
    """The pipeline with config applied, then inline suppressions and the baseline; the summary counts them."""
    from .pipeline import check
    from .progress import Progress
    from .suppress import apply_inline

    if getattr(a, "scheduler", None) and getattr(a, "engine", "local") != "dask":
        from .errors import InputError
        raise InputError("--scheduler names a Dask scheduler: give --engine dask with it")
    with Progress(verbosity=a.verbosity) as bar:
        report = check(a.paths, a.manifest, a.rules, exclude=tuple(a.exclude), progress=bar,
                       max_file_mb=getattr(a, "max_file_size", None),
                       jobs=getattr(a, "jobs", None), cache=not getattr(a, "no_cache", True),
                       engine=getattr(a, "engine", "local"), scheduler=getattr(a, "scheduler", None))
    _extraction_errors(report.summary.get("errors", ()))
    _skipped(a, report.summary.get("skipped", ()))
    _other_files(a, report.summary.get("other_files", {}))
    _unreadable(report.summary.get("unreadable", ()))
    report = apply_inline(report)
    if accepted is not None:
        from .baseline import apply
        report = apply(report, accepted, a.baseline)
    if getattr(a, "changed_since", None):
        from .changes import keep_changed
        report = keep_changed(report, a.changed_since, changed)
    summary = {**report.summary, "suppressed": sum(f.suppressed is not None for f in report.findings)}
    return report.model_copy(update={"summary": summary})


def _targets(given, renderers) -> list[tuple[str, Path | None]]:
    """(format, path or None for stdout) for each report asked for; text on stdout when none is."""
    from .errors import InputError

    out, pending = [], None
    for kind, value in given:
        if kind == "format":
            if pending:
                out.append((pending, None))
            pending = value
            continue
        path = None if value == "-" else Path(value)
        fmt = pending or (EXTENSIONS.get(path.suffix.lower()) if path else "text")
        if fmt is None:
            raise InputError(f"{value}: cannot tell the report format from the extension "
                             f"(use {', '.join(EXTENSIONS)} or put --format before --output)")
        out.append((fmt, path))
        pending = None
    if pending:
        out.append((pending, None))
    if not out:
        out.append(("text", None))
    to_stdout = [f for f, p in out if p is None]
    if len(to_stdout) > 1:
        raise InputError(f"formats {', '.join(to_stdout)} would all print to stdout; give each but one an --output")
    for fmt, _ in out:
        if fmt not in renderers:
            raise InputError(f"format {fmt!r} is not available in this installation")
    return out


def _settings(a):
    """Fill the parsed arguments from the config file where no flag was given; returns (settings, config)."""
    from .config import effective, find, load
    from .errors import InputError

    found = find(Path.cwd())
    cfg = load(found) if found else None
    given = {
        "paths": a.paths or None, "exclude": a.exclude or None, "rules": a.rules or None,
        "fail-on": getattr(a, "fail_on", None), "baseline": getattr(a, "baseline", None),
        "report-dir": getattr(a, "report_dir", None), "manifest": a.manifest,
        "jobs": getattr(a, "jobs", None), "cache": False if getattr(a, "no_cache", False) else None,
    }
    s = effective(given, cfg)
    if cfg is not None:
        _note(a, f"config: {cfg.path}")
    a.paths = list(s["paths"].value)
    a.exclude = list(s["exclude"].value)
    a.rules = [Path(p) for p in s["rules"].value]
    a.manifest = Path(s["manifest"].value) if s["manifest"].value else None
    a.fail_on = s["fail-on"].value
    a.baseline = Path(s["baseline"].value) if s["baseline"].value else None
    a.report_dir = Path(s["report-dir"].value)
    if hasattr(a, "jobs"):
        a.jobs = s["jobs"].value
    if hasattr(a, "no_cache"):
        a.no_cache = not s["cache"].value
    if not a.paths and a.command != "config":
        raise InputError("no paths to check: give PATH... or set `paths` in [tool.factcheck] or .factcheck.toml")
    return s, cfg


def _note(a, message: str) -> None:
    if getattr(a, "verbosity", 0) > 0:
        print(f"factcheck: {message}", file=sys.stderr)


def cmd_baseline(a) -> int:
    from .baseline import DEFAULT_NAME, build, read
    from .errors import InputError

    _, cfg = _settings(a)
    out = a.output or a.baseline or Path(DEFAULT_NAME)
    _refuse_to_overwrite_inputs(a, cfg, [("baseline", out)], baseline_is_input=False)
    previous = None
    if out.exists():
        try:
            previous = read(out)
        except InputError:
            previous = None     # being replaced: nothing worth keeping from a broken file
    report = _run(a)
    if report.summary.get("unreadable"):
        return EXIT_INPUT   # a baseline of a partial check would accept too little: nothing is written
    text = build(report, previous)
    _write(out, text)
    if a.verbosity >= 0:
        import json
        n = len(json.loads(text)["accepted"])
        print(f"factcheck: wrote {out} ({n} accepted finding{'' if n == 1 else 's'})", file=sys.stderr)
    return EXIT_OK


def cmd_config(a) -> int:
    from .config import describe

    settings, cfg = _settings(a)
    sys.stdout.write(describe(settings, cfg))
    return EXIT_OK


def _refuse_to_overwrite_inputs(a, cfg, outputs: list[tuple[str, Path]], baseline_is_input: bool = True) -> None:
    """Exit 2 before any work if a report would be written over a file this run reads (a
    document, a manifest, the baseline, a rule pack, the config) or two different reports
    would be written to one file: `-o corpus/a.txt` once replaced the article with the report.
    The folders are walked here and again by the run: a walk costs milliseconds, and refusing
    before the run spends minutes is the point."""
    import os

    from .errors import InputError
    from .ingest import discover

    inputs: dict[str, str] = {}
    files, manifests = discover(a.paths, tuple(a.exclude))
    for f in files:
        inputs[os.path.realpath(f)] = "a document checked"
    for m in [*manifests, *([a.manifest] if a.manifest else [])]:
        inputs[os.path.realpath(m)] = "the manifest"
    for r in a.rules:
        inputs[os.path.realpath(r)] = "a rule pack"
    if baseline_is_input and getattr(a, "baseline", None):
        inputs[os.path.realpath(a.baseline)] = "the baseline"
    if cfg is not None and getattr(cfg, "path", None):
        inputs[os.path.realpath(cfg.path)] = "the configuration"
    written: dict[str, str] = {}
    for fmt, path in outputs:
        real = os.path.realpath(path)
        if real in inputs:
            raise InputError(f"{path}: is {inputs[real]} of this run; refusing to write the {fmt} report over it")
        if written.get(real, fmt) != fmt:
            raise InputError(f"{path}: both the {written[real]} and the {fmt} report would be written here; "
                             f"give each its own file")
        written[real] = fmt


def _content(fmt: str, report, a=None):
    """A report in one format: its UTF-8 pieces if the format streams, else its text."""
    from .render import RENDERERS, STREAMS

    if fmt in STREAMS:
        return STREAMS[fmt](report)
    if fmt == "sarif":
        return RENDERERS[fmt](report, keep_suppressed=bool(getattr(a, "sarif_suppressed", False)))
    if fmt == "text" and a is not None:
        return RENDERERS[fmt](report, **_text_options(a))
    return RENDERERS[fmt](report)


def _text_options(a) -> dict:
    """How much the text report lists: details with -v, agreements and suppressed findings on request."""
    show = tuple(getattr(a, "show", None) or ())
    return {"verbose": getattr(a, "verbosity", 0) > 0, "show": show,
            "limit": None if "all" in show else SHOWN}


def _write(path: Path, content) -> None:
    """Write a report: text, or UTF-8 pieces as a streaming format yields them."""
    from .errors import InputError

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, str):
            path.write_text(content, encoding="utf-8", newline="\n")
        else:
            with open(path, "wb") as fh:
                fh.writelines(content)
    except OSError as e:
        raise InputError(f"{path}: cannot write report: {e.strerror or e}") from None


def cmd_rules(a) -> int:
    from .rulepack import load_pack, load_rules, pack_files

    if a.rules_command == "validate":
        from .errors import InputError
        errors, files = [], []
        for p in a.paths:
            try:
                found = pack_files(p)   # a folder: the packs in it, as --rules reads them
                if not found:
                    errors.append(f"{p}: no rule packs (.yaml, .yml) in this folder")
                files += found
            except InputError as e:
                errors.append(str(e))
        for p in files:
            try:
                load_pack(p)
            except InputError as e:
                errors.append(str(e))
        if errors:
            print("\n".join(errors), file=sys.stderr)
            return EXIT_INPUT
        for p in files:
            print(f"{p}: ok")
        return EXIT_OK
    rules = load_rules(a.rules)
    for r in rules.rules:
        state = "" if r.enabled else "  (disabled)"
        print(f"{r.id}  {r.name:<28} {r.severity:<8} {r.compare:<13}{state}".rstrip())
        if r.description:   # what the rule checks, so a list is enough to choose what to disable
            print(f"       {r.description}")
    return EXIT_OK


def cmd_lsp(a) -> int:
    import gc
    import importlib.util

    from .errors import InputError

    if importlib.util.find_spec("pygls") is None:
        raise InputError("factcheck lsp needs the lsp extra: pip install 'factcheck[lsp]'")
    from .lsp import serve

    gc.enable()   # a server lives long: unlike one check, it needs the cycle collector
    serve()
    return EXIT_OK


# What the system says when output cannot be written for want of room or a working disk: the
# user's machine, not a fault of factcheck's, so one line and exit 2 like any other bad input.
_CANNOT_WRITE = (errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EROFS)


def _target(e: OSError) -> str:
    return e.filename if e.filename else "the output"


def _stdout_to_null() -> None:
    """What stdout still holds is dropped: flushing it again at exit would fail and print a second error."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):
        pass


def _internal(e: BaseException) -> int:
    if isinstance(e, MemoryError):   # the machine's limit, not a bug to report: say what helps
        print("factcheck: out of memory: check fewer files at a time, or with --jobs 1", file=sys.stderr)
        return EXIT_INTERNAL
    print(f"factcheck: internal error: {type(e).__name__}: {e}\n"
          f"Please report this with the command you ran to {ISSUES_URL}.", file=sys.stderr)
    return EXIT_INTERNAL


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    a = parser.parse_args(argv)
    if not a.command:
        parser.print_help()
        return EXIT_INPUT
    import gc

    from .errors import InputError

    # NOTE: a command is one short process holding up to millions of objects with almost no
    # cycles; the cycle collector would only re-scan them (rendering a 10,000-article report
    # took a third longer with it on). check() turns it off for itself; here it stays off
    # for the rendering and writing too.
    collecting = gc.isenabled()
    gc.disable()
    try:
        code = {"extract": cmd_extract, "check": cmd_check, "baseline": cmd_baseline, "config": cmd_config,
                "rules": cmd_rules, "cache": cmd_cache, "lsp": cmd_lsp}[a.command](a)
        sys.stdout.flush()   # here, where a full disk can still be reported, not at exit
        return code
    except InputError as e:
        from .render.common import printable
        for line in str(e).splitlines():
            print(f"factcheck: error: {printable(line)}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except OSError as e:
        if e.errno not in _CANNOT_WRITE:
            return _internal(e)
        print(f"factcheck: error: cannot write {_target(e)}: {e.strerror}", file=sys.stderr)
        _stdout_to_null()
        return EXIT_INPUT
    except Exception as e:  # an internal error: short, with where to report it
        return _internal(e)
    finally:
        if collecting:
            gc.enable()
