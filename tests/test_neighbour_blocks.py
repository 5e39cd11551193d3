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


def _same_pairs(a_idx, a_other, b_idx, b_other):
    """Each row holds the same neighbours, each with the same attached value."""
    return all(dict(zip(a_idx[i], a_other[i])) == dict(zip(b_idx[i], b_other[i])) for i in range(len(a_idx)))


@pytest.mark.parametrize("levels", [256, 3])  # few cosine levels: many ties
def test_small_tables_dense_in_mutual_pairs_read_back_exactly(levels):
    rng = np.random.default_rng(levels)
    for _ in range(150):
        n = int(rng.integers(2, 50))
        k = int(rng.integers(1, min(n, 12)))
        idx, cos, kept = _random_table(rng, n, k, levels)
        order = rng.permutation(n)
        head, blocks, canon = neighbour_blocks.encode(idx, cos, kept, order)
        got = neighbour_blocks.decode(head, blocks, order, k)
        for want, have in zip(canon, got):
            assert np.array_equal(want, have)
        c_idx, c_cos, c_kept = canon
        assert _same_pairs(idx, kept, c_idx, c_kept)  # the same neighbours, each with its own kept bit
        assert (np.diff(c_cos, axis=1) <= 0).all()  # cosine falling
        own = {(i, j): c for i in range(n) for j, c in zip(idx[i], cos[i])}
        for i in range(n):  # each cosine is the row's own, or the one its mutual neighbour wrote
            assert all(c in (own[i, j], own.get((j, i))) for j, c in zip(c_idx[i], c_cos[i]))


def test_a_mutual_pair_is_written_once_with_the_cosine_of_the_point_that_writes_it():
    idx = np.array([[1, 2], [0, 2], [0, 1]])  # all three are each other's neighbours
    cos = np.array([[200, 100], [201, 150], [99, 149]])  # quantised apart by one step
    order = np.array([2, 0, 1])
    head, blocks, (c_idx, c_cos, _) = neighbour_blocks.encode(idx, cos, np.ones((3, 2), bool), order)
    assert head["written"] == 3  # three pairs, each once
    assert c_idx.tolist() == [[1, 2], [0, 2], [1, 0]]
    assert c_cos.tolist() == [[200, 99], [200, 149], [149, 99]]  # 2 wrote (0, 2) and (1, 2); 0 wrote (0, 1)
    with pytest.raises(ValueError, match="do not match"):
        neighbour_blocks.decode({**head, "written": 2}, blocks, order, 2)
    with pytest.raises(ValueError, match="twice"):
        neighbour_blocks.encode([[1, 1], [0, 2], [0, 1]], cos, np.ones((3, 2), bool), order)


def test_a_real_page_holds_the_atlas_neighbours_in_fewer_bytes_than_varints(glove):
    words = [w for w in glove.words[:3000] if w.isalpha()]
    atlas = Atlas(method="tsne", random_state=0).fit(glove.vectors(words))
    header, blocks = page_data(atlas)
    idx, cos, kept = atlas.neighbour_table()
    r_idx, r_cos, r_kept = read_neighbours(header, blocks)
    assert _same_pairs(idx, kept, r_idx, r_kept)
    lo, hi = header["neighbours"]["cos_range"]
    shown = lo + r_cos / 255 * (hi - lo)
    want = np.take_along_axis(cos, np.argsort(idx, axis=1), axis=1)
    have = np.take_along_axis(shown, np.argsort(r_idx, axis=1), axis=1)
    assert np.abs(have - want).max() <= 1.5 * (hi - lo) / 255  # within a quantisation step of the true cosine
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
