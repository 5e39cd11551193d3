"""Per-word numbers for the polysemy animation (the issue note's table).

For every bundled word, with the bundled MiniLM:
- sense separation (mean within-sense minus across-sense cosine, original space) at layer 0 and at its best layer;
- whether the anchor words of each sense sit on their sense's side of the shared map (fraction of layers 1..L);
- the comparison view's gap: how much more the occurrences of sense A lean to A's anchor words than those of
  sense B, in the embedding layer and in the best contextual layer;
- how GloVe's single static vector leans (cosine to each sense's anchor words).

Run: .venv/bin/python benchmarks/polysemy_report.py
"""

import time
import warnings

import numpy as np

from vizkit.datasets import sentence_sets
from vizkit.polysemy import polysemy_frames
from vizkit.polysemy.comparison import comparison_panels
from vizkit.sources import LLM


def main():
    llm = LLM()
    print("word\tsenses\tlayer0\tbest\tbest_layer\tanchor_side\tgap_emb\tgap_ctx\tglove_leaning\tseconds")
    for word in sentence_sets.bundled_words():
        t = time.perf_counter()
        s = sentence_sets.load(word)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            fs = polysemy_frames(word, s.sentences, s.senses, llm=llm, static="glove")
        secs = time.perf_counter() - t
        names = fs.sense_names
        senses = np.asarray(fs.senses)
        ok = []
        for f in fs.frames[2:]:
            c = {n: f.coords[senses == n].mean(axis=0) for n in names}
            axis = c[names[0]] - c[names[1]]
            a = {n: np.mean([x.xy for x in fs.anchors if x.sense == n], axis=0) @ axis for n in names}
            ok.append(a[names[0]] > a[names[1]])
        layers = fs.frames[1:]
        best = max(layers, key=lambda f: f.separation["separation"])
        data = comparison_panels(word, s.sentences, s.senses, llm=llm, static="glove")
        sen = np.asarray(data["senses"])

        def gap(p):
            lean = p.coords[:, 0] - p.coords[:, 1]
            return lean[sen == names[0]].mean() - lean[sen == names[1]].mean()

        st, emb, ctx = data["panels"]
        print(f"{word}\t{'/'.join(names)}\t{layers[0].separation['separation']:+.3f}\t"
              f"{best.separation['separation']:+.3f}\t{best.layer}\t{np.mean(ok):.2f}\t{gap(emb):+.3f}\t"
              f"{gap(ctx):+.3f}\t{names[0]} {st.coords[0, 0]:.2f} / {names[1]} {st.coords[0, 1]:.2f}\t{secs:.2f}")


if __name__ == "__main__":
    main()
