"""The polysemy player: one word's static point splitting into its senses, layer by layer, for one model or two
side by side. It plays an :class:`~vizkit.render.Animation`: the slider, the captions and the score table read
the animation, not the frames it came from."""

from __future__ import annotations

import html
import os
from pathlib import Path

import ipywidgets as w

from ..datasets import sentence_sets
from ..sources import SOURCES
from . import _snapshot
from ._common import SESSION_CACHE, Status, export_link, load_animation, show_frame, side_by_side


def static_options():
    """The static-vector menu: the model's own input embedding first, then every other source of the registry.

    ``"llm"`` here is the input embedding of the player's model (whichever it is),
    not the registry's bundled MiniLM static source.
    """
    return [("the LLM's input embedding", "llm")] + [(spec.label, spec.name) for spec in SOURCES.values()
                                                    if spec.name != "llm"]


METHOD_OPTIONS = [("PCA", "pca"), ("t-SNE", "tsne"), ("UMAP", "umap"), ("semantic axes", "axes")]
#: the text box's separator between a sense and its sentence (a tab also works)
SEP = " | "


class PolysemyPlayer(w.VBox):
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
                 random_state: int = 0, progress: bool = True, cache=None):
        import plotly.graph_objects as go

        self.random_state = random_state
        self.progress = progress
        self.cache = SESSION_CACHE if cache is None else cache
        self.export_dir = Path(export_dir)
        self.frameset = self.side_by_side = self.anim = self.animation = self.export_path = None
        self.n_computed = 0
        self._cache: dict = {}
        self._hold = False

        self.word = w.Combobox(value=word, options=sentence_sets.bundled_words(None), ensure_option=False,
                               description="word", continuous_update=False, layout=w.Layout(width="240px"))
        self.sentences = w.Textarea(description="sentences", continuous_update=False,
                                    placeholder="one per line: sense | sentence containing the word",
                                    layout=w.Layout(width="98%", height="150px"))
        self.model = w.Text(value=model, description="model", continuous_update=False,
                            placeholder="bundled all-MiniLM-L6-v2, m3e-small for Chinese (or a Hugging Face id / folder)",
                            layout=w.Layout(width="420px"))
        self.static = w.Dropdown(options=static_options(), value=static, description="static vector")
        self.method = w.Dropdown(options=METHOD_OPTIONS, value=method, description="map")
        self.three_d = w.Checkbox(value=three_d, description="3-D", indent=False, layout=w.Layout(width="70px"))
        self.versus = w.Text(value=versus, description="versus", continuous_update=False,
                             placeholder="a second model beside the first, e.g. SmolLM2-135M-Instruct",
                             layout=w.Layout(width="420px"))
        self.update = w.Button(description="Update", icon="refresh", tooltip="recompute from the sentences above")
        self.stage = w.IntSlider(value=0, min=0, max=1, description="stage", continuous_update=True,
                                 layout=w.Layout(width="420px"))
        self.play = w.Play(value=0, min=0, max=1, interval=1200, description="play")
        w.jslink((self.play, "value"), (self.stage, "value"))
        self.stage_label = w.HTML()
        self.separation = w.HTML()
        self.export = w.Button(description="Export HTML", icon="download",
                               tooltip="write the animation as one offline HTML file")
        self.export_link = w.HTML()
        self.figure = go.FigureWidget()
        self.status = Status([self.word, self.sentences, self.model, self.versus, self.static, self.method,
                              self.update, self.export])

        self.word.observe(self._word_changed, "value")
        for c in (self.model, self.versus, self.static, self.method, self.three_d):
            c.observe(self._recompute, "value")
        self.update.on_click(self._recompute)
        self.stage.observe(self._show_stage, "value")
        self.export.on_click(self._export)

        super().__init__([
            w.HBox([self.word, self.static, self.method, self.three_d]), w.HBox([self.model, self.versus]),
            self.sentences,
            w.HBox([self.update, self.export, self.export_link]), self.status.widget,
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
            self.status.show(f"'{word}' has no bundled sentences: write your own below (sense | sentence), "
                             "then press Update", "warn")

    def _recompute(self, change=None):
        if self._hold:
            return
        word = self.word.value.strip().lower()
        model, versus = self.model.value.strip(), self.versus.value.strip()
        self.three_d.disabled = self.method.value == "axes" or bool(versus)  # no third axis: see n_components
        first = "loading the model and computing" if self.cache.llm_key(model) not in self.cache else "computing"
        with self.status.busy(f"{first} the frames of '{word}'"):
            s = sentence_sets.parse_lines(self.sentences.value.splitlines(), word, separators=("\t", SEP.strip()),
                                      where="the sentence box")
            key = (word, tuple(s.sentences), tuple(s.senses), model, versus, self.static.value,
                   self.method.value, self.n_components, self.random_state)
            if key not in self._cache:
                self._cache[key] = self._frames(s, model, versus)
                self.n_computed += 1
            self._show(*self._cache[key])
            if self.three_d.value and self.n_components == 2:
                self.status.show("3-D is off side by side (each model's own flat map)" if versus else
                                 "3-D is off for the semantic axes (x and y are the poles): the map is drawn flat")

    @property
    def n_components(self) -> int:
        """Dimensions of the map drawn: 3 with ``three_d`` on, except for the semantic axes and side by side
        (always 2)."""
        return 3 if self.three_d.value and self.method.value != "axes" and not self.versus.value.strip() else 2

    def _llm(self, model):
        """The model ``model`` (None: the bundled MiniLM), loaded once per session."""
        return self.cache.llm(model or None)

    def _frames(self, s, model, versus=""):
        """The frames of the sentences ``s`` (a FrameSet, or a SideBySide with ``versus``) and their animation."""
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
                self.status.show(f"loading the {static} static vectors …", "busy")
            static = self.cache.source(static, self.progress)
        if versus:
            if self.method.value == "axes":  # checked before the second model loads
                raise InputError("side by side, each model has its own map: choose PCA, t-SNE or UMAP, or clear "
                                 "'versus' for the semantic axes")
            if self.cache.llm_key(versus) not in self.cache:
                self.status.show(f"loading {versus} …", "busy")
            source = side_by_side_frames(s.word, s.sentences, s.senses, models=(llm, self._llm(versus)),
                                         static=static, method=self.method.value, random_state=self.random_state,
                                         progress=self.progress)
        else:
            source = polysemy_frames(s.word, s.sentences, s.senses, llm=llm, static=static, method=self.method.value,
                                     n_components=self.n_components, random_state=self.random_state,
                                     progress=self.progress)
        anim = source.to_animation()
        return source, anim, animation_figure(anim)

    def _show(self, source, anim, figure):
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
        self.separation.value = separation_table(self.anim, k)

    def _export(self, button=None):
        if self.animation is None:
            return
        from ..polysemy import write_html

        with self.status.busy("writing the HTML file"):
            tail = "_versus" if self.side_by_side is not None else "_3d" if self.anim.n_components == 3 else ""
            name = f"{self.frameset.word}_animation{tail}.html"
            self.export_path = Path(write_html(self.animation, self.export_dir / name))
            self.export_link.value = export_link(self.export_path)

    # ------------------------------------------------------------- static page
    def snapshot_html(self) -> str:
        """The whole animation (plotly's own play button and slider) with the scores and sentences."""
        if self.frameset is None:
            return f"<div class='vizkit-snapshot'><p>{html.escape(self.status.html.value)}</p></div>"
        fs = self.frameset
        models = " and ".join(self.side_by_side.models) if self.side_by_side is not None else fs.model
        items = "".join(f"<li><i>{html.escape(sense)}</i>: {html.escape(sent)}</li>"
                        for sent, sense in zip(fs.sentences, fs.senses))
        return (f"<div class='vizkit-snapshot'><p>word <b>{html.escape(fs.word)}</b> · model{'s' * (models != fs.model)} "
                f"{html.escape(models)} · static vector {html.escape(fs.static_source)} · map {fs.method.upper()}"
                + (" in 3-D" if fs.n_components == 3 else "") + " · press Play or drag the slider</p>"
                + _snapshot.figure_html(self.animation) + separation_table(self.anim, None)
                + f"<details><summary>{len(fs.sentences)} sentences</summary><ul>{items}</ul></details></div>")


def separation_table(anim, current: int | None) -> str:
    """Per-frame headline score (sense separation) of an animation as an HTML table with bars; the ``current``
    frame in bold. Side by side, a score and a bar per model.

    ``anim`` is an :class:`~vizkit.render.Animation` (or a FrameSet, a SideBySide).
    """
    from ..render.animation import as_animation, short_name

    anim = as_animation(anim)
    panels = anim.panels
    rows = []
    if anim.beside:
        rows.append("<tr><th></th>" + "".join(f"<th colspan=2>{html.escape(short_name(p.panel_title))}</th>"
                                              for p in panels) + "</tr>")
    for k, step in enumerate(anim.steps):
        cells = ""
        for p in panels:
            s = p.headline(k)
            score = "n/a" if s != s else f"{s:+.3f}"
            width = 0 if s != s else max(0.0, s) * (600 / len(panels))
            cells += (f"<td>{score}</td>"
                      f"<td><div style='background:#1f77b4;height:10px;width:{width:.0f}px'></div></td>")
        style = " style='font-weight:bold;background:#eef'" if k == current else ""
        rows.append(f"<tr{style}><td>{html.escape(step)}</td>{cells}</tr>")
    return (f"<table class='vizkit-separation'><caption>{html.escape(anim.score_label)} (within − across cosine)"
            "</caption>" + "".join(rows) + "</table>")
