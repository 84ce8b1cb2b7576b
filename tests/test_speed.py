"""Build-speed shortcuts give exactly what the slow paths give (see media.py, yamlsafe._parse_fast)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import yaml

from etalase.builder import markdown
from etalase.builder.plugin import EtalasePlugin
from etalase.publish import media
from etalase.source import yamlsafe
from sitecheck import REPO

# --- reading YAML with libyaml --------------------------------------------------------------


def _slow_parse(raw: bytes) -> tuple[dict, dict]:
    """Parse with PyYAML's own parser only (the path every refusal goes through)."""
    documents = [d for d in yaml.compose_all(yamlsafe.decode(raw), Loader=yaml.SafeLoader) if d is not None]
    walker = yamlsafe._Walker()
    return walker.value(documents[0], (), 0), walker.lines


def _record_files() -> list[Path]:
    folders = ["products", "sentra", "catalog", "tests/fixtures"]
    return sorted(p for folder in folders for p in (REPO / folder).rglob("*.yml"))


def test_libyaml_reads_every_record_as_pyyaml_does() -> None:
    assert yamlsafe._FAST_LOADER is not None, "PyYAML without libyaml: records are read the slow way"
    fast_count = 0
    for path in _record_files():
        raw = path.read_bytes()
        try:
            text = yamlsafe.decode(raw)
        except yamlsafe.YamlError:
            continue
        fast = yamlsafe._parse_fast(text)
        if fast is None:  # a broken file: parse() reports it the slow way
            with pytest.raises(yamlsafe.YamlError):
                yamlsafe.parse(raw)
            continue
        data, lines = _slow_parse(raw)
        assert fast[0] == data, path
        assert fast[1].lines == lines, path
        fast_count += 1
    assert fast_count > 90


@pytest.mark.parametrize(
    "raw",
    [
        b"slug: a\nslug: b\n",  # duplicate key
        b"a: !!python/object:os.system x\n",  # object tag
        b"a: " + b"[" * 50 + b"]" * 50,  # too deep
        b"slug: a\n---\nslug: b\n",  # two documents
        b"- a\n- b\n",  # not a mapping
        b"a: [" * 600 + b"]" * 600,  # over the bracket limit: never composed by libyaml
    ],
)
def test_libyaml_leaves_every_refusal_to_pyyaml(raw: bytes) -> None:
    assert yamlsafe._parse_fast(raw.decode()) is None
    with pytest.raises(yamlsafe.YamlError):
        yamlsafe.parse(raw)


# --- generated pages skip Python-Markdown ----------------------------------------------------


@pytest.mark.slow
def test_raw_pages_render_as_mkdocs_renders_them(sample_site: Path) -> None:
    from mkdocs.config import load_config
    from mkdocs.structure.files import get_files
    from mkdocs.structure.pages import Page

    config = load_config(config_file=str(sample_site / "mkdocs.yml"))
    files = get_files(config)
    pages = files.documentation_pages()
    skipped = 0
    for file in pages:
        real, fast = Page(None, file, config), Page(None, file, config)
        for page in (real, fast):
            page.read_source(config)
        body = markdown.raw_html_body(fast.markdown or "")
        if body is None:
            continue
        markdown.skip_markdown(fast, body)
        real.render(config, files)
        fast.render(config, files)
        assert fast.content == real.content, file.src_uri
        assert (str(fast.toc), fast.title, fast.links_to_anchors) == (str(real.toc), real.title, real.links_to_anchors)
        assert fast.present_anchor_ids == real.present_anchor_ids, file.src_uri
        skipped += 1
    assert skipped >= len(pages) - 4  # every generated page but hand-written ones (about)


def test_anchor_ids_are_found_as_mkdocs_finds_them() -> None:
    body = (
        '<div class="et x" id="a&amp;b"><a href="#" name="n1" id="i1">x</a><area name="no">'
        '<p data-id="no" ID=x2>id="no"</p><script>if (a<b id="no") {}</script><!-- <p id="no"> --><img id=\'q\'/></div>'
    )
    assert markdown.anchor_ids(body) == {"a&b", "n1", "i1", "x2", "q"}


@pytest.mark.parametrize(
    "body",
    [
        "# Tentang\n\nteks",
        '<div class="et x">a</div>\n\n*markdown*',
        '<div class="et x">a</div>\n<div class="et y">b</div>',
        '<div class="et x"><div>a</div>',
        '<div class="other">a</div>',
        '<div class="et x">a\r\n</div>',
    ],
)
def test_other_bodies_go_through_markdown(body: str) -> None:
    assert markdown.raw_html_body(body) is None


def test_one_raw_block_is_passed_through() -> None:
    body = '<div class="et et-product" lang="id">\n<div class="a"><DIV>x</DIV></div>\n<p>&lt;div&gt;</p>\n</div>'
    assert markdown.raw_html_body("\n" + body + "\n") == body


def test_serve_stops_watching_the_generated_docs() -> None:
    class Server:
        def __init__(self) -> None:
            self.unwatched: list[str] = []

        def unwatch(self, path: str) -> None:
            if path != "/docs":
                raise KeyError(path)
            self.unwatched.append(path)

    class Config:
        docs_dir = "/docs"

    server = Server()
    assert EtalasePlugin().on_serve(server, config=Config(), builder=None) is server  # type: ignore[arg-type]
    assert server.unwatched == ["/docs"]
    Config.docs_dir = "/elsewhere"
    EtalasePlugin().on_serve(server, config=Config(), builder=None)  # type: ignore[arg-type]


# --- photos are hard-linked into the site ---------------------------------------------------


def _docs_with_media(docs: Path, names: dict[str, bytes]) -> set[str]:
    for rel, data in names.items():
        path = docs / "media" / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return {f"media/{rel}" for rel in names}


def _files(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_media_are_linked_into_a_new_site(tmp_path: Path) -> None:
    cache, site = tmp_path / "cache", tmp_path / "site"
    urls = _docs_with_media(cache, {"aa/320.webp": b"a" * 10, "bb/card.jpg": b"b" * 20, "zz/old.webp": b"z"})
    urls.discard("media/zz/old.webp")
    assert media.publish_media(cache, urls, site) == 2
    assert _files(site) == {"media/aa/320.webp": b"a" * 10, "media/bb/card.jpg": b"b" * 20}
    assert os.path.samefile(site / "media/aa/320.webp", cache / "media/aa/320.webp")
    assert media.publish_media(cache, urls, site) == 0  # nothing changed: nothing written


def test_a_kept_media_folder_changes_only_where_the_photos_did(tmp_path: Path) -> None:
    cache, host = tmp_path / "cache", tmp_path / "media-site"  # e.g. build/media-site (site.yml's media_url)
    first = _docs_with_media(cache, {"aa/320.webp": b"a", "bb/card.jpg": b"b"})
    media.publish_media(cache, first, host)
    kept = (host / "media/aa/320.webp").stat().st_ino
    second = {"media/aa/320.webp", *_docs_with_media(cache, {"cc/640.webp": b"c"})}
    assert media.publish_media(cache, second, host) == 1
    assert _files(host) == {"media/aa/320.webp": b"a", "media/cc/640.webp": b"c"}  # bb/ pruned, folder too
    assert (host / "media/aa/320.webp").stat().st_ino == kept and not (host / "media/bb").exists()


def test_a_copy_across_file_systems_counts_as_the_same_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache, site = tmp_path / "cache", tmp_path / "site"
    urls = _docs_with_media(cache, {"aa/320.webp": b"a"})

    def no_links(source: object, target: object) -> None:
        raise OSError("cross-device link")

    monkeypatch.setattr(os, "link", no_links)
    assert media.publish_media(cache, urls, site) == 1
    assert not os.path.samefile(site / "media/aa/320.webp", cache / "media/aa/320.webp")
    assert media.publish_media(cache, urls, site) == 0


def test_no_media_at_all(tmp_path: Path) -> None:
    assert media.publish_media(tmp_path / "cache", set(), tmp_path / "site") == 0
    assert not (tmp_path / "site" / "media").exists()


@pytest.mark.slow
def test_photos_are_in_the_site_but_not_in_the_docs_folder(sample_site: Path) -> None:
    assert not (sample_site / "build" / "docs" / "media").exists()
    photos = list((sample_site / "site" / "media").rglob("*.webp"))
    assert photos and all(p.stat().st_nlink >= 2 for p in photos)  # hard links into the cache


# --- the write stage leaves photos and unchanged pages alone --------------------------------


def test_write_removes_stale_pages_but_not_photos_or_dotfiles(tmp_path: Path) -> None:
    from etalase.publish.write import write_pages

    docs = tmp_path / "docs"
    first = {"index.md": "a", "produk/x/y.md": "b", "produk/x/z.md": "c", "en/index.md": "d"}
    assert write_pages(first, docs).written == 4
    _docs_with_media(docs, {"aa/320.webp": b"a"})
    (docs / ".gitkeep").write_text("", encoding="utf-8")
    (docs / "produk" / ".editor-swap").write_text("x", encoding="utf-8")
    (docs / "old" / "deep").mkdir(parents=True)
    (docs / "old" / "deep" / "page.md").write_text("stale", encoding="utf-8")
    before = (docs / "index.md").stat().st_mtime_ns
    report = write_pages({"index.md": "a", "produk/x/y.md": "B"}, docs)
    assert (report.written, report.unchanged, report.removed) == (1, 1, 3)
    assert sorted(p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file()) == [
        ".gitkeep",
        "index.md",
        "media/aa/320.webp",
        "produk/.editor-swap",
        "produk/x/y.md",
    ]
    assert not (docs / "old").exists() and not (docs / "en").exists()
    assert (docs / "index.md").stat().st_mtime_ns == before
