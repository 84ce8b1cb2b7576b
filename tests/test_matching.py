"""Matching needs to IKMs: each criterion met, missed or unknown, with its reason in words; edge cases.

Profiles are built from records made here (no files), so each case shows exactly what decides it.
"""

from __future__ import annotations

import datetime as dt
import random

import pytest

from etalase.matching import Status, assess, match_need
from etalase.matching import words as w
from etalase.matching.fit import comparable
from etalase.matching.profile import Profile, folded, mentions
from etalase.model import Capabilities, Category, Ikm, Need, Product, Quantity, Unit

DAY = dt.date(2026, 11, 12)
KNIT = Category.model_validate(
    {"slug": "rajut", "name": {"id": "Rajut", "en": "Knitwear"}, "description": {"id": "Rajut."}}
)


def ikm(
    slug: str = "rajut-a", name: str = "Rajut A", city: str = "Kota Bandung", capabilities: dict | None = None
) -> Ikm:
    data = {
        "slug": slug,
        "name": name,
        "sentra": "binong-jati",
        "location": {"kecamatan": "Batununggal", "city": city},
        "founded": 2000,
        "workers": 5,
        "nib": "9120001234567",
        "contacts": {"whatsapp": "+6280000000101"},
        "last_verified": "2026-11-01",
    }
    if capabilities is not None:
        data["capabilities"] = capabilities
    return Ikm.model_validate(data)


def product(
    slug: str = "kardigan",
    category: str = "rajut",
    price=(85000, 120000, "pcs"),
    capacity=(100, "lusin"),
    certificates=(),
) -> Product:
    return Product.model_validate(
        {
            "slug": slug,
            "ikm": "rajut-a",
            "name": {"id": f"Produk {slug}", "en": f"Product {slug}"},
            "description": {"id": "Contoh."},
            "category": category,
            "price": {"min": price[0], "max": price[1], "unit": price[2]},
            "moq": {"quantity": 1, "unit": "lusin"},
            "capacity_per_month": {"quantity": capacity[0], "unit": capacity[1]},
            "lead_time_days": 14,
            "materials": {"id": ["benang"]},
            "certificates": list(certificates),
            "photos": [{"file": "a.jpg", "alt": {"id": "foto"}}],
            "last_verified": "2026-11-01",
        }
    )


def profile(record: Ikm | None = None, products: tuple[Product, ...] = (), sentra_category: str = "rajut") -> Profile:
    grouped: dict[str, list[Product]] = {}
    for p in products:
        grouped.setdefault(p.category, []).append(p)
    return Profile(
        record or ikm(), "Sentra Rajut Binong Jati", sentra_category, {k: tuple(v) for k, v in grouped.items()}
    )


def need(**changes) -> Need:
    data = {
        "slug": "rompi",
        "what": {"id": "Rompi rajut", "en": "Knitted vests"},
        "category": "rajut",
        "specification": {"id": "Rompi abu-abu."},
        "volume": {"quantity": 50, "unit": "lusin"},
        "delivery_city": "Kota Bandung",
    }
    data.update(changes)
    return Need.model_validate(data)


def criteria(found, kind: str):
    return [c for c in found.criteria if c.kind == kind]


# --- category ----------------------------------------------------------------------------


def test_another_category_is_not_considered_at_all() -> None:
    assert assess(need(category="makanan"), profile(products=(product(),)), KNIT, DAY) is None


def test_a_sentra_of_the_category_counts_without_products() -> None:
    found = assess(need(), profile(), KNIT, DAY)
    assert found is not None
    reason = criteria(found, "category")[0].reason
    assert reason.id == "di Sentra Rajut Binong Jati, sentra Rajut"
    assert reason.en == "in Sentra Rajut Binong Jati, a Knitwear cluster"


# --- certificates on the forum's day ----------------------------------------------------------


@pytest.mark.parametrize(
    ("expires", "status", "english"),
    [
        ("2027-03-31", Status.met, "SNI valid until 31 Mar 2027"),
        ("2026-11-12", Status.met, "SNI valid until 12 Nov 2026"),  # valid on the day itself
        ("2026-11-11", Status.missed, "SNI expired on 11 Nov 2026, before the forum"),
        (None, Status.met, "SNI held"),
    ],
)
def test_a_certificate_counts_when_valid_on_the_forum_day(expires: str | None, status: Status, english: str) -> None:
    certificate = {"type": "sni", "number": "S-1"} | ({"expires": expires} if expires else {})
    record = ikm(capabilities={"certificates": [certificate]})
    found = assess(need(certificates=["sni"]), profile(record), KNIT, DAY)
    assert found is not None
    (criterion,) = criteria(found, "certificate")
    assert (criterion.status, criterion.reason.en) == (status, english)


def test_a_product_certificate_counts_in_its_own_category_only() -> None:
    halal = [{"type": "halal", "number": "H-1"}]
    food = product(
        "keripik", category="makanan", price=(12000, 15000, "pack"), capacity=(3000, "pack"), certificates=halal
    )
    found = assess(need(certificates=["halal"]), profile(products=(product(), food)), KNIT, DAY)
    assert found is not None
    assert [(c.status, c.reason.id) for c in criteria(found, "certificate")] == [(Status.missed, "belum punya Halal")]


def test_the_longest_lasting_certificate_is_the_one_said() -> None:
    record = ikm(capabilities={"certificates": [{"type": "sni", "number": "S-1", "expires": "2027-01-01"}]})
    later = product(certificates=[{"type": "sni", "number": "S-2", "expires": "2029-05-20"}])
    found = assess(need(certificates=["sni"]), profile(record, (later,)), KNIT, DAY)
    assert found is not None
    assert criteria(found, "certificate")[0].reason.id == "SNI berlaku sampai 20 Mei 2029, untuk Produk kardigan"


# --- capacity in pieces ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("have", "wanted", "status", "english"),
    [
        (
            (150, "lusin"),
            (100, "lusin"),
            Status.met,
            "capacity 150 dozen (1,800 pcs)/month ≥ 100 dozen (1,200 pcs) needed",
        ),
        ((1000, "pcs"), (100, "lusin"), Status.missed, "capacity 1,000 pcs/month covers 83% of 100 dozen (1,200 pcs)"),
        ((60, "kodi"), (1200, "pcs"), Status.met, "capacity 60 scores (1,200 pcs)/month ≥ 1,200 pcs needed"),
        ((500, "pasang"), (40, "lusin"), Status.met, "capacity 500 pairs/month ≥ 40 dozen (480 pcs) needed"),
        ((300, "kg"), (200, "kg"), Status.met, "capacity 300 kg/month ≥ 200 kg needed"),
        ((300, "kg"), (200, "pcs"), Status.unknown, "capacity in kg cannot be compared with 200 pcs — ask"),
    ],
)
def test_capacity_against_volume(have, wanted, status: Status, english: str) -> None:
    record = ikm(capabilities={"capacity": {"quantity": have[0], "unit": have[1]}})
    found = assess(need(volume={"quantity": wanted[0], "unit": wanted[1]}), profile(record), KNIT, DAY)
    assert found is not None
    (criterion,) = criteria(found, "capacity")
    assert (criterion.status, criterion.reason.en) == (status, english)


def test_without_a_stated_capacity_it_is_unknown_not_missed() -> None:
    found = assess(need(), profile(), KNIT, DAY)
    assert found is not None and found.fits
    (criterion,) = criteria(found, "capacity")
    assert (criterion.status, criterion.reason.id) == (Status.unknown, "kapasitas per bulan belum dicantumkan")


def test_the_business_capacity_speaks_before_its_products() -> None:
    record = ikm(capabilities={"capacity": {"quantity": 10, "unit": "lusin"}})
    found = assess(need(), profile(record, (product(capacity=(900, "lusin")),)), KNIT, DAY)
    assert found is not None and criteria(found, "capacity")[0].status is Status.missed


def test_comparable_units() -> None:
    assert comparable(Quantity(quantity=2, unit=Unit.kodi), Quantity(quantity=3, unit=Unit.lusin)) == (40, 36)
    assert comparable(Quantity(quantity=2, unit=Unit.pack), Quantity(quantity=3, unit=Unit.kg)) is None


# --- price per the need's unit ---------------------------------------------------------------


def test_a_price_per_lusin_is_compared_per_piece() -> None:
    found = assess(
        need(price={"min": 5000, "max": 8000, "unit": "pcs"}),
        profile(products=(product(price=(72000, 96000, "lusin")),)),
        KNIT,
        DAY,
    )
    assert found is not None
    (criterion,) = criteria(found, "price")
    assert criterion.status is Status.met
    assert criterion.reason.id == "harga mulai Rp 6.000/pcs, sasaran Rp 5.000–8.000/pcs"


def test_a_price_above_the_target_is_missed_and_said_how_much() -> None:
    found = assess(need(price={"min": 40000, "max": 70000, "unit": "pcs"}), profile(products=(product(),)), KNIT, DAY)
    assert found is not None and not found.fits
    assert [c.reason.en for c in found.missed] == [
        "lowest price IDR 85,000/pcs is above the target IDR 40,000–70,000/pcs"
    ]


def test_a_price_in_another_measure_cannot_be_compared() -> None:
    found = assess(need(price={"min": 40000, "max": 70000, "unit": "kg"}), profile(products=(product(),)), KNIT, DAY)
    assert found is not None
    assert [(c.status, c.reason.en) for c in criteria(found, "price")] == [
        (Status.unknown, "no price per kg to compare")
    ]


# --- processes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("wanted", "process", "expected"),
    [
        ("bordir", "bordir komputer", True),
        ("rajut komputer", "mesin rajut komputer", True),
        ("Rajut", "rajutan tangan", True),
        ("DTF", "sablon DTF", True),
        ("rajut", "sablon", False),
        ("rajut komputer", "mesin rajut manual", False),
        ("", "apa saja", False),
        ("sablón", "Sablon plastisol", True),
    ],
)
def test_a_process_is_named_when_each_wanted_word_begins_a_word(wanted: str, process: str, expected: bool) -> None:
    assert mentions(wanted, process) is expected


def test_words_are_folded_without_case_accents_or_punctuation() -> None:
    assert folded("Sablon DTF/Plastisol, Bordir-Komputer") == ["sablon", "dtf", "plastisol", "bordir", "komputer"]


def test_processes_met_missed_and_unknown_in_both_languages() -> None:
    wanted = {"id": ["rajut komputer", "bordir"], "en": ["computerised knitting", "embroidery"]}
    capabilities = {
        "processes": {"id": ["mesin rajut komputer", "linking"], "en": ["computerised knitting machines", "linking"]}
    }
    found = assess(need(processes=wanted), profile(ikm(capabilities=capabilities)), KNIT, DAY)
    assert found is not None
    assert [(c.status, c.reason.id, c.reason.en) for c in criteria(found, "process")] == [
        (Status.met, "punya mesin rajut komputer", "has computerised knitting machines"),
        (Status.missed, "tidak ada proses bordir", "no embroidery among its processes"),
    ]
    silent = assess(need(processes=wanted), profile(), KNIT, DAY)
    assert silent is not None and {c.status for c in criteria(silent, "process")} == {Status.unknown}


# --- ranking --------------------------------------------------------------------------------


def _pool() -> list[Profile]:
    big = {"capacity": {"quantity": 500, "unit": "lusin"}}
    small = {"capacity": {"quantity": 20, "unit": "lusin"}}
    return [
        profile(ikm("b-besar", "B Besar", capabilities=big)),
        profile(ikm("a-besar", "A Besar", city="Kota Cimahi", capabilities=big)),
        profile(ikm("c-tanpa", "C Tanpa Kapasitas")),
        profile(ikm("d-kecil", "D Kecil", capabilities=small)),
        profile(ikm("e-pas", "E Pas", capabilities={"capacity": {"quantity": 50, "unit": "lusin"}})),
        profile(
            ikm("f-jauh", "F Jauh", capabilities=small | {"certificates": [{"type": "hki", "number": "x"}]}),
            sentra_category="fesyen",
        ),
    ]


def test_fits_are_ranked_and_near_misses_say_what_they_lack() -> None:
    fits, near = match_need(need(), _pool(), KNIT, DAY)
    assert [a.profile.slug for a in fits] == ["b-besar", "a-besar", "e-pas", "c-tanpa"]
    assert [a.profile.slug for a in near] == ["d-kecil"]
    assert [c.reason.en for c in near[0].missed] == [
        "capacity 20 dozen (240 pcs)/month covers 40% of 50 dozen (600 pcs)"
    ]


def test_the_ranking_does_not_depend_on_the_order_of_the_ikms() -> None:
    pool = _pool()
    first = match_need(need(), pool, KNIT, DAY)
    for seed in range(5):
        random.Random(seed).shuffle(pool)
        assert match_need(need(), pool, KNIT, DAY) == first


def test_more_than_two_missed_criteria_is_no_near_miss() -> None:
    record = ikm(capabilities={"capacity": {"quantity": 1, "unit": "lusin"}})
    strict = need(certificates=["sni", "halal"], price={"min": 1000, "max": 2000, "unit": "pcs"})
    fits, near = match_need(strict, [profile(record, (product(),))], KNIT, DAY)
    assert fits == () and near == ()


# --- words ---------------------------------------------------------------------------------------


def test_numbers_and_amounts_are_written_in_each_language() -> None:
    assert (w.number(1800, "id"), w.number(1800, "en")) == ("1.800", "1,800")
    assert w.amount(Quantity(quantity=3, unit=Unit.kodi), "id") == "3 kodi (60 pcs)"
    assert w.amount(Quantity(quantity=2, unit=Unit.pasang), "en") == "2 pairs"
    assert w.idr_band(60000, 90000, Unit.pasang, "en") == "IDR 60,000–90,000/pair"
    assert w.date(dt.date(2027, 8, 17), "id") == "17 Agu 2027"


def test_capabilities_default_to_empty() -> None:
    assert profile().capabilities == Capabilities()
