"""The front end's own unit tests (``tests/js``, node's built-in runner), and its decoder fed a real page.

``node --test tests/js`` runs the decoders, search, suggestions, label placement, colourings and CSV of
``vizkit/render/js/atlas-core.js`` without a browser. Here the same runner also decodes the blocks that
``vizkit.atlas.page.page_data`` writes for a real GloVe atlas, so the two sides cannot drift apart.
"""

import json
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from vizkit.atlas import Atlas
from vizkit.atlas.page import PAGE_FORMAT, page_data, page_html
from vizkit.render import assets

ROOT = Path(__file__).resolve().parent.parent
NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="node (18+) is not installed: the JavaScript unit tests need it")


def _node_major() -> int:
    out = subprocess.run([NODE, "--version"], capture_output=True, text=True).stdout
    return int(re.match(r"v(\d+)", out).group(1))


def _run(env=None):
    import os

    if _node_major() < 18:
        pytest.skip("node 18+ runs the JavaScript unit tests (node --test)")
    return subprocess.run([NODE, "--test", str(ROOT / "tests" / "js")], capture_output=True, text=True, timeout=120,
                          cwd=ROOT, env={**os.environ, **(env or {})})


@needs_node
def test_node_runs_the_front_end_unit_tests():
    done = _run()
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    passed = int(re.search(r"^# pass (\d+)", done.stdout, re.M).group(1))
    assert passed >= 14 and "# fail 0" in done.stdout


@needs_node
def test_the_decoder_reads_what_python_writes(glove, tmp_path):
    words = [w for w in glove.words[:700] if w.isalpha()][:500] + ["bank", "bank"]  # a repeated label too
    atlas = Atlas(method="pca", levels=(4, 12), random_state=0).fit(glove.vectors(words))
    header, blocks = page_data(atlas, query="bank")
    (tmp_path / "blocks").mkdir()
    for name, raw in blocks.items():
        (tmp_path / "blocks" / name).write_bytes(raw)
    (tmp_path / "header.json").write_text(json.dumps(header), encoding="utf-8")
    packed = [m.groups() for m in re.finditer(r'data-block="(\w+)" data-bytes="(\d+)">(.*?)</script>',
                                               page_html(atlas, query="bank"), re.S)]  # the page's own text
    assert sorted(name for name, _, _ in packed) == sorted(blocks)
    (tmp_path / "packed.json").write_text(json.dumps([[name, text, int(nbytes)] for name, nbytes, text in packed]),
                                          encoding="utf-8")
    coords = np.asarray(atlas.coords_, dtype=np.float64)
    idx, _cos, kept = atlas.neighbour_table()
    span = coords.max(axis=0) - coords.min(axis=0)
    row = atlas.find("bank")[0] if not isinstance(atlas.find("bank"), (int, np.integer)) else atlas.find("bank")
    expected = {"labels": list(atlas.points.labels), "x": coords[:, 0].tolist(), "y": coords[:, 1].tolist(),
                "tolerance": (span / 65535 + 1e-5 * np.abs(coords).max(axis=0)).tolist(),
                "neighbours": idx.ravel().tolist(), "kept_counts": kept.sum(axis=1).tolist(), "query": "bank",
                "query_neighbours": [atlas.points.labels[j] for j in idx[int(row)]],
                "levels": [level.assignment.tolist() for level in atlas.clusters_]}
    (tmp_path / "expected.json").write_text(json.dumps(expected), encoding="utf-8")
    done = _run({"VIZKIT_ATLAS_FIXTURE": str(tmp_path)})
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "# skipped 0" in done.stdout  # the fixture test ran


def test_python_and_javascript_agree_on_the_data_format():
    assert re.search(r"var FORMAT = (\d+);", assets.text("atlas-core.js")).group(1) == str(PAGE_FORMAT)


def test_every_front_end_file_is_type_checked_javascript():
    for path in sorted((ROOT / "vizkit" / "render" / "js").glob("*.js")):
        assert path.read_text(encoding="utf-8").startswith("// @ts-check\n"), path.name


JS_IN_PYTHON = re.compile(r"addEventListener\(|function\s*\([^)]*\)\s*\{|document\.(getElementById|querySelector)"
                          r"|Plotly\.(animate|restyle|relayout|purge)\(|=>\s*\{")


def test_no_javascript_program_is_written_in_python():
    offenders = []
    for path in sorted((ROOT / "vizkit").rglob("*.py")):
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if JS_IN_PYTHON.search(line):
                offenders.append(f"{path.relative_to(ROOT)}:{i}: {line.strip()[:80]}")
    assert offenders == []


TSC = shutil.which("tsc")


@pytest.mark.skipif(TSC is None, reason="TypeScript's tsc is not installed (make check-js fetches it from npm)")
def test_the_front_end_type_checks():
    files = sorted(str(p) for p in (ROOT / "vizkit" / "render" / "js").glob("*.js"))
    done = subprocess.run([TSC, "--noEmit", "--allowJs", "--checkJs", "--target", "es2022", "--lib", "es2022,dom",
                           *files], capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stdout[-3000:]
