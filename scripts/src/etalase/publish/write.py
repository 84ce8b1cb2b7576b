"""Write stage: put generated pages into the docs folder, touching only what changed.

Reads a mapping of docs-relative paths to contents; writes files whose content differs,
removes generated files that are no longer produced (leaving ``media/``, which the
images stage manages), and returns counts. Unchanged files keep their mtime, so
``mkdocs serve`` and the build's caches see no change.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from etalase.photos.refs import MEDIA

MANAGED_ELSEWHERE = (MEDIA,)


@dataclass(frozen=True)
class WriteReport:
    """How many generated files were written, left alone and removed."""

    written: int
    unchanged: int
    removed: int


def safe_relative(path: str) -> PurePosixPath:
    """Return ``path`` as a relative posix path; raise ``ValueError`` if it could leave its folder."""
    pure = PurePosixPath(path)
    if pure.is_absolute() or ".." in pure.parts or not pure.parts or "\\" in path:
        raise ValueError(f"generated path {path!r} would leave the docs folder")
    return pure


def write_pages(pages: Mapping[str, str], docs_dir: Path) -> WriteReport:
    """Write ``pages`` under ``docs_dir`` when changed and remove stale generated files."""
    report = write_changed(pages, docs_dir)
    removed = remove_stale(docs_dir, pages)
    return WriteReport(report.written, report.unchanged, removed)


def write_changed(pages: Mapping[str, str], docs_dir: Path) -> WriteReport:
    """Write each of ``pages`` (docs-relative path → content) whose file differs; remove nothing.

    Returns the counts (``removed`` is 0). Pages of other callers may share ``docs_dir``
    as long as no two callers write the same path.
    """
    docs_dir.mkdir(parents=True, exist_ok=True)
    written = unchanged = 0
    for rel, content in sorted(pages.items()):
        target = docs_dir / safe_relative(rel)
        data = content.encode("utf-8")
        if _holds(target, data):
            unchanged += 1
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(f".{target.name}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, target)
        written += 1
    return WriteReport(written, unchanged, 0)


def _holds(target: Path, data: bytes) -> bool:
    """Return whether ``target`` is a regular file holding exactly ``data`` (one open, no separate stat)."""
    try:
        fd = os.open(target, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a FIFO must not block the build
    except OSError:
        return False
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size != len(data):
            return False
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read() == data
    except OSError:
        return False
    finally:
        os.close(fd)


def remove_stale(docs_dir: Path, paths: Iterable[str]) -> int:
    """Delete generated files under ``docs_dir`` that are not among ``paths`` (docs-relative); return how many.

    Never looks inside ``media/``: on a large catalogue the photo folders hold most of the files.
    """
    keep = {str(docs_dir / safe_relative(rel)) for rel in paths}
    return remove_unlisted(docs_dir, keep, skip=MANAGED_ELSEWHERE)


def remove_unlisted(root: Path, keep: set[str], skip: Iterable[str] = (), *, and_root: bool = False) -> int:
    """Delete the files under ``root`` whose path (``root`` joined with its parts, as a string) is
    not in ``keep``, then the folders left empty (``root`` too with ``and_root``); leave hidden
    entries and the top-level names in ``skip`` alone (without listing them). Returns how many
    files went."""
    if not root.is_dir() or root.is_symlink():
        return 0
    skipped = set(skip)
    entries: list[tuple[str, bool]] = []
    for folder, dirs, files in os.walk(root):
        if folder == str(root):
            dirs[:] = [d for d in dirs if d not in skipped]
            files = [f for f in files if f not in skipped]
        entries += [(os.path.join(folder, name), True) for name in dirs]
        entries += [(os.path.join(folder, name), False) for name in files]
    removed = 0
    for path, is_dir in sorted(entries, reverse=True):
        if os.path.basename(path).startswith("."):
            continue
        if not is_dir and path not in keep:
            os.unlink(path)
            removed += 1
        elif is_dir and not os.path.islink(path) and _empty(path):
            os.rmdir(path)
    if and_root and _empty(str(root)):
        root.rmdir()
    return removed


def _empty(folder: str) -> bool:
    with os.scandir(folder) as entries:
        return not any(entries)
