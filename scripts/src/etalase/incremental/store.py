"""One store for every cache: a JSON document under ``build/cache/``, written atomically.

Every cache of a build (the photo manifest, the render cache's page keys, the page shells'
memos) is a ``Store``: a file holding ``{"format", "scope", "data"}``. ``load`` gives the
data back only when the file is whole, of this store format and written for the same
``scope`` (the docs folder, the code's digest …); anything else reads as empty, so a stale
or foreign cache costs a rebuild, never a wrong page. ``save`` writes a new file and renames
it over the old one, so a reader sees the old document or the whole new one, never half.

``digest`` is the one hash of cache keys. (The names of published photo files are SHA-256
content hashes: ``photos/imagecache.make_key``; they are part of the site's URLs, not a cache.)
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

STORE_FORMAT = 2  # bump when the layout of a store file changes: every cache then starts empty

log = logging.getLogger(__name__)


def digest(parts: Iterable[str | bytes]) -> str:
    """Return a hex digest of ``parts``, each length-prefixed so that no two lists collide."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def stamp(path: str | Path) -> list[int] | None:
    """Return the size and modification time (ns) of the file at ``path``, or ``None`` if there is none."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns]


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the whole new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


@dataclass(frozen=True)
class Store:
    """A cache file at ``path`` whose data counts only for ``scope``."""

    path: Path
    scope: str = ""

    def load(self) -> dict[str, Any]:
        """Return the stored data, or ``{}`` when the file is missing, unreadable, of another format or scope."""
        try:
            document = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(document, dict) or document.get("format") != STORE_FORMAT:
            return {}
        data = document.get("data")
        if document.get("scope") != self.scope or not isinstance(data, dict):
            return {}
        return data

    def save(self, data: dict[str, Any]) -> bool:
        """Write ``data``; return whether it could be written (a cache that cannot be saved only costs time)."""
        document = {"format": STORE_FORMAT, "scope": self.scope, "data": data}
        try:
            atomic_write(self.path, json.dumps(document, separators=(",", ":")).encode("utf-8"))
        except OSError:
            log.warning("could not write the cache %s: the next build redoes its work", self.path, exc_info=True)
            return False
        return True
