"""The package's data tables (``helpers/data/*.yaml``): every word of the language the
stages use lives there, and every stage reads its table through :func:`load_data_table`."""
from __future__ import annotations

from importlib import resources
from typing import Any

import yaml


def load_data_table(name: str) -> Any:
    """A YAML table of ``helpers/data`` (``name`` like "dates.yaml"), parsed with libyaml
    when PyYAML has it (several times faster than the pure-Python parser, same result)."""
    text = resources.files("helpers").joinpath("data", name).read_text("utf-8")
    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
