"""The widgets driven from Python, as a notebook user would drive them, without a browser.

Set a control's value, read the figure. Real GloVe, MiniLM and Word2Vec throughout.
"""

import numpy as np
import pytest

pytest.importorskip("ipywidgets")

from plotly.callbacks import Points  # noqa: E402

from conftest import SEED  # noqa: E402
from network_guard import no_network  # noqa: E402
from vizkit.widgets import EmbeddingExplorer, PolysemyPlayer, _common, _snapshot  # noqa: E402
from vizkit.widgets._common import files_url  # noqa: E402


@pytest.fixture(scope="module", autouse=True)
def shared_sources(glove, llm):
    """The widgets' per-kernel cache starts with the session's GloVe and MiniLM (no second load)."""
    _common.SESSION_CACHE.put("glove", glove)
    _common.SESSION_CACHE.put(_common.SessionCache.llm_key(None), llm)
    yield
    _common.SESSION_CACHE.clear()


def xy_of(fig, name):
    tr = next(t for t in fig.data if t.name == name)
    return np.column_stack([tr.x, tr.y])


def test_explorer_default_map_is_the_seed_figure_with_neighbours_of_king():
    ex = EmbeddingExplorer(progress=False)
    assert ex.status.error is None
    assert [(t.name, len(t.x)) for t in ex.figure.data] == [("birds", 10), ("countries", 10), ("cities", 10)]
    assert "PCA" in ex.figure.layout.title.text and "glove" in ex.figure.layout.title.text
    assert ex.param.disabled
    # the seed's most_similar("king") with GloVe 50d
    table = ex.neighbours.value
    assert "prince" in table and "queen" in table and "nearest to <b>king</b>" in table


def test_a_widget_takes_its_own_cache_and_its_menu_lists_the_source_registry(glove):
    from vizkit.sources import SOURCES
    from vizkit.widgets.player import static_options

    asked = []

    class Spy(_common.SessionCache):
        def get(self, key, build):
            asked.append(key)
            return super().get(key, build)

    spy = Spy()
    spy.put("glove", glove)
    ex = EmbeddingExplorer(progress=False, cache=spy)
    assert ex.status.error is None and ex.cache is spy and set(asked) == {"glove"}
    assert ex.source.options == tuple((spec.label, name) for name, spec in SOURCES.items())
    assert [name for _, name in static_options()] == ["llm"] + [n for n in SOURCES if n != "llm"]
    spy.clear()
    assert "glove" not in spy and "glove" in _common.SESSION_CACHE  # the shared cache is untouched


def test_explorer_projection_parameter_and_cache():
    ex = EmbeddingExplorer(progress=False, random_state=SEED)
    pca = xy_of(ex.figure, "birds")
    ex.method.value = "tsne"
    assert not ex.param.disabled and ex.param.description == "perplexity" and ex.param.value == 10
    # 30 words hold perplexity (30 - 1) / 3 at most: the title shows the value t-SNE used, not the slider's
    assert "t-SNE, perplexity 9.67" in ex.figure.layout.title.text
    assert ex.projector.perplexity_ == pytest.approx(29 / 3)
    tsne10 = xy_of(ex.figure, "birds")
    assert not np.allclose(tsne10, pca)
    assert ex.n_projections == 2
    ex.param.value = 5
    assert ex.n_projections == 3 and not np.allclose(xy_of(ex.figure, "birds"), tsne10)
    assert ex.figure.layout.title.text.endswith("t-SNE, perplexity 5")
    ex.param.value = 10  # back: cached, nothing recomputed, same map
    assert ex.n_projections == 3
    np.testing.assert_allclose(xy_of(ex.figure, "birds"), tsne10)
    ex.method.value = "umap"
    assert ex.param.description == "n_neighbors" and ex.n_projections == 4
    ex.method.value = "pca"
    assert ex.n_projections == 4 and ex.param.disabled
    np.testing.assert_allclose(xy_of(ex.figure, "birds"), pca)


def test_explorer_analogy_arrows_king_man_woman_queen():
    ex = EmbeddingExplorer(progress=False, groups=("professions",))
    assert len(ex.figure.layout.annotations) == 0
    ex.show_analogy.value = True
    assert ex.analogy.result == "queen" and "≈ queen" in ex.analogy_result.value
    analogy = xy_of(ex.figure, "analogy")
    pos = dict(zip(["king", "man", "woman", "queen"], analogy))
    arrows = ex.figure.layout.annotations
    assert [(a.ax, a.ay, a.x, a.y) for a in arrows] == [
        (*pos["man"], *pos["woman"]), (*pos["king"], *pos["queen"])]
    # the two arrows point the same way in the map (man→woman ∥ king→queen)
    d1, d2 = pos["woman"] - pos["man"], pos["queen"] - pos["king"]
    assert d1 @ d2 / np.linalg.norm(d1) / np.linalg.norm(d2) > 0.5
    ex.show_analogy.value = False
    assert len(ex.figure.layout.annotations) == 0 and "analogy" not in [t.name for t in ex.figure.data]


def test_explorer_groups_typed_words_and_unknown_words():
    ex = EmbeddingExplorer(progress=False, groups=("professions", "emotions"))
    ex.words.value = "paris, Qwzxv tokyo"
    assert [t.name for t in ex.figure.data][:3] == ["professions", "emotions", "your words"]
    assert list(next(t for t in ex.figure.data if t.name == "your words").text) == ["paris", "tokyo"]
    assert "not in glove: qwzxv" in ex.status.html.value
    ex.words.value = "qwzxv, zzzqj"
    ex.groups.value = ()
    assert "none of the 2 words is known to glove" in ex.status.error
    ex.groups.value = ("birds",)  # usable again
    assert ex.status.error is None
    assert [t.name for t in ex.figure.data if t.name != "'king'"] == ["birds"]


def test_explorer_click_and_typed_query():
    ex = EmbeddingExplorer(progress=False)
    cities = next(t for t in ex.figure.data if t.name == "cities")
    cities._dispatch_on_click(Points(point_inds=[1], xs=[cities.x[1]], ys=[cities.y[1]], trace_name="cities",
                                     trace_index=2), None)
    assert ex.query.value == "paris"
    assert "nearest to <b>paris</b>" in ex.neighbours.value and "france" in ex.neighbours.value
    assert "'paris'" in [t.name for t in ex.figure.data]  # ringed on the map
    ex.query.value = "qqqzzzx"
    assert "unknown word 'qqqzzzx'" in ex.status.error
    ex.query.value = "queen"
    assert ex.status.error is None and "nearest to <b>queen</b>" in ex.neighbours.value


def test_explorer_switches_source_llm_and_word2vec():
    ex = EmbeddingExplorer(progress=False)
    ex.source.value = "llm"
    assert "all-MiniLM-L6-v2 (384-d)" in ex.figure.layout.title.text
    assert sum(len(t.x) for t in ex.figure.data if t.name in ("birds", "countries", "cities")) == 30
    assert "nearest to <b>king</b>" in ex.neighbours.value
    ex.source.value = "word2vec"  # the default Word2Vec (trained once, then cached on disk)
    assert ex.status.error is None, ex.status.error
    assert "word2vec (100-d)" in ex.figure.layout.title.text


def test_player_bank_stages_follow_the_slider():
    p = PolysemyPlayer(progress=False)
    fs = p.frameset
    assert p.status.error is None
    assert [t.name for t in p.figure.data] == ["money", "river", "anchor words"]
    assert p.stage.max == p.play.max == len(fs.frames) - 1 == 7
    assert np.allclose(xy_of(p.figure, "money"), 0) and np.allclose(xy_of(p.figure, "river"), 0)
    assert p.separation.value.count("<tr") == 8
    money = [i for i, s in enumerate(fs.senses) if s == "money"]
    p.stage.value = 4
    assert fs.frames[4].name == "layer 3"
    np.testing.assert_allclose(xy_of(p.figure, "money"), fs.frames[4].coords[money])
    assert p.figure.layout.annotations[0].text.startswith("<b>layer 3</b>")
    assert f"{fs.frames[4].separation['separation']:+.3f}" in p.figure.layout.annotations[0].text
    assert "font-weight:bold;background:#eef'><td>layer 3</td>" in p.separation.value
    anchors = xy_of(p.figure, "anchor words")
    p.stage.value = 0
    assert np.allclose(xy_of(p.figure, "money"), 0)
    np.testing.assert_allclose(xy_of(p.figure, "anchor words"), anchors)  # reference points never move
    assert p.n_computed == 1


def test_player_word_change_refills_sentences_and_caches():
    p = PolysemyPlayer(progress=False)
    p.stage.value = 3
    p.word.value = "spring"
    assert p.sentences.value.splitlines()[0].startswith("season | ")
    assert p.frameset.word == "spring" and p.stage.value == 0 and p.n_computed == 2
    p.word.value = "bank"
    assert p.n_computed == 2 and p.frameset.word == "bank"


def test_player_own_sentences_for_a_new_word():
    p = PolysemyPlayer(progress=False)
    p.word.value = "kiwi"
    assert "no bundled sentences" in p.status.html.value and p.frameset.word == "bank"
    p.sentences.value = "\n".join([
        "fruit | I sliced a kiwi for breakfast.", "fruit | The kiwi was sweet and green inside.",
        "fruit | She bought a kiwi at the market.", "bird | The kiwi is a flightless bird of New Zealand.",
        "bird\tA kiwi searched the forest floor for worms at night.", "bird | We saw a kiwi at the bird sanctuary."])
    p.update.click()
    assert p.status.error is None, p.status.error
    assert [t.name for t in p.figure.data] == ["fruit", "bird"]  # no bundled anchors for kiwi
    assert sum(len(t.x) for t in p.figure.data) == 6
    assert "ki ##wi" in "".join(p.figure.data[0].hovertext)


def test_player_bad_input_shows_an_error_and_stays_usable():
    p = PolysemyPlayer(progress=False)
    good = p.sentences.value
    p.sentences.value = ""
    p.update.click()
    assert "the sentence box has no sentences (expected 'sense<TAB>sentence' or 'sense | sentence'" in p.status.error
    p.sentences.value = "money | The bank opened.\nriver | The bank flooded."
    p.update.click()
    assert "at least 3 occurrences" in p.status.error
    assert not p.update.disabled and p.frameset.word == "bank"
    p.sentences.value = good
    p.update.click()
    assert p.status.error is None


def test_player_unknown_hub_model_fails_fast_offline(no_hub):
    p = PolysemyPlayer(progress=False)
    with no_network():
        p.model.value = "nobody-vizkit/no-such-model"
    assert "nobody-vizkit/no-such-model" in p.status.error and "offline" in p.status.error
    p.model.value = ""
    assert p.status.error is None


def test_player_static_source_glove():
    p = PolysemyPlayer(progress=False, static="glove")
    f0 = p.frameset.frames[0]
    assert f0.name == "static (glove)" and "money words 0.73" in f0.note
    assert "money words 0.73" in p.figure.layout.annotations[0].text


def test_explorer_semantic_axes_mode():
    ex = EmbeddingExplorer(groups=(), words="king queen prince princess doctor nurse poor billionaire",
                           progress=False)
    assert ex.axes_row.layout.display == "none"
    ex.method.value = "axes"
    assert ex.axes_row.layout.display is None and ex.param.layout.display == "none"
    xy = dict(zip(ex.points.labels, ex.coords))
    assert xy["queen"][0] > xy["king"][0] and xy["princess"][0] > xy["prince"][0]
    assert ex.figure.layout.xaxis.title.text == "man \u2190 \u2192 woman"
    assert ex.figure.layout.yaxis.title.text == "most variance left"
    ex.y_axis.value = "poor:rich"
    xy = dict(zip(ex.points.labels, ex.coords))
    assert xy["billionaire"][1] > xy["poor"][1] and ex.figure.layout.yaxis.title.text == "poor \u2190 \u2192 rich"
    ex.x_axis.value = "man:qqzzx"  # an unknown pole word: said, and the last map stays
    assert "qqzzx" in ex.status.error and ex.figure.layout.xaxis.title.text == "man \u2190 \u2192 woman"


def test_explorer_compare_models_mode():
    ex = EmbeddingExplorer(groups=("birds", "countries"), progress=False)
    ex.compare.value = True
    maps = ex.comparison
    assert maps.models[0].startswith("glove") and len(maps.models) == 3
    assert any(m.startswith("word2vec") for m in maps.models) and any("384-d" in m for m in maps.models)
    np.testing.assert_array_equal(maps.agreement[0], 1.0)
    names = [t.name for t in ex.figure.data]
    assert names[-1] == maps.models[0] and sum(n.endswith(": moved") for n in names) == 2
    ex.method.value = "tsne"  # the models laid out by the chosen method
    assert ex.comparison.method == "tsne"
    ex.compare.value = False
    assert ex.comparison is None and [t.name for t in ex.figure.data][:2] == ["birds", "countries"]


def test_player_semantic_axes_map():
    p = PolysemyPlayer(progress=False)
    p.method.value = "axes"
    assert p.frameset.method == "axes" and p.frameset.axis_titles[0].startswith("money")
    assert p.figure.layout.xaxis.title.text == p.frameset.axis_titles[0]
    # a word without anchor words has no default poles: the error says what to give
    p.word.value = "python"
    p.sentences.value = "snake | A python swallowed the rat.\ncode | Python code runs fast.\nsnake | The python hissed."
    p.update.click()
    assert "needs poles" in p.status.error and p.frameset.word == "bank"


def test_player_export_writes_the_single_file_and_links_it(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    p = PolysemyPlayer(progress=False, export_dir="exports")
    p.export.click()
    path = tmp_path / "exports" / "bank_animation.html"
    assert p.export_path.resolve() == path.resolve() and path.stat().st_size > 1_000_000
    text = path.read_text(encoding="utf-8")
    assert 'id="vizkit-animation"' in text and "<script src=" not in text
    assert "href='exports/bank_animation.html'" in p.export_link.value
    # inside JupyterLab the link goes to the raw file, relative to the notebook's page
    monkeypatch.setenv("JPY_SESSION_NAME", "notebooks/02_static_vs_contextual.ipynb")
    assert files_url(path) == "../../../files/notebooks/exports/bank_animation.html"
    monkeypatch.setenv("JPY_SESSION_NAME", "02_static_vs_contextual.ipynb")
    assert files_url(path) == "../../files/exports/bank_animation.html"
    p.export_gif.click()  # the same animation as a GIF for slides, and as the whole talk
    gif = tmp_path / "exports" / "bank_animation.gif"
    assert p.status.error is None and p.export_path.resolve() == gif.resolve() and gif.read_bytes()[:6] == b"GIF89a"
    p.export_slides.click()
    talk = (tmp_path / "exports" / "bank_animation_slides.html").read_text(encoding="utf-8")
    assert p.status.error is None and 'data-figure="compare-' in talk and "bank_animation_slides.html" in p.export_link.value


def test_snapshots_of_live_widgets_for_static_pages():
    ex = EmbeddingExplorer(progress=False)
    p = PolysemyPlayer(progress=False)
    p.stage.value = 2
    snaps = _snapshot.snapshots()
    assert ex.model_id in snaps and p.model_id in snaps
    player_html = snaps[p.model_id]
    assert "Plotly.newPlot" in player_html and "Plotly.addFrames" in player_html
    assert "sense separation" in player_html and "plotly.js v" not in player_html  # plotly.js is the page's job
    assert len(player_html) < 300_000
    assert "glove" in snaps[ex.model_id] and "nearest to <b>king</b>" in snaps[ex.model_id]


# ------------------------------------------------------------------ 3-D (issue 16, part 4b)
def xyz_of(fig, name):
    tr = next(t for t in fig.data if t.name == name)
    assert tr.type == "scatter3d"
    return np.column_stack([tr.x, tr.y, tr.z])


def test_explorer_3d_toggle_maps_the_words_in_three_dimensions(glove):
    from sklearn.decomposition import PCA as SkPCA

    from vizkit.vectors import unit_rows

    ex = EmbeddingExplorer(progress=False, random_state=SEED)
    flat = {t.name: xy_of(ex.figure, t.name) for t in ex.figure.data}
    ex.three_d.value = True
    assert ex.status.error is None and ex.n_projections == 2
    assert [(t.type, t.name, len(t.x), len(t.z)) for t in ex.figure.data] == [
        ("scatter3d", g, 10, 10) for g in ("birds", "countries", "cities")]
    assert ex.coords.shape == (30, 3) and ex.figure.layout.title.text.endswith("PCA, 3-D")
    birds = ex.figure.data[0]
    assert list(birds.text) == list(ex.points.labels[:10]) and "group: birds" in birds.hovertext[0]
    # a real 3-D map: the third column is the third principal component of the unit vectors (up to sign)
    third = SkPCA(n_components=3, svd_solver="full").fit_transform(unit_rows(ex.points.vectors))[:, 2]
    z = ex.coords[:, 2]
    assert np.abs(z).max() > 0.1 and min(np.abs(z - third).max(), np.abs(z + third).max()) < 1e-6
    np.testing.assert_allclose(xyz_of(ex.figure, "birds")[:, :2], flat["birds"], atol=1e-9)
    ex.three_d.value = False  # back to the same 2-D map, not projected again
    assert ex.n_projections == 2 and ex.figure.data[0].type == "scatter"
    for name, xy in flat.items():
        np.testing.assert_array_equal(xy_of(ex.figure, name), xy)
    ex.three_d.value = True
    ex.method.value = "tsne"
    assert ex.coords.shape == (30, 3) and "t-SNE, perplexity 9.67, 3-D" in ex.figure.layout.title.text
    assert ex.figure.data[0].type == "scatter3d" and ex.n_projections == 3
    ex.method.value = "umap"
    assert ex.coords.shape == (30, 3) and ex.figure.data[0].type == "scatter3d" and ex.status.error is None


def test_explorer_3d_click_analogy_and_the_flat_modes():
    ex = EmbeddingExplorer(progress=False, groups=("professions", "cities"), three_d=True)
    cities = next(t for t in ex.figure.data if t.name == "cities")
    k = list(cities.text).index("paris")
    cities._dispatch_on_click(Points(point_inds=[k], xs=[cities.x[k]], ys=[cities.y[k]], trace_name="cities",
                                     trace_index=1), None)
    assert ex.query.value == "paris" and "nearest to <b>paris</b>" in ex.neighbours.value
    ring = xyz_of(ex.figure, "'paris'")  # ringed in the scene
    np.testing.assert_array_equal(ring[0], ex.coords[list(ex.points.labels).index("paris")])
    ex.show_analogy.value = True
    pos = dict(zip(ex.points.labels, ex.coords))
    line = xyz_of(ex.figure, "king→queen")  # the arrow's line, from king to queen, and its cone at queen
    np.testing.assert_array_equal(line, [pos["king"], pos["queen"]])
    cone = next(t for t in ex.figure.data if t.type == "cone" and t.name == "king→queen")
    assert (cone.x[0], cone.y[0], cone.z[0]) == tuple(pos["queen"]) and cone.anchor == "tip"
    # semantic axes and the model comparison stay flat: the toggle is disabled, the status says so
    ex.method.value = "axes"
    assert ex.coords.shape[1] == 2 and ex.figure.data[0].type == "scatter" and ex.three_d.disabled
    assert "3-D is off for the semantic axes" in ex.status.html.value
    ex.method.value = "pca"
    assert ex.coords.shape[1] == 3 and not ex.three_d.disabled
    ex.compare.value = True
    assert ex.comparison is not None and ex.three_d.disabled
    assert "3-D is off while comparing models" in ex.status.html.value
    ex.compare.value = False
    assert ex.figure.data[0].type == "scatter3d"


def test_player_3d_toggle_frames_and_export(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    p = PolysemyPlayer(progress=False, export_dir="exports")
    flat = p.frameset
    p.three_d.value = True
    fs = p.frameset
    assert p.status.error is None and fs.n_components == 3 and p.n_computed == 2
    assert [(t.type, t.name) for t in p.figure.data] == [("scatter3d", "money"), ("scatter3d", "river"),
                                                         ("scatter3d", "anchor words")]
    assert all(tr.type == "scatter3d" and tr.z is not None for fr in p.animation.frames for tr in fr.data)
    assert np.allclose(xyz_of(p.figure, "money"), 0) and np.allclose(xyz_of(p.figure, "river"), 0)  # one point
    money = [i for i, s in enumerate(fs.senses) if s == "money"]
    p.stage.value = 5
    np.testing.assert_array_equal(xyz_of(p.figure, "money"), fs.frames[5].coords[money])
    assert np.ptp(xyz_of(p.figure, "money"), axis=0).min() > 0  # spread in all three directions
    assert p.figure.layout.annotations[0].text.startswith("<b>layer 4</b>")
    assert [f.separation for f in fs.frames] == [f.separation for f in flat.frames]
    assert list(p.figure.layout.scene.zaxis.range) == list(fs.extent[:, 2])
    p.export.click()
    path = tmp_path / "exports" / "bank_animation_3d.html"
    assert p.status.error is None and p.export_path.resolve() == path.resolve()
    text = path.read_text(encoding="utf-8")
    assert '"type":"scatter3d"' in text and '"scene":' in text and "window.vizkit" in text
    p.three_d.value = False  # back: the 2-D frames, not computed again
    assert p.n_computed == 2 and p.frameset is flat and p.figure.data[0].type == "scatter"
    p.three_d.value = True
    p.method.value = "axes"  # the axes map has no third axis: drawn flat, said so
    assert p.frameset.n_components == 2 and p.three_d.disabled and p.status.error is None
    assert "3-D is off for the semantic axes" in p.status.html.value


# ------------------------------------------------------------------ one animation model (issue 25)
def test_player_plays_two_models_side_by_side(tmp_path, monkeypatch):
    """The player plays any Animation: with ``versus``, MiniLM beside the real SmolLM2, stages by relative depth."""
    from vizkit.polysemy import matched_layers

    monkeypatch.chdir(tmp_path)
    p = PolysemyPlayer(progress=False, export_dir="exports")
    one = p.anim
    assert one.n_frames == 8 and not one.beside and p.side_by_side is None
    p.versus.value = "SmolLM2-135M-Instruct"
    assert p.status.error is None, p.status.error
    p.three_d.value = True  # side by side stays flat: the same frames
    sbs, anim = p.side_by_side, p.anim
    assert sbs.models == ["all-MiniLM-L6-v2", "SmolLM2-135M-Instruct"] and p.frameset is sbs.framesets[0]
    assert sbs.stages[1:] == matched_layers([6, 30]) and len(anim.panels) == 2
    assert p.three_d.disabled and p.n_components == 2 and "3-D is off side by side" in p.status.html.value
    assert p.stage.max == anim.n_frames - 1 == len(sbs.stages) - 1
    moving = [t for t in p.figure.data if t.ids is not None]
    assert {t.xaxis for t in moving} == {"x", "x2"} and len(moving) == 4  # two senses in each panel
    p.stage.value = 4  # MiniLM layer 3 beside SmolLM2 layer 15
    assert p.stage_label.value == "<b>depth 50%</b>"
    for m, axis in enumerate(("x", "x2")):
        money = next(t for t in p.figure.data if t.xaxis == axis and t.name == "money")
        rows = [i for i, s in enumerate(sbs.framesets[m].senses) if s == "money"]
        np.testing.assert_allclose(np.column_stack([money.x, money.y]), sbs.frame(4, m).coords[rows])
    notes = [a.text for a in p.figure.layout.annotations]
    assert any(t.startswith("<b>layer 3</b>") for t in notes) and any(t.startswith("<b>layer 15</b>") for t in notes)
    table = p.separation.value
    assert "all-MiniLM-L6-v2" in table and "SmolLM2-135M-Instruct" in table
    assert "font-weight:bold;background:#eef'><td>depth 50%</td>" in table
    assert f"{sbs.frame(4, 1).separation['separation']:+.3f}" in table
    p.export.click()
    text = (tmp_path / "exports" / "bank_animation_versus.html").read_text(encoding="utf-8")
    assert "decoder: reads left to right" in text and '"xaxis":"x2"' in text
    p.export_gif.click()  # side by side in a GIF and in a talk, from the same one animation
    assert p.status.error is None and (tmp_path / "exports" / "bank_animation_versus.gif").stat().st_size > 10_000
    p.export_slides.click()
    talk = (tmp_path / "exports" / "bank_animation_versus_slides.html").read_text(encoding="utf-8")
    assert p.status.error is None and 'data-frame="depth 50%"' in talk and '"xaxis":"x2"' in talk
    p.method.value = "axes"  # each model its own map: no semantic axes side by side
    assert "clear 'versus'" in p.status.error and p.anim is anim
    p.method.value = "pca"
    p.three_d.value = False
    p.versus.value = ""  # back to one model: the frames computed before
    assert p.anim is one and p.side_by_side is None and p.n_computed == 2


# ------------------------------------------------------------------ the learner's language (issue 25)
def test_explorer_speaks_chinese_when_asked_and_english_by_default():
    ex = EmbeddingExplorer(progress=False, lang="zh")
    assert ex.lang == "zh" and ex.status.error is None
    assert ex.source.description == "来源" and ex.method.description == "投影" and ex.query.description == "近邻："
    assert ex.groups.description == "词组" and ex.words.description == "你的词" and ex.three_d.description == "三维"
    assert ex.show_analogy.description == "画箭头" and ex.param.description == "（无参数）"
    assert ("语义轴", "axes") in ex.method.options and ("t-SNE", "tsne") in ex.method.options
    labels = {name: label for label, name in ex.source.options}
    assert labels["glove"] == "GloVe 6B 50d" and labels["word2vec"] == "Word2Vec（本地训练）"  # names stay
    assert "与 <b>king</b> 最接近的词（余弦）" in ex.neighbours.value and "<th>词</th><th>余弦</th>" in ex.neighbours.value
    assert "prince" in ex.neighbours.value and "glove（50 维），PCA" == ex.figure.layout.title.text
    ex.method.value = "tsne"
    assert ex.param.description == "困惑度" and ex.figure.layout.title.text.endswith("t-SNE，困惑度 9.67")
    ex.words.value = "paris, qwzxv"
    assert "glove 中没有：qwzxv" in ex.status.html.value
    ex.show_analogy.value = True
    assert "king − man + woman ≈ queen（余弦 0." in ex.analogy_result.value
    snap = ex.snapshot_html()
    assert "<p>来源 <b>GloVe 6B 50d</b> · 投影 <b>glove（50 维），t-SNE，困惑度 " in snap and "</b> · 词组 birds" in snap
    assert "你的词：paris, qwzxv" in snap and "（余弦 0." in snap
    ex.words.value = ""
    ex.method.value = "axes"
    ex.three_d.value = True
    assert "语义轴模式不用三维" in ex.status.html.value and ex.figure.layout.title.text == "glove（50 维），语义轴"

    en = EmbeddingExplorer(progress=False)  # VIZKIT_LANG=en (conftest): today's English, unchanged
    assert en.lang == "en" and en.source.description == "source" and en.method.description == "projection"
    assert en.query.description == "neighbours of" and en.param.description == "(no parameter)"
    assert ("axes", "axes") in en.method.options
    assert "nearest to <b>king</b> (cosine)" in en.neighbours.value and "<th>word</th><th>cosine</th>" in en.neighbours.value
    assert en.snapshot_html().startswith("<div class='vizkit-snapshot'><p>source <b>GloVe 6B 50d</b> · projection "
                                         "<b>glove (50-d), PCA</b> · groups birds, countries, cities</p>")


def test_the_explorers_tables_and_labels_in_english_are_the_cores(glove):
    from vizkit import explore
    from vizkit.sources import SOURCES
    from vizkit.render.language import catalogue
    from vizkit.widgets.explorer import neighbours_html, source_options

    pairs = glove.most_similar("king", top=10)
    assert neighbours_html(pairs, "king", "en") == explore.neighbours_html(pairs, "king")
    assert source_options("en") == [(spec.label, name) for name, spec in SOURCES.items()]
    # a source's label and loading message in the catalogue are the registry's, word for word, in English
    for key, texts in catalogue().items():
        if key.startswith("widgets.source."):
            name, what = key.removeprefix("widgets.source.").rsplit(".", 1)
            assert texts["en"] == getattr(SOURCES[name], what), key


def test_the_status_line_and_the_export_link_in_chinese(tmp_path, monkeypatch):
    import ipywidgets as w

    status = _common.Status([w.Text()], lang="zh")
    with status.busy("正在计算"):
        pass
    assert "完成，用时" in status.html.value and "秒" in status.html.value
    with status.busy("正在计算"):
        raise ValueError("boom")
    assert status.error == "boom" and "错误：boom" in status.html.value
    english = _common.Status()
    with english.busy("working"):
        raise ValueError("boom")
    assert "error: boom" in english.html.value
    monkeypatch.chdir(tmp_path)
    (tmp_path / "page.html").write_text("x" * 2000)
    assert "MB，可离线打开" in _common.export_link(tmp_path / "page.html", "zh")
    assert "MB, works offline)" in _common.export_link(tmp_path / "page.html")
    monkeypatch.setenv("VIZKIT_LANG", "zh")  # no lang=: the variable's
    assert "可离线打开" in _common.export_link(tmp_path / "page.html")


def test_player_speaks_chinese_when_asked_and_english_by_default():
    p = PolysemyPlayer(progress=False, lang="zh")
    assert p.lang == "zh" and p.status.error is None and "完成，用时" in p.status.html.value
    assert p.play.description == "播放" and p.stage.description == "阶段" and p.update.description == "更新"
    assert p.word.description == "词" and p.sentences.description == "词义 | 句子" and p.model.description == "模型"
    assert p.static.description == "静态向量" and p.method.description == "地图" and p.versus.description == "对比模型"
    assert p.three_d.description == "三维" and p.export.description == "导出 HTML"
    assert p.update.tooltip == "用上面的句子重新计算" and p.sentences.placeholder.startswith("每行一条：词义 | ")
    assert p.static.options[0] == ("该模型自己的输入嵌入", "llm") and ("语义轴", "axes") in p.method.options
    assert "<caption>词义分离度（同一词义内 − 不同词义间的余弦）</caption>" in p.separation.value
    p.stage.value = 4  # the frames' names and the figure's title are the animation's, in the player's language
    assert p.stage_label.value == "<b>第 3 层</b>" and "background:#eef'><td>第 3 层</td>" in p.separation.value
    assert p.figure.layout.title.text.startswith("“bank”：") and p.animation.layout.updatemenus[0].buttons[0].label == "播放"
    snap = p.snapshot_html()
    assert "<p>词 <b>bank</b> · 模型 all-MiniLM-L6-v2 · 静态向量 " in snap and " · 地图 PCA · 点“播放”或拖动滑块</p>" in snap
    assert "个句子</summary>" in snap
    p.method.value = "axes"
    p.three_d.value = True
    assert "语义轴模式不用三维" in p.status.html.value and p.n_computed == 2
    p.word.value = "kiwi"
    assert "“kiwi”没有自带的例句" in p.status.html.value and "然后点“更新”" in p.status.html.value

    en = PolysemyPlayer(progress=False)  # VIZKIT_LANG=en (conftest): the English labels
    assert en.lang == "en" and "done in" in en.status.html.value
    assert en.play.description == "Play" and en.stage.description == "stage" and en.update.description == "Update"
    assert en.word.description == "word" and en.static.description == "static vector" and en.method.description == "map"
    assert en.export.description == "Export HTML" and en.static.options[0] == ("the LLM's input embedding", "llm")
    assert "<caption>sense separation (within − across cosine)</caption>" in en.separation.value
    en.stage.value = 4
    assert en.stage_label.value == "<b>layer 3</b>" and en.animation.layout.updatemenus[0].buttons[0].label == "Play"
    assert "<p>word <b>bank</b> · model all-MiniLM-L6-v2 · static vector " in en.snapshot_html()
    assert " · map PCA · press Play or drag the slider</p>" in en.snapshot_html()
    en.word.value = "kiwi"
    assert "&#x27;kiwi&#x27; has no bundled sentences" in en.status.html.value
