"""The sentra map: Leaflet shipped with the site, OpenStreetMap tiles, directions links.

Leaflet comes from its npm package (``scripts/dev`` installs ``leaflet@1.9.4`` into the
gitignored ``.tools/``), never from a CDN: the site's Content-Security-Policy allows only its
own scripts. ``publish_leaflet`` copies Leaflet's ``dist`` files into the built site
(``assets/vendor/leaflet/``, called from the hooks after the build); the render stage asks
``leaflet_dist`` whether it is there and draws the map only then. Without Leaflet the sentra
directory is the plain list it always was, and the build says so in one line.

The markers come from the list itself: every sentra entry of the directory carries its
coordinates as ``data-lat`` / ``data-lon`` (``templates/assets/map.js`` reads them), so the map
and the list cannot disagree and nothing runs inline.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

LEAFLET_VERSION = "1.9.4"  # the version scripts/dev installs and this module expects
LEAFLET_PACKAGE = Path(".tools/node_modules/leaflet")  # relative to the project root
VENDOR_DIR = "assets/vendor/leaflet"  # where the built site serves Leaflet's files
TILE_ORIGIN = "https://tile.openstreetmap.org"  # the one other origin the map page may load (img-src)
LEAFLET_FILES = ("leaflet.js", "leaflet.css")  # plus the images/ folder (marker and layer icons)


def leaflet_dist(root: Path) -> Path | None:
    """Return the ``dist`` folder of the project's Leaflet when it is the expected version, else ``None``.

    Reads ``<root>/.tools/node_modules/leaflet/package.json`` and checks that the files the
    site needs are there.
    """
    package = root / LEAFLET_PACKAGE
    try:
        version = json.loads((package / "package.json").read_text(encoding="utf-8")).get("version")
    except (OSError, ValueError):
        return None
    dist = package / "dist"
    if version != LEAFLET_VERSION or not all((dist / name).is_file() for name in LEAFLET_FILES):
        return None
    return dist


def missing_leaflet_message(root: Path) -> str:
    """Return the one line the build logs when Leaflet is not installed in ``root``."""
    return (
        f"Sentra map left out: Leaflet {LEAFLET_VERSION} is not in {root / LEAFLET_PACKAGE} "
        "(run `scripts/dev vendor`); the sentra directory shows its plain list"
    )


def publish_leaflet(root: Path, site_dir: Path) -> list[Path]:
    """Copy Leaflet's script, style sheet and icons into ``site_dir/assets/vendor/leaflet``.

    Returns the files written (none when Leaflet is not installed). Source maps and the ESM
    build are left out: the page loads only ``leaflet.js`` and ``leaflet.css``.
    """
    dist = leaflet_dist(root)
    if dist is None:
        return []
    target = site_dir / VENDOR_DIR
    written = []
    sources = [dist / name for name in LEAFLET_FILES]
    sources += sorted(p for p in (dist / "images").glob("*.png") if p.is_file())
    for source in sources:
        dest = target / source.relative_to(dist)
        dest.parent.mkdir(parents=True, exist_ok=True)
        written.append(Path(shutil.copyfile(source, dest)))
    return written


def directions_href(lat: float, lon: float) -> str:
    """Return a Google Maps directions link to the point (the app most Indonesian buyers use)."""
    return f"https://www.google.com/maps/dir/?api=1&destination={lat:.5f},{lon:.5f}"


def template_globals(root: Path) -> dict[str, object]:
    """Return what the templates need for the map: whether Leaflet ships and the directions link."""
    return {"leaflet_ready": leaflet_dist(root) is not None, "directions_href": directions_href}
