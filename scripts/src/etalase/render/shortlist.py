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

from typing import Any

from etalase.model import UNIT_PIECES, Unit
from etalase.render.engine import PageMeta, Renderer
from etalase.render.links import SHORTLIST_PAGE
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
