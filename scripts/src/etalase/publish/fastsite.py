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

import html
import logging
import os
import re
import shutil
from collections.abc import Iterable
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from etalase.model.catalog import Catalog
from etalase.photos import ImageSet
from etalase.publish import write

MEDIA = "media"
MEDIA_SITE = "media-site"  # build output: the photos, for a separate host (site.yml's media_url)
_RAW_PAGE_START = '<div class="et '
_DIV_TAG = re.compile(r"<(/?)div\b", re.IGNORECASE)
_OPAQUE = re.compile(r"<!--.*?-->|<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<([a-zA-Z][^\s/>]*)((?:\s+[^\s>]*?(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)\s*/?>")
_ATTRIBUTE = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")


def raw_html_body(markdown: str) -> str | None:
    """Return the HTML Python-Markdown would make of ``markdown`` when it is one raw ``<div>``
    block of a generated page (the block itself), else ``None``.

    The block must start with ``<div class="et ``, hold no blank line and close its first
    ``<div>`` only at its very end; record text inside it is escaped by the render stage, so
    every ``<div`` in it is a tag.
    """
    body = markdown.strip("\n")
    if not body.startswith(_RAW_PAGE_START) or not body.endswith("</div>") or "\n\n" in body or "\r" in body:
        return None
    depth = 0
    for match in _DIV_TAG.finditer(body):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return body if match.start() == len(body) - len("</div>") else None
    return None


def anchor_ids(body: str) -> set[str]:
    """Return the ``id`` values (and ``name`` of ``<a>``) in ``body``, as MkDocs collects them."""
    found = set()
    for tag in _TAG.finditer(_OPAQUE.sub("", body)):
        name = tag.group(1).lower()
        for attribute in _ATTRIBUTE.finditer(tag.group(2)):
            key = attribute.group(1).lower()
            if key == "id" or (key == "name" and name == "a"):
                value = next((v for v in attribute.group(2, 3, 4) if v is not None), None)
                if value is not None:
                    found.add(html.unescape(value))
    return found


def skip_markdown(page: Page, body: str) -> None:
    """Make ``page.render`` give ``page`` what MkDocs' own would for a body of one raw HTML block:
    the block as its content, no table of contents, no title from the body, its anchors."""

    def render(config: object, files: object) -> None:
        page.content = page.markdown = body  # one string, not two, per page kept until the build ends
        page.toc = get_toc([])
        page._title_from_render = None
        page.present_anchor_ids = anchor_ids(body)
        if logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = {}

    page.render = render  # type: ignore[method-assign]


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
