"""Benchmark the images stage on synthetic camera-like photos.

Makes N deterministic 3000x2000 JPEGs (gradients, soft shapes, fine texture and sensor
noise, so they compress like photos) in a temporary folder, then runs
``process_photos`` twice into a fresh cache: cold (everything decoded and encoded) and
warm (nothing changed). Prints milliseconds per source and output bytes per source.

    .venv/bin/python scripts/bench_images.py --count 24 --workers 2
"""

from __future__ import annotations

import argparse
import io
import os
import random
import resource
import shutil
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageOps

from etalase.photos import ImageSettings, PhotoRef, ShareCardText, process_photos


def synthetic_photo(seed: int, size: tuple[int, int] = (3000, 2000)) -> Image.Image:
    """Return a camera-like RGB picture, the same for the same ``seed``."""
    rng = random.Random(seed)
    width, height = size
    ramp = Image.linear_gradient("L").resize(size)
    glow = Image.radial_gradient("L").resize(size)
    picture = Image.merge("RGB", (ramp, glow, ramp.transpose(Image.Transpose.FLIP_LEFT_RIGHT)))
    draw = ImageDraw.Draw(picture)
    for _ in range(40):
        x, y, r = rng.randrange(width), rng.randrange(height), rng.randrange(40, 500)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=_colour(rng))
    picture = picture.filter(ImageFilter.GaussianBlur(4))
    draw = ImageDraw.Draw(picture)
    for _ in range(3000):  # fine texture, like threads of a knitted fabric
        x, y = rng.randrange(width), rng.randrange(height)
        end = (x + rng.randrange(-30, 30), y + rng.randrange(-30, 30))
        draw.line((x, y, *end), fill=_colour(rng), width=1)
    noise = Image.frombytes("L", size, rng.randbytes(width * height)).point(lambda v: v // 12)
    return ImageChops.add(picture, Image.merge("RGB", (noise, noise, noise)), 1, -10)


def _colour(rng: random.Random) -> tuple[int, int, int]:
    return rng.randrange(256), rng.randrange(256), rng.randrange(256)


def _write_photo(args: tuple[int, Path]) -> Path:
    seed, path = args
    synthetic_photo(seed).save(path, quality=90)
    return path


@dataclass(frozen=True)
class Row:
    """One benchmark run."""

    name: str
    seconds: float
    sources: int
    processed: int
    reused: int
    cpu_seconds: float = 0.0  # this process and its finished worker processes

    @property
    def ms_per_source(self) -> float:
        return self.seconds * 1000 / self.sources

    @property
    def cpu_ms_per_source(self) -> float:
        return self.cpu_seconds * 1000 / self.sources


def cpu_time() -> float:
    """Return the CPU seconds used so far by this process and its finished children."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def make_sources(folder: Path, count: int, seed: int, card_every: int) -> list[PhotoRef]:
    """Write ``count`` photos beside one product record in ``folder``; return refs to them.

    Every ``card_every``-th ref asks for a share card (0: none).
    """
    record = folder / "products" / "rajut-sinar" / "kardigan.yml"
    record.parent.mkdir(parents=True, exist_ok=True)
    record.write_text("slug: kardigan\n", encoding="utf-8")
    paths = [record.parent / f"foto-{i:03d}.jpg" for i in range(count)]
    with ProcessPoolExecutor() as pool:
        list(pool.map(_write_photo, [(seed + i, p) for i, p in enumerate(paths)]))
    card = ShareCardText("Kardigan Rajut Wol Premium", "Rajut Sinar", "Sentra Rajut Binong Jati")
    source = record.relative_to(folder).as_posix()

    def wants(i: int) -> bool:
        return card_every > 0 and i % card_every == 0

    return [
        PhotoRef(source, f"photos[{i}].file", 10 + i, p.name, card if wants(i) else None) for i, p in enumerate(paths)
    ]


def run(folder: Path, refs: list[PhotoRef], settings: ImageSettings, workers: int, repeat: int) -> list[Row]:
    """Return ``repeat`` cold runs of ``process_photos`` over ``refs`` (each into an empty
    cache), then one warm run into the cache the last cold run filled."""
    cache = folder / "cache"
    rows = []
    for i in range(repeat + 1):
        warm = i == repeat
        if not warm:
            shutil.rmtree(cache, ignore_errors=True)
        start, cpu = time.perf_counter(), cpu_time()
        result = process_photos(folder, refs, cache, settings, workers=workers)
        seconds, cpu = time.perf_counter() - start, cpu_time() - cpu
        if result.problems:
            sys.exit("\n".join(p.format("en") for p in result.problems))
        name = "warm" if warm else f"cold {i + 1}"
        rows.append(Row(name, seconds, len(refs), result.processed, result.reused, cpu))
    return rows


def plain_loop(folder: Path, refs: list[PhotoRef], settings: ImageSettings) -> Row:
    """Return a run of the naive way, for comparison: one process, full decode, every
    variant resized from the full picture, nothing cached."""
    start, cpu = time.perf_counter(), cpu_time()
    for ref in refs:
        with Image.open(folder / "products" / "rajut-sinar" / ref.file) as opened:
            picture = ImageOps.exif_transpose(opened).convert("RGB")
        for width in settings.widths:
            size = (width, round(width * picture.height / picture.width))
            picture.resize(size, Image.Resampling.LANCZOS).save(io.BytesIO(), "WEBP", quality=80, method=4)
    return Row("plain", time.perf_counter() - start, len(refs), len(refs), 0, cpu_time() - cpu)


def output_bytes(cache: Path) -> dict[str, int]:
    """Return bytes of cached output files by kind: variants, thumb, card."""
    sizes = {"variants": 0, "thumb": 0, "card": 0}
    for path in (cache / "media").rglob("*"):
        if path.suffix == ".json" or not path.is_file():
            continue
        kind = "thumb" if path.stem == "thumb" else "card" if path.stem == "card" else "variants"
        sizes[kind] += path.stat().st_size
    return sizes


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print a small table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=24, help="number of photos (default 24)")
    parser.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--repeat", type=int, default=3, help="cold runs; the best counts (default 3)")
    parser.add_argument("--baseline", action="store_true", help="also time a plain loop (1 process, no draft, no card)")
    parser.add_argument("--seed", type=int, default=2024, help="seed of the synthetic photos")
    parser.add_argument("--quality", type=int, default=ImageSettings().quality)
    parser.add_argument("--method", type=int, default=ImageSettings().method, help="WebP method 0-6")
    parser.add_argument(
        "--widths",
        default=",".join(map(str, ImageSettings().widths)),
        help="variant widths, comma-separated (default: the build's widths)",
    )
    parser.add_argument("--card-every", type=int, default=1, help="a share card for every K-th photo (0: none)")
    args = parser.parse_args(argv)
    widths = tuple(int(w) for w in args.widths.split(","))
    settings = ImageSettings(quality=args.quality, method=args.method, widths=widths)
    with tempfile.TemporaryDirectory(prefix="etalase-bench-") as tmp:
        folder = Path(tmp)
        refs = make_sources(folder, args.count, args.seed, args.card_every)
        source_bytes = sum((folder / "products" / "rajut-sinar" / r.file).stat().st_size for r in refs)
        rows = run(folder, refs, settings, args.workers, args.repeat)
        sizes = output_bytes(folder / "cache")
        if args.baseline:
            rows.append(plain_loop(folder, refs, settings))
    n = len(refs)
    print(
        f"{n} synthetic 3000x2000 JPEGs, {source_bytes / n / 1e6:.2f} MB each; "
        f"{args.workers} workers; WebP q{args.quality} m{args.method} widths {args.widths}; "
        f"share card every {args.card_every or 'no'} photo"
    )
    print(f"{'run':<8}{'total s':>9}{'ms/source':>11}{'CPU ms/source':>15}{'decoded':>9}{'reused':>8}")
    for row in rows:
        print(
            f"{row.name:<8}{row.seconds:>9.2f}{row.ms_per_source:>11.1f}{row.cpu_ms_per_source:>15.1f}"
            f"{row.processed:>9}{row.reused:>8}"
        )
    best = min((r for r in rows if r.name.startswith("cold")), key=lambda r: r.seconds)
    print(f"best cold: {best.ms_per_source:.1f} ms per source (load average {os.getloadavg()[0]:.2f})")
    total = sum(sizes.values())
    parts = ", ".join(f"{k} {v / n / 1000:.1f} kB" for k, v in sizes.items())
    print(f"output per source: {total / n / 1000:.1f} kB ({parts})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
