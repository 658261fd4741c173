"""Packaging: the default rule packs are package data (`factcheck.packs`, the source tree's rules/),
found through importlib.resources, and every package folder is in the wheel's package list.

The built wheel itself is installed into a fresh venv and run by .ci/run (too slow for pytest).
"""
from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from importlib import resources
from pathlib import Path

from factcheck.rulepack import default_pack_dir, load_rules

ROOT = Path(__file__).resolve().parent.parent
PACKS = sorted(p.name for p in (ROOT / "rules").glob("*.yaml"))


def test_default_packs_are_package_data():
    found = sorted(p.name for p in resources.files("factcheck.packs").iterdir() if p.name.endswith(".yaml"))
    assert found == PACKS
    assert default_pack_dir() == Path(resources.files("factcheck.packs"))
    packs = load_rules().packs
    assert len(packs) == len(PACKS) and {"checks", "default", "gazetteer", "lexicon"} <= set(packs)


def test_default_packs_load_outside_the_source_tree(tmp_path):
    # From another working directory the packs still come from the installed package, not a
    # path relative to where factcheck was started.
    code = ("import json, factcheck.rulepack as r; "
            "print(json.dumps([str(r.default_pack_dir()), list(r.load_rules().packs)]))")
    res = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    where, packs = json.loads(res.stdout)
    assert len(packs) == len(PACKS) and {"checks", "default", "gazetteer", "lexicon"} <= set(packs)
    assert sorted(p.name for p in Path(where).glob("*.yaml")) == PACKS


def test_every_package_folder_is_listed_in_pyproject():
    # packages.find cannot see rules/ mapped as factcheck.packs, so pyproject.toml lists the
    # packages by hand; a new subpackage missing from that list would be missing from the wheel.
    setuptools = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]
    on_disk = {".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "factcheck").rglob("__init__.py")}
    assert set(setuptools["packages"]) == on_disk | {"factcheck.packs"}
    assert setuptools["package-dir"] == {"factcheck.packs": "rules"}
    assert (ROOT / "rules" / "__init__.py").is_file()
