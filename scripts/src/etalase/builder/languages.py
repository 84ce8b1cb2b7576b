"""The site's languages, built by the mkdocs-static-i18n plugin (``plugins: i18n`` in mkdocs.yml).

The render stage writes every page once per language into the docs folder: the base language
(Indonesian) at its root, each other language under ``<lang>/`` (``en/produk/…``). The plugin
reads that as its ``folder`` docs structure: files outside a language folder belong to the
default language. It builds the default language as the MkDocs build itself, then every other
language with a nested ``build()`` from its ``on_post_build``, with ``theme.language`` set to
that language (so ``<html lang="en">``, which Pagefind splits its index by) and with
``extra.alternate`` pointing at the same page in each language (the theme's language switch).

The hooks call this module to:

- tell the nested builds apart (``inner_build``): the pipeline runs, and the site is indexed
  and swapped in, once for all languages;
- read which languages to render from the plugin (``site_languages``) and fill the other
  languages' nav titles from the translation tables (``templates/i18n/<lang>.yml``);
- make each page's alternates absolute URLs (``absolute_alternates``): ``hreflang`` links must
  be fully qualified; ``templates/overrides/partials/alternate.html`` turns them back into
  relative links for the switch, so it works wherever the site is served.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, file_sort_key

from etalase.render.i18n import load_translations
from etalase.render.links import BASE_LANG

I18N_PLUGIN = "i18n"
STATIC_404 = "404.html"


def plugin_of(config: MkDocsConfig) -> Any:
    """Return the i18n plugin of ``config``, or ``None`` when mkdocs.yml does not use it."""
    return config.plugins.get(I18N_PLUGIN)


def inner_build(config: MkDocsConfig) -> bool:
    """Return whether MkDocs is running the plugin's nested build of a language other than the default.

    Every hook runs again in those builds. The plugin's ``building`` flag is set while its
    ``on_post_build`` of the first build runs them.
    """
    return bool(getattr(plugin_of(config), "building", False))


def site_languages(config: MkDocsConfig, templates_dir: Path) -> tuple[str, ...]:
    """Return the languages to render, the base language first, as the i18n plugin builds them.

    Without the plugin only the base language is rendered. With it, the base language must be
    the default and the docs structure ``folder`` (the layout the render stage writes). Each
    other language's ``nav_translations`` are filled from the translation tables, so nav titles
    live in ``templates/i18n`` like every other text (a mapping in mkdocs.yml still wins).
    """
    plugin = plugin_of(config)
    if plugin is None:
        return (BASE_LANG,)
    if plugin.default_language != BASE_LANG or plugin.config.docs_structure != "folder":
        raise PluginError(
            f"mkdocs.yml: the i18n plugin needs `docs_structure: folder` and '{BASE_LANG}' as its default "
            "language: the render stage writes that language at the docs root and the others under <lang>/"
        )
    others = tuple(lang for lang in plugin.build_languages if lang != BASE_LANG)
    base = load_translations(templates_dir, BASE_LANG)
    for lang in others:
        lang_config = plugin.get_language_config(lang)
        own = lang_config.nav_translations or {}
        lang_config.nav_translations = {**nav_translations(base, load_translations(templates_dir, lang)), **own}
    return (BASE_LANG, *others) if BASE_LANG in plugin.build_languages else others


def nav_translations(base: Mapping[str, Any], table: Mapping[str, Any]) -> dict[str, str]:
    """Return base-language nav title → the title in ``table``: the ``nav`` texts and ``search.nav``."""
    pairs = [(text, table["nav"][key]) for key, text in base["nav"].items()]
    pairs.append((base["search"]["nav"], table["search"]["nav"]))
    return dict(pairs)


def absolute_alternates(config: MkDocsConfig) -> None:
    """Turn the links of the page's ``extra.alternate`` (set per page by the plugin) into absolute URLs.

    The plugin gives site-root-relative links (``en/produk/a/b/``) and, on home pages, links
    under the path of ``site_url`` (``/etalase/en/``). The default language's entry is marked
    ``default`` for the ``x-default`` link. Without a ``site_url`` the links stay relative to
    the site root.
    """
    plugin = plugin_of(config)
    # The plugin sets the per-page list as an attribute of ``extra``, which hides the mapping's
    # item from the templates (Jinja looks up attributes first): change the list they read.
    alternates = getattr(config.extra, "alternate", None) or config.extra.get("alternate")
    if plugin is None or not isinstance(alternates, list):
        return
    site_url = config.site_url or ""
    root = urlsplit(site_url).path or "/"
    for alternate in alternates:
        link = str(alternate.get("link", ""))
        if not link.startswith(("http://", "https://")):
            if link.startswith("/"):
                link = link[len(root) :] if link.startswith(root) else link.lstrip("/")
            link = "" if link in {".", "./"} else link
            alternate["link"] = site_url.rstrip("/") + "/" + link if site_url else link or "./"
        alternate["default"] = alternate.get("lang") == plugin.default_language


def can_localize_pages(config: MkDocsConfig) -> bool:
    """Return whether ``localized_pages`` can stand in for the plugin's file handling of some pages.

    It can for the ``folder`` structure without ``fallback_to_default``: a page of a language is
    then its file in that language's folder (the default language's at the docs root), as is.
    """
    plugin = plugin_of(config)
    return (
        plugin is not None and plugin.config.docs_structure == "folder" and plugin.config.fallback_to_default is False
    )


def current_prefix(config: MkDocsConfig) -> str:
    """Return the folder prefix of the language being built: ``""`` for the default, else ``"en/"``."""
    plugin = plugin_of(config)
    if plugin is None or plugin.current_language in (None, plugin.default_language):
        return ""
    return f"{plugin.current_language}/"


def language_folders(config: MkDocsConfig) -> list[str]:
    """Return the docs folders of the languages other than the plugin's default (``["en"]``)."""
    plugin = plugin_of(config)
    return [lang for lang in plugin.all_languages if lang != plugin.default_language] if plugin else []


def localized_pages(taken: Iterable[File], config: MkDocsConfig) -> list[File]:
    """Return the files of ``taken`` in the language being built, each marked as the i18n plugin marks
    the files it lists, and list them in the plugin's sitemap.

    ``taken`` are pages of every language that were kept from the plugin (see ``can_localize_pages``):
    its handling of a file parses paths again and again, about 0.2 ms a file and language build, which
    for 13,000 generated product and IKM pages is seconds. Each returned file gets what the plugin
    gives one: ``alternates`` (this language's file first, then the other built languages', sorted),
    ``locale``, ``locale_alternate_of``, ``localization`` and ``norm_src_uri``. The sitemap's list of
    this language is kept in the order MkDocs walks the docs folder, where the plugin has it.
    """
    plugin = plugin_of(config)
    current, default = plugin.current_language, plugin.default_language
    by_language: dict[str, dict[str, File]] = {}
    for file in taken:
        first, _, rest = file.src_uri.partition("/")
        lang, neutral = (first, rest) if first in plugin.all_languages else (default, file.src_uri)
        by_language.setdefault(lang, {})[neutral] = file
    others = [lang for lang in sorted(plugin.build_languages) if lang != current]
    pages = []
    for neutral, file in by_language.get(current, {}).items():
        alternates = {current: file}
        alternates.update({lang: by_language[lang][neutral] for lang in others if neutral in by_language.get(lang, {})})
        file.alternates = alternates
        file.locale = file.locale_alternate_of = current
        file.localization = None if current == default else current
        file.norm_src_uri = neutral
        pages.append(file)
    listed = plugin.i18n_files_per_language
    listed[current] = sorted([*listed.get(current, []), *pages], key=file_sort_key)
    return pages


def skip_404(config: MkDocsConfig) -> None:
    """Keep a nested language build from writing ``404.html`` (``restore_404`` undoes it).

    GitHub Pages serves the site's one ``404.html`` for every missing page. Each nested build
    would overwrite the default language's with its own, and with the alternates of the page
    the previous build rendered last.
    """
    if STATIC_404 in config.theme.static_templates:
        config.theme.static_templates.discard(STATIC_404)
        _skipped.add(id(config.theme))


def restore_404(config: MkDocsConfig) -> None:
    """Put ``404.html`` back among the theme's templates once every language is built."""
    if id(config.theme) in _skipped:
        _skipped.discard(id(config.theme))
        config.theme.static_templates.add(STATIC_404)


_skipped: set[int] = set()  # themes whose 404.html skip_404 took out


def indexable(alternates: Mapping[str, list[File]]) -> dict[str, list[File]]:
    """Return the sitemap's pages per language without those that ask not to be indexed
    (front matter ``robots: noindex``, e.g. the short WhatsApp addresses ``chat/<ikm>/``).

    Search engines report a page that is in the sitemap and ``noindex`` as an error. A page of
    another language is left out with its base-language page: the sitemap lists it as that
    page's alternate.
    """
    return {language: [file for file in files if not _noindex(file)] for language, files in alternates.items()}


def _noindex(file: File) -> bool:
    page = file.page
    robots = str(page.meta.get("robots", "")) if page is not None else ""
    return "noindex" in robots.replace(" ", "").lower().split(",")
