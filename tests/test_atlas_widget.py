"""The atlas widget driven from Python: search, colour, labels, and a lasso read back as a DataFrame."""

import numpy as np
import pytest
from plotly.callbacks import Points

from vizkit.atlas import Atlas
from vizkit.widgets import AtlasView


@pytest.fixture(scope="module")
def atlas(glove):
    return Atlas(glove.vectors(glove.top_words(2000)), method="pca", levels=(8, 32)).fit()


def test_search_lists_true_neighbours_highlights_and_zooms(atlas):
    view = AtlasView(atlas)
    assert len(view.figure.data) == 8 and view.figure.layout.dragmode == "lasso"
    view.search.value = "king"
    assert view.status.error is None
    near = atlas.neighbours("king")
    assert "<b>nearest to king</b>" in view.neighbours.value
    for row in near.itertuples():
        assert f"<td>{row.label}</td><td>{row.cosine:.3f}</td><td>{'kept' if row.kept else 'torn'}</td>" \
            in view.neighbours.value
    names = [t.name for t in view.figure.data]
    assert names[-2:] == ["true neighbours", "king"]
    (x0, x1), (y0, y1) = view.figure.layout.xaxis.range, view.figure.layout.yaxis.range
    kx, ky = atlas.coords_[atlas.find("king")[0]]
    assert x0 < kx < x1 and y0 < ky < y1
    assert x1 - x0 < np.ptp(atlas.coords_[:, 0])  # zoomed in


def test_colour_and_level_redraw(atlas):
    view = AtlasView(atlas)
    view.color.value = "distortion"
    assert len(view.figure.data) == 1 and view.figure.data[0].marker.showscale
    view.color.value = "cluster"
    view.level.value = 1
    assert len(view.figure.data) == 32 and len(view.figure.layout.annotations) == 32


@pytest.mark.parametrize("color", ["cluster", "distortion"])
def test_a_lasso_comes_back_as_the_rows_it_covered(atlas, color):
    view = AtlasView(atlas, color=color)
    trace = view.figure.data[-1]
    picked = [0, 2, 5]
    view._on_selection(trace, Points(point_inds=picked, xs=[trace.x[i] for i in picked],
                                     ys=[trace.y[i] for i in picked], trace_name=trace.name,
                                     trace_index=len(view.figure.data) - 1))
    frame = view.selection()
    assert len(frame) == 3 and list(frame.columns)[:6] == ["row", "label", "x", "y", "cluster", "kept"]
    got = sorted(zip(frame["x"].round(9), frame["y"].round(9)))
    want = sorted((round(float(trace.x[i]), 9), round(float(trace.y[i]), 9)) for i in picked)
    assert got == want  # the selected rows are the points under the lasso
    assert frame["source"].tolist() == ["glove"] * 3
    view.select([1, 4])
    assert view.selection()["label"].tolist() == [atlas.points.labels[1], atlas.points.labels[4]]
    assert "2 selected" in view.selected.value


def test_an_unknown_word_names_the_closest_and_the_view_stays_usable(atlas):
    view = AtlasView(atlas)
    view.search.value = "kingg"
    assert view.status.error and "king" in view.status.error
    view.search.value = "government"
    assert view.status.error is None and "nearest to government" in view.neighbours.value
