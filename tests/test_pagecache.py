"""The render cache (pagecache.py): a build that skips unchanged product and IKM pages writes
exactly what rendering every page writes, after any kind of edit."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import TODAY
from etalase import pipeline, render
from etalase.photos import ImageSet, Variant
from etalase.pipeline import generation
from etalase.render import pagecache
from sitecheck import REPO
from test_render import FIXTURE, catalog_from

SITE_URL = "https://x.example/etalase/"


def _keys_of(root: Path) -> dict[str, str]:
    return pagecache.maker_keys(catalog_from(root), {})


# --- keys --------------------------------------------------------------------------------------


def test_editing_a_product_changes_only_its_makers_key() -> None:
    before = _keys_of(FIXTURE)
    product = next(p for p in sorted(FIXTURE.glob("products/*/*.yml")) if p.name != "ikm.yml")
    rel = product.relative_to(FIXTURE).as_posix()
    after = pagecache.maker_keys(catalog_from(FIXTURE, {rel: {"lead_time_days": 99}}), {})
    maker = product.parent.name
    assert len(before) > 1
    assert {slug for slug in before if before[slug] != after[slug]} == {maker}


def test_a_photo_processed_anew_changes_its_makers_key() -> None:
    catalog = catalog_from(FIXTURE)
    entry = next(e for e in catalog.products if e.record.photos)
    photo = entry.record.photos[0]
    sample = ImageSet((Variant("media/a/640.webp", 640, 480),), Variant("media/a/thumb.webp", 320, 240))
    other = ImageSet((Variant("media/b/640.webp", 640, 480),), Variant("media/b/thumb.webp", 320, 240))
    first = pagecache.maker_keys(catalog, {(entry.path, photo.file): sample})
    second = pagecache.maker_keys(catalog, {(entry.path, photo.file): other})
    assert {slug for slug in first if first[slug] != second[slug]} == {entry.record.ikm}


def test_the_shared_key_covers_templates_site_texts_language_and_address(tmp_path: Path) -> None:
    templates = tmp_path / "templates"
    shutil.copytree(REPO / "templates", templates)
    catalog = catalog_from(FIXTURE)

    def key(**changes: str) -> str:
        args = {"lang": "en", "site_url": SITE_URL, "prefix": "en/", "code": "c"} | changes
        return pagecache.shared_key(catalog, templates, **args)  # type: ignore[arg-type]

    base = key()
    assert key() == base
    assert {key(lang="id", prefix=""), key(site_url=""), key(code="d")}.isdisjoint({base})
    (templates / "i18n" / "en.yml").write_text(
        (templates / "i18n" / "en.yml").read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8"
    )
    assert key() != base
    site = catalog_from(FIXTURE, {"catalog/site.yml": {"notice": {"id": "Pengumuman baru"}}})
    assert pagecache.shared_key(site, templates, lang="en", site_url=SITE_URL, prefix="en/", code="c") != key()


def test_keys_do_not_depend_on_the_process() -> None:
    """Keys are digests of the records' text, never of anything that changes with Python's hash seed."""
    script = (
        "import json, sys; sys.path.insert(0, sys.argv[1]); from test_pagecache import _keys_of; "
        "from pathlib import Path; print(json.dumps(_keys_of(Path(sys.argv[2]))))"
    )
    runs = [
        json.loads(
            subprocess.run(
                [sys.executable, "-c", script, str(Path(__file__).parent), str(FIXTURE)],
                capture_output=True,
                text=True,
                check=True,
                env={**os.environ, "PYTHONHASHSEED": seed},
            ).stdout
        )
        for seed in ("1", "2")
    ]
    assert runs[0] == runs[1] == _keys_of(FIXTURE)


def test_the_code_key_follows_the_sources() -> None:
    assert pagecache.code_key() == pagecache.code_key()
    assert len(pagecache.code_key()) == 32


# --- the assumption the keys rest on ------------------------------------------------------------


def test_a_makers_pages_show_nothing_of_other_makers() -> None:
    """Product and IKM pages are keyed by their maker's group only: editing every other maker and
    product (names, prices, another product added) must leave this maker's pages as they were."""
    catalog = catalog_from(FIXTURE)
    maker = catalog.products[0].record.ikm
    patch: dict[str, dict[str, object]] = {}
    for entry in catalog.ikms.values():
        if entry.record.slug != maker:
            patch[entry.path] = {"name": f"{entry.record.name} Berubah", "workers": entry.record.workers + 7}
    for entry in catalog.products:
        if entry.record.ikm != maker:
            name = entry.record.name
            patch[entry.path] = {
                "name": {"id": f"{name.id} Lain", "en": f"{name.en or name.id} Other"},
                "lead_time_days": entry.record.lead_time_days + 3,
            }
    edited = catalog_from(FIXTURE, patch)
    for lang in ("id", "en"):
        prefix = render.language_prefix(lang)
        before = render.language_pages(catalog, {}, REPO / "templates", lang=lang, site_url=SITE_URL)
        after = render.language_pages(edited, {}, REPO / "templates", lang=lang, site_url=SITE_URL)
        own = [render.ikm_page_path(maker, prefix)] + [
            render.product_page_path(e.record, prefix) for e in catalog.products if e.record.ikm == maker
        ]
        assert len(own) > 1
        assert [after[path] for path in own] == [before[path] for path in own]
        assert before != after  # the edits did show elsewhere


# --- builds with the cache --------------------------------------------------------------------------


@pytest.fixture
def project(sample_site: Path, tmp_path: Path) -> pipeline.Project:
    """A copy of the built sample (photo cache included), generating into a docs folder of its own."""
    root = tmp_path / "project"
    built = {"site", "site.spare", "site.staging", "docs"}  # the sample's site and generated pages
    shutil.copytree(sample_site, root, ignore=lambda folder, names: [n for n in names if n in built])
    return pipeline.Project(root=root, docs_dir=root / "build" / "docs", site_url=SITE_URL)


def _generated(project: pipeline.Project) -> dict[str, str]:
    return {
        p.relative_to(project.docs_dir).as_posix(): p.read_text(encoding="utf-8")
        for p in sorted(project.docs_dir.rglob("*"))
        if p.is_file() and "media" not in p.relative_to(project.docs_dir).parts
    }


def _rendered_in_full(project: pipeline.Project, outcome: pipeline.Outcome) -> dict[str, str]:
    """Return every page as rendering them all (no cache) gives them."""
    assert outcome.catalog is not None
    pages = render.theme_assets(project.templates_dir)
    for lang in project.languages:
        pages |= render.language_pages(
            outcome.catalog,
            outcome.image_sets,
            project.templates_dir,
            lang=lang,
            site_url=project.site_url,
            pages_dir=project.pages_dir,
        )
    return dict(sorted(pages.items()))


def _record_pages(outcome: pipeline.Outcome, project: pipeline.Project) -> int:
    assert outcome.catalog is not None
    return len(project.languages) * (len(outcome.catalog.ikms) + len(outcome.catalog.products))


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _first_product(root: Path) -> Path:
    return next(p for p in sorted(root.glob("products/*/*.yml")) if p.name != "ikm.yml")


def _edit_product(root: Path) -> None:
    path = _first_product(root)
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^lead_time_days: \d+$", "lead_time_days: 41", text, count=1, flags=re.M), encoding="utf-8")
    assert path.read_text(encoding="utf-8") != text


def _rename_maker(root: Path) -> None:
    ikm = sorted(root.glob("products/*/ikm.yml"))[1]
    _edit(ikm, "name: ", "name: Baru ")


def _add_product(root: Path) -> None:
    source = _first_product(root)
    copy = source.with_name("produk-tambahan.yml")
    text = source.read_text(encoding="utf-8")
    text = text.replace(f"slug: {source.stem}", "slug: produk-tambahan").replace(
        "name:\n  id: ", "name:\n  id: Tambahan "
    )
    copy.write_text(text, encoding="utf-8")


def _remove_product(root: Path) -> None:
    products = [p for p in sorted(root.glob("products/*/*.yml")) if p.name != "ikm.yml"]
    products[-1].unlink()


def _rename_sentra(root: Path) -> None:
    _edit(sorted(root.glob("sentra/*.yml"))[0], "name: ", "name: Sentra Baru ")


def _edit_template(root: Path) -> None:
    _edit(root / "templates" / "partials" / "cards.j2", 'class="et-maker__card"', 'class="et-maker__card et-x"')


def _edit_translation(root: Path) -> None:
    _edit(root / "templates" / "i18n" / "en.yml", "Ask on WhatsApp", "Chat on WhatsApp")


EDITS: dict[str, Callable[[Path], None]] = {
    "product edited": _edit_product,
    "maker renamed": _rename_maker,
    "product added": _add_product,
    "product removed": _remove_product,
    "sentra renamed": _rename_sentra,
    "template edited": _edit_template,
    "translation edited": _edit_translation,
}


def test_builds_skipping_unchanged_pages_give_what_rendering_every_page_gives(project: pipeline.Project) -> None:
    first = generation.generate(project, TODAY, jobs=1)
    assert not first.failed() and first.pages_kept == 0
    assert _generated(project) == _rendered_in_full(project, first)
    again = generation.generate(project, TODAY, jobs=1)
    assert again.pages_kept == _record_pages(again, project)  # nothing changed: no product or IKM page rendered
    assert again.pages_written == 0
    for name, edit in EDITS.items():
        edit(project.root)
        outcome = generation.generate(project, TODAY, jobs=1)
        assert not outcome.failed(), (name, outcome.problems)
        assert outcome.pages_written > 0, name
        assert _generated(project) == _rendered_in_full(project, outcome), name
        if name in ("product edited", "maker renamed", "product added", "product removed"):
            assert 0 < outcome.pages_kept < _record_pages(outcome, project), name  # only one maker's pages rendered
        if name in ("sentra renamed", "template edited", "translation edited"):
            assert outcome.pages_kept < _record_pages(outcome, project) // 2, name  # shared: pages rendered again


def test_a_page_changed_or_deleted_on_disk_is_rendered_again(project: pipeline.Project) -> None:
    first = generation.generate(project, TODAY, jobs=1)
    expected = _rendered_in_full(project, first)
    assert first.catalog is not None
    product = first.catalog.products[0].record
    edited = project.docs_dir / render.product_page_path(product, "en/")
    deleted = project.docs_dir / render.ikm_page_path(product.ikm, "")
    edited.write_text(edited.read_text(encoding="utf-8") + "\nsomeone's edit\n", encoding="utf-8")
    deleted.unlink()
    again = generation.generate(project, TODAY, jobs=1)
    assert again.pages_written == 2
    assert _generated(project) == expected


def test_a_manifest_of_another_docs_folder_or_unreadable_is_not_trusted(project: pipeline.Project) -> None:
    generation.generate(project, TODAY, jobs=1)
    other = pipeline.Project(root=project.root, docs_dir=project.root / "build" / "other", site_url=SITE_URL)
    moved = generation.generate(other, TODAY, jobs=1)
    assert moved.pages_kept == 0
    for manifest in project.page_cache_dir.glob("*.json"):
        manifest.write_text("{not json", encoding="utf-8")
    assert generation.generate(other, TODAY, jobs=1).pages_kept == 0
    assert generation.generate(other, TODAY, jobs=1).pages_kept == _record_pages(moved, project)
