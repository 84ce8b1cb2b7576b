"""site.yml's ``media_url``: photos published on a host of their own, so a large site fits GitHub Pages."""

from __future__ import annotations

import re
from pathlib import Path

from conftest import TODAY
from etalase.check.validate import validate_catalog
from etalase.publish.media import media_origin
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
