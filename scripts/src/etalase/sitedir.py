"""Atomic site output: build into a staging folder, swap it in only when everything worked.

A failed or interrupted build leaves the last good site in place.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from pathlib import Path


def staging_dir(site_dir: Path) -> Path:
    """Return an empty staging folder next to ``site_dir`` (removing a leftover one)."""
    recover(site_dir)
    staging = site_dir.with_name(site_dir.name + ".staging")
    if staging.exists():
        shutil.rmtree(staging)
    return staging


def recover(site_dir: Path) -> None:
    """Put the last good site back if a build was stopped between the two renames of ``swap_in``."""
    old = site_dir.with_name(site_dir.name + ".old")
    if old.is_dir() and not site_dir.exists():
        os.replace(old, site_dir)


def swap_in(staging: Path, site_dir: Path) -> None:
    """Replace ``site_dir`` by ``staging`` with two renames; the old site is then removed."""
    old = site_dir.with_name(site_dir.name + ".old")
    if old.exists():
        shutil.rmtree(old)
    if site_dir.exists():
        os.replace(site_dir, old)
    os.replace(staging, site_dir)
    if old.exists():
        shutil.rmtree(old)


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
