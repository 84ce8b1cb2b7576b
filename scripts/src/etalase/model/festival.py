"""A festival with its booths: ``catalog/festivals/<slug>.yml``; a sheet is printed per booth."""

from __future__ import annotations

import datetime as dt

from pydantic import Field, field_validator, model_validator

from etalase.model.fields import (
    Name,
    ShortText,
    Slug,
    Strict,
    Text,
    rule,
)

BOOTH_PATTERN = r"^[A-Z0-9]+(?:-[A-Z0-9]+)*$"
BOOTH_PRODUCTS_MAX = 4  # featured products a printed booth sheet has room for


class Venue(Strict):
    """Where a festival is held."""

    name: ShortText = Field(description="Venue name / nama tempat", examples=["Trans Studio Mall Bandung"])
    city: ShortText = Field(description="City or regency / kota atau kabupaten", examples=["Kota Bandung"])


class FestivalDates(Strict):
    """The first and the last day of a festival."""

    start: dt.date = Field(description="First day YYYY-MM-DD / hari pertama", examples=["2026-06-03"])
    end: dt.date = Field(description="Last day YYYY-MM-DD / hari terakhir", examples=["2026-06-07"])

    @model_validator(mode="after")
    def _ordered(self) -> FestivalDates:
        if self.end < self.start:
            raise rule(
                f"hari terakhir {self.end} sebelum hari pertama {self.start} — periksa kedua tanggal "
                "(mungkin tertukar atau salah tahun)",
                f"the last day {self.end} is before the first day {self.start} — check both dates "
                "(swapped, or a wrong year?)",
                at=("end",),
            )
        return self


class BoothNote(Text):
    """A short bilingual note on a booth sheet (it has room for about two lines)."""

    id: str = Field(min_length=1, max_length=160, description="Note in Indonesian / catatan dalam bahasa Indonesia")
    en: str | None = Field(
        default=None, min_length=1, max_length=160, description="Note in English / catatan dalam bahasa Inggris"
    )


class Booth(Strict):
    """One booth: its number, the IKM in it and the products its printed sheet features."""

    number: str = Field(
        pattern=BOOTH_PATTERN,
        max_length=12,
        description="Booth number: capital letters, digits and dashes / nomor booth: huruf besar, angka, tanda minus",
        examples=["A-01"],
    )
    zone: str = Field(
        min_length=1, max_length=40, description="Hall or zone / hall atau zona", examples=["Atrium Utama"]
    )
    ikm: Slug = Field(description="The IKM in the booth: its folder name in products/ / folder IKM")
    products: list[Slug] | None = Field(
        default=None,
        min_length=1,
        max_length=BOOTH_PRODUCTS_MAX,
        description="Product slugs of that IKM to feature (default: its first products) / produk yang ditampilkan",
        examples=[["kardigan-rajut-oversize"]],
    )
    note: BoothNote | None = Field(default=None, description="A short note on the sheet, e.g. a demo time / catatan")

    @field_validator("number", mode="before")
    @classmethod
    def _number_text(cls, value: object) -> object:
        if isinstance(value, int | float) and not isinstance(value, bool):
            raise rule(
                f"{value} ditulis sebagai angka, sehingga angka nol di depan bisa hilang — tulis nomor booth "
                'dalam tanda kutip persis seperti di denah, mis. number: "07" atau "A-01"',
                f"{value} is written as a number, so a leading zero can be lost — write the booth number "
                'in quotes exactly as on the floor plan, e.g. number: "07" or "A-01"',
            )
        return value

    @model_validator(mode="after")
    def _unique_products(self) -> Booth:
        for index, slug in enumerate(self.products or []):
            if slug in (self.products or [])[:index]:
                raise rule(
                    f"produk '{slug}' tercantum dua kali — hapus salah satunya",
                    f"product '{slug}' is listed twice — keep one",
                    at=("products", index),
                )
        return self


class Festival(Strict):
    """A festival with its booths: ``catalog/festivals/<slug>.yml``; a sheet is printed per booth."""

    slug: Slug = Field(description="Same as the file name / sama dengan nama file")
    name: Name
    organizer: ShortText = Field(
        description="Who runs it / penyelenggara", examples=["Dinas Perdagangan dan Perindustrian Kota Bandung"]
    )
    venue: Venue
    dates: FestivalDates
    booths: list[Booth] = Field(min_length=1, max_length=500)

    @model_validator(mode="after")
    def _unique_booths(self) -> Festival:
        seen: set[str] = set()
        for index, booth in enumerate(self.booths):
            if booth.number in seen:
                raise rule(
                    f"nomor booth {booth.number} sudah dipakai booth lain — beri setiap booth nomor sendiri",
                    f"booth number {booth.number} is already used by another booth — give each booth its own number",
                    at=("booths", index, "number"),
                )
            seen.add(booth.number)
        return self
