"""Matching firms' needs to IKMs, and scheduling their meetings at a business forum.

Pure and deterministic; imports only ``model`` (``check``, ``render`` and ``tools`` use it):

- ``profile``: what an IKM offers per category, from its capabilities block and its products;
- ``fit``: one IKM against one need, criterion by criterion, each with its reason in words;
- ``rank``: every need against the IKMs, ranked fits and near misses;
- ``schedule``: the meetings wanted, each firm's table, conflict checks, why a meeting has no place;
- ``solver``: the schedule placed by OR-Tools' CP-SAT (imported only when scheduling);
- ``words``: numbers, amounts and dates as the reasons say them.
"""

from etalase.matching.fit import Assessment, Criterion, Status, assess
from etalase.matching.profile import Profile, profiles
from etalase.matching.rank import NeedMatches, match_forum, match_need
from etalase.matching.schedule import Problem, Wanted, conflicts, explain, firm_tables, problem, wanted_meetings

__all__ = [
    "Assessment",
    "Criterion",
    "NeedMatches",
    "Problem",
    "Profile",
    "Status",
    "Wanted",
    "assess",
    "conflicts",
    "explain",
    "firm_tables",
    "match_forum",
    "match_need",
    "problem",
    "profiles",
    "wanted_meetings",
]
