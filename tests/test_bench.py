"""The benchmark command at a tiny size, so that ``etalase bench`` cannot rot."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from conftest import TODAY
from etalase.bench import synthetic
from etalase.bench.bench import parse_sizes
from etalase.bench.measure import BenchResult, Measurement
from etalase.bench.sizes import SiteSizes
from etalase.bench.tables import format_targets
from etalase.pipeline import check
from etalase.tools.cli import main
from sitecheck import REPO

pytestmark = pytest.mark.slow

SIZE = 30


def test_synthetic_catalogue_is_valid_and_deterministic(tmp_path: Path) -> None:
    made = synthetic.make_catalogue(tmp_path / "a", 7, source=REPO, seed=3, workers=1)
    assert (made.products, made.ikms, made.reused) == (7, 3, False)
    assert len(made.product_files) == 7
    outcome = check(made.root, TODAY)
    assert [p for p in outcome.problems if p.severity.value == "error"] == []
    assert outcome.catalog is not None and len(outcome.catalog.products) == 7
    categories = {e.record.category for e in outcome.catalog.products}
    assert categories <= {c.slug for c in outcome.catalog.categories}

    again = synthetic.make_catalogue(tmp_path / "b", 7, source=REPO, seed=3, workers=1)
    files = sorted(p.relative_to(made.root) for p in (made.root / "products").rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again.root) for p in (again.root / "products").rglob("*") if p.is_file())
    assert all((made.root / f).read_bytes() == (again.root / f).read_bytes() for f in files)

    assert synthetic.make_catalogue(tmp_path / "a", 7, source=REPO, seed=3).reused
    other = tmp_path / "someone-elses-folder"
    other.mkdir()
    (other / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(FileExistsError):
        synthetic.make_catalogue(other, 7, source=REPO)


def test_photos_are_distinct_and_realistic(tmp_path: Path) -> None:
    from PIL import Image

    made = synthetic.make_catalogue(tmp_path / "p", 6, source=REPO, seed=1, workers=1)
    photos = sorted((made.root / "products").glob("*/*.jpg"))
    assert len(photos) == made.photos >= 6
    contents = [p.read_bytes() for p in photos]
    assert len(set(contents)) == len(contents)
    with Image.open(photos[0]) as image:
        assert image.size == synthetic.PHOTO_SIZE and image.format == "JPEG"
    assert all(40_000 < len(c) < 400_000 for c in contents)


def test_targets_are_judged_from_the_measurements() -> None:
    def warm(products: int, seconds: float, pages: int) -> Measurement:
        return Measurement(
            products,
            "etalase",
            "warm",
            seconds,
            int(0.5e9),
            html_pages=pages,
            output_bytes=int(1.2e9),
            image_bytes=int(0.9e9),
        )

    result = BenchResult(
        measurements=[
            warm(1000, 10.0, 2800),
            replace(warm(5000, 40.0, 14_000), index_wait_seconds=12.0),
            Measurement(1000, "naive", "none", 200.0, int(1e9)),
            warm(10_000, 200.0, 28_000),
        ]
    )
    lines = format_targets(result)
    assert "10,000 products warm: 200 s (target < 180 s): MISSED" in lines
    assert "ms per product warm, N=10,000 over N=1,000: 2.00× (target ≤ 1.2×): MISSED" in lines
    assert any(line.startswith("N=1,000: warm Etalase is 20.0× faster") and line.endswith("met") for line in lines)
    rate = next(line for line in lines if line.startswith("N=5,000: 14,000 HTML pages"))
    assert "350 pages/s warm, 4.5× behind Hugo's 1562 pages/s" in rate and rate.endswith("MISSED")
    assert (
        "N=5,000: without waiting for the search index (12.0 s), 500 pages/s, 3.1× behind Hugo "
        "(which builds no search index)" in lines
    )
    assert "peak memory 0.50 GB (target < 2 GB): met" in lines
    # the size lines (bench/sizes.py) come with a measurement of the site's parts
    sizes = SiteSizes(5000, 2, total=int(1.2e9), photos=int(0.9e9), fixed=int(2e6), product_pages=int(1.6e8))
    sized = format_targets(
        BenchResult([replace(warm(5000, 40.0, 14_000), sizes=replace(sizes, product_page_count=10_000))])
    )
    assert "N=5,000: photos 180 kB per product (target ≤ 120 kB): MISSED" in sized
    assert any(
        line.startswith("N=5,000: site 1.200 GB, 0.300 GB without photos; at 10,000 (linear from N=5,000)")
        for line in sized
    )


def test_parse_sizes() -> None:
    assert parse_sizes("1000, 5k,10_000") == [1000, 5000, 10_000]
    with pytest.raises(ValueError):
        parse_sizes("0")


def test_bench_command_runs_all_builds(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report = tmp_path / "bench.json"
    code = main(
        [
            "--root",
            str(REPO),
            "bench",
            "--sizes",
            str(SIZE),
            "--naive-max",
            str(SIZE),
            "--out",
            str(tmp_path / "bench"),
            "--json",
            str(report),
            "--keep-naive",
        ]
    )
    out = capsys.readouterr().out
    assert code == 0, out
    rows = [line for line in out.splitlines() if line.startswith(f"| {SIZE} |")]
    assert [row.split(" | ")[1:3] for row in rows] == [["etalase", "cold"], ["etalase", "warm"], ["naive", "none"]]
    data = json.loads(report.read_text(encoding="utf-8"))
    runs = {(m["build"], m["caches"]): m for m in data["measurements"]}
    assert all(m["ok"] and m["seconds"] > 0 and m["peak_bytes"] > 10_000_000 for m in runs.values())
    cold, warm, naive = runs["etalase", "cold"], runs["etalase", "warm"], runs["naive", "none"]
    assert cold["index_seconds"] is not None and cold["index_bytes"] > 0
    assert 0 <= warm["index_wait_seconds"] < warm["seconds"]  # the time the build only waited for Pagefind
    assert warm["html_pages"] == cold["html_pages"] and naive["html_pages"] >= cold["html_pages"] - 5
    assert cold["image_bytes"] > 0 and naive["image_bytes"] == cold["image_bytes"]
    assert naive["index_bytes"] > 0  # the built-in lunr index
    # the naive set-up lists every product page in its nav
    root = tmp_path / "bench" / str(SIZE)
    bundles = [root / "site" / "pagefind", root / "site" / "en" / "pagefind"]  # a search bundle per language
    bundle_bytes = sum(f.stat().st_size for bundle in bundles for f in bundle.rglob("*") if f.is_file())
    assert all(bundle.is_dir() for bundle in bundles) and warm["index_bytes"] == bundle_bytes
    product = next(root.glob("naive/site/produk/*/*/index.html"))
    assert html_nav_links(root / "naive/site/index.html") >= SIZE
    assert product.is_file()
    # the product changed for the warm build is restored afterwards
    assert synthetic.make_catalogue(root, SIZE, source=REPO).reused
    assert "diubah" not in "".join(p.read_text(encoding="utf-8") for p in root.glob("products/*/*.yml"))


def html_nav_links(page: Path) -> int:
    """Return how many product pages the primary nav of ``page`` links to."""
    html = page.read_text(encoding="utf-8")
    # the whole primary nav, nested sections included (the first is en/, the English pages)
    nav = html.split('class="md-nav md-nav--primary', 1)[1].split('class="md-content"', 1)[0]
    return nav.count("produk/")
