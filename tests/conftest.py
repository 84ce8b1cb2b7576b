"""Shared test fixtures: a small valid project, drawn photos and a fixed "today"."""

from __future__ import annotations

import base64
import datetime as dt
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw

from etalase.tools.booths import BROWSER_FLAGS

FIXTURES = Path(__file__).parent / "fixtures"
REPO = Path(__file__).parent.parent
TODAY = dt.date(2026, 11, 22)

MINI_PHOTOS = {
    "sentra/binong-jati.jpg": (1600, 1000),
    "products/rajut-contoh/logo.png": (800, 800),
    "products/rajut-contoh/kardigan-1.jpg": (1600, 1200),
    "products/dapur-contoh/keripik-1.jpg": (1200, 1600),
}


def draw_photo(path: Path, size: tuple[int, int], seed: int = 0) -> Path:
    """Write a simple drawn photo of ``size`` to ``path`` (JPEG or PNG by its suffix)."""
    image = Image.new("RGB", size, (200 - seed % 50, 180, 150 + seed % 60))
    draw = ImageDraw.Draw(image)
    width, height = size
    draw.ellipse((width // 4, height // 4, 3 * width // 4, 3 * height // 4), fill=(60, 110, 140))
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, quality=80) if path.suffix == ".jpg" else image.save(path)
    return path


def make_mini_project(target: Path) -> Path:
    """Copy the small valid fixture project to ``target`` and draw its photos; return ``target``."""
    shutil.copytree(FIXTURES / "mini", target)
    for seed, (rel, size) in enumerate(MINI_PHOTOS.items()):
        draw_photo(target / rel, size, seed)
    return target


@pytest.fixture
def mini_project(tmp_path: Path) -> Path:
    """Return a fresh copy of the small valid project, photos included."""
    return make_mini_project(tmp_path / "project")


HOSTILE = {
    "name": "<script>alert('name')</script> Kardigan",
    "description": "<img src=x onerror=alert('desc')> [klik](javascript:alert('md')) **tebal**",
    "alt": "\"><svg onload=alert('alt')>",
}


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the repo's sample catalogue once; return the project folder."""
    from sitecheck import build, copy_project

    root = copy_project(tmp_path_factory.mktemp("sample"))
    assert build(root) == 0
    return root


@pytest.fixture(scope="session")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the small project with contributor markup in its text fields; return the project folder."""
    base = tmp_path_factory.mktemp("hostile")
    data = make_mini_project(base / "data")
    product = data / "products/rajut-contoh/kardigan.yml"
    text = product.read_text(encoding="utf-8")
    text = text.replace("id: Kardigan Rajut Wanita", f'id: "{HOSTILE["name"]}"')
    text = text.replace("id: Kardigan rajut lembut dengan kancing kayu.", f'id: "{HOSTILE["description"]}"')
    text = text.replace("id: Kardigan krem di gantungan", f"id: '{HOSTILE['alt'].replace(chr(39), chr(39) * 2)}'")
    product.write_text(text, encoding="utf-8")
    from sitecheck import build, copy_project

    root = copy_project(base / "project", data_from=data)
    assert build(root) == 0
    return root


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = list(BROWSER_FLAGS)
ARTIFACTS = REPO / "test-artifacts"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Drive Debian's Chromium (never a downloaded browser) with flags for a closed network."""
    if not CHROMIUM.exists():
        pytest.fail("Debian's Chromium is missing: run scripts/dev install (apt-get install chromium)")
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


# OpenStreetMap's tiles (the sentra map) are the one outside request a page makes: every browser test
# gets a tiny PNG from here instead, so no test reaches the network.
TILE_ORIGIN = "https://tile.openstreetmap.org"
TILE_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mPs7+/3BAAFXgIlwZ3UowAAAABJRU5ErkJggg=="
)


@pytest.fixture
def context(context: Any) -> Any:
    """Playwright's browser context, with OpenStreetMap tile requests answered locally."""
    context.route(f"{TILE_ORIGIN}/**", lambda route: route.fulfill(status=200, content_type="image/png", body=TILE_PNG))
    return context


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 with the venv's Python; yield the base URL; stop by PID."""
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as sock:
                if sock.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=10)


@contextmanager
def serve_compressed(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 with text gzip-compressed, as GitHub Pages does (tests/gzserve.py)."""
    port = _free_port()
    server = Path(__file__).parent / "gzserve.py"
    process = subprocess.Popen(
        [sys.executable, str(server), str(port), str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        _wait_for(port)
        yield f"http://127.0.0.1:{port}/"
    finally:
        process.terminate()
        process.wait(timeout=10)


def _wait_for(port: int) -> None:
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)


@pytest.fixture(scope="session")
def compressed_url(sample_site: Path) -> Iterator[str]:
    """Serve the built sample site compressed, as GitHub Pages serves it; return its base URL."""
    with serve_compressed(sample_site / "site") as url:
        yield url


@pytest.fixture(scope="session")
def sample_url(sample_site: Path) -> Iterator[str]:
    """Serve the built sample site; return its base URL."""
    with serve(sample_site / "site") as url:
        yield url
