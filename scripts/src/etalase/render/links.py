"""Links and page addresses: safe hrefs from record data (http(s), mailto:, tel:, wa.me) and the URL of every page family."""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from urllib.parse import quote, urlsplit

from etalase.model import BASE_LANG, Product
from etalase.render.text import _UNSAFE_CHARS, clean

SEARCH_PAGE = "cari/"  # the search page of each language (``cari/``, ``en/cari/``), relative to its root
SHORTLIST_PAGE = "daftar/"  # the list page of each language, relative to its root
DATA_PAGE = "data/"  # the open data page of each language (opendata.py); its files are at the site root's data/


_HTTP_URL = re.compile(r"https?://[^\s<>\"'`\\{}|^]+", re.ASCII)


_MAILTO = re.compile(r"mailto:[^@\s<>\"'`\\]+@[^@\s<>\"'`\\]+\.[A-Za-z]{2,}", re.ASCII)


_TEL = re.compile(r"tel:\+?[0-9]{6,20}", re.ASCII)


_WHATSAPP_NUMBER = re.compile(r"\+?([1-9][0-9]{7,14})", re.ASCII)


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


def wa_digits(number: str | None) -> str:
    """Return a WhatsApp number (``+62 800-1234-5678``) as the digits wa.me takes, or ``""``."""
    if not number:
        return ""
    match = _WHATSAPP_NUMBER.fullmatch(number.replace(" ", "").replace("-", ""))
    return match.group(1) if match else ""


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


def home_of(docs_path: str, prefix: str) -> str:
    """Return the prefix leading from a page's URL back to its language's root (``../../``, or
    ``""`` on that root): ``../../../`` on ``en/produk/a/b/``, not ``../../../../en/``."""
    return "../" * (served_path(docs_path).count("/") - prefix.count("/"))


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
