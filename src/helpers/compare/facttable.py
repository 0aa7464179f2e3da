"""The facts table: :class:`~helpers.model.ReportedFact` to DataFrame and back.

One row per fact (:meth:`ReportedFact.to_record`), columns
:data:`~helpers.model.RECORD_COLUMNS`; ``start``/``end`` as nullable integers.
"""
from __future__ import annotations

from typing import Iterable

import pandas as pd

from ..model import RECORD_COLUMNS, ReportedFact, is_blank


def frame_of(facts: Iterable[ReportedFact]) -> pd.DataFrame:
    """The facts table of ``facts``: one row each."""
    frame = pd.DataFrame([f.to_record() for f in facts], columns=list(RECORD_COLUMNS))
    frame["value_num"] = frame["value_num"].astype(float)
    for col in ("start", "end"):
        frame[col] = pd.array([None if is_blank(v) else int(v) for v in frame[col]], dtype="Int64")
    return frame


def facts_of_frame(frame: pd.DataFrame) -> list[ReportedFact]:
    """The facts of a facts table (one :class:`ReportedFact` per row)."""
    return [ReportedFact.from_record(r) for r in frame.to_dict("records")]
