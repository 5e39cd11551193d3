"""Chinese text in every matplotlib figure and GIF (issue 16, part 5): real glyphs, never empty boxes."""

from __future__ import annotations

import io
import warnings

import numpy as np
import pytest

from vizkit.plot import fonts, scatter_mpl, use_cjk_font

HAVE_CJK = fonts.cjk_font() is not None
needs_cjk = pytest.mark.skipif(not HAVE_CJK, reason="no CJK font installed (make test installs fonts-wqy-microhei)")


def _png(fig) -> np.ndarray:
    from PIL import Image

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=60)
    return np.asarray(Image.open(buf).convert("L"))


def _label_image(text: str) -> np.ndarray:
    from matplotlib.figure import Figure

    fig = Figure(figsize=(1.2, 0.8))
    fig.text(0.5, 0.5, text, ha="center", va="center", fontsize=24)
    return _png(fig)


@needs_cjk
def test_the_font_found_has_chinese_glyphs():
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font

    family = use_cjk_font()
    import matplotlib

    assert family in fonts.CJK_FAMILIES and family in matplotlib.rcParams["font.family"]
    assert matplotlib.rcParams["font.family"][0] != family  # a fallback: Latin text keeps its font
    path = font_manager.findfont(font_manager.FontProperties(family=family), fallback_to_default=False)
    charmap = FT2Font(path).get_charmap()
    assert all(ord(c) in charmap for c in "银行河岸词向量")


@needs_cjk
def test_chinese_labels_are_drawn_as_glyphs_not_boxes():
    use_cjk_font()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # matplotlib warns "Glyph ... missing from font(s)" when it draws a box
        bank, river = _label_image("银"), _label_image("河")
        fig = scatter_mpl(["银行", "河岸", "bank"], [[0, 0], [1, 1], [2, 0]], title="词向量")
        _png(fig)
    # missing glyphs are all the same empty box; two real characters differ
    assert (bank < 128).sum() > 20 and np.abs(bank.astype(int) - river.astype(int)).sum() > 1000
    assert [t.get_text() for t in fig.axes[0].texts] == ["银行", "河岸", "bank"]


@needs_cjk
def test_a_gif_frame_draws_chinese_anchor_words(tmp_path):
    from PIL import Image

    from vizkit.polysemy.frames import Anchor, Frame, FrameSet
    from vizkit.polysemy.gif import animation_mpl, save_gif

    def frameset(word_a, word_b):
        coords = np.array([[0.0, 0.0], [1.0, 1.0]])
        frame = Frame(name="layer 1", layer=1, coords=coords, separation={"separation": 0.5})
        return FrameSet(word="银行", model="test", static_source="test", frames=[frame], senses=["金融", "河流"],
                        sentences=["我去银行存钱", "我们坐在河岸"], spans=[(2, 4), (4, 6)],
                        extent=np.array([[-0.5, -0.5], [1.5, 1.5]]),
                        anchors=[Anchor(word=word_a, sense="金融", xy=np.array([0.2, 0.8])),
                                 Anchor(word=word_b, sense="河流", xy=np.array([0.8, 0.2]))])

    with warnings.catch_warnings():
        warnings.simplefilter("error", UserWarning)
        first = save_gif(animation_mpl(frameset("存款", "河水"), steps=1, hold=1), tmp_path / "a.gif")
        second = save_gif(animation_mpl(frameset("贷款", "岸边"), steps=1, hold=1), tmp_path / "b.gif")
    with Image.open(first) as a, Image.open(second) as b:
        one, two = np.asarray(a.convert("L")), np.asarray(b.convert("L"))
    assert one.shape == two.shape and (one != two).sum() > 50  # other words, other glyphs (boxes would match)


def test_without_a_cjk_font_one_warning_names_the_package(monkeypatch):
    from matplotlib import font_manager

    monkeypatch.setattr(fonts, "_chosen", None)
    monkeypatch.setattr(fonts, "CJK_FAMILIES", ("No Such CJK Font",))
    monkeypatch.setattr(font_manager, "findSystemFonts", lambda *a, **k: [])
    with pytest.warns(fonts.MissingFontWarning, match="fonts-noto-cjk"):
        assert use_cjk_font() is None
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert use_cjk_font() is None  # once per process
    monkeypatch.setattr(fonts, "_chosen", None)  # the next test finds the real font again
