"""The sentra map: Leaflet shipped from npm (``etalase.mapdata``), its page, its browser behaviour.

Unit tests of finding and publishing Leaflet and of the directions link; the built sample: the
directory carries one marker's data per sentra, loads Leaflet from the site, allows OpenStreetMap
tiles in its policy (and no other page does), and every sentra has a directions link; a build
without Leaflet keeps the plain list. In Chromium (tiles answered locally, never the network):
11 markers, tiles asked of tile.openstreetmap.org, a popup leading to the sentra page, the page
scrolling over the map on a phone, and the list without JavaScript. Screenshots at 390 and 1280 px.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from conftest import ARTIFACTS, REPO, TILE_ORIGIN, TILE_PNG, make_mini_project
from etalase.render import mapdata
from sitecheck import build, copy_project

SENTRA_COUNT = 11  # the sample catalogue's sentra


def _fake_leaflet(root: Path, version: str = mapdata.LEAFLET_VERSION) -> Path:
    package = root / mapdata.LEAFLET_PACKAGE
    (package / "dist/images").mkdir(parents=True)
    (package / "package.json").write_text(json.dumps({"name": "leaflet", "version": version}), encoding="utf-8")
    for name in ("leaflet.js", "leaflet.css", "leaflet.js.map", "images/marker-icon.png"):
        (package / "dist" / name).write_text(name, encoding="utf-8")
    return package / "dist"


def test_leaflet_is_found_only_at_the_pinned_version(tmp_path: Path) -> None:
    assert mapdata.leaflet_dist(tmp_path) is None
    dist = _fake_leaflet(tmp_path / "ok")
    assert mapdata.leaflet_dist(tmp_path / "ok") == dist
    _fake_leaflet(tmp_path / "old", "1.7.1")
    assert mapdata.leaflet_dist(tmp_path / "old") is None
    assert "scripts/dev vendor" in mapdata.missing_leaflet_message(tmp_path)


def test_publishing_copies_the_script_style_and_icons_only(tmp_path: Path) -> None:
    _fake_leaflet(tmp_path / "project")
    written = mapdata.publish_leaflet(tmp_path / "project", tmp_path / "site")
    target = tmp_path / "site" / mapdata.VENDOR_DIR
    assert sorted(p.relative_to(target).as_posix() for p in written) == [
        "images/marker-icon.png",
        "leaflet.css",
        "leaflet.js",
    ]
    assert mapdata.publish_leaflet(tmp_path / "nothing", tmp_path / "site2") == []
    assert not (tmp_path / "site2").exists()


def test_the_directions_link_goes_to_the_point() -> None:
    assert mapdata.directions_href(-6.9175, 107.6191) == (
        "https://www.google.com/maps/dir/?api=1&destination=-6.91750,107.61910"
    )


def test_the_repo_has_the_pinned_leaflet_installed() -> None:
    assert mapdata.leaflet_dist(REPO) is not None, "run scripts/dev vendor (npm install leaflet@1.9.4 into .tools)"


# --- the built sample site -------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_directory_carries_the_map_and_its_data(sample_site: Path, prefix: str) -> None:
    site = sample_site / "site"
    html = (site / prefix / "sentra/index.html").read_text(encoding="utf-8")
    places = re.findall(r'<li class="et-card" data-lat="(-?[0-9.]+)" data-lon="([0-9.]+)">', html)
    assert len(places) == SENTRA_COUNT
    assert html.count("www.google.com/maps/dir/?api=1&amp;destination=") == SENTRA_COUNT
    assert "data-et-map" in html and "tile.openstreetmap.org/{z}/{x}/{y}.png" in html
    for asset in ("assets/vendor/leaflet/leaflet.js", "assets/vendor/leaflet/leaflet.css", "assets/map.js"):
        assert (site / asset).is_file(), asset
    up = "../" * (1 + prefix.count("/"))
    assert f'data-leaflet="{up}assets/vendor/leaflet/leaflet.js"' in html
    assert f'href="{up}assets/vendor/leaflet/leaflet.css"' in html
    assert (site / "assets/vendor/leaflet/images/marker-icon.png").is_file()
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)[1]
    assert "img-src 'self' data: https://tile.openstreetmap.org;" in policy
    body = html.split('<div class="et ', 1)[1].split("</article>", 1)[0]
    assert "<script" not in body  # map.js (every page's) loads Leaflet; nothing inline


@pytest.mark.slow
def test_only_the_map_pages_allow_the_tiles(sample_site: Path) -> None:
    site = sample_site / "site"
    allowing = sorted(
        p.relative_to(site).as_posix() for p in site.rglob("*.html") if TILE_ORIGIN in p.read_text(encoding="utf-8")
    )
    assert allowing == ["en/sentra/index.html", "sentra/index.html"]


@pytest.mark.slow
def test_every_sentra_page_has_directions_and_keeps_the_osm_link(sample_site: Path) -> None:
    pages = sorted((sample_site / "site/sentra").glob("*/index.html"))
    assert len(pages) == SENTRA_COUNT
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert re.search(r'href="https://www\.google\.com/maps/dir/\?api=1&amp;destination=-?[0-9.]+,[0-9.]+"', html)
        assert "Petunjuk arah" in html and "https://www.openstreetmap.org/?mlat=" in html


@pytest.mark.slow
def test_without_leaflet_the_directory_is_the_plain_list(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "project", data_from=make_mini_project(tmp_path / "data"))
    if (root / ".tools").exists():
        import shutil

        shutil.rmtree(root / ".tools")
    assert build(root) == 0
    html = (root / "site/sentra/index.html").read_text(encoding="utf-8")
    assert "data-et-map" not in html and "leaflet" not in html and TILE_ORIGIN not in html
    assert "www.google.com/maps/dir/" in html and 'class="et-card"' in html
    assert not (root / "site" / mapdata.VENDOR_DIR).exists()


# --- in Chromium -----------------------------------------------------------------------------


def _record_tiles(page: Any) -> list[str]:
    requested: list[str] = []

    def tile(route: Any) -> None:
        requested.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=TILE_PNG)

    page.route(f"{TILE_ORIGIN}/**", tile)
    return requested


@pytest.mark.slow
@pytest.mark.browser
def test_the_map_shows_every_sentra_and_links_to_it(page: Any, sample_url: str) -> None:
    tiles = _record_tiles(page)
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(sample_url + "sentra/")
    markers = page.locator(".et-map .leaflet-marker-icon")
    markers.first.wait_for()
    assert markers.count() == SENTRA_COUNT
    page.wait_for_load_state("networkidle")
    assert tiles and all(re.fullmatch(rf"{TILE_ORIGIN}/\d+/\d+/\d+\.png", url) for url in tiles)
    assert page.locator(".leaflet-control-attribution a[href='https://www.openstreetmap.org/copyright']").count() == 1
    marker = page.locator(".et-map .leaflet-marker-icon[title='Sentra Rajut Binong Jati']")
    marker.click()
    link = page.locator(".leaflet-popup-content a")
    link.wait_for()
    assert "Sentra Rajut Binong Jati" in page.locator(".leaflet-popup-content").inner_text()
    (ARTIFACTS / "screenshots").mkdir(parents=True, exist_ok=True)
    page.wait_for_timeout(500)  # the popup's fade-in
    page.screenshot(path=str(ARTIFACTS / "screenshots/sentra-map-1280.png"))
    link.click()
    page.wait_for_url("**/sentra/binong-jati/")
    assert page.locator("h1").inner_text() == "Sentra Rajut Binong Jati"
    assert errors == []


@pytest.mark.slow
@pytest.mark.browser
def test_on_a_phone_the_page_scrolls_over_the_map(browser: Any, sample_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    context.route(f"{TILE_ORIGIN}/**", lambda route: route.fulfill(status=200, content_type="image/png", body=TILE_PNG))
    page = context.new_page()
    page.goto(sample_url + "en/sentra/")
    page.locator(".et-map .leaflet-marker-icon").first.wait_for()
    assert page.locator(".et-map .leaflet-marker-icon").count() == SENTRA_COUNT
    box = page.locator(".et-map").bounding_box()
    assert 250 <= box["height"] <= 420 and box["width"] <= 390
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    zoom = page.locator(".et-map .leaflet-tile-container").first.get_attribute("style")
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, 500)
    page.wait_for_timeout(400)
    assert page.evaluate("window.scrollY") > 0  # the wheel scrolled the page, not the map
    assert page.locator(".et-map .leaflet-tile-container").first.get_attribute("style") == zoom
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(ARTIFACTS / "screenshots/sentra-map-390.png"), full_page=False)
    context.close()


@pytest.mark.slow
@pytest.mark.browser
def test_without_javascript_the_list_is_the_directory(browser: Any, sample_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    context.route(f"{TILE_ORIGIN}/**", lambda route: route.abort())
    page = context.new_page()
    page.goto(sample_url + "sentra/")
    assert not page.locator("[data-et-map]").is_visible()
    assert page.locator("li.et-card[data-lat]").count() == SENTRA_COUNT
    assert page.locator("a.et-card__link").count() == SENTRA_COUNT
    assert page.locator(".et-card__directions a").count() == SENTRA_COUNT
    context.close()
