"""Senses found in the data: cluster a word's occurrences, name each cluster, pick its most typical sentences.

The occurrences' hidden states at one layer are centred (transformer states
all point one way), scaled to unit length and reduced to at most 50
dimensions by PCA; k-means (seeded, 10 starts) is run for every k in
``k_range`` and the k with the highest silhouette (cosine) is kept. Each
cluster is named by its keywords: the context words most over-represented in
its sentences against the other clusters' (z-scored log odds with a 0.5 prior,
Monroe et al. 2008; stop words and the word itself left out), "loan/account".
When the word has anchor words, each cluster also says which sense's anchors
it leans to (and, below 50 occurrences, where keywords are too thin, is named
after it when every cluster leans to a different sense): a hint only, since
anchors cannot tell that a sense is missing from the data (in the bundled English corpus *bank* is mostly money, the World
Bank and the West Bank; a river bank is rare). The typical sentences are the
ones closest to the centre. Where occurrences carry sense labels, the adjusted
Rand index tells how well the clusters agree with them.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from .._chinese import ZH_STOP_WORDS, has_cjk, segment
from ..errors import InputError
from ..vectors import unit_rows

__all__ = ["Senses", "CorpusSenses", "induce_senses", "corpus_senses", "STOP_WORDS"]

STOP_WORDS = frozenset("""a about above after again against all am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has have having he
her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not of
off on once only or other our ours ourselves out over own same she should so some such than that the their theirs
them themselves then there these they this those through to too under until up very was we were what when where
which while who whom why will with would you your yours yourself yourselves said one also s t""".split())
SMALL = 50
"""Below this many occurrences, clusters that lean to different anchor senses are named after them."""
SILHOUETTE_SAMPLE = 5000
"""The silhouette of more occurrences is measured on a seeded sample of this many (it costs n squared)."""
_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)?")


@dataclass
class Senses:
    """The senses induced for one word at one layer."""

    word: str
    layer: int | None
    labels: np.ndarray  # cluster index per occurrence
    names: list[str]  # per cluster: its two top keywords ("loan/account"), or its anchor sense (few occurrences)
    keywords: list[list[str]]  # per cluster
    typical: list[list[int]]  # per cluster, occurrence indices, most typical first
    silhouettes: dict[int, float]  # k -> silhouette
    sentences: list[str]
    ari: float | None = None  # agreement with given sense labels (adjusted Rand index)
    sizes: list[int] = field(default_factory=list)
    leans: list[str | None] = field(default_factory=list)  # per cluster: the anchor sense it leans to (a hint)
    assigner: object = field(default=None, repr=False)  # new vectors -> cluster index (see assign)

    def assign(self, vectors) -> np.ndarray:
        """The induced sense (cluster index) of new occurrences of the word, from the same model and layer:
        centred, reduced and given to the nearest cluster centre exactly as the clustered ones were."""
        return self.assigner(np.asarray(getattr(vectors, "vectors", vectors), dtype=np.float64))

    @property
    def k(self) -> int:
        return len(self.names)

    @property
    def per_occurrence(self) -> list[str]:
        """The induced sense name of every occurrence."""
        return [self.names[i] for i in self.labels]

    def table(self) -> list[dict]:
        """One row per sense: sense, occurrences, keywords, leans_to (anchor sense), most typical sentence."""
        leans = self.leans or [None] * self.k
        return [{"sense": n, "occurrences": s, "keywords": ", ".join(kw), "leans_to": lean,
                 "typical": self.sentences[t[0]]}
                for n, s, kw, lean, t in zip(self.names, self.sizes, self.keywords, leans, self.typical)]


def _keywords(sentences, labels, k, word, top=5):
    min_count = 2 if len(sentences) >= 50 else 1  # a handful of sentences: every word is evidence
    counts = [Counter() for _ in range(k)]
    w = word.lower()
    for sent, lab in zip(sentences, labels):
        if has_cjk(sent):  # Chinese: words cut by jieba; most words are two characters
            toks = {t for t in segment(sent) if t not in ZH_STOP_WORDS and w not in t and len(t) >= 2}
        else:
            toks = {t for t in (x.lower() for x in _TOKEN.findall(sent)) if t not in STOP_WORDS and t != w
                    and not t.startswith(w) and len(t) > 2}
        counts[lab].update(toks)  # document frequency: a word counts once per sentence
    total = Counter()
    for c in counts:
        total.update(c)
    n_all = sum(total.values()) or 1
    out = []
    for c in counts:
        n_c = sum(c.values()) or 1
        n_o = max(n_all - n_c, 1)
        score = {}
        for t in c:
            if c[t] < min_count:
                continue
            a, b = c[t] + 0.5, total[t] - c[t] + 0.5
            delta = math.log(a / (n_c - a + 1)) - math.log(b / (n_o - b + 1))
            score[t] = delta / math.sqrt(1 / a + 1 / b)
        out.append([t for t, _ in sorted(score.items(), key=lambda kv: (-kv[1], kv[0]))[:top]])
    return out


def induce_senses(occurrences, *, word: str | None = None, k: int | None = None, k_range=range(2, 7),
                  anchors: dict | None = None, llm=None, n_typical: int = 3, random_state: int = 0) -> Senses:
    """Cluster one word's occurrences (one layer) into senses.

    Parameters
    ----------
    occurrences : LabelledVectors
        One layer's occurrences of one word, with ``sentence`` (and optionally
        ``sense``, ``layer``) metadata: :func:`vizkit.corpus.read_occurrences` or
        ``LLM.contextual(...).where(layer=L)``.
    word : str, optional
        Default: the occurrences' label.
    k : int, optional
        Number of senses; default chosen by silhouette over ``k_range``.
    anchors : dict sense -> words, optional
        Default: the bundled anchors of the word (none for other words). ``{}`` names clusters by keywords only.
    llm : LLM, optional
        The model that made the vectors, to encode the anchor words (default: the bundled MiniLM).
    """
    from sklearn.cluster import KMeans
    from sklearn.decomposition import PCA
    from sklearn.metrics import adjusted_rand_score, silhouette_score

    X = np.asarray(getattr(occurrences, "vectors", occurrences), dtype=np.float64)
    meta = getattr(occurrences, "meta", {}) or {}
    layers = set(meta.get("layer", [None]))
    if len(layers) > 1:
        raise InputError(f"give one layer's occurrences; these have layers {sorted(layers)}")
    layer = next(iter(layers))
    word = word or (occurrences.labels[0] if hasattr(occurrences, "labels") and len(occurrences) else None)
    sentences = list(meta.get("sentence", [""] * len(X)))
    n = len(X)
    ks = [k] if k is not None else [c for c in k_range if 2 <= c < n]
    if n < 4 or not ks:
        raise InputError(f"{n} occurrences are too few to find senses in (need at least 4, and k below n)")
    mu = X.mean(axis=0)
    U = unit_rows(X - mu)
    pca = PCA(n_components=min(50, n - 1, X.shape[1]), random_state=random_state).fit(U)
    Z = pca.transform(U)
    fits, sil, models = {}, {}, {}
    for c in ks:
        km = models[c] = KMeans(n_clusters=c, n_init=10, random_state=random_state).fit(Z)
        fits[c] = km.labels_
        sil[c] = (float(silhouette_score(Z, km.labels_, metric="cosine", random_state=random_state,
                                         sample_size=min(n, SILHOUETTE_SAMPLE)))
                  if len(set(km.labels_)) > 1 else -1.0)
    best = max(ks, key=lambda c: (round(sil[c], 6), -c))
    raw = fits[best]
    # clusters numbered by size (largest first), then by first occurrence: stable names across runs
    order = sorted(set(raw), key=lambda c: (-(raw == c).sum(), int(np.flatnonzero(raw == c)[0])))
    labels = np.array([order.index(c) for c in raw])
    renumber = np.argsort(order)  # k-means' cluster c is sense renumber[c]

    def assigner(V):
        return renumber[models[best].predict(pca.transform(unit_rows(V - mu)))]

    kk = len(order)
    centres = np.stack([unit_rows(U[labels == c].mean(axis=0)[None])[0] for c in range(kk)])
    typical = [list(np.flatnonzero(labels == c)[np.argsort(-(U[labels == c] @ centres[c]), kind="stable")]
                    [:n_typical]) for c in range(kk)]
    keywords = _keywords(sentences, labels, kk, word or "")
    leans = _anchor_lean(word, layer, centres, mu, anchors, llm)
    if n < SMALL and None not in leans and len(set(leans)) == kk:
        names = list(leans)  # a handful of sentences: too few words for keywords, the anchors decide
    else:
        names = _unique(["/".join(kw[:2]) or f"sense {i + 1}" for i, kw in enumerate(keywords)])
    ari = None
    given = meta.get("sense")
    if given is not None and any(s is not None for s in given):
        mask = np.array([s is not None for s in given])
        if len({s for s in given if s is not None}) >= 2:
            ari = float(adjusted_rand_score(np.asarray(given, dtype=object)[mask].astype(str), labels[mask]))
    return Senses(word=word, layer=layer, labels=labels, names=names, keywords=keywords,
                  typical=[[int(i) for i in t] for t in typical], silhouettes=sil, sentences=sentences, ari=ari,
                  sizes=[int((labels == c).sum()) for c in range(kk)], leans=leans, assigner=assigner)


def _anchor_lean(word, layer, centres, mu, anchors, llm) -> list[str | None]:
    """Per cluster, the sense whose anchor words its centre leans to most, relative to the other clusters.

    Anchor words are encoded on their own, centred on the occurrences' mean like the
    clusters; a cluster's lean to a sense is its cosine to that sense's anchors minus
    its mean cosine to all senses' anchors. A hint, not a name: anchors cannot say
    that a sense is absent (every cluster leans somewhere).
    """
    from ..datasets.sentence_sets import bundled_anchors

    anchors = bundled_anchors(word) if anchors is None and word else (anchors or {})
    if len(anchors) < 2 or layer is None:
        return [None] * len(centres)
    from ..polysemy.frames import anchor_states
    from ..sources import llm_for

    llm = llm_for(llm, word, say=False)
    _, a_senses, states = anchor_states(llm, anchors)
    senses = list(dict.fromkeys(a_senses))
    A = np.stack([unit_rows((states[[i for i, s in enumerate(a_senses) if s == name], int(layer)]
                             .astype(np.float64) - mu)).mean(axis=0) for name in senses])
    sims = centres @ unit_rows(A).T  # (clusters, senses)
    lean = sims - sims.mean(axis=1, keepdims=True)
    lean = lean - lean.mean(axis=0, keepdims=True)  # relative to the other clusters too
    return [senses[int(np.argmax(row))] for row in lean]


def _unique(names):
    seen, out = Counter(), []
    for n in names:
        seen[n] += 1
        out.append(n if seen[n] == 1 else f"{n} #{seen[n]}")
    return out


@dataclass
class CorpusSenses:
    senses: Senses
    occurrences: object  # the LabelledVectors clustered
    written: list[str] = field(default_factory=list)
    frames: object = None  # the animation's FrameSet, when drawn (out= or animate=True)
    labelled: dict | None = None  # the word's bundled labelled sentences given to these senses (see corpus_senses)


def corpus_senses(word: str, folder, *, layer: int | None = None, k: int | None = None, n_typical: int = 3,
                  out=None, csv=None, method: str = "pca", animate: bool = False,
                  progress: bool = False) -> CorpusSenses:
    """The senses of ``word`` in an extraction (:func:`vizkit.corpus.extract_occurrences`), optionally drawn.

    ``layer`` defaults to the last layer extracted. ``out``: the static-to-contextual
    animation of every occurrence, coloured by induced sense (WebGL from 1,000
    points; one offline HTML file); ``animate=True`` computes its frames
    (``result.frames``) without writing a file. ``csv``: ``doc_id,sentence_id,char_start,sense,sentence``.

    When the word has bundled labelled sentences (bank, bat, ...), they are given to
    the induced senses (:meth:`Senses.assign`) and ``result.labelled`` says how well
    the two agree: ``{"ari": adjusted Rand index, "counts": {label: {sense: n}}}``.
    The corpus need not have the labelled senses: in the bundled corpus *bank* is
    almost never a river bank, and the agreement says so.
    """
    from ..sources import LLM
    from .store import extraction_info, read_occurrences

    info = extraction_info(folder)
    params = info["params"]
    llm = LLM(params["model_name"])
    if layer is None:
        layer = max(params["layers"]) if params["layers"] else llm.n_layers
    occ = read_occurrences(folder, word=word, layer=layer)
    senses = induce_senses(occ, word=word, k=k, llm=llm, n_typical=n_typical)
    result = CorpusSenses(senses, occ, labelled=_bundled_agreement(word, senses, llm, layer))
    if csv:
        import pandas as pd

        pd.DataFrame({"doc_id": occ.meta["doc_id"], "sentence_id": occ.meta["sentence_id"],
                      "char_start": occ.meta["char_start"], "sense": senses.per_occurrence,
                      "sentence": occ.meta["sentence"]}).to_csv(csv, index=False)
        result.written.append(str(csv))
    if out or animate:
        from ..polysemy import animation_figure, polysemy_frames
        from ..render import write_html
        from ..vectors import LabelledVectors

        every = read_occurrences(folder, word=word)  # all layers kept, occurrence by occurrence
        kept = sorted(set(every.meta["layer"]))
        if len(kept) < 2:
            raise InputError(f"the animation needs at least two layers; {folder} kept only layer {kept[0]} "
                             "(extract with --layers all)")
        name = {(d, s, c): n for d, s, c, n in zip(occ.meta["doc_id"], occ.meta["sentence_id"],
                                                     occ.meta["char_start"], senses.per_occurrence)}
        meta = dict(every.meta)
        meta["sense"] = [name[k] for k in zip(every.meta["doc_id"], every.meta["sentence_id"],
                                             every.meta["char_start"])]
        result.frames = polysemy_frames(word, None, occurrences=LabelledVectors(every.vectors, every.labels, meta),
                                        llm=llm, method=method, anchors={}, progress=progress)
        if out:
            result.written.append(write_html(animation_figure(result.frames), out))
    return result


def _bundled_agreement(word, senses: Senses, llm, layer) -> dict | None:
    from sklearn.metrics import adjusted_rand_score

    from ..datasets import sentence_sets

    if word.lower() not in sentence_sets.bundled_words(None) or layer is None:
        return None
    s = sentence_sets.load(word)
    occ = llm.contextual(word, s.sentences, senses=s.senses, layers=[int(layer)])
    given = [str(x) for x in occ.meta["sense"]]
    got = senses.assign(occ.vectors)
    counts = {label: {senses.names[c]: int(sum(1 for g, a in zip(given, got) if g == label and a == c))
                      for c in range(senses.k)} for label in dict.fromkeys(given)}
    return {"ari": float(adjusted_rand_score(given, got)), "counts": counts, "sentences": len(given)}
