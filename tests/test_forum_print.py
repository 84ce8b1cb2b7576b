"""The sample forum in Chromium: agendas printed one A4 page per participant with QR codes that decode,
the worst-case agenda still on one page, the needs board's filters and links, and screenshots.

Printing goes through ``etalase forum print`` (Debian's Chromium, ``--print-to-pdf``); the PDF is
read back with poppler (``pdfinfo``, ``pdftotext``, ``pdftoppm``) and zbar (``zbarimg``), a QR
decoder no one here wrote. Screenshots land in ``test-artifacts/forum/``.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
import yaml
from playwright.sync_api import Page

from conftest import ARTIFACTS, REPO
from etalase.render.forumviews import agendas_path, firm_anchor, forum_path
from etalase.tools.cli import main
from printcheck import need_tools, page_sizes, run
from sitecheck import broken_links

SLUG = "temu-usaha-bandung-2026"
SAMPLE = REPO / "catalog" / "forums" / f"{SLUG}.yml"
A4_POINTS = (595.0, 842.0)
SHOTS = ARTIFACTS / "forum"

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def _codes(pdf: Path, page: int, folder: Path) -> set[str]:
    run("pdftoppm", "-r", "200", "-f", str(page), "-l", str(page), "-png", "-singlefile", str(pdf), str(folder / "p"))
    done = subprocess.run(
        ["zbarimg", "--quiet", "--raw", str(folder / "p.png")], capture_output=True, text=True, check=False
    )
    return {line for line in done.stdout.splitlines() if line}


def _site_url(root: Path) -> str:
    return yaml.safe_load((root / "mkdocs.yml").read_text(encoding="utf-8"))["site_url"].rstrip("/") + "/"


def _participants() -> list[tuple[str, str, dict]]:
    """Return the agendas in print order: (kind, slug, record) — firms by table, then IKMs by name."""
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    tables = {m["firm"]: m["table"] for m in data["schedule"]}
    firms = sorted(data["firms"], key=lambda f: tables.get(f["slug"], 99))
    ikms = {s: yaml.safe_load((REPO / "products" / s / "ikm.yml").read_text(encoding="utf-8")) for s in data["ikms"]}
    order = sorted(data["ikms"], key=lambda s: (ikms[s]["name"].casefold(), s))
    return [("mitra", f["slug"], f) for f in firms] + [("ikm", s, ikms[s]) for s in order]


@pytest.fixture(scope="module")
def printed(sample_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Print every agenda of the sample forum with ``etalase forum print`` from the built sample site."""
    need_tools()
    pdf = tmp_path_factory.mktemp("agendas") / "agendas.pdf"
    assert main(["--root", str(sample_site), "forum", "print", SLUG, "--no-build", "-o", str(pdf)]) == 0
    return pdf


def test_every_agenda_prints_on_one_a4_portrait_page(printed: Path) -> None:
    sizes = page_sizes(printed)
    assert len(sizes) == len(_participants()) == 28
    for width, height in sizes:
        assert abs(width - A4_POINTS[0]) < 1 and abs(height - A4_POINTS[1]) < 1, (width, height)


def test_each_printed_agenda_is_its_participant_and_its_codes_lead_to_the_partners(
    printed: Path, sample_site: Path, tmp_path: Path
) -> None:
    site_url = _site_url(sample_site)
    schedule = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))["schedule"]
    SHOTS.mkdir(parents=True, exist_ok=True)
    decoded = 0
    for page, (kind, slug, record) in enumerate(_participants(), start=1):
        text = " ".join(run("pdftotext", "-f", str(page), "-l", str(page), str(printed), "-").split())
        assert record["name"] in text, f"page {page} is not the agenda of {slug}"
        if kind == "mitra":
            expected = {f"{site_url}ikm/{m['ikm']}/" for m in schedule if m["firm"] == slug}
        else:
            expected = {f"{site_url}{forum_path(SLUG)}#{firm_anchor(m['firm'])}" for m in schedule if m["ikm"] == slug}
        codes = _codes(printed, page, tmp_path)
        assert codes == expected, f"page {page} ({slug}): decoded {codes}"
        decoded += len(codes)
        if page in (1, 9):
            shutil.copy(tmp_path / "p.png", SHOTS / f"agenda-{slug}-printed.png")
    assert decoded == 2 * len(schedule)  # every meeting is on two agendas, each with a code that decodes


def test_the_fullest_agenda_still_fits_its_page(page: Page, sample_url: str, tmp_path: Path) -> None:
    """Every slot a meeting, each with the longest lines: the agenda keeps to one A4 page, nothing cut."""
    need_tools()
    page.goto(sample_url + agendas_path(SLUG))
    page.wait_for_load_state("networkidle")
    page.evaluate(
        """() => {
            const agenda = document.querySelector('.et-agenda');
            const meeting = agenda.querySelector('.et-agenda__meeting');
            for (const free of [...agenda.querySelectorAll('.et-agenda__free')]) free.replaceWith(meeting.cloneNode(true));
            const long = 'Perusahaan Dengan Nama Yang Sangat Panjang Sekali Untuk Menguji Baris '.repeat(3);
            agenda.querySelectorAll('.et-agenda__line, .et-agenda__partner > a, .et-agenda__name').forEach((el) => {
                el.textContent = long;
            });
            document.querySelectorAll('.et-agenda:not(:first-of-type)').forEach((other) => other.remove());
        }"""
    )
    assert page.locator(".et-agenda__meeting").count() == 12
    pdf = tmp_path / "full.pdf"
    page.pdf(path=str(pdf), prefer_css_page_size=True, print_background=True)
    assert len(page_sizes(pdf)) == 1
    page.emulate_media(media="print")
    page.set_viewport_size({"width": 718, "height": 1043})  # 190 x 276 mm: A4 inside the 10 mm margins
    cut = page.evaluate(
        """() => {
            const box = document.querySelector('.et-agenda').getBoundingClientRect();
            return [...document.querySelectorAll('.et-agenda *')].filter((el) => {
                const r = el.getBoundingClientRect();
                return r.width > 0 && (r.bottom > box.bottom + 0.5 || r.right > box.right + 0.5);
            }).map((el) => el.className || el.tagName);
        }"""
    )
    assert cut == []


def _visible_needs(page: Page) -> list[dict[str, str]]:
    return page.evaluate(
        "() => [...document.querySelectorAll('[data-need]')].filter((n) => !n.hidden).map((n) => ({...n.dataset}))"
    )


def test_the_needs_board_filters_and_keeps_the_choice_in_the_address(page: Page, sample_url: str) -> None:
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    open_needs = [n for f in data["firms"] for n in f["needs"] if n.get("open", True)]
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(sample_url + "kebutuhan/")
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-needs-filters]").is_visible()
    assert len(_visible_needs(page)) == len(open_needs) == 15
    assert page.locator("[data-needs-count]").inner_text() == "15 kebutuhan ditampilkan"
    page.select_option("#needs-kategori", "makanan")
    shown = _visible_needs(page)
    assert shown and {n["kategori"] for n in shown} == {"makanan"}
    assert len(shown) == sum(n["category"] == "makanan" for n in open_needs)
    assert page.url.endswith("kebutuhan/?kategori=makanan")
    assert page.locator("#kategori-rajut").is_hidden() and page.locator("#kategori-makanan").is_visible()
    page.select_option("#needs-kota", "Kota Cimahi")
    assert {(n["kategori"], n["kota"]) for n in _visible_needs(page)} == {("makanan", "Kota Cimahi")}
    page.select_option("#needs-kategori", "rajut")
    assert _visible_needs(page) == [] and page.locator("[data-needs-empty]").is_visible()
    page.screenshot(path=str(_shot("needs-board-empty-390.png")))
    page.goto(sample_url + "kebutuhan/?kategori=percetakan&kota=Kota%20Bandung")
    page.wait_for_load_state("networkidle")
    assert page.locator("#needs-kategori").input_value() == "percetakan"
    assert {(n["kategori"], n["kota"]) for n in _visible_needs(page)} == {("percetakan", "Kota Bandung")}
    page.goto(sample_url + "kebutuhan/?kategori=tidak-ada")
    page.wait_for_load_state("networkidle")
    assert page.locator("#needs-kategori").input_value() == "" and len(_visible_needs(page)) == 15


def test_the_needs_board_links_lead_somewhere(page: Page, sample_url: str, sample_site: Path) -> None:
    site = sample_site / "site"
    pages = [site / "kebutuhan/index.html", site / "en/kebutuhan/index.html", *sorted(site.glob("forum/**/index.html"))]
    assert all(p.is_file() for p in pages)
    assert [
        b
        for b in broken_links(site)
        if b.split(" -> ")[0].startswith(("kebutuhan", "en/kebutuhan", "forum", "en/forum"))
    ] == []
    page.goto(sample_url + "kebutuhan/")
    page.wait_for_load_state("networkidle")
    link = page.locator("[data-need] .et-need__forum a").first
    target = link.get_attribute("href")
    assert target is not None and "#n-" in target
    link.click()
    page.wait_for_load_state("networkidle")
    anchor = target.split("#", 1)[1]
    assert page.url.endswith(f"{forum_path(SLUG)}#{anchor}") and page.locator(f"#{anchor}").is_visible()
    page.go_back()
    page.locator("[data-need] .et-match__name").first.click()
    page.wait_for_load_state("networkidle")
    assert "/ikm/" in page.url and page.locator("h1").is_visible()
    page.go_back()
    answer = page.locator("[data-need] a.et-wa").first.get_attribute("href")
    url = urlsplit(answer or "")
    assert (url.netloc, url.path) == ("wa.me", "/6280000009001")
    assert "Ibu Rina Kartika" in parse_qs(url.query)["text"][0]


def _shot(name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    return SHOTS / name


@pytest.mark.parametrize(
    "path",
    ["forum/temu-usaha-bandung-2026/", "kebutuhan/", "forum/temu-usaha-bandung-2026/agenda/ikm/rajut-sinar-binong/"],
)
def test_pages_fit_a_phone(page: Page, sample_url: str, path: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(sample_url + path)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(_shot(path.strip("/").replace("/", "_") + "-390.png")), full_page=True)


def test_what_an_ikm_can_make_is_searchable_and_a_filter(page: Page, sample_url: str) -> None:
    """Pagefind finds IKMs by their processes: the text of the capabilities block and the process filter."""
    page.goto(sample_url + "cari/")
    page.wait_for_load_state("networkidle")
    found = page.evaluate(
        """async () => {
            const pagefind = await import('/pagefind/pagefind.js');
            const urls = async (result) => Promise.all(result.results.map(async (r) => (await r.data()).url));
            const filters = await pagefind.filters();
            return {
                values: Object.keys(filters.process || {}),
                filtered: await urls(await pagefind.search(null, {filters: {process: {any: ['sablon DTF']}}})),
                text: await urls(await pagefind.search('bordir komputer')),
            };
        }"""
    )
    assert "sablon DTF" in found["values"] and "mesin rajut komputer" in found["values"]
    assert found["filtered"] == ["/ikm/sablon-suci-mandiri/"]
    assert "/ikm/benang-kampoeng/" in found["text"] and "/ikm/boneka-ceria/" in found["text"]
