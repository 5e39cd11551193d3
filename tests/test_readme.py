"""Docs that work when pasted: run the README's Python block and its vizkit commands."""

import re
import shlex
from pathlib import Path

import pytest

from vizkit.cli import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def test_python_block_runs(capsys):
    blocks = re.findall(r"```python\n(.*?)```", README, re.S)
    assert blocks
    namespace = {}
    exec(compile(blocks[0], "README.md", "exec"), namespace)
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
    blocks = re.findall(r"```python\n(.*?)```", README, re.S)
    assert len(blocks) == 2
    namespace = {}
    exec(compile(blocks[1], "README.md", "exec"), namespace)
    out = capsys.readouterr().out.split("\n")
    assert out[0] == "static 0.0" and len([line for line in out if line]) == 8
    assert (tmp_path / "bank.html").exists() and (tmp_path / "bank.gif").exists()
    assert len(namespace["fig"].frames) == 8 and len(namespace["side"].data) >= 6
