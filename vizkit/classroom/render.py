"""Notebooks to pages in one call: run each notebook and write its page, with an index for several."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import InputError
from .execute import _notebook_path, _read, execute_notebook
from .pages import notebook_title, write_index, write_page


def render_notebook(path, out_dir, *, timeout: int = 600, progress: bool = True, plotlyjs: str = "inline",
                    lang: str | None = None) -> Path:
    """Run the notebook at ``path`` headless and write it as a static page ``out_dir/<stem>.html``.

    Parameters
    ----------
    path : str or Path
        An ``.ipynb`` file. It runs in its own folder, so its relative paths work.
    out_dir : str or Path
        Folder to write into (created if needed).
    timeout : int, default 600
        Seconds one cell may run.
    progress : bool, default True
        Show a progress bar over the cells.
    plotlyjs : {"inline", "directory"}, default "inline"
        plotly.js inside the page (one file to hand out), or one ``plotly.min.js`` beside it shared by
        every page of the folder.
    lang : {"en", "zh"}, optional
        The language the notebook's kernel speaks (``VIZKIT_LANG``): its widgets, figures and pages.
        Default this process's language (``VIZKIT_LANG``, else the locale).

    Returns
    -------
    Path
        The page written.

    Raises
    ------
    VizkitError
        A cell failed or timed out; the message names the notebook and the cell.
    """
    path = _notebook_path(path)
    nb, snapshots = execute_notebook(path, timeout=timeout, progress=progress, lang=lang)
    return write_page(nb, snapshots, Path(out_dir) / f"{path.stem}.html", source=path, plotlyjs=plotlyjs)


def render_notebooks(paths, out_dir, *, timeout: int = 600, progress: bool = True, plotlyjs: str = "directory",
                     lang: str | None = None) -> list[Path]:
    """Render several notebooks (a folder means its ``*.ipynb``) and an ``index.html`` linking them.

    The pages share one ``plotly.min.js`` in ``out_dir`` (``plotlyjs="inline"``: each page carries its own);
    the index and every notebook's widgets and figures are in ``lang`` (each kernel gets ``VIZKIT_LANG``).
    Returns the pages written, one per notebook in order, then the index.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    notebooks = []
    for p in map(Path, paths):
        if p.is_dir():
            found = sorted(q for q in p.glob("*.ipynb") if not q.name.startswith("."))
            if not found:
                raise InputError(f"no notebooks (*.ipynb) in the folder {p}")
            notebooks.extend(found)
        else:
            notebooks.append(_notebook_path(p))
    if not notebooks:
        raise InputError("no notebooks given")
    seen = {}
    for nb in notebooks:
        if nb.stem in seen and seen[nb.stem].resolve() != nb.resolve():
            raise InputError(f"two notebooks would both be written as {nb.stem}.html: {seen[nb.stem]} and {nb}; "
                             "render them into different folders")
        seen[nb.stem] = nb
    notebooks = list(dict.fromkeys(seen.values()))
    pages = [render_notebook(nb, out_dir, timeout=timeout, progress=progress, plotlyjs=plotlyjs, lang=lang)
             for nb in notebooks]
    titles = [notebook_title(_read(nb), default=nb.stem) for nb in notebooks]
    return pages + [write_index(pages, titles, Path(out_dir) / "index.html", lang=lang)]
