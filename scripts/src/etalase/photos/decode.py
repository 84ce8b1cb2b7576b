"""Reading a source photo: its real format, its header, size limits, and the decoded picture upright, in sRGB, without metadata."""

from __future__ import annotations

import io
import logging
import warnings
from dataclasses import dataclass
from functools import cache

import PIL
from PIL import Image, ImageCms, JpegImagePlugin

from etalase.model.problems import Msg
from etalase.photos.messages import (
    MSG_BROKEN,
    MSG_HEIC,
    MSG_NOT_IMAGE,
    msg_bomb,
    msg_too_small,
)

log = logging.getLogger(__name__)
CODE_VERSION = 1  # bump when a change in decoding or encoding changes output bytes or a verdict

MIN_LONG_SIDE = 800  # pixels on the long side of a source photo


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


@dataclass(frozen=True)
class Limits:
    """The content checks in force (copied so worker processes use the caller's values)."""

    min_long_side: int
    max_pixels: int | None

    @classmethod
    def current(cls) -> Limits:
        """Return the limits as the module constants set them now."""
        return cls(MIN_LONG_SIDE, Image.MAX_IMAGE_PIXELS)

    @property
    def tag(self) -> str:
        """Return a text that changes whenever a check verdict could."""
        return f"{self.min_long_side}/{self.max_pixels}/{CODE_VERSION}/{PIL.__version__}"


@dataclass(frozen=True)
class SourceInfo:
    """What a source's header says: stored size, EXIF orientation, whether it is a JPEG."""

    width: int
    height: int
    orientation: int
    jpeg: bool

    @classmethod
    def of(cls, image: Image.Image) -> SourceInfo:
        """Return the header facts of an opened, not yet decoded ``image``."""
        jpeg = isinstance(image, JpegImagePlugin.JpegImageFile)
        return cls(image.width, image.height, _orientation(image), jpeg)

    @property
    def upright(self) -> tuple[int, int]:
        """Return the size as seen once the orientation is applied."""
        return (self.height, self.width) if self.orientation in (5, 6, 7, 8) else (self.width, self.height)


def _sniff(data: bytes) -> str | Msg:
    """Return the real format of ``data`` from its first bytes, or what is wrong."""
    if data[:3] == b"\xff\xd8\xff":
        return _JPEG
    if data[:8] == b"\x89PNG\r\n\x1a\n":
        return _PNG
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return _WEBP
    if data[4:8] == b"ftyp" and data[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"hevc"):
        return MSG_HEIC
    return MSG_NOT_IMAGE


def open_source(data: bytes, limits: Limits) -> Image.Image | Msg:
    """Return ``data`` opened lazily (not decoded yet), or what is wrong with it."""
    kind = _sniff(data)
    if isinstance(kind, Msg):
        return kind
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data), formats=[kind])
        except (Image.DecompressionBombError, Image.DecompressionBombWarning):
            return msg_bomb()
        except Exception:
            return MSG_BROKEN
    width, height = image.size
    if limits.max_pixels and width * height > limits.max_pixels:
        return msg_bomb()
    if max(width, height) < limits.min_long_side:
        return msg_too_small(width, height, limits.min_long_side)
    return image


def _orientation(image: Image.Image) -> int:
    """Return the EXIF orientation of ``image`` (1 when absent or unreadable)."""
    try:
        value = image.getexif().get(0x0112, 1)
    except Exception:
        return 1
    return value if value in _TRANSPOSE else 1


def prepare(image: Image.Image, orientation: int) -> Image.Image:
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
