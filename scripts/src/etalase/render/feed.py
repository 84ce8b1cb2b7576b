"""New products: the "new this month" list (home page, ``baru/``) and the Atom feed (``feed.xml``).

A product's optional ``added`` date says when it entered the catalogue. "New" is measured from
the **catalogue's date** (``catalog_date``: the newest ``added`` or ``last_verified`` of the
records, never the clock), so two builds of the same records are byte-identical whatever day
they run: a product is new when it was added in the ``NEW_DAYS`` days up to that date.

The feed (``feed.xml`` for Indonesian, ``en/feed.xml`` for English) lists the ``FEED_SIZE``
newest products with an ``added`` date. It is written with the standard library's XML writer
(``xml.etree.ElementTree``), which escapes every text and attribute; control characters that
XML 1.0 forbids are dropped first (``render.clean``). Entry ids are the products' absolute
URLs, so the feed needs the site's ``site_url``; without one there is no feed.
"""

from __future__ import annotations

import datetime as dt
import io
import mimetypes
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from etalase.model import Product
from etalase.model.catalog import Catalog, Entry
from etalase.render.engine import PageMeta
from etalase.render.links import product_path
from etalase.render.pictures import og_image_url
from etalase.render.text import clean, summary

NEW_DAYS = 30  # a product is new when added in the 30 days up to the catalogue's date
FEED_SIZE = 50  # entries in the Atom feed
HOME_NEW = 4  # product cards in the home page's "new this month" section
NEW_PAGE = "baru/"  # the list of new products in each language (``baru/``, ``en/baru/``)
FEED_FILE = "feed.xml"  # the Atom feed in each language's root
ATOM = "http://www.w3.org/2005/Atom"


# --- choosing products ---------------------------------------------------------------------


def catalog_date(catalog: Catalog) -> dt.date | None:
    """Return the catalogue's date: the newest ``added`` or ``last_verified`` of its records."""
    dates = [e.record.last_verified for e in (*catalog.products, *catalog.ikms.values(), *catalog.sentra.values())]
    dates += [e.record.added for e in catalog.products if e.record.added]
    return max(dates, default=None)


def _newest_first(entry: Entry[Product]) -> tuple[int, str, str]:
    added = entry.record.added
    return (-(added.toordinal() if added else 0), entry.record.name.id.casefold(), entry.path)


def newest_products(catalog: Catalog, limit: int | None = None) -> list[Entry[Product]]:
    """Return the products that have an ``added`` date (and a maker), newest first, then by name."""
    found = [e for e in catalog.products if e.record.added and e.record.ikm in catalog.ikms]
    return sorted(found, key=_newest_first)[:limit]


def recent_products(catalog: Catalog, as_of: dt.date | None, days: int = NEW_DAYS) -> list[Entry[Product]]:
    """Return the products added in the ``days`` days up to ``as_of`` (that day included), newest first."""
    if as_of is None:
        return []
    since = as_of - dt.timedelta(days=days - 1)
    return [e for e in newest_products(catalog) if since <= e.record.added <= as_of]  # type: ignore[operator]


# --- the Atom feed -------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedEntry:
    """One product in the feed: plain texts (escaped by the XML writer) and absolute URLs."""

    url: str
    title: str
    summary: str
    author: str
    category: str
    published: dt.date
    updated: dt.date
    image: str | None = None


@dataclass(frozen=True)
class FeedHead:
    """The feed's own fields."""

    feed_url: str  # the feed's absolute URL (its id and rel=self)
    page_url: str  # the page it mirrors (rel=alternate): the list of new products
    title: str
    subtitle: str
    author: str
    lang: str


def _stamp(day: dt.date) -> str:
    """Return an RFC 3339 timestamp for a date (midnight UTC): Atom's date format."""
    return f"{day.isoformat()}T00:00:00Z"


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}")
    element.text = clean(text)
    return element


def _link(parent: ET.Element, href: str, rel: str, kind: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}link", {"rel": rel, "type": kind, "href": href})


def atom_feed(head: FeedHead, entries: Sequence[FeedEntry]) -> str:
    """Return an Atom 1.0 document (RFC 4287) of ``entries``, newest first as given.

    Deterministic: the feed's ``updated`` is the newest entry's (the catalogue's date, not the
    clock), and attributes and elements come in a fixed order.
    """
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": head.lang})
    _text(root, "id", head.feed_url)
    _text(root, "title", head.title)
    _text(root, "subtitle", head.subtitle)
    updated = max((e.updated for e in entries), default=None)
    _text(root, "updated", _stamp(updated) if updated else "1970-01-01T00:00:00Z")
    author = ET.SubElement(root, f"{{{ATOM}}}author")
    _text(author, "name", head.author)
    _link(root, head.feed_url, "self", "application/atom+xml")
    _link(root, head.page_url, "alternate", "text/html")
    for item in entries:
        entry = ET.SubElement(root, f"{{{ATOM}}}entry")
        _text(entry, "id", item.url)
        _text(entry, "title", item.title)
        _link(entry, item.url, "alternate", "text/html")
        _text(entry, "published", _stamp(item.published))
        _text(entry, "updated", _stamp(item.updated))
        maker = ET.SubElement(entry, f"{{{ATOM}}}author")
        _text(maker, "name", item.author)
        ET.SubElement(entry, f"{{{ATOM}}}category", {"term": clean(item.category)})
        _text(entry, "summary", item.summary)
        if item.image:
            _link(entry, item.image, "enclosure", mimetypes.guess_type(item.image)[0] or "image/webp")
    ET.indent(root)
    out = io.BytesIO()
    ET.ElementTree(root).write(out, encoding="utf-8", xml_declaration=True)
    return out.getvalue().decode("utf-8") + "\n"


def feed_entries(renderer: Any, products: Iterable[Entry[Product]]) -> list[FeedEntry]:
    """Return the feed entries of ``products`` in the renderer's language (needs its ``site_url``)."""
    catalog: Catalog = renderer.catalog
    lang: str = renderer.lang
    entries = []
    for entry in products:
        product = entry.record
        maker = catalog.ikms[product.ikm].record
        category = catalog.category_by_slug.get(product.category)
        image = og_image_url(renderer.photo(entry, product.photos[0]))
        added = product.added or product.last_verified
        entries.append(
            FeedEntry(
                url=renderer.page_url(product_path(product)),
                title=f"{product.name.get(lang)} — {maker.name}",
                summary=summary(product.description.get(lang), 300),
                author=maker.name,
                category=category.name.get(lang) if category else product.category,
                published=added,
                updated=max(added, product.last_verified),
                image=_absolute(renderer.site_url, image) if image else None,
            )
        )
    return entries


def _absolute(site_url: str, url: str) -> str:
    """Return a site-root-relative URL as an absolute one (photos on another host stay as they are)."""
    return url if url.startswith("https://") else site_url + url.lstrip("/")


# --- pages ---------------------------------------------------------------------------------


def template_globals(renderer: Any) -> dict[str, object]:
    """Return what every page's template may show of the new products and the feed.

    ``new_products``: the newest few for the home page, ``new_total``: how many are new,
    ``new_page`` and ``feed_page``: paths from the language root's base (``home``),
    ``feed_url``: the feed's path from the docs root (for the head link), empty without a site URL.
    """
    catalog: Catalog = renderer.catalog
    recent = recent_products(catalog, catalog_date(catalog))
    has_feed = bool(renderer.site_url)
    return {
        "new_products": recent[:HOME_NEW],
        "new_total": len(recent),
        "new_page": NEW_PAGE,
        "feed_page": FEED_FILE if has_feed else "",
        "feed_url": renderer.prefix + FEED_FILE if has_feed else "",
    }


def feed_pages(renderer: Any) -> list[tuple[str, str]]:
    """Return (docs path, content) of the new-products page and the Atom feed of the renderer's language."""
    catalog: Catalog = renderer.catalog
    t = renderer.t
    as_of = catalog_date(catalog)
    recent = recent_products(catalog, as_of)
    since = as_of - dt.timedelta(days=NEW_DAYS - 1) if as_of else None
    meta = PageMeta(t("new.title"), summary(t("new.description", days=NEW_DAYS)))
    pages = [
        renderer.render(
            "new",
            NEW_PAGE.rstrip("/") + ".md",
            meta,
            products=recent,
            as_of=as_of,
            since=since,
            days=NEW_DAYS,
        )
    ]
    if renderer.site_url:
        site_name = catalog.site.title.get(renderer.lang)
        head = FeedHead(
            feed_url=renderer.page_url(FEED_FILE),
            page_url=renderer.page_url(NEW_PAGE),
            title=t("feed.title", site=site_name),
            subtitle=t("feed.subtitle", site=site_name),
            author=site_name,
            lang=renderer.lang,
        )
        entries = feed_entries(renderer, newest_products(catalog, FEED_SIZE))
        pages.append((renderer.prefix + FEED_FILE, atom_feed(head, entries)))
    return pages
