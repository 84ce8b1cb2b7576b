"""``etalase photos tidy``: make source photos fit for the repository, in place.

Each photo becomes upright (its EXIF orientation applied), loses every piece of metadata (EXIF with
the GPS position and camera data, XMP, comments, text chunks; the ICC colour profile stays, so the
colours stay right) and is made smaller until it is within ``intake.MAX_LONG_EDGE`` and
``intake.MAX_BYTES``. The format stays (a JPEG stays a JPEG, so the records need no change); a file
that is already tidy is not touched, so running it twice changes nothing. The issue form's converter
saves every attached photo through ``tidy_bytes``.
"""

from __future__ import annotations

import io
import math
import os
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageOps, UnidentifiedImageError

from etalase.model.problems import Msg
from etalase.photos.decode import MIN_LONG_SIDE
from etalase.photos.intake import (
    MAX_BYTES,
    MAX_LONG_EDGE,
    PHOTO_SUFFIXES,
    UNREADABLE_SUFFIXES,
    SourceFacts,
    facts_of,
    heic_message,
    inspect,
    photo_files,
)

JPEG_QUALITY = 85
_FORMATS = ("JPEG", "PNG", "WEBP")
_SHRINK_ROUNDS = 8

MSG_NOT_PHOTO = Msg(
    "file ini bukan foto JPEG, PNG atau WebP yang bisa dibaca — simpan ulang sebagai JPEG",
    "this file is not a readable JPEG, PNG or WebP photo — save it again as JPEG",
)


@dataclass(frozen=True)
class Tidied:
    """A photo made fit for the repository: its bytes, format and what it now carries."""

    data: bytes
    format: str
    facts: SourceFacts


def tidy_bytes(data: bytes, *, prefer_jpeg: bool = False) -> Tidied | Msg:
    """Return the photo in ``data`` upright, without metadata and within the caps, or why it cannot be.

    With ``prefer_jpeg`` a photo becomes a JPEG (a PNG when it has transparency) whatever it was:
    the issue form names its files itself. Otherwise the format stays.
    """
    try:
        with Image.open(io.BytesIO(data), formats=list(_FORMATS)) as opened:
            source_format = opened.format or "JPEG"
            _draft(opened)
            opened.load()
            icc = opened.info.get("icc_profile") or None
            upright = ImageOps.exif_transpose(opened)
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError, ValueError, SyntaxError):
        return MSG_NOT_PHOTO
    upright = _workable(upright)
    upright.info = {}
    has_alpha = upright.mode in ("RGBA", "LA") or (upright.mode == "P" and "transparency" in upright.info)
    target = ("PNG" if has_alpha else "JPEG") if prefer_jpeg else source_format
    if target == "JPEG" and upright.mode not in ("RGB", "L", "CMYK"):
        upright = upright.convert("RGB")
    long_edge = min(MAX_LONG_EDGE, max(upright.size))
    for _ in range(_SHRINK_ROUNDS):
        picture = _fit(upright, long_edge)
        encoded = _encode(picture, target, icc)
        if len(encoded) <= MAX_BYTES:
            with Image.open(io.BytesIO(encoded)) as check:
                return Tidied(encoded, target, facts_of(check, len(encoded)))
        long_edge = int(long_edge * max(0.5, min(0.95, math.sqrt(MAX_BYTES / len(encoded)) * 0.95)))
        if long_edge < MIN_LONG_SIDE:
            break
    return Msg(
        f"foto ini tidak bisa dibuat di bawah {MAX_BYTES // 1_048_576} MB tanpa menjadi lebih kecil dari "
        f"{MIN_LONG_SIDE} px — simpan sebagai JPEG (foto PNG 4–5 kali lebih besar) dan ganti nama di record",
        f"this photo cannot get under {MAX_BYTES // 1_048_576} MB without getting smaller than {MIN_LONG_SIDE} px "
        "— save it as JPEG (a PNG photo is 4–5 times larger) and change its name in the record",
    )


def _draft(image: Image.Image) -> None:
    """Have a large JPEG decoded at a reduced size that is still at least the cap (much faster)."""
    if image.format != "JPEG" or max(image.size) <= MAX_LONG_EDGE:
        return
    scale = MAX_LONG_EDGE / max(image.size)
    image.draft(None, (math.ceil(image.width * scale), math.ceil(image.height * scale)))


def _workable(image: Image.Image) -> Image.Image:
    """Return ``image`` in a mode that resizes well: palette and 16-bit pictures become RGB(A) or L."""
    if image.mode in ("RGB", "RGBA", "L", "LA", "CMYK"):
        return image
    if image.mode == "P":
        return image.convert("RGBA" if "transparency" in image.info else "RGB")
    if image.mode.startswith("I;16") or image.mode in ("I", "F"):
        return image.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    return image.convert("RGBA" if image.has_transparency_data else "RGB")


def _fit(image: Image.Image, long_edge: int) -> Image.Image:
    if max(image.size) <= long_edge:
        return image
    scale = long_edge / max(image.size)
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, Image.Resampling.LANCZOS, reducing_gap=3.0)


def _encode(image: Image.Image, fmt: str, icc: bytes | None) -> bytes:
    out = io.BytesIO()
    if fmt == "JPEG":
        image.save(out, "JPEG", quality=JPEG_QUALITY, optimize=True, progressive=True, icc_profile=icc)
    elif fmt == "PNG":
        image.save(out, "PNG", optimize=True, icc_profile=icc)
    else:
        image.save(out, "WEBP", quality=JPEG_QUALITY, method=4, icc_profile=icc or b"", exif=b"", xmp=b"")
    return out.getvalue()


# --- files ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TidyReport:
    """What ``tidy_file`` found and did to one file."""

    path: Path
    before: SourceFacts | None
    after: SourceFacts | None = None  # None: left as it was
    problem: Msg | None = None

    @property
    def changed(self) -> bool:
        """Return whether the file was (or, checking only, would be) rewritten."""
        return self.after is not None


def tidy_file(path: Path, *, write: bool = True) -> TidyReport:
    """Tidy the photo at ``path`` in place (only report what would change unless ``write``)."""
    if path.suffix.lower() in UNREADABLE_SUFFIXES:
        return TidyReport(path, None, problem=heic_message(path.parent.name))
    before = inspect(path)
    if before is None:
        return TidyReport(path, None, problem=MSG_NOT_PHOTO)
    if before.tidy:
        return TidyReport(path, before)
    result = tidy_bytes(path.read_bytes())
    if isinstance(result, Msg):
        return TidyReport(path, before, problem=result)
    if write:
        _replace(path, result.data)
    return TidyReport(path, before, result.facts)


def _replace(path: Path, data: bytes) -> None:
    """Write ``data`` over ``path`` atomically, keeping its permissions."""
    mode = path.stat().st_mode & 0o777
    handle, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tidy")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
        os.chmod(temp, mode)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def photos_under(paths: Iterable[Path]) -> Iterator[Path]:
    """Yield the photo files among ``paths`` and inside the folders among them."""
    for path in paths:
        if path.is_dir():
            yield from photo_files(path, ("",))
        elif path.suffix.lower() in PHOTO_SUFFIXES + UNREADABLE_SUFFIXES:
            yield path


def describe(report: TidyReport, lang: str) -> str:
    """Return what tidying did to one file, e.g. ``4032×3024 → 2000×1500 px, 9,0 MB → 0,5 MB; GPS removed``."""
    before, after = report.before, report.after
    if before is None or after is None:
        return ""
    words = {
        "id": ("posisi GPS dihapus", "data kamera dihapus", "metadata dihapus", "diputar tegak"),
        "en": ("GPS position removed", "camera data removed", "metadata removed", "turned upright"),
    }[lang]
    parts = []
    if (before.width, before.height) != (after.width, after.height):
        parts.append(f"{before.width}×{before.height} → {after.width}×{after.height} px")
    parts.append(f"{_size(before.size, lang)} → {_size(after.size, lang)}")
    done = [
        text
        for flag, text in zip(
            (before.gps, bool(before.camera), before.metadata, before.orientation != 1), words, strict=True
        )
        if flag
    ]
    if before.gps or before.camera:
        done = [t for t in done if t != words[2]]
    return ", ".join(parts) + ("; " + ", ".join(done) if done else "")


def _size(size: int, lang: str) -> str:
    text = f"{size / 1_048_576:.1f} MB" if size >= 100_000 else f"{size / 1024:.0f} kB"
    return text.replace(".", ",") if lang == "id" else text
