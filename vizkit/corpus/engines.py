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

    def warm(self, load, spec):
        load(spec)

    def map(self, func, spec, items):
        for order, chunk in items:
            yield func(spec, chunk, order)

    def close(self) -> dict:
        return {}


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
            import dask

            # Dask starts its workers with MALLOC_TRIM_THRESHOLD_=65536, which also fixes glibc's mmap threshold:
            # every tensor of a forward pass is then mmapped, page-faulted and unmapped again (measured: the
            # workers 25 % slower than the same code in plain processes). glibc's own adaptive default is kept.
            environ = {k: v for k, v in dask.config.get("distributed.nanny.pre-spawn-environ", {}).items()
                       if k != "MALLOC_TRIM_THRESHOLD_"}
            with dask.config.set({"distributed.nanny.pre-spawn-environ": environ,
                                  "distributed.worker.profile.enabled": False}):
                self._cluster = distributed.LocalCluster(n_workers=n, threads_per_worker=1, processes=True,
                                                         host="127.0.0.1", dashboard_address=None,
                                                         silence_logs=logging.ERROR)
            self.client = distributed.Client(self._cluster)
            self.threads = max(1, (os.cpu_count() or 1) // n)
        self.name = f"dask ({len(self.client.scheduler_info()['workers'])} workers)"

    def warm(self, load, spec):
        """Load the model on every worker now, in parallel (each worker keeps it for its tasks)."""
        self.client.run(_warm, load, self._spec(spec))

    def _spec(self, spec):
        from dataclasses import replace

        return spec if self.threads is None else replace(spec, threads=self.threads)

    def map(self, func, spec, items):
        from distributed import as_completed

        spec = self._spec(spec)
        futures = {}
        for order, chunk in items:
            key = f"vizkit-chunk-{order}-{chunk.id}"
            futures[key] = self.client.submit(func, spec, chunk, order, key=key, pure=False)
        try:
            for fut in as_completed(list(futures.values())):
                futures.pop(fut.key, None)  # no reference left once read: the worker drops the result (vectors)
                yield fut.result()
        finally:
            for fut in futures.values():
                fut.cancel()

    def close(self) -> dict:
        """Stop what this engine started; the workers' peak memory (MB) for the record."""
        try:
            peaks = self.client.run(_peak_mb)
        except Exception:  # noqa: BLE001 - a report, never a reason to fail a finished run
            peaks = {}
        self.client.close()
        if self._cluster is not None:
            self._cluster.close()
        return {"worker_peak_mb": sorted(v for v in peaks.values() if v is not None)}


def _warm(load, spec) -> None:
    load(spec)


def _peak_mb() -> float | None:
    """This process's peak resident memory in MB (Linux), or None."""
    try:
        with open("/proc/self/status") as fh:
            return round(int(next(line.split()[1] for line in fh if line.startswith("VmHWM:"))) / 1024, 1)
    except (OSError, StopIteration):
        return None


def get_engine(engine: str = "local", *, scheduler: str | None = None, workers: int | None = None):
    if engine == "local" and not scheduler:
        if workers not in (None, 1):
            raise InputError("--workers is for --engine dask")
        return LocalEngine()
    if engine in ("dask", "local"):
        return DaskEngine(scheduler, workers)
    raise InputError(f"unknown engine {engine!r}; choose local or dask")
