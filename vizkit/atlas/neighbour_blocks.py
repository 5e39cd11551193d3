"""The true-neighbour table as the atlas page stores it (page format 5), and read back.

Every point's ``k`` true neighbours with their cosines (quantised to ``uint8``) and a bit each saying whether the
map keeps the neighbour near. At a million points this table is most of the page, so it is written tightly:

- **rows in the map order** (the points along a Z-order curve of the map, :func:`vizkit.atlas.page.map_order`),
  each neighbour as its signed distance from its point in that order, zigzag-coded: true neighbours mostly lie
  near on the map, so the distances are small;
- **a pair written once.** When two points are each other's neighbours, with the same cosine, the one earlier in
  the map order writes the pair with a bit saying that the other lists it too, and the other leaves it out; the
  reader puts it back into the other's row, before the neighbours of equal cosine (so a pair is left out only
  where that is its place). At a million t-SNE points 12 % of the entries are left out this way;
- **distances as byte planes**: the low bytes of all distances, then their next bytes, and so on (``width``
  planes). gzip finds the long runs of zeros in the high planes, which LEB128 varints hid;
- **cosines** of the written entries: each row's first, then each next one's step down (cosines fall along a
  row, so the steps are small), the firsts of all rows before all steps;
- **kept bits** as before: ``k`` bits a row, in the rows' own order.

The table reads back exactly as it was written: the same neighbours in the same order, the same cosines and
kept bits. ``atlas-core.js`` (``readNeighbours``) reads the blocks with the same steps as :func:`decode`.

Measured on 1,000,000 x 32 vectors in 200 groups (t-SNE, ``benchmarks/atlas_scale.py``), in MB of gzip: the
neighbour rows took 19.3 as LEB128 varints (page format 4), 18.0 as byte planes, 17.0 with the rows in the map
order, 14.9 with the pairs written once (and 0.7 of pair bits; 14.3 if every mutual pair were, but then the
reader could not know the order of neighbours of equal cosine); their cosines 4.0, now 3.75.
"""

from __future__ import annotations

import numpy as np

__all__ = ["encode", "decode", "ENCODING"]

ENCODING = "map-order-pairs-planes"


def _zigzag(d: np.ndarray) -> np.ndarray:
    return np.where(d >= 0, 2 * d, -2 * d - 1).astype(np.uint64)


def _unzigzag(z: np.ndarray) -> np.ndarray:
    z = z.astype(np.int64)
    return np.where(z % 2 == 1, -(z + 1) // 2, z // 2)


def _partners(indices: np.ndarray, chunk: int = 1 << 20) -> np.ndarray:
    """For each entry (i -> j), the flat place of (j -> i) in j's row, or -1: a look into j's ``k`` neighbours
    (a chunk of entries at a time), which at a million points is ten times faster than sorting every pair."""
    n, k = indices.shape
    flat = indices.ravel()
    out = np.full(n * k, -1, dtype=np.int64)
    for start in range(0, n * k, chunk):
        cols = flat[start:start + chunk]
        rows = np.arange(start, start + len(cols), dtype=np.int64) // k
        hit = indices[cols] == rows[:, None]
        out[start:start + len(cols)] = np.where(hit.any(axis=1), cols * k + hit.argmax(axis=1), -1)
    return out


def encode(indices, cos_q, kept, order) -> tuple[dict, dict]:
    """The neighbour blocks of a page: ``(header part, blocks)``; :func:`decode` reads the same table back.

    ``indices`` (n, k) row numbers, ``cos_q`` (n, k) cosines quantised to 0-255 and falling along each row,
    ``kept`` (n, k) booleans, ``order`` the map order (``order[p]`` is the row at place ``p``).
    """
    indices = np.asarray(indices, dtype=np.int64)
    n, k = indices.shape
    cos_q = np.asarray(cos_q, dtype=np.int64).reshape(n, k)
    if n and (cos_q.min() < 0 or cos_q.max() > 255):
        raise ValueError("quantised cosines must lie in 0-255")
    if (np.diff(cos_q, axis=1) > 0).any():
        raise ValueError("the cosines must fall along each row, nearest neighbour first")
    if k > 1 and (np.diff(np.sort(indices, axis=1), axis=1) == 0).any():
        raise ValueError("a row lists the same neighbour twice")
    rank = np.empty(n, dtype=np.int64)
    rank[np.asarray(order, dtype=np.int64)] = np.arange(n)
    rows, cols, cos = np.repeat(np.arange(n, dtype=np.int64), k), indices.ravel(), cos_q.ravel()
    partner = _partners(indices)  # the flat place of (j -> i) for each (i -> j), or -1
    mutual = (partner >= 0) & (cols != rows)
    # (i -> j) is left to j, earlier in the map order, when the reader puts it back exactly where it was: with the
    # same cosine, and first among the row's neighbours of that cosine (the reader puts it before them)
    first_of_cosine = np.ones((n, k), dtype=bool)
    first_of_cosine[:, 1:] = cos_q[:, 1:] != cos_q[:, :-1]
    incoming = mutual & (rank[cols] < rank[rows]) & (cos == cos[partner]) & first_of_cosine.ravel()
    pair = np.zeros(n * k, dtype=bool)
    pair[partner[incoming]] = True  # j's bit: put this pair into i's row too

    own = ~incoming.reshape(n, k)[order]  # the entries each row writes, rows in the map order
    z = _zigzag(rank[indices[order]] - np.arange(n)[:, None])[own]
    width = max(1, (int(z.max()).bit_length() + 7) // 8) if len(z) else 1
    planes = b"".join(((z >> np.uint64(8 * b)) & np.uint64(255)).astype(np.uint8).tobytes() for b in range(width))
    cos_own = cos_q[order][own]
    first = (np.cumsum(own, axis=1) == 1)[own]  # the first written entry of its row
    steps = (np.concatenate([[0], cos_own[:-1]]) - cos_own) % 256
    blocks = {"nbr_rows": planes,
              "nbr_pairs": np.packbits(pair.reshape(n, k)[order][own], bitorder="little").tobytes(),
              "nbr_cos": cos_own[first].astype(np.uint8).tobytes() + steps[~first].astype(np.uint8).tobytes(),
              "nbr_kept": np.packbits(np.asarray(kept, dtype=bool), axis=1, bitorder="little").tobytes()}
    head = {"encoding": ENCODING, "kept_bytes": int((k + 7) // 8), "width": width, "written": int(len(z)),
            "first_rows": int(first.sum())}
    return head, blocks


def decode(head: dict, blocks: dict, order, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The table ``(indices, cos_q, kept)`` from a page's blocks, step by step as the page reads them (a plain
    loop: for tests and small pages)."""
    order = np.asarray(order, dtype=np.int64)
    n, m, f = len(order), head["written"], head["first_rows"]
    planes = np.frombuffer(blocks["nbr_rows"], dtype=np.uint8)
    if len(planes) != head["width"] * m:
        raise ValueError(f"the neighbour blocks do not match the header: {len(planes)} bytes of distances, "
                         f"not {head['width'] * m}")
    planes = planes.reshape(head["width"], m).astype(np.int64)
    d = _unzigzag(sum(planes[b] << (8 * b) for b in range(head["width"])))
    pairs = np.unpackbits(np.frombuffer(blocks["nbr_pairs"], dtype=np.uint8), bitorder="little")[:m]
    cos_raw = np.frombuffer(blocks["nbr_cos"], dtype=np.uint8)
    idx, cos, count = np.zeros((n, k), dtype=np.int64), np.zeros((n, k), dtype=np.int64), np.zeros(n, dtype=np.int64)
    e = a = s = 0
    for r in range(n):
        i, c = order[r], 0
        for t in range(k - count[i]):
            j = order[r + d[e]]
            if t == 0:
                c, a = int(cos_raw[a]), a + 1
            else:
                c, s = (c - int(cos_raw[f + s])) & 255, s + 1
            idx[i, count[i]], cos[i, count[i]] = j, c
            count[i] += 1
            if pairs[e]:
                if count[j] >= k:
                    raise ValueError(f"row {j} is given more than {k} neighbours: the blocks do not match")
                idx[j, count[j]], cos[j, count[j]] = i, c
                count[j] += 1
            e += 1
        perm = np.argsort(-cos[i], kind="stable")
        idx[i], cos[i] = idx[i, perm], cos[i, perm]
    if e != m or a != f:
        raise ValueError(f"{e} of {m} written neighbours read: the blocks do not match the header")
    kb = head["kept_bytes"]
    kept = np.unpackbits(np.frombuffer(blocks["nbr_kept"], dtype=np.uint8).reshape(n, kb), axis=1,
                         bitorder="little")[:, :k].astype(bool)
    return idx, cos, kept
