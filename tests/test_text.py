"""The user's text files: UTF-8 with or without a byte-order mark, and one clear error otherwise."""

import pytest

from vizkit.datasets import sentence_sets
from vizkit._text import read_lines
from vizkit.errors import InputError


def test_utf8_with_and_without_bom_and_any_line_ends(tmp_path):
    plain, bom = tmp_path / "plain.tsv", tmp_path / "bom.tsv"
    plain.write_bytes("money\tThe bank café.\r\nriver\tThe bank.\n".encode("utf-8"))
    bom.write_bytes("money\tThe bank café.\nriver\tThe bank.".encode("utf-8-sig"))
    assert read_lines(plain, what="sentence file") == ["money\tThe bank café.", "river\tThe bank."]
    assert read_lines(bom, what="sentence file") == read_lines(plain, what="sentence file")
    assert sentence_sets.read_sentence_file(bom, "bank").senses == ["money", "river"]  # not "\ufeffmoney"


def test_latin1_names_file_line_byte_and_fix(tmp_path):
    path = tmp_path / "x.tsv"
    path.write_bytes("money\tThe bank.\n\nriver\tThe bank of the Rhône.\n".encode("latin-1"))
    with pytest.raises(InputError) as info:
        read_lines(path, what="sentence file")
    assert str(info.value) == (f"sentence file {path}, line 3: byte 0xf4 is not UTF-8; "
                               "save the file as UTF-8 (it looks like Latin-1/cp1252)")


def test_utf16_missing_file_and_folder(tmp_path):
    path = tmp_path / "words.txt"
    path.write_text("king\nqueen\n", encoding="utf-16")
    with pytest.raises(InputError, match=r"line 1: byte 0x(ff|fe) is not UTF-8; .* \(it looks like UTF-16\)$"):
        read_lines(path, what="words file")
    with pytest.raises(InputError, match="no such words file: .*nope.txt"):
        read_lines(tmp_path / "nope.txt", what="words file")
    with pytest.raises(InputError, match="no such words file"):
        read_lines(tmp_path, what="words file")
