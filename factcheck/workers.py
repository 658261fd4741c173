"""Worker processes: the guard every pool's workers start with (imports nothing of factcheck)."""
from __future__ import annotations

import os

PR_SET_PDEATHSIG = 1   # prctl(2) option: the signal a process gets when its parent dies


def die_with_parent(parent: int) -> None:
    """A worker ends when the process that started it is gone (killed with -9, out of memory):
    a pool's workers otherwise wait on their task queue for ever. Linux says so with a signal;
    elsewhere the pool's own shutdown is all there is."""
    import signal
    import sys

    if sys.platform.startswith("linux"):
        import ctypes
        try:
            ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
        except (OSError, AttributeError):
            return
    if os.getppid() != parent:   # the parent died before the signal was asked for
        os._exit(1)
