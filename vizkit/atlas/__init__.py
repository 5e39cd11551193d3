"""The atlas: a whole vocabulary, or your own embeddings, as one map you can read, search and export.

- :mod:`.atlas`: :class:`Atlas`, the state: one fitted map, its labelled clusters, search, true neighbours,
  the distortion colouring, the figure;
- :mod:`.clusters`: clusters of the map and their labels, computed offline and deterministically
  (words: the most frequent words nearest each cluster's centre; texts: each cluster's distinctive terms).

- :mod:`.page`: :func:`write_page`, the atlas as one offline HTML page (search, true neighbours, colours,
  labels by zoom, lasso to CSV), its data packed as compressed binary.
"""

from .atlas import Atlas
from .clusters import Clusters, cached_cluster_levels, cluster_levels, find_clusters, text_cluster_labels, word_cluster_labels
from .page import page_html, write_page

__all__ = ["Atlas", "Clusters", "find_clusters", "cluster_levels", "word_cluster_labels", "text_cluster_labels",
           "cached_cluster_levels",
           "write_page", "page_html"]
