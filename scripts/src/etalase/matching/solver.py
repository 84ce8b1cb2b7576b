"""Place the wanted meetings into slots with OR-Tools' CP-SAT solver: as many as possible, highest priority first.

The model (``schedule.Problem`` says why it only chooses slots): a yes/no variable per wanted
meeting and slot its firm is present in; each meeting in at most one slot; per slot at most one
meeting per firm and one per IKM. The objective, lexicographic by weights:

1. meetings, each worth more than every meeting of lower priority together:
   a priority-``p`` meeting weighs ``(n + 1) ** (3 - p)`` for ``n`` wanted meetings;
2. then, kept in the slot it had in the last schedule (``2 × slots`` per meeting), so running
   the command again after a small change moves as little as possible, and running it again on
   the same file changes nothing (a moved meeting loses more than any earlier slot can win back);
3. then, earlier slots (``slots − index``): people wait less, the afternoon stays free.

Each level's weights add up to less than one unit of the level above (the multiplier ``scale``).

Determinism: one search worker, a fixed seed and a limit in CP-SAT's *deterministic* time (work
done, not seconds of a clock), so the same problem gives the same schedule on any machine with
the same OR-Tools release (pinned in ``pyproject.toml``). ``ortools`` is imported here only:
building the site never needs it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from etalase.matching.schedule import Problem, Wanted
from etalase.model import Meeting

SEED = 20_261_112
DETERMINISTIC_LIMIT = 60.0  # CP-SAT's deterministic seconds; the 15×80×12 benchmark needs under 1


@dataclass(frozen=True)
class Solution:
    """The placed meetings and what the solver says about them."""

    meetings: tuple[Meeting, ...]  # ordered by slot, then table
    unplaced: tuple[Wanted, ...]
    status: str  # OPTIMAL (proven best), FEASIBLE (stopped at the limit), INFEASIBLE …
    objective: int
    bound: int  # no schedule scores more than this (equal to objective when OPTIMAL)
    seconds: float  # wall clock
    deterministic_time: float

    @property
    def proven(self) -> bool:
        """Return whether no better schedule exists."""
        return self.status == "OPTIMAL"


def weights(problem: Problem) -> tuple[dict[int, int], int, int]:
    """Return (weight per priority, weight of keeping a slot, scale of the meeting level)."""
    count = len(problem.wanted)
    slots = len(problem.slots)
    keep = 2 * slots
    scale = count * (keep + slots) + 1  # more than levels 2 and 3 can ever add up to
    return {p: (count + 1) ** (3 - p) for p in (1, 2, 3)}, keep, scale


def solve(problem: Problem, limit: float = DETERMINISTIC_LIMIT) -> Solution:
    """Return the best schedule CP-SAT finds for ``problem`` within ``limit`` deterministic seconds."""
    from ortools.sat.python import cp_model

    model = cp_model.CpModel()
    chosen: dict[tuple[int, str], Any] = {}
    for index, item in enumerate(problem.wanted):
        for slot in problem.allowed(item):
            chosen[index, slot] = model.new_bool_var(f"m{index}@{slot}")
        model.add_at_most_one(chosen[index, s] for s in problem.allowed(item))
    for key in ("firm", "ikm"):
        groups: dict[tuple[str, str], list[Any]] = {}
        for (index, slot), var in chosen.items():
            groups.setdefault((getattr(problem.wanted[index], key), slot), []).append(var)
        for variables in groups.values():
            model.add_at_most_one(variables)
    priority, keep, scale = weights(problem)
    terms = []
    for (index, slot), var in chosen.items():
        item = problem.wanted[index]
        bonus = len(problem.slots) - problem.slots.index(slot)
        if problem.previous.get(item.pair) == slot:
            bonus += keep
            model.add_hint(var, 1)
        terms.append((priority[item.priority] * scale + bonus) * var)
    model.maximize(sum(terms))
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = SEED
    solver.parameters.max_deterministic_time = limit
    started = time.perf_counter()
    status = solver.solve(model)
    seconds = time.perf_counter() - started
    found = status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    placed = {index: slot for (index, slot), var in chosen.items() if found and solver.value(var)}
    return Solution(
        meetings=_meetings(problem, placed),
        unplaced=tuple(item for index, item in enumerate(problem.wanted) if index not in placed),
        status=solver.status_name(status),
        objective=round(solver.objective_value) if found else 0,
        bound=round(solver.best_objective_bound) if found else 0,
        seconds=seconds,
        deterministic_time=solver.deterministic_time,
    )


def _meetings(problem: Problem, placed: dict[int, str]) -> tuple[Meeting, ...]:
    meetings = [
        Meeting(
            slot=slot,
            table=problem.tables[problem.wanted[index].firm],
            firm=problem.wanted[index].firm,
            ikm=problem.wanted[index].ikm,
            need=problem.wanted[index].need,
        )
        for index, slot in placed.items()
    ]
    return tuple(sorted(meetings, key=lambda m: (problem.slots.index(m.slot), m.table)))
