"""Open data: the files themselves, ``catalogue.json`` and one CSV per record type, and writing them."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections.abc import Iterable, Mapping
from enum import Enum
from pathlib import Path
from typing import Any

from etalase.model import Category, Ikm, Photo, Product, Sentra
from etalase.model.catalog import Catalog, Entry
from etalase.photos import ImageSet
from etalase.render.links import category_path, ikm_path, product_path, sentra_path
from etalase.render.opendata.columns import Column, Row, columns_by_file
from etalase.render.opendata.dcat import DCAT_FILE, dcat_catalog
from etalase.render.opendata.links import (
    DATA_DIR,
    FORMAT_VERSION,
    HIDDEN_CATEGORY,
    HIDDEN_FOOD,
    IKM_CSV,
    JSON_FILE,
    LIST_SEP,
    PAGE,
    PARTNERSHIPS_CSV,
    PRODUCTS_CSV,
    SENTRA_CSV,
    Links,
    catalogue_date,
)
from etalase.render.opendata.package import PACKAGE_FILE, datapackage
from etalase.render.opendata.schema import SCHEMA_FILE, catalogue_schema
from etalase.render.partnerships import partnerships


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
    """Return each CSV's records as (entry, row), in the order the files list them (a partnership has no entry)."""

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
    deals: list[tuple[Entry[Any] | None, Row]] = [(None, Row(row, {})) for row in partnerships(catalog)]
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


def _json_bytes(value: Any, *, compact: bool = False) -> bytes:
    """Return ``value`` as UTF-8 JSON: indented for reading, or ``compact`` (catalogue.json, which
    grows with the catalogue: indentation was a fifth of its bytes)."""
    if compact:
        return (json.dumps(value, ensure_ascii=False, separators=(",", ":")) + "\n").encode("utf-8")
    return (json.dumps(value, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def data_files(catalog: Catalog, images: Mapping[tuple[str, str], ImageSet], links: Links) -> dict[str, bytes]:
    """Return file name → bytes of every open data file.

    ``catalogue.json`` and its JSON Schema, the CSVs and the Data Package describing them, and
    the DCAT description of them all.
    """
    files = {
        JSON_FILE: _json_bytes(catalogue_json(catalog, images, links), compact=True),
        SCHEMA_FILE: _json_bytes(catalogue_schema(links)),
        PACKAGE_FILE: _json_bytes(datapackage(catalog, links)),
        DCAT_FILE: _json_bytes(dcat_catalog(catalog, links)),
    }
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
