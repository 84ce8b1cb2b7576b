"""End to end: build the sample catalogue and a hostile copy of the small project into sites."""

from __future__ import annotations

import logging
import re
from pathlib import Path

import pytest

from etalase.source.load import load_records
from sitecheck import REPO, broken_links, build

pytestmark = pytest.mark.slow


def _expected_pages(root: Path) -> list[str]:
    records, _ = load_records(root)
    pages = []
    for record in records:
        slug = record.data.get("slug")
        if record.kind.value == "product":
            pages.append(f"produk/{record.data['ikm']}/{slug}/index.html")
        elif record.kind.value == "ikm":
            pages.append(f"ikm/{slug}/index.html")
        elif record.kind.value == "sentra":
            pages.append(f"sentra/{slug}/index.html")
        elif record.kind.value == "category-list":
            pages += [f"kategori/{c['slug']}/index.html" for c in record.data["categories"]]
    return pages


def test_sample_has_a_page_for_every_record(sample_site: Path) -> None:
    pages = _expected_pages(sample_site)
    assert len(pages) >= 60 + 20 + 8 + 5
    missing = [p for p in pages if not (sample_site / "site" / p).is_file()]
    assert missing == []
    for page in ["index.html", "kategori/index.html", "sentra/index.html", "tentang/index.html", "404.html"]:
        assert (sample_site / "site" / page).is_file(), page


def test_sample_links_resolve(sample_site: Path) -> None:
    assert broken_links(sample_site / "site") == []


def test_product_pages_are_not_in_the_nav(sample_site: Path) -> None:
    html = (sample_site / "site/index.html").read_text(encoding="utf-8")
    nav = html.split('class="md-tabs"', 1)[1].split("</nav>", 1)[0]  # the nav: the tabs (no drawer repeats them)
    assert "kategori/" in nav
    # no product or IKM page (tambah-produk/, the add-a-product page, is a listing-like page of its own)
    assert not re.search(r'href="(?:\.\./)*(?:produk|ikm)/', nav)


def test_search_index_is_built(sample_site: Path) -> None:
    assert (sample_site / "site/pagefind/pagefind.js").is_file()


def test_generated_markdown_is_build_output(sample_site: Path) -> None:
    docs = sample_site / "build/docs"
    assert (docs / "index.md").is_file()
    ignored = (REPO / ".gitignore").read_text(encoding="utf-8")
    assert "/build/*" in ignored and "/site/" in ignored


def test_contributor_markup_never_reaches_the_html(hostile_site: Path) -> None:
    site = hostile_site / "site"
    page = (site / "produk/rajut-contoh/kardigan/index.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(" in page  # shown as text
    for html_file in site.rglob("*.html"):
        html = html_file.read_text(encoding="utf-8")
        assert "<script>alert(" not in html, html_file
        assert not re.search(r"<img[^>]*onerror=alert", html), html_file
        assert not re.search(r"<svg[^>]*onload=", html), html_file
        assert 'href="javascript:' not in html.lower(), html_file


def test_failed_build_keeps_the_previous_site(hostile_site: Path) -> None:
    site_index = hostile_site / "site/index.html"
    before = site_index.read_bytes()
    product = hostile_site / "products/rajut-contoh/kardigan.yml"
    good = product.read_text(encoding="utf-8")
    product.write_text(good.replace("lead_time_days: 14", "lead_time_days: banyak"), encoding="utf-8")
    try:
        assert build(hostile_site) == 1
        assert site_index.read_bytes() == before
        assert not (hostile_site / "site.staging").exists() or not (hostile_site / "site.staging/index.html").exists()
    finally:
        product.write_text(good, encoding="utf-8")


def test_the_size_report_counts_every_file_of_the_site(tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """The report adds pages (measured while Pagefind runs), search bundles and photos: the whole site."""
    from conftest import make_mini_project
    from etalase.photos.report import _human
    from sitecheck import copy_project

    root = copy_project(tmp_path / "project", data_from=make_mini_project(tmp_path / "data"))
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.etalase"):
        assert build(root) == 0
    line = next(r.getMessage() for r in caplog.records if r.getMessage().startswith("Site: "))
    walked = sum(p.stat().st_size for p in (root / "site").rglob("*") if p.is_file())
    assert line.startswith(f"Site: {_human(walked)} of GitHub Pages'"), (line, walked)


def test_tree_bytes_leaves_out_the_folders_named(tmp_path: Path) -> None:
    from etalase.incremental.sitedir import tree_bytes

    for rel, size in {"a.html": 10, "produk/b/index.html": 20, "media/x.webp": 300, "en/pagefind/p.pf": 4000}.items():
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_bytes(b"x" * size)
    assert tree_bytes(tmp_path) == 4330
    assert tree_bytes(tmp_path, skip=["media", "en/pagefind"]) == 30


def test_the_replaced_site_becomes_the_spare_the_next_build_recycles(tmp_path: Path) -> None:
    from etalase.incremental import sitedir

    site, staging = tmp_path / "site", tmp_path / "site.staging"
    for folder, text in ((site, "old"), (staging, "new")):
        (folder / "produk/a").mkdir(parents=True)
        (folder / "produk/a/index.html").write_text(text, encoding="utf-8")
    sitedir.swap_in(staging, site)
    assert (site / "produk/a/index.html").read_text(encoding="utf-8") == "new"
    assert not staging.exists() and not (tmp_path / "site.old").exists()
    spare = sitedir.spare_dir(site)
    assert (spare / "produk/a/index.html").read_text(encoding="utf-8") == "old"
    assert sitedir.staging_dir(site) == staging and not spare.exists()
    assert (staging / "produk/a/index.html").read_text(encoding="utf-8") == "old"  # to be sorted by hold


def _files(folder: Path) -> list[str]:
    return [p.relative_to(folder).as_posix() for p in sorted(folder.rglob("*")) if p.is_file()]


def _wait_for_trash(site: Path) -> None:
    import time

    from etalase.incremental import sitedir

    deadline = time.monotonic() + 30
    while sitedir.leftover_trash(site) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert sitedir.leftover_trash(site) == []  # deleted by a process of its own


def test_hold_sets_recycled_folders_aside_keeps_some_and_deletes_the_rest_beside(tmp_path: Path) -> None:
    from etalase.incremental import sitedir

    site = tmp_path / "site.staging"
    for rel in ("produk/a/b/index.html", "en/produk/a/b/index.html", "en/index.html", "media/ab/640.webp",
                "index.html", "pagefind/pagefind.js", ".hidden"):  # fmt: skip
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(rel, encoding="utf-8")
    sitedir.hold(site, ["produk", "en/produk", "ikm"], keep=["media"])
    assert _files(site) == [".etalase-held/en~produk/a/b/index.html", ".etalase-held/produk/a/b/index.html",
                            "media/ab/640.webp"]  # fmt: skip
    _wait_for_trash(site)
    (site / "produk").mkdir()  # a folder this build made meanwhile wins over the held one
    assert sitedir.put_back(site) == ["en/produk"]
    assert _files(site) == ["en/produk/a/b/index.html", "media/ab/640.webp"]
    assert not (site / sitedir.HELD).exists()
    _wait_for_trash(site)


def test_hold_first_puts_back_what_a_stopped_build_left_held(tmp_path: Path) -> None:
    from etalase.incremental import sitedir

    site = tmp_path / "site.staging"
    (site / ".etalase-held/produk/a").mkdir(parents=True)
    (site / ".etalase-held/produk/a/index.html").write_text("page", encoding="utf-8")
    sitedir.hold(site, ["produk"])
    assert _files(site) == [".etalase-held/produk/a/index.html"]
    sitedir.hold(site, [])  # nothing recycled (shells off): all of it goes
    _wait_for_trash(site)
    assert list(site.iterdir()) == []


def test_hold_sets_the_search_bundles_aside_for_the_next_index_then_drops_them(tmp_path: Path) -> None:
    """``serve`` builds into the same folder: its last bundles are kept aside (hidden) for Pagefind
    to reuse their fragments, and dropped once both runs have linked them."""
    from etalase.incremental import sitedir
    from etalase.search import index as search

    site = tmp_path / "site"
    for rel in ("pagefind/fragment/id_abc.pf_fragment", "en/pagefind/fragment/en_def.pf_fragment", "index.html"):
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(rel, encoding="utf-8")
    sitedir.hold(site, [], keep=["media"], bundles=search.bundle_folders(["en"]))
    last = sitedir.last_index(site)
    assert last == site / sitedir.LAST_INDEX
    assert _files(site) == [".etalase-last-index/en/pagefind/fragment/en_def.pf_fragment",
                            ".etalase-last-index/pagefind/fragment/id_abc.pf_fragment"]  # fmt: skip
    assert search.previous_bundle(site, site / "en", last) == last / "en/pagefind"
    assert search.root_language_glob(site, ["en"]) == "{*.html}"  # the hidden folder is not indexed
    sitedir.drop_last_index(site)
    assert sitedir.last_index(site) is None
    _wait_for_trash(site)
    (site / sitedir.LAST_INDEX / "pagefind").mkdir(parents=True)  # left by a stopped build
    sitedir.hold(site, [])
    assert sitedir.last_index(site) is None
    _wait_for_trash(site)


def test_remove_unwritten_leaves_exactly_the_pages_written(tmp_path: Path) -> None:
    from etalase.builder import shells

    for rel in ("produk/a/b/index.html", "produk/a/gone/index.html", "produk/c/index.html", "ikm/x/index.html"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text(rel, encoding="utf-8")
    written = {str(tmp_path / "produk/a/b/index.html")}
    folders = [str(tmp_path / "produk"), str(tmp_path / "ikm"), str(tmp_path / "nowhere")]
    assert shells.remove_unwritten(folders, written) == 3
    assert _files(tmp_path) == ["produk/a/b/index.html"]
    assert not (tmp_path / "ikm").exists() and not (tmp_path / "produk/c").exists()


def test_move_folder_moves_the_photos_folder_only_into_a_site_without_one(tmp_path: Path) -> None:
    from etalase.incremental import sitedir

    old, new = tmp_path / "site", tmp_path / "site.staging"
    (old / "media/ab").mkdir(parents=True)
    (old / "media/ab/640.webp").write_bytes(b"webp")
    assert not sitedir.move_folder(old, new, "media")  # no new site yet
    new.mkdir()
    assert sitedir.move_folder(old, new, "media")
    assert (new / "media/ab/640.webp").read_bytes() == b"webp" and not (old / "media").exists()
    assert not sitedir.move_folder(old, new, "media")  # nothing left to move
    (old / "media").mkdir()
    assert not sitedir.move_folder(old, new, "media")  # the new site has photos already: both stay


def test_a_leftover_old_site_is_handed_to_a_new_deletion(tmp_path: Path) -> None:
    import time

    from etalase.incremental import sitedir

    stuck = tmp_path / "site.trash-1-2"  # as if the machine stopped while it was being deleted
    (stuck / "produk").mkdir(parents=True)
    (tmp_path / "site").mkdir()
    staging = sitedir.staging_dir(tmp_path / "site")
    assert staging == tmp_path / "site.staging" and not stuck.exists()
    deadline = time.monotonic() + 30
    while sitedir.leftover_trash(tmp_path / "site") and time.monotonic() < deadline:
        time.sleep(0.05)
    assert sitedir.leftover_trash(tmp_path / "site") == []


@pytest.mark.slow
def test_serve_rebuilds_when_a_record_changes(mini_project: Path, tmp_path: Path) -> None:
    """``etalase serve`` (builder/run.serve) builds, serves, and rebuilds and reloads after an edit."""
    from etalase.bench.serving import serve_rebuild_seconds
    from sitecheck import copy_project

    root = copy_project(tmp_path / "project", data_from=mini_project)
    product = root / "products/rajut-contoh/kardigan.yml"
    before = product.read_bytes()
    assert serve_rebuild_seconds(root, product, timeout=600) > 0
    assert product.read_bytes() == before  # the edit is undone
