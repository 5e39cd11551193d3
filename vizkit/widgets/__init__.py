"""ipywidgets controls over the vizkit core, for JupyterLab.

Thin on purpose: each widget sets values and calls functions that work the
same in a script (``vizkit.explore``, ``vizkit.polysemy``). Every control is
an attribute whose ``value`` can be set from Python; the result is read from
``.figure``, which is how the widgets are tested without a browser.

Needs the ``notebooks`` extra (ipywidgets, anywidget for plotly's FigureWidget).
"""

from __future__ import annotations

import importlib

_LAZY = {"AtlasView": "vizkit.widgets.atlas",
         "EmbeddingExplorer": "vizkit.widgets.explorer", "PolysemyPlayer": "vizkit.widgets.player",
         "EmbeddingLayerView": "vizkit.widgets.embedding_layer", "ParamsCalculator": "vizkit.widgets.embedding_layer",
         "SimilarityView": "vizkit.widgets.evaluation", "SentenceSearch": "vizkit.widgets.sentences",
         "RecommenderView": "vizkit.widgets.recommend", "TokenizerView": "vizkit.widgets.tokenizers",
         "TrainingView": "vizkit.widgets.training"}
__all__ = sorted(_LAZY)


def __getattr__(name: str):
    if name in _LAZY:
        try:
            module = importlib.import_module(_LAZY[name])
        except ImportError as exc:  # pragma: no cover - depends on the install
            raise ModuleNotFoundError(f"{exc}; the widgets need: pip install 'vizkit[notebooks]'") from exc
        return getattr(module, name)
    raise AttributeError(f"module 'vizkit.widgets' has no attribute {name!r}")
