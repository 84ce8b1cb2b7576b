"""Helpers for tests of the add-a-product page's packages: make one as the page does, look into its photos.

``package_text`` writes what ``templates/assets/addproduct/send.js`` writes (the records as
indented JSON, then each photo's JPEG in base64); ``phone_photo`` makes a photo as a phone does:
stored sideways with an EXIF orientation, a GPS position and the camera's make and model.
"""

from __future__ import annotations

import base64
import io
import json
import random
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFilter

GPS_IFD = 0x8825
ORIENTATION = 0x0112
MARK = (255, 0, 0)  # the red square in the stored top-left corner of a phone photo
# What a JPEG without any metadata may still say about itself (Pillow's names for JFIF's APP0 header).
BARE_INFO = {"jfif", "jfif_version", "jfif_unit", "jfif_density", "progressive", "progression"}
TELLTALES = (b"Exif", b"GPS", b"PhoneMaker", b"Phone X", b"http://ns.adobe.com/xap", b"ICC_PROFILE")


def jpeg(size: tuple[int, int] = (1600, 1200), colour: tuple[int, int, int] = (200, 170, 140)) -> bytes:
    """Return a plain drawn JPEG."""
    image = Image.new("RGB", size, colour)
    ImageDraw.Draw(image).ellipse((size[0] // 5, size[1] // 5, 4 * size[0] // 5, 4 * size[1] // 5), fill=(40, 80, 110))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88)
    return out.getvalue()


def phone_photo(path: Path, *, min_bytes: int = 9_000_000, seed: int = 1) -> Path:
    """Write a phone photo of at least ``min_bytes``: 4032x3024 stored sideways (EXIF orientation 6,
    so it shows 3024x4032 upright), with a GPS position, the camera's make and model, and a red
    square in the stored top-left corner (the upright picture's top-right)."""
    width, height = 4032, 3024
    noise = Image.frombytes("RGB", (width, height), random.Random(seed).randbytes(width * height * 3))
    picture = noise.filter(ImageFilter.BoxBlur(1))  # a photo's detail: big files, as phones make
    ImageDraw.Draw(picture).rectangle((0, 0, 600, 600), fill=MARK)
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    exif[0x010F] = "PhoneMaker"
    exif[0x0110] = "Phone X"
    exif[GPS_IFD] = {1: "S", 2: (6.0, 54.0, 30.0), 3: "E", 4: (107.0, 36.0, 0.0)}
    for quality in (96, 97, 98):
        picture.save(path, "JPEG", quality=quality, exif=exif)
        if path.stat().st_size >= min_bytes:
            break
    return path


def package_text(
    *, product: dict[str, Any] | None = None, ikm: dict[str, Any] | None = None, photos: dict[str, bytes] | None = None
) -> str:
    """Return a package as the page writes it."""
    body: dict[str, Any] = {
        "format": "etalase-paket",
        "version": 1,
        "made": "2026-11-22T08:00:00.000Z",
        "lang": "id",
        "page": "http://127.0.0.1/tambah-produk/",
    }
    if ikm is not None:
        body["ikm"] = ikm
    if product is not None:
        body["product"] = product
    body["photos"] = [
        {"name": name, "type": "image/jpeg", "width": 1600, "height": 1200, "data": base64.b64encode(data).decode()}
        for name, data in (photos or {}).items()
    ]
    return json.dumps(body, indent=2, ensure_ascii=False) + "\n"


def product(ikm: str = "rajut-contoh", slug: str = "topi-rajut", photos: int = 1, **changes: Any) -> dict[str, Any]:
    """Return a valid product as the page fills it in (photos named foto-1.jpg …)."""
    record = {
        "slug": slug,
        "ikm": ikm,
        "name": {"id": "Topi Rajut", "en": "Knitted Hat"},
        "description": {"id": "Topi rajut hangat dari benang akrilik."},
        "category": "rajut",
        "price": {"min": 35000, "max": 50000, "unit": "pcs"},
        "moq": {"quantity": 2, "unit": "lusin"},
        "capacity_per_month": {"quantity": 300, "unit": "pcs"},
        "lead_time_days": 10,
        "materials": {"id": ["benang akrilik"]},
        "photos": [{"file": f"foto-{n}.jpg", "alt": {"id": f"Topi rajut, foto {n}"}} for n in range(1, photos + 1)],
    }
    record.update(changes)
    return record


def new_ikm(slug: str = "rajut-bu-tini", **changes: Any) -> dict[str, Any]:
    """Return a valid new maker as the page fills it in."""
    record = {
        "slug": slug,
        "name": "Rajut Bu Tini",
        "sentra": "binong-jati",
        "location": {"kecamatan": "Batununggal", "city": "Kota Bandung"},
        "founded": 2015,
        "workers": 3,
        "nib": "9120001234999",
        "contacts": {"whatsapp": "+6280000000999"},
        "languages": ["id", "su"],
        "logo": {"file": "logo-1.jpg", "alt": {"id": "Logo Rajut Bu Tini"}},
    }
    record.update(changes)
    return record


def photos_of(text: str) -> dict[str, bytes]:
    """Return the photos of a package by name."""
    return {p["name"]: base64.b64decode(p["data"]) for p in json.loads(text)["photos"]}


def metadata_of(data: bytes) -> dict[str, Any]:
    """Return what a JPEG carries besides its picture: Pillow's info keys beyond JFIF's, EXIF tags, telltale bytes."""
    image = Image.open(io.BytesIO(data))
    return {
        "info": sorted(set(image.info) - BARE_INFO),
        "exif": dict(image.getexif()),
        "bytes": [t.decode() for t in TELLTALES if t in data],
    }
