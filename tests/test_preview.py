"""The pull-request check's preview (tools/intake/preview.py, `etalase preview`): the changed product and
IKM pages in both languages, 390 px screenshots from Debian's Chromium, and a summary with each record
as buyers will read it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from conftest import CHROMIUM, REPO
from etalase.tools.cli import main
from etalase.tools.intake import preview
from sitecheck import build, copy_project
from test_owners import change, git

KARDIGAN = "products/rajut-contoh/kardigan.yml"


@pytest.fixture
def repo(mini_project: Path) -> Path:
    shutil.copytree(REPO / "templates", mini_project / "templates")  # the site's words for the summary
    git(mini_project, "init", "-q", "-b", "main")
    git(mini_project, "add", "-A")
    git(mini_project, "commit", "-q", "-m", "base")
    return mini_project


def _fake_site(root: Path, urls: list[str]) -> Path:
    site = root / "site"
    for url in ["", *urls]:
        (site / url).mkdir(parents=True, exist_ok=True)
        (site / url / "index.html").write_text(f"<!doctype html><title>{url}</title>", encoding="utf-8")
    return site


def test_changed_records_photos_count_for_the_records_naming_them(repo: Path) -> None:
    photo = repo / "products/rajut-contoh/kardigan-1.jpg"
    photo.write_bytes(photo.read_bytes() + b"\0")
    (repo / "products/dapur-contoh/keripik.yml").unlink()
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "photo changed, product removed")
    present, removed = preview.changed_records(repo, "HEAD~1")
    assert present == [KARDIGAN]
    assert removed == ["products/dapur-contoh/keripik.yml"]


def test_pages_and_summary_without_screenshots(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    change(repo, KARDIGAN, "  min: 85000", "  min: 90rb")
    change(repo, "products/rajut-contoh/ikm.yml", "workers: 12", "workers: 14")
    pages = [
        "produk/rajut-contoh/kardigan/",
        "en/produk/rajut-contoh/kardigan/",
        "ikm/rajut-contoh/",
        "en/ikm/rajut-contoh/",
    ]
    site = _fake_site(repo, pages)
    summary = tmp_path / "summary.md"
    argv = ["--root", str(repo), "preview", "--base", "HEAD~2", "--site", str(site), "--out", str(tmp_path / "p")]
    assert main([*argv, "--summary", str(summary), "--no-screenshots"]) == 0
    for url in pages:
        assert (tmp_path / "p/pages" / url / "index.html").is_file(), url
    text = summary.read_text(encoding="utf-8")
    assert "### `products/rajut-contoh/kardigan.yml`" in text
    assert "**Kardigan Rajut Wanita / Women's Knitted Cardigan — Rajut Contoh**" in text
    assert "| Kisaran harga | Rp 90.000 – 120.000 / pcs |" in text
    assert "| Pesanan minimum (MOQ) | 2 kodi (40 pcs) |" in text
    assert "| Tenaga kerja | 14 |" in text
    assert "`/en/produk/rajut-contoh/kardigan/`" in text
    assert capsys.readouterr().out.startswith("## Pratinjau / Preview")


def test_no_built_site_is_said_plainly(repo: Path, tmp_path: Path) -> None:
    with pytest.raises(preview.PreviewError, match="holds no built site"):
        preview.run(repo, "HEAD", tmp_path / "site", tmp_path / "p", chromium=None)


@pytest.mark.slow
@pytest.mark.browser
def test_the_preview_job_s_screenshots_are_390_px_wide(mini_project: Path, tmp_path: Path) -> None:
    assert CHROMIUM.exists(), "Debian's Chromium is missing: run scripts/dev install"
    root = copy_project(tmp_path / "project", data_from=mini_project)
    shutil.rmtree(root / "products/dapur-contoh")
    git(root, "init", "-q", "-b", "main")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", "base")
    change(root, KARDIGAN, "  min: 85000", "  min: 90rb")
    assert build(root) == 0
    # As the pull-request job runs it: its own process (Playwright's sync API wants a thread with no
    # event loop, and pytest-playwright's fixtures leave one running in this process).
    out = tmp_path / "preview"
    command = [sys.executable, "-m", "etalase", "--root", str(root), "preview", "--base", "HEAD~1"]
    command += ["--site", str(root / "site"), "--out", str(out), "--chromium", str(CHROMIUM)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-2000:]
    assert sorted(p.relative_to(out / "pages").as_posix() for p in (out / "pages").rglob("index.html")) == [
        "en/produk/rajut-contoh/kardigan/index.html",
        "produk/rajut-contoh/kardigan/index.html",
    ]
    shots = sorted((out / "screenshots").glob("*.png"))
    assert len(shots) == 2
    for shot in shots:
        assert shot.is_file()
        with Image.open(shot) as image:
            assert image.width == 390 and image.height > 844  # the whole page, as long as it is
    artifacts = Path(__file__).parent.parent / "test-artifacts" / "preview"
    artifacts.mkdir(parents=True, exist_ok=True)
    for shot in shots:
        shutil.copyfile(shot, artifacts / shot.name)  # to look at
