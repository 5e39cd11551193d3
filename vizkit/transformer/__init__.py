"""Inside a transformer: its embedding layer, what that layer costs in weights, and a decoder generating text.

- :mod:`.embedding_layer`: text -> tokens -> ids -> rows, plus positions (the bundled MiniLM);
- :mod:`.embedding_params`: embedding weights counted from a model's ``config.json``;
- :mod:`.decoder`: SmolLM2-135M-Instruct generating token by token, offline.

Hidden states for maps and animations come from :class:`vizkit.sources.LLM`.
"""

from .decoder import DecoderUnavailableError, Generation, generate, load_decoder
from .embedding_layer import InputEmbedding, input_embedding, position_heatmap, position_similarity, rows_heatmap
from .embedding_params import PRESETS, EmbeddingParams, embedding_params, load_config

__all__ = ["InputEmbedding", "input_embedding", "position_similarity", "position_heatmap", "rows_heatmap",
           "PRESETS", "EmbeddingParams", "embedding_params", "load_config", "DecoderUnavailableError",
           "Generation", "generate", "load_decoder"]
