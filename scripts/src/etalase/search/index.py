"""Search index stage: run Pagefind over a built site.

Reads the HTML of a built site folder; writes one Pagefind bundle per language into it
(``pagefind/`` for the site-root language, ``<lang>/pagefind/`` for each other language) and
returns how long indexing took and how big the indexes are. One run per language keeps
Pagefind's memory to one language's pages (all 27,000 pages of a 10,000-product site in one run
took 2.3 GB). The runs go one after the other, but the base language's can start early
(``start_index``), while MkDocs still builds the other languages: it then uses the second core.
The binary comes from the ``pagefind-bin`` package, so nothing is downloaded at build time.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from pagefind_bin import get_executable

from etalase.photos.refs import MEDIA
from etalase.search import stable_index
from etalase.search.reuse import previous_bundle, reuse_fragments, settle_fragments
from etalase.search.stable_index import BUNDLE

# Top-level site folders without pages that Pagefind need not walk: its own bundle, and the
# photos (``photos.refs.MEDIA``, tens of thousands of files, written while the index runs).
PAGELESS_FOLDERS = (BUNDLE, MEDIA)


@dataclass(frozen=True)
class SearchIndex:
    """The result of indexing: pages indexed, index bytes, seconds Pagefind ran and seconds waited for it."""

    pages: int
    bytes: int
    seconds: float
    waited: float | None = None  # seconds the caller only waited for Pagefind (not running ``meanwhile``)
    reused: int = 0  # page fragments taken from the last bundles (``reuse_fragments``) and kept


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message holds what it printed."""


@dataclass
class IndexRun:
    """A Pagefind run under way over ``folder`` (see ``start_index``)."""

    folder: Path
    process: subprocess.Popen[str]
    started: float
    glob: str = "**/*.html"
    linked: frozenset[str] = frozenset()  # fragment files linked in from the last bundle

    @property
    def reused(self) -> int:
        """Return how many fragments were linked in from the last bundle."""
        return len(self.linked)


def language_runs(site_dir: Path, other_languages: Sequence[str] = ()) -> list[tuple[Path, str]]:
    """Return (folder, glob) of each language's run: the root language first, over the site
    outside the ``other_languages`` folders, then each of those that exists."""
    # Each bundle indexes the folder it sits in: Pagefind makes result URLs relative to that folder.
    runs = [(site_dir, root_language_glob(site_dir, other_languages))]
    return runs + [(site_dir / lang, "**/*.html") for lang in other_languages if (site_dir / lang).is_dir()]


def start_index(folder: Path, glob: str, previous: Path | None = None) -> IndexRun:
    """Start Pagefind over the HTML of ``folder`` matching ``glob``, into ``folder/pagefind``;
    ``previous``: the last site's bundle of the same pages, whose fragments are reused (``reuse_fragments``)."""
    started = time.perf_counter()
    linked = reuse_fragments(previous, folder / BUNDLE) if previous is not None else frozenset()
    command = [str(get_executable()), "--site", str(folder), "--glob", glob, "--output-subdir", BUNDLE]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return IndexRun(folder, process, started, glob, linked)


def finish_index(run: IndexRun) -> SearchIndex:
    """Wait for ``run``; return its pages, index bytes and seconds; raise ``SearchIndexError`` on failure.

    When fragments were reused and the index does not hold each page exactly once
    (``settle_fragments``), the bundle is made again without them.
    """
    stdout, stderr = run.process.communicate()
    if run.process.returncode != 0:
        raise SearchIndexError((stdout + stderr).strip()[-2000:])
    index_dir = run.folder / BUNDLE
    named = settle_fragments(index_dir, run.folder) if run.linked else frozenset()
    if named is None:
        shutil.rmtree(index_dir)
        again = start_index(run.folder, run.glob)
        again.started = run.started
        return finish_index(again)
    reused = len(run.linked & named)  # Pagefind wrote the other named fragments
    stable_index.stabilise(index_dir)  # same site, same index bytes (Pagefind orders filters at random)
    size = sum(p.stat().st_size for p in index_dir.rglob("*") if p.is_file())
    return SearchIndex(_indexed_pages(stdout), size, round(time.perf_counter() - run.started, 2), reused=reused)


def index_site(
    site_dir: Path,
    other_languages: Sequence[str] = (),
    *,
    started: Mapping[Path, IndexRun] | None = None,
    meanwhile: Callable[[], object] | None = None,
    previous: Path | None = None,
) -> SearchIndex:
    """Index the HTML in ``site_dir``: the root language into ``site_dir/pagefind``, each of
    ``other_languages`` (folders ``<lang>/``) into ``site_dir/<lang>/pagefind``, one run at a
    time; raise ``SearchIndexError`` on failure. ``started`` holds runs already under way, by
    folder. ``meanwhile`` is called once the last run is under way (work that touches no HTML).
    ``previous`` is the last site (the folder ``site_dir`` will replace): its bundles are reused.
    Returns the totals of all runs (seconds: each run's own, added up).
    """
    started = dict(started or {})
    begun = time.perf_counter()
    pages = size = reused = 0
    seconds = 0.0
    try:
        runs = language_runs(site_dir, other_languages)
        for number, (folder, glob) in enumerate(runs, 1):
            run = started.pop(folder, None) or start_index(folder, glob, previous_bundle(site_dir, folder, previous))
            if number == len(runs) and meanwhile is not None:
                busy = time.perf_counter()
                try:
                    meanwhile()
                except BaseException:
                    stop_index(run)
                    raise
                begun += time.perf_counter() - busy  # that was our own work, not waiting
            done = finish_index(run)
            pages, size, seconds = pages + done.pages, size + done.bytes, seconds + done.seconds
            reused += done.reused
    finally:
        for run in started.values():  # a run nobody waits for any more
            stop_index(run)
    return SearchIndex(pages, size, round(seconds, 2), round(time.perf_counter() - begun, 2), reused)


def bundle_folders(other_languages: Sequence[str]) -> list[str]:
    """Return the site paths of the bundles ``index_site`` writes: ``pagefind``, ``en/pagefind`` …"""
    return [BUNDLE, *(f"{lang}/{BUNDLE}" for lang in other_languages)]


def stop_index(run: IndexRun) -> None:
    """Stop ``run`` if it is still going (a failed build must not leave Pagefind writing)."""
    if run.process.poll() is None:
        run.process.kill()
    run.process.communicate()


def root_language_glob(site_dir: Path, other_languages: Sequence[str]) -> str:
    """Return a Pagefind glob of the HTML in ``site_dir`` outside the ``other_languages`` folders.

    Built from the site's top-level entries (``{*.html,produk/**/*.html,…}``), so it needs no
    negation, which Pagefind's globs do not have. ``PAGELESS_FOLDERS`` and hidden folders are left
    out too.
    """
    skip = set(other_languages) | set(PAGELESS_FOLDERS)
    folders = sorted(
        p.name for p in site_dir.iterdir() if p.is_dir() and p.name not in skip and not p.name.startswith(".")
    )
    return "{" + ",".join(["*.html", *(f"{_glob_literal(name)}/**/*.html" for name in folders)]) + "}"


def _glob_literal(name: str) -> str:
    """Return ``name`` with the glob's special characters escaped."""
    return "".join(f"\\{c}" if c in "\\*?[]{},!" else c for c in name)


def _indexed_pages(output: str) -> int:
    """Return the page count Pagefind reports ("Indexed N pages"), or 0."""
    for line in output.splitlines():
        words = line.strip().split()
        if len(words) >= 3 and words[0] == "Indexed" and words[2].startswith("page") and words[1].isdigit():
            return int(words[1])
    return 0
