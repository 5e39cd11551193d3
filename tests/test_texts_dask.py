"""Texts embedded on Dask for the atlas (issue 26): the local engine's vectors, resumable, cached, from the CLI.

On the real MiniLM and 300 sentences of the real bundled English corpus. One LocalCluster of 2 workers is
started by the tests and given as a running scheduler; the CLI test has the code start (and stop) its own.
"""

import csv
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from vizkit import _cache
from vizkit import sentence_embeddings as se
from vizkit.cli import main
from vizkit.corpus import texts as chunked
from vizkit.datasets.corpus import corpus_path
from vizkit.errors import InputError, MissingDependencyError

N, BATCH = 300, 32


@pytest.fixture(scope="module")
def texts():
    """300 distinct lines of the bundled corpus, 5 to 30 words each."""
    out = []
    with open(corpus_path(progress=False), encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if 5 <= len(line.split()) <= 30 and line not in out:
                out.append(line)
                if len(out) == N:
                    return out
    raise AssertionError("the bundled corpus has fewer than 300 short lines")


@pytest.fixture(scope="module")
def reference(texts, llm):
    """All the texts at once in this process, as embed_texts did before it had chunks and engines."""
    return se.sentence_vectors(llm, texts, batch_size=BATCH).vectors


@pytest.fixture(scope="module")
def cluster():
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                                  dashboard_address=None) as c:
        yield c


@pytest.fixture
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("VIZKIT_CACHE", str(tmp_path / "cache"))


def kinds():
    return sorted(e.kind for e in _cache.entries())


def test_dask_gives_the_local_vectors_and_shares_their_cache(texts, llm, reference, cluster, cache, monkeypatch):
    local = se.embed_texts(texts, llm=llm, batch_size=BATCH, chunk_size=96, cache=False, progress=False)
    assert len(chunked.chunk_texts(texts, 96, BATCH)) == 4  # 96, 96, 96 and 12 texts
    np.testing.assert_array_equal(local.vectors, reference)  # the same batches in the same process: exact
    lv = se.embed_texts(texts, llm=llm, batch_size=BATCH, chunk_size=96, engine="dask",
                        scheduler=cluster.scheduler_address, progress=False)
    np.testing.assert_allclose(lv.vectors, reference, atol=1e-5)  # workers with 1 torch thread each
    assert lv.labels.tolist() == texts and lv.vectors.dtype == np.float32
    assert kinds() == ["sentence-vectors"]  # the whole array kept; the chunks removed, their lock files too
    assert not list((_cache.root() / "sentence-vectors-chunks").iterdir())

    def no_model(*args, **kwargs):
        raise AssertionError("embedded again")

    monkeypatch.setattr(se, "sentence_vectors", no_model)  # the local engine reads what Dask wrote
    again = se.embed_texts(texts, llm=llm, batch_size=BATCH, chunk_size=96, progress=False)
    np.testing.assert_array_equal(again.vectors, lv.vectors)


def test_a_stopped_run_resumes_with_only_the_missing_chunks(texts, llm, reference, cluster, cache, monkeypatch):
    real_save, saved = chunked._save_chunk, []

    def save(entry, X):
        real_save(entry, X)
        saved.append(entry.inputs["texts_sha256"])
        if len(saved) == 2:
            raise KeyboardInterrupt  # Ctrl-C (or a kill) after two chunks were written

    monkeypatch.setattr(chunked, "_save_chunk", save)
    run = dict(llm=llm, batch_size=BATCH, chunk_size=64, engine="dask", scheduler=cluster.scheduler_address,
               progress=False)
    with pytest.raises(KeyboardInterrupt):
        se.embed_texts(texts, **run)
    assert kinds() == ["sentence-vectors-chunks"] * 2  # what finished is kept; no whole array yet
    first, saved[:] = list(saved), []
    runs = []
    real_embed = chunked.embed_chunks
    monkeypatch.setattr(chunked, "embed_chunks", lambda *a, **k: runs.append(real_embed(*a, **k)) or runs[-1])
    monkeypatch.setattr(chunked, "_save_chunk", lambda entry, X: (real_save(entry, X),
                                                                  saved.append(entry.inputs["texts_sha256"])))
    lv = se.embed_texts(texts, **run)
    assert (runs[0].chunks, runs[0].reused, runs[0].computed) == (5, 2, 3)  # 4 x 64 + 44 texts
    assert len(saved) == 3 and not set(saved) & set(first)  # only the missing chunks were embedded
    np.testing.assert_allclose(lv.vectors, reference, atol=1e-5)
    assert kinds() == ["sentence-vectors"]


def test_the_cli_writes_an_atlas_page_from_dask(texts, cache, tmp_path, capsys):
    path = tmp_path / "texts.csv"
    with open(path, "w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["text", "n"]] + [[t, i] for i, t in enumerate(texts)])
    page, table = tmp_path / "texts.html", tmp_path / "texts_map.csv"
    code = main(["atlas", "--texts", str(path), "--engine", "dask", "--workers", "2",  # a LocalCluster of its own
                 "--method", "pca", "--levels", "4", "--out", str(page), "--csv", str(table)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out.splitlines()[0] == str(page) and page.stat().st_size > 250_000  # its renderer and data inline
    with open(table, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["label"] for r in rows] == texts and [r["n"] for r in rows] == [str(i) for i in range(N)]
    assert "sentence-vectors" in kinds() and "sentence-vectors-chunks" not in kinds()  # kept for the next page


def test_errors_name_the_input_and_the_fix(texts, llm, cache, tmp_path, capsys, monkeypatch):
    page = str(tmp_path / "x.html")
    for argv, message in [
        (["--top-words", "50", "--engine", "dask"], "--engine goes with --texts FILE"),
        (["--vectors", "v.tsv", "--engine", "local", "--workers", "2"], "--engine and --workers go with --texts"),
        (["--texts", "t.csv", "--scheduler", "tcp://127.0.0.1:9"], "--scheduler goes with --engine dask"),
        (["--texts", "t.csv", "--engine", "dask", "--workers", "0"], "--workers must be at least 1; got 0"),
    ]:
        code = main(["atlas", *argv, "--out", page])
        assert code == 1 and message in capsys.readouterr().err, argv
    (tmp_path / "t.csv").write_text("text\n" + "\n".join(texts[:20]) + "\n", encoding="utf-8")
    t0 = time.monotonic()
    code = main(["atlas", "--texts", str(tmp_path / "t.csv"), "--engine", "dask", "--scheduler", "tcp://127.0.0.1:9",
                 "--out", page])
    err = capsys.readouterr().err
    assert code == 1 and "cannot reach the Dask scheduler at tcp://127.0.0.1:9" in err and "is it running" in err
    assert time.monotonic() - t0 < 30  # fails within seconds, not after a long hang
    with pytest.raises(InputError, match="unknown engine 'spark'; choose local or dask"):
        se.embed_texts(texts[:20], llm=llm, engine="spark", progress=False)
    monkeypatch.setitem(sys.modules, "distributed", None)  # dask not installed
    with pytest.raises(MissingDependencyError, match=r"pip install 'vizkit\[corpus\]'"):
        se.embed_texts(texts[:20], llm=llm, engine="dask", progress=False)
    assert not list(Path(tmp_path).glob("*.html")) and kinds() == []  # nothing half-written
