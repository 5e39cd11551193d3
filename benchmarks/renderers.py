"""The atlas at a million points (issue 26): its 2-D renderer chosen by measurement.

Run (the first line once: it needs the npm registry; the second is offline):

    .venv/bin/python benchmarks/renderers.py --build
    .venv/bin/python benchmarks/renderers.py [--sizes 50000,400000,1000000] [--candidates regl-scatterplot,...]

``--build`` installs pinned packages from the npm registry into a temporary folder (``npm install --prefix``,
``npm pack``) and writes ONE self-contained classic script per candidate (an IIFE exposing a global) into
benchmarks/results/renderers/ (git-ignored), with ``bundles.json``: versions, sizes, SHA-256 and the licence of
every package that went into each bundle (from esbuild's metafile), and the licence texts under ``licenses/``:

- ``regl-scatterplot`` 1.16.0 and its dependencies, bundled by esbuild (global ``reglScatterplot``); measured
  twice: as the atlas would draw (round, alpha-blended points) and as ``regl-scatterplot-perf`` (its
  ``performanceMode``: square points, no blending);
- ``deck.gl`` 9.4.0's published ``dist.min.js`` (self-contained, global ``deck``);
- ``deck.gl-slim``: ``@deck.gl/core`` + ``@deck.gl/layers`` 9.4.0 bundled by esbuild (global ``deck``): what
  a vendored copy would carry (Deck, OrthographicView, ScatterplotLayer);
- ``plotly.js``: the baseline, today's atlas renderer, the full bundle of plotly.py (vizkit.render.plotlyjs).

The run makes synthetic maps (200 Gaussian clusters of uneven sizes, seeded; a label "w123456" and a category
per point), writes one offline page per candidate and size (benchmarks/renderers/page.html: the bundle inlined,
coordinates as a base64 Float32Array, the points coloured by category on a 1200 x 800 canvas, the JS of
benchmarks/renderers/*.js), and opens each in headless Chromium (benchmarks/_browser.py: Debian's Chromium,
``--disable-gpu`` so WebGL is SwiftShader's, the network blocked), a new browser per page:

- page and bundle size;
- open: navigation start to the first frame after the points are drawn (``bench.ready``);
- a person zooming and panning with the mouse, the renderer's own interaction: 8 wheel steps in (100 ms apart),
  3 drags (10 moves each, 30 ms apart), 8 wheel steps out; ``requestAnimationFrame`` timestamps in the page
  give the largest and the 95th-percentile gap between frames and the mean frames per second;
- search to highlight: ``bench.highlight(ids)`` (20 points of one neighbourhood drawn big and red, the rest
  dimmed, the view zoomed to them) until the next frame after it is drawn;
- the peak JS heap (``performance.memory.usedJSHeapSize``: the JS heap only, typed-array storage excluded).

SwiftShader draws on the CPU, so a frame costs in proportion to the points drawn (about 1 us a point for
regl-scatterplot, 25 us for deck.gl's instanced quads on a 2-core machine) and the numbers vary from run to run
(compare the ratios, and deck.gl with deck.gl-slim, whose drawing code is the same). A renderer that needs
seconds per frame gets fewer gesture steps (GESTURE_LIMIT_S; ``gesture_steps`` says how many of 57).

Results: benchmarks/results/renderers.json and Markdown tables on stdout (ratios to plotly.js too), with the
budgets of issue 26 checked. Screenshots of each page (drawn; highlighted) go to results/renderers/shots/.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from vizkit.render._vendor import bundled_packages, declared_rest, licence_texts, package_licence  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
HERE = ROOT / "benchmarks" / "renderers"
RESULTS = ROOT / "benchmarks" / "results"
OUT = RESULTS / "renderers"
SIZES = (50_000, 400_000, 1_000_000)
WIDTH, HEIGHT = 1200, 800

ESBUILD = "esbuild@0.28.2"
PACKAGES = ["regl-scatterplot@1.16.0", "@deck.gl/core@9.4.0", "@deck.gl/layers@9.4.0", ESBUILD]
DECK = "deck.gl@9.4.0"

# name -> bundle file (None: plotly.py's full plotly.js), page script, coordinate layout, renderer options.
# regl-scatterplot-perf is the same bundle with its documented performanceMode (square points, no alpha
# blending: what its README advises past two million points).
CANDIDATES = {
    "regl-scatterplot": ("regl-scatterplot.min.js", "regl-scatterplot.js", "normalized", {}),
    "regl-scatterplot-perf": ("regl-scatterplot.min.js", "regl-scatterplot.js", "normalized",
                              {"performanceMode": True}),
    "deck.gl": ("deck.gl.min.js", "deck.js", "interleaved", {}),
    "deck.gl-slim": ("deck.gl-slim.min.js", "deck.js", "interleaved", {}),
    "plotly.js": (None, "plotly.js", "planar", {}),
}

# issue 26: N -> page MB, open s, largest gap ms, p95 gap ms, search-to-highlight ms
BUDGETS = {50_000: (6, 3, 100, None, 100), 400_000: (16, 8, 250, 120, 200), 1_000_000: (32, 10, 500, 250, 300)}


# ------------------------------------------------------------------------------------------------ build

def _run(cmd, cwd):
    print("$", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run(cmd, cwd=cwd, check=True)


def _licenses(metafile: Path, modules: Path, dest: Path) -> dict:
    """package@version -> licence of every npm package with a file in an esbuild bundle; texts copied to dest."""
    out = {}
    for name, pkg_dir in bundled_packages(metafile, modules).items():
        spec, licence = package_licence(pkg_dir)
        out[spec] = licence
        _copy_license(pkg_dir, dest / name.replace("/", "+"))
    return out


def _declared_rest(packages: dict, modules: Path) -> dict:
    """The dependencies already inside a bundled package's own dist (see vizkit.render._vendor.declared_rest)."""
    return dict(package_licence(d) for d in declared_rest({p.rsplit("@", 1)[0] for p in packages}, modules).values())


def _copy_license(pkg_dir: Path, dest: Path):
    for f in licence_texts(pkg_dir):
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(f, dest.with_name(dest.name + "-" + f.name))


def build():
    """npm packages -> one self-contained IIFE bundle per candidate in OUT, described in OUT/bundles.json."""
    if not shutil.which("npm"):
        sys.exit("npm is needed for --build (Node 20+)")
    OUT.mkdir(parents=True, exist_ok=True)
    manifest = {}
    with tempfile.TemporaryDirectory(prefix="vizkit-renderers-") as tmp:
        tmp = Path(tmp)
        (tmp / "package.json").write_text('{"private": true}\n')
        _run(["npm", "install", "--no-audit", "--no-fund", "--save-exact", *PACKAGES], tmp)
        modules = tmp / "node_modules"
        esbuild = modules / ".bin" / "esbuild"
        for name, entry, glob in [("regl-scatterplot", "entry-regl-scatterplot.js", "reglScatterplot"),
                                  ("deck.gl-slim", "entry-deck-slim.js", "deck")]:
            shutil.copy(HERE / entry, tmp / entry)  # beside node_modules, where esbuild resolves the imports
            target = OUT / CANDIDATES[name][0]
            _run([str(esbuild), entry, "--bundle", "--minify", "--format=iife", f"--global-name={glob}",
                  "--platform=browser", "--target=es2020", "--legal-comments=eof",
                  "--define:process.env.NODE_ENV=\"production\"", f"--metafile={tmp / (name + '.meta.json')}",
                  f"--outfile={target}"], tmp)
            packages = _licenses(tmp / f"{name}.meta.json", modules, OUT / "licenses" / name)
            manifest[name] = {"file": target.name, "global": glob, "built_with": ESBUILD, "packages": packages,
                              "declared_not_in_metafile": _declared_rest(packages, modules)}
        # deck.gl's own browser bundle, as published
        _run(["npm", "pack", DECK, "--pack-destination", str(tmp)], tmp)
        tgz = next(tmp.glob("deck.gl-*.tgz"))
        with tarfile.open(tgz) as tar:
            tar.extractall(tmp / "deck.gl", filter="data")
        pkg = tmp / "deck.gl" / "package"
        shutil.copy(pkg / "dist.min.js", OUT / CANDIDATES["deck.gl"][0])
        meta = json.loads((pkg / "package.json").read_text())
        _copy_license(pkg, OUT / "licenses" / "deck.gl" / "deck.gl")
        manifest["deck.gl"] = {"file": CANDIDATES["deck.gl"][0], "global": "deck", "built_with": "published dist.min.js",
                               "packages": {f"deck.gl@{meta['version']}": meta["license"]},
                               "note": "deck.gl's own webpack/esbuild bundle of all its modules (loaders.gl, luma.gl,"
                                       " math.gl...), all MIT"}
    for name, entry in manifest.items():
        raw = (OUT / entry["file"]).read_bytes()
        entry.update(bytes=len(raw), sha256=hashlib.sha256(raw).hexdigest())
    (OUT / "bundles.json").write_text(json.dumps(manifest, indent=2))
    for name, entry in manifest.items():
        print(f"{name}: {entry['file']} {entry['bytes'] / 1e6:.2f} MB; licences: "
              f"{sorted(set(map(str, entry['packages'].values())))}")


def bundle_text(name: str) -> str:
    file = CANDIDATES[name][0]
    if file is None:
        sys.path.insert(0, str(ROOT))
        from vizkit.render import plotlyjs

        return plotlyjs.source(plotlyjs.FULL)
    path = OUT / file
    if not path.exists():
        sys.exit(f"{path} is missing: run  .venv/bin/python benchmarks/renderers.py --build  first")
    return path.read_text(encoding="utf-8")


def plotly_info() -> dict:
    from plotly.offline import get_plotlyjs_version

    lic = ROOT / "vizkit" / "render" / "vendor" / "LICENSE-plotly.js.txt"
    first = lic.read_text().splitlines()[0] if lic.exists() else "MIT"
    return {"file": "plotly.py's plotly.min.js (full)", "global": "Plotly",
            "packages": {f"plotly.js@{get_plotlyjs_version()}": "MIT"}, "license_file": first,
            "bytes": len(bundle_text("plotly.js").encode())}


# ------------------------------------------------------------------------------------------------ data

def make_data(n: int, seed: int = 26, clusters: int = 200):
    """n points in ``clusters`` 2-D Gaussian clusters of uneven sizes: xy (n, 2) float32, cat (n,) uint8, labels."""
    rng = np.random.default_rng(seed)
    weights = rng.lognormal(0.0, 1.0, clusters)
    sizes = rng.multinomial(n, weights / weights.sum())
    centres = rng.uniform(-100, 100, (clusters, 2))
    spread = rng.uniform(0.8, 6.0, (clusters, 2))
    cat = np.repeat(np.arange(clusters), sizes)
    xy = centres[cat] + rng.standard_normal((n, 2)) * spread[cat]
    order = rng.permutation(n)  # clusters interleaved in drawing order, as words of a vocabulary are
    xy, cat = xy[order].astype(np.float32), cat[order].astype(np.uint8)
    labels = [f"w{i:06d}" for i in range(n)]
    return xy, cat, labels


def neighbourhood(xy: np.ndarray, cat: np.ndarray, k: int = 20, seed: int = 26) -> list[int]:
    """A search's answer: a point of a middling cluster and its k-1 nearest points."""
    rng = np.random.default_rng(seed + 1)
    counts = np.bincount(cat)
    middling = np.argsort(counts)[len(counts) // 2]
    q = rng.choice(np.flatnonzero(cat == middling))
    d2 = ((xy - xy[q]) ** 2).sum(axis=1)
    return [int(i) for i in np.argsort(d2)[:k]]


def write_page(name: str, n: int, xy, cat, labels, path: Path) -> dict:
    layout = CANDIDATES[name][2]
    lo, hi = xy.min(axis=0), xy.max(axis=0)
    if layout == "interleaved":
        coords = xy
    elif layout == "planar":
        coords = np.concatenate([xy[:, 0], xy[:, 1]])
    else:  # regl-scatterplot wants [-1, 1] on both axes
        norm = 2 * (xy - lo) / (hi - lo) - 1
        coords = np.concatenate([norm[:, 0], norm[:, 1]]).astype(np.float32)
    meta = {"n": n, "categories": int(cat.max()) + 1, "layout": layout, "width": WIDTH, "height": HEIGHT,
            "size": 3 if n <= 100_000 else 2, "opacity": 0.8 if n <= 50_000 else 0.6,  # as atlas.js
            "bounds": [float(lo[0]), float(hi[0]), float(lo[1]), float(hi[1])],
            "aspect": float((hi[0] - lo[0]) / (hi[1] - lo[1])), "options": CANDIDATES[name][3]}
    bundle = bundle_text(name)
    parts = {
        "title": f"{name}, {n:,} points",
        "width": str(WIDTH), "height": str(HEIGHT),
        "meta": json.dumps(meta),
        "xy": base64.b64encode(np.ascontiguousarray(coords, dtype="<f4").tobytes()).decode(),
        "cat": base64.b64encode(cat.tobytes()).decode(),
        "labels": "\n".join(labels),
        "bundle": _script_safe(bundle),
        "common": (HERE / "common.js").read_text(),
        "renderer": (HERE / CANDIDATES[name][1]).read_text(),
    }
    template = (HERE / "page.html").read_text()
    html = re.sub(r"\{\{(\w+)\}\}", lambda m: parts[m.group(1)], template)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(html, encoding="utf-8")
    return {"page_bytes": path.stat().st_size, "bundle_bytes": len(bundle.encode()),
            "coordinate_bytes": len(parts["xy"])}


def _script_safe(js: str) -> str:
    """JS that cannot end its <script> element early."""
    return re.sub(r"</(script)", r"<\\/\1", js, flags=re.I).replace("<!--", "<\\!--")


# ------------------------------------------------------------------------------------------------ measure

GESTURE_LIMIT_S = 60  # a renderer this slow has long failed every budget: stop feeding it events


def gesture_steps() -> list[tuple]:
    """A person zooming in with the wheel (8 steps), panning with three drags and zooming out again."""
    cx, cy = WIDTH / 2, HEIGHT / 2
    steps = [("move", cx, cy)] + [("wheel", -120)] * 8
    for (x0, y0), (x1, y1) in [((600, 400), (400, 300)), ((400, 300), (750, 550)), ((750, 550), (600, 400))]:
        steps += [("move", x0, y0), ("down",)]
        steps += [("drag", x0 + (x1 - x0) * s / 10, y0 + (y1 - y0) * s / 10) for s in range(1, 11)]
        steps += [("up",)]
    return steps + [("move", cx, cy)] + [("wheel", 120)] * 8


def gestures(page, steps: list[tuple] | None = None) -> int:
    """Make the ``steps`` (default :func:`gesture_steps`) with the mouse, with a person's pauses.

    Playwright waits for the page to take each event, so a renderer that needs seconds per frame makes this take
    minutes: after GESTURE_LIMIT_S no more events are sent. Returns how many steps were made."""
    start, done, pressed = time.perf_counter(), 0, False
    for step in gesture_steps() if steps is None else steps:
        if time.perf_counter() - start > GESTURE_LIMIT_S:
            if pressed:
                page.mouse.up()
            break
        kind = step[0]
        if kind == "wheel":
            page.mouse.wheel(0, step[1])
            page.wait_for_timeout(100)
        elif kind in ("move", "drag"):
            page.mouse.move(step[1], step[2])
            page.wait_for_timeout(30 if kind == "drag" else 0)
        elif kind == "down":
            page.mouse.down()
            pressed = True
        else:
            page.mouse.up()
            pressed = False
            page.wait_for_timeout(100)
        done += 1
    return done


def frame_stats(frames: list[float]) -> dict:
    t = np.asarray(frames)
    if len(t) < 2:
        return {"frames": len(t), "max_gap_ms": None, "p95_gap_ms": None, "fps": None}
    gaps = np.diff(t)
    return {"frames": len(t), "max_gap_ms": float(gaps.max()), "p95_gap_ms": float(np.percentile(gaps, 95)),
            "fps": float((len(t) - 1) / (t[-1] - t[0]) * 1000), "gesture_s": float((t[-1] - t[0]) / 1000)}


def measure(path: Path, ids: list[int], shots: Path) -> dict:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from _browser import chromium, offline_context

    with chromium() as browser:
        context = offline_context(browser)
        page = context.new_page()
        errors, blocked = [], []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("requestfailed", lambda r: blocked.append(r.url))
        page.goto(path.as_uri(), wait_until="load", timeout=600_000)
        page.wait_for_function("() => window.bench && window.bench.readyAt !== null", timeout=600_000, polling=50)
        row = {"open_s": page.evaluate("() => bench.readyAt") / 1000}
        row["webgl"] = page.evaluate("""() => { const c = document.createElement('canvas'), g = c.getContext('webgl2');
            const e = g && g.getExtension('WEBGL_debug_renderer_info');
            return g ? (e ? g.getParameter(e.UNMASKED_RENDERER_WEBGL) : 'webgl2') : 'none'; }""")
        page.screenshot(path=str(shots.with_name(shots.name + "-drawn.png")))
        page.wait_for_timeout(1000)  # a person looks at the map before reaching for the mouse
        page.evaluate("() => bench.record()")
        row["gesture_steps"] = gestures(page)
        page.wait_for_timeout(200)
        row.update(frame_stats(page.evaluate("() => bench.stop()")))
        page.wait_for_timeout(500)
        hl = page.evaluate("(ids) => bench.timeHighlight(ids)", ids)
        row.update(highlight_ms=hl["frame_ms"], highlight_drawn_ms=hl["drawn_ms"])
        page.wait_for_timeout(300)
        page.screenshot(path=str(shots.with_name(shots.name + "-highlighted.png")))
        heap = page.evaluate("() => bench.heap()")
        row["heap_mb"] = heap / 1e6 if heap else None
        row["errors"] = errors + page.evaluate("() => bench.errors")
        row["blocked_requests"] = blocked
        context.close()
    return row


# ------------------------------------------------------------------------------------------------ report

def _f(v, fmt):
    return "–" if v is None else format(v, fmt)


def verdicts(r: dict) -> list[str]:
    b = BUDGETS.get(r["n"])
    if not b or r.get("open_s") is None:
        return []
    page_mb, open_s, gap, p95, search = b
    fails = []
    if r["page_bytes"] / 1e6 > page_mb:
        fails.append(f"page>{page_mb}MB")
    if r["open_s"] >= open_s:
        fails.append(f"open>={open_s}s")
    if r["max_gap_ms"] is not None and r["max_gap_ms"] > gap:
        fails.append(f"gap>{gap}")
    if p95 is not None and r["p95_gap_ms"] is not None and r["p95_gap_ms"] > p95:
        fails.append(f"p95>{p95}")
    if r["highlight_ms"] >= search:
        fails.append(f"search>={search}")
    return fails


def table(rows: list[dict]) -> str:
    out = ["| candidate | N | page MB | bundle MB | open s | max gap ms | p95 gap ms | fps | highlight ms | "
           "peak JS heap MB | budgets missed |", "|" + "---|" * 11]
    for r in rows:
        if "error" in r:
            out.append(f"| {r['candidate']} | {r['n']:,} | " + " | ".join(["–"] * 8) + f" | FAILED: {r['error']} |")
            continue
        miss = verdicts(r)
        out.append(f"| {r['candidate']} | {r['n']:,} | {r['page_bytes'] / 1e6:.1f} | {r['bundle_bytes'] / 1e6:.2f} | "
                   f"{_f(r['open_s'], '.2f')} | {_f(r['max_gap_ms'], '.0f')} | {_f(r['p95_gap_ms'], '.0f')} | "
                   f"{_f(r['fps'], '.1f')} | {_f(r['highlight_ms'], '.0f')} | {_f(r['heap_mb'], '.0f')} | "
                   f"{', '.join(miss) or 'none'} |")
    base = {r["n"]: r for r in rows if r["candidate"] == "plotly.js" and "error" not in r}
    if base:
        out += ["", "Ratios to plotly.js at the same N (open and gaps: lower is better; fps: higher is better):", "",
                "| candidate | N | open | max gap | p95 gap | fps | highlight |", "|" + "---|" * 7]
        for r in rows:
            b = base.get(r["n"])
            if r["candidate"] == "plotly.js" or not b or "error" in r:
                continue

            def ratio(key):
                return "–" if not r.get(key) or not b.get(key) else f"{r[key] / b[key]:.2f}"

            out.append(f"| {r['candidate']} | {r['n']:,} | {ratio('open_s')} | {ratio('max_gap_ms')} | "
                       f"{ratio('p95_gap_ms')} | {ratio('fps')} | {ratio('highlight_ms')} |")
    return "\n".join(out)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--build", action="store_true", help="install the npm packages and write the bundles, then stop")
    ap.add_argument("--sizes", default=",".join(map(str, SIZES)))
    ap.add_argument("--candidates", default=",".join(CANDIDATES))
    args = ap.parse_args(argv)
    if args.build:
        build()
        return
    names = args.candidates.split(",")
    for name in names:
        if name not in CANDIDATES:
            sys.exit(f"unknown candidate {name!r}: one of {', '.join(CANDIDATES)}")
    manifest = json.loads((OUT / "bundles.json").read_text()) if (OUT / "bundles.json").exists() else {}
    if "plotly.js" in names:
        manifest["plotly.js"] = plotly_info()
    if "regl-scatterplot" in manifest:
        manifest["regl-scatterplot-perf"] = dict(manifest["regl-scatterplot"], options={"performanceMode": True})
    report = {"machine": {"python": platform.python_version(), "platform": platform.platform(),
                          "cpus": __import__("os").cpu_count()},
              "bundles": {k: v for k, v in manifest.items() if k in names}, "rows": []}
    for n in (int(s) for s in args.sizes.split(",")):
        xy, cat, labels = make_data(n)
        ids = neighbourhood(xy, cat)
        for name in names:  # every candidate at this size, one after the other, in one run
            path = OUT / "pages" / f"{name}-{n}.html"
            row = {"candidate": name, "n": n}
            row.update(write_page(name, n, xy, cat, labels, path))
            try:
                row.update(measure(path, ids, OUT / "shots" / f"{name}-{n}"))
            except Exception as e:  # a candidate that cannot draw this size: say so and go on
                row["error"] = f"{type(e).__name__}: {str(e).splitlines()[0][:200]}"
            report["rows"].append(row)
            print(f"{name} {n:,}: " + ", ".join(f"{k}={v:.4g}" if isinstance(v, float) else f"{k}={v}"
                                                for k, v in row.items() if k not in ("candidate", "n")), flush=True)
        del xy, cat, labels
    report["budgets"] = {str(k): dict(zip(["page_mb", "open_s", "max_gap_ms", "p95_gap_ms", "search_ms"], v))
                         for k, v in BUDGETS.items()}
    report["time"] = time.strftime("%Y-%m-%d %H:%M:%S")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "renderers.json").write_text(json.dumps(report, indent=2))
    print()
    print(table(report["rows"]))
    print(f"\nwritten to {RESULTS / 'renderers.json'}")


if __name__ == "__main__":
    main()
