"""JSON Schemas for editors and CI, written from the record models.

Reads the models in ``records`` (and the category slugs in ``catalog/categories.yml``,
so editors can complete them); returns or writes one ``<kind>.schema.json`` per record
type. yaml-language-server finds them through the ``# yaml-language-server: $schema=``
line at the top of each record.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from etalase.check.schemas import MODELS
from etalase.model import CertificateType
from etalase.source.load import Kind, RawRecord, read_record

SCHEMA_DIR = Path("catalog") / "schema"
DRAFT = "https://json-schema.org/draft/2020-12/schema"


def json_schemas(category_slugs: list[str]) -> dict[str, str]:
    """Return file name → JSON Schema text for every record type."""
    schemas = {}
    for kind, model in MODELS.items():
        schema: dict[str, Any] = {"$schema": DRAFT, **model.model_json_schema()}
        if category_slugs and kind in {Kind.product, Kind.sentra}:
            schema["properties"]["category"]["enum"] = sorted(category_slugs)
        if kind is Kind.forum:  # a need's category and certificates, as `etalase validate` checks them
            need = schema["$defs"]["Need"]["properties"]
            if category_slugs:
                need["category"]["enum"] = sorted(category_slugs)
            need["certificates"]["items"]["enum"] = sorted(c.value for c in CertificateType)
        schemas[f"{kind.value}.schema.json"] = json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"
    return schemas


def category_slugs(root: Path) -> list[str]:
    """Return the category slugs listed in ``catalog/categories.yml`` (empty if unreadable)."""
    record = read_record(root, Kind.categories, root / "catalog" / "categories.yml")
    if not isinstance(record, RawRecord):
        return []
    categories = record.data.get("categories") or []
    return [str(c["slug"]) for c in categories if isinstance(c, dict) and "slug" in c]


def stale_schemas(root: Path) -> list[str]:
    """Return the schema files under ``root`` that are missing or differ from the models."""
    folder = root / SCHEMA_DIR
    return [
        name
        for name, text in json_schemas(category_slugs(root)).items()
        if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text
    ]


def write_schemas(root: Path) -> list[Path]:
    """Write every schema file under ``root/catalog/schema``; return the paths written."""
    folder = root / SCHEMA_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in json_schemas(category_slugs(root)).items():
        (folder / name).write_text(text, encoding="utf-8")
        written.append(folder / name)
    return written
