"""The shell memo: shelled pages the last build into a site folder wrote, left as they are."""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from mkdocs.structure.files import File

from etalase.incremental.store import Store, digest, stamp


class Checked(Protocol):
    """A layout of this build as the memo sees it: the digest of its shell once checked, else ``""``."""

    digest: str


def memo_file(cache_dir: Path, site_root: Path, lang: str) -> Path:
    """Return the memo of ``lang``'s pages in the site folder ``site_root``.

    Builds recycle site folders in turn (``sitedir``: the site, its spare, the staging folder),
    so the memo is named after the folder itself (device and inode), which its renames keep.
    """
    info = os.stat(site_root)
    return cache_dir / f"{lang}-{info.st_dev}-{info.st_ino}.json"


@dataclass
class ShellMemo:
    """What the last build into a site folder wrote for each page: ``pages`` maps its source to its
    markdown's size and modification time, its layout (without the language links), and its
    HTML's size and modification time; ``shells`` maps each layout to its shell's digest.

    A page whose markdown and HTML are as recorded, and whose layout's shell is this build's
    too, is that shell filled with that markdown already: it is neither read nor written again.
    ``code`` is the code's digest (pagecache.code_key): other code, no page is left as it is.
    """

    file: Path
    code: str
    pages: dict[str, list[Any]] = field(default_factory=dict)
    shells: dict[str, str] = field(default_factory=dict)

    @classmethod
    def load(cls, file: Path, code: str) -> ShellMemo:
        """Return the memo in ``file``; an empty one when it is missing, unreadable or of other code."""
        data = Store(file, scope=code).load()
        pages, shells = data.get("pages"), data.get("shells")
        if not isinstance(pages, dict) or not isinstance(shells, dict):
            return cls(file, code)
        return cls(file, code, pages, shells)

    def kept(self, file: File, layouts: Mapping[str, Checked]) -> bool:
        """Return whether ``file``'s page is on disk as this build would write it (``layouts``: this
        build's layouts so far, by digest)."""
        record = self.pages.get(file.src_uri)
        if not isinstance(record, list) or len(record) != 5 or not isinstance(record[2], str):
            return False
        full = digest([record[2], repr(alternates(file))])
        layout = layouts.get(full)
        if layout is None or not layout.digest or layout.digest != self.shells.get(full):  # unchecked: no digest
            return False
        return stamp(file.abs_src_path or "") == record[:2] and stamp(file.abs_dest_path) == record[3:]

    def save(self, taken: Iterable[File], layouts: Mapping[str, Checked], sources: Mapping[str, str | None]) -> None:
        """Record every page of ``taken`` as now on disk; ``sources``: each page's layout digest
        without the language links (``None``: not filled from a shell)."""
        pages: dict[str, list[Any]] = {}
        for file in taken:
            source = sources.get(file.src_uri)
            markdown, html = stamp(file.abs_src_path or ""), stamp(file.abs_dest_path)
            if source is not None and markdown is not None and html is not None:
                pages[file.src_uri] = [*markdown, source, *html]
        shells = {key: layout.digest for key, layout in layouts.items() if layout.digest}
        Store(self.file, scope=self.code).save({"pages": pages, "shells": shells})
        _prune(self.file)


MEMOS_KEPT = 4  # per language: the site, its spare and the staging folder, and one more


def _prune(file: Path) -> None:
    """Delete all but the newest ``MEMOS_KEPT`` memos of ``file``'s language (folders long gone)."""
    lang = file.name.split("-", 1)[0]
    memos = sorted(file.parent.glob(f"{lang}-*.json"), key=lambda p: p.stat().st_mtime_ns, reverse=True)
    for old in memos[MEMOS_KEPT:]:
        old.unlink(missing_ok=True)


def alternates(file: File) -> tuple[Any, ...]:
    return tuple(sorted(getattr(file, "alternates", None) or ()))
