"""Pagefind runs (search.py): one per language, the first one possibly started ahead."""

from __future__ import annotations

from pathlib import Path

import pytest

from etalase import hooks, search

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
    start = search.start_index
    monkeypatch.setattr(search, "start_index", lambda folder, glob: started.append(start(folder, glob)) or started[-1])

    def meanwhile() -> None:
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        search.index_site(site, ["en"], meanwhile=meanwhile)
    assert len(started) == 2 and all(run.process.returncode is not None for run in started)


def test_the_files_that_are_not_pages_are_written_beside_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hooks, "_state", {})  # no catalogue: the schemas only
    root, site = tmp_path / "project", tmp_path / "site"
    (root / "catalog" / "schema").mkdir(parents=True)
    (root / "catalog" / "schema" / "product.schema.json").write_text("{}", encoding="utf-8")
    hooks.start_site_files(root, site)
    hooks._wait_for_site_files(root, site)
    assert (site / "schema" / "product.schema.json").read_text(encoding="utf-8") == "{}"


def test_a_failure_writing_the_files_that_are_not_pages_fails_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(hooks, "_state", {})
    root, site = tmp_path / "project", tmp_path / "site"
    (root / "catalog" / "schema").mkdir(parents=True)
    (root / "catalog" / "schema" / "product.schema.json").write_text("{}", encoding="utf-8")
    site.mkdir()
    (site / "schema").write_text("a file where the folder goes", encoding="utf-8")
    hooks.start_site_files(root, site)
    with pytest.raises(OSError):
        hooks._wait_for_site_files(root, site)
    hooks.on_build_error(error=RuntimeError("the build failed"))  # nothing left to stop
    assert "site_files" not in hooks._state
