"""Open data: the catalogue as files anyone may reuse, written with every build.

Reads the validated ``Catalog`` and the processed photos; returns file name → bytes for
``data/catalogue.json`` (every category, sentra, IKM and product, texts in both languages,
page and photo URLs) and one flat CSV per record type (``products.csv``, ``ikm.csv``,
``sentra.csv``). Pure and deterministic: the one date in the files is the catalogue's content
date (the newest ``last_verified``, as the sitemap's), never the clock.

Only what the site shows is published. Left out: the food facts that decide a permit but are
not shown (dairy, meat or fish, canned, baby food), a category's food flag, and the file names
contributors gave their photos (a photo is published as the URL of its largest processed copy).

The CSV columns are declared once here, each naming the record field it comes from; the open
data page (``opendata_pages``, template ``pages/opendata.md.j2``) describes each column with that
field's description in ``records`` (the single source of truth), and derived columns (page and
photo URLs) with the translation tables.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import types
import typing
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from etalase.model import Category, CertificateType, Ikm, Photo, Product, Sentra
from etalase.model.catalog import Catalog, Entry
from etalase.photos import ImageSet
from etalase.render.engine import PageMeta
from etalase.render.links import (
    BASE_LANG,
    category_path,
    ikm_path,
    language_prefix,
    product_path,
    sentra_path,
)
from etalase.render.partnerships import Partnership, partnerships
from etalase.render.text import summary

DATA_DIR = "data"  # the files' folder at the site root: data/catalogue.json …
PAGE = "data.md"  # the open data page of each language, served at data/ and en/data/
JSON_FILE = "catalogue.json"
PRODUCTS_CSV, IKM_CSV, SENTRA_CSV = "products.csv", "ikm.csv", "sentra.csv"
PARTNERSHIPS_CSV = "partnerships.csv"  # the outcomes of the business forums (partnerships.py)
LIST_SEP = "; "  # joins a list field in one CSV cell (the JSON keeps lists as arrays)
FORMAT_VERSION = 1  # of catalogue.json's layout; raise it when a field is renamed or removed
# Shown nowhere on the site, so never published.
HIDDEN_FOOD = {"dairy": True, "meat_or_fish": True, "canned": True, "baby_food": True}
HIDDEN_CATEGORY = {"food"}


def catalogue_date(catalog: Catalog) -> dt.date | None:
    """Return the newest ``last_verified`` of the catalogue's products, IKMs and sentra (``None`` if empty)."""
    entries = [*catalog.products, *catalog.ikms.values(), *catalog.sentra.values()]
    return max((e.record.last_verified for e in entries), default=None)


# --- addresses ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Links:
    """How the published files name pages and photos.

    ``site_url`` (mkdocs.yml) makes every address absolute; without it they are relative to
    the site root. ``photo_base`` is site.yml's ``media_url`` when photos live on a host of
    their own. ``languages`` are the site's, the base language first.
    """

    site_url: str = ""
    languages: tuple[str, ...] = (BASE_LANG,)
    photo_base: str = ""

    @property
    def root(self) -> str:
        """Return the site root's address with a final slash (empty without a site URL)."""
        return self.site_url.rstrip("/") + "/" if self.site_url else ""

    def page(self, path: str) -> dict[str, str]:
        """Return language → address of the page at ``path`` (relative to a language root)."""
        return {lang: f"{self.root}{language_prefix(lang)}{path}" for lang in self.languages}

    def file(self, name: str) -> str:
        """Return the address of an open data file."""
        return f"{self.root}{DATA_DIR}/{name}"

    def photo(self, image: ImageSet | None) -> str | None:
        """Return the address of a photo's largest processed copy, or ``None`` when it has none."""
        if image is None:
            return None
        return f"{self.photo_base or self.root}{image.largest.url}"


def links_for(catalog: Catalog, site_url: str, languages: Iterable[str]) -> Links:
    """Return the ``Links`` of a catalogue built with ``site_url`` in ``languages``."""
    return Links(site_url, tuple(languages), getattr(catalog.site, "media_url", None) or "")


# --- columns -----------------------------------------------------------------------------


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


# --- field descriptions from the models ---------------------------------------------------


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """Return the pydantic models inside a field's type (``X | None``, ``list[X]``, ``Annotated[X, …]``)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    if typing.get_origin(annotation) in {typing.Union, types.UnionType, list, typing.Annotated}:
        return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]
    return []


def field_descriptions(model: type[BaseModel], path: str) -> list[str]:
    """Return the descriptions along a dotted field ``path`` of ``model``, outermost first.

    Raises ``KeyError`` for a path the model does not have, so a renamed field cannot leave a
    column undocumented.
    """
    found = []
    current: type[BaseModel] | None = model
    for part in path.split("."):
        if current is None or part not in current.model_fields:
            raise KeyError(f"{model.__name__} has no field {path}")
        info = current.model_fields[part]
        if info.description:
            found.append(info.description)
        models = _models_in(info.annotation)
        current = models[0] if models else None
    return found


def in_language(description: str, lang: str) -> str:
    """Return the English (before `` / ``) or Indonesian (after it) half of a model description."""
    english, _, indonesian = description.partition(" / ")
    text = indonesian if lang == "id" and indonesian else english
    return text[:1].upper() + text[1:]


def describe(model: type[BaseModel], path: str, lang: str) -> str:
    """Return the description of a dotted field in ``lang``: its descriptions along the path, joined."""
    return ": ".join(in_language(d, lang) for d in field_descriptions(model, path))


# --- the files ----------------------------------------------------------------------------


def cell(value: object) -> str:
    """Return a value as CSV text: lists joined with ``; ``, dates ISO, booleans true/false, none empty."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return LIST_SEP.join(cell(v) for v in value)
    return str(value)


def csv_bytes(columns: list[Column], rows: Iterable[Row]) -> bytes:
    """Return a CSV file: a header row, then one row per record (UTF-8, the csv module's quoting)."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.name for c in columns])
    for row in rows:
        writer.writerow([cell(c.value(row)) for c in columns])
    return out.getvalue().encode("utf-8")


def _image(images: Mapping[tuple[str, str], ImageSet], entry: Entry[Any], photo: Photo | None) -> ImageSet | None:
    return images.get((entry.path, photo.file)) if photo is not None else None


def _rows(
    catalog: Catalog, images: Mapping[tuple[str, str], ImageSet], links: Links
) -> dict[str, list[tuple[Entry[Any] | None, Row]]]:
    """Return each CSV's records as (entry, row), in the order the files list them."""

    def photo_urls(entry: Entry[Any], photos: Iterable[Photo | None]) -> tuple[str, ...]:
        urls = (links.photo(_image(images, entry, photo)) for photo in photos)
        return tuple(url for url in urls if url)

    products = [
        (e, Row(e.record, links.page(product_path(e.record)), photo_urls(e, e.record.photos)))
        for e in catalog.products
        if e.record.ikm in catalog.ikms
    ]
    ikms = [
        (e, Row(e.record, links.page(ikm_path(slug)), photo_urls(e, [e.record.logo])))
        for slug, e in sorted(catalog.ikms.items())
    ]
    sentra = [
        (e, Row(e.record, links.page(sentra_path(slug)), photo_urls(e, e.record.photos)))
        for slug, e in sorted(catalog.sentra.items())
    ]
    deals = [(None, Row(row, {})) for row in partnerships(catalog)]
    return {PRODUCTS_CSV: products, IKM_CSV: ikms, SENTRA_CSV: sentra, PARTNERSHIPS_CSV: deals}


def _photos_json(
    images: Mapping[tuple[str, str], ImageSet], entry: Entry[Any], photos: Iterable[Photo | None], links: Links
) -> list[dict[str, Any]]:
    """Return the published copies of a record's photos: address, size and alt text."""
    found = []
    for photo in photos:
        image = _image(images, entry, photo)
        if image is None or photo is None:
            continue
        largest = image.largest
        found.append(
            {
                "url": links.photo(image),
                "width": largest.width,
                "height": largest.height,
                "alt": photo.alt.model_dump(mode="json"),
            }
        )
    return found


def _product_json(entry: Entry[Product], images: Mapping[tuple[str, str], ImageSet], links: Links) -> dict[str, Any]:
    product = entry.record
    data = product.model_dump(mode="json", exclude={"photos": True, "food": HIDDEN_FOOD})
    data["url"] = links.page(product_path(product))
    data["photos"] = _photos_json(images, entry, product.photos, links)
    return data


def _ikm_json(entry: Entry[Ikm], images: Mapping[tuple[str, str], ImageSet], links: Links) -> dict[str, Any]:
    ikm = entry.record
    data = ikm.model_dump(mode="json", exclude={"logo"})
    data["url"] = links.page(ikm_path(ikm.slug))
    logo = _photos_json(images, entry, [ikm.logo], links)
    data["logo"] = logo[0] if logo else None
    return data


def _sentra_json(entry: Entry[Sentra], images: Mapping[tuple[str, str], ImageSet], links: Links) -> dict[str, Any]:
    sentra = entry.record
    data = sentra.model_dump(mode="json", exclude={"photos"})
    data["url"] = links.page(sentra_path(sentra.slug))
    data["photos"] = _photos_json(images, entry, sentra.photos, links)
    return data


def _category_json(category: Category, links: Links) -> dict[str, Any]:
    data = category.model_dump(mode="json", exclude=HIDDEN_CATEGORY)
    data["url"] = links.page(category_path(category.slug))
    return data


def catalogue_json(catalog: Catalog, images: Mapping[tuple[str, str], ImageSet], links: Links) -> dict[str, Any]:
    """Return the whole catalogue as one JSON value: about the data, then every record by type."""
    site = catalog.site
    date = catalogue_date(catalog)
    licence = getattr(site, "data_licence", None)
    products = [e for e in catalog.products if e.record.ikm in catalog.ikms]
    return {
        "format_version": FORMAT_VERSION,
        "generated": date.isoformat() if date else None,
        "title": site.title.model_dump(mode="json"),
        "notice": site.notice.model_dump(mode="json"),
        "url": links.root or None,
        "documentation": links.page(PAGE.removesuffix(".md") + "/"),
        "licence": licence.model_dump(mode="json") if licence else None,
        "counts": {
            "categories": len(catalog.categories),
            "sentra": len(catalog.sentra),
            "ikm": len(catalog.ikms),
            "products": len(products),
        },
        "categories": [_category_json(c, links) for c in catalog.categories],
        "sentra": [_sentra_json(catalog.sentra[slug], images, links) for slug in sorted(catalog.sentra)],
        "ikm": [_ikm_json(catalog.ikms[slug], images, links) for slug in sorted(catalog.ikms)],
        "products": [_product_json(e, images, links) for e in products],
        "partnerships": [row.model_dump(mode="json") for row in partnerships(catalog)],
    }


def columns_by_file(languages: Iterable[str]) -> dict[str, tuple[type[BaseModel], list[Column]]]:
    """Return each CSV file's record model and columns."""
    languages = tuple(languages)
    return {
        PRODUCTS_CSV: (Product, product_columns(languages)),
        IKM_CSV: (Ikm, ikm_columns(languages)),
        SENTRA_CSV: (Sentra, sentra_columns(languages)),
        PARTNERSHIPS_CSV: (Partnership, [_field(name) for name in Partnership.model_fields]),
    }


def data_files(catalog: Catalog, images: Mapping[tuple[str, str], ImageSet], links: Links) -> dict[str, bytes]:
    """Return file name → bytes of every open data file (``catalogue.json`` and the CSVs)."""
    text = json.dumps(catalogue_json(catalog, images, links), ensure_ascii=False, indent=1) + "\n"
    files = {JSON_FILE: text.encode("utf-8")}
    rows = _rows(catalog, images, links)
    for name, (_model, columns) in columns_by_file(links.languages).items():
        files[name] = csv_bytes(columns, (row for _entry, row in rows[name]))
    return files


def publish(site_dir: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write the open data files into ``site_dir/data/``; return their paths."""
    folder = site_dir / DATA_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in sorted(files.items()):
        path = folder / name
        path.write_bytes(data)
        written.append(path)
    return written


# --- the page ----------------------------------------------------------------------------


@dataclass(frozen=True)
class DocumentedColumn:
    """A column on the open data page: its header and its description in the page language."""

    name: str
    description: str


def document_columns(model: type[BaseModel], columns: list[Column], t: Any, lang: str) -> list[DocumentedColumn]:
    """Return every column with its description: from the model field, or the tables for derived ones."""
    documented = []
    for column in columns:
        if column.field is None:
            language = t(f"languages.{column.language}") if column.language else ""
            text = t(f"opendata.derived.{column.derived}", language=language)
        else:
            text = describe(model, column.field, lang)
            if column.certificate is not None:
                text = f"{t('cert_short.' + column.certificate.value)} — {text}"
        documented.append(DocumentedColumn(column.name, text))
    return documented


def opendata_pages(renderer: Any) -> list[tuple[str, str]]:
    """Return the open data page of the renderer's language: the files, their columns, licence and citation."""
    catalog: Catalog = renderer.catalog
    t, lang = renderer.t, renderer.lang
    links = Links(renderer.site_url, (lang,))
    languages = _languages_of(renderer)
    date = catalogue_date(catalog)
    counts = {
        PRODUCTS_CSV: sum(e.record.ikm in catalog.ikms for e in catalog.products),
        IKM_CSV: len(catalog.ikms),
        SENTRA_CSV: len(catalog.sentra),
        PARTNERSHIPS_CSV: len(partnerships(catalog)),
    }
    tables = [
        (name, counts[name], document_columns(model, columns, t, lang))
        for name, (model, columns) in columns_by_file(languages).items()
    ]
    meta = PageMeta(t("opendata.title"), summary(t("opendata.intro")))
    return [
        renderer.render(
            "opendata",
            PAGE,
            meta,
            json_file=JSON_FILE,
            tables=tables,
            date=date,
            absolute=links.file,
            licence=getattr(catalog.site, "data_licence", None),
            data_dir=DATA_DIR,
            page_url=renderer.page_url(PAGE.removesuffix(".md") + "/"),
            schemas=published_schemas(renderer),
        )
    ]


def published_schemas(renderer: Any) -> list[str]:
    """Return the JSON Schema files of products, IKMs and sentra the build publishes under ``schema/``.

    The hooks copy ``catalog/schema/*.schema.json`` (beside the templates folder) into the site;
    a project without them gets no links to them.
    """
    folders = [Path(p).parent / "catalog" / "schema" for p in getattr(renderer.env.loader, "searchpath", [])[:1]]
    names = ("product.schema.json", "ikm.schema.json", "sentra.schema.json")
    return [name for name in names for folder in folders if (folder / name).is_file()]


def _languages_of(renderer: Any) -> tuple[str, ...]:
    """Return the site's languages for the page's column list: the renderer's ``languages`` when it
    has them, else the two languages mkdocs.yml builds (the base language first)."""
    return tuple(getattr(renderer, "languages", None) or (BASE_LANG, "en"))
