"""What the pages of a business forum show: its addresses, and views of its firms, needs, IKMs and schedule.

Shared by the forum pages (``forum.py``), the agendas (``agenda.py``) and the needs board
(``needs.py``). The IKMs that fit each need come from ``matching`` (pure and deterministic); the
firms' tables are the schedule's (``matching.schedule.firm_tables``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from etalase.matching import Assessment, NeedMatches, match_forum, profiles
from etalase.matching.schedule import firm_tables
from etalase.model import Category, Firm, Forum, Ikm, Meeting, Need, Outcome, OutcomeKind, Sentra, minutes
from etalase.model.catalog import Catalog, Entry
from etalase.render.capabilities import offer_lines
from etalase.render.links import whatsapp_href

SHOWN_FITS = 5  # IKMs that fit shown per need on a page (the rest are counted)
SHOWN_NEAR = 3


def forum_path(slug: str) -> str:
    """Return a forum page's URL, relative to the language root."""
    return f"forum/{slug}/"


def firm_anchor(firm: str) -> str:
    """Return the id of a firm's section on the forum page (short: it is in the agendas' QR codes)."""
    return f"f-{firm}"


def need_anchor(firm: str, need: str) -> str:
    """Return the id of a need on the forum page and on the needs board."""
    return f"n-{firm}--{need}"


def agenda_path(slug: str, kind: str, who: str) -> str:
    """Return the URL of a participant's agenda: ``kind`` is ``mitra`` (a firm) or ``ikm``."""
    return f"forum/{slug}/agenda/{kind}/{who}/"


def agendas_path(slug: str) -> str:
    """Return the URL of the page that prints every agenda of a forum, one per sheet."""
    return f"forum/{slug}/agenda/"


def tables_path(slug: str) -> str:
    """Return the URL of a forum's table plan."""
    return f"forum/{slug}/meja/"


def clock(total: int) -> str:
    """Return minutes after midnight as ``HH:MM``."""
    return f"{total // 60:02d}:{total % 60:02d}"


def need_of(firm: Firm, slug: str | None) -> Need | None:
    """Return the need of ``firm`` called ``slug``, or ``None``."""
    return next((n for n in firm.needs if n.slug == slug), None) if slug else None


def slot_end(forum: Forum, slot: str) -> str:
    """Return when a meeting that starts at ``slot`` ends."""
    return clock(minutes(slot) + forum.slot_minutes)


@dataclass(frozen=True)
class NeedView:
    """A need with its category, the IKMs that fit, the near misses and what came of it."""

    firm: Firm
    need: Need
    category: Category | None
    fits: tuple[Assessment, ...]
    near: tuple[Assessment, ...]
    outcomes: tuple[Outcome, ...]

    @property
    def anchor(self) -> str:
        """Return the need's id on its pages."""
        return need_anchor(self.firm.slug, self.need.slug)


@dataclass(frozen=True)
class FirmView:
    """A firm at the forum: its table, needs and meetings."""

    firm: Firm
    table: int
    needs: tuple[NeedView, ...]
    meetings: tuple[Meeting, ...]
    agenda: str

    @property
    def anchor(self) -> str:
        """Return the firm's id on the forum page."""
        return firm_anchor(self.firm.slug)


@dataclass(frozen=True)
class IkmView:
    """An IKM taking part: its record, sentra, its offer in two lines and its meetings."""

    entry: Entry[Ikm]
    sentra: Sentra | None
    offer: tuple[str, str]
    meetings: tuple[Meeting, ...]
    agenda: str

    @property
    def ikm(self) -> Ikm:
        """Return the IKM record."""
        return self.entry.record


@dataclass(frozen=True)
class ForumView:
    """What the pages of one forum show, in the page language."""

    entry: Entry[Forum]
    date: str
    firms: tuple[FirmView, ...]  # by table
    ikms: tuple[IkmView, ...]  # by name
    grid: tuple[tuple[str, tuple[Meeting | None, ...]], ...]  # (slot, meeting per firm of ``firms``)
    outcomes: tuple[tuple[Outcome, FirmView | None, IkmView | None, Need | None], ...]
    totals: dict[str, int]  # loi, order, value
    facilitator: str | None  # wa.me link
    url: str  # the forum page's absolute address ("" without a site URL)

    @property
    def forum(self) -> Forum:
        """Return the forum record."""
        return self.entry.record

    @property
    def illustrative(self) -> bool:
        """Return whether any firm of the forum is invented (the sample)."""
        return any(f.firm.illustrative for f in self.firms)


def need_views(catalog: Catalog, forum: Forum, matches: list[NeedMatches]) -> dict[tuple[str, str], NeedView]:
    """Return every need of ``forum`` with its matches and outcomes, by (firm, need)."""
    found = {(m.firm.slug, m.need.slug): m for m in matches}
    views = {}
    for firm in forum.firms:
        for need in firm.needs:
            match = found.get((firm.slug, need.slug))
            views[firm.slug, need.slug] = NeedView(
                firm=firm,
                need=need,
                category=catalog.category_by_slug.get(need.category),
                fits=match.fits if match else (),
                near=match.near if match else (),
                outcomes=tuple(o for o in forum.outcomes if o.firm == firm.slug and o.need == need.slug),
            )
    return views


def forum_view(renderer: Any, entry: Entry[Forum]) -> ForumView:
    """Return what the pages of one forum show, for the page language of ``renderer``."""
    catalog: Catalog = renderer.catalog
    forum = entry.record
    matches = match_forum(forum, profiles(catalog), catalog.category_by_slug)
    needs = need_views(catalog, forum, matches)
    tables = firm_tables(forum)
    firms = tuple(
        sorted(
            (
                FirmView(
                    firm=firm,
                    table=tables[firm.slug],
                    needs=tuple(needs[firm.slug, n.slug] for n in firm.needs),
                    meetings=tuple(m for m in forum.schedule if m.firm == firm.slug),
                    agenda=agenda_path(forum.slug, "mitra", firm.slug),
                )
                for firm in forum.firms
            ),
            key=lambda view: view.table,
        )
    )
    ikms = tuple(
        sorted(
            (
                IkmView(
                    entry=catalog.ikms[slug],
                    sentra=catalog.sentra.get(catalog.ikms[slug].record.sentra),
                    offer=offer_lines(renderer, catalog.ikms[slug]),
                    meetings=tuple(m for m in forum.schedule if m.ikm == slug),
                    agenda=agenda_path(forum.slug, "ikm", slug),
                )
                for slug in dict.fromkeys(forum.ikms)
                if slug in catalog.ikms  # only when the records have errors, which stop a build
            ),
            key=lambda view: (view.ikm.name.casefold(), view.ikm.slug),
        )
    )
    return _assemble(renderer, entry, firms, ikms)


def _assemble(renderer: Any, entry: Entry[Forum], firms: tuple[FirmView, ...], ikms: tuple[IkmView, ...]) -> ForumView:
    forum = entry.record
    at = {(m.slot, m.firm): m for m in forum.schedule}
    grid = tuple((slot, tuple(at.get((slot, f.firm.slug)) for f in firms)) for slot in forum.slots)
    firm_by = {f.firm.slug: f for f in firms}
    ikm_by = {v.ikm.slug: v for v in ikms}
    outcomes = []
    for outcome in forum.outcomes:
        firm = firm_by.get(outcome.firm)
        need = need_of(firm.firm, outcome.need) if firm else None
        outcomes.append((outcome, firm, ikm_by.get(outcome.ikm), need))
    totals = {
        "loi": sum(o.kind is OutcomeKind.loi for o in forum.outcomes),
        "order": sum(o.kind is OutcomeKind.order for o in forum.outcomes),
        "value": sum(o.value or 0 for o in forum.outcomes),
    }
    name = forum.name.get(renderer.lang)
    message = renderer.t("forum.whatsapp_facilitator", name=forum.facilitator.name, forum=name)
    return ForumView(
        entry=entry,
        date=renderer.fmt.date(forum.date),
        firms=firms,
        ikms=ikms,
        grid=grid,
        outcomes=tuple(outcomes),
        totals=totals,
        facilitator=whatsapp_href(forum.facilitator.whatsapp, message),
        url=renderer.page_url(forum_path(forum.slug)),
    )
