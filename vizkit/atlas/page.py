"""The atlas as one offline HTML page: search, true neighbours, colours, cluster labels, selection to CSV.

One file that opens from ``file://`` on a school laptop with no network and no kernel: the map's renderer
(regl-scatterplot for a 2-D map, chosen by measurement for a million points in software WebGL, see
``benchmarks/renderers.py``; plotly's scatter3d for a 3-D one), the front end (``vizkit/render/js``) and the
data are inline; nothing is fetched. The page is written by :mod:`vizkit.render.page`, its controls
in the page's language. The data go in as compact binary, as DataMapPlot does it, not as JSON number text:

- coordinates quantised to ``uint16`` per axis (1/65,535 of the map's extent), 2-D or 3-D;
- every point's ``k`` true neighbours (computed in the original space, :meth:`Atlas.neighbour_table`), their
  cosines as ``uint8`` and a bit per neighbour saying whether the map keeps it near (its popcount is the
  distortion colouring), written along the *map order* (the points sorted along a Z-order curve of the
  quantised map) with each pair of mutual neighbours written once (:mod:`vizkit.atlas.neighbour_blocks`);
- cluster levels by their centres (k-means on the map: a point is in its nearest centre's cluster), with only
  the points that are not (about 1 %) written: rows and ``uint8``/``uint16`` clusters; metadata as category
  codes, ``float32`` or text;
- labels and texts as one JSON string table.

Each block is gzip-compressed and written as base-122 text (:mod:`vizkit.render.base122`: 8/7 of its bytes,
where base64 took 4/3) in its own ``<script type="application/octet-stream">``;
the page decompresses it with the browser's own ``DecompressionStream``. User text is only ever set with
``textContent`` (or escaped for plotly's 3-D annotations), so ``<script>`` in a label is shown, never run.
"""

from __future__ import annotations

import gzip
import html
import json
import re

import numpy as np

from ..errors import InputError
from . import neighbour_blocks
from .limits import check_3d
from .size import check_page_bytes
from ..plot import PALETTE_20
from ..render import assets, base122, vendored
from ..render.language import messages, resolve, t
from ..render.page import Page, check_html_path, json_block
from ..render.page import page_html as render_page_html, write_page as render_write_page

__all__ = ["write_page", "page_html", "page_fragment", "page_data", "read_blocks", "read_level", "read_neighbours", "colour_columns", "static_text", "map_order",
           "PAGE_FORMAT"]

PAGE_FORMAT = 5  # the layout of the data blocks; atlas-core.js reads this version and refuses others
#: level of detail of a 2-D map (points drawn while the camera moves, at most drawn at rest): what SwiftShader,
#: software WebGL, draws within issue 26's frame budgets (benchmarks/atlas.py); ``detail=None`` draws every point
DETAIL = (100_000, 300_000)
CATEGORY_LIMIT = 64  # a column with at most this many distinct values colours by category, with a legend
NUMBER_MIN_DISTINCT = 13  # a numeric column with fewer distinct values (layers, years) is a category


def _pack(name: str, raw: bytes) -> str:
    """One data block as a script element: gzip, then base-122 text (:mod:`vizkit.render.base122`)."""
    packed = gzip.compress(raw, compresslevel=6, mtime=0)
    return (f'<script type="application/octet-stream" data-block="{name}" data-bytes="{len(packed)}">'
            f'{base122.encode(packed)}</script>')


def read_blocks(text: str) -> tuple[dict, dict]:
    """A written page's header and data blocks (name -> raw bytes): what its JavaScript reads."""
    header = json.loads(re.search(r"<script[^>]*\bdata-header\b[^>]*>(.*?)</script>", text, re.S)[1])
    blocks = {m[1]: gzip.decompress(base122.decode(m[3], int(m[2])))
              for m in re.finditer(r'<script[^>]*\bdata-block="(\w+)" data-bytes="(\d+)">(.*?)</script>', text, re.S)}
    return header, blocks


def _strings(values) -> bytes:
    return json.dumps([str(v) for v in values], ensure_ascii=False).encode("utf-8")


def _codes(codes: np.ndarray, n_values: int) -> tuple[bytes, str]:
    dtype = np.uint8 if n_values <= 256 else np.uint16 if n_values <= 65536 else np.uint32
    return np.ascontiguousarray(codes, dtype=dtype).astype(f"<{np.dtype(dtype).char}").tobytes(), np.dtype(dtype).name


def _quantise(coords: np.ndarray) -> tuple[np.ndarray, list]:
    """Coordinates as ``uint16`` per axis over the map's extent, shape (dims, n), and the extent."""
    lo, hi = coords.min(axis=0), coords.max(axis=0)
    span = np.where(hi > lo, hi - lo, 1.0)
    q = np.rint((coords - lo) / span * 65535).astype("<u2")
    return np.ascontiguousarray(q.T), [[float(a), float(b)] for a, b in zip(lo, lo + span)]


def page_coordinates(q: np.ndarray, bounds: list) -> list[np.ndarray]:
    """The coordinates as the page reads them back from ``uint16`` (``atlas-core.js`` decode): float32 values."""
    return [(b[0] + q[a].astype(np.float64) * ((b[1] - b[0]) / 65535)).astype(np.float32).astype(np.float64)
            for a, b in enumerate(bounds)]


def nearest_centres(q: np.ndarray, bounds: list, centres: list) -> np.ndarray:
    """Each point's nearest cluster centre on the page's own coordinates, the first on a tie: what the page
    computes (``atlas-core.js`` levelReader), the same arithmetic in the same order, so it is exact."""
    X, C = page_coordinates(q, bounds), np.asarray(centres, dtype=np.float64)
    best, arg = np.full(q.shape[1], np.inf), np.zeros(q.shape[1], dtype=np.int64)
    for c in range(len(C)):
        d = (X[0] - C[c, 0]) ** 2
        for a in range(1, len(X)):
            d = d + (X[a] - C[c, a]) ** 2
        closer = d < best
        best[closer], arg[closer] = d[closer], c
    return arg


def _level_bytes(assignment: np.ndarray, k: int, nearest: np.ndarray) -> tuple[bytes, str]:
    """A cluster level as the page stores it: most points are in the cluster of their nearest centre (k-means
    on the map), so only the others are written: their count, their rows as gaps (varints), their clusters."""
    rows = np.flatnonzero(np.asarray(assignment) != nearest)
    codes, dtype = _codes(np.asarray(assignment)[rows], k)
    return _varints(np.concatenate([[len(rows)], np.diff(rows, prepend=-1) - 1])) + codes, dtype


def read_level(header: dict, blocks: dict, i: int) -> np.ndarray:
    """Every point's cluster at level ``i`` of a written page (:func:`read_blocks`), as the page reads it."""
    n, lv = header["n"], header["levels"][i]
    q = np.frombuffer(blocks["coords"], dtype="<u2").reshape(header["dims"], n)
    out = nearest_centres(q, header["bounds"], lv["centres"])
    raw = np.frombuffer(blocks[f"level{i}"], dtype=np.uint8)
    values, at = [], 0
    while len(values) < 1 or len(values) < values[0] + 1:  # the count, then as many row gaps
        v, shift = 0, 0
        while True:
            b = int(raw[at]); at += 1
            v |= (b & 127) << shift; shift += 7
            if b < 128:
                break
        values.append(v)
    rows = np.cumsum(np.asarray(values[1:], dtype=np.int64) + 1) - 1
    out[rows] = np.frombuffer(raw[at:].tobytes(), dtype=lv["dtype"])[: len(rows)]
    return out


def read_neighbours(header: dict, blocks: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every point's true neighbours, quantised cosines and kept bits in a written page (:func:`read_blocks`), as
    the page reads them (:func:`vizkit.atlas.neighbour_blocks.decode`; a plain loop, for small pages)."""
    q = np.frombuffer(blocks["coords"], dtype="<u2").reshape(header["dims"], header["n"])
    return neighbour_blocks.decode(header["neighbours"], blocks, map_order(q), header["k"])


def _spread_bits(v: np.ndarray) -> np.ndarray:
    """The 16 bits of ``v`` moved to the even bit positions (0, 2, 4, ...) of a 32-bit word."""
    v = v.astype(np.uint32) & 0xFFFF
    for shift, mask in ((8, 0x00FF00FF), (4, 0x0F0F0F0F), (2, 0x33333333), (1, 0x55555555)):
        v = (v | (v << shift)) & mask
    return v


def map_order(q: np.ndarray) -> np.ndarray:
    """Rows sorted along the Z-order (Morton) curve of the quantised map's first two axes, ties by row.

    ``atlas-core.js`` sorts the same way (``mapOrder``), so a neighbour can be written as its distance from the
    point in this order.
    """
    code = _spread_bits(q[0]) | (_spread_bits(q[1]) << 1)
    return np.argsort(code, kind="stable")


def _varints(values: np.ndarray) -> bytes:
    """Non-negative integers as LEB128 varints (7 bits a byte, low first, the high bit set on all but the last)."""
    rest = np.asarray(values, dtype=np.uint64).ravel()
    if not len(rest):
        return b""
    n_bytes = np.ones(len(rest), dtype=np.int64)
    for b in range(1, 10):
        n_bytes += rest >= np.uint64(1) << np.uint64(7 * b)
    out = np.zeros((len(rest), int(n_bytes.max())), dtype=np.uint8)
    for b in range(out.shape[1]):
        out[:, b] = ((rest >> np.uint64(7 * b)) & np.uint64(127)).astype(np.uint8) | np.where(b + 1 < n_bytes, 128, 0)
    return out[np.arange(out.shape[1])[None, :] < n_bytes[:, None]].tobytes()


def _column(name: str, values: np.ndarray) -> tuple[dict, bytes]:
    """One metadata column: category codes, float32 numbers, or a text table."""
    import pandas as pd

    series = pd.Series(values, dtype=object)
    numeric = pd.to_numeric(series, errors="coerce")  # "24912" from a TSV is a number; "nan", "n/a" are words
    if not (numeric.notna().all() and np.isfinite(numeric.to_numpy(dtype=float)).all()):
        numeric = None
    if numeric is not None and numeric.nunique() >= NUMBER_MIN_DISTINCT:
        arr = numeric.to_numpy(dtype=np.float32)
        return {"name": name, "kind": "number", "range": [float(arr.min()), float(arr.max())],
                "dtype": "float32"}, arr.astype("<f4").tobytes()
    text = series.map(lambda v: "" if v is None else str(v))
    categories, codes = np.unique(text.to_numpy(dtype=str), return_inverse=True)
    if len(categories) <= CATEGORY_LIMIT:
        if numeric is not None and numeric.notna().all():  # 0, 1, 2, ... 10 in number order, not text order
            order = np.argsort(pd.to_numeric(pd.Series(categories)).to_numpy(), kind="stable")
            rank = np.empty(len(order), dtype=np.int64)
            rank[order] = np.arange(len(order))
            categories, codes = categories[order], rank[codes]
        raw, dtype = _codes(codes, len(categories))
        return {"name": name, "kind": "category", "categories": [str(c) for c in categories], "dtype": dtype}, raw
    return {"name": name, "kind": "text"}, _strings(text)


def colour_columns(points) -> list[str]:
    """The metadata columns a page can colour by: categories (a legend) and numbers (a colour bar), not free text."""
    return [name for name, values in points.meta.items()
            if _column(name, np.asarray(values, dtype=object))[0]["kind"] != "text"]


def page_data(atlas, *, title: str | None = None, color: str = "cluster", query: str | None = None,
              lang: str | None = None, detail: tuple[int, int] | None = DETAIL) -> tuple[dict, dict]:
    """What the page reads: a small JSON header and the binary blocks (name -> raw bytes, before gzip)."""
    if _js_format() != PAGE_FORMAT:
        raise RuntimeError(f"vizkit/render/js/atlas-core.js reads data format {_js_format()}, this module writes "
                           f"{PAGE_FORMAT}: reinstall vizkit")
    lang = resolve(lang)
    atlas._check_fitted()
    points, coords = atlas.points, np.asarray(atlas.coords_, dtype=np.float64)
    n = len(points)
    if coords.shape[1] not in (2, 3):
        raise InputError(f"the HTML atlas draws 2-D and 3-D maps; this one has {coords.shape[1]} dimensions")
    check_3d(n, coords.shape[1])
    blocks: dict[str, bytes] = {}
    q, bounds = _quantise(coords)
    blocks["coords"] = q.tobytes()
    blocks["labels"] = _strings(points.labels)
    levels = []
    for i, level in enumerate(atlas.clusters_):
        centres = np.round(level.centres, 6).tolist()
        blocks[f"level{i}"], dtype = _level_bytes(level.assignment, len(level), nearest_centres(q, bounds, centres))
        levels.append({"k": len(level), "labels": list(level.labels), "sizes": level.sizes.tolist(),
                       "centres": centres, "dtype": dtype, "encoding": "nearest-centre-exceptions"})
    columns = []
    for j, (name, values) in enumerate(points.meta.items()):
        head, blocks[f"column{j}"] = _column(name, np.asarray(values, dtype=object))
        columns.append(head)
    idx, cos, kept = atlas.neighbour_table()
    lo, hi = float(cos.min()), float(cos.max())
    cos_q = np.rint((cos - lo) / ((hi - lo) or 1.0) * 255).astype(np.int64)
    by_cos = np.argsort(-cos_q, axis=1, kind="stable")  # nearest first already; an approximate table, made sure
    idx, cos_q, kept = (np.take_along_axis(np.asarray(a), by_cos, axis=1) for a in (idx, cos_q, kept))
    nbr_head, nbr_blocks = neighbour_blocks.encode(idx, cos_q, kept, map_order(q))
    blocks.update(nbr_blocks)
    known = {"cluster", "distortion", None} | {c["name"] for c in columns if c["kind"] != "text"}
    if color not in known:
        raise InputError(f"unknown colour {color!r}; choose cluster, distortion or one of the columns: "
                         f"{', '.join(c['name'] for c in columns if c['kind'] != 'text') or '(no metadata columns)'}")
    if query is not None:
        atlas.find(query)  # an unknown word: its closest labels, now rather than in the page
    if detail is not None and not (len(detail) == 2 and 0 < int(detail[0]) <= int(detail[1])):
        raise InputError(f"detail must be (points drawn while moving, most points drawn at rest) with the first no "
                         f"larger, or None to draw every point; got {detail!r}")
    method = atlas.method if isinstance(atlas.method, str) else type(atlas.method).__name__
    header = {"format": PAGE_FORMAT, "n": n, "dims": int(coords.shape[1]), "k": int(idx.shape[1]), "bounds": bounds,
              "levels": levels,
              "columns": columns, "method": method, "title": title or _default_title(atlas, lang),
              "neighbours": {**nbr_head, "cos_range": [lo, hi]},
              "color": color or "cluster", "query": query, "palette": PALETTE_20,
              "axes": _axis_titles(atlas), "lang": lang, "messages": messages("atlas.", lang),
              "detail": None if detail is None else {"move": int(detail[0]), "rest": int(detail[1])}}
    return header, blocks


def _axis_titles(atlas) -> list[str]:
    """Semantic axes name their poles (``man → woman``); other maps have no meaningful axes."""
    from ..projection import Axes

    if not isinstance(atlas.method, Axes):
        return ["", ""]

    def name(spec):
        if isinstance(spec, str) and spec.count(":") == 1:
            neg, pos = spec.split(":")
            return f"{neg.strip()} → {pos.strip()}"
        return "" if spec is None else "semantic axis"

    return [name(atlas.method.x), name(atlas.method.y) or "most variance left"]


def static_text(name: str) -> str:
    """A file of the front end (``atlas.js``, ``atlas.css``...): see :func:`vizkit.render.assets.text`."""
    return assets.text(name)


#: the front end's files an atlas needs, in order (atlas-page.js starts each atlas on the page)
SCRIPTS = ("i18n.js", "atlas-core.js", "atlas-2d.js", "atlas-3d.js", "atlas.js")
#: what draws the map: regl-scatterplot (vendored, MIT) in 2-D; plotly's gl3d bundle in 3-D
RENDERER_2D = "regl-scatterplot"


def _js_format() -> int:
    """The data format atlas-core.js reads (its ``var FORMAT = N``): checked against :data:`PAGE_FORMAT`."""
    m = re.search(r"var FORMAT = (\d+);", assets.text("atlas-core.js"))
    return int(m.group(1)) if m else -1


def page_fragment(atlas, *, root_id: str = "vizkit-root", title: str | None = None, color: str = "cluster",
                  query: str | None = None, hash: bool = True, lang: str | None = None,
                  detail: tuple[int, int] | None = DETAIL) -> str:
    """The atlas as an HTML fragment: its data blocks, the renderer, the start. A 2-D map brings its renderer
    (regl-scatterplot, 0.2 MB); a 3-D one expects ``window.Plotly`` from the page around it.

    :func:`page_html` wraps it in a whole page (with plotly.js's gl3d bundle for a 3-D map); a notebook rendered
    without a kernel embeds it where the widget was (the page includes plotly.js once).
    """
    header, blocks = page_data(atlas, title=title, color=color, query=query, lang=lang, detail=detail)
    data = "\n".join(_pack(name, raw) for name, raw in blocks.items())
    check_page_bytes(len(data.encode("utf-8")), n_points=header["n"])  # a page that cannot open is not written
    root = html.escape(root_id)
    return f"""<div id="{root}" class="vizkit-atlas-root" data-blocks="{root}-data" data-hash="{str(bool(hash)).lower()}">\
<p>{html.escape(t("atlas.loading", header["lang"]))}</p></div>
<div id="{root}-data" hidden>
{json_block(header, attrs=" data-header")}
{data}
</div>
{vendored.script(RENDERER_2D) if header["dims"] == 2 else ""}
{assets.script(*SCRIPTS, "atlas-page.js")}"""


def _page(atlas, *, title: str | None, color: str, query: str | None, lang: str | None, detail) -> Page:
    fragment = page_fragment(atlas, title=title, color=color, query=query, lang=lang, detail=detail)
    return Page(title=title or _default_title(atlas, lang), body=fragment, lang=resolve(lang),
                head="<style>html, body { margin: 0; height: 100%; } #vizkit-root { height: 100%; }</style>\n"
                     + assets.style("atlas.css"),
                plotly=atlas.coords_.shape[1] == 3, trace_types=("scatter3d",),
                generator=f"vizkit atlas, page format {PAGE_FORMAT}")


def page_html(atlas, *, title: str | None = None, color: str = "cluster", query: str | None = None,
              lang: str | None = None, detail: tuple[int, int] | None = DETAIL) -> str:
    """The whole page as a string (see :func:`write_page`)."""
    return render_page_html(_page(atlas, title=title, color=color, query=query, lang=lang, detail=detail))


def _default_title(atlas, lang: str | None = None) -> str:
    method = atlas.method if isinstance(atlas.method, str) else type(atlas.method).__name__
    return t("atlas.title.default", lang, n=f"{len(atlas.points):,}", method=method)


def write_page(atlas, path, *, title: str | None = None, color: str = "cluster", query: str | None = None,
               lang: str | None = None, detail: tuple[int, int] | None = DETAIL) -> str:
    """Write the fitted ``atlas`` as one self-contained, offline HTML page; return the path written.

    Parameters
    ----------
    atlas : Atlas
        Fitted.
    path : str or Path
        A ``.html`` file. Written whole or not at all (a temporary file renamed into place).
    title : str, optional
    color : {"cluster", "distortion"} or a metadata column
        The colouring the page opens with (the page's menu switches it).
    query : str, optional
        A label to search when the page opens (the URL's ``#search=word`` does the same).
    lang : {"en", "zh"}, optional
        The language of the page's controls (default: ``VIZKIT_LANG``, else the locale).
    detail : (int, int) or None
        A 2-D map's level of detail: while the camera moves, a map of more than twice the first number of
        points draws an even sample of that many; at rest it draws every point in view, or an even sample of
        the second number. The default (100,000, 300,000) keeps a million points smooth in software WebGL
        (a laptop without a usable GPU, a VM, a remote desktop); ``None`` always draws every point.
    """
    path = check_html_path(path, "atlas page")
    return render_write_page(_page(atlas, title=title, color=color, query=query, lang=lang, detail=detail), path,
                             what="atlas page")
