"""Dates in Arabic news sentences: this project's extractor against dateparser.

    python benchmarks/bench_dates.py [--json]

The corpus below is written by hand, by category of date form (not generated from the
extractor's own tables, which would be circular); each sentence carries the value a
reader gets from it on the publication day ``PUB`` (a Wednesday), worked out by hand
(Hijri days with the Umm al-Qura calendar).  A sentence with no value is a negative:
nothing in it is a date.

A case is right when the system reports the expected value at the expected precision
(day ``YYYY-MM-DD``, month ``YYYY-MM``, year ``YYYY``; for a range its first value) and,
for a negative, reports nothing.  dateparser's ``search_dates`` gives days only: a month
or year it finds is compared at the expected precision, in its favour.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

PUB = dt.date(2024, 5, 15)

CORPUS: list[tuple[str, str, str | None]] = [
    # category, sentence, expected value
    ("day and month name", "وقع الهجوم في 19 يونيو 2023 قرب الحدود", "2023-06-19"),
    ("day and month name", "التقى الوزيران في 3 كانون الثاني 2024 في عمان", "2024-01-03"),
    ("day and month name", "أعلنت الحكومة يوم 12 جانفي 2024 عن خطة جديدة", "2024-01-12"),
    ("day and month name", "انطلقت الحملة في 7 شتنبر 2023 بالرباط", "2023-09-07"),
    ("day and month name", "ووصل الوفد في السادس من أغسطس الماضي", "2023-08-06"),
    ("day and month name", "وأكد البيان الصادر في 23 أكتوبر الماضي أن المفاوضات متعثرة", "2023-10-23"),
    ("day and month name", "يصل الرئيس في 2 حزيران المقبل إلى العاصمة", "2024-06-02"),
    ("numeric", "صدر المرسوم بتاريخ 14/11/2023 وبدأ العمل به فورا", "2023-11-14"),
    ("numeric", "نشر التقرير في 2024-03-05 على موقع الوزارة", "2024-03-05"),
    ("numeric", "تبدأ الامتحانات يوم 17/06 في كل المدارس", "2024-06-17"),
    ("numeric", "افتتح المعرض في 2021/7 بحضور الوزير", "2021-07"),
    ("numeric", "وقع الاتفاق يوم 23/مارس/2024 في القاهرة", "2024-03-23"),
    ("hijri", "وقع الحادث في 3-11-1445 هـ بحسب البيان", "2024-05-11"),
    ("hijri", "صدر القرار بتاريخ 1446/2/7هـ عن المجلس", "2024-08-11"),
    ("hijri", "وصل الحجاج في 5 ذو الحجة 1444 هـ إلى مكة", "2023-06-23"),
    ("hijri", "أقيمت الصلاة في رمضان 2025 في المسجد الكبير", "2025-03-01"),
    ("holiday", "وصل الوفد عشية عيد الفطر 2024 إلى القرية", "2024-04-10"),
    ("holiday", "احتفل السكان بعيد الأضحى عام 2023 رغم الحصار", "2023-06-28"),
    ("holiday", "تبدأ العطلة مع رأس السنة الهجرية 1446 في المدارس", "2024-07-07"),
    ("holiday", "زار الرئيس الكنيسة في عيد الميلاد 2023", "2023-12-25"),
    ("holiday", "ارتفعت الأسعار خلال عيد الفطر الماضي في الأسواق", "2024-04-10"),
    ("relative day", "وقال المتحدث اليوم الأربعاء إن الهدنة صامدة", "2024-05-15"),
    ("relative day", "وصلت القافلة البارحة إلى المدينة المحاصرة", "2024-05-14"),
    ("relative day", "أعلنت الوزارة أمس الثلاثاء عن حصيلة جديدة", "2024-05-14"),
    ("relative day", "قال الوزير أول أمس إن المفاوضات مستمرة", "2024-05-13"),
    ("relative day", "ستعقد الجلسة يوم غد في البرلمان", "2024-05-16"),
    ("relative day", "وأعلنت الشرطة يوم الأحد أن التحقيق مستمر", "2024-05-12"),
    ("relative day", "ويلتقي الطرفان الاثنين المقبل في جنيف", "2024-05-20"),
    ("span", "قتل ثلاثة أشخاص قبل ثلاثة أيام في القصف", "2024-05-12"),
    ("span", "تعطلت الكهرباء منذ يومين في الحي الشرقي", "2024-05-13"),
    ("span", "اندلعت الاشتباكات قبل أسبوعين في الشمال", "2024-05-01"),
    ("span", "هاجرت العائلة قبل خمسة أشهر إلى أوروبا", "2023-12"),
    ("week", "زار الوزير المدينة الأسبوع الماضي وتفقد الأضرار", "2024-05-06"),
    ("week", "يبدأ الإضراب الأسبوع المقبل في المصانع", "2024-05-20"),
    ("month and year", "منذ أغسطس 2023 لم تصل المساعدات", "2023-08"),
    ("month and year", "ارتفعت الأسعار في آذار الماضي بشكل كبير", "2024-03"),
    ("month and year", "تراجع الإنتاج في ديسمبر من العام الماضي", "2023-12"),
    ("month and year", "ستصدر النتائج بحلول نهاية الشهر الجاري", "2024-05"),
    ("month and year", "يعقد المؤتمر في أواخر العام المقبل", "2025"),
    ("weekday and date", "عقد الاجتماع يوم الأحد الموافق 12 مايو في العاصمة", "2024-05-12"),
    ("weekday and date", "تجري الانتخابات الاثنين الثالث من مارس 2024", "2024-03-18"),
    ("range", "تقام المهرجانات من آب 4 الى 9 في المدينة", "2024-08-04"),
    ("range", "ينعقد المؤتمر من 20 إلى 22 آذار في جنيف", "2024-03-20"),
    ("range", "يمتد التسجيل من 3 إلى 17 من الشهر الجاري", "2024-05-03"),
    ("range", "خلال الفترة من يونيو إلى سبتمبر 2023 ارتفعت الأسعار", "2023-06"),
    ("part of a year", "نما الاقتصاد في الربع الأول من عام 2022", "2022-01"),
    ("part of a year", "تراجعت الصادرات في النصف الثاني من العام الماضي", "2023-07"),
    ("decade", "شهدت البلاد في الثمانينيات أزمة اقتصادية", "1980"),
    ("decade", "منذ ستينات القرن الماضي تغير الوضع", "1960"),
    ("year", "بين عامي 2014 و2022 تضاعف عدد السكان", "2014"),
    ("year", "الميزانية العامة للعام 2025 تضمنت زيادة", "2025"),
    ("year", "وفق تقرير صدر عام 2019 عن المنظمة", "2019"),
    ("year", "في عام ألفين وواحد وعشرين تغير كل شيء", "2021"),
    ("year", "سقطت المدينة عام 1453 بعد حصار طويل", "1453"),
    ("range", "استمرت المحادثات من 28 سبتمبر إلى 3 أكتوبر 2023", "2023-09-28"),
    ("relative day", "وصل الوفد في 3 مارس 2024 وغادر في اليوم التالي", "2024-03-04"),
    ("relative day", "قال أحد السكان: «بكرة بيرجعوا على بيوتهم»", "2024-05-16"),
    ("weekday and date", "تبدأ الحملة الجمعة الثانية من رمضان 1445 هـ", "2024-03-22"),
    ("negative", "بلغ عدد المصابين 2021 شخصا في المحافظة", None),
    ("negative", "قتل 12 شخصا وأصيب 40 آخرون في الانفجار", None),
    ("negative", "حصل الفريق على 9.17 نقطة في المتوسط", None),
    ("negative", "لم يتبق منهم إلا 12/40 مقعدا في القاعة", None),
    ("negative", "صدر القرار رقم 2021/7 بشأن الإيجارات", None),
    ("negative", "يعمل المصنع منذ أكثر من عامين بلا توقف", None),
    ("negative", "قبل ثلاثة أيام من الانتخابات أعلن المرشح انسحابه", None),
    ("negative", "سجل الفريق هدفين في الربع الأول من المباراة", None),
    ("negative", "توفي الرجل وهو في الستينات من عمره", None),
    ("negative", "يمارس الرياضة كل يوم في الحديقة العامة", None),
    ("negative", "قالت إن الغد سيكون أفضل للجميع", None),
    ("negative", "يقيم في المبنى 300 شخص منذ سنوات", None),
]


def _at(value: str, like: str) -> str:
    return value[: len(like)]


def run_helpers() -> list[list[str]]:
    from helpers.extractors.dates import find_dates
    from helpers.extractors.text import TextContext

    return [[m.value for m in find_dates(TextContext(s, published=PUB)) if m.value] for _, s, _ in CORPUS]


def run_dateparser() -> list[list[str]]:
    from dateparser.search import search_dates

    base = dt.datetime(PUB.year, PUB.month, PUB.day)
    out = []
    for _, s, _ in CORPUS:
        found = search_dates(s, languages=["ar"], settings={"RELATIVE_BASE": base}) or []
        out.append([d.date().isoformat() for _, d in found])
    return out


def score(found: list[list[str]]) -> dict[str, tuple[int, int]]:
    by_cat: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for (cat, _, want), got in zip(CORPUS, found):
        ok = not got if want is None else any(_at(g, want) == want for g in got)
        by_cat[cat][0] += ok
        by_cat[cat][1] += 1
    return {k: (v[0], v[1]) for k, v in by_cat.items()}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    results = {}
    for name, fn in (("helpers", run_helpers), ("dateparser", run_dateparser)):
        t0 = time.perf_counter()
        found = fn()
        results[name] = {"seconds": round(time.perf_counter() - t0, 2), "by_category": score(found)}
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=1))
        return 0
    cats = list(dict.fromkeys(c for c, _, _ in CORPUS))
    print("| category | cases | helpers | dateparser |")
    print("|---|---:|---:|---:|")
    tot = {n: 0 for n in results}
    for c in cats:
        n = results["helpers"]["by_category"][c][1]
        cells = []
        for name in results:
            right = results[name]["by_category"][c][0]
            tot[name] += right
            cells.append(f"{right}/{n}")
        print(f"| {c} | {n} | " + " | ".join(cells) + " |")
    print(f"| **all** | {len(CORPUS)} | " + " | ".join(f"**{100 * tot[n] / len(CORPUS):.0f} %**" for n in results) + " |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
