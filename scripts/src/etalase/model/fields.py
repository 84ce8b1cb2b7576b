"""Field types every record shares: patterns, slugs, bilingual texts, units, prices, quantities, certificates."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
HS_CODE_PATTERN = r"^\d{4}\.\d{2}\.\d{2}$"
NIB_PATTERN = r"^\d{13}$"
WHATSAPP_PATTERN = r"^\+[1-9]\d{7,14}$"
INSTAGRAM_PATTERN = r"^[A-Za-z0-9._]{1,30}$"
EMAIL_PATTERN = r"^[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}$"
HTTP_URL_PATTERN = r"^https?://[^\s<>\"']+$"
MEDIA_URL_PATTERN = r"^https://[^\s<>\"'?#]+/$"  # a folder on another host: photo URLs are appended
COUNTRY_PATTERN = r"^[A-Z]{2}$"
# A repository on GitHub: https://github.com/<owner>/<name>, nothing after it (issue form links are appended).
REPOSITORY_PATTERN = r"^https://github\.com/[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}/[A-Za-z0-9._-]{1,100}$"
LANGUAGE_PATTERN = r"^[a-z]{2,3}$"
# Slugs the site's listing pages use (kategori/index.md, data/ …): no record may take them.
RESERVED_SLUGS = frozenset({"index", "data"})
# products/<ikm>/ikm.yml is the IKM's own record, so no product may be called "ikm".
PRODUCT_RESERVED = frozenset({"ikm"})


Slug = Annotated[
    str,
    Field(
        pattern=SLUG_PATTERN,
        max_length=80,
        description="Lowercase letters, digits and dashes / huruf kecil, angka dan tanda minus",
        examples=["rajut-sinar-binong"],
    ),
]


ShortText = Annotated[str, Field(min_length=1, max_length=200)]


# Whole numbers are strict: YAML reads "150.000" (an Indonesian thousands dot) as 150.0, which must
# be refused rather than become Rp 150.
Whole = Annotated[int, Field(strict=True)]


LongText = Annotated[str, Field(min_length=1, max_length=5000)]


HttpUrl = Annotated[
    str,
    Field(
        pattern=HTTP_URL_PATTERN,
        max_length=500,
        description="A web address starting with https:// / alamat web diawali https://",
        examples=["https://www.tokopedia.com/rajutsinar"],
    ),
]


def rule(id_text: str, en_text: str, at: tuple[str | int, ...] = ()) -> PydanticCustomError:
    """Return a validation error in Indonesian and English; ``at`` is the field it concerns, inside the model."""
    return PydanticCustomError("etalase", "{en}", {"id": id_text, "en": en_text, "at": at})


class Strict(BaseModel):
    """Base for all record parts: unknown keys are errors, strings are trimmed."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class Unit(StrEnum):
    """Indonesian trade units (lusin = 12, kodi = 20)."""

    pcs = "pcs"
    pasang = "pasang"
    lusin = "lusin"
    kodi = "kodi"
    kg = "kg"
    pack = "pack"


UNIT_PIECES = {Unit.lusin: 12, Unit.kodi: 20}


class CertificateType(StrEnum):
    """Certificates a buyer checks; labels live in catalog/certificates.yml."""

    sni = "sni"
    halal = "halal"
    pirt = "pirt"
    bpom_md = "bpom-md"
    hki = "hki"
    tkdn = "tkdn"


class Text(Strict):
    """A text in Indonesian (required) and English (optional, falls back to Indonesian)."""

    id: LongText = Field(description="Indonesian text / teks bahasa Indonesia")
    en: LongText | None = Field(default=None, description="English text / teks bahasa Inggris")

    def get(self, lang: str) -> str:
        """Return the text in ``lang``, falling back to Indonesian."""
        return self.en if lang == "en" and self.en else self.id

    def has(self, lang: str) -> bool:
        """Return whether the text exists in ``lang`` without falling back."""
        return lang == "id" or bool(self.en)


class Name(Text):
    """A short bilingual name."""

    id: ShortText = Field(description="Name in Indonesian / nama dalam bahasa Indonesia")
    en: ShortText | None = Field(default=None, description="Name in English / nama dalam bahasa Inggris")


class TextList(Strict):
    """A list of short texts in Indonesian and, optionally, English."""

    id: list[ShortText] = Field(min_length=1, max_length=30, description="In Indonesian / dalam bahasa Indonesia")
    en: list[ShortText] | None = Field(default=None, max_length=30, description="In English / dalam bahasa Inggris")

    def get(self, lang: str) -> list[str]:
        """Return the list in ``lang``, falling back to Indonesian."""
        return self.en if lang == "en" and self.en else self.id


class Photo(Strict):
    """A photo file beside the record, with alt text for people who cannot see it."""

    file: str = Field(
        min_length=1,
        max_length=200,
        description="File name beside the YAML file / nama file di folder yang sama",
        examples=["kardigan-1.jpg"],
    )
    alt: Text = Field(description="What the photo shows, for screen readers / isi foto")


class PriceBand(Strict):
    """Price band in rupiah per unit."""

    min: Whole = Field(ge=100, le=1_000_000_000, description="Lowest price in IDR / harga terendah", examples=[85000])
    max: Whole = Field(
        ge=100, le=1_000_000_000, description="Highest price in IDR / harga tertinggi", examples=[120000]
    )
    unit: Unit = Field(description="Per what the price is / harga per satuan apa")

    @model_validator(mode="after")
    def _ordered(self) -> PriceBand:
        if self.max < self.min:
            raise rule("max lebih kecil dari min — tukar kedua angka", "max is lower than min — swap the two numbers")
        return self


class UsdBand(Strict):
    """FOB price band in US dollars per piece."""

    min: float = Field(gt=0, le=1_000_000, examples=[6.5], description="Lowest / terendah")
    max: float = Field(gt=0, le=1_000_000, examples=[8.0], description="Highest / tertinggi")

    @model_validator(mode="after")
    def _ordered(self) -> UsdBand:
        if self.max < self.min:
            raise rule("max lebih kecil dari min — tukar kedua angka", "max is lower than min — swap the two numbers")
        return self


class Quantity(Strict):
    """An amount with an Indonesian trade unit."""

    quantity: Whole = Field(examples=[100], ge=1, le=100_000_000, description="Amount / jumlah")
    unit: Unit = Field(description="Unit: pcs, pasang (pair), lusin (12), kodi (20), kg, pack / satuan")


class Certificate(Strict):
    """One certificate with its number and, where it has one, its expiry date."""

    type: CertificateType = Field(description="Type: sni, halal, pirt, bpom-md, hki or tkdn / jenis sertifikat")
    number: ShortText = Field(description="Certificate number as printed / nomor sertifikat")
    expires: dt.date | None = Field(
        default=None, description="Expiry date YYYY-MM-DD / tanggal berakhir", examples=["2029-04-30"]
    )
    percent: float | None = Field(default=None, ge=0, le=100, description="TKDN local content in % / nilai TKDN (%)")

    @model_validator(mode="after")
    def _tkdn_percent(self) -> Certificate:
        if self.type is CertificateType.tkdn and self.percent is None:
            raise rule(
                "TKDN perlu nilai persentase — tambahkan `percent: 40` (angka di sertifikat)",
                "TKDN needs its percentage — add `percent: 40` (the number on the certificate)",
            )
        if self.type is not CertificateType.tkdn and self.percent is not None:
            raise rule(
                "hanya TKDN yang punya persentase — hapus `percent`", "only TKDN has a percentage — remove `percent`"
            )
        return self
