"""The naive set-up the benchmark compares with: the same generated pages built by plain mkdocs-material, every page in the nav, lunr search."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

import yaml

from etalase.bench.measure import Measurement, _folder_bytes, _measurement, _python_env, run_measured

NAIVE_DIR = "naive"  # inside a synthetic project: the naive config and its site


class _AnyTagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, turning tags such as ``!ENV`` into null instead of failing."""


def naive_docs(root: Path) -> Path:
    """Return a docs folder for the naive set-up: the pages Etalase generated and the photos
    of the site it built, as a naive project would keep them side by side (hard links)."""
    docs = root / NAIVE_DIR / "docs"
    shutil.rmtree(docs, ignore_errors=True)
    shutil.copytree(root / "build" / "docs", docs, copy_function=_link_or_copy)
    if (root / "site" / "media").is_dir():
        shutil.copytree(root / "site" / "media", docs / "media", copy_function=_link_or_copy)
    return docs


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def naive_config(root: Path) -> Path:
    """Write the naive configuration of ``root``'s pages; return its path.

    The project's theme, markdown extensions and CSS, but MkDocs' default nav (every page,
    by folder), the built-in search plugin, no hook, and the pages and photos Etalase made
    (``naive_docs``).
    """
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    folder = root / NAIVE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    theme = dict(config.get("theme") or {"name": "material"})
    if theme.get("custom_dir"):
        theme["custom_dir"] = str((root / theme["custom_dir"]).resolve())
    for key in ("hooks", "nav", "validation", "not_in_nav"):
        config.pop(key, None)
    config.update(
        theme=theme,
        plugins=["search"],
        docs_dir=str(naive_docs(root).resolve()),
        site_dir=str((folder / "site").resolve()),
        strict=False,
    )
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def naive_build(root: Path, products: int, *, keep: bool = False) -> Measurement:
    """Build ``root``'s generated pages with the naive configuration and measure it.

    Its site is removed afterwards unless ``keep``: every page carries the whole nav, so it
    grows quadratically (14 GB for 2,000 products).
    """
    config = naive_config(root)
    site = root / NAIVE_DIR / "site"
    shutil.rmtree(site, ignore_errors=True)
    done = run_measured([sys.executable, "-m", "mkdocs", "build", "-f", str(config)], cwd=root, env=_python_env())
    measured = _measurement(products, "naive", "none", done, site, index_bytes=_folder_bytes(site / "search"))
    if not keep:
        shutil.rmtree(root / NAIVE_DIR, ignore_errors=True)
    return measured
