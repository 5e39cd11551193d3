"""A token with its offsets, a tokenizer that keeps them, and offsets for byte-level tokens."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable, Sequence

from ..errors import InputError


@dataclass(frozen=True)
class Token:
    """One token of a text.

    Attributes
    ----------
    id : int
        Its id in the vocabulary (what the model sees).
    piece : str
        The vocabulary entry, readable: ``"##ization"`` (WordPiece), ``"▁English"``
        (SentencePiece), ``" and"`` (byte-level BPE), ``"[CLS]"``.
    text : str
        The input text it covers, ``input[start:end]``; for an added special
        token its piece; for a partial token the whole characters it holds plus
        ``<0xNN>`` for the bytes of a cut character.
    start, end : int
        Character offsets into the input (``start == end`` for added special tokens).
    special : bool
        Added by the tokenizer (``[CLS]``, ``<s>``), not part of the input.
    unknown : bool
        The tokenizer's unknown token (``[UNK]``): the input here is lost.
    partial : bool
        Holds only some bytes of a character (byte-level BPE, byte fallback).
    """

    id: int
    piece: str
    text: str
    start: int
    end: int
    special: bool = False
    unknown: bool = False
    partial: bool = False


@dataclass
class Tokenizer:
    """A named tokenizer with its vocabulary size, special tokens and a ``tokenize`` that keeps offsets.

    Build one with :func:`get_tokenizer`. ``encode`` and ``decode`` are the
    library's own (what a model is given: special tokens added), ``tokenize``
    returns the same ids as :class:`Token` objects.
    """

    name: str
    label: str
    algorithm: str
    vocab_size: int
    special_tokens: dict[str, int]
    source: str
    lowercase: bool
    _tokenize: Callable[[str], list[Token]] = field(repr=False)
    _decode: Callable[[Sequence[int]], str] = field(repr=False)
    _piece: Callable[[int], str] = field(repr=False)

    def tokenize(self, text: str) -> list[Token]:
        """The tokens of ``text``, special tokens added as the model gets them."""
        if not isinstance(text, str):
            raise InputError(f"tokenize needs a str, got {type(text).__name__}")
        return self._tokenize(text)

    def encode(self, text: str) -> list[int]:
        """Token ids of ``text`` (special tokens included)."""
        return [t.id for t in self.tokenize(text)]

    def decode(self, ids: Sequence[int]) -> str:
        """Text of token ids (one id gives one token's text; partial bytes show as U+FFFD)."""
        ids = [int(i) for i in ids]
        bad = [i for i in ids if not 0 <= i < self.vocab_size]
        if bad:
            raise InputError(f"token id {bad[0]} is outside the vocabulary of {self.name} (0..{self.vocab_size - 1})")
        return self._decode(ids)

    def piece(self, token_id: int) -> str:
        """The vocabulary entry of one id."""
        return self._piece(int(token_id))


# ----------------------------------------------------------------- offsets of byte-level tokens


def _hex(b: bytes) -> str:
    return "".join(f"<0x{x:02X}>" for x in b)


def _byte_tokens(text: str, items: Sequence[tuple[int, bytes, str]], shift: int = 0) -> list[Token]:
    """Tokens from ``(id, bytes, piece)`` whose bytes, concatenated, are the UTF-8 input (from byte ``shift``).

    ``shift=-1`` when the tokenizer put one extra byte before the input (SentencePiece's dummy space).
    """
    data = text.encode("utf-8")
    char_of, starts = [], []
    for ci, ch in enumerate(text):
        starts.append(len(char_of))
        char_of.extend([ci] * len(ch.encode("utf-8")))
    starts.append(len(data))
    out, pos = [], shift
    for tid, raw, piece in items:
        a, b = max(pos, 0), max(pos + len(raw), 0)
        pos += len(raw)
        if a == b:
            out.append(Token(tid, piece, "", len(text) if a >= len(data) else char_of[a],
                             len(text) if a >= len(data) else char_of[a]))
            continue
        start, end = char_of[a], char_of[b - 1] + 1
        full = [ci for ci in range(start, end) if starts[ci] >= a and starts[ci + 1] <= b]
        if full:
            lead, trail = data[a:starts[full[0]]], data[starts[full[-1] + 1]:b]
            shown = _hex(lead) + text[full[0]:full[-1] + 1] + _hex(trail)
        else:
            lead, shown = data[a:b], _hex(data[a:b])
        partial = bool(not full or lead or trail)
        if partial and piece == raw.decode("utf-8", "replace"):
            piece = shown
        out.append(Token(tid, piece, shown, start, end, partial=partial))
    return out
