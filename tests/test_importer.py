"""``etalase import PACKAGE``: a maker's package from the add-a-product page into the records.

Good packages become records and photos that ``etalase validate`` accepts, with every photo
encoded afresh and bare; problems are printed at the package's lines, all at once, and nothing
is written; hostile packages (oversized, path traversal in names and slugs, a script in a
field, a PNG bomb, an SVG posing as a photo, broken or deep or tagged YAML, a FIFO …) are
refused with a message, without a traceback, and leave the project as it was.
"""

from __future__ import annotations

import base64
import io
import json
import os
import re
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from addpackage import jpeg, metadata_of, new_ikm, package_text, phone_photo, product
from conftest import FIXTURES, TODAY
from etalase.photos.intake import MAX_BYTES, MAX_LONG_EDGE
from etalase.source.yamlsafe import parse
from etalase.tools import importer, package
from etalase.tools.cli import main

HOSTILE_FILES = FIXTURES / "hostile" / "files"


def tree(root: Path) -> dict[str, bytes]:
    """Return every file under ``root`` and its bytes (links as their target)."""
    found = {}
    for folder, _, files in os.walk(root):
        for name in files:
            path = Path(folder) / name
            rel = path.relative_to(root).as_posix()
            found[rel] = os.readlink(path).encode() if path.is_symlink() else path.read_bytes()
    return found


def run_import(root: Path, pkg: Path, *extra: str, capsys: Any) -> tuple[int, str]:
    """Run ``etalase import`` from the package's folder, as a facilitator does; return the exit code and output."""
    here = Path.cwd()
    os.chdir(pkg.parent)
    try:
        code = main(["--root", str(root), "import", pkg.name, "--today", TODAY.isoformat(), "--lang", "both", *extra])
    finally:
        os.chdir(here)
    out = capsys.readouterr()
    return code, out.out + out.err


def write_package(tmp_path: Path, text: str | bytes, name: str = "etalase-topi-rajut.txt") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode() if isinstance(text, str) else text)
    return path


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


# --- good packages -----------------------------------------------------------------------------------


def test_a_product_package_becomes_a_record_and_photos_that_validate(
    mini_project: Path, tmp_path: Path, capsys: Any
) -> None:
    photo = phone_photo(tmp_path / "phone.jpg", min_bytes=0)
    pkg = write_package(
        tmp_path,
        package_text(product=product(photos=2), photos={"foto-1.jpg": photo.read_bytes(), "foto-2.jpg": jpeg()}),
    )
    before = tree(mini_project)
    code, out = run_import(mini_project, pkg, capsys=capsys)
    assert code == 0, out
    new = {rel: data for rel, data in tree(mini_project).items() if rel not in before}
    assert sorted(new) == [
        "products/rajut-contoh/topi-rajut-1.jpg",
        "products/rajut-contoh/topi-rajut-2.jpg",
        "products/rajut-contoh/topi-rajut.yml",
    ]
    assert {rel: data for rel, data in tree(mini_project).items() if rel in before} == before  # nothing else touched
    record, _ = parse(new["products/rajut-contoh/topi-rajut.yml"])
    assert record["photos"][0]["file"] == "topi-rajut-1.jpg" and record["photos"][1]["file"] == "topi-rajut-2.jpg"
    assert record["added"] == TODAY and record["last_verified"] == TODAY
    assert record["price"] == {"min": 35000, "max": 50000, "unit": "pcs"}
    text = new["products/rajut-contoh/topi-rajut.yml"].decode()
    assert text.startswith("# yaml-language-server: $schema=../../catalog/schema/product.schema.json\n")
    assert "&id" not in text and "!!" not in text  # plain YAML: no aliases, no tags
    for rel in ("products/rajut-contoh/topi-rajut-1.jpg", "products/rajut-contoh/topi-rajut-2.jpg"):
        assert metadata_of(new[rel]) == {"info": [], "exif": {}, "bytes": []}, rel
    upright = Image.open(io.BytesIO(new["products/rajut-contoh/topi-rajut-1.jpg"])).convert("RGB")
    assert upright.height > upright.width and max(upright.size) <= MAX_LONG_EDGE  # turned, then made smaller
    assert len(new["products/rajut-contoh/topi-rajut-1.jpg"]) <= MAX_BYTES  # within the source-photo policy
    assert upright.getpixel((upright.width - 10, 10))[0] > 200  # the stored top-left is the upright top-right
    assert "Rajut Contoh +6280000000101" in out  # who sent it, to compare with the sender
    assert main(["--root", str(mini_project), "validate", "--today", TODAY.isoformat()]) == 0


def test_a_new_maker_with_a_logo_and_a_product(mini_project: Path, tmp_path: Path, capsys: Any) -> None:
    text = package_text(
        ikm=new_ikm(),
        product=product(ikm="rajut-bu-tini", slug="syal"),
        photos={"logo-1.jpg": jpeg((900, 900)), "foto-1.jpg": jpeg()},
    )
    code, out = run_import(mini_project, write_package(tmp_path, text), capsys=capsys)
    assert code == 0, out
    folder = mini_project / "products" / "rajut-bu-tini"
    assert sorted(p.name for p in folder.iterdir()) == ["ikm.yml", "logo.jpg", "syal-1.jpg", "syal.yml"]
    ikm, _ = parse((folder / "ikm.yml").read_bytes())
    assert ikm["logo"]["file"] == "logo.jpg" and ikm["last_verified"] == TODAY and ikm["nib"] == "9120001234999"
    assert main(["--root", str(mini_project), "validate", "--today", TODAY.isoformat()]) == 0


def test_check_only_writes_nothing(mini_project: Path, tmp_path: Path, capsys: Any) -> None:
    before = tree(mini_project)
    pkg = write_package(tmp_path, package_text(product=product(), photos={"foto-1.jpg": jpeg()}))
    code, out = run_import(mini_project, pkg, "--check", capsys=capsys)
    assert code == 0, out
    assert "would write products/rajut-contoh/topi-rajut.yml" in out
    assert tree(mini_project) == before


def test_an_existing_file_is_never_overwritten(mini_project: Path, tmp_path: Path, capsys: Any) -> None:
    pkg = write_package(tmp_path, package_text(product=product(), photos={"foto-1.jpg": jpeg()}))
    assert run_import(mini_project, pkg, capsys=capsys)[0] == 0
    before = tree(mini_project)
    code, out = run_import(mini_project, pkg, capsys=capsys)
    assert code == 1
    assert "products/rajut-contoh/topi-rajut.yml already exists" in out
    assert tree(mini_project) == before


def test_a_maker_already_in_the_catalogue_keeps_its_record(mini_project: Path, tmp_path: Path, capsys: Any) -> None:
    ikm = new_ikm(slug="rajut-contoh", name="Rajut Contoh")
    text = package_text(ikm=ikm, product=product(), photos={"foto-1.jpg": jpeg(), "logo-1.jpg": jpeg((900, 900))})
    before = (mini_project / "products/rajut-contoh/ikm.yml").read_bytes()
    code, out = run_import(mini_project, write_package(tmp_path, text), capsys=capsys)
    assert code == 0, out
    assert "warning: ikm: IKM 'rajut-contoh' sudah ada di katalog" in out
    assert "warning: photos: foto 'logo-1.jpg' ada di paket tetapi tidak dipakai" in out
    assert (mini_project / "products/rajut-contoh/ikm.yml").read_bytes() == before
    assert not (mini_project / "products/rajut-contoh/logo.jpg").exists()


# --- every problem at once, at the package's lines, nothing written ------------------------------


def test_every_problem_is_printed_at_its_package_line(mini_project: Path, tmp_path: Path, capsys: Any) -> None:
    record = product(lead_time_days=0, weight_grams="berat", photos=2)
    record["price"] = {"min": 50000, "max": 35000, "unit": "pcs"}
    text = package_text(product=record, photos={"foto-1.jpg": jpeg()})  # foto-2.jpg is missing
    before = tree(mini_project)
    code, out = run_import(mini_project, write_package(tmp_path, text, "paket.txt"), capsys=capsys)
    assert code == 1
    lines = out.splitlines()
    at = {
        field: line_of(text, needle)
        for field, needle in {
            "lead_time_days": '"lead_time_days"',
            "weight_grams": '"weight_grams"',
            "price": '"price"',
            "photos[1].file": '"file": "foto-2.jpg"',
        }.items()
    }
    expected = {f"paket.txt:{line}: product.{field}: " for field, line in at.items()}
    for start in expected:
        assert any(line.startswith(start) for line in lines), (start, out)
    assert "berat" in out and "tukar" in out  # the value as written; how to fix the price band
    assert "nothing written" in out
    assert tree(mini_project) == before


def test_rules_across_records_apply_too(mini_project: Path, tmp_path: Path, capsys: Any) -> None:
    """A category the catalogue does not have is found by the check across records, as validate finds it."""
    text = package_text(product=product(category="sepatu"), photos={"foto-1.jpg": jpeg()})
    code, out = run_import(mini_project, write_package(tmp_path, text, "paket.txt"), capsys=capsys)
    assert code == 1
    line = line_of(text, '"category"')
    assert re.search(rf"^paket\.txt:{line}: product\.category: .*sepatu", out, re.M), out


def test_a_product_for_an_unknown_maker_is_refused(mini_project: Path, tmp_path: Path, capsys: Any) -> None:
    text = package_text(product=product(ikm="tidak-ada"), photos={"foto-1.jpg": jpeg()})
    code, out = run_import(mini_project, write_package(tmp_path, text), capsys=capsys)
    assert code == 1
    line = line_of(text, '"ikm"')
    assert f"{line}: product.ikm: IKM 'tidak-ada' belum ada di katalog" in out


def test_problem_fields_map_to_key_paths() -> None:
    assert importer.field_path("photos[0].alt.id") == ("photos", 0, "alt", "id")
    assert importer.field_path("price") == ("price",)
    assert importer.field_path("") == ()
    assert package.dotted(("product", "photos", 2, "file")) == "product.photos[2].file"


# --- hostile packages ----------------------------------------------------------------------------------


def _png_bomb() -> bytes:
    """A real 20,000 x 20,000 PNG (400 megapixels) that packs into about 50 KB."""
    width = height = 20_000

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    packer = zlib.compressobj(9)
    row = b"\x00" + bytes(width // 8)
    data = b"".join(packer.compress(row) for _ in range(height)) + packer.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", data) + chunk(b"IEND", b"")


def _with_photo_name(name: str) -> str:
    return package_text(product=product(), photos={name: jpeg()}).replace(
        '"file": "foto-1.jpg"', f'"file": {json.dumps(name)}'
    )


def _replace(text: str, old: str, new: str) -> str:
    assert old in text
    return text.replace(old, new)


GOOD = package_text(product=product(), photos={"foto-1.jpg": jpeg()})
HOSTILE: dict[str, tuple[str | bytes, str]] = {
    # name: (package, a piece of the message)
    "traversal in a photo name": (
        _with_photo_name("../../../etc/cron.d/x.jpg"),
        "tanpa folder, '..' atau garis miring",
    ),
    "absolute photo name": (_with_photo_name("/etc/passwd.jpg"), "tanpa folder"),
    "folder in a photo name": (_with_photo_name("foto/foto-1.jpg"), "tanpa folder"),
    "backslash in a photo name": (_with_photo_name("..\\..\\foto-1.jpg"), "tanpa folder"),
    "line break in a photo name": (_with_photo_name("foto-1.jpg\n../x.jpg"), "tanpa folder"),
    "traversal in the product slug": (
        _replace(GOOD, '"slug": "topi-rajut"', '"slug": "../../../tmp/x"'),
        "tidak bisa menjadi nama file",
    ),
    "traversal in the maker": (
        _replace(GOOD, '"ikm": "rajut-contoh"', '"ikm": "../dapur-contoh"'),
        "belum ada di katalog",
    ),
    "reserved slug": (_replace(GOOD, '"slug": "topi-rajut"', '"slug": "ikm"'), "tidak bisa menjadi nama file"),
    "a script in a field": (
        _replace(GOOD, "Topi rajut hangat dari benang akrilik.", "<script>alert(1)</script>"),
        "kode HTML atau skrip",
    ),
    "an event handler in a name": (
        _replace(GOOD, '"Knitted Hat"', '"<img src=x onerror=alert(1)>"'),
        "kode HTML atau skrip",
    ),
    "a javascript: link in a text": (_replace(GOOD, '"Knitted Hat"', '"JavaScript:alert(1)"'), "kode HTML atau skrip"),
    "markup in a key": (_replace(GOOD, '"lead_time_days"', '"<svg onload=alert(1)>"'), "kode HTML atau skrip"),
    "a PNG bomb": (package_text(product=product(), photos={"foto-1.jpg": _png_bomb()}), "terlalu besar"),
    "an SVG with a script named .jpg": (
        package_text(product=product(), photos={"foto-1.jpg": (HOSTILE_FILES / "script.svg").read_bytes()}),
        "foto 'foto-1.jpg'",
    ),
    "a photo that is not base64": (
        re.sub(r'"data": "[^"]+"', '"data": "!!not base64!!"', GOOD),
        "bukan base64",
    ),
    "escapes in photo data": (re.sub(r'"data": "([^"]{10})', r'"data": "\\u0041\1', GOOD), "bukan base64"),
    "too many photos": (
        package_text(product=product(), photos={f"foto-{n}.jpg": b"" for n in range(1, 15)}),
        "paling banyak 13",
    ),
    "an unknown field": (
        _replace(GOOD, '"lang": "id",', '"lang": "id",\n  "run": "rm -rf /",'),
        "kolom 'run' tidak dikenal",
    ),
    "not an Etalase package": (_replace(GOOD, '"etalase-paket"', '"other"'), "bukan paket Etalase"),
    "not a package at all": ("Halo, ini foto produk saya 🙂\n", "bukan paket Etalase"),
    "YAML object tags": ('!!python/object/apply:os.system ["id"]\n', "bukan paket Etalase yang utuh"),
    "deep nesting": (
        '{"format": "etalase-paket", "version": 1, "product": ' + "[" * 3000 + "]" * 3000 + "}",
        "bukan paket Etalase yang utuh",
    ),
    "a key written twice": (
        _replace(GOOD, '"lang": "id",', '"lang": "id",\n  "lang": "en",'),
        "bukan paket Etalase yang utuh",
    ),
    "NUL bytes": (GOOD.encode().replace(b'"lang": "id"', b'"lang": "i\x00d"'), "bukan paket Etalase yang utuh"),
    "not UTF-8": (GOOD.encode().replace(b"Topi Rajut", b"Topi \xff\xfe"), "bukan paket Etalase yang utuh"),
    "unpaired surrogates": (_replace(GOOD, '"Knitted Hat"', '"Knitted \\ud83d Hat"'), "surrogate"),
}


@pytest.mark.parametrize("case", HOSTILE)
def test_a_hostile_package_is_refused_with_a_message(
    case: str, mini_project: Path, tmp_path: Path, capsys: Any
) -> None:
    text, message = HOSTILE[case]
    before = tree(mini_project)
    code, out = run_import(mini_project, write_package(tmp_path, text, "paket.txt"), capsys=capsys)
    assert code == 1, out
    assert message in out, out
    assert re.search(r"^paket\.txt:\d+: ", out, re.M), out
    assert "Traceback" not in out
    assert tree(mini_project) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["paket.txt", "project"]  # nothing written beside it either


def test_an_oversized_package_is_refused_unread(mini_project: Path, tmp_path: Path, capsys: Any) -> None:
    path = tmp_path / "besar.txt"
    with path.open("wb") as file:
        file.truncate(package.MAX_PACKAGE_BYTES + 1)  # sparse: takes no disk space, would take memory
    code, out = run_import(mini_project, path, capsys=capsys)
    assert code == 1
    assert "besar.txt:1: paket terlalu besar (30.0 MB, batas 30.0 MB)" in out


def test_an_oversized_photo_is_refused(
    mini_project: Path, tmp_path: Path, capsys: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(package, "MAX_PHOTO_BYTES", 8 * 1024 * 1024)  # the real limit is 20 MB: a smaller file suffices
    data = os.urandom(package.MAX_PHOTO_BYTES + 1024)
    text = package_text(product=product(), photos={"foto-1.jpg": data})
    code, out = run_import(mini_project, write_package(tmp_path, text), capsys=capsys)
    assert code == 1
    assert "foto terlalu besar (8.0 MB, batas 8.0 MB)" in out


def test_a_fifo_is_refused_without_waiting(mini_project: Path, tmp_path: Path, capsys: Any) -> None:
    path = tmp_path / "paket.txt"
    os.mkfifo(path)
    code, out = run_import(mini_project, path, capsys=capsys)
    assert code == 1
    assert "paket bukan file biasa" in out


def test_a_polyglot_photo_reaches_the_repository_only_as_pixels(
    mini_project: Path, tmp_path: Path, capsys: Any
) -> None:
    polyglot = jpeg() + b"<script>alert('polyglot')</script>"
    text = package_text(product=product(), photos={"foto-1.jpg": polyglot})
    code, out = run_import(mini_project, write_package(tmp_path, text), capsys=capsys)
    assert code == 0, out
    written = (mini_project / "products/rajut-contoh/topi-rajut-1.jpg").read_bytes()
    assert b"<script" not in written and written != polyglot[: len(written)]


def test_reencode_drops_every_piece_of_metadata(tmp_path: Path) -> None:
    photo = phone_photo(tmp_path / "phone.jpg", min_bytes=0).read_bytes()
    assert metadata_of(photo)["bytes"]  # the phone's file carries EXIF, GPS and the camera
    made = package.reencode(photo)
    assert isinstance(made, tuple), made
    data, suffix, (width, height) = made
    assert metadata_of(data) == {"info": [], "exif": {}, "bytes": []} and suffix == "jpg"
    assert height > width and max(width, height) <= MAX_LONG_EDGE and len(data) <= MAX_BYTES


def test_a_photo_too_small_for_the_site_is_refused(mini_project: Path, tmp_path: Path, capsys: Any) -> None:
    text = package_text(product=product(), photos={"foto-1.jpg": jpeg((400, 300))})
    code, out = run_import(mini_project, write_package(tmp_path, text), capsys=capsys)
    assert code == 1
    assert "foto 'foto-1.jpg'" in out


def test_a_transparent_png_stays_a_png(mini_project: Path, tmp_path: Path, capsys: Any) -> None:
    image = Image.new("RGBA", (1000, 800), (0, 0, 0, 0))
    out = io.BytesIO()
    image.save(out, "PNG")
    text = package_text(product=product(), photos={"foto-1.png": out.getvalue()}).replace("foto-1.jpg", "foto-1.png")
    code, printed = run_import(mini_project, write_package(tmp_path, text), capsys=capsys)
    assert code == 0, printed
    written = Image.open(mini_project / "products/rajut-contoh/topi-rajut-1.png")
    assert written.format == "PNG" and written.getpixel((5, 5))[3] == 0
    record, _ = parse((mini_project / "products/rajut-contoh/topi-rajut.yml").read_bytes())
    assert record["photos"][0]["file"] == "topi-rajut-1.png"


def test_values_written_as_people_write_them_are_read_by_the_model(
    mini_project: Path, tmp_path: Path, capsys: Any
) -> None:
    record = product(lead_time_days="2 minggu", price={"min": "35rb", "max": "Rp 50.000", "unit": "pcs"})
    text = package_text(product=record, photos={"foto-1.jpg": jpeg()})
    code, out = run_import(mini_project, write_package(tmp_path, text), capsys=capsys)
    assert code == 0, out
    written, _ = parse((mini_project / "products/rajut-contoh/topi-rajut.yml").read_bytes())
    assert written["price"] == {"min": 35000, "max": 50000, "unit": "pcs"} and written["lead_time_days"] == 14


def test_the_data_of_a_photo_is_lifted_out_before_reading(tmp_path: Path) -> None:
    """Base64 never goes through the YAML reader (a few MB of it would pass its 256 KB limit)."""
    text = package_text(product=product(), photos={"foto-1.jpg": os.urandom(600_000)})
    path = write_package(tmp_path, text)
    read = package.read_package(path, "p.txt")
    assert read.readable and read.data["photos"][0]["data"] == "@photo-0"
    assert base64.b64decode(json.loads(text)["photos"][0]["data"])[:4] != b"\xff\xd8\xff\xe0"
