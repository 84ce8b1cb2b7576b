"""Simulate the Pages workflow's deployments with photos on a media host, and what they move.

Runs the workflow's own steps (``.github/workflows/pages.yml``) on a synthetic catalogue
(``etalase.bench.synthetic``) with ``media_url`` set, against a real S3 server on 127.0.0.1
(moto's ``ThreadedMotoServer``; ``pip install -e '.[test]'``), each deployment on a *fresh runner*:
a new copy of the repository with no ``build/`` and no ``site/``, where the cache step restores
only what the last deployment saved.

1. First deployment: nothing cached; ``etalase media list`` (an empty bucket), ``etalase build``,
   ``etalase media upload``, ``etalase media prune --older-than 30d``; the cache step saves the
   photo index (``build/cache/images/manifest.json`` and ``media/*/meta.json``).
2. One product's photo replaced (new content), on a fresh runner: the index restored, the same
   steps, the index saved again.

For the second deployment it measures what moved besides the Pages site artifact (the site itself,
deployed every time): the index restored and saved, the photo files uploaded (the changed photo's),
and how many photos the build decoded; and it checks the site against a build that made every photo
(byte for byte). It prints the figures at N and, linear in products, at 10,000, against the old
workflow (the whole photo cache restored and saved under a key that changes with every photo).

    .venv/bin/python scripts/ci_cache_sim.py --products 200 > build/ci_cache_sim.md
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from moto.server import ThreadedMotoServer
from PIL import Image

from etalase.bench import synthetic

TARGET = 10_000
LIMIT_MB = 50
MEDIA_URL = "https://foto.example.org/etalase/"
BUCKET = "etalase-foto"
INDEX_FILES = ("manifest.json", "meta.json")  # the workflow's cache paths: manifest.json, media/*/meta.json
_PROCESSED = re.compile(r"photos (\d+) processed, (\d+) from cache")


@dataclass(frozen=True)
class Deployment:
    """What one simulated deployment did and moved."""

    seconds: float
    processed: int  # source photos decoded by the build
    reused: int
    index_restored: int  # bytes the cache step restored
    index_saved: int  # bytes the cache step saved
    index_files: int
    uploaded_files: int
    uploaded_bytes: int
    local_photo_bytes: int  # photo files the runner made (all of them in the old workflow's cache)


def run(root: Path, *command: str, env: dict[str, str]) -> str:
    """Run ``etalase --root root COMMAND`` as the workflow's step does; return its output."""
    done = subprocess.run(
        [sys.executable, "-m", "etalase", "--root", str(root), *command],
        cwd=root,
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(f"etalase {' '.join(command)} failed:\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}")
    return done.stdout + done.stderr


def fresh_runner(source: Path, target: Path) -> Path:
    """Return a new checkout of ``source`` (its records and set-up, no build output), media_url set."""
    shutil.rmtree(target, ignore_errors=True)
    left_out = {"build", "site", "site.staging", "site.spare", synthetic.MARKER}

    def ignore(folder: str, names: list[str]) -> set[str]:  # at the top only: catalog/site.yml stays
        return left_out & set(names) if Path(folder) == source else set()

    shutil.copytree(source, target, ignore=ignore)
    site_yml = target / "catalog" / "site.yml"
    site_yml.write_text(site_yml.read_text(encoding="utf-8") + f"media_url: {MEDIA_URL}\n", encoding="utf-8")
    (target / "build" / "docs").mkdir(parents=True)
    return target


def index_paths(cache: Path) -> list[Path]:
    """Return the files of the photo index under ``cache`` (build/cache/images)."""
    return [p for p in cache.rglob("*") if p.is_file() and p.name in INDEX_FILES]


def save_index(cache: Path, saved: Path) -> tuple[int, int]:
    """Copy the index into ``saved`` (the Actions cache); return its bytes and files."""
    shutil.rmtree(saved, ignore_errors=True)
    files = index_paths(cache)
    for path in files:
        target = saved / path.relative_to(cache)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    return sum(p.stat().st_size for p in files), len(files)


def restore_index(saved: Path, cache: Path) -> int:
    """Copy the saved index into a runner's ``cache``; return its bytes (0 when nothing was saved)."""
    if not saved.is_dir():
        return 0
    shutil.copytree(saved, cache, dirs_exist_ok=True)
    return sum(p.stat().st_size for p in saved.rglob("*") if p.is_file())


def deploy(root: Path, saved: Path, env: dict[str, str]) -> Deployment:
    """Run the workflow's steps on the runner ``root``; return what they did and moved."""
    cache = root / "build" / "cache" / "images"
    restored = restore_index(saved, cache)
    run(root, "media", "list", env=env)
    started = time.perf_counter()
    log = run(root, "build", env=env)
    seconds = time.perf_counter() - started
    uploaded = run(root, "media", "upload", env=env)
    run(root, "media", "prune", "--older-than", "30d", env=env)
    index_bytes, index_files = save_index(cache, saved)
    processed, reused = (int(n) for n in _PROCESSED.search(log).groups())  # type: ignore[union-attr]
    sent = re.search(r"Uploaded (\d+) of \d+ photos \(([\d.]+) MB\)", uploaded)
    local = sum(p.stat().st_size for p in (cache / "media").rglob("*") if p.is_file() and p.name != "meta.json")
    return Deployment(
        seconds,
        processed,
        reused,
        restored,
        index_bytes,
        index_files,
        int(sent.group(1)) if sent else 0,
        int(float(sent.group(2)) * 1e6) if sent else 0,
        local,
    )


def edit_one_photo(root: Path) -> Path:
    """Give the first product's first photo new content (mirrored), as an IKM replacing a photo would."""
    photo = sorted((root / "products").glob("*/*-1.jpg"))[0]
    with Image.open(photo) as image:
        image.transpose(Image.Transpose.FLIP_LEFT_RIGHT).save(photo, quality=80)
    return photo


def site_files(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in sorted(site.rglob("*")) if p.is_file()}


def mb(size: float) -> str:
    return f"{size / 1e6:.1f} MB"


def report(n: int, photos: int, first: Deployment, second: Deployment, same_site: bool) -> None:
    """Print the figures (markdown) at ``n`` products and at ``TARGET``."""
    scale = TARGET / n
    print(f"Synthetic catalogue: {n} products, {photos} product photos; media_url {MEDIA_URL} on a local S3 server\n")
    print("| deployment | build s | photos decoded / from cache | index restored | index saved | uploaded |")
    print("|---|---|---|---|---|---|")
    for name, d in (("first (nothing cached)", first), ("one photo replaced, fresh runner", second)):
        print(
            f"| {name} | {d.seconds:.0f} | {d.processed} / {d.reused} | {mb(d.index_restored)} | "
            f"{mb(d.index_saved)} ({d.index_files} files) | {d.uploaded_files} files, {mb(d.uploaded_bytes)} |"
        )
    moved = second.index_restored + second.index_saved
    old = 2 * (first.index_saved + first.local_photo_bytes)  # the whole photo cache restored and saved anew
    print(f"\nThe site built from the index and the host's listing equals a build that made every photo: {same_site}")
    print(f"\nMoved by the second deployment besides the changed photos and Pages' site artifact, at {n:,} products:")
    print(f"- now: {mb(second.index_restored)} index restored + {mb(second.index_saved)} saved = {mb(moved)}")
    print(f"- before (photo files cached, key changed by every photo): about {mb(old)}")
    met = moved * scale < LIMIT_MB * 1e6
    print(f"\nAt {TARGET:,} products (linear in products, × {scale:g}):")
    print(f"- now: {mb(moved * scale)} (target < {LIMIT_MB} MB: {'met' if met else 'MISSED'})")
    print(f"- before: {mb(old * scale)}")
    print(
        f"- the changed photos: {second.uploaded_files} files, {mb(second.uploaded_bytes)} uploaded (the same at any size)"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--products", type=int, default=200)
    parser.add_argument("--out", type=Path, default=Path("build/ci-sim"))
    args = parser.parse_args(argv)
    project = Path(__file__).resolve().parent.parent
    out = args.out.resolve()
    made = synthetic.make_catalogue(out / str(args.products), args.products, source=project)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    try:
        host, port = server.get_host_and_port()
        env = {
            **os.environ,
            "PYTHONUNBUFFERED": "1",
            "AWS_ACCESS_KEY_ID": "sim",
            "AWS_SECRET_ACCESS_KEY": "sim",
            "AWS_DEFAULT_REGION": "us-east-1",
            "ETALASE_MEDIA_BUCKET": BUCKET,
            "ETALASE_MEDIA_ENDPOINT": f"http://{host}:{port}",
            "ETALASE_MEDIA_PREFIX": "etalase",
        }
        import boto3

        boto3.client(
            "s3",
            endpoint_url=env["ETALASE_MEDIA_ENDPOINT"],
            region_name="us-east-1",
            aws_access_key_id="sim",
            aws_secret_access_key="sim",
        ).create_bucket(Bucket=BUCKET)
        saved = out / "actions-cache"
        shutil.rmtree(saved, ignore_errors=True)
        first = deploy(fresh_runner(made.root, out / "runner"), saved, env)
        edit_one_photo(made.root)  # the commit: one product's photo replaced
        runner = fresh_runner(made.root, out / "runner")
        second = deploy(runner, saved, env)
        built = site_files(runner / "site")
        run(runner, "build", "--no-shortcuts", env=env)  # every photo made, here
        same = built == site_files(runner / "site")
    finally:
        server.stop()
    report(args.products, made.photos, first, second, same)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
