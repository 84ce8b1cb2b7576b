"""Structured data: schema.org JSON-LD for the product, IKM, sentra and home pages.

Pure functions turn a record and the addresses its page knows into one JSON-LD value, texts in
the page's language:

- ``product_ld``: a ``Product`` (name, description, photos, category, material, weight, country
  of origin) made and sold by the IKM (``brand`` and ``manufacturer``, an ``Organization``), with
  an ``AggregateOffer``: the price band (``lowPrice``/``highPrice`` in IDR per the record's unit, as
  a ``UnitPriceSpecification``), made to order, the minimum order as ``eligibleQuantity`` and the
  lead time as ``deliveryLeadTime``;
- ``organization_ld``: the IKM as an ``Organization`` (address at the level it chose, WhatsApp as
  telephone, e-mail, logo, its links as ``sameAs``, the sentra it works in as ``location``);
- ``place_ld``: a sentra as a ``Place`` with ``geo`` and address;
- ``website_ld``: the catalogue as a ``WebSite`` with its search page as a ``SearchAction``.

``script`` writes a value as ``<script type="application/ld+json">`` with ``<``, ``>`` and ``&``
written as ``\\u003c``, ``\\u003e``, ``\\u0026``, so no contributor string can end the element or
open a comment. ``page_script`` is the template global ``structured_data()``
(``partials/layout.md.j2``): it reads the page being rendered from the template context.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from typing import Any

from jinja2 import pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from etalase.model import Category, Ikm, Photo, Product, Sentra, SiteText, Unit
from etalase.photos import ImageSet
from etalase.render.links import (
    SEARCH_PAGE,
    ikm_path,
    instagram_href,
    osm_href,
    product_path,
    safe_href,
    sentra_path,
)

SCHEMA = "https://schema.org"
CURRENCY = "IDR"
COUNTRY = "ID"
# UN/CEFACT common codes of the trade units; kodi (a score, 20 pieces) has none, so it has only unitText.
UNIT_CODES = {Unit.pcs: "H87", Unit.pasang: "PR", Unit.lusin: "DZN", Unit.kg: "KGM", Unit.pack: "PK"}
_ESCAPES = {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}


def script(data: dict[str, Any]) -> Markup:
    """Return ``data`` as a JSON-LD script element that no string inside it can break out of."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).translate(_ESCAPES)
    # U+2028/2029 are valid JSON but end a line in old JavaScript parsers; escape them as well.
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return Markup(f'<script type="application/ld+json">{text}</script>')


def _quantity(amount: int | float, unit: Unit, unit_text: str, *, minimum: bool = False) -> dict[str, Any]:
    """Return a ``QuantitativeValue`` of ``amount`` in a trade unit (``minValue`` for a minimum)."""
    value: dict[str, Any] = {"@type": "QuantitativeValue", "minValue" if minimum else "value": amount}
    if unit in UNIT_CODES:
        value["unitCode"] = UNIT_CODES[unit]
    value["unitText"] = unit_text
    return value


def organization_ref(ikm: Ikm, url: str) -> dict[str, Any]:
    """Return the short form of an IKM that a product names as brand, manufacturer and seller."""
    return {"@type": "Organization", "@id": f"{url}#organization", "name": ikm.name, "url": url}


def product_ld(
    product: Product,
    maker: Ikm,
    *,
    lang: str,
    url: str,
    maker_url: str,
    images: list[str],
    category: Category | None,
    unit_text: Callable[[Unit], str],
) -> dict[str, Any]:
    """Return a product page's ``Product`` in ``lang``.

    The IKM is written out once, as the ``brand``; ``manufacturer`` and the offer's ``seller``
    name it by its ``@id`` (a JSON-LD node reference), and the offer's address is the product's.

    ``url``/``maker_url`` are the product's and its maker's page addresses, ``images`` its photo
    addresses, ``unit_text`` names a trade unit in ``lang``.
    """
    maker_ref = organization_ref(maker, maker_url)
    same_maker = {"@id": maker_ref["@id"]}  # the brand, named once: manufacturer and seller point at it
    offer = _offer(product, same_maker, unit_text)
    data: dict[str, Any] = {
        "@context": SCHEMA,
        "@type": "Product",
        "name": product.name.get(lang),
        "description": product.description.get(lang),
        "url": url,
        "sku": f"{product.ikm}/{product.slug}",
        "image": images,
        "brand": maker_ref,
        "manufacturer": same_maker,
        "countryOfOrigin": {"@type": "Country", "name": "Indonesia", "identifier": COUNTRY},
        "material": ", ".join(product.materials.get(lang)),
        "offers": offer,
    }
    if category is not None:
        data["category"] = category.name.get(lang)
    if product.weight_grams:
        data["weight"] = {"@type": "QuantitativeValue", "value": product.weight_grams, "unitCode": "GRM"}
    if product.export and product.export.hs_code:
        data["additionalProperty"] = [{"@type": "PropertyValue", "name": "HS code", "value": product.export.hs_code}]
    return data


def _offer(product: Product, seller: dict[str, Any], unit_text: Callable[[Unit], str]) -> dict[str, Any]:
    """Return a product's offer: its price band per unit, minimum order and lead time, made to order."""
    price = product.price
    return {
        "@type": "AggregateOffer",
        "priceCurrency": CURRENCY,
        "lowPrice": price.min,
        "highPrice": price.max,
        "offerCount": 1,
        "priceSpecification": {
            "@type": "UnitPriceSpecification",
            "priceCurrency": CURRENCY,
            "minPrice": price.min,
            "maxPrice": price.max,
            "referenceQuantity": _quantity(1, price.unit, unit_text(price.unit)),
        },
        "availability": f"{SCHEMA}/MadeToOrder",
        "eligibleQuantity": _quantity(
            product.moq.quantity, product.moq.unit, unit_text(product.moq.unit), minimum=True
        ),
        "deliveryLeadTime": {
            "@type": "QuantitativeValue",
            "value": product.lead_time_days,
            "unitCode": "DAY",
        },
        "seller": seller,
    }


def _address(city: str) -> dict[str, Any]:
    """Return a ``PostalAddress`` of a city: never a street (many IKMs work from home)."""
    return {"@type": "PostalAddress", "addressLocality": city, "addressCountry": COUNTRY}


def _compact(data: dict[str, Any]) -> dict[str, Any]:
    """Return ``data`` without keys whose value is ``None`` or empty (nested values too)."""
    compact: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            value = _compact(value)
        if value not in (None, "", [], {}):
            compact[key] = value
    return compact


def organization_ld(
    ikm: Ikm,
    *,
    lang: str,
    url: str,
    logo: str | None,
    sentra: Sentra | None,
    sentra_url: str,
    same_as: Iterable[str],
) -> dict[str, Any]:
    """Return an IKM page's ``Organization`` in ``lang`` (``logo`` and ``same_as`` are addresses)."""
    place = None
    if sentra is not None:
        place = {"@type": "Place", "@id": f"{sentra_url}#place", "name": sentra.name, "url": sentra_url}
    location = ikm.location
    data = {
        "@context": SCHEMA,
        "@type": "Organization",
        "@id": f"{url}#organization",
        "name": ikm.name,
        "url": url,
        "description": ikm.about.get(lang) if ikm.about else None,
        "logo": logo,
        "image": logo,
        "telephone": ikm.contacts.whatsapp,
        "email": ikm.contacts.email,
        "foundingDate": str(ikm.founded),
        "numberOfEmployees": {"@type": "QuantitativeValue", "value": ikm.workers},
        "identifier": {"@type": "PropertyValue", "propertyID": "NIB", "value": ikm.nib} if ikm.nib else None,
        "knowsLanguage": list(ikm.languages),
        "address": _address(location.city),
        "location": place,
        "sameAs": list(same_as),
    }
    return _compact(data)


def place_ld(
    sentra: Sentra, *, lang: str, url: str, images: list[str], map_url: str, category: Category | None
) -> dict[str, Any]:
    """Return a sentra page's ``Place`` in ``lang``, with its coordinates as ``geo``."""
    keywords = [category.name.get(lang)] if category else []
    keywords += sentra.specialities.get(lang)
    data = {
        "@context": SCHEMA,
        "@type": "Place",
        "@id": f"{url}#place",
        "name": sentra.name,
        "alternateName": sentra.also_known_as,
        "description": sentra.description.get(lang),
        "url": url,
        "image": images,
        "hasMap": map_url,
        "geo": {"@type": "GeoCoordinates", "latitude": sentra.coordinates.lat, "longitude": sentra.coordinates.lon},
        "address": _address(sentra.city),
        "keywords": ", ".join(keywords),
    }
    return _compact(data)


def website_ld(site: SiteText, *, lang: str, url: str, search_url: str) -> dict[str, Any]:
    """Return the home page's ``WebSite`` in ``lang`` with a ``SearchAction`` on the search page."""
    return {
        "@context": SCHEMA,
        "@type": "WebSite",
        "@id": f"{url}#website",
        "name": site.title.get(lang),
        "description": site.tagline.get(lang),
        "url": url,
        "inLanguage": lang,
        "potentialAction": {
            "@type": "SearchAction",
            "target": {"@type": "EntryPoint", "urlTemplate": f"{search_url}?q={{search_term_string}}"},
            "query-input": "required name=search_term_string",
        },
    }


# --- the template global ---------------------------------------------------------------------


def page_script(renderer: Any) -> Callable[..., Markup]:
    """Return ``structured_data()`` for the templates of ``renderer`` (a ``Renderer``).

    It reads the page kind and its records from the template context and returns the page's
    JSON-LD script, or nothing for pages without structured data. Addresses are absolute with a
    ``site_url``; without one they are relative to the page (the renderer's ``base``).
    """

    @pass_context
    def structured_data(context: Context) -> Markup:
        builder = _BUILDERS.get(str(context.get("kind", "")))
        return script(builder(renderer, context)) if builder else Markup("")

    return structured_data


def _address_of(renderer: Any, context: Context) -> Callable[[str], str]:
    """Return a function from a site-root path to its address as this page links it."""
    root = renderer.site_url or renderer.base
    return lambda path: f"{root}{path}"


def _page(renderer: Any, context: Context) -> Callable[[str], str]:
    """Return a function from a language-root path to the address of that page in the page's language."""
    address = _address_of(renderer, context)
    return lambda path: address(f"{renderer.prefix}{path}")


def _photo_urls(renderer: Any, context: Context, images: Iterable[ImageSet | None]) -> list[str]:
    photo_base = getattr(renderer, "photo_base", "") or ""
    address = _address_of(renderer, context)
    return [photo_base + image.largest.url if photo_base else address(image.largest.url) for image in images if image]


def _product(renderer: Any, context: Context) -> dict[str, Any]:
    entry, maker = context["entry"], context["maker"]
    product: Product = entry.record
    page = _page(renderer, context)
    photos: list[Photo] = list(product.photos)
    return product_ld(
        product,
        maker,
        lang=renderer.lang,
        url=page(product_path(product)),
        maker_url=page(ikm_path(maker.slug)),
        images=_photo_urls(renderer, context, (renderer.photo(entry, p) for p in photos)),
        category=context.get("category"),
        unit_text=lambda unit: renderer.t(f"units.{unit.value}.other"),
    )


def _organization(renderer: Any, context: Context) -> dict[str, Any]:
    entry, ikm, sentra = context["entry"], context["ikm"], context.get("sentra")
    page = _page(renderer, context)
    logo = _photo_urls(renderer, context, [renderer.photo(entry, ikm.logo)])
    contacts = ikm.contacts
    links = [
        instagram_href(contacts.instagram) if contacts.instagram else None,
        safe_href(contacts.website) if contacts.website else None,
        *(safe_href(shop.url) for shop in contacts.marketplaces),
    ]
    return organization_ld(
        ikm,
        lang=renderer.lang,
        url=page(ikm_path(ikm.slug)),
        logo=logo[0] if logo else None,
        sentra=sentra,
        sentra_url=page(sentra_path(sentra.slug)) if sentra else "",
        same_as=[link for link in links if link],
    )


def _place(renderer: Any, context: Context) -> dict[str, Any]:
    entry, sentra = context["entry"], context["sentra"]
    return place_ld(
        sentra,
        lang=renderer.lang,
        url=_page(renderer, context)(sentra_path(sentra.slug)),
        images=_photo_urls(renderer, context, (renderer.photo(entry, p) for p in sentra.photos)),
        map_url=osm_href(sentra.coordinates.lat, sentra.coordinates.lon),
        category=context.get("category"),
    )


def _website(renderer: Any, context: Context) -> dict[str, Any]:
    page = _page(renderer, context)
    return website_ld(renderer.catalog.site, lang=renderer.lang, url=page(""), search_url=page(SEARCH_PAGE))


_BUILDERS: dict[str, Callable[[Any, Context], dict[str, Any]]] = {
    "product": _product,
    "ikm": _organization,
    "sentra": _place,
    "home": _website,
}
