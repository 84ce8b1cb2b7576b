"""All pages of one language: every page family rendered in turn, plus the theme assets."""

from __future__ import annotations

from collections.abc import Container, Mapping
from pathlib import Path

from etalase.model import RESERVED_SLUGS
from etalase.model.catalog import Catalog
from etalase.photos import ImageSet
from etalase.render import addproduct, catalogue, feed, mapdata, needs, searchwords, stats, structured
from etalase.render.engine import Renderer
from etalase.render.events import event_index_pages
from etalase.render.festival import festival_pages
from etalase.render.forum import forum_pages
from etalase.render.links import (
    ikm_page_path,
    language_prefix,
    product_page_path,
)
from etalase.render.opendata import opendata_pages
from etalase.render.shortlist import shortlist_pages
from etalase.render.wapages import wa_pages


def _check_slugs(catalog: Catalog) -> None:
    clashes = [
        *(f"category '{c.slug}'" for c in catalog.categories if c.slug in RESERVED_SLUGS),
        *(f"sentra '{s}'" for s in catalog.sentra if s in RESERVED_SLUGS),
        *(f"ikm '{s}'" for s in catalog.ikms if s in RESERVED_SLUGS),
        *(f"product '{e.path}'" for e in catalog.products if e.record.slug in RESERVED_SLUGS),
    ]
    if clashes:
        raise ValueError(f"slugs reserved for listing pages: {', '.join(clashes)}")


def render_pages(
    catalog: Catalog,
    images: Mapping[tuple[str, str], ImageSet],
    templates_dir: Path,
    *,
    lang: str = "id",
    site_url: str = "",
    pages_dir: Path | None = None,
    prefix: str | None = None,
) -> dict[str, str]:
    """Return docs-relative path → content of every page in ``lang``, plus the theme assets.

    ``images`` maps (record path, photo file as written) to its processed ``ImageSet``; a
    missing key gets a placeholder. ``site_url`` makes the WhatsApp messages carry the page's
    absolute address. Pages of the base language sit at the docs root, others under
    ``<lang>/`` (``prefix`` overrides that). ``pages_dir`` holds ``about.<lang>.md``.
    """
    pages = language_pages(
        catalog, images, templates_dir, lang=lang, site_url=site_url, pages_dir=pages_dir, prefix=prefix
    )
    pages.update(theme_assets(templates_dir))
    return dict(sorted(pages.items()))


def language_pages(
    catalog: Catalog,
    images: Mapping[tuple[str, str], ImageSet],
    templates_dir: Path,
    *,
    lang: str = "id",
    site_url: str = "",
    pages_dir: Path | None = None,
    prefix: str | None = None,
    keep: Container[str] = frozenset(),
) -> dict[str, str]:
    """Return what ``render_pages`` returns without the theme assets (the same in every language).

    Pages are in the order they are rendered, not sorted. Product and IKM pages whose docs
    path is in ``keep`` are left out: they are on disk as they would be rendered (pagecache.py).
    """
    _check_slugs(catalog)
    if prefix is None:
        prefix = language_prefix(lang)
    pages_dir = pages_dir if pages_dir is not None else templates_dir.parent / "catalog" / "pages"
    renderer = Renderer(catalog, images, templates_dir, lang, site_url, prefix)
    synonyms = catalog.synonyms
    renderer.env.globals.update(
        mapdata.template_globals(templates_dir.parent)
        | searchwords.template_globals(synonyms)
        | feed.template_globals(renderer)
        | stats.template_globals()
        | needs.template_globals()
        | {"structured_data": structured.page_script(renderer)}
    )
    rendered: list[tuple[str, str]] = [
        catalogue.home(renderer),
        catalogue.categories_index(renderer),
        *catalogue.category_pages(renderer),
        catalogue.sentra_index(renderer),
        *(catalogue.sentra_page(renderer, catalog.sentra[slug]) for slug in sorted(catalog.sentra)),
        *(
            catalogue.ikm_page(renderer, catalog.ikms[slug])
            for slug in sorted(catalog.ikms)
            if ikm_page_path(slug, prefix) not in keep
        ),
        *(
            catalogue.product_page(renderer, entry)
            for entry in catalog.products
            if entry.record.ikm in catalog.ikms and product_page_path(entry.record, prefix) not in keep
        ),
        catalogue.about_page(renderer, pages_dir),
        catalogue.search_page(renderer),
        searchwords.vocabulary_page(renderer, synonyms),
    ]
    rendered += festival_pages(renderer) + event_index_pages(renderer)
    rendered += forum_pages(renderer) + needs.needs_pages(renderer)
    rendered += opendata_pages(renderer)
    rendered += shortlist_pages(renderer)
    rendered += wa_pages(renderer)
    rendered += addproduct.addproduct_pages(renderer, templates_dir)
    rendered += [*stats.stats_pages(renderer), *feed.feed_pages(renderer)]
    return dict(rendered)


def theme_assets(templates_dir: Path) -> dict[str, str]:
    """Return the files under ``templates/assets`` as ``assets/<name>`` → content."""
    folder = templates_dir / "assets"
    if not folder.is_dir():
        return {}
    return {
        f"assets/{path.relative_to(folder).as_posix()}": path.read_text(encoding="utf-8")
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }
