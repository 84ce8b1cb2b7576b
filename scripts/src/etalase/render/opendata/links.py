"""Open data: where the files are and how they name pages and photos (``Links``), and the data's date."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from etalase.model.catalog import Catalog
from etalase.photos import ImageSet
from etalase.render.links import BASE_LANG, language_prefix

DATA_DIR = "data"  # the files' folder at the site root: data/catalogue.json …
PAGE = "data.md"  # the open data page of each language, served at data/ and en/data/
JSON_FILE = "catalogue.json"
PRODUCTS_CSV, IKM_CSV, SENTRA_CSV = "products.csv", "ikm.csv", "sentra.csv"
PARTNERSHIPS_CSV = "partnerships.csv"  # the outcomes of the business forums (render/partnerships.py)
LIST_SEP = "; "  # joins a list field in one CSV cell (the JSON keeps lists as arrays)
FORMAT_VERSION = 1  # of catalogue.json's layout; raise it when a field is renamed or removed
# Shown nowhere on the site, so never published.
HIDDEN_FOOD = {"dairy": True, "meat_or_fish": True, "canned": True, "baby_food": True}
HIDDEN_CATEGORY = {"food"}


def catalogue_date(catalog: Catalog) -> dt.date | None:
    """Return the newest ``last_verified`` of the catalogue's products, IKMs and sentra (``None`` if empty)."""
    entries = [*catalog.products, *catalog.ikms.values(), *catalog.sentra.values()]
    return max((e.record.last_verified for e in entries), default=None)


@dataclass(frozen=True)
class Links:
    """How the published files name pages and photos.

    ``site_url`` (mkdocs.yml) makes every address absolute; without it they are relative to
    the site root. ``photo_base`` is site.yml's ``media_url`` when photos live on a host of
    their own. ``languages`` are the site's, the base language first.
    """

    site_url: str = ""
    languages: tuple[str, ...] = (BASE_LANG,)
    photo_base: str = ""

    @property
    def root(self) -> str:
        """Return the site root's address with a final slash (empty without a site URL)."""
        return self.site_url.rstrip("/") + "/" if self.site_url else ""

    def page(self, path: str) -> dict[str, str]:
        """Return language → address of the page at ``path`` (relative to a language root)."""
        return {lang: f"{self.root}{language_prefix(lang)}{path}" for lang in self.languages}

    def file(self, name: str) -> str:
        """Return the address of an open data file."""
        return f"{self.root}{DATA_DIR}/{name}"

    def photo(self, image: ImageSet | None) -> str | None:
        """Return the address of a photo's largest processed copy, or ``None`` when it has none."""
        if image is None:
            return None
        return f"{self.photo_base or self.root}{image.largest.url}"


def links_for(catalog: Catalog, site_url: str, languages: Iterable[str]) -> Links:
    """Return the ``Links`` of a catalogue built with ``site_url`` in ``languages``."""
    return Links(site_url, tuple(languages), getattr(catalog.site, "media_url", None) or "")
