"""Process-wide state a notebook can change and the next notebook in the same kernel
would otherwise inherit (used by :mod:`helpers.batch.nbrun`, which reuses kernels).

The first call of :func:`baseline_or_restore` in a kernel records the baseline: the
working directory, ``sys.path``, the environment variables, the warning filters,
matplotlib's rcParams (importing matplotlib and pandas if the
notebooks' imports have not done so already, so the baseline includes what the
inline backend sets).  Every later call puts all of these back, resets pandas'
options to their defaults and closes open figures.  The user namespace itself is cleared by IPython's ``reset`` before the call.

What stays shared, as documented in :mod:`helpers.batch.nbrun`: modules already imported
(and attributes a notebook might assign on them) and the package's own caches of its
data tables, which depend only on the installed files.

Only the standard library is imported at module level: this runs inside the kernel.
"""
from __future__ import annotations

import os
import sys
import warnings
from typing import Any

_BASELINE: dict[str, Any] | None = None


def _snapshot(cwd: str) -> dict[str, Any]:
    import matplotlib
    import matplotlib.pyplot  # noqa: F401 - the inline backend sets its rcParams on import
    import pandas  # noqa: F401 - its options start from their defaults

    return {
        "cwd": cwd,
        "path": list(sys.path),
        "environ": dict(os.environ),
        "warnings": list(warnings.filters),
        "rc": matplotlib.rcParams.copy(),
    }


def baseline_or_restore(cwd: str) -> bool:
    """Record the baseline (first call: returns False) or restore it (True)."""
    global _BASELINE
    os.chdir(cwd)
    if _BASELINE is None or _BASELINE["cwd"] != cwd:
        _BASELINE = _snapshot(cwd)
        return False
    import matplotlib
    import matplotlib.pyplot as plt
    import pandas as pd

    b = _BASELINE
    plt.close("all")
    sys.path[:] = b["path"]
    for key in set(os.environ) - set(b["environ"]):
        del os.environ[key]
    os.environ.update(b["environ"])
    warnings.filters[:] = b["warnings"]
    warnings._filters_mutated()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # deprecated keys warn on assignment
        matplotlib.rcParams.update(b["rc"])
        pd.reset_option("all")
    return True
