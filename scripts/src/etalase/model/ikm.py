"""A maker (IKM): ``products/<ikm-slug>/ikm.yml``, with where it is and how buyers reach it."""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from pydantic import BeforeValidator, ConfigDict, Field, field_validator

from etalase.model.capabilities import Capabilities
from etalase.model.fields import (
    EMAIL_PATTERN,
    GITHUB_PATTERN,
    INSTAGRAM_PATTERN,
    LANGUAGE_PATTERN,
    NIB_PATTERN,
    HttpUrl,
    Photo,
    ShortText,
    Slug,
    Strict,
    Text,
    WhatsApp,
    Whole,
    rule,
)


def github_login(value: Any) -> Any:
    """Return a GitHub account as written (``@dewi``, ``https://github.com/dewi``) as its bare name."""
    if not isinstance(value, str):
        return value
    name = re.sub(r"^(?:https?://)?(?:www\.)?github\.com/", "", value.strip()).strip("/")
    return name.removeprefix("@")


GitHubAccount = Annotated[
    str,
    BeforeValidator(github_login),
    Field(
        pattern=GITHUB_PATTERN,
        max_length=39,
        description="A GitHub user name / nama akun GitHub",
        examples=["dewi-rajut"],
    ),
]


class Location(Strict):
    """Where an IKM is, only at the level it chose to show (never a street address)."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"kelurahan": "Binong", "kecamatan": "Batununggal", "city": "Kota Bandung"}]}
    )

    kelurahan: ShortText | None = Field(default=None, description="Village (optional) / kelurahan")
    kecamatan: ShortText = Field(description="District / kecamatan")
    city: ShortText = Field(description="City or regency / kota atau kabupaten", examples=["Kota Bandung"])


class Marketplace(Strict):
    """A shop on a marketplace."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"name": "Tokopedia", "url": "https://www.tokopedia.com/rajutsinar"}]}
    )

    name: ShortText = Field(examples=["Tokopedia"], description="Marketplace / nama marketplace")
    url: HttpUrl


class Contacts(Strict):
    """How buyers reach the IKM."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"whatsapp": "+62 812-3456-7890"}]})

    whatsapp: WhatsApp = Field(
        description="WhatsApp number / nomor WhatsApp",
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
    nib: str | None = Field(
        default=None,
        pattern=NIB_PATTERN,
        description="NIB, 13 digits, if the business has one / Nomor Induk Berusaha (jika ada)",
        examples=["9120001234567"],
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
    capabilities: Capabilities | None = Field(
        default=None,
        description="What the business can make: processes and machines, materials, monthly capacity, "
        "certificates / kemampuan produksi: proses dan mesin, bahan, kapasitas per bulan, sertifikat",
    )
    github_accounts: list[GitHubAccount] = Field(
        default_factory=list,
        max_length=20,
        description="GitHub accounts that speak for the business: changes to its folder from other "
        "accounts wait for their confirmation / akun GitHub yang mewakili usaha",
        examples=[["dewi-rajut"]],
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
