"""How big an atlas page will be, and the size past which a browser cannot open it as one file.

A page holds a fixed part (the renderer, the front end, the page's text) and data blocks that grow with the
points (gzip, then base64: see :mod:`vizkit.atlas.page`). The blocks' cost per point was measured on pages of
3,000 to 1,000,000 points (docs/scale.md: the 1,000,000-point page is 50.6 MB, of which the true neighbours
take 25.8, their cosines 5.4, the coordinates 5.3, the labels 4.2 and four cluster levels 4.8).
:func:`estimate_page_bytes` says the size before a map is made (minutes at a million points);
:func:`check_page_bytes` refuses a size past :data:`PAGE_LIMIT` and says what to do instead.

Examples
--------
>>> mb = estimate_page_bytes(1_000_000, 10, 4, label_bytes=11_000_000, fixed_bytes=0) / 1e6
>>> round(mb)
58
>>> check_page_bytes(20_000_000)
>>> check_page_bytes(400_000_000, n_points=3_000_000)  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
vizkit.errors.InputError: the atlas page would be 400 MB, ...
"""

from __future__ import annotations

import functools
import math

from ..errors import InputError

__all__ = ["estimate_page_bytes", "check_page_bytes", "page_fixed_bytes", "PAGE_LIMIT"]

#: the largest page written as one file. Measured in headless Chromium with software WebGL (SwiftShader, as a
#: laptop without a usable GPU gets), with benchmarks/_browser.py: see docs/scale.md, "How big a page opens".
PAGE_LIMIT = 150_000_000

# Bytes in the page per unit (after gzip and base64), measured on format-3 pages of 3,000 to 1,000,000 points.
COORD_BYTES = 2.7  # per point and axis: uint16 per axis; gzip gains nothing, base64 adds a third
LEVEL_BYTES = 1.2  # per point and cluster level: uint8 codes, 0.62 to 1.25 (uint16 past 256 clusters: 2)
COSINE_BYTES = 0.7  # per neighbour: uint8 steps down a row (0.50 on clustered test data, 0.8 on GloVe)
KEPT_BYTES = 0.8  # per point and byte of kept bits, ceil(k / 8) (0.01 when the map keeps almost nothing)
TEXT_BYTES = 0.5  # per byte of a text table (labels, text columns) as JSON: gzip leaves 0.2 to 0.45
NEIGHBOUR_BITS = 0.85  # the varint bytes of a neighbour, as a share of (log2(n) + 1) / 7: its distance in map order
GZIP_VARINTS = 0.93  # gzip's share of the varints
BASE64 = 4 / 3
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
        The metadata columns' raw size: 1 a row for a category column, 4 for a number, the UTF-8 of free text.
    fixed_bytes : int, optional
        What every page holds whatever its points (:func:`page_fixed_bytes`, the default).

    Returns
    -------
    int
        Within 15 % of a PCA page, where the map tears many neighbours apart (4 % above one of 4,000 GloVe
        words, 12 % above one of 1,000,000 clustered vectors); a t-SNE or UMAP page, whose true neighbours lie
        nearer on the map, is up to a fifth smaller than the estimate.
    """
    if n_points < 0 or k < 0 or n_levels < 0:
        raise InputError(f"n_points, k and n_levels cannot be negative; got {n_points}, {k}, {n_levels}")
    n = int(n_points)
    if label_bytes is None:
        label_bytes = 8 * n
    neighbour = BASE64 * GZIP_VARINTS * NEIGHBOUR_BITS * (math.log2(max(n, 2)) + 1) / 7  # grows with the map
    data = (n * dims * COORD_BYTES
            + n * n_levels * LEVEL_BYTES
            + n * k * (neighbour + COSINE_BYTES)
            + n * math.ceil(k / 8) * KEPT_BYTES
            + TEXT_BYTES * (label_bytes + 4 * n + metadata_bytes))  # JSON adds '"", ' to each label
    fixed = page_fixed_bytes(dims) if fixed_bytes is None else fixed_bytes
    return int(fixed + n_levels * LEVEL_HEADER + data)


@functools.lru_cache(maxsize=None)
def page_fixed_bytes(dims: int = 2) -> int:
    """What a page holds whatever its points (the renderer, the front end, its text): the size of a page of 16.

    Written in memory from 16 seeded points, so it follows whatever the page inlines (its map's cluster names
    and neighbours go to the cache, as every atlas's do: once).
    """
    import numpy as np

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
    raise InputError(f"the atlas page would be {nbytes / 1e6:,.0f} MB, over the {limit / 1e6:,.0f} MB a browser "
                     f"can open as one file;{fit} map a sample with --max-points N (a uniform one, drawn with "
                     "--seed; vizkit.formats.sample_points in Python)")
