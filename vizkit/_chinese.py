"""Chinese text: telling it apart, segmenting it into words (jieba), and Traditional -> Simplified advice (OpenCC).

Chinese is written without spaces, so a word is found by its characters (苹果 in
苹果手机 and in 红苹果) and a corpus is cut into words by a segmenter before
Word2Vec can read it. One rule everywhere: :func:`segment` (jieba's default
dictionary and HMM, which is deterministic) lower-cases Latin words and drops
punctuation and spaces, as :func:`vizkit.datasets.corpus.tokenize` does for English.

Traditional characters (貓, 蘋果) are not folded into Simplified ones: the models
may know both, and folding would change what the user typed. Where a
Traditional word is unknown, :func:`simplified` gives the Simplified form to
suggest.
"""

from __future__ import annotations

import functools
import logging
import re

from .errors import require

__all__ = ["has_cjk", "is_cjk_char", "segment", "simplified", "ZH_STOP_WORDS"]

#: frequent function words left out of keywords (pronouns, demonstratives, auxiliaries, conjunctions)
ZH_STOP_WORDS = frozenset("""
我们 你们 他们 她们 它们 自己 这个 那个 这些 那些 这样 那样 这里 那里 什么 怎么 为什么 一个 一些 一种 一样
没有 不是 就是 还是 可以 已经 因为 所以 但是 而且 或者 如果 虽然 然后 以及 以后 之后 之前 时候 现在 今天 昨天
非常 特别 比较 一直 一下 一起 还有 并且 其中 通过 对于 关于 进行 表示 认为 知道 觉得 需要 应该 可能 能够
""".split())

_CJK = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002fa1f]")
_RUNS = re.compile(f"{_CJK.pattern}+|[^{_CJK.pattern[1:-1]}]+")
_WORD = re.compile(r"[^\W\d_]+(?:['\-][^\W\d_]+)*|\d+(?:[.,]\d+)*", re.UNICODE)


def is_cjk_char(ch: str) -> bool:
    """Whether one character is a Chinese (CJK unified) ideograph."""
    return bool(_CJK.fullmatch(ch))


def has_cjk(text) -> bool:
    """Whether ``text`` (a string, or strings) holds at least one Chinese character."""
    if isinstance(text, str):
        return _CJK.search(text) is not None
    return any(_CJK.search(str(t)) is not None for t in text)


@functools.lru_cache(maxsize=1)
def _jieba():
    jieba = require("jieba", "zh")
    jieba.setLogLevel(logging.WARNING)  # "Building prefix dict ..." on stderr at first use
    tk = jieba.Tokenizer()
    tk.initialize()
    return tk


def jieba_version() -> str:
    """The installed jieba's version (part of the cache key of a segmented corpus)."""
    return getattr(require("jieba", "zh"), "__version__", "unknown")


def segment(text: str) -> list[str]:
    """The words of a text: Chinese cut by jieba, Latin words lower-cased, numbers kept, punctuation dropped.

    Examples
    --------
    >>> segment("我使用的是苹果手机。")
    ['我', '使用', '的', '是', '苹果', '手机']
    >>> segment("Hi, 你好~ iPhone 15")
    ['hi', '你好', 'iphone', '15']
    >>> segment("Café & 北京")
    ['café', '北京']
    """
    out = []
    for run in _RUNS.findall(text):  # Chinese runs to jieba; the rest by the English rule (jieba cuts café)
        if _CJK.match(run):
            out.extend(w for w in (p.strip() for p in _jieba().cut(run)) if w and _WORD.fullmatch(w))
        else:
            out.extend(_WORD.findall(run.lower()))
    return out


@functools.lru_cache(maxsize=1)
def _t2s():
    try:
        import opencc
    except ImportError:
        return None
    return opencc.OpenCC("t2s")


def simplified(word: str) -> str | None:
    """The Simplified form of a word written in Traditional characters (貓 -> 猫), or ``None`` if it is the same.

    ``None`` as well when OpenCC is not installed (``pip install 'vizkit[zh]'``).
    """
    conv = _t2s()
    if conv is None:
        return None
    out = conv.convert(word)
    return out if out != word else None
