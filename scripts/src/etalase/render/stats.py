"""The statistics page (``statistik/``, ``en/statistik/``): the catalogue in numbers, for the Dinas and buyers.

Pure counting over the validated catalogue (``sentra_stats``, ``category_stats``,
``certificate_stats``, ``totals``), then one page with an SVG chart (``charts.bar_chart``) and
a table of the same numbers per section.

Capacity: products state their monthly capacity in their own trade unit. Countable units are
added up as pieces: ``pcs``, ``pasang`` (a pair counts as one item: a pair of shoes is what a
buyer orders), ``lusin`` (× 12) and ``kodi`` (× 20). Weights (``kg``) and ``pack`` cannot be
turned into pieces and are summed apart, each in a chart of its own with only the sentra that
count in it (``capacity_charts``). The page says so. Counts that one sentra dwarfs are drawn on
a logarithmic scale, said under the chart, so small sentra keep a visible bar.

Certificates are counted when still valid on the catalogue's date (``feed.catalog_date``), so
an expired one (a warning in ``etalase validate``) is not shown as held.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from etalase.model import UNIT_PIECES, CertificateType, Product, Quantity, Unit
from etalase.model.catalog import Catalog, Entry
from etalase.render.charts import Bar, bar_chart, needs_log_scale
from etalase.render.engine import PageMeta
from etalase.render.feed import catalog_date
from etalase.render.partnerships import partnership_stats
from etalase.render.text import summary

STATS_PAGE = "statistik/"  # in each language: statistik/, en/statistik/
PIECE_UNITS = {Unit.pcs: 1, Unit.pasang: 1, **UNIT_PIECES}  # unit → pieces; kg and pack stay apart


def template_globals() -> dict[str, object]:
    """Return what every page's template may link to: the statistics page's path from ``home``."""
    return {"stats_page": STATS_PAGE}


def pieces(quantity: Quantity) -> int | None:
    """Return ``quantity`` in pieces, or ``None`` for units that are not countable (kg, pack)."""
    per = PIECE_UNITS.get(quantity.unit)
    return quantity.quantity * per if per else None


@dataclass
class GroupStats:
    """The numbers of one group of products (a sentra, a category, or the whole catalogue)."""

    key: str
    label: str
    ikms: set[str] = field(default_factory=set)
    workers: int = 0
    products: int = 0
    export_ready: int = 0
    pieces: int = 0  # monthly capacity in pieces (pcs, pasang, lusin × 12, kodi × 20)
    other: dict[str, int] = field(default_factory=dict)  # monthly capacity in kg / pack

    def add_product(self, product: Product) -> None:
        """Count one product: its export readiness and its monthly capacity."""
        self.products += 1
        self.export_ready += bool(product.export and product.export.ready)
        count = pieces(product.capacity_per_month)
        if count is not None:
            self.pieces += count
        else:
            unit = str(product.capacity_per_month.unit)
            self.other[unit] = self.other.get(unit, 0) + product.capacity_per_month.quantity

    def add_maker(self, slug: str, workers: int) -> None:
        """Count an IKM once, with its workers."""
        if slug not in self.ikms:
            self.ikms.add(slug)
            self.workers += workers

    @property
    def export_share(self) -> float:
        """Return the share of export-ready products, in percent (0 without products)."""
        return 100 * self.export_ready / self.products if self.products else 0.0


def capacity_text(group: GroupStats, fmt: Any) -> str:
    """Return a group's monthly capacity as the page shows it: ``25.250 pcs + 37.000 kg``.

    ``fmt`` is the page language's ``formatting.Formatter``; pieces are left out when the group
    has only kg or packs.
    """
    parts = [f"{fmt.number(group.pieces)} pcs"] if group.pieces or not group.other else []
    parts += [f"{fmt.number(amount)} {fmt.unit(unit, amount)}" for unit, amount in sorted(group.other.items())]
    return " + ".join(parts)


def _products(catalog: Catalog) -> list[Entry[Product]]:
    return [e for e in catalog.products if e.record.ikm in catalog.ikms]


def _by_size(groups: Iterable[GroupStats]) -> list[GroupStats]:
    return sorted(groups, key=lambda g: (-g.products, -len(g.ikms), g.label.casefold(), g.key))


def sentra_stats(catalog: Catalog) -> list[GroupStats]:
    """Return one ``GroupStats`` per sentra (its IKMs in the catalogue and their products), largest first."""
    groups = {slug: GroupStats(slug, e.record.name) for slug, e in catalog.sentra.items()}
    for slug, entry in catalog.ikms.items():
        group = groups.get(entry.record.sentra)
        if group is not None:
            group.add_maker(slug, entry.record.workers)
    for entry in _products(catalog):
        group = groups.get(catalog.ikms[entry.record.ikm].record.sentra)
        if group is not None:
            group.add_product(entry.record)
    return _by_size(groups.values())


def category_stats(catalog: Catalog, lang: str) -> list[GroupStats]:
    """Return one ``GroupStats`` per category, largest first.

    An IKM counts in every category it has products in, with all its workers (the same
    workshop makes both), so the categories' IKMs and workers can add up to more than the total.
    """
    groups = {c.slug: GroupStats(c.slug, c.name.get(lang)) for c in catalog.categories}
    for entry in _products(catalog):
        group = groups.get(entry.record.category)
        if group is None:
            continue
        group.add_product(entry.record)
        group.add_maker(entry.record.ikm, catalog.ikms[entry.record.ikm].record.workers)
    return _by_size(groups.values())


def totals(catalog: Catalog, label: str) -> GroupStats:
    """Return the numbers of the whole catalogue (every IKM, even one without products yet)."""
    group = GroupStats("", label)
    for slug, entry in catalog.ikms.items():
        group.add_maker(slug, entry.record.workers)
    for entry in _products(catalog):
        group.add_product(entry.record)
    return group


@dataclass(frozen=True)
class CertificateStats:
    """How many products, and the IKMs making them, hold one certificate type."""

    type: CertificateType
    label: str
    products: int
    ikms: int


def certificate_stats(catalog: Catalog, lang: str, as_of: dt.date | None) -> list[CertificateStats]:
    """Return, per certificate type, the products holding it valid on ``as_of`` and their IKMs; most held first."""
    held: dict[CertificateType, list[Product]] = {t: [] for t in CertificateType}
    for entry in _products(catalog):
        for cert in entry.record.certificates:
            if cert.expires is None or as_of is None or cert.expires >= as_of:
                held[cert.type].append(entry.record)
    rows = []
    for kind, products in held.items():
        info = catalog.certificates.get(kind)
        label = info.name.get(lang) if info else str(kind)
        rows.append(CertificateStats(kind, label, len(products), len({p.ikm for p in products})))
    return sorted(rows, key=lambda r: (-r.products, -r.ikms, r.label.casefold()))


# --- the page ------------------------------------------------------------------------------


def _chart(
    groups: Iterable[Any], value: Any, text: Any, title: str, chart_id: str, scale_max: float | None = None
) -> tuple[str, Markup, bool]:
    """Return (title, SVG, logarithmic?) of a bar chart with one bar per group: ``value(g)`` long, labelled ``text(g)``.

    Counts that one group dwarfs (``charts.needs_log_scale``) are drawn on a logarithmic scale,
    so that small sentra keep a visible bar; shares (``scale_max``) always on a linear one.
    """
    bars = [Bar(g.label, value(g), text(g)) for g in groups]
    log = scale_max is None and needs_log_scale([b.value for b in bars])
    return title, bar_chart(bars, title=title, chart_id=chart_id, scale_max=scale_max, log=log), log


CAPACITY_UNITS = ("pieces", "kg", "pack")  # the capacity charts: items (countable units), kg, packs


def capacity_in(group: GroupStats, unit: str) -> int:
    """Return a group's monthly capacity in ``unit``: ``pieces`` (pcs, pairs, dozens, scores), ``kg`` or ``pack``."""
    return group.pieces if unit == "pieces" else group.other.get(unit, 0)


def capacity_charts(groups: list[GroupStats], renderer: Any) -> list[tuple[str, Markup, bool]]:
    """Return one capacity chart per unit that any sentra counts in, each with only those sentra.

    Kilograms and packs cannot be turned into items, so they are never added to them nor shown
    as a zero beside them: a sentra counted in kg is in the kg chart.
    """
    t, number = renderer.t, renderer.fmt.number
    charts = []
    for unit in CAPACITY_UNITS:
        having = sorted((g for g in groups if capacity_in(g, unit) > 0), key=lambda g: -capacity_in(g, unit))
        if having:
            charts.append(
                _chart(
                    having,
                    lambda g, unit=unit: capacity_in(g, unit),
                    lambda g, unit=unit: number(capacity_in(g, unit)),
                    t(f"stats.chart.sentra_capacity_{unit}"),
                    f"chart-sentra-capacity-{unit}",
                )
            )
    return charts


def stats_pages(renderer: Any) -> list[tuple[str, str]]:
    """Return (docs path, content) of the statistics page in the renderer's language."""
    catalog: Catalog = renderer.catalog
    t, fmt, lang = renderer.t, renderer.fmt, renderer.lang
    as_of = catalog_date(catalog)
    by_sentra = sentra_stats(catalog)
    by_category = category_stats(catalog, lang)
    certificates = certificate_stats(catalog, lang, as_of)
    total = totals(catalog, t("stats.total"))
    charts = _charts(renderer, by_sentra, by_category, certificates)
    meta = PageMeta(t("stats.title"), summary(t("stats.description")))
    page = renderer.render(
        "statistics",
        STATS_PAGE.rstrip("/") + ".md",
        meta,
        by_sentra=by_sentra,
        by_category=by_category,
        certificates=certificates,
        total=total,
        charts=charts,
        capacity_charts=capacity_charts(by_sentra, renderer),
        as_of=as_of,
        capacity=lambda group: capacity_text(group, fmt),
        partnerships=partnership_stats(catalog, lang, t("partnerships.other")),
    )
    return [page]


def _charts(renderer: Any, by_sentra: Any, by_category: Any, certificates: Any) -> dict[str, Any]:
    """Return the page's charts of counts: products and workers per sentra, per category, certificates."""
    t, fmt = renderer.t, renderer.fmt
    number = fmt.number
    return {
        "sentra_products": _chart(
            by_sentra,
            lambda g: g.products,
            lambda g: number(g.products),
            t("stats.chart.sentra_products"),
            "chart-sentra-products",
        ),
        "sentra_workers": _chart(
            by_sentra,
            lambda g: g.workers,
            lambda g: number(g.workers),
            t("stats.chart.sentra_workers"),
            "chart-sentra-workers",
        ),
        "category_products": _chart(
            by_category,
            lambda g: g.products,
            lambda g: number(g.products),
            t("stats.chart.category_products"),
            "chart-category-products",
        ),
        "category_export": _chart(
            by_category,
            lambda g: g.export_share,
            lambda g: fmt.percent(round(g.export_share)),
            t("stats.chart.category_export"),
            "chart-category-export",
            scale_max=100,
        ),
        "certificates": _chart(
            certificates,
            lambda c: c.products,
            lambda c: number(c.products),
            t("stats.chart.certificates"),
            "chart-certificates",
        ),
    }
