"""Vendor the front end's libraries again from the npm registry (maintainers only; pages never fetch anything).

``make vendor-plotly`` (``python -m vizkit.render._vendor plotly``), after upgrading plotly.py: packs
``plotly.js-<name>-dist-min@<version>`` for the plotly.js version plotly.py ships, checks each tarball against
the registry's integrity, copies the bundle and its licence into ``vendor/`` and rewrites ``vendor/plotly.json``.

``make vendor-js`` (``python -m vizkit.render._vendor js``): installs ``vendor-js/package.json`` exactly as
``vendor-js/package-lock.json`` pins it (``npm ci``: every tarball checked against its integrity), bundles each
entry of ``vendor-js/`` with esbuild into one classic script in ``vendor/`` (regl-scatterplot: the global
``reglScatterplot``), gathers the licence texts of every package inside the bundle, and writes
``vendor/<name>.json`` (packages, licences, SHA-256), which :mod:`vizkit.render.vendored` checks on load.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .._fetch.npm import fetch

VENDOR = Path(__file__).resolve().parent / "vendor"
SOURCES = Path(__file__).resolve().parents[2] / "vendor-js"  # package.json, package-lock.json, the entries
#: bundle name -> (entry in vendor-js/, the global it sets)
ENTRIES = {"regl-scatterplot": ("regl-scatterplot.js", "reglScatterplot")}
#: code a bundled package copied into its own sources (its notice there is a comment the minifier drops)
COPIED = {"regl-scatterplot": {"kdbush@4.0.2": ("ISC", "copied into regl-scatterplot/src/kdbush-class.js", """\
ISC License

Copyright (c) 2018, Vladimir Agafonkin

Permission to use, copy, modify, and/or distribute this software for any purpose
with or without fee is hereby granted, provided that the above copyright notice
and this permission notice appear in all copies.

THE SOFTWARE IS PROVIDED "AS IS" AND THE AUTHOR DISCLAIMS ALL WARRANTIES WITH
REGARD TO THIS SOFTWARE INCLUDING ALL IMPLIED WARRANTIES OF MERCHANTABILITY AND
FITNESS. IN NO EVENT SHALL THE AUTHOR BE LIABLE FOR ANY SPECIAL, DIRECT,
INDIRECT, OR CONSEQUENTIAL DAMAGES OR ANY DAMAGES WHATSOEVER RESULTING FROM LOSS
OF USE, DATA OR PROFITS, WHETHER IN AN ACTION OF CONTRACT, NEGLIGENCE OR OTHER
TORTIOUS ACTION, ARISING OUT OF OR IN CONNECTION WITH THE USE OR PERFORMANCE OF
THIS SOFTWARE.""")}}
TRACES = {"basic": ["bar", "pie", "scatter"],
          "cartesian": ["bar", "box", "contour", "heatmap", "histogram", "histogram2d", "histogram2dcontour", "image",
                        "pie", "scatter", "scatterternary", "violin"],
          "gl3d": ["cone", "isosurface", "mesh3d", "scatter", "scatter3d", "streamtube", "surface", "volume"]}


def plotly() -> int:
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


def bundled_packages(metafile: Path, modules: Path) -> dict:
    """package name -> its folder, for every npm package with a file in an esbuild bundle (its metafile)."""
    found = {}
    for path in json.loads(metafile.read_text())["inputs"]:
        m = re.match(r"(?:.*/)?node_modules/((?:@[^/]+/)?[^/]+)/", path)
        if m and m.group(1) not in found:
            found[m.group(1)] = modules / m.group(1)
    return dict(sorted(found.items()))


def declared_rest(names, modules: Path) -> dict:
    """Dependencies the bundled packages declare that esbuild did not read: already inside a package's own dist
    (regl-scatterplot's rollup build embeds its camera, kdbush, gl-matrix...) or not used. name -> folder."""
    out = {}
    for name in sorted(names):
        for dep in json.loads((modules / name / "package.json").read_text()).get("dependencies", {}):
            found = [d for d in (modules / name / "node_modules" / dep, modules / dep) if (d / "package.json").exists()]
            if dep not in names and found:
                out[dep] = found[0]
    return out


def licence_texts(pkg_dir: Path) -> list[Path]:
    """A package's licence files (LICENSE, LICENCE, COPYING...)."""
    return [f for f in sorted(pkg_dir.iterdir()) if re.match(r"(?i)licen[cs]e|copying", f.name) and f.is_file()]


def package_licence(pkg_dir: Path) -> tuple[str, str]:
    """``name@version`` and the licence its package.json declares."""
    meta = json.loads((pkg_dir / "package.json").read_text())
    return f"{meta['name']}@{meta['version']}", str(meta.get("license") or meta.get("licenses"))


def js() -> int:
    """vendor-js/ -> one bundle per entry in vendor/, with its licences and manifest."""
    if not shutil.which("npm"):
        sys.exit("npm (Node 20+) is needed to vendor the front end's libraries")
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund"], cwd=SOURCES, check=True)
    modules = SOURCES / "node_modules"
    esbuild = json.loads((SOURCES / "package.json").read_text())["devDependencies"]["esbuild"]
    for name, (entry, glob) in ENTRIES.items():
        target, meta = VENDOR / f"{name}.min.js", SOURCES / f"{name}.meta.json"
        subprocess.run([str(modules / ".bin" / "esbuild"), entry, "--bundle", "--minify", "--format=iife",
                        "--platform=browser", "--target=es2020", "--legal-comments=none", "--charset=utf8",
                        '--define:process.env.NODE_ENV="production"', f"--metafile={meta}", f"--outfile={target}"],
                       cwd=SOURCES, check=True)
        inside = bundled_packages(meta, modules)
        meta.unlink()
        embedded = declared_rest(inside, modules)
        texts, packages = [], {}
        for label, folder in [("bundled", d) for d in inside.values()] + [("embedded in a bundled package's dist", d)
                                                                          for d in embedded.values()]:
            spec, licence = package_licence(folder)
            packages[spec] = licence
            for f in licence_texts(folder):
                texts.append(f"==== {spec} ({licence}; {label}): {f.name}\n\n{f.read_text(encoding='utf-8').strip()}\n")
        for spec, (licence, where, text) in COPIED.get(name, {}).items():
            packages[spec] = licence
            texts.append(f"==== {spec} ({licence}; {where})\n\n{text}\n")
        (VENDOR / f"LICENSE-{name}.txt").write_text("\n".join(texts), encoding="utf-8")
        raw = target.read_bytes()
        manifest = {"file": target.name, "global": glob, "built_with": f"esbuild@{esbuild}",
                    "source": "vendor-js/package-lock.json (npm ci), vendor-js/" + entry,
                    "licences": f"LICENSE-{name}.txt", "packages": packages,
                    "bytes": len(raw), "sha256": hashlib.sha256(raw).hexdigest()}
        (VENDOR / f"{name}.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
        print(f"{name}: {len(raw) / 1e3:.0f} KB; {', '.join(f'{p} ({lic})' for p, lic in packages.items())}",
              file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit({"plotly": plotly, "js": js}[sys.argv[1] if len(sys.argv) > 1 else "plotly"]())
