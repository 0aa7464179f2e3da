"""Comparison: story rules, reported facts, agreement and disagreement between outlets."""
