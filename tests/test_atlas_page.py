"""The atlas page (``vizkit.atlas.write_page``) in headless Chromium with the network blocked, driven as a person.

Real GloVe vectors: type a word, see its true neighbours listed (the same as ``GloVe.most_similar`` among the
atlas's words) and ringed on the map, switch the colouring, lasso a region and download it as CSV; bad labels
stay text.
"""

import csv
import io
import re

import numpy as np
import pytest

from conftest import draw_lasso
from vizkit.atlas import Atlas, page_html, write_page
from vizkit.atlas.page import page_data, read_blocks, read_level
from vizkit.errors import InputError, UnknownWordError


@pytest.fixture(scope="module")
def atlas(glove):
    words = [w for w in glove.words[:4000] if w.isalpha()][:3000]
    return Atlas(method="tsne", levels=(8, 32), random_state=0).fit(glove.vectors(words))


@pytest.fixture(scope="module")
def page_file(atlas, tmp_path_factory):
    return write_page(atlas, tmp_path_factory.mktemp("atlas") / "atlas.html", title="GloVe <b>3000</b> words")


def _open(offline_page, path, hash=""):
    page = offline_page.page
    page.goto(f"file://{path}{hash}")
    page.evaluate("() => window.vizkit.ready")
    return page


def _search(page, text):
    page.fill(".vizkit-search", "")
    page.type(".vizkit-search", text)
    page.press(".vizkit-search", "Enter")
    page.wait_for_function("() => window.vizkit.state().drawMs !== null || window.vizkit.state().query === null")
    return page.evaluate("() => window.vizkit.state()")


def _lasso(page, atlas):
    """Lasso a region with the mouse; the rows inside the ring (by the map's own coordinates) and those selected."""
    from matplotlib.path import Path as Polygon

    ring = draw_lasso(page, page.locator(".vizkit-plot .vizkit-canvas-box"), x=0.45, radius=0.18)
    page.wait_for_function("() => window.vizkit.state().selected.length > 0")
    polygon = page.evaluate("""(ring) => {
        const b = document.querySelector('.vizkit-plot .vizkit-canvas-box').getBoundingClientRect();
        return ring.map(([x, y]) => window.vizkit.view.fromScreen(x - b.left, y - b.top)); }""", ring)
    inside = set(np.flatnonzero(Polygon(polygon).contains_points(atlas.coords_)).tolist())
    return inside, page.evaluate("() => window.vizkit.state().selected")


def _listed(page):
    items = page.locator(".vizkit-neighbours li")
    return [(items.nth(i).locator(".vizkit-label").inner_text(), float(items.nth(i).locator(".vizkit-cos").inner_text()),
             items.nth(i).locator(".vizkit-kept, .vizkit-torn").inner_text()) for i in range(items.count())]


def test_page_is_one_offline_file_with_binary_data(atlas, page_file):
    text = open(page_file, encoding="utf-8").read()
    assert not re.search(r"<script[^>]*\bsrc=", text) and "<link" not in text  # nothing to fetch
    assert "GloVe &lt;b&gt;3000&lt;/b&gt; words" in text  # the title is text
    header, blocks = page_data(atlas)
    assert len(blocks["coords"]) == 2 * 2 * len(atlas.points)  # uint16 x and y
    n = len(atlas.points)
    nb = header["neighbours"]
    assert len(blocks["nbr_rows"]) == nb["width"] * nb["written"] and nb["width"] <= 2  # map-order distances
    assert len(blocks["nbr_cos"]) == nb["written"] < 0.95 * 10 * n  # pairs of mutual neighbours written once
    assert len(blocks["nbr_kept"]) == 2 * n
    assert page_html(atlas) == page_html(atlas)  # the same atlas, the same bytes
    written, packed = read_blocks(text)  # what the page holds, read back: the clusters of every point, exactly
    for i, level in enumerate(atlas.clusters_):
        assert (read_level(written, packed, i) == level.assignment).all()
        assert len(blocks[f"level{i}"]) < 0.1 * n  # by their centres: only the few that are not nearest theirs


def test_search_lists_and_rings_the_true_neighbours(glove, atlas, page_file, offline_page):
    page = _open(offline_page, page_file)
    state = _search(page, "king")
    listed = _listed(page)
    inside = set(atlas.points.labels)
    expected = [(w, c) for w, c in glove.most_similar("king", top=200) if w in inside][:10]
    assert [w for w, _, _ in listed] == [w for w, _ in expected]
    assert all(abs(c - e) < 0.011 for (_, c, _), (_, e) in zip(listed, expected))  # 2 decimals of a uint8 cosine
    near = atlas.neighbours("king")
    assert [flag == "kept" for _, _, flag in listed] == near["kept"].tolist()
    kept = int(near["kept"].sum())
    assert f"the map keeps {kept} of them" in page.inner_text(".vizkit-status")
    rings = page.locator(".vizkit-plot .vizkit-ring")
    assert rings.count() == 10 and page.locator(".vizkit-plot .vizkit-ring-kept").count() == kept
    at = atlas.coords_[atlas.find("king")[0]]
    star = page.locator(".vizkit-plot .vizkit-star").bounding_box()  # drawn where the map puts the point
    where = page.evaluate("(p) => window.vizkit.view.toScreen(p[0], p[1])", at.tolist())
    box = page.locator(".vizkit-plot .vizkit-canvas-box").bounding_box()
    assert abs(star["x"] + star["width"] / 2 - box["x"] - where[0]) < 2
    assert abs(star["y"] + star["height"] / 2 - box["y"] - where[1]) < 3
    shown = page.evaluate("(r) => window.vizkit.view.scatterplot.getScreenPosition(r)", int(atlas.find("king")[0]))
    assert np.allclose(shown, where, atol=1.0)  # the overlay and the WebGL points agree
    xr, yr = state["window"]["x"], state["window"]["y"]
    assert xr[0] < at[0] < xr[1] and yr[0] < at[1] < yr[1]
    assert xr[1] - xr[0] < 0.5 * np.ptp(atlas.coords_[:, 0])  # zoomed in on it
    assert any("king" in label for label in state["labels"])
    page.locator(".vizkit-neighbours li").first.click()  # a neighbour is one click away
    page.wait_for_function("() => window.vizkit.state().query === 'prince'")
    assert page.url.endswith("#search=prince")
    assert offline_page.blocked == [] and offline_page.errors == []
    offline_page.screenshot("atlas_search.png")


def test_reload_returns_to_the_search_and_unknown_words_get_suggestions(atlas, page_file, offline_page):
    page = _open(offline_page, page_file, "#search=queen")
    assert page.evaluate("() => window.vizkit.state().query") == "queen"
    assert _listed(page)[0][0] == atlas.neighbours("queen")["label"].iloc[0]
    state = _search(page, "kingg")
    assert state["query"] is None and page.locator(".vizkit-neighbours li").count() == 0
    status = page.inner_text(".vizkit-status")
    assert "No point is labelled \u201ckingg\u201d" in status and "king" in status.split("Closest:")[1]
    page.locator(".vizkit-suggestion", has_text=re.compile("^king$")).click()
    page.wait_for_function("() => window.vizkit.state().query === 'king'")
    assert offline_page.errors == []


def test_colour_switch_shows_distortion_and_clusters(atlas, page_file, offline_page):
    page = _open(offline_page, page_file)
    legend = page.inner_text(".vizkit-legend")
    assert atlas.clusters(0).labels[0] in legend  # the biggest cluster first
    page.select_option(".vizkit-color", "distortion")
    page.wait_for_function("() => window.vizkit.colouring().cmax !== undefined")
    marker = page.evaluate("() => { const c = window.vizkit.colouring(); return {c: Array.from(c.values), lo: c.cmin, hi: c.cmax}; }")
    assert np.allclose(marker["c"], atlas.preservation(), atol=1e-6) and (marker["lo"], marker["hi"]) == (0, 1)
    assert page.locator(".vizkit-colorbar").is_visible()
    assert page.inner_text(".vizkit-colorbar-title") == "of 10 neighbours kept"
    assert page.inner_text(".vizkit-legend") == ""
    page.select_option(".vizkit-color", "cluster:1")
    page.wait_for_function("() => window.vizkit.colouring().count !== undefined")
    codes = page.evaluate("() => Array.from(window.vizkit.colouring().values)")
    assert codes == atlas.clusters(1).assignment.tolist() and not page.locator(".vizkit-colorbar").is_visible()
    drawn = page.evaluate("() => window.vizkit.view.scatterplot.get('pointColor').length")
    assert drawn == len(atlas.clusters(1).labels)  # one colour per cluster in the WebGL map
    page.select_option(".vizkit-level", "none")
    page.wait_for_function("() => window.vizkit.state().labels.length === 0")
    page.select_option(".vizkit-level", "1")
    page.wait_for_function("() => window.vizkit.state().labels.length > 0")
    assert set(page.evaluate("() => window.vizkit.state().labels")) <= set(atlas.clusters(1).labels)
    assert offline_page.errors == []
    offline_page.screenshot("atlas_distortion.png")


def test_lasso_a_region_and_download_it_as_csv(atlas, page_file, offline_page):
    page = _open(offline_page, page_file)
    inside, selected = _lasso(page, atlas)
    assert len(inside) > 20 and len(set(selected) ^ inside) <= max(2, len(inside) // 50)  # edge points aside
    assert page.inner_text(".vizkit-selection-count") == f"{len(selected):,} points selected"
    with page.expect_download() as info:
        page.click(".vizkit-download")
    download = info.value
    assert download.suggested_filename == "atlas-selection.csv"
    rows = list(csv.DictReader(io.StringIO(open(download.path(), encoding="utf-8").read())))
    assert list(rows[0]) == ["row", "label", "x", "y", "cluster", "kept", "source"]
    assert [int(r["row"]) for r in rows] == sorted(selected)
    assert [r["label"] for r in rows] == [atlas.points.labels[i] for i in sorted(selected)]
    span = np.ptp(atlas.coords_, axis=0)
    got = np.array([[float(r["x"]), float(r["y"])] for r in rows])
    assert np.abs(got - atlas.coords_[sorted(selected)]).max() <= span.max() / 65535  # uint16 coordinates
    assert [r["cluster"] for r in rows] == [atlas.clusters(0).labels[atlas.clusters(0).assignment[i]]
                                            for i in sorted(selected)]
    assert offline_page.blocked == [] and offline_page.errors == []
    offline_page.screenshot("atlas_lasso.png")


HOSTILE = ["<script>window.__pwned = 1</script>", '<img src=x onerror="window.__pwned = 1">', "x" * 10_000,
           "nan", "null", "na", "none", "true", "false", "n/a", "</script><b>bold</b>"]


def test_markup_in_labels_and_metadata_is_shown_as_text(glove, tmp_path, offline_page):
    from vizkit.formats import read_vectors, write_projector
    from vizkit.vectors import LabelledVectors

    words = [w for w in glove.words[300:340] if w.isalpha()][:30]
    vectors = np.vstack([glove.vectors(words).vectors, glove.vectors(["king"] * len(HOSTILE)).vectors
                         + np.arange(1, len(HOSTILE) + 1)[:, None] * 1e-3])
    labels = words + HOSTILE
    kind = ["word"] * len(words) + ['<img src=y onerror="window.__pwned = 2">'] * len(HOSTILE)
    write_projector(LabelledVectors(vectors, labels, {"label": labels, "kind": kind}), tmp_path / "in")
    points = read_vectors(tmp_path / "in" / "vectors.tsv")  # the words table readers take for missing stay words
    assert points.labels.tolist() == labels
    atlas = Atlas(method="pca", levels=(3,), random_state=0).fit(points)
    path = write_page(atlas, tmp_path / "hostile.html", color="kind")
    page = _open(offline_page, path)
    for text in ("<script>window.__pwned = 1</script>", "null", "n/a"):
        state = _search(page, text)
        assert state["query"] == text
    assert page.evaluate("() => window.__pwned") is None
    assert page.inner_text(".vizkit-status").startswith("n/a: its 10 nearest")
    assert '<img src=x onerror="window.__pwned = 1">' in [w for w, _, _ in _listed(page)]
    assert '<img src=y onerror="window.__pwned = 2">' in page.inner_text(".vizkit-legend")
    assert page.evaluate("() => document.querySelectorAll('img').length") == 0
    assert offline_page.errors == []


def test_bad_requests_fail_before_writing(atlas, tmp_path):
    with pytest.raises(InputError, match="unknown colour 'genre'; choose cluster, distortion or one of the columns: source"):
        write_page(atlas, tmp_path / "a.html", color="genre")
    with pytest.raises(UnknownWordError, match="closest known words: king"):
        write_page(atlas, tmp_path / "a.html", query="kingg")
    with pytest.raises(InputError, match="use a .html name"):
        write_page(atlas, tmp_path / "a.csv")
    assert list(tmp_path.iterdir()) == []


def test_a_3d_map_turns_and_still_searches(glove, tmp_path, capsys, offline_page):
    from vizkit.cli import main

    path = tmp_path / "atlas3d.html"
    assert main(["atlas", "--top-words", "1500", "--method", "pca", "--dims", "3", "--levels", "6",
                 "--out", str(path), "--csv", str(tmp_path / "a.csv")]) == 0
    assert capsys.readouterr().out.splitlines()[0] == str(path)
    header = (tmp_path / "a.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header.startswith("label,x,y,z,cluster,kept")
    page = _open(offline_page, path)
    gd = page.evaluate("() => { const d = window.vizkit.plot.data; return [d[0].type, d[0].z.length]; }")
    assert gd == ["scatter3d", 1500]
    state = _search(page, "king")
    assert state["query"] == "king" and len(_listed(page)) == 10
    near = page.evaluate("() => { const d = window.vizkit.plot.data[2]; return [d.z.length, d.marker.color]; }")
    assert near[0] == 10 and set(near[1]) <= {"#2ca02c", "#d62728"}
    assert any("king" in a["text"] for a in page.evaluate("() => window.vizkit.plot.layout.scene.annotations"))
    page.select_option(".vizkit-color", "distortion")
    page.wait_for_function("() => window.vizkit.plot.data[0].marker.showscale === true")
    assert offline_page.blocked == [] and offline_page.errors == []
    offline_page.screenshot("atlas_3d.png")
    assert main(["atlas", "--top-words", "50", "--method", "axes", "--x-axis", "a:b", "--dims", "3",
                 "--out", str(tmp_path / "x.html")]) == 1
    assert "--dims 3 goes with --method pca, tsne or umap" in capsys.readouterr().err


def test_a_browser_without_webgl_is_told_so_and_still_searches(atlas, page_file, offline_page):
    page = offline_page.page
    page.add_init_script("""(() => { const real = HTMLCanvasElement.prototype.getContext;  // WebGL turned off
        HTMLCanvasElement.prototype.getContext = function (kind, ...rest) {
            return /webgl/i.test(kind) ? null : real.call(this, kind, ...rest); }; })()""")
    page = _open(offline_page, page_file)
    note = page.locator(".vizkit-plot .vizkit-nowebgl")
    assert note.is_visible() and "WebGL turned off" in note.inner_text()
    assert page.locator(".vizkit-plot canvas").count() == 0  # no blank canvas
    _search(page, "king")
    assert _listed(page)[0][0] == atlas.neighbours("king")["label"].iloc[0]
    assert offline_page.errors == []


def test_a_selection_set_from_code_downloads_in_row_order(atlas, page_file, offline_page):
    page = _open(offline_page, page_file)
    page.evaluate("() => window.vizkit.select(Array.from({length: 3000}, (_, i) => 2999 - i))")
    assert page.inner_text(".vizkit-selection-count") == "3,000 points selected"
    with page.expect_download() as info:
        page.click(".vizkit-download")
    rows = list(csv.DictReader(io.StringIO(open(info.value.path(), encoding="utf-8").read())))
    assert [int(r["row"]) for r in rows] == list(range(3000))
    assert page.inner_text(".vizkit-download") == "Download CSV" and offline_page.errors == []


def test_level_of_detail_draws_a_sample_and_the_lasso_still_takes_every_point(atlas, tmp_path, offline_page):
    path = write_page(atlas, tmp_path / "lod.html", detail=(400, 1000))  # as a million points are, scaled down
    page = _open(offline_page, path)
    page.wait_for_function("() => !window.vizkit.view.lod().moving")
    lod = page.evaluate("() => window.vizkit.view.lod()")
    assert 900 < lod["drawn"] < 1100  # at rest, zoomed out: an even 1,000 of the 3,000
    box = page.locator(".vizkit-plot .vizkit-canvas-box").bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, -240)
    page.wait_for_function("(m) => window.vizkit.view.lod().moves === m + 1", arg=lod["moves"])
    assert 350 < page.evaluate("() => window.vizkit.view.lod().drawn") < 450  # the smaller sample while moving
    page.wait_for_function("(r) => window.vizkit.view.lod().rests === r + 1", arg=lod["rests"])  # then at rest
    page.click(".vizkit-plot .vizkit-tool-home")
    page.wait_for_function("(r) => !window.vizkit.view.lod().moving && window.vizkit.view.lod().rests === r + 2",
                           arg=lod["rests"])
    inside, selected = _lasso(page, atlas)
    selected = set(selected)
    assert len(inside) > 60 and len(selected ^ inside) <= max(2, len(inside) // 50)  # not just the drawn third
    assert offline_page.errors == []
    with pytest.raises(InputError, match="detail must be"):
        write_page(atlas, tmp_path / "bad.html", detail=(500, 100))
