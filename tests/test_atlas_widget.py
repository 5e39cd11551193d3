"""The atlas widget driven from Python: its state as traits, its data as binary buffers, a selection as a DataFrame.

The browser side (the page's renderer) is driven in a real JupyterLab in ``test_atlas_jupyterlab.py``.
"""

import numpy as np
import pytest

from vizkit.atlas import Atlas
from vizkit.errors import InputError, UnknownWordError
from vizkit.widgets import AtlasView
from vizkit.render import vendored
from vizkit.render.plotlyjs import inlined


@pytest.fixture(scope="module")
def atlas(glove):
    return Atlas(method="pca", levels=(8, 32)).fit(glove.vectors(glove.top_words(2000)))


def test_state_is_traits_and_data_are_binary_buffers(atlas):
    from ipywidgets.widgets.widget import _remove_buffers

    view = AtlasView(atlas, search="king", color="distortion")
    assert (view.query, view.color, view.level) == ("king", "distortion", "auto")
    assert view.header["n"] == 2000 and view.header["k"] == 10
    state, paths, buffers = _remove_buffers(view.get_state())
    sent = {path[-1]: len(buf) for path, buf in zip(paths, buffers)}
    nb = view.header["neighbours"]
    assert sent["coords"] == 2 * 2 * 2000 and sent["nbr_rows"] == nb["width"] * nb["written"] < 3 * 10 * 2000  # bytes
    assert sum(sent.values()) < 200_000
    near = view.neighbours()
    assert near["label"].tolist() == atlas.neighbours("king")["label"].tolist()


def test_setting_state_from_python_checks_it(atlas):
    view = AtlasView(atlas)
    assert view.color == "cluster:0"
    view.color = "cluster:1"
    view.color = "source"
    with pytest.raises(InputError, match="unknown colour 'genre'; choose one of: cluster:0, cluster:1, distortion, source"):
        view.color = "genre"
    with pytest.raises(UnknownWordError, match="closest known words: king"):
        view.query = "kingg"
    assert view.query == ""
    view.query = "city"
    assert view.neighbours()["label"].iloc[0] == atlas.neighbours("city")["label"].iloc[0]


def test_a_selection_comes_back_as_a_dataframe(atlas):
    view = AtlasView(atlas)
    view.selected = [5, 2, 40]  # as the browser sets it after a lasso
    frame = view.selection()
    assert list(frame.columns) == ["row", "label", "x", "y", "cluster", "kept", "source"]
    assert frame["row"].tolist() == [5, 2, 40]
    assert frame["label"].tolist() == [atlas.points.labels[i] for i in (5, 2, 40)]
    assert np.allclose(frame[["x", "y"]].to_numpy(), atlas.coords_[[5, 2, 40]])
    assert frame["kept"].tolist() == atlas.preservation()[[5, 2, 40]].tolist()
    view.select([9, 1, 1])
    assert view.selected == [1, 9] and view.selection()["label"].tolist() == [atlas.points.labels[i] for i in (1, 9)]
    with pytest.raises(InputError, match=r"rows must be in \[0, 1999\]"):
        view.select([2000])


def test_snapshot_is_the_page_renderer_with_its_own_map_renderer(atlas):
    view = AtlasView(atlas, search="king")
    html = view.snapshot_html()
    assert "vizkitAtlas.create(" in html and f"vizkit-atlas-{view.model_id}" in html
    assert 'class="vizkit-snapshot"' in html  # the classroom page shows it where the widget was
    assert html.count(vendored.source("regl-scatterplot")) == 1  # a 2-D map brings its renderer (0.2 MB) ...
    assert inlined(html) == []  # ... and no plotly.js


def test_the_widget_module_carries_both_renderers_and_no_full_plotly():
    module = AtlasView._esm
    assert vendored.source("regl-scatterplot") in module and inlined(module) == ["gl3d"]
    assert len(module) < 2.5e6  # plotly's full bundle alone is 4.8 MB


def test_points_are_fitted_when_given_unfitted(glove):
    view = AtlasView(glove.vectors(glove.top_words(300)), method="pca", levels=(4,))
    assert view.header["n"] == 300 and len(view.header["levels"]) == 1


def test_semantic_axes_set_from_python_lay_the_same_points_out_again(atlas):
    view = AtlasView(atlas, search="king", color="cluster:1")
    before = dict(view.blocks)
    view.axes = ("man:woman", "poor:rich")
    assert view.header["axes"] == ["man \u2192 woman", "poor \u2192 rich"]
    assert view.blocks["coords"] != before["coords"] and view.blocks["labels"] == before["labels"]  # same points
    assert view.query == "king" and view.color == "cluster:1"
    x = {w: view.atlas.coords_[view.atlas.find(w)[0], 0] for w in ("she", "he")}
    assert x["she"] > x["he"]  # she lies further to the woman pole
    view.axes = None
    assert view.blocks["coords"] == before["coords"] and view.header["axes"] == ["", ""]
