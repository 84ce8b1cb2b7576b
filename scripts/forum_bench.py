"""Measure the forum scheduler on generated forums: conflicts, distance from the best possible, time.

Run: ``.venv/bin/python scripts/forum_bench.py`` (about half a minute on one core; ``--quick`` for
the first size only). Prints a markdown table for docs/forums.md.

Each forum is drawn from a fixed seed: F firms, I IKMs, S slots. Every firm asks for 8–16 meetings
(so some ask for more than they have slots), IKMs are picked with a skewed popularity (the most
wanted ones are asked for by more firms than there are slots), priorities 1–3 (one in five is 1,
two in five 2), and one firm in five is there in the morning only (the first half of the slots).
For each forum the script:

- solves it with ``matching.solver.solve`` (CP-SAT, one worker, fixed seed) and checks the result
  with ``matching.schedule.conflicts`` (nobody in two places at once, tables kept);
- reports the meetings placed per priority against two upper bounds: CP-SAT's proven bound, and a
  simple one anyone can check: no firm meets more often than it has slots and no IKM more often
  than the forum has slots (min of the two sums);
- solves it again and compares: the same schedule both times (determinism);
- times both (wall clock on this machine, and CP-SAT's deterministic time, which does not depend
  on the machine).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "src"))

from etalase.matching.schedule import Problem, Wanted, conflicts
from etalase.matching.solver import counts, solve

SIZES = [(15, 80, 12), (15, 80, 8), (30, 150, 12), (60, 300, 12)]
SEEDS = (1, 2, 3, 4, 5)


def generated(firms: int, ikms: int, slots: int, seed: int) -> Problem:
    """Return a forum's scheduling problem drawn from ``seed``."""
    rng = random.Random(seed)
    times = tuple(f"{9 + i // 2:02d}:{30 * (i % 2):02d}" for i in range(slots))
    popularity = [1 / (rank + 1) ** 0.8 for rank in range(ikms)]
    wanted = []
    present = {}
    for f in range(firms):
        firm = f"firm-{f:02d}"
        present[firm] = times[: slots // 2] if f % 5 == 4 else times
        asked = set()
        while len(asked) < rng.randint(8, 16):
            asked.add(rng.choices(range(ikms), popularity)[0])
        for i in sorted(asked):
            priority = rng.choices((1, 2, 3), (1, 2, 2))[0]
            wanted.append(Wanted(firm, f"ikm-{i:03d}", None, priority))
    return Problem(
        slots=times,
        tables={f"firm-{f:02d}": f + 1 for f in range(firms)},
        present=present,
        wanted=tuple(wanted),
        previous={},
    )


def simple_bound(problem: Problem) -> int:
    """Return an upper bound on the meetings anyone can check: per firm its slots, per IKM the forum's."""
    firms = Counter(w.firm for w in problem.wanted)
    ikms = Counter(w.ikm for w in problem.wanted)
    by_firms = sum(min(n, len(problem.present[f])) for f, n in firms.items())
    by_ikms = sum(min(n, len(problem.slots)) for n in ikms.values())
    return min(by_firms, by_ikms)


def measure(firms: int, ikms: int, slots: int, seed: int) -> dict[str, object]:
    """Return the measurements of one generated forum."""
    problem = generated(firms, ikms, slots, seed)
    started = time.perf_counter()
    first = solve(problem)
    wall = time.perf_counter() - started
    again = solve(problem)
    broken = conflicts(first.meetings, len(problem.tables), problem.slots)
    placed = Counter(w.priority for w in problem.wanted) - Counter(w.priority for w in first.unplaced)
    return {
        "size": f"{firms}×{ikms}×{slots}",
        "seed": seed,
        "wanted": len(problem.wanted),
        "placed": len(first.meetings),
        "by_priority": "/".join(f"{placed[p]}" for p in (1, 2, 3)),
        "wanted_by_priority": "/".join(str(sum(w.priority == p for w in problem.wanted)) for p in (1, 2, 3)),
        "solver_bound": "/".join(str(n) for n in counts(problem, first.bound)),
        "simple_bound": simple_bound(problem),
        "status": first.status,
        "order": first.order_status,
        "conflicts": len(broken),
        "same_again": first.meetings == again.meetings,
        "seconds": wall,
        "det_time": first.deterministic_time,
    }


def main() -> int:
    """Print the table of measurements."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="only the first size")
    args = parser.parse_args()
    print(
        "| firms×IKMs×slots | seed | wanted (p1/p2/p3) | placed (p1/p2/p3) | CP-SAT bound (p1/p2/p3) / simple bound | meetings | "
        "slots | conflicts | same again | wall s | det. s |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    ok = True
    for size in SIZES[:1] if args.quick else SIZES:
        for seed in SEEDS if size == SIZES[0] else SEEDS[:2]:
            r = measure(*size, seed)
            ok = ok and r["conflicts"] == 0 and r["same_again"]
            print(
                f"| {r['size']} | {r['seed']} | {r['wanted']} ({r['wanted_by_priority']}) | {r['placed']} "
                f"({r['by_priority']}) | {r['solver_bound']} / {r['simple_bound']} | {r['status']} | {r['order']} | "
                f"{r['conflicts']} | {'yes' if r['same_again'] else 'NO'} | {r['seconds']:.2f} | {r['det_time']:.2f} |"
            )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
