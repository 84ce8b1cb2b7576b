"""Where a record's photo is: inside its record's folder, a regular file of sane size, or what is wrong with its path."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from etalase.model.problems import Msg
from etalase.photos.messages import (
    MSG_ABSOLUTE,
    MSG_BACKSLASH,
    MSG_LINK_OUT,
    MSG_NOT_FILE,
    MSG_PARENT,
    msg_missing,
    msg_too_big,
)
from etalase.photos.refs import PhotoRef

MAX_FILE_BYTES = 20 * 1024 * 1024  # size of a source photo file


@dataclass(frozen=True)
class Located:
    """A photo file that passed the path checks."""

    path: Path  # absolute, symlinks resolved
    stat: os.stat_result


def locate(root: Path, ref: PhotoRef, folders: dict[str, tuple[Path, Path]] | None = None) -> Located | Msg:
    """Return where ``ref``'s photo is, or what is wrong with its path.

    ``folders`` remembers each record folder and where it really is (symbolic links
    resolved) across the calls of one check.
    """
    name = ref.file.strip()
    if "\\" in name:
        return MSG_BACKSLASH
    relative = PurePosixPath(name)
    if relative.is_absolute() or re.match(r"^[A-Za-z]:", name):
        return MSG_ABSOLUTE
    if ".." in relative.parts:
        return MSG_PARENT
    folders = {} if folders is None else folders
    if (known := folders.get(source_folder := os.path.dirname(ref.source))) is None:
        folder = root / PurePosixPath(source_folder)
        known = folders[source_folder] = (folder, folder.resolve())
    folder, real_folder = known
    try:
        found = _below(real_folder, relative.parts)
        if found is None:  # through a symbolic link
            resolved = (folder / relative).resolve(strict=True)
            info = resolved.stat()
        else:
            resolved, info = found
    except (OSError, ValueError):  # ValueError: a NUL byte ("\0" in a quoted YAML name) is no file name
        return msg_missing(name, near_name(folder / relative))
    if found is None and not resolved.is_relative_to(real_folder):
        return MSG_LINK_OUT
    if not stat.S_ISREG(info.st_mode):
        return MSG_NOT_FILE
    if info.st_size > MAX_FILE_BYTES:
        return msg_too_big(info.st_size, MAX_FILE_BYTES)
    return Located(resolved, info)


def _below(real_folder: Path, parts: tuple[str, ...]) -> tuple[Path, os.stat_result] | None:
    """Return the path ``parts`` lead to from ``real_folder`` and its stat, when none of them is a symbolic link.

    Returns ``None`` at a symbolic link (``Path.resolve`` then follows it); raises
    ``OSError`` when a part is missing, as ``Path.resolve(strict=True)`` does.
    """
    current, info = str(real_folder), None
    for part in parts:
        current = os.path.join(current, part)
        info = os.lstat(current)
        if stat.S_ISLNK(info.st_mode):
            return None
    return Path(current), info if info is not None else os.stat(current)


def near_name(path: Path) -> str | None:
    """Return a file beside ``path`` whose name differs only in capital letters, if any."""
    try:
        names = sorted(p.name for p in path.parent.iterdir())
    except OSError:
        return None
    wanted = path.name.casefold()
    return next((n for n in names if n.casefold() == wanted and n != path.name), None)
