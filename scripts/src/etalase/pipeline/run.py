"""What a run of the pipeline works on and gives back: the project's folders and the outcome."""

from __future__ import annotations

import gc
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from etalase.incremental.shortcuts import Shortcuts
from etalase.model import BASE_LANG
from etalase.model.catalog import Catalog
from etalase.model.problems import Problem, Severity
from etalase.photos import ImageSet

GC_THRESHOLD = 10_000  # allocations between two runs of the cycle collector while loading (see few_collections)


@dataclass(frozen=True)
class Project:
    """Where a catalogue project keeps its records, templates and build output."""

    root: Path
    docs_dir: Path
    site_url: str = ""
    # Languages rendered into docs_dir: the base language at its root, each other under <lang>/
    # (mkdocs-static-i18n's folder structure; the hooks take them from mkdocs.yml, see languages.py).
    languages: tuple[str, ...] = (BASE_LANG, "en")
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
def timed(outcome: Outcome, stage: str) -> Iterator[None]:
    """Record how long the ``with`` block took as ``outcome.seconds[stage]``."""
    start = time.perf_counter()
    yield
    outcome.seconds[stage] = round(time.perf_counter() - start, 3)


@contextmanager
def few_collections(threshold: int = GC_THRESHOLD) -> Iterator[None]:
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
