"""Where the benchmark scripts write their numbers: benchmarks/results/<name>-<time>.json (not committed)."""

from __future__ import annotations

import json
import time
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "results"


def save(name: str, report) -> Path:
    """Write ``report`` as JSON to a new time-stamped file, say where, and return its path."""
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"{name}-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(report, indent=2))
    print(f"\nwritten to {path}")
    return path


# A child process writes its own peak resident memory (VmHWM, kB) to the file named by its first argument when it
# exits: the ru_maxrss that wait4 reports for a forked child starts from the parent's peak (Linux keeps it across
# fork and exec). Prepend this to the child's code.
PEAK = """import atexit, sys
def _peak(path=sys.argv.pop(1)):
    with open("/proc/self/status") as fh:
        kb = next(line.split()[1] for line in fh if line.startswith("VmHWM:"))
    with open(path, "w") as out:
        out.write(kb)
atexit.register(_peak)
"""
