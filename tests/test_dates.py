"""Dates: each rule of the module on sentences written for these tests, then the gold files.

Publication dates used below: 2025-04-10 is a Thursday, 2024-11-10 a Sunday.
"""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.extractors import dates
from helpers.extractors.dates import find_dates, parse_dateline
from helpers.extractors.text import TextContext

THU = dt.date(2025, 4, 10)
SUN = dt.date(2024, 11, 10)


def found(text: str, published: dt.date | None = THU):
    return find_dates(TextContext(text, doc="t", published=published))


def values(text: str, published: dt.date | None = THU) -> list:
    return [m.value for m in found(text, published)]


def one(text: str, published: dt.date | None = THU):
    ms = found(text, published)
    assert len(ms) == 1, [(m.text, m.value) for m in ms]
    return ms[0]


# --- month names: three naming systems and their spellings --------------------------------

MONTH_NAMES = {
    1: ["يناير", "كانون الثاني", "جانفي"],
    2: ["فبراير", "شباط", "فيفري"],
    3: ["مارس", "آذار"],
    4: ["أبريل", "إبريل", "نيسان", "أفريل"],
    5: ["مايو", "ماي", "أيار"],
    6: ["يونيو", "يونية", "حزيران", "جوان"],
    7: ["يوليو", "يوليوز", "تموز", "جويلية"],
    8: ["أغسطس", "غشت", "آب", "أوت"],
    9: ["سبتمبر", "شتنبر", "أيلول"],
    10: ["أكتوبر", "تشرين الأول"],
    11: ["نوفمبر", "نونبر", "تشرين الثاني"],
    12: ["ديسمبر", "دجنبر", "كانون الأول"],
}


@pytest.mark.parametrize(
    "month,name", [(m, n) for m, names in MONTH_NAMES.items() for n in names]
)
def test_every_month_name_with_a_day_and_year(month, name):
    m = one(f"افتتح المعرض يوم 7 {name} 2019 في العاصمة.")
    assert (m.value, m.precision) == (f"2019-{month:02d}-07", "day")


@pytest.mark.parametrize(
    "text,value",
    [
        ("أعيد فتح المعبر في آب/أغسطس 2023 بعد إغلاق طويل.", "2023-08"),
        ("أعيد فتح المعبر في أغسطس (آب) 2023 بعد إغلاق طويل.", "2023-08"),
        ("أعيد فتح المعبر في يونيو حزيران 2023 بعد إغلاق طويل.", "2023-06"),
        ("أعيد فتح المعبر في كانون الأول/ ديسمبر 2023 بعد إغلاق طويل.", "2023-12"),
        ("انتهت المفاوضات في 3 نيسان/أبريل 2023 دون اتفاق.", "2023-04-03"),
    ],
)
def test_paired_month_names_are_one_mention(text, value):
    assert one(text).value == value


def test_month_after_conjunction_is_found():
    assert values("تعطلت الرحلات في يوليو 2022 وأغسطس 2022.") == ["2022-07", "2022-08"]


# --- day forms ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,value",
    [
        ("انطلقت الحملة في الثالث من مارس 2021.", "2021-03-03"),
        ("انطلقت الحملة في الحادي والعشرين من مارس 2021.", "2021-03-21"),
        ("انطلقت الحملة في الـ4 من ديسمبر 2021.", "2021-12-04"),
        ("انطلقت الحملة في 05 فبراير 2021.", "2021-02-05"),
        ("انطلقت الحملة بتاريخ 30.04.2021 صباحا.", "2021-04-30"),
        ("انطلقت الحملة بتاريخ 2021-10-31 صباحا.", "2021-10-31"),
        ("انطلقت الحملة بتاريخ 14/11/2021 صباحا.", "2021-11-14"),
        ("انطلقت الحملة بتاريخ 11/14/2021 صباحا.", "2021-11-14"),  # 14 cannot be a month
        ("انطلقت الحملة في 10 – يونيو – 2021 رسميا.", "2021-06-10"),
        ("انطلقت الحملة في ١٤ / نوفمبر / ٢٠٢١ رسميا.", "2021-11-14"),
        ("انطلقت الحملة في 19 يونيو عام 2021.", "2021-06-19"),
        ("Published 3rd, March 2021 GMT", "2021-03-03"),
        ("Published March 3, 2021", "2021-03-03"),
    ],
)
def test_day_forms(text, value):
    m = one(text)
    assert (m.value, m.precision) == (value, "day")


def test_ordinal_day_of_the_current_month():
    m = one("اجتمع المجلس في الخامس من الشهر الجاري.", SUN)
    assert (m.value, m.precision) == ("2024-11-05", "day")


def test_weekday_before_a_full_date_is_one_mention():
    m = one("اجتمع المجلس يوم الثلاثاء، 8 نيسان 2025 في جنيف.")
    assert (m.value, m.text) == ("2025-04-08", "يوم الثلاثاء، 8 نيسان 2025")


def test_invalid_calendar_day_is_dropped():
    assert values("وصل الوفد في 31 فبراير 2021.") == []


# --- Hijri --------------------------------------------------------------------------------


def test_hijri_day_converted_with_umm_al_qura():
    m = one("صدر القرار في 1 رمضان 1446 هـ بعد مشاورات.")
    assert (m.value, m.precision, m.extra["basis"]) == ("2025-03-01", "day", "hijri")


def test_hijri_month_is_a_range_of_days():
    m = one("تزايدت الزيارات خلال شوال 1445 هـ.")
    assert (m.value, m.value_max) == ("2024-04-10", "2024-05-08")


def test_hijri_safar_needs_a_year():
    # "صفر" is also the word for zero
    assert values("سجلت الحصيلة 3 صفر في الجدول.") == []


# --- relative days ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,value",
    [
        ("أعلنت الوزارة اليوم الخميس نتائج التحقيق.", "2025-04-10"),
        ("أعلنت الوزارة، اليوم، نتائج التحقيق.", "2025-04-10"),
        ("أعلنت الوزارة صباح اليوم نتائج التحقيق.", "2025-04-10"),
        ("أعلنت الوزارة أمس نتائج التحقيق.", "2025-04-09"),
        ("أعلنت الوزارة مساء أمس نتائج التحقيق.", "2025-04-09"),
        ("أعلنت الوزارة أول أمس نتائج التحقيق.", "2025-04-08"),
        ("أعلنت الوزارة أمس الأول نتائج التحقيق.", "2025-04-08"),
        ("أعلنت الوزارة يوم أمس الأربعاء نتائج التحقيق.", "2025-04-09"),
        ("تعلن الوزارة غدا الجمعة نتائج التحقيق.", "2025-04-11"),
    ],
)
def test_relative_day_words(text, value):
    m = one(text)
    assert (m.value, m.precision) == (value, "day")


@pytest.mark.parametrize(
    "text,value",
    [
        ("أعلنت الوزارة الخميس نتائج التحقيق.", "2025-04-10"),  # on the day itself
        ("أعلنت الوزارة يوم الاثنين نتائج التحقيق.", "2025-04-07"),
        ("أعلنت الوزارة الإثنين نتائج التحقيق.", "2025-04-07"),
        ("أعلنت الوزارة فجر السبت نتائج التحقيق.", "2025-04-05"),
        ("أعلنت الوزارة الخميس الماضي نتائج التحقيق.", "2025-04-03"),
        ("تعلن الوزارة الخميس المقبل نتائج التحقيق.", "2025-04-17"),
        ("تعلن الوزارة يوم الأحد القادم نتائج التحقيق.", "2025-04-13"),
    ],
)
def test_weekdays(text, value):
    m = one(text)
    assert (m.value, m.precision) == (value, "day")


@pytest.mark.parametrize(
    "text",
    [
        "لم تعلن الوزارة نتائج التحقيق حتى اليوم.",
        "وفي اليوم التالي غادر الوفد المدينة.",
        "يحتفل البلد باليوم الوطني كل عام.",
        "وصف المشهد في ذلك اليوم بأنه مأساوي.",
        'وقال المتحدث لقناة "روسيا اليوم" إن المحادثات مستمرة.',
        "وقال المتحدث لروسيا اليوم إن المحادثات مستمرة.",
        "وبثت قناة روسيا اليوم المقابلة كاملة.",
        "ونشرت صحيفة المصري اليوم تقريرا مطولا.",
        "أم المصلون صلاة الجمعة في الساحة.",
        "يضم الفريق الأحد عشر لاعبا أساسيا.",
        "اتفق الاثنان على أن كلا الاثنين مسؤول.",
        "غدا الوضع أكثر صعوبة بعد القرار.",
    ],
)
def test_today_and_weekday_words_that_are_not_dates(text):
    assert values(text) == []


def test_country_then_today_is_a_date_unless_marked_as_a_name():
    assert values("أعلنت روسيا اليوم أنها ستشارك في القمة.") == ["2025-04-10"]


# --- months and years relative to publication ---------------------------------------------


@pytest.mark.parametrize(
    "text,published,value",
    [
        ("تراجعت الأسعار في أغسطس الماضي.", THU, "2024-08"),
        ("تراجعت الأسعار في مارس الماضي.", THU, "2025-03"),
        ("تراجعت الأسعار في أبريل الماضي.", THU, "2024-04"),  # strictly before April 2025
        ("تراجعت الأسعار في نوفمبر الماضي.", SUN, "2023-11"),
        ("تراجعت الأسعار منذ أغسطس الماضي.", SUN, "2024-08"),
        ("تتراجع الأسعار في أبريل الجاري.", THU, "2025-04"),
        ("تتراجع الأسعار في نوفمبر الحالي.", SUN, "2024-11"),
        ("تتراجع الأسعار في مارس المقبل.", THU, "2026-03"),
        ("تتراجع الأسعار في يونيو القادم.", THU, "2025-06"),
        ("تراجعت الأسعار في 12 فبراير الماضي.", THU, "2025-02-12"),
        ("تراجعت الأسعار في 12 نوفمبر الماضي.", SUN, "2023-11-12"),
        ("تراجعت الأسعار في أواخر يوليو من العام الماضي.", THU, "2024-07"),
        ("تراجعت الأسعار في مطلع فبراير من هذا العام.", THU, "2025-02"),
    ],
)
def test_month_with_relative_word(text, published, value):
    m = one(text, published)
    assert m.value == value
    assert m.precision == ("day" if value.count("-") == 2 else "month")


@pytest.mark.parametrize(
    "text,value,precision",
    [
        ("ارتفعت الصادرات العام الماضي.", "2024", "year"),
        ("ارتفعت الصادرات خلال السنة الماضية.", "2024", "year"),
        ("ترتفع الصادرات هذا العام.", "2025", "year"),
        ("ترتفع الصادرات في العام الجاري.", "2025", "year"),
        ("ترتفع الصادرات في العام المقبل.", "2026", "year"),
        ("ارتفعت الصادرات الشهر الماضي.", "2025-03", "month"),
        ("ارتفعت الصادرات منذ نهاية العام الماضي.", "2024", "year"),
        ("ترتفع الصادرات بحلول نهاية العام.", "2025", "year"),
    ],
)
def test_relative_years_and_months(text, value, precision):
    m = one(text)
    assert (m.value, m.precision) == (value, precision)


def test_month_without_year_takes_the_nearest_year():
    oct15 = dt.date(2024, 10, 15)
    assert values("تكتمل الأشغال بحلول ديسمبر.", oct15) == ["2024-12"]
    assert values("بدأت الأشغال في يناير.", oct15) == ["2025-01"]  # 3 months ahead, 9 behind
    assert values("بدأت الأشغال في مايو.", oct15) == ["2024-05"]
    assert values("بدأت الأشغال في أبريل.", oct15) == ["2024-04"]  # tie: the past one
    assert values("وقع الانفجار يوم 12 أكتوبر.", oct15) == ["2024-10-12"]


def test_since_a_month_is_in_the_past():
    # "since December" written in November: last December, not the coming one
    assert values("يتواصل الإضراب منذ ديسمبر.", SUN) == ["2023-12"]


def test_without_publication_date_no_year_is_invented():
    ms = found("تراجعت الأسعار في أغسطس الماضي ثم يوم الخميس ثم في 12 مارس.", None)
    assert [(m.value, m.precision) for m in ms] == [(None, "month"), (None, "day"), (None, "day")]
    assert values("تراجعت الأسعار في 12 مارس 2021.", None) == ["2021-03-12"]


# --- periods, seasons, years --------------------------------------------------------------


@pytest.mark.parametrize(
    "text,value,precision",
    [
        ("تضاعف الإنتاج في أواخر 2019.", "2019", "year"),
        ("تضاعف الإنتاج في منتصف 2019.", "2019", "year"),
        ("تضاعف الإنتاج في ربيع 2019.", "2019", "year"),
        ("تضاعف الإنتاج في صيف 2019.", "2019", "year"),
        ("تضاعف الإنتاج في أوائل مارس 2019.", "2019-03", "month"),
        ("تضاعف الإنتاج منذ عام 2019.", "2019", "year"),
        ("تضاعف الإنتاج في 2019.", "2019", "year"),
        ("تضاعف الإنتاج في العام 2019.", "2019", "year"),
        ("تضاعف الإنتاج سنة 1999م.", "1999", "year"),
        ("تضاعف الإنتاج منذ أغسطس 2019.", "2019-08", "month"),
    ],
)
def test_years_periods_and_seasons(text, value, precision):
    m = one(text)
    assert (m.value, m.precision) == (value, precision)


@pytest.mark.parametrize(
    "text", ["تولى المنصب بين عامي 2014 و2022.", "تولى المنصب منذ 2014 وحتى 2022.",
             "تولى المنصب من 2014 إلى 2022."]
)
def test_year_range(text):
    m = one(text)
    assert (m.value, m.value_max, m.precision) == ("2014", "2022", "year")


@pytest.mark.parametrize(
    "text,value",
    [
        ("تنتهي الأشغال متم شهر شتنبر المقبل.", "2025-09"),  # Moroccan "end of"
        ("يستمر العمل بالإجراء إلى غاية جوان 2026.", "2026-06"),  # Algerian "until"
        ("وقع الطرفان الاتفاق في حزيران (يونيو) 2024.", "2024-06"),
    ],
)
def test_regional_phrasings(text, value):
    assert one(text).value == value


# --- ranges -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text,first,last",
    [
        ("تعقد الدورة في الفترة من 8 إلى 13 أكتوبر 2023.", "2023-10-08", "2023-10-13"),
        ("تعقد الدورة بين 8 و13 أكتوبر 2023.", "2023-10-08", "2023-10-13"),
        ("تعقد الدورة يومي 18 و19 يونيو 2023.", "2023-06-18", "2023-06-19"),
        ("تعقد الدورة من 28 سبتمبر إلى 3 أكتوبر 2023.", "2023-09-28", "2023-10-03"),
    ],
)
def test_day_ranges(text, first, last):
    m = one(text)
    assert (m.value, m.value_max, m.precision) == (first, last, "day")


# --- things that are not dates -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "تستمر الحرب منذ أكثر من عامين ونصف العام.",
        "غادر البلاد منذ عام ولم يعد.",
        "استمر الحصار نحو 9 أشهر.",
        "بلغ عدد المشاركين 2019 شخصا.",
        "نشر الجيش في 2000 جندي على الحدود.",
        "نشرت الوزارة 2000 جندي على الحدود.",
        "يقع المعسكر على بعد 2024 مترا من النهر.",
        "مارس الجيش ضغوطا كبيرة على السكان.",
        "ظل باب الحوار مفتوحا.",
        "قرأ الطالب الباب الثالث من الكتاب.",
        "ستنطلق المرحلة الثالثة من الخطة قريبا.",
        "سافر إلى نيسان لحضور المؤتمر",
        "يبلغ عمره 45 عاما.",
        "في البداية، نفى الكرملين التقارير.",
        "وكانت تقارير أشارت إلى ذلك قبل أشهر عدة.",
    ],
)
def test_not_dates(text):
    assert values(text) == []


# --- quotations ---------------------------------------------------------------------------


def test_today_in_a_quote_is_the_day_of_the_statement_in_the_same_sentence():
    # published Thursday; the statement was made on Tuesday
    ms = found('وقال الوزير يوم الثلاثاء: "وصلت الشحنة اليوم إلى الميناء".')
    assert [m.value for m in ms] == ["2025-04-08", "2025-04-08"]
    assert ms[1].extra["basis"].endswith("-quoted")


def test_today_in_a_quote_takes_the_news_day_of_the_lead():
    text = (
        "أعلن الوزير يوم الثلاثاء وصول الشحنة.\n"
        'وقال في بيان: "وصلت الشحنة اليوم بعد تأخير وأمس غادرت الباخرة".'
    )
    assert values(text) == ["2025-04-08", "2025-04-08", "2025-04-07"]


def test_today_in_a_quote_without_a_statement_day_is_the_publication_day():
    assert values('وقال الوزير: "وصلت الشحنة اليوم".') == ["2025-04-10"]


def test_absolute_dates_in_quotes_are_unchanged():
    assert values('وقال الوزير يوم الثلاثاء: "وصلت الشحنة في 3 مارس 2020".') == ["2025-04-08", "2020-03-03"]


# --- mentions: offsets, sentence, attribution ----------------------------------------------


def test_mentions_point_at_the_original_text():
    text = "سطر أول.\nوأَعلنت الوزارةُ، يومَ الثُّلاثاءِ، أنّ الاجتماعَ في ٣ آذار ٢٠٢٥ تمّ."
    ctx = TextContext(text, doc="x", published=THU)
    ms = find_dates(ctx)
    assert [m.value for m in ms] == ["2025-04-08", "2025-03-03"]
    for m in ms:
        assert m.text == text[m.start:m.end]
        assert m.kind == "date" and m.doc == "x"
        assert m.sentence.startswith("وأَعلنت") and m.text in m.sentence
    assert ms[1].text == "٣ آذار ٢٠٢٥"


def test_attribution_comes_from_the_attribution_module(monkeypatch):
    calls = []

    def fake_attribute(ctx, start):
        calls.append(start)
        return "الوزارة"

    monkeypatch.setattr(dates, "attribute", fake_attribute)
    ms = found("أعلنت الوزارة أمس الخطة.")
    assert [m.attribution for m in ms] == ["الوزارة"]
    assert calls == [ms[0].start]


# --- parse_dateline -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "line,expected",
    [
        ("تاريخ النشر: 3rd, March 2021 GMT", dt.date(2021, 3, 3)),
        ("الثلاثاء 4 شباط 2025 - 18:40", dt.date(2025, 2, 4)),
        ("21.07.2023 09:05", dt.date(2023, 7, 21)),
        ("السبت ٥ / يوليو / ٢٠٢٥", dt.date(2025, 7, 5)),
        ("نشر في: 2022-12-01T10:00", dt.date(2022, 12, 1)),
        ("الأحد 3 رجب 1446 هـ الموافق 5 يناير 2025 م", dt.date(2025, 1, 5)),
        ("3 رجب 1446 هـ", dt.date(2025, 1, 3)),
        ("آخر تحديث: اليوم", None),
        ("أغسطس 2024", None),
        ("الاثنين", None),
        ("", None),
        ("لا تاريخ هنا", None),
    ],
)
def test_parse_dateline(line, expected):
    assert parse_dateline(line) == expected


def test_parse_dateline_refuses_non_text():
    assert parse_dateline(None) is None  # type: ignore[arg-type]


# --- properties ---------------------------------------------------------------------------

_ALL_NAMES = [(m, n) for m, names in MONTH_NAMES.items() for n in names]


@settings(max_examples=150, deadline=None)
@given(st.dates(dt.date(1950, 1, 1), dt.date(2099, 12, 31)), st.sampled_from(range(len(_ALL_NAMES))))
def test_any_written_date_reads_back(day, k):
    month, _ = _ALL_NAMES[k]
    names = MONTH_NAMES[day.month]
    name = names[k % len(names)]
    ms = found(f"عقد الاجتماع في {day.day} {name} {day.year} بحضور الوفود.")
    assert [(m.value, m.precision) for m in ms] == [(day.isoformat(), "day")]


_WEEKDAYS = ["الاثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت", "الأحد"]


@settings(max_examples=100, deadline=None)
@given(st.dates(dt.date(2000, 1, 1), dt.date(2090, 1, 1)), st.integers(0, 6))
def test_weekday_is_the_latest_such_day_not_after_publication(published, wd):
    [m] = found(f"قال المتحدث يوم {_WEEKDAYS[wd]} إن المحادثات مستمرة.", published)
    d = dt.date.fromisoformat(m.value)
    assert d.weekday() == wd and 0 <= (published - d).days <= 6


# --- acceptance on the gold files ----------------------------------------------------------


# One run per gold document (gold_key, gold_doc and gold_file come from conftest).
def test_gold_dates(gold_doc, gold_file):
    from helpers.read.corpus import load_article

    file, doc = gold_file, gold_doc
    published = dt.date.fromisoformat(str(doc["published"]))
    text = load_article(file).text
    ms = find_dates(TextContext(text, doc=file.stem, published=published))
    got = {(m.value, m.precision) for m in ms}
    required = {(d["value"], d["precision"]) for d in doc["dates"] if not d.get("optional")}
    optional = {(d["value"], d["precision"]) for d in doc["dates"] if d.get("optional")}
    assert required - got == set(), "missed"
    assert got - required - optional == set(), "extra"
    for m in ms:
        assert text[m.start:m.end] == m.text
