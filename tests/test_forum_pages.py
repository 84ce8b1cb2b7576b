"""Forum pages rendered from the mini project: the forum, agendas with QR codes, the table plan, the needs
board, capabilities on the IKM page and the search filter, partnerships in statistics and open data."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from etalase import render
from etalase.render import opendata
from etalase.render.agenda import row_qr
from forumkit import MINI_FORUM, add_capabilities, validated, write_forum

TEMPLATES = Path(__file__).parent.parent / "templates"
SITE_URL = "https://etalase.example/katalog/"
FORUM = "forum/temu-contoh/"
CAPABILITIES = """capabilities:
  processes:
    id: [mesin rajut komputer, linking]
    en: [computerised knitting machines, linking]
  materials:
    id: [benang akrilik]
  capacity: {quantity: 80, unit: lusin}
  certificates:
    - {type: sni, number: SPPT-SNI-1, expires: 2028-04-30}
"""


@pytest.fixture
def forum_project(mini_project: Path) -> Path:
    add_capabilities(mini_project, "rajut-contoh", CAPABILITIES)
    write_forum(mini_project)
    return mini_project


def _pages(root: Path, lang: str = "id", site_url: str = SITE_URL) -> dict[str, str]:
    catalog, problems = validated(root)
    assert problems == [] and catalog is not None, problems
    return render.render_pages(catalog, {}, TEMPLATES, lang=lang, site_url=site_url, pages_dir=root / "catalog/pages")


def test_a_forum_has_its_page_agendas_print_page_and_table_plan(forum_project: Path) -> None:
    pages = _pages(forum_project)
    assert sorted(p for p in pages if p.startswith("forum/")) == [
        "forum/index.md",  # every forum, newest first (render/events.py)
        "forum/temu-contoh/agenda/ikm/dapur-contoh.md",
        "forum/temu-contoh/agenda/ikm/rajut-contoh.md",
        "forum/temu-contoh/agenda/index.md",
        "forum/temu-contoh/agenda/mitra/pt-boga.md",
        "forum/temu-contoh/agenda/mitra/pt-contoh.md",
        "forum/temu-contoh/index.md",
        "forum/temu-contoh/meja.md",
    ]
    assert "kebutuhan.md" in pages


def test_the_forum_page_shows_needs_with_reasons_outcomes_and_the_schedule(forum_project: Path) -> None:
    page = _pages(forum_project)[FORUM + "index.md"]
    assert "Temu Usaha Contoh 2026" in page and "12 November 2026" in page and "Gedung Contoh, Kota Bandung" in page
    assert 'id="f-pt-contoh"' in page and 'id="n-pt-contoh--rompi"' in page
    assert "PT Contoh Industri" in page and "CONTOH" not in page and ">contoh</span>" in page  # the illustrative tag
    assert "punya mesin rajut komputer" in page
    assert "kapasitas 80 lusin (960 pcs)/bulan ≥ 50 lusin (600 pcs) dibutuhkan" in page
    assert "1 pesanan" in page and "Rp 60.000.000" in page
    assert 'href="../../ikm/rajut-contoh/"' in page and 'href="../../forum/temu-contoh/agenda/"' in page
    assert 'href="../../forum/temu-contoh/meja/"' in page and 'href="../../kebutuhan/"' in page
    assert re.search(
        r"<tr><th scope=\"row\">09:00</th><td><a [^>]*>Rajut Contoh</a></td><td><a [^>]*>Dapur Contoh", page
    )


def test_an_agenda_has_a_row_per_slot_and_a_qr_code_to_each_partner(forum_project: Path) -> None:
    pages = _pages(forum_project)
    firm = pages[FORUM + "agenda/mitra/pt-contoh.md"]
    assert firm.count('class="et-agenda"') == 1 and firm.count("et-agenda__time") == 3
    assert firm.count("et-agenda__meeting") == 1 and firm.count("et-agenda__free") == 2
    assert str(row_qr(SITE_URL + "ikm/rajut-contoh/", "Kode QR ke halaman Rajut Contoh")) in firm
    assert "mesin rajut komputer, linking" in firm and "80 lusin (960 pcs) / bulan · SNI" in firm
    ikm = pages[FORUM + "agenda/ikm/dapur-contoh.md"]
    assert str(row_qr(SITE_URL + FORUM + "#f-pt-boga", "Kode QR ke halaman PT Boga Contoh")) in ikm
    assert "Camilan kemasan" in ikm and "2.000 pack / bulan · Halal" in ikm
    assert pages[FORUM + "agenda/index.md"].count('<article class="et-agenda"') == 4


def test_without_a_site_url_agendas_have_no_codes(forum_project: Path) -> None:
    pages = _pages(forum_project, site_url="")
    assert "<svg" not in pages[FORUM + "agenda/index.md"]


def test_the_table_plan_lists_each_slot(forum_project: Path) -> None:
    plan = _pages(forum_project)[FORUM + "meja.md"]
    assert plan.count('class="et-plan__slot"') == 3
    assert "09:00–09:20" in plan and "Rompi rajut seragam" in plan and plan.count("et-plan__empty") == 4


def test_the_needs_board_answers_through_the_facilitator(forum_project: Path) -> None:
    board = _pages(forum_project)["kebutuhan.md"]
    assert board.count("data-need ") == 2
    assert 'data-kategori="rajut" data-forum="temu-contoh" data-kota="Kota Bandung"' in board
    link = re.search(r'<a class="et-wa" href="([^"]+)"', board)
    assert link is not None
    url = urlsplit(link.group(1).replace("&amp;", "&"))
    assert (url.netloc, url.path) == ("wa.me", "/6280000000900")
    message = parse_qs(url.query)["text"][0]
    assert (
        "Ibu Fasilitator" in message and "“Rompi rajut seragam” PT Contoh Industri (Temu Usaha Contoh 2026)" in message
    )
    assert message.endswith(SITE_URL + "kebutuhan/#n-pt-contoh--rompi")
    assert 'href="../forum/temu-contoh/#n-pt-contoh--rompi"' in board
    assert 'src="../assets/needs.js"' in board


def test_a_filled_need_leaves_the_board(forum_project: Path) -> None:
    write_forum(
        forum_project,
        MINI_FORUM.replace(
            "        delivery_city: Kota Cimahi\n", "        delivery_city: Kota Cimahi\n        open: false\n"
        ),
    )
    board = _pages(forum_project)["kebutuhan.md"]
    assert board.count("data-need ") == 1 and "Camilan kemasan" not in board


def test_forum_pages_in_english(forum_project: Path) -> None:
    pages = _pages(forum_project, lang="en")
    page = pages["en/" + FORUM + "index.md"]
    assert "Sample Business Forum 2026" in page and "has computerised knitting machines" in page
    assert "capacity 80 dozen (960 pcs)/month ≥ 50 dozen (600 pcs) needed" in page
    assert "Needs board" in pages["en/kebutuhan.md"]
    assert (
        str(row_qr(SITE_URL + "en/ikm/rajut-contoh/", "QR code to the page of Rajut Contoh"))
        in pages["en/" + FORUM + "agenda/mitra/pt-contoh.md"]
    )


def test_capabilities_on_the_ikm_page_and_the_search_filter(forum_project: Path) -> None:
    pages = _pages(forum_project)
    ikm = pages["ikm/rajut-contoh.md"]
    assert "Kemampuan produksi" in ikm and "mesin rajut komputer, linking" in ikm and "benang akrilik" in ikm
    assert "80 lusin (960 pcs) / bulan" in ikm and "SPPT-SNI-1" in ikm and "berlaku sampai 30 April 2028" in ikm
    assert '<span data-pagefind-filter="process:mesin rajut komputer"></span>' in ikm
    search = pages["cari.md"]
    assert 'data-filter="process"' in search and 'value="mesin rajut komputer"' in search
    english = _pages(forum_project, lang="en")["en/ikm/rajut-contoh.md"]
    assert '<span data-pagefind-filter="process:computerised knitting machines"></span>' in english


def test_partnerships_on_the_statistics_page(forum_project: Path) -> None:
    stats = _pages(forum_project)["statistik.md"]
    assert "Kemitraan dari forum temu usaha" in stats
    section = stats[stats.index('id="stats-partnerships"') :]
    assert "Sentra Rajut Binong Jati" in section and "Rp 60.000.000" in section and ">Rajut</a>" in section


def test_no_partnership_section_without_outcomes(mini_project: Path) -> None:
    assert "stats-partnerships" not in _pages(mini_project)["statistik.md"]


def test_partnerships_in_the_open_data(forum_project: Path) -> None:
    catalog, _ = validated(forum_project)
    assert catalog is not None
    files = opendata.data_files(catalog, {}, opendata.Links(SITE_URL, ("id", "en")))
    rows = list(csv.DictReader(io.StringIO(files["partnerships.csv"].decode("utf-8"), newline="")))
    assert rows == [
        {
            "forum": "temu-contoh",
            "forum_date": "2026-11-12",
            "firm": "pt-contoh",
            "firm_name": "PT Contoh Industri",
            "firm_illustrative": "true",
            "ikm": "rajut-contoh",
            "ikm_name": "Rajut Contoh",
            "sentra": "binong-jati",
            "need": "rompi",
            "category": "rajut",
            "kind": "order",
            "value": "60000000",
            "note_id": "",
            "note_en": "",
        }
    ]
    assert json.loads(files["catalogue.json"])["partnerships"][0]["value"] == 60000000
    page = _pages(forum_project)["data.md"]
    assert "partnerships.csv" in page and "Nilai (rupiah)" in page
