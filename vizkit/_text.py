"""The user's text files read as UTF-8, or one clear error naming the file, the line and the byte."""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from .errors import InputError


def _looks_like(raw: bytes) -> str:
    """A guess of the encoding a non-UTF-8 file was saved in, as advice."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or raw[:200].count(b"\x00") > 10:
        return " (it looks like UTF-16)"
    if _looks_gbk(raw):
        return " (it looks like Chinese in GBK/GB18030: convert it with iconv -f GB18030 -t UTF-8)"
    try:
        raw.decode("cp1252")
    except UnicodeDecodeError:
        return ""
    return " (it looks like Latin-1/cp1252)"


def _looks_gbk(raw: bytes) -> bool:
    """Chinese saved by older Windows tools (GBK / GB18030): two high bytes a character, never one alone.

    Latin-1 text has lone high bytes between ASCII letters (z\xfcrich); those
    would decode as GBK too, so decoding alone does not tell.
    """
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        return False
    lone = sum(1 for i, b in enumerate(raw) if b >= 0x80 and (i == 0 or raw[i - 1] < 0x80)
               and (i + 1 == len(raw) or raw[i + 1] < 0x80))
    return lone == 0 and sum("\u4e00" <= ch <= "\u9fff" for ch in text) >= 2


def read_text(path, *, what: str) -> str:
    """The text of a user's file, decoded as UTF-8 (a byte-order mark is dropped).

    Parameters
    ----------
    path : str or Path
    what : str
        What the file is to the user, for the messages: ``"sentence file"``.

    Returns
    -------
    str

    Raises
    ------
    InputError
        The file is missing or unreadable, or not UTF-8: the message names the
        file, the line and the byte, and says to save the file as UTF-8.

    Examples
    --------
    >>> import tempfile
    >>> p = Path(tempfile.mkdtemp()) / "words.txt"
    >>> _ = p.write_bytes("caf\\u00e9\\n".encode("cp1252"))
    >>> read_text(p, what="words file")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    vizkit.errors.InputError: words file .../words.txt, line 1: byte 0xe9 is not UTF-8; save the file as UTF-8 ...
    """
    path = Path(path)
    if not path.is_file():
        raise InputError(f"no such {what}: {path}")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {what} {path}: {exc.strerror or exc}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise InputError(f"{what} {path}, line {line}: byte 0x{raw[exc.start]:02x} is not UTF-8; "
                         f"save the file as UTF-8{_looks_like(raw)}") from None


def read_lines(path, *, what: str) -> list[str]:
    """The lines of a user's UTF-8 text file (with or without a byte-order mark), without line ends.

    Parameters
    ----------
    path : str or Path
    what : str
        What the file is to the user, for the messages: ``"sentence file"``.

    Returns
    -------
    list of str

    Raises
    ------
    InputError
        As :func:`read_text`: missing, unreadable or not UTF-8 (file, line and byte named).
    """
    return read_text(path, what=what).splitlines()


def word_pattern(word: str) -> re.Pattern:
    """Case-insensitive whole-word match of ``word`` (the one rule of LLM.contextual and the corpus scan); no word boundary next to CJK characters (no spaces there)."""
    def spaced(ch: str) -> bool:
        return not ("\u3040" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af" or "\uf900" <= ch <= "\ufaff")

    left = r"(?<!\w)" if spaced(word[0]) else ""
    right = r"(?!\w)" if spaced(word[-1]) else ""
    return re.compile(left + re.escape(word) + right, re.IGNORECASE)
