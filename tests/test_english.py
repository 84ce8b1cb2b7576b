"""The English site for exporters: every page in Indonesian and English, linked by the language
switch and hreflang alternates; English labels, numbers and units; search per language.

The site checks read the whole built sample (``sample_site``), not a few pages.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import urljoin, urlsplit

import pytest
import yaml
from mkdocs.config import load_config
from mkdocs.structure.files import File, Files, file_sort_key
from playwright.sync_api import Page, expect

from conftest import ARTIFACTS, REPO
from etalase.builder import languages, shells
from etalase.pipeline import Project
from etalase.render.i18n import load_translations
from etalase.source.load import load_records

TEMPLATES = REPO / "templates"
NOT_PAGES = {"pagefind", "assets", "media", "schema"}  # folders of the site that hold no pages


# --- reading built pages -----------------------------------------------------------------


class _Head(HTMLParser):
    """The language facts of one page: <html lang>, hreflang links, the switch, nav tabs, notes."""

    def __init__(self) -> None:
        super().__init__()
        self.lang = ""
        self.hreflang: dict[str, list[str]] = {}
        self.switch: dict[str, list[str]] = {}
        self.current: list[str] = []
        self.tabs: list[str] = []
        self._tab = False
        self.h1 = ""
        self._h1 = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        classes = a.get("class", "").split()
        if tag == "html":
            self.lang = a.get("lang", "")
        elif tag == "link" and "alternate" in (a.get("rel") or "").split() and "hreflang" in a:
            self.hreflang.setdefault(a["hreflang"], []).append(a["href"])
        elif tag == "a" and ("md-select__link" in classes or "et-lang" in classes):
            self.switch.setdefault(a["hreflang"], []).append(a["href"])
            if a.get("aria-current"):
                self.current.append(a["hreflang"])
        elif tag == "a" and "md-tabs__link" in classes:
            self._tab = True
            self.tabs.append("")
        elif tag == "h1":
            self._h1 = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._tab = False
        elif tag == "h1":
            self._h1 = False

    def handle_data(self, data: str) -> None:
        if self._tab:
            self.tabs[-1] += data.strip()
        if self._h1:
            self.h1 += data


def _read(path: Path) -> _Head:
    parser = _Head()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _site_url(root: Path) -> str:
    return yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"]


def _chat_page(rel: PurePosixPath) -> bool:
    """Return whether ``rel`` is a short WhatsApp address (chat/<ikm>/, en/chat/<ikm>/): a page a browser
    leaves at once for the chat, not indexed, without the theme, its language links or feed."""
    parts = rel.parts[1:] if rel.parts[0] == "en" else rel.parts
    return parts[0] == "chat"


def _pages(site: Path) -> list[PurePosixPath]:
    """Return every page of the site (``index.html`` files outside the asset folders), site-relative."""
    found = []
    for path in site.rglob("index.html"):
        rel = PurePosixPath(path.relative_to(site).as_posix())
        if rel.parts[0] not in NOT_PAGES:
            found.append(rel)
    return sorted(found)


def _url_of(rel: PurePosixPath) -> str:
    """Return the directory URL (site-relative) of a page file: ``en/produk/a/b/index.html`` → ``en/produk/a/b/``."""
    parent = rel.parent.as_posix()
    return "" if parent == "." else parent + "/"


def _counterpart(url: str) -> tuple[str, str]:
    """Return (Indonesian URL, English URL) of the page at ``url``."""
    if url.startswith("en/"):
        return url.removeprefix("en/"), url
    return url, "en/" + url


def _record_urls(root: Path) -> list[str]:
    """Return the Indonesian URL of every product, IKM, sentra and category page."""
    records, _ = load_records(root)
    urls = []
    for record in records:
        kind, data = record.kind.value, record.data
        if kind == "product":
            urls.append(f"produk/{data['ikm']}/{data['slug']}/")
        elif kind == "ikm":
            urls.append(f"ikm/{data['slug']}/")
        elif kind == "sentra":
            urls.append(f"sentra/{data['slug']}/")
        elif kind == "category-list":
            urls += [f"kategori/{c['slug']}/" for c in data["categories"]]
    return urls


def _products(root: Path) -> list[dict]:
    records, _ = load_records(root)
    return sorted((r.data for r in records if r.kind.value == "product"), key=lambda d: (d["ikm"], d["slug"]))


def _text(html: str) -> str:
    """Return the visible text of a generated page body, on one line."""
    body = html.split('<div class="et ', 1)[1]
    body = re.sub(r"<(script|svg)\b.*?</\1>", " ", body, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", body)).replace("&amp;", "&")


# --- configuration, without a build ------------------------------------------------------


def test_nav_titles_of_every_language_come_from_the_translation_tables() -> None:
    base, english = load_translations(TEMPLATES, "id"), load_translations(TEMPLATES, "en")
    mapping = languages.nav_translations(base, english)
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    titles = [next(iter(item)) for item in config["nav"]]
    assert [mapping.get(t) for t in titles] == [
        "Home",
        "Categories",
        "Clusters",
        "Statistics",
        "Needs",
        "About",
        "Search",
        "Add a product",
    ]


def test_mkdocs_yml_builds_indonesian_at_the_root_and_english_under_en() -> None:
    config = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
    plugin = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    assert plugin["docs_structure"] == "folder"
    locales = {lang["locale"]: lang for lang in plugin["languages"]}
    assert locales["id"]["default"] is True and locales["en"]["build"] is True
    assert Project(REPO, REPO / "build/docs").languages == ("id", "en")


_DOCS = [  # a docs folder in miniature: both languages, sections and not, a page in one language only
    "index.md", "en/index.md", "produk/a/b.md", "en/produk/a/b.md", "ikm/a.md", "en/ikm/a.md",
    "produk/a/hanya-id.md", "en/ikm/only-en.md", "kategori/x.md", "en/kategori/x.md",
]  # fmt: skip


def _i18n_view(file: File) -> tuple[object, ...]:
    """What the i18n plugin's handling of a file decides: where it goes and which pages are its alternates."""
    alternates = [(lang, alt.url) for lang, alt in file.alternates.items()]
    return (file.src_uri, file.url, file.abs_dest_path, file.locale, file.locale_alternate_of, file.localization,
            file.norm_src_uri, alternates)  # fmt: skip


@pytest.mark.parametrize("lang", ["id", "en"])
def test_pages_kept_from_the_i18n_plugin_are_marked_and_listed_as_it_would(lang: str, tmp_path: Path) -> None:
    docs, site = tmp_path / "docs", tmp_path / "site"
    docs.mkdir()
    config = load_config(str(REPO / "mkdocs.yml"), docs_dir=str(docs), site_dir=str(site))
    plugin = languages.plugin_of(config)
    plugin.current_language = lang
    assert languages.can_localize_pages(config) and languages.language_folders(config) == ["en"]

    def docs_files() -> Files:  # as MkDocs walks the docs folder
        files = [File(uri, str(docs), str(site), True) for uri in _DOCS]
        return Files(sorted(files, key=file_sort_key))

    plugin.i18n_files_per_language = {}
    expected = [_i18n_view(file) for file in plugin.reconfigure_files(docs_files(), config).documentation_pages()]

    files = docs_files()
    kept = shells.take_sections(files, languages.language_folders(config))
    assert sorted(f.src_uri for f in kept) == sorted(uri for uri in _DOCS if shells.neutral_path(uri) is not None)
    plugin.i18n_files_per_language = {lang: plugin.reconfigure_files(files, config).documentation_pages()}
    pages = languages.localized_pages(kept, config)
    assert {f.src_uri for f in pages} == {view[0] for view in expected if shells.neutral_path(str(view[0]))}
    assert [_i18n_view(file) for file in plugin.i18n_files_per_language[lang]] == expected  # the sitemap's list


def test_the_dependency_is_pinned_exactly() -> None:
    pyproject = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    lock = (REPO / "requirements.lock").read_text(encoding="utf-8").splitlines()
    assert '"mkdocs-static-i18n==1.3.1"' in pyproject
    assert "mkdocs-static-i18n==1.3.1" in lock


# --- the built site ------------------------------------------------------------------------


@pytest.mark.slow
def test_every_page_exists_in_both_languages_and_links_its_counterpart(sample_site: Path) -> None:
    """Over every page of the site: <html lang>, the hreflang links and the language switch."""
    site, site_url = sample_site / "site", _site_url(sample_site)
    pages = _pages(site)
    urls = {_url_of(p) for p in pages}
    english = {u for u in urls if u.startswith("en/")}
    indonesian = urls - english
    assert {"en/" + u for u in indonesian} == english, "pages that exist in one language only"
    for url in _record_urls(sample_site):
        assert url in indonesian and "en/" + url in english, url
    problems = []
    for rel in pages:
        url = _url_of(rel)
        lang = "en" if url.startswith("en/") else "id"
        id_url, en_url = _counterpart(url)
        head = _read(site / rel)
        if _chat_page(rel):  # a short WhatsApp address: sent on at once, no theme (templates/overrides/chat.html)
            if head.lang != lang:
                problems.append(f"{url}: <html lang={head.lang!r}>")
            continue
        expected_alternates = {
            "id": [site_url + id_url],
            "en": [site_url + en_url],
            "x-default": [site_url + id_url],
        }
        if head.lang != lang:
            problems.append(f"{url}: <html lang={head.lang!r}>")
        if head.hreflang != expected_alternates:
            problems.append(f"{url}: hreflang links {head.hreflang}")
        page_url = "http://site/" + url
        switch = {
            k: [urljoin(page_url, href).removeprefix("http://site/") for href in v] for k, v in head.switch.items()
        }
        # Two languages: the switch is one link, to the same page in the other language
        # (templates/overrides/partials/alternate.html).
        other = {"id": ("en", en_url), "en": ("id", id_url)}[lang]
        if switch != {other[0]: [other[1]]}:
            problems.append(f"{url}: language switch leads to {switch}")
        if head.current:
            problems.append(f"{url}: the switch marks {head.current} as a current language")
    assert problems == [], "\n".join(problems[:20])
    assert len(english) == len(indonesian) > len(_record_urls(sample_site)) >= 71 + 27 + 11 + 5


@pytest.mark.slow
def test_404_and_sitemap_serve_both_languages(sample_site: Path) -> None:
    site, site_url = sample_site / "site", _site_url(sample_site)
    not_found = _read(site / "404.html")
    assert not_found.lang == "id", "the one 404 page GitHub Pages serves is the default language's"
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    chat = [page for page in _pages(site) if "chat" in page.parts[:2]]  # noindex: not listed
    assert chat and len(locs) == len(set(locs)) == len(_pages(site)) - len(chat)
    product = _record_urls(sample_site)[0]
    assert f'hreflang="en" href="{site_url}en/{product}"' in sitemap


@pytest.mark.slow
def test_english_pages_speak_english(sample_site: Path) -> None:
    site = sample_site / "site"
    english = _read(site / "en/index.html")
    assert english.tabs == ["Home", "Categories", "Clusters", "Statistics", "Needs", "About", "Search", "Add a product"]
    assert _read(site / "index.html").tabs == [
        "Beranda",
        "Kategori",
        "Sentra",
        "Statistik",
        "Kebutuhan",
        "Tentang",
        "Cari",
        "Tambah produk",
    ]
    lusin = next(p for p in _products(sample_site) if p["moq"]["unit"] == "lusin" and "en" in p["name"])
    url = f"produk/{lusin['ikm']}/{lusin['slug']}/index.html"
    en_text = _text((site / "en" / url).read_text(encoding="utf-8"))
    id_text = _text((site / url).read_text(encoding="utf-8"))
    assert _read(site / "en" / url).h1.strip() == lusin["name"]["en"]
    assert re.search(r"Price band IDR \d{1,3}(,\d{3})+ – [\d,]+ / ", en_text), en_text[:300]
    assert re.search(r"Kisaran harga Rp \d{1,3}(\.\d{3})+ – [\d.]+ / ", id_text), id_text[:300]
    assert f"Minimum order (MOQ) {lusin['moq']['quantity']} dozen ({lusin['moq']['quantity'] * 12} pcs)" in en_text
    assert "dozen (lusin in Indonesian) = 12 pcs" in en_text and "1 lusin = 12 pcs" in id_text
    months = "|".join(load_translations(TEMPLATES, "en")["months"])
    assert re.search(rf"Last verified \d{{1,2}} ({months}) 20\d\d", en_text), en_text
    for word in ("Kisaran harga", "Pesanan minimum", "Tanya lewat WhatsApp", "Spesifikasi", "Terakhir diperiksa"):
        assert word not in en_text, f"Indonesian label {word!r} on an English page"


@pytest.mark.slow
def test_english_pages_without_english_text_say_so(sample_site: Path) -> None:
    site = sample_site / "site"
    note = load_translations(TEMPLATES, "en")["fallback"]["note"]
    products = _products(sample_site)
    missing = [p for p in products if not p["name"].get("en") or not p["description"].get("en")]
    assert missing, "the sample should show the fallback with at least one product"
    for product in products:
        url = f"produk/{product['ikm']}/{product['slug']}/index.html"
        html = (site / "en" / url).read_text(encoding="utf-8")
        if product in missing:
            assert note in html, url
            if not product["name"].get("en"):
                assert f'<h1 data-pagefind-weight="10"><span lang="id">{product["name"]["id"]}' in html, url
        else:
            assert note not in html, url
        assert note not in (site / url).read_text(encoding="utf-8")


@pytest.mark.slow
def test_search_has_an_index_per_language(sample_site: Path) -> None:
    """Each language has a Pagefind bundle of its own (one run per language halves Pagefind's memory)."""
    counts = {}
    for bundle in ("site/pagefind", "site/en/pagefind"):
        entry = json.loads((sample_site / bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
        counts.update({lang: info["page_count"] for lang, info in entry["languages"].items()})
        assert len(entry["languages"]) == 1, bundle
    assert set(counts) == {"id", "en"} and counts["id"] == counts["en"] > 71
    search_pages = {
        lang: (sample_site / path).read_text(encoding="utf-8")
        for lang, path in (("id", "site/cari/index.html"), ("en", "site/en/cari/index.html"))
    }
    assert 'data-bundle="pagefind/"' in search_pages["id"]
    assert 'data-bundle="en/pagefind/"' in search_pages["en"]


# --- in the browser ------------------------------------------------------------------------


def _knit_cardigan(root: Path) -> dict:
    return next(
        p for p in _products(root) if p["category"] == "rajut" and "cardigan" in p["name"].get("en", "").lower()
    )


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("width", [390, 1280])
def test_language_switch_shows_the_same_product_in_english(
    page: Page, sample_site: Path, sample_url: str, width: int
) -> None:
    product = _knit_cardigan(sample_site)
    path = f"produk/{product['ikm']}/{product['slug']}/"
    page.set_viewport_size({"width": width, "height": 844})
    page.goto(sample_url + path)
    expect(page.locator("html")).to_have_attribute("lang", "id")
    expect(page.locator("h1").first).to_have_text(product["name"]["id"])
    page.get_by_role("link", name="EN English", exact=True).click()
    page.wait_for_url(sample_url + "en/" + path)
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("h1").first).to_have_text(product["name"]["en"])
    expect(page.locator(".et-keyfacts")).to_contain_text("Price band")
    expect(page.locator(".et-keyfacts")).to_contain_text("IDR ")
    page.get_by_role("link", name="ID Bahasa Indonesia", exact=True).click()
    page.wait_for_url(sample_url + path)


@pytest.mark.browser
@pytest.mark.slow
def test_english_search_finds_the_knit_products(page: Page, sample_site: Path, sample_url: str) -> None:
    """Pagefind's JS API with the English bundle (en/pagefind/) finds English pages only."""
    page.goto(sample_url + "en/")
    urls = page.evaluate(
        """async (root) => {
            const pagefind = await import(new URL("en/pagefind/pagefind.js", root).href);
            await pagefind.init();
            const search = await pagefind.search("knitted cardigan");
            const data = await Promise.all(search.results.slice(0, 8).map((r) => r.data()));
            return data.map((d) => d.url);
        }""",
        sample_url,
    )
    paths = [urlsplit(u).path.lstrip("/") for u in urls]
    assert paths, "no results for 'knitted cardigan' on the English site"
    assert all(p.startswith("en/") for p in paths), paths
    knit = {f"en/produk/{p['ikm']}/{p['slug']}/" for p in _products(sample_site) if p["category"] == "rajut"}
    cardigans = {
        f"en/produk/{p['ikm']}/{p['slug']}/"
        for p in _products(sample_site)
        if "cardigan" in p["name"].get("en", "").lower()
    }
    assert paths[0] in knit, paths
    assert cardigans & knit <= set(paths), f"knit cardigans missing from {paths}"


@pytest.mark.browser
@pytest.mark.slow
def test_english_search_page_shows_english_results(page: Page, sample_url: str) -> None:
    """The search page of the English site (the search UI) finds English pages."""
    page.goto(sample_url + "en/cari/?q=knitted+cardigan")
    results = page.locator("[data-results] a[href]")
    expect(results.first).to_be_visible(timeout=10_000)
    hrefs = results.evaluate_all("links => links.map((a) => a.href)")
    assert hrefs and all(urlsplit(h).path.startswith("/en/") and "/en/en/" not in h for h in hrefs), hrefs
    response = page.goto(hrefs[0])
    assert response is not None and response.ok, hrefs[0]


@pytest.mark.browser
@pytest.mark.slow
def test_english_product_page_on_a_phone(page: Page, sample_site: Path, sample_url: str) -> None:
    product = _knit_cardigan(sample_site)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(sample_url + f"en/produk/{product['ikm']}/{product['slug']}/")
    page.wait_for_load_state("networkidle")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the English product page scrolls sideways by {overflow}px"
    expect(page.get_by_role("link", name="ID Bahasa Indonesia", exact=True)).to_be_visible()
    cut = page.evaluate(
        "(e => e.scrollWidth - e.clientWidth)(document.querySelector('.md-header__topic .md-ellipsis'))"
    )
    assert cut <= 0, f"the site's name in the header is cut by {cut}px"
    expect(page.locator("h1").first).to_be_visible()
    shots = ARTIFACTS / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(shots / "product-en-phone.png"), full_page=True)


class _EnglishText(HTMLParser):
    """The text of a page a reader sees in English: not in scripts, not in lang="id" record texts."""

    VOID = frozenset({"br", "img", "input", "link", "meta", "hr", "source", "wbr", "area", "col"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.text: list[str] = []
        self._stack: list[bool] = []  # per open element: is its text left out?

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self.VOID:
            return
        a = dict(attrs)
        skipped = bool(self._stack and self._stack[-1]) or tag in {"script", "style"} or a.get("lang") == "id"
        self._stack.append(skipped)

    def handle_endtag(self, tag: str) -> None:
        if tag not in self.VOID and self._stack:
            self._stack.pop()

    def handle_data(self, data: str) -> None:
        if not (self._stack and self._stack[-1]):
            self.text.append(data)


@pytest.mark.slow
def test_english_pages_name_units_in_english(sample_site: Path) -> None:
    """Quantities in lusin and kodi read as dozen and score on English pages (with their pieces), JSON-LD too."""
    site = sample_site / "site"
    found = []
    english_units = 0
    for path in sorted((site / "en").rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        parser = _EnglishText()
        parser.feed(html)
        text = " ".join(parser.text)
        found += [
            f"{path.relative_to(site)}: {m}"
            # a quantity the site formats (2 lusin, 150 kodi / month); record texts and the CSV columns' codes may name them
            for m in re.findall(r".{0,30}\b\d[\d,.]* (?:lusin|kodi)\b.{0,10}", text)
        ]
        found += [f"{path.relative_to(site)}: JSON-LD {m}" for m in re.findall(r'"unitText": ?"(lusin|kodi)"', html)]
        english_units += len(re.findall(r"\b(?:dozen|scores?) \(\d[\d,]* pcs\)", text))
    assert found == [], "\n".join(found[:20])
    assert english_units > 50
