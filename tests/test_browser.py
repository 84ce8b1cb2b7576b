"""What a buyer sees, in Debian's Chromium: pages at phone and desktop width, the WhatsApp button."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page

from conftest import ARTIFACTS
from etalase.source.load import load_records

pytestmark = [pytest.mark.browser, pytest.mark.slow]

WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}


def _first_product(root: Path) -> tuple[str, dict]:
    records, _ = load_records(root)
    product = next(
        r for r in sorted(records, key=lambda r: r.path) if r.kind.value == "product" and "en" in r.data["name"]
    )
    return f"produk/{product.data['ikm']}/{product.data['slug']}/", product.data


def _pages(root: Path) -> dict[str, str]:
    product_url, product = _first_product(root)
    records, _ = load_records(root)
    sentra = next(r for r in records if r.kind.value == "sentra")
    return {
        "home": "",
        "category": f"kategori/{product['category']}/",
        "product": product_url,
        "sentra": f"sentra/{sentra.data['slug']}/",
        "sentra-directory": "sentra/",
    }


@pytest.mark.parametrize("width", WIDTHS)
def test_pages_fit_the_screen_and_show_their_images(page: Page, sample_site: Path, sample_url: str, width: str) -> None:
    page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width], strict=True)))
    shots = ARTIFACTS / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    for name, path in _pages(sample_site).items():
        response = page.goto(sample_url + path)
        assert response is not None and response.ok, path
        page.wait_for_load_state("networkidle")
        assert page.locator("h1").first.is_visible(), path
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width} width"
        broken = page.evaluate(
            "[...document.images].filter(i => i.complete && i.loading !== 'lazy' && i.naturalWidth === 0).map(i => i.src)"
        )
        assert broken == [], f"{path}: images that failed to load: {broken}"
        page.screenshot(path=str(shots / f"{name}-{width}.png"), full_page=True)


def test_whatsapp_button_opens_a_chat_naming_the_product(page: Page, sample_site: Path, sample_url: str) -> None:
    product_url, product = _first_product(sample_site)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(sample_url + product_url)
    link = page.locator("a[href^='https://wa.me/']").first
    assert link.is_visible()
    href = link.get_attribute("href") or ""
    parts = urlsplit(href)
    assert parts.path.strip("/").isdigit() and parts.path.strip("/").startswith("62")
    message = parse_qs(parts.query)["text"][0]
    assert product["name"]["id"] in message
    assert page.locator("h1").first.inner_text().strip() == product["name"]["id"]


def test_phone_loads_only_the_small_photo_variants(page: Page, sample_site: Path, sample_url: str) -> None:
    product_url, _ = _first_product(sample_site)
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(sample_url + product_url)
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")  # let lazy images below the fold load too
    page.wait_for_load_state("networkidle")
    photos = [url for url in requested if "/media/" in url]
    assert photos, "the product page requested no photos"
    large = [url for url in photos if url.endswith(("/1280.webp", ".jpg", ".png"))]
    assert large == [], f"a 390 px phone fetched large files: {large}"
    # Every <img> declares its size, so nothing shifts while photos load.
    unsized = page.evaluate(
        "[...document.images].filter(i => !i.getAttribute('width') || !i.getAttribute('height')).length"
    )
    assert unsized == 0
