"""Formatting of numbers, prices, units and dates in the reader's language.

Pure helpers used by ``render``: Indonesian writes ``Rp 45.000`` and ``1,5``, English
``IDR 45,000`` and ``1.5``. Unit names and month names come from the translation table
(``templates/i18n/<lang>.yml``), so no language is hard-coded here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from etalase.model import UNIT_PIECES, Unit

_PIECES = {str(unit): pieces for unit, pieces in UNIT_PIECES.items()}  # unit name → pieces in one


def number(value: float, lang: str, decimals: int = 0) -> str:
    """Return ``value`` with the digit grouping of ``lang`` (``45.000`` in id, ``45,000`` in en)."""
    text = f"{value:,.{decimals}f}"
    if lang == "en":
        return text
    return text.replace(",", "\0").replace(".", ",").replace("\0", ".")


def compact(value: float, lang: str) -> str:
    """Return ``value`` with at most two decimals and no trailing zeros (``42,5`` / ``42.5``)."""
    decimals = 0 if float(value).is_integer() else (1 if float(value * 10).is_integer() else 2)
    return number(value, lang, decimals)


def span(low: str, high: str) -> str:
    """Return a range ``low – high`` (one value when both are the same)."""
    return low if low == high else f"{low} – {high}"


class Formatter:
    """Formats values for one language, with the words from its translation table."""

    def __init__(self, lang: str, table: Mapping[str, Any]) -> None:
        self.lang = lang
        self.table = table
        self.fmt = table["format"]

    def number(self, value: float, decimals: int = 0) -> str:
        """Return a grouped number."""
        return number(value, self.lang, decimals)

    def idr(self, value: int) -> str:
        """Return a rupiah amount: ``Rp 45.000`` / ``IDR 45,000``."""
        return self.fmt["idr"].format(amount=self.number(value))

    def idr_range(self, low: int, high: int) -> str:
        """Return a rupiah range: ``Rp 45.000 – 60.000``."""
        return self.fmt["idr"].format(amount=span(self.number(low), self.number(high)))

    def usd_range(self, low: float, high: float) -> str:
        """Return a US dollar range with cents: ``US$ 6,50 – 8,00`` / ``US$ 6.50 – 8.00``."""
        return self.fmt["usd"].format(amount=span(self.number(low, 2), self.number(high, 2)))

    def percent(self, value: float) -> str:
        """Return a percentage: ``45%`` / ``42,5%``."""
        return self.fmt["percent"].format(value=compact(value, self.lang))

    def unit(self, unit: Unit | str, count: int = 2) -> str:
        """Return the name of a trade unit, singular when ``count`` is 1 (``pair`` / ``pairs``)."""
        names = self.table["units"][str(unit)]
        return names["one"] if count == 1 else names["other"]

    def unit_note(self, unit: Unit | str) -> str:
        """Return what a unit means (``lusin = 12 pcs``), or ``""`` for self-explaining units."""
        return self.table["units"][str(unit)].get("explain", "")

    def quantity(self, count: int, unit: Unit | str) -> str:
        """Return an amount with its unit; lusin and kodi also give pieces: ``5 lusin (60 pcs)``."""
        text = f"{self.number(count)} {self.unit(unit, count)}"
        pieces = _PIECES.get(str(unit))
        if pieces:
            text += " " + self.fmt["pieces"].format(count=self.number(count * pieces))
        return text

    def per(self, amount: str, unit: Unit | str) -> str:
        """Return ``amount / unit``: ``Rp 45.000 / lusin``, ``IDR 45,000 / dozen (12 pcs)``.

        A unit's ``per`` name in the translation table, where it has one, says how many pieces it is.
        """
        names = self.table["units"][str(unit)]
        return self.fmt["per"].format(amount=amount, unit=names.get("per") or names["one"])

    def price(self, low: int, high: int, unit: Unit | str) -> str:
        """Return a price band per unit: ``Rp 45.000 – 60.000 / lusin``."""
        return self.per(self.idr_range(low, high), unit)

    def per_month(self, count: int, unit: Unit | str) -> str:
        """Return a monthly capacity: ``1.500 pcs / bulan``."""
        return self.fmt["per_month"].format(amount=self.quantity(count, unit))

    def days(self, count: int) -> str:
        """Return a number of days: ``14 hari`` / ``14 days``."""
        key = "day_one" if count == 1 else "days"
        return self.fmt[key].format(count=self.number(count))

    def weight(self, grams: int) -> str:
        """Return a weight: ``350 g``, ``1,2 kg``."""
        if grams < 1000:
            return f"{self.number(grams)} g"
        return f"{compact(grams / 1000, self.lang)} kg"

    def date(self, value: dt.date) -> str:
        """Return a date with the month written out: ``30 April 2029``."""
        month = self.table["months"][value.month - 1]
        return self.fmt["date"].format(day=value.day, month=month, year=value.year)

    def year(self, value: int) -> str:
        """Return a year without grouping (``1998``)."""
        return str(value)
