"""The issue forms and their converter: issue body → product or IKM YAML + photos → problems comment."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml
from PIL import Image, ImageDraw

from conftest import REPO, TODAY, serve
from etalase import pipeline
from etalase.check.schema_export import category_slugs
from etalase.model import Unit
from etalase.model.problems import Msg
from etalase.tools import intake as issueform
from etalase.tools.cli import main
from etalase.tools.intake import product_form

FORM = REPO / ".github" / "ISSUE_TEMPLATE" / "produk-baru.yml"

# What GitHub puts in the issue body for the form (labels as headings, answers below them, empty
# answers as _No response_, attachments as markdown images or <img> tags). {base} is the local server.
BODY = """### Nama atau slug IKM / IKM name or slug

Rajut Contoh

### Nama produk (Bahasa Indonesia) / Product name (Indonesian)

Syal Rajut Motif Mega Mendung

### Nama produk (Bahasa Inggris) / Product name (English)

Mega Mendung Knitted Scarf

### Nama file (opsional) / File name (optional)

_No response_

### Deskripsi (Bahasa Indonesia) / Description (Indonesian)

Syal rajut tangan dari benang katun lembut dengan motif mega mendung khas Cirebon.
Cocok untuk oleh-oleh: "hangat, ringan & tidak gatal".

### Deskripsi (Bahasa Inggris) / Description (English)

A hand-knitted cotton scarf with the mega mendung cloud pattern from Cirebon.

### Kategori / Category

rajut — Rajut / Knitwear

### Harga terendah (Rp) / Lowest price (IDR)

Rp 65.000

### Harga tertinggi (Rp) / Highest price (IDR)

90000

### Harga per / Price per

pcs — satuan / piece

### Pemesanan minimum (jumlah) / Minimum order (quantity)

1

### Satuan pemesanan minimum / Minimum order unit

lusin — 12 pcs / dozen

### Kapasitas produksi per bulan (jumlah) / Production capacity per month (quantity)

1.200

### Satuan kapasitas / Capacity unit

pcs — satuan / piece

### Lama produksi (hari) / Lead time (days)

10 hari

### Bahan utama (pisahkan dengan koma) / Main materials (comma-separated, Indonesian)

benang katun, pewarna alami

### Bahan utama (Bahasa Inggris) / Main materials (English)

cotton yarn, natural dye

### Ukuran (pisahkan dengan koma) / Sizes (comma-separated)

_No response_

### Warna (pisahkan dengan koma) / Colours (comma-separated, Indonesian)

biru indigo, merah marun

### Warna (Bahasa Inggris) / Colours (English)

indigo blue, maroon

### Berat per buah (gram) / Weight per piece (grams)

180 gram

### Sertifikat / Certificates

HKI; IDM000765432; 2031-05-01
TKDN; 0456/TKDN/2025; 2028-01-31; 40%

### Siap ekspor? / Ready to export?

ya — sudah bisa mengirim ke luar negeri / can ship abroad now

### Kode HS (8 digit) / HS code (8 digits)

6117.10.10

### Harga FOB terendah (USD) / Lowest FOB price (USD)

4,5

### Harga FOB tertinggi (USD) / Highest FOB price (USD)

US$ 6.25

### Negara tujuan ekspor (kode ISO, pisahkan dengan koma) / Countries shipped to (ISO codes)

my, sg

### Cara simpan (makanan) / Storage (food)

_No response_

### Masa simpan (hari, makanan) / Shelf life (days, food)

_No response_

### Jenis makanan / Kind of food

- [ ] Berbahan dasar susu / dairy
- [ ] Mengandung daging atau ikan / contains meat or fish
- [ ] Dikalengkan / canned
- [ ] Makanan bayi / baby food

### Foto produk / Product photos

![IMG_2031](BASE/syal-dilipat.jpg)
<img width="1200" height="1600" alt="IMG_2032" src="BASE/syal-dipakai.jpg" />

### Keterangan foto (satu baris per foto, urutan sama) / Photo descriptions (one line per photo)

Syal biru indigo dilipat di atas meja kayu
Model memakai syal merah marun

### Keterangan foto (Bahasa Inggris) / Photo descriptions (English)

_No response_

### Pernyataan / Statement

- [X] Foto-foto ini milik usaha saya dan boleh diterbitkan. / These photos belong to my business and may be published.
- [X] Tidak ada wajah orang di foto tanpa izin orang tersebut. / No one's face is shown without their consent.
- [X] Data ini benar dan boleh ditampilkan untuk umum. / This data is true and may be shown publicly.
"""


def _photo(path: Path, size: tuple[int, int], *, gps: bool = True) -> Path:
    """Draw a phone-like JPEG of ``size`` with an EXIF orientation and, optionally, a GPS position."""
    image = Image.new("RGB", size, (210, 190, 160))
    draw = ImageDraw.Draw(image)
    draw.rectangle((size[0] // 5, size[1] // 4, 4 * size[0] // 5, 3 * size[1] // 4), fill=(40, 70, 140))
    exif = image.getexif()
    exif[0x010F] = "PhoneMaker"  # Make
    if gps:
        exif.get_ifd(0x8825).update({1: "S", 2: (6.0, 55.0, 12.0), 3: "E", 4: (107.0, 36.0, 5.0)})
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, quality=85, exif=exif)
    return path


@pytest.fixture(scope="module")
def photo_server(tmp_path_factory: pytest.TempPathFactory):
    """Serve drawn photos (and one text file) from 127.0.0.1; yield the base URL without a trailing slash."""
    folder = tmp_path_factory.mktemp("attachments")
    _photo(folder / "syal-dilipat.jpg", (1600, 1200))
    _photo(folder / "syal-dipakai.jpg", (1200, 1600), gps=False)
    _photo(folder / "kecil.jpg", (640, 480))
    (folder / "bukan-foto.jpg").write_text("ini bukan foto", encoding="utf-8")
    with serve(folder) as url:
        yield url.rstrip("/")


def _convert(body: str, root: Path, out: Path, base: str, **options) -> issueform.Conversion:
    return issueform.convert(
        body.replace("BASE", base), root, out, form=FORM, today=TODAY, allowed=(f"{base}/",), **options
    )


def test_a_realistic_issue_becomes_a_valid_product(mini_project: Path, tmp_path: Path, photo_server: str) -> None:
    out = tmp_path / "out"
    conversion = _convert(BODY, mini_project, out, photo_server)
    assert conversion.problems == []
    assert conversion.ok
    record = out / "products/rajut-contoh/syal-rajut-motif-mega-mendung.yml"
    assert conversion.record == record
    assert [p.name for p in conversion.photos] == [
        "syal-rajut-motif-mega-mendung-1.jpg",
        "syal-rajut-motif-mega-mendung-2.jpg",
    ]
    text = record.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../catalog/schema/product.schema.json\n")
    data = yaml.safe_load(text)
    assert data["ikm"] == "rajut-contoh"  # found by the business name
    assert data["price"] == {"min": 65000, "max": 90000, "unit": "pcs"}  # "Rp 65.000" read as 65000
    assert data["moq"] == {"quantity": 1, "unit": "lusin"}
    assert data["capacity_per_month"] == {"quantity": 1200, "unit": "pcs"}
    assert data["lead_time_days"] == 10
    assert data["weight_grams"] == 180
    assert data["description"]["id"].endswith('"hangat, ringan & tidak gatal".')
    assert data["certificates"] == [
        {"type": "hki", "number": "IDM000765432", "expires": dt.date(2031, 5, 1)},
        {"type": "tkdn", "number": "0456/TKDN/2025", "expires": dt.date(2028, 1, 31), "percent": 40.0},
    ]
    assert data["export"] == {
        "ready": True,
        "hs_code": "6117.10.10",
        "fob_usd": {"min": 4.5, "max": 6.25},
        "countries": ["MY", "SG"],
    }
    assert data["photos"][1] == {
        "file": "syal-rajut-motif-mega-mendung-2.jpg",
        "alt": {"id": "Model memakai syal merah marun"},
    }
    assert data["last_verified"] == TODAY
    assert data["added"] == TODAY
    assert "food" not in data
    # The files drop into the project as they are and pass its whole check.
    shutil.copytree(out / "products", mini_project / "products", dirs_exist_ok=True)
    assert pipeline.check(mini_project, TODAY).problems == []


def test_downloaded_photos_lose_their_metadata(mini_project: Path, tmp_path: Path, photo_server: str) -> None:
    conversion = _convert(BODY, mini_project, tmp_path / "out", photo_server)
    for path in conversion.photos:
        with Image.open(path) as image:
            assert image.format == "JPEG"
            assert max(image.size) >= 800
            assert not image.getexif(), f"{path.name} still carries EXIF (GPS, camera)"


def test_the_comment_shows_the_record_and_the_maintainer_steps(
    mini_project: Path, tmp_path: Path, photo_server: str
) -> None:
    out = tmp_path / "out"
    conversion = _convert(BODY, mini_project, out, photo_server)
    text = issueform.comment(conversion, out, issue="42", templates=REPO / "templates")
    assert text.startswith(issueform.COMMENT_MARKER)
    assert "✅" in text
    assert "products/rajut-contoh/syal-rajut-motif-mega-mendung.yml" in text
    # the business it goes to, named with its sentra and a masked WhatsApp number
    assert "Rajut Contoh (sentra Sentra Rajut Binong Jati, WhatsApp +62 800-••••-0101)" in text
    assert "`disetujui`" in text and "formulir-42" in text
    # as buyers will read it, in the site's own words
    assert "| Kisaran harga | Rp 65.000 – 90.000 / pcs |" in text
    assert "| Pesanan minimum (MOQ) | 1 lusin (12 pcs) |" in text
    body = issueform.pull_request_body(conversion, out, issue="42", author="dewi", templates=REPO / "templates")
    assert "Closes #42" in body and "`dewi`" in body


def test_a_missing_answer_is_named_by_its_question(mini_project: Path, tmp_path: Path, photo_server: str) -> None:
    body = BODY.replace("Rp 65.000", "_No response_")
    out = tmp_path / "out"
    conversion = _convert(body, mini_project, out, photo_server)
    assert not conversion.ok
    assert [(p.label, p.field) for p in conversion.problems] == [
        ("Harga terendah (Rp) / Lowest price (IDR)", "price.min")
    ]
    text = issueform.comment(conversion, out)
    assert "❌" in text
    assert "**Harga terendah (Rp) / Lowest price (IDR)** (`price.min`): kosong — isi nilainya" in text
    assert "is empty — fill in a value" in text
    assert "Untuk pengelola" not in text  # nothing for a maintainer to merge yet


def test_a_deleted_question_and_bad_answers_each_get_a_message(
    mini_project: Path, tmp_path: Path, photo_server: str
) -> None:
    body = BODY.replace("### Lama produksi (hari) / Lead time (days)\n\n10 hari\n\n", "")
    body = body.replace("90000", "sembilan puluh ribu").replace("6117.10.10", "6117")
    body = body.replace("Model memakai syal merah marun\n", "")
    conversion = _convert(body, mini_project, tmp_path / "out", photo_server)
    found = {p.label: p.message.id for p in conversion.problems}
    assert set(found) == {
        "Lama produksi (hari) / Lead time (days)",
        "Harga tertinggi (Rp) / Highest price (IDR)",
        "Kode HS (8 digit) / HS code (8 digits)",
        "Keterangan foto (satu baris per foto, urutan sama) / Photo descriptions (one line per photo)",
    }
    assert "kosong" in found["Lama produksi (hari) / Lead time (days)"]
    assert "'sembilan puluh ribu' bukan jumlah rupiah" in found["Harga tertinggi (Rp) / Highest price (IDR)"]
    assert "tidak sesuai format" in found["Kode HS (8 digit) / HS code (8 digits)"]
    assert (
        "2 foto tetapi 1 keterangan"
        in found["Keterangan foto (satu baris per foto, urutan sama) / Photo descriptions (one line per photo)"]
    )


def test_an_unknown_ikm_is_never_guessed(mini_project: Path, tmp_path: Path, photo_server: str) -> None:
    """A close name is offered with its sentra and masked WhatsApp to check against, and the way to register."""
    body = BODY.replace("Rajut Contoh\n", "Rajut Conto\n", 1)
    conversion = _convert(body, mini_project, tmp_path / "out", photo_server)
    assert len(conversion.problems) == 1
    assert conversion.maker is None and not conversion.ok
    problem = conversion.problems[0]
    assert problem.label == "Nama atau slug IKM / IKM name or slug"
    assert "'Rajut Conto' belum terdaftar di katalog" in problem.message.id
    assert "Rajut Contoh (sentra Sentra Rajut Binong Jati, WhatsApp +62 800-••••-0101)" in problem.message.id
    assert "pilih hanya jika nomor WhatsApp itu milik Anda" in problem.message.id
    assert "formulir IKM baru: Issues → New issue → IKM baru" in problem.message.id


@pytest.mark.parametrize(
    ("photo", "says"),
    [
        ("bukan-foto.jpg", "bukan foto JPEG, PNG atau WebP"),
        ("tidak-ada.jpg", "HTTP 404"),
        ("kecil.jpg", "640 × 480"),
    ],
)
def test_bad_photos_get_a_message(mini_project: Path, tmp_path: Path, photo_server: str, photo: str, says: str) -> None:
    body = BODY.replace("syal-dipakai.jpg", photo)
    conversion = _convert(body, mini_project, tmp_path / "out", photo_server)
    messages = [p.message.id for p in conversion.problems if p.label.startswith("Foto produk")]
    assert messages, conversion.problems
    assert says in " ".join(messages) or says.replace(" ", "") in " ".join(messages)


def test_photos_from_other_hosts_are_not_downloaded(mini_project: Path, tmp_path: Path, photo_server: str) -> None:
    body = BODY.replace("BASE/syal-dipakai.jpg", "http://example.invalid/foto.jpg")
    conversion = _convert(body, mini_project, tmp_path / "out", photo_server)
    messages = [p.message.en for p in conversion.problems]
    assert any("is not a GitHub attachment" in m for m in messages)


def test_a_photo_over_the_size_limit_is_refused(mini_project: Path, tmp_path: Path, photo_server: str) -> None:
    conversion = _convert(BODY, mini_project, tmp_path / "out", photo_server, max_bytes=10_000)
    messages = [p.message.en for p in conversion.problems]
    assert len(messages) == 2 and all("too big" in m for m in messages)


def test_the_cli_writes_the_comment_and_exits_1_on_problems(
    mini_project: Path, tmp_path: Path, photo_server: str
) -> None:
    good, bad = tmp_path / "good.md", tmp_path / "bad.md"
    good.write_text(BODY.replace("BASE", photo_server), encoding="utf-8")
    bad.write_text(BODY.replace("BASE", photo_server).replace("Rp 65.000", "_No response_"), encoding="utf-8")
    common = ["--form", str(FORM), "--allow-url-prefix", f"{photo_server}/", "--today", TODAY.isoformat()]
    root = ["--root", str(mini_project)]
    assert (
        main(
            [*root, "from-issue", str(good), "--out", str(tmp_path / "a"), "--comment", str(tmp_path / "a.md"), *common]
        )
        == 0
    )
    assert "✅" in (tmp_path / "a.md").read_text(encoding="utf-8")
    # what the workflows read: outputs for the next steps, the pull request's body
    argv = [*root, "from-issue", str(good), "--out", str(tmp_path / "c"), "--comment", str(tmp_path / "c.md"), *common]
    output, body = tmp_path / "output.txt", tmp_path / "pr.md"
    extra = ["--issue", "42", "--author", "dewi", "--github-output", str(output), "--pr-body", str(body)]
    assert main([*argv, *extra]) == 0
    lines = output.read_text(encoding="utf-8").splitlines()
    assert "branch=formulir/42-rajut-contoh-syal-rajut-motif-mega-mendung" in lines
    assert "ok=true" in lines and "kind=product" in lines
    assert "waiting=true" in lines  # dewi is not an account of Rajut Contoh, which lists none
    assert "Closes #42" in body.read_text(encoding="utf-8")
    assert (
        main(
            [*root, "from-issue", str(bad), "--out", str(tmp_path / "b"), "--comment", str(tmp_path / "b.md"), *common]
        )
        == 1
    )
    assert "price.min" in (tmp_path / "b.md").read_text(encoding="utf-8")


def test_a_food_product_gets_its_food_block(mini_project: Path, tmp_path: Path, photo_server: str) -> None:
    body = BODY.replace("rajut — Rajut / Knitwear", "makanan — Makanan / Food")
    body = body.replace("HKI; IDM000765432; 2031-05-01", "P-IRT; 2063273010123-28; 2030-01-31")
    body = body.replace(
        "### Cara simpan (makanan) / Storage (food)\n\n_No response_",
        "### Cara simpan (makanan) / Storage (food)\n\nfrozen — beku / frozen",
    )
    body = body.replace(
        "### Masa simpan (hari, makanan) / Shelf life (days, food)\n\n_No response_",
        "### Masa simpan (hari, makanan) / Shelf life (days, food)\n\n90",
    )
    body = body.replace("- [ ] Mengandung daging", "- [X] Mengandung daging")
    conversion = _convert(body, mini_project, tmp_path / "out", photo_server)
    data = yaml.safe_load(conversion.record.read_text(encoding="utf-8"))
    assert data["food"] == {"storage": "frozen", "shelf_life_days": 90, "meat_or_fish": True}
    # Frozen meat may not use P-IRT: the validator's rule reaches the IKM through the form's question.
    assert [(p.label, p.field) for p in conversion.problems] == [("Sertifikat / Certificates", "certificates[0].type")]
    assert "BPOM MD" in conversion.problems[0].message.id


def test_contributor_text_cannot_mention_people_or_add_html(tmp_path: Path) -> None:
    conversion = issueform.Conversion(
        problems=[issueform.FormProblem("Nama", "name.id", Msg("'<b>@someone</b>' salah", "bad"))]
    )
    text = issueform.comment(conversion, tmp_path)
    assert "<b>" not in text and "@someone" not in text


# --- reading the body --------------------------------------------------------------------------------


def test_body_headings_that_are_not_labels_stay_in_the_answer() -> None:
    questions = issueform.load_form(FORM, product_form.FIELDS)
    body = "### Deskripsi (Bahasa Indonesia) / Description (Indonesian)\r\n\r\nSatu\r\n### Bukan label\r\nDua\r\n"
    assert issueform.parse_body(body, questions) == {"description_id": "Satu\n### Bukan label\nDua"}


def test_photo_links_in_every_form_github_uses() -> None:
    answer = (
        "![IMG_1](https://github.com/user-attachments/assets/aaa)\n"
        '<img width="300" alt="IMG 2" src="https://github.com/user-attachments/assets/bbb" />\n'
        "https://github.com/user-attachments/assets/ccc\n"
        "![again](https://github.com/user-attachments/assets/aaa)"
    )
    assert issueform.photo_links(answer) == [
        issueform.PhotoLink("IMG_1", "https://github.com/user-attachments/assets/aaa"),
        issueform.PhotoLink("IMG 2", "https://github.com/user-attachments/assets/bbb"),
        issueform.PhotoLink("", "https://github.com/user-attachments/assets/ccc"),
    ]


# --- the form and the converter stay in step ----------------------------------------------------------


def test_the_form_is_a_well_formed_issue_form() -> None:
    form = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    assert {"name", "description", "body"} <= set(form)
    assert form["labels"] == ["produk-baru"]
    ids = [e["id"] for e in form["body"] if e["type"] != "markdown"]
    assert len(ids) == len(set(ids))
    labels = [e["attributes"]["label"] for e in form["body"] if e["type"] != "markdown"]
    assert len(labels) == len(set(labels)), "two questions with one label cannot be told apart in the body"
    for element in form["body"]:
        assert element["type"] in {"markdown", "input", "textarea", "dropdown", "checkboxes"}
        if element["type"] == "dropdown":
            options = element["attributes"]["options"]
            assert options and len(options) == len(set(options))


def test_the_converter_knows_every_question_and_every_field_has_a_question() -> None:
    questions = issueform.load_form(FORM, product_form.FIELDS)
    assert {q.id for q in questions} - {"consent"} == set(product_form.FIELDS)


def test_dropdown_options_match_the_catalogue() -> None:
    questions = {q.id: q for q in issueform.load_form(FORM, product_form.FIELDS)}
    assert [issueform.first_word(o) for o in questions["category"].options] == category_slugs(REPO)
    for unit in ("price_unit", "moq_unit", "capacity_unit"):
        assert [issueform.first_word(o) for o in questions[unit].options] == [u.value for u in Unit]
    assert len(questions["food_flags"].options) == len(product_form.FOOD_FLAGS)


# --- numbers as people write them, and whose product it is ----------------------------------------------


def test_answers_are_read_as_indonesians_write_them(mini_project: Path, tmp_path: Path, photo_server: str) -> None:
    body = BODY.replace("Rp 65.000", "65rb").replace("\n90000\n", "\nRp 90.000,-\n")
    body = body.replace(
        "### Lama produksi (hari) / Lead time (days)\n\n10 hari",
        "### Lama produksi (hari) / Lead time (days)\n\n2 minggu",
    )
    body = body.replace("\n1.200\n", "\n1.200 pcs per bulan\n")
    conversion = _convert(body, mini_project, tmp_path / "out", photo_server)
    assert conversion.problems == []
    data = yaml.safe_load(conversion.record.read_text(encoding="utf-8"))
    assert data["price"] == {"min": 65000, "max": 90000, "unit": "pcs"}
    assert data["lead_time_days"] == 14
    assert data["capacity_per_month"] == {"quantity": 1200, "unit": "pcs"}


@pytest.mark.parametrize(
    ("old", "new", "label", "says"),
    [
        # 150rb is Rp 150.000, never Rp 150; a bare 150 is below the category's floor
        ("Rp 65.000", "150", "Harga terendah (Rp) / Lowest price (IDR)", "Rp 150 per pcs is below the lowest plausible price in the category rajut"),
        # "2 lusin" with the unit pcs is refused, never an MOQ of 2 pcs
        ("### Pemesanan minimum (jumlah) / Minimum order (quantity)\n\n1\n\n### Satuan pemesanan minimum / Minimum order unit\n\nlusin — 12 pcs / dozen",
         "### Pemesanan minimum (jumlah) / Minimum order (quantity)\n\n2 lusin\n\n### Satuan pemesanan minimum / Minimum order unit\n\npcs — satuan / piece",
         "Pemesanan minimum (jumlah) / Minimum order (quantity)", "'2 lusin' is in lusin, but the unit is pcs — choose the unit lusin, or the amount 24 with the unit pcs"),
        ("Rp 65.000", "65rb/pcs", "Harga terendah (Rp) / Lowest price (IDR)", "'65rb/pcs': write only the amount here"),
    ],
)  # fmt: skip
def test_wrong_values_never_get_a_tick(
    mini_project: Path, tmp_path: Path, photo_server: str, old: str, new: str, label: str, says: str
) -> None:
    assert old in BODY
    out = tmp_path / "out"
    conversion = _convert(BODY.replace(old, new), mini_project, out, photo_server)
    assert not conversion.ok
    assert [(p.label, p.message.en) for p in conversion.problems if says in p.message.en] != [], conversion.problems
    assert {p.label for p in conversion.problems} == {label}
    text = issueform.comment(conversion, out)
    assert "❌" in text and "✅" not in text


def test_a_phone_photo_with_gps_is_saved_small_and_bare(mini_project: Path, tmp_path: Path) -> None:
    from test_photo_intake import phone_photo

    folder = tmp_path / "attachments"
    phone_photo(folder / "besar.jpg")
    _photo(folder / "syal-dipakai.jpg", (1200, 1600), gps=False)
    assert (folder / "besar.jpg").stat().st_size > 8 * 1024 * 1024
    with serve(folder) as url:
        body = BODY.replace("syal-dilipat.jpg", "besar.jpg")
        conversion = _convert(body, mini_project, tmp_path / "out", url.rstrip("/"))
    assert conversion.problems == [] and conversion.ok
    first = conversion.photos[0]
    assert first.stat().st_size <= 1024 * 1024
    with Image.open(first) as image:
        assert max(image.size) == 2000 and not image.getexif()
    assert b"PhoneMaker" not in first.read_bytes()


def test_the_reply_names_the_business_and_marks_a_change_from_another_account(
    mini_project: Path, tmp_path: Path, photo_server: str
) -> None:
    """A neighbour's name gets the product listed there only after that business confirms."""
    ikm = mini_project / "products/rajut-contoh/ikm.yml"
    ikm.write_text(ikm.read_text(encoding="utf-8") + "github_accounts: [dewi-rajut]\n", encoding="utf-8")
    out = tmp_path / "out"
    other = _convert(BODY, mini_project, out, photo_server, author="asep-binong")
    assert other.ok and other.waiting
    text = issueform.comment(other, out, templates=REPO / "templates")
    assert (
        "⏳ menunggu konfirmasi Rajut Contoh: `asep-binong` bukan akun yang mewakili Rajut Contoh (`dewi-rajut`)"
        in text
    )
    assert "Listed under:** Rajut Contoh (sentra Sentra Rajut Binong Jati, WhatsApp +62 800-••••-0101)" in text
    assert "`disetujui`" not in text, "nothing to approve while the maker has not confirmed"
    own = _convert(BODY, mini_project, tmp_path / "own", photo_server, author="Dewi-Rajut")
    assert own.ok and not own.waiting and "speaks for Rajut Contoh" in own.standing.message.en
    confirmed = _convert(
        BODY, mini_project, tmp_path / "c", photo_server, author="asep-binong", labels={"dikonfirmasi-ikm"}
    )
    assert not confirmed.waiting
    maintainer = _convert(BODY, mini_project, tmp_path / "m", photo_server, author="admin", association="MEMBER")
    assert not maintainer.waiting


def test_an_ikm_without_accounts_waits_for_a_maintainer_to_ask_on_whatsapp(
    mini_project: Path, tmp_path: Path, photo_server: str
) -> None:
    conversion = _convert(BODY, mini_project, tmp_path / "out", photo_server, author="asep-binong")
    assert conversion.waiting
    assert "lists no GitHub account" in conversion.standing.message.en
    assert "WhatsApp +62 800-••••-0101" in conversion.standing.message.en


def test_the_maker_s_comment_confirms(mini_project: Path, tmp_path: Path) -> None:
    ikm = mini_project / "products/rajut-contoh/ikm.yml"
    ikm.write_text(ikm.read_text(encoding="utf-8") + "github_accounts: [dewi-rajut]\n", encoding="utf-8")
    (tmp_path / "issue.md").write_text(BODY, encoding="utf-8")
    shutil.copytree(REPO / ".github", mini_project / ".github")
    root = ["--root", str(mini_project)]
    for commenter, comment, code in [("dewi-rajut", "Setuju, ini produk kami.", 0), ("asep-binong", "Setuju", 1), ("dewi-rajut", "Bukan punya kami", 1)]:  # fmt: skip
        (tmp_path / "comment.md").write_text(comment, encoding="utf-8")
        argv = [*root, "confirm", str(tmp_path / "issue.md"), "--comment", str(tmp_path / "comment.md")]
        assert main([*argv, "--commenter", commenter]) == code, (commenter, comment)


# --- the registration form: a new maker gets in without git ----------------------------------------------

IKM_FORM = REPO / ".github" / "ISSUE_TEMPLATE" / "ikm-baru.yml"
IKM_BODY = """### Nama usaha / Business name

Rajut Mekar Binong

### Nama folder (opsional) / Folder name (optional)

_No response_

### Sentra / Industry cluster

binong-jati — Sentra Rajut Binong Jati (Kota Bandung)

### Sentra lain (jika tidak ada di daftar) / Other sentra (if not listed)

_No response_

### Kota atau kabupaten / City or regency

Kota Bandung

### Kecamatan / District

Batununggal

### Kelurahan atau desa (opsional) / Village (optional)

Binong

### Nomor WhatsApp / WhatsApp number

0812 3456 7890

### Instagram (opsional) / Instagram (optional)

@rajutmekar

### E-mail (opsional) / E-mail (optional)

_No response_

### Situs web (opsional) / Website (optional)

_No response_

### Toko di marketplace (opsional) / Marketplace shops (optional)

https://www.tokopedia.com/rajutmekar

### NIB (jika ada) / Business ID number, NIB (if any)

_No response_

### Tahun berdiri / Year founded

2015

### Jumlah tenaga kerja / Number of workers

6 orang

### Tentang usaha (Bahasa Indonesia, opsional) / About the business (Indonesian, optional)

Usaha keluarga dengan 6 mesin rajut.

### Tentang usaha (Bahasa Inggris, opsional) / About the business (English, optional)

_No response_

### Bahasa yang dilayani / Languages you serve buyers in

- [X] Bahasa Indonesia (id)
- [ ] English (en)
- [X] Basa Sunda (su)
- [ ] Basa Jawa (jv)

### Logo atau foto tempat usaha (opsional) / Logo or workshop photo (optional)

![IMG_3001](BASE/syal-dilipat.jpg)

### Keterangan gambar / What the picture shows

Bengkel rajut kami

### Akun GitHub yang mewakili usaha / GitHub accounts that speak for the business

@Dewi-Mekar, https://github.com/asep-mekar

### Pernyataan / Statement

- [X] Saya pemilik usaha ini atau diberi kuasa olehnya. / I own this business or act for it.
- [X] Data ini benar dan boleh ditampilkan untuk umum. / This data is true and may be shown publicly.
"""


def _register(body: str, root: Path, out: Path, base: str, **options) -> issueform.Conversion:
    shutil.copytree(REPO / ".github", root / ".github", dirs_exist_ok=True)
    return issueform.convert(body.replace("BASE", base), root, out, today=TODAY, allowed=(f"{base}/",), **options)


def test_a_new_maker_registers_with_the_form(mini_project: Path, tmp_path: Path, photo_server: str) -> None:
    out = tmp_path / "out"
    conversion = _register(IKM_BODY, mini_project, out, photo_server, author="dewi-mekar", repo="etalase-ikm/etalase")
    assert conversion.kind == "ikm" and conversion.problems == [] and conversion.ok
    assert conversion.record == out / "products/rajut-mekar-binong/ikm.yml"
    data = yaml.safe_load(conversion.record.read_text(encoding="utf-8"))
    assert data["contacts"] == {
        "whatsapp": "+6281234567890",
        "instagram": "rajutmekar",
        "marketplaces": [{"name": "Tokopedia", "url": "https://www.tokopedia.com/rajutmekar"}],
    }
    assert data["location"] == {"kelurahan": "Binong", "kecamatan": "Batununggal", "city": "Kota Bandung"}
    assert (data["founded"], data["workers"], data["languages"]) == (2015, 6, ["id", "su"])
    assert data["github_accounts"] == ["dewi-mekar", "asep-mekar"]  # the submitter first, no duplicate
    assert data["logo"] == {"file": "logo.jpg", "alt": {"id": "Bengkel rajut kami"}}
    assert "nib" not in data  # NIB if any
    text = issueform.comment(conversion, out, repo="etalase-ikm/etalase", templates=REPO / "templates")
    assert "✅ Data IKM lengkap" in text
    assert "`/ikm/rajut-mekar-binong/`" in text
    assert "https://github.com/etalase-ikm/etalase/issues/new?template=produk-baru.yml" in text
    # the files drop into the project as they are and pass its whole check
    shutil.copytree(out / "products", mini_project / "products", dirs_exist_ok=True)
    assert pipeline.check(mini_project, TODAY).problems == []


def test_a_registration_never_takes_over_a_registered_business(
    mini_project: Path, tmp_path: Path, photo_server: str
) -> None:
    body = IKM_BODY.replace("Rajut Mekar Binong", "Rajut Contoh")
    conversion = _register(body, mini_project, tmp_path / "out", photo_server, author="asep")
    assert not conversion.ok
    (problem,) = conversion.errors
    assert problem.label == "Nama usaha / Business name"
    assert (
        "a business with the folder name 'rajut-contoh' is registered already: Rajut Contoh (sentra"
        in problem.message.en
    )


def test_registration_mistakes_are_named_by_their_question(
    mini_project: Path, tmp_path: Path, photo_server: str
) -> None:
    body = IKM_BODY.replace("0812 3456 7890", "812 3456 7890").replace("\n2015\n", "\nsudah lama\n")
    body = body.replace(
        "binong-jati — Sentra Rajut Binong Jati (Kota Bandung)",
        "lainnya — sentra saya belum ada di daftar / my sentra is not listed",
    )
    conversion = _register(body, mini_project, tmp_path / "out", photo_server)
    found = {p.label: p.message.en for p in conversion.errors}
    assert (
        "has no country code — if it is an Indonesian number, write +628123456789"
        in found["Nomor WhatsApp / WhatsApp number"]
    )
    assert "'sudah lama'" in found["Tahun berdiri / Year founded"]
    assert "a maintainer adds it first" in found["Sentra / Industry cluster"]


def test_the_registration_form_knows_every_sentra() -> None:
    from etalase.tools.intake import ikm_form
    from etalase.tools.scaffold import existing_sentra

    questions = {q.id: q for q in issueform.load_form(IKM_FORM, ikm_form.FIELDS)}
    assert set(questions) - {"consent"} == set(ikm_form.FIELDS)
    options = [issueform.first_word(o) for o in questions["sentra"].options]
    assert options == [*existing_sentra(REPO), ikm_form.OTHER_SENTRA], "add the new sentra to ikm-baru.yml"
