"""Batch: report plan and fingerprints, notebook execution, HTML export, the index page."""
