"""Open data: ``dcat.jsonld``, the datasets described in DCAT (W3C Data Catalog Vocabulary), JSON-LD.

Open data portals built on CKAN (the government's among them) harvest DCAT with ckanext-dcat: a
``dcat:Catalog`` with one ``dcat:Dataset`` per file (products, IKMs, sentra, the whole catalogue),
each with its title and description in Indonesian and English, licence, date, landing page (the
data page) and a ``dcat:Distribution`` saying where to download it, its media type and the schema
it conforms to (the Data Package for the CSVs, the JSON Schema for catalogue.json).
"""

from __future__ import annotations

from typing import Any

from etalase.model.catalog import Catalog
from etalase.render.opendata.links import IKM_CSV, JSON_FILE, PAGE, PRODUCTS_CSV, SENTRA_CSV, Links, catalogue_date
from etalase.render.opendata.package import PACKAGE_FILE
from etalase.render.opendata.schema import SCHEMA_FILE

DCAT_FILE = "dcat.jsonld"
CONTEXT = {
    "dcat": "http://www.w3.org/ns/dcat#",
    "dct": "http://purl.org/dc/terms/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
# file → (title id, title en, description id, description en, keywords)
DATASETS = {
    PRODUCTS_CSV: (
        "Produk IKM",
        "IKM products",
        "Satu baris per produk: harga, pesanan minimum, kapasitas, sertifikat, kesiapan ekspor, kode HS.",
        "One row per product: price band, minimum order, capacity, certificates, export readiness, HS code.",
        ["IKM", "produk", "products", "UMKM"],
    ),
    IKM_CSV: (
        "Pelaku IKM",
        "IKM makers",
        "Satu baris per IKM (industri kecil dan menengah): sentra, lokasi, tenaga kerja, NIB, kontak.",
        "One row per IKM (small and medium manufacturer): sentra, location, workers, NIB, contacts.",
        ["IKM", "industri kecil", "small industry"],
    ),
    SENTRA_CSV: (
        "Sentra industri",
        "Industry clusters (sentra)",
        "Satu baris per sentra: tempat, koordinat, jumlah unit usaha dan tenaga kerja, produk utama.",
        "One row per sentra: place, coordinates, number of businesses and workers, main products.",
        ["sentra", "klaster industri", "industry cluster"],
    ),
    JSON_FILE: (
        "Katalog lengkap (JSON)",
        "The whole catalogue (JSON)",
        "Kategori, sentra, IKM dan produk dalam satu berkas, teks dalam bahasa Indonesia dan Inggris.",
        "Categories, sentra, IKMs and products in one file, texts in Indonesian and English.",
        ["katalog", "catalogue"],
    ),
}


def _texts(id_text: str, en_text: str) -> list[dict[str, str]]:
    return [{"@value": id_text, "@language": "id"}, {"@value": en_text, "@language": "en"}]


def _dataset(name: str, links: Links, common: dict[str, Any]) -> dict[str, Any]:
    title_id, title_en, text_id, text_en, keywords = DATASETS[name]
    is_csv = name.endswith(".csv")
    conforms = links.file(PACKAGE_FILE if is_csv else SCHEMA_FILE)
    return {
        "@id": f"{links.file(name)}#dataset",
        "@type": "dcat:Dataset",
        "dct:identifier": name.rsplit(".", 1)[0],
        "dct:title": _texts(title_id, title_en),
        "dct:description": _texts(text_id, text_en),
        "dcat:keyword": keywords,
        **common,
        "dcat:distribution": [
            {
                "@id": f"{links.file(name)}#distribution",
                "@type": "dcat:Distribution",
                "dct:title": _texts(title_id, title_en),
                "dcat:downloadURL": {"@id": links.file(name)},
                "dcat:accessURL": {"@id": links.file(name)},
                "dcat:mediaType": "text/csv" if is_csv else "application/json",
                "dct:format": "CSV" if is_csv else "JSON",
                "dct:conformsTo": {"@id": conforms},
                **({"dct:license": common["dct:license"]} if "dct:license" in common else {}),
            }
        ],
    }


def dcat_catalog(catalog: Catalog, links: Links) -> dict[str, Any]:
    """Return the DCAT description of the open data files as one JSON-LD document."""
    site = catalog.site
    date = catalogue_date(catalog)
    licence = getattr(site, "data_licence", None)
    landing = links.page(PAGE.removesuffix(".md") + "/")
    common: dict[str, Any] = {
        "dct:publisher": {"@type": "foaf:Organization", "foaf:name": site.title.id},
        "dct:language": [
            {"@id": "http://id.loc.gov/vocabulary/iso639-1/id"},
            {"@id": "http://id.loc.gov/vocabulary/iso639-1/en"},
        ],
        "dcat:landingPage": [{"@id": address} for address in landing.values()],
    }
    if date:
        common["dct:modified"] = {"@value": date.isoformat(), "@type": "xsd:date"}
    if licence:
        common["dct:license"] = {"@id": str(licence.url)}
    return {
        "@context": CONTEXT,
        "@id": links.file(DCAT_FILE),
        "@type": "dcat:Catalog",
        "dct:title": _texts(site.title.id, site.title.get("en")),
        "dct:description": _texts(site.notice.id, site.notice.get("en")),
        "foaf:homepage": {"@id": links.root or "./"},
        **{key: value for key, value in common.items() if key != "dcat:landingPage"},
        "dcat:dataset": [_dataset(name, links, common) for name in DATASETS],
    }
