"""Docs that work when pasted: run the README's Python block and its vizkit commands."""

import re
import shlex
from pathlib import Path

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


@pytest.mark.parametrize("command", _commands())
def test_cli_commands_run(command, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    argv = shlex.split(command)[1:]
    assert main(argv) == 0, capsys.readouterr().err
    assert capsys.readouterr().out.strip()


def test_animation_block_runs(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    namespace = {}
    exec(compile(python_block("polysemy_frames"), "README.md", "exec"), namespace)
    out = capsys.readouterr().out.split("\n")
    assert out[0] == "static 0.0" and len([line for line in out if line]) == 8
    assert (tmp_path / "bank.html").exists() and (tmp_path / "bank.gif").exists()
    assert len(namespace["fig"].frames) == 8 and len(namespace["side"].data) >= 6


def test_widgets_block_runs(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    exec(compile(python_block("EmbeddingExplorer"), "README.md", "exec"), {})
    out = capsys.readouterr().out.splitlines()
    assert out == ["glove (50-d), t-SNE, perplexity 9.67", "<b>layer 6</b>"]  # 30 words: (30 - 1) / 3
    assert (tmp_path / "exports" / "spring_animation.html").stat().st_size > 3_000_000


def test_course_block_runs(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    namespace = {}
    exec(compile(python_block("train_item2vec"), "README.md", "exec"), namespace)
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "[(15339, 'hello'), (1917, ' world')]"
    separations = eval(out[-2])
    assert len(separations) == 6 and separations[-1] > separations[0] + 0.1
    assert "Beauty and the Beast (1991)" in out[-1]
    assert (tmp_path / "w2v_training.html").stat().st_size > 3_000_000
