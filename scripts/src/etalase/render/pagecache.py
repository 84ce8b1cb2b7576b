"""Render cache: the product and IKM pages that need no rendering, because nothing they show changed.

Part of the render stage. A product page shows its product, its maker, the maker's other
products (as cards) and things every page may show: the templates, the site's texts, the
categories, certificates, sentra and festivals, the language and the site URL. An IKM page
shows its maker and all the maker's products. So every such page gets a key, a digest of:

- ``shared_key``: what every page may show, and the code that renders it;
- ``maker_keys``: its maker's group, that is the maker, its products in order, and the
  processed photos of all of them.

Editing one product changes one group's key: only that maker's pages are rendered again.
The keys of the pages last written are kept in a manifest (``build/cache/pages/<lang>.json``)
with each file's size and modification time; a page whose key matches and whose file is as it
was written is not rendered (``unchanged_pages``). Anything else (a missing or edited file, a
manifest for another docs folder, an unreadable manifest) renders the page as usual.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from pathlib import Path

from etalase.incremental.store import Store, digest, stamp
from etalase.model.catalog import Catalog
from etalase.photos import ImageSet
from etalase.render.links import ikm_page_path, product_page_path

MANIFEST_VERSION = 1
_CODE_DIR = Path(__file__).parent


@dataclass(frozen=True)
class PageKeys:
    """The keys of one language's product and IKM pages: ``shared`` and docs path → key."""

    shared: str
    pages: dict[str, str]


def _files(folder: Path, pattern: str = "*") -> Iterable[str | bytes]:
    """Yield the relative path and bytes of every file under ``folder`` matching ``pattern``, in path order."""
    if not folder.is_dir():
        return
    for path in sorted(p for p in folder.rglob(pattern) if p.is_file()):
        yield path.relative_to(folder).as_posix()
        yield path.read_bytes()


@cache
def code_key() -> str:
    """Return a digest of the code that renders pages: this package's sources and Jinja's version.

    Read once per process: the code that runs is the code loaded, whatever is edited meanwhile.
    """
    versions = [f"{name}={metadata.version(name)}" for name in ("Jinja2", "MarkupSafe")]
    return digest([*versions, *_files(_CODE_DIR, "*.py")])  # not __pycache__: written as modules load


def shared_key(catalog: Catalog, templates_dir: Path, *, lang: str, site_url: str, prefix: str, code: str) -> str:
    """Return the digest of what every page of ``lang`` may show besides its maker's group.

    Reads the files under ``templates_dir``; ``code`` is ``code_key()``.
    """
    return digest(
        [
            f"v{MANIFEST_VERSION}",
            code,
            lang,
            site_url,
            prefix,
            repr(catalog.site),
            repr(catalog.categories),
            repr(sorted(catalog.certificates.items(), key=lambda item: item[0].value)),
            repr(sorted(catalog.sentra.items())),
            repr(sorted(catalog.festivals.items())),
            *_files(templates_dir),
            repr(catalog.synonyms.groups),  # words every searchable page gets
        ]
    )


def maker_keys(catalog: Catalog, images: Mapping[tuple[str, str], ImageSet]) -> dict[str, str]:
    """Return each maker's group key: its record, its products in order and all their processed photos."""
    keys = {}
    for slug, entry in catalog.ikms.items():
        parts = [repr(entry), _photo_sets(images, entry.path, [entry.record.logo] if entry.record.logo else [])]
        for product in catalog.products_by_ikm.get(slug, []):
            parts += [repr(product), _photo_sets(images, product.path, product.record.photos)]
        keys[slug] = digest(parts)
    return keys


def _photo_sets(images: Mapping[tuple[str, str], ImageSet], path: str, photos: Iterable[object]) -> str:
    """Return the processed images of a record's photos as text (a missing one as ``None``)."""
    return repr([images.get((path, photo.file)) for photo in photos])  # type: ignore[attr-defined]


def page_keys(catalog: Catalog, makers: Mapping[str, str], shared: str, prefix: str) -> PageKeys:
    """Return the key of every product and IKM page of the language at ``prefix`` (docs paths)."""
    pages = {ikm_page_path(slug, prefix): digest([shared, key]) for slug, key in makers.items()}
    for entry in catalog.products:
        key = makers.get(entry.record.ikm)
        if key is not None:
            pages[product_page_path(entry.record, prefix)] = digest([shared, key])
    return PageKeys(shared, pages)


def manifest(cache_dir: Path, lang: str, docs_dir: Path) -> Store:
    """Return the store of the keys of ``lang``'s pages written into ``docs_dir`` (another folder: another scope)."""
    return Store(cache_dir / f"{lang}.json", scope=f"v{MANIFEST_VERSION}:{docs_dir.resolve()}")


def unchanged_pages(store: Store, keys: PageKeys, docs_dir: Path) -> set[str]:
    """Return the docs paths of ``keys`` whose stored entry has the same key and whose file
    under ``docs_dir`` still has the size and modification time recorded when it was written."""
    entries = store.load().get("pages")
    if not isinstance(entries, dict):
        return set()
    fresh = set()
    for path, key in keys.pages.items():
        entry = entries.get(path)
        if isinstance(entry, list) and len(entry) == 3 and entry[0] == key and stamp(docs_dir / path) == entry[1:]:
            fresh.add(path)
    return fresh


def save(store: Store, keys: PageKeys, docs_dir: Path) -> None:
    """Record the key, size and modification time of every page of ``keys`` now on disk under ``docs_dir``."""
    pages = {}
    for path, key in keys.pages.items():
        found = stamp(docs_dir / path)
        if found is not None:
            pages[path] = [key, *found]
    store.save({"pages": pages})
