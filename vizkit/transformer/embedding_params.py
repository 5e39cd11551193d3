"""How many weights a model spends on its embedding layer, from its configuration.

The token embedding is a ``vocab_size x hidden_size`` matrix; a model with
learned absolute positions (GPT-2, GPT-3, BERT) adds a ``context_length x
hidden_size`` matrix; BERT also has a small token-type (segment) matrix.
Rotary models (Llama, Qwen, Mistral) encode positions without weights.

Examples
--------
>>> c = embedding_params(PRESETS["gpt3"])
>>> c.token, c.position
(617558016, 25165824)
>>> embedding_params(PRESETS["qwen2.5-1.5b"]).token
233373696
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from .._text import read_text
from ..errors import InputError

#: configurations of well-known models (the fields their ``config.json`` uses)
PRESETS: dict[str, dict] = {
    "gpt2": {"model_type": "gpt2", "vocab_size": 50257, "n_embd": 768, "n_positions": 1024},
    # GPT-3 175B (Brown et al. 2020, table 2.1); the seed chapter's numbers
    "gpt3": {"model_type": "gpt3", "vocab_size": 50257, "n_embd": 12288, "n_positions": 2048},
    "bert-base-uncased": {"model_type": "bert", "vocab_size": 30522, "hidden_size": 768,
                          "max_position_embeddings": 512, "type_vocab_size": 2},
    "all-minilm-l6-v2": {"model_type": "bert", "vocab_size": 30522, "hidden_size": 384,
                         "max_position_embeddings": 512, "type_vocab_size": 2},
    # Qwen2.5-1.5B config.json (the seed's example)
    "qwen2.5-1.5b": {"model_type": "qwen2", "vocab_size": 151936, "hidden_size": 1536,
                     "max_position_embeddings": 131072, "tie_word_embeddings": True},
    "llama-3-8b": {"model_type": "llama", "vocab_size": 128256, "hidden_size": 4096,
                   "max_position_embeddings": 8192, "tie_word_embeddings": False},
    "smollm2-135m": {"model_type": "llama", "vocab_size": 49152, "hidden_size": 576,
                     "max_position_embeddings": 8192, "tie_word_embeddings": True},
}
#: model types whose positions are learned absolute embeddings (a weight matrix)
LEARNED_POSITIONS = {"gpt2", "gpt3", "gpt_neo", "gptj", "bert", "roberta", "distilbert", "electra", "opt",
                     "xlm-roberta", "albert"}
_ROTARY = {"llama", "qwen2", "qwen3", "mistral", "mixtral", "gemma", "gemma2", "phi3", "gpt_neox"}


@dataclass(frozen=True)
class EmbeddingParams:
    """Weights of the embedding layer of one model configuration."""

    vocab_size: int
    hidden_size: int
    context_length: int
    position_kind: str  # "learned" or "rotary"
    token: int
    position: int
    token_type: int
    tied_output: bool | None

    @property
    def total(self) -> int:
        return self.token + self.position + self.token_type

    def rows(self) -> list[tuple[str, str, int]]:
        """``(part, shape, weights)`` rows for a table."""
        rows = [("token embedding", f"{self.vocab_size} x {self.hidden_size}", self.token)]
        if self.position_kind == "learned":
            rows.append(("position embedding", f"{self.context_length} x {self.hidden_size}", self.position))
        else:
            rows.append(("position embedding", "rotary (RoPE): no weights", 0))
        if self.token_type:
            rows.append(("token-type embedding", f"{self.token_type // self.hidden_size} x {self.hidden_size}",
                         self.token_type))
        rows.append(("total embedding", "", self.total))
        return rows


def _first(config: dict, *names):
    for n in names:
        if config.get(n) is not None:
            return int(config[n])
    raise InputError(f"the configuration has none of {', '.join(names)}")


def embedding_params(config: dict) -> EmbeddingParams:
    """Count the embedding weights of a model from its ``config.json`` dictionary."""
    vocab = _first(config, "vocab_size", "n_vocab")
    hidden = _first(config, "hidden_size", "n_embd", "d_model")
    context = _first(config, "max_position_embeddings", "n_positions", "n_ctx", "seq_length")
    kind = str(config.get("model_type", "")).lower()
    learned = kind in LEARNED_POSITIONS or (kind not in _ROTARY and "rope_theta" not in config
                                            and "rope_scaling" not in config)
    types = int(config.get("type_vocab_size") or 0) if kind in LEARNED_POSITIONS else 0
    tied = config.get("tie_word_embeddings")
    return EmbeddingParams(vocab, hidden, context, "learned" if learned else "rotary", vocab * hidden,
                           context * hidden if learned else 0, types * hidden,
                           None if tied is None else bool(tied))


def load_config(spec: str | Path) -> dict:
    """A preset name, a ``config.json`` path or a model folder holding one."""
    key = str(spec).lower()
    if key in PRESETS:
        return dict(PRESETS[key])
    path = Path(spec)
    if path.is_dir():
        path = path / "config.json"
    if not path.is_file():
        raise InputError(f"no preset or config file {str(spec)!r}; presets: {', '.join(PRESETS)}")
    try:
        return json.loads(read_text(path, what="config file"))
    except json.JSONDecodeError as exc:
        raise InputError(f"{path} is not valid JSON: {exc}") from exc


#: the words of :meth:`EmbeddingParams.rows` (the parts, and the shape of a rotary position) to their message
ROW_MESSAGES = {"token embedding": "widgets.params.row.token", "position embedding": "widgets.params.row.position",
                "token-type embedding": "widgets.params.row.token_type", "total embedding": "widgets.params.row.total",
                "rotary (RoPE): no weights": "widgets.params.row.rotary"}


def row_text(text: str, lang: str | None = None) -> str:
    """A word of :meth:`EmbeddingParams.rows` in ``lang`` (a shape such as ``50257 x 12288`` stays as it is)."""
    from ..render.language import t

    return t(ROW_MESSAGES[text], lang) if text in ROW_MESSAGES else text
