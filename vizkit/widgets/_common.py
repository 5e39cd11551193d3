"""What the widgets share: the session cache of sources and models, and a status line that shows long work."""

from __future__ import annotations

import html
import os
import posixpath
import re
import time
import warnings
from contextlib import contextmanager
from pathlib import Path

from ..errors import VizkitError
from ..render.language import catalogue, error_text, resolve, t, t_html  # noqa: F401 - t_html for the widgets


class SessionCache:
    """Sources and models built once per kernel and shared by every widget that asks for them.

    Every widget that loads a source or a model takes ``cache=`` (default
    :data:`SESSION_CACHE`, the one shared instance): a source loaded by the
    explorer is reused by the player. A test passes a fresh ``SessionCache()``
    to start from nothing, or seeds one with :meth:`put`.

    Keys: a source's name (``"glove"``), ``("llm", model)`` for a contextual
    model (``None`` for the bundled all-MiniLM-L6-v2), or any key of a
    :meth:`get` caller.
    """

    def __init__(self):
        self._items: dict = {}

    def get(self, key, build):
        """The value under ``key``; ``build()`` makes it the first time."""
        if key not in self._items:
            self._items[key] = build()
        return self._items[key]

    def put(self, key, value) -> None:
        """Keep ``value`` under ``key`` (a source or model built elsewhere, e.g. a test's session fixture)."""
        self._items[key] = value

    def source(self, name: str, progress: bool = True):
        """The static source ``name`` (a key of ``vizkit.sources.SOURCES``), built once."""
        from ..sources import SOURCES, get_source

        kwargs = {"progress": progress} if SOURCES[name].trained else {}
        return self.get(name, lambda: get_source(name, **kwargs))

    def llm(self, model: str | None = None):
        """A contextual model (default: the bundled all-MiniLM-L6-v2), loaded once."""
        from ..sources import LLM

        return self.get(self.llm_key(model), lambda: LLM(model or None))

    @staticmethod
    def llm_key(model: str | None = None):
        """The key :meth:`llm` keeps ``model`` under (``""`` and ``None`` both mean the bundled model)."""
        return ("llm", model or None)

    def __contains__(self, key) -> bool:
        """Whether ``key`` is already built (a widget then skips its "loading …" message)."""
        return key in self._items

    def clear(self) -> None:
        """Forget everything: the next request builds again."""
        self._items.clear()


#: the cache every widget shares unless given its own ``cache=``
SESSION_CACHE = SessionCache()


class Status:
    """A one-line status (an ``ipywidgets.HTML``) plus an ``Output`` where progress bars of long work appear.

    ``with status.busy("training Word2Vec"):`` shows the message and disables
    the given controls while the work runs; an error becomes a red line instead
    of a traceback (vizkit's own errors with their message, others with their
    type), and the widget stays usable. ``lang``: the language of its own words
    ("done in", "error:"); the messages it is given are already in their language.
    """

    def __init__(self, controls=(), lang: str | None = None):
        import ipywidgets as w

        self.lang = resolve(lang)
        self.html = w.HTML(layout=w.Layout(min_height="1.6em"))
        self.output = w.Output(layout=w.Layout(max_height="7em", overflow="auto"))
        self.controls = list(controls)
        self.error: str | None = None
        self.warnings: list[str] = []
        self.widget = w.VBox([self.html, self.output])

    def show(self, text: str, kind: str = "info") -> None:
        colour = {"info": "#555", "busy": "#1f77b4", "warn": "#b26b00", "error": "#c0392b"}[kind]
        icon = {"info": "", "busy": "⏳ ", "warn": "⚠ ", "error": "✖ "}[kind]
        self.html.value = f"<span style='color:{colour}'>{icon}{html.escape(text)}</span>"

    @contextmanager
    def busy(self, message: str):
        before = [c.disabled for c in self.controls]
        for c in self.controls:
            c.disabled = True
        self.error = None
        self.show(message + " …", "busy")
        t0 = time.perf_counter()
        caught = None
        try:
            # the exception is caught inside the Output context: in a kernel, Output
            # would otherwise print the traceback and swallow it
            with self.output, warnings.catch_warnings(record=True) as warned:
                warnings.simplefilter("always")
                try:
                    yield self
                except Exception as exc:  # noqa: BLE001 - a widget must survive any failure of its work
                    caught = exc
        finally:
            for c, d in zip(self.controls, before):
                c.disabled = d
        self.warnings = [str(m.message) for m in warned]
        if caught is None:
            if _in_kernel():  # outside a kernel clear_output only prints terminal escapes
                self.output.clear_output()
            if self.warnings:
                self.show("; ".join(dict.fromkeys(self.warnings)), "warn")
            elif self.html.value.startswith("<span style='color:#1f77b4'>"):
                self.show(t("widgets.status.done", self.lang, seconds=f"{time.perf_counter() - t0:.1f}"))
        else:
            own = isinstance(caught, (VizkitError, ValueError, KeyError, OSError))
            self.error = error_text(caught, self.lang) if own else f"{type(caught).__name__}: {caught}"
            self.show(t("widgets.status.error", self.lang, error=self.error), "error")


# ------------------------------------------------------------------ the learner's language


def t_or(key: str, default: str, lang: str | None = None) -> str:
    """The message ``key`` in ``lang`` when the catalogue has it, else ``default`` (a name it has no text for)."""
    return t(key, lang) if key in catalogue() else default


def source_label(name: str, lang: str | None = None) -> str:
    """The menu label of the source ``name`` in ``lang`` (the registry's label when it needs no translation)."""
    from ..sources import SOURCES

    return t_or(f"widgets.source.{name}.label", SOURCES[name].label, lang)


def source_loading(name: str, lang: str | None = None) -> str:
    """What the status line says while the source ``name`` loads, in ``lang``."""
    from ..sources import SOURCES

    return t_or(f"widgets.source.{name}.loading", SOURCES[name].loading, lang)


def _in_kernel() -> bool:
    try:
        from IPython import get_ipython
    except ImportError:  # pragma: no cover - ipywidgets depends on IPython
        return False
    return get_ipython() is not None


def side_by_side(*children):
    """A row that wraps: a figure and its table side by side on a wide screen, the table below on a narrow one."""
    import ipywidgets as w

    return w.HBox(list(children), layout=w.Layout(flex_flow="row wrap", align_items="flex-start"))


# ------------------------------------------------------------------ animations in a FigureWidget
def load_animation(figure, anim) -> None:
    """Put an animation figure's traces and layout into a ``FigureWidget``, without plotly's own play controls.

    The widget's slider drives it instead, through :func:`show_frame`.
    """
    layout = anim.layout.to_plotly_json()
    for key in ("sliders", "updatemenus"):
        layout.pop(key, None)
    layout.update(margin=dict(t=70, b=30, l=20, r=20), height=560)
    with figure.batch_update():
        figure.data = []
        figure.add_traces(anim.data)
        figure.layout = layout


def show_frame(figure, anim, k: int, duration: int = 600) -> None:
    """Glide the ``FigureWidget``'s points to frame ``k`` of ``anim`` and show that frame's notes.

    3-D points (``Scatter3d``) do not glide in plotly.js: they are moved in one update.
    """
    frame = anim.frames[k]
    three = any(tr.type == "scatter3d" for tr in frame.data)
    with figure.batch_update() if three else figure.batch_animate(duration=duration, easing="cubic-in-out"):
        for i, tr in enumerate(frame.data):
            figure.data[i].x, figure.data[i].y = tr.x, tr.y
            if three:
                figure.data[i].z = tr.z
    figure.layout.annotations = frame.layout.annotations


EXPORTS = ("html", "gif", "slides")
"""What an animation widget writes: the page, a GIF for slides, the talk for a projector."""


class AnimationExports:
    """The export row of an animation widget (the player, the training view): buttons for the page, a GIF
    and the talk, each written into ``export_dir`` and linked.

    The widget calls :meth:`_init_exports` before its :class:`Status` (whose controls include
    ``exports.values()``), has ``animation`` (its figure), ``status``, ``lang`` and ``export_dir``, and
    says what to write with ``_export_what(kind)`` -> ``(source, path, talk)``.
    """

    _WRITING = {"html": "widgets.common.writing", "gif": "widgets.common.writing.gif",
                "slides": "widgets.common.writing.slides"}

    def _init_exports(self, lang: str) -> None:
        import ipywidgets as w

        icons = {"html": "download", "gif": "film", "slides": "television"}
        keys = {"html": "widgets.common.export", "gif": "widgets.common.gif", "slides": "widgets.common.slides"}
        self.exports = {kind: w.Button(description=t(keys[kind], lang), icon=icons[kind],
                                       tooltip=t(keys[kind] + ".tooltip", lang)) for kind in EXPORTS}
        self.export, self.export_gif, self.export_slides = (self.exports[k] for k in EXPORTS)
        self.export_link = w.HTML()
        self.export_path = None
        for button in self.exports.values():
            button.on_click(self._export)

    def _export(self, button=None, kind: str | None = None):
        """Write the page (``kind`` "html", the default), a GIF ("gif") or the talk ("slides") into ``export_dir``."""
        if self.animation is None:
            return
        kind = kind or next((k for k, b in self.exports.items() if b is button), "html")
        with self.status.busy(t(self._WRITING[kind], self.lang)):
            source, path, talk = self._export_what(kind)
            self.export_path = write_export(kind, source, self.animation, path, self.lang, **talk)
            self.export_link.value = export_link(self.export_path, self.lang)


def write_export(kind: str, source, figure, path, lang: str | None = None, **talk) -> Path:
    """Write an animation widget's export ``kind`` to ``path`` (its suffix set here); the path written.

    ``"html"``: the ``figure`` as one offline page; ``"gif"``: the animation ``source`` as an animated GIF;
    ``"slides"``: its talk (:func:`~vizkit.present.write_presentation`, with ``talk``: ``llm``, ``static``).
    """
    path = Path(path)
    if kind == "gif":
        from ..render.gif import write_gif

        return Path(write_gif(source, path.with_suffix(".gif"), lang=lang))
    if kind == "slides":
        from ..present import write_presentation

        return Path(write_presentation(source, path.with_name(path.stem + "_slides.html"), lang=lang, **talk))
    from ..render import write_html

    return Path(write_html(figure, path.with_suffix(".html"), lang=lang))


def export_link(path, lang: str | None = None) -> str:
    """HTML: a link to an exported page that JupyterLab serves, with its size (said in ``lang``)."""
    size = Path(path).stat().st_size / 1e6
    return (f"<a href='{html.escape(files_url(path))}' target='_blank'>{html.escape(str(path))}</a> "
            f"({t_html('widgets.export.size', lang, size=f'{size:.1f}')})")


def files_url(path: Path) -> str:
    """A link to ``path`` that JupyterLab serves raw (``/files/...``), relative to the notebook's page.

    Inside a Jupyter kernel ``JPY_SESSION_NAME`` is the notebook's path under the
    server root, and the page is ``<base>/lab/tree/<that path>``; elsewhere the
    plain relative path is returned.
    """
    rel = Path(os.path.relpath(Path(path).resolve(), Path.cwd())).as_posix()
    session = os.environ.get("JPY_SESSION_NAME", "")
    if not session or os.path.isabs(session) or rel.startswith("../"):
        return rel
    folder = posixpath.dirname(session)
    up = "../" * (2 + (len(folder.split("/")) if folder else 0))
    return f"{up}files/{posixpath.join(folder, rel) if folder else rel}"
