"""The statistics page: counting (``etalase.stats``), SVG charts (``etalase.charts``), the built page.

Unit tests count the small project by hand and draw charts from hostile labels (they must stay
text and the SVG must parse); then the built sample's ``statistik/`` pages in both languages:
six charts with a title and role, tables whose totals match the records, the method stated.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from conftest import TODAY
from etalase import pipeline
from etalase.model import Quantity, Unit
from etalase.render import stats
from etalase.render.charts import WIDTH, Bar, bar_chart, fit

SVG = "{http://www.w3.org/2000/svg}"


def _catalog(root: Path):
    outcome = pipeline.check(root, TODAY)
    assert outcome.catalog is not None
    return outcome.catalog


# --- counting --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("unit", "pieces"),
    [(Unit.pcs, 30), (Unit.pasang, 30), (Unit.lusin, 360), (Unit.kodi, 600), (Unit.kg, None), (Unit.pack, None)],
)
def test_capacity_is_counted_in_pieces_where_it_can_be(unit: Unit, pieces: int | None) -> None:
    assert stats.pieces(Quantity(quantity=30, unit=unit)) == pieces


def test_the_small_project_counted_by_hand(mini_project: Path) -> None:
    catalog = _catalog(mini_project)
    products = {e.record.slug: e.record for e in catalog.products}
    by_sentra = stats.sentra_stats(catalog)
    assert [g.key for g in by_sentra] == sorted(catalog.sentra)  # one per sentra
    total = stats.totals(catalog, "Total")
    assert (len(total.ikms), total.products) == (len(catalog.ikms), len(catalog.products))
    assert total.workers == sum(e.record.workers for e in catalog.ikms.values())
    expected_pieces = sum(stats.pieces(p.capacity_per_month) or 0 for p in products.values())
    assert total.pieces == expected_pieces
    other = {}
    for p in products.values():
        if stats.pieces(p.capacity_per_month) is None:
            unit = str(p.capacity_per_month.unit)
            other[unit] = other.get(unit, 0) + p.capacity_per_month.quantity
    assert total.other == other
    assert total.export_ready == sum(bool(p.export and p.export.ready) for p in products.values())
    by_category = {g.key: g for g in stats.category_stats(catalog, "en")}
    assert sum(g.products for g in by_category.values()) == len(products)
    assert by_category["rajut"].label == "Knitwear"


def test_certificates_count_products_and_makers_and_skip_expired(mini_project: Path) -> None:
    catalog = _catalog(mini_project)
    rows = {r.type.value: r for r in stats.certificate_stats(catalog, "id", TODAY)}
    assert len(rows) == 6  # every type, held or not
    for kind, row in rows.items():
        holders = [
            e.record
            for e in catalog.products
            if any(c.type.value == kind and (c.expires is None or c.expires >= TODAY) for c in e.record.certificates)
        ]
        assert (row.products, row.ikms) == (len(holders), len({p.ikm for p in holders})), kind
    far_future = stats.certificate_stats(catalog, "id", TODAY.replace(year=2100))
    assert sum(r.products for r in far_future) <= sum(r.products for r in rows.values())


def test_capacity_text_leaves_out_zero_pieces() -> None:
    from etalase.render.formatting import Formatter
    from etalase.render.i18n import load_translations

    fmt = Formatter("id", load_translations(Path(__file__).parent.parent / "templates", "id"))
    group = stats.GroupStats("x", "X", pieces=0, other={"kg": 9000, "pack": 35000})
    assert stats.capacity_text(group, fmt) == "9.000 kg + 35.000 pack"
    assert stats.capacity_text(stats.GroupStats("y", "Y", pieces=1500), fmt) == "1.500 pcs"


# --- charts ----------------------------------------------------------------------------------


def test_a_bar_chart_is_an_accessible_svg_scaled_to_its_values() -> None:
    svg = bar_chart([Bar("A", 10, "10"), Bar("B", 5, "5"), Bar("C", 0, "0")], title="Produk", chart_id="c1")
    root = ET.fromstring(str(svg))
    assert root.tag == f"{SVG}svg" and root.get("role") == "img" and root.get("aria-labelledby") == "c1-title"
    assert root.get("viewBox").startswith(f"0 0 {WIDTH} ")
    title = root.find(f"{SVG}title")
    assert title is not None and title.text == "Produk" and title.get("id") == "c1-title"
    widths = [float(r.get("width")) for r in root.findall(f"{SVG}rect")]
    assert widths[0] > 0 and widths[1] == pytest.approx(widths[0] / 2, abs=0.1) and widths[2] == 0
    assert "style=" not in str(svg)  # the CSP forbids inline styles


def test_a_percentage_chart_has_a_fixed_scale() -> None:
    svg = bar_chart([Bar("A", 50, "50%")], title="Ekspor", chart_id="c2", scale_max=100)
    (rect,) = ET.fromstring(str(svg)).findall(f"{SVG}rect")
    assert float(rect.get("width")) == pytest.approx((WIDTH - 84) / 2, abs=0.1)


def test_hostile_labels_stay_text_in_a_chart() -> None:
    hostile = '<script>alert(1)</script>\x1b & "><svg onload=alert(2)>'
    svg = str(bar_chart([Bar(hostile, 1, "<b>1</b>")], title=hostile, chart_id='x" onload="alert(3)'))
    assert "<script" not in svg and "<svg onload" not in svg and "<b>" not in svg and '" onload="' not in svg
    root = ET.fromstring(svg)
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert texts[0] == fit(hostile) and texts[1] == "<b>1</b>"
    assert root.find(f"{SVG}title").text == hostile.replace("\x1b", "")


def test_long_labels_are_cut_with_an_ellipsis() -> None:
    assert fit("x" * 100) == "x" * 45 + "…" and fit("Sentra  Rajut\nBinong") == "Sentra Rajut Binong"


# --- the built page --------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(
    ("rel", "words"),
    [("statistik/index.html", "Cara menghitung"), ("en/statistik/index.html", "How these are counted")],
)
def test_the_statistics_page_shows_charts_and_tables(sample_site: Path, rel: str, words: str) -> None:
    html = (sample_site / "site" / rel).read_text(encoding="utf-8")
    catalog = _catalog(sample_site)
    charts = re.findall(r'<svg class="et-chart" role="img" aria-labelledby="([^"]+)"', html)
    assert len(charts) >= 6 and len(set(charts)) == len(charts)  # capacity has a chart per unit in use
    for chart in charts:
        assert f'<title id="{chart}">' in html
    body = html.split('<div class="et et-statistics"', 1)[1]
    assert body.count("<table") == 3 + 2  # and the business forums' partnerships, by sentra and by category
    assert words in body
    sentra_rows = body.split("<tbody>", 1)[1].split("</tbody>", 1)[0].count("<tr>")
    assert sentra_rows == len(catalog.sentra)
    total = stats.totals(catalog, "")
    foot = body.split("<tfoot>", 1)[1].split("</tfoot>", 1)[0]
    cells = re.findall(r"<td>([^<]*)</td>", foot)
    assert cells[:3] == [str(len(total.ikms)), str(total.products), str(total.workers)]
    assert ("dozens × 12" if rel.startswith("en/") else "lusin × 12") in body  # units in the page's language


@pytest.mark.slow
def test_the_statistics_page_is_in_the_nav_in_both_languages(sample_site: Path) -> None:
    site = sample_site / "site"
    for rel, title in (("index.html", "Statistik"), ("en/index.html", "Statistics")):
        tabs = (site / rel).read_text(encoding="utf-8").split("md-tabs", 1)[1].split("</nav>", 1)[0]
        assert title in tabs, rel


def test_a_dwarfing_value_gets_a_log_scale_and_small_values_a_bar() -> None:
    from etalase.render.charts import Bar, bar_chart, needs_log_scale

    assert needs_log_scale([380_000, 42_600, 1_000]) and not needs_log_scale([12, 8, 4])
    svg = str(bar_chart([Bar("big", 84_000, "84.000"), Bar("small", 60, "60")], title="t", chart_id="c", log=True))
    widths = [float(w) for w in re.findall(r'<rect x="1" y="\d+" width="([\d.]+)"', svg)]
    assert widths[0] == 316 and widths[1] > 100  # on a log scale the small sentra is plainly visible


@pytest.mark.slow
@pytest.mark.browser
def test_wide_tables_say_they_scroll_on_a_phone(page: Any, sample_url: str) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    for prefix in ("", "en/"):
        page.goto(f"{sample_url}{prefix}statistik/")
        tables = page.evaluate(
            """[...document.querySelectorAll('.et-table-wrap')].map(w => {
              const title = w.previousElementSibling;
              const hint = title && title.querySelector('.et-scroll-hint');
              return {over: w.scrollWidth - w.clientWidth, hint: !!hint && hint.offsetHeight > 0};
            })"""
        )
        assert tables and all(t["over"] <= 0 or t["hint"] for t in tables), tables
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
