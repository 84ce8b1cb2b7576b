"""Numbers, quantities, days and phone numbers as Indonesians write them (model/notation.py).

The table holds real notations from forms, WhatsApp catalogues and marketplace listings: each is
read to the right value and unit, or refused with the text quoted exactly as written. YAML records
read them the same way (the end of this file), including the numbers YAML itself would change.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from conftest import TODAY
from etalase import pipeline
from etalase.model import Product, Unit
from etalase.model.fields import UNIT_PIECES
from etalase.model.notation import (
    PIECES,
    UNIT_WORDS,
    NotationError,
    WrittenInt,
    read_days,
    read_grams,
    read_price_band,
    read_quantity,
    read_rupiah,
    read_unit,
)
from etalase.model.phone import masked_whatsapp, read_whatsapp
from etalase.source.yamlsafe import parse

RUPIAH = [
    ("85000", 85_000),
    ("85.000", 85_000),
    ("85,000", 85_000),
    ("85rb", 85_000),
    ("85 rb", 85_000),
    ("85 ribu", 85_000),
    ("85K", 85_000),
    ("Rp85.000", 85_000),
    ("Rp 85.000", 85_000),
    ("Rp. 85.000", 85_000),
    ("Rp 85.000,-", 85_000),
    ("Rp 85.000,00", 85_000),
    ("IDR 85,000", 85_000),
    ("rp 150rb", 150_000),
    ("1,5jt", 1_500_000),
    ("1.5 juta", 1_500_000),
    ("1 jt", 1_000_000),
    ("Rp 1.250.000", 1_250_000),
    ("2.500rb", 2_500_000),
    ("12,5rb", 12_500),
]
QUANTITIES = [
    (("2 lusin", None), (2, "lusin")),
    (("3 lsn", None), (3, "lusin")),
    (("1 kodi", None), (1, "kodi")),
    (("5 kodi", None), (5, "kodi")),
    (("selusin", None), (1, "lusin")),
    (("sekodi", None), (1, "kodi")),
    (("dua lusin", None), (2, "lusin")),
    (("2 lusin (24 pcs)", None), (2, "lusin")),
    (("24 pcs (2 lusin)", None), (24, "pcs")),
    (("100 pcs", None), (100, "pcs")),
    (("100 buah", None), (100, "pcs")),
    (("10 psg", None), (10, "pasang")),
    (("1.200", "pcs"), (1200, "pcs")),
    (("2", "lusin"), (2, "lusin")),
    (("50 kg", None), (50, "kg")),
    (("20 bungkus", None), (20, "pack")),
]
DAYS = [("14", 14), ("14 hari", 14), ("2 minggu", 14), ("seminggu", 7), ("sebulan", 30), ("6 bulan", 180), ("1 tahun", 365), ("dua minggu", 14), ("1,5 bulan", 45)]  # fmt: skip
GRAMS = [("350", 350), ("350 gram", 350), ("180 gr", 180), ("0,5 kg", 500), ("1.2 kg", 1200), ("3 ons", 300)]
WHATSAPP = [
    ("+62 812-3456-7890", "+6281234567890"),
    ("0812 3456 7890", "+6281234567890"),
    ("0812-3456-7890", "+6281234567890"),
    ("(0812) 3456-7890", "+6281234567890"),
    ("6281234567890", "+6281234567890"),
    ("+6281234567890", "+6281234567890"),
    ("https://wa.me/6281234567890", "+6281234567890"),
    ("+60 12-345 6789", "+60123456789"),
]


def test_the_table_holds_at_least_forty_real_notations() -> None:
    assert len(RUPIAH) + len(QUANTITIES) + len(DAYS) + len(GRAMS) + len(WHATSAPP) >= 40


@pytest.mark.parametrize(("written", "value"), RUPIAH)
def test_rupiah(written: str, value: int) -> None:
    assert read_rupiah(written) == value


@pytest.mark.parametrize(("written", "value"), QUANTITIES)
def test_quantities(written: tuple[str, str | None], value: tuple[int, str]) -> None:
    assert read_quantity(written[0], written[1]) == value


def test_a_capacity_may_say_per_month_and_a_minimum_order_may_not() -> None:
    assert read_quantity("150 lusin/bulan", per_month=True) == (150, "lusin")
    assert read_quantity("1.500 pcs per bulan", per_month=True) == (1500, "pcs")
    with pytest.raises(NotationError, match="a minimum order is not per month"):
        read_quantity("2 lusin per bulan")


@pytest.mark.parametrize(("written", "value"), DAYS)
def test_days(written: str, value: int) -> None:
    assert read_days(written) == value


@pytest.mark.parametrize(("written", "value"), GRAMS)
def test_grams(written: str, value: int) -> None:
    assert read_grams(written) == value


@pytest.mark.parametrize(("written", "value"), WHATSAPP)
def test_whatsapp(written: str, value: str) -> None:
    assert read_whatsapp(written) == value


REFUSED: list[tuple[Any, Any, str]] = [
    (read_rupiah, "85.5", "'85.5' is not a whole amount of rupiah — rupiah has no cents; did you mean 85,5rb"),
    (read_rupiah, "85rb/pcs", "'85rb/pcs': write only the amount here (e.g. 85rb) — the unit goes in `unit`"),
    (read_rupiah, "85rb-95rb", "'85rb-95rb' holds two prices — write the lowest in `min` and the highest in `max`"),
    (read_rupiah, "sembilan puluh ribu", "'sembilan puluh ribu' is not an amount of rupiah — write it like 85000"),
    (read_rupiah, "1.2345", "'1.2345' cannot be read as a number — a dot groups thousands"),
    (read_rupiah, "85 ribuan", "'85 ribuan' is not an amount of rupiah"),
    (read_days, "7-14 hari", "'7-14 hari' is a range — write the longest time only, e.g. 14 hari"),
    (read_days, "10 hari kerja", "'10 hari kerja' counts working days — write calendar days, e.g. 14 hari"),
    (read_days, "secepatnya", "'secepatnya' is not a length of time"),
    (read_days, "2,5 minggu", "'2,5 minggu' is not a whole number of days — write it in days, e.g. 18 hari"),
    (read_grams, "1,5 karung", "'1,5 karung' is not a weight"),
    (read_whatsapp, "812 3456 7890", "'812 3456 7890' has no country code — if it is an Indonesian number, write +628123456789"),
    (read_whatsapp, "+62812345", "'+62812345' is too short for an Indonesian number"),
    (read_whatsapp, "WA saya", "'WA saya' is not a WhatsApp number — write the whole number, e.g. +62 812-3456-7890"),
    (read_whatsapp, WrittenInt(62812345, "+62812345"), "'+62812345' is too short"),
]  # fmt: skip


@pytest.mark.parametrize(("reader", "written", "says"), REFUSED)
def test_what_cannot_be_read_is_refused_quoting_the_text_as_written(reader: Any, written: Any, says: str) -> None:
    with pytest.raises(NotationError) as refused:
        reader(written)
    assert says in refused.value.message.en
    assert refused.value.message.id.startswith(says.split(" ", 1)[0].rstrip(":"))  # quoted the same in Indonesian


@pytest.mark.parametrize(
    ("written", "unit", "says"),
    [
        ("2 lusin", "pcs", "'2 lusin' is in lusin, but the unit is pcs — choose the unit lusin, or the amount 24"),
        ("2 lusin (25 pcs)", None, "the amount in brackets does not match (2 lusin = 24 pcs)"),
        ("1,5 lusin", None, "'1,5 lusin' is not a whole number — write a whole amount, e.g. 18 pcs"),
        ("2 karung", None, "unit 'karung' is not known — use pcs, pasang (pair), lusin (12), kodi (20), kg or pack"),
        ("banyak", None, "'banyak' is not a quantity"),
    ],
)
def test_quantities_that_cannot_be_read(written: str, unit: str | None, says: str) -> None:
    with pytest.raises(NotationError) as refused:
        read_quantity(written, unit)
    assert says in refused.value.message.en


def test_a_price_band_on_one_line() -> None:
    assert read_price_band("85rb-95rb/pcs") == {"min": 85_000, "max": 95_000, "unit": "pcs"}
    assert read_price_band("85-95rb per pcs") == {"min": 85_000, "max": 95_000, "unit": "pcs"}
    assert read_price_band("Rp 85.000 s/d 95.000 per lusin") == {"min": 85_000, "max": 95_000, "unit": "lusin"}
    assert read_price_band("Rp 85.000,- – Rp 95.000,- / pcs") == {"min": 85_000, "max": 95_000, "unit": "pcs"}
    with pytest.raises(NotationError, match="does not name the unit"):
        read_price_band("85000")


def test_unit_words_name_the_model_s_units() -> None:
    assert set(UNIT_WORDS) == {u.value for u in Unit}
    assert {str(u): n for u, n in UNIT_PIECES.items()} == PIECES == {"lusin": 12, "kodi": 20}
    assert read_unit("LSN") == "lusin" and read_unit("dozen") == "lusin" and read_unit("karung") == "karung"


def test_masked_whatsapp() -> None:
    assert masked_whatsapp("+6281234567890") == "+62 812-••••-7890"


# --- YAML records read the same notations ------------------------------------------------------------

RECORD = """slug: kardigan
ikm: rajut-contoh
name: {id: Kardigan}
description: {id: Kardigan rajut.}
category: rajut
price:
  min: PRICE_MIN
  max: 95rb
  unit: pcs
moq: MOQ
capacity_per_month: 150 lusin/bulan
lead_time_days: 2 minggu
weight_grams: 0,5 kg
materials: {id: [benang]}
photos:
  - file: kardigan-1.jpg
    alt: {id: Kardigan}
last_verified: 2026-11-01
"""


@pytest.mark.parametrize(("price", "value"), [("85.000", 85_000), ("85rb", 85_000), ("Rp 85.000,-", 85_000)])
def test_a_yaml_record_reads_what_people_write(price: str, value: int) -> None:
    data, _ = parse(RECORD.replace("PRICE_MIN", price).replace("MOQ", "2 lusin").encode())
    product = Product.model_validate(data)
    assert (product.price.min, product.price.max, product.price.unit) == (value, 95_000, Unit.pcs)
    assert (product.moq.quantity, product.moq.unit) == (2, Unit.lusin)
    assert (product.capacity_per_month.quantity, product.capacity_per_month.unit) == (150, Unit.lusin)
    assert (product.lead_time_days, product.weight_grams) == (14, 500)


def test_yaml_keeps_the_text_of_numbers_it_would_change() -> None:
    data, _ = parse(b"a: +6281234567890\nb: 85.000\nc: 6.5\nd: 12\n")
    assert data["a"] == 6281234567890 and data["a"].written == "+6281234567890"
    assert data["b"] == 85.0 and data["b"].written == "85.000"
    assert type(data["c"]) is float and type(data["d"]) is int


def _validate(mini_project: Path, rel: str, old: str, new: str) -> list[str]:
    path = mini_project / rel
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return [p.format("en") for p in pipeline.check(mini_project, TODAY).problems]


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ("  min: 85000", "  min: 150", "price.min: Rp 150 per pcs is below the lowest plausible price in the category rajut"),
        ("moq:\n  quantity: 2\n  unit: kodi", "moq:\n  quantity: 2 lusin\n  unit: pcs", "moq.quantity: '2 lusin' is in lusin, but the unit is pcs"),
        ("moq:\n  quantity: 2\n  unit: kodi", "moq: 5", "moq: '5' has no unit — write e.g. `moq: 5 pcs` or `moq: 5 lusin`"),
        ("moq:\n  quantity: 2\n  unit: kodi\n", "", "moq: is required — add `moq: {quantity: 2, unit: lusin}`"),
        ("price:\n  min: 85000\n  max: 120000\n  unit: pcs", "price: 85000", "price: '85000' does not name the unit — write `price: {min: 85000, max: 95000, unit: pcs}`"),
        ("price:\n  min: 85000\n  max: 120000\n  unit: pcs", "price: {min: 1,5jt, max: 2jt, unit: pcs}", "inside { } a comma separates fields"),
    ],
)  # fmt: skip
def test_yaml_mistakes_get_a_message_with_the_right_form(mini_project: Path, old: str, new: str, says: str) -> None:
    found = _validate(mini_project, "products/rajut-contoh/kardigan.yml", old, new)
    assert any(says in line for line in found), found


def test_an_unquoted_whatsapp_number_is_read_with_its_plus(mini_project: Path) -> None:
    rel = "products/rajut-contoh/ikm.yml"
    assert _validate(mini_project, rel, 'whatsapp: "+6280000000101"', "whatsapp: +6281234567890") == []
    found = _validate(mini_project, rel, "whatsapp: +6281234567890", "whatsapp: +62812345")
    assert found == [
        f"{rel}:15: contacts.whatsapp: '+62812345' is too short for an Indonesian number — check the digits, "
        "e.g. +62 812-3456-7890"
    ]
