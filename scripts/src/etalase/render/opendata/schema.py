"""Open data: ``catalogue.schema.json``, the JSON Schema of ``catalogue.json`` as published.

Built from the record models (the single source of truth) as the data file writes them: every
record with its page addresses (``url``: language → address), photos as published copies
(``{url, width, height, alt}``), an IKM's logo as one such photo or null, and without the fields
the site never shows (a product's food facts that decide its permit, a category's food flag).
The record schemas in ``catalog/schema/`` are for editors of the YAML files, not for this file.
"""

from __future__ import annotations

from typing import Any

from pydantic.json_schema import models_json_schema

from etalase.model import Category, Ikm, Product, Sentra
from etalase.render.opendata.links import DATA_DIR, FORMAT_VERSION, HIDDEN_CATEGORY, HIDDEN_FOOD, Links
from etalase.render.partnerships import Partnership

SCHEMA_FILE = "catalogue.schema.json"
DIALECT = "https://json-schema.org/draft/2020-12/schema"


def _urls(links: Links) -> dict[str, Any]:
    """Return the schema of a record's page addresses: one address per site language."""
    address = {"type": "string", "format": "uri"} if links.root else {"type": "string"}
    return {
        "type": "object",
        "properties": {lang: address for lang in links.languages},
        "required": list(links.languages),
        "additionalProperties": False,
    }


PHOTO = {
    "type": "object",
    "description": "A published photo: the address of its largest copy, its size in pixels and its alt text",
    "properties": {
        "url": {"type": "string"},
        "width": {"type": "integer", "minimum": 1},
        "height": {"type": "integer", "minimum": 1},
        "alt": {"$ref": "#/$defs/Text"},
    },
    "required": ["url", "width", "height", "alt"],
    "additionalProperties": False,
}


def _without(definition: dict[str, Any], names: set[str] | dict[str, Any]) -> None:
    """Remove the properties ``names`` from a model's schema (and from its required list)."""
    for name in names:
        definition["properties"].pop(name, None)
    if "required" in definition:
        definition["required"] = [r for r in definition["required"] if r not in names]


def catalogue_schema(links: Links) -> dict[str, Any]:
    """Return the JSON Schema (2020-12) that ``catalogue.json`` of a site with ``links`` validates against."""
    models = [(model, "serialization") for model in (Category, Sentra, Ikm, Product, Partnership)]
    _, schema = models_json_schema(models, ref_template="#/$defs/{model}")
    defs = schema["$defs"]
    urls = _urls(links)
    defs["PublishedPhoto"] = PHOTO
    photos = {"type": "array", "items": {"$ref": "#/$defs/PublishedPhoto"}}
    for name in ("Category", "Sentra", "Ikm", "Product"):
        defs[name]["properties"]["url"] = urls
        defs[name].setdefault("required", []).append("url")
    defs["Sentra"]["properties"]["photos"] = photos
    defs["Product"]["properties"]["photos"] = photos
    defs["Ikm"]["properties"]["logo"] = {"anyOf": [{"$ref": "#/$defs/PublishedPhoto"}, {"type": "null"}]}
    _without(defs["Category"], HIDDEN_CATEGORY)
    _without(defs["FoodInfo"], HIDDEN_FOOD)
    records = {name: {"type": "array", "items": {"$ref": f"#/$defs/{model}"}} for name, model in _LISTS}
    records["partnerships"] = {"type": "array", "items": {"$ref": "#/$defs/Partnership"}}
    text = {"$ref": "#/$defs/Text"}
    return {
        "$schema": DIALECT,
        "$id": f"{links.root}{DATA_DIR}/{SCHEMA_FILE}" if links.root else SCHEMA_FILE,
        "title": "Etalase catalogue.json",
        "description": "The whole catalogue in one file: categories, sentra, IKMs, products and partnerships, as published",
        "type": "object",
        "properties": {
            "format_version": {"const": FORMAT_VERSION},
            "generated": {"type": ["string", "null"], "format": "date"},
            "title": text,
            "notice": text,
            "url": {"type": ["string", "null"]},
            "documentation": urls,
            "licence": {
                "anyOf": [
                    {
                        "type": "object",
                        "properties": {"name": {"type": "string"}, "url": {"type": "string"}},
                        "required": ["name", "url"],
                        "additionalProperties": False,
                    },
                    {"type": "null"},
                ]
            },
            "counts": {
                "type": "object",
                "properties": {name: {"type": "integer", "minimum": 0} for name, _ in _LISTS},
                "required": [name for name, _ in _LISTS],
                "additionalProperties": False,
            },
            **records,
        },
        "required": ["format_version", "generated", "title", "counts", *(name for name, _ in _LISTS), "partnerships"],
        "additionalProperties": False,
        "$defs": defs,
    }


_LISTS = (("categories", "Category"), ("sentra", "Sentra"), ("ikm", "Ikm"), ("products", "Product"))
