"""What a build says in its log: in plain words, with the figures a user can act on."""

from __future__ import annotations

import dataclasses
import logging

from etalase import photos
from etalase.builder.shells import ShellReport
from etalase.model.problems import Severity
from etalase.pipeline import Outcome, Project
from etalase.search.index import SearchIndex

log = logging.getLogger("mkdocs.plugins.etalase")


def problems(outcome: Outcome, lang: str) -> None:
    """Log every problem of ``outcome`` as ``path:line: field: what is wrong — how to fix`` in ``lang``."""
    for problem in outcome.problems:
        (log.error if problem.severity is Severity.error else log.warning)(problem.format(lang))


def summary_of_problems(outcome: Outcome) -> str:
    """Return one line saying how many problems stopped the build."""
    errors = sum(p.severity is Severity.error for p in outcome.problems)
    warnings = len(outcome.problems) - errors
    return (
        f"{errors} error(s) and {warnings} warning(s) in the records — fix them (see above); the previous site is kept"
    )


def summary_of_generation(outcome: Outcome) -> str:
    """Return one line on what the pipeline did, in plain words."""
    catalog = outcome.catalog
    counts = (
        f"{len(catalog.products)} products, {len(catalog.ikms)} IKMs, {len(catalog.sentra)} sentra" if catalog else ""
    )
    seconds = sum(outcome.seconds.values())
    return (
        f"Etalase: {counts}; pages {outcome.pages_written} written, {outcome.pages_unchanged} unchanged "
        f"({outcome.pages_kept} of them not rendered again: nothing they show changed), "
        f"{outcome.pages_removed} removed; photos {outcome.photos_processed} processed, "
        f"{outcome.photos_reused} from cache ({seconds:.1f} s)"
    )


def shelled_pages(language: object, taken: int, report: ShellReport) -> None:
    """Log how the product and IKM pages of one language were written (see shells.py)."""
    log.info(
        f"Product and IKM pages ({language}): {report.filled} filled into "
        f"{report.layouts} page shell(s), {report.rendered} rendered one by one; "
        f"{taken - report.unchanged} written, {report.unchanged} unchanged ({report.kept} of them not read "
        f"again: as the last build into this folder wrote them), {report.removed} old files removed"
    )
    if report.refused:
        log.warning(
            f"A page shell differed from MkDocs' own page at {', '.join(report.refused)}: the pages of "
            "that layout were rendered one by one (slower, same result)"
        )


def search_index(index: SearchIndex) -> None:
    """Log what the search index holds and what it cost."""
    log.info(
        f"Search index: {index.pages} pages, {index.bytes / 1e6:.1f} MB in {index.seconds:.1f} s "
        f"({index.waited:.1f} s waited for; {index.reused} page fragments reused from the last index)"
    )


def sizes(outcome: Outcome, project: Project, other_bytes: int, *, photos_in_site: bool, fixed_bytes: int = 0) -> None:
    """Log image bytes per product, the site's size against GitHub Pages' 1 GB limit and how many
    products would fit it.

    ``other_bytes`` is everything in the site but its photos; those are the image sets' files,
    counted from the cache (``media/`` holds exactly them) when they are in the site.
    ``fixed_bytes``, of ``other_bytes``, is what does not grow with the catalogue (theme assets).
    """
    report = photos.size_report(outcome.image_sets, project.cache_dir, elsewhere=outcome.published)
    report = dataclasses.replace(
        report,
        site_bytes=other_bytes + (report.image_bytes if photos_in_site else 0),
        products=len(outcome.catalog.products) if outcome.catalog else 0,
        fixed_bytes=fixed_bytes,
        pages_bytes=other_bytes,
    )
    for line in photos.format_size_report(report, lang="en"):
        (log.warning if report.warning else log.info)(line)
