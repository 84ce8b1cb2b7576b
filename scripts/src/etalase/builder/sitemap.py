"""One sitemap, or past what a search engine reads from one file, a sitemap index and its parts.

MkDocs writes every page into ``sitemap.xml`` and ``sitemap.xml.gz``; here each page carries its
language alternates (the i18n plugin) and the pages that ask not to be indexed are left out
(``languages.indexable``). Search engines read at most 50,000 URLs and 50 MB from one sitemap file
(sitemaps.org) and refuse a larger one: with two languages and a page per maker, a catalogue
reaches that at about 18,000 products (2.8 URLs a product). Past either limit, ``split`` cuts the
list, in its order, into parts of at most ``URL_LIMIT`` URLs and ``BYTE_LIMIT`` bytes
(``sitemap-1.xml``, ``sitemap-2.xml`` …) and ``sitemap.xml`` becomes their index, at the address
already given to search engines. Below both limits the file stays as MkDocs wrote it.
"""

from __future__ import annotations

import gzip
import re
import struct
from pathlib import Path

URL_LIMIT = 50_000
BYTE_LIMIT = 50_000_000  # uncompressed, as sitemaps.org counts it
INDEX = "sitemap.xml"
_URL = re.compile(r"<url>.*?</url>", re.S)
_LASTMOD = re.compile(r"<lastmod>([^<]+)</lastmod>")
_PART = re.compile(r"sitemap-\d+\.xml(\.gz)?")
_TAIL = "</urlset>\n"


def split(xml: str, site_url: str, url_limit: int | None = None, byte_limit: int | None = None) -> dict[str, str]:
    """Return the files that stand for sitemap ``xml``: ``{}`` when it is within the limits, else
    each part by name and ``sitemap.xml``, the index that lists them under ``site_url``."""
    url_limit = url_limit or URL_LIMIT
    byte_limit = byte_limit or BYTE_LIMIT
    if xml.count("<url>") <= url_limit and len(xml.encode("utf-8")) <= byte_limit:
        return {}  # the common case: counted, not parsed
    entries = _URL.findall(xml)
    head = xml[: xml.index("<url>")]  # the XML declaration and <urlset …> with its namespaces
    empty = len(head.encode("utf-8")) + len(_TAIL)
    parts: list[list[str]] = [[]]
    size = empty
    for entry in entries:
        grown = len(entry.encode("utf-8")) + 1
        if parts[-1] and (len(parts[-1]) >= url_limit or size + grown > byte_limit):
            parts.append([])
            size = empty
        parts[-1].append(entry)
        size += grown
    files = {f"sitemap-{number}.xml": head + "\n".join(part) + "\n" + _TAIL for number, part in enumerate(parts, 1)}
    files[INDEX] = _index(files, site_url)
    return files


def _index(files: dict[str, str], site_url: str) -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for name, text in files.items():
        dates = _LASTMOD.findall(text)
        lastmod = f"<lastmod>{max(dates)}</lastmod>" if dates else ""
        lines.append(f"<sitemap><loc>{site_url}{name}</loc>{lastmod}</sitemap>")
    lines.append("</sitemapindex>")
    return "\n".join(lines) + "\n"


def write_parts(site_dir: Path, site_url: str) -> int:
    """Split ``site_dir``'s sitemap when it is past a limit (see ``split``), each file with its gzip
    copy dated as MkDocs dated ``sitemap.xml.gz``; remove parts an earlier build left. Return how
    many parts there are now (0: one sitemap)."""
    sitemap = site_dir / INDEX
    for old in site_dir.glob("sitemap-*.xml*"):
        if _PART.fullmatch(old.name):
            old.unlink()
    if not sitemap.is_file():
        return 0
    files = split(sitemap.read_text(encoding="utf-8"), site_url)
    if not files:
        return 0
    packed = site_dir / (INDEX + ".gz")
    mtime = struct.unpack("<I", packed.read_bytes()[4:8])[0] if packed.is_file() else 0
    for name, text in files.items():
        data = text.encode("utf-8")
        (site_dir / name).write_bytes(data)
        (site_dir / (name + ".gz")).write_bytes(gzip.compress(data, mtime=mtime))
    return len(files) - 1
