"""``etalase media list``, ``upload`` and ``prune``: the photos on their own host (site.yml's ``media_url``).

Thin: reads the settings, calls ``publish.media_store`` and prints what happened. Each keeps the
list of the photo files on the host (``build/cache/images/published.json``) as the bucket has them:
a build takes the photos named there as made, without their files (``Shortcuts.published_photos``).
The Pages workflow runs ``list`` before ``etalase build`` and ``upload`` and ``prune`` after it, on
``main`` (see ``.github/workflows/pages.yml``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

from etalase import photos
from etalase.publish import media, media_store

EXIT_OK, EXIT_FAILED = 0, 1


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add ``media list``, ``media upload`` and ``media prune`` to the command line."""
    media = commands.add_parser(
        "media",
        help="publish the photos on the media_url host (an S3-compatible bucket) and prune old ones",
        description="Photos on a host of their own (media_url in catalog/site.yml): the bucket and its keys come "
        "from ETALASE_MEDIA_BUCKET, ETALASE_MEDIA_ENDPOINT, ETALASE_MEDIA_PREFIX, AWS_ACCESS_KEY_ID and "
        "AWS_SECRET_ACCESS_KEY.",
    )
    actions = media.add_subparsers(title="actions", metavar="ACTION")
    listing = actions.add_parser(
        "list",
        help="note which photos the bucket holds, so that a build need not make them again",
        description="List the photo files in the bucket into build/cache/images/published.json: `etalase build` "
        "takes the photos named there as made, so a machine that keeps only the photo cache's index (the CI "
        "runner) makes only new photos. Does nothing when catalog/site.yml names no media_url.",
    )
    listing.set_defaults(run=_list)
    up = actions.add_parser(
        "upload",
        help="upload the photos the bucket lacks (build/media-site/), then the list of photos the site uses",
        description="Upload the files of the built photo folder that the bucket does not have yet (names are "
        "content hashes, so nothing is sent twice), with a year-long cache header; then record which photos "
        "this site uses, for prune. Does nothing when catalog/site.yml names no media_url.",
    )
    up.add_argument("--folder", type=Path, default=None, help="the photo folder (default: ROOT/build/media-site)")
    up.set_defaults(run=_upload)
    cut = actions.add_parser(
        "prune",
        help="delete photos that no site of the grace period uses",
        description="Delete photos that neither a site uploaded within --older-than nor the site live when that "
        "period began uses, and that were uploaded before it.",
    )
    cut.add_argument("--older-than", type=_duration, default="30d", help="grace period: 30d, 12h, 90m (default: 30d)")
    cut.add_argument("--dry-run", action="store_true", help="only list what would be deleted")
    cut.set_defaults(run=_prune)
    media.set_defaults(run=lambda args: media.print_help() or 2)


def _duration(text: str) -> object:
    try:
        return media_store.parse_duration(text)
    except ValueError as error:
        raise argparse.ArgumentTypeError(str(error)) from None


def media_url(root: Path) -> str | None:
    """Return catalog/site.yml's ``media_url`` (None when absent or the file is unreadable)."""
    try:
        site = yaml.safe_load((root / "catalog" / "site.yml").read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return None
    value = site.get("media_url") if isinstance(site, dict) else None
    return value if isinstance(value, str) and value else None


def _cache_dir(root: Path) -> Path:
    return root / "build" / "cache" / "images"  # pipeline.Project.cache_dir


def _list(args: argparse.Namespace) -> int:
    root = args.root.resolve()
    url = media_url(root)
    if url is None:
        print("catalog/site.yml names no media_url: the photos are in the site itself, nothing to list")
        return EXIT_OK
    try:
        settings = media_store.StoreSettings.from_env()
        files = media_store.photos_on_host(media_store.client(settings), settings)
    except media_store.MediaStoreError as error:
        print(f"etalase media list: {error}", file=sys.stderr)
        return EXIT_FAILED
    except Exception as error:  # botocore's errors: no credentials, refused, unreachable
        print(f"etalase media list: the store answered: {error}", file=sys.stderr)
        return EXIT_FAILED
    photos.save_published(_cache_dir(root), url, files)
    print(f"{len(files)} photo files ({sum(files.values()) / 1e6:.1f} MB) are on {url}: a build will not make them")
    return EXIT_OK


def _upload(args: argparse.Namespace) -> int:
    root = args.root.resolve()
    url = media_url(root)
    if url is None:
        print("catalog/site.yml names no media_url: the photos are in the site itself, nothing to upload")
        return EXIT_OK
    folder = args.folder or root / "build" / media.MEDIA_SITE
    site = media.site_photos(folder)
    if site is None and not media_store.local_files(folder):
        print(f"no photos in {folder}: run `etalase build` first", file=sys.stderr)
        return EXIT_FAILED
    try:
        settings = media_store.StoreSettings.from_env()
        s3 = media_store.client(settings)
        report = media_store.upload(folder, settings, s3, site=site, say=print)
    except media_store.MediaStoreError as error:
        print(f"etalase media upload: {error}", file=sys.stderr)
        return EXIT_FAILED
    except Exception as error:  # botocore's errors: no credentials, refused, unreachable
        print(f"etalase media upload: the store answered: {error}", file=sys.stderr)
        return EXIT_FAILED
    photos.save_published(_cache_dir(root), url, report.on_host)
    print(
        f"Uploaded {report.uploaded} of {report.files} photos ({report.bytes / 1e6:.1f} MB) for {url}; "
        f"site list {report.manifest}"
    )
    return EXIT_OK


def _prune(args: argparse.Namespace) -> int:
    root = args.root.resolve()
    url = media_url(root)
    if url is None:
        print("catalog/site.yml names no media_url: no photos on a media host to prune")
        return EXIT_OK
    try:
        settings = media_store.StoreSettings.from_env()
        report = media_store.prune(settings, media_store.client(settings), args.older_than, dry_run=args.dry_run)
    except media_store.MediaStoreError as error:
        print(f"etalase media prune: {error}", file=sys.stderr)
        return EXIT_FAILED
    except Exception as error:
        print(f"etalase media prune: the store answered: {error}", file=sys.stderr)
        return EXIT_FAILED
    if report.deleted and not args.dry_run:  # a build must not take a deleted photo as made
        known = photos.load_published(_cache_dir(root), url)
        photos.save_published(_cache_dir(root), url, {k: v for k, v in known.items() if k not in set(report.deleted)})
    verb = "Would delete" if args.dry_run else "Deleted"
    print(
        f"{verb} {len(report.deleted)} photos no recent site uses; kept {report.kept}; old site lists removed: "
        f"{0 if args.dry_run else report.manifests_deleted}"
    )
    for name in report.deleted[:20]:
        print(f"  {name}")
    return EXIT_OK
