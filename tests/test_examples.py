"""examples/README.md: every console transcript in the walk-through is what factcheck prints.

Each `$ command` runs in a copy of examples/ (so nothing is written into the checkout),
in order, with stderr merged into stdout as a terminal shows them. Timings and the pair
model's probability and evidence are compared by shape only: a refit moves them.
"""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
WALK = (ROOT / "examples" / "README.md").read_text(encoding="utf-8")


def _steps() -> list[tuple[str, str]]:
    out = []
    for block in re.findall(r"^```console\n(.*?)^```", WALK, re.S | re.M):
        for chunk in re.split(r"^\$ ", block, flags=re.M)[1:]:
            command, _, printed = chunk.partition("\n")
            out.append((command, printed))
    return out


def _shape(text: str) -> str:
    text = re.sub(r"in \d+\.\d+ s$", "in #.## s", text, flags=re.M)
    return re.sub(r"p = \d\.\d\d \([^)]*\)", "p = #.## (EVIDENCE)", text)


def test_walk_through_transcripts_are_what_factcheck_prints(tmp_path):
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    shim = tmp_path / "bin" / "factcheck"
    shim.parent.mkdir()
    shim.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m factcheck "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    env = {**os.environ, "PATH": f"{shim.parent}{os.pathsep}{os.environ.get('PATH', '')}",
           "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
    env.pop("NO_COLOR", None)
    steps = _steps()
    assert [c.split()[1] for c, _ in steps] == ["check", "check", "baseline", "check"]
    codes = []
    for command, expected in steps:
        done = subprocess.run(["bash", "-c", command], cwd=tmp_path, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, text=True, timeout=120)
        assert _shape(done.stdout) == _shape(expected), command
        codes.append(done.returncode)
    assert codes == [1, 1, 0, 0]          # the conflict fails the gate until the baseline accepts it
    assert (tmp_path / "reports" / "factcheck.html").is_file()
