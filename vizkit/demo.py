"""The main job of ``make demo``: write the demo pages and return their paths."""

from __future__ import annotations

import warnings
from pathlib import Path

from .wordlists import DEFAULT_GROUPS, group_vectors


def word_maps(groups=DEFAULT_GROUPS, *, sources=("glove", "word2vec", "llm"), method: str = "pca", seed: int = 0):
    """The seed chapter's birds / countries / cities figure under several sources (a plotly Figure)."""
    from .plot import scatter_grid
    from .projection import get_projector
    from .sources import get_source

    panels = []
    for name in sources:
        src = get_source(name)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # a word missing from one source still leaves a map
            points = group_vectors(src, groups)
        params = {"normalize": True} if method == "pca" else {}
        coords = get_projector(method, random_state=seed, **params).fit_transform(points)
        panels.append((f"{src.name} ({src.dim}-d, {method.upper()})", points, coords))
    return scatter_grid(panels, color="group",
                        title="Similar words cluster together: " + ", ".join(groups))


def run(out: str | Path = "out") -> list[Path]:
    """Write the demo outputs into ``out`` and return their paths."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    fig = word_maps()
    page = out / "word_maps.html"
    fig.write_html(page, include_plotlyjs=True, full_html=True)
    return [page.resolve()]
