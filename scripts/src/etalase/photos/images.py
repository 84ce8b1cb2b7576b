"""Images stage: check record photos and turn them into light, private web images.

Reads the photo files that records name; returns problems (``check_photos``) and, for
good photos, ``ImageSet``s whose files live in the cache (``fastsite.publish_media`` links
them into the built site). Pure apart from reading sources and writing the cache.

Every output is upright (EXIF orientation applied), in sRGB and free of metadata (no
EXIF, GPS, XMP or ICC), and named after a key of the source's content hash and the
settings that shape it, so an unchanged photo costs nothing on the next build and a
changed one gets a new URL.
"""

from __future__ import annotations

import io
import logging
import math
import os
import re
import stat
import sys
import warnings
from collections.abc import Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from concurrent.futures.process import BrokenProcessPool
from dataclasses import astuple, dataclass, field
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

import PIL
from PIL import Image, ImageCms, ImageOps, JpegImagePlugin

from etalase.incremental import sitedir
from etalase.model.problems import Msg, Problem
from etalase.photos import imagecache, sharecard

log = logging.getLogger(__name__)

MIN_LONG_SIDE = 800  # pixels on the long side of a source photo
MAX_FILE_BYTES = 20 * 1024 * 1024  # size of a source photo file
PAGES_LIMIT_BYTES = 1_000_000_000  # GitHub Pages: a published site may be at most 1 GB
PAGES_WARN_RATIO = 0.8
PARALLEL_MIN = 4  # use worker processes only for more photos than this
PROGRESS_MIN = 20  # show a progress bar only for more photos than this
_CODE_VERSION = 1  # bump when a change here changes output bytes

_JPEG, _PNG, _WEBP = "JPEG", "PNG", "WEBP"
_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
_RESAMPLE = Image.Resampling.LANCZOS


@dataclass(frozen=True)
class PhotoRef:
    """One photo a record names: where it is written, and the file name as written."""

    source: str  # the record's YAML file, relative to the project root, posix form
    field: str  # e.g. "photos[0].file", for problem messages
    line: int  # line of that field in the YAML file
    file: str  # the file name exactly as the record writes it (relative to the record's folder)
    share_card: ShareCardText | None = None  # products only: text drawn on the 1200x630 card


@dataclass(frozen=True)
class ShareCardText:
    """Text drawn on a product's share card."""

    title: str
    maker: str
    sentra: str


@dataclass(frozen=True)
class Variant:
    """One output file; ``url`` is relative to the site root (e.g. ``media/ab12cd/640.webp``)."""

    url: str
    width: int
    height: int


@dataclass(frozen=True)
class ImageSet:
    """All outputs of one source photo."""

    variants: tuple[Variant, ...]  # full picture, ascending width, never upscaled
    thumb: Variant  # card thumbnail cropped to the card aspect ratio
    share_card: Variant | None = None  # 1200x630 og:image, products only

    @property
    def largest(self) -> Variant:
        """Return the widest variant."""
        return self.variants[-1]

    @property
    def files(self) -> tuple[Variant, ...]:
        """Return every output file of the set: variants, thumbnail and share card."""
        card = (self.share_card,) if self.share_card else ()
        return (*self.variants, self.thumb, *card)


@dataclass(frozen=True)
class ImageSettings:
    """Everything that shapes the output files; each key holds only what shapes its files.

    ``widths`` are the responsive WebP widths (never upscaled), ``quality``/``method`` the
    WebP encoder settings (also used for the thumbnail), ``thumb_size`` the card
    thumbnail (centre crop), ``card_size``/``card_quality`` the JPEG share card.
    The thumbnail and card are cut from the variants, so ``widths`` is in their keys
    too; a new card text or card setting redoes only the card, a new quality only the
    WebP files, a new thumbnail size only the thumbnail (unless a larger thumbnail or
    card needs a JPEG decoded at a larger size, which every key records as its
    ``reduction``). Bump ``version`` to redo every output.
    """

    widths: tuple[int, ...] = (320, 640, 1280)
    quality: int = 80
    method: int = 4
    thumb_size: tuple[int, int] = (480, 360)
    card_size: tuple[int, int] = (1200, 630)
    card_quality: int = 85
    version: int = 1

    def __post_init__(self) -> None:
        widths = tuple(sorted(set(self.widths)))
        if not widths or widths[0] < 1:
            raise ValueError(f"widths must be positive numbers, got {self.widths!r}")
        if not 0 <= self.quality <= 100 or not 0 <= self.method <= 6:
            raise ValueError("quality must be 0-100 and method 0-6")
        if min(*self.thumb_size, *self.card_size) < 1 or not 1 <= self.card_quality <= 100:
            raise ValueError("thumb_size, card_size and card_quality must be positive")
        object.__setattr__(self, "widths", widths)

    def variants_key(self, digest: str, reduction: int = 1) -> str:
        """Return the cache key of the responsive variants of content ``digest``.

        ``reduction`` is the JPEG decoding reduction (1, 2, 4, 8) the source is read at.
        """
        return imagecache.make_key(
            "variants", digest, reduction, self.widths, self.quality, self.method, *self._versions()
        )

    def thumb_key(self, digest: str, reduction: int = 1) -> str:
        """Return the cache key of the card thumbnail of content ``digest``."""
        return imagecache.make_key(
            "thumb",
            digest,
            reduction,
            self.widths,
            self.thumb_size,
            self.quality,
            self.method,
            *self._versions(),
        )

    def card_key(self, digest: str, reduction: int, text: ShareCardText) -> str:
        """Return the cache key of the share card of content ``digest`` with ``text``."""
        return imagecache.make_key(
            "card",
            digest,
            reduction,
            self.widths,
            [text.title, text.maker, text.sentra],
            self.card_size,
            self.card_quality,
            *self._versions(),
        )

    def _versions(self) -> tuple[int, int, str]:
        return self.version, _CODE_VERSION, PIL.__version__


@dataclass
class ImageResult:
    """What ``process_photos`` made.

    ``sets`` is keyed by ``(ref.source, ref.file)``; ``processed`` counts the distinct
    source photos decoded in this run, ``reused`` those served wholly from the cache,
    ``written`` the output files written to the cache.
    """

    sets: dict[tuple[str, str], ImageSet] = field(default_factory=dict)
    processed: int = 0
    reused: int = 0
    written: int = 0
    problems: list[Problem] = field(default_factory=list)


@dataclass(frozen=True)
class SourceSize:
    """Bytes of the image files that one record's photos produce."""

    source: str
    files: int
    bytes: int


@dataclass(frozen=True)
class SizeReport:
    """Image bytes per record and in total, against GitHub Pages' size limit."""

    sources: tuple[SourceSize, ...]  # largest first
    image_files: int  # distinct files (a file shared by two records counts once)
    image_bytes: int
    site_bytes: int | None = None  # the whole built site, when measured
    limit: int = PAGES_LIMIT_BYTES
    warn_ratio: float = PAGES_WARN_RATIO

    @property
    def used(self) -> int:
        """Return the bytes counted against the limit: the whole site when known."""
        return self.site_bytes if self.site_bytes is not None else self.image_bytes

    @property
    def ratio(self) -> float:
        """Return the share of the limit in use."""
        return self.used / self.limit

    @property
    def warning(self) -> bool:
        """Return whether the site is at or above the warning share of the limit."""
        return self.ratio >= self.warn_ratio


# ---------------------------------------------------------------------------
# Messages: "what is wrong — how to fix", in plain words.


def _mb(size: int, lang: str) -> str:
    text = f"{size / 1_048_576:.1f} MB"
    return text.replace(".", ",") if lang == "id" else text


def _msg_missing(name: str, near: str | None) -> Msg:
    if near:
        return Msg(
            f"foto '{name}' tidak ditemukan, tetapi ada '{near}' — samakan nama file persis, "
            "termasuk huruf besar dan kecil",
            f"photo '{name}' not found, but there is '{near}' — make the names match exactly, capital letters included",
        )
    return Msg(
        f"foto '{name}' tidak ditemukan — periksa nama file dan pastikan foto ada di folder yang sama dengan file ini",
        f"photo '{name}' not found — check the file name and put the photo in the same folder as this file",
    )


_MSG_BACKSLASH = Msg(
    "nama file memakai garis miring terbalik (\\) — pakai garis miring biasa (/), misalnya foto/kardigan-1.jpg",
    "the file name uses a backslash (\\) — use a forward slash (/), e.g. foto/kardigan-1.jpg",
)
_MSG_ABSOLUTE = Msg(
    "alamat foto tidak boleh lengkap dari akar disk — tulis nama filenya saja, "
    "misalnya kardigan-1.jpg, dan simpan foto di folder yang sama dengan file ini",
    "the photo path must not be absolute — write just the file name, e.g. kardigan-1.jpg, "
    "and keep the photo in the same folder as this file",
)
_MSG_PARENT = Msg(
    "foto harus ada di folder yang sama dengan file ini — jangan pakai '..'; "
    "pindahkan foto ke folder ini dan tulis nama filenya saja",
    "the photo must be in the same folder as this file — do not use '..'; "
    "move the photo into this folder and write just its file name",
)
_MSG_LINK_OUT = Msg(
    "foto ini adalah tautan (symlink) ke luar folder — salin foto aslinya ke folder ini",
    "this photo is a link (symlink) to a place outside this folder — copy the real photo into this folder",
)
_MSG_NOT_FILE = Msg(
    "nama ini bukan file foto (mungkin sebuah folder) — tulis nama file fotonya",
    "this name is not a photo file (perhaps a folder) — write the photo's file name",
)
_MSG_NOT_IMAGE = Msg(
    "file ini bukan foto JPEG, PNG atau WebP — buka fotonya lalu simpan ulang sebagai JPEG",
    "this file is not a JPEG, PNG or WebP photo — open the photo and save it again as JPEG",
)
_MSG_HEIC = Msg(
    "foto berformat HEIC (dari iPhone) belum bisa dipakai — simpan ulang sebagai JPEG, "
    "atau di iPhone pilih Pengaturan > Kamera > Format > Paling Kompatibel",
    "HEIC photos (from an iPhone) cannot be used — save the photo again as JPEG, or on the "
    "iPhone choose Settings > Camera > Formats > Most Compatible",
)
_MSG_BROKEN = Msg(
    "foto rusak atau tidak lengkap (terpotong) — salin ulang foto dari sumber aslinya",
    "the photo is damaged or incomplete (cut off) — copy the photo again from the original",
)
_MSG_CHANGED = Msg(
    "foto berubah saat situs sedang dibuat — jalankan pembuatan situs sekali lagi",
    "the photo changed while the site was being built — run the build again",
)


def _msg_too_big(size: int, limit: int) -> Msg:
    return Msg(
        f"file foto terlalu besar ({_mb(size, 'id')}, paling besar {_mb(limit, 'id')}) — "
        "perkecil fotonya, misalnya simpan dengan lebar 3000 piksel",
        f"the photo file is too large ({_mb(size, 'en')}, at most {_mb(limit, 'en')}) — "
        "make it smaller, e.g. save it 3000 pixels wide",
    )


def _msg_bomb() -> Msg:
    millions = (Image.MAX_IMAGE_PIXELS or 0) // 1_000_000
    return Msg(
        f"gambar terlalu besar untuk diproses (lebih dari {millions} juta piksel) — "
        "perkecil gambarnya, misalnya ke lebar 3000 piksel",
        f"the picture is too large to process (more than {millions} million pixels) — "
        "make it smaller, e.g. 3000 pixels wide",
    )


def _msg_too_small(width: int, height: int, minimum: int) -> Msg:
    return Msg(
        f"foto terlalu kecil ({width}×{height} piksel) — sisi terpanjang harus minimal "
        f"{minimum} piksel; pakai foto asli dari kamera, bukan tangkapan layar",
        f"the photo is too small ({width}×{height} pixels) — its long side must be at least "
        f"{minimum} pixels; use the original camera photo, not a screenshot",
    )


def _msg_failed(error: BaseException) -> Msg:
    what = f"{type(error).__name__}: {error}"[:160]
    return Msg(
        f"foto tidak bisa diproses ({what}) — simpan ulang sebagai JPEG lalu coba lagi",
        f"the photo could not be processed ({what}) — save it again as JPEG and try again",
    )


def _problem(ref: PhotoRef, message: Msg) -> Problem:
    return Problem(ref.source, ref.line, ref.field, message)


# ---------------------------------------------------------------------------
# Locating a photo: inside the record's folder, a regular file, not too large.


@dataclass(frozen=True)
class _Located:
    """A photo file that passed the path checks."""

    path: Path  # absolute, symlinks resolved
    stat: os.stat_result


def _locate(root: Path, ref: PhotoRef, folders: dict[str, tuple[Path, Path]] | None = None) -> _Located | Msg:
    """Return where ``ref``'s photo is, or what is wrong with its path.

    ``folders`` remembers each record folder and where it really is (symbolic links
    resolved) across the calls of one check.
    """
    name = ref.file.strip()
    if "\\" in name:
        return _MSG_BACKSLASH
    relative = PurePosixPath(name)
    if relative.is_absolute() or re.match(r"^[A-Za-z]:", name):
        return _MSG_ABSOLUTE
    if ".." in relative.parts:
        return _MSG_PARENT
    folders = {} if folders is None else folders
    if (known := folders.get(source_folder := os.path.dirname(ref.source))) is None:
        folder = root / PurePosixPath(source_folder)
        known = folders[source_folder] = (folder, folder.resolve())
    folder, real_folder = known
    try:
        found = _below(real_folder, relative.parts)
        if found is None:  # through a symbolic link
            resolved = (folder / relative).resolve(strict=True)
            info = resolved.stat()
        else:
            resolved, info = found
    except (OSError, ValueError):  # ValueError: a NUL byte ("\0" in a quoted YAML name) is no file name
        return _msg_missing(name, _near_name(folder / relative))
    if found is None and not resolved.is_relative_to(real_folder):
        return _MSG_LINK_OUT
    if not stat.S_ISREG(info.st_mode):
        return _MSG_NOT_FILE
    if info.st_size > MAX_FILE_BYTES:
        return _msg_too_big(info.st_size, MAX_FILE_BYTES)
    return _Located(resolved, info)


def _below(real_folder: Path, parts: tuple[str, ...]) -> tuple[Path, os.stat_result] | None:
    """Return the path ``parts`` lead to from ``real_folder`` and its stat, when none of them is a symbolic link.

    Returns ``None`` at a symbolic link (``Path.resolve`` then follows it); raises
    ``OSError`` when a part is missing, as ``Path.resolve(strict=True)`` does.
    """
    current, info = str(real_folder), None
    for part in parts:
        current = os.path.join(current, part)
        info = os.lstat(current)
        if stat.S_ISLNK(info.st_mode):
            return None
    return Path(current), info if info is not None else os.stat(current)


def _near_name(path: Path) -> str | None:
    """Return a file beside ``path`` whose name differs only in capital letters, if any."""
    try:
        names = sorted(p.name for p in path.parent.iterdir())
    except OSError:
        return None
    wanted = path.name.casefold()
    return next((n for n in names if n.casefold() == wanted and n != path.name), None)


# ---------------------------------------------------------------------------
# Work on one source: check it completely, then make the outputs that are missing.


@dataclass(frozen=True)
class _Limits:
    """The content checks in force (copied so worker processes use the caller's values)."""

    min_long_side: int
    max_pixels: int | None

    @classmethod
    def current(cls) -> _Limits:
        """Return the limits as the module constants set them now."""
        return cls(MIN_LONG_SIDE, Image.MAX_IMAGE_PIXELS)

    @property
    def tag(self) -> str:
        """Return a text that changes whenever a check verdict could."""
        return f"{self.min_long_side}/{self.max_pixels}/{_CODE_VERSION}/{PIL.__version__}"


@dataclass(frozen=True)
class _Info:
    """What a source's header says: stored size, EXIF orientation, whether it is a JPEG."""

    width: int
    height: int
    orientation: int
    jpeg: bool

    @classmethod
    def of(cls, image: Image.Image) -> _Info:
        """Return the header facts of an opened, not yet decoded ``image``."""
        jpeg = isinstance(image, JpegImagePlugin.JpegImageFile)
        return cls(image.width, image.height, _orientation(image), jpeg)

    @property
    def upright(self) -> tuple[int, int]:
        """Return the size as seen once the orientation is applied."""
        return (self.height, self.width) if self.orientation in (5, 6, 7, 8) else (self.width, self.height)


def _needed(info: _Info, settings: ImageSettings) -> tuple[int, int]:
    """Return the smallest upright size a decoded picture needs to make every output unscaled-up."""
    width, height = info.upright
    widest = min(settings.widths[-1], width)
    need_w, need_h = widest, max(1, round(widest * height / width))
    for box in (settings.thumb_size, sharecard.photo_box(settings.card_size)):
        scale = min(1.0, _cover_scale(box, width, height))
        need_w = max(need_w, math.ceil(width * scale - 1e-9))
        need_h = max(need_h, math.ceil(height * scale - 1e-9))
    return min(need_w, width), min(need_h, height)


def _cover_scale(box: tuple[int, int], width: int, height: int) -> float:
    """Return the scale at which a ``width``x``height`` picture covers ``box``."""
    return max(box[0] / width, box[1] / height)


def _reduction(info: _Info, settings: ImageSettings) -> int:
    """Return the largest JPEG decoding reduction (1, 2, 4 or 8) that still gives every
    output enough pixels; 1 for PNG and WebP, which cannot decode smaller."""
    if not info.jpeg:
        return 1
    need_w, need_h = _needed(info, settings)
    width, height = info.upright
    return next(d for d in (8, 4, 2, 1) if -(-width // d) >= need_w and -(-height // d) >= need_h)


def _draft_request(info: _Info, reduction: int) -> tuple[int, int]:
    """Return the size to ask ``Image.draft`` for so that it reduces by exactly ``reduction``.

    Pillow picks the largest power of two up to ``min(width // w, height // h)``; asking
    for ``width // reduction`` gives a quotient in ``[reduction, 2 * reduction)``.
    """
    return max(1, info.width // reduction), max(1, info.height // reduction)


@dataclass(frozen=True)
class _Keys:
    """The cache keys of one source's outputs under one set of settings."""

    variants: str
    thumb: str
    cards: tuple[tuple[ShareCardText, str], ...] = ()

    def all(self) -> list[str]:
        """Return every key."""
        return [self.variants, self.thumb, *(key for _, key in self.cards)]

    def card(self, text: ShareCardText) -> str:
        """Return the key of the card with ``text``."""
        return dict(self.cards)[text]


def _keys(digest: str, info: _Info, settings: ImageSettings, texts: Iterable[ShareCardText]) -> _Keys:
    """Return the keys of every output of content ``digest``."""
    reduction = _reduction(info, settings)
    cards = tuple((text, settings.card_key(digest, reduction, text)) for text in texts)
    return _Keys(settings.variants_key(digest, reduction), settings.thumb_key(digest, reduction), cards)


Groups = dict[str, tuple[imagecache.FileInfo, ...]]


@dataclass(frozen=True)
class _Job:
    """One distinct source photo to check and, with ``outputs``, to make outputs from."""

    path: str
    digest: str
    limits: _Limits
    settings: ImageSettings
    cache_dir: str
    texts: tuple[ShareCardText, ...] = ()
    outputs: bool = True


@dataclass(frozen=True)
class _Outcome:
    """What the work on one source found and made."""

    digest: str
    problem: Msg | None = None
    cacheable: bool = True  # whether the verdict depends on the content only
    decoded: bool = False
    info: _Info | None = None
    keys: _Keys | None = None
    groups: Groups = field(default_factory=dict)
    written: int = 0


def _work(job: _Job) -> _Outcome:
    """Check one source completely and make its missing outputs; never raises."""
    try:
        return _work_unguarded(job)
    except Exception as error:
        log.warning("could not process %s", job.path, exc_info=True)
        return _Outcome(job.digest, _msg_failed(error), cacheable=False, decoded=True)


def _work_unguarded(job: _Job) -> _Outcome:
    data = Path(job.path).read_bytes()
    if imagecache.digest_bytes(data) != job.digest:
        return _Outcome(job.digest, _MSG_CHANGED, cacheable=False)
    opened = _open(data, job.limits)
    if isinstance(opened, Msg):
        return _Outcome(job.digest, opened)
    info = _Info.of(opened)
    if info.jpeg:  # decode at a reduced size: only as large as the outputs need
        reduction = _reduction(info, job.settings) if job.outputs else 8
        opened.draft("RGB", _draft_request(info, reduction))
    try:
        opened.load()
    except Exception:
        return _Outcome(job.digest, _MSG_BROKEN, decoded=True)
    if not job.outputs:
        return _Outcome(job.digest, decoded=True, info=info)
    keys = _keys(job.digest, info, job.settings, job.texts)
    cache_dir = Path(job.cache_dir)
    groups = {k: g for k in keys.all() if (g := imagecache.read_group(cache_dir, k))}
    if len(groups) == len(keys.all()):
        return _Outcome(job.digest, decoded=True, info=info, keys=keys, groups=groups)
    master = _prepare(opened, info.orientation)
    made, written = _make_outputs(master, info, keys, job.settings, cache_dir, skip=set(groups))
    return _Outcome(job.digest, decoded=True, info=info, keys=keys, groups={**groups, **made}, written=written)


def _sniff(data: bytes) -> str | Msg:
    """Return the real format of ``data`` from its first bytes, or what is wrong."""
    if data[:3] == b"\xff\xd8\xff":
        return _JPEG
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return _PNG
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _WEBP
    if data[4:8] == b"ftyp" and data[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"hevc"):
        return _MSG_HEIC
    return _MSG_NOT_IMAGE


def _open(data: bytes, limits: _Limits) -> Image.Image | Msg:
    """Return ``data`` opened lazily (not decoded yet), or what is wrong with it."""
    kind = _sniff(data)
    if isinstance(kind, Msg):
        return kind
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=[kind])
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            return _msg_bomb()
        except Exception:
            return _MSG_BROKEN
    width, height = image.size
    if limits.max_pixels and width * height > limits.max_pixels:
        return _msg_bomb()
    if max(width, height) < limits.min_long_side:
        return _msg_too_small(width, height, limits.min_long_side)
    return image


def _orientation(image: Image.Image) -> int:
    """Return the EXIF orientation of ``image`` (1 when absent or unreadable)."""
    try:
        value = image.getexif().get(0x0112, 1)
    except Exception:
        return 1
    return value if value in _TRANSPOSE else 1


def _prepare(image: Image.Image, orientation: int) -> Image.Image:
    """Return the decoded ``image`` in sRGB (RGB, or RGBA when it has transparency),
    upright and with no metadata at all."""
    converted = _to_srgb(image)
    if orientation in _TRANSPOSE:
        converted = converted.transpose(_TRANSPOSE[orientation])
    converted.info = {}
    return converted


def _to_srgb(image: Image.Image) -> Image.Image:
    """Return ``image`` converted to 8-bit sRGB, keeping real transparency as RGBA."""
    icc = image.info.get("icc_profile") or None
    image = _eight_bit(image)
    alpha = _alpha(image)
    colour = image if image.mode in ("RGB", "CMYK", "L") else image.convert("RGB")
    converted = _apply_profile(colour, icc) if icc else None
    if converted is None:
        converted = colour.convert("RGB") if colour.mode != "RGB" else colour
    if alpha is not None:
        converted.putalpha(alpha)
    return converted


def _eight_bit(image: Image.Image) -> Image.Image:
    """Return 16-bit, 32-bit and float greyscale images as 8-bit greyscale ("L")."""
    if image.mode.startswith("I;16"):
        return image.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    if image.mode == "I":
        _, high = image.getextrema()
        scale = 1 / 256 if isinstance(high, int) and high > 255 else 1
        return image.point(lambda v: v * scale).convert("L")
    if image.mode == "F":
        return image.point(lambda v: v * 255).convert("L")
    return image


def _alpha(image: Image.Image) -> Image.Image | None:
    """Return the alpha band of ``image`` when some pixel is not fully opaque, else None."""
    if not image.has_transparency_data:
        return None
    band = (image if image.mode == "RGBA" else image.convert("RGBA")).getchannel("A")
    low, _ = band.getextrema()
    return band if isinstance(low, int) and low < 255 else None


_SPACES = {"RGB": "RGB", "CMYK": "CMYK", "L": "GRAY"}


def _apply_profile(image: Image.Image, icc: bytes) -> Image.Image | None:
    """Return ``image`` converted from its embedded ``icc`` profile to sRGB (RGB mode).

    Returns None when no conversion is needed (already sRGB) or possible (a broken
    profile, or one for another colour space); the caller then converts plainly.
    """
    try:
        profile = ImageCms.ImageCmsProfile(io.BytesIO(icc))
        space = profile.profile.xcolor_space.strip().upper()
        if space != _SPACES.get(image.mode) or _is_srgb(profile):
            return None
        return ImageCms.profileToProfile(image, profile, _srgb(), outputMode="RGB")
    except (ImageCms.PyCMSError, OSError, ValueError, TypeError):
        log.info("ignoring an unusable colour profile", exc_info=True)
        return None


def _is_srgb(profile: ImageCms.ImageCmsProfile) -> bool:
    """Return whether ``profile`` describes sRGB (so converting would change nothing)."""
    return "srgb" in (profile.profile.profile_description or "").lower()


@cache
def _srgb() -> ImageCms.ImageCmsProfile:
    """Return the built-in sRGB profile (made once per process)."""
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


# ---------------------------------------------------------------------------
# Outputs.


def variant_sizes(widths: Sequence[int], width: int, height: int) -> list[tuple[int, int]]:
    """Return the sizes of the variants of a ``width``x``height`` picture, widest first.

    A width above the picture's own becomes the picture's width: never upscaled, and
    always at least one variant.
    """
    chosen = sorted({min(w, width) for w in widths}, reverse=True)
    return [(w, max(1, round(w * height / width))) for w in chosen]


def _make_outputs(
    master: Image.Image,
    info: _Info,
    keys: _Keys,
    settings: ImageSettings,
    cache_dir: Path,
    skip: set[str],
) -> tuple[Groups, int]:
    """Make every output of ``keys`` not in ``skip`` from ``master`` into ``cache_dir``.

    The variants step down from ``master``; the thumbnail and share card are cut from
    the smallest of ``master`` and the variants that covers them. Each file depends only on ``master`` and the
    settings in its key, never on which other outputs this run makes, so the state of
    the cache cannot change a file's bytes. Returns the groups made and the file count.
    """
    ladder = _ladder(master, info, settings)
    pictures = [master, *ladder]  # what the thumbnail and card may be cut from
    made: Groups = {}
    if keys.variants not in skip:
        made[keys.variants] = tuple((f"{im.width}.webp", _webp(im, settings), *im.size) for im in reversed(ladder))
    if keys.thumb not in skip:
        size = settings.thumb_size
        thumb = ImageOps.fit(_covering(pictures, size), size, _RESAMPLE)
        made[keys.thumb] = (("thumb.webp", _webp(thumb, settings), *size),)
    for text, key in keys.cards:
        if key not in skip:
            photo = _covering(pictures, sharecard.photo_box(settings.card_size))
            card = sharecard.render_card(photo, text.title, text.maker, text.sentra, settings.card_size)
            made[key] = (("card.jpg", _jpeg(card, settings.card_quality), *card.size),)
    written = sum(imagecache.write_group(cache_dir, key, files) for key, files in made.items())
    return {key: tuple((n, w, h) for n, _, w, h in files) for key, files in made.items()}, written


def _ladder(master: Image.Image, info: _Info, settings: ImageSettings) -> list[Image.Image]:
    """Return the variant pictures, widest first, each resized from the one before.

    An exact halving uses a 2x2 average (``reduce``), which is ten times faster than
    Lanczos and as good once the first, larger step has been Lanczos-filtered.
    """
    ladder: list[Image.Image] = []
    current = master
    for size in variant_sizes(settings.widths, *info.upright):
        if current.size == size:
            pass
        elif current.width == 2 * size[0] and (current.height + 1) // 2 == size[1] and ladder:
            current = current.reduce(2)
        else:
            current = current.resize(size, _RESAMPLE)
        ladder.append(current)
    return ladder


def _covering(pictures: list[Image.Image], size: tuple[int, int]) -> Image.Image:
    """Return the narrowest of ``pictures`` that covers ``size`` (else the first, the largest)."""
    fits = [im for im in pictures if im.width >= size[0] and im.height >= size[1]]
    return min(fits, key=lambda im: (im.width, im.height)) if fits else pictures[0]


def _webp(image: Image.Image, settings: ImageSettings) -> bytes:
    """Return ``image`` encoded as WebP with no metadata."""
    image.info = {}
    out = io.BytesIO()
    image.save(out, "WEBP", quality=settings.quality, method=settings.method)
    return out.getvalue()


def _jpeg(image: Image.Image, quality: int) -> bytes:
    """Return ``image`` encoded as a baseline JPEG with no metadata."""
    image.info = {}
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, optimize=True)
    return out.getvalue()


# ---------------------------------------------------------------------------
# The stage: plan the work from the cache, run it, gather results.


@dataclass
class _Source:
    """One distinct source content and the refs that name it."""

    digest: str
    path: Path
    refs: list[PhotoRef] = field(default_factory=list)

    @property
    def texts(self) -> tuple[ShareCardText, ...]:
        """Return the distinct share card texts its refs ask for, in a stable order."""
        texts = {ref.share_card for ref in self.refs if ref.share_card is not None}
        return tuple(sorted(texts, key=lambda t: (t.title, t.maker, t.sentra)))


@dataclass
class _Plan:
    """Refs sorted into failed paths and distinct sources."""

    problems: list[Problem] = field(default_factory=list)
    sources: dict[str, _Source] = field(default_factory=dict)


def _plan(root: Path, refs: Sequence[PhotoRef], manifest: imagecache.Manifest) -> _Plan:
    """Check every ref's path and group the good ones by content hash."""
    plan = _Plan()
    digests: dict[Path, str] = {}
    folders: dict[str, tuple[Path, Path]] = {}
    for ref in refs:
        located = _locate(root, ref, folders)
        if isinstance(located, Msg):
            plan.problems.append(_problem(ref, located))
            continue
        digest = digests.get(located.path)
        if digest is None:
            try:
                digest = manifest.digest(located.path, located.stat)
            except OSError as error:
                plan.problems.append(_problem(ref, _msg_failed(error)))
                continue
            digests[located.path] = digest
        source = plan.sources.setdefault(digest, _Source(digest, located.path))
        source.refs.append(ref)
    return plan


def _run_jobs(jobs: list[_Job], workers: int | None, progress: bool) -> Iterator[_Outcome]:
    """Yield the outcome of every job, on several processes when there are enough jobs."""
    count = workers or _cpu_count()
    show = progress and len(jobs) > PROGRESS_MIN and sys.stderr.isatty()
    if count <= 1 or len(jobs) <= PARALLEL_MIN:
        yield from _with_progress((_work(job) for job in jobs), len(jobs), show)
        return
    with ProcessPoolExecutor(max_workers=min(count, len(jobs))) as pool:
        futures = {pool.submit(_work, job): job for job in jobs}
        yield from _with_progress(_gather(futures), len(jobs), show)


def _gather(futures: dict[Future[_Outcome], _Job]) -> Iterator[_Outcome]:
    """Yield outcomes as workers finish; a crashed worker becomes a problem, not an error."""
    for future in as_completed(futures):
        try:
            yield future.result()
        except (BrokenProcessPool, OSError) as error:
            yield _Outcome(futures[future].digest, _msg_failed(error), cacheable=False)


def _with_progress(outcomes: Iterable[_Outcome], total: int, show: bool) -> Iterator[_Outcome]:
    """Yield ``outcomes``, drawing a progress bar on stderr when ``show``."""
    if not show:
        yield from outcomes
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("Foto / Photos", total=total)
        for outcome in outcomes:
            bar.advance(task)
            yield outcome


def _cpu_count() -> int:
    """Return the number of CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


@dataclass
class _Run:
    """The outcome of checking (and maybe processing) a list of refs."""

    plan: _Plan
    problems: dict[str, Msg] = field(default_factory=dict)  # digest -> what is wrong
    done: dict[str, tuple[_Keys, Groups]] = field(default_factory=dict)  # digest -> outputs
    processed: int = 0
    reused: int = 0
    written: int = 0


def _run(
    root: Path,
    refs: Sequence[PhotoRef],
    cache_dir: Path | None,
    settings: ImageSettings,
    *,
    outputs: bool,
    workers: int | None,
    progress: bool,
) -> _Run:
    """Check ``refs`` and, when ``outputs``, make every missing output in ``cache_dir``."""
    manifest = imagecache.Manifest.load(cache_dir)
    limits = _Limits.current()
    run = _Run(_plan(root, refs, manifest))
    jobs = []
    for digest, source in run.plan.sources.items():
        verdict = manifest.verdict(digest, limits.tag)
        if verdict is not None and not verdict.get("ok"):  # known bad: no need to look again
            run.problems[digest] = Msg(str(verdict["id"]), str(verdict["en"]))
            continue
        if verdict is not None and (not outputs or _reuse(run, source, verdict, settings, cache_dir, manifest)):
            continue  # known good, and every output it needs is in the cache
        jobs.append(_Job(str(source.path), digest, limits, settings, str(cache_dir or ""), source.texts, outputs))
    for outcome in _run_jobs(jobs, workers, progress):
        _record(run, outcome, manifest, limits)
    if outputs and cache_dir is not None:
        _remember_new_groups(run, manifest, cache_dir, [job.digest for job in jobs])
    manifest.save()
    return run


def _remember_new_groups(run: _Run, manifest: imagecache.Manifest, cache_dir: Path, digests: list[str]) -> None:
    """Look once more at the output groups this run made, so that ``manifest`` remembers them.

    Done here, at the end of the build that wrote them (its own work then still in the file
    system's caches), not at the start of the next one: after a cold build of 5,000 products the
    first warm build spent 7 s reading 21,000 group folders for this. Folders written in the
    run's last seconds are not remembered (see ``Manifest.groups``).
    """
    for digest in digests:
        done = run.done.get(digest)
        if done is not None:
            manifest.groups(cache_dir, digest, done[0].all())


def _reuse(
    run: _Run,
    source: _Source,
    verdict: dict[str, Any],
    settings: ImageSettings,
    cache_dir: Path | None,
    manifest: imagecache.Manifest,
) -> bool:
    """Record ``source``'s outputs when the cache has all of them; return whether it did."""
    if cache_dir is None:
        return False
    try:
        info = _Info(*verdict["info"])
    except (KeyError, TypeError):
        return False
    keys = _keys(source.digest, info, settings, source.texts)
    groups = manifest.groups(cache_dir, source.digest, keys.all())
    if any(files is None for files in groups.values()):
        return False
    run.done[source.digest] = (keys, {k: v for k, v in groups.items() if v is not None})
    run.reused += 1
    return True


def _record(run: _Run, outcome: _Outcome, manifest: imagecache.Manifest, limits: _Limits) -> None:
    """Add one job's ``outcome`` to ``run`` and remember its verdict in ``manifest``."""
    run.processed += outcome.decoded
    run.written += outcome.written
    if outcome.problem is not None:
        run.problems[outcome.digest] = outcome.problem
        if outcome.cacheable:
            verdict = {"ok": False, "id": outcome.problem.id, "en": outcome.problem.en}
            manifest.remember(outcome.digest, limits.tag, verdict)
        return
    if outcome.info is not None:
        manifest.remember(outcome.digest, limits.tag, {"ok": True, "info": list(astuple(outcome.info))})
    if outcome.keys is not None:
        run.done[outcome.digest] = (outcome.keys, outcome.groups)


def _ref_problems(run: _Run) -> list[Problem]:
    """Return the path problems and content problems of every ref."""
    problems = list(run.plan.problems)
    for digest, source in run.plan.sources.items():
        if digest in run.problems:
            problems.extend(_problem(ref, run.problems[digest]) for ref in source.refs)
    return problems


def check_photos(
    root: Path,
    refs: Sequence[PhotoRef],
    *,
    cache_dir: Path | None = None,
    workers: int | None = None,
    progress: bool = False,
) -> list[Problem]:
    """Return the problems of every photo ``refs`` name (files read from under ``root``).

    Checks that each path stays in its record's folder and that the file is a complete
    JPEG, PNG or WebP of sane size. With ``cache_dir``, verdicts are remembered by
    content hash, so an unchanged photo is not decoded again.
    """
    run = _run(root, refs, cache_dir, ImageSettings(), outputs=False, workers=workers, progress=progress)
    return _ref_problems(run)


def process_photos(
    root: Path,
    refs: Sequence[PhotoRef],
    cache_dir: Path,
    settings: ImageSettings = ImageSettings(),  # frozen, so sharing the default is safe
    *,
    workers: int | None = None,
    progress: bool = False,
) -> ImageResult:
    """Check the photos ``refs`` name and make their outputs in ``cache_dir``.

    Reads the source files under ``root``; returns an ``ImageSet`` for every good ref
    and a problem (the same ones ``check_photos`` gives) for every bad one; never
    raises for a bad photo. Outputs already in the cache are reused without decoding.
    """
    run = _run(root, refs, cache_dir, settings, outputs=True, workers=workers, progress=progress)
    result = ImageResult(processed=run.processed, reused=run.reused, written=run.written, problems=_ref_problems(run))
    for digest, (keys, groups) in run.done.items():
        for ref in run.plan.sources[digest].refs:
            result.sets[(ref.source, ref.file)] = _image_set(ref, keys, groups)
    return result


def _image_set(ref: PhotoRef, keys: _Keys, groups: Groups) -> ImageSet:
    """Return the ``ImageSet`` of ``ref`` from its source's output ``groups``."""

    def variants(key: str) -> tuple[Variant, ...]:
        return tuple(Variant(imagecache.group_url(key, n), w, h) for n, w, h in groups[key])

    card = variants(keys.card(ref.share_card))[0] if ref.share_card else None
    return ImageSet(variants(keys.variants), variants(keys.thumb)[0], card)


# ---------------------------------------------------------------------------
# Publishing and size report.


def prune_cache(sets: Iterable[ImageSet], cache_dir: Path) -> int:
    """Remove output folders from ``cache_dir`` that no set uses; return how many."""
    return imagecache.prune(cache_dir, (v.url for s in sets for v in s.files))


def size_report(
    sets: Mapping[tuple[str, str], ImageSet],
    files_dir: Path,
    *,
    site_dir: Path | None = None,
    limit: int = PAGES_LIMIT_BYTES,
    warn_ratio: float = PAGES_WARN_RATIO,
) -> SizeReport:
    """Return image bytes per record source and in total, read from ``files_dir``.

    ``sets`` is ``ImageResult.sets``; ``files_dir`` holds the files at their URLs (the
    cache or the docs folder). With ``site_dir`` (the built site), the whole site's
    size is what is compared with the limit.
    """
    sizes: dict[str, int] = {}
    per_source: dict[str, set[str]] = {}
    for (source, _), image_set in sets.items():
        for variant in image_set.files:
            if variant.url not in sizes:
                sizes[variant.url] = _size(files_dir / variant.url)
            per_source.setdefault(source, set()).add(variant.url)
    sources = sorted(
        (SourceSize(s, len(urls), sum(sizes[u] for u in urls)) for s, urls in per_source.items()),
        key=lambda s: (-s.bytes, s.source),
    )
    site = sitedir.tree_bytes(site_dir) if site_dir else None
    return SizeReport(tuple(sources), len(sizes), sum(sizes.values()), site, limit, warn_ratio)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _human(size: int) -> str:
    """Return ``size`` bytes in a short human form (kB, MB, GB; powers of 1000)."""
    for unit, step in (("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if size >= step:
            return f"{size / step:.1f} {unit}"
    return f"{size} B"


def format_size_report(report: SizeReport, lang: str = "en", top: int = 3) -> list[str]:
    """Return ``report`` as a few human lines in ``lang`` (``id`` or ``en``)."""
    limit = _human(report.limit)
    lines = [
        Msg(
            f"Gambar: {report.image_files} file, {_human(report.image_bytes)} untuk {len(report.sources)} record",
            f"Images: {report.image_files} files, {_human(report.image_bytes)} for {len(report.sources)} records",
        ).get(lang)
    ]
    if report.sources[:top]:
        largest = ", ".join(f"{s.source} {_human(s.bytes)}" for s in report.sources[:top])
        lines.append(Msg(f"Terbesar: {largest}", f"Largest: {largest}").get(lang))
    what = Msg("Situs", "Site") if report.site_bytes is not None else Msg("Gambar", "Images")
    share = f"{report.ratio:.1%}"
    lines.append(
        Msg(
            f"{what.id}: {_human(report.used)} dari batas GitHub Pages {limit} ({share})",
            f"{what.en}: {_human(report.used)} of GitHub Pages' {limit} limit ({share})",
        ).get(lang)
    )
    if report.warning:
        lines.append(
            Msg(
                f"PERINGATAN: situs sudah memakai {share} dari batas {limit} GitHub Pages — "
                "terbitkan foto di tempat lain (media_url di catalog/site.yml) atau kurangi lebarnya "
                "(ImageSettings.widths)",
                f"WARNING: the site uses {share} of GitHub Pages' {limit} limit — "
                "publish the photos on a host of their own (media_url in catalog/site.yml) or use smaller "
                "widths (ImageSettings.widths)",
            ).get(lang)
        )
    return lines
