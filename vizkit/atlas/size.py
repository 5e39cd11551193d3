"""How big an atlas page will be, and the size past which it is not written as one file.

A page holds a fixed part (the renderer, the front end, the page's text) and data blocks that grow with the
points (gzip, then base-122 text: see :mod:`vizkit.atlas.page`). The blocks' cost per point was measured on
pages of 3,000 to 2,000,000 points, and again in page format 5 on a PCA map of 1,000,000 clustered 32-d vectors
(34.8 MB, of which the true neighbours take 21.8, their cosines 4.3, the coordinates 4.5 and the labels 3.6).
:func:`estimate_page_bytes` says the size before the map is made (minutes at a million points);
:func:`check_page_bytes` refuses a size past :data:`PAGE_LIMIT` and says what to do instead.

How big a page opens, measured in headless Chromium with software WebGL (SwiftShader, as a laptop without a
usable GPU gets; ``benchmarks/_browser.py``), on this 2-core machine shared with other work:

=========================================  ========  =========  =====================
page                                       size      ready in   Chromium's memory
=========================================  ========  =========  =====================
1,000,000 points (format 3, base64)        51.8 MB   5 - 11 s   1.7 GB
2,000,000 points                           90.9 MB   12 s       2.4 GB
2,000,000 points, labels of 100 letters    229.8 MB  21 s       3.0 GB
=========================================  ========  =========  =====================

Every page opened, the largest well within a minute; its memory is the bound on a 4 GB school laptop, so
:data:`PAGE_LIMIT` stays below the largest page measured.

Examples
--------
>>> mb = estimate_page_bytes(1_000_000, 10, 4, label_bytes=11_000_000, fixed_bytes=0) / 1e6
>>> round(mb)
41
>>> check_page_bytes(20_000_000)
>>> check_page_bytes(400_000_000, n_points=3_000_000)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
vizkit.errors.InputError: the atlas page would be 400 MB, ...
"""

from __future__ import annotations

import functools
import math

import numpy as np

from ..errors import InputError

__all__ = ["estimate_page_bytes", "estimate_points_page_bytes", "check_page_bytes", "page_fixed_bytes", "PAGE_LIMIT"]

#: the largest page written as one file: a page of 230 MB opened in 21 s and 3.0 GB (see the table above)
PAGE_LIMIT = 200_000_000

# gzip bytes per unit, measured on pages of 3,000 to 2,000,000 points; the page writes them as base-122 text.
COORD_BYTES = 2.0  # per point and axis: uint16, which gzip leaves whole
LEVEL_BYTES = 0.03  # per point and cluster level: only the points not in their nearest centre's cluster (about 1 %)
COSINE_BYTES = 0.52  # per neighbour: uint8 steps down a row (0.38 on clustered test data, 0.61 on GloVe)
KEPT_BYTES = 0.6  # per point and byte of kept bits, ceil(k / 8) (0.01 when the map keeps almost nothing)
TEXT_BYTES = 0.4  # per byte of a text table as JSON (labels, text columns): 0.21 to 0.4, 0.6 for random letters
#: gzip bytes of a neighbour's distance in map order and its pair bit (page format 5: byte planes, mutual pairs
#: once), as a share of (log2(n) + 1) / 7; measured on a PCA page of 1,000,000 clustered vectors (1.91 bytes)
NEIGHBOUR_BITS = 0.64
ENCODING = 8 / 7  # base-122 text: 7 bits a byte of the page (since page format 4; base64 took 4 / 3)
LEVEL_HEADER = 12_000  # a level's names, sizes and centres in the page's header (four levels to 768 clusters: 57 kB)


def estimate_page_bytes(n_points: int, k: int, n_levels: int, *, label_bytes: int | None = None, dims: int = 2,
                        metadata_bytes: int = 0, fixed_bytes: int | None = None) -> int:
    """The size in bytes of the atlas page of ``n_points`` points, before its map is made.

    Parameters
    ----------
    n_points : int
    k : int
        True neighbours kept per point (``Atlas(n_neighbors=...)``, 10 by default).
    n_levels : int
        Cluster levels (``vizkit.atlas.clusters.auto_levels(n)`` gives four at a million points).
    label_bytes : int, optional
        The labels' total length in UTF-8 bytes, ``sum(len(s.encode()) for s in labels)``. Default: 8 a label
        (an English word; a sentence is 100 or more).
    dims : {2, 3}
    metadata_bytes : int
        The metadata columns counted as text: 1 a row for a category column, 8 for a number (gzip barely
        shrinks float32), the UTF-8 of free text and 4 more a row.
    fixed_bytes : int, optional
        What every page holds whatever its points (:func:`page_fixed_bytes`, the default).

    Returns
    -------
    int
        Within 15 % of a PCA page of words, where the map tears many neighbours apart, and above one of
        clustered vectors (18 % above 1,000,000 of them, whose labels and kept bits gzip far better than words');
        a t-SNE or UMAP page, whose true neighbours lie nearer on the map, is up to a fifth smaller. Labels that
        gzip poorly (random letters) make the page up to a fifth bigger.
    """
    if n_points < 0 or k < 0 or n_levels < 0:
        raise InputError(f"n_points, k and n_levels cannot be negative; got {n_points}, {k}, {n_levels}")
    n = int(n_points)
    if label_bytes is None:
        label_bytes = 8 * n
    neighbour = NEIGHBOUR_BITS * (math.log2(max(n, 2)) + 1) / 7  # grows with the map
    gzipped = (n * dims * COORD_BYTES
               + n * n_levels * LEVEL_BYTES
               + n * k * (neighbour + COSINE_BYTES)
               + n * math.ceil(k / 8) * KEPT_BYTES
               + TEXT_BYTES * (label_bytes + 4 * n + metadata_bytes))  # JSON adds '"", ' to each label
    fixed = page_fixed_bytes(dims) if fixed_bytes is None else fixed_bytes
    return int(fixed + n_levels * LEVEL_HEADER + ENCODING * gzipped)


def estimate_points_page_bytes(points, *, n_neighbors: int = 10, levels="auto", dims: int = 2) -> int:
    """:func:`estimate_page_bytes` for the page of these points (LabelledVectors), their labels and metadata read.

    ``levels`` and ``n_neighbors`` as given to :class:`~vizkit.atlas.Atlas`. A second for a million points.

    Examples
    --------
    >>> from vizkit.formats import from_arrays
    >>> import numpy as np
    >>> points = from_arrays(np.zeros((1000, 4)))
    >>> estimate_points_page_bytes(points) - page_fixed_bytes(2) == estimate_page_bytes(
    ...     1000, 10, 2, label_bytes=sum(len(s) for s in points.labels), fixed_bytes=0)
    True
    """
    from .clusters import auto_levels

    n = len(points)
    n_levels = len(auto_levels(n) if isinstance(levels, str) else levels)
    label_bytes = sum(len(str(s).encode("utf-8")) for s in points.labels)
    meta = 0
    for values in points.meta.values():
        values = np.asarray(values, dtype=object)
        if len(set(values[:10_000].tolist())) <= 64:  # a category: a code a row
            meta += n
        elif all(isinstance(v, (int, float, np.number)) for v in values[:1000]):
            meta += 8 * n  # float32 numbers gzip leaves nearly whole
        else:
            meta += sum(len(str(v).encode("utf-8")) + 4 for v in values)
    return estimate_page_bytes(n, min(n_neighbors, max(n - 1, 0)), n_levels, label_bytes=label_bytes, dims=dims,
                               metadata_bytes=meta)


@functools.lru_cache(maxsize=None)
def page_fixed_bytes(dims: int = 2) -> int:
    """What a page holds whatever its points (the renderer, the front end, its text): the size of a page of 16.

    Written in memory from 16 seeded points, so it follows whatever the page inlines (its map's cluster names
    and neighbours go to the cache, as every atlas's do: once).
    """
    from ..formats import from_arrays
    from .atlas import Atlas
    from .page import page_html

    points = from_arrays(np.random.default_rng(0).normal(size=(16, 4)))
    atlas = Atlas(method="pca", levels=(), n_neighbors=3, n_components=dims).fit(points)
    return len(page_html(atlas).encode("utf-8"))


def check_page_bytes(nbytes: int, limit: int = PAGE_LIMIT, *, n_points: int | None = None) -> None:
    """Refuse a page of ``nbytes`` past ``limit``: a page that cannot open must not be written.

    Parameters
    ----------
    nbytes : int
        The page's size: :func:`estimate_page_bytes` before the map is made, or the page's own length.
    limit : int, default PAGE_LIMIT
    n_points : int, optional
        The points of the page: the message then says how many fit (the ``--max-points`` to give).

    Raises
    ------
    InputError
        The size, the limit, and ``--max-points`` (a seeded uniform sample of the points) as the way out.
    """
    if nbytes <= limit:
        return
    fit = ""
    if n_points:
        most = int(n_points * limit / nbytes * 0.95)  # the page shrinks a little faster than the points
        step = 10 ** max(0, len(str(most)) - 2)
        fit = f" {max(most // step * step, 2):,} of its {n_points:,} points fit:"
    raise InputError(f"the atlas page would be {nbytes / 1e6:,.0f} MB, over the {limit / 1e6:,.0f} MB written as "
                     f"one file (past that a browser needs gigabytes of memory to open it);{fit} map a sample with "
                     "--max-points N (a uniform one, drawn with --seed; vizkit.formats.sample_points in Python)")
