"""Publishing the photos on an S3-compatible object store (site.yml's ``media_url``), with boto3.

``upload`` puts the files of the built photo folder (``build/media-site``) that the bucket lacks;
photo names are content hashes (``media/<key>/<width>.webp``), so a name never changes content
and a file already there is never sent again. Each upload ends by writing a *manifest*: the list
of every photo the site just built uses, under ``_etalase/manifests/<UTC time>.json``.

``prune`` deletes old photos no site still shows: an object is deleted only when no manifest
younger than the grace period names it, nor the newest manifest older than it (the site that was
live when the grace period began, and may still be, if a later deployment failed), and when it
was itself uploaded before the grace period. Old manifests beyond that are deleted too. So a page
that is live, or was live in the last ``older_than``, never loses a photo.

Settings come from the environment (repository secrets in the workflow): ``ETALASE_MEDIA_BUCKET``
(required), ``ETALASE_MEDIA_ENDPOINT`` (the store's S3 address; empty for AWS itself),
``ETALASE_MEDIA_PREFIX`` (a folder in the bucket, matching the path of ``media_url``), and boto3's
own ``AWS_ACCESS_KEY_ID``, ``AWS_SECRET_ACCESS_KEY`` and ``AWS_DEFAULT_REGION``.
"""

from __future__ import annotations

import datetime as dt
import json
import mimetypes
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CACHE_CONTROL = "public, max-age=31536000, immutable"  # content-hashed names never change
MEDIA = "media/"
MANIFESTS = "_etalase/manifests/"
UPLOAD_THREADS = 8
_TYPES = {".webp": "image/webp", ".avif": "image/avif", ".jpg": "image/jpeg", ".png": "image/png"}
_DURATION = re.compile(r"^(\d+)\s*([dhm]?)$")


class MediaStoreError(Exception):
    """A setting is missing or the store refused a request; the message says which."""


@dataclass(frozen=True)
class StoreSettings:
    """Where the photos go."""

    bucket: str
    endpoint: str | None = None
    prefix: str = ""

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> StoreSettings:
        """Return the settings from ``env`` (default: the environment); raise when the bucket is missing."""
        env = os.environ if env is None else env
        bucket = env.get("ETALASE_MEDIA_BUCKET", "").strip()
        if not bucket:
            raise MediaStoreError(
                "ETALASE_MEDIA_BUCKET is not set: name the bucket (and ETALASE_MEDIA_ENDPOINT, AWS_ACCESS_KEY_ID, "
                "AWS_SECRET_ACCESS_KEY) in the repository's secrets — see docs/photos.md"
            )
        prefix = env.get("ETALASE_MEDIA_PREFIX", "").strip().strip("/")
        return cls(bucket, env.get("ETALASE_MEDIA_ENDPOINT", "").strip() or None, f"{prefix}/" if prefix else "")


@dataclass(frozen=True)
class UploadReport:
    """What ``upload`` did."""

    files: int  # photos the site uses
    uploaded: int  # of them, sent now
    bytes: int  # bytes sent
    manifest: str  # key of the manifest written
    on_host: dict[str, int] = field(default_factory=dict)  # every photo file now in the bucket -> bytes


@dataclass(frozen=True)
class PruneReport:
    """What ``prune`` did (or, with ``dry_run``, would do)."""

    deleted: tuple[str, ...]
    kept: int
    manifests_deleted: int


def client(settings: StoreSettings) -> Any:
    """Return a boto3 S3 client for ``settings`` (credentials from boto3's usual places)."""
    import boto3
    from botocore.config import Config

    config = Config(retries={"max_attempts": 5, "mode": "standard"}, max_pool_connections=UPLOAD_THREADS * 2)
    return boto3.client("s3", endpoint_url=settings.endpoint, config=config)


def local_files(folder: Path) -> dict[str, Path]:
    """Return the photos under ``folder`` (the media host folder) by their site-relative name."""
    media = folder / MEDIA.rstrip("/")
    if not media.is_dir():
        return {}
    return {path.relative_to(folder).as_posix(): path for path in sorted(media.rglob("*")) if path.is_file()}


def remote_listing(s3: Any, settings: StoreSettings, under: str) -> dict[str, tuple[dt.datetime, int]]:
    """Return the keys under ``prefix + under`` (without the prefix), each with when it was last
    written and its size: one request per 1,000 keys."""
    found: dict[str, tuple[dt.datetime, int]] = {}
    pages = s3.get_paginator("list_objects_v2").paginate(Bucket=settings.bucket, Prefix=settings.prefix + under)
    for page in pages:
        for item in page.get("Contents", []):
            found[item["Key"][len(settings.prefix) :]] = (item["LastModified"], int(item.get("Size", 0)))
    return found


def remote_objects(s3: Any, settings: StoreSettings, under: str) -> dict[str, dt.datetime]:
    """Return the keys under ``prefix + under`` (without the prefix) and when each was last written."""
    return {name: when for name, (when, _) in remote_listing(s3, settings, under).items()}


def photos_on_host(s3: Any, settings: StoreSettings) -> dict[str, int]:
    """Return every photo file in the bucket (site-relative name -> bytes): what a build may take as
    made without the file (``photos.save_published``)."""
    return {name: size for name, (_, size) in remote_listing(s3, settings, MEDIA).items()}


def content_type(name: str) -> str:
    """Return the MIME type a photo file is served with."""
    suffix = Path(name).suffix.lower()
    return _TYPES.get(suffix) or mimetypes.guess_type(name)[0] or "application/octet-stream"


def upload(
    folder: Path,
    settings: StoreSettings,
    s3: Any,
    *,
    site: Iterable[str] | None = None,
    now: dt.datetime | None = None,
    say: Callable[[str], None] = lambda _: None,
) -> UploadReport:
    """Upload the photos in ``folder`` that the bucket lacks, then the manifest naming every photo
    the site uses: ``site`` (the build's list, ``media.site_photos``), else the files in ``folder``.

    A build that took photos on the host as made (``Shortcuts.published_photos``) leaves only the
    new ones in ``folder``; a photo the site uses that is neither there nor in the bucket (deleted
    from the bucket since it was listed) stops the upload before anything is sent.
    """
    files = local_files(folder)
    used = set(files) if site is None else set(site)
    present = photos_on_host(s3, settings)
    absent = sorted(used - present.keys() - files.keys())
    if absent:
        raise MediaStoreError(
            f"{len(absent)} photos the site uses are neither in {folder} nor in the bucket (the first: {absent[0]}): "
            "run `etalase media list`, then `etalase build` and upload again"
        )
    missing = [name for name in files if name not in present]
    say(f"{len(used)} photos, {len(used) - len(missing)} already in the bucket, {len(missing)} to upload")

    def put(name: str) -> int:
        path = files[name]
        with path.open("rb") as handle:
            s3.put_object(
                Bucket=settings.bucket,
                Key=settings.prefix + name,
                Body=handle,
                ContentType=content_type(name),
                CacheControl=CACHE_CONTROL,
            )
        return path.stat().st_size

    with ThreadPoolExecutor(max_workers=UPLOAD_THREADS) as pool:
        sent = sum(pool.map(put, missing))
    key = write_manifest(s3, settings, used, now or _utcnow())
    on_host = present | {name: files[name].stat().st_size for name in missing}
    return UploadReport(len(used), len(missing), sent, key, on_host)


def write_manifest(s3: Any, settings: StoreSettings, names: Iterable[str], now: dt.datetime) -> str:
    """Write the list of photos one site uses as a manifest named after ``now``; return its key."""
    key = f"{MANIFESTS}{now.strftime('%Y%m%dT%H%M%S.%fZ')}.json"
    body = json.dumps({"created": now.isoformat(), "files": sorted(names)}, separators=(",", ":")).encode()
    s3.put_object(
        Bucket=settings.bucket,
        Key=settings.prefix + key,
        Body=body,
        ContentType="application/json",
        CacheControl="no-store",
    )
    return key


def _manifests(s3: Any, settings: StoreSettings) -> list[tuple[dt.datetime, str]]:
    """Return (time written, key) of every manifest, oldest first."""
    return sorted((when, key) for key, when in remote_objects(s3, settings, MANIFESTS).items())


def _read_manifest(s3: Any, settings: StoreSettings, key: str) -> set[str]:
    body = s3.get_object(Bucket=settings.bucket, Key=settings.prefix + key)["Body"].read()
    try:
        return {str(name) for name in json.loads(body)["files"]}
    except (ValueError, KeyError, TypeError) as error:
        raise MediaStoreError(f"manifest {key} is unreadable ({error}); prune stops without deleting") from None


def prune(
    settings: StoreSettings,
    s3: Any,
    older_than: dt.timedelta,
    *,
    now: dt.datetime | None = None,
    dry_run: bool = False,
) -> PruneReport:
    """Delete photos no site of the last ``older_than`` uses (see the module's docstring)."""
    cutoff = (now or _utcnow()) - older_than
    manifests = _manifests(s3, settings)
    if not manifests:
        return PruneReport((), 0, 0)  # no site has said what it uses: delete nothing
    older = [m for m in manifests if m[0] < cutoff]
    keep = [m for m in manifests if m[0] >= cutoff] + older[-1:]  # the grace period, and what was live at its start
    used: set[str] = set()
    for _, key in keep:
        used |= _read_manifest(s3, settings, key)
    objects = remote_objects(s3, settings, MEDIA)
    doomed = sorted(name for name, when in objects.items() if name not in used and when < cutoff)
    stale_manifests = [key for _, key in older[:-1]]
    if not dry_run:
        _delete(s3, settings, [*doomed, *stale_manifests])
    return PruneReport(tuple(doomed), len(objects) - len(doomed), len(stale_manifests))


def _delete(s3: Any, settings: StoreSettings, names: list[str]) -> None:
    """Delete ``names`` a thousand at a time (S3's limit per request); raise on any refusal."""
    for chunk in _chunks(names, 1000):
        answer = s3.delete_objects(
            Bucket=settings.bucket,
            Delete={"Objects": [{"Key": settings.prefix + n} for n in chunk], "Quiet": True},
        )
        if answer.get("Errors"):
            first = answer["Errors"][0]
            raise MediaStoreError(f"the store refused to delete {first.get('Key')}: {first.get('Message')}")


def _chunks(items: list[str], size: int) -> Iterator[list[str]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def parse_duration(text: str) -> dt.timedelta:
    """Return ``30d``, ``12h``, ``90m`` (or a plain number of days) as a timedelta."""
    match = _DURATION.match(text.strip().lower())
    if not match:
        raise ValueError(f"{text!r} is not a duration such as 30d, 12h or 90m")
    number, unit = int(match.group(1)), match.group(2) or "d"
    return dt.timedelta(**{{"d": "days", "h": "hours", "m": "minutes"}[unit]: number})


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
