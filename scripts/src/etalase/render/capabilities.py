"""What an IKM can make (its ``capabilities`` block), as the pages say it in short.

- ``offer_lines``: an IKM's offer in two lines, for a firm's agenda and the forum page;
- ``process_filters``: the search page's ``process`` filter values of an IKM page (its processes
  and machines in the page language), so buyers find the makers with, say, *sablon DTF*.
"""

from __future__ import annotations

from typing import Any

from etalase.model import Ikm
from etalase.model.catalog import Entry


def offer_lines(renderer: Any, entry: Entry[Ikm]) -> tuple[str, str]:
    """Return what an IKM offers in two short lines: its processes; its capacity, certificates and sentra."""
    ikm, lang, fmt, t = entry.record, renderer.lang, renderer.fmt, renderer.t
    capabilities = ikm.capabilities
    categories = dict.fromkeys(e.record.category for e in renderer.catalog.products_by_ikm.get(ikm.slug, []))
    named = [
        renderer.catalog.category_by_slug[c].name.get(lang)
        for c in categories
        if c in renderer.catalog.category_by_slug
    ]
    first = renderer.list_text(capabilities.processes.get(lang)[:3]) if capabilities and capabilities.processes else ""
    second = []
    if capabilities and capabilities.capacity:
        second.append(fmt.per_month(capabilities.capacity.quantity, capabilities.capacity.unit))
    if capabilities and capabilities.certificates:
        second.append(" ".join(t(f"cert_short.{c.type.value}") for c in capabilities.certificates))
    sentra = renderer.catalog.sentra.get(ikm.sentra)
    if sentra:
        second.append(sentra.record.name)
    return first or renderer.list_text(named), " · ".join(second)


def process_filters(ikm: Ikm, lang: str) -> list[tuple[str, str]]:
    """Return the (filter, value) pairs an IKM page gives Pagefind: one per process, in ``lang``."""
    processes = ikm.capabilities.processes if ikm.capabilities else None
    return [("process", text) for text in dict.fromkeys(processes.get(lang))] if processes else []
