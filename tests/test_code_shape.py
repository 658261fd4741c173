"""The codebase stays readable in one look (issue: a newcomer finds their way): no function
of the package over 150 lines, and at most five over 80. A new long function has to be split,
or an old one split to make room for it."""
from __future__ import annotations

import ast
from pathlib import Path

import factcheck

LONG, VERY_LONG, LONG_ALLOWED = 80, 150, 5


def function_lengths() -> dict[str, int]:
    root = Path(factcheck.__file__).parent
    out = {}
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                out[f"{path.relative_to(root)}:{node.lineno} {node.name}"] = node.end_lineno - node.lineno + 1
    return out


def test_no_function_is_very_long():
    assert {k: n for k, n in function_lengths().items() if n > VERY_LONG} == {}


def test_few_functions_are_long():
    long = {k: n for k, n in function_lengths().items() if n > LONG}
    assert len(long) <= LONG_ALLOWED, long

