"""The training view: Word2Vec trained live in the notebook, its word map animated epoch by epoch."""

from __future__ import annotations

import html
import os
from pathlib import Path

import ipywidgets as w

from .. import training
from ..render.language import resolve, t
from . import _snapshot
from ._common import AnimationExports, Status, load_animation, show_frame, side_by_side, t_html

SG_OPTIONS = [("CBOW", 0), ("skip-gram", 1)]
#: the corpus sizes offered (None: the whole bundled corpus, about 2.6M words)
CORPUS_SIZES = (100_000, 200_000, 400_000, 1_000_000, None)


def _words(n: int, lang: str) -> str:
    """A round number of words as the menu says it: ``100k``, ``2.6M``; in Chinese ``10 万``, ``260 万``."""
    if lang == "zh":
        return f"{n / 10_000:g} 万"
    return f"{n / 1e6:g}M" if n >= 1_000_000 else f"{n // 1000}k"


def corpus_options(lang: str | None = None):
    """The corpus menu: ``(label, size)`` in ``lang``."""
    lang = resolve(lang)
    return [(t("widgets.training.corpus.words", lang, n=_words(n, lang)), n) if n else
            (t("widgets.training.corpus.all", lang, n=_words(2_600_000, lang)), n) for n in CORPUS_SIZES]


#: the corpus menu in English (``corpus_options(lang)`` in another language)
CORPUS_OPTIONS = corpus_options("en")


def groups_text(groups: dict) -> str:
    """Word groups as the text box shows them: one ``name: word word`` line per group."""
    return "\n".join(f"{g}: {' '.join(ws)}" for g, ws in groups.items())


class TrainingView(AnimationExports, w.VBox):
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
        Show this run at once (its settings fill the controls) instead of training: a Word2Vec run, or a
        GloVe or tiny-GPT run (:func:`~vizkit.training.train_glove`, :func:`~vizkit.training.train_gpt`),
        whose steps the slider walks through. The Train button trains Word2Vec.
    lang : {"en", "zh"}, optional
        The language of the labels, the status line, the epoch table and the snapshot
        (default: ``VIZKIT_LANG``, else the locale). Words, groups and the algorithms' names stay as they are.

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
                 export_dir: str | os.PathLike = "exports", progress: bool = True, lang: str | None = None):
        import plotly.graph_objects as go

        self.lang = lang = resolve(lang)
        self.corpus, self.seed, self.workers, self.progress = corpus, seed, workers, progress
        self.deterministic = deterministic
        self.export_dir = Path(export_dir)
        self.run = self.animation = self.export_path = None
        self.n_trained = 0
        self._cache: dict = {}
        self._hold = False
        if run is not None:  # its settings where the controls have them (GloVe has no sg, the tiny GPT no window)
            p = run.params
            sg, window, negative = p.get("sg", sg), p.get("window", window), p.get("negative", negative)
            vector_size, epochs = p["vector_size"], p.get("epochs", epochs)
            groups = {g: [x for x, gx in zip(run.words, run.groups) if gx == g] for g in dict.fromkeys(run.groups)}
            probe = run.probe or ""

        self.sg = w.ToggleButtons(options=SG_OPTIONS, value=sg, description=t("widgets.params.model", lang))
        self.window = w.IntSlider(value=window, min=1, max=10, description=t("widgets.training.window", lang))
        self.negative = w.IntSlider(value=negative, min=0, max=20, description=t("widgets.training.negative", lang),
                                    tooltip=t("widgets.training.negative.tooltip", lang))
        self.vector_size = w.IntSlider(value=vector_size, min=10, max=200, step=10,
                                       description=t("widgets.training.vector_size", lang))
        self.epochs = w.IntSlider(value=epochs, min=1, max=20, description=t("widgets.training.epochs", lang))
        self.corpus_size = w.Dropdown(options=corpus_options(lang), value=corpus_size,
                                      description=t("widgets.training.corpus", lang), disabled=corpus is not None)
        self.groups = w.Textarea(value=groups_text(groups or training.TRACKED_GROUPS),
                                 description=t("widgets.explorer.groups", lang),
                                 layout=w.Layout(width="98%", height="120px"))
        self.probe = w.Text(value=probe, description=t("widgets.training.probe", lang),
                            placeholder=t("widgets.training.probe.placeholder", lang))
        self.train = w.Button(description=t("widgets.training.train", lang), icon="play", button_style="primary",
                              tooltip=t("widgets.training.train.tooltip", lang))
        self.epoch = w.IntSlider(value=0, min=0, max=1, description=t("widgets.training.epoch", lang),
                                 layout=w.Layout(width="420px"))
        self.play = w.Play(value=0, min=0, max=1, interval=900, description=t("animation.play", lang))
        w.jslink((self.play, "value"), (self.epoch, "value"))
        self.table = w.HTML()
        self._init_exports(lang)  # the page, a GIF for slides, the talk for a projector
        self.figure = go.FigureWidget()
        self.status = Status([self.sg, self.window, self.negative, self.vector_size, self.epochs, self.corpus_size,
                              self.groups, self.probe, self.train, *self.exports.values()], lang)

        self.train.on_click(self._train)
        self.epoch.observe(self._show_epoch, "value")

        super().__init__([
            w.HBox([self.sg, self.corpus_size]), w.HBox([self.window, self.negative]),
            w.HBox([self.vector_size, self.epochs]), self.groups, self.probe,
            w.HBox([self.train, *self.exports.values(), self.export_link]), self.status.widget,
            w.HBox([self.play, self.epoch]), side_by_side(self.figure, self.table),
        ])
        self.add_class("vizkit-training")
        _snapshot.register(self)
        if run is not None:
            self._cache[self._key()] = (run, training.training_figure(run, lang=self.lang))
            self._show(*self._cache[self._key()])
        else:
            self.status.show(t("widgets.training.ready", lang))

    # ------------------------------------------------------------- reactions
    def _key(self):
        return (self.sg.value, self.window.value, self.negative.value, self.vector_size.value, self.epochs.value,
                self.corpus_size.value if self.corpus is None else "given", self.groups.value.strip(),
                self.probe.value.strip().lower(), self.seed)

    def _train(self, button=None):
        key = self._key()
        what = "skip-gram" if self.sg.value else "CBOW"
        with self.status.busy(t("widgets.training.busy", self.lang, model=what, epochs=self.epochs.value)):
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
                self._cache[key] = (run, training.training_figure(run, lang=self.lang))
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
        self.table.value = epoch_table(self.run, k, self.lang)

    def _export_what(self, kind: str):
        """The run to write and the file's name (its settings)."""
        p = self.run.params
        kind = p.get("algorithm", "word2vec")
        if kind == "gpt":
            name = f"gpt_d{p['d_model']}_s{p['steps']}.html"
        elif kind == "glove":
            name = f"glove_w{p['window']}_d{p['vector_size']}_e{p['epochs']}.html"
        else:
            name = f"w2v_{'skipgram' if p['sg'] else 'cbow'}_w{p['window']}_n{p['negative']}_d{p['vector_size']}.html"
        return self.run, self.export_dir / name, {}

    # ------------------------------------------------------------- static page
    def snapshot_html(self) -> str:
        """The whole animation (plotly's own play button and epoch slider) with the per-epoch table."""
        if self.run is None:
            return f"<div class='vizkit-snapshot'><p>{self.status.html.value}</p></div>"
        run, p, lang = self.run, self.run.params, self.lang
        if p.get("algorithm", "word2vec") == "word2vec":
            settings = t_html("widgets.training.snapshot", lang, algorithm=f"<b>{html.escape(run.algorithm)}</b>",
                              window=p["window"], size=p["vector_size"], epochs=p["epochs"],
                              words=f"{run.corpus_words:,}", seconds=f"{run.seconds:.1f}")
        else:  # GloVe, the tiny GPT: the animation's own line of settings
            anim = run.to_animation(lang)
            settings = f"<b>{html.escape(anim.title)}</b> · {html.escape(anim.subtitle)}"
        return (f"<div class='vizkit-snapshot'><p>{settings} · {html.escape(t('widgets.common.press_play', lang))}</p>"
                + _snapshot.figure_html(self.animation) + epoch_table(run, None, lang) + "</div>")


def epoch_table(run, current: int | None, lang: str | None = None) -> str:
    """Per-epoch group separation (with bars) and the probe word's nearest neighbours; ``current`` in bold.

    ``lang``: the language of the caption and the headings (default: ``VIZKIT_LANG``, else the locale).
    """
    rows = []
    for k, f in enumerate(run.frames):
        s = f.separation["separation"]
        style = " style='font-weight:bold;background:#eef'" if k == current else ""
        near = ", ".join(html.escape(word) for word, _ in f.neighbours[:4])
        rows.append(f"<tr{style}><td>{f.epoch}</td><td>{s:+.3f}</td><td><div style='background:#1f77b4;"
                    f"height:10px;width:{max(0.0, s) * 300:.0f}px'></div></td><td>{near}</td></tr>")
    probe = html.escape(run.probe or "")
    caption = t_html("widgets.training.table.caption", lang, probe=f"<i>{probe}</i>")
    unit = t("widgets.training.step" if run.unit == "step" else "widgets.training.epoch", lang)
    heads = (f"<th>{html.escape(unit)}</th>"
             f"<th colspan=2>{html.escape(t('widgets.training.separation', lang))}</th>"
             f"<th>{t_html('widgets.sentences.nearest', lang, query=probe)}</th>")
    return (f"<table class='vizkit-separation'><caption>{caption}</caption><tr>{heads}</tr>" + "".join(rows)
            + "</table>")
