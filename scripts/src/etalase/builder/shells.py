"""Page shells: the theme's page around product and IKM pages, rendered once per layout and filled in.

MkDocs renders Material's ``main.html`` (base.html and its partials: header, language switch,
footer, icons) for every page, about 1.5 ms and 13 kB of HTML a page. Generated product and
IKM pages differ in that frame only by their title, description, share image, URL and body:
everything else comes from the page's language and from front matter that the render stage
gives every page of a kind. So the plugin takes these pages out of MkDocs' page loop
(``take_shelled``) and ``build_shelled`` renders, per *layout* (folder, depth, language and the
front matter that is the same on every page of it), one page through MkDocs with markers in
place of those values: the *shell*. Every other page of the layout is the shell with its own
values put in, which costs a string join instead of a template render.

A shell is used only after it gave, for a second page of its layout, exactly what MkDocs
renders for that page; otherwise that layout's pages are rendered one by one by MkDocs, as
before, and a warning says so. ``tests/test_shells.py`` builds the sample both ways and compares
every page byte for byte. The shortcuts switch turns shells off (``Shortcuts.shells``).

The pages stay in the sitemap and keep their language alternates: they are taken out of the
files only after the i18n plugin has listed them, and each gets its ``Page``.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.commands.build import _populate_page, get_context
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import write_file

from etalase.builder.frontmatter import PER_PAGE, read_front_matter
from etalase.builder.markdown import raw_html_body
from etalase.builder.shellmemo import ShellMemo, alternates
from etalase.incremental.store import digest
from etalase.publish import write

log = logging.getLogger("mkdocs.plugins.etalase")

SECTIONS = ("produk", "ikm")  # top folders of the generated pages that are filled from shells
_TOKEN = "etalaseshell{}marker"
_BODY_MARK = "<!--etalaseshellbodymarker-->"
_PATH = "path"
_BODY = "body"


# --- pure part: layouts, markers, shells ------------------------------------------------------


def neutral_path(url: str) -> str | None:
    """Return a page URL without its language folder (``en/produk/a/b/`` → ``produk/a/b/``) when
    the page lies in one of ``SECTIONS``, else ``None``."""
    parts = url.split("/")
    if parts and parts[0] in SECTIONS:
        return url
    if len(parts) > 1 and parts[1] in SECTIONS:
        return "/".join(parts[1:])
    return None


def layout_key(path: str, meta: Mapping[str, Any], body: str) -> Hashable | None:
    """Return what a page shares with every page of its layout, or ``None`` when it cannot be shelled.

    Reads the page's language-neutral ``path``, front matter and raw HTML ``body``. Pages of one
    layout sit at the same depth of the same folder and have the same front matter apart from
    ``PER_PAGE`` (and which of those they have), so the theme takes the same branches for them.
    """
    values = [meta.get(name) for name in PER_PAGE]
    if any(value is not None and not isinstance(value, str) for value in values):
        return None
    constant = tuple(sorted((key, repr(value)) for key, value in meta.items() if key not in PER_PAGE))
    shape = tuple((bool(value), str(value or "").startswith("https://")) for value in values)
    return (path.split("/")[0], path.count("/"), constant, shape, "<h1" in body)


def markers(meta: Mapping[str, Any], body: str) -> dict[str, str]:
    """Return the marker that stands in for each per-page value of a page like this one.

    Markers are plain letters, which no template filter changes; the share image's keeps the
    ``https://`` of an absolute URL and the body's keeps an ``<h1`` (Material adds a heading to
    a page without one), so the theme takes the page's own branches.
    """
    found = {name: _TOKEN.format(name) for name in PER_PAGE if meta.get(name)}
    if str(meta.get("og_image") or "").startswith("https://"):
        found["og_image"] = "https://" + found["og_image"]
    found[_BODY] = _BODY_MARK + ("<h1>" if "<h1" in body else "")
    return found


@dataclass(frozen=True)
class Shell:
    """A rendered page cut at its per-page values: literal text and value names, alternating."""

    parts: tuple[str, ...]

    def fill(self, values: Mapping[str, str]) -> str:
        """Return the page for ``values`` (name → text, as the theme prints it)."""
        return "".join(part if index % 2 == 0 else values[part] for index, part in enumerate(self.parts))


def make_shell(output: str, path: str, marks: Mapping[str, str]) -> Shell | None:
    """Return the shell of ``output``, a page rendered with ``marks`` for its values at ``path``.

    Every marker and every occurrence of the page's language-neutral ``path`` (in its canonical,
    alternate and language-switch links) becomes a slot. ``None`` when the body is not there
    exactly once, as the page would then not be its shell filled in.
    """
    if output.count(marks[_BODY]) != 1 or path not in output:
        return None
    names = {text: name for name, text in marks.items()} | {path: _PATH}
    pattern = re.compile("|".join(re.escape(text) for text in sorted(names, key=len, reverse=True)))
    parts: list[str] = []
    last = 0
    for match in pattern.finditer(output):
        parts += [output[last : match.start()], names[match.group()]]
        last = match.end()
    parts.append(output[last:])
    return Shell(tuple(parts))


def values_of(path: str, meta: Mapping[str, Any], body: str) -> dict[str, str]:
    """Return the per-page values of a page: its front matter fields, body and neutral path."""
    return {**{name: str(meta[name]) for name in PER_PAGE if meta.get(name)}, _BODY: body, _PATH: path}


# --- MkDocs part: take the pages out, render shells, fill and write ----------------------------


def take_shelled(files: Files, config: MkDocsConfig, update_date: str | None) -> list[File]:
    """Remove the pages of ``SECTIONS`` from ``files`` (so MkDocs neither reads nor renders them)
    and return them, each with a ``Page`` for the sitemap, dated ``update_date``."""
    taken = [file for file in files.documentation_pages() if neutral_path(file.url) is not None]
    for file in taken:
        files.remove(file)
    return with_pages(taken, config, update_date)


def take_sections(files: Files, languages: Iterable[str]) -> list[File]:
    """Remove the pages of ``SECTIONS`` in every language from ``files`` and return them.

    For before the i18n plugin lists the files: ``languages`` are its language folders, and a
    page counts only at the docs root or directly in one of them (``produk/…``, ``en/produk/…``).
    """
    folders = set(languages)
    taken = [file for file in files.documentation_pages() if _in_sections(file.src_uri, folders)]
    for file in taken:
        files.remove(file)
    return taken


def _in_sections(src_uri: str, language_folders: set[str]) -> bool:
    parts = src_uri.split("/", 2)
    return parts[0] in SECTIONS or (len(parts) > 2 and parts[0] in language_folders and parts[1] in SECTIONS)


def with_pages(taken: list[File], config: MkDocsConfig, update_date: str | None) -> list[File]:
    """Give each file of ``taken`` its ``Page`` (the sitemap reads it), dated ``update_date``; return ``taken``."""
    for file in taken:
        page = file.page if file.page is not None else Page(None, file, config)
        if update_date:
            page.update_date = update_date
    return taken


@dataclass
class ShellReport:
    """What ``build_shelled`` did in one language build."""

    filled: int = 0
    rendered: int = 0
    layouts: int = 0
    refused: list[str] = field(default_factory=list)  # pages whose layout's shell was not used
    unchanged: int = 0  # pages already in the folder as they are (not written again)
    kept: int = 0  # of those, pages not even read (``ShellMemo``)
    removed: int = 0  # files of the sections' folders no page of this build wrote


@dataclass
class _Layout:
    shell: Shell | None
    first: tuple[File, dict[str, str]] | None  # the page the shell came from, written once checked
    checked: bool = False
    digest: str = ""  # of the shell, once checked (see ShellMemo)


# --- the memo: pages left as the last build into this site folder wrote them ---------------------


class _Builder:
    """Renders pages through MkDocs (as its build would) and writes them."""

    def __init__(self, config: MkDocsConfig, files: Files, nav: Navigation, env: Environment) -> None:
        self.config, self.files, self.nav, self.env = config, files, nav, env
        self.doc_files = files.documentation_pages()
        self.written: set[str] = set()
        self.report = ShellReport()

    def render(self, page: Page, swap: Mapping[str, Any] | None = None) -> str:
        """Return ``page`` rendered by the theme; ``swap`` replaces its front matter and body for this render."""
        config = self.config
        _populate_page(page, config, self.files)
        saved = page.meta, page.content
        if swap is not None:
            page.meta = {**page.meta, **{k: v for k, v in swap.items() if k != _BODY}}
            page.content = swap[_BODY]
        config._current_page = page
        page.active = True
        try:
            context = get_context(self.nav, self.doc_files, config, page)
            context = config.plugins.on_page_context(context, page=page, config=config, nav=self.nav)
            template = self.env.get_template(page.meta.get("template", "main.html"))
            return config.plugins.on_post_page(template.render(context), page=page, config=config)
        finally:
            page.active = False
            config._current_page = None
            page.meta, page.content = saved
            if swap is None:
                page.content = page.markdown = None  # nothing else reads it: free the memory

    def keep(self, file: File) -> None:
        """Count ``file``'s page, already on disk as it would be written, as written and unchanged."""
        self.written.add(os.path.normpath(file.abs_dest_path))
        self.report.unchanged += 1
        self.report.kept += 1

    def write(self, file: File, output: str) -> None:
        """Write a page's HTML where MkDocs would, unless the file there (from a recycled site,
        see ``sitedir``) already holds exactly that; remember the page as written."""
        if not output.strip():
            return
        data = output.encode("utf-8", errors="xmlcharrefreplace")
        path = file.abs_dest_path
        self.written.add(os.path.normpath(path))
        try:
            if os.path.getsize(path) == len(data):
                with open(path, "rb") as existing:
                    if existing.read() == data:
                        self.report.unchanged += 1
                        return
        except OSError:
            pass
        write_file(data, path)


def build_shelled(
    taken: list[File],
    config: MkDocsConfig,
    files: Files,
    nav: Navigation,
    env: Environment,
    folders: Iterable[str] = (),
    memo: ShellMemo | None = None,
) -> ShellReport:
    """Write the HTML of every page in ``taken`` into the site, from shells where they hold, then
    delete every other file under ``folders`` (site paths: the sections' folders of this language,
    which may hold a recycled site's pages).

    Reads each page's markdown as MkDocs does; ``files``, ``nav`` and ``env`` are the build's.
    With ``memo``, pages the last build into this folder left as this build would write them
    are not read again (see ``ShellMemo``), and the memo is saved for the next build.
    """
    saved = vars(config.extra).get("alternate", _UNSET)  # the i18n plugin sets it per page rendered
    try:
        builder = _Builder(config, files, nav, env)
        report = _build(taken, builder, memo)
        report.removed = remove_unwritten([os.path.join(config.site_dir, rel) for rel in folders], builder.written)
        return report
    finally:  # the pages MkDocs builds next (404.html first) must not inherit the last page's
        if saved is _UNSET:
            vars(config.extra).pop("alternate", None)
        else:
            config.extra.alternate = saved


_UNSET = object()


def _build(taken: list[File], builder: _Builder, memo: ShellMemo | None = None) -> ShellReport:
    """Write every page of ``taken``: the first of a layout makes its shell, the second is rendered
    by MkDocs and checks it (then the first is written from the shell too), the rest are filled
    in; a page that cannot be shelled, or whose layout's shell failed, is rendered by MkDocs.
    A page ``memo`` knows to be written already is left as it is."""
    writer = _ShellWriter(builder)
    for file in taken:
        if memo is not None and memo.kept(file, writer.layouts):
            builder.keep(file)
            writer.sources[file.src_uri] = memo.pages[file.src_uri][2]
            builder.report.filled += 1
        else:
            writer.write(file)
    writer.finish()
    if memo is not None:
        memo.save(taken, writer.layouts, writer.sources)
    return builder.report


class _ShellWriter:
    """Writes pages layout by layout: ``layouts`` by the digest of the layout's key, and ``sources``,
    each page's layout digest without the language links (``None``: not filled from a shell)."""

    def __init__(self, builder: _Builder) -> None:
        self.builder = builder
        self.report = builder.report
        self.layouts: dict[str, _Layout] = {}
        self.sources: dict[str, str | None] = {}

    def by_mkdocs(self, file: File) -> None:
        """Render ``file``'s page through MkDocs and write it."""
        self.sources[file.src_uri] = None
        self.builder.write(file, self.builder.render(_page(file)))
        self.report.rendered += 1

    def write(self, file: File) -> None:
        """Write ``file``'s page from its layout's shell, making or checking the shell on the way."""
        markdown, meta = read_front_matter(file.content_string)
        body = raw_html_body(markdown)
        path = neutral_path(file.url) or ""
        found = layout_key(path, meta, body) if body is not None else None
        if body is None or found is None:
            self.by_mkdocs(file)
            return
        source = digest([repr(found)])
        key = digest([source, repr(alternates(file))])  # a page without a twin in some language has other links
        layout = self.layouts.get(key)
        if layout is not None and layout.shell is None:
            self.by_mkdocs(file)
            return
        self.sources[file.src_uri] = source
        values = values_of(path, meta, body)
        if layout is None:
            self._start(key, file, values, meta, body, path)
        elif not layout.checked:
            self._check(layout, file, values)
        else:
            assert layout.shell is not None
            self.builder.write(file, layout.shell.fill(values))
            self.report.filled += 1

    def _start(self, key: str, file: File, values: dict[str, str], meta: dict[str, Any], body: str, path: str) -> None:
        """Make the shell of a new layout from its first page (written once the shell is checked)."""
        marks = markers(meta, body)
        shell = make_shell(self.builder.render(_page(file), marks), path, marks)
        self.layouts[key] = _Layout(shell, (file, values))
        if shell is None:
            self.report.refused.append(file.src_uri)
            self.by_mkdocs(file)

    def _check(self, layout: _Layout, file: File, values: dict[str, str]) -> None:
        """Render a layout's second page through MkDocs; use the shell only if it gives the same page."""
        assert layout.shell is not None
        real = self.builder.render(_page(file))
        self.builder.write(file, real)
        self.report.rendered += 1
        first_file, first_values = layout.first or (file, values)
        layout.first = None
        if layout.shell.fill(values) == real:
            layout.checked = True
            layout.digest = digest(layout.shell.parts)
            self.builder.write(first_file, layout.shell.fill(first_values))
            self.report.filled += 1
        else:
            layout.shell = None
            self.report.refused.append(file.src_uri)
            self.by_mkdocs(first_file)

    def finish(self) -> None:
        """Render the first page of each layout that never met a second one (its shell was never checked)."""
        for layout in self.layouts.values():
            if layout.first is not None and layout.shell is not None:
                self.by_mkdocs(layout.first[0])
        self.report.layouts = len(self.layouts)


def remove_unwritten(folders: Iterable[str], written: set[str]) -> int:
    """Delete the files under ``folders`` whose normalised path is not in ``written``, then the
    folders left empty (a folder itself too, as a fresh build would not make it); return how many files went."""
    return sum(write.remove_unlisted(Path(os.path.normpath(folder)), written, and_root=True) for folder in folders)


def section_folders(prefixes: Iterable[str]) -> list[str]:
    """Return the site folders of ``SECTIONS`` under each language prefix (``""``, ``"en/"``)."""
    return [f"{prefix}{section}" for prefix in prefixes for section in SECTIONS]


def _page(file: File) -> Page:
    assert file.page is not None
    return file.page
