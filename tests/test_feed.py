"""New products and the Atom feed: the `added` field, "new this month" (home, baru/) and feed.xml.

Unit tests of the pure functions in ``etalase.feed`` (choosing products by the catalogue's date,
writing Atom, hostile text), the `added` field through validate / scaffold, then the built sample
site: both feeds parse as Atom with absolute entry ids that are built pages, every page's head
links its language's feed, and the list of new products is the right one, newest first.
"""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import TODAY
from etalase import pipeline
from etalase.render import feed
from etalase.render.feed import FeedEntry, FeedHead, atom_feed, catalog_date, newest_products, recent_products

A = "{http://www.w3.org/2005/Atom}"
SITE_URL = "https://etalase-ikm.github.io/etalase/"
SAMPLE_DATE = dt.date(2026, 11, 12)  # the newest added / last_verified date of the sample records


def _catalog(root: Path):
    outcome = pipeline.check(root, TODAY)
    assert outcome.catalog is not None, [p.format("en") for p in outcome.problems]
    return outcome.catalog


def _set_added(root: Path, rel: str, added: str) -> None:
    path = root / rel
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("added:")]
    lines.insert(next(i for i, line in enumerate(lines) if line.startswith("last_verified:")), f"added: {added}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# --- choosing products -----------------------------------------------------------------------


def test_the_catalogue_date_is_its_newest_record_date(mini_project: Path) -> None:
    assert catalog_date(_catalog(mini_project)) == dt.date(2026, 11, 1)
    _set_added(mini_project, "products/dapur-contoh/keripik.yml", "2026-11-20")
    assert catalog_date(_catalog(mini_project)) == dt.date(2026, 11, 20)


def test_new_products_are_those_added_in_the_30_days_up_to_the_date(mini_project: Path) -> None:
    _set_added(mini_project, "products/dapur-contoh/keripik.yml", "2026-10-02")  # 31st day back: not new
    catalog = _catalog(mini_project)
    names = [e.record.slug for e in recent_products(catalog, dt.date(2026, 11, 1))]
    assert names == ["kardigan"]  # added 2026-10-15
    assert [e.record.slug for e in recent_products(catalog, dt.date(2026, 11, 2))] == ["kardigan"]
    assert [e.record.slug for e in recent_products(catalog, dt.date(2026, 10, 31))] == ["kardigan", "keripik"]
    assert [e.record.slug for e in recent_products(catalog, dt.date(2026, 10, 14))] == ["keripik"]
    assert recent_products(catalog, None) == []
    assert [e.record.slug for e in newest_products(catalog)] == ["kardigan", "keripik"]
    assert [e.record.slug for e in newest_products(catalog, 1)] == ["kardigan"]


def test_products_without_added_are_not_new(mini_project: Path) -> None:
    catalog = _catalog(mini_project)
    assert [e.record.slug for e in newest_products(catalog)] == ["kardigan"]  # keripik has no `added`


# --- the `added` field -----------------------------------------------------------------------


def test_an_added_date_in_the_future_is_an_error_at_its_line(mini_project: Path) -> None:
    _set_added(mini_project, "products/dapur-contoh/keripik.yml", "2026-11-23")
    problems = pipeline.check(mini_project, TODAY).problems
    found = [p for p in problems if p.field == "added"]
    assert len(found) == 1 and found[0].severity.value == "error"
    assert found[0].path == "products/dapur-contoh/keripik.yml" and found[0].line == 34
    assert "2026-11-23 is in the future" in found[0].format("en")
    assert "belum terjadi" in found[0].format("id")


def test_the_product_schema_describes_added_in_both_languages() -> None:
    from etalase.model import Product

    described = Product.model_fields["added"].description or ""
    assert "added to the catalogue" in described and "tanggal masuk katalog" in described


# --- Atom ------------------------------------------------------------------------------------


HEAD = FeedHead(SITE_URL + "feed.xml", SITE_URL + "baru/", "Etalase — produk terbaru", "Produk baru", "Etalase", "id")


def _entry(title: str, day: int, **more: object) -> FeedEntry:
    values = {
        "url": f"{SITE_URL}produk/a/p{day}/",
        "title": title,
        "summary": "Ringkas",
        "author": "IKM A",
        "category": "Rajut",
        "published": dt.date(2026, 11, day),
        "updated": dt.date(2026, 11, day),
    }
    return FeedEntry(**{**values, **more})  # type: ignore[arg-type]


def test_an_atom_feed_has_the_required_elements() -> None:
    text = atom_feed(HEAD, [_entry("Kardigan", 12, image=SITE_URL + "media/x/card.jpg"), _entry("Syal", 3)])
    root = ET.fromstring(text.encode())
    assert root.tag == f"{A}feed" and root.get("{http://www.w3.org/XML/1998/namespace}lang") == "id"
    assert root.findtext(f"{A}id") == SITE_URL + "feed.xml"
    assert root.findtext(f"{A}updated") == "2026-11-12T00:00:00Z"
    assert root.findtext(f"{A}author/{A}name") == "Etalase"
    links = {link.get("rel"): link.get("href") for link in root.findall(f"{A}link")}
    assert links == {"self": SITE_URL + "feed.xml", "alternate": SITE_URL + "baru/"}
    entries = root.findall(f"{A}entry")
    assert [e.findtext(f"{A}title") for e in entries] == ["Kardigan", "Syal"]
    first = entries[0]
    assert first.findtext(f"{A}id") == SITE_URL + "produk/a/p12/"
    assert first.findtext(f"{A}published") == "2026-11-12T00:00:00Z"
    assert first.find(f"{A}link[@rel='alternate']").get("href") == SITE_URL + "produk/a/p12/"
    assert first.find(f"{A}link[@rel='enclosure']").get("type") == "image/jpeg"
    assert first.find(f"{A}category").get("term") == "Rajut"
    assert atom_feed(HEAD, [_entry("Kardigan", 12)]) == atom_feed(HEAD, [_entry("Kardigan", 12)])


def test_hostile_text_stays_text_in_the_feed() -> None:
    hostile = '<script>alert(1)</script> & \x00\x1b[31m "quoted" ]]> \ud800 Kardigan'
    text = atom_feed(HEAD, [_entry(hostile, 5, summary=hostile, author=hostile, category=hostile)])
    assert "<script" not in text and "\x00" not in text and "\x1b" not in text
    entry = ET.fromstring(text.encode()).find(f"{A}entry")
    expected = '<script>alert(1)</script> & [31m "quoted" ]]> Kardigan'
    assert entry.findtext(f"{A}title") == expected
    assert entry.findtext(f"{A}summary") == expected
    assert entry.findtext(f"{A}author/{A}name") == expected
    assert entry.find(f"{A}category").get("term") == expected


def test_an_empty_feed_is_still_valid_atom() -> None:
    root = ET.fromstring(atom_feed(HEAD, []).encode())
    assert root.findtext(f"{A}updated") and root.findall(f"{A}entry") == []


# --- the built sample site -------------------------------------------------------------------


def _feed(site: Path, rel: str) -> ET.Element:
    return ET.fromstring((site / rel).read_bytes())


@pytest.mark.slow
@pytest.mark.parametrize(("rel", "prefix"), [("feed.xml", ""), ("en/feed.xml", "en/")])
def test_the_sample_feeds_list_the_newest_products(sample_site: Path, rel: str, prefix: str) -> None:
    site = sample_site / "site"
    root = _feed(site, rel)
    assert root.findtext(f"{A}id") == SITE_URL + rel
    assert root.findtext(f"{A}updated") == f"{SAMPLE_DATE}T00:00:00Z"
    entries = root.findall(f"{A}entry")
    assert len(entries) == feed.FEED_SIZE
    published = [e.findtext(f"{A}published") for e in entries]
    assert published == sorted(published, reverse=True)
    for entry in entries:
        url = entry.findtext(f"{A}id")
        assert url.startswith(SITE_URL + prefix + "produk/")
        assert entry.find(f"{A}link[@rel='alternate']").get("href") == url
        assert (site / urlsplit(url).path.removeprefix("/etalase/") / "index.html").is_file(), url
        assert entry.findtext(f"{A}title") and entry.findtext(f"{A}summary") and entry.findtext(f"{A}author/{A}name")
    english = [e.findtext(f"{A}title") for e in entries]
    if prefix:
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
        assert any("Knitted" in title or "Cardigan" in title for title in english), english[:10]


@pytest.mark.slow
def test_every_page_links_the_feed_of_its_language(sample_site: Path) -> None:
    site = sample_site / "site"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 200
    for page in pages:
        if "chat" in page.relative_to(site).parts[:2]:
            continue  # short WhatsApp addresses: sent on to the chat at once, without the theme (chat.html)
        html = page.read_text(encoding="utf-8")
        head = html.split("</head>", 1)[0]
        # rel="alternate " (a token set that means "alternate"): see templates/overrides/main.html
        assert 'rel="alternate " type="application/atom+xml"' in head, page
    for rel, target in (("sentra/index.html", "feed.xml"), ("en/sentra/index.html", "en/feed.xml")):
        head = (site / rel).read_text(encoding="utf-8").split("</head>", 1)[0]
        href = head.split('type="application/atom+xml"', 1)[1].split('href="', 1)[1].split('"', 1)[0]
        assert ((site / rel).parent / href).resolve() == (site / target).resolve()


@pytest.mark.slow
def test_the_new_products_page_lists_the_last_30_days_newest_first(sample_site: Path) -> None:
    catalog = _catalog(sample_site)
    expected = recent_products(catalog, SAMPLE_DATE)
    assert len(expected) == 10 and all(e.record.added >= dt.date(2026, 10, 14) for e in expected)
    assert sum(e.record.added.month == 11 for e in expected) >= 5
    site = sample_site / "site"
    html = (site / "baru/index.html").read_text(encoding="utf-8")
    positions = [html.index(f"produk/{e.record.ikm}/{e.record.slug}/") for e in expected]
    assert positions == sorted(positions)
    assert html.count('class="et-card"') == 10
    assert "14 Oktober 2026" in html and "12 November 2026" in html
    english = (site / "en/baru/index.html").read_text(encoding="utf-8")
    assert "New this month" in english and "newest first" in english
    home = (site / "index.html").read_text(encoding="utf-8")
    section = home.split("Baru bulan ini", 1)[1].split("</section>", 1)[0]
    assert section.count('class="et-card"') == feed.HOME_NEW
    assert 'href="baru/"' in section and "(10)" in section
