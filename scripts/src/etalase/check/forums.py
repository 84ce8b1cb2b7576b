"""Forum checks: the parts of a forum file against each other and against the catalogue.

A forum (``catalog/forums/<slug>.yml``, model ``model.Forum``) names its day, slots, tables,
firms with their needs, the IKMs taking part, meeting requests, the schedule and the outcomes.
The model reads each value; ``check_forums`` (called from ``validate.check_catalog``) reports,
all at once and each at its own line: slots outside the forum's hours or overlapping, more
firms than tables, a need in an unknown category or asking for a certificate that
``catalog/certificates.yml`` does not list, unknown IKMs, requests and outcomes naming a firm,
IKM or need that is not there. The schedule's own rules are in ``check/forum_schedule.py``.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Iterable
from pathlib import PurePosixPath

from etalase.check.common import problem_at, unknown_name
from etalase.check.forum_schedule import At, check_schedule
from etalase.model import Forum, minutes
from etalase.model.catalog import Catalog, Entry
from etalase.model.problems import Msg, Problem, Severity, slug_mismatch
from etalase.source.load import Kind


def check_forums(
    catalog: Catalog, entries: Iterable[Entry[Forum]], present: dict[Kind, set[str]], today: dt.date
) -> list[Problem]:
    """Return the problems of every forum file that need more than one value or other records.

    ``present`` (from ``validate``) names the IKM folders that have a file, valid or not, so a
    broken IKM is not reported again from a forum.
    """
    ikms = present.get(Kind.ikm, set())
    problems: list[Problem] = []
    for entry in entries:
        at = At(entry)
        message = slug_mismatch(entry.record.slug, PurePosixPath(entry.path).stem, ("file", "file"))
        if message:
            problems.append(problem_at(entry, ("slug",), "slug", message))
        problems += _slots(at)
        problems += _firms(catalog, at)
        problems += _participants(at, ikms)
        problems += _requests(at, ikms)
        problems += check_schedule(at, ikms, today)
        problems += _outcomes(at, ikms, today)
    return problems


def _slots(at: At) -> list[Problem]:
    forum = at.forum
    opens, closes, length = minutes(forum.hours.start), minutes(forum.hours.end), forum.slot_minutes
    problems = []
    previous: str | None = None
    for index, slot in enumerate(forum.slots):
        start = minutes(slot)
        end = _clock(start + length)
        if start < opens:
            problems.append(
                at(
                    ("slots", index),
                    Msg(
                        f"slot {slot} mulai sebelum forum dibuka pukul {forum.hours.start} — mulai slot pada "
                        f"{forum.hours.start} atau sesudahnya, atau ubah hours.start",
                        f"slot {slot} starts before the forum opens at {forum.hours.start} — start slots at "
                        f"{forum.hours.start} or later, or change hours.start",
                    ),
                )
            )
        if start + length > closes:
            problems.append(
                at(
                    ("slots", index),
                    Msg(
                        f"slot {slot} berakhir pukul {end}, setelah forum ditutup pukul {forum.hours.end} "
                        f"(satu pertemuan {length} menit) — hapus slot ini, majukan, atau ubah hours.end",
                        f"slot {slot} ends at {end}, after the forum closes at {forum.hours.end} "
                        f"({length} minutes a meeting) — remove the slot, move it earlier or change hours.end",
                    ),
                )
            )
        if previous is not None and start < minutes(previous) + length:
            problems.append(at(("slots", index), _overlap(slot, previous, length)))
        previous = slot if previous is None or start >= minutes(previous) else previous
    return problems


def _overlap(slot: str, previous: str, length: int) -> Msg:
    if slot == previous:
        return Msg(f"slot {slot} tercantum dua kali — hapus salah satunya", f"slot {slot} is listed twice — keep one")
    if minutes(slot) < minutes(previous):
        return Msg(
            f"slot {slot} tertulis setelah slot {previous} — urutkan slot dari yang paling pagi",
            f"slot {slot} is listed after slot {previous} — list the slots from the earliest",
        )
    free = _clock(minutes(previous) + length)
    return Msg(
        f"slot {slot} mulai sebelum slot {previous} selesai pukul {free} (satu pertemuan {length} menit) — "
        f"geser ke {free} atau sesudahnya",
        f"slot {slot} starts before slot {previous} ends at {free} ({length} minutes a meeting) — "
        f"move it to {free} or later",
    )


def _clock(total: int) -> str:
    return f"{total // 60:02d}:{total % 60:02d}"


def _firms(catalog: Catalog, at: At) -> list[Problem]:
    forum = at.forum
    problems = []
    if len(forum.firms) > forum.tables:
        problems.append(
            at(
                ("tables",),
                Msg(
                    f"{len(forum.firms)} mitra industri tetapi hanya {forum.tables} meja — setiap mitra menempati "
                    f"satu meja sepanjang forum: tulis `tables: {len(forum.firms)}` atau lebih",
                    f"{len(forum.firms)} firms but only {forum.tables} table{'s' * (forum.tables != 1)} — each firm "
                    f"keeps one table for the whole forum: write `tables: {len(forum.firms)}` or more",
                ),
            )
        )
    first: dict[str, int] = {}
    tables: dict[int, str] = {}
    for index, firm in enumerate(forum.firms):
        if firm.slug in first:
            problems.append(
                at(
                    ("firms", index, "slug"),
                    Msg(
                        f"mitra '{firm.slug}' sudah ada di firms[{first[firm.slug]}] — beri setiap mitra slug sendiri",
                        f"firm '{firm.slug}' is already firms[{first[firm.slug]}] — give each firm its own slug",
                    ),
                )
            )
        first.setdefault(firm.slug, index)
        if firm.table is not None:
            problems += _firm_table(at, index, firm.table, tables)
        for number, slot in enumerate(firm.available or []):
            if slot not in forum.slots:
                problems.append(at(("firms", index, "available", number), _unknown_slot(slot, forum.slots)))
        problems += _needs(catalog, at, index)
    return problems


def _firm_table(at: At, index: int, table: int, taken: dict[int, str]) -> list[Problem]:
    forum = at.forum
    firm = forum.firms[index]
    if table > forum.tables:
        return [
            at(
                ("firms", index, "table"),
                Msg(
                    f"meja {table} tidak ada — forum ini punya meja 1 sampai {forum.tables} (`tables`)",
                    f"table {table} does not exist — this forum has tables 1 to {forum.tables} (`tables`)",
                ),
            )
        ]
    if table in taken:
        return [
            at(
                ("firms", index, "table"),
                Msg(
                    f"meja {table} sudah untuk mitra '{taken[table]}' — beri setiap mitra meja sendiri",
                    f"table {table} is already firm '{taken[table]}''s — give each firm its own table",
                ),
            )
        ]
    taken[table] = firm.slug
    return []


def _unknown_slot(slot: str, slots: list[str]) -> Msg:
    listed = ", ".join(slots)
    return Msg(
        f"slot {slot} tidak ada di `slots` — gunakan salah satu: {listed}",
        f"slot {slot} is not in `slots` — use one of: {listed}",
    )


def _needs(catalog: Catalog, at: At, index: int) -> list[Problem]:
    firm = at.forum.firms[index]
    problems = []
    seen: set[str] = set()
    for number, need in enumerate(firm.needs):
        where = ("firms", index, "needs", number)
        if need.slug in seen:
            problems.append(
                at(
                    (*where, "slug"),
                    Msg(
                        f"kebutuhan '{need.slug}' sudah ada pada mitra ini — beri setiap kebutuhan slug sendiri",
                        f"need '{need.slug}' already exists for this firm — give each need its own slug",
                    ),
                )
            )
        seen.add(need.slug)
        if need.category not in catalog.category_by_slug:
            message = unknown_name(
                ("kategori", "category"), need.category, catalog.category_by_slug, "catalog/categories.yml"
            )
            problems.append(at((*where, "category"), message))
        known = sorted(str(kind) for kind in catalog.certificates)
        named: set[str] = set()
        for position, name in enumerate(need.certificates):
            message = _certificate(name, known) if name not in known else None
            if message is None and name in named:
                message = Msg(
                    f"sertifikat '{name}' tercantum dua kali — hapus salah satunya",
                    f"certificate '{name}' is listed twice — keep one",
                )
            if message:
                problems.append(at((*where, "certificates", position), message))
            named.add(name)
    return problems


def _certificate(name: str, known: list[str]) -> Msg:
    """Return the message for a certificate name that ``catalog/certificates.yml`` does not list."""
    listed = ", ".join(known)
    folded = {k.casefold().replace("-", "").replace(" ", ""): k for k in known}
    same = folded.get(name.casefold().replace("-", "").replace(" ", ""))
    if same:
        return Msg(
            f"'{name}' ditulis berbeda — tulis `{same}`, seperti di catalog/certificates.yml",
            f"'{name}' is spelt differently — write `{same}`, as catalog/certificates.yml names it",
        )
    if name.casefold().startswith("iso"):
        return Msg(
            f"'{name}' bukan jenis sertifikat katalog ({listed}) — tulis syarat ISO di `specification`",
            f"'{name}' is not one of the catalogue's certificate types ({listed}) — write the ISO "
            "requirement in `specification`",
        )
    close = difflib.get_close_matches(name.casefold(), known, n=1, cutoff=0.6)
    if close:
        return Msg(
            f"sertifikat '{name}' tidak ada di catalog/certificates.yml — mungkin maksudnya `{close[0]}`?",
            f"certificate '{name}' is not in catalog/certificates.yml — did you mean `{close[0]}`?",
        )
    return Msg(
        f"sertifikat '{name}' tidak ada di catalog/certificates.yml — gunakan salah satu: {listed}",
        f"certificate '{name}' is not in catalog/certificates.yml — use one of: {listed}",
    )


def _participants(at: At, ikms: set[str]) -> list[Problem]:
    problems = []
    first: dict[str, int] = {}
    for index, slug in enumerate(at.forum.ikms):
        if slug not in ikms:
            problems.append(at(("ikms", index), unknown_name(("IKM", "IKM"), slug, sorted(ikms), "products/")))
        elif slug in first:
            problems.append(
                at(
                    ("ikms", index),
                    Msg(
                        f"IKM '{slug}' sudah tercantum di ikms[{first[slug]}] — hapus salah satunya",
                        f"IKM '{slug}' is already listed at ikms[{first[slug]}] — keep one",
                    ),
                )
            )
        first.setdefault(slug, index)
    return problems


def _requests(at: At, ikms: set[str]) -> list[Problem]:
    problems = []
    seen: dict[tuple[str, str], int] = {}
    for index, request in enumerate(at.forum.requests):
        where = ("requests", index)
        found = at.party(where, request.firm, request.ikm, request.need, ikms, participant=True)
        problems += found
        pair = (request.firm, request.ikm)
        if pair in seen and not found:
            problems.append(
                at(
                    where,
                    Msg(
                        f"pertemuan {request.firm} – {request.ikm} sudah diminta di requests[{seen[pair]}] — "
                        "hapus salah satu (satu pertemuan per pasangan; pakai prioritas tertinggi)",
                        f"a meeting {request.firm} – {request.ikm} is already requested at requests[{seen[pair]}] "
                        "— keep one (one meeting per pair; keep the highest priority)",
                    ),
                )
            )
        seen.setdefault(pair, index)
    return problems


def _outcomes(at: At, ikms: set[str], today: dt.date) -> list[Problem]:
    forum = at.forum
    problems = []
    seen: set[tuple[str, str, str | None, str]] = set()
    for index, outcome in enumerate(forum.outcomes):
        where = ("outcomes", index)
        problems += at.party(where, outcome.firm, outcome.ikm, outcome.need, ikms, participant=False)
        key = (outcome.firm, outcome.ikm, outcome.need, str(outcome.kind))
        if key in seen:
            problems.append(
                at(
                    where,
                    Msg(
                        "hasil yang sama (mitra, IKM, kebutuhan, jenis) sudah dicatat — hapus salah satunya",
                        "the same outcome (firm, IKM, need, kind) is already recorded — keep one",
                    ),
                    Severity.warning,
                )
            )
        seen.add(key)
    if forum.outcomes and forum.date > today:
        problems.append(
            at(
                ("outcomes",),
                Msg(
                    f"hasil dicatat untuk forum tanggal {forum.date}, yang belum berlangsung — periksa tanggal forum",
                    f"outcomes are recorded for a forum on {forum.date}, which has not happened yet — "
                    "check the forum's date",
                ),
                Severity.warning,
            )
        )
    return problems
