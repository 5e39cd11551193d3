"""Exceptions and warnings raised by vizkit.

Every error names the bad input and, where there is one, the fix.
"""

from __future__ import annotations


class VizkitError(Exception):
    """Base class of vizkit's own errors."""


class VizkitWarning(UserWarning):
    """Base class of vizkit's own warnings."""


class UnknownWordError(VizkitError, KeyError):
    """A word is not in a source's vocabulary.

    Attributes
    ----------
    word : str
        The word that was asked for.
    suggestions : list of str
        Close known words, best first (may be empty).
    source : str
        Name of the source that was asked.
    hint : str
        Why the word may be missing, or what to do (may be empty).
    """

    def __init__(self, word: str, suggestions=(), source: str = "", hint: str = ""):
        self.word = word
        self.suggestions = list(suggestions)
        self.source = source
        self.hint = hint
        super().__init__(word)

    def __str__(self) -> str:  # KeyError would repr() the message
        where = f" in {self.source}" if self.source else ""
        msg = f"unknown word {self.word!r}{where}"
        if self.hint:
            msg += f" ({self.hint})"
        if self.suggestions:
            msg += "; closest known words: " + ", ".join(self.suggestions)
        return msg


class UnknownWordWarning(VizkitWarning):
    """Some words of a list were unknown and left out."""


class ParameterAdjustedWarning(VizkitWarning):
    """A parameter could not work for the data and was changed."""


class MissingDependencyError(VizkitError, ModuleNotFoundError):
    """An optional dependency is not installed; the message names the extra."""


class OfflineError(VizkitError, ConnectionError):
    """A resource needs the network and the network is not reachable."""


class InputError(VizkitError, ValueError):
    """Input data is malformed (empty, NaN, wrong shape...)."""


def require(module: str, extra: str):
    """Import ``module`` or raise :class:`MissingDependencyError` naming the extra."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError as exc:  # pragma: no cover - exercised only without the extra
        raise MissingDependencyError(
            f"{module} is needed for this; install it with: pip install 'vizkit[{extra}]'"
        ) from exc
