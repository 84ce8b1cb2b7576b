"""Atomic site output: build into a staging folder, swap it in only when everything worked.

A failed or interrupted build leaves the last good site in place. The replaced site is
deleted by a process of its own after the swap (``discard``), so the build does not wait for it.
The photos (``KEPT``) are the exception: tens of thousands of files that rarely change, so the
build moves the last site's photo folder into its staging folder near its end and changes only
what changed there. A build that fails after that gives the folder back; one killed in that
moment leaves it in the staging folder, and the next build's ``recover`` puts it back.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterable
from pathlib import Path


def staging_dir(site_dir: Path) -> Path:
    """Return an empty staging folder next to ``site_dir`` (removing a leftover one)."""
    recover(site_dir)
    for trash in leftover_trash(site_dir):  # its deletion may still be under way: hand it on
        discard(trash, site_dir.name)
    staging = site_dir.with_name(site_dir.name + ".staging")
    if staging.exists():
        shutil.rmtree(staging)
    return staging


def recover(site_dir: Path) -> None:
    """Put the last good site back if a build was stopped between the two renames of ``swap_in``,
    and its photos (``KEPT``) back if a build was stopped after moving them into its staging folder."""
    old = site_dir.with_name(site_dir.name + ".old")
    if old.is_dir() and not site_dir.exists():
        os.replace(old, site_dir)
    staging = site_dir.with_name(site_dir.name + ".staging")
    for name in KEPT:
        if (staging / name).is_dir() and site_dir.is_dir() and not (site_dir / name).exists():
            os.replace(staging / name, site_dir / name)


KEPT = ("media",)  # folders a new build takes over from the last site instead of writing them again


def swap_in(staging: Path, site_dir: Path) -> None:
    """Replace ``site_dir`` by ``staging`` with two renames; the old site is then discarded."""
    old = site_dir.with_name(site_dir.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if site_dir.exists():
        os.replace(site_dir, old)
    os.replace(staging, site_dir)
    if old.exists():
        discard(old, site_dir.name)


def empty(site_dir: Path, keep: Iterable[str] = ()) -> None:
    """Leave ``site_dir`` holding only its entries named in ``keep``, at once: the rest is
    deleted by a process of its own.

    For ``mkdocs serve``, which builds every time into the same folder and would otherwise
    delete the last build's thousands of files before building again.
    """
    kept = set(keep)
    if not site_dir.is_dir():
        return
    leaving = [entry for entry in site_dir.iterdir() if entry.name not in kept]
    if not leaving:
        return
    trash = site_dir.with_name(f"{site_dir.name}.emptied-{os.getpid()}-{time.monotonic_ns()}")
    trash.mkdir()
    for entry in leaving:
        os.replace(entry, trash / entry.name)
    discard(trash, site_dir.name)


TRASH = ".trash-"  # ``site.trash-<pid>-<n>``: an old site being deleted


def discard(folder: Path, site_name: str) -> Path:
    """Rename ``folder`` to a trash name of the site ``site_name`` next to it and delete it in a
    process of its own, which this one does not wait for (a large old site takes seconds to
    delete; the new one is ready). Returns the trash path. Without a way to start that process
    the folder is deleted here."""
    trash = folder.with_name(f"{site_name}{TRASH}{os.getpid()}-{time.monotonic_ns()}")
    os.replace(folder, trash)
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
