"""Chinese, Japanese and Korean text in matplotlib figures and GIFs: an installed CJK font, found by itself.

matplotlib draws with DejaVu Sans, which has no CJK glyphs: "银行" comes out as
two empty boxes. :func:`use_cjk_font` finds an installed CJK font (Noto Sans
CJK, Source Han Sans, WenQuanYi, Droid Sans Fallback, AR PL, or the macOS and
Windows ones) and adds it to ``rcParams["font.family"]`` *after* the families
already there, so Latin text keeps its font and matplotlib falls back to the
CJK font glyph by glyph. vizkit's matplotlib figures call it; call it yourself
before your own ``plt`` figures. Without any CJK font it warns once
(:class:`MissingFontWarning`), naming the package to install.

Examples
--------
>>> from vizkit.plot import use_cjk_font
>>> family = use_cjk_font()           # e.g. "Noto Sans CJK JP", or None (and one warning) without a CJK font
"""

from __future__ import annotations

import re
import warnings

from ..errors import VizkitWarning

__all__ = ["CJK_FAMILIES", "MissingFontWarning", "cjk_font", "use_cjk_font", "INSTALL_HINT"]

#: CJK font families, in order of preference
CJK_FAMILIES = (
    "Noto Sans CJK SC", "Noto Sans CJK JP", "Noto Sans CJK TC", "Noto Sans CJK KR", "Noto Sans SC",
    "Source Han Sans SC", "Source Han Sans CN", "Source Han Sans", "WenQuanYi Micro Hei", "WenQuanYi Zen Hei",
    "Droid Sans Fallback", "AR PL UMing CN", "AR PL UKai CN", "PingFang SC", "Hiragino Sans GB", "Heiti SC",
    "STHeiti", "Microsoft YaHei", "SimHei", "Arial Unicode MS",
)
#: file names of those fonts, for fonts installed after matplotlib listed the system's fonts
_FILES = re.compile(r"(NotoSans(Mono)?CJK|NotoSansSC|SourceHanSans|wqy-(microhei|zenhei)|DroidSansFallback|"
                    r"uming|ukai|PingFang|Hiragino Sans GB|STHeiti|msyh|simhei|Arial Unicode)", re.I)
INSTALL_HINT = ("Debian/Ubuntu: sudo apt-get install fonts-noto-cjk (or the smaller fonts-wqy-microhei); "
                "Fedora: sudo dnf install google-noto-sans-cjk-fonts; macOS: brew install --cask font-noto-sans-cjk")


class MissingFontWarning(VizkitWarning):
    """No CJK font is installed: Chinese, Japanese and Korean text is drawn as empty boxes."""


_chosen: str | None = None  # the family in use once found ("" when none was found and the warning was given)


def cjk_font() -> str | None:
    """The family name of an installed CJK font matplotlib can draw with, or ``None``.

    Fonts installed after matplotlib built its font list are found too (their
    files are added to it).
    """
    from matplotlib import font_manager

    def known():
        names = {f.name for f in font_manager.fontManager.ttflist}
        return next((name for name in CJK_FAMILIES if name in names), None)

    found = known()
    if found is None:
        for path in font_manager.findSystemFonts():
            if _FILES.search(path):
                try:
                    font_manager.fontManager.addfont(path)
                except (OSError, RuntimeError, ValueError):  # a font file matplotlib cannot read
                    continue
        found = known()
    return found


def use_cjk_font(*, warn: bool = True) -> str | None:
    """Let matplotlib draw CJK text: add an installed CJK font to ``rcParams["font.family"]`` as a fallback.

    Idempotent. Returns the family used, or ``None`` when no CJK font is
    installed, in which case a :class:`MissingFontWarning` naming the package to
    install is given (once per process).
    """
    global _chosen
    import matplotlib

    if _chosen is None:
        found = cjk_font()
        _chosen = found or ""
        if found is None and warn:
            warnings.warn("no CJK font is installed, so Chinese, Japanese and Korean labels in matplotlib figures "
                          f"and GIFs are drawn as empty boxes; install one ({INSTALL_HINT})",
                          MissingFontWarning, stacklevel=2)
    if not _chosen:
        return None
    families = list(matplotlib.rcParams["font.family"])
    if _chosen not in families:
        matplotlib.rcParams["font.family"] = families + [_chosen]
    return _chosen
