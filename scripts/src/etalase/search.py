"""Search index stage: run Pagefind over a built site.

Reads the HTML of a built site folder; writes ``pagefind/`` into it and returns how long
indexing took and how big the index is. The binary comes from the ``pagefind-bin``
package, so nothing is downloaded at build time.
"""

from __future__ import annotations

import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from pagefind_bin import get_executable

from . import stable_index


@dataclass(frozen=True)
class SearchIndex:
    """The result of indexing: pages indexed, index bytes and seconds taken."""

    pages: int
    bytes: int
    seconds: float


class SearchIndexError(RuntimeError):
    """Pagefind failed; the message holds what it printed."""


def index_site(site_dir: Path) -> SearchIndex:
    """Index the HTML in ``site_dir`` into ``site_dir/pagefind``; raise ``SearchIndexError`` on failure."""
    start = time.perf_counter()
    command = [str(get_executable()), "--site", str(site_dir), "--output-subdir", "pagefind"]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SearchIndexError((result.stdout + result.stderr).strip()[-2000:])
    index_dir = site_dir / "pagefind"
    stable_index.stabilise(index_dir)  # same site, same index bytes (Pagefind orders filters at random)
    seconds = time.perf_counter() - start
    size = sum(p.stat().st_size for p in index_dir.rglob("*") if p.is_file())
    pages = _indexed_pages(result.stdout)
    return SearchIndex(pages, size, round(seconds, 2))


def _indexed_pages(output: str) -> int:
    """Return the page count Pagefind reports ("Indexed N pages"), or 0."""
    for line in output.splitlines():
        words = line.strip().split()
        if len(words) >= 3 and words[0] == "Indexed" and words[2].startswith("page") and words[1].isdigit():
            return int(words[1])
    return 0
