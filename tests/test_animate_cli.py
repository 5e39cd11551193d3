"""`vizkit animate` end to end on the real MiniLM, and every bad input the issue names."""

import csv

import pytest

from network_guard import no_network
from vizkit.cli import main


def _run(capsys, *argv):
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out.split(), out.err


def test_animate_bundled_word_writes_page_metrics_and_comparison(capsys, tmp_path):
    page, metrics, compare = tmp_path / "bank.html", tmp_path / "bank.csv", tmp_path / "cmp.html"
    code, printed, err = _run(capsys, "animate", "bank", "--out", str(page), "--metrics", str(metrics),
                              "--compare", str(compare), "--static", "glove")
    assert code == 0, err
    assert printed == [str(page), str(metrics), str(compare)]
    assert 1_000_000 < page.stat().st_size < 2_000_000  # plotly's basic bundle inlined (the full one made 4.9 MB)
    rows = list(csv.DictReader(metrics.read_text().splitlines()))
    assert [r["frame"] for r in rows] == [str(i) for i in range(8)]
    assert rows[0]["layer"] == "static" and float(rows[0]["separation"]) == 0
    best = max(float(r["separation"]) for r in rows[2:])
    assert best > float(rows[1]["separation"]) + 0.05
    assert "best layer" in err and "static (glove)" in page.read_text(encoding="utf-8")


def test_animate_user_file_with_subtoken_word_duplicates_and_missing_word(capsys, tmp_path):
    # "kiwi" is two WordPiece tokens (ki ##wi) in MiniLM: pooled, and still animated
    sentences = tmp_path / "kiwi.tsv"
    sentences.write_text(
        "# the bird and the fruit\n"
        "bird\tThe kiwi is a flightless bird that lives in New Zealand.\n"
        "bird\tAt night the kiwi uses its long beak to find worms.\n"
        "bird\tA kiwi lays an enormous egg for its size.\n"
        "fruit\tShe sliced a kiwi into the fruit salad.\n"
        "fruit\tA ripe kiwi is soft and sweet with green flesh.\n"
        "fruit\tShe sliced a kiwi into the fruit salad.\n"
        "fruit\tThis sentence has no target word.\n", encoding="utf-8")
    page = tmp_path / "kiwi.html"
    code, printed, err = _run(capsys, "animate", "kiwi", "--sentences", str(sentences), "--out", str(page))
    assert code == 0, err
    assert printed == [str(page)]
    assert "1 repeated sentence(s) dropped" in err
    assert "does not occur in 1 sentence(s)" in err
    assert "sub-tokens ki ##wi (mean-pooled)" in page.read_text(encoding="utf-8")


def test_animate_single_sense_still_draws_with_a_warning(capsys, tmp_path):
    sentences = tmp_path / "one.txt"
    sentences.write_text("The bank lent money.\nThe bank is closed today.\nMy bank charges fees.\n")
    page, metrics = tmp_path / "one.html", tmp_path / "one.csv"
    code, printed, err = _run(capsys, "animate", "bank", "--sentences", str(sentences), "--out", str(page),
                              "--metrics", str(metrics))
    assert code == 0, err
    assert "without a separation score" in err
    rows = list(csv.DictReader(metrics.read_text().splitlines()))
    assert len(rows) == 8 and rows[3]["separation"] == ""
    assert "needs sentences of two senses" in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("content, word, message", [
    ("", "bank", "has no sentences"),
    ("# only a comment\n\n", "bank", "has no sentences"),
    ("money\tThe vault was full.\nriver\tThe water was cold.\n", "bank", "does not occur in any"),
])
def test_animate_bad_sentence_files(capsys, tmp_path, content, word, message):
    f = tmp_path / "s.tsv"
    f.write_text(content, encoding="utf-8")
    code, printed, err = _run(capsys, "animate", word, "--sentences", str(f), "--out", str(tmp_path / "x.html"))
    assert code == 1 and message in err and "Traceback" not in err
    assert not (tmp_path / "x.html").exists()


def test_animate_reads_a_sentence_too_long_in_a_window(capsys, tmp_path):
    f = tmp_path / "s.tsv"
    f.write_text("money\tThe bank " + "very " * 600 + "big.\nmoney\tThe bank lent me money.\n"
                 "river\tA river bank.\nriver\tWe sat on the bank of the river.\n", encoding="utf-8")
    code, printed, err = _run(capsys, "animate", "bank", "--sentences", str(f), "--out", str(tmp_path / "x.html"))
    assert code == 0 and (tmp_path / "x.html").exists()
    assert "warning: 1 occurrence(s) in sentences longer than all-MiniLM-L6-v2's 512 tokens" in err


def test_animate_latin1_sentence_file_is_one_clear_error(capsys, tmp_path):
    f = tmp_path / "s.tsv"
    f.write_bytes("money\tThe bank lent money.\nriver\tThe bank of the Rhône.\n".encode("latin-1"))
    code, printed, err = _run(capsys, "animate", "bank", "--sentences", str(f), "--out", str(tmp_path / "x.html"))
    assert code == 1 and printed == []
    assert err.splitlines() == [f"error: sentence file {f}, line 2: byte 0xf4 is not UTF-8; "
                                "save the file as UTF-8 (it looks like Latin-1/cp1252)"]
    assert not (tmp_path / "x.html").exists()


def test_animate_unknown_bundled_word_and_bad_out(capsys, tmp_path):
    code, _, err = _run(capsys, "animate", "zebra", "--out", str(tmp_path / "z.html"))
    assert code == 1 and "no bundled sentences for 'zebra'" in err and "bank" in err
    code, _, err = _run(capsys, "animate", "bank", "--out", str(tmp_path / "z.png"))
    assert code == 1 and "use a .html name" in err
    code, _, err = _run(capsys, "animate", "bank", "--sentences", str(tmp_path / "nope.tsv"),
                        "--out", str(tmp_path / "z.html"))
    assert code == 1 and "no such sentence file" in err


def test_animate_model_choice_local_folder_and_offline_hub_id(capsys, tmp_path, request):
    from vizkit.sources._llm import default_model_path

    page = tmp_path / "folder.html"
    code, printed, err = _run(capsys, "animate", "spring", "--model", default_model_path(), "--out", str(page))
    assert code == 0, err
    assert printed == [str(page)]
    request.getfixturevalue("no_hub")  # now the machine is offline for the hub
    with no_network():
        code, _, err = _run(capsys, "animate", "bank", "--model", "bert-base-uncased",
                            "--out", str(tmp_path / "b.html"))
    assert code == 1 and "bert-base-uncased" in err and "offline" in err
