"""A maker (IKM): ``products/<ikm-slug>/ikm.yml``, with where it is and how buyers reach it."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import Field, field_validator

from etalase.model.fields import (
    EMAIL_PATTERN,
    INSTAGRAM_PATTERN,
    LANGUAGE_PATTERN,
    NIB_PATTERN,
    WHATSAPP_PATTERN,
    HttpUrl,
    Photo,
    ShortText,
    Slug,
    Strict,
    Text,
    Whole,
    rule,
)


class Location(Strict):
    """Where an IKM is, only at the level it chose to show (never a street address)."""

    kelurahan: ShortText | None = Field(default=None, description="Village (optional) / kelurahan")
    kecamatan: ShortText = Field(description="District / kecamatan")
    city: ShortText = Field(description="City or regency / kota atau kabupaten", examples=["Kota Bandung"])


class Marketplace(Strict):
    """A shop on a marketplace."""

    name: ShortText = Field(examples=["Tokopedia"], description="Marketplace / nama marketplace")
    url: HttpUrl


class Contacts(Strict):
    """How buyers reach the IKM."""

    whatsapp: str = Field(
        pattern=WHATSAPP_PATTERN,
        description="WhatsApp in international form / nomor WhatsApp format internasional",
        examples=["+6281234567890"],
    )
    instagram: str | None = Field(
        default=None,
        pattern=INSTAGRAM_PATTERN,
        description="Instagram handle without @ / akun Instagram tanpa @",
        examples=["rajutsinar"],
    )
    marketplaces: list[Marketplace] = Field(
        default_factory=list, max_length=10, description="Marketplace shops / toko di marketplace"
    )
    email: str | None = Field(
        default=None, pattern=EMAIL_PATTERN, max_length=200, examples=["halo@contoh.id"], description="E-mail / surel"
    )
    website: HttpUrl | None = Field(
        default=None, examples=["https://rajutsinar.example.com"], description="Website / situs web"
    )

    @field_validator("whatsapp", mode="before")
    @classmethod
    def _whatsapp_international(cls, value: object) -> object:
        if isinstance(value, str) and re.fullmatch(r"0\d{8,13}", value.replace(" ", "").replace("-", "")):
            digits = value.replace(" ", "").replace("-", "")
            raise rule(
                f"tulis nomor dalam format internasional — +62{digits[1:]}, bukan {value}",
                f"write the number in international form — +62{digits[1:]} instead of {value}",
            )
        return value


class Ikm(Strict):
    """A maker: ``products/<ikm-slug>/ikm.yml``."""

    slug: Slug = Field(description="Same as the folder name / sama dengan nama folder")
    name: ShortText = Field(description="Business name / nama usaha")
    sentra: Slug = Field(
        description="Cluster (sentra): the one it belongs to, a file in sentra/ / sentra: tempat usaha ini (file di sentra/)",
        examples=["binong-jati"],
    )
    about: Text | None = Field(default=None, description="A few sentences about the business / tentang usaha")
    location: Location = Field(
        description="Where the IKM is, only at the level it chooses to show (never a street address) / "
        "lokasi, setingkat yang ingin ditampilkan (bukan alamat jalan)"
    )
    founded: Whole = Field(examples=[2009], ge=1900, le=2100, description="Year founded / tahun berdiri")
    workers: Whole = Field(examples=[12], ge=1, le=100_000, description="Number of workers / jumlah tenaga kerja")
    nib: str = Field(
        pattern=NIB_PATTERN, description="NIB, 13 digits / Nomor Induk Berusaha", examples=["9120001234567"]
    )
    contacts: Contacts = Field(description="How buyers reach the IKM / kontak untuk pembeli")
    languages: list[Annotated[str, Field(pattern=LANGUAGE_PATTERN, examples=["id"])]] = Field(
        default=["id"],  # a default, not a factory, so the JSON Schema (and the add-a-product form) shows it
        max_length=10,
        description="Languages spoken, ISO codes: id, en, su, jv / bahasa yang dilayani (kode ISO)",
    )
    logo: Photo | None = Field(
        default=None, description="Logo or a photo of the workshop / logo atau foto tempat usaha"
    )
    last_verified: dt.date = Field(description="When the data was last checked / terakhir diperiksa")

    @field_validator("nib", mode="before")
    @classmethod
    def _nib_string(cls, value: object) -> object:
        if isinstance(value, int):
            raise rule(
                'tulis NIB dalam tanda kutip agar tidak ada angka yang hilang — nib: "9120001234567"',
                'write the NIB in quotes so no digit is lost — nib: "9120001234567"',
            )
        return value
