"""A product's price against its category's plausible floor (``price_floor`` in ``catalog/categories.yml``).

A price typed without its thousands (``150`` for Rp 150.000) is a valid number but no real price:
a Rp 150 cardigan. Each category may set the lowest plausible price per piece; a lusin is 12
pieces and a kodi 20, so their floor is 12 or 20 times as high. Lower prices are errors whose fix
names the likely meant price and how to write it; if a price really is that low, a maintainer
lowers the category's floor.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from etalase.check.common import problem_at
from etalase.model import UNIT_PIECES, Product, Unit
from etalase.model.catalog import Catalog, Entry
from etalase.model.notation import NotationError, grouped, read_price_band, read_rupiah, read_unit
from etalase.model.problems import Msg, Problem
from etalase.source.load import Kind, RawRecord


def check_price_floor(catalog: Catalog, entry: Entry[Product]) -> list[Problem]:
    """Return a problem for each end of ``entry``'s price band below its category's floor."""
    product = entry.record
    category = catalog.category_by_slug.get(product.category)
    if category is None or category.price_floor is None:
        return []
    pieces = UNIT_PIECES.get(product.price.unit, 1)
    floor = category.price_floor * pieces
    problems = []
    for key in ("min", "max"):
        price = getattr(product.price, key)
        if price < floor:
            message = floor_message(key, price, floor, str(product.price.unit), category.slug, pieces)
            problems.append(problem_at(entry, ("price", key), f"price.{key}", message))
    return problems


def check_raw_price_floors(catalog: Catalog, records: Iterable[RawRecord]) -> list[Problem]:
    """Return the floor problems of product records that failed validation, read from their raw data.

    A record with another mistake still hears about its Rp 150 price in the same run; the parts of
    its price that cannot be read are left to the schema's own messages.
    """
    problems = []
    for raw in records:
        if raw.kind is not Kind.product:
            continue
        category = catalog.category_by_slug.get(str(raw.data.get("category")))
        band = _raw_band(raw.data.get("price"))
        if category is None or category.price_floor is None or band is None:
            continue
        unit = Unit(band["unit"])
        pieces = UNIT_PIECES.get(unit, 1)
        floor = category.price_floor * pieces
        for key in ("min", "max"):
            price = band.get(key)
            if isinstance(price, int) and 100 <= price < floor:
                message = floor_message(key, price, floor, str(unit), category.slug, pieces)
                problems.append(Problem(raw.path, raw.lines.line_of(("price", key)), f"price.{key}", message))
    return problems


def _raw_band(price: Any) -> dict[str, Any] | None:
    """Return the price band a raw ``price`` value holds, with what can be read of it, or None."""
    try:
        if isinstance(price, str):
            band = read_price_band(price)
        elif isinstance(price, dict) and isinstance(price.get("unit"), str):
            band = {"unit": read_unit(price["unit"])}
            for key in ("min", "max"):
                try:
                    band[key] = read_rupiah(price[key]) if isinstance(price.get(key), str | int | float) else None
                except NotationError:
                    band[key] = None
        else:
            return None
    except NotationError:
        return None
    return band if band["unit"] in {u.value for u in Unit} else None


def floor_message(key: str, price: int, floor: int, unit: str, category: str, pieces: int) -> Msg:
    """Return "Rp 150 per pcs is below the plausible floor — did you mean Rp 150.000?" in both languages."""
    per_piece = f", {pieces} × Rp {grouped(floor // pieces)}" if pieces > 1 else ""
    if price < 1000:  # written without its thousands
        meant = price * 1000
        fix_id = f"maksudnya Rp {grouped(meant)}? Tulis `{key}: {meant}` atau `{key}: {price}rb`"
        fix_en = f"did you mean Rp {grouped(meant)}? Write `{key}: {meant}` or `{key}: {price}rb`"
    elif pieces > 1 and price >= floor // pieces:  # a price per piece under a unit of 12 or 20 pieces
        fix_id = f"apakah ini harga per buah? Tulis `unit: pcs` di `price`, atau harga per {unit}"
        fix_en = f"is this the price of one piece? Write `unit: pcs` under `price`, or the price per {unit}"
    else:
        fix_id, fix_en = "periksa angkanya", "check the number"
    return Msg(
        f"Rp {grouped(price)} per {unit} di bawah harga terendah yang wajar untuk kategori {category} "
        f"(Rp {grouped(floor)} per {unit}{per_piece}) — {fix_id}. Jika harganya memang serendah ini, minta "
        f"pengelola menurunkan `price_floor` kategori {category} di catalog/categories.yml",
        f"Rp {grouped(price)} per {unit} is below the lowest plausible price in the category {category} "
        f"(Rp {grouped(floor)} per {unit}{per_piece}) — {fix_en}. If the price really is this low, ask a "
        f"maintainer to lower the `price_floor` of {category} in catalog/categories.yml",
    )
