"""Place the wanted meetings into slots with OR-Tools' CP-SAT solver: as many as possible, highest priority first.

The model (``schedule.Problem`` says why it only chooses slots): a yes/no variable per wanted
meeting and slot its firm is present in; each meeting in at most one slot; per slot at most one
meeting per firm and one per IKM. It is solved twice:

1. **which meetings**: maximise the meetings, each worth more than every meeting of lower
   priority together (a priority-``p`` meeting weighs ``(n + 1) ** (3 - p)`` for ``n`` wanted
   meetings, so the objective written in base ``n + 1`` is the count of priority 1, 2 and 3
   meetings). CP-SAT proves this optimum in well under a second for 15 firms × 80 IKMs × 12
   slots (``scripts/forum_bench.py``; docs/forums.md has the figures); its bound says how far from
   the best a schedule is when it stops at the limit;
2. **which slots**: with that optimum held fixed, keep every meeting in the slot it had in the
   last schedule (``2 × slots`` per meeting) and then prefer earlier slots (``slots − index``),
   so that running the command again after a small change moves as little as possible and
   running it on an unchanged file writes the same schedule. This level has many equal answers
   and is only searched for ``ORDER_LIMIT``; its best answer so far is taken.

Both phases start from a hint: the last schedule, then the first phase's answer.

Determinism: one search worker, a fixed seed and limits in CP-SAT's *deterministic* time (work
done, not seconds of a clock), so the same problem gives the same schedule on every run with the
same OR-Tools release (pinned in ``pyproject.toml``). ``ortools`` is imported here only, when a
schedule is made: building the site never needs it.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

from etalase.matching.schedule import Problem, Wanted
from etalase.model import Meeting

SEED = 20_261_112
PLACE_LIMIT = 30.0  # deterministic seconds for phase 1; the 15×80×12 benchmark needs about 0.05
ORDER_LIMIT = 1.0  # deterministic seconds for phase 2 (slots): good answers come early, proofs late


@dataclass(frozen=True)
class Solution:
    """The placed meetings and what the solver says about them."""

    meetings: tuple[Meeting, ...]  # ordered by slot, then table
    unplaced: tuple[Wanted, ...]
    status: str  # of phase 1: OPTIMAL (proven best), FEASIBLE (stopped at the limit), INFEASIBLE …
    objective: int  # phase 1: the meetings, weighted by priority
    bound: int  # no schedule scores more than this in phase 1 (equal to objective when OPTIMAL)
    order_status: str  # of phase 2
    seconds: float  # wall clock, both phases
    deterministic_time: float  # both phases

    @property
    def proven(self) -> bool:
        """Return whether no schedule has more meetings (highest priority first)."""
        return self.status == "OPTIMAL"


def priority_weights(problem: Problem) -> dict[int, int]:
    """Return each priority's weight: one meeting outweighs all meetings of lower priority."""
    return {p: (len(problem.wanted) + 1) ** (3 - p) for p in (1, 2, 3)}


def counts(problem: Problem, objective: int) -> tuple[int, int, int]:
    """Return the meetings of priority 1, 2 and 3 a phase-1 objective (or bound) stands for."""
    base = len(problem.wanted) + 1
    return objective // base**2, objective // base % base, objective % base


def _model(problem: Problem) -> tuple[Any, dict[tuple[int, str], Any]]:
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
    return model, chosen


def _run(model: Any, limit: float) -> tuple[Any, int]:
    from ortools.sat.python import cp_model

    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = SEED
    solver.parameters.max_deterministic_time = limit
    return solver, solver.solve(model)


def _hint(model: Any, chosen: dict[tuple[int, str], Any], placed: dict[int, str]) -> None:
    model.clear_hints()
    for (index, slot), var in chosen.items():
        model.add_hint(var, placed.get(index) == slot)


def solve(problem: Problem, limit: float = PLACE_LIMIT, order_limit: float = ORDER_LIMIT) -> Solution:
    """Return the schedule of ``problem``: the most meetings, highest priority first, then the slots."""
    from ortools.sat.python import cp_model

    started = time.perf_counter()
    if not problem.wanted:
        return Solution((), (), "OPTIMAL", 0, 0, "OPTIMAL", time.perf_counter() - started, 0.0)
    model, chosen = _model(problem)
    previous = {i: problem.previous[w.pair] for i, w in enumerate(problem.wanted) if w.pair in problem.previous}
    _hint(model, chosen, previous)
    weight = priority_weights(problem)
    primary = sum(weight[problem.wanted[index].priority] * var for (index, _slot), var in chosen.items())
    model.maximize(primary)
    solver, status = _run(model, limit)
    found = (cp_model.OPTIMAL, cp_model.FEASIBLE)
    if status not in found:
        return Solution((), problem.wanted, solver.status_name(status), 0, 0, "", time.perf_counter() - started, 0)
    placed = {index: slot for (index, slot), var in chosen.items() if solver.value(var)}
    objective, bound, spent = (
        round(solver.objective_value),
        round(solver.best_objective_bound),
        solver.deterministic_time,
    )
    place_status = solver.status_name(status)
    model.add(primary >= objective)
    slots = len(problem.slots)
    model.maximize(
        sum(
            (2 * slots * (problem.previous.get(problem.wanted[index].pair) == slot) + slots - problem.slots.index(slot))
            * var
            for (index, slot), var in chosen.items()
        )
    )
    _hint(model, chosen, placed)
    solver, status = _run(model, order_limit)
    if status in found:
        placed = {index: slot for (index, slot), var in chosen.items() if solver.value(var)}
    return Solution(
        meetings=_meetings(problem, placed),
        unplaced=tuple(item for index, item in enumerate(problem.wanted) if index not in placed),
        status=place_status,
        objective=objective,
        bound=bound,
        order_status=solver.status_name(status),
        seconds=time.perf_counter() - started,
        deterministic_time=spent + solver.deterministic_time,
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
