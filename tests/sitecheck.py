"""Helpers for tests of a built site: copy a project, build it, read its HTML and links."""

from __future__ import annotations

import filecmp
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from etalase.tools.cli import main

REPO = Path(__file__).parent.parent
# The site set-up; the issue forms too, which the add-a-product page links.
PROJECT_FILES = ["mkdocs.yml", "templates", ".github/ISSUE_TEMPLATE"]
OPTIONAL_FILES = [".tools/node_modules/leaflet"]  # Leaflet for the sentra map, when scripts/dev installed it
DATA_FOLDERS = ["catalog", "products", "sentra"]


def copy_project(target: Path, data_from: Path = REPO) -> Path:
    """Copy the site set-up from the repo and the records from ``data_from`` into ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    for rel in PROJECT_FILES:
        source, dest = REPO / rel, target / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copytree(source, dest) if source.is_dir() else shutil.copy2(source, dest)
    for rel in OPTIONAL_FILES:
        if (REPO / rel).is_dir() and not (target / rel).exists():
            shutil.copytree(REPO / rel, target / rel)
    for rel in DATA_FOLDERS:
        if (data_from / rel).exists() and not (target / rel).exists():
            shutil.copytree(data_from / rel, target / rel)
    (target / "build" / "docs").mkdir(parents=True, exist_ok=True)
    return target


def build(root: Path, *extra: str) -> int:
    """Run ``etalase build`` on ``root``; return its exit code."""
    return main(["--root", str(root), "build", *extra])


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.add(value)
            if value and (name in {"href", "src"} or (tag == "img" and name == "srcset")):
                for part in value.split(",") if name == "srcset" else [value]:
                    self.links.append((tag, part.strip().split(" ")[0]))


def links_of(html: str) -> list[tuple[str, str]]:
    """Return (tag, url) for every href, src and srcset entry in ``html``."""
    parser = _Links()
    parser.feed(html)
    return parser.links


def broken_links(site: Path) -> list[str]:
    """Return ``page -> url`` for internal links in ``site`` that lead to no file."""
    broken = []
    for page in sorted(site.rglob("*.html")):
        if page.name == "404.html":  # served at any depth, so MkDocs writes its links from the site root
            continue
        for _tag, url in links_of(page.read_text(encoding="utf-8")):
            parts = urlsplit(url)
            if parts.scheme or parts.netloc or url.startswith(("#", "mailto:", "data:")) or not parts.path:
                continue
            target = (page.parent / unquote(parts.path)).resolve()
            if target.is_dir():
                target = target / "index.html"
            if not target.exists():
                broken.append(f"{page.relative_to(site)} -> {url}")
    return broken


def differences(left: Path, right: Path) -> list[str]:
    """Return the files that are in only one of two trees or differ in content (byte for byte)."""
    found: list[str] = []

    def walk(cmp: filecmp.dircmp[str], prefix: str) -> None:
        found.extend(f"{prefix}{name} (one side only)" for name in cmp.left_only + cmp.right_only)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        found.extend(f"{prefix}{name}" for name in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(filecmp.dircmp(left, right), "")
    return found
