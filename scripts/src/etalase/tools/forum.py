"""``etalase forum``: the organiser's commands for a business forum (``catalog/forums/<slug>.yml``).

- ``etalase forum matches SLUG``: every need with the IKMs that fit and the near misses, with reasons;
- ``etalase forum schedule SLUG``: place the requested meetings (or the top matches) into slots at
  the firms' tables with the CP-SAT solver and write the schedule into the forum's file, so that
  every build shows the same schedule; says which requests found no place, and why;
- ``etalase forum print SLUG``: print every participant's agenda into one PDF (one A4 page each),
  with Chromium, as ``etalase booths`` prints booth sheets.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

from etalase.matching import conflicts, explain, match_forum, problem, profiles, wanted_meetings
from etalase.matching.schedule import TOP_DEFAULT, Problem
from etalase.matching.solver import Solution, solve
from etalase.model import Forum
from etalase.model.catalog import Catalog, Entry
from etalase.model.problems import Msg, Severity
from etalase.pipeline import check
from etalase.tools.forumfile import ScheduleWriteError, write_schedule

EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE = 0, 1, 2
AGENDA_SHEET = 'class="et-agenda"'


def add_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser], run: Callable[..., int]) -> None:
    """Add ``etalase forum`` and its three commands; ``run`` is called with the parsed arguments."""
    forum = commands.add_parser(
        "forum",
        help="business forums (temu usaha): matches, the meeting schedule, printed agendas",
        description="Work on a business forum, catalog/forums/FORUM.yml.",
    )
    actions = forum.add_subparsers(title="forum commands", metavar="ACTION", dest="action", required=True)
    matches = actions.add_parser("matches", help="list each need's fitting IKMs and near misses, with reasons")
    schedule = actions.add_parser(
        "schedule",
        help="place the meetings into slots and tables and write the schedule into the forum's file",
        description="Place the requested meetings (or, without requests, the best --top IKMs of each open need) "
        "into the forum's slots at the firms' tables: nobody in two places at once, firms keep their table, as many "
        "meetings as possible, highest priority first. Writes the `schedule:` block of catalog/forums/FORUM.yml "
        "and lists the meetings that found no place, with the reason.",
    )
    schedule.add_argument("--top", type=int, default=TOP_DEFAULT, help="IKMs proposed per need without requests")
    schedule.add_argument("--fresh", action="store_true", help="plan anew, without keeping the last schedule")
    schedule.add_argument("--dry-run", action="store_true", help="show the schedule, do not write it")
    printing = actions.add_parser(
        "print", help="print every participant's agenda into one PDF (A4 portrait, one participant per page)"
    )
    printing.add_argument("-o", "--output", type=Path, default=None, help="the PDF (default: FORUM-agenda.pdf)")
    printing.add_argument("--no-build", action="store_true", help="print from the site already built")
    printing.add_argument("--chromium", default=None, help="Chromium or Chrome to print with (default: on the PATH)")
    printing.add_argument(
        "-f", "--config-file", type=Path, default=None, help="MkDocs config (default: ROOT/mkdocs.yml)"
    )
    printing.add_argument("--strict", action="store_true", help="treat warnings as errors when building")
    for parser in (matches, schedule, printing):
        parser.add_argument("forum", help="the forum: the name of catalog/forums/<forum>.yml")
        parser.add_argument(
            "--lang",
            choices=["id", "en", "both"],
            default="id",
            help="language of the messages: id (default), en, or both",
        )
        parser.add_argument("--today", type=dt.date.fromisoformat, default=None, help=argparse.SUPPRESS)
        parser.set_defaults(run=run)


def run(args: argparse.Namespace, build: Callable[[argparse.Namespace], int]) -> int:
    """Run ``etalase forum ACTION`` (``build`` is ``etalase build``, used by ``print``)."""
    if args.action == "print":
        from etalase.tools.agendas import print_agendas

        return print_agendas(args, build)
    found = _load(args.root.resolve(), args.forum, args.today or dt.date.today(), args.lang)
    if isinstance(found, int):
        return found
    catalog, entry = found
    if args.action == "matches":
        return _matches(catalog, entry.record, args.lang)
    return _schedule(args, catalog, entry)


def _load(root: Path, slug: str, today: dt.date, lang: str) -> tuple[Catalog, Entry[Forum]] | int:
    """Return the validated catalogue and the forum, or print why not and return the exit code."""
    outcome = check(root, today, check_photos=False)
    path = f"catalog/forums/{slug}.yml"
    own = [p for p in outcome.problems if p.path == path and p.severity is Severity.error]
    for problem_ in own:
        print(problem_.format(lang), file=sys.stderr)
    catalog = outcome.catalog
    if catalog is None or slug not in catalog.forums:
        if not own:
            known = ", ".join(sorted(catalog.forums)) if catalog else ""
            none = Msg("tidak ada", "none")
            _say(
                lang,
                f"forum: tidak ada {path} yang sah (forum: {known or none.id})",
                f"forum: there is no valid {path} (forums: {known or none.en})",
                err=True,
            )
            return EXIT_USAGE
        _say(
            lang,
            f"forum: perbaiki dulu masalah {path} ({len(own)} kesalahan)",
            f"forum: fix the problems of {path} first ({len(own)} error(s))",
            err=True,
        )
        return EXIT_PROBLEMS
    return catalog, catalog.forums[slug]


def _say(lang: str, id_text: str, en_text: str, *, err: bool = False) -> None:
    """Print a line in the language of ``--lang``, as problems are printed (``Msg.get``); an
    indented line keeps its indent once (``  prioritas 1: … / priority 1: …``)."""
    body = id_text.lstrip()
    indent = id_text[: len(id_text) - len(body)]
    print(indent + Msg(body, en_text.lstrip()).get(lang), file=sys.stderr if err else sys.stdout)


def _matches(catalog: Catalog, forum: Forum, lang: str) -> int:
    shown = "id" if lang == "both" else lang
    for match in match_forum(forum, profiles(catalog), catalog.category_by_slug):
        state = "" if match.need.open else " " + Msg("[ditutup]", "[closed]").get(lang)
        print(f"\n{match.firm.name} — {match.need.what.get(shown)} ({match.need.category}){state}")
        for rank, assessment in enumerate(match.fits, start=1):
            reasons = "; ".join(c.reason.get(shown) for c in assessment.criteria)
            print(f"  {rank}. {assessment.profile.ikm.name}: {reasons}")
        for assessment in match.near:
            missing = "; ".join(c.reason.get(shown) for c in assessment.missed)
            print(f"  ~  {assessment.profile.ikm.name} ({Msg('hampir cocok', 'near miss').get(lang)}): {missing}")
        if not match.fits and not match.near:
            print("  —")
    return EXIT_OK


def _schedule(args: argparse.Namespace, catalog: Catalog, entry: Entry[Forum]) -> int:
    forum = entry.record
    if args.fresh:
        forum = forum.model_copy(update={"schedule": []})
    matches = match_forum(forum, profiles(catalog), catalog.category_by_slug)
    wanted = wanted_meetings(forum, matches, top=args.top)
    plan = problem(forum, wanted)
    solution = solve(plan)
    broken = conflicts(solution.meetings, forum.tables, forum.slots)
    if broken:  # the model forbids them; a broken schedule is never written
        listed = "\n  " + "\n  ".join(broken)
        _say(
            args.lang,
            "forum: penjadwal memberi jadwal yang bentrok:" + listed,
            "forum: the solver returned a schedule with conflicts:" + listed,
            err=True,
        )
        return EXIT_PROBLEMS
    _report(forum, catalog, plan, solution, args.lang)
    if args.dry_run:
        return EXIT_OK
    path = args.root.resolve() / entry.path
    try:
        write_schedule(path, solution.meetings)
    except (OSError, ScheduleWriteError) as error:
        print(f"forum: {error}", file=sys.stderr)
        return EXIT_PROBLEMS
    count = len(solution.meetings)
    _say(
        args.lang,
        f"Jadwal {count} pertemuan ditulis ke {entry.path}.",
        f"Wrote the schedule of {count} meetings into {entry.path}.",
    )
    return EXIT_OK


def _report(forum: Forum, catalog: Catalog, plan: Problem, solution: Solution, lang: str) -> None:
    names = {f.slug: f.name for f in forum.firms} | {s: e.record.name for s, e in catalog.ikms.items()}
    shown = "id" if lang == "both" else lang
    source = Msg("permintaan", "requests") if forum.requests else Msg("kecocokan teratas", "top matches")
    name, wanted_count, placed_count = forum.name.get(shown), len(plan.wanted), len(solution.meetings)
    _say(
        lang,
        f"{name}: {wanted_count} pertemuan diminta ({source.id}), {placed_count} mendapat tempat.",
        f"{name}: {wanted_count} meetings wanted ({source.en}), {placed_count} placed.",
    )
    for priority in (1, 2, 3):
        wanted = [w for w in plan.wanted if w.priority == priority]
        if wanted:
            placed = len(wanted) - sum(1 for w in solution.unplaced if w.priority == priority)
            _say(
                lang,
                f"  prioritas {priority}: {placed} dari {len(wanted)}",
                f"  priority {priority}: {placed} of {len(wanted)}",
            )
    tables = ", ".join(f"{names[f]} {t}" for f, t in plan.tables.items())
    _say(lang, f"Meja: {tables}.", f"Tables: {tables}.")
    proof = (
        Msg("terbaik yang mungkin (terbukti)", "the best possible (proven)")
        if solution.proven
        else Msg(f"belum terbukti terbaik (batas {solution.bound})", f"not proven best (bound {solution.bound})")
    )
    seconds = f"{solution.seconds:.2f} s"
    _say(
        lang,
        f"Penjadwal: {solution.status}, {proof.id}; {seconds}.",
        f"Solver: {solution.status}, {proof.en}; {seconds}.",
    )
    for item in solution.unplaced:
        reason = explain(item, plan, solution.meetings, names, proven=solution.proven)
        pair = f"{names.get(item.firm, item.firm)} – {names.get(item.ikm, item.ikm)}"
        _say(lang, f"  tidak mendapat tempat: {pair}: {reason.id}", f"  not placed: {pair}: {reason.en}")
