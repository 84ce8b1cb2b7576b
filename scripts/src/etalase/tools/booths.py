"""``etalase booths``: print every booth sheet of a festival into one PDF.

Builds the site (or uses the built one), serves it on 127.0.0.1 for as long as the print
takes, and has headless Chromium print ``festival/<slug>/print/`` with ``--print-to-pdf``:
one A4 portrait page per booth (the page's print CSS sets the paper and the page breaks).
Nothing is downloaded: the browser is the system's Chromium (Debian: ``apt-get install
chromium``).
"""

from __future__ import annotations

import argparse
import functools
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from etalase.render.festival import print_path

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
# The flags of shared/TESTING.md: no first-run screens, no background traffic, no GPU.
# Tests and benchmarks that drive Chromium through Playwright use the same list.
BROWSER_FLAGS = (
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
CHROMIUM_FLAGS = ("--headless", *BROWSER_FLAGS, "--no-pdf-header-footer")
PRINT_TIMEOUT = 300  # seconds; a festival of 18 booths prints in under 10
SHEET = 'class="et-sheet"'


class BoothsError(Exception):
    """A problem that stops the print, said so the organizer knows what to do."""

    def __init__(self, message: str, code: int = EXIT_PROBLEMS) -> None:
        super().__init__(message)
        self.code = code


def find_chromium(explicit: str | None = None) -> str | None:
    """Return the Chromium to print with: ``explicit``, ``$ETALASE_CHROMIUM``, or one on the PATH."""
    for candidate in (explicit, os.environ.get("ETALASE_CHROMIUM")):
        if candidate:
            return shutil.which(candidate) or (candidate if Path(candidate).is_file() else None)
    return next((found for name in CHROMIUM_NAMES if (found := shutil.which(name))), None)


def chromium_command(chromium: str, url: str, pdf: Path, profile: Path) -> list[str]:
    """Return the command line that prints ``url`` to ``pdf`` with headless Chromium."""
    sandbox = ["--no-sandbox"] if hasattr(os, "geteuid") and os.geteuid() == 0 else []  # root has no sandbox
    return [chromium, *CHROMIUM_FLAGS, *sandbox, f"--user-data-dir={profile}", f"--print-to-pdf={pdf}", url]


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # "format": the name http.server uses
        pass


@contextmanager
def serve_site(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 (a free port) in a thread; yield its base URL; stop on exit."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="etalase-booths-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


def print_pdf(chromium: str, url: str, pdf: Path, timeout: int = PRINT_TIMEOUT) -> None:
    """Print ``url`` into ``pdf`` with headless Chromium; raise ``BoothsError`` when it fails."""
    pdf.parent.mkdir(parents=True, exist_ok=True)
    partial = pdf.with_name(pdf.name + ".part")
    partial.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory(prefix="etalase-chromium-") as profile:
        command = chromium_command(chromium, url, partial, Path(profile))
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            partial.unlink(missing_ok=True)
            raise BoothsError(f"Chromium did not finish printing within {timeout} s") from None
    if done.returncode != 0 or not partial.is_file() or partial.read_bytes()[:5] != b"%PDF-":
        partial.unlink(missing_ok=True)
        detail = "\n".join(line for line in done.stderr.splitlines() if line.strip())[-800:]
        raise BoothsError(f"Chromium could not print {url} (exit {done.returncode}):\n{detail}")
    partial.replace(pdf)


def pdf_page_count(pdf: Path) -> int:
    """Return the number of pages of a PDF (pdfinfo when installed, else the page objects)."""
    if shutil.which("pdfinfo"):
        done = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=False)
        match = re.search(r"^Pages:\s+(\d+)", done.stdout, re.MULTILINE)
        if match:
            return int(match.group(1))
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf.read_bytes()))


def print_page_file(site_dir: Path, slug: str) -> Path:
    """Return the built print-all page of festival ``slug``; raise ``BoothsError`` if there is none."""
    page = site_dir / print_path(slug) / "index.html"
    if page.is_file():
        return page
    known = sorted(p.parent.parent.name for p in (site_dir / "festival").glob("*/print/index.html"))
    listed = ", ".join(known) if known else "none"
    raise BoothsError(
        f"festival '{slug}' is not in the site {site_dir} (festivals there: {listed}) — "
        f"check the name of catalog/festivals/{slug}.yml, then build again",
        EXIT_USAGE,
    )


def print_booths(site_dir: Path, slug: str, pdf: Path, chromium: str) -> tuple[int, int]:
    """Print every booth sheet of festival ``slug`` from the built ``site_dir`` into ``pdf``.

    Return (pages in the PDF, booths on the page); they are equal when every sheet fits its page.
    """
    page = print_page_file(site_dir, slug)
    booths = page.read_text(encoding="utf-8").count(SHEET)
    with serve_site(site_dir) as base:
        print_pdf(chromium, base + print_path(slug), pdf)
    return pdf_page_count(pdf), booths


def browser_and_site(
    args: argparse.Namespace, build: Callable[[argparse.Namespace], int], what: str
) -> tuple[str, Path] | int:
    """Return the Chromium to print ``what`` with and the built site (building it first unless --no-build),
    or the exit code when there is no Chromium or the build failed. For ``booths`` and ``forum print``."""
    chromium = find_chromium(args.chromium)
    if chromium is None:
        print(
            f"Chromium is not installed, and it prints {what}. Install it — on Debian or Ubuntu: "
            "sudo apt-get install chromium (or run scripts/dev install) — or name a Chromium or Chrome "
            "with --chromium PATH or ETALASE_CHROMIUM.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    from mkdocs.config import load_config  # MkDocs only for the commands that print

    config_file = (args.config_file or args.root / "mkdocs.yml").resolve()
    if not args.no_build:
        code = build(args)
        if code != EXIT_OK:
            return code
    return chromium, Path(load_config(config_file=str(config_file)).site_dir)


def run(args: argparse.Namespace, build: Callable[[argparse.Namespace], int]) -> int:
    """Run ``etalase booths`` (``build`` is the ``etalase build`` command, run first unless --no-build)."""
    ready = browser_and_site(args, build, "the booth sheets")
    if isinstance(ready, int):
        return ready
    chromium, site_dir = ready
    pdf = (args.output or Path(f"{args.festival}.pdf")).resolve()
    try:
        pages, booths = print_booths(site_dir, args.festival, pdf, chromium)
    except BoothsError as error:
        print(f"booths: {error}", file=sys.stderr)
        return error.code
    print(f"Wrote {os.path.relpath(pdf)}: {pages} page(s) for {booths} booth(s), A4 portrait.")
    if pages != booths:
        print(
            f"booths: {pages} pages for {booths} booths — a sheet ran over its page; open the PDF and "
            "shorten the longest texts (names, notes) of the booths that take two pages",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    return EXIT_OK
