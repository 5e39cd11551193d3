"""Reproducible training: how many threads a gensim or torch training may use.

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


class torch_threads:
    """``with torch_threads(n):`` torch computes on ``n`` threads inside, as before outside.

    torch splits a sum over threads, so a different thread count rounds differently: a training is a pure
    function of its data, parameters and seed only at one thread count, which is therefore part of its key.
    """

    def __init__(self, n: int):
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            raise ValueError(f"threads must be a whole number >= 1; got {n!r}")
        self.n = n

    def __enter__(self):
        import torch

        self._before = torch.get_num_threads()
        torch.set_num_threads(self.n)
        return self

    def __exit__(self, *exc):
        import torch

        torch.set_num_threads(self._before)
        return False
