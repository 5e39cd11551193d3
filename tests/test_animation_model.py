"""The one animation model (issue 25): vizkit.render.Animation, its figure builder and its GIF writer, on small
hand-made animations (the real sources' animations are tested beside them: test_animation, test_training,
test_side_by_side, test_widgets, test_present)."""

import numpy as np
import pytest

from conftest import SEED
from vizkit.errors import InputError
from vizkit.render.animation import PADDING, Animation, ReferencePoints, fixed_extent
from vizkit.render.figure import animation_figure
from vizkit.render.gif import animation_mpl, timeline, write_gif


def walk(n_frames=4, n_points=6, d=2, seed=SEED):
    """Points drifting apart from one spot, two groups."""
    rng = np.random.default_rng(seed)
    end = rng.normal(size=(n_points, d))
    return np.stack([t * end for t in np.linspace(0, 1, n_frames)])


def small(**kwargs):
    coords = kwargs.pop("coords", walk())
    n_frames, n_points = np.shape(coords)[:2]
    return Animation(coords=coords, labels=[f"w{i}" for i in range(n_points)],
                     groups=["a" if i % 2 else "b" for i in range(n_points)],
                     names=[f"step {k}" for k in range(n_frames)], **kwargs)


def test_an_animation_is_frames_by_points_with_one_fixed_extent():
    coords = walk()
    ref = ReferencePoints([[5.0, 5.0]], ["far"], ["a"])
    anim = small(coords=list(coords), reference=ref, scores=[{"separation": k / 10} for k in range(4)])
    assert anim.coords.shape == (4, 6, 2) and (anim.n_frames, anim.n_points, anim.n_components) == (4, 6, 2)
    assert anim.ids == anim.labels and anim.group_order == ["b", "a"] and anim.steps == anim.names
    # one extent over every frame and the reference points, PADDING of the range on each side
    lo, hi = np.minimum(coords.min(axis=(0, 1)), 5.0), np.maximum(coords.max(axis=(0, 1)), 5.0)
    np.testing.assert_allclose(anim.extent, [lo - PADDING * (hi - lo), hi + PADDING * (hi - lo)])
    np.testing.assert_array_equal(anim.extent, fixed_extent(coords, ref.coords))
    assert [r["separation"] for r in anim.metrics()] == [0.0, 0.1, 0.2, 0.3]
    assert anim.best() == 3 and anim.detail(3) == "separation +0.300"
    assert anim.captions[1] == "<b>step 1</b><br>separation +0.100"
    repeated = Animation(coords=coords, labels=["bank"] * 6, groups=["x"] * 6, names=list("abcd"))
    assert repeated.ids == [f"p{i}" for i in range(6)]  # repeated labels: ids stay distinct


@pytest.mark.parametrize("change, message", [
    (dict(names=["a", "a", "b", "c"]), "frame names must be distinct"),
    (dict(names=["a", "b"]), "2 names for 4 frames"),
    (dict(ids=["x"] * 6), "point ids must be distinct"),
    (dict(scores=[{}]), "1 scores for 4 frames"),
    (dict(coords=np.zeros((4, 6))), "coords are (n_frames, n_points, 2 or 3)"),
    (dict(group_order=["a"]), "group_order lacks the group(s) b"),
    (dict(reference=ReferencePoints([[0, 0, 0]], ["z"], ["a"])), "reference points are 3-D"),
])
def test_bad_animations_say_what_is_wrong(change, message):
    with pytest.raises(InputError, match=message.replace("(", r"\(").replace(")", r"\)")):
        if "names" in change:
            Animation(coords=walk(), labels=list("abcdef"), groups=list("xxxyyy"), **change)
        else:
            small(**change)


def test_the_one_builder_gives_a_frame_each_and_fixed_axes():
    anim = small(reference=ReferencePoints([[1.0, 1.0]], ["ref"], ["a"], name="anchors"), step_prefix="epoch ")
    fig = animation_figure(anim)
    assert len(fig.frames) == anim.n_frames and [f.name for f in fig.frames] == anim.names
    assert [t.name for t in fig.data] == ["b", "a", "anchors"] and all(list(f.traces) == [0, 1] for f in fig.frames)
    assert fig.layout.xaxis.autorange is False and list(fig.layout.xaxis.range) == list(anim.extent[:, 0])
    assert list(fig.layout.yaxis.range) == list(anim.extent[:, 1])
    last = fig.frames[-1].data[0]  # group "b": the even points
    np.testing.assert_allclose(np.column_stack([last.x, last.y]), anim.coords[-1][::2])
    assert list(last.ids) == ["w0", "w2", "w4"] and last.hovertext[0] == "w0<br>group: b"
    assert fig.layout.sliders[0].currentvalue.prefix == "epoch "
    words = animation_figure(small(text=True))  # labels written beside the points, no hover texts
    assert words.data[0].mode == "markers+text" and list(words.data[0].text) == ["w0", "w2", "w4"]
    three = animation_figure(small(coords=walk(d=3)))
    assert [t.type for t in three.data] == ["scatter3d"] * 2 and three.layout.scene.zaxis.autorange is False
    gl = animation_figure(small(coords=walk(n_points=1000)))
    assert {t.type for t in gl.data} == {"scattergl"}  # from WEBGL_FROM points on


def test_panels_beside_share_the_frames():
    left, right = small(panel_title="left"), small(coords=walk(seed=SEED + 1) * 10, panel_title="right")
    both = Animation(**{**left.__dict__, "beside": [right]})
    fig = animation_figure(both)
    assert len(fig.frames) == 4 and {t.xaxis for t in fig.data} == {"x", "x2"}
    assert list(fig.layout.xaxis2.range) == list(right.extent[:, 0])  # each panel its own extent
    assert [a.text for a in fig.layout.annotations][:2] == ["left", "right"]
    assert len(both.metrics()) == 8 and both.metrics()[1]["panel"] == "right"
    with pytest.raises(InputError, match="share their frames"):
        Animation(**{**left.__dict__, "beside": [small(coords=walk(n_frames=3))]})


def test_the_one_gif_writer_glides_between_frames(tmp_path):
    from PIL import Image

    anim = small(text=True, scores=[{"separation": 0.1 * k} for k in range(4)])
    assert len(timeline(4, steps=2, hold=3)) == 4 * 3 + 3 * 2
    mpl = animation_mpl(anim, steps=2, hold=1)
    n_images = 4 + 3 * 2
    np.testing.assert_allclose(mpl._func(n_images - 1)[0].get_offsets(), anim.coords[-1])
    with Image.open(write_gif(anim, tmp_path / "a.gif", steps=2, hold=3)) as im:
        assert im.n_frames == n_images  # Pillow merges the images resting on a frame
    with pytest.raises(InputError, match="GIF is drawn in 2-D"):
        animation_mpl(small(coords=walk(d=3)))
    with pytest.raises(ValueError, match=".gif name"):
        write_gif(anim, tmp_path / "a.png")
