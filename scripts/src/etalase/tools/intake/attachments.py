"""Photos attached to an issue form: finding their links, downloading them, saving them clean.

Photos are downloaded with urllib from allowed URL prefixes only (GitHub's attachment hosts by
default), with a size limit and a timeout, checked to be JPEG, PNG or WebP and saved through
``photos.tidy`` — upright, without any metadata (no GPS position, no camera data), within the
repository's caps — so the form's output always passes the photo policy.
"""

from __future__ import annotations

import io
import re
import time
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, UnidentifiedImageError

from etalase.model.problems import Msg
from etalase.photos.locate import MAX_FILE_BYTES
from etalase.photos.tidy import tidy_bytes

ALLOWED_PREFIXES = (
    "https://github.com/user-attachments/",
    "https://user-images.githubusercontent.com/",
    "https://private-user-images.githubusercontent.com/",
)
MAX_PHOTO_BYTES = MAX_FILE_BYTES
MAX_PHOTO_PIXELS = 60_000_000
TIMEOUT_SECONDS = 30
MAX_REDIRECTS = 5


@dataclass(frozen=True)
class PhotoLink:
    """One attached photo: the name GitHub gave it and its URL."""

    name: str
    url: str


def photo_links(answer: str) -> list[PhotoLink]:
    """Return the photos attached in an answer: markdown images, ``<img src>`` tags or bare URLs, in order."""
    found: list[tuple[int, PhotoLink]] = []
    for match in re.finditer(r"!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)", answer):
        found.append((match.start(), PhotoLink(match.group(1), match.group(2))))
    for match in re.finditer(r"<img\b[^>]*>", answer, flags=re.IGNORECASE):
        src = re.search(r"\bsrc\s*=\s*[\"']([^\"']+)[\"']", match.group(0), flags=re.IGNORECASE)
        alt = re.search(r"\balt\s*=\s*[\"']([^\"']*)[\"']", match.group(0), flags=re.IGNORECASE)
        if src:
            found.append((match.start(), PhotoLink(alt.group(1) if alt else "", src.group(1))))
    taken = {link.url for _, link in found}
    for match in re.finditer(r"(?<![(\"'=])\bhttps?://\S+", answer):
        url = match.group(0).rstrip(".,)>")
        if url not in taken:
            found.append((match.start(), PhotoLink("", url)))
    seen: set[str] = set()
    links = []
    for _, link in sorted(found, key=lambda pair: pair[0]):
        if link.url not in seen:
            seen.add(link.url)
            links.append(link)
    return links


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follow at most a few redirects, and only to http(s) (GitHub sends attachments on to storage)."""

    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if not newurl.lower().startswith(("https://", "http://")):
            raise urllib.error.HTTPError(newurl, code, "redirect to a non-web address refused", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def download(url: str, *, allowed: Sequence[str], max_bytes: int, timeout: float) -> bytes | Msg:
    """Return the bytes at ``url`` (an allowed prefix, at most ``max_bytes``), or why they could not be fetched."""
    if not any(url.startswith(prefix) for prefix in allowed):
        return Msg(
            f"{url} bukan lampiran GitHub — seret fotonya langsung ke kotak isian agar GitHub menyimpannya",
            f"{url} is not a GitHub attachment — drag the photo into the answer box so GitHub stores it",
        )
    request = urllib.request.Request(url, headers={"User-Agent": "etalase-issue-form", "Accept": "image/*"})
    opener = urllib.request.build_opener(_Redirects)
    deadline = time.monotonic() + timeout
    try:
        with opener.open(request, timeout=timeout) as response:
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                return _too_big(int(length), max_bytes)
            chunks: list[bytes] = []
            size = 0
            while size <= max_bytes:
                chunk = response.read(min(64 * 1024, max_bytes + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
                if time.monotonic() > deadline:
                    raise TimeoutError(f"no complete answer within {timeout:.0f} s")
            data = b"".join(chunks)
    except urllib.error.HTTPError as error:
        return Msg(
            f"foto tidak dapat diunduh (HTTP {error.code}) — lampirkan ulang fotonya",
            f"the photo could not be downloaded (HTTP {error.code}) — attach it again",
        )
    except (urllib.error.URLError, TimeoutError, OSError) as error:
        reason = getattr(error, "reason", error)
        return Msg(
            f"foto tidak dapat diunduh ({reason}) — coba simpan issue sekali lagi",
            f"the photo could not be downloaded ({reason}) — try saving the issue again",
        )
    if len(data) > max_bytes:
        return _too_big(len(data), max_bytes)
    return data


def _size(size: int) -> str:
    return f"{size / 1e6:.1f} MB" if size >= 1_000_000 else f"{size / 1e3:.0f} kB"


def _too_big(size: int, limit: int) -> Msg:
    return Msg(
        f"foto terlalu besar ({_size(size)}, maksimal {_size(limit)}) — perkecil fotonya lalu lampirkan ulang",
        f"the photo is too big ({_size(size)}, at most {_size(limit)}) — make it smaller and attach it again",
    )


def save_photo(data: bytes, stem: Path) -> Path | Msg:
    """Check that ``data`` is a JPEG, PNG or WebP photo; save it clean as ``stem.jpg`` (``.png`` with transparency)."""
    try:
        with Image.open(io.BytesIO(data)) as probe:
            kind = probe.format
            width, height = probe.size
    except (UnidentifiedImageError, OSError, Image.DecompressionBombError):
        return Msg(
            "lampiran ini bukan foto JPEG, PNG atau WebP (foto iPhone HEIC: ubah dulu ke JPEG) — lampirkan ulang",
            "this attachment is not a JPEG, PNG or WebP photo (iPhone HEIC: convert it to JPEG first) — attach it again",
        )
    if kind not in {"JPEG", "PNG", "WEBP"}:
        return Msg(
            f"format {kind} tidak didukung — kirim foto JPEG, PNG atau WebP",
            f"the {kind} format is not supported — send a JPEG, PNG or WebP photo",
        )
    if width * height > MAX_PHOTO_PIXELS:
        return Msg(
            f"foto terlalu besar ({width} × {height} px) — perkecil sampai di bawah 60 megapiksel",
            f"the photo is too large ({width} × {height} px) — reduce it below 60 megapixels",
        )
    tidied = tidy_bytes(data, prefer_jpeg=True)
    if isinstance(tidied, Msg):
        return Msg(
            "foto rusak atau terpotong — lampirkan ulang fotonya",
            "the photo is broken or cut off — attach it again",
        )
    path = stem.with_suffix(".jpg" if tidied.format == "JPEG" else ".png")
    path.write_bytes(tidied.data)
    return path
