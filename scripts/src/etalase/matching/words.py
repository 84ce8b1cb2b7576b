"""Numbers, amounts and dates written as the reasons of a match say them, in Indonesian and English.

The render stage has its own formatter (with the translation tables); matching sits below it and
must say why an IKM fits in plain words on its own, for the pages, the printed agendas and the
terminal alike. The rules are the site's: ``1.800`` and ``Rp 85.000`` in Indonesian, ``1,800`` and
``IDR 85,000`` in English; lusin and kodi are also given in pieces.
"""

from __future__ import annotations

import datetime as dt

from etalase.model import UNIT_PIECES, CertificateType, Quantity, Unit

MONTHS = {
    "id": ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des"),
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
}
# English names as templates/i18n/en.yml gives them (tests/test_english.py holds English pages to them);
# pcs and kg read the same in both languages.
UNITS_EN = {Unit.pasang: "pairs", Unit.pack: "packs", Unit.lusin: "dozen", Unit.kodi: "scores"}
UNIT_EN_ONE = {Unit.pasang: "pair", Unit.pack: "pack", Unit.lusin: "dozen", Unit.kodi: "score"}
# The certificates' short names, the same in both languages (the site's cert_short texts).
CERTIFICATES = {
    CertificateType.sni: "SNI",
    CertificateType.halal: "Halal",
    CertificateType.pirt: "P-IRT",
    CertificateType.bpom_md: "BPOM MD",
    CertificateType.hki: "HKI",
    CertificateType.tkdn: "TKDN",
}


def number(value: int, lang: str) -> str:
    """Return a whole number grouped by thousands: ``1.800`` (id), ``1,800`` (en)."""
    text = f"{value:,d}"
    return text if lang == "en" else text.replace(",", ".")


def unit(value: Unit, lang: str, *, one: bool = False) -> str:
    """Return a trade unit's name in ``lang`` (``one``: as in "per pair")."""
    if lang != "en":
        return str(value)
    return UNIT_EN_ONE.get(value, str(value)) if one else UNITS_EN.get(value, str(value))


def amount(quantity: Quantity, lang: str) -> str:
    """Return an amount with its unit; lusin and kodi also in pieces: ``150 lusin (1.800 pcs)``."""
    text = f"{number(quantity.quantity, lang)} {unit(quantity.unit, lang)}"
    per = UNIT_PIECES.get(quantity.unit)
    return f"{text} ({number(quantity.quantity * per, lang)} pcs)" if per else text


def idr(value: int, lang: str) -> str:
    """Return a rupiah amount: ``Rp 85.000`` / ``IDR 85,000``."""
    return f"{'IDR' if lang == 'en' else 'Rp'} {number(value, lang)}"


def idr_band(low: int, high: int, per: Unit, lang: str) -> str:
    """Return a price band per unit: ``Rp 60.000–90.000/pcs``."""
    shown = number(low, lang) if low == high else f"{number(low, lang)}–{number(high, lang)}"
    return f"{'IDR' if lang == 'en' else 'Rp'} {shown}/{unit(per, lang, one=True)}"


def date(value: dt.date, lang: str) -> str:
    """Return a date short enough for a line of reasons: ``31 Mar 2027``."""
    return f"{value.day} {MONTHS[lang][value.month - 1]} {value.year}"
