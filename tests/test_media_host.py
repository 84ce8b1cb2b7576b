"""site.yml's ``media_url``: photos published on a host of their own, so a large site fits GitHub Pages."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from conftest import TODAY, draw_photo
from etalase.check.validate import validate_catalog
from etalase.photos import save_published
from etalase.publish.media import MissingPhotosError, media_origin, publish_for_host, site_photos
from etalase.source.load import load_records
from sitecheck import broken_links, build, copy_project, links_of

MEDIA_URL = "https://foto.example.org/etalase/"


def _with_media_url(root: Path, url: str) -> None:
    site_yml = root / "catalog" / "site.yml"
    site_yml.write_text(site_yml.read_text(encoding="utf-8") + f"media_url: {url}\n", encoding="utf-8")


def test_media_origin_is_scheme_and_host() -> None:
    assert media_origin(MEDIA_URL) == "https://foto.example.org"
    assert media_origin(None) == ""


def test_media_url_must_be_an_https_folder(mini_project: Path) -> None:
    for bad in ("http://foto.example.org/", "https://foto.example.org/etalase", "https://x.org/a?b=/"):
        site_yml = mini_project / "catalog" / "site.yml"
        original = site_yml.read_text(encoding="utf-8")
        _with_media_url(mini_project, bad)
        records, problems = load_records(mini_project)
        problems += validate_catalog(records, TODAY)[1]
        site_yml.write_text(original, encoding="utf-8")
        assert [p.field for p in problems] == ["media_url"], bad
        assert problems[0].path.endswith("catalog/site.yml")


def test_photos_go_to_the_media_host_and_the_site_keeps_none(tmp_path: Path, mini_project: Path) -> None:
    root = copy_project(tmp_path / "site-project", data_from=mini_project)
    _with_media_url(root, MEDIA_URL)
    assert build(root) == 0
    site, media_site = root / "site", root / "build" / "media-site"
    assert not (site / "media").exists()
    published = {p.relative_to(media_site).as_posix() for p in (media_site / "media").rglob("*") if p.is_file()}
    assert published

    photo_urls: set[str] = set()
    pages = list(site.rglob("*.html"))
    for page in pages:
        html = page.read_text(encoding="utf-8")
        photo_urls.update(url for tag, url in links_of(html) if tag == "img")
        photo_urls.update(re.findall(r'data-(?:src|sl-thumb)="([^"]+)"', html))  # search and shortlist thumbnails
        tiles = " https://tile.openstreetmap.org" if page.parent.name == "sentra" and page.name == "index.html" else ""
        assert f"img-src 'self' data: https://foto.example.org{tiles};" in html, page  # the sentra map's tiles
    assert photo_urls
    for url in photo_urls:
        assert url.startswith(MEDIA_URL + "media/"), url
        assert url.removeprefix(MEDIA_URL) in published, url

    product = (site / "produk" / "rajut-contoh" / "kardigan" / "index.html").read_text(encoding="utf-8")
    og_image = re.search(r'<meta property="og:image" content="([^"]+)"', product)
    assert og_image and og_image.group(1).startswith(MEDIA_URL + "media/")
    assert og_image.group(1).removeprefix(MEDIA_URL) in published
    assert broken_links(site) == []


def test_without_media_url_photos_stay_in_the_site(tmp_path: Path, mini_project: Path) -> None:
    root = copy_project(tmp_path / "site-project", data_from=mini_project)
    assert build(root) == 0
    assert any((root / "site" / "media").rglob("*.webp"))
    assert not (root / "build" / "media-site").exists()
    home = (root / "site" / "index.html").read_text(encoding="utf-8")
    assert "img-src 'self' data:;" in home


def _site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def _outputs(cache: Path) -> set[str]:
    """Return the photo files (not the index's meta.json) in the photo cache, by URL."""
    return {
        p.relative_to(cache).as_posix() for p in (cache / "media").rglob("*") if p.is_file() and p.name != "meta.json"
    }


def _fresh_runner(root: Path, on_host: dict[str, int]) -> None:
    """Leave ``root`` as a CI runner finds it: a checkout, the photo cache's index restored
    (manifest.json and the meta.json files), and the listing ``etalase media list`` writes."""
    cache = root / "build" / "cache" / "images"
    for rel in _outputs(cache):
        (cache / rel).unlink()
    for rel in ("site", "build/docs", "build/media-site", "build/cache/pages", "build/cache/shells"):
        shutil.rmtree(root / rel, ignore_errors=True)
    (root / "build" / "docs").mkdir()
    save_published(cache, MEDIA_URL, on_host)


def test_a_runner_with_only_the_photo_index_makes_only_new_photos(tmp_path: Path, mini_project: Path) -> None:
    """Shortcuts.published_photos: photos on the host are taken as made; the site is the same."""
    root = copy_project(tmp_path / "site-project", data_from=mini_project)
    _with_media_url(root, MEDIA_URL)
    assert build(root) == 0
    cache, host = root / "build" / "cache" / "images", root / "build" / "media-site"
    first = _site_files(root / "site")
    uploaded = {p.relative_to(host).as_posix(): p.stat().st_size for p in (host / "media").rglob("*") if p.is_file()}
    assert site_photos(host) == sorted(uploaded)  # the build lists every photo the site uses

    _fresh_runner(root, uploaded)
    assert build(root) == 0
    assert _site_files(root / "site") == first  # byte for byte, from the index and the host's listing
    assert _outputs(cache) == set() and not (host / "media").exists()  # no photo made again, none to upload
    assert site_photos(host) == sorted(uploaded)  # still every photo: `media upload` records the whole site

    # one photo edited: its files alone are made, and only they wait in the host folder for the upload
    photo = root / "products" / "rajut-contoh" / "kardigan-1.jpg"
    draw_photo(photo, (900, 700), seed=99)
    _fresh_runner(root, uploaded)
    assert build(root) == 0
    made = _outputs(cache)
    in_host_folder = {p.relative_to(host).as_posix() for p in (host / "media").rglob("*") if p.is_file()}
    assert made and made == in_host_folder and not made & uploaded.keys()
    assert set(site_photos(host) or []) - uploaded.keys() == made

    # the same site as a build that redoes everything
    assert build(root, "--no-shortcuts") == 0
    rebuilt = _site_files(root / "site")
    _fresh_runner(root, uploaded)
    assert build(root) == 0
    assert _site_files(root / "site") == rebuilt


def test_a_photo_neither_built_nor_on_the_host_stops_the_build(tmp_path: Path, mini_project: Path) -> None:
    """A listing that names a photo the host lost later makes the build make it again, never a hole."""
    root = copy_project(tmp_path / "site-project", data_from=mini_project)
    _with_media_url(root, MEDIA_URL)
    assert build(root) == 0
    host = root / "build" / "media-site"
    uploaded = {p.relative_to(host).as_posix(): p.stat().st_size for p in (host / "media").rglob("*") if p.is_file()}
    lost = sorted(uploaded)[0]
    _fresh_runner(root, {k: v for k, v in uploaded.items() if k != lost})
    assert build(root) == 0
    assert lost in {p.relative_to(host).as_posix() for p in (host / "media").rglob("*") if p.is_file()}
    with pytest.raises(MissingPhotosError):
        publish_for_host(root / "build" / "cache" / "images", [*uploaded, "media/000000000000/480.webp"], host, {})
