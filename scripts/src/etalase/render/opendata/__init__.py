"""Open data: the catalogue as files anyone may reuse, written with every build.

Reads the validated ``Catalog`` and the processed photos; returns file name → bytes for
``data/catalogue.json`` (every category, sentra, IKM and product, texts in both languages,
page and photo URLs, and the business forums' partnerships) and one flat CSV per record type
(``products.csv``, ``ikm.csv``, ``sentra.csv``, ``partnerships.csv``). Pure and deterministic: the one date in the files is the catalogue's content
date (the newest ``last_verified``, as the sitemap's), never the clock.

Only what the site shows is published. Left out: the food facts that decide a permit but are
not shown (dairy, meat or fish, canned, baby food), a category's food flag, and the file names
contributors gave their photos (a photo is published as the URL of its largest processed copy).

The CSV columns are declared once here, each naming the record field it comes from; the open
data page (``opendata_pages``, template ``pages/opendata.md.j2``) describes each column with that
field's description in ``records`` (the single source of truth), and derived columns (page and
photo URLs) with the translation tables.

The package: ``links`` (addresses, the data's date), ``columns`` (the CSV columns), ``describe``
(column descriptions from the models), ``files`` (catalogue.json, the CSVs, writing them),
``package`` (``datapackage.json``: Frictionless Data Package v2 with Table Schemas), ``schema``
(``catalogue.schema.json``: the JSON Schema of catalogue.json), ``dcat`` (``dcat.jsonld``: the
datasets described in DCAT for open data portals) and ``page`` (the data page).
"""

from etalase.render.opendata.columns import (
    Column,
    Row,
    columns_by_file,
    ikm_columns,
    product_columns,
    sentra_columns,
)
from etalase.render.opendata.describe import describe, field_descriptions, in_language
from etalase.render.opendata.files import catalogue_json, cell, csv_bytes, data_files, publish
from etalase.render.opendata.links import (
    DATA_DIR,
    IKM_CSV,
    JSON_FILE,
    PAGE,
    PARTNERSHIPS_CSV,
    PRODUCTS_CSV,
    SENTRA_CSV,
    Links,
    catalogue_date,
    links_for,
)
from etalase.render.opendata.page import document_columns, opendata_pages

__all__ = [
    "DATA_DIR",
    "IKM_CSV",
    "JSON_FILE",
    "PAGE",
    "PARTNERSHIPS_CSV",
    "PRODUCTS_CSV",
    "SENTRA_CSV",
    "Column",
    "Links",
    "Row",
    "catalogue_date",
    "catalogue_json",
    "cell",
    "columns_by_file",
    "csv_bytes",
    "data_files",
    "describe",
    "document_columns",
    "field_descriptions",
    "ikm_columns",
    "in_language",
    "links_for",
    "opendata_pages",
    "product_columns",
    "publish",
    "sentra_columns",
]
