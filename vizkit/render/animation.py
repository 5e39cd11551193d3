"""The one animation model: the same points moving through frames, plain data that every renderer reads.

Every animated view of vizkit is an :class:`Animation`: a word's occurrences
moving through a transformer's layers (:meth:`vizkit.polysemy.FrameSet.to_animation`),
words gathering into groups epoch by epoch (:meth:`vizkit.training.TrainingRun.to_animation`),
two models side by side (:meth:`vizkit.polysemy.SideBySide.to_animation`). One
figure builder (:func:`vizkit.render.figure.animation_figure`), one GIF writer
(:mod:`vizkit.render.gif`), the presenter's slides and the player all read it,
so each of them works for every animation at once (as plotly express builds
every animation from one frame table).

Like plotly express's ``animation_frame`` + ``animation_group``: frames x
points, each point with a stable id (object constancy), a group (its colour
and legend entry) and a label; per frame a name, a caption and scores; one
extent fixed over all frames. Nothing here imports a plotting library.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

import numpy as np

from ..errors import InputError

__all__ = ["Animation", "ReferencePoints", "PADDING", "fixed_extent", "as_animation", "plain_text", "short_name"]

PADDING = 0.08
"""The margin around all frames' points, as a fraction of their range on each axis (every animation's)."""


def fixed_extent(*arrays, padding: float = PADDING) -> np.ndarray:
    """``[[min...], [max...]]`` of all rows of ``arrays``, widened by ``padding`` of the range on each side.

    Parameters
    ----------
    *arrays : ndarray of shape (..., d)
        Coordinates of every frame (and of the fixed reference points): all of them are taken together.
    padding : float, default :data:`PADDING`

    Returns
    -------
    ndarray of shape (2, d)

    Examples
    --------
    >>> fixed_extent(np.array([[0.0, 0.0], [10.0, 1.0]])).tolist()
    [[-0.8, -0.08], [10.8, 1.08]]
    """
    rows = [np.asarray(a, dtype=np.float64) for a in arrays if a is not None and np.size(a)]
    if not rows:
        raise InputError("no points to fit an extent around")
    d = rows[0].shape[-1]
    allxy = np.vstack([r.reshape(-1, d) for r in rows])
    lo, hi = allxy.min(axis=0), allxy.max(axis=0)
    pad = padding * np.maximum(hi - lo, 1e-9)
    return np.stack([lo - pad, hi + pad])


def short_name(name: str) -> str:
    """A frame's name without its parenthesis: "layer 0 (embedding layer)" -> "layer 0", and
    "第 0 层（嵌入层）" -> "第 0 层"."""
    return str(name).split(" (")[0].split("（")[0]


_TAG = re.compile(r"<br\s*/?>|<[^>]+>", re.I)


def plain_text(text: str) -> str:
    """HTML (a caption, a hover text) as plain text: ``<br>`` a new line, other tags dropped, entities decoded."""
    return html.unescape(_TAG.sub(lambda m: "\n" if m.group(0).lower().startswith("<br") else "", text or ""))


@dataclass(eq=False)
class ReferencePoints:
    """Points drawn in every frame at the same place (the polysemy animation's anchor words), faint and labelled."""

    coords: np.ndarray  # (n, d)
    labels: list[str]
    groups: list[str]  # coloured like the animation's groups (another name: grey)
    hover: list[str] | None = None  # HTML, one per point; default the label
    name: str = "reference points"  # the legend entry

    def __post_init__(self):
        self.coords = np.asarray(self.coords, dtype=np.float64).reshape(len(self.labels), -1)
        self.labels = [str(x) for x in self.labels]
        self.groups = [str(x) for x in self.groups]
        if len(self.groups) != len(self.labels):
            raise InputError(f"{len(self.groups)} groups for {len(self.labels)} reference points; give one each")
        if self.hover is None:
            self.hover = [html.escape(x) for x in self.labels]


@dataclass(kw_only=True, eq=False)
class Animation:
    """The same points in every frame: their coordinates, identity, groups, and each frame's name, caption and scores.

    Parameters
    ----------
    coords : ndarray of shape (n_frames, n_points, d), or a list of n_frames arrays (n_points, d)
        ``d`` is 2 (a flat map) or 3 (a 3-D scene), the same in every frame.
    labels : list of str
        One per point, repeats allowed (five occurrences of "bank"). Plain text.
    groups : list of str
        One per point: its sense, word group or model; the colour and legend entry.
    names : list of str
        One per frame, distinct: "static", "layer 3", "epoch 2". Plain text.
    ids : list of str, optional
        One per point, distinct: what keeps a point itself from frame to frame. Default the
        labels when they are distinct, else ``p0, p1, ...``.
    steps : list of str, optional
        The slider's label of each frame (default the names), shown after ``step_prefix``.
    captions : list of str, optional
        HTML, one per frame: the text in the figure's corner. Default the frame's name, its
        headline score and its note.
    notes : list of str, optional
        Plain text, one per frame: a line said with the frame (a static vector's leaning, a probe
        word's neighbours). Default empty.
    scores : list of dict, optional
        Named numbers per frame (``{"separation": 0.21, "loss": 3e5}``), NaN where unknown.
    score : str, default "separation"
        The key of the headline score (the GIF's caption, the presenter's chart), and ``score_label``
        its name in words ("sense separation").
    hover : list of str, optional
        HTML, one per point (a sentence with the word in bold). Default the label and the group.
    text : bool, default False
        Write each point's label beside it (words); otherwise the labels are in the hover only.
    group_order, colours : optional
        The groups' legend order (default order of first appearance) and ``{group: colour}``
        (default :func:`vizkit.plot.group_colours`).
    extent : ndarray of shape (2, d), optional
        Fixed axis ranges; default all frames and reference points with a :data:`PADDING` margin.
    reference : ReferencePoints, optional
        Fixed points drawn in every frame (anchor words).
    title, subtitle : str
        Plain text; the subtitle is written small after the title (figures) or left out (GIF).
    group_title, step_prefix, axis_titles, height, panel_title
        The legend's title ("sense"), the slider's prefix ("epoch "), the axes' titles (or None),
        the figure's height in pixels (None: plotly's), and this panel's title when side by side.
    beside : list of Animation, optional
        More panels sharing these frames (two models side by side): each has its own points,
        coordinates, extent, captions and scores, and the same number of frames.

    Examples
    --------
    >>> a = Animation(coords=[[[0, 0], [0, 1]], [[-1, 0], [1, 1]]], labels=["cat", "dog"],
    ...               groups=["pets", "pets"], names=["start", "end"])
    >>> a.n_frames, a.n_points, a.n_components, a.ids
    (2, 2, 2, ['cat', 'dog'])
    >>> a.extent.round(2).tolist()
    [[-1.16, -0.08], [1.16, 1.08]]
    """

    coords: np.ndarray
    labels: list[str]
    groups: list[str]
    names: list[str]
    ids: list[str] | None = None
    steps: list[str] | None = None
    captions: list[str] | None = None
    notes: list[str] | None = None
    scores: list[dict] | None = None
    score: str = "separation"
    score_label: str = "separation"
    hover: list[str] | None = None
    text: bool = False
    group_order: list[str] | None = None
    colours: dict | None = None
    extent: np.ndarray | None = None
    reference: ReferencePoints | None = None
    title: str = ""
    subtitle: str = ""
    group_title: str = "group"
    step_prefix: str = "frame "
    axis_titles: tuple[str, str] | None = None
    height: int | None = None
    panel_title: str = ""
    beside: list["Animation"] = field(default_factory=list)

    def __post_init__(self):
        coords = np.asarray([np.asarray(c, dtype=np.float64) for c in self.coords]
                            if isinstance(self.coords, (list, tuple)) else self.coords, dtype=np.float64)
        if coords.ndim != 3 or coords.shape[2] not in (2, 3):
            raise InputError(f"coords are (n_frames, n_points, 2 or 3); got shape {coords.shape}")
        self.coords = coords
        n_frames, n_points = coords.shape[:2]
        self.labels = [str(x) for x in self.labels]
        self.groups = [str(x) for x in self.groups]
        self.names = [str(x) for x in self.names]
        for what, values, n in (("labels", self.labels, n_points), ("groups", self.groups, n_points),
                                ("names", self.names, n_frames)):
            if len(values) != n:
                raise InputError(f"{len(values)} {what} for {n} {'frames' if what == 'names' else 'points'}; "
                                 "give one each")
        if len(set(self.names)) != n_frames:
            raise InputError(f"frame names must be distinct (they name the frames); got {self.names}")
        if self.ids is None:
            self.ids = self.labels if len(set(self.labels)) == n_points else [f"p{i}" for i in range(n_points)]
        self.ids = [str(x) for x in self.ids]
        if len(set(self.ids)) != n_points:
            raise InputError("point ids must be distinct: each keeps one point itself from frame to frame")
        self.steps = list(self.names if self.steps is None else self.steps)
        self.notes = [""] * n_frames if self.notes is None else [str(x or "") for x in self.notes]
        self.scores = [{} for _ in range(n_frames)] if self.scores is None else [dict(s) for s in self.scores]
        if self.hover is None:
            self.hover = [f"{html.escape(lab)}<br>{html.escape(self.group_title)}: {html.escape(g)}"
                          for lab, g in zip(self.labels, self.groups)] if not self.text else None
        for what, values in (("steps", self.steps), ("notes", self.notes), ("scores", self.scores)):
            if len(values) != n_frames:
                raise InputError(f"{len(values)} {what} for {n_frames} frames; give one each")
        if self.hover is not None and len(self.hover) != n_points:
            raise InputError(f"{len(self.hover)} hover texts for {n_points} points; give one each")
        if self.group_order is None:
            self.group_order = list(dict.fromkeys(self.groups))
        missing = set(self.groups) - set(self.group_order)
        if missing:
            raise InputError(f"group_order lacks the group(s) {', '.join(sorted(missing))}")
        if self.colours is None:
            from ..plot.colours import group_colours

            self.colours = group_colours(self.group_order)
        if self.reference is not None and self.reference.coords.shape[1] != coords.shape[2]:
            raise InputError(f"the reference points are {self.reference.coords.shape[1]}-D, the frames "
                             f"{coords.shape[2]}-D")
        if self.extent is None:
            self.extent = fixed_extent(coords, None if self.reference is None else self.reference.coords)
        self.extent = np.asarray(self.extent, dtype=np.float64)
        if self.captions is None:
            self.captions = [self._caption(k) for k in range(n_frames)]
        if len(self.captions) != n_frames:
            raise InputError(f"{len(self.captions)} captions for {n_frames} frames; give one each")
        for other in self.beside:
            if other.n_frames != n_frames:
                raise InputError(f"a panel beside has {other.n_frames} frames, this one {n_frames}: panels "
                                 "side by side share their frames")
            if other.n_components != self.n_components:
                raise InputError("panels side by side are all 2-D or all 3-D")

    # ------------------------------------------------------------- shape
    @property
    def n_frames(self) -> int:
        return self.coords.shape[0]

    @property
    def n_points(self) -> int:
        return self.coords.shape[1]

    @property
    def n_components(self) -> int:
        """2 for a flat map, 3 for a 3-D scene."""
        return self.coords.shape[2]

    @property
    def panels(self) -> list["Animation"]:
        """This animation and the ones beside it: one panel each."""
        return [self, *self.beside]

    # ------------------------------------------------------------- frames
    def headline(self, k: int) -> float:
        """Frame ``k``'s headline score (``scores[k][score]``), NaN when it has none."""
        v = self.scores[k].get(self.score, float("nan"))
        return float(v) if isinstance(v, (int, float, np.floating, np.integer)) else float("nan")

    def best(self, start: int = 1) -> int | None:
        """The frame (from ``start`` on) with the highest headline score, or None when no frame has one."""
        scored = [(self.headline(k), k) for k in range(start, self.n_frames) if self.headline(k) == self.headline(k)]
        return max(scored, key=lambda t: (t[0], -t[1]))[1] if scored else None

    def detail(self, k: int) -> str:
        """Plain text said with frame ``k``: its headline score and its note (side by side: each panel's score)."""
        if self.beside:
            return " · ".join(f"{short_name(p.panel_title) or m}: {p.score_label} {p.headline(k):+.3f}"
                              for m, p in enumerate(self.panels) if p.headline(k) == p.headline(k))
        v = self.headline(k)
        parts = [f"{self.score_label} {v:+.3f}"] if v == v else []
        return " · ".join(parts + ([self.notes[k]] if self.notes[k] else []))

    def _caption(self, k: int) -> str:
        text = f"<b>{html.escape(self.names[k])}</b>"
        v = self.headline(k)
        if v == v:
            text += f"<br>{html.escape(self.score_label)} {v:+.3f}"
        if self.notes[k]:
            text += "<br>" + html.escape(self.notes[k])
        return text

    def metrics(self) -> list[dict]:
        """One row per frame: ``frame``, ``name`` and its scores; side by side one per frame and panel
        (with ``panel``, the panel's title)."""
        if not self.beside:
            return [{"frame": k, "name": self.names[k], **self.scores[k]} for k in range(self.n_frames)]
        return [{"frame": k, "name": self.names[k], "panel": p.panel_title or str(m), **p.scores[k]}
                for k in range(self.n_frames) for m, p in enumerate(self.panels)]

    def __repr__(self) -> str:
        side = f", {len(self.panels)} panels" if self.beside else ""
        return (f"Animation({self.n_frames} frames x {self.n_points} points, {self.n_components}-D, "
                f"{len(self.group_order)} groups{side}: {self.title!r})")


def as_animation(obj, lang: str | None = None) -> Animation:
    """``obj`` itself when it is an :class:`Animation`, else ``obj.to_animation(lang)`` (a FrameSet, a TrainingRun,
    a SideBySide: its texts in ``lang``); anything else is refused with what it can be."""
    if isinstance(obj, Animation):
        return obj
    if hasattr(obj, "to_animation"):
        return obj.to_animation(lang)
    raise InputError(f"cannot animate a {type(obj).__name__}: give an Animation, or frames that make one "
                     "(polysemy_frames, train_word2vec, side_by_side_frames)")
