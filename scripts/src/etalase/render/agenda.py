"""One agenda per forum participant, made to print on one A4 page.

A firm's agenda has its table and, per slot, the IKM it meets with what the IKM offers (its
processes; its capacity, certificates and sentra) and a QR code to the IKM's page in the
catalogue. An IKM's agenda has, per slot, the table and the firm it meets with the firm's need
(what; volume, target price and certificates) and a QR code to the firm's section of the forum
page. Every slot of the forum is a row, so a participant also sees when it is free.

QR codes are inline SVG from segno with a quiet zone of 4 modules and error correction L, the
lowest: a code per row must stay small (about 19 mm), and a page printed for the day is not worn.
Without a site URL the agenda has no codes (they would point nowhere).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import segno
from markupsafe import Markup, escape

from etalase.model import Meeting, Need
from etalase.render.festival import QR_BORDER
from etalase.render.forumviews import FirmView, ForumView, IkmView, firm_anchor, forum_path, need_of, slot_end
from etalase.render.links import ikm_path

QR_ERROR = "l"


def row_qr(data: str, label: str) -> Markup:
    """Return a small QR code of ``data`` as inline SVG sized by CSS, ``label`` its accessible name."""
    code = segno.make(data, error=QR_ERROR, micro=False)
    svg = code.svg_inline(scale=1, border=QR_BORDER, omitsize=True, dark="#000", light="#fff", svgclass="et-qr__code")
    return Markup(svg.replace("<svg ", f'<svg role="img" aria-label="{escape(label)}" ', 1))


@dataclass(frozen=True)
class AgendaRow:
    """One slot of an agenda: the meeting in it, or a free (or absent) slot."""

    slot: str
    end: str
    present: bool  # False: the firm is not at the forum in this slot
    table: int | None = None
    partner: str | None = None  # who is met
    href: str | None = None  # the partner's page, relative to the language root (with its #anchor)
    lines: tuple[str, str] = ("", "")  # the partner's need or offer, in two lines
    qr: Markup | None = None


@dataclass(frozen=True)
class AgendaView:
    """A participant's agenda: who, where, and a row per slot."""

    kind: str  # "mitra" (a firm) or "ikm"
    slug: str
    name: str
    illustrative: bool
    subtitle: str
    table: int | None  # a firm's own table
    rows: tuple[AgendaRow, ...]
    path: str

    @property
    def meetings(self) -> int:
        """Return the number of meetings on the agenda."""
        return sum(1 for row in self.rows if row.partner)


def need_lines(renderer: Any, firm: FirmView, need: Need | None) -> tuple[str, str]:
    """Return a firm's need in two lines: what; its monthly volume, target price and certificates."""
    fmt, t, lang = renderer.fmt, renderer.t, renderer.lang
    if need is None:
        return firm.firm.sector.get(lang), renderer.list_text(n.what.get(lang) for n in firm.firm.needs)
    second = [fmt.per_month(need.volume.quantity, need.volume.unit)]
    if need.price:
        second.append(fmt.price(need.price.min, need.price.max, need.price.unit))
    second += [t(f"cert_short.{name}") for name in need.certificates]
    return need.what.get(lang), " · ".join(second)


def _firm_agenda(renderer: Any, view: ForumView, firm: FirmView, ikms: dict[str, IkmView]) -> AgendaView:
    forum = view.forum
    at = {m.slot: m for m in firm.meetings}
    rows = []
    for slot in forum.slots:
        present = firm.firm.available is None or slot in firm.firm.available
        meeting = at.get(slot)
        ikm = ikms.get(meeting.ikm) if meeting else None
        if meeting is None or ikm is None:
            rows.append(AgendaRow(slot, slot_end(forum, slot), present))
            continue
        url = renderer.page_url(ikm_path(ikm.ikm.slug))
        label = renderer.t("forum.qr_partner", name=ikm.ikm.name)
        rows.append(
            AgendaRow(
                slot=slot,
                end=slot_end(forum, slot),
                present=True,
                table=firm.table,
                partner=ikm.ikm.name,
                href=ikm_path(ikm.ikm.slug),
                lines=ikm.offer,
                qr=row_qr(url, label) if url else None,
            )
        )
    return AgendaView(
        kind="mitra",
        slug=firm.firm.slug,
        name=firm.firm.name,
        illustrative=firm.firm.illustrative,
        subtitle=f"{firm.firm.sector.get(renderer.lang)} · {firm.firm.city}",
        table=firm.table,
        rows=tuple(rows),
        path=firm.agenda,
    )


def _ikm_agenda(renderer: Any, view: ForumView, ikm: IkmView, firms: dict[str, FirmView]) -> AgendaView:
    forum = view.forum
    at: dict[str, Meeting] = {m.slot: m for m in ikm.meetings}
    rows = []
    for slot in forum.slots:
        meeting = at.get(slot)
        firm = firms.get(meeting.firm) if meeting else None
        if meeting is None or firm is None:
            rows.append(AgendaRow(slot, slot_end(forum, slot), True))
            continue
        need = need_of(firm.firm, meeting.need)
        anchor = f"{forum_path(forum.slug)}#{firm_anchor(firm.firm.slug)}"
        url = f"{view.url}#{firm_anchor(firm.firm.slug)}" if view.url else ""
        label = renderer.t("forum.qr_partner", name=firm.firm.name)
        rows.append(
            AgendaRow(
                slot=slot,
                end=slot_end(forum, slot),
                present=True,
                table=meeting.table,
                partner=firm.firm.name,
                href=anchor,
                lines=need_lines(renderer, firm, need),
                qr=row_qr(url, label) if url else None,
            )
        )
    sentra = ikm.sentra.record.name if ikm.sentra else ""
    subtitle = " · ".join(part for part in (sentra, ikm.ikm.location.city) if part)
    return AgendaView("ikm", ikm.ikm.slug, ikm.ikm.name, False, subtitle, None, tuple(rows), ikm.agenda)


def agenda_views(renderer: Any, view: ForumView) -> list[AgendaView]:
    """Return every participant's agenda: the firms by table, then the IKMs by name."""
    ikms = {v.ikm.slug: v for v in view.ikms}
    firms = {f.firm.slug: f for f in view.firms}
    agendas = [_firm_agenda(renderer, view, firm, ikms) for firm in view.firms]
    agendas += [_ikm_agenda(renderer, view, ikm, firms) for ikm in view.ikms]
    return agendas
