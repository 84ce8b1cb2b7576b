"""Fragment reuse: the last index's page fragments are linked into the new bundle, so Pagefind writes only those of changed pages."""

from __future__ import annotations

import os
from pathlib import Path
from urllib.parse import unquote

from etalase.search import stable_index
from etalase.search.stable_index import BUNDLE, FRAGMENTS


def previous_bundle(site_dir: Path, folder: Path, previous: Path | None) -> Path | None:
    """Return the bundle in the last site ``previous`` of the pages ``folder`` of ``site_dir`` holds."""
    return previous / folder.relative_to(site_dir) / BUNDLE if previous is not None else None


def reuse_fragments(previous: Path, bundle: Path) -> frozenset[str]:
    """Link the page fragments of the last site's bundle ``previous`` into ``bundle`` before
    Pagefind writes it; return the names of the files linked.

    A fragment is named by a hash of its contents, and Pagefind does not write one whose file is
    already there: it then compresses and writes only the fragments of pages that changed (at
    5,000 products writing them all took 2–3 s of each language's run). ``settle_fragments``
    removes those no longer used and checks the rest. Hard links: the last site is not changed
    and nothing is copied; where links cannot be made (another file system), fewer are reused.
    """
    source, target = previous / FRAGMENTS, bundle / FRAGMENTS
    if not source.is_dir() or source.is_symlink():
        return frozenset()
    linked = []
    try:
        target.mkdir(parents=True, exist_ok=True)
        with os.scandir(source) as entries:
            for entry in entries:
                if entry.is_file(follow_symlinks=False) and not entry.name.startswith("."):
                    os.link(entry.path, target / entry.name)
                    linked.append(entry.name)
    except OSError:
        pass
    return frozenset(linked)


def settle_fragments(bundle: Path, folder: Path) -> frozenset[str] | None:
    """Delete the fragments of ``bundle`` its index does not name; return the names of those it
    names (file names), or ``None`` unless every one is the page of ``folder`` it stands for.

    Pagefind names a fragment by the first 7 hex digits of its hash; a changed page whose new
    name is that of another page's old, reused fragment would be shown as that page. Each page's
    fragment holds its address, so the check is that no two named fragments share an address and
    that each address is a page in ``folder``. ``None`` also when the index's layout is unknown.
    """
    named = stable_index.fragment_names(bundle)
    fragments = bundle / FRAGMENTS
    if named is None or not fragments.is_dir():
        return None
    wanted = frozenset(f"{name}.pf_fragment" for name in named)
    with os.scandir(fragments) as entries:
        for entry in entries:
            if entry.name not in wanted:
                os.unlink(entry.path)
    addresses = set()
    for name in wanted:
        address = stable_index.fragment_url(fragments / name)
        if address is None or address in addresses or not _page_exists(folder, address):
            return None
        addresses.add(address)
    return wanted


def _page_exists(folder: Path, address: str) -> bool:
    """Return whether the page Pagefind addresses as ``address`` is a file in ``folder``."""
    path = unquote(address.split("#", 1)[0]).lstrip("/")
    if ".." in path.split("/"):
        return False
    if path == "" or path.endswith("/"):
        path += "index.html"
    return (folder / path).is_file()
