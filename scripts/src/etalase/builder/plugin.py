"""The ``etalase`` MkDocs plugin: runs the pipeline inside ``mkdocs build`` and ``mkdocs serve``.

Thin on purpose: each event calls the library, in the order MkDocs calls them (see
``docs/architecture.md``): ``on_config`` generates the docs folder (and stops the build on record
problems), ``on_files`` keeps the product and IKM pages from the i18n plugin and starts a second
process writing the files that are not pages, ``on_nav``/``on_env`` write product and IKM pages
from shells, and ``on_post_build`` indexes the site for search and, for a one-off build, swaps it
into place. What one build carries from event to event is ``self.state`` (a ``BuildState``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import sys
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from etalase import search
from etalase.builder import compact, languages, report, shells, sitefiles, sitemap
from etalase.builder.config import EtalaseConfig
from etalase.builder.markdown import raw_html_body, skip_markdown
from etalase.builder.shellmemo import ShellMemo, memo_file
from etalase.builder.state import ONE_OFF_COMMANDS, BuildState
from etalase.incremental import sitedir
from etalase.incremental.shortcuts import Shortcuts
from etalase.photos.refs import MEDIA
from etalase.pipeline import Project
from etalase.pipeline.generation import generate
from etalase.publish import media
from etalase.render import opendata, pagecache

log = logging.getLogger("mkdocs.plugins.etalase")
FIXED_FOLDERS = ("assets", "schema")  # site folders whose size does not grow with the catalogue


class EtalasePlugin(BasePlugin[EtalaseConfig]):
    """Generate the catalogue's pages before MkDocs reads the docs folder; index and swap in the site after."""

    def __init__(self) -> None:
        self.command = "serve"  # from on_startup: a one-off build is staged and swapped in
        self.state: BuildState | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember whether this is a one-off build (staged and swapped) or ``serve``."""
        self.command = command

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Generate the markdown pages into ``docs_dir``; stop on record problems."""
        if languages.inner_build(config):  # the i18n plugin's build of another language: all is generated
            languages.skip_404(config)
            if self.state is not None and self.state.shortcuts.parallel:
                self._start_base_index(self.state)
            return config
        self._stop_background()  # what an earlier build (serve) left running is stopped, not reused
        self.state = None
        root = Path(config.config_file_path).parent
        project = Project(
            root=root,
            docs_dir=Path(config.docs_dir),
            site_url=config.site_url or "",
            languages=languages.site_languages(config, root / "templates"),
            shortcuts=Shortcuts.from_switch(self.config.shortcuts),
        )
        one_off = self.command in ONE_OFF_COMMANDS
        if one_off:
            sitedir.recover(Path(config.site_dir), kept=(MEDIA,))  # a failed build below must still leave a site
        outcome = generate(project, dt.date.today(), strict=self.config.strict, progress=sys.stderr.isatty())
        report.problems(outcome, self.config.messages)
        if outcome.failed(self.config.strict) or outcome.catalog is None:
            raise PluginError(report.summary_of_problems(outcome))
        log.info(report.summary_of_generation(outcome))
        config.extra["media_origin"] = media.media_origin(outcome.catalog.site.media_url)
        config.watch.extend(str(p) for p in project.watched if p.is_dir())
        final = Path(config.site_dir) if one_off else None
        site_dir = sitedir.staging_dir(final, kept=(MEDIA,)) if final is not None else Path(config.site_dir)
        site_dir.mkdir(parents=True, exist_ok=True)
        config.site_dir = str(site_dir)
        state = BuildState(project, outcome, one_off, site_dir, final, opendata.catalogue_date(outcome.catalog))
        self._hold_recycled(state)
        self.state = state
        return config

    def _hold_recycled(self, state: BuildState) -> None:
        """Set aside what this build reuses of the site folder's earlier content (see ``sitedir.hold``)."""
        shortcuts = state.shortcuts
        prefixes = ["", *(f"{lang}/" for lang in state.other_languages)]
        recycled = shells.section_folders(prefixes) if shortcuts.shells and shortcuts.site_recycling else []
        # A one-off build reuses the live site's bundles and photos; serve builds into one folder each time.
        kept = (MEDIA,) if not state.one_off and shortcuts.site_recycling else ()
        bundles = search.bundle_folders(state.other_languages) if not state.one_off and shortcuts.fragment_reuse else []
        sitedir.hold(state.site_dir, recycled, keep=kept, bundles=bundles)

    def _start_base_index(self, state: BuildState) -> None:
        """Start indexing the base language's pages, all written once MkDocs moves on to another
        language: Pagefind then runs on the second core while MkDocs builds that language."""
        if state.search_runs:
            return
        folder, glob = search.language_runs(state.site_dir, state.other_languages)[0]
        previous = search.previous_bundle(state.site_dir, folder, self._last_site(state))
        state.search_runs = {folder: search.start_index(folder, glob, previous)}

    @staticmethod
    def _last_site(state: BuildState) -> Path | None:
        """Return where the last search bundles are (by the paths they had in the site), when they
        may be reused: the site this build replaces, else (serve) the bundles ``hold`` set aside."""
        if not state.shortcuts.fragment_reuse:
            return None
        return state.replaced_site or sitedir.last_index(state.site_dir)

    def _stop_background(self) -> None:
        """Stop the search index runs and the writing of other files under way, if any."""
        state = self.state
        if state is None:
            return
        runs, state.search_runs = state.search_runs, {}
        for run in runs.values():
            search.stop_index(run)
        sitefiles.stop(state)

    def on_build_error(self, *, error: Exception) -> None:
        """Stop what the failed build started beside MkDocs, and give the last site back its photos."""
        self._stop_background()
        if self.state is not None:
            sitefiles.give_back_media(self.state)

    def on_page_context(self, context: dict, /, *, page: Page, config: MkDocsConfig, nav: Any) -> dict:
        """Make the page's language alternates absolute URLs, for its ``hreflang`` links (see languages.py)."""
        languages.absolute_alternates(config)
        return context

    def on_pre_page(self, page: Page, /, *, config: MkDocsConfig, files: Files) -> Page:
        """Date the page by its data, not by the clock: the sitemap's lastmod and the gzip header follow.

        MkDocs stamps every page with the build date, so two builds of the same records on two days
        would differ; the newest ``last_verified`` of the records is the date the content changed.
        """
        if self.state is not None and self.state.content_date is not None:
            page.update_date = self.state.content_date.isoformat()
        return page

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Leave the processed photos out of MkDocs' files, and start writing the site's files
        that are not pages now that MkDocs has emptied the site folder."""
        for file in [f for f in files if media.is_media(f.src_uri)]:
            files.remove(file)
        state = self.state
        if state is None:
            return files
        if state.shortcuts.shells and languages.can_localize_pages(config):  # kept from the i18n plugin: on_nav
            state.sections = shells.take_sections(files, languages.language_folders(config))
        if not languages.inner_build(config):
            sitefiles.start(state)
        return files

    @event_priority(-110)  # after the i18n plugin's on_files and on_nav, which list every page for the sitemap
    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Take the product and IKM pages out of MkDocs' page loop: ``on_env`` writes them from shells.

        ``on_files`` kept them from the i18n plugin when it could (see ``languages.localized_pages``):
        the pages of this language are then marked and listed for the sitemap here, as the plugin would.
        """
        state = self.state
        if state is None or not state.shortcuts.shells:
            return nav
        update_date = state.content_date.isoformat() if state.content_date is not None else None
        sections, state.sections = state.sections, None
        if sections is not None:
            state.shelled = shells.with_pages(languages.localized_pages(sections, config), config, update_date)
        else:
            state.shelled = shells.take_shelled(files, config, update_date)
        state.nav = nav
        return nav

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        """Compact the theme's templates (see compact.py), then write the pages ``on_nav`` took, each
        filled into the shell of its layout (see shells.py)."""
        compact.install(env)
        sitedir.put_back(Path(config.site_dir))  # the recycled pages ``on_config`` held: written over from here
        state = self.state
        if state is None or not state.shelled or state.nav is None:
            return env
        taken, nav, state.shelled, state.nav = state.shelled, state.nav, None, None
        prefix = languages.current_prefix(config)
        memo = self._shell_memo(state, config, prefix)
        written = shells.build_shelled(taken, config, files, nav, env, shells.section_folders([prefix]), memo)
        report.shelled_pages(config.theme.get("language"), len(taken), written)
        return env

    @staticmethod
    def _shell_memo(state: BuildState, config: MkDocsConfig, prefix: str) -> ShellMemo | None:
        """Return the memo of the pages the last build into this site folder wrote (see shellmemo.py)."""
        if not state.shortcuts.shell_memo:
            return None
        lang = str(config.theme.get("language") or prefix.strip("/") or "default")
        memo = memo_file(state.project.shell_cache_dir, state.site_dir, lang)
        return ShellMemo.load(memo, pagecache.code_key())

    @event_priority(-110)  # after the i18n plugin's (50), which gives the sitemap every page
    def on_template_context(self, context: dict, /, *, template_name: str, config: MkDocsConfig) -> dict:
        """Leave the pages that ask not to be indexed out of the sitemap (see ``languages.indexable``)."""
        if template_name == "sitemap.xml" and "i18n_alternates" in context:
            context["i18n_alternates"] = languages.indexable(context["i18n_alternates"])
        return context

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        """Spare a generated page's raw HTML body from Python-Markdown, which would return it unchanged."""
        if self.state is not None and self.state.shortcuts.raw_html:
            body = raw_html_body(markdown)
            if body is not None:
                skip_markdown(page, body)
        return markdown

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        """Stop watching the generated docs folder: the records are watched, and a rebuild that
        writes pages there would otherwise start a second, identical rebuild."""
        with contextlib.suppress(KeyError):
            server.unwatch(config.docs_dir)
        return server

    @event_priority(-110)  # after the i18n plugin's (-100), which builds the other languages from there
    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """Index the built site with Pagefind, then swap it in for a one-off build (once, after every language)."""
        if languages.inner_build(config) or self.state is None:
            return
        languages.restore_404(config)
        state = self.state
        others, site_dir = state.other_languages, state.site_dir
        parts = sitemap.write_parts(site_dir, config.site_url or "")
        if parts:
            log.info(
                f"Sitemap: more pages than search engines read from one file; sitemap.xml now lists {parts} "
                "parts (sitemap-1.xml …)"
            )
        bundles = search.bundle_folders(others)
        measured: dict[str, int] = {}

        def meanwhile() -> None:  # while Pagefind indexes the last language
            sitedir.drop_last_index(site_dir)  # every run has linked what it reuses
            sitefiles.wait(state)
            sitefiles.take_over_media(state)
            measured["bytes"] = sitedir.tree_bytes(site_dir, skip=[MEDIA, *bundles])
            fixed = [site_dir / name for name in FIXED_FOLDERS if (site_dir / name).is_dir()]
            measured["fixed"] = sum(sitedir.tree_bytes(folder) for folder in fixed)

        runs, state.search_runs = state.search_runs, {}
        try:
            index = search.index_site(
                site_dir, others, started=runs, meanwhile=meanwhile, previous=self._last_site(state)
            )
        except search.SearchIndexError as error:
            raise PluginError(f"search index failed, the previous site is kept: {error}") from None
        report.search_index(index)
        self._publish_elsewhere(state)
        photos_in_site = media.media_host_dir(state.project.root, state.outcome.catalog) is None
        report.sizes(
            state.outcome,
            state.project,
            measured.get("bytes", 0) + index.bytes,
            photos_in_site=photos_in_site,
            fixed_bytes=measured.get("fixed", 0),
        )
        if state.final_site is not None and site_dir != state.final_site:
            sitedir.swap_in(site_dir, state.final_site)
            state.media_taken_from = None  # the photos are in the site now in place
            log.info(f"Site ready in {state.final_site}")

    @staticmethod
    def _publish_elsewhere(state: BuildState) -> None:
        """Put the photos into the folder for their own host (``media_url``), once everything else worked."""
        catalog = state.outcome.catalog
        host_dir = media.media_host_dir(state.project.root, catalog)
        if host_dir is None or catalog is None:
            return
        urls = media.media_urls(state.outcome.image_sets.values())
        try:
            written = media.publish_for_host(state.project.cache_dir, urls, host_dir, state.outcome.published)
        except media.MissingPhotosError as error:
            raise PluginError(f"{error}: run `etalase media list`, then build again") from None
        log.info(
            f"Photos are published on {catalog.site.media_url}: {len(urls)} files, {written} new or changed in "
            f"{host_dir} (`etalase media upload` sends those the host lacks)"
        )
