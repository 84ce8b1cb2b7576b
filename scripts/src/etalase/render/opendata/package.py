"""Open data: ``datapackage.json``, a Frictionless Data Package (v2) describing the CSVs.

Each CSV gets a Table Schema, so tools read its columns with the right types instead of guessing
(a guess reads ``+6281…`` and a 13-digit NIB as numbers and loses the ``+`` and leading zeros):
the type, pattern, range and allowed values of every column come from the record models' JSON
Schema (the single source of truth), the category columns are limited to the catalogue's
categories, and the keys say how the files join: a product by ``ikm`` + ``slug``, its ``ikm``
naming a row of ``ikm.csv``, an IKM's ``sentra`` naming a row of ``sentra.csv``; a partnership
(an outcome of a business forum) names its IKM and sentra the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pydantic import BaseModel

from etalase.model.catalog import Catalog
from etalase.render.opendata.columns import Column, columns_by_file
from etalase.render.opendata.links import (
    DATA_DIR,
    IKM_CSV,
    LIST_SEP,
    PAGE,
    PARTNERSHIPS_CSV,
    PRODUCTS_CSV,
    SENTRA_CSV,
    Links,
    catalogue_date,
)

PACKAGE_FILE = "datapackage.json"
PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
TABLE_PROFILE = "https://datapackage.org/profiles/2.0/tableschema.json"
DIALECT_PROFILE = "https://datapackage.org/profiles/2.0/tabledialect.json"
KEYS: dict[str, dict[str, Any]] = {
    PRODUCTS_CSV: {
        "primaryKey": ["ikm", "slug"],
        "foreignKeys": [{"fields": ["ikm"], "reference": {"resource": "ikm", "fields": ["slug"]}}],
    },
    IKM_CSV: {
        "primaryKey": ["slug"],
        "foreignKeys": [{"fields": ["sentra"], "reference": {"resource": "sentra", "fields": ["slug"]}}],
    },
    SENTRA_CSV: {"primaryKey": ["slug"]},
    PARTNERSHIPS_CSV: {
        "foreignKeys": [
            {"fields": ["ikm"], "reference": {"resource": "ikm", "fields": ["slug"]}},
            {"fields": ["sentra"], "reference": {"resource": "sentra", "fields": ["slug"]}},
        ],
    },
}
CATEGORY_COLUMNS = {(PRODUCTS_CSV, "category"), (SENTRA_CSV, "category"), (PARTNERSHIPS_CSV, "category")}
SIMPLE_TYPES = {"string": "string", "integer": "integer", "number": "number", "boolean": "boolean"}


def _resolve(node: dict[str, Any], defs: Mapping[str, Any]) -> tuple[dict[str, Any], bool]:
    """Return the schema ``node`` stands for ($ref followed, ``X | None`` unwrapped) and whether it may be null."""
    nullable = False
    while True:
        if "$ref" in node:
            node = {**defs[node["$ref"].rsplit("/", 1)[1]], **{k: v for k, v in node.items() if k != "$ref"}}
        elif "anyOf" in node:
            options = [o for o in node["anyOf"] if o.get("type") != "null"]
            nullable = nullable or len(options) < len(node["anyOf"])
            node = options[0] if len(options) == 1 else {"type": "string"}
        else:
            return node, nullable


def field_schema(model: type[BaseModel], path: str) -> tuple[dict[str, Any], bool]:
    """Return the JSON Schema of the dotted field ``path`` of ``model`` and whether a row must have it.

    A list on the way (``certificates.number``) is stepped into; such a column is never required.
    """
    schema = model.model_json_schema(mode="serialization")
    defs = schema.get("$defs", {})
    node, required = schema, True
    for part in path.split("."):
        node, _ = _resolve(node, defs)
        if node.get("type") == "array":
            node, required = _resolve(node["items"], defs)[0], False
        required = required and part in node.get("required", [])
        node, nullable = _resolve(node["properties"][part], defs)
        required = required and not nullable
    return node, required


def _constraints(node: Mapping[str, Any]) -> dict[str, Any]:
    """Return the Table Schema constraints a JSON Schema node sets (pattern, range, allowed values)."""
    found: dict[str, Any] = {}
    if "pattern" in node:
        found["pattern"] = node["pattern"].removeprefix("^").removesuffix("$")
    if "enum" in node:
        found["enum"] = list(node["enum"])
    for json_key, table_key in (("minimum", "minimum"), ("maximum", "maximum")):
        if json_key in node:
            found[table_key] = node[json_key]
    return found


def table_field(model: type[BaseModel], column: Column, links: Links) -> dict[str, Any]:
    """Return the Table Schema field of one CSV column."""
    field: dict[str, Any] = {"name": column.name}
    if column.field is None:  # page and photo addresses
        if column.name.startswith("url_"):
            field.update(type="string", constraints={"required": True})
        else:
            field.update(type="list", delimiter=LIST_SEP, itemType="string")
        if links.root and column.name.startswith("url_"):
            field["format"] = "uri"
        return field
    node, required = field_schema(model, column.field)
    kind = node.get("type")
    if kind == "array":
        item = node.get("items", {})
        field.update(type="list", delimiter=LIST_SEP, itemType=SIMPLE_TYPES.get(item.get("type"), "string"))
    elif kind == "string" and node.get("format") == "date":
        field["type"] = "date"
    else:
        field["type"] = SIMPLE_TYPES.get(kind, "string")
        constraints = _constraints(node)
        if constraints:
            field["constraints"] = constraints
    if required:
        field.setdefault("constraints", {})["required"] = True
    return field


def datapackage(catalog: Catalog, links: Links) -> dict[str, Any]:
    """Return ``datapackage.json``: the package, its licence and one tabular resource per CSV."""
    site = catalog.site
    date = catalogue_date(catalog)
    licence = getattr(site, "data_licence", None)
    categories = [c.slug for c in catalog.categories]
    resources = []
    for name, (model, columns) in columns_by_file(links.languages).items():
        fields = [table_field(model, column, links) for column in columns]
        for field in fields:
            if (name, field["name"]) in CATEGORY_COLUMNS:
                field.setdefault("constraints", {})["enum"] = categories
        resources.append(
            {
                "name": name.removesuffix(".csv"),
                "path": name,
                "type": "table",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "dialect": {"$schema": DIALECT_PROFILE, "header": True, "delimiter": ","},
                "schema": {
                    "$schema": TABLE_PROFILE,
                    "fields": fields,
                    "missingValues": [""],
                    **KEYS[name],
                },
            }
        )
    package: dict[str, Any] = {
        "$schema": PROFILE,
        "name": "etalase-catalogue",
        "title": site.title.id,
        "description": site.notice.id,
        "version": date.isoformat() if date else "0",
        "created": f"{date.isoformat()}T00:00:00Z" if date else None,
        "homepage": links.page(PAGE.removesuffix(".md") + "/")[links.languages[0]],
        "resources": resources,
    }
    if licence:
        package["licenses"] = [{"path": str(licence.url), "title": licence.name}]
    if not package["created"]:
        del package["created"]
    return package


def package_path() -> str:
    """Return the data package's path from the site root."""
    return f"{DATA_DIR}/{PACKAGE_FILE}"
