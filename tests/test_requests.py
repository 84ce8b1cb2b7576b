"""Every page type in both languages, in Chromium, as a buyer on a phone opens it.

No request fails (no network error, no 4xx/5xx), nothing asks for a sitemap (Material's language
switch fetched sitemap.xml next to every <link rel="alternate">: the whole sitemap on every
Indonesian page, 404s next to the hreflang links, en/sitemap.xml that does not exist), nothing is
printed to the console as an error, and the layout holds still while the page loads
(cumulative layout shift ≤ 0.02, measured by the browser's own layout-shift entries).
The site is served compressed, as GitHub Pages serves it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Page, Request, Response

from conftest import ARTIFACTS
from etalase.source.load import load_records

pytestmark = [pytest.mark.browser, pytest.mark.slow]

MAX_CLS = 0.02
# Layout shifts not caused by the buyer's own input, summed over the page's life so far.
SHIFTS = """
window.__etShift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) if (!entry.hadRecentInput) window.__etShift += entry.value;
}).observe({ type: "layout-shift", buffered: true });
"""


def page_types(root: Path) -> dict[str, str]:
    """Return page type → path (Indonesian) of one page of every type the site has."""
    records, _ = load_records(root)
    by_kind: dict[str, list] = {}
    for record in sorted(records, key=lambda r: r.path):
        by_kind.setdefault(record.kind.value, []).append(record)
    product = by_kind["product"][0].data
    festival = by_kind["festival"][0].data
    booth = festival["booths"][0]["number"] if festival.get("booths") else None
    pages = {
        "home": "",
        "categories": "kategori/",
        "category": f"kategori/{product['category']}/",
        "product": f"produk/{product['ikm']}/{product['slug']}/",
        "ikm": f"ikm/{product['ikm']}/",
        "sentra directory": "sentra/",
        "sentra": f"sentra/{by_kind['sentra'][0].data['slug']}/",
        "search": "cari/?q=rajut",
        "search, no result": "cari/?q=zzzqx",
        "shortlist": "daftar/",
        "add product": "tambah-produk/",
        "statistics": "statistik/",
        "new": "baru/",
        "open data": "data/",
        "about": "tentang/",
        "festival": f"festival/{festival['slug']}/",
        "festival print": f"festival/{festival['slug']}/print/",
        "festival handout": f"festival/{festival['slug']}/handout/",
    }
    if booth:
        pages["booth"] = f"festival/{festival['slug']}/booth/{booth}/"
    return pages


def visit(page: Page, url: str) -> dict[str, object]:
    """Open ``url``; return its failed requests, sitemap requests, console errors and layout shift."""
    failed: list[str] = []
    sitemaps: list[str] = []
    errors: list[str] = []

    def on_response(response: Response) -> None:
        if response.status >= 400:
            failed.append(f"{response.status} {response.url}")

    def on_request(request: Request) -> None:
        if "sitemap" in request.url:
            sitemaps.append(request.url)

    page.on("response", on_response)
    page.on("request", on_request)
    page.on("requestfailed", lambda request: failed.append(f"{request.failure} {request.url}"))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    try:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(300)
        shift = page.evaluate("window.__etShift")
    finally:
        page.remove_listener("response", on_response)
        page.remove_listener("request", on_request)
    return {"failed": failed, "sitemaps": sitemaps, "errors": errors, "cls": round(shift, 4)}


def test_no_page_fails_a_request_logs_an_error_or_shifts(page: Page, sample_site: Path, compressed_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.add_init_script(SHIFTS)
    found: dict[str, dict[str, object]] = {}
    for lang_prefix in ("", "en/"):
        for name, path in page_types(sample_site).items():
            found[f"{lang_prefix or 'id/'}{name}"] = visit(page, compressed_url + lang_prefix + path)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "requests.json").write_text(json.dumps(found, indent=2) + "\n", encoding="utf-8")
    failed = {name: r["failed"] for name, r in found.items() if r["failed"]}
    sitemaps = {name: r["sitemaps"] for name, r in found.items() if r["sitemaps"]}
    errors = {name: r["errors"] for name, r in found.items() if r["errors"]}
    shifting = {name: r["cls"] for name, r in found.items() if r["cls"] > MAX_CLS}
    worst = max(r["cls"] for r in found.values())
    print(f"\n{len(found)} pages: {sum(len(r['failed']) for r in found.values())} failed requests, worst CLS {worst}")
    assert len(found) >= 36
    assert failed == {}
    assert sitemaps == {}
    assert errors == {}
    assert shifting == {}
