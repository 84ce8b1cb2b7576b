"""The site's files that are not pages: JSON Schemas, Leaflet, open data, the shortlist's maker
files and the photos.

They are written by a second process (``start``) while MkDocs builds the base language's pages
on one core, and waited for before the site is indexed (``wait``). A one-off build that replaces
a live site takes that site's photo folder over near its end instead of linking every photo
again (``take_over_media``), and gives it back if it fails afterwards (``give_back_media``).
"""

from __future__ import annotations

import logging
import shutil
from pathlib import Path

from etalase.builder.state import BuildState
from etalase.incremental import parallel, sitedir
from etalase.photos.refs import MEDIA
from etalase.publish import media
from etalase.render import mapdata, opendata, shortlist

log = logging.getLogger("mkdocs.plugins.etalase")


def start(state: BuildState) -> None:
    """Start writing the files that are not pages into the site folder, in a second process when
    the shortcuts allow it (else here, now); ``wait`` collects the result."""
    project, outcome, site_dir = state.project, state.outcome, state.site_dir
    photos = media.media_urls(outcome.image_sets.values())
    in_site = media.media_host_dir(project.root, outcome.catalog) is None
    final = state.replaced_site
    # A staged build takes the last site's photos over at its end (see take_over_media).
    later = in_site and final is not None and state.shortcuts.site_recycling and (final / MEDIA).is_dir()
    state.take_over_media = later

    def write() -> bool:  # returns whether Leaflet was there to copy
        publish_schemas(project.root, site_dir)
        leaflet = bool(mapdata.publish_leaflet(project.root, site_dir))
        publish_open_data(state)
        publish_shortlist_files(state)
        if in_site and not later:  # links into the new site only: a failed index leaves the old one whole
            media.publish_media(project.cache_dir, photos, site_dir)
        return leaflet

    stop(state)
    state.site_files = parallel.start(write, here=not state.shortcuts.parallel)


def wait(state: BuildState) -> None:
    """Wait for the files ``start`` writes (writing them now if it was not called)."""
    if state.site_files is None:
        start(state)
    started, state.site_files = state.site_files, None
    assert started is not None
    if not started.result():
        log.info(mapdata.missing_leaflet_message(state.project.root))


def stop(state: BuildState) -> None:
    """Stop writing the files that are not pages, if that is under way."""
    started, state.site_files = state.site_files, None
    if started is not None:
        started.stop()


def take_over_media(state: BuildState) -> None:
    """Move the last site's photos into the site folder and change only what changed there, when
    ``start`` left them for now. Late in the build, so that the last site loses them only for the
    moment before the swap; ``give_back_media`` (or, after a crash, the next build's
    ``sitedir.recover``) gives them back."""
    if not state.take_over_media:
        return
    state.take_over_media = False
    assert state.final_site is not None
    if sitedir.move_folder(state.final_site, state.site_dir, MEDIA):
        state.media_taken_from = state.final_site
    urls = media.media_urls(state.outcome.image_sets.values())
    media.publish_media(state.project.cache_dir, urls, state.site_dir)


def give_back_media(state: BuildState) -> None:
    """Give the photos ``take_over_media`` moved back to the last site, if the build failed after it."""
    state.take_over_media = False
    taken_from, state.media_taken_from = state.media_taken_from, None
    if taken_from is not None:
        sitedir.move_folder(state.site_dir, taken_from, MEDIA)


def publish_open_data(state: BuildState) -> list[Path]:
    """Write the open data files (``data/catalogue.json`` and the CSVs) into the site being built."""
    catalog, project = state.outcome.catalog, state.project
    if catalog is None:
        return []
    links = opendata.links_for(catalog, project.site_url, project.languages)
    return opendata.publish(state.site_dir, opendata.data_files(catalog, state.outcome.image_sets, links))


def publish_shortlist_files(state: BuildState) -> list[Path]:
    """Write the shortlist's file of every maker (``daftar/<ikm>.json``) into the site being built."""
    catalog, project = state.outcome.catalog, state.project
    if catalog is None:
        return []
    files = shortlist.maker_files(catalog, state.outcome.image_sets, project.templates_dir, project.languages)
    return shortlist.publish(state.site_dir, files)


def publish_schemas(root: Path, site_dir: Path) -> list[Path]:
    """Copy ``catalog/schema/*.schema.json`` to ``site_dir/schema/`` so editors can fetch them by URL."""
    target = site_dir / "schema"
    copied = []
    for source in sorted((root / "catalog" / "schema").glob("*.schema.json")):
        target.mkdir(parents=True, exist_ok=True)
        copied.append(Path(shutil.copyfile(source, target / source.name)))
    return copied
