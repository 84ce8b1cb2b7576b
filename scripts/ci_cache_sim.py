"""Simulate the Pages workflow's cache traffic on a synthetic catalogue and extrapolate to 10,000 products.

Runs the workflow's own commands on a synthetic catalogue (``etalase.bench.synthetic``) in a
folder of its own: a first deploy (``etalase build`` into an empty ``build/cache``), then a deploy
after one product's photo changed (the photo is mirrored, so it has new content). After each it
measures what the photo cache holds, split into the *photo index* (``manifest.json`` and each
output folder's ``meta.json``: what a build needs to know which outputs exist and their sizes)
and the *output files* (the WebP and JPEG files), and which output files the edit made.

    .venv/bin/python scripts/ci_cache_sim.py --products 200 > build/ci_cache_sim.md

The arithmetic (both designs, at N and at 10,000 products, linear in products) is printed with
the figures; docs/photos.md explains the designs.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from etalase.bench import synthetic

TARGET = 10_000
LIMIT_MB = 50


@dataclass(frozen=True)
class CacheState:
    """What the photo cache holds after one build."""

    index_bytes: int
    index_files: int
    output_bytes: int
    output_files: dict[str, int]  # relative path -> bytes


def measure(cache: Path) -> CacheState:
    """Return the photo cache's index and output files (``build/cache/images``)."""
    index_bytes = index_files = output_bytes = 0
    outputs: dict[str, int] = {}
    for path in cache.rglob("*"):
        if not path.is_file():
            continue
        size = path.stat().st_size
        if path.name in ("manifest.json", "meta.json"):
            index_bytes += size
            index_files += 1
        else:
            output_bytes += size
            outputs[path.relative_to(cache).as_posix()] = size
    return CacheState(index_bytes, index_files, output_bytes, outputs)


def build(root: Path) -> float:
    """Run the workflow's build step (``etalase build``) in ``root``; return its seconds."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "etalase", "--root", str(root), "build"],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"etalase build failed:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}")
    return time.perf_counter() - started


def edit_one_photo(root: Path) -> Path:
    """Give the first product's first photo new content (mirrored), as an IKM replacing a photo would."""
    photo = sorted((root / "products").glob("*/*-1.jpg"))[0]
    with Image.open(photo) as image:
        image.transpose(Image.Transpose.FLIP_LEFT_RIGHT).save(photo, quality=80)
    return photo


def mb(size: float) -> str:
    return f"{size / 1e6:.1f} MB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--products", type=int, default=200)
    parser.add_argument("--out", type=Path, default=Path("build/ci-sim"))
    args = parser.parse_args(argv)
    project = Path(__file__).resolve().parent.parent
    made = synthetic.make_catalogue(args.out / str(args.products), args.products, source=project)
    root, n = made.root, args.products
    cache = root / "build" / "cache" / "images"
    first_s = build(root)
    first = measure(cache)
    photo = edit_one_photo(root)
    second_s = build(root)
    second = measure(cache)
    changed = {p: s for p, s in second.output_files.items() if p not in first.output_files}
    scale = TARGET / n
    old_per_deploy = second.index_bytes + second.output_bytes  # today's key changes: the whole cache is saved anew
    new_per_deploy = 2 * second.index_bytes  # restore the last index, save this one
    print(
        f"Synthetic catalogue: {n} products, {made.photos} photos ({root}); builds {first_s:.0f} s and {second_s:.0f} s"
    )
    print(f"Edited: {photo.relative_to(root)} (new content)\n")
    print("| after | index (manifest + meta.json) | output files | new output files |")
    print("|---|---|---|---|")
    print(f"| first deploy | {mb(first.index_bytes)} ({first.index_files} files) | {mb(first.output_bytes)} | — |")
    print(
        f"| one photo edited | {mb(second.index_bytes)} ({second.index_files} files) | {mb(second.output_bytes)} "
        f"| {len(changed)} files, {sum(changed.values()) / 1e3:.0f} kB |"
    )
    print(
        "\nA deploy after that one edit moves (cache restored + cache saved + artifacts, Pages' own site artifact aside):\n"
    )
    print("- today (key = hash of every photo; restore the last cache, save the whole new one; media-site artifact):")
    print(
        f"  at {n:,}: {mb(old_per_deploy)} restored + {mb(old_per_deploy)} saved + {mb(second.output_bytes)} artifact; "
        f"at {TARGET:,}: 3 × {mb(old_per_deploy)} × {scale:g} = {mb(3 * old_per_deploy * scale)}"
    )
    print("- photo index only (photos on the media host; outputs never cached; the upload sends only new files):")
    print(
        f"  at {n:,}: {mb(second.index_bytes)} restored + {mb(second.index_bytes)} saved; at {TARGET:,}: "
        f"2 × {mb(second.index_bytes)} × {scale:g} = {mb(new_per_deploy * scale)} "
        f"(limit {LIMIT_MB} MB: {'met' if new_per_deploy * scale < LIMIT_MB * 1e6 else 'MISSED'}), "
        f"besides the changed photos ({sum(changed.values()) / 1e3:.0f} kB uploaded)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
