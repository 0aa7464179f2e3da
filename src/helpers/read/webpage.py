"""Saved web pages to text: the title, the article's text and a publication date from
the page's metadata."""
from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path


_HTML_SNIFF = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)


def is_html(path: str | os.PathLike, text: str) -> bool:
    if Path(path).suffix.lower() in (".html", ".htm"):
        return True
    return bool(_HTML_SNIFF.match(text[:2000]))


def html_to_text(html: str) -> tuple[str | None, str, dt.date | None]:
    """``(title, article text, date from the page's metadata)`` of a saved web page.

    The article text comes from trafilatura; when it finds none, from the page body
    without scripts, styles, navigation, headers and footers.  Script and style contents
    never become text."""
    import trafilatura

    title: str | None = None
    text = ""
    date: dt.date | None = None
    try:
        doc = trafilatura.bare_extraction(
            html,
            with_metadata=True,
            include_comments=False,
            include_images=False,
            date_extraction_params={"extensive_search": False, "original_date": True},
        )
    except Exception:  # trafilatura raises assorted errors on malformed markup
        doc = None
    if doc is not None:
        title = (doc.title or "").strip() or None
        text = (doc.text or "").strip()
        if doc.date:
            try:
                date = dt.date.fromisoformat(str(doc.date)[:10])
            except ValueError:
                date = None
    if not text:
        title2, text = _lxml_body_text(html)
        title = title or title2
    return title, text, date


def _lxml_body_text(html: str) -> tuple[str | None, str]:
    import lxml.html

    try:
        root = lxml.html.document_fromstring(html)
    except (ValueError, lxml.etree.ParserError):
        return None, ""
    for bad in root.xpath("//script|//style|//noscript|//template|//nav|//footer|//header|//aside|//form|//iframe"):
        bad.drop_tree()
    h1 = root.xpath("//h1")
    title = " ".join(h1[0].text_content().split()) if h1 else None
    if not title:
        t = root.xpath("//title")
        title = " ".join(t[0].text_content().split()) if t else None
    body = root.find("body")
    if body is None:
        return title, ""
    blocks: list[str] = []
    for el in body.iter("p", "div", "li", "h1", "h2", "h3", "h4", "td", "blockquote"):
        own = " ".join(el.text_content().split())
        if own and not any(child.tag in ("p", "div", "li", "h1", "h2", "h3", "h4", "td", "blockquote") for child in el):
            blocks.append(own)
    if not blocks:
        blocks = [" ".join(line.split()) for line in body.text_content().split("\n") if line.strip()]
    return title, "\n".join(blocks)
