"""Docs that work when pasted: run the README's Python block and its vizkit commands."""

import ast
import csv
import re
import shlex
from pathlib import Path

import numpy as np
import pytest

from vizkit.cli import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def python_block(marker):
    """The README's Python block that contains ``marker``."""
    blocks = [b for b in re.findall(r"```python\n(.*?)```", README, re.S) if marker in b]
    assert len(blocks) == 1, f"one README Python block with {marker!r}"
    return blocks[0]


def test_python_block_runs(capsys):
    namespace = {}
    exec(compile(python_block("group_vectors"), "README.md", "exec"), namespace)
    out = capsys.readouterr().out
    assert "prince" in out and "queen" in out
    assert "LabelledVectors(n=21" in out
    assert namespace["xy"].shape == (3, 2)
    assert len(namespace["fig"].data) == 3


def _commands():
    block = re.search(r"## Command line.*?```bash\n(.*?)```", README, re.S).group(1)
    return [line for line in block.splitlines() if line.startswith("vizkit ")]


# ------------------------------------------------------------------ what each README command prints
CHECKS = {}
PAIR = re.compile(r"^([^\t]+)\t(-?\d\.\d{4})$")


def check(command):
    """Register the output check of one README command: ``f(stdout lines, stderr, folder)``."""
    def register(f):
        CHECKS[command] = f
        return f
    return register


def pairs(lines, n, excluded):
    """``word<TAB>cosine`` lines: n of them, best first, cosines in [-1, 1], the query words excluded."""
    assert len(lines) == n and all(PAIR.match(line) for line in lines), lines
    words = [PAIR.match(line).group(1) for line in lines]
    scores = [float(PAIR.match(line).group(2)) for line in lines]
    assert all(-1 <= c <= 1 for c in scores) and scores == sorted(scores, reverse=True)
    assert not set(words) & set(excluded)
    return words


def coords_csv(path):
    rows = list(csv.reader(path.read_text(encoding="utf-8").splitlines()))
    assert rows[0] == ["label", "x", "y"]
    assert all(np.isfinite([float(r[1]), float(r[2])]).all() for r in rows[1:])
    return [r[0] for r in rows[1:]]


def offline_page(path):
    text = path.read_text(encoding="utf-8")
    assert "<script src=" not in text and ("plotly" in text.lower() or "reglScatterplot" in text)  # a renderer inline
    return text


@check("vizkit sources")
def _(out, err, folder):
    assert out[0] == "source\toffline\tvocab_size\tdim\tdescription"
    rows = {line.split("\t")[0]: line.split("\t") for line in out[1:]}
    assert list(rows) == ["glove", "word2vec", "fasttext", "word2vec-zh", "llm", "llm-zh"]
    assert rows["glove"][1:4] == ["yes", "400000", "50"] and rows["llm"][1] == "yes" and rows["llm"][3] == "384"
    assert all(r[1] == "yes" for r in rows.values())


@check("vizkit neighbors king --top 5")
def _(out, err, folder):
    assert {"prince", "queen"} <= set(pairs(out, 5, ["king"]))


@check("vizkit neighbors bank --source llm")
def _(out, err, folder):
    assert {"banks", "banking", "money"} <= set(pairs(out, 10, ["bank"]))


@check("vizkit analogy king man woman")
def _(out, err, folder):
    assert pairs(out, 5, ["king", "man", "woman"])[0] == "queen"


@check("vizkit project --source glove --words sparrow,eagle,owl,paris,berlin,rome,france,italy --method pca "
       "--out coords.csv --html map.html")
def _(out, err, folder):
    assert out == ["coords.csv", "map.html"]
    words = "sparrow,eagle,owl,paris,berlin,rome,france,italy".split(",")
    assert coords_csv(folder / "coords.csv") == words
    assert all(w in offline_page(folder / "map.html") for w in words)


@check("vizkit atlas --top-words 5000 --query king --out atlas.html --csv atlas.csv")
def _(out, err, folder):
    assert out[0] == "atlas.html" and out[-1] == "atlas.csv"
    assert out[1].startswith("5000 points, tsne: the map keeps 0.")
    assert len(out[2].split(" | ")) == 12 and out[3].split("\t")[0] == "prince"
    rows = list(csv.DictReader((folder / "atlas.csv").read_text(encoding="utf-8").splitlines()))
    assert len(rows) == 5000 and rows[0]["label"] == "the"
    offline_page(folder / "atlas.html")


@check("vizkit atlas --top-words 5000 --method axes --x-axis man:woman --y-axis poor:rich --out axes.html --csv axes.csv")
def _(out, err, folder):
    assert out[0] == "axes.html" and out[-1] == "axes.csv"
    offline_page(folder / "axes.html")
    assert out[1].startswith("5000 points, axes: ")
    at = {r["label"]: (float(r["x"]), float(r["y"]))
          for r in csv.DictReader((folder / "axes.csv").read_text(encoding="utf-8").splitlines())}
    assert at["woman"][0] > at["man"][0] and at["she"][0] > at["he"][0] and at["rich"][1] > at["poor"][1]


@check("vizkit project --top-words 2000 --method umap --seed 0 --out top2000.csv")
def _(out, err, folder):
    assert out == ["top2000.csv"]
    labels = coords_csv(folder / "top2000.csv")
    assert len(labels) == 2000 and labels[0] == "the" and "king" in labels


@check("vizkit project --words king,queen,doctor,nurse,billionaire,poor --method axes --x-axis man:woman "
       "--y-axis poor:rich --out axes.csv")
def _(out, err, folder):
    assert out == ["axes.csv"]
    with open(folder / "axes.csv", newline="", encoding="utf-8") as fh:
        rows = {r["label"]: (float(r["x"]), float(r["y"])) for r in csv.DictReader(fh)}
    assert rows["queen"][0] > rows["king"][0] and rows["billionaire"][1] > rows["poor"][1]


@check("vizkit evaluate --source glove")
def _(out, err, folder):
    scores = dict(line.split("\t") for line in out)
    assert list(scores) == ["wordsim353", "simlex999", "analogy"]
    assert abs(float(scores["wordsim353"]) - 0.503) < 0.01  # GloVe 6B 50d
    assert all(0 < float(v) < 1 for v in scores.values())
    assert "wordsim353: 353/353 items covered" in err


@check("vizkit animate bank --out bank.html --metrics bank.csv")
def _(out, err, folder):
    assert out == ["bank.html", "bank.csv"]
    assert 'id="vizkit-animation"' in offline_page(folder / "bank.html")
    rows = list(csv.DictReader((folder / "bank.csv").read_text(encoding="utf-8").splitlines()))
    assert list(rows[0]) == ["frame", "layer", "within_sense_cos", "across_sense_cos", "separation"]
    assert [r["frame"] for r in rows] == [str(i) for i in range(8)] and rows[0]["layer"] == "static"
    assert "bank: sense separation static +0.000" in err and "best layer" in err


@check("vizkit animate apple --static glove --compare apple_compare.html --gif apple.gif --out apple.html")
def _(out, err, folder):
    assert out == ["apple.html", "apple.gif", "apple_compare.html"]
    assert "static (glove)" in offline_page(folder / "apple.html")
    offline_page(folder / "apple_compare.html")
    assert (folder / "apple.gif").read_bytes()[:6] in (b"GIF87a", b"GIF89a")
    assert "apple: sense separation" in err


@check("vizkit animate bank --versus SmolLM2-135M-Instruct --out versus.html")
def _(out, err, folder):
    assert out == ["versus.html"]
    page = offline_page(folder / "versus.html")
    assert "encoder: reads both ways" in page and "decoder: reads left to right" in page
    assert "all-MiniLM-L6-v2: sense separation by stage +0.000" in err
    assert "SmolLM2-135M-Instruct: sense separation by stage +0.000" in err


@check("vizkit animate bank --3d --out bank_3d.html")
def _(out, err, folder):
    assert out == ["bank_3d.html"]
    page = offline_page(folder / "bank_3d.html")
    assert '"type":"scatter3d"' in page.replace(" ", "") and "3-D PCA map shared by all frames" in page
    assert "bank: sense separation static +0.000" in err


@check("vizkit present 苹果 --lang zh --out talk_zh.html")
def _(out, err, folder):
    from vizkit.render.language import resolve

    assert resolve() == "en"  # --lang held for that command only
    assert out == ["talk_zh.html"]
    page = offline_page(folder / "talk_zh.html")
    assert '<html lang="zh-CN">' in page and ">全屏</button>" in page and "m3e-small" in page  # the model named


@check("vizkit present bank --out talk.html")
def _(out, err, folder):
    assert out == ["talk.html"]
    page = offline_page(folder / "talk.html")
    assert "vizkitPresent" in page
    kinds = re.findall(r'data-kind="([a-z]+)"', page)  # the default talk, scene by scene
    assert kinds == ["title", "static", "layer", "layer", "layer", "layer", "layer", "compare", "separation"]


@check("vizkit occurrences bank,spring --corpus english --out occ")
def _(out, err, folder):
    assert out == ["bank\t346", "spring\t232", "occ/manifest.json"]
    assert "578 occurrences in" in err and "on local" in err
    assert sorted(p.suffix for p in (folder / "occ" / "shards").iterdir()) == [".parquet"] * len(
        list((folder / "occ" / "shards").iterdir()))


@check("vizkit senses bank --occurrences occ --out bank_senses.html")
def _(out, err, folder):
    assert "bank: 2 senses at layer 6 (346 occurrences" in err
    senses = [line.split("\t") for line in out if "\t" in line]
    assert len(senses) == 2 and sum(int(s[1]) for s in senses) == 346
    assert out[-1] == "bank_senses.html" and 'id="vizkit-animation"' in offline_page(folder / "bank_senses.html")


@check("vizkit params --config gpt3")
def _(out, err, folder):
    assert out[:4] == ["part\tshape\tweights", "token embedding\t50257 x 12288\t617558016",
                       "position embedding\t2048 x 12288\t25165824", "total embedding\t\t642723840"]


@check("vizkit train --epochs 8 --out w2v_training.html")
def _(out, err, folder):
    assert out[0] == "epoch\tseparation\tneighbours of two"
    rows = [line.split("\t") for line in out[1:]]
    assert [r[0] for r in rows] == [str(i) for i in range(9)]
    assert float(rows[-1][1]) > float(rows[0][1]) + 0.15  # the word groups pull apart
    numbers = {"one", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
    assert len(set(rows[-1][2].split(", ")) & numbers) >= 2
    assert err.rstrip().endswith("w2v_training.html")
    offline_page(folder / "w2v_training.html")


@check("vizkit train --epochs 5 --out t.html --gif t.gif")
def _(out, err, folder):
    from PIL import Image

    assert out[0] == "epoch\tseparation\tneighbours of two"
    assert [line.split("\t")[0] for line in out[1:]] == [str(i) for i in range(6)]
    assert err.split()[-2:] == ["t.html", "t.gif"]
    offline_page(folder / "t.html")
    with Image.open(folder / "t.gif") as im:  # the page's animation: 6 epochs, each gliding to the next in 6 images
        assert im.is_animated and im.n_frames == 6 + 5 * 6


@check("vizkit train --algorithm glove --out glove_training.html")
def _(out, err, folder):
    assert out[0] == "epoch\tseparation\tneighbours of two"
    rows = [line.split("\t") for line in out[1:]]
    assert [r[0] for r in rows] == [str(i) for i in range(21)]  # GloVe's 20 epochs
    assert abs(float(rows[0][1])) < 0.05 and float(rows[-1][1]) > 0.4  # from its random start, the groups form
    numbers = {"one", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
    assert len(set(rows[-1][2].split(", ")) & numbers) >= 2
    assert err.rstrip().endswith("glove_training.html")
    assert "GloVe" in offline_page(folder / "glove_training.html")


@check("vizkit train --algorithm gpt --out gpt_training.html")
def _(out, err, folder):
    assert out[0] == "step\tseparation\tneighbours of two"
    rows = [line.split("\t") for line in out[1:]]
    assert [r[0] for r in rows] == [str(i) for i in range(0, 2001, 100)]  # 2,000 steps, a frame every 100
    assert abs(float(rows[0][1])) < 0.03 and float(rows[-1][1]) > 0.09  # from its random start, the groups form
    numbers = {"one", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}
    assert len(set(rows[-1][2].split(", ")) & numbers) >= 2
    assert err.rstrip().endswith("gpt_training.html")
    assert "position table" in offline_page(folder / "gpt_training.html")


@check('vizkit recommend "Free Willy (1993)" --top 5')
def _(out, err, folder):
    assert out[0] == "rank\tcosine\ttitle\tgenres"
    rows = [line.split("\t") for line in out[1:]]
    assert [r[0] for r in rows] == ["1", "2", "3", "4", "5"]
    cosines = [float(r[1]) for r in rows]
    assert all(-1 <= c <= 1 for c in cosines) and cosines == sorted(cosines, reverse=True)
    assert "Free Willy 2: The Adventure Home (1995)" in [r[2] for r in rows]
    assert "films similar to Free Willy (1993)" in err


def token_sections(out):
    """``# name`` headers, each followed by ``id<TAB>repr(piece)`` lines: {header: [(id, piece)]}."""
    sections = {}
    for line in out:
        if line.startswith("# "):
            current = sections.setdefault(line, [])
        else:
            token_id, piece = line.split("\t")
            current.append((int(token_id), ast.literal_eval(piece)))
    return sections


@check('vizkit tokens "elif x == 1:" -t gpt2 -t gpt4')
def _(out, err, folder):
    sections = token_sections(out)
    assert [h.split(" (")[0] for h in sections] == ["# GPT-2", "# GPT-4"]
    gpt2, gpt4 = ([p for _, p in toks] for toks in sections.values())
    assert "".join(gpt2) == "".join(gpt4) == "elif x == 1:"
    assert gpt2[:2] == ["el", "if"] and gpt4[0] == "elif"  # GPT-4's vocabulary knows Python's keyword


@check('vizkit generate "Write an email apologizing to Sarah for the tragic gardening mishap." --ids')
def _(out, err, folder):
    tokens = [(int(i), ast.literal_eval(p)) for i, p in (line.split("\t") for line in out)]
    assert len(tokens) == 20  # --max-new-tokens' default
    assert "Sarah" in "".join(p for _, p in tokens)


@check("vizkit neighbors 猫 --source word2vec-zh")
def _(out, err, folder):
    assert "狗" in pairs(out, 10, ["猫"])


@check("vizkit neighbors 苹果 --source llm-zh --top 5")
def _(out, err, folder):
    assert {"蘋果", "手机"} <= set(pairs(out, 5, ["苹果"]))


@check("vizkit animate 苹果 --out apple_zh.html --metrics apple_zh.csv")
def _(out, err, folder):
    assert out == ["apple_zh.html", "apple_zh.csv"]
    assert 'id="vizkit-animation"' in offline_page(folder / "apple_zh.html")
    rows = list(csv.DictReader((folder / "apple_zh.csv").read_text(encoding="utf-8").splitlines()))
    assert len(rows) == 6 and rows[0]["layer"] == "static" and float(rows[0]["separation"]) == 0  # M3E: 4 layers
    assert "苹果: sense separation static +0.000" in err


@check("vizkit animate 苹果 --versus gemma-3-270m --out apple_zh_versus.html")
def _(out, err, folder):
    assert out == ["apple_zh_versus.html"]
    assert "m3e-small: sense separation" in err and "gemma-3-270m: sense separation" in err
    offline_page(folder / "apple_zh_versus.html")


@check('vizkit tokens "Hi, 你好~" -t qwen3 -t gemma-3-270m -t m3e-small -t bert-uncased')
def _(out, err, folder):
    blocks = "\n".join(out).split("# ")[1:]
    assert [b.split(":")[0] for b in blocks] == ["Qwen2.5 / Qwen3", "Gemma 3 (SentencePiece, 262k)",
                                                  "M3E-small (Chinese BERT, by character)",
                                                  "BERT uncased (all-MiniLM-L6-v2)"]
    qwen = [line.split("\t")[0] for line in blocks[0].splitlines()[1:]]
    assert qwen == ["13048", "11", "220", "108386", "93"]  # seed 003's ids


@check("vizkit atlas --source word2vec-zh --top-words 20000 --query 猫 --out atlas_zh.html --csv atlas_zh.csv")
def _(out, err, folder):
    assert out[0] == "atlas_zh.html" and out[-1] == "atlas_zh.csv"
    assert out[1].startswith("20000 points, tsne: the map keeps 0.")
    assert "狗" in [line.split("\t")[0] for line in out[3:13]]
    rows = list(csv.DictReader((folder / "atlas_zh.csv").read_text(encoding="utf-8").splitlines()))
    assert len(rows) == 20000 and rows[0]["label"] == "的"
    assert "@font-face" not in offline_page(folder / "atlas_zh.html")


@check("vizkit tokens --table -t bert-uncased -t gpt2 -t gpt4 -t gpt4o -t mistral")
def _(out, err, folder):
    assert out[0].split()[:4] == ["tokenizer", "algorithm", "vocabulary", "tokens"]
    rows = {line.split()[0]: line for line in out[1:]}
    assert list(rows) == ["bert-uncased", "gpt2", "gpt4", "gpt4o", "mistral"]
    for name, vocab in [("bert-uncased", 30522), ("gpt2", 50257), ("gpt4", 100277), ("mistral", 32000)]:
        assert f" {vocab} " in rows[name]


@check("vizkit cache")
def _(out, err, folder):
    from vizkit import cache

    assert out[0] == "entry\tsize\tcreated\tbuilt_by"
    rows = [line.split("\t") for line in out[1:-1]]
    assert all(len(r) == 4 for r in rows) and [r[0] for r in rows] == [e.label for e in cache.entries()]
    assert all(re.fullmatch(r"\d+(\.\d)? (B|KB|MB|GB)", r[1]) and re.fullmatch(r"\d{4}-\d\d-\d\dT[\d:]+\+00:00|-", r[2])
               for r in rows), rows
    assert out[-1].startswith(f"{len(rows)} entries, ") and out[-1].endswith(f" in {cache.root()}")


@pytest.fixture(scope="module")
def shell_folder(tmp_path_factory):
    """One folder for the whole README block, as a user pasting it in one shell (a command may use the last's output)."""
    return tmp_path_factory.mktemp("readme-shell")


@pytest.mark.parametrize("command", _commands())
def test_cli_commands_print_what_they_should(command, shell_folder, monkeypatch, capsys):
    assert command in CHECKS, f"no output check for the README command {command!r}: add one to CHECKS"
    tmp_path = shell_folder
    monkeypatch.chdir(tmp_path)
    code = main(shlex.split(command)[1:])
    out, err = capsys.readouterr()
    assert code == 0, err
    CHECKS[command](out.splitlines(), err, tmp_path)


def test_animation_block_runs(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    namespace = {}
    exec(compile(python_block("polysemy_frames(\"bank\""), "README.md", "exec"), namespace)
    out = capsys.readouterr().out.split("\n")
    assert out[0] == "static 0.0" and len([line for line in out if line]) == 8
    assert (tmp_path / "bank.html").exists() and (tmp_path / "bank.gif").exists()
    assert len(namespace["fig"].frames) == 8 and len(namespace["side"].data) >= 6


def test_widgets_block_runs(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    exec(compile(python_block("EmbeddingExplorer"), "README.md", "exec"), {})
    out = capsys.readouterr().out.splitlines()
    assert out == ["glove (50-d), t-SNE, perplexity 9.67", "<b>layer 6</b>"]  # 30 words: (30 - 1) / 3
    assert (tmp_path / "exports" / "spring_animation.html").stat().st_size > 1_000_000


def test_formats_block_runs(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    exec(compile(python_block("write_projector"), "README.md", "exec"), {})
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "LabelledVectors(n=10000, dim=50, meta: source)"
    assert [w for w, _ in eval(out[1])] == ["prince", "queen", "ii"]
    assert sorted(p.name for p in (tmp_path / "glove10k").iterdir()) == ["metadata.tsv", "vectors.tsv"]
    assert (tmp_path / "glove10k.txt").read_text(encoding="utf-8").startswith("10000 50\n")


def test_atlas_block_runs(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    namespace = {}
    exec(compile(python_block("Atlas("), "README.md", "exec"), namespace)
    out = capsys.readouterr().out.splitlines()
    assert len(eval(out[0])) == 4
    assert out[1].split() == ["label", "cosine", "kept"] and out[2].split()[1] == "prince"
    assert 0.3 < float(out[-1]) < 1.0
    assert namespace["fig"].data[0].marker.showscale
    page = offline_page(tmp_path / "atlas5k.html")
    assert '"query":"king"' in page and 250_000 < len(page) < 6_000_000  # regl-scatterplot inline, 5,000 words


def test_compare_block_runs(capsys):
    namespace = {}
    exec(compile(python_block("compare_models("), "README.md", "exec"), namespace)
    out = capsys.readouterr().out.splitlines()
    assert out[0].split() == ["word", "agreement"] and len(out) == 4
    assert [t.name for t in namespace["fig"].data] == ["MiniLM static: moved", "MiniLM static", "GloVe"]


def test_encoder_decoder_block_runs(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    namespace = {}
    exec(compile(python_block("clue_order_experiment([\"bank\"])"), "README.md", "exec"), namespace)
    out = capsys.readouterr().out
    rows = {line.split(" | ")[0].strip("| "): line for line in out.splitlines()[2:]}
    assert set(rows) == {"all-MiniLM-L6-v2", "SmolLM2-135M-Instruct"}
    # the README's table: the numbers printed are the ones written there
    for line in out.splitlines()[2:]:
        assert line in README
    assert namespace["both"].causal == [False, True]
    assert 'id="vizkit-animation"' in offline_page(tmp_path / "bank_clue_after.html")


def test_chinese_block_runs(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    namespace = {}
    exec(compile(python_block('get_source("word2vec-zh")'), "README.md", "exec"), namespace)
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "0.7 0.27"  # as the README's comment says
    assert namespace["fs"].model == "m3e-small"
    assert 'id="vizkit-animation"' in offline_page(tmp_path / "apple_zh.html")
    table = [line for line in out if line.startswith(("| m3e-small", "| gemma-3-270m"))]
    assert len(table) == 4 and all(line in README for line in table)  # the README's table is what is measured


def test_corpus_block_runs(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    namespace = {}
    exec(compile(python_block("extract_occurrences("), "README.md", "exec"), namespace)
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "{'bank': 346, 'spring': 232}"  # as the README says
    assert namespace["occ"].vectors.shape == (346, 384)
    assert out[1].startswith(f"{namespace['found'].k} [")


def test_course_block_runs(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    namespace = {}
    exec(compile(python_block("train_item2vec"), "README.md", "exec"), namespace)
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "[(15339, 'hello'), (1917, ' world')]"
    separations = eval(out[-2])
    assert len(separations) == 6 and separations[-1] > separations[0] + 0.1
    assert "Beauty and the Beast (1991)" in out[-1]
    assert (tmp_path / "w2v_training.html").stat().st_size > 1_000_000
    assert (tmp_path / "train_talk.html").read_text(encoding="utf-8").count('data-kind="frame"') >= 3


def test_the_chinese_interface_block_runs_as_pasted(tmp_path, w2v_zh):
    """The README's `VIZKIT_LANG=zh vizkit ...` block, each line in a shell as a user pastes it."""
    import os
    import subprocess
    import sys

    block = re.search(r"### The interface in Chinese.*?```bash\n(.*?)```", README, re.S).group(1)
    lines = [line for line in block.splitlines() if line.strip()]
    assert len(lines) == 2
    bin_dir = Path(sys.executable).parent  # `vizkit` as installed next to this Python
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}"}
    env.pop("VIZKIT_LANG")
    for line in lines:
        done = subprocess.run(line, shell=True, cwd=tmp_path, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stderr[-2000:]
    atlas = offline_page(tmp_path / "atlas_zh.html")
    assert '<html lang="zh-CN">' in atlas and "输入词或标签，按回车搜索" in atlas and '"query":"苹果"' in atlas
    assert '<html lang="zh-CN">' in offline_page(tmp_path / "talk_zh.html")
