"""Render stage: turn the validated catalogue into the markdown pages MkDocs builds.

Reads a ``Catalog``, the ``ImageSet`` of every processed photo and the templates in
``templates/`` (pages, partials, translation tables, theme assets); returns a mapping of
docs-relative path → file content. Pure and deterministic: no clock, no file writes,
sorted output.

Every string from a record is contributor input. Page bodies are raw HTML blocks inside
the markdown (Python-Markdown passes them through untouched, so ``[x](javascript:…)`` stays
text), rendered by a Jinja environment that escapes everything; front matter values are
HTML-escaped and then JSON-quoted (``fm``) because MkDocs and Material print ``page.meta``
values unescaped. Links from records go through ``safe_href`` only.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path, PurePosixPath
from typing import Any, NamedTuple
from urllib.parse import quote, urlsplit

import yaml
from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined, pass_context
from jinja2.bccache import Bucket
from jinja2.runtime import Macro
from markupsafe import Markup

from .catalog import Catalog, Entry
from .formatting import Formatter
from .images import ImageSet, Variant
from .records import CertificateType, Ikm, Photo, Product, Sentra, Text, TextList
from .shortlist import SHORTLIST_PAGE, shortlist_pages, wa_digits

BASE_LANG = "id"  # the language every record is written in; others fall back to it
CATEGORY_PAGE_SIZE = 48  # product cards per category page; more go to kategori/<slug>/2/ …
OTHER_PRODUCTS = 6  # "other products of this maker" cards on a product page
SENTRA_PRODUCTS_PER_IKM = 4  # product cards per IKM on a sentra page (then a link to the IKM)
RESERVED_SLUGS = frozenset({"index"})  # would collide with kategori/index.md, sentra/index.md …
SEARCHABLE = frozenset({"product", "ikm", "sentra", "category"})  # pages Pagefind indexes
SEARCH_PAGE = "cari/"  # the search page of each language (``cari/``, ``en/cari/``), relative to its root
DATA_PAGE = "data/"  # the open data page of each language (opendata.py); its files are at the site root's data/
# Price bands of the search filter, in IDR per unit as the record states it: [low, high). A product
# is in every band its price range touches. The value is the filter value in the index and URL.
PRICE_BANDS = ((0, 50_000), (50_000, 150_000), (150_000, 500_000), (500_000, None))
SRC_WIDTH = 800  # the plain ``src`` of a photo: the variant closest to this width
_BASE_MARKER = "\x01base\x01"  # stands for a page's ``base`` while it is rendered (see render)

_UNSAFE_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufeff\ufff0-\uffff"
    "\U0001fffe\U0001ffff\U000efffe-\U000fffff\U00100000-\U0010ffff]"
)
_SPACES = re.compile(r"\s+")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
_HTTP_URL = re.compile(r"https?://[^\s<>\"'`\\{}|^]+", re.ASCII)
_MAILTO = re.compile(r"mailto:[^@\s<>\"'`\\]+@[^@\s<>\"'`\\]+\.[A-Za-z]{2,}", re.ASCII)
_TEL = re.compile(r"tel:\+?[0-9]{6,20}", re.ASCII)
_WHATSAPP_NUMBER = re.compile(r"\+?([1-9][0-9]{7,14})", re.ASCII)


# --- text and link safety ----------------------------------------------------------------


def clean(text: str) -> str:
    """Return ``text`` on one line: control and non-characters dropped, white space collapsed."""
    if (
        type(text) is str
        and text.isprintable()  # no control, format, private or unassigned character, no white space but " "
        and "  " not in text
        and text[:1] != " "
        and text[-1:] != " "
        and (text.isascii() or not _UNSAFE_CHARS.search(text))  # U+FFFC and U+FFFD are printable
    ):
        return text  # already clean: most texts are, and templates print thousands per page
    return _SPACES.sub(" ", _UNSAFE_CHARS.sub("", text)).strip()


def fm(value: object) -> Markup:
    """Return a front matter value: HTML-escaped, then quoted as a JSON (and so YAML) string.

    MkDocs's Jinja environment does not autoescape and Material prints ``page.meta.title``
    and ``page.meta.description`` raw, so the value is escaped first; the JSON string then
    holds no character YAML could read differently.
    """
    return _fm_text(str(value))


@lru_cache(maxsize=1024)  # most front matter lines are the same UI texts on every page
def _fm_text(text: str) -> Markup:
    """Return ``fm`` of a string."""
    return Markup(json.dumps(html.escape(clean(text), quote=True), ensure_ascii=False))


def paragraphs(text: str) -> list[str]:
    """Return plain text split into paragraphs on blank lines, each on one line."""
    parts = (clean(part) for part in _PARAGRAPH_BREAK.split(text.replace("\r\n", "\n")))
    return [part for part in parts if part]


def summary(text: str, limit: int = 160) -> str:
    """Return the start of ``text`` for a meta description, cut at a word with an ellipsis."""
    text = clean(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.—-")
    return cut + "…"


def safe_href(url: str | None) -> str | None:
    """Return ``url`` when it is an http(s), mailto: or tel: link that is safe in an href, else ``None``.

    Every link built from record data goes through here (WhatsApp links are https://wa.me/…).
    """
    if not url or _UNSAFE_CHARS.search(url):
        return None
    for pattern in (_HTTP_URL, _MAILTO, _TEL):
        if pattern.fullmatch(url):
            return url
    return None


def whatsapp_href(number: str, message: str = "") -> str | None:
    """Return a wa.me link to ``number`` (international form) with ``message`` written for the buyer."""
    match = _WHATSAPP_NUMBER.fullmatch(number.replace(" ", "").replace("-", ""))
    if not match:
        return None
    url = f"https://wa.me/{match.group(1)}"
    if message:
        url += "?text=" + quote(clean(message), safe="")
    return safe_href(url)


def instagram_href(handle: str) -> str | None:
    """Return the profile link of an Instagram handle."""
    handle = handle.lstrip("@")
    if not re.fullmatch(r"[A-Za-z0-9._]{1,30}", handle):
        return None
    return safe_href(f"https://www.instagram.com/{handle}/")


def mailto_href(email: str) -> str | None:
    """Return a mailto: link."""
    return safe_href(f"mailto:{email}")


def tel_href(phone: str) -> str | None:
    """Return a tel: link made of the digits of a phone number."""
    digits = re.sub(r"[^0-9+]", "", phone)
    return safe_href(f"tel:{digits}")


def osm_href(lat: float, lon: float) -> str:
    """Return an OpenStreetMap link with a marker at the point."""
    return f"https://www.openstreetmap.org/?mlat={lat:.5f}&mlon={lon:.5f}#map=17/{lat:.5f}/{lon:.5f}"


def host(url: str) -> str:
    """Return the host of a web address, without ``www.`` (the text of a website link)."""
    name = urlsplit(url).hostname or url
    return name.removeprefix("www.")


# --- paths -------------------------------------------------------------------------------


def served_path(docs_path: str) -> str:
    """Return the directory URL (relative to the docs root) MkDocs serves a markdown file at."""
    path = PurePosixPath(docs_path)
    parts = list(path.with_suffix("").parts)
    if parts and parts[-1] == "index":
        parts.pop()
    return "".join(f"{part}/" for part in parts)


def page_base(docs_path: str) -> str:
    """Return the prefix leading from a page's URL back to the docs root (``../../`` …)."""
    return "../" * served_path(docs_path).count("/")


def product_path(product: Product) -> str:
    """Return a product page's URL, relative to the language root."""
    return f"produk/{product.ikm}/{product.slug}/"


def ikm_path(slug: str) -> str:
    """Return an IKM page's URL, relative to the language root."""
    return f"ikm/{slug}/"


def sentra_path(slug: str) -> str:
    """Return a sentra page's URL, relative to the language root."""
    return f"sentra/{slug}/"


def category_path(slug: str, page: int = 1) -> str:
    """Return a category page's URL, relative to the language root."""
    return f"kategori/{slug}/" if page == 1 else f"kategori/{slug}/{page}/"


def price_band(low: int, high: int | None) -> str:
    """Return the filter value of a price band: ``0-50000``, ``500000-``."""
    return f"{low}-{high if high is not None else ''}"


def price_bands_of(low: int, high: int) -> list[str]:
    """Return the price bands a price range ``low``–``high`` touches."""
    return [price_band(a, b) for a, b in PRICE_BANDS if high >= a and (b is None or low < b)]


def _md(url_path: str) -> str:
    """Return the markdown file of a detail page's directory URL (``produk/a/b/`` → ``produk/a/b.md``)."""
    return url_path.rstrip("/") + ".md"


def language_prefix(lang: str) -> str:
    """Return the docs folder of ``lang``'s pages: "" for the base language, else "<lang>/"."""
    return "" if lang == BASE_LANG else f"{lang}/"


def product_page_path(product: Product, prefix: str) -> str:
    """Return the docs path of a product's page in the language at ``prefix`` ("" or "en/")."""
    return prefix + _md(product_path(product))


def ikm_page_path(slug: str, prefix: str) -> str:
    """Return the docs path of an IKM's page in the language at ``prefix`` ("" or "en/")."""
    return prefix + _md(ikm_path(slug))


# --- translations ------------------------------------------------------------------------


class Translations:
    """The UI text of one language, from ``templates/i18n/<lang>.yml``."""

    def __init__(self, table: Mapping[str, Any]) -> None:
        self.table = table
        self._texts: dict[str, str] = {}  # key -> text, as found in the table

    def __call__(self, key: str, **values: object) -> str:
        """Return the text at a dotted ``key``, with ``{name}`` fields filled from ``values``."""
        text = self._texts.get(key)
        if text is None:
            text = self._texts[key] = self._find(key)
        return text.format(**values) if values else text

    def _find(self, key: str) -> str:
        """Return the text at a dotted ``key``; raise ``KeyError`` when the table has none."""
        node: Any = self.table
        for part in key.split("."):
            if not isinstance(node, Mapping) or part not in node:
                raise KeyError(f"no text '{key}' in the {self.table.get('lang')} translation table")
            node = node[part]
        if not isinstance(node, str):
            raise KeyError(f"'{key}' is not a text in the {self.table.get('lang')} translation table")
        return node

    def plural(self, key: str, n: int, count: str) -> str:
        """Return the ``one`` or ``other`` form at ``key`` for ``n``, with ``{count}`` filled in."""
        forms = self.table
        for part in key.split("."):
            forms = forms[part]
        return forms["one" if n == 1 else "other"].format(count=count)

    def get(self, key: str, default: str) -> str:
        """Return the text at ``key``, or ``default`` when the table has none."""
        try:
            return self(key)
        except KeyError:
            return default


def load_translations(templates_dir: Path, lang: str) -> dict[str, Any]:
    """Return the translation table of ``lang``."""
    path = templates_dir / "i18n" / f"{lang}.yml"
    table = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(table, dict):
        raise ValueError(f"{path} is not a mapping")
    return table


class Localized(NamedTuple):
    """A record text in the page language, and whether it fell back to Indonesian."""

    value: Any
    fallback: bool


def localize(text: Text | TextList | None, lang: str) -> Localized:
    """Return ``text`` in ``lang``, noting when it is shown in Indonesian instead."""
    if text is None:
        return Localized("", False)
    return Localized(text.get(lang), lang != BASE_LANG and not text.en)


# --- images ------------------------------------------------------------------------------


def src_variant(image: ImageSet) -> Variant:
    """Return the variant for a plain ``src`` (the one closest to ``SRC_WIDTH``)."""
    return min(image.variants, key=lambda v: (abs(v.width - SRC_WIDTH), v.width))


def og_image_url(image: ImageSet | None) -> str | None:
    """Return the site-root-relative URL of a page's og:image (the share card when there is one)."""
    if image is None:
        return None
    if image.share_card is not None:
        return image.share_card.url
    fitting = [v for v in image.variants if v.width <= 1200]
    return (fitting[-1] if fitting else image.variants[0]).url


# --- the renderer ------------------------------------------------------------------------


@dataclass(frozen=True)
class PageMeta:
    """Front matter of one generated page."""

    title: str
    description: str
    og_image: str | None = None
    hide: tuple[str, ...] = ("navigation", "toc")


class _Renderer:
    def __init__(
        self,
        catalog: Catalog,
        images: Mapping[tuple[str, str], ImageSet],
        templates_dir: Path,
        lang: str,
        site_url: str,
        prefix: str,
    ) -> None:
        self.catalog = catalog
        self.images = images
        self.lang = lang
        self.site_url = site_url.rstrip("/") + "/" if site_url else ""
        self.prefix = prefix
        self.photo_base = catalog.site.media_url or ""  # photos on a host of their own, else relative
        table = load_translations(templates_dir, lang)
        self.t = Translations(table)
        self.fmt = Formatter(lang, table)
        self.env = _environment(templates_dir)
        self.env.globals.update(self._globals())
        self.base = ""  # the page being rendered: its prefix back to the docs root
        self._kept: dict[tuple[Any, ...], Markup] = {}  # fragments ``cached`` rendered
        # Filters that differ by language take the context, so that Jinja never works them out
        # while compiling: every language shares the compiled templates (see _CompiledTemplates).
        self.env.filters["country_name"] = pass_context(lambda _context, code: self.country_name(code))
        self.env.filters["language_name"] = pass_context(lambda _context, code: self.language_name(code))

    # helpers the templates call ------------------------------------------------------

    def _globals(self) -> dict[str, Any]:
        from . import structured  # here, not at the top: structured imports this module

        catalog = self.catalog
        return {
            "t": self.t,
            "fmt": self.fmt,
            "lang": self.lang,
            "lang_prefix": self.prefix,  # the language's folder: "" or "en/"
            "catalog": catalog,
            "site": catalog.site,
            # A page's links back to the docs root (``base``), its language root (``home``) and
            # its photos (``photo_base``) are markers that ``render`` replaces: the same for every
            # page, so partials are imported without the page context and fragments can be kept.
            "base": Markup(_BASE_MARKER),
            "home": Markup(_BASE_MARKER) + self.prefix,
            "photo_base": self.photo_base or Markup(_BASE_MARKER),
            "partials": _Partials(self.env),
            "tn": lambda key, n: self.t.plural(key, n, self.fmt.number(n)),
            "tx": lambda text: localize(text, self.lang),
            "paragraphs": paragraphs,
            "photo": self.photo,
            "src_variant": src_variant,
            "product_path": product_path,
            "ikm_path": ikm_path,
            "sentra_path": sentra_path,
            "category_path": category_path,
            "safe_href": safe_href,
            "whatsapp_href": whatsapp_href,
            "instagram_href": instagram_href,
            "mailto_href": mailto_href,
            "tel_href": tel_href,
            "osm_href": osm_href,
            "host": host,
            "maker_of": lambda product: catalog.ikms[product.ikm].record,
            "sentra_of": self.sentra_of,
            "cert_info": lambda cert: catalog.certificates.get(cert.type),
            "country_name": self.country_name,
            "ikm_count": lambda slug: len(catalog.ikms_by_sentra.get(slug, [])),
            "sentra_product_count": self.sentra_product_count,
            "products_of": lambda slug: catalog.products_by_ikm.get(slug, []),
            "list_text": self.list_text,
            "cached": self.cached,
            "search_page": self.prefix + SEARCH_PAGE,
            "shortlist_page": self.prefix + SHORTLIST_PAGE,
            "wa_digits": wa_digits,
            "search_filters": self.search_filters,
            "data_page": self.prefix + DATA_PAGE,
            "structured_data": structured.page_script(self),
        }

    def photo(self, entry: Entry[Any], photo: Photo | None) -> ImageSet | None:
        """Return the processed image of a record's photo, or ``None`` (placeholder)."""
        if photo is None:
            return None
        return self.images.get((entry.path, photo.file))

    def cached(self, macro: Macro, *args: Any) -> Markup:
        """Return ``macro(*args)``, rendered once per macro and arguments and then kept.

        For the macros of ``partials`` only: they see nothing but their arguments and the
        globals, whose links hold the ``base`` marker (see ``render``), so what they return is
        the same on every page. A record is passed as its ``Entry`` (known by its path), any
        other argument must be a str, int, bool or ``None``. Product cards, for one, are drawn
        once per product and variant for 10,000 product pages.
        """
        key = (macro, *(_cache_key(arg) for arg in args))
        fragment = self._kept.get(key)
        if fragment is None:
            fragment = self._kept[key] = macro(*args)
        return fragment

    def search_filters(self, product: Product) -> list[tuple[str, str]]:
        """Return the (filter, value) pairs Pagefind indexes for a product (see ``search_page``)."""
        maker = self.catalog.ikms[product.ikm].record
        pairs = [("category", product.category), ("sentra", maker.sentra), ("city", maker.location.city)]
        pairs += [("certificate", c.type.value) for c in product.certificates]
        if product.export and product.export.ready:
            pairs.append(("export", "yes"))
        pairs += [("price", band) for band in price_bands_of(product.price.min, product.price.max)]
        return pairs

    def sentra_of(self, ikm: Ikm) -> Sentra | None:
        entry = self.catalog.sentra.get(ikm.sentra)
        return entry.record if entry else None

    def country_name(self, code: str) -> str:
        name = self.catalog.site.countries.get(code)
        return name.get(self.lang) if name else code

    def language_name(self, code: str) -> str:
        return self.t.get(f"languages.{code}", code)

    def sentra_product_count(self, slug: str) -> int:
        by_ikm = self.catalog.products_by_ikm
        return sum(len(by_ikm.get(e.record.slug, [])) for e in self.catalog.ikms_by_sentra.get(slug, []))

    def list_text(self, items: Iterable[str]) -> str:
        return self.t("format.list_sep").join(items)

    def page_url(self, url_path: str) -> str:
        """Return a page's absolute URL (empty without a site URL)."""
        return f"{self.site_url}{self.prefix}{url_path}" if self.site_url else ""

    # pages -----------------------------------------------------------------------------

    def render(self, template: str, page: str, meta: PageMeta, **context: Any) -> tuple[str, str]:
        """Return (docs path, content) of ``page`` (a markdown path in the language root).

        The page is rendered from ``pages/<template>.md.j2``, its links holding the ``base``
        marker, which is then replaced by the page's prefix back to the docs root. The marker
        is a control character no contributor text can print: ``_finalize`` cleans them out.
        """
        docs_path = self.prefix + page
        base = self.base = page_base(docs_path)
        if self.photo_base and meta.og_image:
            meta = replace(meta, og_image=self.photo_base + meta.og_image)
        text = self.env.get_template(f"pages/{template}.md.j2").render(
            meta=meta,
            kind=template.replace("_", "-"),
            searchable=template in SEARCHABLE,
            **context,
        )
        text = text.replace(_BASE_MARKER, base)
        return docs_path, _tidy(text) if template != "about" else text

    def home(self) -> tuple[str, str]:
        catalog = self.catalog
        site = catalog.site
        featured = [catalog.sentra[slug] for slug in site.featured_sentra if slug in catalog.sentra]
        first_photo = next((e for e in featured if e.record.photos), None)
        meta = PageMeta(
            site.title.get(self.lang),
            summary(site.tagline.get(self.lang)),
            og_image_url(self.photo(first_photo, first_photo.record.photos[0])) if first_photo else None,
        )
        stats = {
            "ikms": len(catalog.ikms),
            "products": len(catalog.products),
            "workers": sum(e.record.workers for e in catalog.ikms.values()),
            "sentra": len(catalog.sentra),
        }
        return self.render(
            "home",
            "index.md",
            meta,
            featured=featured,
            stats=stats,
            categories=self.category_cards(),
        )

    def category_cards(self) -> list[tuple[Any, int, Entry[Product] | None]]:
        """Return (category, product count, product whose photo shows it) in file order."""
        by_category = self.catalog.products_by_category
        cards = []
        for category in self.catalog.categories:
            products = by_category.get(category.slug, [])
            cover = next((p for p in products if self.photo(p, p.record.photos[0])), products[0] if products else None)
            cards.append((category, len(products), cover))
        return cards

    def categories_index(self) -> tuple[str, str]:
        meta = PageMeta(self.t("categories.title"), summary(self.t("categories.intro")))
        return self.render("categories", "kategori/index.md", meta, categories=self.category_cards())

    def category_pages(self) -> Iterable[tuple[str, str]]:
        by_category = self.catalog.products_by_category
        for category in self.catalog.categories:
            products = by_category.get(category.slug, [])
            chunks = [products[i : i + CATEGORY_PAGE_SIZE] for i in range(0, len(products), CATEGORY_PAGE_SIZE)]
            chunks = chunks or [[]]
            sentra = sorted(
                (e for e in self.catalog.sentra.values() if e.record.category == category.slug),
                key=lambda e: (e.record.name.casefold(), e.record.slug),
            )
            name = category.name.get(self.lang)
            for number, chunk in enumerate(chunks, start=1):
                title = name if number == 1 else f"{name} — {self.t('categories.page', page=number, pages=len(chunks))}"
                cover = next((p for p in chunk if self.photo(p, p.record.photos[0])), None)
                meta = PageMeta(
                    title,
                    summary(category.description.get(self.lang)),
                    og_image_url(self.photo(cover, cover.record.photos[0])) if cover else None,
                )
                yield self.render(
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

    def product_page(self, entry: Entry[Product]) -> tuple[str, str]:
        product = entry.record
        ikm_entry = self.catalog.ikms[product.ikm]
        maker = ikm_entry.record
        url_path = product_path(product)
        name = product.name.get(self.lang)
        site_name = self.catalog.site.title.get(self.lang)
        page_url = self.page_url(url_path)
        if page_url:
            message = self.t("whatsapp.product", maker=maker.name, product=name, site=site_name, url=page_url)
        else:
            message = self.t("whatsapp.product_nourl", maker=maker.name, product=name, site=site_name)
        others = [e for e in self.catalog.products_by_ikm.get(product.ikm, []) if e is not entry]
        meta = PageMeta(
            f"{name} — {maker.name}",
            summary(product.description.get(self.lang)),
            og_image_url(self.photo(entry, product.photos[0])),
        )
        return self.render(
            "product",
            _md(url_path),
            meta,
            entry=entry,
            product=product,
            ikm_entry=ikm_entry,
            maker=maker,
            sentra=self.sentra_of(maker),
            category=self.catalog.category_by_slug.get(product.category),
            whatsapp=whatsapp_href(maker.contacts.whatsapp, message),
            others=others[:OTHER_PRODUCTS],
            others_total=len(others),
        )

    def ikm_page(self, entry: Entry[Ikm]) -> tuple[str, str]:
        ikm = entry.record
        url_path = ikm_path(ikm.slug)
        site_name = self.catalog.site.title.get(self.lang)
        page_url = self.page_url(url_path)
        if page_url:
            message = self.t("whatsapp.ikm", maker=ikm.name, site=site_name, url=page_url)
        else:
            message = self.t("whatsapp.ikm_nourl", maker=ikm.name, site=site_name)
        products = self.catalog.products_by_ikm.get(ikm.slug, [])
        image = self.photo(entry, ikm.logo)
        if image is None and products:
            image = self.photo(products[0], products[0].record.photos[0])
        description = ikm.about.get(self.lang) if ikm.about else f"{ikm.name} — {ikm.location.city}"
        meta = PageMeta(ikm.name, summary(description), og_image_url(image))
        return self.render(
            "ikm",
            _md(url_path),
            meta,
            entry=entry,
            ikm=ikm,
            sentra=self.sentra_of(ikm),
            products=products,
            whatsapp=whatsapp_href(ikm.contacts.whatsapp, message),
        )

    def sentra_index(self) -> tuple[str, str]:
        by_city: dict[str, list[Entry[Sentra]]] = {}
        for entry in sorted(self.catalog.sentra.values(), key=lambda e: (e.record.name.casefold(), e.record.slug)):
            by_city.setdefault(entry.record.city, []).append(entry)
        cities = [
            (
                city,
                entries,
                sum(len(self.catalog.ikms_by_sentra.get(e.record.slug, [])) for e in entries),
                sum(self.sentra_product_count(e.record.slug) for e in entries),
            )
            for city, entries in sorted(by_city.items(), key=lambda item: (-len(item[1]), item[0].casefold()))
        ]
        meta = PageMeta(self.t("sentra.title"), summary(self.t("sentra.intro")))
        return self.render("sentra_index", "sentra/index.md", meta, cities=cities)

    def sentra_page(self, entry: Entry[Sentra]) -> tuple[str, str]:
        sentra = entry.record
        ikms = self.catalog.ikms_by_sentra.get(sentra.slug, [])
        meta = PageMeta(
            sentra.name,
            summary(sentra.description.get(self.lang)),
            og_image_url(self.photo(entry, sentra.photos[0])) if sentra.photos else None,
        )
        return self.render(
            "sentra",
            _md(sentra_path(sentra.slug)),
            meta,
            entry=entry,
            sentra=sentra,
            ikms=ikms,
            category=self.catalog.category_by_slug.get(sentra.category),
            per_ikm=SENTRA_PRODUCTS_PER_IKM,
        )

    def search_page(self) -> tuple[str, str]:
        """Return the search page: a form whose filters (with counts) are the products' search filters."""
        catalog = self.catalog
        counts: dict[tuple[str, str], int] = {}
        for entry in catalog.products:
            if entry.record.ikm in catalog.ikms:
                for pair in self.search_filters(entry.record):
                    counts[pair] = counts.get(pair, 0) + 1
        sentra = sorted(catalog.sentra.values(), key=lambda e: (e.record.name.casefold(), e.record.slug))
        cities = sorted({city for name, city in counts if name == "city"}, key=str.casefold)
        fmt = self.fmt
        bands = []
        for low, high in PRICE_BANDS:
            if low == 0 and high is not None:
                label = self.t("search.price_below", amount=fmt.idr(high))
            elif high is None:
                label = self.t("search.price_above", amount=fmt.idr(low))
            else:
                label = fmt.idr_range(low, high)
            bands.append((price_band(low, high), label))
        options = {
            "category": [(c.slug, c.name.get(self.lang)) for c in catalog.categories],
            "sentra": [(e.record.slug, e.record.name) for e in sentra],
            "city": [(city, city) for city in cities],
            "certificate": [(c.value, self.t(f"cert_short.{c.value}")) for c in CertificateType],
            "export": [("yes", self.t("label.export_ready"))],
            "price": bands,
        }
        groups = [
            (name, [(value, label, counts[(name, value)]) for value, label in values if (name, value) in counts])
            for name, values in options.items()
        ]
        meta = PageMeta(self.t("search.title"), summary(self.t("search.intro")))
        return self.render("search", "cari.md", meta, groups=[g for g in groups if g[1]])

    def about_page(self, pages_dir: Path) -> tuple[str, str]:
        """Return the about page: hand-written (trusted) markdown under the generated front matter."""
        own = pages_dir / f"about.{self.lang}.md"
        fallback = pages_dir / f"about.{BASE_LANG}.md"
        source = own if own.is_file() else fallback if fallback.is_file() else None
        body = source.read_text(encoding="utf-8") if source else ""
        body, title = _split_front_matter(body)
        meta = PageMeta(title or self.t("about.title"), summary(self.catalog.site.tagline.get(self.lang)), hide=())
        return self.render(
            "about",
            "tentang.md",
            meta,
            content=Markup(body.strip("\n")),
            fallback=source is not None and source != own,
        )


def _cache_key(arg: object) -> object:
    """Return what tells ``arg`` apart in the key of a kept fragment (``_Renderer.cached``)."""
    if isinstance(arg, Entry):
        return ("entry", arg.path)
    if arg is None or type(arg) in (str, int, bool):
        return type(arg), arg  # True == 1, but not as a heading level
    raise TypeError(f"cached() takes records as their Entry and plain values, not {type(arg).__name__}")


class _Partials:
    """The macros of ``partials/<name>.j2`` as ``partials.<name>`` (the template global).

    Each partial is imported once, on first use, without the page context: its macros see
    the globals only (``base`` and the like are markers, see ``_Renderer.render``). An
    ``{% import %}`` in every page would build the module again or check it against
    every global, on each of thousands of pages.
    """

    def __init__(self, env: Environment) -> None:
        self._env = env

    def __getattr__(self, name: str) -> Any:
        """Return the module of ``partials/<name>.j2``, kept as an attribute from then on."""
        if name.startswith("_"):
            raise AttributeError(name)
        module = self._env.get_template(f"partials/{name}.j2").module
        setattr(self, name, module)
        return module


class _CompiledTemplates(BytecodeCache):
    """Compiled templates kept in memory for every environment ``_environment`` makes.

    Those environments are set up alike, so one language (or a later build in the same
    process, as under ``mkdocs serve``) reuses what another compiled; Jinja compiles
    again when a template's source changed (the bucket's checksum). Jinja applies filters
    to constants while compiling, so a filter that differs by language must take the
    context (``pass_context``), which it never applies then. The code of the
    ``limit`` templates stored last is kept (a project has some 30, of 20 KB each).
    """

    def __init__(self, limit: int = 200) -> None:
        self._code: dict[str, bytes] = {}
        self.limit = limit

    def load_bytecode(self, bucket: Bucket) -> None:
        """Fill ``bucket`` with the code kept for its template, if any."""
        if (code := self._code.get(bucket.key)) is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Keep the code of ``bucket``'s template (dropping the oldest beyond ``limit``)."""
        self._code.pop(bucket.key, None)
        self._code[bucket.key] = bucket.bytecode_to_string()
        while len(self._code) > self.limit:
            del self._code[next(iter(self._code))]


_COMPILED = _CompiledTemplates()


def _environment(templates_dir: Path) -> Environment:
    env = Environment(
        loader=FileSystemLoader(str(templates_dir)),
        bytecode_cache=_COMPILED,
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_finalize,
        auto_reload=False,
    )
    env.filters["fm"] = fm
    env.tests["safe_href"] = lambda url: safe_href(url) is not None
    return env


def _finalize(value: Any) -> Any:
    """Put every plain string a template prints on one line, without control characters."""
    if type(value) is str or (isinstance(value, str) and not isinstance(value, Markup)):
        return clean(value)
    return value


def _tidy(text: str) -> str:
    """Return a rendered page with the body's lines unindented and without blank lines.

    The body is one raw HTML block: a blank line could end it early, and indentation only
    costs bytes. The about page (hand-written markdown) is kept as written.
    """
    if not text.startswith("---\n"):
        return text
    end = text.index("\n---\n", 3) + 5
    front = "\n".join(line for line in text[:end].splitlines() if line.strip()) + "\n"
    body = text[end:]
    if body.lstrip().startswith("<div"):
        body = "\n".join(line for line in map(str.strip, body.splitlines()) if line) + "\n"
    return front + "\n" + body.lstrip("\n")


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


def _check_slugs(catalog: Catalog) -> None:
    clashes = [
        *(f"category '{c.slug}'" for c in catalog.categories if c.slug in RESERVED_SLUGS),
        *(f"sentra '{s}'" for s in catalog.sentra if s in RESERVED_SLUGS),
        *(f"ikm '{s}'" for s in catalog.ikms if s in RESERVED_SLUGS),
        *(f"product '{e.path}'" for e in catalog.products if e.record.slug in RESERVED_SLUGS),
    ]
    if clashes:
        raise ValueError(f"slugs reserved for listing pages: {', '.join(clashes)}")


def render_pages(
    catalog: Catalog,
    images: Mapping[tuple[str, str], ImageSet],
    templates_dir: Path,
    *,
    lang: str = "id",
    site_url: str = "",
    pages_dir: Path | None = None,
    prefix: str | None = None,
) -> dict[str, str]:
    """Return docs-relative path → content of every page in ``lang``, plus the theme assets.

    ``images`` maps (record path, photo file as written) to its processed ``ImageSet``; a
    missing key gets a placeholder. ``site_url`` makes the WhatsApp messages carry the page's
    absolute address. Pages of the base language sit at the docs root, others under
    ``<lang>/`` (``prefix`` overrides that). ``pages_dir`` holds ``about.<lang>.md``.
    """
    pages = language_pages(
        catalog, images, templates_dir, lang=lang, site_url=site_url, pages_dir=pages_dir, prefix=prefix
    )
    pages.update(theme_assets(templates_dir))
    return dict(sorted(pages.items()))


def language_pages(
    catalog: Catalog,
    images: Mapping[tuple[str, str], ImageSet],
    templates_dir: Path,
    *,
    lang: str = "id",
    site_url: str = "",
    pages_dir: Path | None = None,
    prefix: str | None = None,
    keep: Container[str] = frozenset(),
) -> dict[str, str]:
    """Return what ``render_pages`` returns without the theme assets (the same in every language).

    Pages are in the order they are rendered, not sorted. Product and IKM pages whose docs
    path is in ``keep`` are left out: they are on disk as they would be rendered (pagecache.py).
    """
    _check_slugs(catalog)
    if prefix is None:
        prefix = language_prefix(lang)
    pages_dir = pages_dir if pages_dir is not None else templates_dir.parent / "catalog" / "pages"
    renderer = _Renderer(catalog, images, templates_dir, lang, site_url, prefix)
    from . import feed, mapdata, stats  # here, not at the top: they import this module

    renderer.env.globals.update(
        mapdata.template_globals(templates_dir.parent) | feed.template_globals(renderer) | stats.template_globals()
    )
    rendered: list[tuple[str, str]] = [
        renderer.home(),
        renderer.categories_index(),
        *renderer.category_pages(),
        renderer.sentra_index(),
        *(renderer.sentra_page(catalog.sentra[slug]) for slug in sorted(catalog.sentra)),
        *(
            renderer.ikm_page(catalog.ikms[slug])
            for slug in sorted(catalog.ikms)
            if ikm_page_path(slug, prefix) not in keep
        ),
        *(
            renderer.product_page(entry)
            for entry in catalog.products
            if entry.record.ikm in catalog.ikms and product_page_path(entry.record, prefix) not in keep
        ),
        renderer.about_page(pages_dir),
        renderer.search_page(),
    ]
    from .festival import festival_pages  # here, not at the top: festival imports this module

    rendered += festival_pages(renderer)
    from .opendata import opendata_pages  # the same: opendata imports this module

    rendered += opendata_pages(renderer)
    rendered += shortlist_pages(renderer)
    rendered += [*stats.stats_pages(renderer), *feed.feed_pages(renderer)]
    return dict(rendered)


def theme_assets(templates_dir: Path) -> dict[str, str]:
    """Return the files under ``templates/assets`` as ``assets/<name>`` → content."""
    folder = templates_dir / "assets"
    if not folder.is_dir():
        return {}
    return {
        f"assets/{path.relative_to(folder).as_posix()}": path.read_text(encoding="utf-8")
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
