"""Date forms beyond a day and a month name: numeric Hijri dates, day/month and
month/year figures, years after a prefix, relative days and spans, weeks, holidays,
weekdays checked against their date, ranges, parts of a year and decades.

Every sentence here is written for the test; each category has negatives."""
from __future__ import annotations

import datetime as dt

import pytest

from helpers.extractors.dates import find_dates
from helpers.extractors.text import TextContext

PUB = dt.date(2024, 5, 15)  # a Wednesday


def dates(text: str, published: dt.date | None = PUB) -> list[tuple]:
    return [(m.text, m.value, m.value_max, m.precision) for m in find_dates(TextContext(text, published=published))]


def one(text: str, published: dt.date | None = PUB):
    found = find_dates(TextContext(text, published=published))
    assert len(found) == 1, [(m.text, m.value) for m in found]
    return found[0]


# --- numeric Hijri --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value",
    [
        ("وقع الحادث في 3-11-1445 هـ بحسب البيان الرسمي", "2024-05-11"),
        ("صدر القرار بتاريخ 1446/2/7هـ عن المجلس", "2024-08-11"),
        ("عقدت الجلسة يوم 15/9/1445 في الرياض", "2024-03-25"),  # a year of the Hijri era
    ],
)
def test_numeric_hijri_dates_are_converted(text, value):
    m = one(text)
    assert (m.value, m.precision) == (value, "day")


def test_numeric_gregorian_date_stays_gregorian():
    assert one("وصل الوفد في 3-11-2024 إلى المطار").value == "2024-11-03"


# --- figures: day/month, month/year ---------------------------------------------------------


def test_day_and_month_in_figures_after_a_day_word():
    assert dates("تبدأ الامتحانات يوم 17/09 في جميع المدارس") == [("يوم 17/09", "2024-09-17", None, "day")]
    assert dates("انطلقت الحملة يوم 5. نوفمبر في العاصمة")[0][1:] == ("2024-11-05", None, "day")


@pytest.mark.parametrize(
    "text",
    [
        "لم يتبق منهم إلا 12/40 مقعدا في القاعة",  # a fraction
        "حصل الفريق على 9.17 نقطة في المتوسط",
        "فاز بنتيجة 3-1 في المباراة",
        "بلغ الرقم 25. نوفمبر شهد تراجعا",  # a dot ends a sentence: no day word before
    ],
)
def test_figures_that_are_not_a_day(text):
    assert all(v[3] != "day" for v in dates(text)), dates(text)


def test_month_and_year_in_figures():
    assert dates("افتتح المعرض في 2021/7 بحضور الوزير") == [("2021/7", "2021-07", None, "month")]
    assert dates("ارتفعت الأسعار منذ 3/2023 بشكل كبير") == [("3/2023", "2023-03", None, "month")]


def test_numbered_texts_are_not_months():
    assert dates("صدر القرار رقم 2021/7 بشأن الإيجارات") == []


def test_day_month_name_and_year_with_slashes():
    assert dates("وقع الاتفاق يوم 23/مارس/2024 في القاهرة") == [("يوم 23/مارس/2024", "2024-03-23", None, "day")]


# --- years after a prefix -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, year",
    [("الميزانية العامة للعام 2025 تضمنت زيادة", "2025"), ("بحسب تقرير لعام 2019 صدر حديثا", "2019"),
     ("مقارنة بعام 2020 ارتفع العدد", "2020")],
)
def test_years_after_a_prefixed_year_word(text, year):
    assert [v[1] for v in dates(text)] == [year]


def test_years_in_words_and_before_1900():
    assert dates("في عام ألفين وواحد وعشرين تغير كل شيء") == [("عام ألفين وواحد وعشرين", "2021", None, "year")]
    assert dates("اندلعت الثورة عام 1798 في المدينة")[0][1] == "1798"
    assert dates("جهز الجيش عام 1800 جندي") == []  # a count
    assert dates("سقطت المدينة عام 1453") == []  # a year of either era: not read
    assert dates("اكتمل البناء في عام واحد") == []


def test_month_dash_day():
    assert dates("وصل الوفد يوم مايو-3 إلى المدينة")[0][1:] == ("2024-05-03", None, "day")


def test_count_range_is_not_a_year():
    assert dates("يصل يوميا ما يتراوح بين 2000 إلى 3000 لاجئ إلى المكاتب") == []
    assert dates("بين عامي 2014 و2022 تضاعف العدد") == [("بين عامي 2014 و2022", "2014", "2022", "year")]


# --- relative days and spans ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value",
    [
        ("وصلت القافلة البارحة إلى المدينة", "2024-05-14"),
        ("قال الوزير قبل أمس إن المفاوضات مستمرة", "2024-05-13"),
        ("أعلنت الوزارة قبل يوم أمس عن خطة جديدة", "2024-05-13"),
        ("ستعقد الجلسة يوم غد في البرلمان", "2024-05-16"),
        ("قتل ثلاثة أشخاص قبل ثلاثة أيام في القصف", "2024-05-12"),
        ("تعطلت الكهرباء منذ يومين في الحي", "2024-05-13"),
        ("اندلعت الاشتباكات قبل أسبوعين في الشمال", "2024-05-01"),
        ("وقع الانفجار قبل 11 يوما قرب الميناء", "2024-05-04"),
        ("غادر البلاد قبل أسبوع إلى الخارج", "2024-05-08"),
    ],
)
def test_relative_days_and_spans_count_from_the_publication_day(text, value):
    m = one(text)
    assert (m.value, m.precision) == (value, "day")


def test_spans_of_months_and_years_keep_their_precision():
    assert dates("هاجرت العائلة قبل خمسة أشهر إلى أوروبا")[0][1:] == ("2023-12", None, "month")
    assert dates("افتتح المستشفى قبل عامين في المدينة")[0][1:] == ("2022", None, "year")


@pytest.mark.parametrize(
    "text",
    [
        "قبل ثلاثة أيام من الانتخابات أعلن المرشح انسحابه",  # counted from another day
        "منذ عامين وهم ينتظرون التعويض",  # a duration as often as a date
        "منذ أكثر من عامين لم يتغير شيء",
        "عاد إلى البلاد قبل أيام",  # vague
    ],
)
def test_spans_that_are_not_dates(text):
    assert dates(text) == []


def test_tomorrow_needs_context():
    assert dates("الغد أفضل للجميع") == []
    assert dates("قال إن المستقبل سيكون أفضل غدا") == []


def test_unit_that_names_the_day_is_not_a_span():
    assert [v[0] for v in dates("منذ يوم الجمعة لم يصل أحد")] == ["يوم الجمعة"]
    assert dates("قبل شهر رمضان بقليل ارتفعت الأسعار") == []


def test_without_publication_day_spans_stay_unresolved():
    m = one("قتل ثلاثة أشخاص قبل ثلاثة أيام في القصف", published=None)
    assert m.value is None and m.extra["basis"] == "unresolved"


# --- weeks ----------------------------------------------------------------------------------


def test_relative_weeks_run_monday_to_sunday():
    m = one("زار الوزير المدينة الأسبوع الماضي")
    assert (m.value, m.value_max, m.extra["span"]) == ("2024-05-06", "2024-05-12", "week")
    assert dates("يبدأ الإضراب الأسبوع المقبل")[0][1:3] == ("2024-05-20", "2024-05-26")
    assert dates("تنتهي الأشغال هذا الأسبوع")[0][1:3] == ("2024-05-13", "2024-05-19")


def test_week_of_a_count_is_not_a_relative_week():
    assert dates("أمضى في المستشفى أسبوعا كاملا") == []


# --- holidays -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value",
    [
        ("وصل الوفد قبل عيد الفطر 2024 بيومين", "2024-04-10"),
        ("احتفل السكان بعيد الأضحى عام 2023", "2023-06-28"),
        ("تبدأ العطلة مع رأس السنة الهجرية 1446", "2024-07-07"),
        ("زار الرئيس الكنيسة في عيد الميلاد 2023", "2023-12-25"),
        ("أطلقت الألعاب النارية ليلة رأس السنة الميلادية 2024", "2024-01-01"),
        ("ارتفعت الأسعار خلال عيد الفطر الماضي", "2024-04-10"),
        ("يتوقع التجار انتعاشا في عيد الأضحى المقبل", "2024-06-16"),
    ],
)
def test_holidays_resolve_to_their_day(text, value):
    m = one(text)
    assert (m.value, m.precision) == (value, "day")


def test_hijri_month_with_a_gregorian_year_is_that_month():
    m = one("أقيمت الصلاة في المسجد خلال رمضان 2025")
    assert (m.value, m.value_max) == ("2025-03-01", "2025-03-29")


def test_holiday_without_a_year_or_publication_day_is_unresolved():
    assert one("ارتفعت الأسعار خلال عيد الفطر", published=None).value is None


def test_birthday_is_not_christmas():
    assert dates("احتفل الطفل بعيد ميلاده العاشر") == []


# --- weekday and date -----------------------------------------------------------------------


def test_weekday_joined_to_the_date_after_it():
    m = one("عقد الاجتماع يوم الأحد الموافق 12 مايو في العاصمة")
    assert m.value == "2024-05-12" and "weekday_conflict" not in m.extra


def test_weekday_picks_the_year_it_falls_in():
    # 9 March fell on a Saturday in 2024 and on a Thursday in 2023
    assert one("قالت الشرطة إن الحادث وقع الخميس 9 مارس").value == "2023-03-09"
    assert one("قالت الشرطة إن الحادث وقع السبت 9 مارس").value == "2024-03-09"


def test_weekday_that_does_not_fall_on_the_date_is_flagged():
    m = one("عقد المؤتمر يوم السبت 12 مايو 2024")  # 12 May 2024 was a Sunday
    assert m.value == "2024-05-12" and m.extra["weekday_conflict"] is True


def test_nth_weekday_of_a_month():
    assert one("تجري الانتخابات الاثنين الثالث من مارس 2024").value == "2024-03-18"
    assert one("وصل الوفد الجمعة الأولى من شهر آذار 2024").value == "2024-03-01"


# --- ranges ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, value, vmax",
    [
        ("تقام المهرجانات من آب 4 الى 9 في المدينة", "2024-08-04", "2024-08-09"),
        ("ينعقد المؤتمر مارس 20-22 في جنيف", "2024-03-20", "2024-03-22"),
        ("تستمر الدورة من الخامس وحتى الثامن من يونيو", "2024-06-05", "2024-06-08"),
        ("يمتد التسجيل من 3 إلى 17 من الشهر الجاري", "2024-05-03", "2024-05-17"),
        ("خلال الفترة من يونيو إلى سبتمبر 2024 ارتفعت الأسعار", "2024-06", "2024-09"),
        ("تمتد الحملة من نوفمبر إلى فبراير 2024", "2023-11", "2024-02"),
        ("ستجري الأعمال من سبتمبر إلى ديسمبر", "2024-09", "2024-12"),
    ],
)
def test_ranges(text, value, vmax):
    m = one(text)
    assert (m.value, m.value_max) == (value, vmax)


def test_range_that_ends_before_it_begins_is_not_a_range():
    assert all(v[2] is None for v in dates("من 9 إلى 4 آب"))


# --- parts of a year, decades ---------------------------------------------------------------


def test_quarters_and_halves_are_month_ranges():
    m = one("نما الاقتصاد في الربع الأول من عام 2022")
    assert (m.value, m.value_max, m.precision, m.extra["span"]) == ("2022-01", "2022-03", "month", "quarter")
    assert dates("تراجعت الصادرات في النصف الثاني من العام")[0][1:3] == ("2024-07", "2024-12")
    assert dates("الربع الأخير من العام الماضي")[0][1:3] == ("2023-10", "2023-12")


def test_quarter_of_something_else_is_not_a_date():
    assert dates("سجل الفريق هدفين في الربع الأول من المباراة") == []


def test_decades():
    m = one("شهدت البلاد في الثمانينيات أزمة اقتصادية")
    assert (m.value, m.value_max, m.extra["span"]) == ("1980", "1989", "decade")
    assert dates("منذ ستينات القرن الماضي تغير الوضع")[0][1:3] == ("1960", "1969")
    assert dates("منذ الستينات تغير الوضع", published=None)[0][1:3] == ("1960", "1969")
    assert dates("في العشرينيات من القرن الحالي")[0][1:3] == ("2020", "2029")


def test_an_age_is_not_a_decade():
    assert dates("توفي الرجل وهو في الستينات من عمره") == []
