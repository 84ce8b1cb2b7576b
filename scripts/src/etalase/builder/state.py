"""What one build carries from one MkDocs event to the next, kept on the plugin object."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkdocs.structure.files import File
from mkdocs.structure.nav import Navigation

from etalase import search
from etalase.incremental import parallel
from etalase.incremental.shortcuts import Shortcuts
from etalase.pipeline import Outcome, Project
from etalase.render.links import BASE_LANG

ONE_OFF_COMMANDS = frozenset({"build", "gh-deploy"})  # built into a staging folder and swapped in


@dataclass
class BuildState:
    """One build: the generated catalogue, where the site goes, and the work under way beside MkDocs."""

    project: Project
    outcome: Outcome
    one_off: bool  # a build swapped into place (``build``), not a ``serve`` rebuild
    site_dir: Path  # where this build writes: the staging folder of a one-off build
    final_site: Path | None = None  # the live site a one-off build replaces
    content_date: dt.date | None = None  # the newest ``last_verified``: the date of every page
    search_runs: dict[str, search.IndexRun] = field(default_factory=dict)  # Pagefind, one run per language
    site_files: parallel.Started | None = None  # the files that are not pages, written by a second process
    take_over_media: bool = False  # the last site's photo folder is moved over near the end
    media_taken_from: Path | None = None  # … and was: give it back if the build fails
    sections: list[Any] | None = None  # product and IKM pages kept from the i18n plugin (on_files → on_nav)
    shelled: list[File] | None = None  # pages taken out of MkDocs' loop (on_nav → on_env)
    nav: Navigation | None = None

    @property
    def shortcuts(self) -> Shortcuts:
        """Return the build's shortcuts switch."""
        return self.project.shortcuts

    @property
    def other_languages(self) -> list[str]:
        """Return the project's languages other than the base one (each built under ``<lang>/``)."""
        return [lang for lang in self.project.languages if lang != BASE_LANG]

    @property
    def replaced_site(self) -> Path | None:
        """Return the live site this build will replace, when it builds into a folder of its own."""
        final = self.final_site
        return final if final is not None and final != self.site_dir and final.is_dir() else None
