"""``vizkit atlas``: top words, your own vectors or the seed's axes, as a labelled map in a CSV and an offline page."""

import re

from conftest import csv_rows, run_cli
from vizkit.render import plotlyjs, vendored


run, _rows = run_cli, csv_rows  # conftest's


def test_top_words_map_with_clusters_neighbours_and_a_page(capsys, tmp_path):
    code, out, err = run(capsys, "atlas", "--top-words", "2000", "--method", "pca", "--levels", "6,24",
                         "--query", "king", "--out", str(tmp_path / "a.html"), "--csv", str(tmp_path / "a.csv"))
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == str(tmp_path / "a.html") and lines[-1] == str(tmp_path / "a.csv")
    assert re.fullmatch(r"2000 points, pca: the map keeps 0\.\d\d of each point's 10 true neighbours near it "
                        r"on average", lines[1])
    assert lines[2].startswith("clusters: ") and len(lines[2].split(" | ")) == 6
    near = [line.split("\t") for line in lines[3:13]]
    assert near[0][0] == "prince" and {n[2] for n in near} <= {"kept", "torn"}
    rows = _rows(tmp_path / "a.csv")
    assert len(rows) == 2000 and list(rows[0]) == ["label", "x", "y", "cluster", "kept", "source"]
    assert {r["cluster"] for r in rows} == set(lines[2][len("clusters: "):].split(" | "))
    page = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]*\bsrc=", page) and vendored.source("regl-scatterplot") in page  # offline
    assert plotlyjs.inlined(page) == []  # a 2-D map needs no plotly.js


def test_own_vectors_and_semantic_axes(capsys, tmp_path, glove):
    from vizkit.formats import write_projector

    words = ["king", "queen", "man", "woman", "boy", "girl", "rich", "poor", "nurse", "engineer"]
    write_projector(glove.vectors(words), tmp_path)
    code, out, err = run(capsys, "atlas", "--vectors", str(tmp_path / "vectors.tsv"), "--method", "axes",
                         "--x-axis", "man:woman", "--y-axis", "poor:rich", "--levels", "2",
                         "--out", str(tmp_path / "axes.html"), "--csv", str(tmp_path / "axes.csv"))
    assert code == 0, err
    at = {r["label"]: (float(r["x"]), float(r["y"])) for r in _rows(tmp_path / "axes.csv")}
    assert list(at) == words
    assert at["queen"][0] > at["king"][0] and at["girl"][0] > at["boy"][0] and at["rich"][1] > at["poor"][1]


def test_errors_say_what_to_add(capsys, tmp_path):
    page = str(tmp_path / "x.html")
    code, _, err = run(capsys, "atlas", "--top-words", "50", "--method", "axes", "--out", page)
    assert code == 1 and "--method axes needs --x-axis negative:positive" in err
    code, _, err = run(capsys, "atlas", "--top-words", "50", "--x-axis", "a:b", "--out", page)
    assert code == 1 and "--x-axis / --y-axis go with --method axes" in err
    code, _, err = run(capsys, "atlas", "--vectors", str(tmp_path / "none.tsv"), "--out", page)
    assert code == 1 and "no such vectors file" in err
    code, _, err = run(capsys, "atlas", "--top-words", "50", "--out", str(tmp_path / "x.csv"))
    assert code == 1 and "--out is the page, an .html file" in err and "--csv" in err
    code, _, err = run(capsys, "atlas", "--top-words", "50", "--color", "genre", "--out", page)
    assert code == 1 and "no column 'genre' to colour by; choose cluster, distortion" in err
    code, _, err = run(capsys, "atlas", "--top-words", "50", "--text-column", "text", "--out", page)
    assert code == 1 and "--text-column goes with --texts FILE" in err
    code, _, err = run(capsys, "atlas", "--top-words", "50", "--metadata", "m.tsv", "--out", page)
    assert code == 1 and "--metadata goes with --vectors FILE.tsv" in err
    code, _, err = run(capsys, "atlas", "--top-words", "50", "--method", "pca", "--query", "kingg", "--out", page)
    assert code == 1 and "king" in err
    assert not list(tmp_path.iterdir())  # nothing half-written


def test_colour_by_a_column_of_your_metadata(capsys, tmp_path, glove):
    from vizkit.formats import write_projector
    from vizkit.vectors import LabelledVectors

    words = [w for w in glove.words[300:500] if w.isalpha()][:120]
    points = glove.vectors(words)
    meta = {"initial": [w[0] for w in words], "length": [len(w) + i / 1000 for i, w in enumerate(words)],
            "note": [f"free text number {i}" for i in range(len(words))]}
    write_projector(LabelledVectors(points.vectors, words, meta), tmp_path)
    vectors = str(tmp_path / "vectors.tsv")
    for column in ("initial", "length"):
        code, out, err = run(capsys, "atlas", "--vectors", vectors, "--method", "pca", "--levels", "4",
                             "--color", column, "--out", str(tmp_path / f"{column}.html"))
        assert code == 0, err
        assert f'"color":"{column}"' in (tmp_path / f"{column}.html").read_text(encoding="utf-8")
    code, _, err = run(capsys, "atlas", "--vectors", vectors, "--method", "pca", "--color", "note",
                       "--out", str(tmp_path / "note.html"))
    assert code == 1 and "no column 'note' to colour by; choose cluster, distortion, initial, length" in err
    assert not (tmp_path / "note.html").exists()
