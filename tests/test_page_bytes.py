"""Lighter pages (issue 20, docs/pages.md): the theme's templates without indentation, links within a
language, and the size figures the build and the benchmark print."""

from __future__ import annotations

from jinja2 import DictLoader, Environment

from etalase.bench.sizes import SiteSizes, size_lines
from etalase.builder.compact import CompactTemplates, compact, install
from etalase.photos import SizeReport
from etalase.render.links import home_of


def test_compact_takes_indentation_and_statement_lines_away() -> None:
    source = "<ul>\n    {% for x in items %}\n    <li>\n      {{ x }}\n    </li>\n    {% endfor %}\n\n</ul>\n"
    assert compact(source) == "<ul>\n{% for x in items %}<li>\n{{ x }}\n</li>\n{% endfor %}</ul>\n"


def test_compact_keeps_what_prints_and_what_whitespace_means() -> None:
    # an include prints: the line break after it stays, so no two words are joined
    assert compact('  {% include "icon.svg" %}\n  Kembali\n') == '{% include "icon.svg" %}\nKembali\n'
    # text separated by a line break stays separated
    assert compact("Made with\n  <a>Material</a>\n") == "Made with\n<a>Material</a>\n"
    for kept in ("<pre>\n  code\n</pre>\n", "<textarea>\n  a\n</textarea>\n", "{% raw %}\n  {{ x }}\n{% endraw %}\n"):
        assert compact(kept) == kept


def test_compacted_templates_print_values_unchanged() -> None:
    """Values are put in after compaction: a title with spaces or line breaks stays as it is."""
    templates = {
        "page.html": "<title>\n    {{ title }}\n</title>\n  {% if on %}\n    <p>{{ body }}</p>\n  {% endif %}\n"
    }
    env = install(Environment(loader=DictLoader(templates)))
    assert any(isinstance(ext, CompactTemplates) for ext in env.extensions.values())
    install(env)  # once only
    html = env.get_template("page.html").render(title="  two  spaces\n", body="a\n  b", on=True)
    assert html == "<title>\n  two  spaces\n\n</title>\n<p>a\n  b</p>\n"


def test_home_is_the_way_back_to_the_language_root() -> None:
    assert home_of("en/produk/a/b.md", "en/") == "../../../"
    assert home_of("produk/a/b.md", "") == "../../../"
    assert home_of("en/index.md", "en/") == ""
    assert home_of("daftar.md", "") == "../"


def test_size_report_says_how_many_products_fit_pages() -> None:
    report = SizeReport((), 10, image_bytes=200_000_000, products=1000, fixed_bytes=2_000_000, pages_bytes=52_000_000)
    with_photos, without = report.capacity() or (0, 0)
    assert with_photos == int(998_000_000 / 250_000) and without == int(998_000_000 / 50_000)
    assert SizeReport((), 0, 0).capacity() is None  # nothing to go on


def test_benchmark_lines_extrapolate_to_ten_thousand() -> None:
    sizes = SiteSizes(
        1000,
        2,
        total=262_000_000,
        photos=200_000_000,
        fixed=2_000_000,
        product_pages=30_000_000,
        product_page_count=2000,
        ikm_pages=9_000_000,
    )
    assert sizes.at(10_000).without_photos == 2_000_000 + 600_000_000
    lines = size_lines(sizes)
    assert lines[0] == "N=1,000: photos 200 kB per product (target ≤ 120 kB): MISSED"
    assert "product page 15.0 kB of HTML per language (target ≤ 12 kB): MISSED" in lines[1]
    assert "IKM pages 4.5 kB per product per language" in lines[1]
    assert "at 10,000 (linear from N=1,000): 2.60 GB, 0.60 GB without photos" in lines[2]
    assert "up to about 3,838 products (target 6,000+: MISSED), up to about 16,633" in lines[3]
