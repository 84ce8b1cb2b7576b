"""Hostile input: records written to attack the site, the build or the machine that builds it.

Every case is either REFUSED — ``etalase validate`` exits 1 with a ``path:line: field:`` problem
— or NEUTRALISED — the build succeeds and the text shows as text. Never a traceback, never a
hang, never a file written outside ``build/`` and ``site/``.

- ``tests/fixtures/hostile/*.yml``: one record with one attack; its first lines say where it goes
  and what ``validate`` must answer (``place``, ``field``, ``line``, ``threat``, ``message``).
- ``GENERATED`` below: attacks that cannot be kept as a text record (images, links, FIFOs, BOM).
- ``payload_project``: the small project with a payload in EVERY text field of every record at
  once, built and then read back page by page: no contributor markup may survive.

Attacks the broken-record suite (``test_broken_fixtures.py``) already refuses are named in
``COVERED_BY_BROKEN`` and not repeated here.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import struct
import subprocess
import sys
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from PIL import Image

from conftest import FIXTURES, draw_photo, make_mini_project, serve
from etalase.source.load import Kind, load_records
from etalase.tools.cli import main
from sitecheck import build, copy_project

HOSTILE = FIXTURES / "hostile"
FILES = HOSTILE / "files"
TODAY = "2026-11-22"
KARDIGAN = "products/rajut-contoh/kardigan.yml"
PHOTO = "products/rajut-contoh/kardigan-1.jpg"
HEADER_LINE = re.compile(r"# (\w+):(.*)$")
# A GitHub annotation: its file property has its ',' and ':' escaped, so only the message follows.
ANNOTATION = re.compile(r"::(error|warning) file=[^,:\n]+,line=\d+::.*")

# Attacks already refused by tests/fixtures/broken (and the generated cases of that suite).
COVERED_BY_BROKEN = {
    "yaml-alias-bomb.yml": "billion laughs: aliases expanding past the value limit",
    "yaml-python-object-tag.yml": "!!python/object/apply:os.system",
    "yaml-custom-tag.yml": "local ! tags",
    "yaml-merge-key.yml": "<< merge keys",
    "yaml-deep-nesting.yml": "block nesting over 20 levels",
    "yaml-two-documents.yml": "a second document after ---",
    "yaml-duplicate-key.yml": "a key written twice",
    "yaml-tab-indentation.yml": "tabs as indentation",
    "ikm-marketplace-javascript-url.yml": "javascript: in a marketplace link",
    "ikm-website-without-scheme.yml": "a link without https://",
    "photo-outside-folder.yml": "a photo in another IKM's folder (../dapur-contoh/…)",
    "photo-absolute-path.yml": "an absolute photo path",
    "photo-backslash.yml": "Windows path separators",
    "product-names-other-ikm.yml": "a product naming another IKM than its folder",
    "ikm-slug-not-folder-name.yml": "an ikm.yml claiming another folder's slug",
    "ikm-duplicate-slug.yml": "two IKMs with one slug",
    "sentra-duplicate-slug.yml": "two sentra with one slug",
    "categories-duplicate.yml": "two categories with one slug",
    "product-reserved-slug.yml": "a slug that collides with a listing page (index)",
    "product-unknown-field-listed.yml": "unknown fields",
    "product-unknown-nested-field.yml": "unknown nested fields",
    "product-text-for-number.yml": "wrong types",
    "load-too-deep.yml": "records in sub-folders",
    "generated:not-utf8": "Windows-1252 bytes",
    "generated:utf16": "UTF-16 files",
    "generated:binary": "NUL bytes in a record",
    "generated:huge": "records over 256 KB",
    "generated:symlink": "a record that is a symbolic link out of the project",
    "generated:photo-truncated": "a truncated photo",
    "generated:photo-not-an-image": "text saved as .jpg",
    "generated:photo-heic": "HEIC saved as .jpg",
    "generated:photo-links-outside": "a photo symlinked to a file outside the project",
}


# --- refused -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    """One attack and the problem ``validate`` must report for it."""

    name: str
    place: str
    field: str
    line: int
    threat: str
    message: str
    write: Callable[[Path], None]

    def prefix(self) -> str:
        """Return the start of the expected problem line."""
        return f"{self.place}:{self.line}: {self.field}: " if self.field else f"{self.place}:{self.line}: "


def fixture_case(path: Path) -> Case:
    """Return the case a ``tests/fixtures/hostile/*.yml`` file describes in its header."""
    header: dict[str, str] = {}
    for text in path.read_bytes().decode("utf-8", "replace").splitlines():
        match = HEADER_LINE.match(text)
        if not match:
            break
        header[match[1]] = match[2].strip()
    missing = {"place", "field", "line", "threat", "message"} - set(header)
    assert not missing, f"{path.name}: header lacks {sorted(missing)}"

    def write(root: Path) -> None:
        (root / header["place"]).parent.mkdir(parents=True, exist_ok=True)  # catalog/forums/ is not in the mini project
        (root / header["place"]).write_bytes(path.read_bytes())

    return Case(
        path.stem, header["place"], header["field"], int(header["line"]), header["threat"], header["message"], write
    )


def _kardigan(root: Path) -> bytes:
    return (root / KARDIGAN).read_bytes()


def _line(text: bytes, needle: bytes) -> int:
    return text[: text.index(needle)].count(b"\n") + 1


MINI_KARDIGAN = (FIXTURES / "mini" / KARDIGAN).read_bytes()
PHOTO_LINE = _line(MINI_KARDIGAN, b"- file: kardigan-1.jpg")


def _photo_bytes(data: bytes) -> Callable[[Path], None]:
    def write(root: Path) -> None:
        (root / PHOTO).write_bytes(data)

    return write


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def _zlib_bomb(root: Path) -> None:
    """A real, decodable 20,000 x 20,000 PNG (400 megapixels) that packs into about 50 KB."""
    width = height = 20_000
    packer = zlib.compressobj(9)
    row = b"\x00" + bytes(width // 8)
    data = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    png = b"\x89PNG\r\n\x1a\n" + _png_chunk(b"IHDR", header) + _png_chunk(b"IDAT", data) + _png_chunk(b"IEND", b"")
    (root / PHOTO).write_bytes(png)


def _fifo(root: Path) -> None:
    (root / PHOTO).unlink()
    os.mkfifo(root / PHOTO)  # reading it would wait forever


def _link(target: str) -> Callable[[Path], None]:
    def write(root: Path) -> None:
        (root / PHOTO).unlink()
        (root / PHOTO).symlink_to(target)

    return write


def _sparse(root: Path) -> None:
    with (root / PHOTO).open("r+b") as file:
        file.truncate(25 * 1024 * 1024)  # 25 MB that take no disk space


BOM_CRLF = b"\xef\xbb\xbf" + MINI_KARDIGAN.replace(b"lead_time_days: 14", b"lead_time_days: banyak").replace(
    b"\n", b"\r\n"
)
HUGE_TEXT = MINI_KARDIGAN.replace(
    b"id: Kardigan rajut lembut dengan kancing kayu.", b"id: " + b"<b>x</b> " * 22_000
)  # about 200 KB: under the file limit, far over the field's


def _hostile_file_name(root: Path) -> None:
    (root / "products/rajut-contoh/<svg onload=alert(1)>,line=1::x.yml").write_bytes(MINI_KARDIGAN)


def _about_link(root: Path) -> None:
    page = root / "catalog/pages/about.id.md"
    page.unlink()
    page.symlink_to("/etc/hostname")  # would be published as the about page


def _gen(name: str, place: str, field: str, line: int, threat: str, message: str, write: Callable[[Path], None]):
    return Case(name, place, field, line, threat, message, write)


GENERATED = [
    _gen(
        "photo-pixel-bomb",
        KARDIGAN,
        "photos[0].file",
        PHOTO_LINE,
        "a 45-byte PNG claiming 10 gigapixels: decoding it would take 30 GB of memory",
        "too large to process",
        _photo_bytes((FILES / "pixel-bomb.png").read_bytes()),
    ),
    _gen(
        "photo-zlib-bomb",
        KARDIGAN,
        "photos[0].file",
        PHOTO_LINE,
        "a real 400-megapixel PNG packed into 50 KB (a decompression bomb)",
        "too large to process",
        _zlib_bomb,
    ),
    _gen(
        "photo-svg-with-script",
        KARDIGAN,
        "photos[0].file",
        PHOTO_LINE,
        "an SVG with <script> saved as .jpg: SVG runs script when opened from the site",
        "is not a JPEG, PNG or WebP photo",
        _photo_bytes((FILES / "script.svg").read_bytes()),
    ),
    _gen(
        "photo-fifo",
        KARDIGAN,
        "photos[0].file",
        PHOTO_LINE,
        "a named pipe as photo: reading it blocks the build forever",
        "is not a photo file",
        _fifo,
    ),
    _gen(
        "photo-link-to-dev-zero",
        KARDIGAN,
        "photos[0].file",
        PHOTO_LINE,
        "a photo linked to /dev/zero: an endless file",
        "is a link (symlink) to a place outside this folder",
        _link("/dev/zero"),
    ),
    _gen(
        "photo-link-into-other-ikm",
        KARDIGAN,
        "photos[0].file",
        PHOTO_LINE,
        "a photo linked into another IKM's folder (inside the project, outside the record's folder)",
        "is a link (symlink) to a place outside this folder",
        _link("../dapur-contoh/keripik-1.jpg"),
    ),
    _gen(
        "photo-sparse-25mb",
        KARDIGAN,
        "photos[0].file",
        PHOTO_LINE,
        "a 25 MB photo file (sparse: free to make, costly to read)",
        "the photo file is too large",
        _sparse,
    ),
    _gen(
        "record-bom-crlf-line",
        KARDIGAN,
        "lead_time_days",
        _line(MINI_KARDIGAN, b"lead_time_days"),
        "a byte-order mark and Windows line ends must not shift the reported line",
        "lead_time_days",
        lambda root: (root / KARDIGAN).write_bytes(BOM_CRLF),
    ),
    _gen(
        "record-huge-text",
        KARDIGAN,
        "description.id",
        _line(MINI_KARDIGAN, b"id: Kardigan rajut lembut"),
        "200 KB of markup in one description (under the file limit)",
        "5000",
        lambda root: (root / KARDIGAN).write_bytes(HUGE_TEXT),
    ),
    _gen(
        "file-name-markup",
        "products/rajut-contoh/<svg onload=alert(1)>,line=1::x.yml",
        "slug",
        1,
        "markup, ',' and '::' in a file name: they reach messages and GitHub annotations",
        "differs from the file name",
        _hostile_file_name,
    ),
    _gen(
        "about-page-symlink",
        "catalog/pages/about.id.md",
        "",
        1,
        "the hand-written about page linked to a file of the build machine would publish it",
        "may not be a symbolic link",
        _about_link,
    ),
]

CASES = [fixture_case(path) for path in sorted(HOSTILE.glob("*.yml"))] + GENERATED


def _project(tmp_path: Path, case: Case) -> Path:
    root = make_mini_project(tmp_path / "p")
    case.write(root)
    return root


def _validate(capsys: pytest.CaptureFixture[str], root: Path, *extra: str) -> tuple[int, str, str]:
    code = main(["--root", str(root), "validate", "--today", TODAY, "--lang", "en", *extra])
    out, err = capsys.readouterr()
    return code, out, err


def test_there_are_many_hostile_cases() -> None:
    assert len(CASES) >= 25
    assert len({c.name for c in CASES}) == len(CASES)
    assert all(c.threat for c in CASES)


def test_cases_covered_elsewhere_exist() -> None:
    from test_broken_fixtures import CASES as BROKEN_CASES

    names = {case.name for case in BROKEN_CASES}
    assert set(COVERED_BY_BROKEN) <= names, sorted(set(COVERED_BY_BROKEN) - names)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_hostile_record_is_refused_at_its_line(case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _project(tmp_path, case)
    code, out, err = _validate(capsys, root, "--format", "github")
    assert "Traceback" not in out + err
    assert code == 1, out
    found = [line for line in out.splitlines() if line.startswith(case.prefix())]
    assert found, f"no line starts with {case.prefix()!r}; got:\n{out}"
    assert any(case.message in line and " — " in line for line in found), "\n".join(found)
    # Nothing a record holds starts a line of its own: problem lines and annotations alternate.
    lines = out.splitlines()
    assert len(lines) % 2 == 0 and not [line for line in lines[0::2] if line.startswith("::")], lines
    assert [line for line in lines[1::2] if not ANNOTATION.fullmatch(line)] == []


def test_fifo_photo_does_not_hang_the_command(tmp_path: Path) -> None:
    root = _project(tmp_path, next(c for c in GENERATED if c.name == "photo-fifo"))
    command = [sys.executable, "-m", "etalase", "--root", str(root), "validate", "--today", TODAY]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 1 and "Traceback" not in result.stderr


def test_linked_ikm_folder_is_not_read(tmp_path: Path) -> None:
    root = make_mini_project(tmp_path / "p")
    outside = tmp_path / "elsewhere" / "dapur-contoh"
    shutil.move(root / "products/dapur-contoh", outside)
    (root / "products/dapur-contoh").symlink_to(outside, target_is_directory=True)
    records, problems = load_records(root)
    assert not [r for r in records if r.path.startswith("products/dapur-contoh/")]
    assert problems == []


# --- the payload project: every text field of every record carries markup -------------------

# Keys whose values are not free text: their own patterns refuse markup (tested above and in
# the broken suite). Every other string in a record is a text field and gets a payload.
NOT_TEXT = {
    "slug",
    "ikm",
    "sentra",
    "category",
    "file",
    "url",
    "email",
    "website",
    "whatsapp",
    "github_accounts",
    "instagram",
    "nib",
    "hs_code",
    "unit",
    "type",
    "storage",
    "phone",
    "languages",
    "countries",
    "featured_sentra",
    "products",  # a booth's featured product slugs
    # a forum's references and times: slugs and HH:MM patterns refuse markup (forum-*.yml above)
    "firm",
    "need",
    "kind",
    "slot",
    "slots",
    "start",
    "end",
    "ikms",
    "certificates",  # a need's certificate names, checked against certificates.yml
}
TINY_FIELDS = {"zone"}  # a booth's zone holds 40 characters: the marker alone
LONG_FIELDS = {"description", "about", "how_to_visit", "tagline", "notice", "alt", "specification"}
PAYLOAD_RECORDS = [
    "catalog/site.yml",
    "catalog/categories.yml",
    "catalog/certificates.yml",
    "sentra/binong-jati.yml",
    "products/rajut-contoh/ikm.yml",
    "products/rajut-contoh/kardigan.yml",
    "products/dapur-contoh/ikm.yml",
    "products/dapur-contoh/keripik.yml",
]
FESTIVALS = hasattr(Kind, "festival")
FESTIVAL = "catalog/festivals/pameran.yml"
FESTIVAL_RECORD = """slug: pameran
name:
  id: Pameran
organizer: Dinas
venue:
  name: Gedung
  city: Kota Bandung
dates:
  start: 2026-09-09
  end: 2026-09-13
booths:
  - number: A-01
    zone: Atrium
    ikm: rajut-contoh
    products: [kardigan]
    note:
      id: Demo
"""
FORUMS = hasattr(Kind, "forum")
FORUM = "catalog/forums/temu.yml"
FORUM_RECORD = """slug: temu
name:
  id: Temu
about:
  id: Forum
organizer: Dinas
facilitator:
  name: Fasilitator
  whatsapp: "+6280000000900"
venue:
  name: Gedung
  city: Kota Bandung
date: 2026-11-12
hours: {start: "08:30", end: "12:00"}
slot_minutes: 20
slots: ["09:00", "09:30"]
tables: 2
firms:
  - slug: pt-a
    name: PT A
    illustrative: true
    sector:
      id: Sektor
    city: Kota
    needs:
      - slug: rompi
        what:
          id: Rompi
        category: rajut
        specification:
          id: Spesifikasi
        processes:
          id: [rajut]
        certificates: [sni]
        volume: {quantity: 50, unit: lusin}
        price: {min: 80000, max: 110000, unit: pcs}
        delivery_city: Kota Bandung
ikms: [rajut-contoh, dapur-contoh]
requests:
  - {firm: pt-a, ikm: rajut-contoh, need: rompi}
schedule:
  - {slot: "09:00", table: 1, firm: pt-a, ikm: rajut-contoh, need: rompi}
  - {slot: "09:30", table: 1, firm: pt-a, ikm: dapur-contoh}
outcomes:
  - firm: pt-a
    ikm: rajut-contoh
    need: rompi
    kind: loi
    value: 1000000
    note:
      id: Catatan
"""
CAPABILITIES = """capabilities:
  processes:
    id: [mesin rajut komputer]
  materials:
    id: [benang]
  capacity: {quantity: 80, unit: lusin}
  certificates:
    - {type: sni, number: SNI-1, expires: 2028-04-30}
"""
MARKER = re.compile(r"<script>alert\((\d+)\)</script>")
# How each payload element starts; escaped once, none of them can stand in a page's source.
PAYLOAD_STARTS = (
    "<script>alert(",
    "<img src=x",
    "<svg onload",
    '<a href="javascript:',
    "<javascript:",
    "<iframe srcdoc",
    "<style>*{",
    "<base href=//evil",
    "<!-- c",
)


def short_payload(n: int) -> str:
    """Markup, attribute break-outs, a markdown link, template syntax, front matter and a search filter."""
    return (
        f"<script>alert({n})</script><img src=x onerror=alert({n})>\"'><svg onload=alert({n})>"
        f"[m](javascript:alert({n})){{{{{n}*7}}}}\n---\ntitle: x, certificate:halal"
    )


def long_payload(n: int) -> str:
    """``short_payload`` and markdown's other ways to a link, raw HTML and attribute lists."""
    return short_payload(n) + (
        f' ![i](data:text/html,{n}) <a href="javascript:alert({n})">a</a> <javascript:alert({n})> [r][{n}]'
        f"\n\n[{n}]: javascript:alert({n})\n\n{{: onclick=alert({n}) }} &lt;b&gt; **b{n}** <!-- c{n} -->"
        f" <style>*{{}}</style> <iframe srcdoc=x{n}></iframe> <base href=//evil.example/>"
    )


def _with_payloads(data: Any, path: tuple[str | int, ...], fields: dict[int, str]) -> Any:
    """Return ``data`` with a numbered payload in every text string; note number → field."""
    if isinstance(data, dict):
        result = {key: _with_payloads(value, (*path, key), fields) for key, value in data.items()}
        if "id" in result and "en" not in result and not isinstance(result["id"], dict):
            result["en"] = _with_payloads(data["id"], (*path, "en"), fields)  # English texts too
        return result
    if isinstance(data, list):
        return [_with_payloads(item, (*path, index), fields) for index, item in enumerate(data)]
    key = next((k for k in reversed(path) if isinstance(k, str)), "")
    if not isinstance(data, str) or key in NOT_TEXT or (key == "number" and "booths" in path):
        return data
    number = len(fields) + 1
    fields[number] = ".".join(str(p) for p in path)
    if key in TINY_FIELDS:
        return f"<script>alert({number})</script>"
    return long_payload(number) if LONG_FIELDS & set(map(str, path)) else short_payload(number)


def payload_project(target: Path) -> tuple[Path, dict[int, str]]:
    """Write the small project with a payload in every text field; return it and number → field."""
    data_dir = make_mini_project(target.parent / (target.name + "-data"))
    sentra = data_dir / "sentra/binong-jati.yml"
    sentra.write_text(
        sentra.read_text(encoding="utf-8").replace(
            "  name: Dinas", "  address: Jalan Contoh 1\n  name: Dinas"
        ),  # the one optional text field the mini project leaves out
        encoding="utf-8",
    )
    if FESTIVALS:  # festivals and their booth sheets, once the project has them
        (data_dir / FESTIVAL).parent.mkdir(parents=True, exist_ok=True)
        (data_dir / FESTIVAL).write_text(FESTIVAL_RECORD, encoding="utf-8")
    if FORUMS:  # a business forum, its agendas and needs board; what an IKM can make
        (data_dir / FORUM).parent.mkdir(parents=True, exist_ok=True)
        (data_dir / FORUM).write_text(FORUM_RECORD, encoding="utf-8")
        ikm = data_dir / "products/rajut-contoh/ikm.yml"
        text = ikm.read_text(encoding="utf-8")
        at = text.index("\nlast_verified:") + 1
        ikm.write_text(text[:at] + CAPABILITIES + text[at:], encoding="utf-8")
    fields: dict[int, str] = {}
    for rel in PAYLOAD_RECORDS + ([FESTIVAL] if FESTIVALS else []) + ([FORUM] if FORUMS else []):
        path = data_dir / rel
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        hostile = _with_payloads(data, (rel,), fields)
        path.write_text(yaml.safe_dump(hostile, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
    root = copy_project(target, data_from=data_dir)
    shutil.rmtree(data_dir)
    return root, fields


def _snapshot(folder: Path, skip: set[Path]) -> dict[str, tuple[str, int, str]]:
    """Return every entry under ``folder`` (but ``skip``) → (kind, size, content hash)."""
    entries: dict[str, tuple[str, int, str]] = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        here = Path(dirpath)
        dirnames[:] = [d for d in dirnames if here / d not in skip]
        for name in dirnames:
            entries[str((here / name).relative_to(folder))] = ("dir", 0, "")
        for name in filenames:
            path = here / name
            if path.is_symlink():
                entries[str(path.relative_to(folder))] = ("link", 0, os.readlink(path))
            else:
                data = path.read_bytes()
                entries[str(path.relative_to(folder))] = ("file", len(data), hashlib.sha256(data).hexdigest())
    return entries


@dataclass(frozen=True)
class PayloadSite:
    """The built payload project: its folder and which field carries which payload number."""

    root: Path
    fields: dict[int, str]
    outside_before: dict[str, tuple[str, int, str]]
    outside_after: dict[str, tuple[str, int, str]]


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> PayloadSite:
    base = tmp_path_factory.mktemp("payloads")
    root, fields = payload_project(base / "project")
    skip = {root / "build", root / "site"}
    before = _snapshot(base, skip)
    assert build(root) == 0
    after = _snapshot(base, skip)
    return PayloadSite(root, fields, before, after)


DATA_SCRIPT_TYPES = frozenset({"application/json", "application/ld+json"})


WA_REFRESH = re.compile(r"0; ?url=https://wa\.me/[1-9][0-9]{7,14}(\?text=[A-Za-z0-9%._~-]*)?", re.ASCII)


class Audit(HTMLParser):
    """Read one page: what would run (elements, handlers, links) and the text it shows."""

    URL_ATTRS = frozenset({"href", "src", "action", "formaction", "poster", "data", "xlink:href", "background"})
    BANNED_TAGS = frozenset({"iframe", "frame", "frameset", "object", "embed", "applet", "base", "style"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.shown: list[str] = []  # text and attribute values, as the browser reads them
        self.places: dict[str, list[str]] = {}  # title, meta contents, header title, search meta
        self._script: bool = False
        self._capture: list[tuple[str, str]] = []  # (place, tag) whose text is collected

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag in self.BANNED_TAGS:
            self.problems.append(f"<{tag}> element")
        refresh = tag == "meta" and values.get("http-equiv", "").lower() == "refresh"
        # Only the short WhatsApp pages (chat/<ikm>/) forward, and only to a wa.me chat with an encoded message.
        if refresh and not WA_REFRESH.fullmatch(values.get("content", "")):
            self.problems.append("meta refresh")
        for name, value in values.items():
            if name.startswith("on") or name in {"srcdoc", "formaction"}:
                self.problems.append(f"<{tag} {name}=…>")
            if name in self.URL_ATTRS or (tag == "img" and name == "srcset"):
                scheme = re.sub(r"[\s\x00-\x1f]", "", value).lower().split(":", 1)[0]
                if ":" in value and scheme in {"javascript", "vbscript", "data"}:
                    self.problems.append(f"<{tag} {name}={value[:40]!r}>")
            self.shown.append(value)
        if tag == "script":
            # JSON data blocks (JSON-LD included) are not run; structured.py escapes < > & in them
            self._script = "src" not in values and values.get("type", "") not in DATA_SCRIPT_TYPES
        if tag == "meta" and ("property" in values or "name" in values):
            key = values.get("property") or values.get("name") or ""
            self.places.setdefault(f"meta {key}", []).append(values.get("content", ""))
        for name in ("data-pagefind-meta", "data-pagefind-filter", "data-pagefind-sort"):
            if name in values:
                self.places.setdefault(name, []).append(values[name])
        if tag == "title":
            self._capture.append(("title", tag))
        if "md-header__topic" in values.get("class", ""):
            self._capture.append(("header title", tag))

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._script = False
        if self._capture and self._capture[-1][1] == tag:
            self._capture.pop()

    def handle_data(self, data: str) -> None:
        if self._script and "alert(" in data:
            self.problems.append(f"inline script running {data[:60]!r}")
        self.shown.append(data)
        for place, _tag in self._capture:
            self.places.setdefault(place, []).append(data)


def audit(page: Path) -> Audit:
    """Return the audit of one built HTML page."""
    parser = Audit()
    raw = page.read_text(encoding="utf-8")
    parser.feed(raw)
    parser.close()
    lowered = raw.lower()
    parser.problems += [f"raw {start!r}" for start in PAYLOAD_STARTS if start in lowered]
    return parser


def _pages(site: Path) -> Iterator[Path]:
    yield from sorted(site.rglob("*.html"))


def test_payload_site_builds_and_every_page_is_clean(payload_site: PayloadSite) -> None:
    site = payload_site.root / "site"
    problems = {str(p.relative_to(site)): audit(p).problems for p in _pages(site)}
    assert len(problems) >= 10
    assert {page: found for page, found in problems.items() if found} == {}


def test_json_ld_holds_the_payloads_as_data(payload_site: PayloadSite) -> None:
    """Every JSON-LD block parses, holds no < > & (so no record text can end it) and carries the payloads."""
    site = payload_site.root / "site"
    found: set[int] = set()
    for page in _pages(site):
        for block in re.findall(
            r'<script type="application/ld\+json">(.*?)</script>', page.read_text(encoding="utf-8"), re.S
        ):
            assert not set("<>&") & set(block), page
            found |= {int(n) for n in MARKER.findall(json.dumps(json.loads(block), ensure_ascii=False))}
    fields = {payload_site.fields[n] for n in found}
    assert "products/rajut-contoh/kardigan.yml.name.id" in fields
    assert "products/rajut-contoh/ikm.yml.name" in fields
    assert "sentra/binong-jati.yml.name" in fields


def test_payloads_show_as_text(payload_site: PayloadSite) -> None:
    """Each payload is shown exactly as written (escaped once: no markup, no double escaping)."""
    site = payload_site.root / "site"
    shown: set[int] = set()
    for page in _pages(site):
        for text in audit(page).shown:
            shown |= {int(n) for n in MARKER.findall(text)}
    fields = payload_site.fields
    rendered = {fields[n] for n in shown}
    # The fields a visitor reads; each must reach some page (others may be unused, e.g. English).
    must_show = [
        "catalog/site.yml.title.id",
        "catalog/site.yml.notice.id",
        "catalog/categories.yml.categories.1.name.id",
        "catalog/categories.yml.categories.1.description.id",
        "sentra/binong-jati.yml.name",
        "sentra/binong-jati.yml.also_known_as",
        "sentra/binong-jati.yml.description.id",
        "sentra/binong-jati.yml.specialities.id.0",
        "sentra/binong-jati.yml.how_to_visit.id",
        "sentra/binong-jati.yml.contact_office.name",
        "sentra/binong-jati.yml.photos.0.alt.id",
        "products/rajut-contoh/ikm.yml.name",
        "products/rajut-contoh/ikm.yml.about.id",
        "products/rajut-contoh/ikm.yml.location.kecamatan",
        "products/rajut-contoh/ikm.yml.contacts.marketplaces.0.name",
        "products/rajut-contoh/ikm.yml.logo.alt.id",
        "products/rajut-contoh/kardigan.yml.name.id",
        "products/rajut-contoh/kardigan.yml.description.id",
        "products/rajut-contoh/kardigan.yml.materials.id.0",
        "products/rajut-contoh/kardigan.yml.variants.sizes.0",
        "products/rajut-contoh/kardigan.yml.variants.colours.id.0",
        "products/rajut-contoh/kardigan.yml.certificates.0.number",
        "products/rajut-contoh/kardigan.yml.photos.0.alt.id",
    ]
    if FESTIVALS:
        must_show += [
            f"{FESTIVAL}.name.id",
            f"{FESTIVAL}.organizer",
            f"{FESTIVAL}.venue.name",
            f"{FESTIVAL}.booths.0.zone",
            f"{FESTIVAL}.booths.0.note.id",
        ]
    if FORUMS:
        must_show += [
            f"{FORUM}.name.id",
            f"{FORUM}.about.id",
            f"{FORUM}.organizer",
            f"{FORUM}.facilitator.name",
            f"{FORUM}.venue.name",
            f"{FORUM}.venue.city",
            f"{FORUM}.firms.0.name",
            f"{FORUM}.firms.0.sector.id",
            f"{FORUM}.firms.0.city",
            f"{FORUM}.firms.0.needs.0.what.id",
            f"{FORUM}.firms.0.needs.0.specification.id",
            f"{FORUM}.firms.0.needs.0.processes.id.0",
            f"{FORUM}.firms.0.needs.0.delivery_city",
            f"{FORUM}.outcomes.0.note.id",
            "products/rajut-contoh/ikm.yml.capabilities.processes.id.0",
            "products/rajut-contoh/ikm.yml.capabilities.materials.id.0",
            "products/rajut-contoh/ikm.yml.capabilities.certificates.0.number",
        ]
    assert [field for field in must_show if field not in rendered] == []
    # Template syntax stays text too: {{12*7}} is never evaluated.
    kardigan = next(n for n, f in fields.items() if f == "products/rajut-contoh/kardigan.yml.name.id")
    page = audit(site / "produk/rajut-contoh/kardigan/index.html")
    assert any(f"{{{{{kardigan}*7}}}}" in text for text in page.shown)


def test_front_matter_places_carry_the_payload_as_text(payload_site: PayloadSite) -> None:
    """<title>, og: meta, the header title and search meta hold the text, escaped once (X reads
    og:title and og:description: the page has no twitter:title or twitter:description of its own)."""
    site = payload_site.root / "site"
    fields = {f: n for n, f in payload_site.fields.items()}
    product = audit(site / "produk/rajut-contoh/kardigan/index.html").places
    name = f"<script>alert({fields['products/rajut-contoh/kardigan.yml.name.id']})</script>"
    description = f"<script>alert({fields['products/rajut-contoh/kardigan.yml.description.id']})</script>"
    # A product page's frame (templates/overrides/lean.html) has no header title of the page: the
    # site's name only, the page's name is its <h1> (in page.shown, checked above).
    assert "header title" in product and not any("alert(" in text for text in product["header title"])
    for place in ("title", "meta og:title"):
        assert any(name in text for text in product.get(place, [])), (place, product.get(place))
    for place in ("meta description", "meta og:description"):
        assert any(description in text for text in product.get(place, [])), (place, product.get(place))
    assert "meta twitter:title" not in product and "meta twitter:description" not in product
    home = audit(site / "index.html").places
    title = f"<script>alert({fields['catalog/site.yml.title.id']})</script>"
    assert any(title in text for text in home["title"]), home["title"]
    # Search filters and sorts are named by the templates; a record only gives the value (whether
    # Pagefind splits a value at ", key:" is checked in the browser test below).
    for page in _pages(site):
        places = audit(page).places
        for attribute in ("data-pagefind-filter", "data-pagefind-sort"):
            for value in places.get(attribute, []):
                assert re.match(r"[a-z_]+:", value), (page, attribute, value)


def test_nothing_is_written_outside_build_and_site(payload_site: PayloadSite) -> None:
    before, after = payload_site.outside_before, payload_site.outside_after
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    assert changed == []
    root = payload_site.root
    assert not root.with_name("site.staging").exists() and not (root / "site.staging").exists()
    assert not (root / "site.old").exists()
    assert not list(Path("/tmp").glob("etalase-pwn*"))


def test_refused_build_writes_nothing_outside_build(tmp_path: Path) -> None:
    root = copy_project(tmp_path / "p", data_from=make_mini_project(tmp_path / "data"))
    for case in CASES:
        if case.name in {"photo-traversal-hidden", "category-slug-traversal", "ikm-logo-other-ikm-folder"}:
            case.write(root)
    before = _snapshot(tmp_path, {root / "build"})
    assert build(root) == 1
    assert _snapshot(tmp_path, {root / "build"}) == before
    assert not (root / "site").exists()


# --- odd but valid files: neutralised ------------------------------------------------------


@pytest.fixture(scope="module")
def odd_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the small project from files that are valid but unusual in every way at once."""
    base = tmp_path_factory.mktemp("odd")
    data = make_mini_project(base / "data")
    kardigan = data / KARDIGAN
    text = kardigan.read_text(encoding="utf-8")
    text = text.replace("id: Kardigan Rajut Wanita", 'id: "Kardigan\\0 Rajut\\x1b[31m\\u202e Wanita\\t\\u2028"')
    kardigan.write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode("utf-8"))  # BOM and CRLF
    # A JPEG with a script after its end marker (a "polyglot"), and a PNG named .jpg.
    jpeg = io.BytesIO()
    Image.open(draw_photo(base / "k.jpg", (1600, 1200), seed=3)).save(jpeg, format="JPEG", quality=80)
    (data / PHOTO).write_bytes(jpeg.getvalue() + b"<script>alert('polyglot')</script>")
    png = data / "products/dapur-contoh/keripik-1.jpg"
    with Image.open(png) as image:
        image.load()
        image.save(png, format="PNG")
    root = copy_project(base / "project", data_from=data)
    assert build(root) == 0
    return root


def test_odd_files_build_and_show_clean_text(odd_site: Path) -> None:
    site = odd_site / "site"
    page = audit(site / "produk/rajut-contoh/kardigan/index.html")
    titles = [text for text in page.places["title"] if "Kardigan" in text]
    assert titles and all("Kardigan Rajut" in t and not re.search("[\x00-\x08\x1b]", t) for t in titles), titles
    for html_file in _pages(site):
        raw = html_file.read_text(encoding="utf-8")
        assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]", raw), html_file


def test_photos_are_reencoded_never_copied(odd_site: Path) -> None:
    site = odd_site / "site"
    published = [p for p in (site / "media").rglob("*") if p.is_file()]
    assert published
    assert all(p.suffix in {".webp", ".jpg"} for p in published)
    for path in published:
        assert b"<script" not in path.read_bytes(), path
    sources = {hashlib.sha256((odd_site / rel).read_bytes()).hexdigest() for rel in [PHOTO]}
    assert not {hashlib.sha256(p.read_bytes()).hexdigest() for p in published} & sources


# --- in a browser: nothing runs -------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.slow
def test_no_payload_runs_in_the_browser(page: Any, payload_site: PayloadSite) -> None:
    """Open every page type of the payload site (and search for it): no alert, no dialog."""
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    site = payload_site.root / "site"
    paths = ["", "kategori/", "kategori/rajut/", "sentra/", "sentra/binong-jati/", "ikm/rajut-contoh/"]
    paths += ["produk/rajut-contoh/kardigan/", "produk/dapur-contoh/keripik/", "tentang/"]
    if (site / "daftar/index.html").is_file():
        paths += ["daftar/"]  # the shortlist (filled with the payload product in tests/test_shortlist.py)
    if (site / "cari/index.html").is_file():
        paths += ["cari/?q=alert", "cari/?q=script"]
    paths += [p.parent.relative_to(site).as_posix() + "/" for p in sorted(site.glob("festival/**/index.html"))]
    paths += [p.parent.relative_to(site).as_posix() + "/" for p in sorted(site.glob("forum/**/index.html"))]
    if (site / "kebutuhan/index.html").is_file():
        paths += ["kebutuhan/", "kebutuhan/?kategori=rajut"]  # the needs board and its filters run
    with serve(site) as url:
        for path in paths:
            response = page.goto(url + path)
            assert response is not None and response.ok, path
            page.wait_for_load_state("networkidle")
            page.mouse.move(200, 200)  # would fire an onmouseover
        searched = page.evaluate(
            """async () => {
                const pagefind = await import('/pagefind/pagefind.js');
                const found = await pagefind.search('alert');
                const data = await Promise.all(found.results.map((r) => r.data()));
                const filters = await pagefind.filters();
                return {count: data.length, titles: data.map((d) => d.meta.title), filters};
            }"""
        )
    assert dialogs == []
    assert searched["count"] >= 1
    assert any("<script>alert(" in title for title in searched["titles"]), searched["titles"]
    # Filter names are the template's, never a record's text ("…, certificate:halal" in a city).
    filters = searched["filters"]
    assert all(re.fullmatch(r"[a-z_]+", name) for name in filters), filters
    assert set(filters.get("certificate", {})) <= {"sni", "halal", "pirt", "bpom-md", "hki", "tkdn"}, filters
    assert filters.get("certificate", {}).get("halal", 0) <= 1, filters  # only the keripik has one
