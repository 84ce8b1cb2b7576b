"""What came of the forums, in numbers: partnerships by sentra and by category, and one open data row each.

A partnership is an outcome of a forum (``outcomes:`` in ``catalog/forums/<slug>.yml``): a letter
of intent (LoI) or an order between a firm and an IKM, for one of the firm's needs, with an
optional value in rupiah. It counts for the IKM's sentra and for the need's category (an outcome
without a need counts for the categories of none: shown as "other").

``Partnership`` is one row of ``data/partnerships.csv``: its field descriptions document the CSV's
columns on the open data page, as the record models do for the other files.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from pydantic import BaseModel, ConfigDict, Field

from etalase.model import OutcomeKind
from etalase.model.catalog import Catalog

OTHER = ""  # the key of outcomes without a need, or whose IKM has no sentra in the catalogue


class Partnership(BaseModel):
    """One outcome of a forum, flattened: a row of ``partnerships.csv``."""

    model_config = ConfigDict(frozen=True)

    forum: str = Field(description="The forum: the name of its file in catalog/forums / forum (nama file)")
    forum_date: dt.date = Field(description="The forum's day / tanggal forum")
    firm: str = Field(description="The firm's short name in the forum / slug perusahaan")
    firm_name: str = Field(description="Company name / nama perusahaan")
    firm_illustrative: bool = Field(description="An invented firm of the sample / perusahaan contoh")
    ikm: str = Field(description="The IKM's folder name / folder IKM")
    ikm_name: str = Field(description="Business name / nama usaha IKM")
    sentra: str = Field(description="The IKM's sentra / sentra IKM")
    need: str | None = Field(description="The need it is for / kebutuhan")
    category: str | None = Field(description="The need's category / kategori kebutuhan")
    kind: OutcomeKind = Field(description="loi (letter of intent) or order / loi (surat minat) atau order")
    value: int | None = Field(description="Value in rupiah, when stated / nilai (rupiah)")
    note_id: str | None = Field(description="Note in Indonesian / catatan (bahasa Indonesia)")
    note_en: str | None = Field(description="Note in English / catatan (bahasa Inggris)")


def partnerships(catalog: Catalog) -> list[Partnership]:
    """Return every outcome of every forum as a row: forums by date, then in the file's order."""
    rows = []
    for entry in sorted(catalog.forums.values(), key=lambda e: (e.record.date, e.record.slug)):
        forum = entry.record
        for outcome in forum.outcomes:
            firm = forum.firm(outcome.firm)
            ikm = catalog.ikms.get(outcome.ikm)
            if firm is None or ikm is None:  # only when the records have errors, which stop a build
                continue
            need = next((n for n in firm.needs if n.slug == outcome.need), None)
            rows.append(
                Partnership(
                    forum=forum.slug,
                    forum_date=forum.date,
                    firm=firm.slug,
                    firm_name=firm.name,
                    firm_illustrative=firm.illustrative,
                    ikm=outcome.ikm,
                    ikm_name=ikm.record.name,
                    sentra=ikm.record.sentra,
                    need=outcome.need,
                    category=need.category if need else None,
                    kind=outcome.kind,
                    value=outcome.value,
                    note_id=outcome.note.id if outcome.note else None,
                    note_en=outcome.note.en if outcome.note else None,
                )
            )
    return rows


@dataclass
class PartnershipGroup:
    """The partnerships of one sentra or one category."""

    key: str
    label: str
    loi: int = 0
    order: int = 0
    value: int = 0
    ikms: set[str] = field(default_factory=set)

    def add(self, row: Partnership) -> None:
        """Count one partnership."""
        self.loi += row.kind is OutcomeKind.loi
        self.order += row.kind is OutcomeKind.order
        self.value += row.value or 0
        self.ikms.add(row.ikm)

    @property
    def total(self) -> int:
        """Return the number of partnerships."""
        return self.loi + self.order


@dataclass(frozen=True)
class PartnershipStats:
    """Partnerships by sentra and by category, and in all; largest first."""

    by_sentra: list[PartnershipGroup]
    by_category: list[PartnershipGroup]
    total: PartnershipGroup
    forums: int


def partnership_stats(catalog: Catalog, lang: str, other: str) -> PartnershipStats:
    """Return the partnerships counted by sentra and by category (``other`` labels the rest)."""
    rows = partnerships(catalog)
    sentra = {slug: PartnershipGroup(slug, e.record.name) for slug, e in catalog.sentra.items()}
    categories = {c.slug: PartnershipGroup(c.slug, c.name.get(lang)) for c in catalog.categories}
    total = PartnershipGroup("", "")
    for row in rows:
        sentra.setdefault(row.sentra if row.sentra in sentra else OTHER, PartnershipGroup(OTHER, other)).add(row)
        key = row.category if row.category in categories else OTHER
        categories.setdefault(key, PartnershipGroup(OTHER, other)).add(row)
        total.add(row)
    order = lambda g: (g.key == OTHER, -g.total, -g.value, g.label.casefold())  # noqa: E731
    return PartnershipStats(
        by_sentra=sorted((g for g in sentra.values() if g.total), key=order),
        by_category=sorted((g for g in categories.values() if g.total), key=order),
        total=total,
        forums=sum(1 for e in catalog.forums.values() if e.record.outcomes),
    )
