"""Command line: parse arguments, run the pipeline, pick a renderer, return the exit code.

Heavy modules (pydantic models, extractors) are imported inside the commands so
that `factcheck --help` starts fast.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT, EXIT_INTERNAL = 0, 1, 2, 3
ISSUES_URL = "the factcheck issue tracker"


class Parser(argparse.ArgumentParser):
    def error(self, message):  # usage errors are exit 2 with one line, like other linters
        self.exit(EXIT_INPUT, f"{self.prog}: error: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    p = Parser(prog="factcheck", description="Find numbers and dates that drift between texts stating the same facts.")
    p.add_argument("--version", action="version", version=f"factcheck {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    def inputs(sp):
        sp.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (.txt, .md; folders recursively)")
        sp.add_argument("--manifest", type=Path, help="CSV (path,published,title,source) or JSON Lines with document metadata")
        sp.add_argument("--rules", action="append", type=Path, default=[], metavar="PATH",
                        help="an extra rule pack file or folder (repeatable); added after rules/")

    ex = sub.add_parser("extract", help="list every numeric and dated claim")
    inputs(ex)
    ex.add_argument("--format", choices=("text", "jsonl"), default="text")

    ck = sub.add_parser("check", help="find agreements and conflicts between claims")
    inputs(ck)
    ck.add_argument("--format", choices=("text", "json"), default=None,
                    help="what to print (default: text; json when --output ends in .json)")
    ck.add_argument("--output", "-o", type=Path, help="write the report here instead of stdout")
    ck.add_argument("--fail-on", choices=("conflict", "warning", "never"), default="conflict",
                    help="exit 1 when a finding at or above this level is found (default: conflict)")
    ck.add_argument("--report-dir", type=Path, default=Path("reports"), help="where factcheck.json is written (default: reports/)")
    ck.add_argument("--no-report", action="store_true", help="do not write the report folder")

    rl = sub.add_parser("rules", help="list or validate rule packs")
    rsub = rl.add_subparsers(dest="rules_command", metavar="ACTION", parser_class=Parser, required=True)
    ls = rsub.add_parser("list", help="list the rules in force")
    ls.add_argument("--rules", action="append", type=Path, default=[], metavar="PATH")
    va = rsub.add_parser("validate", help="validate rule pack files")
    va.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    return p


def cmd_extract(a) -> int:
    import json

    from .ingest import load_documents
    from .pipeline import claims_for
    from .rulepack import load_rules

    rules = load_rules(a.rules)
    docs = load_documents(a.paths, a.manifest)
    out = sys.stdout
    for doc in docs:
        for c in claims_for(doc, rules):
            if a.format == "jsonl":
                out.write(json.dumps(c.model_dump(mode="json"), ensure_ascii=False, sort_keys=True) + "\n")
            else:
                out.write(f"{c.path}:{c.line}:{c.column}: {c.kind:<10} {c.text!r} = {_show_value(c)}"
                          f"{'' if c.qualifier == 'exact' else f' ({c.qualifier})'}\n")
    return EXIT_OK


def _show_value(c) -> str:
    v = c.value.model_dump(mode="json")
    if "start" in v:
        return v["start"] if v["start"] == v["end"] else f"{v['start']}..{v['end']}"
    rng = f"{v['low']}" if v["low"] == v["high"] else f"{v['low']}..{v['high']}"
    unit = v.get("unit") or c.unit
    return f"{rng} {unit}" if unit else rng


def cmd_check(a) -> int:
    from .pipeline import check
    from .render import RENDERERS

    report = check(a.paths, a.manifest, a.rules)
    fmt = a.format or ("json" if a.output and a.output.suffix == ".json" else "text")
    text = RENDERERS[fmt](report)
    if a.output:
        _write(a.output, text)
    else:
        sys.stdout.write(text)
    if not a.no_report:
        _write(a.report_dir / "factcheck.json", RENDERERS["json"](report))
    levels = {"conflict": ("error",), "warning": ("error", "warning"), "never": ()}[a.fail_on]
    failing = [f for f in report.findings if f.kind == "conflict" and f.severity in levels]
    return EXIT_FINDINGS if failing else EXIT_OK


def _write(path: Path, text: str) -> None:
    from .errors import InputError

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")
    except OSError as e:
        raise InputError(f"{path}: cannot write report: {e.strerror or e}") from None


def cmd_rules(a) -> int:
    from .rulepack import load_pack, load_rules

    if a.rules_command == "validate":
        from .errors import InputError
        errors = []
        for p in a.paths:
            try:
                load_pack(p)
            except InputError as e:
                errors.append(str(e))
        if errors:
            print("\n".join(errors), file=sys.stderr)
            return EXIT_INPUT
        for p in a.paths:
            print(f"{p}: ok")
        return EXIT_OK
    rules = load_rules(a.rules)
    for r in rules.rules:
        state = "" if r.enabled else "  (disabled)"
        print(f"{r.id}  {r.name:<28} {r.severity:<8} {r.compare}{state}")
    return EXIT_OK


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    a = parser.parse_args(argv)
    if not a.command:
        parser.print_help()
        return EXIT_INPUT
    from .errors import InputError

    try:
        return {"extract": cmd_extract, "check": cmd_check, "rules": cmd_rules}[a.command](a)
    except InputError as e:
        for line in str(e).splitlines():
            print(f"factcheck: error: {line}", file=sys.stderr)
        return EXIT_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return EXIT_OK
    except Exception as e:  # an internal error: short, with where to report it
        print(f"factcheck: internal error: {type(e).__name__}: {e}\n"
              f"Please report this with the command you ran to {ISSUES_URL}.", file=sys.stderr)
        return EXIT_INTERNAL
