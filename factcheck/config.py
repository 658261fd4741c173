"""Configuration: `[tool.factcheck]` in pyproject.toml or a `.factcheck.toml`, found by walking up from the CWD.

Command-line flags override the file, the file overrides the defaults. Paths in
the file are relative to the file's folder; they are rewritten relative to the
working directory so reports name files the way the user typed them.
"""
from __future__ import annotations

import json
import os
import tomllib
from dataclasses import dataclass
from pathlib import Path

import regex

from .errors import InputError, read_utf8

FILES = (".factcheck.toml", "pyproject.toml")
FAIL_ON = ("conflict", "warning", "never")
DEFAULTS: dict[str, object] = {
    "paths": [], "exclude": [], "rules": [], "fail-on": "conflict", "baseline": None,
    "report-dir": "reports", "manifest": None, "jobs": None, "cache": True,
}
PATH_KEYS = ("paths", "rules", "baseline", "report-dir", "manifest")
_TOML_POS = regex.compile(r"\(at line (\d+), column (\d+)\)")


@dataclass(frozen=True)
class ConfigFile:
    path: Path
    values: dict[str, object]
    lines: dict[str, int]


@dataclass(frozen=True)
class Setting:
    value: object
    source: str                 # "default", "command line" or "FILE:LINE"


def find(start: Path) -> Path | None:
    """The nearest .factcheck.toml, or pyproject.toml with a [tool.factcheck] table, at or above start."""
    for folder in (start, *start.parents):
        dot = folder / FILES[0]
        if dot.is_file():
            return dot
        py = folder / FILES[1]
        if py.is_file() and _has_table(py):
            return py
    return None


def _has_table(path: Path) -> bool:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    # [[tool.factcheck]] too: found, then refused as not a table, never silently passed over
    return regex.search(r"(?m)^\s*\[\[?\s*tool\.factcheck\s*[\].]|^\s*tool\.factcheck\.", text) is not None


def load(path: Path, cwd: Path | None = None) -> ConfigFile:
    """Read and validate one config file; InputError names file:line for a syntax error, unknown key or bad value."""
    cwd = cwd or Path.cwd()
    label = _label(path, cwd)
    text = read_utf8(path, "config", label)
    if text.startswith("\ufeff"):   # editors on Windows save one; TOML has no place for it
        text = text[1:]
    try:
        data = tomllib.loads(text)
    except RecursionError:
        raise InputError(f"{label}: invalid TOML: nested too deeply") from None
    except tomllib.TOMLDecodeError as e:
        msg = str(e)
        m = _TOML_POS.search(msg)
        where = f"{label}:{m.group(1)}:{m.group(2)}" if m else label
        raise InputError(f"{where}: invalid TOML: {_TOML_POS.sub('', msg).strip()}") from None
    in_pyproject = path.name == FILES[1]
    table = data
    if in_pyproject:
        tool = data.get("tool", {})
        table = tool.get("factcheck", {}) if isinstance(tool, dict) else {}
        if not isinstance(table, dict):
            raise InputError(f"{label}:{_key_line(text, 'factcheck', 'tool')}: tool.factcheck must be a table")
    section = "tool.factcheck" if in_pyproject else None
    lines = {k: _key_line(text, k, section) for k in table}
    values = {}
    for key, value in table.items():
        where = f"{label}:{lines[key]}"
        if key not in DEFAULTS:
            raise InputError(f"{where}: unknown key {key!r} (expected one of {', '.join(DEFAULTS)})")
        values[key] = _check(key, value, where)
        if key in PATH_KEYS and values[key] is not None:
            values[key] = _relocate(values[key], path.parent, cwd)
    return ConfigFile(path, values, lines)


def _check(key: str, value, where: str):
    if key in ("paths", "exclude", "rules"):
        if not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            raise InputError(f"{where}: {key} must be a list of strings, got {_toml(value)}")
    elif key in ("baseline", "report-dir", "manifest"):
        if not isinstance(value, str) or not value:
            raise InputError(f"{where}: {key} must be a path string, got {_toml(value)}")
    elif key == "fail-on":
        if value not in FAIL_ON:
            raise InputError(f"{where}: fail-on must be one of {', '.join(FAIL_ON)}, got {_toml(value)}")
    elif key == "jobs":
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise InputError(f"{where}: jobs must be a whole number of at least 1, got {_toml(value)}")
    elif key == "cache":
        if not isinstance(value, bool):
            raise InputError(f"{where}: cache must be true or false, got {_toml(value)}")
    return value


def _relocate(value, base: Path, cwd: Path):
    def one(p: str) -> str:
        full = Path(p) if Path(p).is_absolute() else base / p
        try:
            return Path(os.path.relpath(full, cwd)).as_posix()
        except ValueError:      # another drive on Windows
            return full.as_posix()
    return [one(v) for v in value] if isinstance(value, list) else one(value)


def _label(path: Path, cwd: Path) -> str:
    try:
        return Path(os.path.relpath(path, cwd)).as_posix()
    except ValueError:
        return path.as_posix()


def _key_line(text: str, key: str, section: str | None) -> int:
    # tomllib keeps no positions: find the key's line by scanning the file's own section.
    current = None
    header = regex.compile(r"^\s*\[\s*([^\]]+?)\s*\]")
    keyed = regex.compile(r"^\s*(?:\"|')?" + regex.escape(key) + r"(?:\"|')?\s*[=.]")
    dotted = regex.compile(r"^\s*" + regex.escape(f"{section}.{key}") + r"\s*[=.]") if section else None
    section_line = 1
    for n, line in enumerate(text.splitlines(), 1):
        h = header.match(line)
        if h:
            current = h.group(1).replace(" ", "")
            if current == section:
                section_line = n
            elif section and current == f"{section}.{key}" or (not section and current.split(".")[0] == key):
                return n
            continue
        if current == section and keyed.match(line):
            return n
        if dotted and current is None and dotted.match(line):
            return n
    return section_line


def _toml(value) -> str:
    return json.dumps(value, ensure_ascii=False) if not isinstance(value, bool) else str(value).lower()


def effective(given: dict[str, object], cfg: ConfigFile | None, cwd: Path | None = None) -> dict[str, Setting]:
    """Every setting with its source: flags given on the command line, then the file, then defaults."""
    cwd = cwd or Path.cwd()
    out = {}
    for key, default in DEFAULTS.items():
        if given.get(key) is not None:
            out[key] = Setting(given[key], "command line")
        elif cfg is not None and key in cfg.values:
            out[key] = Setting(cfg.values[key], f"{_label(cfg.path, cwd)}:{cfg.lines[key]}")
        else:
            out[key] = Setting(default, "default")
    return out


def describe(settings: dict[str, Setting], cfg: ConfigFile | None, cwd: Path | None = None) -> str:
    """The effective configuration as TOML-like lines, each with where its value came from."""
    cwd = cwd or Path.cwd()
    head = f"# config file: {_label(cfg.path, cwd)}" if cfg else "# config file: none found (defaults and flags only)"
    rows = []
    for key, s in settings.items():
        plain = [str(v) for v in s.value] if isinstance(s.value, list) and key in PATH_KEYS else s.value
        value = "unset" if s.value is None else _toml(str(plain) if isinstance(plain, Path) else plain)
        rows.append((f"{key} = {value}", s.source))
    width = max(len(r[0]) for r in rows)
    return "\n".join([head] + [f"{a:<{width}}  # {b}" for a, b in rows]) + "\n"
