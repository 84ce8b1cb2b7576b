"""The validated catalogue: the typed value passed from ``validate`` to the later stages."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import PurePosixPath
from typing import Generic, TypeVar

from etalase.model.festival import Festival
from etalase.model.fields import CertificateType
from etalase.model.forum import Forum
from etalase.model.ikm import Ikm
from etalase.model.lines import LineMap
from etalase.model.product import Product
from etalase.model.sentra import Sentra
from etalase.model.site import Category, CertificateInfo, SiteText
from etalase.model.synonyms import Synonyms

T = TypeVar("T")


@dataclass(frozen=True)
class Entry(Generic[T]):
    """A validated record with the file it came from (relative, posix) and its key lines."""

    record: T
    path: str
    lines: LineMap = field(default_factory=LineMap, compare=False, repr=False)

    @property
    def folder(self) -> str:
        """Return the record's folder, relative to the project root (posix)."""
        return str(PurePosixPath(self.path).parent)


@dataclass(frozen=True)
class Catalog:
    """Every record of a project, checked and cross-referenced."""

    site: SiteText
    categories: tuple[Category, ...]
    certificates: dict[CertificateType, CertificateInfo]
    sentra: dict[str, Entry[Sentra]]
    ikms: dict[str, Entry[Ikm]]
    products: tuple[Entry[Product], ...]  # ordered by IKM, then file name
    festivals: dict[str, Entry[Festival]] = field(default_factory=dict)  # catalog/festivals/<slug>.yml
    synonyms: Synonyms = field(default_factory=Synonyms)  # catalog/synonyms.yml: words buyers write alike
    forums: dict[str, Entry[Forum]] = field(default_factory=dict)  # catalog/forums/<slug>.yml

    @cached_property
    def category_by_slug(self) -> dict[str, Category]:
        """Return categories keyed by slug."""
        return {c.slug: c for c in self.categories}

    @cached_property
    def products_by_ikm(self) -> dict[str, list[Entry[Product]]]:
        """Return each IKM's products, in file order."""
        grouped: dict[str, list[Entry[Product]]] = defaultdict(list)
        for entry in self.products:
            grouped[entry.record.ikm].append(entry)
        return dict(grouped)

    @cached_property
    def products_by_category(self) -> dict[str, list[Entry[Product]]]:
        """Return each category's products, ordered by name."""
        grouped: dict[str, list[Entry[Product]]] = {c.slug: [] for c in self.categories}
        for entry in sorted(self.products, key=lambda e: (e.record.name.id.casefold(), e.path)):
            grouped.setdefault(entry.record.category, []).append(entry)
        return grouped

    @cached_property
    def ikms_by_sentra(self) -> dict[str, list[Entry[Ikm]]]:
        """Return each sentra's IKMs, ordered by name."""
        grouped: dict[str, list[Entry[Ikm]]] = {slug: [] for slug in self.sentra}
        for entry in sorted(self.ikms.values(), key=lambda e: (e.record.name.casefold(), e.path)):
            grouped.setdefault(entry.record.sentra, []).append(entry)
        return grouped

    def sentra_of_product(self, product: Product) -> Sentra:
        """Return the sentra of a product's maker."""
        return self.sentra[self.ikms[product.ikm].record.sentra].record
