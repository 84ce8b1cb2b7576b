"""Render stage: generated markdown (golden files), escaping, links, images, translations.

The catalogue comes from ``tests/fixtures/render`` (not the moving sample data). Rewrite
the golden files after an intended change with ``ETALASE_UPDATE_GOLDEN=1 pytest tests/test_render.py``.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

import markdown
import pytest
import yaml

from etalase import render
from etalase.model import CategoryList, CertificateList, Ikm, Marketplace, Product, Sentra, SiteText, SynonymList
from etalase.model.catalog import Catalog, Entry
from etalase.photos import ImageSet, Variant
from etalase.render import catalogue
from etalase.render.formatting import Formatter, number

REPO = Path(__file__).parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "render"
GOLDEN = Path(__file__).parent / "golden"
TEMPLATES = REPO / "templates"
SITE_URL = "https://etalase.example/katalog/"
UPDATE = os.environ.get("ETALASE_UPDATE_GOLDEN") == "1"

# The Markdown extensions of mkdocs.yml: the generated bodies must come through them unchanged.
MD_EXTENSIONS = ["attr_list", "tables", "admonition", "toc"]


# --- building a catalogue ----------------------------------------------------------------


def _read(path: Path) -> dict[str, Any]:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def catalog_from(root: Path, patch: dict[str, dict[str, Any]] | None = None) -> Catalog:
    """Return the Catalog of a fixture folder; ``patch`` overrides keys of records by path."""
    patch = patch or {}

    def data(rel: str) -> dict[str, Any]:
        return {**_read(root / rel), **patch.get(rel, {})}

    def entries(pattern: str, model: Any) -> list[Entry[Any]]:
        found = []
        for path in sorted(root.glob(pattern)):
            rel = path.relative_to(root).as_posix()
            if (model is Ikm) != (path.name == "ikm.yml"):
                continue
            found.append(Entry(model.model_validate(data(rel)), rel))
        return found

    sentra = entries("sentra/*.yml", Sentra)
    ikms = entries("products/*/ikm.yml", Ikm)
    products = entries("products/*/*.yml", Product)
    return Catalog(
        site=SiteText.model_validate(data("catalog/site.yml")),
        categories=tuple(CategoryList.model_validate(data("catalog/categories.yml")).categories),
        certificates={c.type: c for c in CertificateList.model_validate(data("catalog/certificates.yml")).certificates},
        sentra={e.record.slug: e for e in sentra},
        ikms={e.record.slug: e for e in ikms},
        products=tuple(products),
        synonyms=SynonymList.model_validate(data("catalog/synonyms.yml")).synonyms(),
    )


def image_set(stem: str, share: bool = False) -> ImageSet:
    """Return a made-up ImageSet as the images stage would (URLs relative to the site root)."""
    variants = tuple(Variant(f"media/{stem}/{w}.webp", w, w * 3 // 4) for w in (320, 640, 1024))
    return ImageSet(
        variants=variants,
        thumb=Variant(f"media/{stem}/thumb.webp", 480, 360),
        share_card=Variant(f"media/{stem}/card.jpg", 1200, 630) if share else None,
    )


# Every photo of the fixture except products/rajut-sinar/sweter-1.jpg (as if it failed).
IMAGES = {
    ("sentra/binong-jati.yml", "binong-jati.jpg"): image_set("s1"),
    ("products/rajut-sinar/ikm.yml", "logo.png"): image_set("l1"),
    ("products/rajut-sinar/kardigan.yml", "kardigan-1.jpg"): image_set("k1", share=True),
    ("products/rajut-sinar/kardigan.yml", "kardigan-2.jpg"): image_set("k2"),
    ("products/dapur-ema/keripik.yml", "keripik-1.jpg"): image_set("p1", share=True),
}


def build(catalog: Catalog | None = None, **options: Any) -> dict[str, str]:
    options = {"site_url": SITE_URL, "pages_dir": FIXTURE / "catalog" / "pages", **options}
    return render.render_pages(catalog or catalog_from(FIXTURE), IMAGES, TEMPLATES, **options)


@pytest.fixture(scope="module")
def pages() -> dict[str, str]:
    return build()


@pytest.fixture(scope="module")
def pages_en() -> dict[str, str]:
    return build(lang="en")


def split(page: str) -> tuple[dict[str, Any], str]:
    """Return (front matter, body) the way MkDocs reads a page."""
    match = re.match(r"^---\n(.*?\n)---\n", page, re.S)
    assert match, "page has no front matter"
    return yaml.safe_load(match.group(1)), page[match.end() :]


# --- golden files ------------------------------------------------------------------------

GOLDENS = [
    ("id", "produk/rajut-sinar/kardigan.md", "product-certificates-export.id.md"),
    ("id", "produk/dapur-ema/keripik.md", "product-food.id.md"),
    ("en", "en/produk/rajut-sinar/sweter.md", "product-no-english.en.md"),
    ("id", "ikm/rajut-sinar.md", "ikm.id.md"),
    ("id", "sentra/binong-jati.md", "sentra.id.md"),
    ("id", "kategori/rajut.md", "category.id.md"),
    ("id", "index.md", "home.id.md"),
    ("en", "en/produk/rajut-sinar/kardigan.md", "product-certificates-export.en.md"),
]


@pytest.mark.parametrize(("lang", "page", "golden"), GOLDENS, ids=[g[2] for g in GOLDENS])
def test_golden(lang: str, page: str, golden: str, pages: dict[str, str], pages_en: dict[str, str]) -> None:
    content = (pages if lang == "id" else pages_en)[page]
    path = GOLDEN / golden
    if UPDATE:
        path.write_text(content, encoding="utf-8")
    assert path.exists(), f"no golden file {path.name} — run with ETALASE_UPDATE_GOLDEN=1"
    assert content == path.read_text(encoding="utf-8"), f"{page} differs from {path.name}"


# --- the page set ------------------------------------------------------------------------


def test_every_page_is_generated(pages: dict[str, str]) -> None:
    assert sorted(pages) == [
        "assets/addproduct/controls.js",
        "assets/addproduct/draft.js",
        "assets/addproduct/noscript.css",
        "assets/addproduct/page.js",
        "assets/addproduct/photos.js",
        "assets/addproduct/schema.js",
        "assets/addproduct/send.js",
        "assets/addproduct/style.css",
        "assets/addproduct/sw.js",
        "assets/etalase.css",
        "assets/forum.css",
        "assets/map-noscript.css",
        "assets/map.css",
        "assets/map.js",
        "assets/needs.js",
        "assets/search.css",
        "assets/search.js",
        "assets/shortlist.css",
        "assets/shortlist.js",
        "assets/stats.css",
        "baru.md",
        "cari.md",
        "cari/words.json",
        "chat/dapur-ema.md",
        "chat/rajut-sinar.md",
        "daftar.md",
        "data.md",
        "feed.xml",
        "ikm/dapur-ema.md",
        "ikm/rajut-sinar.md",
        "index.md",
        "kategori/index.md",
        "kategori/kerajinan.md",
        "kategori/makanan.md",
        "kategori/rajut.md",
        "kebutuhan.md",
        "produk/dapur-ema/keripik.md",
        "produk/rajut-sinar/kardigan.md",
        "produk/rajut-sinar/sweter.md",
        "sentra/binong-jati.md",
        "sentra/cibuntu.md",
        "sentra/index.md",
        "statistik.md",
        "tambah-produk.md",
        "tambah-produk/sw.js",
        "tentang.md",
    ]
    assert pages["assets/etalase.css"] == (TEMPLATES / "assets" / "etalase.css").read_text(encoding="utf-8")


def test_english_pages_live_under_en(pages: dict[str, str], pages_en: dict[str, str]) -> None:
    expected = {
        ("en/" + p if p.endswith((".md", ".xml", "/words.json")) or p == "tambah-produk/sw.js" else p) for p in pages
    }
    assert set(pages_en) == expected


def test_output_is_deterministic(pages: dict[str, str]) -> None:
    again = build()
    assert again == pages
    assert list(again) == sorted(again)


@pytest.mark.parametrize(
    ("docs_path", "base"),
    [
        ("index.md", ""),
        ("tentang.md", "../"),
        ("kategori/index.md", "../"),
        ("kategori/rajut.md", "../../"),
        ("kategori/rajut/2.md", "../../../"),
        ("produk/a/b.md", "../../../"),
        ("en/index.md", "../"),
        ("en/produk/a/b.md", "../../../../"),
    ],
)
def test_page_base(docs_path: str, base: str) -> None:
    assert render.page_base(docs_path) == base


def test_front_matter_and_body_shape(pages: dict[str, str], pages_en: dict[str, str]) -> None:
    for path, page in {**pages, **pages_en}.items():
        if not path.endswith(".md"):
            continue
        meta, body = split(page)
        assert isinstance(meta["title"], str) and meta["title"], path
        assert isinstance(meta["description"], str) and meta["description"], path
        assert meta["notice"] and meta["notice_label"], path
        if path.endswith("tentang.md"):
            continue
        assert meta["hide"] == ["navigation", "toc"], path
        assert body.startswith('\n<div class="et '), path
        assert body.endswith("</div>\n"), path
        assert "\n\n" not in body.lstrip("\n"), f"{path}: a blank line would end the raw HTML block"
        # Python-Markdown passes the body through as one raw HTML block
        assert markdown.markdown(body, extensions=MD_EXTENSIONS).strip() == body.strip(), path


def test_links_point_at_directory_urls(pages: dict[str, str]) -> None:
    product = pages["produk/rajut-sinar/kardigan.md"]
    assert 'href="../../../ikm/rajut-sinar/"' in product
    assert 'href="../../../sentra/binong-jati/"' in product
    assert 'href="../../../kategori/rajut/"' in product
    assert 'href="../../../produk/rajut-sinar/sweter/"' in product
    assert 'href="../../produk/rajut-sinar/kardigan/"' in pages["kategori/rajut.md"]
    assert 'href="kategori/rajut/"' in pages["index.md"]
    assert 'href="sentra/binong-jati/"' in pages["index.md"]
    hrefs = re.findall(r'(?:href|src)="([^"]+)"', "".join(p for k, p in pages.items() if k.endswith(".md")))
    for href in hrefs:
        if href.startswith(("https://", "mailto:", "tel:")):
            continue
        assert href.startswith(("../", "produk/", "ikm/", "sentra/", "kategori/", "media/", "statistik/", "baru/")), (
            href
        )
        if (
            not href.startswith("../media/")
            and "media/" not in href
            and not href.endswith((".css", ".js", ".xml", ".json", ".jsonld", ".csv"))
        ):
            assert href.endswith("/"), f"{href} is not a directory URL"


# --- images ------------------------------------------------------------------------------


def test_photos_first_eager_rest_lazy(pages: dict[str, str]) -> None:
    body = split(pages["produk/rajut-sinar/kardigan.md"])[1]
    photos = re.findall(r'<img class="et-photo"[^>]*>', body)
    assert len(photos) == 2
    assert 'fetchpriority="high"' in photos[0] and "loading=" not in photos[0]
    assert 'loading="lazy"' in photos[1]
    assert 'src="../../../media/k1/640.webp"' in photos[0]
    assert 'srcset="../../../media/k1/320.webp 320w, ../../../media/k1/640.webp 640w, ' in photos[0]
    assert 'width="640" height="480"' in photos[0]
    assert 'alt="Kardigan krem di gantungan"' in photos[0]


def test_missing_photo_becomes_placeholder(pages: dict[str, str]) -> None:
    body = split(pages["produk/rajut-sinar/sweter.md"])[1]
    gallery = body.split('<div class="et-gallery', 1)[1].split("</div>\n</figure>", 1)[0]
    assert "<img" not in gallery
    assert '<div class="et-ph et-photo"><span>Foto belum tersedia</span></div>' in body
    # the card of that product on other pages has a placeholder thumbnail too
    card = pages["produk/rajut-sinar/kardigan.md"].split('href="../../../produk/rajut-sinar/sweter/"')[0]
    assert card.rstrip().endswith('<div class="et-card__body">\n<h3 class="et-card__title"><a class="et-card__link"')
    assert '<div class="et-ph et-thumb">' in card.rsplit('<li class="et-card">', 1)[1]


def test_og_image_is_share_card_relative_to_site_root(pages: dict[str, str]) -> None:
    assert split(pages["produk/rajut-sinar/kardigan.md"])[0]["og_image"] == "media/k1/card.jpg"
    assert split(pages["sentra/binong-jati.md"])[0]["og_image"] == "media/s1/1024.webp"
    assert "og_image" not in split(pages["produk/rajut-sinar/sweter.md"])[0]


# --- WhatsApp and other links ------------------------------------------------------------


def _wa_links(page: str) -> list[str]:
    return [html.unescape(h) for h in re.findall(r'class="et-wa" href="([^"]+)"', page)]


def test_whatsapp_message_names_product_and_page(pages: dict[str, str]) -> None:
    links = _wa_links(pages["produk/rajut-sinar/kardigan.md"])
    assert links and len(set(links)) == 1
    url = urlsplit(links[0])
    assert (url.scheme, url.netloc, url.path) == ("https", "wa.me", "/6280000001001")
    message = parse_qs(url.query)["text"][0]
    assert "Kardigan Rajut Oversize" in message
    assert "Rajut Sinar" in message
    assert f"{SITE_URL}produk/rajut-sinar/kardigan/" in message
    assert " " not in url.query and "+" not in url.query  # spaces are %20, not +


def test_whatsapp_message_in_english_uses_english_url(pages_en: dict[str, str]) -> None:
    message = unquote(_wa_links(pages_en["en/produk/rajut-sinar/kardigan.md"])[0].split("?text=")[1])
    assert message.startswith("Hello Rajut Sinar, I saw Oversized Knit Cardigan on Test Showcase")
    assert f"{SITE_URL}en/produk/rajut-sinar/kardigan/" in message


def test_whatsapp_message_without_site_url() -> None:
    page = build(site_url="")["produk/rajut-sinar/kardigan.md"]
    message = unquote(_wa_links(page)[0].split("?text=")[1])
    assert "http" not in message and "Kardigan Rajut Oversize" in message


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/a?b=c&d=e",
        "http://example.com",
        "mailto:halo@contoh.id",
        "tel:+62224230000",
        "https://wa.me/6281234567890?text=Halo%20kak",
    ],
)
def test_safe_href_accepts(url: str) -> None:
    assert render.safe_href(url) == url


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JAVASCRIPT:alert(1)",
        " javascript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:x",
        "//evil.example/",
        "/relative",
        'https://example.com/"onmouseover="alert(1)',
        "https://example.com/<script>",
        "https://exa mple.com/",
        "https://example.com/\nx",
        "https://example.com/\x00",
        "mailto:a@b",
        "tel:123",
        "ftp://example.com/",
        "",
        None,
    ],
)
def test_safe_href_rejects(url: str | None) -> None:
    assert render.safe_href(url) is None


def test_whatsapp_href() -> None:
    assert render.whatsapp_href("+62 812-3456-7890", "Halo & apa kabar?") == (
        "https://wa.me/6281234567890?text=Halo%20%26%20apa%20kabar%3F"
    )
    assert render.whatsapp_href("javascript:alert(1)", "x") is None
    assert render.whatsapp_href("+0123", "x") is None


def test_contact_links(pages: dict[str, str]) -> None:
    ikm = pages["ikm/rajut-sinar.md"]
    assert (
        '<a href="https://www.instagram.com/contoh.rajutsinar/" rel="nofollow noopener">@contoh.rajutsinar</a>' in ikm
    )
    assert '<a href="mailto:rajut-sinar@example.com">rajut-sinar@example.com</a>' in ikm
    assert (
        '<a href="https://www.rajut-sinar.example.com/katalog" rel="nofollow noopener">rajut-sinar.example.com</a>'
        in ikm
    )
    sentra = pages["sentra/binong-jati.md"]
    assert '<a href="tel:+62224230000">+62 22 4230 000</a>' in sentra
    assert "https://www.openstreetmap.org/?mlat=-6.92320&amp;mlon=107.63380#map=17/-6.92320/107.63380" in sentra


# --- escaping: every record string is contributor input ---------------------------------

HOSTILE = "<script>alert(\"x\")</script> [klik](javascript:alert(1)) *tebal* {{ 7*7 }} & 'q'"


def hostile_catalog() -> Catalog:
    text = {"id": HOSTILE, "en": HOSTILE}
    return catalog_from(
        FIXTURE,
        patch={
            "catalog/site.yml": {"title": text, "notice": text, "tagline": text},
            "catalog/categories.yml": {
                "categories": [
                    {"slug": "rajut", "name": text, "description": {"id": HOSTILE + "\n\n---\n\n# h"}},
                    {"slug": "makanan", "name": {"id": "Makanan"}, "description": text, "food": True},
                ]
            },
            "sentra/binong-jati.yml": {
                "name": HOSTILE,
                "also_known_as": HOSTILE,
                "description": {"id": HOSTILE + "\n\n    indented <b>code</b>\n\n<div>"},
                "photos": [{"file": "binong-jati.jpg", "alt": {"id": '" onerror="alert(1)'}}],
            },
            "products/rajut-sinar/ikm.yml": {
                "name": HOSTILE,
                "contacts": {
                    "whatsapp": "+6280000001001",
                    "marketplaces": [{"name": HOSTILE, "url": "https://example.com/x?a=1&c=2"}],
                    "email": "x@example.com",
                },
            },
            "products/rajut-sinar/kardigan.yml": {
                "name": {"id": HOSTILE + "\n---\ntitle: owned"},
                "description": {"id": HOSTILE + "\n\n</div>\n\n<script>evil()</script>"},
                "materials": {"id": [HOSTILE]},
                "photos": [{"file": "kardigan-1.jpg", "alt": {"id": '"><script>alert(1)</script>'}}],
            },
        },
    )


def test_hostile_records_are_escaped() -> None:
    catalog = hostile_catalog()
    # links the schema would refuse still never reach an href (records made without validation)
    ikm_entry = catalog.ikms["rajut-sinar"]
    contacts = ikm_entry.record.contacts.model_copy(
        update={
            "marketplaces": [Marketplace.model_construct(name="Toko", url="javascript:alert(1)")],
            "website": 'https://example.com/"onmouseover="alert(1)',
            "instagram": "x/../javascript:alert(1)",
            "email": "a@b.co?body=<script>",
        }
    )
    catalog.ikms["rajut-sinar"] = Entry(ikm_entry.record.model_copy(update={"contacts": contacts}), ikm_entry.path)
    pages = build(catalog)
    for path, page in pages.items():
        if not path.endswith(".md") or path == "tentang.md":
            continue
        # The one script a page may hold is its JSON-LD data block, with < > & escaped inside.
        blocks = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page)
        assert not [b for b in blocks if set("<>&") & set(b)], path
        page = re.sub(r'<script type="application/ld\+json">.*?</script>\n?', "", page)
        # The add-a-product page loads the site's own scripts (assets/addproduct/, render/addproduct.py).
        page = re.sub(r'<script src="(?:\.\./)+assets/addproduct/[a-z]+\.js" defer></script>\n?', "", page)
        meta, body = split(page)
        assert "<script" not in page, path
        assert "javascript:" not in re.sub(r"\[klik\]\(javascript:alert\(1\)\)", "", page), path
        assert "owned" not in meta, path
        rendered = markdown.markdown(body, extensions=MD_EXTENSIONS)
        assert "<script" not in rendered and "<em>" not in rendered and "<b>" not in rendered, path
        assert 'href="javascript' not in rendered, path
        assert "<pre>" not in rendered and "<hr" not in rendered, path
        assert rendered.strip() == body.strip(), f"{path}: markdown changed the raw HTML body"
        for key in ("title", "description", "notice"):
            assert "<" not in meta[key] and '"' not in meta[key], (path, key)
    product = pages["produk/rajut-sinar/kardigan.md"]
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; [klik](javascript:alert(1)) *tebal* {{ 7*7 }}" in product
    assert split(product)[0]["title"].startswith("&lt;script&gt;alert(&quot;x&quot;)")
    assert 'alt="&#34;&gt;&lt;script&gt;' in product
    assert "onmouseover" not in pages["ikm/rajut-sinar.md"]
    assert "Toko</a>" not in pages["ikm/rajut-sinar.md"]
    assert "instagram.com" not in pages["ikm/rajut-sinar.md"]
    assert 'href="mailto:' not in pages["ikm/rajut-sinar.md"]
    sentra = pages["sentra/binong-jati.md"]
    assert 'alt="&#34; onerror=&#34;alert(1)"' in sentra


def test_a_record_cannot_forge_the_link_marker() -> None:
    forged = "Kardigan \x01base\x01 palsu"
    catalog = catalog_from(FIXTURE, patch={"products/rajut-sinar/kardigan.yml": {"name": {"id": forged, "en": forged}}})
    for lang in ("id", "en"):
        pages = build(catalog, lang=lang)
        assert not [path for path, page in pages.items() if "\x01" in page]
        product = pages[f"{'en/' if lang == 'en' else ''}produk/rajut-sinar/kardigan.md"]
        assert "Kardigan base palsu" in product and "Kardigan ../" not in product


def test_kept_cards_link_from_every_page(pages: dict[str, str], pages_en: dict[str, str]) -> None:
    card = 'href="{}produk/rajut-sinar/kardigan/"'
    assert card.format("../../") in pages["kategori/rajut.md"]
    assert card.format("../../../") in pages["produk/rajut-sinar/sweter.md"]
    assert card.format("../../") in pages["sentra/binong-jati.md"]
    # English pages link within the English site: back to its root, not to the site's and into en/
    assert card.format("../../") in pages_en["en/kategori/rajut.md"]
    assert card.format("../../../") in pages_en["en/produk/rajut-sinar/sweter.md"]
    # the shortlist button of a card and of a product page name the same product
    assert 'data-sl-id="produk/rajut-sinar/sweter/"' in pages["produk/rajut-sinar/sweter.md"]
    assert 'data-sl-id="produk/rajut-sinar/sweter/"' in pages["sentra/binong-jati.md"]


def test_cached_keeps_one_fragment_per_macro_and_arguments() -> None:
    catalog = catalog_from(FIXTURE)
    renderer = render.Renderer(catalog, IMAGES, TEMPLATES, "id", SITE_URL, "")
    cards = renderer.env.globals["partials"].cards
    entry = next(e for e in catalog.products if e.path == "products/rajut-sinar/kardigan.yml")
    card = renderer.cached(cards.product, entry, 3, True, False)
    assert renderer.cached(cards.product, entry, 3, True, False) is card
    assert "<h3 " in card and "\x01home\x01produk/rajut-sinar/kardigan/" in card
    assert "<h4 " in renderer.cached(cards.product, entry, 4, True, False)
    assert "<hTrue" in renderer.cached(cards.product, entry, True, True, False)  # not the card of level 1
    with pytest.raises(TypeError):
        renderer.cached(cards.product, entry.record)


@pytest.mark.parametrize(
    "text",
    [
        'plain "quoted" & <b>',
        "line\nbreak\r\nand\ttab",
        "nel\x85 ls\u2028 ps\u2029 bom\ufeff",
        "ctrl\x00\x01\x1b\x7f\x9f end",
        "emoji 🧶 and ünïcödé — ok",
        "--- not a fence",
        "key: value # not a comment",
        "\\u003cscript\\u003e",
        "nonchar \ufffe\uffff \U0001fffe",
    ],
)
def test_front_matter_value_round_trips(text: str) -> None:
    loaders = [yaml.SafeLoader] + ([yaml.CSafeLoader] if hasattr(yaml, "CSafeLoader") else [])
    for loader in loaders:
        loaded = yaml.load(f"title: {render.fm(text)}\n", Loader=loader)
        assert loaded == {"title": html.escape(render.clean(text), quote=True)}
        assert "<" not in loaded["title"] and "\n" not in loaded["title"]


def test_paragraphs_are_plain_text() -> None:
    assert render.paragraphs("a\nb\n\n  \n\nc  d\r\n\r\ne") == ["a b", "c d", "e"]


# --- languages ---------------------------------------------------------------------------


def _keys(table: dict[str, Any], prefix: str = "") -> set[str]:
    keys = set()
    for key, value in table.items():
        keys.add(prefix + str(key))
        if isinstance(value, dict):
            keys |= _keys(value, f"{prefix}{key}.")
    return keys


def test_translation_tables_have_the_same_keys() -> None:
    optional = re.compile(r"^units\.[a-z]+\.explain$")  # a unit that needs no explanation has none
    tables = {lang: render.load_translations(TEMPLATES, lang) for lang in ("id", "en")}
    keys = {lang: {k for k in _keys(t) if not optional.match(k)} for lang, t in tables.items()}
    assert keys["id"] == keys["en"]
    assert all(isinstance(k, str) for t in tables.values() for k in t)  # no YAML 1.1 yes/no keys


def test_english_pages_have_no_indonesian_ui_text(pages_en: dict[str, str]) -> None:
    id_table = render.load_translations(TEMPLATES, "id")
    en_table = render.load_translations(TEMPLATES, "en")
    sections = ("label.", "heading.", "home.", "categories.", "sentra.", "product.", "ikm.", "photo.", "storage.")
    en_texts = _flat(en_table)
    words = {
        v
        for k, v in _flat(id_table).items()
        if k.startswith(sections) and "{" not in v and len(v) > 4 and en_texts.get(k) != v
    }
    text = "".join(p for k, p in pages_en.items() if k.endswith(".md") and k != "en/tentang.md")
    # a UI text stands alone in an element (record names may contain the same words, e.g. "Sentra …")
    found = sorted(w for w in words if re.search(rf">{re.escape(w)}(?:<|:)", text))
    assert found == [], f"Indonesian UI text on English pages: {found}"


def _flat(table: dict[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            flat |= _flat(value, f"{prefix}{key}.")
        elif isinstance(value, str):
            flat[prefix + key] = value
    return flat


def test_untranslated_text_is_marked(pages_en: dict[str, str]) -> None:
    page = pages_en["en/produk/rajut-sinar/sweter.md"]
    assert '<h1 data-pagefind-weight="10"><span lang="id">Sweter Rajut Kabel</span></h1>' in page
    assert "English text not yet available — shown in Indonesian." in page
    assert '<div class="et-prose" lang="id">' in page
    assert "English text not yet available" not in pages_en["en/produk/rajut-sinar/kardigan.md"]


def test_about_page_falls_back_to_indonesian(pages: dict[str, str], pages_en: dict[str, str]) -> None:
    meta, body = split(pages["tentang.md"])
    assert body == "# Tentang Etalase Uji\n\nKatalog **contoh**. Data [ilustratif](https://example.com/).\n"
    assert "hide" not in meta  # the about page keeps its table of contents
    assert "English text not yet available" in pages_en["en/tentang.md"]


# --- search hints, paging, slugs ---------------------------------------------------------


def test_pagefind_attributes(pages: dict[str, str]) -> None:
    for path, kind in [
        ("produk/rajut-sinar/kardigan.md", "product"),
        ("ikm/rajut-sinar.md", "ikm"),
        ("sentra/binong-jati.md", "sentra"),
        ("kategori/rajut.md", "category"),
    ]:
        body = split(pages[path])[1]
        start = f'\n<div class="et et-{kind}" lang="id" data-pagefind-body data-pagefind-meta="kind:{kind}">\n'
        assert body.startswith(start), path
        assert '<ul class="et-grid" data-pagefind-ignore>' in pages[path], path
    for path in ("index.md", "kategori/index.md", "sentra/index.md", "cari.md"):
        assert "data-pagefind-body" not in pages[path], path


def test_category_pages_are_paged(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(catalogue, "CATEGORY_PAGE_SIZE", 1)
    pages = build()
    assert {"kategori/rajut.md", "kategori/rajut/2.md"} <= set(pages)
    assert "kategori/rajut/3.md" not in pages
    second = pages["kategori/rajut/2.md"]
    assert split(second)[0]["title"] == "Rajut — Halaman 2 dari 2"
    assert '<a href="../../../kategori/rajut/" rel="prev">Sebelumnya</a>' in second
    assert '<span aria-current="page">2</span>' in second
    assert '<a href="../../kategori/rajut/2/" rel="next">Berikutnya</a>' in pages["kategori/rajut.md"]


def test_reserved_slug_is_refused() -> None:
    catalog = catalog_from(FIXTURE)
    index_sentra = Entry(catalog.sentra["cibuntu"].record.model_copy(update={"slug": "index"}), "sentra/index.yml")
    clash = Catalog(
        catalog.site, catalog.categories, catalog.certificates, {**catalog.sentra, "index": index_sentra},
        catalog.ikms, catalog.products,
    )  # fmt: skip
    with pytest.raises(ValueError, match="sentra 'index'"):
        build(clash)


def test_counts_on_home(pages: dict[str, str]) -> None:
    home = pages["index.md"]
    assert "<dt>IKM</dt><dd>2</dd>" in home
    assert "<dt>Produk</dt><dd>3</dd>" in home
    assert "<dt>Tenaga kerja</dt><dd>20</dd>" in home
    assert "<dt>Sentra</dt><dd>2</dd>" in home


# --- formatting --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def fmt_id() -> Formatter:
    return Formatter("id", render.load_translations(TEMPLATES, "id"))


@pytest.fixture(scope="module")
def fmt_en() -> Formatter:
    return Formatter("en", render.load_translations(TEMPLATES, "en"))


def test_numbers_and_prices(fmt_id: Formatter, fmt_en: Formatter) -> None:
    assert number(1234567, "id") == "1.234.567"
    assert number(1234567.5, "en", 2) == "1,234,567.50"
    assert fmt_id.idr(45000) == "Rp 45.000"
    assert fmt_en.idr(45000) == "IDR 45,000"
    assert fmt_id.idr_range(45000, 60000) == "Rp 45.000 – 60.000"
    assert fmt_en.idr_range(45000, 45000) == "IDR 45,000"
    assert fmt_id.price(45000, 60000, "lusin") == "Rp 45.000 – 60.000 / lusin"
    assert fmt_en.price(45000, 60000, "pasang") == "IDR 45,000 – 60,000 / pair"
    assert fmt_id.usd_range(6.5, 8) == "US$ 6,50 – 8,00"
    assert fmt_en.usd_range(6.5, 8) == "US$ 6.50 – 8.00"
    assert fmt_id.percent(42.5) == "42,5%"
    assert fmt_en.percent(40) == "40%"


def test_units(fmt_id: Formatter, fmt_en: Formatter) -> None:
    assert fmt_id.quantity(5, "lusin") == "5 lusin (60 pcs)"
    assert fmt_en.quantity(2, "kodi") == "2 scores (40 pcs)"
    assert fmt_en.quantity(1, "lusin") == "1 dozen (12 pcs)"
    assert fmt_en.price(45000, 60000, "lusin") == "IDR 45,000 – 60,000 / dozen (12 pcs)"
    assert fmt_id.quantity(1500, "pcs") == "1.500 pcs"
    assert fmt_en.quantity(1, "pasang") == "1 pair"
    assert fmt_en.quantity(10, "pasang") == "10 pairs"
    assert fmt_id.per_month(150, "lusin") == "150 lusin (1.800 pcs) / bulan"
    assert fmt_en.per_month(400, "kg") == "400 kg / month"
    assert fmt_id.unit_note("lusin") == "1 lusin = 12 pcs"
    assert fmt_en.unit_note("lusin") == "dozen (lusin in Indonesian) = 12 pcs"
    assert fmt_en.unit_note("kodi") == "score (kodi in Indonesian) = 20 pcs"
    assert fmt_id.unit_note("pcs") == ""


def test_days_weights_dates(fmt_id: Formatter, fmt_en: Formatter) -> None:
    assert fmt_id.days(14) == "14 hari"
    assert fmt_en.days(1) == "1 day"
    assert fmt_en.days(14) == "14 days"
    assert fmt_id.weight(350) == "350 g"
    assert fmt_id.weight(1250) == "1,25 kg"
    assert fmt_en.weight(2000) == "2 kg"
    assert fmt_id.date(dt.date(2029, 4, 30)) == "30 April 2029"
    assert fmt_en.date(dt.date(2026, 3, 5)) == "5 March 2026"
    assert fmt_id.date(dt.date(2026, 8, 17)) == "17 Agustus 2026"


# --- through MkDocs and the theme override ------------------------------------------------


@pytest.mark.slow
def test_mkdocs_builds_generated_pages_safely(tmp_path: Path) -> None:
    """Build the hostile pages with mkdocs-material and the override; check <head> and escaping."""
    docs = tmp_path / "docs"
    for rel, content in build(hostile_catalog()).items():
        (docs / rel).parent.mkdir(parents=True, exist_ok=True)
        (docs / rel).write_text(content, encoding="utf-8")
    config = {
        "site_name": "Etalase Uji",
        "site_url": SITE_URL,
        "docs_dir": str(docs),
        "site_dir": str(tmp_path / "site"),
        "use_directory_urls": True,
        "theme": {"name": "material", "language": "id", "custom_dir": str(TEMPLATES / "overrides"), "font": False},
        "plugins": [],
        "markdown_extensions": MD_EXTENSIONS,
        "extra_css": ["assets/etalase.css"],
        "nav": [{"Beranda": "index.md"}, {"Kategori": "kategori/index.md"}],
    }
    (tmp_path / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(tmp_path / "mkdocs.yml")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    site = tmp_path / "site"
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text and "<script>evil" not in text, page
    product = (site / "produk/rajut-sinar/kardigan/index.html").read_text(encoding="utf-8")
    assert '<meta property="og:image" content="https://etalase.example/katalog/media/k1/card.jpg">' in product
    assert '<meta name="twitter:card" content="summary_large_image">' in product
    assert '<meta property="og:url" content="https://etalase.example/katalog/produk/rajut-sinar/kardigan/">' in product
    assert "<title>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in product
    assert '<meta property="og:title" content="&lt;script&gt;' in product
    assert '<p class="et-announce"><strong>Data ilustratif</strong> &lt;script&gt;' in product
    assert 'href="../../../media/k1/640.webp"' not in product  # only img src/srcset use media
    assert 'src="../../../media/k1/640.webp"' in product
    assert product.count("<h1") == 1
    home = (site / "index.html").read_text(encoding="utf-8")
    assert "<title>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in home
    assert " - Etalase Uji</title>" not in home
    sweter = (site / "produk/rajut-sinar/sweter/index.html").read_text(encoding="utf-8")
    assert '<meta name="twitter:card" content="summary">' in sweter
    assert "og:image" not in sweter
