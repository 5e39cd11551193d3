"""Inside a transformer's embedding layer: text -> tokens -> ids -> rows, plus positions.

For a BERT-family model (the bundled all-MiniLM-L6-v2) the input to the first
transformer layer is ``LayerNorm(token row + position row + token-type row)``;
:func:`input_embedding` computes each part and checks the sum against the
model's own hidden layer 0.

Examples
--------
>>> from vizkit.sources import LLM
>>> parts = input_embedding(LLM(), "Hello world")
>>> parts.tokens
['[CLS]', 'hello', 'world', '[SEP]']
>>> float(abs(parts.layer0 - parts.model_layer0).max()) < 1e-4
True
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..errors import InputError


@dataclass
class InputEmbedding:
    """The parts of the input embedding of one text, each of shape (n_tokens, hidden)."""

    tokens: list[str]
    ids: list[int]
    token: np.ndarray
    position: np.ndarray
    token_type: np.ndarray
    summed: np.ndarray
    layer0: np.ndarray          # LayerNorm(summed): what the first transformer layer reads
    model_layer0: np.ndarray    # the model's own hidden state 0, for comparison

    def table(self, dims: int = 6):
        """A pandas DataFrame: token, id and the first ``dims`` numbers of its token row."""
        import pandas as pd

        df = pd.DataFrame({"token": self.tokens, "id": self.ids})
        for j in range(min(dims, self.token.shape[1])):
            df[f"dim {j}"] = self.token[:, j].round(3)
        return df


def _embeddings_module(llm):
    emb = getattr(llm.model, "embeddings", None)
    if emb is None or not hasattr(emb, "word_embeddings") or not hasattr(emb, "position_embeddings"):
        raise InputError(f"{llm.name} has no BERT-style embeddings module (word + position + LayerNorm); "
                         "use a BERT-family model such as the bundled all-MiniLM-L6-v2")
    return emb


def input_embedding(llm, text: str) -> InputEmbedding:
    """Token, position and token-type rows of ``text``, their sum and the model's layer 0."""
    import torch

    if not text or not text.strip():
        raise InputError("the text is empty")
    emb = _embeddings_module(llm)
    enc = llm.tokenizer(text, return_tensors="pt", truncation=True, max_length=llm.max_length)
    ids = enc["input_ids"]
    with torch.no_grad():
        tok = emb.word_embeddings(ids)[0]
        pos = emb.position_embeddings(torch.arange(ids.shape[1]))
        types = enc.get("token_type_ids", torch.zeros_like(ids))
        typ = emb.token_type_embeddings(types)[0] if hasattr(emb, "token_type_embeddings") else torch.zeros_like(tok)
        summed = tok + pos + typ
        layer0 = emb.LayerNorm(summed)
        out = llm.model(**enc, output_hidden_states=True).hidden_states[0][0]
    return InputEmbedding(llm.tokenizer.convert_ids_to_tokens(ids[0].tolist()), ids[0].tolist(),
                          tok.numpy(), pos.numpy(), typ.numpy(), summed.numpy(), layer0.numpy(), out.numpy())


def position_similarity(llm, n: int = 128) -> np.ndarray:
    """Cosine similarity between the first ``n`` learned position embeddings, shape (n, n)."""
    from ..vectors import unit_rows

    pos = llm.position_embeddings()
    if pos is None:
        raise InputError(f"{llm.name} has no learned position embeddings (rotary or relative positions)")
    U = unit_rows(pos.vectors[:n].astype(np.float64))
    return U @ U.T


def position_heatmap(llm, n: int = 128):
    """A plotly heatmap of :func:`position_similarity`: nearby positions have similar vectors."""
    import plotly.graph_objects as go

    sim = position_similarity(llm, n)
    fig = go.Figure(go.Heatmap(z=sim, colorscale="RdBu", zmid=0, colorbar=dict(title="cosine"),
                               hovertemplate="position %{y} vs %{x}: %{z:.2f}<extra></extra>"))
    fig.update_layout(title=f"{llm.name}: cosine between position embeddings 0..{len(sim) - 1}",
                      xaxis_title="position", yaxis_title="position", template="plotly_white",
                      yaxis=dict(autorange="reversed", scaleanchor="x"), width=620, height=560)
    return fig


def rows_heatmap(parts: InputEmbedding, which: str = "token", dims: int = 64):
    """A heatmap of the rows of one part (``token``, ``position``, ``token_type``, ``summed``, ``layer0``)."""
    import html

    import plotly.graph_objects as go

    if which not in ("token", "position", "token_type", "summed", "layer0"):
        raise InputError(f"unknown part {which!r}")
    Z = getattr(parts, which)[:, :dims]
    labels = [f"{i}: {html.escape(t)}" for i, t in enumerate(parts.tokens)]
    fig = go.Figure(go.Heatmap(z=Z, y=labels, colorscale="RdBu", zmid=0,
                               hovertemplate="%{y}, dim %{x}: %{z:.3f}<extra></extra>"))
    fig.update_layout(title=f"{which} rows (first {Z.shape[1]} of {getattr(parts, which).shape[1]} numbers)",
                      template="plotly_white", yaxis=dict(autorange="reversed"),
                      height=140 + 22 * len(labels), margin=dict(l=120))
    return fig
