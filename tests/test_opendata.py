"""Open data (opendata.py): data/catalogue.json and the CSVs, and the page that documents them.

Unit tests of the pure functions on the small project, then the built sample site: the files
parse, hold one entry per record, point at pages and photos that exist, publish nothing the
site does not show, and the data/ page of each language documents every column.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import TODAY
from etalase import pipeline
from etalase.model import Ikm, Product, Sentra
from etalase.model.catalog import Catalog
from etalase.render import opendata
from etalase.source.load import load_records


@pytest.fixture
def mini_catalog(mini_project: Path) -> Catalog:
    outcome = pipeline.check(mini_project, TODAY)
    assert outcome.catalog is not None, [p.format("en") for p in outcome.problems]
    return outcome.catalog


LINKS = opendata.Links("https://example.org/katalog/", ("id", "en"))


# --- pure functions -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (None, ""),
        (True, "true"),
        (False, "false"),
        (["S", "M", "L"], "S; M; L"),
        (12.5, "12.5"),
        (TODAY, "2026-11-22"),
        ("teks, dengan koma", "teks, dengan koma"),
    ],
)
def test_cell_writes_values_as_plain_text(value: object, text: str) -> None:
    assert opendata.cell(value) == text


def test_csv_quotes_what_needs_quoting_and_reads_back() -> None:
    columns = [opendata.Column("a", None, lambda row: row.record["a"]), opendata.Column("b", None, lambda row: None)]
    tricky = 'koma, "kutip" dan\nbaris baru; =1+1'
    data = opendata.csv_bytes(columns, [opendata.Row({"a": tricky}, {})])
    rows = list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))
    assert rows == [["a", "b"], [tricky, ""]]
    assert data.endswith(b"\r\n")


def test_descriptions_come_from_the_models_in_both_languages() -> None:
    assert opendata.describe(Product, "price.min", "en") == "Price band in rupiah per unit: Lowest price in IDR"
    assert opendata.describe(Product, "price.min", "id") == "Kisaran harga (rupiah per satuan): Harga terendah"
    assert opendata.in_language("Only English", "id") == "Only English"
    with pytest.raises(KeyError):
        opendata.field_descriptions(Product, "price.cheapest")
    for model, columns in [
        (Product, opendata.product_columns(("id", "en"))),
        (Ikm, opendata.ikm_columns(("id", "en"))),
        (Sentra, opendata.sentra_columns(("id", "en"))),
    ]:
        names = [c.name for c in columns]
        assert len(names) == len(set(names)), names
        for column in columns:
            if column.field is None:
                assert column.derived, column.name
                continue
            for lang in ("id", "en"):
                assert opendata.describe(model, column.field, lang).strip(), (model.__name__, column.name, lang)


def test_every_derived_column_has_its_text_in_both_tables() -> None:
    tables = {
        lang: yaml.safe_load((Path(__file__).parent.parent / f"templates/i18n/{lang}.yml").read_text(encoding="utf-8"))
        for lang in ("id", "en")
    }
    derived = {
        c.derived for columns in opendata.columns_by_file(("id", "en")).values() for c in columns[1] if c.field is None
    }
    for table in tables.values():
        assert derived <= set(table["opendata"]["derived"])


def test_links_are_absolute_with_a_site_url_and_root_relative_without() -> None:
    assert LINKS.page("produk/a/b/") == {
        "id": "https://example.org/katalog/produk/a/b/",
        "en": "https://example.org/katalog/en/produk/a/b/",
    }
    assert LINKS.file("products.csv") == "https://example.org/katalog/data/products.csv"
    assert opendata.Links("", ("id",)).page("ikm/x/") == {"id": "ikm/x/"}


def test_files_hold_every_record_and_nothing_hidden(mini_catalog: Catalog) -> None:
    files = opendata.data_files(mini_catalog, {}, LINKS)
    assert set(files) == {
        "catalogue.json",
        "catalogue.schema.json",
        "datapackage.json",
        "dcat.jsonld",
        "products.csv",
        "ikm.csv",
        "sentra.csv",
        "partnerships.csv",
    }
    data = json.loads(files["catalogue.json"])
    assert data["counts"] == {
        "categories": len(mini_catalog.categories),
        "sentra": len(mini_catalog.sentra),
        "ikm": len(mini_catalog.ikms),
        "products": len(mini_catalog.products),
    }
    assert [p["slug"] for p in data["products"]] == [e.record.slug for e in mini_catalog.products]
    assert data["generated"] == opendata.catalogue_date(mini_catalog).isoformat()
    assert data["licence"] == {"name": "CC BY 4.0", "url": "https://creativecommons.org/licenses/by/4.0/"}
    text = files["catalogue.json"].decode("utf-8")
    assert "\n " not in text  # compact: indentation was a fifth of its bytes
    for hidden in ('"dairy"', '"meat_or_fish"', '"canned"', '"baby_food"', '"file"', '"food":true'):
        assert hidden not in text
    for name, count in [("products.csv", len(mini_catalog.products)), ("ikm.csv", 2), ("sentra.csv", 1)]:
        rows = list(csv.DictReader(io.StringIO(files[name].decode("utf-8"), newline="")))
        assert len(rows) == count, name
    product = next(csv.DictReader(io.StringIO(files["products.csv"].decode("utf-8"), newline="")))
    assert product["url_en"].startswith("https://example.org/katalog/en/produk/")


def test_files_are_deterministic(mini_catalog: Catalog) -> None:
    assert opendata.data_files(mini_catalog, {}, LINKS) == opendata.data_files(mini_catalog, {}, LINKS)


# --- the built sample site ----------------------------------------------------------------------


def _site_url(root: Path) -> str:
    return yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]


def _local(site: Path, url: str, site_url: str) -> Path:
    """Return the built file an absolute site URL serves."""
    assert url.startswith(site_url), url
    path = site / urlsplit(url).path.removeprefix(urlsplit(site_url).path)
    return path / "index.html" if url.endswith("/") else path


def _records(root: Path) -> dict[str, list[dict]]:
    records, _ = load_records(root)
    by_kind: dict[str, list[dict]] = {}
    for record in records:
        by_kind.setdefault(record.kind.value, []).append(record.data)
    return by_kind


@pytest.mark.slow
def test_catalogue_json_matches_the_records(sample_site: Path) -> None:
    site, site_url = sample_site / "site", _site_url(sample_site)
    data = json.loads((site / "data/catalogue.json").read_text(encoding="utf-8"))
    records = _records(sample_site)
    assert data["counts"] == {
        "categories": len(records["category-list"][0]["categories"]),
        "sentra": len(records["sentra"]),
        "ikm": len(records["ikm"]),
        "products": len(records["product"]),
    }
    assert len(data["products"]) == len(records["product"]) > 0
    assert {s["slug"] for s in data["sentra"]} == {s["slug"] for s in records["sentra"]}
    newest = max(str(r["last_verified"]) for kind in ("product", "ikm", "sentra") for r in records[kind])
    assert data["generated"] == newest
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    assert f"<lastmod>{newest}</lastmod>" in sitemap  # the same content date as the sitemap's
    for kind in ("products", "ikm", "sentra", "categories"):
        for record in data[kind]:
            for url in record["url"].values():
                assert _local(site, url, site_url).is_file(), url
            for photo in record.get("photos", []):
                assert _local(site, photo["url"], site_url).is_file(), photo["url"]
                assert photo["alt"]["id"]
    assert all(p["photos"] for p in data["products"])


@pytest.mark.slow
@pytest.mark.parametrize(("name", "kind"), [("products.csv", "product"), ("ikm.csv", "ikm"), ("sentra.csv", "sentra")])
def test_csv_has_a_row_per_record(sample_site: Path, name: str, kind: str) -> None:
    site, site_url = sample_site / "site", _site_url(sample_site)
    raw = (site / "data" / name).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8"), newline="")))
    records = _records(sample_site)[kind]
    assert len(rows) == len(records)
    assert {r["slug"] for r in rows} == {r["slug"] for r in records}
    for row in rows:
        assert _local(site, row["url_id"], site_url).is_file()
        assert _local(site, row["url_en"], site_url).is_file()
        for url in filter(None, row.get("photo_urls", row.get("logo_url", "")).split("; ")):
            assert _local(site, url, site_url).is_file(), url
    if kind == "product":
        lusin = next(r for r in records if r["moq"]["unit"] == "lusin")
        row = next(r for r in rows if r["slug"] == lusin["slug"] and r["ikm"] == lusin["ikm"])
        assert (row["moq_quantity"], row["moq_unit"]) == (str(lusin["moq"]["quantity"]), "lusin")
        assert row["materials_id"] == "; ".join(lusin["materials"]["id"])


@pytest.mark.slow
def test_data_page_documents_every_column_in_both_languages(sample_site: Path) -> None:
    site = sample_site / "site"
    for page, heading, lang_text in [
        ("data/index.html", "Data terbuka", "Kisaran harga (rupiah per satuan): Harga terendah"),
        ("en/data/index.html", "Open data", "Price band in rupiah per unit: Lowest price in IDR"),
    ]:
        html = (site / page).read_text(encoding="utf-8")
        assert f"<h1>{heading}</h1>" in html
        assert lang_text in html
        assert 'href="https://creativecommons.org/licenses/by/4.0/" rel="license noopener">CC BY 4.0</a>' in html
        for name in ("catalogue.json", "products.csv", "ikm.csv", "sentra.csv"):
            assert f'href="{"../" * page.count("/")}data/{name}"' in html, (page, name)
            header = next(csv.reader(io.StringIO((site / "data" / name).read_text(encoding="utf-8"))), [])
            for column in header if name != "catalogue.json" else []:
                assert f"<code>{column}</code>" in html, (page, column)


@pytest.mark.slow
def test_every_page_links_to_the_open_data_page_of_its_language(sample_site: Path) -> None:
    site = sample_site / "site"
    missing = []
    for page in sorted(site.rglob("*.html")):
        rel = page.relative_to(site).as_posix()
        if "chat" in rel.split("/")[:2]:
            continue  # short WhatsApp addresses: sent on to the chat at once, without the theme's footer
        html = page.read_text(encoding="utf-8")
        match = re.search(r'<a class="et-footer-data" href="([^"]+)">([^<]+)</a>', html)
        if match is None:
            missing.append(rel)
            continue
        if rel == "404.html":
            continue  # GitHub Pages serves it at any depth: its links start at the site's path
        target = (page.parent / match.group(1)).resolve()
        expected = site / ("en/data" if rel.startswith("en/") else "data")
        if target != expected.resolve():
            missing.append(f"{rel} -> {match.group(1)}")
    assert missing == []


# --- data that describes itself ------------------------------------------------------------


@pytest.mark.slow
def test_frictionless_validates_the_data_package(sample_site: Path) -> None:
    """data/datapackage.json (Data Package v2) and its CSVs pass frictionless, keys and all."""
    from frictionless import Package

    data = sample_site / "site/data"
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    assert package["$schema"] == "https://datapackage.org/profiles/2.0/datapackage.json"
    report = Package(str(data / "datapackage.json")).validate()
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:20]
    schemas = {r["name"]: r["schema"] for r in package["resources"]}
    assert schemas["products"]["primaryKey"] == ["ikm", "slug"]
    assert schemas["products"]["foreignKeys"][0]["reference"] == {"resource": "ikm", "fields": ["slug"]}
    assert schemas["ikm"]["foreignKeys"][0]["reference"] == {"resource": "sentra", "fields": ["slug"]}
    fields = {(name, f["name"]): f for name, schema in schemas.items() for f in schema["fields"]}
    for key in (("ikm", "whatsapp"), ("ikm", "nib"), ("products", "hs_code")):
        assert fields[key]["type"] == "string" and "pattern" in fields[key]["constraints"], key
    assert fields[("products", "price_min")]["type"] == "integer"
    assert fields[("sentra", "lat")]["type"] == "number"
    assert fields[("products", "export_ready")]["type"] == "boolean"
    assert "lusin" in fields[("products", "moq_unit")]["constraints"]["enum"]
    assert "rajut" in fields[("products", "category")]["constraints"]["enum"]
    # read through the package, WhatsApp numbers keep their + and NIBs their 13 digits
    ikm = Package(str(data / "datapackage.json")).get_resource("ikm").read_rows()
    assert ikm and all(row["whatsapp"].startswith("+") and len(row["nib"]) == 13 for row in ikm)


@pytest.mark.slow
def test_a_package_with_a_broken_row_fails(sample_site: Path, tmp_path: Path) -> None:
    """The package's schemas do say something: a product of an unknown IKM or a worded price fails."""
    from frictionless import Package

    data = tmp_path / "data"
    data.mkdir()
    for path in (sample_site / "site/data").iterdir():
        (data / path.name).write_bytes(path.read_bytes())
    rows = list(csv.reader(io.StringIO((data / "products.csv").read_text(encoding="utf-8"))))
    header = rows[0]
    rows[1][header.index("ikm")] = "no-such-ikm"
    rows[2][header.index("price_min")] = "85rb"
    out = io.StringIO(newline="")
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    (data / "products.csv").write_text(out.getvalue(), encoding="utf-8")
    report = Package(str(data / "datapackage.json")).validate()
    kinds = {error[2] for error in report.flatten(["rowNumber", "fieldName", "type"])}
    assert {"foreign-key", "type-error"} <= kinds


@pytest.mark.slow
def test_published_json_schema_validates_catalogue_json(sample_site: Path) -> None:
    import jsonschema

    data = sample_site / "site/data"
    schema = json.loads((data / "catalogue.schema.json").read_text(encoding="utf-8"))
    catalogue = json.loads((data / "catalogue.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = [f"{e.json_path}: {e.message[:120]}" for e in validator.iter_errors(catalogue)]
    assert errors == []
    catalogue["products"][0]["price"]["min"] = "85rb"
    catalogue["ikm"][0]["nib"] = 9120001234567
    assert len(list(validator.iter_errors(catalogue))) == 2


@pytest.mark.slow
def test_dcat_describes_every_file_for_a_portal(sample_site: Path) -> None:
    """dcat.jsonld reads as RDF (as ckanext-dcat reads it): a catalog of datasets with downloads."""
    import rdflib

    site_url = _site_url(sample_site)
    graph = rdflib.Graph()
    graph.parse(str(sample_site / "site/data/dcat.jsonld"), format="json-ld")
    dcat, dct = rdflib.Namespace("http://www.w3.org/ns/dcat#"), rdflib.Namespace("http://purl.org/dc/terms/")
    catalogs = list(graph.subjects(rdflib.RDF.type, dcat.Catalog))
    datasets = set(graph.objects(catalogs[0], dcat.dataset))
    assert len(catalogs) == 1 and len(datasets) == 4
    downloads = set()
    for dataset in datasets:
        assert {t.language for t in graph.objects(dataset, dct.title)} == {"id", "en"}
        for distribution in graph.objects(dataset, dcat.distribution):
            downloads |= {str(u) for u in graph.objects(distribution, dcat.downloadURL)}
    names = ("catalogue.json", "products.csv", "ikm.csv", "sentra.csv")
    assert downloads == {f"{site_url}data/{name}" for name in names}
    for name in names:
        assert (sample_site / "site/data" / name).is_file()


@pytest.mark.slow
def test_data_page_links_the_package_the_schema_and_dcat(sample_site: Path) -> None:
    for page in ("data/index.html", "en/data/index.html"):
        html = (sample_site / "site" / page).read_text(encoding="utf-8")
        for name in ("datapackage.json", "catalogue.schema.json", "dcat.jsonld"):
            assert f'data/{name}"' in html, (page, name)
        assert "schema/product.schema.json" not in html  # the editors' record schemas are not the data's
