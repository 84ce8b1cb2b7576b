"""Does one IKM fit one need? Each criterion met, missed or unknown, with its reason in words.

The criteria, in the order the reasons are shown:

1. category: the IKM makes products of the need's category or is in a sentra of it (else it is
   not considered at all: no reason could make a knitter fit a snack box);
2. processes: each process the need names is among the IKM's processes and machines;
3. certificates: each required certificate is held and valid on the forum's day;
4. capacity: the monthly capacity covers the monthly volume (lusin and kodi counted in pieces;
   kg and pack only against the same unit);
5. price: the IKM's lowest price in the category, per the need's unit, is within or under the
   target band;
6. city: the IKM is in the delivery city (shown when true; never held against an IKM).

A criterion is ``unknown`` when the IKM has not said (no capacity, no priced product, no
processes listed): an IKM fits when nothing is missed, and unknowns are what to ask about.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from etalase.matching import words as w
from etalase.matching.profile import Profile, Source, mentions
from etalase.model import UNIT_PIECES, Category, Certificate, CertificateType, Need, PriceBand, Quantity, Unit
from etalase.model.problems import Msg

COUNTABLE = {Unit.pcs: 1, Unit.pasang: 1, **UNIT_PIECES}  # unit → pieces; kg and pack stay apart


class Status(StrEnum):
    """How an IKM stands against one criterion."""

    met = "met"
    missed = "missed"
    unknown = "unknown"


@dataclass(frozen=True)
class Criterion:
    """One criterion of one need for one IKM, with its reason in both languages."""

    kind: str  # category, process, certificate, capacity, price, city
    status: Status
    reason: Msg


@dataclass(frozen=True)
class Assessment:
    """How one IKM stands against one need."""

    profile: Profile
    criteria: tuple[Criterion, ...]
    coverage: Fraction | None  # capacity ÷ volume, when comparable

    @property
    def missed(self) -> tuple[Criterion, ...]:
        """Return the criteria the IKM misses."""
        return tuple(c for c in self.criteria if c.status is Status.missed)

    @property
    def unknown(self) -> tuple[Criterion, ...]:
        """Return the criteria the IKM has not said enough about."""
        return tuple(c for c in self.criteria if c.status is Status.unknown)

    @property
    def met(self) -> tuple[Criterion, ...]:
        """Return the criteria the IKM meets."""
        return tuple(c for c in self.criteria if c.status is Status.met)

    @property
    def fits(self) -> bool:
        """Return whether the IKM misses nothing."""
        return not self.missed


def assess(need: Need, profile: Profile, category: Category, on: dt.date) -> Assessment | None:
    """Return how ``profile`` stands against ``need`` on the day ``on``; ``None`` for another category."""
    if not profile.makes(need.category):
        return None
    criteria = [_category(profile, category)]
    criteria += _processes(need, profile)
    criteria += _certificates(need, profile, on)
    capacity, coverage = _capacity(need, profile)
    criteria.append(capacity)
    if need.price is not None:
        criteria.append(_price(need, need.price, profile))
    if profile.ikm.location.city.casefold() == need.delivery_city.casefold():
        city = profile.ikm.location.city
        criteria.append(
            Criterion(
                "city",
                Status.met,
                Msg(f"di {city}, kota pengiriman", f"in {city}, where it is delivered"),
            )
        )
    return Assessment(profile, tuple(criteria), coverage)


def _category(profile: Profile, category: Category) -> Criterion:
    count = len(profile.products.get(category.slug, ()))
    name_id, name_en = category.name.get("id"), category.name.get("en")
    if count:
        plural = "" if count == 1 else "s"
        reason = Msg(f"membuat {count} produk {name_id}", f"makes {count} {name_en} product{plural}")
    else:
        reason = Msg(f"di {profile.sentra_name}, sentra {name_id}", f"in {profile.sentra_name}, a {name_en} cluster")
    return Criterion("category", Status.met, reason)


def _processes(need: Need, profile: Profile) -> list[Criterion]:
    if need.processes is None:
        return []
    have = profile.processes()
    criteria = []
    for index, wanted in enumerate(need.processes.id):
        english = need.processes.en[index] if need.processes.en else wanted
        if not have:
            reason = Msg(
                f"belum mencantumkan proses (perlu: {wanted})", f"has not listed its processes (needed: {english})"
            )
            criteria.append(Criterion("process", Status.unknown, reason))
            continue
        found = next((p for p in have if any(mentions(x, y) for x in (wanted, english) for y in p)), None)
        if found:
            criteria.append(Criterion("process", Status.met, Msg(f"punya {found[0]}", f"has {found[1]}")))
        else:
            reason = Msg(f"tidak ada proses {wanted}", f"no {english} among its processes")
            criteria.append(Criterion("process", Status.missed, reason))
    return criteria


def _certificates(need: Need, profile: Profile, on: dt.date) -> list[Criterion]:
    held = profile.certificates(need.category)
    return [_certificate(CertificateType(name), held, on) for name in need.certificates]


def _certificate(
    kind: CertificateType, held: dict[CertificateType, tuple[Certificate, Source]], on: dt.date
) -> Criterion:
    label = w.CERTIFICATES[kind]
    if kind not in held:
        return Criterion("certificate", Status.missed, Msg(f"belum punya {label}", f"no {label} certificate"))
    certificate, source = held[kind]
    where = _source(source)
    expires = certificate.expires
    if expires is None:
        return Criterion("certificate", Status.met, Msg(f"{label} dimiliki{where.id}", f"{label} held{where.en}"))
    day_id, day_en = w.date(expires, "id"), w.date(expires, "en")
    if expires >= on:
        reason = Msg(f"{label} berlaku sampai {day_id}{where.id}", f"{label} valid until {day_en}{where.en}")
        return Criterion("certificate", Status.met, reason)
    reason = Msg(f"{label} habis berlaku {day_id}, sebelum forum", f"{label} expired on {day_en}, before the forum")
    return Criterion("certificate", Status.missed, reason)


def _source(source: Source) -> Msg:
    if source.product is None:
        return Msg("", "")
    name = source.product.name
    return Msg(f", untuk {name.get('id')}", f", for {name.get('en')}")


def comparable(have: Quantity, need: Quantity) -> tuple[int, int] | None:
    """Return (have, need) in one measure: pieces for countable units, else the same unit; or ``None``."""
    if have.unit in COUNTABLE and need.unit in COUNTABLE:
        return have.quantity * COUNTABLE[have.unit], need.quantity * COUNTABLE[need.unit]
    if have.unit == need.unit:
        return have.quantity, need.quantity
    return None


def _capacity(need: Need, profile: Profile) -> tuple[Criterion, Fraction | None]:
    volume = need.volume
    said = profile.capacities(need.category)
    candidates = [
        (Fraction(*pair), quantity, source)
        for quantity, source in said
        if (pair := comparable(quantity, volume)) is not None
    ]
    vol_id, vol_en = w.amount(volume, "id"), w.amount(volume, "en")
    if not candidates:
        if not said:
            return Criterion(
                "capacity", Status.unknown, Msg("kapasitas per bulan belum dicantumkan", "no monthly capacity stated")
            ), None
        unit = said[0][0].unit
        reason = Msg(
            f"kapasitas dalam {w.unit(unit, 'id')} tidak bisa dibandingkan dengan {vol_id} — tanyakan",
            f"capacity in {w.unit(unit, 'en')} cannot be compared with {vol_en} — ask",
        )
        return Criterion("capacity", Status.unknown, reason), None
    coverage, have, source = max(candidates, key=lambda c: c[0])
    where = _source(source)
    have_id, have_en = w.amount(have, "id"), w.amount(have, "en")
    if coverage >= 1:
        reason = Msg(
            f"kapasitas {have_id}/bulan ≥ {vol_id} dibutuhkan{where.id}",
            f"capacity {have_en}/month ≥ {vol_en} needed{where.en}",
        )
        return Criterion("capacity", Status.met, reason), coverage
    share = int(coverage * 100)
    reason = Msg(
        f"kapasitas {have_id}/bulan baru {share}% dari {vol_id}{where.id}",
        f"capacity {have_en}/month covers {share}% of {vol_en}{where.en}",
    )
    return Criterion("capacity", Status.missed, reason), coverage


def _price(need: Need, target: PriceBand, profile: Profile) -> Criterion:
    lowest: Fraction | None = None
    for band, _product in profile.prices(need.category):
        per = _per_unit(band.min, band.unit, target.unit)
        if per is not None and (lowest is None or per < lowest):
            lowest = per
    if lowest is None:
        reason = Msg(
            f"belum ada harga per {w.unit(target.unit, 'id')} untuk dibandingkan",
            f"no price per {w.unit(target.unit, 'en', one=True)} to compare",
        )
        return Criterion("price", Status.unknown, reason)
    shown = round(lowest)
    price_id, price_en = w.idr_band(shown, shown, target.unit, "id"), w.idr_band(shown, shown, target.unit, "en")
    band_id = w.idr_band(target.min, target.max, target.unit, "id")
    band_en = w.idr_band(target.min, target.max, target.unit, "en")
    if lowest <= target.max:
        reason = Msg(f"harga mulai {price_id}, sasaran {band_id}", f"prices from {price_en}, target {band_en}")
        return Criterion("price", Status.met, reason)
    reason = Msg(
        f"harga terendah {price_id} di atas sasaran {band_id}",
        f"lowest price {price_en} is above the target {band_en}",
    )
    return Criterion("price", Status.missed, reason)


def _per_unit(price: int, unit: Unit, target: Unit) -> Fraction | None:
    """Return ``price`` per ``unit`` as a price per ``target`` unit, or ``None`` when not comparable."""
    if unit == target:
        return Fraction(price)
    if unit in COUNTABLE and target in COUNTABLE:
        return Fraction(price, COUNTABLE[unit]) * COUNTABLE[target]
    return None
