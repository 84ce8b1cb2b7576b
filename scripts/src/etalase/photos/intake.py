"""What a source photo may bring into the repository: no location, no camera data, no phone-sized original.

The site never publishes a photo's metadata (``decode.prepare`` drops it), but a photo committed
as the phone took it stays in the repository's history for good: its GPS position (often the
maker's home), the phone's make, model and serial number, and 3–9 MB that every clone downloads.
So ``etalase validate`` and the pull-request check refuse every photo file under ``products/``
and ``sentra/`` that carries a GPS position or camera data, or is larger than the cap:

- ``MAX_LONG_EDGE`` 2,000 px: the site's largest published width is 1,280 px (``encode``), so
  2,000 px keeps 1.5× that for crops and sharper variants; a phone's 4,000 px adds nothing seen.
- ``MAX_BYTES`` 1 MB: a 2,000 px JPEG at quality 85 is typically 0.3–0.6 MB. Four photos a
  product then cost about 2 MB instead of 20–35 MB, and 10,000 products about 20 GB instead of
  200–350 GB (sources beyond a few thousand products belong on the media host; see docs/intake.md).

``etalase photos tidy`` (``photos.tidy``) fixes such files in place; the issue form's converter
saves every attached photo through the same code, so its output always passes.
"""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from PIL import Image, UnidentifiedImageError

from etalase.model.problems import Msg, Problem
from etalase.photos.refs import PhotoRef

MAX_LONG_EDGE = 2000  # pixels on the long side of a source photo in the repository
MAX_BYTES = 1024 * 1024  # bytes of a source photo file in the repository
PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
UNREADABLE_SUFFIXES = (".heic", ".heif")  # phone photos the site cannot read, nor this check look into
PHOTO_FOLDERS = ("products", "sentra")
POLICY = f"{MAX_LONG_EDGE}px/{MAX_BYTES}B/gps+camera/1"  # changes whenever a verdict could

_GPS_IFD, _EXIF_IFD = 0x8825, 0x8769
_GPS_POSITION = (2, 4)  # GPSLatitude, GPSLongitude
CAMERA_TAGS = {
    0x010F: "Make",
    0x0110: "Model",
    0xA430: "CameraOwnerName",
    0xA431: "BodySerialNumber",
    0xA433: "LensMake",
    0xA434: "LensModel",
    0xA435: "LensSerialNumber",
    0xA420: "ImageUniqueID",
    0x927C: "MakerNote",
}
_XMP_GPS = re.compile(rb"GPS(?:Latitude|Longitude)|GpsLatitude|GpsLongitude", re.IGNORECASE)
_XMP_CAMERA = re.compile(rb"tiff:(Make|Model)|aux:(SerialNumber|Lens)")


@dataclass(frozen=True)
class SourceFacts:
    """What a photo file brings into the repository."""

    size: int  # bytes
    width: int
    height: int
    gps: bool
    camera: tuple[str, ...]  # names of the camera tags it carries
    orientation: int = 1
    metadata: bool = False  # any EXIF, XMP, comment or text chunk at all (the ICC colour profile aside)

    @property
    def long_edge(self) -> int:
        """Return the longer side in pixels."""
        return max(self.width, self.height)

    @property
    def refused(self) -> bool:
        """Return whether the policy refuses this file."""
        return self.gps or bool(self.camera) or self.long_edge > MAX_LONG_EDGE or self.size > MAX_BYTES

    @property
    def tidy(self) -> bool:
        """Return whether ``photos tidy`` would leave the file as it is (upright, bare, small)."""
        return not self.refused and not self.metadata and self.orientation == 1


def inspect(path: Path) -> SourceFacts | None:
    """Return what the photo at ``path`` carries, from its header; None when Pillow cannot read it."""
    try:
        size = path.stat().st_size
        with Image.open(path, formats=["JPEG", "PNG", "WEBP"]) as image:
            return facts_of(image, size)
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError, ValueError, SyntaxError):
        return None


def facts_of(image: Image.Image, size: int) -> SourceFacts:
    """Return the facts of an opened (not necessarily decoded) ``image`` of ``size`` bytes."""
    exif = image.getexif()
    gps_ifd = exif.get_ifd(_GPS_IFD)
    xmp = _xmp(image)
    camera = [name for tag, name in CAMERA_TAGS.items() if tag in exif or tag in exif.get_ifd(_EXIF_IFD)]
    if _XMP_CAMERA.search(xmp) and not camera:
        camera.append("XMP")
    gps = any(tag in gps_ifd for tag in _GPS_POSITION) or bool(_XMP_GPS.search(xmp))
    texts = {k for k in image.info if k in {"exif", "xmp", "XML:com.adobe.xmp", "comment", "photoshop"}}
    metadata = bool(exif) or bool(texts) or bool(getattr(image, "text", None))
    orientation = exif.get(0x0112, 1)
    return SourceFacts(
        size=size,
        width=image.width,
        height=image.height,
        gps=gps,
        camera=tuple(camera),
        orientation=orientation if isinstance(orientation, int) else 1,
        metadata=metadata,
    )


def _xmp(image: Image.Image) -> bytes:
    value = image.info.get("xmp") or image.info.get("XML:com.adobe.xmp") or b""
    return value.encode("utf-8", "replace") if isinstance(value, str) else bytes(value)


def _mb(size: int, lang: str) -> str:
    text = f"{size / 1_048_576:.1f} MB"
    return text.replace(".", ",") if lang == "id" else text


def what_is_wrong(facts: SourceFacts) -> tuple[str, str]:
    """Return what the policy refuses in ``facts`` (Indonesian, English), e.g. "carries a GPS position"."""
    found_id, found_en = [], []
    if facts.gps:
        found_id.append("membawa posisi GPS (lokasi pengambilan foto)")
        found_en.append("carries a GPS position (where the photo was taken)")
    if facts.camera:
        names = ", ".join(facts.camera)
        found_id.append(f"membawa data kamera ({names})" if not facts.gps else f"data kamera ({names})")
        found_en.append(f"carries camera data ({names})" if not facts.gps else f"camera data ({names})")
    if facts.long_edge > MAX_LONG_EDGE:
        found_id.append(f"berukuran {facts.width}×{facts.height} px (batas {MAX_LONG_EDGE} px sisi terpanjang)")
        found_en.append(f"is {facts.width}×{facts.height} px (at most {MAX_LONG_EDGE} px on the long side)")
    if facts.size > MAX_BYTES:
        found_id.append(f"berukuran {_mb(facts.size, 'id')} (batas {_mb(MAX_BYTES, 'id')})")
        found_en.append(f"is {_mb(facts.size, 'en')} (at most {_mb(MAX_BYTES, 'en')})")
    return _listed(found_id, "dan"), _listed(found_en, "and")


def _listed(parts: list[str], word: str) -> str:
    """Return ``a, b and c``."""
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} {word} {parts[-1]}"


def policy_message(facts: SourceFacts, folder: str) -> Msg:
    """Return the problem of a refused photo with how to fix it on each path (``folder``: its folder)."""
    wrong_id, wrong_en = what_is_wrong(facts)
    return Msg(
        f"foto ini {wrong_id}, dan akan tersimpan selamanya di riwayat repositori — perbaiki: git → "
        f"jalankan `etalase photos tidy {folder}/` lalu commit; editor web GitHub → kirim foto ke diri "
        "sendiri lewat WhatsApp (lokasi dan data kamera terbuang, ukurannya mengecil), simpan, lalu unggah "
        "ulang dengan nama file yang sama; formulir issue → lampirkan foto di formulir (dibersihkan "
        "otomatis). Panduan: CONTRIBUTING.md, 'Foto tanpa lokasi'",
        f"this photo {wrong_en}, and would stay in the repository's history for good — fix: git → run "
        f"`etalase photos tidy {folder}/` and commit; GitHub's web editor → send the photo to yourself on "
        "WhatsApp (it drops the location and camera data and makes it smaller), save it and upload it again "
        "under the same file name; issue form → attach the photo to the form (cleaned automatically). "
        "Guide: CONTRIBUTING.md, 'Photos without location'",
    )


def heic_message(folder: str) -> Msg:
    """Return the problem of a HEIC file, which neither the site nor this check can read."""
    return Msg(
        "foto HEIC (iPhone) tidak bisa dipakai situs dan tidak bisa diperiksa lokasinya — simpan ulang "
        f"sebagai JPEG (Pengaturan > Kamera > Format > Paling Kompatibel), hapus file ini dari {folder}/",
        "a HEIC photo (iPhone) cannot be used by the site nor checked for its location — save it again as "
        f"JPEG (Settings > Camera > Formats > Most Compatible) and remove this file from {folder}/",
    )


def photo_files(root: Path, folders: Sequence[str] = PHOTO_FOLDERS) -> Iterator[Path]:
    """Yield every photo file (by its name's ending) under ``folders`` of ``root``, links left out."""
    suffixes = PHOTO_SUFFIXES + UNREADABLE_SUFFIXES
    for name in folders:
        top = root / name
        for folder, dirs, files in os.walk(top):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            for file in sorted(files):
                path = Path(folder) / file
                if file.lower().endswith(suffixes) and _regular(path):
                    yield path


def _regular(path: Path) -> bool:
    """Return whether ``path`` is a regular file itself (not a link, FIFO or device: reading those could hang)."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def policy_problems(root: Path, refs: Iterable[PhotoRef]) -> list[Problem]:
    """Return a problem for every photo file the policy refuses: at each record line naming it, else at the file."""
    named: dict[str, list[PhotoRef]] = {}
    for ref in refs:
        named.setdefault(_ref_path(ref), []).append(ref)
    problems = []
    for path in photo_files(root):
        rel = path.relative_to(root).as_posix()
        folder = PurePosixPath(rel).parent.as_posix()
        refs_here = named.get(rel, [])
        if path.suffix.lower() in UNREADABLE_SUFFIXES:  # a record naming it already hears why (MSG_HEIC)
            message: Msg | None = None if refs_here else heic_message(folder)
        else:
            facts = inspect(path)
            message = policy_message(facts, folder) if facts is not None and facts.refused else None
        if message is None:
            continue
        problems += [Problem(r.source, r.line, r.field, message) for r in refs_here] or [Problem(rel, 1, "", message)]
    return problems


def _ref_path(ref: PhotoRef) -> str:
    """Return the project-relative path a ref names (``products/x/a.jpg``), as written, normalised."""
    joined = os.path.normpath(os.path.join(os.path.dirname(ref.source), ref.file.strip()))
    return PurePosixPath(joined.replace(os.sep, "/")).as_posix()
