"""The CLI, thin over the core: output formats, bad input, exit codes."""

import csv
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from vizkit.cli import main

LINE = re.compile(r"^[^\t]+\t-?\d\.\d{4}$")


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_neighbors_format_and_self_excluded(capsys):
    code, out, _ = run(capsys, "neighbors", "king", "--top", "5")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 5
    assert all(LINE.match(line) for line in lines)
    assert lines[0] == "prince\t0.8236"
    assert not any(line.startswith("king\t") for line in lines)


def test_neighbors_llm_source(capsys):
    code, out, _ = run(capsys, "neighbors", "bank", "--source", "llm", "--top", "3")
    assert code == 0
    assert out.splitlines()[0].split("\t")[0] == "banks"


def test_analogy(capsys):
    code, out, _ = run(capsys, "analogy", "king", "man", "woman", "--top", "3")
    assert code == 0
    assert out.splitlines()[0].startswith("queen\t0.85")


def test_unknown_word_is_an_error_with_suggestions(capsys):
    code, out, err = run(capsys, "neighbors", "Pariss")
    assert code == 1 and out == ""
    assert err.strip() == "error: unknown word 'Pariss' in glove; closest known words: paris, parishes, parris, parisi, parish"
    code, _, err = run(capsys, "analogy", "king", "qqzzx", "woman")
    assert code == 1 and "'qqzzx'" in err and "Traceback" not in err


def test_project_writes_csv_and_reports_unknown_words(capsys, tmp_path):
    out_csv, out_html = tmp_path / "coords.csv", tmp_path / "plot.html"
    code, out, err = run(capsys, "project", "--words", "bank,river,money,qqzzx,loan,water,北京",
                         "--method", "pca", "--out", str(out_csv), "--html", str(out_html))
    assert code == 0
    assert "qqzzx" in err and "warning" in err
    rows = list(csv.reader(open(out_csv, encoding="utf-8")))
    assert rows[0] == ["label", "x", "y"]
    assert [r[0] for r in rows[1:]] == ["bank", "river", "money", "loan", "water"]
    assert all(float(r[1]) == float(r[1]) for r in rows[1:])
    html = out_html.read_text(encoding="utf-8")
    assert "<script src=\"http" not in html and "Plotly.newPlot" in html


def test_project_seeded_tsne_is_reproducible(capsys, tmp_path):
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    for path in (a, b):
        code, _, _ = run(capsys, "project", "--top-words", "300", "--method", "tsne", "--seed", "3", "--out", str(path))
        assert code == 0
    assert a.read_text() == b.read_text()
    assert len(a.read_text().splitlines()) == 301


def test_project_on_semantic_axes_is_the_documented_formula(capsys, tmp_path, glove):
    out_csv, out_html = tmp_path / "axes.csv", tmp_path / "axes.html"
    words = ["king", "queen", "doctor", "nurse", "billionaire", "poor"]
    code, _, _ = run(capsys, "project", "--words", ",".join(words), "--method", "axes", "--x-axis", "man:woman",
                     "--y-axis", "poor:rich", "--out", str(out_csv), "--html", str(out_html))
    assert code == 0
    rows = {r[0]: (float(r[1]), float(r[2])) for r in list(csv.reader(open(out_csv, encoding="utf-8")))[1:]}
    assert rows["queen"][0] > rows["king"][0] and rows["nurse"][0] > rows["doctor"][0]
    assert rows["billionaire"][1] > rows["poor"][1]
    # x = unit(v) . d, d the unit direction from unit(man) to unit(woman); the pole words need not be mapped
    unit = lambda v: np.asarray(v, dtype=float) / np.linalg.norm(v)  # noqa: E731
    d = unit(unit(glove.vector("woman")) - unit(glove.vector("man")))
    for w in words:
        assert rows[w][0] == pytest.approx(unit(glove.vector(w)) @ d, abs=2e-6)
    assert "man \\u2190 \\u2192 woman" in out_html.read_text(encoding="utf-8")  # the axis titles
    for argv, message in ((["--method", "axes"], "needs --x-axis"), (["--x-axis", "man:woman"], "go with --method axes"),
                          (["--method", "axes", "--x-axis", "man:woman", "--perplexity", "5"], "not axes")):
        code, _, err = run(capsys, "project", "--words", "king,queen", "--out", str(out_csv), *argv)
        assert code != 0 and message in err


def test_project_words_file_and_small_input(capsys, tmp_path):
    words = tmp_path / "words.txt"
    words.write_text("cat\ndog\nmouse\n", encoding="utf-8")
    code, _, err = run(capsys, "project", "--words-file", str(words), "--method", "umap", "--out", str(tmp_path / "c.csv"))
    assert code == 1 and "at least 4 points" in err
    code, _, err = run(capsys, "project", "--words", ",,", "--out", str(tmp_path / "c.csv"))
    assert code == 1 and "empty" in err
    code, _, err = run(capsys, "project", "--words-file", str(tmp_path / "nope.txt"), "--out", str(tmp_path / "c.csv"))
    assert code == 1 and "no such words file" in err
    words.write_bytes("paris, rome\nzürich, genève\n".encode("latin-1"))
    code, out, err = run(capsys, "project", "--words-file", str(words), "--out", str(tmp_path / "c.csv"))
    assert code == 1 and out == "" and not (tmp_path / "c.csv").exists()
    assert err.splitlines() == [f"error: words file {words}, line 2: byte 0xfc is not UTF-8; "
                                "save the file as UTF-8 (it looks like Latin-1/cp1252)"]


def test_evaluate_glove(capsys):
    code, out, err = run(capsys, "evaluate")
    assert code == 0
    scores = dict(line.split("\t") for line in out.splitlines())
    assert list(scores) == ["wordsim353", "simlex999", "analogy"]
    assert 0.45 < float(scores["wordsim353"]) < 0.56  # GloVe 6B 50d: 0.503
    assert 0.22 < float(scores["simlex999"]) < 0.31  # 0.265
    assert 0.40 < float(scores["analogy"]) < 0.60  # 0.497 on the 30k most frequent words
    assert "353/353" in err


def test_sources_lists_every_source(capsys):
    code, out, _ = run(capsys, "sources")
    rows = [line.split("\t") for line in out.splitlines()]
    assert rows[0] == ["source", "offline", "vocab_size", "dim", "description"]
    by_name = {r[0]: r for r in rows[1:]}
    assert list(by_name) == ["glove", "word2vec", "fasttext", "word2vec-zh", "llm", "llm-zh"]
    assert by_name["glove"][1:4] == ["yes", "400000", "50"]
    assert by_name["llm"][1] == "yes" and by_name["llm"][3] == "384"


def test_console_script_and_module_entry_points(tmp_path):
    env = dict(os.environ)
    exe = Path(sys.executable).with_name("vizkit")
    for cmd in ([str(exe), "neighbors", "frog", "--top", "2"], [sys.executable, "-m", "vizkit", "neighbors", "frog", "--top", "2"]):
        proc = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=120)
        assert proc.returncode == 0, proc.stderr
        assert len(proc.stdout.splitlines()) == 2 and all(LINE.match(l) for l in proc.stdout.splitlines())
    proc = subprocess.run([str(exe), "neighbors"], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "usage" in proc.stderr


def test_bad_source_name(capsys):
    with pytest.raises(SystemExit):
        main(["neighbors", "king", "--source", "bert"])
    assert "invalid choice" in capsys.readouterr().err
