"""What both widgets share: cached sources and models, and a status line that shows long work."""

from __future__ import annotations

import html
import os
import posixpath
import time
import warnings
from contextlib import contextmanager
from pathlib import Path

from ..errors import VizkitError

_SOURCES: dict = {}

#: what a first load costs, told to the user before it starts
FIRST_LOAD = {
    "glove": "loading GloVe 6B 50d (400,000 words)",
    "word2vec": "loading Word2Vec (the first time ever it is trained on 2.6M words: one to two minutes)",
    "fasttext": "loading FastText (the first time ever it is trained on 2.6M words: one to two minutes)",
    "llm": "loading the bundled MiniLM's input embeddings",
}


def cached_source(name: str, progress: bool = True):
    """A static source by name, built once per kernel."""
    from ..sources import get_source

    if name not in _SOURCES:
        kwargs = {"progress": progress} if name in ("word2vec", "fasttext") else {}
        _SOURCES[name] = get_source(name, **kwargs)
    return _SOURCES[name]


def is_loaded(name: str) -> bool:
    """Whether the source ``name`` is already built in this kernel."""
    return name in _SOURCES


def cached_llm(model: str | None = None):
    """A contextual model (default: the bundled all-MiniLM-L6-v2), loaded once per kernel."""
    from ..sources import LLM

    key = ("llm", model or None)
    if key not in _SOURCES:
        _SOURCES[key] = LLM(model or None)
    return _SOURCES[key]


class Status:
    """A one-line status (an ``ipywidgets.HTML``) plus an ``Output`` where progress bars of long work appear.

    ``with status.busy("training Word2Vec"):`` shows the message and disables
    the given controls while the work runs; an error becomes a red line instead
    of a traceback (vizkit's own errors with their message, others with their
    type), and the widget stays usable.
    """

    def __init__(self, controls=()):
        import ipywidgets as w

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
                self.show(f"done in {time.perf_counter() - t0:.1f} s")
        else:
            own = isinstance(caught, (VizkitError, ValueError, KeyError, OSError))
            self.error = str(caught) if own else f"{type(caught).__name__}: {caught}"
            self.show(f"error: {self.error}", "error")


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
    """Glide the ``FigureWidget``'s points to frame ``k`` of ``anim`` and show that frame's notes."""
    frame = anim.frames[k]
    with figure.batch_animate(duration=duration, easing="cubic-in-out"):
        for i, tr in enumerate(frame.data):
            figure.data[i].x, figure.data[i].y = tr.x, tr.y
    figure.layout.annotations = frame.layout.annotations


def export_link(path) -> str:
    """HTML: a link to an exported page that JupyterLab serves, with its size."""
    size = Path(path).stat().st_size / 1e6
    return (f"<a href='{html.escape(files_url(path))}' target='_blank'>{html.escape(str(path))}</a> "
            f"({size:.1f} MB, works offline)")


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
