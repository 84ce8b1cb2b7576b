"""Open data: the CSV columns, declared once, each naming the record field it comes from."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from etalase.model import CertificateType, Ikm, Product, Sentra
from etalase.render.opendata.links import IKM_CSV, PARTNERSHIPS_CSV, PRODUCTS_CSV, SENTRA_CSV
from etalase.render.partnerships import Partnership


@dataclass(frozen=True)
class Row:
    """One record as a CSV row sees it: the record, its page addresses and photo addresses."""

    record: Any
    urls: Mapping[str, str]
    photos: tuple[str, ...] = ()


@dataclass(frozen=True)
class Column:
    """One CSV column: its header, the record field it comes from and how its value is read.

    ``field`` is a dotted path in the record's model (``price.min``), whose descriptions document
    the column; derived columns have ``field=None`` and a ``derived`` key in the translation
    tables (``opendata.derived.<key>``). ``certificate`` names the certificate type of a
    certificate column.
    """

    name: str
    field: str | None
    value: Callable[[Row], object]
    derived: str = ""
    certificate: CertificateType | None = None
    language: str = ""


def _attr(path: str) -> Callable[[Row], object]:
    """Return a reader of the dotted attribute ``path`` of a row's record (``None`` past a missing part)."""
    parts = path.split(".")

    def read(row: Row) -> object:
        value: Any = row.record
        for part in parts:
            value = getattr(value, part, None)
            if value is None:
                return None
        return value

    return read


def _field(name: str, path: str | None = None) -> Column:
    path = path or name
    return Column(name, path, _attr(path))


def _texts(name: str, path: str) -> list[Column]:
    """Return ``<name>_id`` and ``<name>_en`` of a bilingual text (English empty when not written)."""
    return [_field(f"{name}_id", f"{path}.id"), _field(f"{name}_en", f"{path}.en")]


def _certificate_columns() -> list[Column]:
    """Return number and expiry columns per certificate type (and TKDN's percentage)."""
    columns = []
    for kind in CertificateType:
        key = kind.value.replace("-", "_")
        for part in ("number", "expires", "percent") if kind is CertificateType.tkdn else ("number", "expires"):
            columns.append(Column(f"{key}_{part}", f"certificates.{part}", _certificate(kind, part), certificate=kind))
    return columns


def _certificate(kind: CertificateType, part: str) -> Callable[[Row], object]:
    def read(row: Row) -> object:
        found = next((c for c in row.record.certificates if c.type is kind), None)
        return getattr(found, part) if found else None

    return read


def _page_columns(languages: Iterable[str]) -> list[Column]:
    return [
        Column(f"url_{lang}", None, lambda row, lang=lang: row.urls.get(lang), derived="url", language=lang)
        for lang in languages
    ]


def _photo_column(name: str = "photo_urls", derived: str = "photo_urls") -> Column:
    return Column(name, None, lambda row: list(row.photos), derived=derived)


def product_columns(languages: Iterable[str]) -> list[Column]:
    """Return the columns of ``products.csv``."""
    return [
        _field("ikm"),
        _field("slug"),
        *_texts("name", "name"),
        *_texts("description", "description"),
        _field("category"),
        _field("price_min", "price.min"),
        _field("price_max", "price.max"),
        _field("price_unit", "price.unit"),
        _field("moq_quantity", "moq.quantity"),
        _field("moq_unit", "moq.unit"),
        _field("capacity_per_month_quantity", "capacity_per_month.quantity"),
        _field("capacity_per_month_unit", "capacity_per_month.unit"),
        _field("lead_time_days"),
        *_texts("materials", "materials"),
        _field("sizes", "variants.sizes"),
        *_texts("colours", "variants.colours"),
        _field("weight_grams"),
        *_certificate_columns(),
        _field("export_ready", "export.ready"),
        _field("hs_code", "export.hs_code"),
        _field("fob_usd_min", "export.fob_usd.min"),
        _field("fob_usd_max", "export.fob_usd.max"),
        _field("export_countries", "export.countries"),
        _field("food_storage", "food.storage"),
        _field("shelf_life_days", "food.shelf_life_days"),
        _field("last_verified"),
        *_page_columns(languages),
        _photo_column(),
    ]


def _marketplaces(row: Row) -> list[str]:
    return [f"{shop.name} {shop.url}" for shop in row.record.contacts.marketplaces]


def ikm_columns(languages: Iterable[str]) -> list[Column]:
    """Return the columns of ``ikm.csv``."""
    return [
        _field("slug"),
        _field("name"),
        _field("sentra"),
        *_texts("about", "about"),
        _field("kelurahan", "location.kelurahan"),
        _field("kecamatan", "location.kecamatan"),
        _field("city", "location.city"),
        _field("founded"),
        _field("workers"),
        _field("nib"),
        _field("whatsapp", "contacts.whatsapp"),
        _field("instagram", "contacts.instagram"),
        _field("email", "contacts.email"),
        _field("website", "contacts.website"),
        Column("marketplaces", "contacts.marketplaces", _marketplaces),
        _field("languages"),
        _field("last_verified"),
        *_page_columns(languages),
        _photo_column("logo_url", "logo_url"),
    ]


def sentra_columns(languages: Iterable[str]) -> list[Column]:
    """Return the columns of ``sentra.csv``."""
    return [
        _field("slug"),
        _field("name"),
        _field("also_known_as"),
        _field("city"),
        _field("kecamatan"),
        _field("kelurahan"),
        _field("lat", "coordinates.lat"),
        _field("lon", "coordinates.lon"),
        _field("category"),
        *_texts("description", "description"),
        _field("ikm_units"),
        _field("workers"),
        _field("established"),
        *_texts("specialities", "specialities"),
        *_texts("how_to_visit", "how_to_visit"),
        _field("office_name", "contact_office.name"),
        _field("office_phone", "contact_office.phone"),
        _field("office_email", "contact_office.email"),
        _field("office_address", "contact_office.address"),
        _field("last_verified"),
        *_page_columns(languages),
        _photo_column(),
    ]


def columns_by_file(languages: Iterable[str]) -> dict[str, tuple[type[BaseModel], list[Column]]]:
    """Return each CSV file's record model and columns."""
    languages = tuple(languages)
    return {
        PRODUCTS_CSV: (Product, product_columns(languages)),
        IKM_CSV: (Ikm, ikm_columns(languages)),
        SENTRA_CSV: (Sentra, sentra_columns(languages)),
        PARTNERSHIPS_CSV: (Partnership, [_field(name) for name in Partnership.model_fields]),
    }
