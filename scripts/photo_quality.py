"""Measure photo formats and settings on real photographs: bytes, SSIM and encode time per width.

The photographs are the colour photos that ship inside scikit-image's wheel (``skimage.data``,
no download): see ``PHOTOS`` for each one's licence. For every photo and delivered width the
reference is the source resized with Lanczos (what the photo stage encodes); each candidate
encodes it, is decoded again and compared with the reference by SSIM (Wang et al.: Gaussian
window, sigma 1.5, over R, G and B) and, when the ``ssimulacra2`` package is installed, by
SSIMULACRA2 as a cross-check. Encode times are single-threaded (the photo stage runs one
process per core). Then the share card (JPEG settings, same rule) and the ladders (which file
each screen fetches, and the bytes a photo stores).

    .venv/bin/pip install -e '.[quality]'   # scikit-image and ssimulacra2, pinned
    .venv/bin/python scripts/photo_quality.py > build/photo_quality.md

A setting "holds today's quality" when its mean SSIM is at least today's (WebP q80, method 4)
at every width. The figures and the choice made from them are in docs/photos.md.
"""

from __future__ import annotations

import argparse
import io
import math
import statistics
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from PIL import Image
from skimage import data
from skimage.metrics import structural_similarity

from etalase.photos import sharecard

# name -> (loader, licence as skimage.data's docstring states it)
PHOTOS: dict[str, tuple[Callable[[], np.ndarray], str]] = {
    "astronaut": (data.astronaut, "NASA, public domain"),
    "chelsea": (data.chelsea, "CC0, Stefan van der Walt"),
    "coffee": (data.coffee, "CC0, Rachel Michetti"),
    "rocket": (data.rocket, "SpaceX, public domain"),
    "motorcycle": (lambda: data.stereo_motorcycle()[0], "Middlebury 2014 stereo set, free for research use"),
    "retina": (data.retina, "CC0, Mikael Häggström"),
    "hubble": (data.hubble_deep_field, "NASA, public domain"),
}
WIDTHS = (320, 480, 640, 1280)
BASELINE = "WebP q80 m4"


@dataclass(frozen=True)
class Candidate:
    """One encoder setting."""

    name: str
    format: str
    options: dict[str, object] = field(default_factory=dict)

    def encode(self, image: Image.Image) -> tuple[bytes, float]:
        """Return ``image`` encoded, and the milliseconds it took."""
        out = io.BytesIO()
        started = time.perf_counter()
        image.save(out, self.format, **self.options)
        return out.getvalue(), (time.perf_counter() - started) * 1000


def candidates(full: bool) -> list[Candidate]:
    """Return the settings to measure (``full``: a wider grid)."""
    webp = [Candidate(f"WebP q{q} m4", "WEBP", {"quality": q, "method": 4}) for q in (75, 80, 85)]
    webp.append(Candidate("WebP q80 m6", "WEBP", {"quality": 80, "method": 6}))
    avif_q = (50, 55, 60, 62, 65, 68, 70) if full else (55, 60, 65, 70)
    avif = [Candidate(f"AVIF q{q} s8", "AVIF", {"quality": q, "speed": 8, "max_threads": 1}) for q in avif_q]
    avif += [Candidate(f"AVIF q{q} s6", "AVIF", {"quality": q, "speed": 6, "max_threads": 1}) for q in (60, 65)]
    jpeg = [Candidate(f"JPEG q{q}", "JPEG", {"quality": q, "optimize": True}) for q in (80, 85)]
    return webp + avif + jpeg


def ssim(reference: Image.Image, test: Image.Image) -> float:
    """Return the SSIM of ``test`` against ``reference`` (RGB, 8 bits)."""
    return float(
        structural_similarity(
            np.asarray(reference),
            np.asarray(test),
            channel_axis=2,
            gaussian_weights=True,
            sigma=1.5,
            use_sample_covariance=False,
            data_range=255,
        )
    )


def ssimulacra2(reference: Image.Image, test: Image.Image) -> float | None:
    """Return the SSIMULACRA2 score of ``test`` (100: identical), or None without the package."""
    try:
        from ssimulacra2 import compute_ssimulacra2
    except ImportError:
        return None
    with tempfile.TemporaryDirectory() as folder:
        ref_path, test_path = Path(folder, "ref.png"), Path(folder, "test.png")
        reference.save(ref_path)
        test.save(test_path)
        return float(compute_ssimulacra2(str(ref_path), str(test_path)))


def resized(source: Image.Image, width: int) -> Image.Image:
    """Return ``source`` at ``width`` (never wider than it is), as the photo stage resizes."""
    width = min(width, source.width)
    return source.resize((width, max(1, round(width * source.height / source.width))), Image.Resampling.LANCZOS)


@dataclass
class Row:
    """Measurements of one candidate at one width, one value per photo."""

    bytes: list[int] = field(default_factory=list)
    ssim: list[float] = field(default_factory=list)
    s2: list[float] = field(default_factory=list)
    ms: list[float] = field(default_factory=list)


def measure(photos: dict[str, Image.Image], grid: list[Candidate], widths: Iterable[int]) -> dict[tuple[str, int], Row]:
    """Return measurements keyed by (candidate name, width); a width counts photos at least that wide."""
    rows: dict[tuple[str, int], Row] = {}
    for width in widths:
        for source in photos.values():
            if source.width < width:
                continue
            reference = resized(source, width)
            for candidate in grid:
                encoded, ms = candidate.encode(reference)
                decoded = Image.open(io.BytesIO(encoded)).convert("RGB")
                row = rows.setdefault((candidate.name, width), Row())
                row.bytes.append(len(encoded))
                row.ssim.append(ssim(reference, decoded))
                row.ms.append(ms)
                score = ssimulacra2(reference, decoded)
                if score is not None:
                    row.s2.append(score)
    return rows


def holds_quality(rows: dict[tuple[str, int], Row], name: str, widths: Iterable[int]) -> bool:
    """Return whether ``name``'s mean SSIM is at least the baseline's at every width."""
    return all(
        statistics.mean(rows[(name, w)].ssim) >= statistics.mean(rows[(BASELINE, w)].ssim) - 1e-9
        for w in widths
        if (name, w) in rows
    )


def format_grid(
    rows: dict[tuple[str, int], Row], grid: list[Candidate], widths: list[int], counts: dict[int, int]
) -> list[str]:
    """Return the grid as a markdown table: per width mean kB, bytes against today, SSIM (and SSIMULACRA2)."""
    head = " | ".join(f"{w} px (n={counts[w]}): kB / vs today / SSIM / S2 / ms" for w in widths)
    lines = [f"| setting | {head} | holds SSIM |", "|---|" + "---|" * len(widths) + "---|"]
    for candidate in grid:
        cells = []
        for width in widths:
            row, base = rows[(candidate.name, width)], rows[(BASELINE, width)]
            ratio = sum(row.bytes) / sum(base.bytes)
            s2 = f"{statistics.mean(row.s2):.1f}" if row.s2 else "—"
            cells.append(
                f"{statistics.mean(row.bytes) / 1e3:.1f} / {ratio:.0%} / {statistics.mean(row.ssim):.4f} / {s2} / "
                f"{statistics.mean(row.ms):.0f}"
            )
        verdict = "yes" if holds_quality(rows, candidate.name, widths) else "no"
        lines.append(f"| {candidate.name} | " + " | ".join(cells) + f" | {verdict} |")
    return lines


def card_table(photos: dict[str, Image.Image]) -> list[str]:
    """Return the share card's JPEG settings against today's (baseline JPEG q85) as a markdown table."""
    settings = [
        ("JPEG q85 (today)", {"quality": 85, "optimize": True}),
        ("JPEG q85 progressive", {"quality": 85, "optimize": True, "progressive": True}),
        ("JPEG q80 progressive", {"quality": 80, "optimize": True, "progressive": True}),
        ("JPEG q75 progressive", {"quality": 75, "optimize": True, "progressive": True}),
    ]
    cards = [
        sharecard.render_card(p, "Kardigan Rajut Motif Sunda", "Rajut Sinar Jaya", "Binong Jati")
        for p in photos.values()
    ]
    lines = ["| card setting | kB | vs today | SSIM | identical pixels to today |", "|---|---|---|---|---|"]
    today_pixels: list[bytes] = []
    today_bytes = 0
    for name, options in settings:
        sizes, scores, same = [], [], []
        for i, card in enumerate(cards):
            encoded, _ = Candidate(name, "JPEG", options).encode(card)
            decoded = Image.open(io.BytesIO(encoded)).convert("RGB")
            if len(today_pixels) <= i:  # the first setting is today's
                today_pixels.append(decoded.tobytes())
            sizes.append(len(encoded))
            scores.append(ssim(card, decoded))
            same.append(decoded.tobytes() == today_pixels[i])
        today_bytes = today_bytes or sum(sizes)
        lines.append(
            f"| {name} | {statistics.mean(sizes) / 1e3:.1f} | {sum(sizes) / today_bytes:.0%} | "
            f"{statistics.mean(scores):.4f} | {'yes' if all(same) else 'no'} |"
        )
    return lines


# --- ladders: which file each screen fetches, and what a photo stores ---------------------------

# (slot, CSS pixels the photo is drawn at, device pixel ratio)
SCREENS = [
    ("phone gallery, 360 px wide, DPR 2", 360, 2.0),
    ("phone gallery, 360 px wide, DPR 3", 360, 3.0),
    ("phone gallery, 412 px wide, DPR 2.625", 412, 2.625),
    ("desktop gallery, 576 px (36rem), DPR 1", 576, 1.0),
    ("desktop gallery, 576 px (36rem), DPR 2", 576, 2.0),
    ("card in a grid, 170 px, DPR 2", 170, 2.0),
    ("card in a grid, 170 px, DPR 3", 170, 3.0),
]
LADDERS = {"today: 320/640/1280 + thumb 480": (320, 640, 1280), "chosen: 480/1280": (480, 1280)}


def fetched(ladder: tuple[int, ...], need: float) -> int:
    """Return the width a browser fetches from ``ladder`` for ``need`` device pixels (srcset's rule)."""
    wide_enough = [w for w in ladder if w >= need]
    return min(wide_enough) if wide_enough else max(ladder)


def ladder_table() -> list[str]:
    """Return, per screen, the width each ladder makes the browser fetch (and any upscaling)."""
    lines = ["| screen | device px | " + " | ".join(LADDERS) + " |", "|---|---|" + "---|" * len(LADDERS)]
    for slot, css, dpr in SCREENS:
        need = css * dpr
        cells = []
        for name, ladder in LADDERS.items():
            # a card shows one file: today's 480x360 thumbnail, or the ladder's narrowest width
            thumb = 480 if name.startswith("today") else min(ladder)
            width = thumb if slot.startswith("card") else fetched(ladder, need)
            cells.append(f"{width}" + (f" (upscaled {need / width:.2f}x)" if width < need - 0.5 else ""))
        lines.append(f"| {slot} | {need:.0f} | " + " | ".join(cells) + " |")
    return lines


def stored_table(rows: dict[tuple[str, int], Row], photos: dict[str, Image.Image]) -> list[str]:
    """Return the bytes one photo stores under each ladder, for photos at least 1280 px wide,
    and for a 4000x3000 phone photo by area (WebP bytes grow about with pixel count)."""
    big = [n for n, p in photos.items() if p.width >= 1280]
    per_px = statistics.mean(
        rows[(BASELINE, 1280)].bytes[i] / (1280 * round(1280 * photos[n].height / photos[n].width))
        for i, n in enumerate(big)
    )
    lines = ["| ladder | WebP q80 bytes per 4:3 photo (by area, at the 1280 px bytes per pixel) |", "|---|---|"]
    for name, ladder in LADDERS.items():
        pixels = sum(w * w * 3 / 4 for w in ladder) + (480 * 360 if name.startswith("today") else 0)
        lines.append(f"| {name} | {pixels * per_px / 1e3:.0f} kB ({math.fsum([pixels]) / 1e6:.2f} Mpx) |")
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--full", action="store_true", help="a wider grid of AVIF qualities")
    parser.add_argument("--only", nargs="*", help="only these photos (names in PHOTOS)")
    parser.add_argument("--widths", default=",".join(map(str, WIDTHS)))
    args = parser.parse_args(argv)
    names = args.only or list(PHOTOS)
    photos = {n: Image.fromarray(PHOTOS[n][0]()).convert("RGB") for n in names}
    widths = [int(w) for w in args.widths.split(",")]
    counts = {w: sum(p.width >= w for p in photos.values()) for w in widths}
    widths = [w for w in widths if counts[w]]
    grid = candidates(args.full)
    print("Photos: " + "; ".join(f"{n} {photos[n].width}x{photos[n].height} ({PHOTOS[n][1]})" for n in names))
    print(f"\nEncoders: Pillow {Image.__version__}; a width counts the photos at least that wide.\n")
    rows = measure(photos, grid, widths)
    print("\n".join(format_grid(rows, grid, widths, counts)))
    print("\n" + "\n".join(card_table(photos)))
    print("\n" + "\n".join(ladder_table()))
    if 1280 in widths:
        print("\n" + "\n".join(stored_table(rows, photos)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
