"""Compare Word2Vec training settings on the bundled English corpus: time and quality.

Run: .venv/bin/python benchmarks/word2vec_defaults.py
Used to choose vizkit.sources._gensim.TRAIN_DEFAULTS.
"""

import time

from vizkit.metrics.evaluation import evaluate
from vizkit.sources import Word2Vec

SETTINGS = [
    dict(sg=0, epochs=5),
    dict(sg=1, epochs=5),
    dict(sg=1, epochs=10),
    dict(sg=1, epochs=5, window=10),
    dict(sg=1, epochs=10, vector_size=200, window=8),
]

if __name__ == "__main__":
    Word2Vec(corpus=[["warm", "up"]] * 10, min_count=1, epochs=1, cache=False, progress=False)
    print("setting\tseconds\twordsim353\tsimlex999\tanalogy")
    for params in SETTINGS:
        t = time.perf_counter()
        model = Word2Vec(cache=False, progress=False, **params)
        secs = time.perf_counter() - t
        scores = evaluate(model)
        print(params, f"{secs:.1f}", *(f"{s.value:.3f}" for s in scores), sep="\t", flush=True)
