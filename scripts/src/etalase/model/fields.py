"""Field types every record shares: patterns, slugs, bilingual texts, units, prices, quantities, certificates.

Amounts, quantities, days, grams and phone numbers are read as people write them (``85rb``,
``2 lusin``, ``2 minggu``, ``0812 3456 7890``) by ``notation``; what it cannot read is refused
quoting the text as written. Each nested model carries a short example (``json_schema_extra``)
that problem messages show as the right form.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError

from etalase.model import notation, phone

BASE_LANG = "id"  # the language every record is written in; others fall back to it
SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
HS_CODE_PATTERN = r"^\d{4}\.\d{2}\.\d{2}$"
NIB_PATTERN = r"^\d{13}$"
WHATSAPP_PATTERN = r"^\+[1-9]\d{7,14}$"  # as stored: international form
# As people write one (what ``phone.read_whatsapp`` may read; it then names what is wrong exactly):
# +62 812-3456-7890, 0812 3456 7890, (0812) 3456-7890, https://wa.me/6281234567890.
WHATSAPP_WRITTEN_PATTERN = r"^(?:https?://)?(?:wa\.me/|api\.whatsapp\.com/send\?phone=)?[+(]?[\d\s\-–.()/]{7,30}$"
# A GitHub user name: letters, digits and single dashes, at most 39 characters.
GITHUB_PATTERN = r"^[A-Za-z0-9](?:-?[A-Za-z0-9])*$"
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


def written(read: Callable[[Any], Any], at: tuple[str | int, ...] = ()) -> Callable[[Any], Any]:
    """Return a before-validator that reads a written value with ``read`` (a ``notation`` reader).

    Values that are not text or numbers (None, lists, blocks, true/false) pass unchanged, so the
    field's own type check names them.
    """

    def validate(value: Any) -> Any:
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            return value
        try:
            return read(value)
        except notation.NotationError as error:
            raise rule(error.message.id, error.message.en, at) from None

    return validate


def _read(read: Callable[[Any], Any]) -> BeforeValidator:
    return BeforeValidator(written(read), json_schema_input_type=int | str)


# A WhatsApp number as people write it (an unquoted +62… in YAML included: a number to editors),
# kept in international form: ``0812 3456 7890`` → ``+6281234567890``.
WhatsApp = Annotated[
    str,
    BeforeValidator(
        written(phone.read_whatsapp),
        json_schema_input_type=Annotated[str, Field(pattern=WHATSAPP_WRITTEN_PATTERN)] | int,
    ),
    # The stored form: the open data's Table Schema (serialization mode) publishes this pattern.
    Field(pattern=WHATSAPP_PATTERN, json_schema_extra={"written_as": "+62 812-3456-7890, 0812 3456 7890"}),
]

# Whole amounts written as people write them: Rp 85.000,- / 85rb / 1,5jt; 14 hari / 2 minggu; 350 gram / 0,5 kg.
Rupiah = Annotated[int, _read(notation.read_rupiah), Field(strict=True)]
Days = Annotated[int, _read(notation.read_days), Field(strict=True)]
Grams = Annotated[int, _read(notation.read_grams), Field(strict=True)]


def _examples(*examples: dict[str, Any]) -> ConfigDict:
    """Return the config of a nested model whose right form messages show: ``{min: 85000, …}``."""
    return ConfigDict(json_schema_extra={"examples": list(examples)})


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


UNIT_PIECES = {Unit(name): pieces for name, pieces in notation.PIECES.items()}
# A unit as people write it: lsn → lusin, buah → pcs, pair → pasang (notation.UNIT_WORDS).
TradeUnit = Annotated[Unit, BeforeValidator(lambda v: notation.read_unit(v) if isinstance(v, str) else v)]


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

    model_config = _examples({"id": "Kardigan rajut lembut dengan kancing kayu.", "en": "A soft knitted cardigan."})

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

    model_config = _examples({"id": "Kardigan Rajut Wanita", "en": "Knitted Cardigan"})

    id: ShortText = Field(description="Name in Indonesian / nama dalam bahasa Indonesia")
    en: ShortText | None = Field(default=None, description="Name in English / nama dalam bahasa Inggris")


class TextList(Strict):
    """A list of short texts in Indonesian and, optionally, English."""

    model_config = _examples({"id": ["benang akrilik", "kancing kayu"], "en": ["acrylic yarn", "wooden buttons"]})

    id: list[ShortText] = Field(min_length=1, max_length=30, description="In Indonesian / dalam bahasa Indonesia")
    en: list[ShortText] | None = Field(default=None, max_length=30, description="In English / dalam bahasa Inggris")

    def get(self, lang: str) -> list[str]:
        """Return the list in ``lang``, falling back to Indonesian."""
        return self.en if lang == "en" and self.en else self.id


class Photo(Strict):
    """A photo file beside the record, with alt text for people who cannot see it."""

    model_config = _examples({"file": "kardigan-1.jpg", "alt": {"id": "Kardigan krem di gantungan"}})

    file: str = Field(
        min_length=1,
        max_length=200,
        description="File name beside the YAML file / nama file di folder yang sama",
        examples=["kardigan-1.jpg"],
    )
    alt: Text = Field(description="What the photo shows, for screen readers / isi foto")


class PriceBand(Strict):
    """Price band in rupiah per unit."""

    model_config = _examples({"min": 85000, "max": 95000, "unit": "pcs"})

    min: Rupiah = Field(
        ge=100,
        le=1_000_000_000,
        description="Lowest price in IDR / harga terendah",
        examples=[85000],
        json_schema_extra={"written_as": "85000, 85.000, 85rb, Rp 85.000"},
    )
    max: Rupiah = Field(
        ge=100,
        le=1_000_000_000,
        description="Highest price in IDR / harga tertinggi",
        examples=[120000],
        json_schema_extra={"written_as": "120000, 120.000, 120rb"},
    )
    unit: TradeUnit = Field(description="Per what the price is / harga per satuan apa")

    @model_validator(mode="after")
    def _ordered(self) -> PriceBand:
        if self.max < self.min:
            raise rule("max lebih kecil dari min — tukar kedua angka", "max is lower than min — swap the two numbers")
        return self


class UsdBand(Strict):
    """FOB price band in US dollars per piece."""

    model_config = _examples({"min": 6.5, "max": 8.0})

    min: float = Field(gt=0, le=1_000_000, examples=[6.5], description="Lowest / terendah")
    max: float = Field(gt=0, le=1_000_000, examples=[8.0], description="Highest / tertinggi")

    @model_validator(mode="after")
    def _ordered(self) -> UsdBand:
        if self.max < self.min:
            raise rule("max lebih kecil dari min — tukar kedua angka", "max is lower than min — swap the two numbers")
        return self


class Quantity(Strict):
    """An amount with an Indonesian trade unit."""

    model_config = _examples({"quantity": 2, "unit": "lusin"})

    quantity: Whole = Field(examples=[100], ge=1, le=100_000_000, description="Amount / jumlah")
    unit: TradeUnit = Field(description="Unit: pcs, pasang (pair), lusin (12), kodi (20), kg, pack / satuan")


def quantity_input(key: str, per_month: bool) -> Callable[[Any], Any]:
    """Return a before-validator for a quantity field: ``2 lusin`` (one line) or a block whose amount is written.

    ``moq: 2 lusin`` becomes ``{quantity: 2, unit: lusin}``; ``{quantity: 2 lusin, unit: pcs}`` is
    refused (two units). ``per_month`` accepts ``150 lusin/bulan`` (a capacity).
    """

    def read(value: Any) -> Any:
        if isinstance(value, dict) and isinstance(value.get("quantity"), str | float | notation.WrittenInt):
            amount, unit = _read_quantity(value["quantity"], value.get("unit"), per_month, ("quantity",))
            return {**value, "quantity": amount, **({"unit": unit} if unit else {})}
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            return value
        amount, unit = _read_quantity(value, None, per_month, ())
        if unit is None:
            shown = notation.as_written(value)
            raise rule(
                f"'{shown}' tanpa satuan — tulis mis. `{key}: {shown} pcs` atau `{key}: {shown} lusin` "
                f"(atau `{key}: {{quantity: {shown}, unit: pcs}}`)",
                f"'{shown}' has no unit — write e.g. `{key}: {shown} pcs` or `{key}: {shown} lusin` "
                f"(or `{key}: {{quantity: {shown}, unit: pcs}}`)",
            )
        return {"quantity": amount, "unit": unit}

    return read


def _read_quantity(value: Any, unit: Any, per_month: bool, at: tuple[str, ...]) -> tuple[int, str | None]:
    try:
        return notation.read_quantity(value, unit if isinstance(unit, str) else None, per_month=per_month)
    except notation.NotationError as error:
        raise rule(error.message.id, error.message.en, at) from None


def price_input(value: Any) -> Any:
    """Read a price band written on one line (``85rb-95rb/pcs``); a block passes unchanged."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return value
    return written(notation.read_price_band)(value)


class Certificate(Strict):
    """One certificate with its number and, where it has one, its expiry date."""

    model_config = _examples({"type": "halal", "number": "ID32110000123450824", "expires": "2029-04-30"})

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


def one_certificate_per_type(certificates: list[Certificate]) -> None:
    """Refuse a certificate type listed twice (products and capabilities alike), at the second one."""
    seen: set[CertificateType] = set()
    for index, certificate in enumerate(certificates):
        if certificate.type in seen:
            raise rule(
                f"sertifikat {certificate.type} tercantum dua kali — simpan satu entri per jenis",
                f"certificate {certificate.type} is listed twice — keep one entry per type",
                at=("certificates", index, "type"),
            )
        seen.add(certificate.type)
