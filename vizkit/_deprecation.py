"""Old call forms kept for one release: each warns with a ``FutureWarning`` and still does what it did.

An estimator's ``__init__`` takes its parameters by keyword and nothing else (scikit-learn reads them from its
signature). A call written for the old constructor (data given to it, projector parameters as loose keywords)
is turned into the new one before ``__init__`` sees it, by the class's ``_old_call`` and the metaclass below.
"""

from __future__ import annotations

import inspect
import warnings

#: removed in the release after this one
WHEN = "to be removed in the next release"


def deprecated(message: str, stacklevel: int = 3) -> None:
    """Warn that an old call form is used (``stacklevel`` 3: the caller of the function that warns)."""
    warnings.warn(f"{message} ({WHEN})", FutureWarning, stacklevel=stacklevel)


def loose_params(cls, kwargs: dict, stacklevel: int = 5) -> dict:
    """Move keywords that are not parameters of ``cls`` into its ``params`` dict, with a warning."""
    names = set(cls._get_param_names())
    loose = {k: kwargs.pop(k) for k in list(kwargs) if k not in names}
    if loose:
        shown = ", ".join(f"{k}=..." for k in loose)
        deprecated(f"{cls.__name__}({shown}) is deprecated: give projector parameters as "
                   f"{cls.__name__}(params={{{', '.join(repr(k) + ': ...' for k in loose)}}})", stacklevel)
        kwargs["params"] = {**(kwargs.get("params") or {}), **loose}
    return kwargs


class OldCallForms(type):
    """Metaclass: ``cls._old_call(args, kwargs) -> (args, kwargs, state)`` rewrites a deprecated call.

    ``state`` (a dict) is set on the new instance after ``__init__``, e.g. the data an old call gave the
    constructor. :func:`inspect.signature` and :func:`help` show ``__init__``'s own signature.
    """

    def __call__(cls, *args, **kwargs):
        args, kwargs, state = cls._old_call(args, kwargs)
        obj = super().__call__(*args, **kwargs)
        vars(obj).update(state)
        return obj

    @property
    def __signature__(cls):
        sig = inspect.signature(cls.__init__)
        return sig.replace(parameters=list(sig.parameters.values())[1:])
