"""Search index stage: Pagefind over the built site, one bundle per language.

- ``index``: run Pagefind over each language's pages (the base language can start early);
- ``reuse``: link the last index's page fragments in, so only changed pages' are written (a shortcut);
- ``stable_index``: the bundle's layout, and the same bytes for the same site.
"""

from etalase.search.index import (
    IndexRun,
    SearchIndex,
    SearchIndexError,
    bundle_folders,
    finish_index,
    index_site,
    language_runs,
    root_language_glob,
    start_index,
    stop_index,
)
from etalase.search.reuse import previous_bundle, reuse_fragments, settle_fragments

__all__ = [
    "IndexRun",
    "SearchIndex",
    "SearchIndexError",
    "bundle_folders",
    "finish_index",
    "index_site",
    "language_runs",
    "previous_bundle",
    "reuse_fragments",
    "root_language_glob",
    "settle_fragments",
    "start_index",
    "stop_index",
]
