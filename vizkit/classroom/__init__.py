"""Notebooks rendered to static classroom pages: run headless, widgets frozen in their final state.

Each notebook is executed top to bottom in a fresh ``python3`` kernel (working
directory: the notebook's folder) and written as one HTML page that opens in a
browser with no kernel and no network. Nothing on the page is fetched: no
require.js, no MathJax (TeX stays as text), no widget loader from a CDN;
plotly.js is inlined once in the head when the page has a figure.

What replaces what:

- a vizkit widget -> its snapshot (``vizkit.widgets._snapshot``): the current
  figure, still interactive, and the current values;
- a plain ipywidgets control -> its text fallback, or nothing when that is only
  a repr such as ``IntSlider(value=3)``; a tqdm bar -> its final state;
- a plotly figure (``plotly_mimetype`` or ``notebook`` renderer) -> the figure
  drawn with the page's plotly.js.

The widget state travels with the page as an inert
``<script type="application/vnd.jupyter.widget-state+json">`` block.

Needs the ``notebooks`` extra (nbclient, nbconvert, ipykernel, ipywidgets).

Modules: ``execute`` runs a notebook, ``outputs`` makes its outputs static,
``pages`` writes the pages and the index, ``render`` does all three per
notebook or folder; ``demo`` writes the ``make demo`` pages.

Examples
--------
>>> from vizkit.classroom import render_notebooks
>>> pages = render_notebooks(["notebooks"], "classroom")  # doctest: +SKIP
>>> [p.name for p in pages]  # doctest: +SKIP
['01_word_embeddings.html', '02_static_vs_contextual.html', 'index.html']
"""

from .execute import execute_notebook
from .pages import external_refs, notebook_title, write_index, write_page
from .render import render_notebook, render_notebooks

__all__ = ["execute_notebook", "render_notebook", "render_notebooks", "write_page", "write_index", "notebook_title",
           "external_refs"]
