"""Shared text between articles: who carried whose text.

* :func:`find_reuse` — the pairs of articles that share passages (MinHash LSH for
  candidates, then an exact word alignment), with the shared spans in both articles'
  offsets, the share of each article that is shared and the words that differ;
* :mod:`helpers.reuse.facts` — the comparison's facts read against that: which values
  come from shared text, how many independent reports each value has, and which
  disagreements are one text with a figure changed.
"""
from .detect import Difference, Passage, ReusePair, Span, compare_pair, find_reuse

__all__ = ["find_reuse", "compare_pair", "ReusePair", "Passage", "Span", "Difference"]
