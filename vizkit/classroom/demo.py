"""The main job of ``make demo``: write the demo pages and return their paths."""

from __future__ import annotations

import html
from pathlib import Path

from ..datasets.wordlists import DEFAULT_GROUPS


def word_maps(groups=DEFAULT_GROUPS, *, sources=("glove", "word2vec", "llm"), method: str = "pca", seed: int = 0):
    """The seed chapter's birds / countries / cities figure under several sources (a plotly Figure).

    Each panel is the explorer's map of the groups (:func:`vizkit.explore.word_points`,
    :func:`vizkit.explore.word_map`); a word missing from one source still leaves a map.
    """
    from .. import explore
    from ..plot import scatter_grid
    from ..sources import get_source

    panels = []
    for name in sources:
        src = get_source(name)
        points, _missing = explore.word_points(src, groups)
        coords = explore.word_map(points, method, random_state=seed)
        panels.append((f"{src.name} ({src.dim}-d, {method.upper()})", points, coords))
    return scatter_grid(panels, color="group",
                        title="Similar words cluster together: " + ", ".join(groups))


def polysemy_gallery(out: str | Path, words=None, *, llm=None, progress: bool = True,
                     lang: str | None = None) -> tuple[Path, dict]:
    """One animation page per bundled word in ``out`` (sharing one plotly.js file) and an index page in ``lang``.

    Returns the index page and the animation figures by word.
    """
    from tqdm.auto import tqdm

    from ..datasets import sentence_sets
    from ..polysemy import animation_figure, polysemy_frames
    from ..render import Page, t, write_html, write_page
    from ..sources import llm_for

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    rows, figures, models = [], {}, {}
    for word in tqdm(words or sentence_sets.bundled_words(), desc=t("progress.gallery"), disable=not progress):
        s = sentence_sets.load(word)
        fs = polysemy_frames(word, s.sentences, s.senses, llm=llm_for(llm, word, say=False))
        models[fs.model] = None
        figures[word] = animation_figure(fs, lang=lang)
        write_html(figures[word], out / f"{word}.html", plotlyjs="directory", lang=lang)
        layers = fs.frames[1:]
        best = max(layers, key=lambda f: f.separation["separation"])
        rows.append((word, " / ".join(fs.sense_names), len(s), layers[0].separation["separation"], best))
    items = "\n".join(
        f'<tr><td><a href="{html.escape(w)}.html">{html.escape(w)}</a></td><td>{html.escape(senses)}</td>'
        f"<td>{n}</td><td>{l0:+.3f}</td><td>{b.separation['separation']:+.3f} ({html.escape(b.title(lang))})</td></tr>"
        for w, senses, n, l0, b in rows)
    heads = "".join(f"<th>{html.escape(t(key, lang))}</th>"
                    for key in ("gallery.word", "gallery.senses", "gallery.sentences", "gallery.layer0", "gallery.best"))
    intro = t("gallery.intro", lang, models=" / ".join(models))
    page = Page(title=t("gallery.title", lang), lang=lang, generator="vizkit demo",
                head="<style>body{font:15px sans-serif;margin:2em;max-width:60em}td,th{padding:4px 12px;text-align:left}\n"
                     "tr:nth-child(even){background:#f4f4f4}</style>",
                body=f"<h1>{html.escape(t('gallery.heading', lang))}</h1>\n<p>{html.escape(intro)}</p>\n"
                     f"<table><tr>{heads}</tr>\n{items}\n</table>")
    index = Path(write_page(page, out / "index.html", what="gallery index"))
    return index, figures


def run(out: str | Path = "out", *, lang: str | None = None) -> list[Path]:
    """Write the demo outputs into ``out`` and return their paths."""
    from ..present import present
    from ..render import write_html

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    gallery, figures = polysemy_gallery(out / "polysemy", lang=lang)
    bank = Path(write_html(figures["bank"], out / "bank_animation.html", lang=lang))
    talk = Path(present("bank", out / "bank_talk.html"))
    page = Path(write_html(word_maps(), out / "word_maps.html", keyboard=False, lang=lang))
    return [bank.resolve(), talk.resolve(), gallery.resolve(), page.resolve()]
