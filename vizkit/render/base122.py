"""Binary data as the text of an HTML ``<script>`` element, in 8/7 of its size: base64 takes 4/3.

A page's data blocks (the atlas's gzip-compressed coordinates, neighbours, labels) are text inside
``<script type="application/octet-stream">``. The bytes are read 7 bits at a time, and each 7-bit chunk is one
ASCII character, as in Kevin Albertson's base-122 (https://blog.kevinalbs.com/base122), with the set of chunks
that cannot stand for themselves chosen for a script element rather than a JavaScript string:

- ``0`` (the parser turns NUL into U+FFFD), ``13`` (it turns CR and CRLF into LF), ``60`` (``<`` could begin
  ``</script``): such a chunk is written together with the chunk after it as one two-byte UTF-8 character,
  ``U+0100 + (which << 7 | next)``, where ``which`` is 0, 1, 2 for the three, or 3, 4, 5 when it is the last
  chunk and nothing follows.

Random bytes (gzip output) take 1.143 bytes each in the page; base64 took 1.333. The reader, ``base122`` in
``js/atlas-core.js``, needs the byte count (the last chunk is padded with zero bits).
"""

from __future__ import annotations

import numpy as np

__all__ = ["encode", "decode", "ILLEGAL"]

#: the 7-bit chunks written as two-byte characters: NUL, CR, "<"
ILLEGAL = (0, 13, 60)
_OFFSET = 0x100


def _chunks(raw: np.ndarray) -> np.ndarray:
    """The 7-bit chunks of ``raw`` (uint8), high bits first, the last one padded with zero bits."""
    groups = np.zeros((-(-len(raw) // 7), 7), dtype=np.uint64)  # 7 bytes are 8 chunks
    groups.ravel()[: len(raw)] = raw
    number = np.zeros(len(groups), dtype=np.uint64)
    for i in range(7):
        number = (number << np.uint64(8)) | groups[:, i]
    chunks = np.empty((len(groups), 8), dtype=np.uint8)
    for j in range(8):
        chunks[:, j] = (number >> np.uint64(7 * (7 - j))) & np.uint64(127)
    return chunks.ravel()[: -(-len(raw) * 8 // 7)]


def encode(data: bytes) -> str:
    """``data`` as text for a script element (see the module's description)."""
    if not data:
        return ""
    out = _chunks(np.frombuffer(data, dtype=np.uint8))  # each chunk is its own ASCII byte ...
    bad = np.flatnonzero((out == ILLEGAL[0]) | (out == ILLEGAL[1]) | (out == ILLEGAL[2]))
    # ... but for the illegal ones: in a run of them, the 1st, 3rd, 5th... each take the chunk after them along,
    # and the pair becomes one two-byte character in the pair's two bytes
    run_start = np.maximum.accumulate(np.where(np.diff(bad, prepend=-2) != 1, np.arange(len(bad)), 0))
    heads = bad[(np.arange(len(bad)) - run_start) % 2 == 0]
    last = heads[-1:] if len(heads) and heads[-1] == len(out) - 1 else heads[:0]
    heads = heads[: len(heads) - len(last)]
    which = np.searchsorted(np.array(ILLEGAL), out[heads]).astype(np.int64)
    points = _OFFSET + ((which << 7) | out[heads + 1])
    tail = b""
    if len(last):  # an illegal last chunk, nothing after it
        point = _OFFSET + ((ILLEGAL.index(int(out[-1])) + 3) << 7)
        tail = bytes([0xC0 | (point >> 6), 0x80 | (point & 63)])
        out = out[:-1]
    out[heads] = 0xC0 | (points >> 6)
    out[heads + 1] = 0x80 | (points & 63)
    return (out.tobytes() + tail).decode("utf-8")


def decode(text: str, nbytes: int) -> bytes:
    """The ``nbytes`` bytes :func:`encode` wrote as ``text``."""
    raw = np.frombuffer(text.encode("utf-8"), dtype=np.uint8).copy()
    lead = np.flatnonzero(raw >= 0xC0)
    points = ((raw[lead].astype(np.int64) & 31) << 6 | (raw[lead + 1] & 63)) - _OFFSET
    which, following = points >> 7, points & 127
    raw[lead] = np.array(ILLEGAL, dtype=np.uint8)[which % 3]
    raw[lead + 1] = following
    chunks = raw[np.ones(len(raw), dtype=bool) & ~np.isin(np.arange(len(raw)), lead[which >= 3] + 1)]
    groups = np.zeros((-(-len(chunks) // 8), 8), dtype=np.uint64)
    groups.ravel()[: len(chunks)] = chunks
    number = np.zeros(len(groups), dtype=np.uint64)
    for j in range(8):
        number = (number << np.uint64(7)) | groups[:, j]
    out = np.empty((len(groups), 7), dtype=np.uint8)
    for i in range(7):
        out[:, i] = (number >> np.uint64(8 * (6 - i))) & np.uint64(255)
    return out.ravel()[:nbytes].tobytes()
