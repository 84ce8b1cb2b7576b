"""Page shells (shells.py) give exactly the pages MkDocs renders one by one, and every shortcut
(the one switch, incremental/shortcuts.py) gives exactly the site a build that redoes everything gives."""

from __future__ import annotations

import logging
import re
import shutil
from pathlib import Path

import pytest
from mkdocs.utils import meta as front_matter

from etalase.builder import frontmatter, shells
from sitecheck import build, copy_project, differences

# --- the pure part -------------------------------------------------------------------------


def test_neutral_path_drops_the_language_folder_of_shelled_sections_only() -> None:
    assert shells.neutral_path("produk/rajut-a/kardigan/") == "produk/rajut-a/kardigan/"
    assert shells.neutral_path("en/produk/rajut-a/kardigan/") == "produk/rajut-a/kardigan/"
    assert shells.neutral_path("en/ikm/rajut-a/") == "ikm/rajut-a/"
    assert shells.neutral_path("kategori/rajut/") is None
    assert shells.neutral_path("en/sentra/binong-jati/") is None
    assert shells.neutral_path("") is None


META = {"title": "Kardigan", "description": "Lembut", "og_image": "media/ab/card.jpg", "og_locale": "id_ID"}


def test_layout_key_groups_pages_the_theme_renders_alike() -> None:
    key = shells.layout_key("produk/a/b/", META, "<div><h1>Kardigan</h1></div>")
    same = shells.layout_key("produk/c/d/", {**META, "title": "Rompi", "og_image": "media/cd/card.jpg"}, "<h1>R</h1>")
    assert key == same
    others = [
        shells.layout_key("ikm/a/", META, "<h1>x</h1>"),  # another folder and depth
        shells.layout_key("produk/a/b/", {**META, "og_locale": "en_GB"}, "<h1>x</h1>"),  # other constant
        shells.layout_key("produk/a/b/", {k: v for k, v in META.items() if k != "og_image"}, "<h1>x</h1>"),
        shells.layout_key("produk/a/b/", {**META, "og_image": "https://foto.example/x.jpg"}, "<h1>x</h1>"),
        shells.layout_key("produk/a/b/", META, "<p>no heading</p>"),  # Material adds an <h1>
    ]
    assert key not in others and len(set(others)) == len(others)


def test_layout_key_refuses_front_matter_that_is_not_text() -> None:
    assert shells.layout_key("produk/a/b/", {**META, "title": 12}, "<h1>x</h1>") is None


def test_markers_follow_the_branches_the_theme_takes() -> None:
    marks = shells.markers(META, "<h1>x</h1>")
    assert set(marks) == {"title", "description", "og_image", "body"}
    assert "<h1" in marks["body"]
    assert "<h1" not in shells.markers(META, "<p>x</p>")["body"]
    assert shells.markers({**META, "og_image": "https://foto.example/x.jpg"}, "")["og_image"].startswith("https://")
    assert "og_image" not in shells.markers({"title": "T"}, "")


def _page(marks: dict[str, str], path: str) -> str:
    """A page as a theme would print it: values in the head, the path in several links, the body once."""
    return (
        f"<title>{marks['title']} - Etalase</title><link rel=canonical href='https://x.example/{path}'>"
        f"<meta content='{marks['description']}'><a href='../../../en/{path}'>EN</a>"
        f"<main>{marks['body']}</main><footer>{marks['title']}</footer>"
    )


def test_a_shell_filled_in_is_the_page_rendered_with_those_values() -> None:
    marks = shells.markers({"title": "T", "description": "D"}, "<h1>B</h1>")
    shell = shells.make_shell(_page(marks, "produk/a/b/"), "produk/a/b/", marks)
    assert shell is not None
    values = shells.values_of("produk/c/d/", {"title": "Rompi &amp; co", "description": "Hangat"}, "<h1>R</h1>")
    expected = _page({"title": "Rompi &amp; co", "description": "Hangat", "body": "<h1>R</h1>"}, "produk/c/d/")
    assert shell.fill(values) == expected


def test_no_shell_when_the_body_is_not_there_once() -> None:
    marks = shells.markers({"title": "T", "description": "D"}, "<h1>B</h1>")
    twice = _page(marks, "produk/a/b/") + marks["body"]
    assert shells.make_shell(twice, "produk/a/b/", marks) is None
    assert shells.make_shell(_page(marks, "produk/a/b/").replace(marks["body"], ""), "produk/a/b/", marks) is None
    assert shells.make_shell(_page(marks, "produk/a/b/"), "produk/x/y/", marks) is None  # path not in the page


FRONT_MATTERS = [
    '---\ntitle: "Kardigan &amp; rompi"\ndescription: "Rajut \\"halus\\" \\/ 100%"\nhide: [navigation, toc]\n---\n\n<div>x</div>\n',
    '---\ntitle: "T"\non: "a key YAML reads as True"\nnull: "and None"\n---\nbody',
    '---\ntitle: "T"\nog:\n  type: product\n---\nbody',  # a mapping over two lines
    '---\ntitle: "T"\ndescription: plain\n  continued\n---\nbody',  # a plain scalar over two lines
    '---\ntitle: "\\ud83d\\ude00 pair"\n---\nbody',  # JSON joins the pair, YAML does not
    '---\ntitle: "a\ttab"\n---\nbody',  # JSON refuses a raw tab
    '---\ntitle: "T"\ntitle: "twice"\n---\nbody',
    '---\n# a comment\ntitle: "T"\n---\nbody',
    '---\ntitle:\nempty: ""\n...\nbody',
    "---\n- a list\n---\nbody",
    '---\ntitle: "unclosed\n---\nbody',
    "no front matter at all",
]


@pytest.mark.parametrize("text", FRONT_MATTERS)
def test_front_matter_is_read_as_mkdocs_reads_it(text: str) -> None:
    expected = front_matter.get_data(text)
    for _ in range(2):  # again: from the cache of repeated lines
        markdown, meta = frontmatter.read_front_matter(text)
        assert (markdown, meta) == expected
        assert list(meta) == list(expected[1])


def test_front_matter_lists_are_each_pages_own() -> None:
    _, first = frontmatter.read_front_matter(FRONT_MATTERS[0])
    first["hide"].append("footer")
    assert frontmatter.read_front_matter(FRONT_MATTERS[0])[1]["hide"] == ["navigation", "toc"]


# --- the whole site, both ways ---------------------------------------------------------------


def _build_without_shortcuts(source: Path, target: Path) -> Path:
    """Build the project of ``source`` again in ``target`` with every shortcut off (the one switch):
    no photo cache, no render cache, no shells, no memo, no recycled site, no reused search fragments,
    one step after another."""
    root = copy_project(target, data_from=source)
    assert build(root, "--no-shortcuts") == 0
    return root


@pytest.mark.slow
def test_the_sample_site_is_the_same_byte_for_byte_without_shortcuts(
    sample_site: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.etalase"):
        plain = _build_without_shortcuts(sample_site, tmp_path / "plain")
    assert "0 from cache" in caplog.text and "0 of them not rendered again" in caplog.text
    assert "Product and IKM pages" not in caplog.text  # no page was filled from a shell
    assert "0 page fragments reused" in caplog.text
    products = list((sample_site / "site" / "produk").rglob("index.html"))
    assert len(products) > 60  # the sample's product pages were filled from shells
    assert differences(sample_site / "site", plain / "site") == []


@pytest.mark.slow
def test_hostile_pages_are_the_same_without_shortcuts(hostile_site: Path, tmp_path: Path) -> None:
    plain = _build_without_shortcuts(hostile_site, tmp_path / "plain")
    assert differences(hostile_site / "site", plain / "site") == []


@pytest.mark.slow
def test_a_shell_that_differs_from_mkdocs_page_is_not_used(
    sample_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    root = copy_project(tmp_path / "broken-shell", data_from=sample_site)
    shutil.copytree(sample_site / "build" / "cache", root / "build" / "cache", dirs_exist_ok=True)
    fill = shells.Shell.fill
    monkeypatch.setattr(shells.Shell, "fill", lambda self, values: fill(self, values) + "<!-- not MkDocs' page -->")
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.etalase"):
        assert build(root) == 0
    assert "rendered one by one (slower, same result)" in caplog.text
    assert "0 filled into" in caplog.text
    assert differences(sample_site / "site", root / "site") == []


@pytest.mark.slow
def test_shells_fill_most_pages(hostile_site: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    root = copy_project(tmp_path / "again", data_from=hostile_site)
    shutil.copytree(hostile_site / "build" / "cache", root / "build" / "cache", dirs_exist_ok=True)
    with caplog.at_level(logging.INFO, logger="mkdocs.plugins.etalase"):
        assert build(root) == 0
    counts = re.findall(
        r"Product and IKM pages \((\w+)\): (\d+) filled into (\d+) page shell\(s\), (\d+) rendered", caplog.text
    )
    assert [lang for lang, *_ in counts] == ["id", "en"]
    for _, filled, layouts, rendered in counts:
        assert int(filled) > 0 and int(rendered) == int(layouts)  # one MkDocs render per layout, the rest filled
