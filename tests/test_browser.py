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
