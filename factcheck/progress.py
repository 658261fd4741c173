"""Progress on stderr: a one-line bar (files done / total, claims found, rate) for runs longer than about a second.

Silent unless the stream is a terminal, and silent with -q. Whoever extracts
calls the bar once per finished document: `progress(done, total, claims)`.
"""
from __future__ import annotations

import sys
import time

WIDTH = 24


class Progress:
    """A redrawn status line; nothing is drawn before `delay` seconds so quick runs stay quiet."""

    def __init__(self, stream=None, verbosity: int = 0, delay: float = 1.0, clock=time.monotonic):
        self.stream = stream if stream is not None else sys.stderr
        isatty = getattr(self.stream, "isatty", None)
        self.enabled = verbosity >= 0 and bool(isatty and isatty())
        self.delay, self.clock = delay, clock
        self.started = clock()
        self.last_draw = None
        self.first = None               # (time, done) at the first report: the rate counts from there
        self.drawn = False

    def __call__(self, done: int, total: int, claims: int) -> None:
        if not self.enabled:
            return
        now = self.clock()
        if self.first is None:
            self.first = (now, done)
        if now - self.started < self.delay:
            return
        if self.last_draw is not None and now - self.last_draw < 0.1 and done < total:
            return  # redraw at most ten times a second
        self.last_draw = now
        t0, d0 = self.first
        rate = (done - d0) / (now - t0) if now > t0 else 0.0
        self.stream.write("\r" + line(done, total, claims, rate) + "\x1b[K")
        self.stream.flush()
        self.drawn = True

    def close(self) -> None:
        """Erase the bar so the terminal shows only what the run printed."""
        if self.drawn:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.drawn = False

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def line(done: int, total: int, claims: int, rate: float) -> str:
    """`[#######.................] 12/40 files  1,234 claims  3.0 files/s`"""
    frac = done / total if total else 1.0
    filled = int(round(frac * WIDTH))
    width = len(str(total))
    return (f"[{'#' * filled}{'.' * (WIDTH - filled)}] {done:>{width}}/{total} files  "
            f"{claims:,} claims  {rate:.1f} files/s")
