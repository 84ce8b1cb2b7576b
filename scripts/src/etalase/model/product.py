"""A product of one IKM: ``products/<ikm-slug>/<product-slug>.yml``."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BeforeValidator, ConfigDict, Field, model_validator

from etalase.model.fields import (
    COUNTRY_PATTERN,
    HS_CODE_PATTERN,
    Certificate,
    CertificateType,
    Days,
    Grams,
    Name,
    Photo,
    PriceBand,
    Quantity,
    ShortText,
    Slug,
    Strict,
    Text,
    TextList,
    UsdBand,
    one_certificate_per_type,
    price_input,
    quantity_input,
    rule,
)


class Variants(Strict):
    """Sizes and colours a product comes in."""

    model_config = ConfigDict(json_schema_extra={"examples": [{"sizes": ["S", "M", "L"], "colours": {"id": ["krem"]}}]})

    sizes: list[ShortText] | None = Field(
        default=None, max_length=40, examples=[["S", "M", "L"]], description="Sizes / ukuran"
    )
    colours: TextList | None = Field(default=None, description="Colours / warna")


class ExportInfo(Strict):
    """What an exporter needs: readiness, HS code, FOB price, countries shipped to."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"ready": True, "hs_code": "6110.30.00", "countries": ["MY", "SG"]}]}
    )

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

    model_config = ConfigDict(json_schema_extra={"examples": [{"storage": "ambient", "shelf_life_days": 180}]})

    storage: Literal["ambient", "chilled", "frozen"] = Field(
        description="How it is kept / cara simpan: ambient (suhu ruang), chilled, frozen"
    )
    shelf_life_days: Days = Field(
        examples=[180],
        ge=1,
        le=3650,
        description="Days it keeps / masa simpan (hari)",
        json_schema_extra={"written_as": "180, 6 bulan"},
    )
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
        description="Category: one of catalog/categories.yml / kategori: salah satu dari catalog/categories.yml",
        examples=["rajut"],
    )
    price: Annotated[PriceBand, BeforeValidator(price_input, json_schema_input_type=PriceBand | str)] = Field(
        description="Price band in rupiah per unit / kisaran harga (rupiah per satuan)"
    )
    moq: Annotated[
        Quantity, BeforeValidator(quantity_input("moq", per_month=False), json_schema_input_type=Quantity | str)
    ] = Field(description="Minimum order / pemesanan minimum", json_schema_extra={"written_as": "2 lusin"})
    capacity_per_month: Annotated[
        Quantity,
        BeforeValidator(quantity_input("capacity_per_month", per_month=True), json_schema_input_type=Quantity | str),
    ] = Field(
        description="Production capacity per month / kapasitas per bulan",
        json_schema_extra={"written_as": "150 lusin"},
    )
    lead_time_days: Days = Field(
        examples=[14],
        ge=1,
        le=365,
        description="Days from order to shipping / lama produksi (hari)",
        json_schema_extra={"written_as": "14, 2 minggu"},
    )
    materials: TextList = Field(description="Main materials / bahan utama")
    variants: Variants | None = Field(default=None, description="Sizes and colours / ukuran dan warna")
    weight_grams: Grams | None = Field(
        examples=[350],
        default=None,
        ge=1,
        le=1_000_000,
        description="Weight per piece in grams / berat per buah (gram)",
        json_schema_extra={"written_as": "350, 0,5 kg"},
    )
    certificates: list[Certificate] = Field(
        default_factory=list, max_length=20, description="Certificates: SNI, Halal, P-IRT … / sertifikat"
    )
    export: ExportInfo | None = Field(default=None, description="Export: for exporters / ekspor: untuk eksportir")
    food: FoodInfo | None = Field(
        default=None, description="Food facts: required for food products / data pangan: wajib untuk produk makanan"
    )
    photos: list[Photo] = Field(
        min_length=1,
        max_length=12,
        description="Photos: the first is the main one / foto: yang pertama menjadi foto utama",
    )
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
        one_certificate_per_type(self.certificates)
        return self
