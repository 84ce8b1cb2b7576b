"""The catalogue's own pages: home, categories, product, IKM, sentra, search and about."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import yaml
from markupsafe import Markup

from etalase.model import CertificateType, Ikm, Product, Sentra
from etalase.model.catalog import Entry
from etalase.render.capabilities import process_filters
from etalase.render.engine import PageMeta, Renderer
from etalase.render.events import event_links
from etalase.render.filters import PRICE_BANDS, price_band
from etalase.render.links import (
    BASE_LANG,
    _md,
    category_path,
    ikm_path,
    product_path,
    sentra_path,
    whatsapp_href,
)
from etalase.render.pictures import og_image_url
from etalase.render.text import summary

CATEGORY_PAGE_SIZE = 48  # product cards per category page; more go to kategori/<slug>/2/ …
OTHER_PRODUCTS = 4  # "more from this maker" cards on a product page: one row on wide screens, two on phones
SENTRA_PRODUCTS_PER_IKM = 4  # product cards per IKM on a sentra page (then a link to the IKM)


def home(r: Renderer) -> tuple[str, str]:
    catalog = r.catalog
    site = catalog.site
    featured = [catalog.sentra[slug] for slug in site.featured_sentra if slug in catalog.sentra]
    first_photo = next((e for e in featured if e.record.photos), None)
    meta = PageMeta(
        site.title.get(r.lang),
        summary(site.tagline.get(r.lang)),
        og_image_url(r.photo(first_photo, first_photo.record.photos[0])) if first_photo else None,
    )
    stats = {
        "ikms": len(catalog.ikms),
        "products": len(catalog.products),
        "workers": sum(e.record.workers for e in catalog.ikms.values()),
        "sentra": len(catalog.sentra),
    }
    return r.render(
        "home",
        "index.md",
        meta,
        featured=featured,
        stats=stats,
        categories=category_cards(r),
        events=event_links(r),
    )


def category_cards(r: Renderer) -> list[tuple[Any, int, Entry[Product] | None]]:
    """Return (category, product count, product whose photo shows it) in file order."""
    by_category = r.catalog.products_by_category
    cards = []
    for category in r.catalog.categories:
        products = by_category.get(category.slug, [])
        cover = next((p for p in products if r.photo(p, p.record.photos[0])), products[0] if products else None)
        cards.append((category, len(products), cover))
    return cards


def categories_index(r: Renderer) -> tuple[str, str]:
    meta = PageMeta(r.t("categories.title"), summary(r.t("categories.intro")))
    return r.render("categories", "kategori/index.md", meta, categories=category_cards(r))


def category_pages(r: Renderer) -> Iterable[tuple[str, str]]:
    by_category = r.catalog.products_by_category
    for category in r.catalog.categories:
        products = by_category.get(category.slug, [])
        chunks = [products[i : i + CATEGORY_PAGE_SIZE] for i in range(0, len(products), CATEGORY_PAGE_SIZE)]
        chunks = chunks or [[]]
        sentra = sorted(
            (e for e in r.catalog.sentra.values() if e.record.category == category.slug),
            key=lambda e: (e.record.name.casefold(), e.record.slug),
        )
        name = category.name.get(r.lang)
        for number, chunk in enumerate(chunks, start=1):
            title = name if number == 1 else f"{name} — {r.t('categories.page', page=number, pages=len(chunks))}"
            cover = next((p for p in chunk if r.photo(p, p.record.photos[0])), None)
            meta = PageMeta(
                title,
                summary(category.description.get(r.lang)),
                og_image_url(r.photo(cover, cover.record.photos[0])) if cover else None,
            )
            yield r.render(
                "category",
                _md(category_path(category.slug, number)),
                meta,
                category=category,
                products=chunk,
                total=len(products),
                page_number=number,
                page_count=len(chunks),
                sentra=sentra,
            )


def product_page(r: Renderer, entry: Entry[Product]) -> tuple[str, str]:
    product = entry.record
    ikm_entry = r.catalog.ikms[product.ikm]
    maker = ikm_entry.record
    url_path = product_path(product)
    name = product.name.get(r.lang)
    site_name = r.catalog.site.title.get(r.lang)
    page_url = r.page_url(url_path)
    if page_url:
        message = r.t("whatsapp.product", maker=maker.name, product=name, site=site_name, url=page_url)
    else:
        message = r.t("whatsapp.product_nourl", maker=maker.name, product=name, site=site_name)
    others = [e for e in r.catalog.products_by_ikm.get(product.ikm, []) if e is not entry]
    meta = PageMeta(
        f"{name} — {maker.name}",
        summary(product.description.get(r.lang)),
        og_image_url(r.photo(entry, product.photos[0])),
    )
    return r.render(
        "product",
        _md(url_path),
        meta,
        entry=entry,
        product=product,
        ikm_entry=ikm_entry,
        maker=maker,
        sentra=r.sentra_of(maker),
        category=r.catalog.category_by_slug.get(product.category),
        whatsapp=whatsapp_href(maker.contacts.whatsapp, message),
        others=others[:OTHER_PRODUCTS],
        others_total=len(others),
    )


def ikm_page(r: Renderer, entry: Entry[Ikm]) -> tuple[str, str]:
    ikm = entry.record
    url_path = ikm_path(ikm.slug)
    site_name = r.catalog.site.title.get(r.lang)
    page_url = r.page_url(url_path)
    if page_url:
        message = r.t("whatsapp.ikm", maker=ikm.name, site=site_name, url=page_url)
    else:
        message = r.t("whatsapp.ikm_nourl", maker=ikm.name, site=site_name)
    products = r.catalog.products_by_ikm.get(ikm.slug, [])
    image = r.photo(entry, ikm.logo)
    if image is None and products:
        image = r.photo(products[0], products[0].record.photos[0])
    description = ikm.about.get(r.lang) if ikm.about else f"{ikm.name} — {ikm.location.city}"
    meta = PageMeta(ikm.name, summary(description), og_image_url(image))
    return r.render(
        "ikm",
        _md(url_path),
        meta,
        entry=entry,
        ikm=ikm,
        sentra=r.sentra_of(ikm),
        products=products,
        whatsapp=whatsapp_href(ikm.contacts.whatsapp, message),
    )


def sentra_index(r: Renderer) -> tuple[str, str]:
    by_city: dict[str, list[Entry[Sentra]]] = {}
    for entry in sorted(r.catalog.sentra.values(), key=lambda e: (e.record.name.casefold(), e.record.slug)):
        by_city.setdefault(entry.record.city, []).append(entry)
    cities = [
        (
            city,
            entries,
            sum(len(r.catalog.ikms_by_sentra.get(e.record.slug, [])) for e in entries),
            sum(r.sentra_product_count(e.record.slug) for e in entries),
        )
        for city, entries in sorted(by_city.items(), key=lambda item: (-len(item[1]), item[0].casefold()))
    ]
    meta = PageMeta(r.t("sentra.title"), summary(r.t("sentra.intro")))
    return r.render("sentra_index", "sentra/index.md", meta, cities=cities)


def sentra_page(r: Renderer, entry: Entry[Sentra]) -> tuple[str, str]:
    sentra = entry.record
    ikms = r.catalog.ikms_by_sentra.get(sentra.slug, [])
    meta = PageMeta(
        sentra.name,
        summary(sentra.description.get(r.lang)),
        og_image_url(r.photo(entry, sentra.photos[0])) if sentra.photos else None,
    )
    return r.render(
        "sentra",
        _md(sentra_path(sentra.slug)),
        meta,
        entry=entry,
        sentra=sentra,
        ikms=ikms,
        category=r.catalog.category_by_slug.get(sentra.category),
        per_ikm=SENTRA_PRODUCTS_PER_IKM,
    )


def search_page(r: Renderer) -> tuple[str, str]:
    """Return the search page: a form whose filters (with counts) are the products' search filters."""
    catalog = r.catalog
    counts: dict[tuple[str, str], int] = {}
    for entry in catalog.products:
        if entry.record.ikm in catalog.ikms:
            for pair in r.search_filters(entry.record):
                counts[pair] = counts.get(pair, 0) + 1
    for entry in catalog.ikms.values():  # the IKM pages' filter: what the makers can do
        for pair in process_filters(entry.record, r.lang):
            counts[pair] = counts.get(pair, 0) + 1
    sentra = sorted(catalog.sentra.values(), key=lambda e: (e.record.name.casefold(), e.record.slug))
    cities = sorted({city for name, city in counts if name == "city"}, key=str.casefold)
    processes = sorted({value for name, value in counts if name == "process"}, key=str.casefold)
    fmt = r.fmt
    bands = []
    for low, high in PRICE_BANDS:
        if low == 0 and high is not None:
            label = r.t("search.price_below", amount=fmt.idr(high))
        elif high is None:
            label = r.t("search.price_above", amount=fmt.idr(low))
        else:
            label = fmt.idr_range(low, high)
        bands.append((price_band(low, high), label))
    options = {
        "category": [(c.slug, c.name.get(r.lang)) for c in catalog.categories],
        "sentra": [(e.record.slug, e.record.name) for e in sentra],
        "city": [(city, city) for city in cities],
        "certificate": [(c.value, r.t(f"cert_short.{c.value}")) for c in CertificateType],
        "export": [("yes", r.t("label.export_ready"))],
        "price": bands,
        "process": [(value, value) for value in processes],
    }
    groups = [
        (name, [(value, label, counts[(name, value)]) for value, label in values if (name, value) in counts])
        for name, values in options.items()
    ]
    meta = PageMeta(r.t("search.title"), summary(r.t("search.intro")))
    return r.render("search", "cari.md", meta, groups=[g for g in groups if g[1]])


def about_page(r: Renderer, pages_dir: Path) -> tuple[str, str]:
    """Return the about page: hand-written (trusted) markdown under the generated front matter."""
    own = pages_dir / f"about.{r.lang}.md"
    fallback = pages_dir / f"about.{BASE_LANG}.md"
    source = own if own.is_file() else fallback if fallback.is_file() else None
    body = source.read_text(encoding="utf-8") if source else ""
    body, title = _split_front_matter(body)
    meta = PageMeta(title or r.t("about.title"), summary(r.catalog.site.tagline.get(r.lang)), hide=())
    return r.render(
        "about",
        "tentang.md",
        meta,
        content=Markup(body.strip("\n")),
        fallback=source is not None and source != own,
    )


def _split_front_matter(text: str) -> tuple[str, str | None]:
    """Return a hand-written page without its own front matter, and the title it gave."""
    if not text.startswith("---\n"):
        return text, None
    end = text.find("\n---\n", 3)
    if end < 0:
        return text, None
    try:
        data = yaml.safe_load(text[4:end])
    except yaml.YAMLError:
        return text, None
    title = data.get("title") if isinstance(data, dict) else None
    return text[end + 5 :], title if isinstance(title, str) else None
