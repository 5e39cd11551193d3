"""Corpus scale: every occurrence of a word in a corpus, extracted locally or on Dask, and the senses in the data.

- :mod:`.reader`: a corpus (the bundled English text, .txt / .jsonl / .parquet / .tsv files, folders) in chunks;
- :mod:`.sentences`: a rule-based sentence splitter;
- :mod:`.extract`: find the words, read their hidden states, write Parquet shards (:mod:`.shards`);
- :mod:`.engines`: run the chunks here or on Dask;
- :mod:`.texts`: texts as sentence vectors in resumable chunks, here or on Dask (behind ``embed_texts``);
- :mod:`.store`: read an extraction back;
- :mod:`.senses`: cluster the occurrences into senses found in the data.
"""

from .engines import DaskEngine, LocalEngine, SchedulerUnreachableError, get_engine
from .extract import Extraction, extract_occurrences, find_occurrences
from .reader import Corpus, open_corpus
from .sentences import split_sentences
from .shards import DiskFullError
from .store import extraction_info, read_occurrences

__all__ = ["extract_occurrences", "Extraction", "find_occurrences", "read_occurrences", "extraction_info",
           "open_corpus", "Corpus", "split_sentences", "get_engine", "LocalEngine", "DaskEngine",
           "SchedulerUnreachableError", "DiskFullError"]
