"""The pipeline, stage by stage: load → validate → images → render → write.

``check`` runs the stages that find problems; ``generate`` runs them all and fills the
docs folder that MkDocs builds. The search index and the site swap happen in ``build``.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import NamedTuple

from etalase import photos, render
from etalase.check import validate
from etalase.incremental import parallel
from etalase.incremental.shortcuts import Shortcuts
from etalase.model.catalog import Catalog
from etalase.model.problems import Problem, Severity, sort_problems
from etalase.photos import ImageSet, PhotoRef, ShareCardText
from etalase.publish import media, write
from etalase.render import pagecache
from etalase.source import load

log = logging.getLogger("mkdocs.plugins.etalase")

GC_THRESHOLD = 10_000  # allocations between two runs of the cycle collector while loading (see _few_collections)
# Smaller catalogues render in one process: processes would still save a little (0.5 s of 1.2 s
# at 71 products, measured), but one process keeps test spies, coverage and debuggers simple.
PARALLEL_MIN_PRODUCTS = 100


@dataclass(frozen=True)
class Project:
    """Where a catalogue project keeps its records, templates and build output."""

    root: Path
    docs_dir: Path
    site_url: str = ""
    # Languages rendered into docs_dir: the base language at its root, each other under <lang>/
    # (mkdocs-static-i18n's folder structure; the hooks take them from mkdocs.yml, see languages.py).
    languages: tuple[str, ...] = (render.BASE_LANG, "en")
    shortcuts: Shortcuts = field(default_factory=Shortcuts.on)  # the one switch: Shortcuts.off() redoes everything

    @property
    def templates_dir(self) -> Path:
        """Return the folder of page templates, translation tables and theme overrides."""
        return self.root / "templates"

    @property
    def pages_dir(self) -> Path:
        """Return the folder of hand-written pages (about text)."""
        return self.root / "catalog" / "pages"

    @property
    def cache_dir(self) -> Path:
        """Return the folder of processed photos kept between builds."""
        return self.root / "build" / "cache" / "images"

    @property
    def page_cache_dir(self) -> Path:
        """Return the folder of the render cache's manifests (pagecache.py), one per language."""
        return self.root / "build" / "cache" / "pages"

    @property
    def shell_cache_dir(self) -> Path:
        """Return the folder of the page shells' memos (shells.ShellMemo), one per language and site folder."""
        return self.root / "build" / "cache" / "shells"

    @property
    def watched(self) -> list[Path]:
        """Return the folders whose changes need a rebuild."""
        return [self.root / name for name in ("catalog", "products", "sentra", "templates")]


@dataclass
class Outcome:
    """What one run of the pipeline found and did."""

    catalog: Catalog | None
    problems: list[Problem]
    pages_written: int = 0
    pages_unchanged: int = 0
    pages_kept: int = 0  # of the unchanged: product and IKM pages not even rendered (pagecache.py)
    pages_removed: int = 0
    photos_processed: int = 0
    photos_reused: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    image_sets: dict[tuple[str, str], ImageSet] = field(default_factory=dict)
    published: dict[str, int] = field(default_factory=dict)  # photo files on the media host (URL -> bytes)

    def failed(self, strict: bool = False) -> bool:
        """Return whether the problems stop the build (warnings too when ``strict``)."""
        return any(p.severity is Severity.error or strict for p in self.problems)


@contextmanager
def _timed(outcome: Outcome, stage: str) -> Iterator[None]:
    """Record how long the ``with`` block took as ``outcome.seconds[stage]``."""
    start = time.perf_counter()
    yield
    outcome.seconds[stage] = round(time.perf_counter() - start, 3)


@contextmanager
def _few_collections(threshold: int = GC_THRESHOLD) -> Iterator[None]:
    """Run the ``with`` block with Python's cycle collector starting only every ``threshold`` allocations.

    Loading, validating and checking photos build hundreds of thousands of objects that
    live to the end and make few reference cycles; at the default (700) the collector
    walks them again and again, which took a quarter of those stages' time. The write
    stage allocates little, but comes right after ``parallel.run`` has given the whole
    catalogue back to the collector, which would then walk all of it (0.3 s at 5,000
    products) for nothing.
    """
    old = gc.get_threshold()
    gc.set_threshold(max(threshold, old[0]), *old[1:])
    try:
        yield
    finally:
        gc.set_threshold(*old)


def photo_refs(catalog: Catalog) -> list[PhotoRef]:
    """Return every photo the catalogue's records name, with the share-card text of products.

    Only a record's first photo (and a logo) is shown as a card thumbnail: the others get no
    narrow file, which only a phone at a device pixel ratio of 1 would fetch (docs/photos.md).
    """
    refs: list[PhotoRef] = []
    for entry in catalog.sentra.values():
        for index, photo in enumerate(entry.record.photos):
            line = entry.lines.line_of(("photos", index, "file"))
            refs.append(PhotoRef(entry.path, f"photos[{index}].file", line, photo.file, thumb=index == 0))
    for entry in catalog.ikms.values():
        if entry.record.logo:
            refs.append(_ref(entry.path, entry.lines.line_of(("logo", "file")), "logo.file", entry.record.logo.file))
    for product_entry in catalog.products:
        product = product_entry.record
        maker = catalog.ikms[product.ikm].record
        for index, photo in enumerate(product.photos):
            card = (
                ShareCardText(product.name.id, maker.name, catalog.sentra_of_product(product).name)
                if index == 0
                else None
            )
            line = product_entry.lines.line_of(("photos", index, "file"))
            refs.append(PhotoRef(product_entry.path, f"photos[{index}].file", line, photo.file, card, thumb=index == 0))
    return refs


def _ref(source: str, line: int, field_name: str, file: str) -> PhotoRef:
    return PhotoRef(source, field_name, line, file)


def check(root: Path, today: dt.date, *, cache_dir: Path | None = None, check_photos: bool = True) -> Outcome:
    """Load and validate every record and, with ``photos``, check every photo; return the outcome.

    With ``cache_dir`` (the photo cache), photos already checked and processed are not
    decoded again; only the cache is written to.
    """
    outcome = Outcome(None, [])
    with _few_collections(), _timed(outcome, "load"):
        records, problems = load.load_records(root)
    with _few_collections(), _timed(outcome, "validate"):
        catalog, found = validate.validate_catalog(records, today, unreadable=[p.path for p in problems])
        problems += found
    if catalog is not None and check_photos:
        with _few_collections(), _timed(outcome, "check photos"):
            problems += photos.check_photos(root, photo_refs(catalog), cache_dir=cache_dir)
    outcome.catalog = catalog
    outcome.problems = sort_problems(problems)
    return outcome


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
    with _few_collections(), _timed(outcome, "images"):
        published = published_photos(project, catalog.site.media_url)
        result = photos.process_photos(
            project.root,
            photo_refs(catalog),
            project.cache_dir,
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
    with _timed(outcome, "render"):
        makers = pagecache.maker_keys(catalog, result.sets)
        code = pagecache.code_key()
        tasks = [
            partial(_render_language, project, catalog, result.sets, lang, makers, code) for lang in project.languages
        ]
        if not project.shortcuts.parallel or (jobs is None and len(catalog.products) < PARALLEL_MIN_PRODUCTS):
            jobs = 1
        done = parallel.run(tasks, parallel.workers_for(len(tasks), jobs))
    with _few_collections(), _timed(outcome, "write"):
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
