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


def test_play_controls_one_step_per_frame_and_the_timing_on_play():
    from vizkit.plot import play_controls

    names = ["static", "layer 0", "layer 1"]
    c = play_controls(names, ["static", "0", "1"], duration=700, transition=300, prefix="showing: ")
    assert set(c) == {"updatemenus", "sliders"}
    play, pause = c["updatemenus"][0]["buttons"]
    assert (play["label"], pause["label"]) == ("Play", "Pause")
    assert play["args"][0] is None and play["args"][1]["fromcurrent"] is True
    assert play["args"][1]["frame"] == {"duration": 700, "redraw": True}
    assert play["args"][1]["transition"] == {"duration": 300, "easing": "cubic-in-out"}
    assert pause["args"] == [[None], {"frame": {"duration": 0, "redraw": False}, "mode": "immediate"}]
    slider = c["sliders"][0]
    assert len(slider["steps"]) == 3 and slider["active"] == 0
    assert [s["label"] for s in slider["steps"]] == ["static", "0", "1"]
    assert [s["args"][0] for s in slider["steps"]] == [[n] for n in names]
    assert all(s["args"][1]["frame"]["duration"] == 700 and s["args"][1]["mode"] == "immediate" for s in slider["steps"])
    assert slider["currentvalue"]["prefix"] == "showing: "


def test_play_controls_labels_default_to_names_and_must_match_them():
    from vizkit.plot import play_controls

    c = play_controls(["a", "b"], duration=0, transition=0, pause_redraw=None)
    assert [s["label"] for s in c["sliders"][0]["steps"]] == ["a", "b"]
    assert c["updatemenus"][0]["buttons"][1]["args"][1]["frame"] == {"duration": 0}
    with pytest.raises(ValueError, match="1 labels for 2 frames"):
        play_controls(["a", "b"], ["a"], duration=0, transition=0)


def test_colours_module_is_the_one_palette():
    from vizkit.plot import colours, group_colours

    assert group_colours is colours.group_colours
    assert group_colours(["b", "a", "b"]) == {"b": colours.PALETTE[0], "a": colours.PALETTE[1]}
    assert colours.group_order(["b", "a", "b"]) == ["b", "a"]
