"""Make Pagefind's index the same bytes for the same site.

Pagefind 1.5 writes the values of each search filter, and the list of filters in its metadata
file, in the order of a Rust hash map, which changes from run to run; each file is named by a
hash of its contents, so the names change too. ``stabilise`` rewrites those files with the
values and filters sorted, names them by a hash of the new contents (as Pagefind does) and points
the metadata and ``pagefind-entry.json`` (whose languages it sorts too) at the new names. The
other index files (words, page fragments) are already the same from run to run.

The files are gzip-compressed ``pagefind_dcd`` + CBOR; only the small part of CBOR that Pagefind
writes (whole numbers, text, arrays) is read here. Anything else leaves the index untouched.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import struct
import zlib
from pathlib import Path
from typing import Any

from etalase.incremental.store import atomic_write

MAGIC = b"pagefind_dcd"


class _Unexpected(ValueError):
    """The index is not laid out as this module knows it (another Pagefind version)."""


BUNDLE = "pagefind"  # each language's bundle folder, in the folder it indexes
FRAGMENTS = "fragment"  # the bundle's page fragments, each named by a hash of its contents


def stabilise(index_dir: Path) -> bool:
    """Sort the filters of the Pagefind index in ``index_dir``; return False if its layout is unknown."""
    entry_path = index_dir / "pagefind-entry.json"
    try:
        entry = json.loads(entry_path.read_text(encoding="utf-8"))
        plans = [_plan(index_dir, info) for info in entry["languages"].values()]
    except (OSError, KeyError, TypeError, IndexError, ValueError):
        return False
    for info, meta_path, meta, filters in plans:
        renamed = []
        for name, old in sorted(filters):
            path = index_dir / "filter" / f"{old}.pf_filter"
            values = _read(path)
            values[1] = sorted(values[1], key=lambda value: value[0])
            renamed.append([name, _rewrite(path, old, values, ".pf_filter")])
        meta[3] = renamed
        info["hash"] = _rewrite(meta_path, info["hash"], meta, ".pf_meta", prefix="pagefind.")
    entry["languages"] = dict(sorted(entry["languages"].items()))  # a hash map's order too
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    return True


def fragment_names(index_dir: Path) -> list[str] | None:
    """Return the names of the page fragments the Pagefind index in ``index_dir`` names (every
    language's pages, in order); ``None`` when its layout is unknown."""
    try:
        entry = json.loads((index_dir / "pagefind-entry.json").read_text(encoding="utf-8"))
        names = []
        for info in entry["languages"].values():
            names += [page[0] for page in _read(index_dir / f"pagefind.{info['hash']}.pf_meta")[1]]
    except (OSError, KeyError, TypeError, IndexError, ValueError):
        return None
    return names if all(isinstance(name, str) and name.isprintable() and "/" not in name for name in names) else None


_URL_FIELD = re.compile(rb'^\{"url":("(?:[^"\\]|\\.)*")')


def fragment_url(path: Path) -> str | None:
    """Return the page address a Pagefind fragment file holds (its first field), or ``None``."""
    try:
        head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(path.read_bytes(), 8192)
    except (OSError, zlib.error):
        return None
    if not head.startswith(MAGIC):
        return None
    found = _URL_FIELD.match(head[len(MAGIC) :])
    if found is None:
        return None
    try:
        url = json.loads(found.group(1))
    except ValueError:
        return None
    return url if isinstance(url, str) else None


def _plan(index_dir: Path, info: dict[str, Any]) -> tuple[dict[str, Any], Path, list[Any], list[list[str]]]:
    """Read one language's metadata and check every file it names before anything is changed."""
    meta_path = index_dir / f"pagefind.{info['hash']}.pf_meta"
    meta = _read(meta_path)
    filters = meta[3]
    if not all(isinstance(f, list) and len(f) == 2 and all(isinstance(x, str) for x in f) for f in filters):
        raise _Unexpected("filter list")
    for _name, file_hash in filters:
        values = _read(index_dir / "filter" / f"{file_hash}.pf_filter")
        if not (len(values) == 2 and isinstance(values[1], list) and all(isinstance(v[0], str) for v in values[1])):
            raise _Unexpected("filter values")
    return info, meta_path, meta, filters


def _rewrite(path: Path, old_hash: str, value: Any, suffix: str, prefix: str = "") -> str:
    """Write ``value`` under a name made of the language and a hash of the bytes; return that name."""
    data = gzip.compress(MAGIC + _encode(value), compresslevel=9, mtime=0)
    language, digits = old_hash.rsplit("_", 1)
    new_hash = f"{language}_{hashlib.sha256(data).hexdigest()[: len(digits)]}"
    path.unlink()
    # A new file, never written into one that may be linked from the live site (search.reuse_fragments).
    atomic_write(path.parent / f"{prefix}{new_hash}{suffix}", data)
    return new_hash


def _read(path: Path) -> Any:
    raw = gzip.decompress(path.read_bytes())
    if not raw.startswith(MAGIC):
        raise _Unexpected(f"{path.name}: no Pagefind signature")
    value, end = _decode(raw, len(MAGIC))
    if end != len(raw):
        raise _Unexpected(f"{path.name}: trailing bytes")
    return value


def _decode(data: bytes, at: int) -> tuple[Any, int]:
    major, info = data[at] >> 5, data[at] & 31
    at += 1
    if info < 24:
        number = info
    elif info <= 27:
        size = 1 << (info - 24)
        number = int.from_bytes(data[at : at + size], "big")
        at += size
    else:
        raise _Unexpected(f"CBOR additional information {info}")
    if major == 0:
        return number, at
    if major == 1:
        return -1 - number, at
    if major == 3:
        return data[at : at + number].decode("utf-8"), at + number
    if major == 4:
        items = []
        for _ in range(number):
            item, at = _decode(data, at)
            items.append(item)
        return items, at
    raise _Unexpected(f"CBOR major type {major}")


def _head(major: int, number: int) -> bytes:
    if number < 24:
        return bytes([major << 5 | number])
    for info, fmt in ((24, ">B"), (25, ">H"), (26, ">I"), (27, ">Q")):
        if number < 1 << (8 * struct.calcsize(fmt)):
            return bytes([major << 5 | info]) + struct.pack(fmt, number)
    raise _Unexpected("number too large")


def _encode(value: Any) -> bytes:
    if isinstance(value, bool):
        raise _Unexpected("CBOR boolean")
    if isinstance(value, int):
        return _head(0, value) if value >= 0 else _head(1, -1 - value)
    if isinstance(value, str):
        data = value.encode("utf-8")
        return _head(3, len(data)) + data
    if isinstance(value, list):
        return _head(4, len(value)) + b"".join(_encode(item) for item in value)
    raise _Unexpected(f"CBOR value {type(value).__name__}")
