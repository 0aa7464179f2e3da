"""HTML for the notebooks: the highlighted article and styled right-to-left tables.

Everything here is static HTML with inline styles: it shows the same in JupyterLab, in
an nbconvert HTML export and in a browser without JavaScript.  Every piece of article
text is HTML-escaped; evidence sentences sit one hover away in ``title`` attributes
(and, in the long tables, in ``<details>``).
"""
from __future__ import annotations

import html
import re
import unicodedata
from typing import Any, Iterable

import pandas as pd

from ..compare.comparison import Comparison
from ..model import Article, is_blank
from .safetext import attr, esc, without_markers
from .wording import (ABSENT, counted, display_table, format_date, format_number, format_value, text_of,
                      word)

FONT_STACK = ("'Noto Sans Arabic', 'Noto Naskh Arabic', 'Amiri', 'Geeza Pro', "
              "'Segoe UI', Tahoma, Arial, sans-serif")

# background of highlighted mentions, per kind
KIND_COLORS = {
    "quantity": "#ffe08a",
    "date": "#b9e3ff",
    "article_ref": "#c9f2c1",
    "clause": "#f6c8f0",
}
STATUS_COLORS = {"explicit": "#d8f3d1", "clause": "#fff1c7", ABSENT: "#f1f1f1"}
DISAGREE_COLOR = "#ffd9d4"

TABLE_STYLE = ("border-collapse: collapse; margin: 0.5em 0; font-size: 0.95em; "
               f"font-family: {FONT_STACK};")
CELL_STYLE = "border: 1px solid #ccc; padding: 4px 8px; vertical-align: top;"
HEAD_STYLE = CELL_STYLE + " background: #f3f3f3; font-weight: bold;"


_NUMBER = re.compile(r"(<[^>]*>)|(?:≈|&gt;|≥|≤)?\d[\d,.٬]*")


def isolate_numbers(escaped: str) -> str:
    """Wrap signed numbers ("≈12,000", "&gt;90") of already-escaped text in left-to-right
    isolates, so a sign keeps its place before the digits inside Arabic text (tags, such
    as a direction marker's, are left as they are)."""
    return _NUMBER.sub(lambda m: m.group(1) or f'<bdi dir="ltr">{m.group(0)}</bdi>', escaped)


def _direction(lang: str) -> str:
    return "rtl" if lang == "ar" else "ltr"


def _get(m: Any, name: str, default: Any = None) -> Any:
    if isinstance(m, dict):
        return m.get(name, default)
    if isinstance(m, pd.Series):
        return m.get(name, default)
    return getattr(m, name, default)


def _as_mentions(mentions: Any) -> list[Any]:
    if mentions is None:
        return []
    if isinstance(mentions, pd.DataFrame):
        return [r for _, r in mentions.iterrows()]
    return list(mentions)


# ---------------------------------------------------------------- the article


def mention_title(m: Any, lang: str = "ar", with_source: bool = True) -> str:
    """The tooltip of a highlighted mention: kind, parsed value, qualifiers, source.

    e.g. "quantity: 12,000 soldiers, deployed, approximate — source: …"."""
    t = display_table()
    kind = text_of(_get(m, "kind"))
    kind_label = t["kinds"][lang].get(kind, kind)
    parts: list[str] = []
    value = _get(m, "value")
    if kind == "quantity":
        if not is_blank(value):
            shown = counted(int(value), _get(m, "unit"), lang)
            vmax = _get(m, "value_max")
            if not is_blank(vmax):
                shown = f"{shown}–{format_number(vmax, lang)}"
            parts.append(shown)
        cat = text_of(_get(m, "category"))
        if cat:
            parts.append(t["categories"][lang].get(cat, cat))
        qual = text_of(_get(m, "qualifier"))
        if qual:
            parts.append(t["qualifier_words"][lang].get(qual, qual))
    elif kind == "date":
        if not is_blank(value):
            shown = format_date(value, lang, text_of(_get(m, "precision")) or None)
            vmax = _get(m, "value_max")
            if not is_blank(vmax):
                shown = f"{shown} – {format_date(vmax, lang)}"
            parts.append(f"{shown} ({value})")
    elif kind == "article_ref":
        number = _get(m, "number")
        if not is_blank(number):
            parts.append(word("article_no", lang).format(n=number))
        inst = text_of(_get(m, "instrument"))
        if inst:
            parts.append(t["instruments"][lang].get(inst, inst))
    elif kind == "clause":
        inst = text_of(_get(m, "instrument"))
        if inst:
            parts.append(t["instruments"][lang].get(inst, inst))
    sep = word("list_sep", lang)
    title = f"{kind_label}: {sep.join(parts)}" if parts else kind_label
    src = text_of(_get(m, "attribution")) if with_source else ""
    if src:
        title += f" — {word('source', lang)}: {src}"
    return title


def highlight_spans(text: str, mentions: Iterable[Any]) -> tuple[list[Any], list[Any]]:
    """The mentions that can be marked in place (offsets inside ``text`` and either
    disjoint or properly nested) and those that cannot (bad offsets, crossing spans)."""
    usable, rejected = [], []
    ordered = sorted(_as_mentions(mentions), key=lambda m: (int(_get(m, "start")), -int(_get(m, "end"))))
    stack: list[int] = []  # ends of open spans
    for m in ordered:
        s, e = int(_get(m, "start")), int(_get(m, "end"))
        if not (0 <= s < e <= len(text)):
            rejected.append(m)
            continue
        while stack and stack[-1] <= s:
            stack.pop()
        if stack and e > stack[-1]:
            rejected.append(m)  # crosses an open span
            continue
        stack.append(e)
        usable.append(m)
    return usable, rejected


def highlighted_text(text: str, mentions: Iterable[Any], lang: str = "ar") -> str:
    """``text`` escaped, each usable mention wrapped in a ``<mark>`` whose content is
    exactly ``text[start:end]``."""
    usable, _ = highlight_spans(text, mentions)
    events: list[tuple[int, int, int, str]] = []  # (pos, order, tiebreak, html)
    for i, m in enumerate(usable):
        s, e = int(_get(m, "start")), int(_get(m, "end"))
        kind = text_of(_get(m, "kind")) or "other"
        color = KIND_COLORS.get(kind, "#eee")
        open_tag = (f'<mark class="mention mention-{attr(kind)}" data-start="{s}" data-end="{e}" '
                    f'title="{attr(mention_title(m, lang))}" '
                    f'style="background: {color}; padding: 0 1px; border-radius: 3px;">')
        # at one position: close tags first (inner before outer), then open (outer first)
        events.append((s, 1, i, open_tag))
        events.append((e, 0, -i, "</mark>"))
    events.sort(key=lambda x: (x[0], x[1], x[2]))
    out, pos = [], 0
    for p, _, _, tag in events:
        out.append(esc(text[pos:p]))
        out.append(tag)
        pos = p
    out.append(esc(text[pos:]))
    return "".join(out)


def legend_html(lang: str = "ar") -> str:
    kinds = display_table()["kinds"][lang]
    items = "".join(
        f'<span style="background: {c}; padding: 0 6px; margin: 0 4px; border-radius: 3px;">'
        f"{esc(kinds.get(k, k))}</span>" for k, c in KIND_COLORS.items())
    return f'<div dir="{_direction(lang)}" style="font-family: {FONT_STACK}; margin: 4px 0;">{items}</div>'


def article_html(article: Article, mentions: Iterable[Any] | None = None, lang: str = "ar") -> str:
    """The cleaned article (``article.text``) as right-to-left HTML, title line first,
    every mention highlighted in place with its parsed value in a tooltip."""
    body = highlighted_text(article.text, mentions or [], lang)
    title_end = body.find("\n")
    if title_end >= 0 and "<mark" not in body[:title_end]:
        head, rest = body[:title_end], body[title_end + 1:]
        title_html = f'<div style="font-weight: bold; font-size: 1.25em; margin-bottom: 0.6em;">{head}</div>'
    else:
        title_html, rest = "", body
    return (f'<div class="article" dir="rtl" lang="ar" data-doc="{attr(article.doc)}" '
            f'style="font-family: {FONT_STACK}; line-height: 1.9; text-align: right; '
            f'border: 1px solid #ddd; border-radius: 6px; padding: 12px 16px; max-width: 48em;">'
            f'{title_html}<div style="white-space: pre-wrap;">{rest}</div></div>')


# ---------------------------------------------------------------- tables


def _header(col: str, lang: str) -> str:
    words = display_table()["words"][lang]
    return words.get(col, col)


def _table(head: list[str], rows: list[list[str]], lang: str, caption: str = "",
           cls: str = "") -> str:
    """A table from already-escaped cell HTML (each ``rows`` item: list of ``<td>``s)."""
    cap = f'<caption style="text-align: start; font-weight: bold; padding: 4px 0;">{esc(caption)}</caption>' \
        if caption else ""
    ths = "".join(f'<th style="{HEAD_STYLE}">{h}</th>' for h in head)
    trs = "".join(f"<tr>{''.join(r)}</tr>" for r in rows)
    return (f'<table class="{attr(cls)}" dir="{_direction(lang)}" lang="{lang}" style="{TABLE_STYLE}">'
            f"{cap}<thead><tr>{ths}</tr></thead><tbody>{trs}</tbody></table>")


_TAG = re.compile(r"<[^>]*>")


def text_direction(content_html: str) -> str:
    """"rtl" or "ltr" from the first strong character of the visible text, else "auto".

    Decided here rather than left to ``dir="auto"``: the browser's auto rule skips
    descendants that carry their own ``dir`` (a ``<summary dir=…>`` inside a cell), and a
    cell whose only text sits in such a child would fall back to left to right.
    """
    for ch in html.unescape(_TAG.sub("", without_markers(content_html))):
        kind = unicodedata.bidirectional(ch)
        if kind in ("R", "AL"):
            return "rtl"
        if kind == "L":
            return "ltr"
    return "auto"


def _td(content_html: str, title: str = "", style: str = "") -> str:
    t = f' title="{attr(title)}"' if title else ""
    return f'<td dir="{text_direction(content_html)}"{t} style="{CELL_STYLE} {style}">{content_html}</td>'


def frame_html(df: pd.DataFrame, lang: str = "ar", caption: str = "",
               columns: list[str] | None = None) -> str:
    """Any DataFrame as a styled table, headers in ``lang``, every cell escaped."""
    cols = columns or list(df.columns)
    head = [esc(_header(c, lang)) for c in cols]
    rows = [[_td(esc(r.get(c))) for c in cols] for _, r in df.iterrows()]
    return _table(head, rows, lang, caption)


def outlets_html(comparison: Comparison, lang: str = "ar") -> str:
    """The outlets side by side: name, publication date (and its basis), credited source."""
    cols = ["doc", "outlet", "site", "published", "published_basis", "credited_source", "byline"]
    df = comparison.outlets
    rows = []
    for _, r in df.iterrows():
        name = r["outlet"] if lang == "ar" else r["outlet_en"]
        cells = {
            "doc": esc(r["doc"]), "outlet": esc(name), "site": esc(r["site"]),
            "published": esc(format_date(r["published"], lang) if r["published"] else word("unknown", lang)),
            "published_basis": esc(r["published_basis"]), "credited_source": esc(r["credited_source"]),
            "byline": esc(r["byline"]),
        }
        rows.append([_td(cells[c]) for c in cols])
    return _table([esc(_header(c, lang)) for c in cols], rows, lang)


def outlet_card_html(comparison: Comparison, doc: str, lang: str = "ar") -> str:
    """A card for one outlet: name, site, date and its basis, credited agency, byline."""
    a = comparison.article(doc)
    m = a.meta
    name = a.label if lang == "ar" else a.label_en
    other = a.label_en if lang == "ar" else a.label
    date = format_date(m.published, lang) if m.published else word("unknown", lang)
    rows = [
        ("site", m.site), ("published", date), ("published_basis", m.published_basis),
        ("credited_source", m.credited_source), ("byline", m.byline), ("doc", a.doc),
    ]
    dl = "".join(
        f'<div><span style="color: #666;">{esc(_header(k, lang))}:</span> '
        f'<span dir="auto">{esc(v) if text_of(v) else esc(word("unknown", lang))}</span></div>'
        for k, v in rows)
    sub = f'<div style="color: #666;" dir="auto">{esc(other)}</div>' if other != name else ""
    return (f'<div class="outlet-card" dir="{_direction(lang)}" style="font-family: {FONT_STACK}; '
            f'border: 1px solid #ccc; border-radius: 8px; padding: 10px 14px; max-width: 40em; '
            f'line-height: 1.7;"><div style="font-size: 1.4em; font-weight: bold;" dir="auto">{esc(name)}</div>'
            f"{sub}{dl}</div>")


def _evidence_details(row: Any, article: Article | None, lang: str) -> str:
    """The evidence sentence in ``<details>``, the value's characters marked when the
    sentence can be located in the article around the offsets."""
    ev = text_of(_get(row, "evidence"))
    if not ev:
        return ""
    start, end = _get(row, "start"), _get(row, "end")
    inner = esc(ev)
    where = ""
    if not is_blank(start) and not is_blank(end):
        s, e = int(start), int(end)
        where = f"{s}–{e}"
        if article is not None:
            at = article.text.rfind(ev, 0, s + len(ev))  # last occurrence starting at or before s
            if at >= 0 and at + len(ev) >= e:
                a, b = s - at, e - at
                inner = (esc(ev[:a]) + f'<mark style="background: #ffe08a;">{esc(ev[a:b])}</mark>'
                         + esc(ev[b:]))
    summary = f"{esc(word('evidence', lang))} {esc(where)}".strip()
    return f'<details><summary>{summary}</summary><div dir="rtl" lang="ar">{inner}</div></details>'


def facts_table_html(facts: pd.DataFrame, lang: str = "ar", articles: Iterable[Article] | None = None,
                     with_outlet: bool = True, include_absent: bool = True) -> str:
    """One row per fact reported: outlet, fact, value (hover: evidence), source,
    qualifier, and the evidence sentence in ``<details>``."""
    by_doc = {a.doc: a for a in (articles or [])}
    label_col = "fact_ar" if lang == "ar" else "fact_en"
    outlet_col = "outlet" if lang == "ar" else "outlet_en"
    cols = (["outlet"] if with_outlet else []) + ["fact", "value", "source", "qualifier", "evidence"]
    rows = []
    for _, r in facts.iterrows():
        absent = is_blank(r.get("value")) or r.get("value") == ABSENT
        if absent and not include_absent:
            continue
        shown = format_value(text_of(r.get("fact_kind")), r.get("value"), lang, r.get("qualifier"),
                             r.get("precision"), r.get("value_num"), short=False)
        qual = text_of(r.get("qualifier"))
        qual = display_table()["qualifier_words"][lang].get(qual, qual)
        cells = {
            "outlet": _td(esc(text_of(r.get(outlet_col)) or text_of(r.get("outlet")) or r["doc"])),
            "fact": _td(esc(text_of(r.get(label_col)) or r["fact"])),
            "value": _td(f"<b><bdi>{esc(shown)}</bdi></b>", title=text_of(r.get("evidence")),
                         style=f"background: {STATUS_COLORS[ABSENT]};" if absent else ""),
            "source": _td(esc(r.get("source"))),
            "qualifier": _td(esc(qual)),
            "evidence": _td(_evidence_details(r, by_doc.get(r["doc"]), lang)),
        }
        rows.append([cells[c] for c in cols])
    return _table([esc(_header(c, lang)) for c in cols], rows, lang)


def matrix_html(comparison: Comparison, lang: str = "ar") -> str:
    """Outlets × facts: each cell its value, the evidence sentence on hover, the
    source in small type; cells of disputed facts tinted, presence facts coloured."""
    grid = comparison.cells(lang)
    kinds = comparison.fact_kinds()
    fact_ids = comparison.fact_order()
    labels = comparison.fact_labels(lang)
    outlet_labels = comparison.outlet_labels(lang)
    disputed = {(rep["doc"], d["fact"]) for d in comparison.disagreement_details()
                for v in d["values"] for rep in v["reports"]}
    head = [esc(word("outlet", lang))] + [esc(labels[f]) for f in fact_ids]
    rows = []
    for doc in comparison.docs:
        row = [_td(f"<b>{esc(outlet_labels[doc])}</b>")]
        for f in fact_ids:
            c = grid.at[outlet_labels[doc], labels[f]]
            style = ""
            if (doc, f) in disputed:
                style = f"background: {DISAGREE_COLOR};"
            elif kinds.get(f) == "presence":
                style = f"background: {STATUS_COLORS.get(c['value'], '#fff')};"
            elif c["value"] == ABSENT:
                style = f"background: {STATUS_COLORS[ABSENT]}; color: #888;"
            src = (f'<div style="font-size: 0.8em; color: #555;">{esc(c["source"])}</div>'
                   if c["source"] else "")
            tip = c["evidence"]
            if tip and c["start"] is not None:
                tip = f"{tip} [{c['start']}–{c['end']}]"
            if c.get("alternatives"):
                tip += f"\n{word('also_reported', lang)}: {word('list_sep', lang).join(c['alternatives'])}"
                src += f'<div style="font-size: 0.8em; color: #555;">+{len(c["alternatives"])}</div>'

            row.append(_td(f"<bdi>{esc(c['display'])}</bdi>{src}", title=tip, style=style + " text-align: center;"))
        rows.append(row)
    return _table(head, rows, lang, cls="fact-matrix")


def disagreements_html(comparison: Comparison, lang: str = "ar") -> str:
    """The computed paragraph, then the values table with evidence."""
    para = comparison.explain(lang)
    df = comparison.disagreements(lang)
    out = f'<p dir="{_direction(lang)}" style="font-family: {FONT_STACK}; line-height: 1.8; max-width: 48em;">{isolate_numbers(esc(para))}</p>'
    if df.empty:
        return out
    cols = ["fact_label", "display", "outlet", "published", "source", "related", "evidence"]
    heads = {"fact_label": word("fact", lang), "display": word("value", lang)}
    rows = []
    for _, r in df.iterrows():
        basis = r["source_basis"]
        src = esc(r["source"])
        if basis == "credited":
            src += f' <span style="color: #777; font-size: 0.85em;">({esc(word("credited", lang))})</span>'
        cells = {
            "fact_label": _td(esc(r["fact_label"])),
            "display": _td(f"<b><bdi>{esc(r['display'])}</bdi></b>", title=r["evidence"]),
            "outlet": _td(esc(r["outlet"])),
            "published": _td(esc(format_date(r["published"], lang) if r["published"] else "")),
            "source": _td(src),
            "related": _td(esc(r["related"])),
            "evidence": _td(_evidence_details(r, _safe_article(comparison, r["doc"]), lang)),
        }
        rows.append([cells[c] for c in cols])
    return out + _table([esc(heads.get(c) or _header(c, lang)) for c in cols], rows, lang)


def _safe_article(comparison: Comparison, doc: str) -> Article | None:
    try:
        return comparison.article(doc)
    except KeyError:
        return None


def section_html(comparison: Comparison, key: str, lang: str = "ar") -> str:
    """The story file's own title and text for a page section ("" when it gives none)."""
    title, text = comparison.section(key, lang)
    d = "rtl" if lang == "ar" else "ltr"
    out = f'<h3 dir="{d}">{esc(title)}</h3>' if title else ""
    return out + (f'<p dir="{d}">{esc(text)}</p>' if text else "")


def title_html(comparison: Comparison, lang: str = "ar") -> str:
    """The story's title, as its file gives it ("" when it gives none)."""
    title = comparison.title(lang)
    return f'<h2 dir="{"rtl" if lang == "ar" else "ltr"}">{esc(title)}</h2>' if title else ""


def fact_heading_html(comparison: Comparison, fact: str, lang: str = "ar") -> str:
    """A fact's label and what the story file says it is."""
    d = "rtl" if lang == "ar" else "ltr"
    about = comparison.about(fact, lang)
    out = f'<h3 dir="{d}">{esc(comparison.fact_labels(lang).get(fact, fact))}</h3>'
    return out + (f'<p dir="{d}">{esc(about)}</p>' if about else "")


def presence_html(comparison: Comparison, lang: str = "ar", fact: str | None = None) -> str:
    """Per outlet, the level of a presence fact (article number given / clause without
    number / not mentioned), under the fact's label and what the story says it is."""
    df = comparison.presence(fact, lang)
    rows = []
    for _, r in df.iterrows():
        rows.append([
            _td(esc(r["outlet"])),
            _td(f"<b>{esc(r['status_label'])}</b>", title=r["evidence"],
                style=f"background: {STATUS_COLORS.get(r['status'], '#fff')};"),
            _td(_evidence_details(r, _safe_article(comparison, r["doc"]), lang)),
        ])
    return _table([esc(word(c, lang)) for c in ("outlet", "status", "evidence")], rows, lang)


article4_html = presence_html  # the old name stays for callers


def mentions_table_html(mentions: Any, lang: str = "ar") -> str:
    """The mentions of one article: text, kind, parsed value (tooltip wording), offsets."""
    rows = []
    for m in sorted(_as_mentions(mentions), key=lambda m: int(_get(m, "start"))):
        kind = text_of(_get(m, "kind"))
        rows.append([
            _td(f'<span style="background: {KIND_COLORS.get(kind, "#eee")};">{esc(_get(m, "text"))}</span>',
                title=text_of(_get(m, "sentence"))),
            _td(esc(display_table()["kinds"][lang].get(kind, kind))),
            _td(esc(mention_title(m, lang, with_source=False).partition(": ")[2])),
            _td(esc(_get(m, "attribution"))),
            _td(esc(f"{_get(m, 'start')}–{_get(m, 'end')}")),
        ])
    head = [esc(word(c, lang)) for c in ("text", "kind", "value", "source", "offsets")]
    return _table(head, rows, lang)


# the notes around the content live in .notes; the notebooks call them from here
from .notes import error_line, errors_html, figure_html, files_html, removed_html  # noqa: E402,F401
