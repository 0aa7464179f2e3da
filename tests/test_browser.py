"""The generated pages in a real browser: headless Chromium (Debian's package, driven
by Playwright's Python API; Playwright's own browser download is never used) with every
non-file request blocked and recorded.

Checks on each page: no request left the machine, no console error, no dialog
(an article's ``<script>alert()`` must stay text), every image decoded, Arabic
paragraphs and cells laid out right to left.  The reports are built in temporary
folders and the screenshots go to a ``screenshots`` folder under pytest's temporary
directory (``--basetemp`` chooses it) for a human look: nothing is written into the
project's ``reports/``.

Without Chromium the test fails under ``make test`` / CI and skips with the reason
elsewhere.
"""
from __future__ import annotations

import io
import os
import shutil
from pathlib import Path

import pytest

from helpers.batch.report import run_report

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]

pytestmark = pytest.mark.browser

HOSTILE = ("تقرير مريب\nقال الشاهد <script>alert('x')</script> إن الجسر أغلق، "
           "<img src=x onerror=\"alert('y')\"> ثم فتح مساء الثلاثاء.")
GOOD = "افتتاح معرض الكتاب\nافتتح المعرض أبوابه بمشاركة 40 دار نشر من 12 بلدًا."


def _chromium() -> str:
    for name in ("chromium", "chromium-browser"):
        path = shutil.which(name)
        if path:
            return path
    for path in ("/usr/bin/chromium", "/usr/lib/chromium/chromium"):
        if os.path.exists(path):
            return path
    reason = "Debian's chromium is not installed (`make browser` installs it)"
    if os.environ.get("CI") or os.environ.get("MAKELEVEL"):
        pytest.fail(reason)
    pytest.skip(reason)


# Arabic-script blocks and their computed direction; images and their decoded size.
PAGE_CHECK = """() => {
  const arabic = /[\\u0600-\\u06FF]/;
  const latin = /[A-Za-z]/;
  const blocks = [...document.querySelectorAll('p, li, td, th, h1, h2, h3, caption')]
    .filter(e => e.offsetParent !== null || e.getClientRects().length);
  const rtlWrong = [];
  let arabicBlocks = 0;
  for (const e of blocks) {
    const t = (e.innerText || '').trim();
    const first = t.match(/[A-Za-z\\u0600-\\u06FF]/);
    if (!first || !arabic.test(first[0])) continue;   // starts with Latin or no letter
    arabicBlocks++;
    if (getComputedStyle(e).direction !== 'rtl') rtlWrong.push(e.tagName + ': ' + t.slice(0, 40));
  }
  const imgs = [...document.images].map(i => ({src: i.src.slice(0, 60), ok: i.complete && i.naturalWidth > 0}));
  return {arabicBlocks, rtlWrong, imgs, scripts: document.scripts.length, title: document.title};
}"""


def _blocker(blocked: list[str]):
    """Route handler: file and data URLs load, anything else is recorded and aborted."""
    def route(r):
        if r.request.url.startswith(("file:", "data:")):
            r.continue_()
        else:
            blocked.append(r.request.url)
            r.abort()
    return route


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("screenshots", numbered=False)


def _check_pages(pages: list[Path], tag: str, shots: Path) -> dict[str, dict]:
    from playwright.sync_api import sync_playwright

    results = {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium(), args=CHROMIUM_ARGS)
        try:
            for page_path in pages:
                blocked: list[str] = []
                console_errors: list[str] = []
                dialogs: list[str] = []
                failed: list[str] = []
                context = browser.new_context(viewport={"width": 1100, "height": 900})
                page = context.new_page()

                page.route("**/*", _blocker(blocked))
                page.on("console", lambda m, ce=console_errors: ce.append(m.text) if m.type == "error" else None)
                page.on("pageerror", lambda e, ce=console_errors: ce.append(str(e)))
                page.on("dialog", lambda d, ds=dialogs: (ds.append(d.message), d.dismiss()))
                page.on("requestfailed", lambda r, f=failed: f.append(r.url))
                page.goto(page_path.resolve().as_uri(), wait_until="load")
                page.wait_for_timeout(200)  # a late onerror/timer would show up here
                info = page.evaluate(PAGE_CHECK)
                shot = shots / f"{tag}-{page_path.parent.name}-{page_path.stem}.png"
                page.screenshot(path=str(shot), full_page=True)
                context.close()
                info.update(blocked=blocked, console_errors=console_errors, dialogs=dialogs, failed=failed,
                            screenshot=shot)
                results[str(page_path)] = info
        finally:
            browser.close()
    return results


def _assert_clean(results: dict[str, dict]) -> None:
    for page, info in results.items():
        assert info["blocked"] == [], (page, info["blocked"])
        assert info["failed"] == [], (page, info["failed"])
        assert info["console_errors"] == [], (page, info["console_errors"])
        assert info["dialogs"] == [], (page, info["dialogs"])
        assert all(i["ok"] for i in info["imgs"]), (page, info["imgs"])
        assert info["rtlWrong"] == [], (page, info["rtlWrong"])
        assert info["screenshot"].stat().st_size > 0


def test_stand_in_report_in_chromium(tmp_path, make_report, screenshots):
    _chromium()
    cfg = make_report({"good.txt": GOOD, "hostile.txt": HOSTILE, "broken.txt": b"\xff\xfe\x00\x00garbage"})
    code, _, _ = run_report(cfg, io.StringIO(), root=tmp_path)
    assert code == 1  # broken.txt fails, on purpose
    pages = [cfg.out / "index.html", cfg.out / "outlets/hostile.html", cfg.out / "outlets/broken.html",
             cfg.out / "compare/compare.html"]
    results = _check_pages(pages, "stand-in", screenshots)
    _assert_clean(results)
    index = results[str(cfg.out / "index.html")]
    assert index["imgs"] and index["arabicBlocks"] >= 3
    hostile = results[str(cfg.out / "outlets/hostile.html")]
    assert hostile["scripts"] == 0 and hostile["arabicBlocks"] >= 2


def test_seed_report_in_chromium(request, screenshots):
    """The project's own report on the seeds (what ``make report`` builds), built in a
    temporary folder."""
    _chromium()
    seed_report = request.getfixturevalue("seed_report")  # built only once Chromium is known to be there
    assert seed_report.code == 0, seed_report.err
    out = seed_report.folder
    index = out / "index.html"
    outlets = sorted((out / "outlets").glob("*.html"))
    assert outlets
    pages = [index, *outlets, out / "compare" / "compare.html"]
    assert all(p.is_file() for p in pages), [p for p in pages if not p.is_file()]
    results = _check_pages(pages, "seeds", screenshots)
    _assert_clean(results)
    assert results[str(index)]["arabicBlocks"] >= 5
    compare = results[str(out / "compare" / "compare.html")]
    assert len(compare["imgs"]) >= 3


# Where each digit of an element is drawn, in the element's text order (logical order).
DIGIT_POSITIONS = """(selector) => {
  const el = document.querySelector(selector);
  if (!el) return null;
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const digits = [];
  let n;
  while ((n = walker.nextNode())) {
    for (let i = 0; i < n.data.length; i++) {
      if (!/[0-9]/.test(n.data[i])) continue;
      const r = document.createRange();
      r.setStart(n, i); r.setEnd(n, i + 1);
      const b = r.getBoundingClientRect();
      digits.push({ch: n.data[i], x: b.left + b.width / 2, y: Math.round(b.top)});
    }
  }
  return {digits, text: el.innerText};
}"""


def _drawn_in_order(info: dict, number: str) -> bool | None:
    """Whether the digits of ``number`` (a run of it in text order) are drawn left to
    right as read; None when the element has no such run."""
    digits = info["digits"]
    chars = "".join(d["ch"] for d in digits)
    at = chars.find(number)
    if at < 0:
        return None
    xs = [d["x"] for d in digits[at:at + len(number)]]
    assert len({d["y"] for d in digits[at:at + len(number)]}) == 1, digits  # one line
    return all(a < b for a, b in zip(xs, xs[1:]))


def _digit_positions(page_path: Path, selectors: list[str]) -> dict[str, dict]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=_chromium(), args=CHROMIUM_ARGS)
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 900})
            page.route("**/*", _blocker([]))
            page.goto(page_path.resolve().as_uri(), wait_until="load")
            return {s: page.evaluate(DIGIT_POSITIONS, s) for s in selectors}
        finally:
            browser.close()


def test_direction_controls_are_shown_not_obeyed(tmp_path):
    """An override around "12" in the article, one around "(003)" in an outlet name and
    an isolate in a story label: drawn in reading order with the markers visible.  The
    same text escaped without the markers is drawn reversed ("21", "(300)"): the check
    sees what a reader would."""
    import html

    import pandas as pd

    from conftest import PDF, PDI, RLI, RLO
    from helpers.model import Article
    from helpers.present import render

    _chromium()
    text = f"عاجل\nأرسلت كوريا {RLO}12{PDF} ألف جندي إلى كورسك"
    outlet = f"المغرب اليوم {RLO}(003){PDF}"
    label = f"{RLI}{RLO}الجنود 45{PDF}{PDI}"
    art = Article(doc="t", path="t.txt", raw=text, title="عاجل", text=text)
    mentions = [{"kind": "quantity", "start": text.index("12"), "end": text.index("12") + 2}]
    table = render.frame_html(pd.DataFrame([{"outlet": outlet, "fact": label}]))
    raw_cell = f'<p id="raw-outlet" dir="rtl">{html.escape(outlet)}</p>'
    raw_text = f'<p id="raw-article" dir="rtl">{html.escape(text.splitlines()[1])}</p>'
    page = tmp_path / "page.html"
    page.write_text(f'<!DOCTYPE html><html lang="ar"><meta charset="utf-8"><body>'
                    f'<div id="a">{render.article_html(art, mentions)}</div><div id="t">{table}</div>'
                    f"{raw_cell}{raw_text}</body></html>", encoding="utf-8")
    seen = _digit_positions(page, ["#a .article", "#t tbody td:nth-child(1)", "#t tbody td:nth-child(2)",
                                   "#raw-outlet", "#raw-article"])
    assert _drawn_in_order(seen["#a .article"], "12") is True, seen["#a .article"]
    assert _drawn_in_order(seen["#t tbody td:nth-child(1)"], "003") is True
    assert _drawn_in_order(seen["#t tbody td:nth-child(2)"], "45") is True
    assert "⟨RLO⟩12⟨PDF⟩" in seen["#a .article"]["text"].replace("\n", "")
    assert "⟨RLO⟩(003)⟨PDF⟩" in seen["#t tbody td:nth-child(1)"]["text"]
    assert seen["#t tbody td:nth-child(2)"]["text"].startswith("⟨RLI⟩⟨RLO⟩")
    # the controls obeyed: the browser draws the digits backwards
    assert _drawn_in_order(seen["#raw-outlet"], "003") is False
    assert _drawn_in_order(seen["#raw-article"], "12") is False


def test_tampered_report_reads_in_order_in_chromium(request):
    """The batch report with the tampered outlet name and article: the index's line for
    the outlet shows "(003)", the article's page "12", markers visible."""
    _chromium()
    rep = request.getfixturevalue("tampered_report")
    index = _digit_positions(rep.folder / "index.html", ['tr[data-doc="003"] td'])['tr[data-doc="003"] td']
    assert index and _drawn_in_order(index, "003") is True, index
    assert "⟨RLO⟩(003)⟨PDF⟩" in index["text"]
    article = _digit_positions(rep.folder / "outlets" / "005.html", [".article"])[".article"]
    assert article and _drawn_in_order(article, "12") is True, article
    assert "⟨RLO⟩12⟨PDF⟩" in article["text"].replace("\n", "")


def test_index_alone_shows_every_chart(request, tmp_path, screenshots):
    """The seeds' index copied alone into another folder (as when it is mailed): every
    image still loads, nothing fails, the provenance line is there."""
    _chromium()
    seed_report = request.getfixturevalue("seed_report")
    assert seed_report.code == 0, seed_report.err
    alone = tmp_path / "mailed"
    alone.mkdir()
    shutil.copy(seed_report.folder / "index.html", alone / "index.html")
    results = _check_pages([alone / "index.html"], "alone", screenshots)
    _assert_clean(results)
    info = results[str(alone / "index.html")]
    assert len(info["imgs"]) >= 3, info["imgs"]
    assert all(i["src"].startswith("data:image/png") for i in info["imgs"]), info["imgs"]
    assert [p.name for p in alone.iterdir()] == ["index.html"]
