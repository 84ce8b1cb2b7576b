"""The buyer's shortlist: a list of products kept in the browser, and one inquiry per maker.

Nothing is stored on a server. A "Simpan ke daftar" / "Add to shortlist" button on every product
card and product page (``templates/partials/shortlist.j2``) names its product (``data-sl-id``,
the page's path); ``templates/assets/shortlist.js`` keeps the list in ``localStorage`` (one key
per site), shows the count in the header and draws the list page.

What the list shows of a product (its name, MOQ and price in every language, the maker's name,
WhatsApp number and e-mail, the thumbnail) is in one small file per maker, ``daftar/<ikm>.json``
at the site root (``maker_files``, written with the open data by ``builder/sitefiles.py``): the
script reads it when a product is added and whenever the list page is shown, so the list always
shows the catalogue as it is now. The buttons carried all of it as ``data-sl-*`` attributes
before: 0.7 kB a button, on every card of every page (docs/pages.md).

This module also renders the list page of each language (``daftar/``, ``en/daftar/``): its texts,
the UI strings the script needs (passed as a JSON ``data-strings`` attribute, so the script holds
no UI language) and the units table. ``shortlist_pages`` is called from ``render.render_pages``.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from etalase.model import UNIT_PIECES, Unit
from etalase.model.catalog import Catalog
from etalase.photos import ImageSet
from etalase.render.engine import PageMeta, Renderer
from etalase.render.formatting import Formatter
from etalase.render.i18n import load_translations
from etalase.render.links import SHORTLIST_PAGE, language_prefix, product_path, wa_digits
from etalase.render.text import summary

MAKER_FILES = SHORTLIST_PAGE  # daftar/<ikm>.json at the site root, for every language
FILE_VERSION = 1

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


def maker_files(
    catalog: Catalog,
    images: Mapping[tuple[str, str], ImageSet],
    templates_dir: Path,
    languages: Iterable[str],
) -> dict[str, bytes]:
    """Return site path → JSON of every maker's shortlist file (``daftar/<ikm>.json``).

    One file per IKM with products: its name, WhatsApp number (wa.me digits) and e-mail, and per
    product (by its ``data-sl-id``, the page path in the language root) the MOQ and its unit, the
    thumbnail (site-relative, or on ``media_url``) and, per language in ``languages``, its name,
    MOQ and price as the pages write them; ``langs`` names each language's folder.
    """
    formatters = {lang: Formatter(lang, load_translations(templates_dir, lang)) for lang in languages}
    media = catalog.site.media_url or ""
    files = {}
    for slug, entry in sorted(catalog.ikms.items()):
        products = catalog.products_by_ikm.get(slug, [])
        if not products:
            continue
        maker = entry.record
        data: dict[str, Any] = {"v": FILE_VERSION, "name": maker.name, "wa": wa_digits(maker.contacts.whatsapp)}
        if maker.contacts.email:
            data["email"] = maker.contacts.email
        data["langs"] = {lang: language_prefix(lang) for lang in formatters}
        data["products"] = {}
        for product_entry in products:
            product = product_entry.record
            image = images.get((product_entry.path, product.photos[0].file)) if product.photos else None
            item: dict[str, Any] = {"moq": product.moq.quantity, "unit": product.moq.unit.value}
            if image is not None:
                item["thumb"] = media + image.thumb.url
            item["text"] = {
                lang: {
                    "name": product.name.get(lang),
                    "moqText": fmt.quantity(product.moq.quantity, product.moq.unit),
                    "price": fmt.price(product.price.min, product.price.max, product.price.unit),
                }
                for lang, fmt in formatters.items()
            }
            data["products"][product_path(product)] = item
        text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
        files[f"{MAKER_FILES}{slug}.json"] = text.encode("utf-8")
    return files


def publish(site_dir: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write ``maker_files`` into ``site_dir``; return their paths."""
    written = []
    for name, data in sorted(files.items()):
        path = site_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written


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
