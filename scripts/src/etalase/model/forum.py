"""A business forum (*temu usaha*): ``catalog/forums/<slug>.yml``.

Large firms (*mitra industri*) state what they want to source (their needs); IKMs of the
catalogue take part; meetings between them are requested, scheduled into slots at the firms'
tables, and after the forum its outcomes (letters of intent, orders) are recorded.

Rules inside one value live here (a time written as a time, a band in order). Everything that
relates two parts of the file or the file to other records (a slot past the forum's end, an
unknown IKM, two meetings at one table) is checked in ``check/forums.py``, so that every such
problem is reported at once, each at its own line.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated

from pydantic import BeforeValidator, Field, model_validator

from etalase.model.capabilities import Processes
from etalase.model.festival import Venue
from etalase.model.fields import (
    Name,
    PriceBand,
    Quantity,
    ShortText,
    Slug,
    Strict,
    Text,
    WhatsApp,
    Whole,
    rule,
)

TIME_PATTERN = r"^([01]\d|2[0-3]):[0-5]\d$"
SLOTS_MAX = 12  # an agenda lists every slot, each with a QR code, on one A4 page
PRIORITIES = (1, 2, 3)  # 1 = most wanted
_CLOCK = re.compile(r"(\d{1,2})[.:](\d{2})")


def _clock(value: object) -> object:
    """Read ``09:00`` or ``09.00`` as ``09:00``; refuse what YAML turned into a number."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int):  # YAML 1.1 reads 9:30 as 570 (minutes, base 60)
        hours, minutes = divmod(value, 60)
        shown = f"{hours:02d}:{minutes:02d}" if 0 <= hours < 24 else "09:30"
        raise rule(
            f'jam tanpa tanda kutip dibaca YAML sebagai angka {value} — tulis dalam tanda kutip: "{shown}"',
            f'a time without quotes is read by YAML as the number {value} — write it in quotes: "{shown}"',
        )
    if isinstance(value, float):  # 08.30 is the number 8.3: the minutes are lost
        raise rule(
            f'{value} dibaca sebagai angka, menitnya bisa hilang — tulis jam dalam tanda kutip, mis. "08:30"',
            f'{value} is read as a number, so the minutes can be lost — write the time in quotes, e.g. "08:30"',
        )
    if isinstance(value, str) and (match := _CLOCK.fullmatch(value.strip())):
        return f"{int(match[1]):02d}:{match[2]}"
    return value


ClockTime = Annotated[
    str,
    BeforeValidator(_clock),
    Field(
        pattern=TIME_PATTERN,
        description="Time of day, 24 hours, in quotes / jam (24 jam) dalam tanda kutip",
        examples=["09:00"],
    ),
]


def minutes(time: str) -> int:
    """Return a ``HH:MM`` time as minutes after midnight."""
    hours, mins = time.split(":")
    return int(hours) * 60 + int(mins)


class ForumText(Text):
    """A bilingual text of a forum short enough for two lines of an agenda and a WhatsApp message."""

    id: str = Field(min_length=1, max_length=600, description="In Indonesian / dalam bahasa Indonesia")
    en: str | None = Field(default=None, min_length=1, max_length=600, description="In English / dalam bahasa Inggris")


class Hours(Strict):
    """When the forum opens and closes on its day."""

    start: ClockTime = Field(description="Opening time / jam mulai", examples=["08:30"])
    end: ClockTime = Field(description="Closing time / jam selesai", examples=["15:00"])

    @model_validator(mode="after")
    def _ordered(self) -> Hours:
        if minutes(self.end) <= minutes(self.start):
            raise rule(
                f"jam selesai {self.end} tidak setelah jam mulai {self.start} — periksa kedua jam",
                f"the closing time {self.end} is not after the opening time {self.start} — check both times",
                at=("end",),
            )
        return self


class Facilitator(Strict):
    """The organiser's contact who answers IKMs about the needs (the needs board's WhatsApp button)."""

    name: ShortText = Field(description="Name and office / nama dan bidang", examples=["Ibu Rina, Bidang Industri"])
    whatsapp: WhatsApp = Field(
        description="WhatsApp number / nomor WhatsApp",
        examples=["+6281234567890"],
    )


class Need(Strict):
    """What a firm wants to source from IKMs."""

    slug: Slug = Field(description="Short name, unique within the firm / nama pendek", examples=["seragam-kerja"])
    what: Name = Field(description="What is sourced / yang dicari")
    category: Slug = Field(
        description="A category from catalog/categories.yml / kategori dari catalog/categories.yml", examples=["fesyen"]
    )
    specification: ForumText = Field(description="Specification: material, size, finish / spesifikasi")
    processes: Processes | None = Field(
        default=None,
        description="Processes the maker must have, as words found in IKMs' processes, e.g. bordir / "
        "proses yang harus dimiliki pembuat",
    )
    certificates: list[Annotated[str, Field(min_length=1, max_length=40, examples=["halal"])]] = Field(
        default_factory=list,
        max_length=10,
        description="Certificates required, as named in catalog/certificates.yml (sni, halal, …) / sertifikat wajib",
    )
    volume: Quantity = Field(description="Volume per month with its unit / volume per bulan")
    price: PriceBand | None = Field(default=None, description="Target price band per unit / kisaran harga sasaran")
    delivery_city: ShortText = Field(description="Where it is delivered / kota pengiriman", examples=["Kab. Bekasi"])
    open: bool = Field(default=True, description="Still looking for makers / masih mencari pembuat (false: terisi)")


class Firm(Strict):
    """A large firm (*mitra industri*) taking part, with its table and its needs."""

    slug: Slug = Field(description="Short name, unique in the forum / nama pendek", examples=["pt-sinar-otomotif"])
    name: ShortText = Field(description="Company name / nama perusahaan")
    illustrative: bool = Field(default=False, description="An invented firm of the sample / perusahaan contoh")
    sector: Name = Field(description="Sector / sektor industri")
    city: ShortText = Field(description="City or regency / kota atau kabupaten", examples=["Kabupaten Bekasi"])
    table: Whole | None = Field(
        default=None, ge=1, le=200, description="Table number it asks for (default: given in order) / nomor meja"
    )
    available: list[ClockTime] | None = Field(
        default=None,
        min_length=1,
        max_length=SLOTS_MAX,
        description="Slots it is present in (default: all) / slot kehadiran (bawaan: semua)",
    )
    needs: list[Need] = Field(min_length=1, max_length=20, description="What it wants to source / kebutuhan")


class Request(Strict):
    """A meeting asked for between a firm and an IKM."""

    firm: Slug = Field(description="The firm's slug in this forum / slug perusahaan")
    ikm: Slug = Field(description="The IKM's folder name / folder IKM")
    need: Slug | None = Field(default=None, description="Which need it is about / kebutuhan yang dibahas")
    priority: Whole = Field(default=2, ge=1, le=3, description="1 (most wanted) to 3 / prioritas 1 (utama) sampai 3")


class Meeting(Strict):
    """One meeting of the schedule (written by ``etalase forum schedule``)."""

    slot: ClockTime = Field(description="Start of the slot / jam mulai slot")
    table: Whole = Field(ge=1, le=200, description="Table number / nomor meja")
    firm: Slug = Field(description="The firm's slug in this forum / slug perusahaan")
    ikm: Slug = Field(description="The IKM's folder name / folder IKM")
    need: Slug | None = Field(default=None, description="Which need it is about / kebutuhan yang dibahas")


class OutcomeKind(StrEnum):
    """What a meeting led to."""

    loi = "loi"  # letter of intent
    order = "order"  # a purchase order or contract


class Outcome(Strict):
    """What came of the forum: a letter of intent or an order between a firm and an IKM."""

    firm: Slug = Field(description="The firm's slug in this forum / slug perusahaan")
    ikm: Slug = Field(description="The IKM's folder name / folder IKM")
    need: Slug | None = Field(default=None, description="Which need it is for / untuk kebutuhan apa")
    kind: OutcomeKind = Field(description="loi (letter of intent) or order / loi (surat minat) atau order")
    value: Whole | None = Field(
        default=None, ge=1, le=1_000_000_000_000, description="Value in rupiah / nilai (rupiah)", examples=[150000000]
    )
    note: ForumText | None = Field(default=None, description="A short note / catatan singkat")


class Forum(Strict):
    """A business forum: ``catalog/forums/<slug>.yml``."""

    slug: Slug = Field(description="Same as the file name / sama dengan nama file")
    name: Name
    about: ForumText | None = Field(default=None, description="What the forum is for / tentang forum")
    organizer: ShortText = Field(
        description="Who runs it / penyelenggara", examples=["Dinas Perdagangan dan Perindustrian Kota Bandung"]
    )
    facilitator: Facilitator = Field(description="Who IKMs contact about the needs / fasilitator")
    venue: Venue
    date: dt.date = Field(description="The forum's day YYYY-MM-DD / tanggal", examples=["2026-11-12"])
    hours: Hours = Field(description="Opening and closing time / jam buka dan tutup")
    slot_minutes: Whole = Field(ge=5, le=120, description="Length of a meeting in minutes / lama satu pertemuan")
    slots: list[ClockTime] = Field(
        min_length=1, max_length=SLOTS_MAX, description="Start of each meeting slot / jam mulai tiap slot"
    )
    tables: Whole = Field(ge=1, le=200, description="Number of meeting tables / jumlah meja")
    firms: list[Firm] = Field(min_length=1, max_length=60, description="Large firms taking part / mitra industri")
    ikms: list[Slug] = Field(
        min_length=1, max_length=300, description="IKMs taking part, by folder name / IKM peserta (nama folder)"
    )
    requests: list[Request] = Field(default_factory=list, max_length=2000, description="Meetings asked for")
    schedule: list[Meeting] = Field(
        default_factory=list, max_length=3200, description="Written by `etalase forum schedule` / jadwal"
    )
    outcomes: list[Outcome] = Field(
        default_factory=list, max_length=2000, description="LoIs and orders after the forum / hasil forum"
    )

    def firm(self, slug: str) -> Firm | None:
        """Return the firm called ``slug`` in this forum, or ``None``."""
        return next((f for f in self.firms if f.slug == slug), None)
