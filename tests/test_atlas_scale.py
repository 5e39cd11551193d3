"""A quarter of a million of one's own vectors as one atlas page (issue 26), in a real headless Chromium.

The budgets themselves (page size, open time, frame gaps, search time at 50k / 400k / 1M points) are measured by
``benchmarks/atlas.py`` and ``benchmarks/atlas_scale.py`` (numbers in docs/scale.md); here, what must hold at any
scale: the page's bytes per point, the true neighbours read back exactly by the page's JavaScript, the level of
detail switching to its sample while the map moves and back at rest, and a box around everything selecting
every point.
"""

from pathlib import Path

import numpy as np
import pytest

from vizkit.atlas import Atlas, write_page
from vizkit.formats import from_arrays

N = 250_000  # past the default level of detail's 200,000


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    rng = np.random.default_rng(0)  # 32-d vectors in 200 groups of uneven sizes, as benchmarks/atlas_scale.py makes
    group = rng.choice(200, size=N, p=rng.dirichlet(np.full(200, 2.0)))
    X = (rng.normal(size=(200, 32))[group] * 4.0 + rng.normal(size=(N, 32))).astype(np.float32)
    atlas = Atlas(method="pca", random_state=0).fit(from_arrays(X, labels=[f"p{i:06d}" for i in range(N)]))
    return atlas, Path(write_page(atlas, tmp_path_factory.mktemp("scale") / "atlas.html"))


def test_a_quarter_million_points_make_a_lean_page_whose_neighbours_read_back_exactly(big, offline_page):
    atlas, path = big
    assert path.stat().st_size / N < 40  # bytes a point (page format 5; a million t-SNE points: 31)
    page = offline_page.page
    page.goto(f"file://{path}")
    page.evaluate("() => window.vizkit.ready")
    idx, cos, kept = atlas.neighbour_table()
    rows = np.random.default_rng(1).choice(N, size=25, replace=False).tolist()
    got = page.evaluate("""async (labels) => { const out = [];
        for (const l of labels) out.push((await window.vizkit.search(l)).neighbours); return out; }""",
                        [f"p{r:06d}" for r in rows])
    lo, hi = float(cos.min()), float(cos.max())
    for r, listed in zip(rows, got):
        assert [nb["row"] for nb in listed] == idx[r].tolist()  # the atlas's own table, order and ties included
        assert [nb["kept"] for nb in listed] == kept[r].tolist()
        assert np.abs(np.array([nb["cosine"] for nb in listed]) - cos[r]).max() <= (hi - lo) / 255
    assert offline_page.errors == []


def test_a_quarter_million_points_draw_a_sample_while_moving_and_a_box_takes_them_all(big, offline_page):
    atlas, path = big
    page = offline_page.page
    page.goto(f"file://{path}")
    page.evaluate("() => window.vizkit.ready")
    page.wait_for_function("() => !window.vizkit.view.lod().moving")
    lod = page.evaluate("() => window.vizkit.view.lod()")
    assert lod["drawn"] == N  # at rest every point in view, up to 300,000
    box = page.locator(".vizkit-plot .vizkit-canvas-box").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -240)
    page.wait_for_function("(m) => window.vizkit.view.lod().moves === m + 1", arg=lod["moves"])
    assert abs(page.evaluate("() => window.vizkit.view.lod().drawn") - 100_000) < 2_000  # an even sample, moving
    page.wait_for_function("(r) => window.vizkit.view.lod().rests === r + 1", arg=lod["rests"])
    page.click(".vizkit-plot .vizkit-tool-home")
    page.wait_for_function("() => !window.vizkit.view.lod().moving")
    page.click(".vizkit-plot .vizkit-tool-box")
    page.mouse.move(box["x"] + 2, box["y"] + 2)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] - 2, box["y"] + box["height"] - 2, steps=8)
    page.mouse.up()
    page.wait_for_function("() => window.vizkit.state().selected.length > 0")
    selected = page.evaluate("() => window.vizkit.state().selected.length")
    assert selected >= 0.98 * N  # every point inside the box, drawn or not (the map's edge may clip a few)
    assert offline_page.errors == []
