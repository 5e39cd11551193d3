"""Reading a finished extraction back: one word and layer at a time, as LabelledVectors."""

from __future__ import annotations

import numpy as np

from ..errors import InputError
from ..vectors import LabelledVectors
from .shards import read_manifest, read_table

__all__ = ["read_occurrences", "extraction_info"]

META = ("word", "layer", "doc_id", "sentence_id", "sentence", "char_start", "char_end", "window_start", "window_end",
        "sense", "subtokens")


def extraction_info(folder, data: dict | None = None) -> dict:
    """The run's parameters, whether it finished, and the occurrences of each word."""
    data = read_manifest(folder) if data is None else data
    return {"params": data["params"], "complete": bool(data.get("complete")), "counts": data.get("counts", {}),
            "chunks": len(data.get("chunks", {}))}


def read_occurrences(folder, word: str | None = None, layer: int | None = None) -> LabelledVectors:
    """The occurrences of ``word`` at ``layer`` (both optional) as :class:`~vizkit.LabelledVectors`.

    Labels are the words; ``meta`` has every shard column but the vector
    (``doc_id``, ``sentence_id``, ``sentence``, ``char_start``, ``char_end``,
    ``sense``, ``layer``, ...). Rows come in corpus order.
    """
    data = read_manifest(folder)
    info = extraction_info(folder, data)
    words = info["params"]["words"]
    if word is not None and word not in words:
        raise InputError(f"{word!r} was not extracted in {folder}; it has {', '.join(words)}")
    layers = info["params"]["layers"]
    if layer is not None and layers is not None and layer not in layers:
        raise InputError(f"layer {layer} was not kept in {folder}; it has layers {layers}")
    table = read_table(folder, word=word, layer=layer, manifest=data)
    if table is None or table.num_rows == 0:
        raise InputError(f"no occurrences of {word or 'the words'} in {folder} (count 0)")
    flat = table.column("vector").combine_chunks()
    d = flat.type.list_size
    vectors = np.asarray(flat.flatten().to_numpy(zero_copy_only=False), dtype=np.float32).reshape(-1, d)
    meta = {k: table.column(k).to_pylist() for k in META}
    return LabelledVectors(vectors, meta["word"], meta)
