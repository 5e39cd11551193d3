"""Seed 000's comparison, with real vectors: static, LLM embedding layer, contextual, side by side.

For the same sentences, each panel places every occurrence of the word by its
cosine to the anchor words of the first sense (x) and of the second sense (y),
each in that panel's own vector space:

* static (GloVe / Word2Vec / the LLM's input embeddings): one vector, so every
  sentence lands on the same point;
* LLM embedding layer (hidden layer 0: token + position embeddings): the
  points differ only by the word's position in the sentence;
* contextual (a later layer, by default the one where the senses separate
  best): the points move towards their sense's anchors.

In the hidden-state panels, occurrences and anchor words (encoded on their own)
are centred on the occurrences' mean first; raw cosines there are all close to
1 (the anisotropy of transformer states) and would hide the differences.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import numpy as np

from ..errors import InputError
from ..plot import group_colours
from .frames import _static_source, anchor_cosines, anchor_states, highlight, source_title, static_leaning

__all__ = ["Panel", "comparison_panels", "comparison_figure"]


@dataclass
class Panel:
    title: str
    coords: np.ndarray  # (n_occurrences, 2): cosine to sense A anchors, to sense B anchors
    description: str


def comparison_panels(word: str, sentences, senses, *, llm=None, static="glove", layer: int | None = None,
                      anchors: dict | None = None, lang: str | None = None) -> dict:
    """The three panels' coordinates and what they mean (plain data, no plotting; the texts in ``lang``)."""
    from ..render.language import t
    from ..datasets.sentence_sets import bundled_anchors
    from ..metrics.separation import layer_separation
    from ..sources import llm_for

    llm = llm_for(llm, word, sentences)
    occ = llm.contextual(word, sentences, senses=list(senses))
    first = occ.where(layer=0)
    occ_senses = ["" if s is None else str(s) for s in first.meta["sense"]]
    names = list(dict.fromkeys(occ_senses))
    anchors = bundled_anchors(word) if anchors is None else dict(anchors)
    if len(names) != 2 or not all(anchors.get(s) for s in names):
        raise InputError(f"the comparison needs exactly two senses with anchor words each; senses {names}, "
                         f"anchors for {sorted(anchors)}. Pass anchors={{sense: [words]}}.")
    n_layers = llm.n_layers
    if layer is None:
        layer = max(layer_separation(occ)[1:], key=lambda row: row["separation"])["layer"]
    if not 1 <= layer <= n_layers:
        raise InputError(f"layer must be in 1..{n_layers} for {llm.name}; got {layer}")

    source, static_name = _static_source(static, llm)
    lean = static_leaning(source, word, {s: anchors[s] for s in names})
    static_xy = np.repeat([[lean.get(s, np.nan) for s in names]], len(first), axis=0)

    a_words, a_senses, a_states = anchor_states(llm, {s: anchors[s] for s in names})
    panels = [Panel(t("figure.frame.static", lang, source=source_title(static_name, lang)), static_xy, t("figure.compare.static", lang))]
    for l, title, desc in ((0, t("figure.compare.layer0", lang, model=llm.name),
                            t("figure.compare.layer0.text", lang)),
                           (layer, t("figure.compare.layer", lang, model=llm.name, layer=layer),
                            t("figure.compare.layer.text", lang))):
        X = occ.where(layer=l).vectors
        mu = X.astype(np.float64).mean(axis=0)
        A = [a_states[[i for i, s in enumerate(a_senses) if s == name], l] for name in names]
        panels.append(Panel(title, anchor_cosines(X, A, centre=mu), desc))
    return {"word": word, "senses": occ_senses, "sense_names": names, "anchors": {s: anchors[s] for s in names},
            "sentences": list(first.meta["sentence"]),
            "spans": list(zip(first.meta["char_start"], first.meta["char_end"])), "panels": panels,
            "layer": layer}


def comparison_figure(word: str, sentences, senses, **kwargs):
    """Plotly figure: three panels side by side (see :func:`comparison_panels` for the parameters, ``lang`` too)."""
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    from ..render.language import t

    lang = kwargs.get("lang")
    data = comparison_panels(word, sentences, senses, **kwargs)
    panels, names = data["panels"], data["sense_names"]
    colours = group_colours(data["senses"])
    fig = make_subplots(rows=1, cols=len(panels), subplot_titles=[html.escape(p.title) for p in panels],
                        horizontal_spacing=0.07)
    hover = [highlight(s, a, b) for s, (a, b) in zip(data["sentences"], data["spans"])]
    senses = np.asarray(data["senses"], dtype=object)
    for c, p in enumerate(panels, start=1):
        for s in names:
            m = np.flatnonzero(senses == s)
            fig.add_trace(go.Scatter(
                x=p.coords[m, 0], y=p.coords[m, 1], mode="markers", name=html.escape(s), legendgroup=s,
                showlegend=c == 1, hovertext=[hover[i] for i in m], hoverinfo="text",
                marker=dict(size=11, color=colours[s], opacity=0.8, line=dict(width=1, color="white"))),
                row=1, col=c)
        fig.update_xaxes(title_text=html.escape(t("figure.compare.axis", lang, sense=names[0])), row=1, col=c)
        fig.update_yaxes(title_text=html.escape(t("figure.compare.axis", lang, sense=names[1])), row=1, col=c)
        lo = float(min(p.coords.min(), 0)) - 0.05
        hi = float(max(p.coords.max(), 0)) + 0.05
        fig.add_trace(go.Scatter(x=[lo, hi], y=[lo, hi], mode="lines", hoverinfo="skip", showlegend=c == 1,
                                 name=html.escape(t("figure.compare.diagonal", lang)), legendgroup="diag",
                                 line=dict(color="#bbb", dash="dot", width=1)), row=1, col=c)
        fig.add_annotation(text=html.escape(p.description), xref=f"x{c if c > 1 else ''} domain",
                           yref=f"y{c if c > 1 else ''} domain", x=0.5, y=-0.28, showarrow=False,
                           font=dict(size=11, color="#666"))
    a0, a1 = (", ".join(data["anchors"][s][:4]) for s in names)
    fig.update_layout(
        title=html.escape(t("figure.compare.title", lang, word=word, n=len(senses)), quote=False)
              + f" <sup>(x: {html.escape(a0)}…  y: {html.escape(a1)}…)</sup>",
        template="plotly_white", legend_title_text=html.escape(t("figure.sense", lang)), margin=dict(b=110),
        height=470)
    return fig
