"""Faults (issue 16): a run killed with -9 leaves no worker behind."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc; the signal is Linux's")


def _children(pid: int) -> set[int]:
    out = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            out |= {int(x) for x in (task / "children").read_text().split()}
        except OSError:
            pass
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_workers_end_when_the_run_is_killed(tmp_path):
    for i in range(400):
        (tmp_path / f"a{i:03}.txt").write_text(
            f"The storm killed {i + 3} people in Tobar on Monday and injured {2 * i + 7}, police said. "
            f"About {1000 + 17 * i} homes lost power for {i % 9 + 2} days, and {i % 40 + 3}% of roads closed.\n" * 20)
    run = subprocess.Popen([sys.executable, "-m", "factcheck", "check", str(tmp_path), "--jobs", "2",
                            "--no-cache", "--no-report"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(workers) < 2 and run.poll() is None:
        workers |= _children(run.pid)
        time.sleep(0.05)
    assert workers, "the run ended before its workers could be seen"
    os.kill(run.pid, signal.SIGKILL)
    run.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(w) for w in workers):
        time.sleep(0.1)
    left = [w for w in workers if _alive(w)]
    for w in left:   # never leave them to the next test
        os.kill(w, signal.SIGKILL)
    assert left == []


def test_a_full_disk_under_stdout_is_one_line_and_exit_2(tmp_path):
    (tmp_path / "a.txt").write_text("The flood killed 41 people.\n")
    (tmp_path / "b.txt").write_text("The flood killed 47 people.\n")
    with open("/dev/full", "w") as full:
        done = subprocess.run([sys.executable, "-m", "factcheck", "check", str(tmp_path), "--no-cache", "--no-report"],
                              stdout=full, stderr=subprocess.PIPE, text=True, timeout=120)
    assert done.returncode == 2
    assert done.stderr.strip() == "factcheck: error: cannot write the output: No space left on device"
