"""The add-a-product page in Chromium as a maker on a phone uses it (390 px, touch), then the facilitator's import.

- A maker with no account lists a product with three photos — one of 9 MB, stored sideways
  (EXIF orientation 6), with a GPS position and the camera's name — taken with the camera button
  and chosen from the gallery; makes the package and downloads it. The package holds the photos
  upright, at most 1,600 px, without any metadata. The facilitator imports it into a copy of the
  sample: the record validates and the site builds with the product's page. The time the flow
  takes in the browser is printed (no timing is asserted); screenshots of every step are kept in
  test-artifacts/screenshots/tambah-produk/.
- The draft stays on the phone over a reload, and with the site's server gone the page still
  opens (its service worker), shows the draft and makes the package.
- Messages stand at their fields in both languages; the list above the button leads to them.
- Where the browser shares files, one button opens the share sheet with the package (English page).
- The form is the schema's: a schema that allows text for a price, or has a new field, changes the
  form with no other change.
- A new maker registers with a logo and a first product; the import writes both.
Throughout: no request leaves 127.0.0.1, no console error, no Content-Security-Policy violation, axe clean.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import time
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from PIL import Image

from addpackage import MARK, jpeg, metadata_of, phone_photo, photos_of
from conftest import ARTIFACTS, TODAY, serve_compressed
from etalase.source.load import load_records
from etalase.source.yamlsafe import parse
from etalase.tools.cli import main
from sitecheck import build, copy_project

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOTS = ARTIFACTS / "screenshots" / "tambah-produk"
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}
WATCH = """
window.__csp = [];
document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(e.violatedDirective + " " + e.blockedURI));
"""
SHARE = """
Object.defineProperty(navigator, "canShare", { value: (data) => Boolean(data && data.files && data.files.length) });
Object.defineProperty(navigator, "share", {
  value: async (data) => {
    const file = data.files[0];
    window.__shared = { name: file.name, type: file.type, size: file.size, text: data.text, body: await file.text() };
  },
});
"""


class Watch:
    """What a page did: requests to other hosts, console errors, policy violations."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.foreign: list[str] = []
        self.errors: list[str] = []
        page.add_init_script(WATCH)
        page.on(
            "request",
            lambda r: (
                None
                if urlsplit(r.url).hostname in {"127.0.0.1", None} or r.url.startswith(("blob:", "data:"))
                else self.foreign.append(r.url)
            ),
        )
        page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(str(e)))

    def check(self) -> None:
        assert self.foreign == [], self.foreign
        assert self.errors == [], self.errors
        assert self.page.evaluate("window.__csp") == []


def shot(page: Any, name: str, full: bool = False) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)


def axe_clean(page: Any, where: str) -> None:
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    assert results.violations_count == 0, f"{where}: {results.generate_report()}"


def open_form(page: Any, url: str) -> None:
    page.goto(url)
    page.locator("#ap-maker").wait_for()


def step(page: Any, n: int) -> Any:
    return page.locator(".et-ap-step").nth(n - 1)


def fill_product(page: Any, name: str) -> None:
    """Fill in a product's required fields as a maker does, by their labels."""
    product = step(page, 2)
    product.get_by_role("group", name="Nama produk").get_by_role("textbox", name="Nama dalam bahasa Indonesia").fill(
        name
    )
    product.get_by_role("group", name="Nama produk").get_by_role(
        "textbox", name="Nama dalam bahasa Inggris (tidak wajib)"
    ).fill("Flower Knit Scarf")
    product.get_by_role("group", name="Deskripsi produk").get_by_role("textbox", name="Teks bahasa Indonesia").fill(
        "Syal rajut lembut dari benang akrilik dengan motif bunga, panjang 160 cm."
    )
    product.get_by_role("combobox", name="Kategori").select_option(label="Rajut")
    price = product.get_by_role("group", name="Kisaran harga (rupiah per satuan)")
    price.get_by_role("textbox", name="Harga terendah").fill("45rb")
    price.get_by_role("textbox", name="Harga tertinggi").fill("Rp 60.000")
    price.get_by_role("combobox", name="Harga per satuan apa").select_option(label="pcs")
    moq = product.get_by_role("group", name="Pemesanan minimum")
    moq.get_by_role("textbox", name="Jumlah").fill("2")
    moq.get_by_role("combobox", name="Satuan").select_option(label="lusin (12 pcs)")
    capacity = product.get_by_role("group", name="Kapasitas per bulan")
    capacity.get_by_role("textbox", name="Jumlah").fill("300")
    capacity.get_by_role("combobox", name="Satuan").select_option(label="pcs")
    product.get_by_role("textbox", name="Lama produksi (hari)").fill("14")
    product.get_by_role("group", name="Bahan utama").get_by_role("textbox", name="Dalam bahasa Indonesia").fill(
        "benang akrilik, kancing kayu"
    )


def add_photos(page: Any, button: str, files: list[Path]) -> None:
    """Press a photo button and pick ``files`` in the phone's chooser; wait until they are ready."""
    photos = step(page, 2).get_by_role("group", name="Foto")
    before = photos.locator(".et-ap-photo").count()
    with page.expect_file_chooser() as chooser:
        photos.get_by_role("button", name=button).click()
    chooser.value.set_files([str(f) for f in files])
    photos.locator(".et-ap-photo").nth(before + len(files) - 1).wait_for()


def describe_photos(page: Any, texts: list[str]) -> None:
    items = step(page, 2).locator(".et-ap-photo")
    for index, text in enumerate(texts):
        items.nth(index).get_by_role("group", name="Isi foto").get_by_role(
            "textbox", name="Teks bahasa Indonesia"
        ).fill(text)


def make_package(page: Any, button: str = "Buat paket") -> None:
    page.get_by_role("button", name=button).click()
    page.locator(".et-ap-ready").wait_for()


def download(page: Any, link: str = "Unduh paket") -> tuple[str, str]:
    with page.expect_download() as started:
        page.get_by_role("link", name=link).click()
    done = started.value
    return done.suggested_filename, Path(done.path()).read_text(encoding="utf-8")


def first_maker(root: Path) -> tuple[str, str]:
    """Return the slug and name of the sample's first IKM (by name, as the page lists them)."""
    records, _ = load_records(root)
    ikms = sorted((r.data for r in records if r.kind.value == "ikm"), key=lambda d: str(d["name"]).casefold())
    return str(ikms[0]["slug"]), str(ikms[0]["name"])


# --- the whole flow -----------------------------------------------------------------------------------


def test_a_maker_without_an_account_lists_a_product_from_a_phone(
    browser: Any, sample_site: Path, compressed_url: str, tmp_path: Path
) -> None:
    camera = phone_photo(tmp_path / "IMG_20261122_101500.jpg")
    assert camera.stat().st_size >= 9_000_000
    gallery = [tmp_path / "IMG_0002.jpg", tmp_path / "IMG_0003.jpg"]
    gallery[0].write_bytes(jpeg((1800, 1350), (190, 120, 120)))
    gallery[1].write_bytes(jpeg((1350, 1800), (120, 160, 190)))
    maker, maker_name = first_maker(sample_site)
    context = browser.new_context(**PHONE, accept_downloads=True)
    page = context.new_page()
    watch = Watch(page)

    started = time.perf_counter()
    open_form(page, compressed_url + "tambah-produk/")
    shot(page, "1-opened")
    axe_clean(page, "the form")
    step(page, 1).get_by_role("combobox", name="Nama usaha").select_option(maker)
    fill_product(page, "Syal Rajut Motif Bunga")
    shot(page, "2-filled")
    photo_started = time.perf_counter()
    add_photos(page, "Ambil foto", [camera])
    photo_seconds = time.perf_counter() - photo_started
    add_photos(page, "Pilih dari galeri", gallery)
    describe_photos(page, ["Syal merah dilipat", "Syal dipakai di leher", "Detail motif bunga"])
    step(page, 2).locator(".et-ap-photo").first.scroll_into_view_if_needed()
    shot(page, "3-photos")
    make_package(page)
    page.locator(".et-ap-ready").scroll_into_view_if_needed()
    shot(page, "4-package-ready")
    name, text = download(page)
    seconds = time.perf_counter() - started
    axe_clean(page, "the package panel")
    print(
        f"\nphone flow in Chromium (390 px, touch): {seconds:.1f} s from opening the page to the package"
        f" ({photo_seconds:.1f} s for the {camera.stat().st_size / 1e6:.1f} MB photo); package {len(text.encode()) / 1e6:.2f} MB"
    )

    assert name == "etalase-syal-rajut-motif-bunga.txt"
    package = json.loads(text)
    assert package["format"] == "etalase-paket" and package["product"]["ikm"] == maker
    assert [p["file"] for p in package["product"]["photos"]] == ["foto-1.jpg", "foto-2.jpg", "foto-3.jpg"]
    for file, data in photos_of(text).items():
        assert metadata_of(data) == {"info": [], "exif": {}, "bytes": []}, file
        assert max(Image.open(io.BytesIO(data)).size) <= 1600, file
    upright = Image.open(io.BytesIO(photos_of(text)["foto-1.jpg"])).convert("RGB")
    assert upright.size == (1200, 1600)  # 4032x3024 stored sideways: turned upright, then made smaller
    assert upright.getpixel((upright.width - 15, 15))[0] > 200 and upright.getpixel((15, 15))[0] < 200, (
        "turned the wrong way"
    )
    assert MARK == (255, 0, 0)

    chat = urlsplit(page.get_by_role("link", name="Buka chat fasilitator").get_attribute("href"))
    assert (chat.scheme, chat.netloc, chat.path) == ("https", "wa.me", "/6280000009000")
    message = parse_qs(chat.query)["text"][0]
    assert maker_name in message and name in message and "Syal Rajut Motif Bunga" in message
    page.get_by_text("Punya akun GitHub?").click()
    issue = urlsplit(page.get_by_role("link", name="Buka formulir produk baru").get_attribute("href"))
    assert issue.netloc == "github.com" and issue.path == "/etalase-ikm/etalase/issues/new"
    answers = parse_qs(issue.query)
    assert answers["template"] == ["produk-baru.yml"] and answers["name_id"] == ["Syal Rajut Motif Bunga"]
    assert answers["materials_id"] == ["benang akrilik, kancing kayu"] and answers["price_min"] == ["45rb"]
    assert page.get_by_role("button", name="Sudah terkirim? Mulai produk berikutnya").is_visible()
    watch.check()
    context.close()

    # The facilitator: etalase import, then validate and build.
    project = copy_project(tmp_path / "project", data_from=sample_site)
    (tmp_path / name).write_text(text, encoding="utf-8")
    assert main(["--root", str(project), "import", str(tmp_path / name), "--today", TODAY.isoformat()]) == 0
    record = project / "products" / maker / "syal-rajut-motif-bunga.yml"
    assert package["product"]["price"] == {"min": "45rb", "max": "Rp 60.000", "unit": "pcs"}  # as the maker wrote them
    assert "  min: 45000\n  max: 60000\n" in record.read_text(encoding="utf-8")  # as the record model reads them
    for n in (1, 2, 3):
        written = (project / "products" / maker / f"syal-rajut-motif-bunga-{n}.jpg").read_bytes()
        assert metadata_of(written) == {"info": [], "exif": {}, "bytes": []}
    assert main(["--root", str(project), "validate", "--today", TODAY.isoformat()]) == 0
    assert build(project) == 0
    built = (project / "site" / "produk" / maker / "syal-rajut-motif-bunga" / "index.html").read_text(encoding="utf-8")
    assert "Syal Rajut Motif Bunga" in built and "Syal merah dilipat" in built and ".webp" in built


# --- a weak signal ------------------------------------------------------------------------------------


def test_the_draft_stays_on_the_phone_and_the_page_opens_without_a_signal(
    browser: Any, sample_site: Path, tmp_path: Path
) -> None:
    maker, _ = first_maker(sample_site)
    photo = tmp_path / "IMG_0009.jpg"
    photo.write_bytes(jpeg((1600, 1200)))
    context = browser.new_context(**PHONE, accept_downloads=True)
    page = context.new_page()
    watch = Watch(page)
    site = tmp_path / "site"
    shutil.copytree(sample_site / "site", site, symlinks=True)
    with serve_compressed(site) as url:
        open_form(page, url + "tambah-produk/")
        page.locator("[data-ap-offline-ready]").wait_for(state="attached")
        step(page, 1).get_by_role("combobox", name="Nama usaha").select_option(maker)
        fill_product(page, "Tas Rajut Pantai")
        add_photos(page, "Pilih dari galeri", [photo])
        describe_photos(page, ["Tas rajut di pasir"])
        page.locator(".et-ap-status").filter(has_text="Tersimpan di ponsel ini").wait_for()
        page.reload()
        page.locator(".et-ap-photo").first.wait_for()
        assert "dibuka kembali" in page.locator(".et-ap-status").text_content()
        assert (
            step(page, 2)
            .get_by_role("group", name="Nama produk")
            .get_by_role("textbox", name="Nama dalam bahasa Indonesia")
            .input_value()
            == "Tas Rajut Pantai"
        )
    # The server is gone: no signal at all.
    context.set_offline(True)
    page.reload()
    page.locator(".et-ap-photo").first.wait_for()
    shot(page, "5-offline-draft")
    assert page.locator(".et-ap-offline").is_visible()
    assert step(page, 2).get_by_role("textbox", name="Lama produksi (hari)").input_value() == "14"
    assert page.locator(".et-ap-photo img").first.get_attribute("src").startswith("data:image/jpeg;base64,")
    make_package(page)
    name, text = download(page)
    assert (
        name == "etalase-tas-rajut-pantai.txt"
        and json.loads(text)["product"]["photos"][0]["alt"]["id"] == "Tas rajut di pasir"
    )
    # Sent: the next product starts empty, the maker stays.
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Sudah terkirim? Mulai produk berikutnya").click()
    page.locator(".et-ap-photo").first.wait_for(state="detached")
    assert step(page, 1).get_by_role("combobox", name="Nama usaha").input_value() == maker
    page.reload()
    page.locator("#ap-maker").wait_for()
    assert step(page, 2).get_by_role("textbox", name="Lama produksi (hari)").input_value() == ""
    assert page.locator(".et-ap-photo").count() == 0
    context.set_offline(False)
    watch.errors = [
        e for e in watch.errors if "ERR_INTERNET_DISCONNECTED" not in e and "Failed to load resource" not in e
    ]
    watch.check()
    context.close()


# --- messages -------------------------------------------------------------------------------------------


def test_messages_stand_at_their_fields_in_both_languages(browser: Any, compressed_url: str) -> None:
    context = browser.new_context(**PHONE)
    page = context.new_page()
    watch = Watch(page)
    open_form(page, compressed_url + "tambah-produk/")
    page.get_by_role("button", name="Buat paket").click()
    summary = page.locator(".et-ap-summary")
    summary.wait_for()
    assert summary.evaluate("(e) => e === document.activeElement")
    assert "Ada 14 isian yang perlu diperbaiki" in summary.text_content()
    maker = page.locator("#ap-maker")
    assert maker.get_attribute("aria-invalid") == "true"
    error = page.locator("#ap-maker-error")
    assert error.locator('span[lang="id"]').text_content() == "Wajib diisi."
    assert error.locator('span[lang="en"]').text_content() == "Required."
    assert "ap-maker-error" in maker.get_attribute("aria-describedby")
    shot(page, "6-messages")
    axe_clean(page, "the messages")
    # a word where the schema wants a whole number (a price, which the records read as written, takes it)
    amount = step(page, 2).get_by_role("group", name="Pemesanan minimum").get_by_role("textbox", name="Jumlah")
    amount.fill("dua")
    box = page.locator(f"#{amount.get_attribute('id')}-error")
    box.filter(has_text="Tulis angka bulat, mis. 100.").wait_for()
    assert box.locator('span[lang="en"]').text_content() == "Write a whole number, e.g. 100."
    amount.fill("2")
    box.wait_for(state="hidden")
    low = step(page, 2).get_by_role("textbox", name="Harga terendah")
    low.fill("85.000")
    page.locator(f"#{low.get_attribute('id')}-error").wait_for(state="hidden")
    assert (
        "Boleh ditulis: 85000, 85.000, 85rb, Rp 85.000"
        in page.locator(f"#{low.get_attribute('id')}-hint").text_content()
    )
    # the list leads to the field
    summary.get_by_role("link", name="Kisaran harga (rupiah per satuan) — Harga tertinggi: Wajib diisi.").click()
    assert step(page, 2).get_by_role("textbox", name="Harga tertinggi").evaluate("(e) => e === document.activeElement")
    # a new maker: a pattern's message shows the schema's example
    step(page, 1).get_by_role("combobox", name="Nama usaha").select_option("__new__")
    nib = step(page, 1).get_by_role("textbox", name="Nomor Induk Berusaha (jika ada)")
    nib.fill("12345")
    page.locator(f"#{nib.get_attribute('id')}-error").filter(has_text="tulis seperti contoh: 9120001234567").wait_for()
    shot(page, "7-new-maker-message")
    watch.check()
    context.close()


# --- sharing ------------------------------------------------------------------------------------------------


def test_the_share_sheet_takes_the_package_where_the_browser_can_share_files(
    browser: Any, sample_site: Path, compressed_url: str, tmp_path: Path
) -> None:
    photo = tmp_path / "IMG_0010.jpg"
    photo.write_bytes(jpeg())
    maker, _ = first_maker(sample_site)
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.add_init_script(SHARE)
    watch = Watch(page)
    open_form(page, compressed_url + "en/tambah-produk/")
    step(page, 1).get_by_role("combobox", name="Business name").select_option(maker)
    product = step(page, 2)
    product.get_by_role("group", name="Product name").get_by_role("textbox", name="Name in Indonesian").fill(
        "Kupluk Rajut"
    )
    product.get_by_role("group", name="Product description").get_by_role("textbox", name="Indonesian text").fill(
        "Kupluk rajut."
    )
    product.get_by_role("combobox", name="Category").select_option(label="Knitwear")
    price = product.get_by_role("group", name="Price band in rupiah per unit")
    price.get_by_role("textbox", name="Lowest price in IDR").fill("20000")
    price.get_by_role("textbox", name="Highest price in IDR").fill("30000")
    price.get_by_role("combobox", name="Per what the price is").select_option(label="pcs")
    for group, amount, unit in (
        ("Minimum order", "10", "dozen (12 pcs)"),
        ("Production capacity per month", "500", "dozen (12 pcs)"),
    ):
        block = product.get_by_role("group", name=group)
        block.get_by_role("textbox", name="Amount").fill(amount)
        block.get_by_role("combobox", name="Unit").select_option(label=unit)
    product.get_by_role("textbox", name="Days from order to shipping").fill("7")
    product.get_by_role("group", name="Main materials").get_by_role("textbox", name="In Indonesian").fill(
        "benang akrilik"
    )
    with page.expect_file_chooser() as chooser:
        product.get_by_role("button", name="Choose from gallery").click()
    chooser.value.set_files(str(photo))
    product.locator(".et-ap-photo").first.get_by_role("textbox", name="Indonesian text").fill("Kupluk hitam")
    make_package(page, "Make the package")
    shot(page, "8-share-english")
    page.get_by_role("button", name="Send on WhatsApp").click()
    page.get_by_role("button", name="Sent? Start the next product").wait_for()
    shared = page.evaluate("window.__shared")
    assert shared["name"] == "etalase-kupluk-rajut.txt" and shared["type"] == "text/plain"
    assert json.loads(shared["body"])["product"]["name"] == {"id": "Kupluk Rajut"}
    assert shared["text"].startswith("Hello, this is ") and "etalase-kupluk-rajut.txt" in shared["text"]
    watch.check()
    context.close()


# --- one source of truth --------------------------------------------------------------------------------------


def test_the_form_follows_the_published_schema(browser: Any, sample_site: Path, tmp_path: Path) -> None:
    """A field added to the published schema appears in the form, labelled from its description, with no
    other change; a price the schema lets people write their way ("45rb") is kept as written."""
    site = tmp_path / "site"
    shutil.copytree(sample_site / "site", site, symlinks=True)
    schema_path = site / "schema" / "product.schema.json"
    schema = json.loads(schema_path.read_text(encoding="utf-8"))
    schema["properties"]["custom_orders"] = {
        "type": "boolean",
        "description": "Accepts custom orders / menerima pesanan khusus",
    }
    schema_path.write_text(json.dumps(schema), encoding="utf-8")
    context = browser.new_context(**PHONE, accept_downloads=True)
    page = context.new_page()
    watch = Watch(page)
    with serve_compressed(site) as url:
        open_form(page, url + "tambah-produk/")
        step(page, 1).get_by_role("combobox", name="Nama usaha").select_option(first_maker(sample_site)[0])
        fill_product(page, "Syal Rajut")
        step(page, 2).get_by_role("textbox", name="Harga terendah").fill("45rb")
        step(page, 2).get_by_role("checkbox", name="Menerima pesanan khusus").check()
        photo = tmp_path / "IMG_0011.jpg"
        photo.write_bytes(jpeg())
        add_photos(page, "Pilih dari galeri", [photo])
        describe_photos(page, ["Syal"])
        make_package(page)
        _, text = download(page)
    product = json.loads(text)["product"]
    assert (
        product["price"]["min"] == "45rb" and product["price"]["max"] == "Rp 60.000"
    )  # kept as written for the import
    assert product["custom_orders"] is True
    watch.check()
    context.close()


# --- a new maker -----------------------------------------------------------------------------------------------


def test_a_new_maker_registers_with_a_logo_and_a_first_product(
    browser: Any, sample_site: Path, compressed_url: str, tmp_path: Path
) -> None:
    logo, photo = tmp_path / "logo.png", tmp_path / "IMG_0012.jpg"
    Image.new("RGB", (900, 900), (30, 120, 90)).save(logo)
    photo.write_bytes(jpeg())
    context = browser.new_context(**PHONE, accept_downloads=True)
    page = context.new_page()
    watch = Watch(page)
    open_form(page, compressed_url + "tambah-produk/")
    maker = step(page, 1)
    maker.get_by_role("combobox", name="Nama usaha").select_option("__new__")
    new = maker.locator(".et-ap-new")
    new.get_by_role("textbox", name="Nama usaha").fill("Rajut Bu Tini")
    new.get_by_role("combobox", name="Sentra").select_option("binong-jati")
    place = new.get_by_role("group", name="Lokasi, setingkat yang ingin ditampilkan (bukan alamat jalan)")
    place.get_by_role("textbox", name="Kecamatan").fill("Batununggal")
    place.get_by_role("textbox", name="Kota atau kabupaten").fill("Kota Bandung")
    new.get_by_role("textbox", name="Tahun berdiri").fill("2015")
    new.get_by_role("textbox", name="Jumlah tenaga kerja").fill("3")
    new.get_by_role("textbox", name="Nomor Induk Berusaha (jika ada)").fill("9120001234999")
    new.get_by_role("textbox", name="Nomor WhatsApp").fill("0800-0000-0999")
    new.get_by_role("checkbox", name="Sunda").check()
    with page.expect_file_chooser() as chooser:
        new.get_by_role("button", name="Pilih dari galeri").click()
    chooser.value.set_files(str(logo))
    new.locator(".et-ap-photo").first.get_by_role("textbox", name="Teks bahasa Indonesia").fill("Logo Rajut Bu Tini")
    shot(page, "9-new-maker", full=True)
    fill_product(page, "Syal Rajut Bu Tini")
    add_photos(page, "Pilih dari galeri", [photo])
    describe_photos(page, ["Syal hijau"])
    make_package(page)
    name, text = download(page)
    watch.check()
    context.close()
    package = json.loads(text)
    assert package["ikm"]["slug"] == "rajut-bu-tini" and package["product"]["ikm"] == "rajut-bu-tini"
    assert package["ikm"]["languages"] == ["id", "su"] and package["ikm"]["logo"]["file"] == "logo-1.jpg"
    project = copy_project(tmp_path / "project", data_from=sample_site)
    (tmp_path / name).write_text(text, encoding="utf-8")
    assert main(["--root", str(project), "import", str(tmp_path / name), "--today", TODAY.isoformat()]) == 0
    folder = project / "products" / "rajut-bu-tini"
    assert sorted(os.listdir(folder)) == ["ikm.yml", "logo.jpg", "syal-rajut-bu-tini-1.jpg", "syal-rajut-bu-tini.yml"]
    assert package["ikm"]["contacts"]["whatsapp"] == "0800-0000-0999"  # as written on the phone
    ikm, _ = parse((folder / "ikm.yml").read_bytes())
    assert ikm["contacts"]["whatsapp"] == "+6280000000999"  # as the record reads it
    assert main(["--root", str(project), "validate", "--today", TODAY.isoformat()]) == 0
