"""The meeting schedule of a forum: which meetings are wanted, at which tables, and what holds it together.

The problem ``solver.py`` solves, stated here in plain data:

- the wanted meetings are the forum's requests, or, when it has none, the ``top`` IKMs that fit
  each open need (the best one at priority 1, the next at 2, the rest at 3); one meeting per
  firm–IKM pair, at its highest priority;
- each firm keeps one table for the whole forum: the one it asked for (``firms[].table``), else
  the one it had in the last schedule, else the lowest free one, in the file's order of firms.
  With a table per firm, a firm in one meeting per slot is also a table used once per slot, so
  the schedule only has to choose slots;
- a meeting takes one slot the firm is present in; nobody is in two meetings in one slot;
- as many meetings as possible, highest priority first: no number of lower-priority meetings is
  worth one of higher priority.

``conflicts`` checks any schedule against those rules (the tests and the benchmark use it);
``explain`` says in words why a wanted meeting has no place.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from etalase.matching.fit import Assessment
from etalase.matching.rank import NeedMatches
from etalase.model import Forum, Meeting
from etalase.model.problems import Msg

TOP_DEFAULT = 3  # IKMs proposed per need when the forum has no requests


@dataclass(frozen=True)
class Wanted:
    """A meeting to place: who meets whom about which need, and how much it matters (1 = most)."""

    firm: str
    ikm: str
    need: str | None
    priority: int
    requested: bool = True  # False: proposed from the matches

    @property
    def pair(self) -> tuple[str, str]:
        """Return (firm, IKM)."""
        return self.firm, self.ikm


@dataclass(frozen=True)
class Problem:
    """A forum's scheduling problem: slots, each firm's table and slots, and the wanted meetings."""

    slots: tuple[str, ...]
    tables: dict[str, int]  # firm → its table
    present: dict[str, tuple[str, ...]]  # firm → the slots it is there
    wanted: tuple[Wanted, ...]
    previous: dict[tuple[str, str], str]  # (firm, IKM) → its slot in the last schedule

    def allowed(self, wanted: Wanted) -> tuple[str, ...]:
        """Return the slots a meeting may take: the firm's slots."""
        return self.present.get(wanted.firm, ())


def wanted_meetings(forum: Forum, matches: Sequence[NeedMatches], top: int = TOP_DEFAULT) -> list[Wanted]:
    """Return the meetings to place: the requests, or the ``top`` fitting IKMs of each open need."""
    if forum.requests:
        found = [Wanted(r.firm, r.ikm, r.need, r.priority) for r in forum.requests]
    else:
        found = [
            Wanted(m.firm.slug, a.profile.slug, m.need.slug, min(rank, 3), requested=False)
            for m in matches
            if m.need.open
            for rank, a in enumerate(proposed(m)[:top], start=1)
        ]
    best: dict[tuple[str, str], Wanted] = {}
    for item in sorted(found, key=lambda item: item.priority):  # stable: file order within a priority
        best.setdefault(item.pair, item)
    return [item for item in found if best[item.pair] is item]


def proposed(match: NeedMatches) -> list[Assessment]:
    """Return the IKMs to propose for a need: those that fit, then those short of capacity only.

    An IKM that misses nothing but the volume can take part of the order: a firm splits a large
    order between IKMs, so it is worth meeting when too few fit.
    """
    shares = [a for a in match.near if {c.kind for c in a.missed} == {"capacity"}]
    return [*match.fits, *shares]


def firm_tables(forum: Forum) -> dict[str, int]:
    """Return each firm's table: asked for, else kept from the last schedule, else the lowest free one."""
    tables = {f.slug: f.table for f in forum.firms if f.table is not None}
    taken = set(tables.values())
    for meeting in forum.schedule:
        if meeting.firm not in tables and meeting.table not in taken and forum.firm(meeting.firm) is not None:
            tables[meeting.firm] = meeting.table
            taken.add(meeting.table)
    free = (t for t in range(1, forum.tables + 1) if t not in taken)
    for firm in forum.firms:
        if firm.slug not in tables:
            tables[firm.slug] = next(free)
    return {f.slug: tables[f.slug] for f in forum.firms}


def problem(forum: Forum, wanted: Iterable[Wanted]) -> Problem:
    """Return the scheduling problem of ``forum`` for the ``wanted`` meetings."""
    return Problem(
        slots=tuple(forum.slots),
        tables=firm_tables(forum),
        present={f.slug: tuple(s for s in forum.slots if f.available is None or s in f.available) for f in forum.firms},
        wanted=tuple(wanted),
        previous={(m.firm, m.ikm): m.slot for m in forum.schedule},
    )


def conflicts(meetings: Iterable[Meeting], tables: int, slots: Sequence[str]) -> list[str]:
    """Return every broken rule of a schedule, in words (empty: conflict-free).

    Each meeting is in a known slot at a table 1…``tables``; nobody meets twice in a slot; a
    table holds one meeting per slot; each firm keeps one table and no two firms share one.
    """
    found = []
    seen: Counter[tuple[str, str, str]] = Counter()
    table_of: dict[str, int] = {}
    firm_at: dict[int, str] = {}
    for m in meetings:
        if m.slot not in slots or not 1 <= m.table <= tables:
            found.append(f"{m.firm}–{m.ikm}: slot {m.slot} table {m.table} does not exist")
        for key in (("firm", m.firm, m.slot), ("ikm", m.ikm, m.slot), ("table", str(m.table), m.slot)):
            seen[key] += 1
            if seen[key] == 2:
                found.append(f"{key[0]} {key[1]} is in two meetings at {m.slot}")
        if table_of.setdefault(m.firm, m.table) != m.table:
            found.append(f"firm {m.firm} moves from table {table_of[m.firm]} to {m.table}")
        if firm_at.setdefault(m.table, m.firm) != m.firm:
            found.append(f"table {m.table} holds firms {firm_at[m.table]} and {m.firm}")
    return found


def explain(item: Wanted, problem_: Problem, placed: Sequence[Meeting], names: dict[str, str], *, proven: bool) -> Msg:
    """Return why ``item`` has no place in the ``placed`` schedule, in words.

    ``names`` gives the name to say for each firm and IKM slug; ``proven`` says the schedule is
    the best possible (then, in every slot the firm is there, a meeting of the firm or of the IKM
    matters as much or more: otherwise swapping them would give a better schedule).
    """
    firm, ikm = names.get(item.firm, item.firm), names.get(item.ikm, item.ikm)
    allowed = problem_.allowed(item)
    firm_wanted = sum(1 for w in problem_.wanted if w.firm == item.firm)
    ikm_wanted = sum(1 for w in problem_.wanted if w.ikm == item.ikm)
    if firm_wanted > len(allowed):
        return Msg(
            f"{firm} diminta {firm_wanted} pertemuan tetapi hadir di {len(allowed)} slot saja — pertemuan "
            "dengan prioritas lebih rendah tidak mendapat tempat",
            f"{firm} is wanted for {firm_wanted} meetings but is present in {_slots(len(allowed))} only — "
            "the lower-priority meetings get no place",
        )
    if ikm_wanted > len(problem_.slots):
        return Msg(
            f"{ikm} diminta {ikm_wanted} pertemuan, lebih dari {len(problem_.slots)} slot forum",
            f"{ikm} is wanted for {ikm_wanted} meetings, more than the forum's {_slots(len(problem_.slots))}",
        )
    firm_busy = {m.slot for m in placed if m.firm == item.firm}
    by_firm = sum(1 for s in allowed if s in firm_busy)
    by_ikm = sum(1 for m in placed if m.ikm == item.ikm and m.slot in allowed and m.slot not in firm_busy)
    as_much = (" yang sama atau lebih utama", " that matters as much or more") if proven else ("", "")
    message = Msg(
        f"tak ada slot yang kosong untuk keduanya: di setiap slot kehadiran {firm}, {firm} atau {ikm} sudah "
        f"punya pertemuan lain{as_much[0]} ({by_firm} slot oleh {firm}, {by_ikm} oleh {ikm})",
        f"no slot is free for both: in every slot {firm} is present in, {firm} or {ikm} already has another "
        f"meeting{as_much[1]} ({by_firm} slots taken by {firm}, {by_ikm} by {ikm})",
    )
    if proven:
        return message
    return Msg(
        f"{message.id} — pencari jadwal berhenti pada batas waktunya; jadwal yang lebih baik mungkin ada",
        f"{message.en} — the solver stopped at its time limit; a better schedule may exist",
    )


def _slots(count: int) -> str:
    return f"{count} slot" if count == 1 else f"{count} slots"
