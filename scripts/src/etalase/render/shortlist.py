"""The buyer's shortlist: a list of products kept in the browser, and one inquiry per maker.

Nothing is stored on a server. A "Simpan ke daftar" / "Add to shortlist" button on every product
card and product page (``templates/partials/shortlist.j2``) carries what the list needs as
``data-sl-*`` attributes; ``templates/assets/shortlist.js`` keeps the list in ``localStorage``
(one key per site), shows the count in the header and draws the list page.

This module gives the templates the maker's WhatsApp number in wa.me digit form and renders the
list page of each language (``daftar/``, ``en/daftar/``): its texts, the UI strings the script
needs (passed as a JSON ``data-strings`` attribute, so the script holds no UI language) and the
units table. ``shortlist_pages`` is called from ``render.render_pages``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from etalase.model import UNIT_PIECES, Product, Unit
from etalase.render.engine import PageMeta, Renderer
from etalase.render.formatting import Formatter
from etalase.render.i18n import load_translations
from etalase.render.links import SHORTLIST_PAGE, language_prefix, product_path
from etalase.render.text import summary

# Texts of the list page the script fills in ({name} fields): i18n key under ``shortlist.`` → JSON key.
SCRIPT_STRINGS = (
    "summary",
    "products.one",
    "products.other",
    "makers.one",
    "makers.other",
    "quantity",
    "moq",
    "below_moq",
    "price",
    "remove",
    "remove_label",
    "removed",
    "cleared",
    "clear_confirm",
    "whatsapp",
    "whatsapp_label",
    "email",
    "email_label",
    "email_subject",
    "message.greeting",
    "message.intro",
    "message.line",
    "message.close",
    "csv.file",
    "csv.maker",
    "csv.product",
    "csv.quantity",
    "csv.unit",
    "csv.price",
    "csv.url",
)


def script_strings(renderer: Renderer) -> dict[str, Any]:
    """Return the texts ``shortlist.js`` needs in the renderer's language (JSON-ready).

    Reads ``shortlist.*`` of the translation table, the unit names (``one``/``other`` by unit
    code) and the catalogue's title; returns a flat mapping with dotted keys as ``_``.
    """
    t = renderer.t
    strings: dict[str, Any] = {key.replace(".", "_"): t(f"shortlist.{key}") for key in SCRIPT_STRINGS}
    units = renderer.fmt.table["units"]
    strings["units"] = {
        unit.value: {
            "one": units[unit.value]["one"],
            "other": units[unit.value]["other"],
            "pieces": UNIT_PIECES.get(unit, 0),
        }
        for unit in Unit
    }
    strings["pieces"] = renderer.fmt.fmt["pieces"]
    strings["label_whatsapp"] = t("label.whatsapp")
    strings["label_email"] = t("label.email")
    strings["site"] = renderer.catalog.site.title.get(renderer.lang)
    strings["locale"] = t("locale").replace("_", "-")
    return strings


def template_globals(renderer: Renderer, templates_dir: Path) -> dict[str, Callable[[Product], dict[str, Any]]]:
    """Return ``shortlist_other_languages`` for the button: a product's texts in the other languages.

    The shortlist keeps every language of what it saves, so the list, its WhatsApp messages and
    e-mails read in the language of the page that shows them, whichever page the product was
    saved on. The languages are those with a translation table (``templates/i18n/<lang>.yml``).
    """
    formatters = {
        path.stem: Formatter(path.stem, load_translations(templates_dir, path.stem))
        for path in sorted((templates_dir / "i18n").glob("*.yml"))
        if path.stem != renderer.lang
    }

    def shortlist_other_languages(product: Product) -> dict[str, Any]:
        """Return language → name, MOQ, price and page path (from the site root) of ``product``."""
        return {
            lang: {
                "name": product.name.get(lang),
                "moqText": fmt.quantity(product.moq.quantity, product.moq.unit),
                "price": fmt.price(product.price.min, product.price.max, product.price.unit),
                "path": language_prefix(lang) + product_path(product),
            }
            for lang, fmt in formatters.items()
        }

    return {"shortlist_other_languages": shortlist_other_languages}


def shortlist_pages(renderer: Renderer) -> list[tuple[str, str]]:
    """Return (docs path, content) of the list page in the renderer's language."""

    t = renderer.t
    meta = PageMeta(t("shortlist.title"), summary(t("shortlist.intro")))
    return [
        renderer.render(
            "shortlist",
            SHORTLIST_PAGE.rstrip("/") + ".md",
            meta,
            strings=script_strings(renderer),
        )
    ]
