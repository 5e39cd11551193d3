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


def test_the_command_line_speaks_the_learners_language(capsys, monkeypatch, tmp_path):
    """`--lang zh` (before or after the command) puts the CLI's own headings and summaries in Chinese; data, file
    paths and numbers stay as they are; `--lang en` prints today's English, byte for byte."""
    from vizkit.render import language

    code, out, _ = run(capsys, "--lang", "zh", "sources")
    rows = [line.split("\t") for line in out.splitlines()]
    assert code == 0 and rows[0] == ["来源", "可离线", "词表大小", "维度", "说明"]
    assert rows[1][:4] == ["glove", "是", "400000", "50"]
    code, out, _ = run(capsys, "sources", "--lang", "en")
    assert code == 0 and out.splitlines()[0] == "source\toffline\tvocab_size\tdim\tdescription"
    assert out.splitlines()[1].startswith("glove\tyes\t400000\t50\t")

    code, out, err = run(capsys, "params", "--config", "qwen2.5-1.5b", "--lang", "zh")
    assert code == 0 and out.splitlines() == ["部分\t形状\t权重数", "词元嵌入\t151936 x 1536\t233373696",
                                              "位置嵌入\t旋转位置编码（RoPE）：无权重\t0", "嵌入合计\t\t233373696"]
    assert err == "输出层：与词元嵌入共用权重（没有额外的权重）\n"
    code, out, err = run(capsys, "--lang", "en", "params", "--config", "qwen2.5-1.5b")
    assert code == 0 and out.splitlines() == ["part\tshape\tweights", "token embedding\t151936 x 1536\t233373696",
                                              "position embedding\trotary (RoPE): no weights\t0",
                                              "total embedding\t\t233373696"]
    assert err == "output layer: tied to the token embedding (no extra weights)\n"

    monkeypatch.setenv("VIZKIT_CACHE", str(tmp_path / "cache"))  # an empty cache: nothing to list or remove
    code, out, _ = run(capsys, "cache", "--lang", "zh")
    assert code == 0 and out.splitlines() == ["条目\t大小\t创建时间\t生成者", f"{tmp_path / 'cache'} 中共 0 个条目，0 B"]
    code, out, _ = run(capsys, "cache", "--clear", "--lang", "zh")
    assert code == 0 and out == f"已从 {tmp_path / 'cache'} 删除 0 个条目\n"
    code, out, _ = run(capsys, "cache", "--lang", "en")
    assert code == 0 and out.splitlines() == ["entry\tsize\tcreated\tbuilt_by", f"0 entries, 0 B in {tmp_path / 'cache'}"]
    monkeypatch.setenv("VIZKIT_LANG", "zh")  # the variable, as a classroom machine sets it
    code, out, _ = run(capsys, "cache", "--clear")
    assert code == 0 and out.startswith("已从 ")
    monkeypatch.setenv("VIZKIT_LANG", "en")
    code, out, _ = run(capsys, "--lang", "zh", "cache")
    assert code == 0 and language.resolve() == "en"  # --lang held for that command only


def test_every_cli_and_progress_message_is_used():
    """The `cli.` and `progress.` keys are each said somewhere in vizkit (a key no code uses is a stale text)."""
    from pathlib import Path

    from vizkit.render import language

    root = Path(language.__file__).resolve().parent.parent
    code = "\n".join(p.read_text(encoding="utf-8") for p in root.rglob("*.py"))
    keys = [k for k in language.catalogue() if k.startswith(("cli.", "progress."))]
    assert len(keys) > 40
    unused = [k for k in keys if f'"{k}"' not in code and f"'{k}'" not in code]
    assert unused == []


def test_progress_bars_speak_the_learners_language(capsys):
    from vizkit.projection.neighbours import nearest_neighbours
    from vizkit.render import language

    X = np.random.default_rng(0).normal(size=(1200, 8))
    nearest_neighbours(X, 5, progress=True)
    assert "5 nearest neighbours of 1,200 points" in capsys.readouterr().err
    language.set_language("zh")
    try:
        nearest_neighbours(X, 5, progress=True)
    finally:
        language.set_language(None)
    assert "1,200 个点各自的 5 个最近邻" in capsys.readouterr().err
