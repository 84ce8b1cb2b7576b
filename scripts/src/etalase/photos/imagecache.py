"""Image cache: content hashes of source photos and the output files made from them.

Layout under the cache directory (the build uses ``build/cache/images``)::

    manifest.json               path -> (size, mtime, sha256) and sha256 -> check verdict
    media/<key[:12]>/640.webp   output files, laid out exactly as they are published
    media/<key[:12]>/meta.json  the full key and the pixel size of each file
    published.json              the photo files on the media host (site.yml's media_url)

A key is the SHA-256 of the source's content hash plus every setting that shapes an
output, so an output is reused exactly when it would come out the same.

The *index* (``manifest.json`` and the ``meta.json`` files) is what a build needs to know which
outputs exist. With a media host, a group whose files are all on the host (``published.json``,
written by ``etalase media list`` and ``upload`` from the bucket's listing) counts as made even
when its files are not here: a CI runner keeps only the index between deployments (megabytes,
where the files are gigabytes) and makes only the photos that are new.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import time
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from etalase.incremental.store import Store, atomic_write
from etalase.photos.refs import MEDIA

MANIFEST = "manifest.json"
META = "meta.json"
PUBLISHED = "published.json"
KEY_CHARS = 12
SETTLED_NS = 3_000_000_000  # a group folder changed more recently than this is read again next time
_FORMAT = 1

log = logging.getLogger(__name__)

FileInfo = tuple[str, int, int]  # file name, width, height


def make_key(*parts: object) -> str:
    """Return a hex SHA-256 of ``parts`` (JSON-serialisable values)."""
    text = json.dumps(parts, sort_keys=True, separators=(",", ":"), default=list)
    return hashlib.sha256(text.encode()).hexdigest()


def group_url(key: str, name: str) -> str:
    """Return the site-relative URL of file ``name`` of the output group ``key``."""
    return f"{MEDIA}/{key[:KEY_CHARS]}/{name}"


def digest_file(path: Path) -> str:
    """Return the hex SHA-256 of the file at ``path``."""
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def digest_bytes(data: bytes) -> str:
    """Return the hex SHA-256 of ``data``."""
    return hashlib.sha256(data).hexdigest()


def read_group(cache_dir: Path, key: str, published: Container[str] = frozenset()) -> tuple[FileInfo, ...] | None:
    """Return the files of output group ``key`` when each of them is in the cache or, named by
    its URL, in ``published`` (on the media host); else None."""
    found = _group_files(cache_dir, key)
    if found is None:
        return None
    files, present = found
    if not all(name in present or group_url(key, name) in published for name, _, _ in files):
        return None
    return files


def _group_files(cache_dir: Path, key: str) -> tuple[tuple[FileInfo, ...], set[str]] | None:
    """Return the files group ``key``'s meta file names and the names of those in its folder, or
    None when the folder or its meta file is missing or of another key."""
    folder = os.path.join(cache_dir, MEDIA, key[:KEY_CHARS])
    try:
        with os.scandir(folder) as entries:  # one listing instead of a stat per file
            present = {entry.name for entry in entries if entry.is_file()}
        with open(os.path.join(folder, META), encoding="utf-8") as handle:
            meta = json.loads(handle.read())
    except (OSError, ValueError):
        return None
    if not isinstance(meta, dict) or meta.get("key") != key:
        return None
    try:
        files = tuple((str(name), int(w), int(h)) for name, w, h in meta["files"])
    except (KeyError, TypeError, ValueError):
        return None
    return (files, present) if files else None


def all_local(cache_dir: Path, key: str) -> bool:
    """Return whether every file of output group ``key`` is in the cache (not only on the media host)."""
    found = _group_files(cache_dir, key)
    return found is not None and all(name in found[1] for name, _, _ in found[0])


def write_group(cache_dir: Path, key: str, files: Iterable[tuple[str, bytes, int, int]]) -> int:
    """Write the files of output group ``key`` (name, data, width, height), then its meta file.

    The meta file is written last, so a group interrupted halfway is never reused.
    Returns the number of files written.
    """
    folder = cache_dir / MEDIA / key[:KEY_CHARS]
    infos = []
    for name, data, width, height in files:
        atomic_write(folder / name, data)
        infos.append((name, width, height))
    meta = {"key": key, "files": infos}
    atomic_write(folder / META, json.dumps(meta, indent=1).encode())
    return len(infos)


def prune(cache_dir: Path, keep_urls: Iterable[str]) -> int:
    """Remove output groups whose files none of ``keep_urls`` names; return how many."""
    keep = {url.split("/")[1] for url in keep_urls if url.startswith(f"{MEDIA}/")}
    removed = 0
    media = cache_dir / MEDIA
    if not media.is_dir():
        return 0
    for folder in sorted(media.iterdir()):
        if folder.is_dir() and folder.name not in keep:
            shutil.rmtree(folder)
            removed += 1
    return removed


def _remembered(entry: Any, mtime: int) -> tuple[FileInfo, ...] | None:
    """Return the files of a remembered group entry ``[mtime_ns, files]`` when its mtime is ``mtime``."""
    try:
        if entry[0] != mtime:
            return None
        files = tuple((str(name), int(w), int(h)) for name, w, h in entry[1])
    except (IndexError, KeyError, TypeError, ValueError):
        return None
    return files or None


@dataclass
class Manifest:
    """What earlier builds learnt: content hashes by file stat, and check verdicts by hash.

    ``files`` maps an absolute path to ``[size, mtime_ns, sha256]``; ``checks`` maps a
    sha256 to ``{"limits": ..., "ok": bool, ...}``, where ``"groups"`` maps the key of each
    output group made from that source to ``[folder mtime_ns, files]`` (see ``groups``).
    """

    path: Path | None
    files: dict[str, list[Any]] = field(default_factory=dict)
    checks: dict[str, dict[str, Any]] = field(default_factory=dict)
    changed: bool = False

    @classmethod
    def load(cls, cache_dir: Path | None) -> Manifest:
        """Return the manifest in ``cache_dir`` (empty when missing or unreadable; None: no cache)."""
        if cache_dir is None:
            return cls(None)
        path = cache_dir / MANIFEST
        data = _store(path).load()
        files, checks = data.get("files"), data.get("checks")
        if not isinstance(files, dict) or not isinstance(checks, dict):
            return cls(path)
        return cls(path, files, checks)

    def digest(self, path: Path, stat: os.stat_result) -> str:
        """Return the content hash of ``path``, reading the file only when its size or mtime changed."""
        known = self.files.get(str(path))
        if known and known[0] == stat.st_size and known[1] == stat.st_mtime_ns:
            return str(known[2])
        digest = digest_file(path)
        self.files[str(path)] = [stat.st_size, stat.st_mtime_ns, digest]
        self.changed = True
        return digest

    def verdict(self, digest: str, limits: str) -> dict[str, Any] | None:
        """Return the check verdict for content ``digest`` under ``limits``, if one is known."""
        known = self.checks.get(digest)
        return known if known and known.get("limits") == limits else None

    def groups(
        self, cache_dir: Path, digest: str, keys: Iterable[str], published: Container[str] = frozenset()
    ) -> dict[str, tuple[FileInfo, ...] | None]:
        """Return ``read_group`` of each of ``keys`` (groups made from the source ``digest``).

        A group is not read again when its folder's mtime is the one remembered with the
        verdict of ``digest``: a file added, removed or renamed there changes it. Folders
        changed in the last ``SETTLED_NS`` are not remembered (an mtime is coarse), nor groups
        some of whose files are only on the media host (``published``, read afresh each build).
        Only ``keys`` stay remembered.
        """
        verdict = self.checks.get(digest)
        known = verdict.get("groups") if verdict is not None else None
        known = known if isinstance(known, dict) else {}
        found: dict[str, tuple[FileInfo, ...] | None] = {}
        kept: dict[str, list[Any]] = {}
        now = time.time_ns()
        for key in keys:
            try:
                mtime = os.stat(os.path.join(cache_dir, MEDIA, key[:KEY_CHARS])).st_mtime_ns
            except OSError:
                found[key] = None
                continue
            files = _remembered(known.get(key), mtime)
            local = files is not None
            if files is None:
                files = read_group(cache_dir, key)
                local = files is not None
                if files is None and published:
                    files = read_group(cache_dir, key, published)
            found[key] = files
            if files is not None and local and now - mtime > SETTLED_NS:
                kept[key] = [mtime, [list(info) for info in files]]
        if verdict is not None and kept != known:
            verdict["groups"] = kept
            self.changed = True
        return found

    def remember(self, digest: str, limits: str, verdict: dict[str, Any]) -> None:
        """Store the check verdict for content ``digest`` under ``limits``."""
        self.checks[digest] = {"limits": limits, **verdict}
        self.changed = True

    def save(self) -> None:
        """Write the manifest when it changed, dropping files that no longer exist."""
        if self.path is None or not self.changed:
            return
        files = {p: v for p, v in sorted(self.files.items()) if os.path.exists(p)}
        used = {v[2] for v in files.values()}
        checks = {d: v for d, v in sorted(self.checks.items()) if d in used}
        _store(self.path).save({"files": files, "checks": checks})
        self.changed = False


def _store(path: Path) -> Store:
    """Return the store of the manifest at ``path``."""
    return Store(path, scope=f"images-v{_FORMAT}")


# --- the media host's files ------------------------------------------------------------------


def published_store(cache_dir: Path, media_url: str) -> Store:
    """Return the store of the files on the media host at ``media_url`` (another host: another scope)."""
    return Store(cache_dir / PUBLISHED, scope=f"published-v1:{media_url}")


def load_published(cache_dir: Path, media_url: str | None) -> dict[str, int]:
    """Return site-relative URL -> bytes of every photo file on the media host, as last listed
    (empty without a ``media_url`` or a listing of it)."""
    if not media_url:
        return {}
    files = published_store(cache_dir, media_url).load().get("files")
    if not isinstance(files, dict):
        return {}
    return {str(name): int(size) for name, size in files.items() if isinstance(size, int)}


def save_published(cache_dir: Path, media_url: str, files: Mapping[str, int]) -> bool:
    """Record ``files`` (URL -> bytes) as the photo files on the media host at ``media_url``."""
    return published_store(cache_dir, media_url).save({"files": dict(sorted(files.items()))})
