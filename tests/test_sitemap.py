"""The sitemap past what search engines read from one file: an index and its parts (builder/sitemap.py)."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from conftest import make_mini_project
from etalase.builder import sitemap

SITE = "https://x.example/katalog/"
HEAD = (
    '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
    'xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
)


def _entry(n: int, day: int = 1) -> str:
    return (
        f"<url>\n<loc>{SITE}p{n}/</loc><lastmod>2026-11-{day:02d}</lastmod>"
        f'<xhtml:link rel="alternate" hreflang="en" href="{SITE}en/p{n}/"/></url>'
    )


def _sitemap(entries: list[str]) -> str:
    return HEAD + "\n".join(entries) + "</urlset>"


def _locs(xml: str) -> list[str]:
    return re.findall(r"<loc>([^<]+)</loc>", xml)


def test_a_sitemap_within_the_limits_is_left_as_it_is() -> None:
    assert sitemap.split(_sitemap([_entry(n) for n in range(5)]), SITE, url_limit=5) == {}


def test_past_the_url_limit_the_sitemap_becomes_an_index_of_parts_in_order() -> None:
    entries = [_entry(n, day=1 + n) for n in range(5)]
    files = sitemap.split(_sitemap(entries), SITE, url_limit=2)
    assert list(files) == ["sitemap-1.xml", "sitemap-2.xml", "sitemap-3.xml", "sitemap.xml"]
    parts = [files[f"sitemap-{n}.xml"] for n in (1, 2, 3)]
    assert [len(_locs(part)) for part in parts] == [2, 2, 1]
    assert [loc for part in parts for loc in _locs(part)] == [f"{SITE}p{n}/" for n in range(5)]
    assert all(part.startswith(HEAD) and part.endswith("</urlset>\n") for part in parts)  # namespaces kept
    assert all('hreflang="en"' in part for part in parts)  # the language alternates stay with their page
    index = files["sitemap.xml"]
    assert "<sitemapindex" in index and "<urlset" not in index
    assert _locs(index) == [f"{SITE}sitemap-{n}.xml" for n in (1, 2, 3)]
    assert re.findall(r"<lastmod>([^<]+)</lastmod>", index) == ["2026-11-02", "2026-11-04", "2026-11-05"]


def test_past_the_byte_limit_too() -> None:
    entries = [_entry(n) for n in range(6)]
    limit = len(HEAD) + len("</urlset>\n") + 3 * (len(entries[0]) + 1)
    files = sitemap.split(_sitemap(entries), SITE, byte_limit=limit)
    parts = [text for name, text in files.items() if name != "sitemap.xml"]
    assert [len(_locs(part)) for part in parts] == [3, 3]
    assert all(len(part.encode("utf-8")) <= limit for part in parts)


@pytest.mark.slow
def test_a_build_past_the_limit_writes_the_index_and_a_smaller_one_removes_the_parts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sitecheck import build, copy_project

    root = copy_project(tmp_path / "project", data_from=make_mini_project(tmp_path / "data"))
    assert build(root) == 0
    site = root / "site"
    whole = _locs((site / "sitemap.xml").read_text(encoding="utf-8"))
    assert len(whole) > 10 and not list(site.glob("sitemap-*"))
    monkeypatch.setattr(sitemap, "URL_LIMIT", 10)
    assert build(root) == 0
    index = (site / "sitemap.xml").read_text(encoding="utf-8")
    names = [loc.rsplit("/", 1)[-1] for loc in _locs(index)]
    assert names == [f"sitemap-{n}.xml" for n in range(1, len(names) + 1)] and len(names) == -(-len(whole) // 10)
    listed = [loc for name in names for loc in _locs((site / name).read_text(encoding="utf-8"))]
    assert sorted(listed) == sorted(whole)  # every page once, in one part
    for name in ["sitemap.xml", *names]:
        assert gzip.decompress((site / f"{name}.gz").read_bytes()) == (site / name).read_bytes()
    monkeypatch.setattr(sitemap, "URL_LIMIT", 50_000)
    assert build(root) == 0
    assert _locs((site / "sitemap.xml").read_text(encoding="utf-8")) == whole
    assert not list(site.glob("sitemap-*"))  # no part left from the build before
