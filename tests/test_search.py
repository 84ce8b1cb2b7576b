"""Search: the Pagefind index of the sample site and the search page (cari/) in Debian's Chromium.

Queries are typed into the real search boxes; expected products come from the records, so the
tests follow the sample catalogue when it changes.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Locator, Page, expect

from conftest import ARTIFACTS
from etalase.photos.refs import MEDIA
from etalase.render.filters import price_bands_of
from etalase.search import index as search_index
from etalase.search.index import root_language_glob
from etalase.source.load import load_records

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


# --- the sample catalogue ----------------------------------------------------------------


def _products(root: Path) -> dict[str, dict[str, Any]]:
    """Return product page path (``/produk/<ikm>/<slug>/``) → record data."""
    records, _ = load_records(root)
    return {
        f"/produk/{r.data['ikm']}/{r.data['slug']}/": r.data
        for r in sorted(records, key=lambda r: r.path)
        if r.kind.value == "product"
    }


def _certified(products: dict[str, dict[str, Any]], cert: str) -> set[str]:
    return {path for path, p in products.items() if any(c["type"] == cert for c in p.get("certificates", []))}


# --- the search page ---------------------------------------------------------------------


def _status(page: Page) -> Locator:
    return page.locator("[data-status]")


def _count(page: Page) -> int:
    match = re.match(r"([\d.]+) hasil", _status(page).inner_text())
    assert match, _status(page).inner_text()
    return int(match.group(1).replace(".", ""))


def _settled(page: Page) -> None:
    """Wait until the search the page runs has written its results (search.js sets aria-busy)."""
    expect(page.locator("[data-results]")).to_have_attribute("aria-busy", "false")


def _type(page: Page, query: str) -> None:
    """Type ``query`` into the search page's box and wait for its results (or their absence)."""
    box = page.get_by_label("Kata kunci")
    box.fill("")
    box.press_sequentially(query, delay=15)
    expect(_status(page)).to_contain_text(f"“{query}”")
    _settled(page)


def _result_paths(page: Page) -> list[str]:
    """Return the paths of every result, pressing "show more" until all are listed."""
    more = page.locator("[data-more]")
    while more.is_visible():
        shown = page.locator(".et-result").count()
        more.click()
        expect(page.locator(".et-result")).not_to_have_count(shown)
    hrefs = page.locator(".et-result__link").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    return [urlsplit(href).path for href in hrefs]


def _first(page: Page) -> Locator:
    return page.locator(".et-result").first


def _open_search(page: Page, url: str) -> None:
    page.goto(url + "cari/")
    _settled(page)
    expect(_status(page)).not_to_have_text("Memuat pencarian…")


# --- unit: price bands -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("low", "high", "bands"),
    [
        (1_100, 3_600, ["0-50000"]),
        (49_999, 49_999, ["0-50000"]),
        (50_000, 50_000, ["50000-150000"]),
        (45_000, 160_000, ["0-50000", "50000-150000", "150000-500000"]),
        (150_000, 500_000, ["150000-500000", "500000-"]),
        (1_150_000, 1_350_000, ["500000-"]),
    ],
)
def test_a_price_range_is_in_every_band_it_touches(low: int, high: int, bands: list[str]) -> None:
    assert price_bands_of(low, high) == bands


# --- the index ---------------------------------------------------------------------------


@pytest.mark.slow
def test_only_the_content_of_record_pages_is_indexed(sample_site: Path) -> None:
    site = sample_site / "site"
    indexed: dict[str, int] = {}  # a bundle per language: pagefind/ (id) and en/pagefind/
    for entry_file in (site / "pagefind/pagefind-entry.json", site / "en/pagefind/pagefind-entry.json"):
        entry = json.loads(entry_file.read_text(encoding="utf-8"))
        indexed.update({lang: index["page_count"] for lang, index in entry["languages"].items()})
    bodies: dict[str, list[str]] = {}  # <html lang> → indexed pages
    for page in sorted(site.rglob("*.html")):
        html = page.read_text("utf-8")
        if "data-pagefind-body" in html:
            lang = re.search(r'<html lang="([^"]+)"', html)
            bodies.setdefault(lang.group(1) if lang else "unknown", []).append(page.relative_to(site).as_posix())
    assert "id" in bodies
    assert indexed == {lang: len(pages) for lang, pages in bodies.items()}
    indonesian = bodies["id"]
    assert all(p.startswith(("produk/", "ikm/", "sentra/", "kategori/")) for p in indonesian), indonesian
    assert len([p for p in indonesian if p.startswith("produk/")]) == len(_products(sample_site))
    for page in ("index.html", "cari/index.html", "kategori/index.html", "sentra/index.html", "tentang/index.html"):
        assert "data-pagefind-body" not in (site / page).read_text("utf-8"), page
    product = next((site / "produk").glob("*/*/index.html")).read_text("utf-8")
    grid = re.search(r'<section class="et-section" data-pagefind-ignore>.*?</section>', product, re.S)
    assert grid is None or "et-grid" in grid.group(0)  # "other products" cards are left out
    for attribute in ('data-pagefind-filter="category:', 'data-pagefind-filter="price:', 'data-pagefind-sort="price:'):
        assert attribute in product
    for meta in ('data-pagefind-meta="maker"', 'data-pagefind-meta="price"', 'data-pagefind-meta="image[data-src]"'):
        assert meta in product


# --- the browser -------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.slow
def test_header_search_leads_to_the_search_page(page: Page, sample_url: str) -> None:
    page.set_viewport_size(DESKTOP)
    page.goto(sample_url)
    assert page.locator("input[type=search]").count() == 1  # one search box, and it works
    box = page.get_by_role("searchbox", name="Cari")
    box.fill("kardigan")
    box.press("Enter")
    page.wait_for_url(re.compile(r"/cari/\?q=kardigan$"))
    expect(page.get_by_label("Kata kunci")).to_have_value("kardigan")
    expect(_status(page)).to_have_text(re.compile(r"^\d+ hasil untuk “kardigan”$"))
    assert "kardigan" in _first(page).locator(".et-result__title").inner_text().casefold()

    page.set_viewport_size(PHONE)  # on a phone the header has only the button
    page.goto(sample_url + "sentra/")
    page.get_by_role("button", name="Cari").click()
    page.wait_for_url(re.compile(r"/cari/\?q=$"))
    expect(page.get_by_label("Kata kunci")).to_be_focused()
    expect(_status(page)).to_have_text("Ketik kata kunci atau pilih filter untuk melihat produk.")


@pytest.mark.browser
@pytest.mark.slow
def test_exact_product_name_finds_the_product_first(page: Page, sample_site: Path, sample_url: str) -> None:
    products = _products(sample_site)
    _open_search(page, sample_url)
    for path in list(products)[::17]:  # a few names here; every name ranks first (next test)
        name = products[path]["name"]["id"]
        _type(page, name)
        assert _count(page) >= 1
        first = _first(page)
        assert urlsplit(first.locator("a").get_attribute("href") or "").path == path, name
        expect(first.locator(".et-result__title")).to_have_text(name)
        maker = first.locator(".et-result__maker").inner_text()
        assert maker and first.locator(".et-result__price").inner_text().startswith("Rp ")
        assert first.locator("img").get_attribute("src", timeout=1000)


@pytest.mark.browser
@pytest.mark.slow
def test_every_product_page_ranks_above_listings_for_its_name(page: Page, sample_site: Path, sample_url: str) -> None:
    names = {path: p["name"]["id"] for path, p in _products(sample_site).items()}
    _open_search(page, sample_url)
    misses = page.evaluate(
        """async ([root, names]) => {
            const pagefind = await import(root + "pagefind/pagefind.js");
            const misses = [];
            for (const [path, name] of Object.entries(names)) {
                const search = await pagefind.search(name);
                const first = search.results.length ? await search.results[0].data() : null;
                if (!first || new URL(first.url, location.href).pathname !== path) misses.push([name, first && first.url]);
            }
            return misses;
        }""",
        [sample_url, names],
    )
    assert misses == []


@pytest.mark.browser
@pytest.mark.slow
def test_an_indonesian_stem_finds_knit_products(page: Page, sample_site: Path, sample_url: str) -> None:
    products = _products(sample_site)
    knit = {path for path, p in products.items() if p["category"] == "rajut"}
    _open_search(page, sample_url)
    _type(page, "rajutan")
    found = _result_paths(page)
    assert _count(page) == len(found)
    assert knit <= set(found), sorted(knit - set(found))
    # "rajutan" (knitting) matches "rajut" (knit): most knit products never say "rajutan"
    literal = [path for path in knit if "rajutan" in json.dumps(products[path], default=str).casefold()]
    assert len(literal) < len(knit)


@pytest.mark.browser
@pytest.mark.slow
def test_query_with_a_category_filter(page: Page, sample_site: Path, sample_url: str) -> None:
    products = _products(sample_site)
    page.set_viewport_size(DESKTOP)
    _open_search(page, sample_url)
    _type(page, "kaos")
    everything = _count(page)
    option = page.locator("label", has=page.locator("input[name=category][value=percetakan]"))
    promised = int(option.locator("[data-count]").inner_text().replace(".", ""))
    assert 0 < promised < everything
    option.locator("input").check()
    expect(_status(page)).to_have_text(f"{promised} hasil untuk “kaos”")
    found = _result_paths(page)
    assert len(found) == promised
    assert all(products[path]["category"] == "percetakan" for path in found), found
    expect(page.locator("[data-active] button")).to_have_text(["Percetakan & Sablon"])
    query = parse_qs(urlsplit(page.url).query)
    assert query == {"q": ["kaos"], "category": ["percetakan"]}


@pytest.mark.browser
@pytest.mark.slow
def test_a_filter_alone_lists_its_products(page: Page, sample_site: Path, sample_url: str) -> None:
    halal = _certified(_products(sample_site), "halal")
    page.set_viewport_size(DESKTOP)
    _open_search(page, sample_url)
    box = page.locator("input[name=certificate][value=halal]")
    promised = box.locator("xpath=..").locator("[data-count]").inner_text()
    assert promised == str(len(halal))
    box.check()
    expect(_status(page)).to_have_text(f"{len(halal)} hasil")
    _settled(page)
    expect(box.locator("xpath=..").locator("[data-count]")).to_have_text(str(len(halal)))  # its own count stays
    assert set(_result_paths(page)) == halal
    assert urlsplit(page.url).query == "certificate=halal"
    # counts now say how many halal products each other value holds
    food = page.locator("label", has=page.locator("input[name=category][value=makanan]")).locator("[data-count]")
    makanan = {path for path in halal if _products(sample_site)[path]["category"] == "makanan"}
    expect(food).to_have_text(str(len(makanan)))


@pytest.mark.browser
@pytest.mark.slow
def test_no_results_says_so_and_suggests_removing_filters(page: Page, sample_url: str) -> None:
    page.set_viewport_size(DESKTOP)
    _open_search(page, sample_url)
    _type(page, "zzqxv")
    expect(_status(page)).to_have_text("Tidak ada hasil untuk “zzqxv”.")
    expect(page.locator("[data-hint]")).to_contain_text("Periksa ejaan")
    expect(page.locator("[data-empty] [data-clear]")).to_be_hidden()
    assert page.locator(".et-result").count() == 0

    _type(page, "rajut")
    page.locator("input[name=certificate][value=bpom-md]").check()
    expect(_status(page)).to_have_text("Tidak ada hasil untuk “rajut”.")
    expect(page.locator("[data-hint]")).to_have_text("Coba hapus satu atau beberapa filter.")
    clear = page.locator("[data-empty] [data-clear]")
    expect(clear).to_be_visible()
    clear.click()
    expect(_status(page)).to_have_text(re.compile(r"^\d+ hasil untuk “rajut”$"))
    assert urlsplit(page.url).query == "q=rajut"


@pytest.mark.browser
@pytest.mark.slow
def test_reloading_the_url_restores_the_search(page: Page, sample_url: str) -> None:
    page.set_viewport_size(DESKTOP)
    _open_search(page, sample_url)
    _type(page, "keripik")
    page.locator("input[name=export][value=yes]").check()
    page.locator("input[name=price][value='0-50000']").check()
    page.get_by_label("Urutkan").select_option("price-asc")
    _settled(page)
    before = (_status(page).inner_text(), _result_paths(page))
    url = page.url
    assert parse_qs(urlsplit(url).query) == {
        "q": ["keripik"],
        "export": ["yes"],
        "price": ["0-50000"],
        "sort": ["price-asc"],
    }
    page.goto("about:blank")
    page.goto(url)  # as a shared link
    expect(_status(page)).to_have_text(before[0])
    assert _result_paths(page) == before[1]
    expect(page.get_by_label("Kata kunci")).to_have_value("keripik")
    expect(page.locator("input[name=export][value=yes]")).to_be_checked()
    expect(page.get_by_label("Urutkan")).to_have_value("price-asc")
    page.reload()
    expect(_status(page)).to_have_text(before[0])
    assert _result_paths(page) == before[1]


@pytest.mark.browser
@pytest.mark.slow
def test_search_on_a_phone_with_filters_open(page: Page, sample_url: str) -> None:
    page.set_viewport_size(PHONE)
    _open_search(page, sample_url)
    filters = page.locator("[data-filters]")
    expect(filters).not_to_have_attribute("open", "")  # closed on a phone: results come first
    _type(page, "rajut")
    page.get_by_text("Filter", exact=True).click()
    page.locator("input[name=category][value=rajut]").check()
    page.locator("input[name=price][value='50000-150000']").check()
    expect(page.locator("[data-active-count]")).to_have_text("2 aktif")
    _settled(page)
    page.evaluate("document.querySelectorAll('.et-result img').forEach(i => i.loading = 'eager')")
    page.wait_for_load_state("networkidle")
    page.evaluate("window.scrollTo(0, 0)")  # else the sticky header lands mid-page in the screenshot
    page.wait_for_timeout(400)  # and Material's header title has swapped back
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the search page scrolls sideways by {overflow}px on a phone"
    shots = ARTIFACTS / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    # a screen as tall as the page, so the sticky "show results" bar sits where it does when scrolled there
    page.set_viewport_size({"width": PHONE["width"], "height": page.evaluate("document.body.scrollHeight")})
    page.screenshot(path=str(shots / "search-phone.png"))
    page.set_viewport_size(PHONE)
    # "show results" closes the filters and brings the results into view
    page.get_by_role("button", name="Tampilkan hasil").click()
    expect(filters).not_to_have_attribute("open", "")
    expect(_status(page)).to_be_in_viewport()


@pytest.mark.browser
@pytest.mark.slow
def test_a_first_query_fetches_little(page: Page, sample_url: str) -> None:
    fetched: dict[str, int] = {}

    def record(response: Any) -> None:
        fetched[response.url] = response.request.sizes()["responseBodySize"]

    page.set_viewport_size(PHONE)
    page.on("requestfinished", lambda request: record(request.response()))
    page.goto(sample_url + "cari/?q=kardigan")
    expect(_status(page)).to_have_text(re.compile(r"^\d+ hasil"))
    page.wait_for_load_state("networkidle")
    search = sum(size for url, size in fetched.items() if "/pagefind/" in url)
    assert 0 < search < 300_000, fetched  # Pagefind's own figure for large sites, library included


def test_the_root_language_bundle_leaves_other_language_and_pageless_folders_out(tmp_path: Path) -> None:
    for folder in ("produk", "en", "pagefind", "media", "odd{name}"):
        (tmp_path / folder).mkdir()
    (tmp_path / "index.html").write_text("<html></html>", encoding="utf-8")
    glob = root_language_glob(tmp_path, ["en"])
    assert glob == "{*.html,odd\\{name\\}/**/*.html,produk/**/*.html}"
    assert "en/" not in glob and "pagefind/" not in glob
    assert "media/" not in glob  # the photos: no pages in there, and tens of thousands of files to walk


def test_the_pageless_folders_include_the_photos_folder() -> None:
    assert MEDIA in search_index.PAGELESS_FOLDERS
