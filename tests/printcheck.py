"""Helpers for tests of printed pages: the Debian tools they need, and the page sizes of a PDF."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

TOOLS = {"chromium": "chromium", "pdfinfo": "poppler-utils", "pdftoppm": "poppler-utils", "zbarimg": "zbar-tools"}


def need_tools() -> None:
    """Fail the test with how to install them when Chromium, poppler-utils or zbar-tools are missing."""
    missing = sorted({package for tool, package in TOOLS.items() if shutil.which(tool) is None})
    if missing:
        pytest.fail(f"missing Debian packages {missing}: run scripts/dev install (apt-get install {' '.join(missing)})")


def run(*command: str) -> str:
    """Return what ``command`` prints (it must succeed)."""
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


def page_sizes(pdf: Path) -> list[tuple[float, float]]:
    """Return the (width, height) in points of every page of ``pdf``."""
    match = re.search(r"^Pages:\s+(\d+)", run("pdfinfo", str(pdf)), re.M)
    assert match, f"pdfinfo cannot read {pdf}"
    text = run("pdfinfo", "-f", "1", "-l", match.group(1), str(pdf))
    return [(float(w), float(h)) for w, h in re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", text, re.M)]
