"""What an IKM offers a firm, per category: read from its ``capabilities`` block and its products.

The capabilities block speaks for the whole business (its processes, capacity and certificates);
products speak for their own category (their prices, capacities and certificates). A need in a
category is weighed against the business's block and that category's products only: the SNI of a
doll does not make its maker fit for uniforms.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from etalase.model import Capabilities, Certificate, CertificateType, Ikm, PriceBand, Product, Quantity
from etalase.model.catalog import Catalog


@dataclass(frozen=True)
class Source:
    """Where a fact about an IKM comes from: its capabilities block (``product`` None) or a product."""

    product: Product | None = None


@dataclass(frozen=True)
class Profile:
    """One IKM as matching sees it."""

    ikm: Ikm
    sentra_name: str  # "" when the sentra is not in the catalogue
    sentra_category: str  # the sentra's category slug ("" when unknown)
    products: dict[str, tuple[Product, ...]] = field(default_factory=dict)  # category → its products

    @property
    def slug(self) -> str:
        """Return the IKM's folder name."""
        return self.ikm.slug

    @property
    def capabilities(self) -> Capabilities:
        """Return the capabilities block (empty when the IKM wrote none)."""
        return self.ikm.capabilities or Capabilities()

    def makes(self, category: str) -> bool:
        """Return whether the IKM makes products of ``category`` (or, before it lists any product,
        whether its sentra is of that category)."""
        return bool(self.products.get(category)) or (not self.products and category == self.sentra_category)

    def certificates(self, category: str) -> dict[CertificateType, tuple[Certificate, Source]]:
        """Return, per type, the certificate that lasts longest of the business and ``category``'s products."""
        held: dict[CertificateType, tuple[Certificate, Source]] = {}
        found = [(c, Source()) for c in self.capabilities.certificates]
        found += [(c, Source(p)) for p in self.products.get(category, ()) for c in p.certificates]
        for certificate, source in found:
            best = held.get(certificate.type)
            if best is None or _lasts_longer(certificate, best[0]):
                held[certificate.type] = (certificate, source)
        return held

    def capacities(self, category: str) -> list[tuple[Quantity, Source]]:
        """Return the monthly capacities that speak for ``category``: the business's, else its products'."""
        if self.capabilities.capacity is not None:
            return [(self.capabilities.capacity, Source())]
        return [(p.capacity_per_month, Source(p)) for p in self.products.get(category, ())]

    def prices(self, category: str) -> list[tuple[PriceBand, Product]]:
        """Return the price bands of the IKM's products in ``category``."""
        return [(p.price, p) for p in self.products.get(category, ())]

    def processes(self) -> list[tuple[str, str]]:
        """Return the processes and machines listed, each as (Indonesian, English) text."""
        listed = self.capabilities.processes
        if listed is None:
            return []
        return [(text, listed.en[i] if listed.en else text) for i, text in enumerate(listed.id)]


def _lasts_longer(certificate: Certificate, other: Certificate) -> bool:
    if other.expires is None:
        return False
    return certificate.expires is None or certificate.expires > other.expires


def profiles(catalog: Catalog) -> dict[str, Profile]:
    """Return the profile of every IKM of the catalogue, by folder name."""
    found = {}
    for slug in sorted(catalog.ikms):
        ikm = catalog.ikms[slug].record
        sentra = catalog.sentra.get(ikm.sentra)
        grouped: dict[str, list[Product]] = {}
        for entry in catalog.products_by_ikm.get(slug, []):
            grouped.setdefault(entry.record.category, []).append(entry.record)
        found[slug] = Profile(
            ikm=ikm,
            sentra_name=sentra.record.name if sentra else "",
            sentra_category=sentra.record.category if sentra else "",
            products={category: tuple(items) for category, items in grouped.items()},
        )
    return found


def folded(text: str) -> list[str]:
    """Return the words of ``text`` without case or accents: how processes are compared."""
    plain = unicodedata.normalize("NFKD", text.casefold())
    plain = "".join(c if c.isalnum() else " " for c in plain if not unicodedata.combining(c))
    return plain.split()


def mentions(wanted: str, process: str) -> bool:
    """Return whether ``process`` names the ``wanted`` one: each wanted word begins a word of it.

    ``bordir`` is in ``bordir komputer``, ``rajut komputer`` in ``mesin rajut komputer`` and
    ``rajut`` in ``rajutan``; ``DTF`` is in ``sablon DTF`` but ``rajut`` is not in ``sablon``.
    """
    words = folded(process)
    needed = folded(wanted)
    return bool(needed) and all(any(w.startswith(n) for w in words) for n in needed)
