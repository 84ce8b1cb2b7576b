"""Build-speed helpers for the MkDocs hooks: work MkDocs would do that changes nothing.

- **Raw HTML pages skip Python-Markdown.** A generated page's body is one raw HTML block
  (``<div class="et …">…</div>``, see ``templates/partials/layout.md.j2``). MkDocs builds a
  Markdown converter for every page and parses such a block twice with an HTML parser
  (once for its anchors, once to stash it) only to hand it back unchanged: the largest cost
  of building a page. ``raw_html_body`` recognises exactly such bodies and ``skip_markdown``
  gives the page what ``Page.render`` would have given it (``tests/test_speed.py`` compares
  every page of the sample, content, anchors and all).
- **Photos go from the cache straight into the site, as hard links.** They are not put in
  the docs folder, where MkDocs (and the i18n plugin, once per language) would list every
  one and copy it into every new site. ``publish_media`` links them instead (the hooks do it
  while Pagefind indexes), and keeps a folder kept between builds up to date in place.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Container, Iterable
from pathlib import Path
from urllib.parse import urlsplit

from etalase.incremental.store import atomic_write
from etalase.model.catalog import Catalog
from etalase.photos import ImageSet
from etalase.photos.refs import MEDIA
from etalase.publish import write

MEDIA_SITE = "media-site"  # build output: the photos, for a separate host (site.yml's media_url)
SITE_PHOTOS = "photos.json"  # in MEDIA_SITE: every photo file the site uses (its URLs), for `media upload`


class MissingPhotosError(Exception):
    """Photos the site uses are neither made here nor on the media host."""


def is_media(src_uri: str) -> bool:
    """Return whether a docs file is a processed photo (published by ``publish_media``)."""
    return src_uri.startswith(f"{MEDIA}/")


def media_urls(sets: Iterable[ImageSet]) -> set[str]:
    """Return the site-relative URL of every file of ``sets`` (``media/<key>/<name>``)."""
    return {variant.url for image_set in sets for variant in image_set.files}


def drop_docs_media(docs_dir: Path) -> None:
    """Remove ``docs_dir/media``, where photos were published before they went straight to the site."""
    shutil.rmtree(docs_dir / MEDIA, ignore_errors=True)


def _same(source: os.stat_result, target: Path) -> bool:
    """Return whether ``target`` is ``source`` (the same inode) or a copy of it (size and mtime)."""
    try:
        info = target.stat()
    except OSError:
        return False
    if (info.st_dev, info.st_ino) == (source.st_dev, source.st_ino):
        return True
    return info.st_size == source.st_size and info.st_mtime_ns == source.st_mtime_ns


def _link(source: Path, target: Path) -> None:
    """Put ``source`` at ``target``: a hard link, or a copy (with its mtime) across file systems."""
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    try:
        os.link(source, tmp)
    except OSError:
        shutil.copy2(source, tmp)
    os.replace(tmp, target)


def media_origin(media_url: str | None) -> str:
    """Return the ``https://host`` part of site.yml's ``media_url`` for the CSP (empty without one)."""
    if not media_url:
        return ""
    parts = urlsplit(media_url)
    return f"{parts.scheme}://{parts.netloc}"


def media_host_dir(root: Path, catalog: Catalog | None) -> Path | None:
    """Return where photos go when site.yml names a ``media_url`` (``root/build/media-site``), else None.

    That folder is uploaded to the ``media_url`` host; the site itself then holds no photos,
    which keeps a large catalogue under GitHub Pages' 1 GB.
    """
    if catalog is None or not catalog.site.media_url:
        return None
    return root / "build" / MEDIA_SITE


def publish_media(source_dir: Path, urls: Iterable[str], site_dir: Path) -> int:
    """Make ``site_dir/media`` hold exactly the files ``urls`` name, taken from ``source_dir``
    (the photo cache, laid out as published); return the number of files written.

    Files already there (the same inode, or a copy of the same size and mtime) are left alone
    and files no longer named are removed, so a folder kept between builds (site.yml's
    ``media_url`` host folder) changes only where the photos did.
    """
    wanted = set(urls)
    if wanted and not (site_dir / MEDIA).exists():
        return _publish_into_new_folder(source_dir, wanted, site_dir)
    written = 0
    made: set[Path] = set()
    for rel in sorted(wanted):
        source, target = source_dir / rel, site_dir / rel
        if _same(source.stat(), target):
            continue
        if target.parent not in made:
            target.parent.mkdir(parents=True, exist_ok=True)
            made.add(target.parent)
        _link(source, target)
        written += 1
    _remove_unused(site_dir, wanted)
    return written


def _publish_into_new_folder(source_dir: Path, wanted: set[str], site_dir: Path) -> int:
    """Link (or copy) every file of ``wanted`` into ``site_dir``, which has no photos folder yet;
    return how many. Nothing there to compare or replace: one system call a file, on path strings
    (a new site of 5,000 products takes 37,000 photo files in 21,000 folders)."""
    source_root, target_root = str(source_dir), str(site_dir)
    made: set[str] = set()
    for rel in sorted(wanted):
        source, target = os.path.join(source_root, rel), os.path.join(target_root, rel)
        folder = os.path.dirname(target)
        if folder not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(folder)
        try:
            os.link(source, target)
        except OSError:  # another file system
            shutil.copy2(source, target)
    return len(wanted)


def _remove_unused(site_dir: Path, wanted: set[str]) -> None:
    """Delete files under ``site_dir/media`` that are not in ``wanted`` (site-relative URLs), then
    empty folders, and the photos folder itself when nothing is left in it."""
    write.remove_unlisted(site_dir / MEDIA, {os.path.join(site_dir, rel) for rel in wanted}, and_root=True)


def publish_for_host(cache_dir: Path, urls: Iterable[str], host_dir: Path, published: Container[str]) -> int:
    """Put the photos for the media host into ``host_dir`` and list every photo the site uses.

    ``host_dir/media`` gets the files of ``urls`` that are in ``cache_dir`` (``publish_media``);
    the others must be on the host already (``published``: the outputs a build took as made
    because their files are there). ``host_dir/photos.json`` names every file of ``urls``, so
    that ``etalase media upload`` records the whole site's photos, not only the new ones.
    Return the number of files written; raise ``MissingPhotosError`` naming files in neither place.
    """
    wanted = set(urls)
    local = {url for url in wanted if os.path.isfile(os.path.join(cache_dir, url))}
    missing = sorted(wanted - local - set(published))
    if missing:
        raise MissingPhotosError(f"{len(missing)} photo files are neither built nor on the media host: {missing[:3]}")
    written = publish_media(cache_dir, local, host_dir)
    listing = json.dumps({"files": sorted(wanted)}, separators=(",", ":")).encode("utf-8")
    atomic_write(host_dir / SITE_PHOTOS, listing)
    return written


def site_photos(host_dir: Path) -> list[str] | None:
    """Return the photo files the last build's site uses (``publish_for_host``), or None without a list."""
    try:
        files = json.loads((host_dir / SITE_PHOTOS).read_text(encoding="utf-8"))["files"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return [str(name) for name in files] if isinstance(files, list) else None
