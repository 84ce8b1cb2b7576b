"""Structured data (structured.py), the sitemap, canonical URLs and share tags.

Unit tests of the JSON-LD builders and of the script escaping; then over the built sample site:
the JSON-LD of every product, IKM, sentra and home page in both languages, every page in
sitemap.xml and every sitemap URL a built page, canonical + og:title + twitter:card on every
page; and over the hostile build, a name carrying ``</script>`` stays inside its script.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import HOSTILE, TODAY
from etalase import pipeline
from etalase.model import Unit
from etalase.model.catalog import Catalog
from etalase.render import structured

LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)


@pytest.fixture
def mini_catalog(mini_project: Path) -> Catalog:
    outcome = pipeline.check(mini_project, TODAY)
    assert outcome.catalog is not None
    return outcome.catalog


# --- pure functions -------------------------------------------------------------------------


def test_script_cannot_be_broken_out_of() -> None:
    data = {"name": "</script><script>alert(1)</script><!-- & -->", "line": "a\u2028b"}
    element = structured.script(data)
    inner = element.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert not {"<", ">", "&", "\u2028"} & set(inner)
    assert json.loads(inner) == data


def test_product_is_a_product_with_an_aggregate_offer(mini_catalog: Catalog) -> None:
    entry = mini_catalog.products[0]
    product = entry.record
    maker = mini_catalog.ikms[product.ikm].record
    data = structured.product_ld(
        product,
        maker,
        lang="en",
        url="https://x.example/en/produk/a/b/",
        maker_url="https://x.example/en/ikm/a/",
        images=["https://x.example/media/1.webp"],
        category=mini_catalog.category_by_slug[product.category],
        unit_text=lambda unit: f"[{unit.value}]",
    )
    assert data["@type"] == "Product" and data["name"] == product.name.get("en")
    offer = data["offers"]
    assert offer["@type"] == "AggregateOffer"
    assert (offer["lowPrice"], offer["highPrice"], offer["priceCurrency"]) == (
        product.price.min,
        product.price.max,
        "IDR",
    )
    assert offer["eligibleQuantity"]["minValue"] == product.moq.quantity
    assert offer["eligibleQuantity"]["unitText"] == f"[{product.moq.unit.value}]"
    assert offer["availability"] == "https://schema.org/MadeToOrder"
    assert data["brand"] == {
        "@type": "Organization",
        "@id": "https://x.example/en/ikm/a/#organization",
        "name": maker.name,
        "url": "https://x.example/en/ikm/a/",
    }
    # written once: the manufacturer and the seller are the brand's node, named by its @id
    assert data["manufacturer"] == offer["seller"] == {"@id": "https://x.example/en/ikm/a/#organization"}
    assert data["url"] == "https://x.example/en/produk/a/b/" and "url" not in offer
    assert data["countryOfOrigin"]["identifier"] == "ID"


def test_units_have_un_cefact_codes_but_kodi() -> None:
    assert structured.UNIT_CODES[Unit.lusin] == "DZN" and structured.UNIT_CODES[Unit.pasang] == "PR"
    kodi = structured._quantity(5, Unit.kodi, "kodi (20 pcs)", minimum=True)
    assert kodi == {"@type": "QuantitativeValue", "minValue": 5, "unitText": "kodi (20 pcs)"}


def test_organization_and_place(mini_catalog: Catalog) -> None:
    sentra = next(iter(mini_catalog.sentra.values())).record
    ikm = next(iter(mini_catalog.ikms.values())).record
    org = structured.organization_ld(
        ikm, lang="id", url="u/", logo=None, sentra=sentra, sentra_url="s/", same_as=["https://instagram.com/x/"]
    )
    assert org["@type"] == "Organization" and org["name"] == ikm.name
    assert org["address"] == {"@type": "PostalAddress", "addressLocality": ikm.location.city, "addressCountry": "ID"}
    assert org["location"]["@id"] == "s/#place" and "logo" not in org
    assert org["telephone"] == ikm.contacts.whatsapp
    place = structured.place_ld(sentra, lang="id", url="s/", images=[], map_url="https://osm/", category=None)
    assert place["geo"] == {
        "@type": "GeoCoordinates",
        "latitude": sentra.coordinates.lat,
        "longitude": sentra.coordinates.lon,
    }
    assert "image" not in place  # empty values are left out


# --- the built sample site ----------------------------------------------------------------------


def _site_url(root: Path) -> str:
    return yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]


def _html_pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.name != "404.html")


def _url_of(site: Path, page: Path, site_url: str) -> str:
    rel = page.relative_to(site).as_posix().removesuffix("index.html")
    return site_url + rel


def _local(site: Path, url: str, site_url: str) -> Path:
    assert url.startswith(site_url), url
    path = site / urlsplit(url).path.removeprefix(urlsplit(site_url).path)
    return path / "index.html" if url.endswith("/") else path


def _ld(page: Path) -> list[dict]:
    return [json.loads(block) for block in LD.findall(page.read_text(encoding="utf-8"))]


@pytest.mark.slow
def test_product_pages_carry_a_product(sample_site: Path) -> None:
    site, site_url = sample_site / "site", _site_url(sample_site)
    pages = sorted(site.glob("produk/*/*/index.html")) + sorted(site.glob("en/produk/*/*/index.html"))
    assert len(pages) >= 2 * 71
    for page in pages:
        (data,) = _ld(page)
        assert data["@context"] == "https://schema.org" and data["@type"] == "Product", page
        assert data["name"] and data["description"]
        assert data["url"] == _url_of(site, page, site_url)
        assert data["image"] and all(_local(site, url, site_url).is_file() for url in data["image"])
        offers = data["offers"]
        assert offers["@type"] == "AggregateOffer"
        assert isinstance(offers["lowPrice"], int) and offers["lowPrice"] <= offers["highPrice"]
        assert offers["priceCurrency"] == "IDR"
        assert (
            offers["eligibleQuantity"]["@type"] == "QuantitativeValue" and offers["eligibleQuantity"]["minValue"] >= 1
        )
        assert data["brand"]["@id"] == data["manufacturer"]["@id"] == offers["seller"]["@id"]  # one node
        assert data["brand"]["name"] and _local(site, data["brand"]["url"], site_url).is_file()
        lang = "en" if page.relative_to(site).parts[0] == "en" else "id"
        assert data["brand"]["url"].startswith(site_url + ("en/" if lang == "en" else "ikm/"))


@pytest.mark.slow
def test_ikm_sentra_and_home_pages(sample_site: Path) -> None:
    site, site_url = sample_site / "site", _site_url(sample_site)
    for prefix in ("", "en/"):
        for page in sorted(site.glob(f"{prefix}ikm/*/index.html")):
            (data,) = _ld(page)
            assert data["@type"] == "Organization" and data["url"] == _url_of(site, page, site_url)
            assert data["address"]["addressLocality"] and data["telephone"].startswith("+")
            assert _local(site, data["location"]["url"], site_url).is_file()
        sentra_pages = sorted(p for p in site.glob(f"{prefix}sentra/*/index.html"))
        assert len(sentra_pages) == 11
        for page in sentra_pages:
            (data,) = _ld(page)
            assert data["@type"] == "Place"
            assert data["geo"]["@type"] == "GeoCoordinates"
            assert -11.5 <= data["geo"]["latitude"] <= 6.5 and 94.5 <= data["geo"]["longitude"] <= 141.5
        (home,) = _ld(site / prefix / "index.html")
        assert home["@type"] == "WebSite" and home["inLanguage"] == (prefix.rstrip("/") or "id")
        target = home["potentialAction"]["target"]["urlTemplate"]
        assert _local(site, target.split("?")[0], site_url).is_file()
    assert _ld(site / "kategori/index.html") == []  # listings carry none


_NOINDEX = '<meta name="robots" content="noindex">'


@pytest.mark.slow
def test_sitemap_lists_every_indexable_page_of_both_languages_and_nothing_else(sample_site: Path) -> None:
    site, site_url = sample_site / "site", _site_url(sample_site)
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert len(locs) == len(set(locs))
    noindex = {page for page in _html_pages(site) if _NOINDEX in page.read_text(encoding="utf-8")}
    assert {page.relative_to(site).parts[-3] for page in noindex} == {"chat"}  # the short WhatsApp addresses
    assert len({page.relative_to(site).parts[0] for page in noindex}) == 2  # in both languages
    expected = {_url_of(site, page, site_url) for page in _html_pages(site) if page not in noindex}
    assert set(locs) == expected  # a noindex page in the sitemap is an error in Search Console
    assert any(url.startswith(site_url + "en/") for url in locs) and site_url + "en/data/" in locs
    alternates = re.findall(r'<xhtml:link rel="alternate" hreflang="(\w+)" href="([^"]+)"/>', sitemap)
    assert {lang for lang, _ in alternates} == {"id", "en"}
    assert all(_local(site, href, site_url).is_file() for _, href in alternates)


class _Head(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.canonical: list[str] = []
        self.meta: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "link" and values.get("rel") == "canonical":
            self.canonical.append(values.get("href", ""))
        if tag == "meta" and (key := values.get("property") or values.get("name")):
            self.meta[key] = values.get("content", "")


@pytest.mark.slow
def test_every_page_has_canonical_and_share_tags(sample_site: Path) -> None:
    site, site_url = sample_site / "site", _site_url(sample_site)
    problems = []
    for page in _html_pages(site):
        if "chat" in page.relative_to(site).parts[:2]:
            continue  # short WhatsApp addresses: sent on to the chat at once, not indexed (robots noindex)
        head = _Head()
        head.feed(page.read_text(encoding="utf-8"))
        url = _url_of(site, page, site_url)
        if head.canonical != [url]:
            problems.append(f"{page}: canonical {head.canonical}")
        # X reads og:title where twitter:title is missing: only its card type is its own
        for key in ("og:title", "og:type", "og:url", "twitter:card"):
            if not head.meta.get(key):
                problems.append(f"{page}: no {key}")
        expected_type = "product" if "/produk/" in f"/{page.relative_to(site).as_posix()}" else "website"
        if head.meta.get("og:type") != expected_type:
            problems.append(f"{page}: og:type {head.meta.get('og:type')}")
    assert problems == [], problems[:10]


@pytest.mark.slow
def test_hostile_name_stays_inside_the_json_ld(hostile_site: Path) -> None:
    page = hostile_site / "site/produk/rajut-contoh/kardigan/index.html"
    html = page.read_text(encoding="utf-8")
    (raw,) = LD.findall(html)
    assert "<" not in raw and ">" not in raw
    data = json.loads(raw)
    assert data["name"] == HOSTILE["name"]
    assert HOSTILE["description"].split(" [")[0] in data["description"]
    assert html.count("<script>alert('name')</script>") == 0
