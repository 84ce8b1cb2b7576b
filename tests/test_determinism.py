"""Builds are deterministic (same records → same bytes) and atomic (a stopped build keeps the last site).

Deterministic: two builds of the same records, in two folders, on two different "days"
(``SOURCE_DATE_EPOCH``), give byte-identical sites: HTML, sitemap.xml and its gzip header,
the Pagefind index, the photos. The one date in the output, the sitemap's ``lastmod``, is the
newest ``last_verified`` of the records: a date that is part of the content.

Atomic: ``etalase build`` writes into ``site.staging/`` and swaps it in only when the build and
the search index worked; killed half-way, it leaves the previous site as it was.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import logging
import os
import re
import signal
import struct
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import make_mini_project
from sitecheck import build, copy_project

pytestmark = pytest.mark.slow

NEWEST_LAST_VERIFIED = dt.date(2026, 11, 1)  # the newest last_verified in tests/fixtures/mini


def tree(folder: Path) -> dict[str, str]:
    """Return every file and folder under ``folder`` → the sha256 of its bytes ("dir" for folders)."""
    entries = {}
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder).as_posix()
        entries[rel] = "dir" if path.is_dir() else hashlib.sha256(path.read_bytes()).hexdigest()
    return entries


def _project(folder: Path) -> Path:
    return copy_project(folder / "project", data_from=make_mini_project(folder / "data"))


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Build the small project twice, in two folders, the second as if on another day."""
    first = _project(tmp_path_factory.mktemp("first"))
    assert build(first) == 0
    second = _project(tmp_path_factory.mktemp("second"))
    saved = os.environ.get("SOURCE_DATE_EPOCH")
    os.environ["SOURCE_DATE_EPOCH"] = str(int(dt.datetime(2031, 7, 9, 13, 45, tzinfo=dt.UTC).timestamp()))
    try:
        assert build(second) == 0
    finally:
        if saved is None:
            os.environ.pop("SOURCE_DATE_EPOCH")
        else:
            os.environ["SOURCE_DATE_EPOCH"] = saved
    return first, second


def test_two_builds_are_byte_identical(two_builds: tuple[Path, Path]) -> None:
    first, second = (tree(root / "site") for root in two_builds)
    assert len(first) > 50
    assert {"sitemap.xml", "sitemap.xml.gz", "pagefind/pagefind.js", "index.html"} <= set(first)
    differing = sorted(k for k in first.keys() | second.keys() if first.get(k) != second.get(k))
    assert differing == []


def test_a_rebuild_from_the_cache_is_byte_identical(two_builds: tuple[Path, Path]) -> None:
    root = two_builds[0]
    before = tree(root / "site")
    photos = (root / "site" / "media").stat().st_ino
    assert build(root) == 0  # photos come from build/cache this time, pages are unchanged
    assert tree(root / "site") == before
    assert (root / "site" / "media").stat().st_ino == photos  # taken over from the last site, not linked again


def _rename_kardigan(root: Path) -> None:
    """Give the small project's kardigan a new slug (a new page; the old one must go) and name."""
    old = root / "products/rajut-contoh/kardigan.yml"
    text = old.read_text(encoding="utf-8").replace("slug: kardigan", "slug: kardigan-panjang", 1)
    (root / "products/rajut-contoh/kardigan-panjang.yml").write_text(
        text.replace("Kardigan Rajut Wanita", "Kardigan Panjang"), encoding="utf-8"
    )
    old.unlink()


def test_a_build_recycling_an_earlier_site_gives_what_a_fresh_build_gives(tmp_path: Path) -> None:
    recycled = _project(tmp_path / "recycled")
    assert build(recycled) == 0 and build(recycled) == 0  # the second leaves the first site as the spare
    assert (recycled / "site.spare" / "produk/rajut-contoh/kardigan/index.html").is_file()
    _rename_kardigan(recycled)
    assert build(recycled) == 0  # recycles the spare: the old kardigan page is there to be removed
    fresh = _project(tmp_path / "fresh")
    _rename_kardigan(fresh)
    assert build(fresh) == 0
    site = tree(recycled / "site")
    assert "produk/rajut-contoh/kardigan-panjang/index.html" in site
    assert not any(
        rel.startswith(("produk/rajut-contoh/kardigan/", "en/produk/rajut-contoh/kardigan/")) for rel in site
    )
    assert site == tree(fresh / "site")
    assert not any(p.name.startswith(".") for p in (recycled / "site").iterdir())


def _pages_not_read(caplog: pytest.LogCaptureFixture) -> list[int]:
    """Return, per language built since the log was cleared, how many shelled pages were not read again."""
    found = re.findall(r"\((\d+) of them not read again", caplog.text)
    caplog.clear()
    return [int(n) for n in found]


def _more_kardigans(root: Path) -> Path:
    """Add two copies of the kardigan (pages of one layout need a third page to be left unread)."""
    source = root / "products/rajut-contoh/kardigan.yml"
    for number in ("dua", "tiga"):
        text = source.read_text(encoding="utf-8").replace("slug: kardigan", f"slug: kardigan-{number}", 1)
        text = text.replace("Kardigan Rajut Wanita", f"Kardigan Rajut {number.title()}")
        (source.parent / f"kardigan-{number}.yml").write_text(text, encoding="utf-8")
    return root


def _no_edit(root: Path) -> None:
    """Change nothing."""


def _edit_footer(root: Path) -> None:
    """Change the theme's footer: every page's HTML changes, none of the generated markdown does."""
    footer = root / "templates/overrides/partials/copyright.html"
    text = footer.read_text(encoding="utf-8")
    footer.write_text(text.replace('class="md-copyright"', 'class="md-copyright et-edited"'), encoding="utf-8")
    assert footer.read_text(encoding="utf-8") != text


def _retitle_notice(root: Path) -> None:
    """Change the site's notice: front matter every page carries, so every page is read and written again."""
    site = root / "catalog/site.yml"
    text = site.read_text(encoding="utf-8")
    edited = text.replace("id: Data ilustratif.", "id: Data ilustratif, baru.").replace(
        "en: Illustrative data.", "en: Illustrative data, new."
    )
    site.write_text(edited, encoding="utf-8")
    assert site.read_text(encoding="utf-8") != text


def test_builds_leaving_pages_unread_give_what_fresh_builds_give(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    """Builds take turns with the site folders (site, spare, staging); a page the last build into a
    folder wrote as this build would is not read again (shells.ShellMemo). After edits of one page,
    of every page's markdown, of the theme, and none, each site is what a fresh build of the same
    records makes."""
    caplog.set_level(logging.INFO)
    recycled = _more_kardigans(_project(tmp_path / "recycled"))
    assert build(recycled) == 0 and build(recycled) == 0
    second = tree(recycled / "site")
    caplog.clear()
    assert build(recycled) == 0  # into the first build's folder: nothing changed since
    assert min(_pages_not_read(caplog)) > 0
    assert tree(recycled / "site") == second
    edits = (_rename_kardigan, _retitle_notice, _edit_footer, _no_edit, _no_edit)
    for step, edit in enumerate(edits):
        edit(recycled)
        caplog.clear()
        assert build(recycled) == 0
        reused = [int(n) for n in re.findall(r"(\d+) page fragments reused", caplog.text)]
        not_read = _pages_not_read(caplog)
        assert len(reused) == 1 and reused[0] > 0  # the live site's Pagefind fragments, linked in
        if step in (1, 2):
            assert not_read == [0, 0]  # every page's front matter, then every page's theme changed
        if step == 4:
            assert min(not_read) > 0  # no edit since the last build into this folder (two builds ago)
        fresh = _more_kardigans(_project(tmp_path / f"fresh{step}"))
        for done in edits[: step + 1]:
            done(fresh)
        assert build(fresh) == 0
        assert tree(recycled / "site") == tree(fresh / "site"), step
    assert not any(p.name.startswith(".") for p in (recycled / "site").iterdir())


def test_sitemap_dates_are_the_data_date(two_builds: tuple[Path, Path]) -> None:
    site = two_builds[0] / "site"
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    dates = set(sitemap.split("<lastmod>")[1:])
    assert {d.split("<", 1)[0] for d in dates} == {NEWEST_LAST_VERIFIED.isoformat()}
    packed = (site / "sitemap.xml.gz").read_bytes()
    (mtime,) = struct.unpack("<I", packed[4:8])  # the gzip header's MTIME field
    assert dt.datetime.fromtimestamp(mtime, dt.UTC).date() == NEWEST_LAST_VERIFIED
    assert gzip.decompress(packed).decode("utf-8") == sitemap


# --- atomic ---------------------------------------------------------------------------------


def _start_build(root: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "etalase", "--root", str(root), "build"]
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def test_a_killed_build_keeps_the_previous_site(tmp_path: Path) -> None:
    root = _project(tmp_path)
    assert build(root) == 0
    before = tree(root / "site")
    # Change a record so that the next site differs, then kill its build half-way.
    product = root / "products/rajut-contoh/kardigan.yml"
    product.write_text(product.read_text(encoding="utf-8").replace("Kardigan Rajut Wanita", "Kardigan Baru"))
    staging = root / "site.staging"
    process = _start_build(root)
    try:
        deadline = time.monotonic() + 120
        while not staging.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.005)
        assert staging.exists(), "the build never wrote its staging folder"
        os.kill(process.pid, signal.SIGKILL)
    finally:
        process.wait(timeout=30)
    assert process.returncode == -signal.SIGKILL
    assert tree(root / "site") == before  # not one byte of the last good site changed
    assert build(root) == 0  # the next build cleans up and succeeds
    assert not staging.exists() and not (root / "site.old").exists()
    page = (root / "site/produk/rajut-contoh/kardigan/index.html").read_text(encoding="utf-8")
    assert "Kardigan Baru" in page


def test_a_search_index_failing_after_the_photos_were_taken_over_gives_them_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from etalase.search import index as search

    root = _project(tmp_path)
    assert build(root) == 0
    before = tree(root / "site")
    finish = search.finish_index
    taken_over: list[bool] = []

    def fail_last_run(run: search.IndexRun) -> search.SearchIndex:
        if run.folder.name == "en":  # the last run: the photos have been taken over meanwhile
            taken_over.append(not (root / "site" / "media").exists())
            finish(run)
            raise search.SearchIndexError("Pagefind failed")
        return finish(run)

    monkeypatch.setattr(search, "finish_index", fail_last_run)
    assert build(root) == 1
    assert taken_over == [True]
    assert tree(root / "site") == before  # the photos are back, not one byte of the last site changed


def test_a_build_killed_after_taking_the_photos_over_gives_them_back_next_time(tmp_path: Path) -> None:
    root = _project(tmp_path)
    assert build(root) == 0
    before = tree(root / "site")
    (root / "site.staging").mkdir()
    (root / "site/media").rename(root / "site.staging/media")  # as if killed before the swap
    product = root / "products/rajut-contoh/kardigan.yml"
    good = product.read_text(encoding="utf-8")
    product.write_text(good.replace("lead_time_days: 14", "lead_time_days: banyak"), encoding="utf-8")
    assert build(root) == 1  # the records are broken: this build stops, yet the photos are back
    assert tree(root / "site") == before
    product.write_text(good, encoding="utf-8")
    assert build(root) == 0 and tree(root / "site") == before and not (root / "site.staging").exists()


def test_a_build_stopped_between_the_renames_puts_the_site_back(tmp_path: Path) -> None:
    root = _project(tmp_path)
    assert build(root) == 0
    before = tree(root / "site")
    (root / "site").rename(root / "site.old")  # as if killed after the first rename of the swap
    product = root / "products/rajut-contoh/kardigan.yml"
    good = product.read_text(encoding="utf-8")
    product.write_text(good.replace("lead_time_days: 14", "lead_time_days: banyak"), encoding="utf-8")
    assert build(root) == 1  # the records are broken: this build stops, yet the site is back
    assert tree(root / "site") == before and not (root / "site.old").exists()
    product.write_text(good, encoding="utf-8")
    assert build(root) == 0
