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
