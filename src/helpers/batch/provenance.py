"""The provenance line at the foot of every page of a report: when it was made, by
which version of this package, from which story file and which inputs.

The inputs fingerprint is :attr:`helpers.batch.plan.Job.fingerprint`: a short hash of
the article(s) the page was made from, the story and the manifest, so a reader who was
sent the files can tell whether a page was made from them.  The story is named by its
file name only, never its folder.  The line also carries its values as ``data-``
attributes of the ``<footer>`` for a script to read.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING

from .. import __version__

if TYPE_CHECKING:
    from .plan import Job

TOOL_NAME = "helpers"
FOOTER_CLASS = "report-provenance"


def generated_at(now: dt.datetime | None = None) -> str:
    """``now`` (default: this instant) in UTC, ISO 8601 to the second: ``2025-01-02T03:04:05Z``."""
    now = now or dt.datetime.now(dt.timezone.utc)
    return now.astimezone(dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def provenance(job: Job, story: Path, now: dt.datetime | None = None) -> dict[str, str]:
    """The values of the line for the page of ``job``."""
    return {"generated": generated_at(now), "tool": TOOL_NAME, "version": __version__,
            "story": Path(story).name, "fingerprint": job.fingerprint}


def footer_html(values: dict[str, str], words: dict[str, str]) -> str:
    """The ``<footer>`` element (every value escaped, direction controls shown as
    markers, each value isolated from the words around it)."""
    import html

    from ..present.safetext import esc, plain

    def attr(key: str) -> str:
        return html.escape(plain(values[key]), quote=True)

    shown = {k: f"<bdi>{esc(v)}</bdi>" for k, v in values.items()}
    # "helpers 0.1.0" reads as one Latin run inside Arabic, not as two
    shown["tool_version"] = f'<bdi dir="ltr">{esc(values["tool"])} {esc(values["version"])}</bdi>'
    shown["generated"] = f'<time datetime="{attr("generated")}" dir="ltr">{esc(values["generated"])}</time>'
    shown["fingerprint"] = (f'<bdi title="{html.escape(words["fingerprint_note"], quote=True)}">'
                            f'<code>{esc(values["fingerprint"])}</code></bdi>')
    line = words["provenance"].format(**shown)
    data = " ".join(f'data-{k}="{attr(k)}"' for k in ("generated", "version", "story", "fingerprint"))
    return (f'<footer class="{FOOTER_CLASS}" {data} style="margin-top:2rem;padding-top:0.5rem;'
            f'border-top:1px solid #ddd;color:#555;font-size:0.85em">'
            f'<p dir="auto">{line}</p></footer>')
