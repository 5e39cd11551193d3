"""The polysemy player: one word's static point splitting into its senses, layer by layer, for one model or two
side by side. It plays an :class:`~vizkit.render.Animation`: the slider, the captions and the score table read
the animation, not the frames it came from."""

from __future__ import annotations

import html
import os
from pathlib import Path

import ipywidgets as w

from ..datasets import sentence_sets
from ..render.language import resolve, t
from ..sources import SOURCES
from . import _snapshot
from ._common import (SESSION_CACHE, AnimationExports, Status, load_animation, show_frame, side_by_side,
                      source_label, t_html)


def static_options(lang: str | None = None):
    """The static-vector menu: the model's own input embedding first, then every other source of the registry.

    ``"llm"`` here is the input embedding of the player's model (whichever it is),
    not the registry's bundled MiniLM static source. The labels are in ``lang``.
    """
    return [(t("widgets.player.static.llm", lang), "llm")] + [(source_label(name, lang), name) for name in SOURCES
                                                             if name != "llm"]


def method_options(lang: str | None = None):
    """The map menu: ``(label, method)`` in ``lang`` (the projections' names stay as they are)."""
    return [("PCA", "pca"), ("t-SNE", "tsne"), ("UMAP", "umap"), (t("widgets.player.method.axes", lang), "axes")]


#: the map menu in English (``method_options(lang)`` in another language)
METHOD_OPTIONS = method_options("en")
#: the text box's separator between a sense and its sentence (a tab also works)
SEP = " | "


class PolysemyPlayer(AnimationExports, w.VBox):
    """The static-to-contextual animation of a word, with its controls.

    Controls are attributes: ``word`` (a bundled word, or any word with your
    own sentences), ``sentences`` (one ``sense | sentence`` per line), ``model``
    (empty for the bundled all-MiniLM-L6-v2, or a Hugging Face id / folder),
    ``static``, ``method``, ``three_d`` (a 3-D map), ``versus`` (empty, or a second
    model drawn beside the first, stages matched by relative depth, e.g.
    ``SmolLM2-135M-Instruct``), the ``update`` button, the ``stage`` slider
    (0 = static vector, 1.. = hidden layers 0..L, or depths side by side) with its
    ``play`` button, and the ``export`` button. ``figure`` (a plotly
    ``FigureWidget``) shows the current stage; ``frameset`` holds the computed
    frames (the first model's side by side, and ``side_by_side`` the
    :class:`~vizkit.polysemy.SideBySide`); ``anim`` is the
    :class:`~vizkit.render.Animation` played and ``animation`` its plotly figure.
    Frames are computed once per word, sentences, model(s), static source,
    projection and dimensions (``n_computed`` counts them), so moving the slider
    or coming back to a word is instant. Models and static sources are kept in
    ``cache`` (default the shared ``SESSION_CACHE``), across widgets.

    With ``three_d`` on, the frames are computed on a 3-D map
    (``polysemy_frames(..., n_components=3)``) and drawn as a 3-D scene that
    can be turned with the mouse; Export writes that 3-D animation. The
    semantic axes map stays 2-D (its two axes are the map): with method
    "axes" the toggle is disabled and the status line says so. Two models side
    by side are drawn flat too, and not on semantic axes (each model has its own map).

    Parameters
    ----------
    word : str
        A bundled word (its sentences fill the box), or any word with ``sentences``.
    sentences : str, optional
        One ``sense | sentence`` per line (a tab also separates); default the word's bundled sentences.
    model, versus : str
        A Hugging Face id or folder; ``model`` empty for the bundled model (the Chinese encoder for Chinese),
        ``versus`` empty for one model.
    static : str
        ``"llm"`` (the model's own input embedding) or a name of ``vizkit.sources.SOURCES``.
    method : {"pca", "tsne", "umap", "axes"}
    three_d : bool
        A 3-D map (not for the semantic axes, nor side by side).
    export_dir : path
        Where Export writes its HTML file.
    cache : SessionCache, optional
        Where models and sources are kept between widgets; default the shared ``SESSION_CACHE``.
    lang : {"en", "zh"}, optional
        The language of the labels, the status line, the score table and the snapshot
        (default: ``VIZKIT_LANG``, else the locale). Words, senses, sentences and model names stay as they are.

    Examples
    --------
    >>> p = PolysemyPlayer(progress=False)
    >>> p.stage.value = 4          # layer 3
    >>> p.frameset.frames[4].name
    'layer 3'
    """

    def __init__(self, word: str = "bank", *, sentences: str | None = None, model: str = "", static: str = "llm",
                 method: str = "pca", three_d: bool = False, versus: str = "",
                 export_dir: str | os.PathLike = "exports",
                 random_state: int = 0, progress: bool = True, cache=None, lang: str | None = None):
        import plotly.graph_objects as go

        self.lang = lang = resolve(lang)
        self.random_state = random_state
        self.progress = progress
        self.cache = SESSION_CACHE if cache is None else cache
        self.export_dir = Path(export_dir)
        self.frameset = self.side_by_side = self.anim = self.animation = self.export_path = None
        self._talk: dict = {}
        self.n_computed = 0
        self._cache: dict = {}
        self._hold = False

        self.word = w.Combobox(value=word, options=sentence_sets.bundled_words(None), ensure_option=False,
                               description=t("gallery.word", lang), continuous_update=False,
                               layout=w.Layout(width="240px"))
        self.sentences = w.Textarea(description=t("widgets.player.sentences", lang), continuous_update=False,
                                    placeholder=t("widgets.player.sentences.placeholder", lang),
                                    layout=w.Layout(width="98%", height="150px"))
        self.model = w.Text(value=model, description=t("widgets.params.model", lang), continuous_update=False,
                            placeholder=t("widgets.player.model.placeholder", lang), layout=w.Layout(width="420px"))
        self.static = w.Dropdown(options=static_options(lang), value=static,
                                 description=t("widgets.player.static", lang))
        self.method = w.Dropdown(options=method_options(lang), value=method, description=t("widgets.player.method", lang))
        self.three_d = w.Checkbox(value=three_d, description=t("widgets.explorer.three_d", lang), indent=False,
                                  layout=w.Layout(width="70px"))
        self.versus = w.Text(value=versus, description=t("widgets.player.versus", lang), continuous_update=False,
                             placeholder=t("widgets.player.versus.placeholder", lang), layout=w.Layout(width="420px"))
        self.update = w.Button(description=t("widgets.player.update", lang), icon="refresh",
                               tooltip=t("widgets.player.update.tooltip", lang))
        self.stage = w.IntSlider(value=0, min=0, max=1, description=t("widgets.player.stage", lang),
                                 continuous_update=True, layout=w.Layout(width="420px"))
        self.play = w.Play(value=0, min=0, max=1, interval=1200, description=t("animation.play", lang))
        w.jslink((self.play, "value"), (self.stage, "value"))
        self.stage_label = w.HTML()
        self.separation = w.HTML()
        self._init_exports(lang)  # the page, a GIF for slides, the talk for a projector
        self.figure = go.FigureWidget()
        self.status = Status([self.word, self.sentences, self.model, self.versus, self.static, self.method,
                              self.update, *self.exports.values()], lang)

        self.word.observe(self._word_changed, "value")
        for c in (self.model, self.versus, self.static, self.method, self.three_d):
            c.observe(self._recompute, "value")
        self.update.on_click(self._recompute)
        self.stage.observe(self._show_stage, "value")

        super().__init__([
            w.HBox([self.word, self.static, self.method, self.three_d]), w.HBox([self.model, self.versus]),
            self.sentences,
            w.HBox([self.update, *self.exports.values(), self.export_link]), self.status.widget,
            w.HBox([self.play, self.stage, self.stage_label]),
            side_by_side(self.figure, self.separation),
        ])
        self.add_class("vizkit-player")
        _snapshot.register(self)
        if sentences is None:
            self._word_changed()
        else:
            self.sentences.value = sentences
            self._recompute()

    # ------------------------------------------------------------- reactions
    def _word_changed(self, change=None):
        word = self.word.value.strip().lower()
        if word in sentence_sets.bundled_words(None):
            self._hold = True
            self.sentences.value = "\n".join(sentence_sets.to_lines(sentence_sets.load(word), SEP))
            self._hold = False
            self._recompute()
        else:
            self.status.show(t("widgets.player.no_sentences", self.lang, word=word), "warn")

    def _recompute(self, change=None):
        if self._hold:
            return
        word = self.word.value.strip().lower()
        model, versus = self.model.value.strip(), self.versus.value.strip()
        self.three_d.disabled = self.method.value == "axes" or bool(versus)  # no third axis: see n_components
        busy = "widgets.player.computing" + (".load" if self.cache.llm_key(model) not in self.cache else "")
        with self.status.busy(t(busy, self.lang, word=word)):
            s = sentence_sets.parse_lines(self.sentences.value.splitlines(), word, separators=("\t", SEP.strip()),
                                      where="the sentence box")
            key = (word, tuple(s.sentences), tuple(s.senses), model, versus, self.static.value,
                   self.method.value, self.n_components, self.random_state)
            if key not in self._cache:
                self._cache[key] = self._frames(s, model, versus)
                self.n_computed += 1
            self._show(*self._cache[key])
            if self.three_d.value and self.n_components == 2:
                self.status.show(t("widgets.player.flat.versus" if versus else "widgets.explorer.flat.axes",
                                   self.lang))

    @property
    def n_components(self) -> int:
        """Dimensions of the map drawn: 3 with ``three_d`` on, except for the semantic axes and side by side
        (always 2)."""
        return 3 if self.three_d.value and self.method.value != "axes" and not self.versus.value.strip() else 2

    def _llm(self, model):
        """The model ``model`` (None: the bundled MiniLM), loaded once per session."""
        return self.cache.llm(model or None)

    def _frames(self, s, model, versus=""):
        """The frames of the sentences ``s`` (a FrameSet, or a SideBySide with ``versus``), their animation and
        figure, and what the talk needs to encode the sentences again (``{"llm": ..., "static": ...}``)."""
        from ..errors import InputError
        from ..polysemy import polysemy_frames, side_by_side_frames
        from ..render.figure import animation_figure

        if not model:  # the bundled MiniLM, or the Chinese encoder for Chinese text
            from ..sources import DEFAULT_MODEL, model_for

            picked = model_for(s.word, s.sentences)
            model = None if picked == DEFAULT_MODEL else picked
        llm = self._llm(model)
        static = self.static.value
        if static != "llm":
            if static not in self.cache:
                self.status.show(t("widgets.player.loading_static", self.lang, source=static) + " …", "busy")
            static = self.cache.source(static, self.progress)
        if versus:
            if self.method.value == "axes":  # checked before the second model loads
                raise InputError(t("widgets.player.versus.axes", self.lang))
            if self.cache.llm_key(versus) not in self.cache:
                self.status.show(t("widgets.player.loading_model", self.lang, model=versus) + " …", "busy")
            source = side_by_side_frames(s.word, s.sentences, s.senses, models=(llm, self._llm(versus)),
                                         static=static, method=self.method.value, random_state=self.random_state,
                                         progress=self.progress)
        else:
            source = polysemy_frames(s.word, s.sentences, s.senses, llm=llm, static=static, method=self.method.value,
                                     n_components=self.n_components, random_state=self.random_state,
                                     progress=self.progress)
        anim = source.to_animation(lang=self.lang)
        return source, anim, animation_figure(anim, lang=self.lang), {"llm": llm, "static": static}

    def _show(self, source, anim, figure, talk=None):
        self._talk = talk or {}
        self.side_by_side = source if hasattr(source, "framesets") else None
        self.frameset = source.framesets[0] if self.side_by_side is not None else source
        self.anim, self.animation = anim, figure
        self.export_link.value = ""
        load_animation(self.figure, figure)
        n = anim.n_frames
        self._hold = True
        self.stage.max = self.play.max = n - 1
        self._hold = False
        if self.stage.value != 0:
            self.stage.value = 0  # shows stage 0 through _show_stage
        else:
            self._show_stage()

    def _show_stage(self, change=None):
        if self._hold or self.anim is None:
            return
        k = min(self.stage.value, self.anim.n_frames - 1)
        show_frame(self.figure, self.animation, k)
        self.stage_label.value = f"<b>{html.escape(self.anim.names[k])}</b>"
        self.separation.value = separation_table(self.anim, k, self.lang)

    def _export_what(self, kind: str):
        """The frames to write, the file's name, and what a word's talk needs: its comparison scene encodes the
        sentences again with the same model and static source."""
        tail = "_versus" if self.side_by_side is not None else "_3d" if self.anim.n_components == 3 else ""
        source = self.side_by_side if self.side_by_side is not None else self.frameset
        talk = self._talk if kind == "slides" and self.side_by_side is None else {}
        return source, self.export_dir / f"{self.frameset.word}_animation{tail}.html", talk

    # ------------------------------------------------------------- static page
    def snapshot_html(self) -> str:
        """The whole animation (plotly's own play button and slider) with the scores and sentences."""
        if self.frameset is None:
            return f"<div class='vizkit-snapshot'><p>{html.escape(self.status.html.value)}</p></div>"
        fs, lang = self.frameset, self.lang
        method = {m: label for label, m in method_options(lang)}.get(fs.method, fs.method.upper())
        if fs.n_components == 3:
            method = t("widgets.player.snapshot.3d", lang, method=method)
        fields = dict(word=f"<b>{html.escape(fs.word)}</b>", static=html.escape(fs.static_source),
                      method=html.escape(method))
        if self.side_by_side is not None:
            first, second = self.side_by_side.models[:2]
            settings = t_html("widgets.player.snapshot.versus", lang, model=html.escape(first),
                              versus=html.escape(second), **fields)
        else:
            settings = t_html("widgets.player.snapshot", lang, model=html.escape(fs.model), **fields)
        items = "".join(f"<li><i>{html.escape(sense)}</i>: {html.escape(sent)}</li>"
                        for sent, sense in zip(fs.sentences, fs.senses))
        summary = html.escape(t("widgets.player.snapshot.sentences", lang, n=len(fs.sentences)))
        return (f"<div class='vizkit-snapshot'><p>{settings} · {html.escape(t('widgets.common.press_play', lang))}</p>"
                + _snapshot.figure_html(self.animation) + separation_table(self.anim, None, lang)
                + f"<details><summary>{summary}</summary><ul>{items}</ul></details></div>")


def separation_table(anim, current: int | None, lang: str | None = None) -> str:
    """Per-frame headline score (sense separation) of an animation as an HTML table with bars; the ``current``
    frame in bold. Side by side, a score and a bar per model.

    ``anim`` is an :class:`~vizkit.render.Animation` (or a FrameSet, a SideBySide); ``lang`` the language of the
    caption (default: ``VIZKIT_LANG``, else the locale; the score's name and the frames' are the animation's).
    """
    from ..render.animation import as_animation, short_name

    anim = as_animation(anim, lang)
    panels = anim.panels
    rows = []
    if anim.beside:
        rows.append("<tr><th></th>" + "".join(f"<th colspan=2>{html.escape(short_name(p.panel_title))}</th>"
                                              for p in panels) + "</tr>")
    for k, step in enumerate(anim.steps):
        cells = ""
        for p in panels:
            s = p.headline(k)
            score = t("widgets.player.na", lang) if s != s else f"{s:+.3f}"
            width = 0 if s != s else max(0.0, s) * (600 / len(panels))
            cells += (f"<td>{score}</td>"
                      f"<td><div style='background:#1f77b4;height:10px;width:{width:.0f}px'></div></td>")
        style = " style='font-weight:bold;background:#eef'" if k == current else ""
        rows.append(f"<tr{style}><td>{html.escape(step)}</td>{cells}</tr>")
    caption = html.escape(t("widgets.player.separation", lang, score=anim.score_label))
    return f"<table class='vizkit-separation'><caption>{caption}</caption>" + "".join(rows) + "</table>"
