"""Reproducible training: how many threads a gensim training may use.

gensim trains with several worker threads that take batches of text in the
order the operating system schedules them, so the same seed gives different
vectors from run to run and machine to machine. One worker makes training a
pure function of corpus, parameters and seed: vizkit's default. A faster run on
every core is opt-in (``deterministic=False``) and is cached apart.
"""

from __future__ import annotations

import os


def gensim_workers(deterministic: bool = True, workers: int | None = None) -> int:
    """Worker threads for a gensim training.

    Parameters
    ----------
    deterministic : bool, default True
        One worker thread: the same seed gives exactly the same vectors.
    workers : int, optional
        With ``deterministic=False``, the thread count (default: every core).

    Raises
    ------
    ValueError
        ``workers`` above 1 with ``deterministic=True`` (which needs one thread).
    """
    if deterministic:
        if workers not in (None, 1):
            raise ValueError(f"workers={workers} cannot give reproducible vectors (threads take batches in "
                             "scheduling order); pass deterministic=False to train faster but not reproducibly")
        return 1
    return int(workers) if workers else max(1, os.cpu_count() or 1)
