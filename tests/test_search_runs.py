"""Pagefind runs (search.py): one per language, the first one possibly started ahead."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from etalase import search
from etalase.builder import sitefiles
from etalase.builder.plugin import EtalasePlugin
from etalase.builder.state import BuildState
from etalase.pipeline import Outcome, Project
from etalase.search import index as search_index
from etalase.search import stable_index

PAGE = """<!doctype html><html lang="{lang}"><head><title>{title}</title></head>
<body><main data-pagefind-body><h1>{title}</h1><p>{text}</p></main></body></html>"""


def _site(root: Path) -> Path:
    """Write a tiny two-language site: 2 Indonesian pages at the root, 1 English under en/."""
    pages = {
        "index.html": ("id", "Beranda", "Kardigan rajut dari Binong Jati"),
        "produk/a/b/index.html": ("id", "Kardigan", "Kardigan rajut wanita"),
        "en/index.html": ("en", "Home", "Knitted cardigans from Binong Jati"),
    }
    for rel, (lang, title, text) in pages.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(PAGE.format(lang=lang, title=title, text=text), encoding="utf-8")
    return root


def _bundle(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_run_started_ahead_gives_the_same_index(tmp_path: Path) -> None:
    plain = search.index_site(_site(tmp_path / "plain"), ["en"])
    ahead_site = _site(tmp_path / "ahead")
    folder, glob = search.language_runs(ahead_site, ["en"])[0]
    assert folder == ahead_site
    run = search.start_index(folder, glob)
    ahead = search.index_site(ahead_site, ["en"], started={folder: run})
    assert (plain.pages, plain.bytes) == (ahead.pages, ahead.bytes) == (3, plain.bytes)
    assert run.process.returncode == 0
    for name in ("pagefind", "en/pagefind"):
        assert _bundle(tmp_path / "plain" / name) == _bundle(ahead_site / name)


def test_language_runs_put_the_root_language_first(tmp_path: Path) -> None:
    site = _site(tmp_path)
    runs = search.language_runs(site, ["en", "jv"])  # no jv/ folder: no run
    assert [folder for folder, _ in runs] == [site, site / "en"]
    assert runs[1][1] == "**/*.html"


def test_a_failed_run_raises_and_stops_a_run_started_ahead(tmp_path: Path) -> None:
    site = _site(tmp_path / "site")
    run = search.start_index(site / "en", "**/*.html")
    empty = tmp_path / "empty"  # no HTML: Pagefind fails
    empty.mkdir()
    with pytest.raises(search.SearchIndexError, match="not able to build an index"):
        search.index_site(empty, [], started={site / "en": run})
    assert run.process.returncode is not None  # waited for, not left running
    with pytest.raises(FileNotFoundError):
        search.index_site(tmp_path / "gone", [], started={site / "en": search.start_index(site / "en", "*.html")})


def test_stop_index_ends_a_run(tmp_path: Path) -> None:
    run = search.start_index(_site(tmp_path), "**/*.html")
    search.stop_index(run)
    assert run.process.returncode is not None


def test_work_done_meanwhile_is_not_counted_as_waiting(tmp_path: Path) -> None:
    import time

    site = _site(tmp_path)
    calls: list[bool] = []

    def meanwhile() -> None:  # runs while the last run (English) is under way
        calls.append((site / "pagefind").is_dir())
        time.sleep(1.0)

    index = search.index_site(site, ["en"], meanwhile=meanwhile)
    assert calls == [True]  # once, after the first language's bundle was made
    assert index.pages == 3
    assert index.waited is not None and index.waited < 0.9  # the 1 s of our own work is left out


def test_a_failure_meanwhile_stops_the_last_run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = _site(tmp_path)
    started: list[search.IndexRun] = []
    start = search_index.start_index
    monkeypatch.setattr(search_index, "start_index", lambda *args: started.append(start(*args)) or started[-1])

    def meanwhile() -> None:
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        search.index_site(site, ["en"], meanwhile=meanwhile)
    assert len(started) == 2 and all(run.process.returncode is not None for run in started)


def _bare_state(root: Path, site: Path) -> BuildState:
    """Return the state of a build with no catalogue: only the schemas are files that are not pages."""
    (root / "catalog" / "schema").mkdir(parents=True)
    (root / "catalog" / "schema" / "product.schema.json").write_text("{}", encoding="utf-8")
    project = Project(root=root, docs_dir=root / "build" / "docs")
    return BuildState(project, Outcome(None, []), one_off=False, site_dir=site)


def test_the_files_that_are_not_pages_are_written_beside_the_build(tmp_path: Path) -> None:
    root, site = tmp_path / "project", tmp_path / "site"
    state = _bare_state(root, site)
    sitefiles.start(state)
    sitefiles.wait(state)
    assert (site / "schema" / "product.schema.json").read_text(encoding="utf-8") == "{}"


def test_a_failure_writing_the_files_that_are_not_pages_fails_the_build(tmp_path: Path) -> None:
    root, site = tmp_path / "project", tmp_path / "site"
    state = _bare_state(root, site)
    site.mkdir()
    (site / "schema").write_text("a file where the folder goes", encoding="utf-8")
    plugin = EtalasePlugin()
    plugin.state = state
    sitefiles.start(state)
    with pytest.raises(OSError):
        sitefiles.wait(state)
    plugin.on_build_error(error=RuntimeError("the build failed"))  # nothing left to stop
    assert state.site_files is None


# --- fragments reused from the last site ------------------------------------------------------


def _edit_site(root: Path) -> None:
    """Change one page, remove one and add one (their fragments change, go and come)."""
    page = root / "produk/a/b/index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("wanita", "wanita panjang"), encoding="utf-8")
    (root / "en/index.html").unlink()
    (root / "en/produk/c/d").mkdir(parents=True)
    (root / "en/produk/c/d/index.html").write_text(
        PAGE.format(lang="en", title="Cardigan", text="A long knitted cardigan"), encoding="utf-8"
    )
    (root / "en/about.html").write_text(PAGE.format(lang="en", title="About", text="Knitwear"), encoding="utf-8")


def _fragment_of(bundle: Path, address: str) -> Path:
    return next(p for p in (bundle / "fragment").iterdir() if stable_index.fragment_url(p) == address)


def test_a_bundle_reusing_the_last_sites_fragments_is_the_bundle_made_afresh(tmp_path: Path) -> None:
    last = _site(tmp_path / "last")
    search.index_site(last, ["en"])
    edited, fresh = _site(tmp_path / "edited"), _site(tmp_path / "fresh")
    for root in (edited, fresh):
        _edit_site(root)
    search.index_site(fresh, ["en"])
    search.index_site(edited, ["en"], previous=last)
    for name in ("pagefind", "en/pagefind"):
        assert _bundle(edited / name) == _bundle(fresh / name)  # no fragment of the removed or changed page left
    kept = _fragment_of(edited / "pagefind", "/")  # the unchanged home page: the last site's file, not written again
    assert kept.stat().st_ino == (last / "pagefind/fragment" / kept.name).stat().st_ino
    changed = _fragment_of(edited / "pagefind", "/produk/a/b/")
    assert not (last / "pagefind/fragment" / changed.name).exists()


def test_a_reused_fragment_standing_for_another_page_is_caught_and_the_bundle_made_afresh(tmp_path: Path) -> None:
    """Pagefind names a fragment by 7 hex digits of its hash: a changed page may get the name of
    another page's old fragment, which Pagefind would then not write. Made here on purpose."""
    fresh = _site(tmp_path / "fresh")
    _edit_site(fresh)
    search.index_site(fresh, ["en"])
    new_name = _fragment_of(fresh / "pagefind", "/produk/a/b/").name
    last = _site(tmp_path / "last")
    search.index_site(last, ["en"])
    other = _fragment_of(last / "pagefind", "/")  # the home page's fragment under the changed page's new name
    (last / "pagefind/fragment" / new_name).write_bytes(other.read_bytes())
    edited = _site(tmp_path / "edited")
    _edit_site(edited)
    started: list[search.IndexRun] = []
    start = search_index.start_index
    run = search.start_index(edited, search.language_runs(edited, ["en"])[0][1], last / "pagefind")
    run.process.wait()
    assert not search.settle_fragments(edited / "pagefind", edited)  # the home page would be there twice
    shutil.rmtree(edited / "pagefind")
    monkey = pytest.MonkeyPatch()
    monkey.setattr(search_index, "start_index", lambda *args: started.append(start(*args)) or started[-1])
    try:
        search.index_site(edited, ["en"], previous=last)
    finally:
        monkey.undo()
    assert [run.reused > 0 for run in started] == [True, False, True]  # the Indonesian bundle made again, without
    for name in ("pagefind", "en/pagefind"):
        assert _bundle(edited / name) == _bundle(fresh / name)


def test_fragments_are_not_reused_without_a_last_bundle(tmp_path: Path) -> None:
    assert search.reuse_fragments(tmp_path / "none", tmp_path / "bundle") == frozenset()
    assert not (tmp_path / "bundle").exists()
