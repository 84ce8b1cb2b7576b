"""The meeting schedule: CP-SAT's answer is conflict-free, the best possible, stable, explained; the command writes it.

Optimality is checked against brute force on small forums (every way to place the meetings), and
the sample's stored schedule against a fresh solve. No timing here: scripts/forum_bench.py
measures speed (docs/forums.md).
"""

from __future__ import annotations

import itertools
import random
from pathlib import Path

import pytest
import yaml

from conftest import REPO, TODAY
from etalase.matching import conflicts, explain, firm_tables, match_forum, problem, profiles, wanted_meetings
from etalase.matching.schedule import Problem, Wanted
from etalase.matching.solver import counts, solve
from etalase.model import Meeting
from etalase.tools.cli import main
from etalase.tools.forumfile import HEADER, ScheduleWriteError, with_schedule, write_schedule
from forumkit import FORUM_PATH, MINI_FORUM, validated, write_forum

SAMPLE = "temu-usaha-bandung-2026"


def _problem(slots: int, wanted: list[tuple[str, str, int]], present: dict[str, int] | None = None) -> Problem:
    times = tuple(f"{9 + i:02d}:00" for i in range(slots))
    firms = sorted({f for f, _, _ in wanted})
    return Problem(
        slots=times,
        tables={f: n + 1 for n, f in enumerate(firms)},
        present={f: times[: (present or {}).get(f, slots)] for f in firms},
        wanted=tuple(Wanted(f, i, None, p) for f, i, p in wanted),
        previous={},
    )


def _best_by_brute_force(prob: Problem) -> tuple[int, int, int]:
    """Return the most meetings per priority (lexicographically) over every way to place them."""
    best = (0, 0, 0)
    choices = [[None, *prob.allowed(w)] for w in prob.wanted]
    for pick in itertools.product(*choices):
        busy: set[tuple[str, str]] = set()
        ok = True
        for item, slot in zip(prob.wanted, pick, strict=True):
            if slot is None:
                continue
            keys = {("f" + item.firm, slot), ("i" + item.ikm, slot)}
            if busy & keys:
                ok = False
                break
            busy |= keys
        if ok:
            placed = [w.priority for w, s in zip(prob.wanted, pick, strict=True) if s]
            best = max(best, (placed.count(1), placed.count(2), placed.count(3)))
    return best


@pytest.mark.parametrize("seed", range(12))
def test_the_schedule_is_conflict_free_and_the_best_possible(seed: int) -> None:
    rng = random.Random(seed)
    firms, ikms = [f"f{n}" for n in range(3)], [f"i{n}" for n in range(4)]
    pairs = rng.sample(list(itertools.product(firms, ikms)), 7)
    prob = _problem(2, [(f, i, rng.choice((1, 2, 3))) for f, i in pairs], {firms[0]: rng.choice((1, 2))})
    solution = solve(prob)
    assert conflicts(solution.meetings, len(prob.tables), prob.slots) == []
    placed = [next(w for w in prob.wanted if w.pair == (m.firm, m.ikm)).priority for m in solution.meetings]
    assert (placed.count(1), placed.count(2), placed.count(3)) == _best_by_brute_force(prob)
    assert solution.proven and counts(prob, solution.bound) == counts(prob, solution.objective)
    assert all(m.slot in prob.allowed(Wanted(m.firm, m.ikm, None, 1)) for m in solution.meetings)


def test_one_meeting_of_higher_priority_outweighs_any_number_below() -> None:
    # a and b both want x and y; in one slot, x can meet one firm: the priority-1 meeting wins over two 3s
    prob = _problem(1, [("a", "x", 1), ("b", "x", 3), ("b", "y", 3), ("c", "y", 3)])
    solution = solve(prob)
    pairs = {(m.firm, m.ikm) for m in solution.meetings}
    assert ("a", "x") in pairs and len(pairs) == 2


def test_unplaced_meetings_are_explained() -> None:
    prob = _problem(2, [("a", "x", 1), ("a", "y", 2), ("a", "z", 3), ("b", "x", 1), ("c", "x", 2)])
    solution = solve(prob)
    names = {"a": "PT A", "b": "PT B", "c": "PT C", "x": "IKM X", "y": "IKM Y", "z": "IKM Z"}
    reasons = {w.pair: explain(w, prob, solution.meetings, names, proven=solution.proven).en for w in solution.unplaced}
    assert reasons[("a", "z")] == (
        "PT A is wanted for 3 meetings but is present in 2 slots only — the lower-priority meetings get no place"
    )
    assert reasons[("c", "x")] == ("IKM X is wanted for 3 meetings, more than the forum's 2 slots")


def test_a_blocked_meeting_says_who_holds_its_slots() -> None:
    prob = _problem(2, [("c", "x", 1), ("b", "x", 3)], {"b": 1, "c": 1})
    solution = solve(prob)
    (item,) = solution.unplaced
    assert item.pair == ("b", "x")
    text = explain(item, prob, solution.meetings, {}, proven=True).en
    assert text == (
        "no slot is free for both: in every slot b is present in, b or x already has another meeting "
        "that matters as much or more (0 slots taken by b, 1 by x)"
    )
    assert "time limit" in explain(item, prob, solution.meetings, {}, proven=False).en


def test_the_same_problem_gives_the_same_schedule() -> None:
    rng = random.Random(7)
    wanted = [(f"f{rng.randrange(8)}", f"i{rng.randrange(30)}", rng.choice((1, 2, 3))) for _ in range(60)]
    prob = _problem(6, list({(f, i): (f, i, p) for f, i, p in wanted}.values()))
    assert solve(prob).meetings == solve(prob).meetings


def test_tables_asked_for_kept_from_the_last_schedule_then_the_lowest_free() -> None:
    from etalase.model import Forum

    data = yaml.safe_load(MINI_FORUM)
    data["firms"][0]["table"] = 3
    forum = Forum.model_validate(data)
    # pt-contoh asked for table 3 (its schedule rows say 1: validate reports that); pt-boga keeps 2
    assert firm_tables(forum) == {"pt-contoh": 3, "pt-boga": 2}
    assert firm_tables(forum.model_copy(update={"schedule": []})) == {"pt-contoh": 3, "pt-boga": 1}


def test_without_requests_the_top_matches_are_wanted(mini_project: Path) -> None:
    start, end = MINI_FORUM.index("requests:"), MINI_FORUM.index("schedule:")
    write_forum(mini_project, MINI_FORUM[:start] + MINI_FORUM[end:])
    catalog, _ = validated(mini_project)
    assert catalog is not None
    forum = catalog.forums["temu-contoh"].record
    wanted = wanted_meetings(forum, match_forum(forum, profiles(catalog), catalog.category_by_slug))
    assert wanted == [
        Wanted("pt-contoh", "rajut-contoh", "rompi", 1, requested=False),
        Wanted("pt-boga", "dapur-contoh", "camilan", 1, requested=False),
    ]


def test_requests_keep_one_meeting_per_pair_at_its_highest_priority() -> None:
    from etalase.model import Forum

    data = yaml.safe_load(MINI_FORUM)
    data["requests"] = [
        {"firm": "pt-boga", "ikm": "dapur-contoh", "priority": 3},
        {"firm": "pt-boga", "ikm": "dapur-contoh", "need": "camilan", "priority": 1},
    ]
    forum = Forum.model_validate(data)
    assert wanted_meetings(forum, []) == [Wanted("pt-boga", "dapur-contoh", "camilan", 1)]


def test_the_sample_schedule_is_conflict_free_and_what_a_fresh_solve_writes() -> None:
    catalog, _ = validated(REPO)
    assert catalog is not None
    forum = catalog.forums[SAMPLE].record
    assert conflicts(forum.schedule, forum.tables, forum.slots) == []
    fresh = forum.model_copy(update={"schedule": []})
    wanted = wanted_meetings(fresh, match_forum(fresh, profiles(catalog), catalog.category_by_slug))
    solution = solve(problem(fresh, wanted))
    assert solution.proven
    assert list(solution.meetings) == forum.schedule


# --- writing the schedule into the file -----------------------------------------------------------

MEETINGS = [
    Meeting(slot="09:00", table=1, firm="pt-contoh", ikm="rajut-contoh", need="rompi"),
    Meeting(slot="09:30", table=2, firm="pt-boga", ikm="dapur-contoh"),
]


def test_the_schedule_block_replaces_only_itself() -> None:
    text = '# a comment\nslug: x\nschedule:\n  - {slot: "09:00"}\n  # kept? no: part of the block\n# about outcomes\noutcomes: []\n'
    result = with_schedule(text, MEETINGS)
    assert result.startswith("# a comment\nslug: x\n" + "\n".join(HEADER) + "\nschedule:\n  # 09:00\n")
    assert result.endswith("# about outcomes\noutcomes: []\n")
    assert '  - {slot: "09:30", table: 2, firm: pt-boga, ikm: dapur-contoh}\n' in result
    assert with_schedule(result, MEETINGS) == result


def test_a_new_schedule_goes_before_the_outcomes_and_their_comment() -> None:
    text = "slug: x\n# What came of it\noutcomes: []\n"
    assert (
        with_schedule(text, []) == "slug: x\n" + "\n".join(HEADER) + "\nschedule: []\n# What came of it\noutcomes: []\n"
    )
    assert with_schedule("slug: x", []).endswith("\nschedule: []")


def test_line_ends_and_a_byte_order_mark_are_kept() -> None:
    text = "\ufeffslug: x\r\noutcomes: []\r\n"
    result = with_schedule(text, MEETINGS)
    assert result.startswith("\ufeffslug: x\r\n") and "\n" not in result.replace("\r\n", "")


def test_a_schedule_that_would_not_read_back_leaves_the_file_alone(tmp_path: Path) -> None:
    path = tmp_path / "f.yml"
    original = 'slug: x\nschedule: [{slot: "09:00", table: 1, firm: a, ikm: b}]\nnote: |\n  schedule:\n'
    path.write_text(original, encoding="utf-8")
    write_schedule(path, MEETINGS)
    assert yaml.safe_load(path.read_text(encoding="utf-8"))["note"] == "schedule:\n"
    path.write_text("slug: x\nschedule:\n  - a\n# stray\n  - b\n", encoding="utf-8")
    with pytest.raises(ScheduleWriteError):
        write_schedule(path, MEETINGS)
    assert path.read_text(encoding="utf-8") == "slug: x\nschedule:\n  - a\n# stray\n  - b\n"


# --- the command ------------------------------------------------------------------------------------


def test_forum_schedule_writes_a_valid_schedule_and_says_what_it_did(
    mini_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    start, end = MINI_FORUM.index("schedule:"), MINI_FORUM.index("outcomes:")
    write_forum(mini_project, MINI_FORUM[:start] + MINI_FORUM[end:])
    args = [
        "--root",
        str(mini_project),
        "forum",
        "schedule",
        "temu-contoh",
        "--today",
        TODAY.isoformat(),
        "--lang",
        "en",
    ]
    assert main(args) == 0
    out = capsys.readouterr().out
    assert "2 meetings wanted (requests), 2 placed." in out and "OPTIMAL, the best possible (proven)" in out
    assert f"Wrote the schedule of 2 meetings into {FORUM_PATH}." in out
    written = (mini_project / FORUM_PATH).read_text(encoding="utf-8")
    catalog, problems = validated(mini_project)
    assert problems == [] and catalog is not None and len(catalog.forums["temu-contoh"].record.schedule) == 2
    assert main(args) == 0
    assert (mini_project / FORUM_PATH).read_text(encoding="utf-8") == written


def test_forum_commands_speak_indonesian_by_default_and_both_on_request(
    mini_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_forum(mini_project)
    base = ["--root", str(mini_project), "forum", "schedule", "temu-contoh", "--dry-run", "--fresh"]
    assert main(base) == 0
    out = capsys.readouterr().out
    assert "pertemuan diminta (permintaan)" in out and "Penjadwal: OPTIMAL, terbaik yang mungkin (terbukti)" in out
    assert "meetings wanted" not in out and "Solver" not in out
    assert main([*base, "--lang", "both"]) == 0
    out = capsys.readouterr().out
    assert "pertemuan diminta" in out and "meetings wanted" in out and "Meja:" in out and "Tables:" in out
    assert main(["--root", str(mini_project), "forum", "schedule", "temu-lain"]) == 2
    assert "tidak ada catalog/forums/temu-lain.yml yang sah (forum: temu-contoh)" in capsys.readouterr().err


def test_forum_schedule_dry_run_writes_nothing(mini_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_forum(mini_project)
    before = path.read_bytes()
    assert main(["--root", str(mini_project), "forum", "schedule", "temu-contoh", "--dry-run", "--fresh"]) == 0
    assert path.read_bytes() == before and "Wrote" not in capsys.readouterr().out


def test_forum_commands_name_the_forums_there_are_and_refuse_a_broken_one(
    mini_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_forum(mini_project)
    assert main(["--root", str(mini_project), "forum", "schedule", "temu-lain", "--lang", "en"]) == 2
    assert "there is no valid catalog/forums/temu-lain.yml (forums: temu-contoh)" in capsys.readouterr().err
    write_forum(mini_project, MINI_FORUM.replace("tables: 3", "tables: 1"))
    assert main(["--root", str(mini_project), "forum", "schedule", "temu-contoh", "--lang", "en"]) == 1
    err = capsys.readouterr().err
    assert f"{FORUM_PATH}:" in err and "fix the problems of catalog/forums/temu-contoh.yml first" in err


def test_forum_matches_lists_reasons(mini_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write_forum(mini_project)
    assert main(["--root", str(mini_project), "forum", "matches", "temu-contoh", "--lang", "en"]) == 0
    out = capsys.readouterr().out
    assert "PT Boga Contoh — Packed snacks (makanan)" in out
    assert "1. Dapur Contoh: makes 1 Food product; Halal held, for Cassava chips" in out or "1. Dapur Contoh:" in out
    assert "capacity 3,000 packs/month ≥ 2,000 packs needed" in out


def test_without_fits_the_ikms_short_of_capacity_only_are_proposed() -> None:
    catalog, _ = validated(REPO)
    assert catalog is not None
    forum = catalog.forums[SAMPLE].record.model_copy(update={"requests": [], "schedule": []})
    matches = match_forum(forum, profiles(catalog), catalog.category_by_slug)
    knit = next(m for m in matches if m.need.slug == "maklun-sweter")
    assert knit.fits == ()  # 500 lusin a month: no knitter of the sample makes it alone
    wanted = [w for w in wanted_meetings(forum, matches) if w.need == "maklun-sweter"]
    assert [(w.ikm, w.priority) for w in wanted] == [("rajut-sinar-binong", 1)]
