"""The neighbour table as the atlas page stores it (vizkit/atlas/neighbour_blocks.py): written tightly, read back
whole. The page's JavaScript reads the same blocks (tests/js, and tests/test_js.py with a real page)."""

import gzip

import numpy as np
import pytest

from vizkit.atlas import Atlas
from vizkit.atlas import neighbour_blocks
from vizkit.atlas.page import map_order, page_data, read_neighbours


def _random_table(rng, n, k, levels=256):
    idx = np.array([rng.choice(np.delete(np.arange(n), i), size=k, replace=False) for i in range(n)])
    cos = -np.sort(-rng.integers(0, levels, size=(n, k)), axis=1)  # falling along each row
    return idx, cos, rng.random((n, k)) < 0.5


@pytest.mark.parametrize("levels", [256, 3])  # few cosine levels: many ties
def test_small_tables_dense_in_mutual_pairs_read_back_exactly(levels):
    rng = np.random.default_rng(levels)
    written = []
    for _ in range(150):
        n = int(rng.integers(2, 50))
        k = int(rng.integers(1, min(n, 12)))
        idx, cos, kept = _random_table(rng, n, k, levels)
        for i in range(n):  # make half of each row's pairs mutual, each with one cosine
            for t in range(0, k, 2):
                j = idx[i, t]
                if i not in idx[j]:
                    continue
                cos[j, list(idx[j]).index(i)] = cos[i, t]
        order = np.argsort(-cos, axis=1, kind="stable")
        idx, cos, kept = (np.take_along_axis(a, order, axis=1) for a in (idx, cos, kept))
        place = rng.permutation(n)
        head, blocks = neighbour_blocks.encode(idx, cos, kept, place)
        got = neighbour_blocks.decode(head, blocks, place, k)
        for want, have in zip((idx, cos, kept), got):
            assert np.array_equal(want, have)
        written.append(head["written"] / idx.size)
    assert np.mean(written) < 0.95  # some pairs were written once


def test_a_mutual_pair_is_written_once_where_the_reader_can_put_it_back():
    idx = np.array([[1, 2], [0, 2], [0, 1]])  # all three are each other's neighbours
    cos = np.array([[200, 200], [200, 150], [200, 150]])
    order = np.array([2, 0, 1])
    head, blocks = neighbour_blocks.encode(idx, cos, np.ones((3, 2), bool), order)
    # 2 writes (2, 0) and (2, 1), 0 writes (0, 1); 1 writes nothing. 0 writes (0, 2) too: its second neighbour
    # of cosine 200, which the reader could not put after the first
    assert head["written"] == 4
    assert all(np.array_equal(a, b) for a, b in zip(neighbour_blocks.decode(head, blocks, order, 2),
                                                   (idx, cos, np.ones((3, 2), bool))))
    with pytest.raises(ValueError, match="do not match"):
        neighbour_blocks.decode({**head, "written": 3}, blocks, order, 2)
    with pytest.raises(ValueError, match="twice"):
        neighbour_blocks.encode([[1, 1], [0, 2], [0, 1]], cos, np.ones((3, 2), bool), order)
    with pytest.raises(ValueError, match="fall"):
        neighbour_blocks.encode(idx, cos[:, ::-1], np.ones((3, 2), bool), order)


def test_a_real_page_holds_the_atlas_neighbours_in_fewer_bytes_than_varints(glove):
    words = [w for w in glove.words[:3000] if w.isalpha()]
    atlas = Atlas(method="tsne", random_state=0).fit(glove.vectors(words))
    header, blocks = page_data(atlas)
    idx, cos, kept = atlas.neighbour_table()
    r_idx, r_cos, r_kept = read_neighbours(header, blocks)
    assert np.array_equal(r_idx, idx) and np.array_equal(r_kept, kept)  # exactly the atlas's table
    lo, hi = header["neighbours"]["cos_range"]
    assert np.abs(lo + r_cos / 255 * (hi - lo) - cos).max() <= 0.5 * (hi - lo) / 255 + 1e-6  # to a uint8
    assert header["neighbours"]["written"] < 0.9 * idx.size  # mutual pairs are common in t-SNE's neighbours
    # before (page format 4): every neighbour as a LEB128 varint of its map-order distance, rows as the atlas has them
    order = map_order(np.frombuffer(blocks["coords"], dtype="<u2").reshape(2, -1))
    rank = np.empty(len(order), np.int64)
    rank[order] = np.arange(len(order))
    varints = bytearray()
    for d in (rank[idx] - rank[:, None]).ravel().tolist():
        z = 2 * d if d >= 0 else -2 * d - 1
        while z >= 128:
            varints.append(z & 127 | 128)
            z >>= 7
        varints.append(z)
    before = len(gzip.compress(bytes(varints), mtime=0))
    after = len(gzip.compress(blocks["nbr_rows"], mtime=0)) + len(gzip.compress(blocks["nbr_pairs"], mtime=0))
    assert after < 0.92 * before
