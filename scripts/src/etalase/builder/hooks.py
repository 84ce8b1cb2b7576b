"""MkDocs glue: run the pipeline inside ``mkdocs build`` and ``mkdocs serve``.

Thin on purpose: each event calls the library. ``on_config`` generates the docs folder
(and stops the build on record problems), ``on_files`` keeps the product and IKM pages from
the i18n plugin and starts a second process writing the files that are not pages,
``on_nav``/``on_env`` write product and IKM pages from shells, and ``on_post_build`` indexes
the site for search and, for a real build, swaps it into place.
"""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import logging
import os
import shutil
import sys
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from etalase import photos
from etalase.builder import languages, shells
from etalase.incremental import parallel, sitedir
from etalase.model.problems import Severity
from etalase.pipeline import Outcome, Project, generate
from etalase.publish import fastsite
from etalase.render import mapdata, opendata, pagecache
from etalase.render.links import BASE_LANG
from etalase.search import index as search

log = logging.getLogger("mkdocs.plugins.etalase")

_state: dict[str, object] = {"command": "serve", "final_site": None}


def on_startup(*, command: str, dirty: bool) -> None:
    """Remember whether this is a one-off build (staged and swapped) or ``serve``."""
    _state["command"] = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Generate the markdown pages and photos into ``docs_dir``; stop on record problems."""
    if languages.inner_build(config):  # the i18n plugin's build of another language: all is generated
        languages.skip_404(config)
        start_base_index()
        return config
    _stop_search_runs()  # a run an earlier build (serve) left behind is stopped, not reused
    _stop_site_files()
    root = Path(config.config_file_path).parent
    site_languages = languages.site_languages(config, root / "templates")
    project = Project(
        root=root, docs_dir=Path(config.docs_dir), site_url=config.site_url or "", languages=site_languages
    )
    strict = os.environ.get("ETALASE_STRICT") == "1"
    lang = os.environ.get("ETALASE_LANG", "id")
    if _state["command"] in {"build", "gh-deploy"}:
        sitedir.recover(Path(config.site_dir))  # a failed build below must still leave a site
    outcome = generate(project, dt.date.today(), strict=strict, progress=sys.stderr.isatty())
    for problem in outcome.problems:
        (log.error if problem.severity is Severity.error else log.warning)(problem.format(lang))
    if outcome.failed(strict):
        raise PluginError(summary_of_problems(outcome))
    log.info(summary_of_generation(outcome))
    _state["outcome"] = outcome
    _state["project"] = project
    _state["content_date"] = content_date(outcome)
    config.extra["media_origin"] = fastsite.media_origin(outcome.catalog.site.media_url if outcome.catalog else None)
    config.watch.extend(str(p) for p in project.watched if p.is_dir())
    if _state["command"] in {"build", "gh-deploy"}:
        final = Path(config.site_dir)
        _state["final_site"] = final
        config.site_dir = str(sitedir.staging_dir(final))
    # An earlier build's pages are recycled (see sitedir); serve keeps its photos in place too.
    one_off = _state["command"] in {"build", "gh-deploy"}  # reuse the live site's bundles (_last_site)
    kept = () if one_off else sitedir.KEPT
    bundles = () if one_off else search.bundle_folders(_other_languages(project))
    sitedir.hold(Path(config.site_dir), _recycled_folders(project), keep=kept, bundles=bundles)
    _state["site_dir"] = Path(config.site_dir)
    return config


def _recycled_folders(project: Project) -> list[str]:
    """Return the site folders of the pages written from shells, in every language (none without shells)."""
    if not shells.enabled():
        return []
    return shells.section_folders(["", *(f"{lang}/" for lang in _other_languages(project))])


def start_base_index() -> None:
    """Start indexing the base language's pages, all written once MkDocs moves on to another
    language: Pagefind then runs on the second core while MkDocs builds that language."""
    site_dir, project = _state.get("site_dir"), _state.get("project")
    if "search_runs" in _state or not isinstance(site_dir, Path) or not isinstance(project, Project):
        return
    folder, glob = search.language_runs(site_dir, _other_languages(project))[0]
    previous = search.previous_bundle(site_dir, folder, _last_site(site_dir))
    _state["search_runs"] = {folder: search.start_index(folder, glob, previous)}


def _replaced_site(site_dir: Path) -> Path | None:
    """Return the live site this build will replace, when it builds into a folder of its own."""
    final = _state.get("final_site")
    return final if isinstance(final, Path) and final != site_dir and final.is_dir() else None


def _last_site(site_dir: Path) -> Path | None:
    """Return where the last search bundles are, by the paths they had in the site: the site this
    build will replace (``_replaced_site``); else (serve) the bundles ``on_config`` set aside
    (``sitedir.hold``)."""
    return _replaced_site(site_dir) or sitedir.last_index(site_dir)


def _other_languages(project: Project) -> list[str]:
    """Return the project's languages other than the base one (each built under ``<lang>/``)."""
    return [lang for lang in project.languages if lang != BASE_LANG]


def _stop_search_runs() -> None:
    """Stop the search index runs under way, if any."""
    runs = _state.pop("search_runs", None)
    for run in runs.values() if isinstance(runs, dict) else ():
        search.stop_index(run)


def on_build_error(*, error: Exception) -> None:
    """Stop the search index run and the writing of other files that the failed build started,
    and give the last site back the photos this build took over from it."""
    _stop_search_runs()
    _stop_site_files()
    _give_back_media()


def on_page_context(context: dict, /, *, page: Page, config: MkDocsConfig, nav: Any) -> dict:
    """Make the page's language alternates absolute URLs, for its ``hreflang`` links (see languages.py)."""
    languages.absolute_alternates(config)
    return context


def on_pre_page(page: Page, /, *, config: MkDocsConfig, files: Files) -> Page:
    """Date the page by its data, not by the clock: the sitemap's lastmod and the gzip header follow.

    MkDocs stamps every page with the build date, so two builds of the same records on two days
    would differ; the newest ``last_verified`` of the records is the date the content changed.
    """
    date = _state.get("content_date")
    if isinstance(date, dt.date):
        page.update_date = date.isoformat()
    return page


def content_date(outcome: Outcome) -> dt.date | None:
    """Return the newest ``last_verified`` date of the catalogue's records, if any."""
    return opendata.catalogue_date(outcome.catalog) if outcome.catalog is not None else None


def on_files(files: Files, /, *, config: MkDocsConfig) -> Files:
    """Leave the processed photos out of MkDocs' files, and start writing the site's files
    that are not pages (see ``start_site_files``) now that MkDocs has emptied the site folder."""
    for file in [f for f in files if fastsite.is_media(f.src_uri)]:
        files.remove(file)
    if shells.enabled() and languages.can_localize_pages(config):  # kept from the i18n plugin: see on_nav
        _state["sections"] = shells.take_sections(files, languages.language_folders(config))
    if not languages.inner_build(config):
        start_site_files(Path(config.config_file_path).parent, Path(config.site_dir))
    return files


def start_site_files(root: Path, site_dir: Path) -> None:
    """Start writing the files that are not pages into ``site_dir`` in a second process:
    the schemas, Leaflet, the open data and the photo links. MkDocs builds the base
    language's pages on one core meanwhile; ``on_post_build`` waits for them."""
    outcome, project = _state.get("outcome"), _state.get("project")
    built = isinstance(outcome, Outcome) and isinstance(project, Project)
    photos = fastsite.media_urls(outcome.image_sets.values()) if built else set()
    in_site = built and fastsite.media_host_dir(project.root, outcome.catalog) is None
    final = _replaced_site(site_dir)
    # A staged build takes the last site's photos over at its end (see _take_over_media).
    later = in_site and final is not None and (final / fastsite.MEDIA).is_dir()
    _state["take_over_media"] = later

    def write() -> bool:  # returns whether Leaflet was there to copy
        publish_schemas(root, site_dir)
        leaflet = bool(mapdata.publish_leaflet(root, site_dir))
        publish_open_data(site_dir)
        if in_site and not later:  # links into the new site only: a failed index leaves the old one whole
            fastsite.publish_media(project.cache_dir, photos, site_dir)
        return leaflet

    _stop_site_files()
    _state["site_files"] = parallel.start(write)


def _wait_for_site_files(root: Path, site_dir: Path) -> None:
    """Wait for the files ``start_site_files`` writes (writing them now if it was not called)."""
    started = _state.pop("site_files", None)
    if not isinstance(started, parallel.Started):
        start_site_files(root, site_dir)
        started = _state.pop("site_files")
    assert isinstance(started, parallel.Started)
    if not started.result():
        log.info(mapdata.missing_leaflet_message(root))


def _take_over_media(site_dir: Path) -> None:
    """Move the last site's photos into ``site_dir`` and change only what changed there, when
    ``start_site_files`` left them for now. Late in the build, so that the last site loses them
    only for the moment before the swap; ``on_build_error`` (or, after a crash, the next build's
    ``sitedir.recover``) gives them back."""
    outcome, project, final = _state.get("outcome"), _state.get("project"), _state.get("final_site")
    if not _state.pop("take_over_media", False) or not isinstance(outcome, Outcome):
        return
    assert isinstance(project, Project) and isinstance(final, Path)
    if sitedir.move_folder(final, site_dir, fastsite.MEDIA):
        _state["media_taken_from"] = final
    fastsite.publish_media(project.cache_dir, fastsite.media_urls(outcome.image_sets.values()), site_dir)


def _give_back_media() -> None:
    """Give the photos ``_take_over_media`` moved back to the last site, if the build failed after it."""
    final, staging = _state.pop("media_taken_from", None), _state.get("site_dir")
    _state.pop("take_over_media", None)
    if isinstance(final, Path) and isinstance(staging, Path):
        sitedir.move_folder(staging, final, fastsite.MEDIA)


def _stop_site_files() -> None:
    """Stop writing the files that are not pages, if that is under way."""
    started = _state.pop("site_files", None)
    if isinstance(started, parallel.Started):
        started.stop()


@event_priority(-110)  # after the i18n plugin's on_files and on_nav, which list every page for the sitemap
def on_nav(nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
    """Take the product and IKM pages out of MkDocs' page loop: ``on_env`` writes them from shells.

    ``on_files`` kept them from the i18n plugin when it could (see ``languages.localized_pages``):
    the pages of this language are then marked and listed for the sitemap here, as the plugin would.
    """
    date = _state.get("content_date")
    update_date = date.isoformat() if isinstance(date, dt.date) else None
    sections = _state.pop("sections", None)
    if isinstance(sections, list):
        _state["shelled"] = shells.with_pages(languages.localized_pages(sections, config), config, update_date)
    else:
        _state["shelled"] = shells.take_shelled(files, config, update_date)
    _state["nav"] = nav
    return nav


def _shell_memo(config: MkDocsConfig, prefix: str) -> shells.ShellMemo | None:
    """Return the memo of the pages the last build into this site folder wrote (shells.ShellMemo)."""
    project, root = _state.get("project"), _state.get("site_dir")  # the folder the whole site goes to
    if not isinstance(project, Project) or not isinstance(root, Path):
        return None
    lang = str(config.theme.get("language") or prefix.strip("/") or "default")
    memo = shells.memo_file(project.shell_cache_dir, root, lang)
    return shells.ShellMemo.load(memo, pagecache.code_key())


def on_env(env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
    """Write the pages ``on_nav`` took, each filled into the shell of its layout (see shells.py)."""
    site_dir = Path(config.site_dir)
    sitedir.put_back(site_dir)  # the recycled pages ``on_config`` held: written over from here
    taken, nav = _state.pop("shelled", None), _state.pop("nav", None)
    if not taken or not isinstance(taken, list) or not isinstance(nav, Navigation):
        return env
    prefix = languages.current_prefix(config)
    folders = shells.section_folders([prefix])
    report = shells.build_shelled(taken, config, files, nav, env, folders, _shell_memo(config, prefix))
    log.info(
        f"Product and IKM pages ({config.theme.get('language')}): {report.filled} filled into "
        f"{report.layouts} page shell(s), {report.rendered} rendered one by one; "
        f"{len(taken) - report.unchanged} written, {report.unchanged} unchanged ({report.kept} of them not read "
        f"again: as the last build into this folder wrote them), {report.removed} old files removed"
    )
    if report.refused:
        log.warning(
            f"A page shell differed from MkDocs' own page at {', '.join(report.refused)}: the pages of "
            "that layout were rendered one by one (slower, same result)"
        )
    return env


def on_page_markdown(markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Spare a generated page's raw HTML body from Python-Markdown, which would return it unchanged."""
    body = fastsite.raw_html_body(markdown)
    if body is not None:
        fastsite.skip_markdown(page, body)
    return markdown


def on_serve(server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
    """Stop watching the generated docs folder: the records are watched, and a rebuild that
    writes pages there would otherwise start a second, identical rebuild."""
    with contextlib.suppress(KeyError):
        server.unwatch(config.docs_dir)
    return server


@event_priority(-110)  # after the i18n plugin's (-100), which builds the other languages from there
def on_post_build(*, config: MkDocsConfig) -> None:
    """Index the built site with Pagefind, then swap it in for a one-off build (once, after every language)."""
    if languages.inner_build(config):
        return
    languages.restore_404(config)
    site_dir, root = Path(config.site_dir), Path(config.config_file_path).parent
    outcome, project = _state.get("outcome"), _state.get("project")
    built = isinstance(outcome, Outcome) and isinstance(project, Project)
    others = _other_languages(project) if isinstance(project, Project) else []
    bundles = search.bundle_folders(others)
    measured: dict[str, int] = {}
    media_host = fastsite.media_host_dir(project.root, outcome.catalog) if built else None

    def meanwhile() -> None:  # while Pagefind indexes the last language
        sitedir.drop_last_index(site_dir)  # every run has linked what it reuses
        _wait_for_site_files(root, site_dir)
        _take_over_media(site_dir)
        measured["bytes"] = sitedir.tree_bytes(site_dir, skip=[fastsite.MEDIA, *bundles])

    try:
        runs = _state.pop("search_runs", None)
        index = search.index_site(
            site_dir,
            others,
            started=runs if isinstance(runs, dict) else None,
            meanwhile=meanwhile,
            previous=_last_site(site_dir),
        )
    except search.SearchIndexError as error:
        raise PluginError(f"search index failed, the previous site is kept: {error}") from None
    log.info(
        f"Search index: {index.pages} pages, {index.bytes / 1e6:.1f} MB in {index.seconds:.1f} s "
        f"({index.waited:.1f} s waited for; {index.reused} page fragments reused from the last index)"
    )
    final = _state.get("final_site")
    if built and media_host is not None and outcome.catalog is not None:
        photos = fastsite.media_urls(outcome.image_sets.values())
        fastsite.publish_media(project.cache_dir, photos, media_host)  # another host's folder: only once all worked
        log.info(f"Photos are published on {outcome.catalog.site.media_url}: upload {media_host} there")
    _report_sizes(measured.get("bytes", 0) + index.bytes, photos_in_site=media_host is None)
    if isinstance(final, Path) and site_dir != final:
        sitedir.swap_in(site_dir, final)
        _state.pop("media_taken_from", None)  # the photos are in the site now in place
        log.info(f"Site ready in {final}")


def _report_sizes(other_bytes: int, *, photos_in_site: bool) -> None:
    """Log image bytes per product and the site's size against GitHub Pages' 1 GB limit.

    ``other_bytes`` is everything in the site but its photos; those are the image sets' files,
    counted from the cache (``media/`` holds exactly them) when they are in the site.
    """
    outcome, project = _state.get("outcome"), _state.get("project")
    if not isinstance(outcome, Outcome) or not isinstance(project, Project):
        return
    report = photos.size_report(outcome.image_sets, project.cache_dir)
    report = dataclasses.replace(report, site_bytes=other_bytes + (report.image_bytes if photos_in_site else 0))
    for line in photos.format_size_report(report, lang="en"):
        (log.warning if report.warning else log.info)(line)


def publish_open_data(site_dir: Path) -> list[Path]:
    """Write the open data files (``data/catalogue.json`` and the CSVs) into the site being built."""
    outcome, project = _state.get("outcome"), _state.get("project")
    if not isinstance(outcome, Outcome) or not isinstance(project, Project) or outcome.catalog is None:
        return []
    links = opendata.links_for(outcome.catalog, project.site_url, project.languages)
    return opendata.publish(site_dir, opendata.data_files(outcome.catalog, outcome.image_sets, links))


def publish_schemas(root: Path, site_dir: Path) -> list[Path]:
    """Copy ``catalog/schema/*.schema.json`` to ``site_dir/schema/`` so editors can fetch them by URL."""
    target = site_dir / "schema"
    copied = []
    for source in sorted((root / "catalog" / "schema").glob("*.schema.json")):
        target.mkdir(parents=True, exist_ok=True)
        copied.append(Path(shutil.copyfile(source, target / source.name)))
    return copied


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
