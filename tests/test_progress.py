"""Progress bar: drawn on a terminal only, only after about a second, never with -q; erased at the end."""
from __future__ import annotations

import io

from factcheck.progress import Progress, line


class Tty(io.StringIO):
    def isatty(self):
        return True


class Clock:
    def __init__(self):
        self.now = 100.0

    def __call__(self):
        return self.now


def test_line_shows_files_claims_and_rate():
    # 12 of 40 files is 30%: round(0.3 * 24) = 7 of 24 cells
    assert line(12, 40, 1234, 3.0) == "[#######.................] 12/40 files  1,234 claims  3.0 files/s"


def test_quiet_runs_and_fast_runs_draw_nothing():
    clock = Clock()
    tty = Tty()
    bar = Progress(tty, clock=clock)
    clock.now += 0.5
    bar(1, 2, 10)                        # under a second: nothing yet
    bar.close()
    assert tty.getvalue() == ""
    quiet = Progress(Tty(), verbosity=-1, clock=clock)
    clock.now += 5
    quiet(1, 2, 10)
    assert quiet.stream.getvalue() == ""


def test_not_a_terminal_draws_nothing():
    clock = Clock()
    pipe = io.StringIO()
    bar = Progress(pipe, clock=clock)
    clock.now += 5
    bar(1, 2, 10)
    assert pipe.getvalue() == ""


def test_slow_run_on_a_terminal_draws_and_erases():
    clock = Clock()
    tty = Tty()
    with Progress(tty, clock=clock) as bar:
        clock.now += 0.5
        bar(1, 5, 10)                    # under a second: not drawn, but the rate counts from here
        clock.now += 1.5
        bar(2, 5, 20)                    # 1 more file in 1.5 s
        clock.now += 0.01
        bar(3, 5, 30)                    # within 0.1 s of the last draw: skipped
        clock.now += 2.49
        bar(5, 5, 50)                    # 4 more files in 4 s; the last file always draws
    assert tty.getvalue() == (
        "\r[##########..............] 2/5 files  20 claims  0.7 files/s\x1b[K"
        "\r[########################] 5/5 files  50 claims  1.0 files/s\x1b[K"
        "\r\x1b[K")
