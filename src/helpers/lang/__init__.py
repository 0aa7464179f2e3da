"""Arabic language layer: normalization with an offset map, morphology, number words."""
