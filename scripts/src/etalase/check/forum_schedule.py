"""Forum schedule checks: the meetings written by ``etalase forum schedule`` (or by hand) hold together.

Every meeting is in a slot of the forum at an existing table; a firm keeps one table and no two
firms share one; nobody is in two meetings in one slot; a firm meets only in the slots it is
present in. ``At`` (shared with ``check/forums.py``) makes problems at a forum's keys.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from etalase.check.common import problem_at, unknown_name
from etalase.check.schema_errors import field_name
from etalase.model import Forum, Meeting
from etalase.model.catalog import Entry
from etalase.model.problems import Msg, Problem, Severity


@dataclass(frozen=True)
class At:
    """Makes problems at the keys of one forum file."""

    entry: Entry[Forum]

    @property
    def forum(self) -> Forum:
        """Return the forum record."""
        return self.entry.record

    def __call__(self, path: tuple[str | int, ...], message: Msg, severity: Severity = Severity.error) -> Problem:
        """Return a problem at ``path`` (its line, and the field written as a contributor reads it)."""
        return problem_at(self.entry, path, field_name(path), message, severity)

    def party(
        self,
        where: tuple[str | int, ...],
        firm: str,
        ikm: str,
        need: str | None,
        ikms: set[str],
        *,
        participant: bool,
    ) -> list[Problem]:
        """Return the problems of a request, meeting or outcome naming ``firm``, ``ikm`` and ``need``.

        The firm must be one of the forum's, the need one of that firm's, and the IKM one of the
        catalogue's (with ``participant``: one of the forum's IKMs).
        """
        forum = self.forum
        problems = []
        record = forum.firm(firm)
        if record is None:
            problems.append(self((*where, "firm"), _unknown_firm(firm, forum)))
        elif need is not None and need not in {n.slug for n in record.needs}:
            listed = ", ".join(n.slug for n in record.needs)
            problems.append(
                self(
                    (*where, "need"),
                    Msg(
                        f"kebutuhan '{need}' tidak ada pada mitra '{firm}' — gunakan salah satu: {listed}",
                        f"need '{need}' is not one of firm '{firm}''s — use one of: {listed}",
                    ),
                )
            )
        if ikm not in ikms:
            problems.append(self((*where, "ikm"), unknown_name(("IKM", "IKM"), ikm, sorted(ikms), "products/")))
        elif participant and ikm not in forum.ikms:
            problems.append(
                self(
                    (*where, "ikm"),
                    Msg(
                        f"IKM '{ikm}' bukan peserta forum ini — tambahkan ke daftar `ikms`",
                        f"IKM '{ikm}' does not take part in this forum — add it to the `ikms` list",
                    ),
                )
            )
        return problems


def _unknown_firm(slug: str, forum: Forum) -> Msg:
    return unknown_name(("mitra", "firm"), slug, [f.slug for f in forum.firms], "firms: (slug)")


def check_schedule(at: At, ikms: set[str], today: dt.date) -> list[Problem]:
    """Return the problems of a forum's schedule: places, tables, and nobody in two places at once."""
    forum = at.forum
    if not forum.schedule:
        if forum.date >= today:
            return [
                at(
                    ("slug",),
                    Msg(
                        f"forum belum punya jadwal pertemuan — jalankan `etalase forum schedule {forum.slug}`",
                        f"the forum has no meeting schedule yet — run `etalase forum schedule {forum.slug}`",
                    ),
                    Severity.warning,
                )
            ]
        return []
    problems: list[Problem] = []
    tables = _Tables(forum)
    busy: dict[tuple[str, str, str], int] = {}  # (slot, "firm" or "ikm", slug) → the meeting there
    pairs: dict[tuple[str, str], int] = {}
    for index, meeting in enumerate(forum.schedule):
        where = ("schedule", index)
        found = at.party(where, meeting.firm, meeting.ikm, meeting.need, ikms, participant=True)
        found += _place(at, index, meeting)
        if not found:
            found += tables.check(at, index, meeting)
            found += _double_booked(at, index, meeting, busy)
        pair = (meeting.firm, meeting.ikm)
        if not found and pair in pairs:
            found.append(
                at(
                    where,
                    Msg(
                        f"{meeting.firm} dan {meeting.ikm} sudah bertemu di schedule[{pairs[pair]}] — "
                        "periksa apakah memang dua kali",
                        f"{meeting.firm} and {meeting.ikm} already meet at schedule[{pairs[pair]}] — "
                        "check they really meet twice",
                    ),
                    Severity.warning,
                )
            )
        pairs.setdefault(pair, index)
        problems += found
    return problems


def _place(at: At, index: int, meeting: Meeting) -> list[Problem]:
    forum = at.forum
    where = ("schedule", index)
    if meeting.slot not in forum.slots:
        listed = ", ".join(forum.slots)
        return [
            at(
                (*where, "slot"),
                Msg(
                    f"slot {meeting.slot} tidak ada di `slots` — gunakan salah satu: {listed}",
                    f"slot {meeting.slot} is not in `slots` — use one of: {listed}",
                ),
            )
        ]
    if meeting.table > forum.tables:
        return [
            at(
                (*where, "table"),
                Msg(
                    f"meja {meeting.table} tidak ada — forum ini punya meja 1 sampai {forum.tables}",
                    f"table {meeting.table} does not exist — this forum has tables 1 to {forum.tables}",
                ),
            )
        ]
    firm = forum.firm(meeting.firm)
    if firm is not None and firm.available is not None and meeting.slot not in firm.available:
        return [
            at(
                (*where, "slot"),
                Msg(
                    f"mitra '{firm.slug}' tidak hadir pada slot {meeting.slot} (`available`) — pindahkan pertemuan",
                    f"firm '{firm.slug}' is not present in slot {meeting.slot} (`available`) — move the meeting",
                ),
            )
        ]
    return []


class _Tables:
    """Which firm sits at which table: set in ``firms`` or by the first meeting that names it."""

    def __init__(self, forum: Forum) -> None:
        self.by_firm: dict[str, tuple[int, str]] = {
            f.slug: (f.table, "firms") for f in forum.firms if f.table is not None
        }
        self.by_table: dict[int, tuple[str, str]] = {t: (slug, w) for slug, (t, w) in self.by_firm.items()}

    def check(self, at: At, index: int, meeting: Meeting) -> list[Problem]:
        """Return a problem when the meeting moves its firm to another table or shares one."""
        here = f"schedule[{index}]"
        if meeting.firm in self.by_firm:
            table, source = self.by_firm[meeting.firm]
            if table != meeting.table:
                return [
                    at(
                        ("schedule", index, "table"),
                        Msg(
                            f"mitra '{meeting.firm}' duduk di meja {table} ({source}) — setiap mitra tetap di "
                            f"mejanya: tulis `table: {table}`",
                            f"firm '{meeting.firm}' sits at table {table} ({source}) — a firm keeps its table: "
                            f"write `table: {table}`",
                        ),
                    )
                ]
            return []
        if meeting.table in self.by_table:
            owner, source = self.by_table[meeting.table]
            return [
                at(
                    ("schedule", index, "table"),
                    Msg(
                        f"meja {meeting.table} adalah meja mitra '{owner}' ({source}) — beri setiap mitra meja sendiri",
                        f"table {meeting.table} is firm '{owner}''s ({source}) — give each firm its own table",
                    ),
                )
            ]
        self.by_firm[meeting.firm] = (meeting.table, here)
        self.by_table[meeting.table] = (meeting.firm, here)
        return []


def _double_booked(at: At, index: int, meeting: Meeting, busy: dict[tuple[str, str, str], int]) -> list[Problem]:
    problems = []
    for who, key in ((meeting.firm, "firm"), (meeting.ikm, "ikm")):
        other = busy.get((meeting.slot, key, who))
        if other is not None:
            partner = at.forum.schedule[other]
            problems.append(
                at(
                    ("schedule", index, key),
                    Msg(
                        f"'{who}' sudah bertemu {partner.ikm if key == 'firm' else partner.firm} pada slot "
                        f"{meeting.slot} (schedule[{other}]) — satu pertemuan per slot: pindahkan salah satunya",
                        f"'{who}' already meets {partner.ikm if key == 'firm' else partner.firm} in slot "
                        f"{meeting.slot} (schedule[{other}]) — one meeting per slot: move one of them",
                    ),
                )
            )
        else:
            busy[(meeting.slot, key, who)] = index
    return problems
