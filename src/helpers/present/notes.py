"""The notes around a page's content: the files that were refused, the files written,
what the cleaner cut, and figures as embedded images.

Paths in them are shown relative to a folder the reader has (:mod:`.shownpath`), never
as this machine's absolute folders.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Iterable

from ..model import Article
from .render import FONT_STACK
from .safetext import attr, esc
from .shownpath import scrub_paths, shown_path
from .wording import text_of, word


def _direction(lang: str) -> str:
    return "rtl" if lang == "ar" else "ltr"


def error_line(error: Any, base: Any = None) -> str:
    """One refused file as a reader of the page sees it: its path relative to ``base``
    (the articles folder), else its file name, then the reason."""
    path, reason = getattr(error, "path", None), getattr(error, "reason", None)
    if path is not None and reason is not None:
        return f"{shown_path(path, base)}: {scrub_paths(reason, [(base, '.')])}"
    return scrub_paths(str(error), [(base, ".")])


def errors_html(errors: Iterable[Any], lang: str = "ar", base: Any = None) -> str:
    """Files that were refused, one line each (empty string when none); paths relative
    to ``base`` (the articles folder), else file names."""
    items = "".join(f"<li><code>{esc(error_line(e, base))}</code></li>" for e in errors)
    if not items:
        return ""
    head = word("errors_heading", lang)
    return (f'<div dir="{_direction(lang)}" style="border: 1px solid #e0a800; background: #fff8e1; '
            f'padding: 6px 12px; font-family: {FONT_STACK};"><b>{esc(head)}</b><ul>{items}</ul></div>')


def figure_html(fig: Any, dpi: int = 110, alt: str = "") -> str:
    """A matplotlib figure as an embedded PNG ``<img>`` (shows in static HTML exports
    and needs no plotting backend); the figure is released afterwards."""
    import base64
    import io

    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, bbox_inches="tight")
    fig.clear()
    data = base64.b64encode(buf.getvalue()).decode("ascii")
    return f'<img alt="{attr(alt)}" style="max-width: 100%;" src="data:image/png;base64,{data}"/>'


def files_html(written: dict[str, Any], lang: str = "ar", relative_to: Any = None) -> str:
    """Where the outputs went: one line per file, relative to ``relative_to`` (default
    the project root) when inside it, else to the folder the files share."""
    from ..paths import project_root

    paths = {name: Path(p).resolve() for name, p in written.items()}
    try:
        shared = os.path.commonpath([str(p.parent) for p in paths.values()]) if paths else None
    except ValueError:  # different drives
        shared = None
    base = relative_to if relative_to is not None else project_root()
    items = [f"<li>{esc(name)}: <code dir=\"ltr\">{esc(shown_path(p, base, shared))}</code></li>"
             for name, p in paths.items()]
    return (f'<div dir="{_direction(lang)}" style="font-family: {FONT_STACK};">'
            f'<b>{esc(word("files_written", lang))}</b><ul>{"".join(items)}</ul></div>')


def removed_html(article: Article, lang: str = "ar") -> str:
    """What the cleaner cut from the page (menus, tickers, related headlines…), folded."""
    if not article.removed:
        return ""
    items = "".join(
        f'<li><span style="color: #777;">{esc(r.get("kind", ""))}</span>: '
        f'<span dir="rtl" lang="ar">{esc(_short(r.get("text", "")))}</span></li>' for r in article.removed)
    summary = word("removed_summary", lang).format(n=len(article.removed))
    return (f'<details dir="{_direction(lang)}" style="font-family: {FONT_STACK}; color: #444;">'
            f"<summary>{esc(summary)}</summary><ul>{items}</ul></details>")


def _short(text: Any, limit: int = 160) -> str:
    s = " ".join(text_of(text).split())
    return s if len(s) <= limit else s[:limit - 1] + "…"
