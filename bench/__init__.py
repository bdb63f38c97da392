"""Benchmarks of the archive build (``python -m bench``, ``make bench``); not collected by pytest.

Corpora are made of real articles from ``../shared/data/saudinewsnet/articles`` in a
temporary folder (never in the repository): the 1,986 articles, repeated with fresh ids
beyond that. See ``python -m bench --help``.
"""
