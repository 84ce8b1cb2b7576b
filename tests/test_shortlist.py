"""The shortlist: the toggle on cards and product pages, the header badge and the list page daftar/.

Unit tests of ``etalase.shortlist`` and of the rendered markup (the render fixture), then Chromium
on the built sample: three products of two makers added from cards and a product page, kept over
a reload, one WhatsApp message and e-mail per maker following the quantities, the CSV download,
print, English, no JavaScript, hostile names and a tampered list in localStorage.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml

from conftest import ARTIFACTS, HOSTILE, serve
from etalase import render
from etalase.render import links, shortlist
from etalase.render.formatting import Formatter
from etalase.source.load import load_records
from test_render import FIXTURE, IMAGES, build, catalog_from, split

REPO = Path(__file__).parent.parent
TEMPLATES = REPO / "templates"
STORAGE_KEY = "etalase-shortlist:/"  # the site served at the root of 127.0.0.1:<port>


# --- unit tests: Python and rendered markup -------------------------------------------------


@pytest.mark.parametrize(
    ("number", "digits"),
    [
        ("+6280000001008", "6280000001008"),
        ("+62 800-0000-1008", "6280000001008"),
        ("6280000001008", "6280000001008"),
        ("+0800123456", ""),  # no leading zero in a country code
        ("+62 800 12", ""),  # too short
        ("+62800000000000000", ""),  # over 15 digits
        ("+62800<script>", ""),
        ("", ""),
        (None, ""),
    ],
)
def test_wa_digits(number: str | None, digits: str) -> None:
    assert links.wa_digits(number) == digits


def _table(lang: str) -> dict[str, Any]:
    return yaml.safe_load((TEMPLATES / "i18n" / f"{lang}.yml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", ["id", "en"])
def test_script_strings_come_from_the_translation_table(lang: str) -> None:
    renderer = render.Renderer(catalog_from(FIXTURE), {}, TEMPLATES, lang, "https://x.example/", "")
    strings = shortlist.script_strings(renderer)
    table = _table(lang)["shortlist"]
    assert strings["message_greeting"] == table["message"]["greeting"]
    assert strings["products_one"] == table["products"]["one"]
    assert strings["csv_url"] == table["csv"]["url"]
    assert set(strings["units"]) == {"pcs", "pasang", "lusin", "kodi", "kg", "pack"}
    assert strings["units"]["lusin"]["pieces"] == 12 and strings["units"]["pcs"]["pieces"] == 0
    assert strings["site"] == renderer.catalog.site.title.get(lang)
    assert strings["locale"] == {"id": "id-ID", "en": "en-US"}[lang]
    # every text the script fills in names only the fields the script gives
    fields = {
        "message_greeting": {"maker"},
        "message_intro": {"site"},
        "message_line": {"number", "product", "quantity", "url"},
        "summary": {"products", "makers"},
        "remove_label": {"product"},
        "email_subject": {"site"},
    }
    for key, names in fields.items():
        assert set(re.findall(r"\{(\w+)\}", strings[key])) == names, key


def test_both_languages_have_the_same_shortlist_texts() -> None:
    def keys(node: Any, prefix: str = "") -> set[str]:
        if isinstance(node, dict):
            return set().union(*(keys(v, f"{prefix}{k}.") for k, v in node.items()))
        return {prefix}

    assert keys(_table("id")["shortlist"]) == keys(_table("en")["shortlist"])


def _strings_of(page: str) -> dict[str, Any]:
    match = re.search(r"data-strings='([^']*)'", page)
    assert match, "the list page has no data-strings"
    return json.loads(html.unescape(match.group(1)))


@pytest.mark.parametrize(("lang", "path"), [("id", "daftar.md"), ("en", "en/daftar.md")])
def test_list_page_is_rendered_in_each_language(lang: str, path: str) -> None:
    pages = build(lang=lang)
    front, body = split(pages[path])
    assert front["title"] == _table(lang)["shortlist"]["title"]
    strings = _strings_of(body)
    assert strings["message_intro"] == _table(lang)["shortlist"]["message"]["intro"]
    assert 'data-home="../"' in body  # the language's root, from daftar/ (en/daftar/)
    assert _table(lang)["shortlist"]["noscript"] in body
    # every page names its list page and the badge label (the header link)
    product_front, _ = split(pages[f"{'' if lang == 'id' else 'en/'}produk/rajut-sinar/kardigan.md"])
    assert product_front["shortlist_page"] == ("daftar/" if lang == "id" else "en/daftar/")
    assert product_front["shortlist_label"] == _table(lang)["shortlist"]["nav"]


def _buttons(page: str) -> list[dict[str, str]]:
    found = []
    for tag in re.findall(r"<button class=\"et-sl[^>]*>", page):
        found.append({k: html.unescape(v) for k, v in re.findall(r'(data-sl-[a-z-]+|aria-pressed)="([^"]*)"', tag)})
        assert " hidden " in tag  # shown by the script only
    return found


def test_buttons_name_their_product_only() -> None:
    pages = build()
    product = _buttons(pages["produk/rajut-sinar/kardigan.md"])
    assert product, "no shortlist button on the product page"
    assert product[0] == {"aria-pressed": "false", "data-sl-id": "produk/rajut-sinar/kardigan/"}
    # cards: one per product on a category page, the same id whatever the page's depth or language
    category = _buttons(pages["kategori/rajut.md"])
    assert {b["data-sl-id"] for b in category} >= {"produk/rajut-sinar/kardigan/", "produk/rajut-sinar/sweter/"}
    assert all(set(b) == {"aria-pressed", "data-sl-id"} for b in category)
    english = _buttons(build(lang="en")["en/kategori/rajut.md"])
    assert {b["data-sl-id"] for b in english} == {b["data-sl-id"] for b in category}


def _maker_file(catalog: Any, images: Any = None) -> dict[str, Any]:
    files = shortlist.maker_files(catalog, IMAGES if images is None else images, TEMPLATES, ("id", "en"))
    assert set(files) == {"daftar/rajut-sinar.json", "daftar/dapur-ema.json"}  # one per maker with products
    return json.loads(files["daftar/rajut-sinar.json"])


def test_maker_file_holds_what_the_list_shows_in_every_language() -> None:
    catalog = catalog_from(FIXTURE)
    data = _maker_file(catalog)
    maker = catalog.ikms["rajut-sinar"].record
    assert (data["v"], data["name"], data["wa"]) == (1, maker.name, links.wa_digits(maker.contacts.whatsapp))
    assert re.fullmatch(r"[1-9][0-9]{7,14}", data["wa"]) and data["email"] == maker.contacts.email
    assert data["langs"] == {"id": "", "en": "en/"}
    assert set(data["products"]) == {"produk/rajut-sinar/kardigan/", "produk/rajut-sinar/sweter/"}
    kardigan = data["products"]["produk/rajut-sinar/kardigan/"]
    record = next(e.record for e in catalog.products if e.record.slug == "kardigan")
    assert (kardigan["moq"], kardigan["unit"]) == (record.moq.quantity, record.moq.unit.value)
    assert kardigan["thumb"] == "media/k1/thumb.webp"  # from the site root
    for lang in ("id", "en"):
        fmt = Formatter(lang, _table(lang))
        assert kardigan["text"][lang] == {
            "name": record.name.get(lang),
            "moqText": fmt.quantity(record.moq.quantity, record.moq.unit),
            "price": fmt.price(record.price.min, record.price.max, record.price.unit),
        }
    # a product without a processed photo has no thumbnail
    assert "thumb" not in data["products"]["produk/rajut-sinar/sweter/"]


def test_contributor_text_stays_data() -> None:
    name = "\"><script>alert('sl')</script>' onmouseover='x"
    catalog = catalog_from(FIXTURE, {"products/rajut-sinar/kardigan.yml": {"name": {"id": name}}})
    page = render.render_pages(catalog, {}, TEMPLATES, site_url="https://x.example/")["produk/rajut-sinar/kardigan.md"]
    markup = re.sub(r'<script type="application/ld\+json">.*?</script>', "", page, flags=re.S)  # JSON data
    assert "<script" not in markup and "onmouseover='x" not in markup
    assert _buttons(page)[0]["data-sl-id"] == "produk/rajut-sinar/kardigan/"
    # in the maker's file it is a JSON string (shortlist.js writes it with textContent)
    data = _maker_file(catalog, {})
    assert data["products"]["produk/rajut-sinar/kardigan/"]["text"]["id"]["name"] == name


def test_list_page_does_not_clash_with_record_pages() -> None:
    """Records live under produk/, ikm/, sentra/ and kategori/: a slug "daftar" is no clash."""
    categories = yaml.safe_load((FIXTURE / "catalog/categories.yml").read_text(encoding="utf-8"))["categories"]
    categories[0] = {**categories[0], "slug": "daftar"}
    catalog = catalog_from(FIXTURE, {"catalog/categories.yml": {"categories": categories}})
    pages = render.render_pages(catalog, {}, TEMPLATES, site_url="https://x.example/")
    assert "kategori/daftar.md" in pages
    assert "data-shortlist" in pages["daftar.md"]


# --- in Chromium, on the built sample -------------------------------------------------------


def _sample_products(root: Path) -> tuple[list[dict[str, Any]], dict[str, dict[str, Any]]]:
    """Return two products of one maker and one of another (records' data) and the makers by slug."""
    records, _ = load_records(root)
    products = sorted((r.data for r in records if r.kind.value == "product"), key=lambda d: (d["ikm"], d["slug"]))
    makers = {r.data["slug"]: r.data for r in records if r.kind.value == "ikm"}
    by_maker: dict[str, list[dict[str, Any]]] = {}
    for data in products:
        by_maker.setdefault(data["ikm"], []).append(data)
    first = next(items for items in by_maker.values() if len(items) >= 2)
    units = {d["moq"]["unit"] for d in first[:2]}
    other = next(
        items[0]
        for slug, items in by_maker.items()
        if slug != first[0]["ikm"] and items[0]["moq"]["unit"] not in units  # a second unit too
    )
    return [first[0], first[1], other], makers


def _list_ready(page: Any) -> None:
    """Wait until the list page has read the makers' files of the listed products (data-sl-ready)."""
    page.wait_for_selector("[data-shortlist][data-sl-ready]", state="attached")


def _message(page: Any, maker: str, kind: str = "wa") -> str:
    href = page.locator(f'section[data-sl-maker="{maker}"] a[data-sl-{kind}-link]').get_attribute("href") or ""
    parts = urlsplit(href)
    if kind == "wa":
        assert parts.scheme == "https" and parts.netloc == "wa.me" and parts.path.strip("/").isdigit()
        return parse_qs(parts.query)["text"][0]
    assert parts.scheme == "mailto"
    return parse_qs(parts.query)["body"][0]


@pytest.fixture
def dialogs(page: Any) -> Iterator[list[str]]:
    """Accept confirm() dialogs and record every dialog's message."""
    seen: list[str] = []
    page.on("dialog", lambda dialog: (seen.append(dialog.message), dialog.accept()))
    yield seen


@pytest.mark.browser
@pytest.mark.slow
def test_three_products_of_two_makers_make_two_inquiries(
    page: Any, sample_site: Path, sample_url: str, tmp_path: Path
) -> None:
    (a1, a2, b1), makers = _sample_products(sample_site)
    fmt = Formatter("id", _table("id"))
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_viewport_size({"width": 390, "height": 844})

    # two products from the cards of maker A's page, one from maker B's product page
    page.goto(f"{sample_url}ikm/{a1['ikm']}/")
    assert not page.locator("[data-sl-badge]").is_visible()  # an empty list has no badge
    for data in (a1, a2):
        button = page.locator(f'button[data-sl-id="produk/{data["ikm"]}/{data["slug"]}/"]')
        assert button.is_visible() and button.get_attribute("aria-pressed") == "false"
        button.click()
        assert button.get_attribute("aria-pressed") == "true"
    assert page.locator("[data-sl-badge] [data-sl-count]").inner_text() == "2"
    page.goto(f"{sample_url}produk/{b1['ikm']}/{b1['slug']}/")
    page.locator("button.et-sl--page").click()
    assert page.locator("[data-sl-count]").inner_text() == "3"
    cut = page.evaluate(
        "(e => e.scrollWidth - e.clientWidth)(document.querySelector('.md-header__topic .md-ellipsis'))"
    )
    assert cut <= 0, f"with the badge, the site's name in the phone header is cut by {cut}px"

    # a reload keeps the list: pressed buttons and the count
    page.reload()
    assert page.locator("button.et-sl--page").get_attribute("aria-pressed") == "true"
    assert page.locator("[data-sl-count]").inner_text() == "3"
    page.goto(f"{sample_url}ikm/{a1['ikm']}/")
    assert (
        page.locator(f'button[data-sl-id="produk/{a1["ikm"]}/{a1["slug"]}/"]').get_attribute("aria-pressed") == "true"
    )

    # the list page, reached from the header badge
    page.locator("[data-sl-badge]").click()
    page.wait_for_url(re.compile(r"/daftar/$"))
    _list_ready(page)
    assert page.locator("section[data-sl-maker]").count() == 2
    assert page.locator("[data-sl-summary]").inner_text() == "3 produk dari 2 pembuat"
    for data in (a1, a2, b1):
        quantity = page.locator(f'li[data-sl-item="produk/{data["ikm"]}/{data["slug"]}/"] input')
        assert quantity.input_value() == str(data["moq"]["quantity"])  # the MOQ to begin with

    def expect(message: str, data: dict[str, Any], qty: int) -> None:
        url = f"{sample_url}produk/{data['ikm']}/{data['slug']}/"
        assert f"{data['name']['id']} — {fmt.quantity(qty, data['moq']['unit'])}\n{url}" in message, message

    message_a = _message(page, a1["ikm"])
    assert message_a.startswith(f"Halo {makers[a1['ikm']]['name']}, saya melihat produk berikut di ")
    expect(message_a, a1, a1["moq"]["quantity"])
    expect(message_a, a2, a2["moq"]["quantity"])
    assert b1["name"]["id"] not in message_a and "harga" in message_a
    message_b = _message(page, b1["ikm"])
    assert message_b.startswith(f"Halo {makers[b1['ikm']]['name']},")
    expect(message_b, b1, b1["moq"]["quantity"])
    assert a1["name"]["id"] not in message_b

    # a new quantity rewrites maker A's message (and e-mail) at once, and survives a reload
    new_qty = a2["moq"]["quantity"] + 7
    page.locator(f'li[data-sl-item="produk/{a2["ikm"]}/{a2["slug"]}/"] input').fill(str(new_qty))
    expect(_message(page, a1["ikm"]), a2, new_qty)
    expect(_message(page, a1["ikm"]), a1, a1["moq"]["quantity"])
    if makers[a1["ikm"]]["contacts"].get("email"):
        href = page.locator(f'section[data-sl-maker="{a1["ikm"]}"] a[data-sl-mail-link]').get_attribute("href")
        assert href.startswith(f"mailto:{makers[a1['ikm']]['contacts']['email']}?subject=")
        expect(_message(page, a1["ikm"], "mail"), a2, new_qty)
    page.reload()
    _list_ready(page)
    expect(_message(page, a1["ikm"]), a2, new_qty)

    # the CSV: UTF-8 with a BOM, one row per product, quantities as numbers
    with page.expect_download() as info:
        page.locator("[data-sl-csv]").click()
    download = info.value
    assert download.suggested_filename == "daftar-pilihan.csv"
    target = tmp_path / download.suggested_filename
    download.save_as(target)
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == ["Pembuat", "Produk", "Jumlah", "Satuan", "Kisaran harga", "Alamat halaman"]
    expected = {
        (
            makers[d["ikm"]]["name"],
            d["name"]["id"],
            str(q),
            fmt.unit(d["moq"]["unit"], q),
            f"{sample_url}produk/{d['ikm']}/{d['slug']}/",
        )
        for d, q in ((a1, a1["moq"]["quantity"]), (a2, new_qty), (b1, b1["moq"]["quantity"]))
    }
    assert {(r[0], r[1], r[2], r[3], r[5]) for r in rows[1:]} == expected
    assert all(r[4].startswith("Rp ") for r in rows[1:])

    # screenshots of the list, phone and desktop
    shots = ARTIFACTS / "screenshots"
    shots.mkdir(parents=True, exist_ok=True)
    page.evaluate("window.scrollTo(0, 0)")  # the sticky header stays at the top of a full-page shot
    page.screenshot(path=str(shots / "shortlist-phone.png"), full_page=True)
    assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    page.set_viewport_size({"width": 1280, "height": 900})
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(shots / "shortlist-desktop.png"), full_page=True)

    # print: no header, buttons, inputs or links to press; names, quantities and addresses stay
    page.emulate_media(media="print")
    for hidden in (
        ".md-header",
        "[data-sl-csv]",
        ".et-sl-item__remove",
        "a[data-sl-wa-link]",
        "a[data-sl-mail-link]",
        "input",
    ):
        assert all(not node.is_visible() for node in page.locator(hidden).all()), hidden
    printed = page.locator(f'li[data-sl-item="produk/{a2["ikm"]}/{a2["slug"]}/"]')
    assert fmt.quantity(new_qty, a2["moq"]["unit"]) in printed.inner_text()
    assert f"produk/{a2['ikm']}/{a2['slug']}/" in printed.locator(".et-sl-item__url").inner_text()
    page.screenshot(path=str(shots / "shortlist-print.png"), full_page=True)
    page.emulate_media(media="screen")
    assert errors == []


@pytest.mark.browser
@pytest.mark.slow
def test_remove_and_clear(page: Any, sample_site: Path, sample_url: str, dialogs: list[str]) -> None:
    (a1, a2, _), _ = _sample_products(sample_site)
    page.goto(f"{sample_url}ikm/{a1['ikm']}/")
    for data in (a1, a2):
        page.locator(f'button[data-sl-id="produk/{data["ikm"]}/{data["slug"]}/"]').click()
    page.goto(f"{sample_url}daftar/")
    _list_ready(page)
    page.locator(f'li[data-sl-item="produk/{a1["ikm"]}/{a1["slug"]}/"] .et-sl-item__remove').click()
    assert page.locator("li[data-sl-item]").count() == 1
    assert page.locator("[data-sl-count]").inner_text() == "1"
    assert a1["name"]["id"] not in _message(page, a2["ikm"])
    page.locator("[data-sl-clear]").click()
    assert dialogs == ["Hapus semua produk dari daftar?"]
    assert page.locator("[data-sl-empty]").is_visible()
    assert not page.locator("[data-sl-tools]").is_visible()
    assert not page.locator("[data-sl-count]").is_visible()
    page.reload()
    _list_ready(page)
    assert page.locator("[data-sl-empty]").is_visible() and page.locator("li[data-sl-item]").count() == 0
    page.goto(f"{sample_url}ikm/{a1['ikm']}/")
    assert page.locator("button[data-sl-id][aria-pressed=true]").count() == 0


@pytest.mark.browser
@pytest.mark.slow
def test_english_list_writes_an_english_message(page: Any, sample_site: Path, sample_url: str) -> None:
    records, _ = load_records(sample_site)
    data = next(
        r.data for r in sorted(records, key=lambda r: r.path) if r.kind.value == "product" and "en" in r.data["name"]
    )
    maker = next(r.data for r in records if r.kind.value == "ikm" and r.data["slug"] == data["ikm"])
    fmt = Formatter("en", _table("en"))
    page.goto(f"{sample_url}en/produk/{data['ikm']}/{data['slug']}/")
    button = page.locator("button.et-sl--page")
    assert button.inner_text().strip() == "Add to shortlist"
    button.click()
    page.locator("[data-sl-badge]").click()
    page.wait_for_url(re.compile(r"/en/daftar/$"))
    _list_ready(page)
    assert page.locator("h1").inner_text() == "Your shortlist"
    assert page.locator("[data-sl-summary]").inner_text() == "1 product from 1 maker"
    message = _message(page, data["ikm"])
    assert message.startswith(f"Hello {maker['name']}, I found the following products on ")
    url = f"{sample_url}en/produk/{data['ikm']}/{data['slug']}/"
    qty = data["moq"]["quantity"]
    assert f"1. {data['name']['en']} — {fmt.quantity(qty, data['moq']['unit'])}\n{url}" in message
    assert message.endswith("Thank you.")
    # the same list in Indonesian: the product's Indonesian page, the message in Indonesian
    page.goto(f"{sample_url}daftar/")
    _list_ready(page)
    assert _message(page, data["ikm"]).startswith("Halo ")
    assert f"{sample_url}produk/{data['ikm']}/{data['slug']}/" in _message(page, data["ikm"])


@pytest.mark.browser
@pytest.mark.slow
def test_saved_in_indonesian_reads_english_on_the_english_list(page: Any, sample_site: Path, sample_url: str) -> None:
    """A product saved on an Indonesian page keeps its English texts: name, units, price, page, message."""
    records, _ = load_records(sample_site)
    data = next(
        r.data
        for r in sorted(records, key=lambda r: r.path)
        if r.kind.value == "product" and "en" in r.data["name"] and r.data["moq"]["unit"] in ("lusin", "kodi")
    )
    fmt = Formatter("en", _table("en"))
    page.goto(f"{sample_url}produk/{data['ikm']}/{data['slug']}/")
    page.locator("button.et-sl--page").click()
    page.goto(f"{sample_url}en/daftar/")
    _list_ready(page)
    item = page.locator("[data-sl-item]").first
    assert item.locator(".et-sl-item__name").inner_text() == data["name"]["en"]
    moq = fmt.quantity(data["moq"]["quantity"], data["moq"]["unit"])
    assert item.locator(".et-sl-item__moq").inner_text() == f"MOQ {moq}"
    assert "dozen" in moq or "score" in moq
    price = fmt.price(data["price"]["min"], data["price"]["max"], data["price"]["unit"])
    assert item.locator(".et-sl-item__price").inner_text() == price
    message = _message(page, data["ikm"])
    assert f"1. {data['name']['en']} — {moq}\n{sample_url}en/produk/{data['ikm']}/{data['slug']}/" in message
    assert " lusin" not in message and " kodi" not in message
    assert "lusin" not in page.locator("[data-shortlist]").inner_text()
    # and the Indonesian list still reads Indonesian
    page.goto(f"{sample_url}daftar/")
    _list_ready(page)
    assert page.locator("[data-sl-item] .et-sl-item__name").first.inner_text() == data["name"]["id"]


@pytest.mark.browser
@pytest.mark.slow
def test_without_javascript_nothing_to_press(browser: Any, sample_site: Path, sample_url: str) -> None:
    (a1, _, _), _ = _sample_products(sample_site)
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{sample_url}produk/{a1['ikm']}/{a1['slug']}/")
        assert page.locator("button.et-sl--page").count() == 1
        assert not page.locator("button.et-sl").first.is_visible()
        assert not page.locator("[data-sl-badge]").is_visible()
        page.goto(f"{sample_url}daftar/")
        assert page.locator("[data-sl-summary]").inner_text() == _table("id")["shortlist"]["noscript"]
        assert not page.locator("[data-sl-tools]").is_visible()
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.slow
def test_tampered_storage_is_checked(page: Any, sample_site: Path, sample_url: str, tmp_path: Path) -> None:
    """A list edited in localStorage cannot add links, foreign images or spreadsheet formulas, and
    a listed product's data is read again from its maker's file."""
    (a1, _, _), _ = _sample_products(sample_site)
    good = f"produk/{a1['ikm']}/{a1['slug']}/"  # its maker's file is read again: the list shows it as it is
    gone = "produk/gone-maker/gone-product/"  # no file to read (a maker no longer in the catalogue): as stored
    base = {"maker": "gone-maker", "makerName": "M", "moq": 2, "unit": "pcs", "price": "Rp 1", "moqText": "2 pcs"}
    evil = {
        **base,
        "name": '=HYPERLINK("http://evil.example")',
        "wa": "62abc",
        "email": "x@evil.example?cc=y",
        "thumb": "https://evil.example/t.png",
        "url": "javascript:alert(1)",
    }
    state = {
        "v": 1,
        "items": [
            {"id": gone, "qty": 3, "data": {"id": evil}},
            {"id": good, "qty": 4, "data": {"id": {**evil, "maker": a1["ikm"]}}},
            {"id": "javascript:alert(1)//", "qty": 1, "data": {"id": {**base, "name": "bad id"}}},
            {"id": "produk/x/../../y/", "qty": 1, "data": {"id": {**base, "name": "traversal"}}},
            {"id": "produk/a/b/", "qty": 1, "data": {"id": {**base, "name": "bad maker", "maker": "<b>"}}},
        ],
    }
    page.goto(f"{sample_url}daftar/")
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [STORAGE_KEY, json.dumps(state)])
    page.reload()
    _list_ready(page)
    assert page.locator("li[data-sl-item]").count() == 2
    refreshed = page.locator(f'li[data-sl-item="{good}"]')
    assert refreshed.locator(".et-sl-item__name").inner_text() == a1["name"]["id"]  # from its maker's file
    assert refreshed.locator("input").input_value() == "4"  # the buyer's quantity stays
    item = page.locator(f'li[data-sl-item="{gone}"]')
    assert item.locator(".et-sl-item__name").inner_text() == '=HYPERLINK("http://evil.example")'
    assert item.locator("img").count() == 0  # the foreign thumbnail is dropped
    assert item.locator(".et-sl-item__name a").get_attribute("href") == sample_url + gone
    maker = page.locator('section[data-sl-maker="gone-maker"]')
    assert maker.locator("a[data-sl-wa-link]").count() == 0 and maker.locator("a[data-sl-mail-link]").count() == 0
    assert item.locator("input").input_value() == "3"
    with page.expect_download() as info:
        page.locator("[data-sl-csv]").click()
    target = tmp_path / "list.csv"
    info.value.save_as(target)
    rows = list(csv.reader(io.StringIO(target.read_bytes().decode("utf-8-sig"), newline="")))
    assert '\'=HYPERLINK("http://evil.example")' in [row[1] for row in rows[1:]]
    # broken JSON: an empty list, no error
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.evaluate("([key]) => localStorage.setItem(key, '{not json')", [STORAGE_KEY])
    page.reload()
    _list_ready(page)
    assert page.locator("[data-sl-empty]").is_visible() and errors == []


@pytest.mark.browser
@pytest.mark.slow
def test_hostile_product_name_stays_text(page: Any, hostile_site: Path) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with serve(hostile_site / "site") as url:
        page.goto(f"{url}produk/rajut-contoh/kardigan/")
        page.locator("button.et-sl--page").click()
        page.goto(f"{url}daftar/")
        _list_ready(page)
        name = page.locator(".et-sl-item__name")
        assert name.inner_text() == HOSTILE["name"]
        assert page.locator("[data-sl-groups] script, [data-sl-groups] img[src='x']").count() == 0
        assert HOSTILE["name"] in _message(page, "rajut-contoh")
        page.mouse.move(200, 300)
    assert dialogs == []


def _settled(page: Any) -> None:
    """Wait until no finite CSS transition or animation has run for 300 ms (3 s at most): axe reads
    computed colours, and Material fades the page title into the header a few frames after a click
    scrolls the page (caught mid-fade: 4.3:1 instead of the settled white on teal)."""
    page.evaluate(
        """async () => {
            const frame = () => new Promise((done) => requestAnimationFrame(() => done()));
            const running = () => document.getAnimations()
                .filter((a) => a.playState === "running" && a.effect && a.effect.getTiming().iterations !== Infinity);
            // The header reacts to the scroll a few frames later: settled = nothing running for 300 ms.
            for (let quiet = 0, waited = 0; quiet < 300 && waited < 3000; waited += 50) {
                const now = running();
                if (now.length) {
                    quiet = 0;
                    await Promise.all(now.map((a) => a.finished.catch(() => null)));
                } else {
                    quiet += 50;
                }
                await frame();
                await new Promise((done) => setTimeout(done, 50));
            }
        }"""
    )


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.parametrize("width", [(390, 844), (1280, 900)])
def test_filled_list_passes_axe(page: Any, sample_site: Path, sample_url: str, width: tuple[int, int]) -> None:
    from axe_playwright_python.sync_playwright import Axe

    (a1, a2, b1), _ = _sample_products(sample_site)
    page.set_viewport_size(dict(zip(("width", "height"), width, strict=True)))
    page.goto(f"{sample_url}ikm/{a1['ikm']}/")
    for data in (a1, a2):
        page.locator(f'button[data-sl-id="produk/{data["ikm"]}/{data["slug"]}/"]').click()
    page.goto(f"{sample_url}produk/{b1['ikm']}/{b1['slug']}/")
    page.locator("button.et-sl--page").click()
    _settled(page)
    results = Axe().run(page)  # the product page with a pressed toggle
    assert results.violations_count == 0, results.generate_report()
    page.goto(f"{sample_url}daftar/")
    _list_ready(page)
    page.locator(f'li[data-sl-item="produk/{a1["ikm"]}/{a1["slug"]}/"] input').fill("1")  # below the MOQ
    _settled(page)
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
