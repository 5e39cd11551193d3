"""The matplotlib animation (to_jshtml, GIF) and the static / embedding layer / contextual comparison."""

import numpy as np
import pytest

from vizkit.datasets import sentence_sets
from vizkit.polysemy import polysemy_frames
from vizkit.polysemy.comparison import comparison_figure, comparison_panels
from vizkit.polysemy.gif import animation_mpl, save_gif


@pytest.fixture(scope="module")
def bank(llm):
    s = sentence_sets.load("bank")
    return s, polysemy_frames("bank", s.sentences, s.senses, llm=llm)


def test_matplotlib_animation_glides_through_every_stage(bank):
    _, fs = bank
    anim = animation_mpl(fs, steps=2, hold=1)
    n_images = len(fs.frames) + 2 * (len(fs.frames) - 1)
    html = anim.to_jshtml()
    assert "new Animation(frames" in html
    assert html.count("data:image/png;base64") == n_images
    assert f"frames[{n_images - 1}]" in html and f"frames[{n_images}]" not in html
    first = anim._func(0)[0].get_offsets()
    assert np.allclose(first, first[0])  # static stage: one point
    last = anim._func(n_images - 1)[0].get_offsets()
    assert np.allclose(last, fs.frames[-1].coords)


def test_gif_for_slides(bank, tmp_path):
    from PIL import Image

    _, fs = bank
    anim = animation_mpl(fs, steps=2, hold=1)
    path = save_gif(anim, tmp_path / "bank.gif")
    with Image.open(path) as im:
        assert im.format == "GIF" and im.n_frames >= len(fs.frames)
    with pytest.raises(ValueError, match=".gif"):
        save_gif(anim, tmp_path / "bank.mp4")


def test_comparison_static_coincide_embedding_layer_flat_contextual_separates(bank, llm):
    s, _ = bank
    data = comparison_panels("bank", s.sentences, s.senses, llm=llm, static="glove")
    static, emb, ctx = data["panels"]
    senses = np.asarray(data["senses"])
    assert np.allclose(static.coords, static.coords[0])
    assert static.coords[0, 0] > static.coords[0, 1]  # GloVe's "bank" leans to the money words

    def gap(p):  # money minus river, along "closer to money words than to river words"
        lean = p.coords[:, 0] - p.coords[:, 1]
        return lean[senses == "money"].mean() - lean[senses == "river"].mean()

    assert abs(gap(emb)) < 0.05  # the embedding layer only knows position
    assert gap(ctx) > 0.15 and gap(ctx) > 5 * abs(gap(emb))
    fig = comparison_figure("bank", s.sentences, s.senses, llm=llm, static="glove")
    assert len(fig.layout.annotations) >= 3
    assert [t.name for t in fig.data if t.showlegend] == ["money", "river", "no preference (x = y)"]
    assert "static (glove)" in fig.layout.annotations[0].text


def test_comparison_needs_anchors_for_user_words(llm):
    from vizkit.errors import InputError

    with pytest.raises(InputError, match="anchor words"):
        comparison_panels("kiwi", ["The kiwi is a bird.", "A kiwi fruit."], ["bird", "fruit"], llm=llm)
