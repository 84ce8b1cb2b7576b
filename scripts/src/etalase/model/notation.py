"""Numbers, quantities, lead times and phone numbers as Indonesians write them.

Each reader takes a value as written (a form answer, or a YAML scalar: text, a number, or a number
YAML read from other text, see ``WrittenInt``) and returns the value it means, or raises
``NotationError`` with a bilingual message that quotes the text exactly as written and says how to
write it. Nothing after the digits is ever dropped: text a reader does not understand is refused.

- rupiah: ``85rb``, ``85 ribu``, ``Rp85.000``, ``Rp 85.000,-``, ``85.000``, ``1,5jt``, ``1.5 juta``;
- quantities: ``2 lusin``, ``3 lsn``, ``1 kodi``, ``selusin``, ``2 lusin (24 pcs)``, ``150 lusin/bulan``;
- days: ``14 hari``, ``2 minggu``, ``seminggu``, ``6 bulan``; grams: ``350 gram``, ``0,5 kg``, ``3 ons``;
- WhatsApp numbers are read by ``model.phone`` the same way.

The dot groups thousands and the comma is the decimal mark (``1.500`` is 1500, ``1,5`` is 1.5); a
single separator followed by exactly three digits groups thousands either way (``85,000``). Pure.
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import Any

from etalase.model.problems import Msg

# Trade units and the words people write for them (the keys are ``fields.Unit``'s values).
UNIT_WORDS: dict[str, tuple[str, ...]] = {
    "pcs": ("pcs", "pc", "piece", "pieces", "buah", "bh", "biji", "potong", "ptg", "lembar", "lbr", "unit", "item"),
    "pasang": ("pasang", "psg", "pair", "pairs"),
    "lusin": ("lusin", "lsn", "dozen", "dozens", "dz", "doz"),
    "kodi": ("kodi", "kd"),
    "kg": ("kg", "kgs", "kilo", "kilogram", "kilograms"),
    "pack": ("pack", "packs", "pak", "bungkus", "bks", "kemasan", "sachet", "saset"),
}
PIECES = {"lusin": 12, "kodi": 20}  # pieces in one lusin (dozen) and one kodi (score)
_UNIT_OF = {word: unit for unit, words in UNIT_WORDS.items() for word in words}
_WORD_NUMBERS = {
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5,
    "enam": 6, "tujuh": 7, "delapan": 8, "sembilan": 9, "sepuluh": 10,
}  # fmt: skip
_RUPIAH_TIMES = {"rb": 1000, "ribu": 1000, "rbu": 1000, "k": 1000, "jt": 1_000_000, "juta": 1_000_000}
_DAYS = {
    "hari": 1, "hr": 1, "h": 1, "day": 1, "days": 1,
    "minggu": 7, "mgg": 7, "mg": 7, "pekan": 7, "week": 7, "weeks": 7,
    "bulan": 30, "bln": 30, "month": 30, "months": 30,
    "tahun": 365, "thn": 365, "th": 365, "year": 365, "years": 365,
}  # fmt: skip
_GRAMS = {"g": 1, "gr": 1, "gram": 1, "grams": 1, "kg": 1000, "kilo": 1000, "kilogram": 1000, "ons": 100}
_NUMBER = r"\d[\d.,]*\d|\d"
_RANGE = r"\s*(?:(?<![,.])-|–|—|\bs/d\b|\bsd\b|\bsampai\b|\bhingga\b|\bto\b)\s*"
_PER_MONTH = r"(?:\s*(?:/|per|tiap|setiap)\s*(?:bulan|bln|month)|\s+sebulan)"


class NotationError(ValueError):
    """A value that cannot be read, with the bilingual ``what is wrong — how to fix`` message."""

    def __init__(self, message: Msg) -> None:
        super().__init__(message.en)
        self.message = message


class WrittenInt(int):
    """A whole number YAML read from text that says more than the number (``+6281234567890``)."""

    written: str

    def __new__(cls, value: int, written: str) -> WrittenInt:
        number = super().__new__(cls, value)
        number.written = written
        return number


class WrittenFloat(float):
    """A decimal number YAML read from text that says more than the number (``85.000`` → 85.0)."""

    written: str

    def __new__(cls, value: float, written: str) -> WrittenFloat:
        number = super().__new__(cls, value)
        number.written = written
        return number


def as_written(value: Any) -> str:
    """Return ``value`` as its writer wrote it (the YAML text of a number, when YAML kept it)."""
    written = getattr(value, "written", None)
    if isinstance(written, str):
        return written
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def quoted(value: Any) -> str:
    """Return a value quoted as written, shortened past 60 characters."""
    text = as_written(value).replace("\n", " ")
    return f"'{text}'" if len(text) <= 60 else f"'{text[:57]}…'"


def _refuse(id_text: str, en_text: str) -> NotationError:
    return NotationError(Msg(id_text, en_text))


def decimal(text: str) -> Decimal | None:
    """Return the number ``text`` (digits, dots, commas) means, or None when it is not a number.

    ``1.250.000`` and ``1,250,000`` group thousands; ``1,5`` and ``1.5`` have a decimal mark;
    ``1.250.000,50`` has both (the last separator is the decimal mark).
    """
    if not re.fullmatch(r"\d[\d.,]*", text) or text[-1] in ".,":
        return None
    if text.isdigit():
        return Decimal(text)
    if "." in text and "," in text:
        mark = "." if text.rfind(".") > text.rfind(",") else ","
        group = "," if mark == "." else "."
        whole, _, fraction = text.rpartition(mark)
        return (
            Decimal(f"{_ungrouped(whole, group)}.{fraction}") if _grouped(whole, group) and fraction.isdigit() else None
        )
    mark = "." if "." in text else ","
    parts = text.split(mark)
    if len(parts) == 2 and 1 <= len(parts[1]) <= 2:
        return Decimal(f"{parts[0]}.{parts[1]}")
    return Decimal(_ungrouped(text, mark)) if _grouped(text, mark) else None


def _grouped(text: str, mark: str) -> bool:
    return bool(re.fullmatch(rf"\d{{1,3}}(?:{re.escape(mark)}\d{{3}})*", text))


def _ungrouped(text: str, mark: str) -> str:
    return text.replace(mark, "")


def _number_or_word(text: str) -> Decimal | None:
    return Decimal(_WORD_NUMBERS[text]) if text in _WORD_NUMBERS else decimal(text)


def grouped(value: int) -> str:
    """Return ``value`` with Indonesian thousands dots: ``150.000``."""
    return f"{value:,}".replace(",", ".")


# --- rupiah ------------------------------------------------------------------------------------------

_AMOUNT = re.compile(
    rf"(?:rp\.?|idr)?\s*(?P<num>{_NUMBER})\s*(?:,-|\.-|,00)?\s*(?P<times>rb|ribu|rbu|k|jt|juta)?\.?",
    re.IGNORECASE,
)
_RUPIAH_EXAMPLE = ("85000, 85.000, 85rb atau Rp 85.000", "85000, 85.000, 85rb or Rp 85.000")


def read_rupiah(value: Any) -> int:
    """Return an amount of rupiah written as people write it: ``Rp 85.000,-`` → 85000, ``1,5jt`` → 1500000."""
    if isinstance(value, int) and not isinstance(value, bool) and not isinstance(value, WrittenInt):
        return value
    text = as_written(value).strip()
    match = _AMOUNT.fullmatch(text)
    if match is None:
        raise _rupiah_refusal(value, text)
    number = decimal(match["num"])
    if number is None:
        raise _refuse(
            f"{quoted(value)} tidak dapat dibaca sebagai angka — titik memisahkan ribuan (85.000), "
            f"koma menandai desimal (1,5jt); tulis seperti {_RUPIAH_EXAMPLE[0]}",
            f"{quoted(value)} cannot be read as a number — a dot groups thousands (85.000) and a comma "
            f"marks decimals (1,5jt); write it like {_RUPIAH_EXAMPLE[1]}",
        )
    amount = number * _RUPIAH_TIMES.get((match["times"] or "").lower(), 1)
    if amount != amount.to_integral_value():
        near = f"{str(number).replace('.', ',')}rb"
        raise _refuse(
            f"{quoted(value)} bukan rupiah utuh — rupiah tidak memakai sen; maksudnya {near} "
            f"(Rp {grouped(int(number * 1000))})? Tulis seperti {_RUPIAH_EXAMPLE[0]}",
            f"{quoted(value)} is not a whole amount of rupiah — rupiah has no cents; did you mean {near} "
            f"(Rp {grouped(int(number * 1000))})? Write it like {_RUPIAH_EXAMPLE[1]}",
        )
    return int(amount)


def _rupiah_refusal(value: Any, text: str) -> NotationError:
    if re.search(r"(?:/|\bper\b|@)\s*[a-z]", text, re.IGNORECASE):
        return _refuse(
            f"{quoted(value)}: tulis jumlahnya saja di sini (mis. 85rb) — satuannya ditulis di `unit` (Harga per)",
            f"{quoted(value)}: write only the amount here (e.g. 85rb) — the unit goes in `unit` (Price per)",
        )
    if len(re.split(_RANGE, text)) == 2:
        return _refuse(
            f"{quoted(value)} berisi dua harga — tulis yang terendah di `min` dan yang tertinggi di `max`",
            f"{quoted(value)} holds two prices — write the lowest in `min` and the highest in `max`",
        )
    return _refuse(
        f"{quoted(value)} bukan jumlah rupiah — tulis seperti {_RUPIAH_EXAMPLE[0]}",
        f"{quoted(value)} is not an amount of rupiah — write it like {_RUPIAH_EXAMPLE[1]}",
    )


def read_price_band(value: Any) -> dict[str, Any]:
    """Return ``{min, max, unit}`` from one line: ``85rb-95rb/pcs``, ``Rp 85.000 s/d 95.000 per lusin``."""
    text = as_written(value).strip()
    tail = re.fullmatch(r"(?P<amounts>.*?)\s*(?:/|\bper\b|@)\s*(?P<unit>[a-z]+)\.?", text, re.IGNORECASE)
    if tail is None:
        raise _refuse(
            f"{quoted(value)} tidak menyebut satuan — tulis `price: {{min: 85000, max: 95000, unit: pcs}}` "
            "atau `price: 85rb-95rb/pcs`",
            f"{quoted(value)} does not name the unit — write `price: {{min: 85000, max: 95000, unit: pcs}}` "
            "or `price: 85rb-95rb/pcs`",
        )
    parts = re.split(_RANGE, tail["amounts"], maxsplit=1)
    low_text, high_text = (parts[0], parts[-1])
    low_match = _AMOUNT.fullmatch(low_text.strip())
    high_match = _AMOUNT.fullmatch(high_text.strip())
    if low_match and high_match and not low_match["times"] and high_match["times"]:
        low_number = decimal(low_match["num"])
        if low_number is not None and low_number < 1000:  # "85-95rb": both in ribu
            low_text = f"{low_match['num']}{high_match['times']}"
    return {"min": read_rupiah(low_text), "max": read_rupiah(high_text), "unit": read_unit(tail["unit"])}


# --- units and quantities --------------------------------------------------------------------------------


def read_unit(value: Any) -> str:
    """Return the trade unit a word names (``lsn`` → ``lusin``); an unknown word is returned unchanged."""
    text = as_written(value).strip()
    return _UNIT_OF.get(text.lower().rstrip("."), text)


_QUANTITY = re.compile(
    rf"(?P<num>{_NUMBER}|[a-z]+)\s*(?P<unit>[a-z]+)?\.?"
    rf"(?:\s*\(\s*(?:=\s*)?(?P<num2>{_NUMBER})\s*(?P<unit2>[a-z]+)?\.?\s*\))?(?P<month>{_PER_MONTH})?",
    re.IGNORECASE,
)


def read_quantity(value: Any, unit: Any = None, *, per_month: bool = False) -> tuple[int, str | None]:
    """Return (amount, unit) of a quantity such as ``2 lusin``, ``selusin`` or ``2 lusin (24 pcs)``.

    ``unit`` is the unit given beside the amount (a form's dropdown, a record's ``unit:``); a quantity
    that names another unit is refused. ``per_month`` accepts a trailing ``per bulan`` (capacity).
    The unit is None when neither the text nor ``unit`` names one.
    """
    given = read_unit(unit) if unit not in (None, "") else None
    if isinstance(value, int) and not isinstance(value, bool | WrittenInt):
        return value, given
    text = as_written(value).strip()
    single = re.fullmatch(r"se(?P<unit>[a-z]+)", text, re.IGNORECASE)
    match = _QUANTITY.fullmatch(text)
    if single and single["unit"].lower() in _UNIT_OF:
        amount, written_unit = Decimal(1), _UNIT_OF[single["unit"].lower()]
    elif match and (number := _number_or_word(match["num"].lower())) is not None:
        amount, written_unit = number, _unit_word(value, match["unit"])
        if match["month"] and not per_month:
            raise _refuse(
                f"{quoted(value)}: pemesanan minimum tidak per bulan — tulis jumlahnya saja, mis. 2 lusin",
                f"{quoted(value)}: a minimum order is not per month — write the amount only, e.g. 2 lusin",
            )
        if match["num2"]:
            _check_pieces(value, amount, written_unit or given, match["num2"], _unit_word(value, match["unit2"]))
    else:
        raise _refuse(
            f"{quoted(value)} bukan jumlah — tulis angka dan satuannya, mis. 2 lusin, 3 kodi atau 100 pcs",
            f"{quoted(value)} is not a quantity — write a number and its unit, e.g. 2 lusin, 3 kodi or 100 pcs",
        )
    if written_unit and given and written_unit != given:
        raise _unit_clash(value, amount, written_unit, given)
    return _whole_quantity(value, amount, written_unit or given), written_unit or given


def _unit_word(value: Any, word: str | None) -> str | None:
    if word is None:
        return None
    unit = _UNIT_OF.get(word.lower())
    if unit is None:
        raise _refuse(
            f"{quoted(value)}: satuan '{word}' tidak dikenal — pakai pcs, pasang, lusin (12), kodi (20), kg atau pack",
            f"{quoted(value)}: unit '{word}' is not known — use pcs, pasang (pair), lusin (12), kodi (20), kg or pack",
        )
    return unit


def _check_pieces(value: Any, amount: Decimal, unit: str | None, other_text: str, other_unit: str | None) -> None:
    """Refuse ``2 lusin (25 pcs)``: the amount in brackets must be the same amount in other words."""
    other = decimal(other_text)
    first, second = _in_pieces(amount, unit), _in_pieces(other, other_unit or "pcs")
    if first is None or second is None or first != second:
        expected = f"{_plain(first)} pcs" if first is not None else "?"
        raise _refuse(
            f"{quoted(value)}: jumlah dalam kurung tidak cocok ({_plain(amount)} {unit or ''} = {expected}) — "
            "tulis satu jumlah saja, mis. 2 lusin",
            f"{quoted(value)}: the amount in brackets does not match ({_plain(amount)} {unit or ''} = {expected}) — "
            "write one amount only, e.g. 2 lusin",
        )


def _in_pieces(amount: Decimal | None, unit: str | None) -> Decimal | None:
    """Return ``amount`` of ``unit`` in pieces (None for units that are not counted in pieces)."""
    if amount is None or unit not in ("pcs", *PIECES):
        return None
    return amount * PIECES.get(unit, 1)


def _plain(number: Decimal | None) -> str:
    """Return a decimal without trailing zeros, with a decimal comma: ``18``, ``1,5``."""
    if number is None:
        return "?"
    text = f"{number.normalize():f}"
    return grouped(int(number)) if number == int(number) else text.replace(".", ",")


def _unit_clash(value: Any, amount: Decimal, written: str, given: str) -> NotationError:
    per = PIECES.get(written)
    pieces = f"{grouped(int(amount * per))}" if per and given == "pcs" and amount == int(amount) else None
    other_id = f", atau jumlah {pieces} dengan satuan pcs" if pieces else ""
    other_en = f", or the amount {pieces} with the unit pcs" if pieces else ""
    return _refuse(
        f"{quoted(value)} dalam {written}, tetapi satuannya {given} — pilih satuan {written}{other_id}",
        f"{quoted(value)} is in {written}, but the unit is {given} — choose the unit {written}{other_en}",
    )


def _whole_quantity(value: Any, amount: Decimal, unit: str | None) -> int:
    if amount == amount.to_integral_value():
        return int(amount)
    per = PIECES.get(unit or "")
    pieces = amount * per if per else None
    whole = pieces is not None and pieces == int(pieces)
    hint_id = f"{_plain(pieces)} pcs" if whole else "satuan yang lebih kecil"
    hint_en = f"{_plain(pieces)} pcs" if whole else "a smaller unit"
    raise _refuse(
        f"{quoted(value)} bukan bilangan bulat — tulis jumlah bulat, mis. {hint_id}",
        f"{quoted(value)} is not a whole number — write a whole amount, e.g. {hint_en}",
    )


# --- days and grams ------------------------------------------------------------------------------------


def read_days(value: Any) -> int:
    """Return a number of days: ``14 hari`` → 14, ``2 minggu`` → 14, ``sebulan`` → 30, ``1 tahun`` → 365."""
    if isinstance(value, int) and not isinstance(value, bool | WrittenInt):
        return value
    text = as_written(value).strip().lower()
    if single := re.fullmatch(r"se(?P<unit>hari|minggu|pekan|bulan|tahun)", text):
        return _DAYS[single["unit"]]
    if range_ := re.fullmatch(rf"({_NUMBER}){_RANGE}({_NUMBER})\s*(?P<unit>[a-z]+)?", text):
        longest = f"{range_[2]} {range_['unit'] or 'hari'}"
        raise _refuse(
            f"{quoted(value)} adalah rentang — tulis waktu terlama saja, mis. {longest}",
            f"{quoted(value)} is a range — write the longest time only, e.g. {longest}",
        )
    match = re.fullmatch(rf"(?P<num>{_NUMBER}|[a-z]+)\s*(?P<unit>[a-z]+)?\.?(?P<work>\s+kerja)?", text)
    number = _number_or_word(match["num"]) if match else None
    if match is None or number is None or (match["unit"] and match["unit"] not in _DAYS):
        raise _refuse(
            f"{quoted(value)} bukan lama waktu — tulis jumlah hari, mis. 14, 14 hari atau 2 minggu",
            f"{quoted(value)} is not a length of time — write a number of days, e.g. 14, 14 hari or 2 minggu",
        )
    if match["work"]:
        calendar = math.ceil(number * 7 / 5)
        raise _refuse(
            f"{quoted(value)} menghitung hari kerja — tulis hari kalender, mis. {calendar} hari",
            f"{quoted(value)} counts working days — write calendar days, e.g. {calendar} hari",
        )
    days = number * _DAYS[match["unit"] or "hari"]
    if days != days.to_integral_value():
        raise _refuse(
            f"{quoted(value)} bukan jumlah hari yang bulat — tulis dalam hari, mis. {math.ceil(days)} hari",
            f"{quoted(value)} is not a whole number of days — write it in days, e.g. {math.ceil(days)} hari",
        )
    return int(days)


def read_grams(value: Any) -> int:
    """Return a weight in grams: ``350 gram`` → 350, ``0,5 kg`` → 500, ``3 ons`` → 300."""
    if isinstance(value, int) and not isinstance(value, bool | WrittenInt):
        return value
    text = as_written(value).strip().lower()
    match = re.fullmatch(rf"(?P<num>{_NUMBER})\s*(?P<unit>[a-z]+)?\.?", text)
    number = decimal(match["num"]) if match else None
    if match is None or number is None or (match["unit"] and match["unit"] not in _GRAMS):
        raise _refuse(
            f"{quoted(value)} bukan berat — tulis dalam gram, mis. 350, 350 gram atau 0,5 kg",
            f"{quoted(value)} is not a weight — write it in grams, e.g. 350, 350 gram or 0,5 kg",
        )
    grams = number * _GRAMS[match["unit"] or "g"]
    if grams != grams.to_integral_value():
        raise _refuse(
            f"{quoted(value)} bukan jumlah gram yang bulat — tulis mis. {math.ceil(grams)} gram",
            f"{quoted(value)} is not a whole number of grams — write e.g. {math.ceil(grams)} gram",
        )
    return int(grams)


__all__ = [
    "PIECES",
    "UNIT_WORDS",
    "NotationError",
    "WrittenFloat",
    "WrittenInt",
    "as_written",
    "decimal",
    "grouped",
    "quoted",
    "read_days",
    "read_grams",
    "read_price_band",
    "read_quantity",
    "read_rupiah",
    "read_unit",
]
