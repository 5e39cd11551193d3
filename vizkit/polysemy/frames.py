"""Frames of the static-to-contextual animation, computed without any plotting library.

Frame 0 is the static stage: one vector for the word whatever the sentence, so
every occurrence sits on one point. Frames 1.. are the transformer's layers
0..L, one point per occurrence. All frames share one 2-D (or 3-D) map: each layer's
occurrence vectors are centred on their layer mean and scaled to unit mean
norm (so that layers whose vectors live far apart are comparable), one
projection is fitted on all layers together, and every layer is placed into it.
Nothing spins or jumps; the static point is the centre of the map, from where
it visibly splits into its occurrences.

Anchor words of each sense ("money", "loan" / "river", "water" for "bank") are
encoded by the same model on their own, centred and scaled like the
occurrences of each layer, placed into the same map, and drawn at their mean
position over layers 1..L as fixed, faint reference points.
"""

from __future__ import annotations

import html
import warnings
from dataclasses import dataclass, field

import numpy as np

from ..vectors import unit_rows
from ..errors import InputError, VizkitWarning
from ..metrics.separation import sense_separation

__all__ = ["Frame", "FrameSet", "Anchor", "SingleSenseWarning", "polysemy_frames", "highlight", "static_leaning",
           "frame_caption", "hover_texts"]


class SingleSenseWarning(VizkitWarning):
    """Sentences of fewer than two senses: the animation is drawn, without a separation score."""


NO_SCORE = {"within_sense_cos": float("nan"), "across_sense_cos": float("nan"), "separation": float("nan")}


@dataclass
class Frame:
    name: str
    layer: int | None  # None for the static stage
    coords: np.ndarray  # (n_occurrences, 2), or (n_occurrences, 3) for a 3-D map
    separation: dict  # within_sense_cos, across_sense_cos, separation (original space)
    note: str = ""  # extra line shown with the frame (the static source's leaning, ...)
    leaning: tuple = ()  # the static frame: ((sense, cosine of the word to its anchor words), ...), as the note says
    source: str = ""  # the static frame: the static source's name

    @property
    def label(self) -> str:
        """The short name: "static", "layer 3"."""
        return self.name.split(" (")[0]

    def title(self, lang: str | None = None) -> str:
        """The frame's name in ``lang`` (``"layer 3"``, ``"第 3 层"``); :attr:`name` is the English one."""
        from ..render.language import t

        if self.layer is None:
            return t("figure.frame.static", lang, source=self.source_name(lang)) if self.source else self.name
        return t("figure.frame.layer0", lang) if self.layer == 0 else t("figure.frame.layer", lang, layer=self.layer)

    def source_name(self, lang: str | None = None) -> str:
        """The static source's name in ``lang`` ("glove", "m3e-small 输入嵌入")."""
        return source_title(self.source, lang)

    def remark(self, word: str, lang: str | None = None) -> str:
        """The frame's :attr:`note` in ``lang``: the static vector's leaning towards each sense's anchor words."""
        from ..render.language import t

        if not self.leaning:
            return self.note
        parts = t("figure.list", lang).join(t("figure.leaning.part", lang, sense=s, cosine=f"{c:.2f}")
                                            for s, c in self.leaning)
        return t("figure.leaning", lang, source=self.source_name(lang), word=word, parts=parts)


@dataclass
class Anchor:
    word: str
    sense: str
    xy: np.ndarray  # (2,) or (3,) for a 3-D map, fixed across frames


@dataclass
class FrameSet:
    """Everything a renderer needs: frames, and per-occurrence identity and text."""

    word: str
    model: str
    static_source: str
    frames: list[Frame]
    senses: list[str]
    sentences: list[str]
    spans: list[tuple[int, int]]
    extent: np.ndarray = field(default=None)  # [[xmin, ymin(, zmin)], [xmax, ymax(, zmax)]] with a margin
    anchors: list[Anchor] = field(default_factory=list)
    method: str = "pca"
    subtokens: list[str] = field(default_factory=list)  # the word's WordPiece/BPE pieces per occurrence
    axis_titles: tuple[str, str] | None = None  # method "axes": what x and y measure ("money <-> river", ...)

    @property
    def n_occurrences(self) -> int:
        return len(self.senses)

    @property
    def n_components(self) -> int:
        """2 for a flat map, 3 for a 3-D one (the columns of every frame's ``coords``)."""
        return self.frames[0].coords.shape[1]

    @property
    def sense_names(self) -> list[str]:
        return list(dict.fromkeys(self.senses))

    def to_animation(self, lang: str | None = None):
        """These frames as an :class:`~vizkit.render.Animation`, the model every renderer reads.

        One point per occurrence (ids ``occ0, occ1, ...``, grouped by sense, hover: its sentence
        with the word in bold), one frame per stage (static, layer 0..L) captioned with its
        separation score and note, the anchor words as fixed reference points, the extent of
        the frames. Every text a learner reads (frame names, captions, titles) is in ``lang``
        (default: ``VIZKIT_LANG``, else the locale).
        """
        from ..render.animation import Animation, ReferencePoints, short_name
        from ..render.language import t, t_html

        method = {"pca": "PCA", "tsne": "t-SNE", "umap": "UMAP"}.get(self.method, self.method)
        shared = (t("figure.polysemy.axes", lang) if self.method == "axes" else
                  t("figure.polysemy.shared3d" if self.n_components == 3 else "figure.polysemy.shared", lang,
                    method=method))
        reference = None
        if self.anchors:
            reference = ReferencePoints(
                np.array([a.xy for a in self.anchors]), [a.word for a in self.anchors],
                [a.sense for a in self.anchors], name=t("figure.anchors", lang),
                hover=[t_html("figure.anchor.hover", lang, word=html.escape(a.word), sense=html.escape(a.sense))
                       for a in self.anchors])
        names = [f.title(lang) for f in self.frames]
        return Animation(
            coords=[f.coords for f in self.frames], labels=[self.word] * self.n_occurrences, groups=self.senses,
            names=names, ids=[f"occ{i}" for i in range(self.n_occurrences)],
            steps=[short_name(n) for n in names], captions=[frame_caption(f, self.word, lang) for f in self.frames],
            notes=[f.remark(self.word, lang) for f in self.frames], scores=[dict(f.separation) for f in self.frames],
            score="separation", score_label=t("figure.sense_separation", lang), hover=hover_texts(self, lang),
            extent=self.extent, reference=reference,
            title=t("figure.polysemy.title", lang, word=self.word, model=self.model), subtitle=shared,
            group_title=t("figure.sense", lang), step_prefix=t("figure.polysemy.showing", lang),
            axis_titles=self.axis_titles, panel_title=self.model)

    def metrics(self) -> list[dict]:
        """One row per frame: frame, layer, within_sense_cos, across_sense_cos, separation."""
        return [{"frame": i, "layer": "static" if f.layer is None else f.layer, **f.separation}
                for i, f in enumerate(self.frames)]

    def write_metrics(self, path) -> str:
        """Write :meth:`metrics` as CSV (``frame,layer,within_sense_cos,across_sense_cos,separation``)."""
        import csv
        from pathlib import Path

        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        rows = self.metrics()
        with path.open("w", newline="", encoding="utf-8") as fh:
            w = csv.DictWriter(fh, fieldnames=list(rows[0]))
            w.writeheader()
            for r in rows:
                w.writerow({k: ("" if isinstance(v, float) and v != v else f"{v:.6f}" if isinstance(v, float) else v)
                            for k, v in r.items()})
        return str(path)


def frame_caption(frame, word: str = "", lang: str | None = None) -> str:
    """What a frame says in the figure's corner (HTML), in ``lang``: its name, its separation score and its note."""
    from ..render.language import t

    s = frame.separation
    sep = s.get("separation", float("nan"))
    score = t("figure.sense_separation", lang)
    if sep != sep:  # NaN: fewer than two senses
        line = t("figure.score.unscored", lang, score=score)
    elif "within_sense_cos" not in s or "across_sense_cos" not in s:
        line = f"{score} {sep:+.3f}"
    else:
        line = t("figure.score.original", lang, score=score, value=f"{sep:+.3f}", within=f"{s['within_sense_cos']:.3f}",
                 across=f"{s['across_sense_cos']:.3f}")
    text = f"<b>{html.escape(frame.title(lang))}</b><br>{html.escape(line)}"
    note = frame.remark(word, lang)
    if note:
        text += "<br>" + html.escape(note)
    return text


def hover_texts(fs: FrameSet, lang: str | None = None) -> list[str]:
    """Each occurrence's hover text: its sentence with the word in bold, its sense, its sub-tokens (in ``lang``)."""
    from ..render.language import t

    pieces = fs.subtokens or [""] * fs.n_occurrences
    return [f"{highlight(sent, a, b)}<br>" + html.escape(t("figure.hover.sense", lang, sense=sense))
            + ("<br>" + html.escape(t("figure.hover.subtokens", lang, pieces=p)) if " " in p else "")
            for sent, (a, b), sense, p in zip(fs.sentences, fs.spans, fs.senses, pieces)]


def highlight(sentence: str, start: int, end: int) -> str:
    """The sentence HTML-escaped, with the target word in bold."""
    return (html.escape(sentence[:start]) + "<b>" + html.escape(sentence[start:end]) + "</b>"
            + html.escape(sentence[end:]))


def _normalise(X: np.ndarray, mu=None, scale=None):
    mu = X.mean(axis=0) if mu is None else mu
    Xc = X - mu
    if scale is None:
        scale = np.linalg.norm(Xc, axis=1).mean()
        scale = scale if scale > 0 else 1.0
    return Xc / scale, mu, scale


def anchor_cosines(X, anchors_by_sense, centre=None) -> np.ndarray:
    """Cosine of each row of ``X`` to the mean unit vector of each anchor set: shape (n, n_senses).

    With ``centre``, rows and anchors are centred on it first (hidden states of a
    transformer all point one way; centring on the occurrences' mean undoes that).
    """
    X = np.atleast_2d(np.asarray(X, dtype=np.float64))
    cols = []
    for A in anchors_by_sense:
        A = np.asarray(A, dtype=np.float64)
        if centre is not None:
            X_, A = X - centre, A - centre
        else:
            X_ = X
        cols.append(unit_rows(X_) @ unit_rows(unit_rows(A).mean(axis=0)))
    return np.stack(cols, axis=1)


def static_leaning(source, word: str, anchors: dict) -> dict:
    """Cosine of ``word``'s static vector to the mean unit vector of each sense's anchor words.

    The static vector cannot tell senses apart, but it usually leans towards the
    more frequent one: for GloVe, "bank" is closer to money words than river words.
    Anchor words the source does not know are skipped.
    """
    v = source.vector(word)
    out = {}
    for sense, words in anchors.items():
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            known = source.vectors(words, on_unknown="skip")
        if len(known):
            out[sense] = float(anchor_cosines(v, [known.vectors])[0, 0])
    return out


_INPUT = " input embedding"  # the static source named after its model: "<model> input embedding"


def source_title(source: str, lang: str | None = None) -> str:
    """A static source's name (as :func:`_static_source` gives it) in ``lang``: "m3e-small input embedding" ->
    "m3e-small 输入嵌入"; a named source ("glove") as it is."""
    from ..render.language import t

    return t("figure.frame.input", lang, model=source[:-len(_INPUT)]) if source.endswith(_INPUT) else source


def _static_source(static, llm):
    if static == "llm":
        return llm.static, f"{llm.name}{_INPUT}"
    if isinstance(static, str):
        from ..sources import get_source

        return get_source(static), static
    return static, getattr(static, "name", type(static).__name__)


def anchor_states(llm, anchors: dict) -> tuple[list[str], list[str], np.ndarray]:
    """Hidden states of each anchor word encoded on its own: (words, senses, array (n, layers+1, d))."""
    words, senses, states = [], [], []
    for sense, ws in anchors.items():
        for w in ws:
            occ = llm.contextual(w, [w])
            states.append(occ.vectors[: llm.n_layers + 1])
            words.append(w)
            senses.append(sense)
    return words, senses, np.stack(states) if states else np.zeros((0, llm.n_layers + 1, 1))


def polysemy_frames(word: str, sentences, senses=None, *, llm=None, static="llm", method: str = "pca",
                    anchors: dict | None = None, axes=None, n_components: int = 2, random_state: int = 0,
                    progress: bool = False, occurrences=None) -> FrameSet:
    """Compute the animation frames for ``word`` in ``sentences``.

    Parameters
    ----------
    word : str
    sentences : sequence of str
    senses : sequence of str
        One sense label per sentence (at least two senses).
    llm : vizkit.sources.LLM, optional
        Default: the bundled all-MiniLM-L6-v2.
    static : {"llm", "glove", "word2vec", "fasttext"} or a Source
        The static vector of the first frame. It is one point shared by every
        occurrence (separation 0 by construction); the frame notes how much it
        leans towards each sense's anchor words in its own space.
    method : {"pca", "tsne", "umap", "axes"}
        Projection of the shared map (t-SNE/UMAP place each layer and the
        anchors into a map fitted on all layers). ``"axes"``: semantic axes
        (:class:`~vizkit.projection.Axes`) in each layer's own space: x runs
        from one pole to the other (default: the first sense's anchor words to
        the second's, e.g. money <-> river), each pole the mean of its words'
        unit hidden states at that layer (each word encoded on its own); y is
        the second pole pair of ``axes`` or, by default, the direction of most
        variance left. The static frame is the static vector on the same axes
        in the static source's space.
    axes : (str, str or None), optional
        With ``method="axes"``: ``("money,loan:river,shore", None)``.
    occurrences : LabelledVectors, optional
        Hidden states already read (every layer wanted, each occurrence with
        ``sentence``, ``sense``, ``char_start``, ``char_end``, ``subtokens`` and ``layer``
        metadata, in the same occurrence order at every layer), e.g. a corpus
        extraction (:func:`vizkit.corpus.read_occurrences`); ``sentences`` and
        ``senses`` are then ignored (pass None) and the model is not run on them.
    anchors : dict sense -> list of words, optional
        Default: the bundled anchors of ``word`` (none for other words). Pass
        ``{}`` to draw none.
    n_components : {2, 3}, default 2
        Dimensions of the shared map: 3 gives every frame's ``coords`` (and each
        anchor's ``xy``) three columns and ``extent`` three columns, drawn by
        :func:`~vizkit.polysemy.animation_figure` as a 3-D scene. The separation
        scores do not change (they are computed in the original space). Not with
        ``method="axes"``, whose two axes are the map.
    """
    from ..datasets.sentence_sets import bundled_anchors
    from ..projection import Axes, StableMap
    from ..sources import llm_for

    if n_components not in (2, 3) or isinstance(n_components, bool):
        raise InputError(f"n_components is 2 (a flat map) or 3 (a 3-D map); got {n_components!r}")
    if method == "axes" and n_components != 2:
        raise InputError("the semantic axes map is 2-D (x and y are its two pole directions); use "
                         "n_components=2 with method='axes', or method 'pca', 'tsne' or 'umap' for a 3-D map")
    llm = llm_for(llm, word, [] if occurrences is not None else sentences)
    if occurrences is not None:
        occ = occurrences
    else:
        if senses is None:
            senses = [None] * len(sentences)
        occ = llm.contextual(word, sentences, senses=list(senses), progress=progress)
    layers = sorted(set(occ.meta["layer"]))
    first = occ.where(layer=layers[0])
    occ_senses = ["unlabelled" if s is None else str(s) for s in first.meta["sense"]]
    scored = len(set(occ_senses)) >= 2
    if not scored:
        warnings.warn(f"all sentences have one sense ({occ_senses[0] or 'no sense labels'!s}): the animation is "
                      "drawn without a separation score; label the senses ('sense<TAB>sentence') to get one",
                      SingleSenseWarning, stacklevel=2)
    if len(first) < 3:
        raise InputError(f"the animation needs at least 3 occurrences of {word!r}; got {len(first)}")
    anchors = bundled_anchors(word) if anchors is None else dict(anchors)
    anchors = {s: ws for s, ws in anchors.items() if s in set(occ_senses) and ws}
    source, static_name = _static_source(static, llm)
    leaning = static_leaning(source, word, anchors) if anchors else {}
    if not anchors:
        source.vector(word)  # a clear UnknownWordError when the static source lacks the word

    per_layer = [occ.where(layer=l).vectors.astype(np.float64) for l in layers]
    normed, stats = [], []
    for X in per_layer:
        Xn, mu, scale = _normalise(X)
        normed.append(Xn)
        stats.append((mu, scale))
    n = len(first)
    axis_titles = None
    if method == "axes":
        spec = _axes_spec(axes, anchors, word)
        coords_all, place = _layer_axes(llm, spec, layers, per_layer)
        axis_titles = Axes(*spec).axis_titles()
    else:
        params = {"n_components": n_components}
        if method == "pca":
            params["normalize"] = False
        smap = StableMap(method, random_state=random_state, params=params).fit(np.vstack(normed))
        coords_all = smap.reference_.reshape(len(layers), n, n_components)

        def place(i, X):
            return smap.transform(_normalise(X, *stats[i])[0])

    anchor_list = []
    if anchors:
        a_words, a_senses, a_states = anchor_states(llm, anchors)
        placed = [place(i, a_states[:, l].astype(np.float64)) for i, l in enumerate(layers) if l >= 1]
        mean_xy = np.mean(placed, axis=0)
        anchor_list = [Anchor(w, s, xy) for w, s, xy in zip(a_words, a_senses, mean_xy)]

    note = ""
    if leaning:
        parts = ", ".join(f"{s} words {c:.2f}" for s, c in leaning.items())
        note = f"{static_name}: cosine of '{word}' to {parts}"
    origin = np.zeros((n, n_components))
    if method == "axes":  # the static vector on the same axes, in its own space
        origin = np.repeat(_static_on_axes(source, word, spec)[None], n, axis=0)
    zero_sep = sense_separation(np.ones((n, 1)), occ_senses) if scored else NO_SCORE
    frames = [Frame(f"static ({static_name})", None, origin, zero_sep, note, leaning=tuple(leaning.items()),
                    source=static_name)]
    for l, X, xy in zip(layers, per_layer, coords_all):
        name = f"layer {l}" + (" (embedding layer)" if l == 0 else "")
        frames.append(Frame(name, int(l), xy, sense_separation(X, occ_senses) if scored else NO_SCORE))
    from ..render.animation import fixed_extent

    extent = fixed_extent(*[f.coords for f in frames], *[a.xy[None] for a in anchor_list])
    return FrameSet(
        word=word, model=llm.name, static_source=static_name, frames=frames, senses=occ_senses,
        sentences=list(first.meta["sentence"]),
        spans=list(zip(first.meta["char_start"], first.meta["char_end"])),
        extent=extent, anchors=anchor_list, method=method,
        subtokens=list(first.meta["subtokens"]), axis_titles=axis_titles,
    )


def _axes_spec(axes, anchors: dict, word: str) -> tuple:
    """``(x, y)`` pole specs of the axes map: given, or the first two senses' anchor words."""
    if axes is not None:
        x, y = (axes, None) if isinstance(axes, str) else tuple(axes)
        return x, y
    if len(anchors) < 2:
        raise InputError(f"the axes map of {word!r} needs poles: pass axes=('money,loan:river,shore', None) "
                         "(or sentences of a bundled word, whose senses have anchor words)")
    (_, neg), (_, pos) = list(anchors.items())[:2]
    return ",".join(neg) + ":" + ",".join(pos), None


def _layer_axes(llm, spec: tuple, layers, per_layer):
    """Each layer's occurrences on semantic axes in that layer's space, and a function placing more points."""
    from ..projection import Axes, parse_pole

    poles = {}
    for name, pole in zip("xy", spec):
        if pole is not None:
            neg, pos = parse_pole(pole)
            poles[name] = (neg, pos)
    words = sorted({w for neg, pos in poles.values() for w in (*neg, *pos) if isinstance(w, str)})
    _, _, states = anchor_states(llm, {w: [w] for w in words})
    row = {w: i for i, w in enumerate(words)}

    def side(items, l):
        return [states[row[w], l].astype(np.float64) if isinstance(w, str) else np.asarray(w) for w in items]

    fitted, coords, previous = [], [], None
    for l, X in zip(layers, per_layer):
        x = (side(poles["x"][0], l), side(poles["x"][1], l))
        y = (side(poles["y"][0], l), side(poles["y"][1], l)) if "y" in poles else None
        proj = Axes(x, y).fit(X)
        xy = proj.embedding_
        if y is None and previous is not None and np.dot(xy[:, 1], previous[:, 1]) < 0:
            proj.directions_[1] *= -1  # "most variance left" has no sign: keep it from flipping between layers
            xy = proj.transform(X)
        fitted.append(proj)
        coords.append(xy)
        previous = xy
    return np.stack(coords), lambda i, X: fitted[i].transform(X)


def _static_on_axes(source, word: str, spec: tuple) -> np.ndarray:
    """The static vector's x (and y, when given) on the axes, in the static source's space."""
    from ..projection import Axes

    x, y = spec
    xy = Axes(x, y, source=source).fit(np.stack([source.vector(word)] * 2)).embedding_[0]
    return np.array([xy[0], xy[1] if y is not None else 0.0])
