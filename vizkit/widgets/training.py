"""The training view: Word2Vec trained live in the notebook, its word map animated epoch by epoch."""

from __future__ import annotations

import html
import os
from pathlib import Path

import ipywidgets as w

from .. import training
from . import _snapshot
from ._common import Status, export_link, load_animation, show_frame, side_by_side

SG_OPTIONS = [("CBOW", 0), ("skip-gram", 1)]
CORPUS_OPTIONS = [("100k words", 100_000), ("200k words", 200_000), ("400k words", 400_000),
                  ("1M words", 1_000_000), ("all 2.6M words", None)]


def groups_text(groups: dict) -> str:
    """Word groups as the text box shows them: one ``name: word word`` line per group."""
    return "\n".join(f"{g}: {' '.join(ws)}" for g, ws in groups.items())


class TrainingView(w.VBox):
    """Train Word2Vec with the chosen settings and watch the word groups form, epoch by epoch.

    Controls are attributes whose ``value`` can be set from Python: ``sg``
    (0 CBOW, 1 skip-gram), ``window``, ``negative`` (0 = hierarchical softmax),
    ``vector_size``, ``epochs``, ``corpus_size`` (a subset of the bundled
    corpus; unused when ``corpus`` is given), ``groups`` (one ``name: words``
    line per group), ``probe`` (whose neighbours are listed); the ``train``
    button trains (with a progress bar per epoch in the status area); the
    ``epoch`` slider and its ``play`` button step through the frames; ``export``
    writes the animation as one offline HTML file. ``figure`` (a plotly
    ``FigureWidget``) shows the current epoch, ``animation`` is the whole
    animated figure and ``run`` the :class:`~vizkit.training.TrainingRun`.
    Runs are cached per setting (``n_trained`` counts actual trainings).

    Parameters
    ----------
    corpus : list of token lists, optional
        Default: :func:`vizkit.training.training_corpus` of ``corpus_size`` words.
    run : TrainingRun, optional
        Show this run at once (its settings fill the controls) instead of training.

    Examples
    --------
    >>> from vizkit.training import training_corpus
    >>> view = TrainingView(corpus=training_corpus(100_000), progress=False)
    >>> view.sg.value, view.window.value = 0, 3
    >>> view.train.click()
    >>> len(view.animation.frames) == view.epochs.value + 1
    True
    """

    def __init__(self, corpus=None, *, groups: dict | None = None, probe: str = "", run=None, sg: int = 1,
                 window: int = 5, negative: int = 5, vector_size: int = 50, epochs: int = 8,
                 corpus_size: int | None = 400_000, seed: int = 0, deterministic: bool = True,
                 workers: int | None = None,
                 export_dir: str | os.PathLike = "exports", progress: bool = True):
        import plotly.graph_objects as go

        self.corpus, self.seed, self.workers, self.progress = corpus, seed, workers, progress
        self.deterministic = deterministic
        self.export_dir = Path(export_dir)
        self.run = self.animation = self.export_path = None
        self.n_trained = 0
        self._cache: dict = {}
        self._hold = False
        if run is not None:
            p = run.params
            sg, window, negative = p["sg"], p["window"], p["negative"]
            vector_size, epochs = p["vector_size"], p["epochs"]
            groups = {g: [x for x, gx in zip(run.words, run.groups) if gx == g] for g in dict.fromkeys(run.groups)}
            probe = run.probe or ""

        self.sg = w.ToggleButtons(options=SG_OPTIONS, value=sg, description="model")
        self.window = w.IntSlider(value=window, min=1, max=10, description="window")
        self.negative = w.IntSlider(value=negative, min=0, max=20, description="negative",
                                    tooltip="noise words per pair; 0 = hierarchical softmax")
        self.vector_size = w.IntSlider(value=vector_size, min=10, max=200, step=10, description="vector_size")
        self.epochs = w.IntSlider(value=epochs, min=1, max=20, description="epochs")
        self.corpus_size = w.Dropdown(options=CORPUS_OPTIONS, value=corpus_size, description="corpus",
                                      disabled=corpus is not None)
        self.groups = w.Textarea(value=groups_text(groups or training.TRACKED_GROUPS), description="groups",
                                 layout=w.Layout(width="98%", height="120px"))
        self.probe = w.Text(value=probe, description="probe word", placeholder="first word of the groups")
        self.train = w.Button(description="Train", icon="play", button_style="primary",
                              tooltip="train Word2Vec with these settings")
        self.epoch = w.IntSlider(value=0, min=0, max=1, description="epoch", layout=w.Layout(width="420px"))
        self.play = w.Play(value=0, min=0, max=1, interval=900, description="play")
        w.jslink((self.play, "value"), (self.epoch, "value"))
        self.table = w.HTML()
        self.export = w.Button(description="Export HTML", icon="download",
                               tooltip="write the animation as one offline HTML file")
        self.export_link = w.HTML()
        self.figure = go.FigureWidget()
        self.status = Status([self.sg, self.window, self.negative, self.vector_size, self.epochs, self.corpus_size,
                              self.groups, self.probe, self.train, self.export])

        self.train.on_click(self._train)
        self.epoch.observe(self._show_epoch, "value")
        self.export.on_click(self._export)

        super().__init__([
            w.HBox([self.sg, self.corpus_size]), w.HBox([self.window, self.negative]),
            w.HBox([self.vector_size, self.epochs]), self.groups, self.probe,
            w.HBox([self.train, self.export, self.export_link]), self.status.widget,
            w.HBox([self.play, self.epoch]), side_by_side(self.figure, self.table),
        ])
        self.add_class("vizkit-training")
        _snapshot.register(self)
        if run is not None:
            self._cache[self._key()] = (run, training.training_figure(run))
            self._show(*self._cache[self._key()])
        else:
            self.status.show("choose the settings and press Train")

    # ------------------------------------------------------------- reactions
    def _key(self):
        return (self.sg.value, self.window.value, self.negative.value, self.vector_size.value, self.epochs.value,
                self.corpus_size.value if self.corpus is None else "given", self.groups.value.strip(),
                self.probe.value.strip().lower(), self.seed)

    def _train(self, button=None):
        key = self._key()
        what = "skip-gram" if self.sg.value else "CBOW"
        with self.status.busy(f"training {what} for {self.epochs.value} epochs"):
            if key not in self._cache:
                groups = training.parse_groups(self.groups.value)
                corpus = self.corpus
                if corpus is None:
                    corpus = training.training_corpus(self.corpus_size.value, progress=self.progress)
                run = training.train_word2vec(
                    corpus, groups, probe=self.probe.value.strip().lower() or None, sg=self.sg.value,
                    window=self.window.value, negative=self.negative.value, vector_size=self.vector_size.value,
                    epochs=self.epochs.value, seed=self.seed, deterministic=self.deterministic, workers=self.workers,
                    progress=self.progress)
                self._cache[key] = (run, training.training_figure(run))
                self.n_trained += 1
            self._show(*self._cache[key])

    def _show(self, run, anim):
        self.run, self.animation = run, anim
        self.export_link.value = ""
        load_animation(self.figure, anim)
        self._hold = True
        self.epoch.max = self.play.max = len(run.frames) - 1
        self._hold = False
        last = len(run.frames) - 1
        if self.epoch.value != last:
            self.epoch.value = last  # the trained map first; slide back to watch it form
        else:
            self._show_epoch()

    def _show_epoch(self, change=None):
        if self._hold or self.run is None:
            return
        k = min(self.epoch.value, len(self.run.frames) - 1)
        show_frame(self.figure, self.animation, k, duration=500)
        self.table.value = epoch_table(self.run, k)

    def _export(self, button=None):
        if self.animation is None:
            return
        from ..polysemy import write_html

        with self.status.busy("writing the HTML file"):
            p = self.run.params
            name = f"w2v_{'skipgram' if p['sg'] else 'cbow'}_w{p['window']}_n{p['negative']}_d{p['vector_size']}.html"
            self.export_path = Path(write_html(self.animation, self.export_dir / name))
            self.export_link.value = export_link(self.export_path)

    # ------------------------------------------------------------- static page
    def snapshot_html(self) -> str:
        """The whole animation (plotly's own play button and epoch slider) with the per-epoch table."""
        if self.run is None:
            return f"<div class='vizkit-snapshot'><p>{self.status.html.value}</p></div>"
        run, p = self.run, self.run.params
        return (f"<div class='vizkit-snapshot'><p>Word2Vec <b>{html.escape(run.algorithm)}</b> · window "
                f"{p['window']} · vector_size {p['vector_size']} · {p['epochs']} epochs on {run.corpus_words:,} "
                f"words ({run.seconds:.1f} s) · press Play or drag the slider</p>"
                + _snapshot.figure_html(self.animation) + epoch_table(run, None) + "</div>")


def epoch_table(run, current: int | None) -> str:
    """Per-epoch group separation (with bars) and the probe word's nearest neighbours; ``current`` in bold."""
    rows = []
    for k, f in enumerate(run.frames):
        s = f.separation["separation"]
        style = " style='font-weight:bold;background:#eef'" if k == current else ""
        near = ", ".join(html.escape(word) for word, _ in f.neighbours[:4])
        rows.append(f"<tr{style}><td>{f.epoch}</td><td>{s:+.3f}</td><td><div style='background:#1f77b4;"
                    f"height:10px;width:{max(0.0, s) * 300:.0f}px'></div></td><td>{near}</td></tr>")
    probe = html.escape(run.probe or "")
    return ("<table class='vizkit-separation'><caption>group separation (within − across cosine) and the "
            f"neighbours of <i>{probe}</i></caption><tr><th>epoch</th><th colspan=2>separation</th>"
            f"<th>nearest to {probe}</th></tr>" + "".join(rows) + "</table>")
