"""A tiny decoder-only transformer (a GPT) over whole words: its vocabulary, its network, and what it does at inference.

Seed 000 (ch. 2.1) and seed 002 say that an LLM's token table and position table start random and are trained with
the rest of the model, then stay fixed when the model is used. :func:`~vizkit.training.gpt.train_gpt` trains this
network on the bundled corpus and records both tables as they learn; this module is the model itself:

- :class:`WordVocabulary`: the most frequent words of the corpus plus ``<unk>`` (every other word) and ``<eos>``
  (the end of a sentence), one id each. Whole words, not sub-word pieces: the rows of the token table are then
  the words the course talks about.
- :class:`TinyGPTNet`: token table + position table, ``n_layers`` pre-norm transformer blocks with causal
  self-attention (``torch.nn.TransformerEncoderLayer``), a final layer norm, and the output layer *tied* to the
  token table, as in GPT-2: one matrix both reads the input words and scores the next one.
- :class:`GPTModel`: the trained network with its vocabulary: :meth:`~GPTModel.next_words`,
  :meth:`~GPTModel.hidden_states` (the embedding layer's output, then each block's),
  :meth:`~GPTModel.token_rows`, and the tables as numpy arrays. Inference never changes the tables.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np

from ..errors import InputError
from .run import table_neighbours

__all__ = ["UNK", "EOS", "WordVocabulary", "TinyGPTNet", "GPTModel"]

UNK, EOS = "<unk>", "<eos>"


@dataclass
class WordVocabulary:
    """``words[i]`` is token ``i``: ``<unk>``, ``<eos>``, then the corpus' words by falling frequency (ties by
    spelling, so one corpus gives one vocabulary)."""

    words: list[str]
    index: dict = field(init=False, repr=False)

    def __post_init__(self):
        self.index = {w: i for i, w in enumerate(self.words)}

    @classmethod
    def from_sentences(cls, sentences, size: int) -> "WordVocabulary":
        """The ``size - 2`` most frequent words of ``sentences`` plus ``<unk>`` and ``<eos>``."""
        if size < 3:
            raise InputError(f"vocab_size must be at least 3 (<unk>, <eos> and a word); got {size}")
        freq = Counter(w for s in sentences for w in s)
        ranked = sorted(freq.items(), key=lambda wc: (-wc[1], wc[0]))
        return cls([UNK, EOS] + [w for w, _ in ranked[:size - 2] if w not in (UNK, EOS)])

    def __len__(self) -> int:
        return len(self.words)

    def encode(self, tokens) -> np.ndarray:
        """Token ids of a list of words (``<unk>`` for words outside the vocabulary)."""
        return np.array([self.index.get(w, 0) for w in tokens], dtype=np.int64)

    def stream(self, sentences) -> np.ndarray:
        """All sentences as one id stream, each followed by ``<eos>``: the text the model reads."""
        eos = np.array([1], dtype=np.int64)
        parts = [a for s in sentences for a in (self.encode(s), eos)]
        return np.concatenate(parts) if parts else np.zeros(0, np.int64)


def _net_class():
    """:class:`TinyGPTNet` (a ``torch.nn.Module``), made on first use so that importing vizkit needs no torch."""
    import torch

    class TinyGPTNet(torch.nn.Module):
        """Token table (``tok``), position table (``pos``), causal pre-norm blocks, final norm, tied output."""

        def __init__(self, vocab_size: int, d_model: int, n_layers: int, n_heads: int, context: int):
            super().__init__()
            self.context = context
            self.tok = torch.nn.Embedding(vocab_size, d_model)
            self.pos = torch.nn.Embedding(context, d_model)
            torch.nn.init.normal_(self.tok.weight, std=0.02)  # GPT-2's start: small random numbers
            torch.nn.init.normal_(self.pos.weight, std=0.02)
            self.blocks = torch.nn.ModuleList(
                torch.nn.TransformerEncoderLayer(d_model, n_heads, 4 * d_model, dropout=0.0, activation="gelu",
                                                 batch_first=True, norm_first=True) for _ in range(n_layers))
            self.norm = torch.nn.LayerNorm(d_model)
            self.register_buffer("mask", torch.nn.Transformer.generate_square_subsequent_mask(context),
                                 persistent=False)

        def layers(self, ids):
            """The embedding layer's output (token row + position row), then each block's output."""
            n = ids.shape[1]
            if n > self.context:
                raise InputError(f"{n} tokens: this model reads at most {self.context} at once")
            x = self.tok(ids) + self.pos.weight[:n]
            out = [x]
            for block in self.blocks:
                x = block(x, src_mask=self.mask[:n, :n], is_causal=True)
                out.append(x)
            return out

        def forward(self, ids):
            """Next-token scores (logits) at every place: the output layer is the token table itself."""
            return self.norm(self.layers(ids)[-1]) @ self.tok.weight.T

    TinyGPTNet.__module__ = __name__
    return TinyGPTNet


def __getattr__(name: str):
    if name == "TinyGPTNet":
        cls = _net_class()
        globals()["TinyGPTNet"] = cls
        return cls
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def make_net(vocab_size: int, d_model: int, n_layers: int, n_heads: int, context: int):
    """A fresh :class:`TinyGPTNet` (its random start drawn from torch's current generator)."""
    return __getattr__("TinyGPTNet")(vocab_size, d_model, n_layers, n_heads, context)


@dataclass
class GPTModel:
    """A trained tiny GPT: its vocabulary, network and training parameters; at inference its tables stay as
    they are (every method runs under ``torch.inference_mode``).

    ``token_tables`` and ``position_tables`` hold the two tables at every snapshot of the training
    (``steps[k]``, the first the random start), ``val_losses`` the held-out loss there and ``train_losses``
    the loss of every step (nats per word).
    """

    vocab: WordVocabulary
    net: object
    params: dict
    steps: list[int]
    token_tables: np.ndarray  # (snapshots, vocab, d)
    position_tables: np.ndarray  # (snapshots, context, d)
    val_losses: list[float]
    train_losses: list[float]
    seconds: list[float]

    @property
    def words(self) -> list[str]:
        return self.vocab.words

    def token_table(self) -> np.ndarray:
        """The token-embedding matrix now, (vocab, d): row ``i`` is word ``vocab.words[i]``."""
        return self.net.tok.weight.detach().numpy().copy()

    def position_table(self) -> np.ndarray:
        """The position-embedding matrix now, (context, d): row ``p`` is added at place ``p``."""
        return self.net.pos.weight.detach().numpy().copy()

    def tokens(self, text) -> list[str]:
        """The words the model reads for ``text`` (a string, tokenised like the corpus, or a list of words),
        words outside the vocabulary shown as ``<unk>``."""
        from ..datasets.corpus import tokenize

        words = tokenize(text) if isinstance(text, str) else [str(w).lower() for w in text]
        if not words:
            raise InputError("no words to read: give a sentence")
        return [w if w in self.vocab.index else UNK for w in words]

    def _ids(self, text):
        import torch

        ids = self.vocab.encode(self.tokens(text))
        if len(ids) > self.params["context"]:
            raise InputError(f"{len(ids)} words: this model reads at most {self.params['context']} at once")
        return torch.from_numpy(ids)[None]

    def token_rows(self, text) -> np.ndarray:
        """The token table's row of each word of ``text``: what the embedding layer looks up, the same row for
        the same word in any sentence."""
        return self.token_table()[self.vocab.encode(self.tokens(text))]

    def hidden_states(self, text) -> list[np.ndarray]:
        """Each word's vector after the embedding layer (token row + position row) and after every block:
        ``n_layers + 1`` arrays of shape (words, d), like ``output_hidden_states`` in transformers."""
        import torch

        self.net.eval()
        with torch.inference_mode():
            return [h[0].numpy().copy() for h in self.net.layers(self._ids(text))]

    def next_words(self, text, topn: int = 5) -> list[tuple[str, float]]:
        """The ``topn`` most likely next words after ``text`` with their probabilities."""
        import torch

        self.net.eval()
        with torch.inference_mode():
            p = torch.softmax(self.net(self._ids(text))[0, -1], dim=-1).numpy()
        top = np.argsort(-p, kind="stable")[:topn]
        return [(self.vocab.words[j], float(p[j])) for j in top]

    def neighbours(self, word: str, topn: int = 5, *, snapshot: int = -1) -> list[tuple[str, float]]:
        """The ``topn`` words whose token rows are closest (cosine) to ``word``'s at a snapshot (default the
        last), ``<unk>`` and ``<eos>`` left out."""
        if word not in self.vocab.index:
            raise InputError(f"{word!r} is not in this model's {len(self.vocab):,}-word vocabulary")
        return table_neighbours(self.token_tables[snapshot], self.vocab.words, self.vocab.index[word], topn,
                                skip=(0, 1))

    def source(self, name: str = "tiny GPT token table"):
        """The final token table (without ``<unk>`` and ``<eos>``) as a :class:`~vizkit.sources.TableSource`."""
        from ..sources import TableSource

        return TableSource(self.vocab.words[2:], self.token_table()[2:].astype(np.float32), name=name)

