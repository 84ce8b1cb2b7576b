"""Every need against every IKM: the ones that fit, ranked, and the near misses with what they lack.

Ranking is a plain sort, so the same records always give the same order:

- fits first: fewer unknowns (less to ask), then the larger capacity (counted up to three times the
  volume: beyond that one workshop is as good as another), then an IKM in the delivery city, then
  by name and folder name;
- near misses (``NEAR_MISSED`` criteria missed at most): fewer missed, fewer unknown, larger
  capacity, then by name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from etalase.matching.fit import Assessment, assess
from etalase.matching.profile import Profile
from etalase.model import Category, Firm, Forum, Need

NEAR_MISSED = 2  # an IKM missing more than this many criteria is not worth a meeting about the need
COVERAGE_CAP = Fraction(3)


@dataclass(frozen=True)
class NeedMatches:
    """One need of one firm with the IKMs that fit and the near misses."""

    forum: Forum
    firm: Firm
    need: Need
    fits: tuple[Assessment, ...]
    near: tuple[Assessment, ...]

    @property
    def key(self) -> str:
        """Return the need's id in the forum: ``<firm>--<need>`` (an HTML id and a print anchor)."""
        return f"{self.firm.slug}--{self.need.slug}"


def _capacity(assessment: Assessment) -> Fraction:
    return min(assessment.coverage or Fraction(0), COVERAGE_CAP)


def _in_city(assessment: Assessment) -> bool:
    return any(c.kind == "city" for c in assessment.met)


def _name(assessment: Assessment) -> tuple[str, str]:
    return assessment.profile.ikm.name.casefold(), assessment.profile.slug


def fit_order(assessment: Assessment) -> tuple[object, ...]:
    """Return the sort key of an IKM that fits."""
    return (len(assessment.unknown), -_capacity(assessment), not _in_city(assessment), *_name(assessment))


def near_order(assessment: Assessment) -> tuple[object, ...]:
    """Return the sort key of a near miss."""
    return (len(assessment.missed), len(assessment.unknown), -_capacity(assessment), *_name(assessment))


def match_need(
    need: Need, profiles: Iterable[Profile], category: Category, on: dt.date
) -> tuple[tuple[Assessment, ...], tuple[Assessment, ...]]:
    """Return (the IKMs that fit, ranked; the near misses, ranked) among ``profiles`` for ``need``."""
    found = [a for p in profiles if (a := assess(need, p, category, on)) is not None]
    fits = sorted((a for a in found if a.fits), key=fit_order)
    near = sorted((a for a in found if 0 < len(a.missed) <= NEAR_MISSED), key=near_order)
    return tuple(fits), tuple(near)


def match_forum(
    forum: Forum,
    profiles: Mapping[str, Profile],
    categories: Mapping[str, Category],
    *,
    participants_only: bool = True,
    open_only: bool = False,
) -> list[NeedMatches]:
    """Return the matches of every need of ``forum``, in the file's order of firms and needs.

    ``participants_only`` weighs the forum's IKMs only (whom the firms can meet there); otherwise
    every IKM of ``profiles`` (the needs board, where any IKM may answer). ``open_only`` leaves out
    needs marked ``open: false``. A need in a category not in ``categories`` is left out (such a
    file does not pass ``etalase validate``).
    """
    chosen = (
        [profiles[s] for s in dict.fromkeys(forum.ikms) if s in profiles]
        if participants_only
        else list(profiles.values())
    )
    matches = []
    for firm in forum.firms:
        for need in firm.needs:
            category = categories.get(need.category)
            if category is None or (open_only and not need.open):
                continue
            fits, near = match_need(need, chosen, category, forum.date)
            matches.append(NeedMatches(forum, firm, need, fits, near))
    return matches
