"""Photos published on an S3-compatible store: tested against a real S3 server on 127.0.0.1.

moto's ThreadedMotoServer speaks the S3 protocol over HTTP on a free loopback port, so boto3
makes the same requests it makes to a real store (no mocked client).
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from moto.server import ThreadedMotoServer

from etalase.photos import load_published
from etalase.publish import media_store
from etalase.publish.media_store import StoreSettings
from etalase.tools.cli import main

BUCKET = "etalase-foto"


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


@pytest.fixture
def store(endpoint: str, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest) -> tuple[StoreSettings, Any]:
    """A fresh bucket for each test, and the environment the commands read."""
    bucket = f"{BUCKET}-{abs(hash(request.node.name)) % 10**8}"
    env = {
        "AWS_ACCESS_KEY_ID": "uji",
        "AWS_SECRET_ACCESS_KEY": "rahasia",
        "AWS_DEFAULT_REGION": "us-east-1",
        "ETALASE_MEDIA_BUCKET": bucket,
        "ETALASE_MEDIA_ENDPOINT": endpoint,
        "ETALASE_MEDIA_PREFIX": "foto",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    settings = StoreSettings.from_env()
    s3 = media_store.client(settings)
    s3.create_bucket(Bucket=bucket)
    return settings, s3


def media_folder(root: Path, files: dict[str, bytes]) -> Path:
    folder = root / "build" / "media-site"
    for name, data in files.items():
        path = folder / "media" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return folder


def keys(s3: Any, settings: StoreSettings, under: str = "media/") -> set[str]:
    return set(media_store.remote_objects(s3, settings, under))


def test_upload_sends_only_missing_files_with_long_cache_headers(
    tmp_path: Path, store: tuple[StoreSettings, Any]
) -> None:
    settings, s3 = store
    folder = media_folder(
        tmp_path, {"aa11/480.webp": b"RIFF480", "aa11/1280.webp": b"RIFF1280", "bb22/card.jpg": b"\xff"}
    )
    first = media_store.upload(folder, settings, s3)
    assert (first.files, first.uploaded) == (3, 3)
    assert keys(s3, settings) == {"media/aa11/480.webp", "media/aa11/1280.webp", "media/bb22/card.jpg"}
    head = s3.head_object(Bucket=settings.bucket, Key="foto/media/aa11/480.webp")
    assert head["CacheControl"] == "public, max-age=31536000, immutable" and head["ContentType"] == "image/webp"
    assert s3.head_object(Bucket=settings.bucket, Key="foto/media/bb22/card.jpg")["ContentType"] == "image/jpeg"
    assert s3.get_object(Bucket=settings.bucket, Key="foto/media/aa11/1280.webp")["Body"].read() == b"RIFF1280"

    again = media_store.upload(folder, settings, s3)
    assert (again.files, again.uploaded, again.bytes) == (3, 0, 0)
    media_folder(tmp_path, {"cc33/480.webp": b"RIFFnew"})
    third = media_store.upload(folder, settings, s3)
    assert (third.files, third.uploaded, third.bytes) == (4, 1, len(b"RIFFnew"))
    assert len(keys(s3, settings, media_store.MANIFESTS)) == 3  # one site list per upload


def test_prune_never_deletes_a_photo_a_recent_or_live_site_uses(
    tmp_path: Path, store: tuple[StoreSettings, Any]
) -> None:
    settings, s3 = store
    old_site = media_folder(tmp_path / "old", {"aa11/480.webp": b"a", "bb22/480.webp": b"b"})
    media_store.upload(old_site, settings, s3)
    time.sleep(1.1)  # S3 times are in seconds: the new site's list is later than the old one's
    new_site = media_folder(tmp_path / "new", {"bb22/480.webp": b"b", "cc33/480.webp": b"c"})
    media_store.upload(new_site, settings, s3)
    month = dt.timedelta(days=30)

    # Within the grace period nothing goes: the old site may still be in caches or open tabs.
    assert media_store.prune(settings, s3, month).deleted == ()
    # A month on, the old site's own photo goes; the live site's stay, and its list too.
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=31)
    dry = media_store.prune(settings, s3, month, now=later, dry_run=True)
    assert dry.deleted == ("media/aa11/480.webp",)
    assert "media/aa11/480.webp" in keys(s3, settings)  # a dry run deletes nothing
    done = media_store.prune(settings, s3, month, now=later)
    assert done.deleted == ("media/aa11/480.webp",) and done.manifests_deleted == 1
    assert keys(s3, settings) == {"media/bb22/480.webp", "media/cc33/480.webp"}
    assert len(keys(s3, settings, media_store.MANIFESTS)) == 1
    # Pruning again, even much later, keeps what the newest site uses.
    assert media_store.prune(settings, s3, month, now=later + dt.timedelta(days=300)).deleted == ()


def test_prune_deletes_nothing_before_any_site_said_what_it_uses(store: tuple[StoreSettings, Any]) -> None:
    settings, s3 = store
    s3.put_object(Bucket=settings.bucket, Key="foto/media/zz99/480.webp", Body=b"z")
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=400)
    assert media_store.prune(settings, s3, dt.timedelta(days=30), now=later).deleted == ()
    assert keys(s3, settings) == {"media/zz99/480.webp"}


def test_commands_upload_and_prune(
    tmp_path: Path, store: tuple[StoreSettings, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    settings, s3 = store
    (tmp_path / "catalog").mkdir()
    site = tmp_path / "catalog" / "site.yml"
    site.write_text("title: {id: Uji, en: Test}\n", encoding="utf-8")
    assert main(["--root", str(tmp_path), "media", "upload"]) == 0
    assert "nothing to upload" in capsys.readouterr().out

    site.write_text("media_url: https://foto.example.org/foto/\n", encoding="utf-8")
    assert main(["--root", str(tmp_path), "media", "upload"]) == 1  # no photos built yet
    assert "etalase build" in capsys.readouterr().err
    media_folder(tmp_path, {"aa11/480.webp": b"a", "aa11/card.jpg": b"c"})
    assert main(["--root", str(tmp_path), "media", "upload"]) == 0
    assert "Uploaded 2 of 2 photos" in capsys.readouterr().out
    assert keys(s3, settings) == {"media/aa11/480.webp", "media/aa11/card.jpg"}
    assert main(["--root", str(tmp_path), "media", "prune", "--older-than", "30d", "--dry-run"]) == 0
    assert "Would delete 0 photos" in capsys.readouterr().out


def test_upload_records_every_photo_the_site_uses_not_only_the_new_ones(
    tmp_path: Path, store: tuple[StoreSettings, Any]
) -> None:
    """A runner that kept only the photo index built only the new photos: the build's list of the
    site's photos (media.site_photos) is what the upload records, so prune keeps the others."""
    settings, s3 = store
    first = media_folder(tmp_path / "first", {"aa11/480.webp": b"a", "bb22/480.webp": b"b"})
    media_store.upload(first, settings, s3)
    later = media_folder(tmp_path / "later", {"cc33/480.webp": b"c"})  # the one photo made this time
    site = ["media/aa11/480.webp", "media/cc33/480.webp"]
    report = media_store.upload(later, settings, s3, site=site)
    assert (report.files, report.uploaded) == (2, 1)
    assert report.on_host == {"media/aa11/480.webp": 1, "media/bb22/480.webp": 1, "media/cc33/480.webp": 1}
    month, then = dt.timedelta(days=30), dt.datetime.now(dt.UTC) + dt.timedelta(days=31)
    assert media_store.prune(settings, s3, month, now=then).deleted == ("media/bb22/480.webp",)
    # a photo the site uses that is neither built here nor in the bucket stops the upload before it sends anything
    with pytest.raises(media_store.MediaStoreError, match=r"media/bb22/480\.webp"):
        media_store.upload(later, settings, s3, site=[*site, "media/bb22/480.webp"])


def test_commands_keep_the_list_of_photos_on_the_host(
    tmp_path: Path, store: tuple[StoreSettings, Any], capsys: pytest.CaptureFixture[str]
) -> None:
    """`media list`, `upload` and `prune` keep build/cache/images/published.json as the bucket is."""
    settings, s3 = store
    url = "https://foto.example.org/foto/"
    (tmp_path / "catalog").mkdir()
    (tmp_path / "catalog" / "site.yml").write_text(f"media_url: {url}\n", encoding="utf-8")
    cache = tmp_path / "build" / "cache" / "images"
    s3.put_object(Bucket=settings.bucket, Key="foto/media/aa11/480.webp", Body=b"aaa")
    assert main(["--root", str(tmp_path), "media", "list"]) == 0
    assert "1 photo files" in capsys.readouterr().out
    assert load_published(cache, url) == {"media/aa11/480.webp": 3}
    assert load_published(cache, "https://elsewhere.example/") == {}  # a listing counts for its host only
    media_folder(tmp_path, {"bb22/480.webp": b"bb"})
    assert main(["--root", str(tmp_path), "media", "upload"]) == 0
    assert load_published(cache, url) == {"media/aa11/480.webp": 3, "media/bb22/480.webp": 2}
    time.sleep(1.1)  # S3 times are in seconds
    # no grace period: aa11, which the site just uploaded does not use, goes, and leaves the list too
    assert main(["--root", str(tmp_path), "media", "prune", "--older-than", "0m"]) == 0
    assert "Deleted 1 photos" in capsys.readouterr().out
    assert load_published(cache, url) == {"media/bb22/480.webp": 2}


def test_commands_say_what_is_missing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("ETALASE_MEDIA_BUCKET", raising=False)
    (tmp_path / "catalog").mkdir()
    (tmp_path / "catalog" / "site.yml").write_text("media_url: https://foto.example.org/\n", encoding="utf-8")
    media_folder(tmp_path, {"aa11/480.webp": b"a"})
    assert main(["--root", str(tmp_path), "media", "upload"]) == 1
    assert "ETALASE_MEDIA_BUCKET is not set" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["--root", str(tmp_path), "media", "prune", "--older-than", "a month"])


def test_durations() -> None:
    assert media_store.parse_duration("30d") == dt.timedelta(days=30)
    assert media_store.parse_duration("12h") == dt.timedelta(hours=12)
    assert media_store.parse_duration("7") == dt.timedelta(days=7)
    with pytest.raises(ValueError, match="not a duration"):
        media_store.parse_duration("-3d")
