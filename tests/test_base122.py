"""Binary data as script-element text (vizkit.render.base122): exact round trips, nothing the HTML parser changes."""

import gzip
import random

import numpy as np

from vizkit.render import base122


def test_round_trips_with_runs_of_the_chunks_that_need_two_bytes():
    rng = random.Random(26)
    cases = [b"", b"a", bytes(9), b"<" * 77, b"\r\r\r\x00<", bytes([0x78]), np.random.default_rng(0).bytes(5000)]
    cases += [bytes(rng.choice([0, 1, 6, 13, 26, 30, 60, 120, 255]) for _ in range(rng.randint(0, 40))) for _ in range(3000)]
    for data in cases:
        text = base122.encode(data)
        assert base122.decode(text, len(data)) == data, data
        assert not {"\x00", "\r", "<"} & set(text)  # NUL and CR would be changed by the parser, < could end the script
        assert all(ord(c) < 0x400 for c in text)  # one or two UTF-8 bytes a character


def test_compressed_data_takes_eight_sevenths_of_its_size():
    packed = gzip.compress(np.random.default_rng(1).bytes(1_000_000), mtime=0)
    size = len(base122.encode(packed).encode("utf-8"))
    assert 1.142 < size / len(packed) < 1.144  # base64: 1.333
