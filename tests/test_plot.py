"""Figures are returned, not shown: assert on fig.data and matplotlib artists."""

import numpy as np
import pytest

from vizkit import LabelledVectors
from vizkit.errors import InputError
from vizkit.plot import scatter, scatter_grid, scatter_mpl


def points():
    return LabelledVectors(np.eye(4), ["sparrow", "eagle", "paris", "<script>alert(1)</script>"],
                           {"group": ["birds", "birds", "cities", "cities"], "sentence": ["a", "b", None, "d"]})


def test_scatter_one_trace_per_colour_group():
    coords = np.array([[0, 0], [1, 0], [5, 5], [6, 5]], dtype=float)
    fig = scatter(points(), coords, color="group", title="t")
    assert [tr.name for tr in fig.data] == ["birds", "cities"]
    assert fig.data[0].type == "scatter"
    assert list(fig.data[0].x) == [0.0, 1.0] and list(fig.data[1].y) == [5.0, 5.0]
    assert list(fig.data[0].text) == ["sparrow", "eagle"]
    assert fig.layout.title.text == "t"


def test_hover_carries_metadata_escaped():
    fig = scatter(points(), np.zeros((4, 2)), color="group")
    hover = list(fig.data[1].hovertext)
    assert "group: cities" in hover[0]
    assert "<script>" not in hover[1] and "&lt;script&gt;" in hover[1]
    assert "sentence" not in hover[0]  # None values are left out


def test_webgl_above_threshold_and_labels_hidden():
    n = 3500
    lv = LabelledVectors(np.zeros((n, 2)), [f"w{i}" for i in range(n)])
    fig = scatter(lv, np.random.default_rng(0).normal(size=(n, 2)))
    assert fig.data[0].type == "scattergl"
    assert fig.data[0].mode == "markers"
    assert scatter(lv[:10], np.zeros((10, 2))).data[0].type == "scatter"


def test_plain_labels_and_explicit_colours():
    fig = scatter(["a", "b", "c"], np.eye(3)[:, :2], color=["x", "y", "x"])
    assert [len(tr.x) for tr in fig.data] == [2, 1]


def test_scatter_grid_shares_legend():
    p = points()
    fig = scatter_grid([("glove", p, np.zeros((4, 2))), ("llm", p, np.ones((4, 2)))], color="group")
    assert [a.text for a in fig.layout.annotations] == ["glove", "llm"]
    assert len(fig.data) == 4
    assert [tr.showlegend for tr in fig.data] == [True, True, False, False]
    assert fig.data[2].xaxis == "x2"


def test_bad_plot_input():
    with pytest.raises(InputError, match="no metadata column 'sense'"):
        scatter(points(), np.zeros((4, 2)), color="sense")
    with pytest.raises(InputError, match="4 points but 3 coordinates"):
        scatter(points(), np.zeros((3, 2)))
    with pytest.raises(InputError, match=r"shape \(n, 2\)"):
        scatter(points(), np.zeros(4))


def test_matplotlib_scatter_artists():
    coords = np.array([[0, 0], [1, 0], [5, 5], [6, 5]], dtype=float)
    fig = scatter_mpl(points(), coords, color="group", title="maps")
    ax = fig.axes[0]
    assert len(ax.collections) == 2
    np.testing.assert_array_equal(ax.collections[1].get_offsets(), coords[2:])
    assert [t.get_text() for t in ax.texts] == ["sparrow", "eagle", "paris", "<script>alert(1)</script>"]
    assert ax.get_title() == "maps"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["birds", "cities"]
