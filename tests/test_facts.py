"""Story catalogue → facts: the rules on hand-built mentions and sentences of our own, a
second story written as YAML only, and the seeds against tests/gold/story_facts.csv."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from helpers.lang.arabic import fold
from helpers.compare.facts import facts_frame, story_facts
from helpers.compare.story import load_story
from helpers.model import RECORD_COLUMNS, Article, ArticleMeta, InputError, Mention

ROOT = Path(__file__).resolve().parents[1]
KURSK = ROOT / "stories" / "kursk.yaml"


def article(body, doc="x1", published=dt.date(2025, 3, 10), **meta):
    title = "عنوان الخبر"
    text = f"{title}\n{body}"
    return Article(doc=doc, path=f"{doc}.txt", raw=text, title=title, text=text,
                   meta=ArticleMeta(published=published, **meta))


def at(a, needle, occurrence=0):
    i = -1
    for _ in range(occurrence + 1):
        i = a.text.index(needle, i + 1)
    return i, i + len(needle)


def sentence(a, start):
    from helpers.extractors.text import TextContext

    s, e = TextContext(a.text).sentence_at(start)
    return a.text[s:e]


def qty(a, needle, value, unit="soldiers", category="deployed", attribution=None, qualifier="exact"):
    s, e = at(a, needle)
    return Mention(doc=a.doc, kind="quantity", text=needle, start=s, end=e, sentence=sentence(a, s),
                   value=value, unit=unit, category=category, qualifier=qualifier, attribution=attribution)


def date(a, needle, value, precision="day", occurrence=0):
    s, e = at(a, needle, occurrence)
    return Mention(doc=a.doc, kind="date", text=needle, start=s, end=e, sentence=sentence(a, s),
                   value=value, precision=precision)


def ref(a, needle, number, instrument="treaty"):
    s, e = at(a, needle)
    return Mention(doc=a.doc, kind="article_ref", text=needle, start=s, end=e, sentence=sentence(a, s),
                   value=number, number=number, instrument=instrument)


def clause(a, needle, instrument="treaty"):
    s, e = at(a, needle)
    return Mention(doc=a.doc, kind="clause", text=needle, start=s, end=e, sentence=sentence(a, s),
                   instrument=instrument)


@pytest.fixture(scope="module")
def kursk():
    return load_story(KURSK)


def by_fact(rows):
    return {r.fact: r for r in rows}


# --- counts -------------------------------------------------------------------------------


def test_largest_count_wins_and_others_are_alternatives(kursk):
    a = article("قال مسؤول إن 4 آلاف جندي وصلوا. وقدرت وزارة الدفاع العدد بنحو 9 آلاف جندي في الجبهة.")
    ms = [qty(a, "4 آلاف جندي", 4000, attribution="مسؤول"),
          qty(a, "نحو 9 آلاف جندي", 9000, attribution="وزارة الدفاع", qualifier="approx")]
    f = by_fact(story_facts(kursk, a, ms))["troops_deployed"]
    assert (f.value, f.value_num, f.qualifier, f.source) == ("9000", 9000.0, "approx", "وزارة الدفاع")
    assert [x.value for x in f.alternatives] == ["4000"]
    assert a.text[f.start:f.end] == "نحو 9 آلاف جندي"
    assert f.evidence == ms[1].sentence


def test_equal_counts_prefer_the_attributed_one(kursk):
    a = article("انتشر 7 آلاف جندي. وأكد الجيش أن 7 آلاف جندي انتشروا.")
    first = qty(a, "7 آلاف جندي", 7000)
    s, e = at(a, "7 آلاف جندي", 1)
    second = Mention(doc=a.doc, kind="quantity", text="7 آلاف جندي", start=s, end=e,
                     sentence=sentence(a, s), value=7000, unit="soldiers", category="deployed",
                     qualifier="exact", attribution="الجيش")
    f = by_fact(story_facts(kursk, a, [first, second]))["troops_deployed"]
    assert f.source == "الجيش" and f.start == s


def test_officers_inherit_the_troops_source_of_their_sentence(kursk):
    a = article("وقال الجيش إن 6 آلاف جندي بينهم 200 ضابط و2 جنرالات وصلوا.")
    ms = [qty(a, "6 آلاف جندي", 6000, attribution="الجيش"),
          qty(a, "200 ضابط", 200, unit="officers"), qty(a, "2 جنرالات", 2, unit="generals")]
    f = by_fact(story_facts(kursk, a, ms))
    assert f["officers"].source == "الجيش" and f["generals"].source == "الجيش"


def test_other_categories_are_not_deployment(kursk):
    a = article("قتل 500 جندي في المعارك.")
    f = by_fact(story_facts(kursk, a, [qty(a, "500 جندي", 500, category="killed")]))
    assert "troops_deployed" not in f


# --- presence -----------------------------------------------------------------------------


def test_presence_levels(kursk):
    a = article("وتنص المادة 4 من المعاهدة على الدفاع. وتتضمن بندا للدفاع المشترك.")
    f = by_fact(story_facts(kursk, a, [ref(a, "المادة 4", 4), clause(a, "بندا للدفاع المشترك")]))
    assert f["treaty_article_4"].value == "explicit" and f["treaty_article_4"].source == ""
    f = by_fact(story_facts(kursk, a, [clause(a, "بندا للدفاع المشترك")]))
    assert f["treaty_article_4"].value == "clause"
    # article 4 of another instrument is not the treaty's
    f = by_fact(story_facts(kursk, a, [ref(a, "المادة 4", 4, "un_charter")]))
    assert f["treaty_article_4"].value == "absent"
    assert f["treaty_article_4"].value_num is None and f["treaty_article_4"].start is None


def test_clause_of_another_instrument_is_not_the_treatys(kursk):
    a = article("ويتضمن ميثاق الحلف بندا للدفاع المشترك.")
    f = by_fact(story_facts(kursk, a, [clause(a, "بندا للدفاع المشترك", instrument="other")]))
    assert f["treaty_article_4"].value == "absent"


# --- dated events ---------------------------------------------------------------------------


def test_event_dates_from_cue_words(kursk):
    a = article("ووقع البلدان معاهدة الشراكة في 3 مارس 2024 خلال قمة. "
                "وكانت قوات الجار قد توغلت في منطقة كورسك في مايو 2024. "
                "وأقرت موسكو، يوم الأحد، بمشاركة الجنود. "
                "وبحسب الجيش، وصلت الوحدات الكورية إلى الجبهة في 5 يوليو 2024. "
                "وفي 9 يوليو 2024 هاجمت القوات الوحدات لأول مرة.")
    ms = [date(a, "في 3 مارس 2024", "2024-03-03"), date(a, "في مايو 2024", "2024-05", "month"),
          date(a, "يوم الأحد", "2025-03-09"), date(a, "في 5 يوليو 2024", "2024-07-05"),
          date(a, "في 9 يوليو 2024", "2024-07-09")]
    ms[3].attribution = "الجيش"
    f = by_fact(story_facts(kursk, a, ms))
    assert f["treaty_signed"].value == "2024-03-03"
    assert f["kursk_incursion"].value == "2024-05" and f["kursk_incursion"].precision == "month"
    assert f["russia_confirmed"].value == "2025-03-09"
    assert f["nk_troops_arrived"].value == "2024-07-05" and f["nk_troops_arrived"].source == "الجيش"
    assert f["first_clash"].value == "2024-07-09"
    # events of public record carry no source in this catalogue
    assert f["treaty_signed"].source == ""


def test_negation_blocks_the_event(kursk):
    a = article("ولم تؤكد روسيا يوم الأحد وجود القوات.")
    f = by_fact(story_facts(kursk, a, [date(a, "يوم الأحد", "2025-03-09")]))
    assert "russia_confirmed" not in f


def test_cue_words_must_be_near_each_other(kursk):
    # "أكد" and "روسيا" far apart: someone else confirmed something about Russia
    a = article("وفي يناير 2025 أكد حلف الأطلسي أن قوات أجنبية كثيرة انتشرت منذ مدة طويلة في روسيا.")
    f = by_fact(story_facts(kursk, a, [date(a, "في يناير 2025", "2025-01", "month")]))
    assert "russia_confirmed" not in f


def test_a_date_goes_to_the_nearest_event(kursk):
    a = article("وأبلغ رئيس الأركان بوتين في 2 مايو 2025 باستعادة كورسك من القوات التي غزتها في مارس 2024.")
    ms = [date(a, "في 2 مايو 2025", "2025-05-02"), date(a, "في مارس 2024", "2024-03", "month")]
    f = by_fact(story_facts(kursk, a, ms))
    assert f["russia_confirmed"].value == "2025-05-02"
    assert f["kursk_incursion"].value == "2024-03"


def test_another_named_treaty_is_not_the_story_treaty(kursk):
    a = article("وتحل المعاهدة الجديدة محل معاهدة الصداقة الموقعة بين البلدين في عام 1961.")
    f = by_fact(story_facts(kursk, a, [date(a, "في عام 1961", "1961", "year")]))
    assert "treaty_signed" not in f


def test_kursk_context_is_required_for_incursion(kursk):
    a = article("وكانت القوات قد توغلت في المنطقة في مايو 2024.")
    f = by_fact(story_facts(kursk, a, [date(a, "في مايو 2024", "2024-05", "month")]))
    assert "kursk_incursion" not in f


def test_doc_id_only_reads_the_mentions_sentences(kursk):
    a = article("ووقع البلدان معاهدة الشراكة في 3 مارس 2024 خلال قمة.")
    rows = story_facts(kursk, "x1", [date(a, "في 3 مارس 2024", "2024-03-03")])
    assert by_fact(rows)["treaty_signed"].value == "2024-03-03"
    assert by_fact(rows)["treaty_signed"].outlet == "x1"


# --- the frame -------------------------------------------------------------------------------


def test_frame_rows_and_columns(kursk):
    a = article("انتشر 5 آلاف جندي قرب الحدود.", doc="a1", outlet_ar="صحيفة", outlet_en="Paper")
    b = article("لقاء دبلوماسي.", doc="b2")
    frame = facts_frame(kursk, [a, b], {"a1": [qty(a, "5 آلاف جندي", 5000)], "b2": []})
    assert list(frame.columns[:17]) == ["doc", "outlet", "outlet_en", "published", "fact", "fact_ar",
                                        "fact_en", "fact_kind", "value", "value_num", "qualifier",
                                        "precision", "source", "evidence", "text", "start", "end"]
    assert frame[frame.doc == "b2"][["fact", "value"]].values.tolist() == [["treaty_article_4", "absent"]]
    row = frame[(frame.doc == "a1") & (frame.fact == "troops_deployed")].iloc[0]
    assert (row.outlet, row.outlet_en, row.published, row.fact_ar, row.fact_kind) == \
        ("صحيفة", "Paper", "2025-03-10", "الجنود المنتشرون", "count")
    assert b.label == frame[frame.doc == "b2"].iloc[0].outlet == "b2"


def test_a_reported_fact_survives_its_record_and_a_csv_file(kursk, tmp_path):
    import csv

    import pandas as pd

    from helpers.model import Alternative, ReportedFact

    a = article("قال مسؤول إن 4 آلاف جندي وصلوا. وقدرت وزارة الدفاع العدد بنحو 9 آلاف جندي في الجبهة. "
                "ووقع البلدان معاهدة الشراكة في 3 مارس 2024 خلال قمة.", outlet_ar="صحيفة", outlet_en="Paper")
    ms = [qty(a, "4 آلاف جندي", 4000, attribution="مسؤول"),
          qty(a, "نحو 9 آلاف جندي", 9000, attribution="وزارة الدفاع", qualifier="approx"),
          date(a, "في 3 مارس 2024", "2024-03-03")]
    facts = story_facts(kursk, a, ms)
    troops = by_fact(facts)["troops_deployed"]
    assert troops.unit == "soldiers" and troops.mentions == (ms[1],)
    assert troops.alternatives == (Alternative("4000", "مسؤول", "4 آلاف جندي", *at(a, "4 آلاف جندي"), "exact"),)
    assert [ReportedFact.from_record(f.to_record()) for f in facts] == facts
    path = tmp_path / "facts.csv"
    facts_frame(kursk, [a], {a.doc: ms}).to_csv(path, index=False)
    with open(path, encoding="utf-8", newline="") as fh:
        back = [ReportedFact.from_record(r) for r in csv.DictReader(fh)]
    assert back == facts
    assert [ReportedFact.from_record(r) for r in pd.read_csv(path).to_dict("records")] == facts


def test_a_reported_fact_as_json(kursk):
    a = article("قال مسؤول إن 4 آلاف جندي وصلوا. وقدرت وزارة الدفاع العدد بنحو 9 آلاف جندي في الجبهة.")
    ms = [qty(a, "4 آلاف جندي", 4000, attribution="مسؤول"),
          qty(a, "نحو 9 آلاف جندي", 9000, attribution="وزارة الدفاع", qualifier="approx")]
    f = by_fact(story_facts(kursk, a, ms))["troops_deployed"]
    rec = f.to_json()
    assert json.loads(json.dumps(rec, ensure_ascii=False)) == rec
    assert rec["doc"] == "x1" and rec["value"] == "9000" and rec["value_num"] == 9000 and rec["unit"] == "soldiers"
    assert rec["alternatives"] == [{"value": "4000", "source": "مسؤول", "text": "4 آلاف جندي",
                                    "start": ms[0].start, "end": ms[0].end, "qualifier": "exact"}]
    assert list(rec) == list(RECORD_COLUMNS)
    absent = by_fact(story_facts(kursk, article("لا شيء هنا."), []))["treaty_article_4"].to_json()
    assert absent["value_num"] is None and absent["alternatives"] == []


# --- a second story, written as YAML only ---------------------------------------------------


CASUALTIES = """
id: casualties
title_ar: خسائر المعارك
title_en: Battle casualties
facts:
  - id: killed
    kind: count
    label_ar: القتلى
    label_en: Killed
    mentions: {kind: quantity, unit: soldiers, category: killed}
  - id: wounded
    kind: count
    label_ar: الجرحى
    label_en: Wounded
    mentions: {kind: quantity, unit: soldiers, category: [wounded, casualties]}
  - id: ceasefire
    kind: date
    label_ar: وقف إطلاق النار
    label_en: Ceasefire
    cues:
      - within: 3
        groups:
          - [أعلن, أعلنت, إعلان]
          - [هدنة, الهدنة]
"""


def test_second_story_from_yaml(tmp_path):
    p = tmp_path / "casualties.yaml"
    p.write_text(CASUALTIES, encoding="utf-8")
    story = load_story(p)
    a = article("قتل 40 جنديا وأصيب 130 آخرون. وأعلنت الحكومة هدنة في 2 فبراير 2025.")
    ms = [qty(a, "40 جنديا", 40, category="killed"), qty(a, "130 آخرون", 130, category="wounded"),
          date(a, "في 2 فبراير 2025", "2025-02-02")]
    f = by_fact(story_facts(story, a, ms))
    assert {k: v.value for k, v in f.items()} == {"killed": "40", "wounded": "130", "ceasefire": "2025-02-02"}
    assert f["killed"].fact_ar == "القتلى" and f["ceasefire"].fact_kind == "date"


@pytest.mark.parametrize("content, problem", [
    ("facts: [", "not valid YAML"),
    ("title_ar: x\n", "'facts' list"),
    ("facts:\n  - {id: a, kind: number}\n", "kind must be one of"),
    ("facts:\n  - {id: a, kind: count}\n", "'mentions'"),
    ("facts:\n  - {id: a, kind: date, cues: [{groups: []}]}\n", "groups"),
    ("facts:\n  - {id: a, kind: count, mentions: {kind: quantity}, source_from: b}\n", "source_from"),
])
def test_bad_story_is_one_clear_error(tmp_path, content, problem):
    p = tmp_path / "bad.yaml"
    p.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as e:
        load_story(p)
    assert str(p) in str(e.value) and problem in str(e.value)
    assert "\n" not in str(e.value)


def test_missing_story_file(tmp_path):
    with pytest.raises(InputError, match="no such story file"):
        load_story(tmp_path / "none.yaml")


# --- acceptance: the seeds against the gold facts ---------------------------------------------


def test_seed_facts_match_gold(kursk, gold_story_facts):
    from helpers.read.corpus import load_corpus
    from helpers.extractors.pipeline import extract

    articles, errors = load_corpus(ROOT / "seeds")
    assert not errors
    mentions = {a.doc: extract(a) for a in articles}
    frame = facts_frame(kursk, articles, mentions)
    got = {(r.doc, r.fact, r.value): r.source for r in frame.itertuples()
           if not (r.fact_kind == "presence" and r.value == "absent")}
    want = {(r["doc"], r["fact"], r["value"]): r["source"] for r in gold_story_facts}
    assert set(got) == set(want)
    # the gold names the source; the reported one must contain that name ("زيلينسكي" in
    # "الرئيس الأوكراني فولوديمير زيلينسكي"), and be empty where the gold has none
    for key, source in want.items():
        assert (fold(source) in fold(got[key])) if source else got[key] == "", key
    # every fact traces back to its characters
    import pandas as pd

    by_doc = {a.doc: a for a in articles}
    reported = [r for r in frame.itertuples() if not (r.fact_kind == "presence" and r.value == "absent")]
    assert len(reported) == len(got)
    for r in reported:
        assert not pd.isna(r.start), (r.doc, r.fact)
        assert by_doc[r.doc].text[int(r.start):int(r.end)] == r.text
        assert r.text in r.evidence


def test_story_cue_words_are_split_like_the_text(tmp_path):
    # the text's words are runs of letters, so a hyphenated cue matches the two words
    p = tmp_path / "s.yaml"
    p.write_text("facts:\n  - {id: ev, kind: date, cues: [{groups: [[الهجوم-البري]]}]}\n", encoding="utf-8")
    story = load_story(p)
    assert story.fact("ev").cues[0].groups[0] == (("الهجوم", "البري"),)
    a = article("وبدأ الهجوم البري في 3 مارس 2024 قرب الحدود.")
    f = by_fact(story_facts(story, a, [date(a, "في 3 مارس 2024", "2024-03-03")]))
    assert f["ev"].value == "2024-03-03"


def test_a_cue_without_a_word_is_one_clear_error(tmp_path):
    p = tmp_path / "s.yaml"
    p.write_text('facts:\n  - {id: ev, kind: date, cues: [{groups: [["،"]]}]}\n', encoding="utf-8")
    with pytest.raises(InputError, match="no word"):
        load_story(p)
