"""Vendor plotly's partial bundles again from the npm registry: ``make vendor-plotly`` (maintainers only).

Run after upgrading plotly.py: it packs ``plotly.js-<name>-dist-min@<version>`` for the plotly.js version
plotly.py ships, checks each tarball against the registry's integrity, copies the bundle and its licence
into ``vendor/`` and rewrites ``vendor/plotly.json``. Pages never fetch anything: they read these files.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .._fetch.npm import fetch

VENDOR = Path(__file__).resolve().parent / "vendor"
TRACES = {"basic": ["bar", "pie", "scatter"],
          "cartesian": ["bar", "box", "contour", "heatmap", "histogram", "histogram2d", "histogram2dcontour", "image",
                        "pie", "scatter", "scatterternary", "violin"],
          "gl3d": ["cone", "isosurface", "mesh3d", "scatter", "scatter3d", "streamtube", "surface", "volume"]}


def main() -> int:
    from plotly.offline import get_plotlyjs_version

    version = get_plotlyjs_version()
    manifest = {"version": version, "licence": "MIT (LICENSE-plotly.js.txt)",
                "source": "npm registry: npm pack <package>@<version>", "bundles": {}}
    for name, traces in TRACES.items():
        package = f"plotly.js-{name}-dist-min"
        integrity = subprocess.run(["npm", "view", f"{package}@{version}", "dist.integrity"], capture_output=True,
                                   text=True, check=True).stdout.strip()
        with tempfile.TemporaryDirectory() as tmp:
            folder = fetch(f"{package}@{version}", Path(tmp), integrity=integrity)
            shutil.copyfile(folder / f"plotly-{name}.min.js", VENDOR / f"plotly-{name}.min.js")
            shutil.copyfile(folder / "LICENSE", VENDOR / "LICENSE-plotly.js.txt")
        raw = (VENDOR / f"plotly-{name}.min.js").read_bytes()
        manifest["bundles"][name] = {"package": package, "file": f"plotly-{name}.min.js", "integrity": integrity,
                                     "sha256": hashlib.sha256(raw).hexdigest(), "traces": traces}
        print(f"{package}@{version}: {len(raw) / 1e6:.2f} MB", file=sys.stderr)
    (VENDOR / "plotly.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
