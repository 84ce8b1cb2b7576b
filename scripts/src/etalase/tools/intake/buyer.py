"""A record as buyers will read it, as a markdown table for a form's reply and a pull request's summary.

The words and number formats are the site's own (``templates/i18n/<lang>.yml`` through
``render.formatting``), so ``Rp 85.000 – 95.000 / pcs`` and ``2 lusin (24 pcs)`` read here as on
the page. Contributor text is escaped so it cannot mention people or open HTML.
"""

from __future__ import annotations

from pathlib import Path

from etalase.model import Ikm, Product
from etalase.render.formatting import Formatter
from etalase.render.i18n import load_translations


def safe(text: str) -> str:
    """Return contributor text that cannot mention people, open HTML or break a table row."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("@", "@\u200b")
    return text.replace("|", "\\|").replace("\n", " ")


def _formatter(templates: Path, lang: str) -> tuple[Formatter, dict]:
    table = load_translations(templates, lang)
    return Formatter(lang, table), table


def product_rows(product: Product, templates: Path, lang: str = "id") -> list[tuple[str, str]]:
    """Return (label, value) rows of the facts a buyer compares, in ``lang``."""
    fmt, table = _formatter(templates, lang)
    label = table["label"]
    rows = [
        (label["price"], fmt.price(product.price.min, product.price.max, product.price.unit)),
        (label["moq"], fmt.quantity(product.moq.quantity, product.moq.unit)),
        (label["capacity"], fmt.per_month(product.capacity_per_month.quantity, product.capacity_per_month.unit)),
        (label["lead_time"], fmt.days(product.lead_time_days)),
        (label["materials"], ", ".join(product.materials.get(lang))),
    ]
    if product.weight_grams:
        rows.append((label["weight"], fmt.weight(product.weight_grams)))
    if product.food:
        rows.append((label["shelf_life"], fmt.days(product.food.shelf_life_days)))
    if product.export and product.export.fob_usd:
        rows.append((label["fob"], fmt.usd_range(product.export.fob_usd.min, product.export.fob_usd.max)))
    return rows


def ikm_rows(ikm: Ikm, sentra: str, templates: Path, lang: str = "id") -> list[tuple[str, str]]:
    """Return (label, value) rows of an IKM's page facts, in ``lang``."""
    fmt, table = _formatter(templates, lang)
    label = table["label"]
    place = ", ".join(p for p in (ikm.location.kelurahan, ikm.location.kecamatan, ikm.location.city) if p)
    rows = [
        (label["sentra"], sentra),
        (label["location"], place),
        (label["founded"], fmt.year(ikm.founded)),
        (label["workers"], fmt.number(ikm.workers)),
        (label["whatsapp"], ikm.contacts.whatsapp),
    ]
    if ikm.nib:
        rows.append((label["nib"], ikm.nib))
    return rows


def table(title: str, rows: list[tuple[str, str]]) -> list[str]:
    """Return a markdown table with a bold title line above it."""
    lines = [f"**{safe(title)}**", "", "| | |", "|---|---|"]
    lines += [f"| {safe(name)} | {safe(value)} |" for name, value in rows]
    return [*lines, ""]
