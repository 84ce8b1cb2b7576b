"""Measure the photo bytes a product still costs against the quality a buyer sees, at display size.

Two levers left after ``scripts/photo_quality.py`` (formats, docs/photos.md):

- the **share card** (og:image): its size and JPEG quality, judged at the widths WhatsApp and
  Facebook draw a link preview (``CARD_DISPLAYS``);
- the **top width** of the gallery's WebP ladder, judged at the widths a product page draws its
  gallery on phones and desktops (``GALLERY_DISPLAYS``).

Each candidate is made as the photo stage makes it (a smaller card: drawn at 1200x630 and resized,
so that its text is the same shapes, only fewer pixels), decoded, and resized (Lanczos) to the
display width, as the app or browser shows it; the reference is today's output *before*
compression (the card drawn losslessly at 1200x630, the photo resized straight to the display
width), resized the same way. SSIM as in photo_quality.py (Gaussian window, sigma 1.5, over R, G and B).
A candidate "holds" a display when its mean SSIM there is at least today's.

Photographs: the colour photos in scikit-image's wheel (photo_quality.PHOTOS) for the card, whose
photo half is 600x630; for the top width only photographs at least 1280 px wide count: retina
(skimage, CC0) and, when the files are given with --large, photographs such as Debian's
ukui-wallpapers ``Kleiber_by_Lukas_Baubkus.jpg`` (CC BY-SA 3.0; ``apt-get download ukui-wallpapers``,
then ``dpkg-deb -x``).

    .venv/bin/pip install -e '.[quality]'
    .venv/bin/python scripts/display_quality.py --large /tmp/wp/x/usr/share/backgrounds/Kleiber_by_Lukas_Baubkus.jpg
"""

from __future__ import annotations

import argparse
import io
import statistics
import sys
from pathlib import Path

from PIL import Image

sys.path.insert(0, str(Path(__file__).parent))
from photo_quality import PHOTOS, resized, ssim

from etalase.photos import sharecard

TEXT = ("Kardigan Rajut Motif Sunda", "Rajut Sinar Jaya", "Sentra Rajut Binong Jati")
TODAY_CARD = ((1200, 630), 85)
CARDS = [((1200, 630), q) for q in (85, 80, 75, 70)] + [
    (size, q) for size in ((1000, 525), (800, 420), (600, 315)) for q in (85, 80, 75)
]
# Link previews: WhatsApp draws a wide preview about 300 points across (600 device px at 2x, 900 at
# 3x); Facebook draws link images 500 px wide on a desktop feed (DPR 1) and across a phone's screen
# (about 1,080 device px; Facebook asks for cards at least 1,080 px wide "for high resolution devices").
CARD_DISPLAYS = (500, 600, 900, 1080)
TODAY_TOP = 1280
TOPS = (1280, 1080, 960)
# The product gallery: one photo at 88% of a phone's width (360-412 CSS px at DPR 2-3: 630-1,090
# device px), 36rem (576 CSS px) on a desktop at DPR 1 and 2.
GALLERY_DISPLAYS = (640, 950, 1080, 1152)


def jpeg(card: Image.Image, quality: int) -> tuple[Image.Image, int]:
    """Return ``card`` as the stage writes it (progressive JPEG at ``quality``), decoded, and its bytes."""
    out = io.BytesIO()
    card.save(out, "JPEG", quality=quality, optimize=True, progressive=True)
    return Image.open(io.BytesIO(out.getvalue())).convert("RGB"), out.tell()


def webp(image: Image.Image, quality: int = 80) -> tuple[Image.Image, int]:
    """Return ``image`` as the stage writes a variant (WebP, method 4), decoded, and its bytes."""
    out = io.BytesIO()
    image.save(out, "WEBP", quality=quality, method=4)
    return Image.open(io.BytesIO(out.getvalue())).convert("RGB"), out.tell()


def at_width(image: Image.Image, width: int, height: int | None = None) -> Image.Image:
    """Return ``image`` drawn ``width`` device pixels wide (Lanczos, up or down), ``height`` high
    (default: its own aspect)."""
    size = (width, height or round(width * image.height / image.width))
    return image.resize(size, Image.Resampling.LANCZOS)


def card_at(reference: Image.Image, size: tuple[int, int]) -> Image.Image:
    """Return the card of ``size`` as the stage would make it: drawn at 1200x630 (its text
    rasterised at that size) and resized, so only resolution and compression differ."""
    return reference if reference.size == size else reference.resize(size, Image.Resampling.LANCZOS)


def card_rows(photos: list[Image.Image]) -> list[str]:
    """Return the share card candidates as a markdown table: kB and SSIM at each display width."""
    references = [sharecard.render_card(p, *TEXT, size=TODAY_CARD[0]) for p in photos]
    scores: dict[tuple[tuple[int, int], int], tuple[float, list[float]]] = {}
    for size, quality in CARDS:
        sizes, per_display = [], {d: [] for d in CARD_DISPLAYS}
        for reference in references:
            decoded, length = jpeg(card_at(reference, size), quality)
            sizes.append(length)
            for display in CARD_DISPLAYS:
                shown = at_width(reference, display)
                per_display[display].append(ssim(shown, at_width(decoded, *shown.size)))
        scores[(size, quality)] = (statistics.mean(sizes), [statistics.mean(per_display[d]) for d in CARD_DISPLAYS])
    today_kb, today_ssim = scores[TODAY_CARD]
    head = " | ".join(f"SSIM at {d} px" for d in CARD_DISPLAYS)
    lines = [f"| card | kB | vs today | {head} | holds at |", "|---" * (4 + len(CARD_DISPLAYS)) + "|"]
    for (size, quality), (kb, values) in scores.items():
        holds = [str(d) for d, v, t in zip(CARD_DISPLAYS, values, today_ssim, strict=True) if v >= t]
        cells = " | ".join(f"{v:.4f}" for v in values)
        name = f"{size[0]}x{size[1]} q{quality}" + (" (today)" if (size, quality) == TODAY_CARD else "")
        lines.append(f"| {name} | {kb / 1e3:.1f} | {kb / today_kb:.0%} | {cells} | {', '.join(holds) or 'none'} |")
    return lines


def top_rows(photos: dict[str, Image.Image]) -> list[str]:
    """Return the top widths as a markdown table: kB and SSIM at each gallery display width."""
    rows = {}
    for top in TOPS:
        sizes, per_display = [], {d: [] for d in GALLERY_DISPLAYS}
        for source in photos.values():
            decoded, length = webp(resized(source, top))
            sizes.append(length)
            for display in GALLERY_DISPLAYS:
                target = resized(source, display)
                per_display[display].append(ssim(target, at_width(decoded, *target.size)))
        rows[top] = (statistics.mean(sizes), [statistics.mean(per_display[d]) for d in GALLERY_DISPLAYS])
    today_kb, today_ssim = rows[TODAY_TOP]
    head = " | ".join(f"SSIM at {d} px" for d in GALLERY_DISPLAYS)
    lines = [f"| top width | kB | vs today | {head} | holds at |", "|---" * (4 + len(GALLERY_DISPLAYS)) + "|"]
    for top, (kb, values) in rows.items():
        holds = [str(d) for d, v, t in zip(GALLERY_DISPLAYS, values, today_ssim, strict=True) if v >= t - 1e-9]
        cells = " | ".join(f"{v:.4f}" for v in values)
        name = f"{top} px" + (" (today)" if top == TODAY_TOP else "")
        lines.append(f"| {name} | {kb / 1e3:.1f} | {kb / today_kb:.0%} | {cells} | {', '.join(holds) or 'none'} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--large", type=Path, nargs="*", default=[], help="more photographs, 1280 px wide or more")
    args = parser.parse_args(argv)
    small = {name: Image.fromarray(load()).convert("RGB") for name, (load, _) in PHOTOS.items()}
    large = {name: p for name, p in small.items() if p.width >= TODAY_TOP}
    for path in args.large:
        with Image.open(path) as opened:
            large[path.name] = opened.convert("RGB")
    print(f"Share card (og:image), on {len(small)} photographs ({', '.join(small)}):\n")
    print("\n".join(card_rows(list(small.values()))))
    print(f"\nTop width of the gallery's WebP q80, on {len(large)} photographs ({', '.join(large)}):\n")
    print("\n".join(top_rows(large)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
