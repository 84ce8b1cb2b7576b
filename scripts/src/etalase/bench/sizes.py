"""What a built synthetic site weighs, per product: photos, pages, and the site with and without photos.

``measure_site`` reads a built site once (file sizes only); ``size_lines`` turns a measurement into
the benchmark's lines on issue 20's targets at 10,000 products, both languages: photos ≤ 120 kB per
product, a product page ≤ 12 kB of HTML per language, the site without photos ≤ 0.4 GB, and how many
products fit GitHub Pages' 1 GB with their photos (aim: 6,000 or more). A size below 10,000 is
extrapolated linearly in products (its fixed part, the theme's assets and schemas, kept as it is):
sentra photos and IKM logos grow more slowly than products, so that reads a little high.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from etalase.photos import PAGES_LIMIT_BYTES

TARGET_PRODUCTS = 10_000
TARGET_PHOTO_BYTES = 120_000  # per product
TARGET_PRODUCT_PAGE_BYTES = 12_000  # per language
TARGET_SITE_WITHOUT_PHOTOS = 400_000_000  # at TARGET_PRODUCTS
TARGET_FITS = 6_000
FIXED_FOLDERS = ("assets", "schema")  # what does not grow with the catalogue
SECTIONS = {"produk": "product", "ikm": "ikm"}


@dataclass(frozen=True)
class SiteSizes:
    """Bytes of one built site, by what grows with the catalogue and what does not."""

    products: int
    languages: int
    total: int = 0
    photos: int = 0  # media/
    fixed: int = 0  # FIXED_FOLDERS
    product_pages: int = 0  # every product page's HTML, every language
    product_page_count: int = 0
    ikm_pages: int = 0  # every IKM page's HTML, every language

    @property
    def without_photos(self) -> int:
        """Return the site's bytes without its photos (as with media_url)."""
        return self.total - self.photos

    def at(self, products: int) -> SiteSizes:
        """Return these sizes scaled to ``products`` (linear, the fixed part kept)."""
        k = products / self.products
        return SiteSizes(
            products,
            self.languages,
            total=self.fixed + round((self.total - self.fixed) * k),
            photos=round(self.photos * k),
            fixed=self.fixed,
            product_pages=round(self.product_pages * k),
            product_page_count=round(self.product_page_count * k),
            ikm_pages=round(self.ikm_pages * k),
        )

    def fits_pages(self, limit: int = PAGES_LIMIT_BYTES) -> tuple[int, int]:
        """Return how many products fit ``limit`` with their photos in the site, and without."""
        room = max(limit - self.fixed, 0)
        per_product = (self.total - self.fixed) / self.products
        pages = (self.without_photos - self.fixed) / self.products
        return int(room / per_product), int(room / max(pages, 1))


def measure_site(site: Path, products: int) -> SiteSizes:
    """Return the sizes of the built ``site`` of a catalogue of ``products`` products."""
    total = photos = fixed = product_pages = product_count = ikm_pages = 0
    languages = 1 + sum(1 for name in ("en",) if (site / name).is_dir())
    for directory, _, files in os.walk(site):
        parts = Path(directory).relative_to(site).parts
        top = parts[0] if parts else ""
        section = parts[1] if top == "en" and len(parts) > 1 else top
        for name in files:
            size = os.stat(os.path.join(directory, name)).st_size
            total += size
            if top == "media":
                photos += size
            elif top in FIXED_FOLDERS:
                fixed += size
            elif name == "index.html" and SECTIONS.get(section) == "product" and len(parts) >= 3:
                product_pages += size
                product_count += 1
            elif name == "index.html" and SECTIONS.get(section) == "ikm":
                ikm_pages += size
    return SiteSizes(products, languages, total, photos, fixed, product_pages, product_count, ikm_pages)


def _verdict(ok: bool) -> str:
    return "met" if ok else "MISSED"


def size_lines(sizes: SiteSizes) -> list[str]:
    """Return the benchmark's lines on the size targets for one measured site (see the module's docstring)."""
    n = sizes.products
    page = sizes.product_pages / max(sizes.product_page_count, 1)
    ikm = sizes.ikm_pages / n / sizes.languages
    photos = sizes.photos / n
    big = sizes if n >= TARGET_PRODUCTS else sizes.at(TARGET_PRODUCTS)
    how = "measured" if n >= TARGET_PRODUCTS else f"linear from N={n:,}"
    with_photos, without = sizes.fits_pages()
    return [
        f"N={n:,}: photos {photos / 1e3:.0f} kB per product (target ≤ {TARGET_PHOTO_BYTES / 1e3:.0f} kB): "
        f"{_verdict(photos <= TARGET_PHOTO_BYTES)}",
        f"N={n:,}: product page {page / 1e3:.1f} kB of HTML per language (target ≤ "
        f"{TARGET_PRODUCT_PAGE_BYTES / 1e3:.0f} kB): {_verdict(page <= TARGET_PRODUCT_PAGE_BYTES)}; IKM pages "
        f"{ikm / 1e3:.1f} kB per product per language; pages and data {(sizes.without_photos - sizes.fixed) / n / 1e3:.0f} "
        f"kB per product, both languages",
        f"N={n:,}: site {sizes.total / 1e9:.3f} GB, {sizes.without_photos / 1e9:.3f} GB without photos; at "
        f"{TARGET_PRODUCTS:,} ({how}): {big.total / 1e9:.2f} GB, {big.without_photos / 1e9:.2f} GB without photos "
        f"(target ≤ {TARGET_SITE_WITHOUT_PHOTOS / 1e9:.1f} GB): {_verdict(big.without_photos <= TARGET_SITE_WITHOUT_PHOTOS)}",
        f"N={n:,}: fits GitHub Pages' 1 GB with its photos up to about {with_photos:,} products (target "
        f"{TARGET_FITS:,}+: {_verdict(with_photos >= TARGET_FITS)}), up to about {without:,} with the photos on a "
        "media host",
    ]
