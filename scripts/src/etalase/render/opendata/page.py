"""Open data: the data page of each language (``data/``, ``en/data/``): files, columns, licence, citation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from etalase.model.catalog import Catalog
from etalase.render.engine import PageMeta
from etalase.render.links import BASE_LANG
from etalase.render.opendata.columns import Column, columns_by_file
from etalase.render.opendata.dcat import DCAT_FILE
from etalase.render.opendata.describe import describe
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
)
from etalase.render.opendata.package import PACKAGE_FILE
from etalase.render.opendata.schema import SCHEMA_FILE
from etalase.render.partnerships import partnerships
from etalase.render.text import summary


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
            schema_file=SCHEMA_FILE,
            package_file=PACKAGE_FILE,
            dcat_file=DCAT_FILE,
        )
    ]


def _languages_of(renderer: Any) -> tuple[str, ...]:
    """Return the site's languages for the page's column list: the renderer's ``languages`` when it
    has them, else the two languages mkdocs.yml builds (the base language first)."""
    return tuple(getattr(renderer, "languages", None) or (BASE_LANG, "en"))
