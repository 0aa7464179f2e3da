"""Hand-built comparison fixtures (own sentences) for the compare and render tests.

Nothing here goes through the loader or the extractors: the articles, mentions and
facts are written out so the tests pin the comparison logic alone.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

from helpers.compare import Comparison
from helpers.model import Article, ArticleMeta, Mention

FACT_LABELS = {
    "troops": ("القوات المنتشرة", "Troops deployed", "count"),
    "officers": ("الضباط", "Officers", "count"),
    "generals": ("الجنرالات", "Generals", "count"),
    "pact_clause": ("بند الدفاع المشترك", "Mutual-defence clause", "presence"),
    "pact_signed": ("توقيع الاتفاق", "Pact signed", "date"),
}


def make_article(doc, title, body, **meta):
    text = f"{title}\n{body}"
    return Article(doc=doc, path=f"{doc}.txt", raw=text, title=title, text=text,
                   meta=ArticleMeta(**meta))


def span(article, needle, occurrence=0):
    at = -1
    for _ in range(occurrence + 1):
        at = article.text.index(needle, at + 1)
    return at, at + len(needle)


def sentence_of(article, start):
    text = article.text
    a = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
    b = text.find(".", start)
    return text[a:(b + 1 if b >= 0 else len(text))].strip()


def quantity(article, needle, value, unit="soldiers", qualifier="exact", attribution=None):
    s, e = span(article, needle)
    return Mention(doc=article.doc, kind="quantity", text=article.text[s:e], start=s, end=e,
                   sentence=sentence_of(article, s), value=value, unit=unit, category="deployed",
                   qualifier=qualifier, attribution=attribution)


def date_mention(article, needle, value, precision):
    s, e = span(article, needle)
    return Mention(doc=article.doc, kind="date", text=article.text[s:e], start=s, end=e,
                   sentence=sentence_of(article, s), value=value, precision=precision)


def clause_mention(article, needle, number=None):
    s, e = span(article, needle)
    kind = "article_ref" if number else "clause"
    return Mention(doc=article.doc, kind=kind, text=article.text[s:e], start=s, end=e,
                   sentence=sentence_of(article, s), number=number, instrument="treaty",
                   value=number)


def fact_row(article, fact, mention=None, value=None, source="", qualifier="", precision="",
             value_num=None):
    ar, en, kind = FACT_LABELS[fact]
    row = {"doc": article.doc, "outlet": article.label, "outlet_en": article.label_en,
           "published": article.meta.published.isoformat() if article.meta.published else None,
           "fact": fact, "fact_ar": ar, "fact_en": en, "fact_kind": kind, "value": value,
           "value_num": value_num, "qualifier": qualifier, "precision": precision, "source": source,
           "evidence": "", "text": "", "start": None, "end": None}
    if mention is not None:
        row.update(evidence=mention.sentence, text=mention.text, start=mention.start, end=mention.end)
    return row


def build_fixture(troops_b=6500, qualifier_b="exact"):
    """Three outlets: A gives ≈8,000 troops incl. 200 officers and 4 generals (credits a
    minister) and the clause's number; B gives ``troops_b`` with no attribution (its
    credited agency stands in) and the clause without number; C mentions neither."""
    a = make_article(
        "a1", "قوات أجنبية تصل إلى خط الجبهة",
        "قال وزير الدفاع إن نحو 8 آلاف جندي وصلوا إلى المنطقة بينهم 200 ضابط و4 جنرالات.\n"
        "ويستند الانتشار إلى المادة 7 من الاتفاق الموقع في 3 مارس 2024.",
        outlet_ar="صحيفة الشرق", outlet_en="Al Sharq", site="sharq.example",
        published=dt.date(2025, 3, 1), published_basis="manifest")
    b = make_article(
        "b2", "انتشار عسكري جديد <script>alert(1)</script>",
        f"أعلن أن {troops_b} جندي انتشروا على الحدود.\n"
        "ويتضمن الاتفاق بندا للدفاع المشترك وقع في مارس 2024.",
        outlet_ar="موقع الغرب", outlet_en="Al Gharb",
        published=dt.date(2024, 12, 1), published_basis="dateline",
        credited_source="وكالة الأنباء الوطنية")
    c = make_article("c3", "لقاء دبلوماسي في العاصمة", "التقى الوزيران وبحثا العلاقات الثنائية.",
                     published=dt.date(2025, 3, 2))

    qa = quantity(a, "نحو 8 آلاف جندي", 8000, qualifier="approx", attribution="وزير الدفاع")
    qo = quantity(a, "200 ضابط", 200, unit="officers", attribution="وزير الدفاع")
    qg = quantity(a, "4 جنرالات", 4, unit="generals", attribution="وزير الدفاع")
    ra = clause_mention(a, "المادة 7", number=7)
    da = date_mention(a, "في 3 مارس 2024", "2024-03-03", "day")
    qb = quantity(b, f"{troops_b} جندي", troops_b, qualifier=qualifier_b)
    cb = clause_mention(b, "بندا للدفاع المشترك")
    db = date_mention(b, "في مارس 2024", "2024-03", "month")
    mentions = {"a1": [qa, qo, qg, ra, da], "b2": [qb, cb, db], "c3": []}

    rows = [
        fact_row(a, "troops", qa, "8000", "وزير الدفاع", "approx", value_num=8000.0),
        fact_row(a, "officers", qo, "200", "وزير الدفاع", "exact", value_num=200.0),
        fact_row(a, "generals", qg, "4", "وزير الدفاع", "exact", value_num=4.0),
        fact_row(a, "pact_clause", ra, "explicit"),
        fact_row(a, "pact_signed", da, "2024-03-03", precision="day"),
        fact_row(b, "troops", qb, str(troops_b), "", qualifier_b, value_num=float(troops_b)),
        fact_row(b, "officers", None, "absent"),
        fact_row(b, "generals", None, "absent"),
        fact_row(b, "pact_clause", cb, "clause"),
        fact_row(b, "pact_signed", db, "2024-03", precision="month"),
        fact_row(c, "troops", None, "absent"),
        fact_row(c, "officers", None, "absent"),
        fact_row(c, "generals", None, "absent"),
        fact_row(c, "pact_clause", None, "absent"),
        fact_row(c, "pact_signed", None, "absent"),
    ]
    return Comparison(story=None, story_path="story.yaml", articles=[a, b, c],
                      mentions_by_doc=mentions, facts=pd.DataFrame(rows))
