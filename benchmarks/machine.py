"""The machine a benchmark ran on: cores, CPU model, Python, factcheck version."""
from __future__ import annotations

import os
import platform


def machine() -> dict:
    model = platform.processor() or ""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:
        cores = os.cpu_count()
    try:
        from factcheck import __version__
    except ImportError:
        __version__ = "?"
    return {"nproc": cores, "cpu": model, "python": platform.python_version(),
            "platform": platform.platform(terse=True), "factcheck": __version__}
