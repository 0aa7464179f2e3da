"""Articles written for the reuse tests (invented events, invented wording)."""
from __future__ import annotations

from helpers.model import Article, ArticleMeta

WIRE_TITLE = "فيضانات تجتاح وادي السنابل وتشرد آلاف الأسر"
WIRE = [
    "أعلنت هيئة الدفاع المدني في محافظة وادي السنابل صباح الثلاثاء أن السيول التي ضربت المنطقة "
    "منذ مساء الأحد أجبرت 1250 أسرة على مغادرة منازلها في القرى الواقعة على ضفاف النهر.",
    "وقال المتحدث باسم الهيئة إن فرق الإنقاذ انتشلت جثث 14 شخصا من تحت الأنقاض، بينما لا يزال "
    "البحث جاريا عن مفقودين في قريتين معزولتين بعد انهيار الجسر الرئيسي الذي يربطهما بالطريق العام.",
    "وأضاف أن مراكز الإيواء المؤقتة في المدارس الحكومية استقبلت حتى الآن أكثر من ثلاثة آلاف شخص، "
    "وأن شاحنات المساعدات الغذائية والأغطية بدأت تصل من المحافظات المجاورة منذ ليلة أمس.",
    "وتوقعت مصلحة الأرصاد الجوية استمرار هطول الأمطار الغزيرة حتى نهاية الأسبوع، ودعت السكان إلى "
    "الابتعاد عن مجاري الأودية وعدم المجازفة بعبور الطرق المغمورة بالمياه.",
    "المصدر: وكالة الأنباء الوطنية",
]

OTHER_TITLE = "افتتاح معرض الكتاب الدولي بمشاركة ناشرين من أربعين دولة"
OTHER = [
    "افتتح وزير الثقافة مساء الخميس الدورة الجديدة من معرض الكتاب الدولي في قاعة المعارض الكبرى، "
    "بمشاركة ناشرين من أربعين دولة يعرضون عشرات الآلاف من العناوين في مختلف مجالات المعرفة.",
    "وقالت إدارة المعرض إن البرنامج الثقافي يتضمن ندوات فكرية وأمسيات شعرية وورش عمل للأطفال، "
    "إضافة إلى حفلات توقيع لكتاب من داخل البلاد وخارجها طوال أيام المعرض العشرة.",
    "وأشارت إلى أن أسعار التذاكر بقيت كما كانت في الدورة الماضية، وأن الدخول مجاني لطلاب المدارس "
    "والجامعات في الفترة الصباحية من كل يوم.",
]

# the same flood, told independently: another outlet's own words, the same figure
INDEPENDENT_TITLE = "سيول وادي السنابل: مئات المنازل تحت الماء"
INDEPENDENT = [
    "غمرت مياه السيول مئات المنازل في قرى وادي السنابل خلال اليومين الماضيين، ما دفع 1250 أسرة "
    "إلى النزوح نحو مناطق أكثر ارتفاعا بحسب ما أفاد به سكان محليون لمراسلنا.",
    "ويروي أحد المزارعين أن المياه ارتفعت خلال ساعات قليلة وجرفت حقول القمح والمواشي، مؤكدا أن "
    "الأهالي لم يتلقوا أي تحذير مسبق قبل وصول الموجة الأولى من السيل.",
    "ويطالب السكان السلطات بإعادة بناء الجسر المنهار في أسرع وقت، لأن القريتين أصبحتا معزولتين "
    "تماما عن الأسواق والمستشفى الوحيد في المنطقة.",
]


def article(doc: str, title: str, paragraphs: list[str], published: str | None = None,
            outlet: str | None = None) -> Article:
    import datetime as dt

    text = "\n".join([title, *paragraphs])
    meta = ArticleMeta(outlet_ar=outlet, published=dt.date.fromisoformat(published) if published else None)
    lines, pos = [], 0
    for line in text.split("\n"):
        lines.append((pos, pos))
        pos += len(line) + 1
    return Article(doc=doc, path=f"{doc}.txt", raw=text, title=title, text=text, meta=meta, line_map=lines)


def wire(doc: str = "wire", **kw) -> Article:
    return article(doc, WIRE_TITLE, WIRE, **kw)


def edited(doc: str, old: str, new: str, paragraphs: list[str] | None = None, title: str = WIRE_TITLE,
           **kw) -> Article:
    """The wire text with ``old`` replaced by ``new`` (once, where it first occurs)."""
    paras = list(paragraphs or WIRE)
    for n, p in enumerate(paras):
        if old in p:
            paras[n] = p.replace(old, new, 1)
            break
    else:
        raise AssertionError(f"{old!r} not in the text")
    return article(doc, title, paras, **kw)
