"""An industry cluster: ``sentra/<slug>.yml``."""

from __future__ import annotations

import datetime as dt

from pydantic import ConfigDict, Field

from etalase.model.fields import (
    EMAIL_PATTERN,
    Photo,
    ShortText,
    Slug,
    Strict,
    Text,
    TextList,
    Whole,
)


class Coordinates(Strict):
    """A point in Indonesia, in decimal degrees."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"lat": -6.9175, "lon": 107.6191}]})

    lat: float = Field(ge=-11.5, le=6.5, description="Latitude, e.g. -6.92 / lintang", examples=[-6.9175])
    lon: float = Field(ge=94.5, le=141.5, description="Longitude, e.g. 107.62 / bujur", examples=[107.6191])


class Office(Strict):
    """The office that looks after a sentra."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"name": "Disdagin Kota Bandung"}]})

    name: ShortText = Field(description="Office name / nama kantor")
    phone: str | None = Field(
        default=None, pattern=r"^\+?[0-9 ()-]{6,20}$", examples=["+62 22 4230 000"], description="Phone / telepon"
    )
    email: str | None = Field(default=None, pattern=EMAIL_PATTERN, max_length=200, description="E-mail / surel")
    address: ShortText | None = Field(default=None, description="Address / alamat")


class Sentra(Strict):
    """An industry cluster: ``sentra/<slug>.yml`` with photos beside it."""

    slug: Slug = Field(description="Same as the file name / sama dengan nama file")
    name: ShortText = Field(examples=["Sentra Rajut Binong Jati"], description="Sentra name / nama sentra")
    also_known_as: ShortText | None = Field(
        default=None, examples=["Kampoeng Rajut"], description="Other name / nama lain"
    )
    city: ShortText = Field(description="City or regency / kota atau kabupaten", examples=["Kota Bandung"])
    kecamatan: ShortText = Field(description="District / kecamatan")
    kelurahan: ShortText = Field(description="Village / kelurahan")
    coordinates: Coordinates = Field(description="Where it is on the map / titik di peta")
    category: Slug = Field(description="Main category from catalog/categories.yml / kategori utama")
    description: Text = Field(description="About the sentra / tentang sentra")
    ikm_units: Whole = Field(examples=[290], ge=1, le=100_000, description="Number of IKM units / jumlah unit usaha")
    workers: Whole = Field(examples=[12], ge=1, le=1_000_000, description="Number of workers / jumlah tenaga kerja")
    established: Whole = Field(examples=[1965], ge=1800, le=2100, description="Year the sentra began / tahun mulai")
    specialities: TextList = Field(description="What it is known for / produk unggulan")
    how_to_visit: Text = Field(description="How to get there / cara berkunjung")
    contact_office: Office = Field(description="The office that looks after it / kantor pembina")
    photos: list[Photo] = Field(default_factory=list, max_length=12)
    last_verified: dt.date = Field(description="When the data was last checked / terakhir diperiksa")
