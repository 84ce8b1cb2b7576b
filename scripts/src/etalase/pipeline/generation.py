"""Every stage up to the docs folder: load → validate → photos → render → write.

``generate`` runs ``check``'s stages, then makes the photos, renders every language and writes
the pages that changed into the docs folder MkDocs builds. The build itself, the search index and
the site swap are the plugin's (``builder/plugin.py``).
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Mapping
from functools import partial
from typing import NamedTuple

from etalase import photos, render
from etalase.incremental import parallel
from etalase.model.catalog import Catalog
from etalase.model.problems import sort_problems
from etalase.photos import ImageSet
from etalase.pipeline.check import check, photo_refs
from etalase.pipeline.run import Outcome, Project, few_collections, timed
from etalase.publish import media, write
from etalase.render import pagecache

log = logging.getLogger("mkdocs.plugins.etalase")

# Smaller catalogues render in one process: processes would still save a little (0.5 s of 1.2 s
# at 71 products, measured), but one process keeps test spies, coverage and debuggers simple.
PARALLEL_MIN_PRODUCTS = 100


def generate(
    project: Project, today: dt.date, *, strict: bool = False, progress: bool = False, jobs: int | None = None
) -> Outcome:
    """Run every stage up to the docs folder; write nothing when the records have problems.

    The languages are rendered and written side by side in ``jobs`` processes (by default
    one per CPU, for a catalogue of ``PARALLEL_MIN_PRODUCTS`` products or more), so the
    ``render`` time includes their writing; ``write`` is the shared files and the removal
    of stale ones.
    """
    # The photo stage checks every photo as ``check_photos`` does (same problems), so it is not done twice.
    outcome = check(project.root, today, cache_dir=project.cache_dir, check_photos=False)
    if outcome.failed(strict) or outcome.catalog is None:
        return outcome
    catalog = outcome.catalog
    with few_collections(), timed(outcome, "images"):
        published = published_photos(project, catalog.site.media_url)
        result = photos.process_photos(
            project.root,
            photo_refs(catalog),
            project.cache_dir,
            photos.sized(**catalog.site.photos.model_dump()),
            progress=progress,
            reuse=project.shortcuts.photo_cache,
            workers=None if project.shortcuts.parallel else 1,
            published=published.keys(),
        )
        outcome.problems = sort_problems([*outcome.problems, *result.problems])
        if outcome.failed(strict):
            return outcome
        media.drop_docs_media(project.docs_dir)  # the hooks link photos from the cache into the site
        outcome.photos_processed, outcome.photos_reused = result.processed, result.reused
        outcome.image_sets = result.sets
        outcome.published = published
    with timed(outcome, "render"):
        makers = pagecache.maker_keys(catalog, result.sets)
        code = pagecache.code_key()
        tasks = [
            partial(_render_language, project, catalog, result.sets, lang, makers, code) for lang in project.languages
        ]
        if not project.shortcuts.parallel or (jobs is None and len(catalog.products) < PARALLEL_MIN_PRODUCTS):
            jobs = 1
        done = parallel.run(tasks, parallel.workers_for(len(tasks), jobs))
    with few_collections(), timed(outcome, "write"):
        assets = render.theme_assets(project.templates_dir)
        shared = write.write_changed(assets, project.docs_dir)
        paths = _disjoint([*(language.paths for language in done), list(assets)])
        outcome.pages_removed = write.remove_stale(project.docs_dir, paths)
    outcome.pages_written = shared.written + sum(language.written for language in done)
    outcome.pages_unchanged = shared.unchanged + sum(language.unchanged for language in done)
    outcome.pages_kept = sum(language.kept for language in done)
    return outcome


def published_photos(project: Project, media_url: str | None) -> dict[str, int]:
    """Return the photo files on the media host as last listed (URL -> bytes): outputs whose files
    are all there need not be made here (``Shortcuts.published_photos``; empty without a host)."""
    if not project.shortcuts.published_photos:
        return {}
    return photos.load_published(project.cache_dir, media_url)


class _Written(NamedTuple):
    """What rendering one language wrote: counts and the docs-relative paths of its pages."""

    written: int
    unchanged: int  # the pages rendered as they were, and those not rendered at all (``kept``)
    kept: int
    paths: list[str]


def _render_language(
    project: Project,
    catalog: Catalog,
    sets: Mapping[tuple[str, str], ImageSet],
    lang: str,
    makers: Mapping[str, str],
    code: str,
) -> _Written:
    """Render the pages of ``lang`` (without the theme assets) and write the changed ones into the docs folder.

    Product and IKM pages whose key (``makers``: each maker's group key, ``code``: the code's;
    see pagecache.py) is the one recorded when their file was written are not rendered again.
    """
    prefix = render.language_prefix(lang)
    shared = pagecache.shared_key(
        catalog, project.templates_dir, lang=lang, site_url=project.site_url, prefix=prefix, code=code
    )
    keys = pagecache.page_keys(catalog, makers, shared, prefix)
    manifest = pagecache.manifest(project.page_cache_dir, lang, project.docs_dir)
    kept = pagecache.unchanged_pages(manifest, keys, project.docs_dir) if project.shortcuts.render_cache else set()
    pages = render.language_pages(
        catalog,
        sets,
        project.templates_dir,
        lang=lang,
        site_url=project.site_url,
        pages_dir=project.pages_dir,
        prefix=prefix,
        keep=kept,
    )
    report = write.write_changed(pages, project.docs_dir)
    pagecache.save(manifest, keys, project.docs_dir)
    return _Written(report.written, report.unchanged + len(kept), len(kept), [*pages, *sorted(kept)])


def _disjoint(groups: list[list[str]]) -> list[str]:
    """Return the paths of every group; raise ``ValueError`` when two groups hold the same path.

    Each language writes its own pages, so two languages (or a language and the theme
    assets) rendering the same file would overwrite each other.
    """
    seen: set[str] = set()
    for group in groups:
        clash = seen.intersection(group)
        if clash:
            raise ValueError(f"two languages render the same page: {', '.join(sorted(clash)[:5])}")
        seen.update(group)
    return sorted(seen)
