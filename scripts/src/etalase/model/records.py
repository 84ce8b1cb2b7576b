"""Record schemas: the single source of truth for every record type.

Each model validates one YAML file and also yields the JSON Schema that editors use
(see ``schema_export``). Field descriptions double as hints in problem messages, and
``examples`` show a contributor the expected form.

Rules that need more than one record (references, uniqueness, expiry against today)
live in ``validate``; rules inside one record live here as validators.
"""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator
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


class Variants(Strict):
    """Sizes and colours a product comes in."""

    sizes: list[ShortText] | None = Field(
        default=None, max_length=40, examples=[["S", "M", "L"]], description="Sizes / ukuran"
    )
    colours: TextList | None = Field(default=None, description="Colours / warna")


class Certificate(Strict):
    """One certificate with its number and, where it has one, its expiry date."""

    type: CertificateType = Field(description="sni, halal, pirt, bpom-md, hki or tkdn")
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


class ExportInfo(Strict):
    """What an exporter needs: readiness, HS code, FOB price, countries shipped to."""

    ready: bool = Field(description="Can ship abroad now / siap ekspor")
    hs_code: str | None = Field(
        default=None,
        pattern=HS_CODE_PATTERN,
        description="8-digit BTKI code / kode HS 8 digit",
        examples=["6110.20.00"],
    )
    fob_usd: UsdBand | None = Field(default=None, description="FOB price per piece in USD / harga FOB per buah (USD)")
    countries: list[Annotated[str, Field(pattern=COUNTRY_PATTERN, examples=["MY"])]] = Field(
        default_factory=list,
        max_length=100,
        description="Countries already shipped to, ISO codes / negara tujuan (kode ISO, mis. MY, SG, JP)",
    )


class FoodInfo(Strict):
    """Facts about a food product that decide which permit it needs (P-IRT or BPOM MD)."""

    storage: Literal["ambient", "chilled", "frozen"] = Field(
        description="How it is kept / cara simpan: ambient (suhu ruang), chilled, frozen"
    )
    shelf_life_days: Whole = Field(examples=[180], ge=1, le=3650, description="Days it keeps / masa simpan (hari)")
    dairy: bool = Field(default=False, description="Made from milk / berbahan dasar susu")
    meat_or_fish: bool = Field(default=False, description="Contains meat or fish / mengandung daging atau ikan")
    canned: bool = Field(default=False, description="Sealed in cans / dikalengkan")
    baby_food: bool = Field(default=False, description="Food for babies / makanan bayi")

    def needs_bpom(self) -> list[str]:
        """Return the reasons this food may not use P-IRT (empty when P-IRT is allowed)."""
        reasons = []
        if self.dairy:
            reasons.append("dairy")
        if self.storage == "frozen" and self.meat_or_fish:
            reasons.append("frozen meat or fish")
        if self.canned:
            reasons.append("canned")
        if self.baby_food:
            reasons.append("baby")
        return reasons


_REASONS_ID = {
    "dairy": "olahan susu",
    "frozen meat or fish": "daging atau ikan beku",
    "canned": "kaleng",
    "baby": "bayi",
}


class Product(Strict):
    """A product of one IKM: ``products/<ikm-slug>/<product-slug>.yml``."""

    slug: Slug = Field(description="Same as the file name without .yml / sama dengan nama file")
    ikm: Slug = Field(description="The maker: its folder name in products/ / folder IKM pembuat")
    name: Name = Field(description="Product name / nama produk")
    description: Text = Field(description="Product description / deskripsi produk")
    category: Slug = Field(
        description="A category from catalog/categories.yml / kategori dari catalog/categories.yml", examples=["rajut"]
    )
    price: PriceBand = Field(description="Price band in rupiah per unit / kisaran harga (rupiah per satuan)")
    moq: Quantity = Field(description="Minimum order / pemesanan minimum")
    capacity_per_month: Quantity = Field(description="Production capacity per month / kapasitas per bulan")
    lead_time_days: Whole = Field(
        examples=[14], ge=1, le=365, description="Days from order to shipping / lama produksi (hari)"
    )
    materials: TextList = Field(description="Main materials / bahan utama")
    variants: Variants | None = None
    weight_grams: Whole | None = Field(
        examples=[350],
        default=None,
        ge=1,
        le=1_000_000,
        description="Weight per piece in grams / berat per buah (gram)",
    )
    certificates: list[Certificate] = Field(default_factory=list, max_length=20)
    export: ExportInfo | None = None
    food: FoodInfo | None = Field(default=None, description="Required for food products / wajib untuk makanan")
    photos: list[Photo] = Field(min_length=1, max_length=12)
    added: dt.date | None = Field(
        default=None,
        description="Date added to the catalogue (new products, feed) / tanggal masuk katalog",
        examples=["2026-11-03"],
    )
    last_verified: dt.date = Field(description="When the data was last checked / terakhir diperiksa")

    @model_validator(mode="after")
    def _pirt_allowed(self) -> Product:
        pirt = next((i for i, c in enumerate(self.certificates) if c.type is CertificateType.pirt), None)
        if pirt is not None and self.food and (reasons := self.food.needs_bpom()):
            raise rule(
                f"P-IRT tidak berlaku untuk pangan {', '.join(_REASONS_ID[r] for r in reasons)} — "
                "pangan ini memerlukan izin BPOM MD: ganti sertifikat P-IRT dengan `type: bpom-md`",
                f"P-IRT is not allowed for {', '.join(reasons)} food — such food needs BPOM MD: "
                "replace the P-IRT certificate with `type: bpom-md`",
                at=("certificates", pirt, "type"),
            )
        return self

    @model_validator(mode="after")
    def _unique_certificates(self) -> Product:
        seen: set[CertificateType] = set()
        for index, certificate in enumerate(self.certificates):
            if certificate.type in seen:
                raise rule(
                    f"sertifikat {certificate.type} tercantum dua kali — simpan satu entri per jenis",
                    f"certificate {certificate.type} is listed twice — keep one entry per type",
                    at=("certificates", index, "type"),
                )
            seen.add(certificate.type)
        return self


class Location(Strict):
    """Where an IKM is, only at the level it chose to show (never a street address)."""

    kelurahan: ShortText | None = Field(default=None, description="Village / kelurahan (optional)")
    kecamatan: ShortText = Field(description="District / kecamatan")
    city: ShortText = Field(description="City or regency / kota atau kabupaten", examples=["Kota Bandung"])


class Marketplace(Strict):
    """A shop on a marketplace."""

    name: ShortText = Field(examples=["Tokopedia"])
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
        description="The sentra it belongs to (a file in sentra/) / sentra tempatnya (file di sentra/)",
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
        default_factory=lambda: ["id"],
        max_length=10,
        description="Languages spoken, ISO codes: id, en, su, jv / bahasa yang dilayani (kode ISO)",
    )
    logo: Photo | None = Field(default=None, description="Logo or a photo of the workshop")
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


class Coordinates(Strict):
    """A point in Indonesia, in decimal degrees."""

    lat: float = Field(ge=-11.5, le=6.5, description="Latitude, e.g. -6.92 / lintang", examples=[-6.9175])
    lon: float = Field(ge=94.5, le=141.5, description="Longitude, e.g. 107.62 / bujur", examples=[107.6191])


class Office(Strict):
    """The office that looks after a sentra."""

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


class Category(Strict):
    """A product category, listed in ``catalog/categories.yml``."""

    slug: Slug
    name: Name = Field(description="Category name / nama kategori")
    description: Text = Field(description="What the category holds / isi kategori")
    food: bool = Field(default=False, description="Products need the food block (P-IRT / BPOM rules)")


class CertificateInfo(Strict):
    """How a certificate type is shown, listed in ``catalog/certificates.yml``."""

    type: CertificateType
    name: Name
    description: Text
    has_expiry: bool


class CategoryList(Strict):
    """The file ``catalog/categories.yml``."""

    categories: list[Category] = Field(min_length=1)


class CertificateList(Strict):
    """The file ``catalog/certificates.yml``."""

    certificates: list[CertificateInfo] = Field(min_length=1)


class DataLicence(Strict):
    """The licence of the open data files (``data/``): its name and where its text is."""

    name: ShortText = Field(description="Licence name / nama lisensi", examples=["CC BY 4.0"])
    url: HttpUrl = Field(
        description="The licence text / teks lisensi", examples=["https://creativecommons.org/licenses/by/4.0/"]
    )


class SiteText(Strict):
    """The file ``catalog/site.yml``: the catalogue's name, tagline and featured sentra."""

    title: Name
    tagline: Text
    notice: Text = Field(description="Shown on every page: the sample businesses are illustrative")
    featured_sentra: list[Slug] = Field(default_factory=list, max_length=12)
    data_licence: DataLicence | None = Field(
        default=None, description="Licence of the open data files / lisensi data terbuka (data/)"
    )
    countries: dict[Annotated[str, Field(pattern=COUNTRY_PATTERN, examples=["MY"])], Name] = Field(
        default_factory=dict,
        description="ISO country code in capitals → its name, e.g. MY / kode negara ISO huruf besar",
    )
    media_url: Annotated[str, Field(pattern=MEDIA_URL_PATTERN)] | None = Field(
        default=None,
        description=(
            "Where the processed photos are published when the site would outgrow GitHub Pages' 1 GB: "
            "an https address ending in /; the build then writes them to media-site/ for that host / "
            "Alamat https (diakhiri /) tempat foto diterbitkan bila situs melebihi 1 GB GitHub Pages"
        ),
        examples=["https://foto.etalase.example.org/"],
    )


# --- festivals (catalog/festivals/<slug>.yml) ----------------------------------------------------

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
