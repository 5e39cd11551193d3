"""Where the chunks run: in this process, or on Dask (a local cluster started here, or a running scheduler).

An engine has ``name``, ``map(func, spec, items)`` yielding each task's result
as it finishes (in any order: the manifest records each chunk by its id), and
``close()``. The Dask engine sends each worker the small task spec only; the
worker loads the model on its first task and keeps it for the rest
(:data:`vizkit.corpus.extract._MODELS`), so a model is loaded once per worker,
not once per task.
"""

from __future__ import annotations

import logging
import os

from ..errors import InputError, VizkitError, require

__all__ = ["LocalEngine", "DaskEngine", "get_engine", "SchedulerUnreachableError"]


class SchedulerUnreachableError(VizkitError):
    """The Dask scheduler given did not answer."""


class LocalEngine:
    """The tasks one after another in this process (torch uses every core for each batch)."""

    name = "local"

    def map(self, func, spec, items):
        for order, chunk in items:
            yield func(spec, chunk, order)

    def close(self):
        pass


class DaskEngine:
    """The tasks on Dask workers, one thread each (torch set to the worker's share of the cores).

    Parameters
    ----------
    scheduler : str, optional
        Address of a running scheduler (``tcp://10.0.0.5:8786``); workers there must
        have vizkit and the model installed and see the output folder. Without it, a
        ``LocalCluster`` of ``workers`` processes is started here, on localhost only,
        and stopped when the run ends.
    workers : int, optional
        Worker processes of the local cluster (default: one per core).
    timeout : float
        Seconds to wait for a scheduler before failing.
    """

    name = "dask"

    def __init__(self, scheduler: str | None = None, workers: int | None = None, timeout: float = 5.0):
        try:
            import distributed
        except ImportError:
            require("distributed", "corpus")
        self._cluster = None
        if scheduler:
            try:
                self.client = distributed.Client(scheduler, timeout=f"{timeout}s")
            except (OSError, TimeoutError) as exc:
                raise SchedulerUnreachableError(
                    f"cannot reach the Dask scheduler at {scheduler} within {timeout:.0f} s ({type(exc).__name__}); "
                    "is it running, and is the address right (tcp://host:8786)?") from None
            self.threads = None
        else:
            n = int(workers or os.cpu_count() or 1)
            if n < 1:
                raise InputError(f"--workers must be at least 1; got {workers}")
            self._cluster = distributed.LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                                     host="127.0.0.1", dashboard_address=None,
                                                     silence_logs=logging.ERROR)
            self.client = distributed.Client(self._cluster)
            self.threads = max(1, (os.cpu_count() or 1) // n)
        self.name = f"dask ({len(self.client.scheduler_info()['workers'])} workers)"

    def map(self, func, spec, items):
        from dataclasses import replace

        from distributed import as_completed

        if self.threads is not None:
            spec = replace(spec, threads=self.threads)
        futures = [self.client.submit(func, spec, chunk, order, key=f"vizkit-chunk-{order}-{chunk.id}", pure=False)
                   for order, chunk in items]
        try:
            for fut in as_completed(futures):
                yield fut.result()
        finally:
            for fut in futures:
                fut.cancel()

    def close(self):
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()


def get_engine(engine: str = "local", *, scheduler: str | None = None, workers: int | None = None):
    if engine == "local" and not scheduler:
        if workers not in (None, 1):
            raise InputError("--workers is for --engine dask")
        return LocalEngine()
    if engine in ("dask", "local"):
        return DaskEngine(scheduler, workers)
    raise InputError(f"unknown engine {engine!r}; choose local or dask")
