"""Render stage: turn the validated catalogue into the pages and files of the site.

One module per page family (``catalogue``: home, categories, products, IKMs, sentra, search,
about; ``festival``, ``forum`` with ``agenda``, ``needs``, ``feed``, ``stats``, ``opendata``,
``shortlist``), all drawn by the one ``engine.Renderer``; ``pages`` renders every family of a
language. Below them: ``text`` (text safety), ``links`` (safe links and page addresses), ``i18n``
and ``formatting`` (the reader's language), ``pictures`` (which photo file a page shows),
``filters`` (search filters).
"""

from etalase.render.engine import PageMeta, Renderer
from etalase.render.i18n import Translations, load_translations, localize
from etalase.render.links import (
    BASE_LANG,
    ikm_page_path,
    ikm_path,
    language_prefix,
    page_base,
    product_page_path,
    product_path,
    safe_href,
    sentra_path,
    whatsapp_href,
)
from etalase.render.pages import language_pages, render_pages, theme_assets
from etalase.render.text import clean, fm, paragraphs, summary

__all__ = [
    "BASE_LANG",
    "PageMeta",
    "Renderer",
    "Translations",
    "clean",
    "fm",
    "ikm_page_path",
    "ikm_path",
    "language_pages",
    "language_prefix",
    "load_translations",
    "localize",
    "page_base",
    "paragraphs",
    "product_page_path",
    "product_path",
    "render_pages",
    "safe_href",
    "sentra_path",
    "summary",
    "theme_assets",
    "whatsapp_href",
]
