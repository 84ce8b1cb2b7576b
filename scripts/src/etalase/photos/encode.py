"""Making the published files of a photo: responsive variants (the narrowest doubles as the card thumbnail) and the share card, with their cache keys."""

from __future__ import annotations

import io
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import PIL
from PIL import Image

from etalase.photos import imagecache, sharecard
from etalase.photos.decode import CODE_VERSION, SourceInfo
from etalase.photos.refs import ShareCardText

_RESAMPLE = Image.Resampling.LANCZOS


@dataclass(frozen=True)
class ImageSettings:
    """Everything that shapes the output files; each key holds only what shapes its files.

    ``widths`` are the responsive WebP widths (never upscaled; the narrowest is also the
    card thumbnail, cropped by CSS), ``quality``/``method`` the WebP encoder settings,
    ``card_size``/``card_quality`` the progressive JPEG share card. The card is cut from
    the variants, so ``widths`` is in its key too; a new card text or card setting redoes
    only the card, a new quality only the WebP files (unless the card needs a JPEG decoded
    at a larger size, which every key records as its ``reduction``). Bump ``version`` to
    redo every output. Why these values: ``docs/photos.md`` (``scripts/photo_quality.py``).
    """

    widths: tuple[int, ...] = (480, 1280)
    quality: int = 80
    method: int = 4
    card_size: tuple[int, int] = (1200, 630)
    card_quality: int = 85
    version: int = 2

    def __post_init__(self) -> None:
        widths = tuple(sorted(set(self.widths)))
        if not widths or widths[0] < 1:
            raise ValueError(f"widths must be positive numbers, got {self.widths!r}")
        if not 0 <= self.quality <= 100 or not 0 <= self.method <= 6:
            raise ValueError("quality must be 0-100 and method 0-6")
        if min(self.card_size) < 1 or not 1 <= self.card_quality <= 100:
            raise ValueError("card_size and card_quality must be positive")
        object.__setattr__(self, "widths", widths)

    def variants_key(self, digest: str, reduction: int = 1) -> str:
        """Return the cache key of the responsive variants of content ``digest``.

        ``reduction`` is the JPEG decoding reduction (1, 2, 4, 8) the source is read at.
        """
        return imagecache.make_key(
            "variants", digest, reduction, self.widths, self.quality, self.method, *self._versions()
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
        return self.version, CODE_VERSION, PIL.__version__


DEFAULT_SETTINGS = ImageSettings()  # frozen, so every caller may share it


def sized(quality: int, largest_width: int, card_width: int, card_quality: int) -> ImageSettings:
    """Return the default settings with a catalogue's photo sizes (``photos:`` in ``catalog/site.yml``):
    the card thumbnail stays 480 px wide, the largest file is ``largest_width``."""
    base = DEFAULT_SETTINGS
    card_width_px, card_height_px = base.card_size  # the card keeps its 1.91 : 1 (Facebook's and WhatsApp's)
    return replace(
        base,
        widths=(base.widths[0], largest_width),
        quality=quality,
        card_size=(card_width, round(card_width * card_height_px / card_width_px)),
        card_quality=card_quality,
    )


Groups = dict[str, tuple[imagecache.FileInfo, ...]]


def _needed(info: SourceInfo, settings: ImageSettings) -> tuple[int, int]:
    """Return the smallest upright size a decoded picture needs to make every output unscaled-up."""
    width, height = info.upright
    widest = min(settings.widths[-1], width)
    need_w, need_h = widest, max(1, round(widest * height / width))
    scale = min(1.0, _cover_scale(sharecard.photo_box(settings.card_size), width, height))
    need_w = max(need_w, math.ceil(width * scale - 1e-9))
    need_h = max(need_h, math.ceil(height * scale - 1e-9))
    return min(need_w, width), min(need_h, height)


def _cover_scale(box: tuple[int, int], width: int, height: int) -> float:
    """Return the scale at which a ``width``x``height`` picture covers ``box``."""
    return max(box[0] / width, box[1] / height)


def reduction_for(info: SourceInfo, settings: ImageSettings) -> int:
    """Return the largest JPEG decoding reduction (1, 2, 4 or 8) that still gives every
    output enough pixels; 1 for PNG and WebP, which cannot decode smaller."""
    if not info.jpeg:
        return 1
    need_w, need_h = _needed(info, settings)
    width, height = info.upright
    return next(d for d in (8, 4, 2, 1) if -(-width // d) >= need_w and -(-height // d) >= need_h)


def draft_request(info: SourceInfo, reduction: int) -> tuple[int, int]:
    """Return the size to ask ``Image.draft`` for so that it reduces by exactly ``reduction``.

    Pillow picks the largest power of two up to ``min(width // w, height // h)``; asking
    for ``width // reduction`` gives a quotient in ``[reduction, 2 * reduction)``.
    """
    return max(1, info.width // reduction), max(1, info.height // reduction)


@dataclass(frozen=True)
class OutputKeys:
    """The cache keys of one source's outputs under one set of settings."""

    variants: str
    cards: tuple[tuple[ShareCardText, str], ...] = ()

    def all(self) -> list[str]:
        """Return every key."""
        return [self.variants, *(key for _, key in self.cards)]

    def card(self, text: ShareCardText) -> str:
        """Return the key of the card with ``text``."""
        return dict(self.cards)[text]


def output_keys(digest: str, info: SourceInfo, settings: ImageSettings, texts: Iterable[ShareCardText]) -> OutputKeys:
    """Return the keys of every output of content ``digest``."""
    reduction = reduction_for(info, settings)
    cards = tuple((text, settings.card_key(digest, reduction, text)) for text in texts)
    return OutputKeys(settings.variants_key(digest, reduction), cards)


def variant_sizes(widths: Sequence[int], width: int, height: int) -> list[tuple[int, int]]:
    """Return the sizes of the variants of a ``width``x``height`` picture, widest first.

    A width above the picture's own becomes the picture's width: never upscaled, and
    always at least one variant.
    """
    chosen = sorted({min(w, width) for w in widths}, reverse=True)
    return [(w, max(1, round(w * height / width))) for w in chosen]


def make_outputs(
    master: Image.Image,
    info: SourceInfo,
    keys: OutputKeys,
    settings: ImageSettings,
    cache_dir: Path,
    skip: set[str],
) -> tuple[Groups, int]:
    """Make every output of ``keys`` not in ``skip`` from ``master`` into ``cache_dir``.

    The variants step down from ``master``; the share card is cut from the smallest of
    ``master`` and the variants that covers it. Each file depends only on ``master`` and the
    settings in its key, never on which other outputs this run makes, so the state of
    the cache cannot change a file's bytes. Returns the groups made and the file count.
    """
    ladder = _ladder(master, info, settings)
    pictures = [master, *ladder]  # what the card may be cut from
    made: Groups = {}
    if keys.variants not in skip:
        made[keys.variants] = tuple((f"{im.width}.webp", _webp(im, settings), *im.size) for im in reversed(ladder))
    for text, key in keys.cards:
        if key not in skip:
            photo = _covering(pictures, sharecard.photo_box(settings.card_size))
            card = sharecard.render_card(photo, text.title, text.maker, text.sentra, settings.card_size)
            made[key] = (("card.jpg", _jpeg(card, settings.card_quality), *card.size),)
    written = sum(imagecache.write_group(cache_dir, key, files) for key, files in made.items())
    return {key: tuple((n, w, h) for n, _, w, h in files) for key, files in made.items()}, written


def _ladder(master: Image.Image, info: SourceInfo, settings: ImageSettings) -> list[Image.Image]:
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
    """Return ``image`` encoded as a progressive JPEG with no metadata (the same pixels as a
    baseline JPEG of that quality, about 5% fewer bytes: docs/photos.md)."""
    image.info = {}
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, optimize=True, progressive=True)
    return out.getvalue()
