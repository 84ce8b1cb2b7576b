"""Atomic site output: build into a staging folder, swap it in only when everything worked.

A failed or interrupted build leaves the last good site in place.

Making a folder and a file for each of 13,000 pages costs far more on this machine's file
system than reading an unchanged file, so builds recycle: the replaced site becomes the
*spare* (``site.spare/``), which the next build takes as its staging folder. Before MkDocs
cleans that folder, ``hold`` moves the folders of the pages written from shells into a hidden
folder MkDocs leaves alone, and hands everything else to a process of its own to delete
(``discard``); ``put_back`` returns them, and the page writer then writes only the pages that
changed and deletes the ones that are gone (``shells.build_shelled``).

The photos (the builder's ``media`` folder) are taken over from the live site itself: tens of thousands of files that
rarely change, so the build moves the last site's photo folder into its staging folder near its
end and changes only what changed there. A build that fails after that gives the folder back;
one killed in that moment leaves it in the staging folder, and the next build's ``recover``
puts it back.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path


def staging_dir(site_dir: Path, kept: Iterable[str] = ()) -> Path:
    """Return the staging folder next to ``site_dir``: the spare site when there is one, else a
    leftover staging folder or a new one, made now. It may hold an earlier build's files: ``hold``
    sorts them. ``kept``: as for ``recover``."""
    recover(site_dir, kept)
    for trash in leftover_trash(site_dir):  # its deletion may still be under way: hand it on
        discard(trash, site_dir.name)
    staging = site_dir.with_name(site_dir.name + ".staging")
    spare = spare_dir(site_dir)
    if spare.is_dir():
        if staging.exists():
            discard(staging, site_dir.name)
        os.replace(spare, staging)
    staging.mkdir(parents=True, exist_ok=True)  # it exists from here on: every later step may rely on that
    return staging


def spare_dir(site_dir: Path) -> Path:
    """Return where the site a build replaced waits to be recycled by the next build."""
    return site_dir.with_name(site_dir.name + ".spare")


HELD = ".etalase-held"  # hidden: MkDocs' clean_directory leaves names starting with a dot


LAST_INDEX = ".etalase-last-index"  # hidden too: the last search bundles, for the next index to reuse


def hold(site_dir: Path, folders: Iterable[str], keep: Iterable[str] = (), bundles: Iterable[str] = ()) -> None:
    """Sort an earlier build's ``site_dir`` before this build: move ``folders`` (paths relative to
    it, such as ``produk`` or ``en/produk``) into the hidden ``HELD`` folder for ``put_back``,
    move ``bundles`` (search bundles: ``pagefind``, ``en/pagefind``) to the same paths under the
    hidden ``LAST_INDEX`` folder, for the search index to reuse (``drop_last_index`` after), leave
    ``keep`` (top-level names) where they are, and hand everything else to ``discard``.

    Anything a build left held (it stopped before ``put_back``) is put back first, so it is held
    again; a ``LAST_INDEX`` a build left is discarded.
    """
    put_back(site_dir)
    drop_last_index(site_dir)
    if not site_dir.is_dir():
        return
    held = site_dir / HELD
    for rel in folders:
        source = site_dir / rel
        if source.is_dir() and not source.is_symlink():
            held.mkdir(exist_ok=True)
            os.replace(source, held / _held_name(rel))
    for rel in bundles:
        source = site_dir / rel
        if source.is_dir() and not source.is_symlink():
            target = site_dir / LAST_INDEX / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)
    kept = {HELD, LAST_INDEX, *keep}
    leaving = [entry for entry in site_dir.iterdir() if entry.name not in kept]
    if leaving:
        _discard_from(site_dir, leaving)


def put_back(site_dir: Path) -> list[str]:
    """Move the folders ``hold`` set aside back to their places in ``site_dir`` (where nothing
    took their place); discard the rest of the hidden folder. Returns the folders put back."""
    held = site_dir / HELD
    if not held.is_dir():
        return []
    back = []
    for entry in sorted(held.iterdir()):
        rel = entry.name.replace(_SLASH, "/")
        target = site_dir / rel
        if not target.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(entry, target)
            back.append(rel)
    if any(held.iterdir()):
        _discard_from(site_dir, [held])
    else:
        held.rmdir()
    return back


def last_index(site_dir: Path) -> Path | None:
    """Return the folder ``hold`` moved the last search bundles to, if there is one."""
    folder = site_dir / LAST_INDEX
    return folder if folder.is_dir() else None


def drop_last_index(site_dir: Path) -> None:
    """Hand the last search bundles ``hold`` set aside to ``discard`` (once the index reused them)."""
    folder = site_dir / LAST_INDEX
    if folder.is_dir() and not folder.is_symlink():
        _discard_from(site_dir, [folder])


def _discard_from(site_dir: Path, entries: Iterable[Path]) -> None:
    """Move ``entries`` of ``site_dir`` into one folder beside it and ``discard`` that."""
    trash = site_dir.with_name(f"{site_dir.name}.leaving-{os.getpid()}-{time.monotonic_ns()}")
    trash.mkdir()
    for entry in entries:
        os.replace(entry, trash / entry.name)
    discard(trash, site_dir.name)


_SLASH = "~"  # a held folder's name stands for its path: ``en~produk`` is ``en/produk``


def _held_name(rel: str) -> str:
    return rel.strip("/").replace("/", _SLASH)


def recover(site_dir: Path, kept: Iterable[str] = ()) -> None:
    """Put the last good site back if a build was stopped between the two renames of ``swap_in``,
    and the folders ``kept`` (the photos) back if a build was stopped after moving them into its
    staging folder."""
    old = site_dir.with_name(site_dir.name + ".old")
    if old.is_dir() and not site_dir.exists():
        os.replace(old, site_dir)
    staging = site_dir.with_name(site_dir.name + ".staging")
    for name in kept:
        move_folder(staging, site_dir, name)


def move_folder(source_site: Path, target_site: Path, name: str) -> bool:
    """Move the folder ``name`` from ``source_site`` into ``target_site`` (one rename) when only the
    source has one and the target site exists; return whether it moved."""
    source, target = source_site / name, target_site / name
    if not source.is_dir() or source.is_symlink() or target.exists() or not target_site.is_dir():
        return False
    os.replace(source, target)
    return True


def swap_in(staging: Path, site_dir: Path) -> None:
    """Replace ``site_dir`` by ``staging`` with two renames; the old site then becomes the spare
    that the next build recycles (``staging_dir``)."""
    old = site_dir.with_name(site_dir.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if site_dir.exists():
        os.replace(site_dir, old)
    os.replace(staging, site_dir)
    if old.exists():
        spare = spare_dir(site_dir)
        if spare.exists():
            discard(spare, site_dir.name)
        os.replace(old, spare)


TRASH = ".trash-"  # ``site.trash-<pid>-<n>``: an old site being deleted


def discard(folder: Path, site_name: str) -> Path:
    """Rename ``folder`` to a trash name of the site ``site_name`` next to it and delete it in a
    process of its own, which this one does not wait for (a large old site takes seconds to
    delete; the new one is ready). Returns the trash path. Without a way to start that process
    the folder is deleted here."""
    trash = folder.with_name(f"{site_name}{TRASH}{os.getpid()}-{time.monotonic_ns()}")
    try:
        os.replace(folder, trash)
    except FileNotFoundError:  # gone already: an earlier build's deleter finished it meanwhile
        return trash
    code = "import shutil, sys; shutil.rmtree(sys.argv[1], ignore_errors=True)"
    try:
        subprocess.Popen(
            [sys.executable, "-c", code, str(trash)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        shutil.rmtree(trash, ignore_errors=True)
    return trash


def leftover_trash(site_dir: Path) -> list[Path]:
    """Return old sites next to ``site_dir`` whose deletion was cut short (the machine stopped)."""
    return sorted(site_dir.parent.glob(f"{site_dir.name}{TRASH}*"))


def tree_bytes(folder: Path, skip: Iterable[str] = ()) -> int:
    """Return the bytes of the files under ``folder``, leaving out the subfolders ``skip`` names
    (paths relative to ``folder``, such as ``media`` or ``en/pagefind``)."""
    left_out = {os.path.normpath(os.path.join(folder, rel)) for rel in skip}
    total = 0
    pending = [str(folder)]
    while pending:
        with os.scandir(pending.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    if entry.path not in left_out:
                        pending.append(entry.path)
                elif entry.is_file(follow_symlinks=False):
                    total += entry.stat(follow_symlinks=False).st_size
    return total
