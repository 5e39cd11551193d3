"""Which word pairs does an embedding get wrong? Human similarity ratings against cosines, pair by pair."""

from __future__ import annotations

import html

import ipywidgets as w

from ..metrics import evaluation
from ..sources import SOURCES
from . import _snapshot
from ._common import SESSION_CACHE, Status
from .explorer import source_options

DATASETS = [("WordSim-353 (relatedness)", "wordsim353.tsv"), ("SimLex-999 (similarity only)", "simlex999.txt")]


class SimilarityView(w.VBox):
    """A scatter of human ratings (x) against the source's cosines (y) for every covered pair.

    Controls: ``dataset``, ``source``; ``figure`` holds the scatter, its title the
    Spearman correlation; ``pairs`` the DataFrame drawn. ``cache``: where sources
    are kept between widgets (default the shared ``SESSION_CACHE``).
    """

    def __init__(self, source: str = "glove", *, dataset: str = "simlex999.txt", progress: bool = True,
                 cache=None):
        import plotly.graph_objects as go

        self.progress = progress
        self.cache = SESSION_CACHE if cache is None else cache
        self.pairs = None
        self.dataset = w.Dropdown(options=DATASETS, value=dataset, description="set")
        self.source = w.Dropdown(options=source_options(), value=source, description="source")
        self.figure = go.FigureWidget()
        self.status = Status([self.dataset, self.source])
        for c in (self.dataset, self.source):
            c.observe(self._update, "value")
        super().__init__([w.HBox([self.source, self.dataset]), self.status.widget, self.figure])
        self.add_class("vizkit-similarity")
        _snapshot.register(self)
        self._update()

    def _update(self, change=None):
        from scipy.stats import spearmanr

        name = self.source.value
        with self.status.busy("scoring the pairs" if name in self.cache else SOURCES[name].loading):
            src = self.cache.source(name, self.progress)
            df = evaluation.similarity_pairs(src, self.dataset.value)
            rho = spearmanr(df["cosine"], df["human"]).statistic
            self.pairs = df
            hover = [f"{html.escape(a)} – {html.escape(b)}<br>human {h:.2f}, cosine {c:.2f}"
                     for a, b, h, c in df.itertuples(index=False)]
            with self.figure.batch_update():
                self.figure.data = []
                self.figure.add_scatter(x=df["human"], y=df["cosine"], mode="markers", hovertext=hover,
                                        hoverinfo="text", marker=dict(size=6, opacity=0.6))
                self.figure.layout = dict(
                    title=f"{src.name} on {self.dataset.label}: Spearman ρ = {rho:.3f} ({len(df)} pairs)",
                    xaxis_title="human rating", yaxis_title="cosine similarity", template="plotly_white",
                    height=480)

    def snapshot_html(self) -> str:
        import plotly.graph_objects as go

        return f"<div class='vizkit-snapshot'>{_snapshot.figure_html(go.Figure(self.figure))}</div>"
