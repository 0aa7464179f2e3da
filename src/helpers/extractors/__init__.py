"""Extraction: the text substrate and the extractors of counts, dates, sources and legal articles."""
