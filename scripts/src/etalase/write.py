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

MANAGED_ELSEWHERE = ("media",)


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
    """Delete generated files under ``docs_dir`` that are not among ``paths`` (docs-relative); return how many."""
    return _remove_stale(docs_dir, {docs_dir / safe_relative(rel) for rel in paths})


def _remove_stale(docs_dir: Path, wanted: set[Path]) -> int:
    """Delete generated files not in ``wanted``, then empty folders; never look inside ``media/``.

    Walks with ``os.walk`` and skips the photo folders without listing them: on a large
    catalogue they hold most of the files.
    """
    keep = {str(path) for path in wanted}
    entries: list[tuple[str, bool]] = []
    for folder, dirs, files in os.walk(docs_dir):
        if folder == str(docs_dir):
            dirs[:] = [d for d in dirs if d not in MANAGED_ELSEWHERE]
            files = [f for f in files if f not in MANAGED_ELSEWHERE]
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
    return removed


def _empty(folder: str) -> bool:
    with os.scandir(folder) as entries:
        return not any(entries)
