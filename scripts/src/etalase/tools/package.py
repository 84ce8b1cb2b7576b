"""Reading a maker's package from the add-a-product page (``tambah-produk/``): untrusted input.

The package is one text file (``templates/assets/addproduct/send.js`` writes it): a JSON object
with ``format: etalase-paket``, ``version``, the records (``product``, and ``ikm`` for a new maker)
and ``photos``, each ``{name, type, width, height, data}`` with the JPEG in base64. It came by
WhatsApp from someone the facilitator may not know, so this module trusts none of it:

- its size is capped (``MAX_PACKAGE_BYTES``) before it is read, each photo's too
  (``MAX_PHOTO_BYTES``), and so is their number (``MAX_PHOTOS``);
- the records are read with the project's safe YAML reader (JSON is YAML): no tags, no
  aliases, no deep nesting, no duplicate keys, 256 KB at most, and the line of every key, so each
  problem points at a line of the package; the photos' base64 is lifted out first (each
  ``"data": "…"`` becomes ``"@photo-N"`` on the same line), checked to be base64 and decoded;
- a photo's name is a name, never a path (``NAME``: ``foto-1.jpg``); names with a folder, ``..``
  or anything else are refused, and the import names the files it writes itself;
- every photo is checked by the photo stage (``photos.decode.open_source``: its real format,
  decompression bombs refused before decoding, the smallest size) and saved afresh by
  ``photos.tidy.tidy_bytes``, as the issue form's photos are: upright, without metadata, within
  the source-photo policy's caps (2,000 px, 1 MB), a JPEG (a PNG when it has transparency), so
  not one byte of the maker's file reaches the repository;
- text with unpaired surrogates (which JSON and YAML read differently) is refused.

``read_package`` returns a ``Package`` with every problem found; ``importer`` does the rest.
"""

from __future__ import annotations

import base64
import binascii
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from etalase.model.lines import LineMap
from etalase.model.problems import Msg, Problem
from etalase.photos.decode import Limits, open_source
from etalase.photos.locate import MAX_FILE_BYTES
from etalase.photos.tidy import tidy_bytes
from etalase.source.yamlsafe import YamlError, parse

FORMAT = "etalase-paket"
VERSIONS = frozenset({1})
MAX_PACKAGE_BYTES = 30 * 1024 * 1024  # 13 photos of ~1.5 MB in base64 and the records
MAX_PHOTO_BYTES = MAX_FILE_BYTES  # one photo, decoded: the photo stage's limit (the page sends 0.2–0.6 MB)
MAX_PHOTOS = 13  # a product's 12 and a new IKM's logo
NAME = re.compile(r"[a-z0-9][a-z0-9-]{0,60}\.(?:jpg|jpeg|png|webp)")
TOP_KEYS = frozenset({"format", "version", "made", "lang", "page", "ikm", "product", "photos"})
PHOTO_KEYS = frozenset({"name", "type", "width", "height", "data"})
_DATA = re.compile(rb'"data"(\s*:\s*)"([^"\\]*)"')
_SURROGATE = re.compile("[\ud800-\udfff]")
# An HTML tag, comment or declaration opening, or a script link: no product text needs them.
_MARKUP = re.compile(r"<\s*[A-Za-z!/?]|(?i:\b(?:java|vb)script\s*:)")


@dataclass(frozen=True)
class PackagePhoto:
    """One photo of the package, saved afresh (``data``, a JPEG or PNG: ``suffix``), and the line naming it."""

    name: str
    data: bytes
    suffix: str
    size: tuple[int, int]
    line: int


@dataclass
class Package:
    """What a package holds once read: its records, photos by name, key lines and problems."""

    label: str  # how messages name the package file
    data: dict[str, Any] = field(default_factory=dict)
    lines: LineMap = field(default_factory=LineMap)
    photos: dict[str, PackagePhoto] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    readable: bool = False  # whether its records could be read (its other problems do not stop a check)

    def line(self, *path: str | int) -> int:
        """Return the package line of a key path (its nearest parent's when it has none)."""
        return self.lines.line_of(tuple(path))

    def problem(self, path: tuple[str | int, ...], message: Msg) -> None:
        """Note a problem at the package line of ``path``."""
        self.problems.append(Problem(self.label, self.line(*path), dotted(path), message))


def dotted(path: tuple[str | int, ...]) -> str:
    """Return a key path as messages write it: ``product.photos[0].alt.id``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _size(n: int) -> str:
    return f"{n / 1_048_576:.1f} MB" if n >= 1_048_576 else f"{max(1, n // 1024)} kB"


def read_package(path: Path, label: str) -> Package:
    """Return the package at ``path`` read and checked; ``label`` names it in messages."""
    package = Package(label)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # a FIFO or device would never end
            package.problems.append(Problem(label, 1, "", Msg("paket bukan file biasa", "not a regular file")))
            return package
        size = info.st_size
        if size > MAX_PACKAGE_BYTES:
            package.problems.append(Problem(label, 1, "", _too_big("paket", "package", size, MAX_PACKAGE_BYTES)))
            return package
        with path.open("rb") as file:
            raw = file.read(MAX_PACKAGE_BYTES + 1)
    except OSError as error:
        package.problems.append(
            Problem(label, 1, "", Msg(f"paket tidak bisa dibaca ({error})", f"cannot read ({error})"))
        )
        return package
    if len(raw) > MAX_PACKAGE_BYTES:  # grew while being read, or not a regular file
        package.problems.append(Problem(label, 1, "", _too_big("paket", "package", len(raw), MAX_PACKAGE_BYTES)))
        return package
    blobs: list[bytes] = []

    def lift(match: re.Match[bytes]) -> bytes:
        blobs.append(match.group(2))
        return b'"data"' + match.group(1) + f'"@photo-{len(blobs) - 1}"'.encode()

    try:
        package.data, package.lines = parse(_DATA.sub(lift, raw))
    except YamlError as error:
        package.problems.append(Problem(label, error.line, "", _not_a_package(error.message)))
        return package
    if _check_top(package):
        package.readable = True
        _check_text(package, package.data, ())
        _read_photos(package, blobs)
    return package


def _too_big(what_id: str, what_en: str, size: int, limit: int) -> Msg:
    return Msg(
        f"{what_id} terlalu besar ({_size(size)}, batas {_size(limit)}) — buat paketnya lagi di halaman tambah-produk/",
        f"the {what_en} is too large ({_size(size)}, limit {_size(limit)}) — make it again on the tambah-produk/ page",
    )


def _not_a_package(reason: Msg) -> Msg:
    return Msg(
        f"bukan paket Etalase yang utuh: {reason.id} — minta pembuatnya mengirim ulang paket dari halaman tambah-produk/",
        f"not a whole Etalase package: {reason.en} — ask the maker to send the package again from the tambah-produk/ page",
    )


def _check_top(package: Package) -> bool:
    """Check the package's own fields; return whether its records can be read on."""
    data = package.data
    if data.get("format") != FORMAT or data.get("version") not in VERSIONS:
        package.problem(
            ("format",),
            Msg(
                f"bukan paket Etalase (format '{FORMAT}' versi {sorted(VERSIONS)}) — file ini tidak dibuat oleh "
                "halaman tambah-produk/",
                f"not an Etalase package (format '{FORMAT}' version {sorted(VERSIONS)}) — this file was not made by "
                "the tambah-produk/ page",
            ),
        )
        return False
    for key in sorted(set(data) - TOP_KEYS, key=str):
        package.problem(
            (key,),
            Msg(f"kolom '{key}' tidak dikenal di paket — hapus kolom ini", f"unknown field '{key}' — remove it"),
        )
    if "product" not in data and "ikm" not in data:
        package.problem(
            (),
            Msg(
                "paket tidak berisi produk maupun data usaha — buat paketnya lagi",
                "the package holds neither a product nor a business — make it again",
            ),
        )
    for key in ("product", "ikm"):
        if key in data and not isinstance(data[key], dict):
            package.problem((key,), Msg(f"'{key}' harus berupa blok kolom", f"'{key}' must be a block of fields"))
    if not isinstance(data.get("photos", []), list):
        package.problem(("photos",), Msg("'photos' harus berupa daftar", "'photos' must be a list"))
    return not package.problems


def _check_text(package: Package, value: Any, path: tuple[str | int, ...]) -> None:
    """Refuse markup, script links and unpaired surrogates in any text of the records (keys included).

    Records from the repository may hold such text (the site shows it escaped); a package from a
    stranger may not: it would sit in the repository and the open data files for every reader.
    """
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(key, str) and (message := _bad_text(key)):
                package.problem(path, message)
            _check_text(package, item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _check_text(package, item, (*path, index))
    elif isinstance(value, str) and (message := _bad_text(value)):
        package.problem(path, message)


def _bad_text(text: str) -> Msg | None:
    if _SURROGATE.search(text):
        return Msg(
            "teks berisi karakter rusak (surrogate tanpa pasangan) — tulis ulang teks ini",
            "the text holds broken characters (unpaired surrogates) — write this text again",
        )
    if match := _MARKUP.search(text):
        shown = text[match.start() : match.start() + 30]
        return Msg(
            f"teks berisi kode HTML atau skrip ({shown!r}) — paket dari halaman tambah-produk/ hanya berisi teks "
            "biasa; minta pembuatnya menulis ulang tanpa tanda < > atau 'javascript:'",
            f"the text holds HTML or script ({shown!r}) — a package from the tambah-produk/ page holds plain text "
            "only; ask the maker to write it without < > or 'javascript:'",
        )
    return None


def _read_photos(package: Package, blobs: list[bytes]) -> None:
    """Decode, check and encode afresh every photo of the package."""
    entries = package.data.get("photos") or []
    if len(entries) > MAX_PHOTOS:
        package.problem(
            ("photos",),
            Msg(
                f"paket berisi {len(entries)} foto, paling banyak {MAX_PHOTOS} — kurangi fotonya",
                f"the package holds {len(entries)} photos, at most {MAX_PHOTOS} — use fewer photos",
            ),
        )
        return
    for index, entry in enumerate(entries):
        photo = _read_photo(package, index, entry, blobs)
        if photo is not None:
            package.photos[photo.name] = photo


def _read_photo(package: Package, index: int, entry: Any, blobs: list[bytes]) -> PackagePhoto | None:
    at: tuple[str | int, ...] = ("photos", index)
    if not isinstance(entry, dict):
        package.problem(at, Msg("foto harus berupa blok kolom", "a photo must be a block of fields"))
        return None
    for key in sorted(set(entry) - PHOTO_KEYS, key=str):
        package.problem((*at, key), Msg(f"kolom '{key}' tidak dikenal", f"unknown field '{key}'"))
    name = entry.get("name")
    if not isinstance(name, str) or not NAME.fullmatch(name):
        package.problem((*at, "name"), _bad_name(name))
        return None
    if name in package.photos:
        package.problem((*at, "name"), Msg(f"nama foto '{name}' dipakai dua kali", f"photo name '{name}' used twice"))
        return None
    data = _blob(entry.get("data"), blobs)
    if isinstance(data, Msg):
        package.problem((*at, "data"), data)
        return None
    made = reencode(data)
    if isinstance(made, Msg):
        package.problem((*at, "data"), Msg(f"foto '{name}': {made.id}", f"photo '{name}': {made.en}"))
        return None
    data, suffix, size = made
    return PackagePhoto(name, data, suffix, size, package.line(*at, "name"))


def _bad_name(name: Any) -> Msg:
    shown = repr(name)[:80]
    return Msg(
        f"nama foto {shown} tidak sah — hanya nama file seperti foto-1.jpg (huruf kecil, angka, tanda minus), "
        "tanpa folder, '..' atau garis miring",
        f"photo name {shown} is not allowed — only a file name such as foto-1.jpg (lowercase letters, digits, "
        "dashes), no folder, '..' or slash",
    )


def _blob(value: Any, blobs: list[bytes]) -> bytes | Msg:
    """Return the decoded bytes of a photo's ``data`` (a lifted ``@photo-N``), or what is wrong."""
    match = re.fullmatch(r"@photo-(\d+)", value) if isinstance(value, str) else None
    if match is None or int(match.group(1)) >= len(blobs):
        return Msg("data foto bukan base64 — buat paketnya lagi", "the photo's data is not base64 — make it again")
    text = blobs[int(match.group(1))]
    if len(text) > (MAX_PHOTO_BYTES * 4) // 3 + 4:
        return _too_big("foto", "photo", len(text) * 3 // 4, MAX_PHOTO_BYTES)
    try:
        return base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError):
        return Msg("data foto bukan base64 — buat paketnya lagi", "the photo's data is not base64 — make it again")


def reencode(data: bytes) -> tuple[bytes, str, tuple[int, int]] | Msg:
    """Return ``data`` saved afresh (its bytes, file suffix and size), or what is wrong with it.

    ``decode.open_source`` refuses what is not a JPEG, PNG or WebP, decompression bombs (before
    decoding) and photos too small for the site; ``tidy.tidy_bytes`` turns it upright, drops every
    piece of metadata and keeps it within the source-photo policy's caps.
    """
    opened = open_source(data, Limits.current())
    if isinstance(opened, Msg):
        return opened
    opened.close()
    tidied = tidy_bytes(data, prefer_jpeg=True)
    if isinstance(tidied, Msg):
        return tidied
    suffix = "png" if tidied.format == "PNG" else "jpg"
    return tidied.data, suffix, (tidied.facts.width, tidied.facts.height)
