"""Cleaning: the article body without page chrome, duplicates and credits."""
