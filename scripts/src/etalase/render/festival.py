"""Festival pages: booths assigned to IKMs, rendered as pages to print (checks: ``check/festivals.py``).

A festival record (``catalog/festivals/<slug>.yml``, model ``records.Festival``) names its venue,
dates and booths; each booth holds one IKM and the products its printed sheet features.

Pages (``festival_pages``, called from ``render_pages``):

- ``festival/<slug>/``: dates, venue, the exhibitors by booth and by sentra;
- ``festival/<slug>/booth/<number>/``: one A4 portrait sheet per booth;
- ``festival/<slug>/print/``: every sheet, one per A4 page, to print in one job;
- ``festival/<slug>/handout/``: a one-page exhibitor list.

QR codes are inline SVG from segno (quiet zone of 4 modules) and encode absolute URLs built from
the site's ``site_url``; without one the sheet has only the WhatsApp code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import segno
from markupsafe import Markup, escape

from etalase.model import BOOTH_PRODUCTS_MAX, Booth, Category, Festival, Ikm, Product, Sentra
from etalase.model.catalog import Catalog, Entry
from etalase.render.engine import PageMeta
from etalase.render.i18n import Translations
from etalase.render.links import (
    ikm_path,
    whatsapp_href,
)
from etalase.render.text import summary
from etalase.render.wapages import wa_path

if TYPE_CHECKING:
    import datetime as dt

QR_BORDER = 4  # modules of quiet zone around a code: the minimum the QR standard asks for
QR_ERROR = "m"  # error correction: survives a smudge or a fold in a printed sheet (segno may raise it)
QR_SHORT_ERROR = "l"  # the short WhatsApp address: the smallest code, raised to m or more where it fits
_DIGITS = re.compile(r"(\d+)")


# --- helpers shared by the pages and the booths command ----------------------------------


def festival_path(slug: str) -> str:
    """Return a festival page's URL, relative to the language root."""
    return f"festival/{slug}/"


def booth_path(slug: str, number: str) -> str:
    """Return a booth sheet's URL, relative to the language root."""
    return f"festival/{slug}/booth/{number}/"


def print_path(slug: str) -> str:
    """Return the URL of the page that prints every booth of a festival, one per sheet."""
    return f"festival/{slug}/print/"


def handout_path(slug: str) -> str:
    """Return the URL of a festival's one-page exhibitor list."""
    return f"festival/{slug}/handout/"


def booth_order(number: str) -> tuple[Any, ...]:
    """Return a sort key that puts booth numbers in natural order (A-2 before A-10)."""
    return tuple((0, int(part)) if part.isdigit() else (1, part) for part in _DIGITS.split(number) if part)


def featured(catalog: Catalog, booth: Booth) -> list[Entry[Product]]:
    """Return the products a booth sheet shows: those listed, else the IKM's first ones."""
    own = catalog.products_by_ikm.get(booth.ikm, [])
    if booth.products is None:
        return own[:BOOTH_PRODUCTS_MAX]
    by_slug = {e.record.slug: e for e in own}
    return [by_slug[slug] for slug in booth.products if slug in by_slug]


def qr_svg(data: str, label: str = "", error: str = QR_ERROR) -> Markup:
    """Return a QR code of ``data`` as inline SVG: black on white, a quiet zone of 4 modules.

    The SVG has a viewBox and no size, so CSS sizes it; ``label`` becomes its accessible name.
    ``error`` is the lowest error correction level wanted (segno raises it when the size allows).
    """
    code = segno.make(data, error=error, micro=False)
    svg = code.svg_inline(scale=1, border=QR_BORDER, omitsize=True, dark="#000", light="#fff", svgclass="et-qr__code")
    attributes = ' role="img"' + (f' aria-label="{escape(label)}"' if label else "")
    return Markup(svg.replace("<svg ", f"<svg{attributes} ", 1))


def date_range(t: Translations, months: list[str], start: dt.date, end: dt.date) -> str:
    """Return a festival's dates: ``3–7 Juni 2026``, ``29 Mei – 2 Juni 2026`` or two full dates."""
    if start == end:
        return t("format.date", day=start.day, month=months[start.month - 1], year=start.year)
    if (start.year, start.month) == (end.year, end.month):
        return t("festival.dates_month", start=start.day, end=end.day, month=months[start.month - 1], year=start.year)
    if start.year == end.year:
        return t(
            "festival.dates_year",
            start=start.day,
            start_month=months[start.month - 1],
            end=end.day,
            end_month=months[end.month - 1],
            year=start.year,
        )
    first = t("format.date", day=start.day, month=months[start.month - 1], year=start.year)
    last = t("format.date", day=end.day, month=months[end.month - 1], year=end.year)
    return f"{first} – {last}"


def unbroken(price: str) -> Markup:
    """Return a price band that breaks only after its dash: ``Rp 95.000 –`` / ``130.000 / pcs``."""
    return Markup(str(escape(price)).replace(" – ", "&nbsp;– ").replace(" / ", "&nbsp;/&nbsp;"))


def phone_display(number: str) -> str:
    """Return a WhatsApp number grouped for reading aloud: ``+62 812-3456-7890``."""
    digits = re.sub(r"\D", "", number)
    if not number.startswith("+62") or len(digits) < 10:
        return number
    rest = digits[2:]
    return f"+62 {rest[:3]}-{rest[3:7]}-{rest[7:]}"


# --- pages -------------------------------------------------------------------------------


@dataclass(frozen=True)
class BoothView:
    """A booth with everything its sheet and the exhibitor lists show."""

    booth: Booth
    ikm_entry: Entry[Ikm]
    sentra: Entry[Sentra] | None
    products: list[Entry[Product]]
    categories: list[Category]
    ikm_url: str  # absolute address of the IKM's page ("" without a site URL)
    whatsapp: str | None  # wa.me link with a message written for the visitor
    qr_ikm: Markup | None
    qr_whatsapp: Markup | None
    path: str  # the sheet's URL, relative to the language root

    @property
    def ikm(self) -> Ikm:
        """Return the IKM in the booth."""
        return self.ikm_entry.record


@dataclass(frozen=True)
class FestivalView:
    """A festival with its booths in number order and grouped by sentra."""

    entry: Entry[Festival]
    booths: list[BoothView]
    by_sentra: list[tuple[Entry[Sentra] | None, list[BoothView]]]
    dates: str
    url: str  # absolute address of the festival page ("" without a site URL)
    qr: Markup | None

    @property
    def festival(self) -> Festival:
        """Return the festival record."""
        return self.entry.record


def festival_view(renderer: Any, entry: Entry[Festival]) -> FestivalView:
    """Return what the pages of one festival show, for the page language of ``renderer``."""
    catalog: Catalog = renderer.catalog
    t: Translations = renderer.t
    festival = entry.record
    name = festival.name.get(renderer.lang)
    booths = []
    for booth in sorted(festival.booths, key=lambda b: booth_order(b.number)):
        ikm_entry = catalog.ikms.get(booth.ikm)
        if ikm_entry is None:  # only when the records have errors, which stop a build
            continue
        ikm = ikm_entry.record
        products = featured(catalog, booth)
        categories = _categories(catalog, products or catalog.products_by_ikm.get(ikm.slug, []))
        sentra = catalog.sentra.get(ikm.sentra)
        if not categories and sentra and sentra.record.category in catalog.category_by_slug:
            categories = [catalog.category_by_slug[sentra.record.category]]
        ikm_url = renderer.page_url(ikm_path(ikm.slug))
        message = t("festival.whatsapp", maker=ikm.name, booth=booth.number, festival=name)
        whatsapp = whatsapp_href(ikm.contacts.whatsapp, message)
        # The code carries the short address (chat/<ikm>/) when the site has a URL: a small code
        # whose modules print at about 1 mm. Low error correction (segno raises it when that
        # still fits the same size) keeps both languages' addresses in a version-4 code.
        short = renderer.page_url(wa_path(ikm.slug))
        error = QR_SHORT_ERROR if short else QR_ERROR
        booths.append(
            BoothView(
                booth=booth,
                ikm_entry=ikm_entry,
                sentra=sentra,
                products=products,
                categories=categories,
                ikm_url=ikm_url,
                whatsapp=whatsapp,
                qr_ikm=qr_svg(ikm_url, t("festival.qr_catalog_label", maker=ikm.name)) if ikm_url else None,
                qr_whatsapp=qr_svg(short or whatsapp, t("festival.qr_whatsapp_label", maker=ikm.name), error=error)
                if whatsapp
                else None,
                path=booth_path(festival.slug, booth.number),
            )
        )
    groups: dict[str, list[BoothView]] = {}
    for view in booths:
        groups.setdefault(view.ikm.sentra, []).append(view)
    by_sentra = sorted(
        ((catalog.sentra.get(slug), views) for slug, views in groups.items()),
        key=lambda item: (item[0] is None, item[0].record.name.casefold() if item[0] else ""),
    )
    url = renderer.page_url(festival_path(festival.slug))
    months = renderer.fmt.table["months"]
    return FestivalView(
        entry=entry,
        booths=booths,
        by_sentra=by_sentra,
        dates=date_range(t, months, festival.dates.start, festival.dates.end),
        url=url,
        qr=qr_svg(url, name) if url else None,
    )


def _categories(catalog: Catalog, products: list[Entry[Product]]) -> list[Category]:
    slugs = dict.fromkeys(e.record.category for e in products)
    return [catalog.category_by_slug[s] for s in slugs if s in catalog.category_by_slug]


def festival_pages(renderer: Any) -> list[tuple[str, str]]:
    """Return (docs path, content) of every festival's page, booth sheets, print-all page and handout."""
    pages: list[tuple[str, str]] = []
    catalog: Catalog = renderer.catalog
    t: Translations = renderer.t
    for slug in sorted(catalog.festivals):
        view = festival_view(renderer, catalog.festivals[slug])
        festival = view.festival
        name = festival.name.get(renderer.lang)
        where = f"{festival.venue.name}, {festival.venue.city}"
        description = summary(t("festival.description", festival=name, dates=view.dates, venue=where))
        context = {
            "fest": view,
            "festival": festival,
            "venue": where,
            "phone": phone_display,
            "unbroken": unbroken,
            "festival_page": festival_path(slug),
            "print_page": print_path(slug),
            "handout_page": handout_path(slug),
        }
        pages.append(renderer.render("festival", f"festival/{slug}/index.md", PageMeta(name, description), **context))
        for booth in view.booths:
            title = t("festival.booth_title", number=booth.booth.number, maker=booth.ikm.name, festival=name)
            meta = PageMeta(title, summary(title))
            pages.append(
                renderer.render(
                    "festival_booth", f"festival/{slug}/booth/{booth.booth.number}.md", meta, b=booth, **context
                )
            )
        meta = PageMeta(t("festival.print_title", festival=name), description)
        pages.append(renderer.render("festival_print", f"festival/{slug}/print.md", meta, **context))
        meta = PageMeta(t("festival.handout_title", festival=name), description)
        pages.append(renderer.render("festival_handout", f"festival/{slug}/handout.md", meta, **context))
    return pages
