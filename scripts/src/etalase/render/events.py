"""Festivals and business forums listed, newest first, so a visitor finds them: on the home page,
and at ``festival/`` and ``forum/`` (the folders' own addresses, which a shortened link reaches).

A festival's or forum's pages are otherwise reached only by a shared link (and a forum from the
needs board). No "upcoming" or "past" label: a build depends on its records, never on the clock.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from etalase.model.catalog import Catalog
from etalase.render.engine import PageMeta
from etalase.render.festival import date_range, festival_path
from etalase.render.forumviews import forum_path

HOME_EVENTS = 6  # events listed on the home page


@dataclass(frozen=True)
class EventLink:
    """One festival or forum as the home page lists it."""

    kind: str  # "festival" or "forum": the label's translation key
    name: str
    path: str  # relative to the language root
    when: str  # the dates as the page's language writes them
    where: str
    first_day: dt.date


def event_links(renderer: Any, limit: int | None = HOME_EVENTS) -> list[EventLink]:
    """Return the festivals and forums of the catalogue, the latest first day first, at most ``limit``."""
    catalog: Catalog = renderer.catalog
    months = renderer.fmt.table["months"]
    events = [
        EventLink(
            kind="festival",
            name=festival.name.get(renderer.lang),
            path=festival_path(festival.slug),
            when=date_range(renderer.t, months, festival.dates.start, festival.dates.end),
            where=f"{festival.venue.name}, {festival.venue.city}",
            first_day=festival.dates.start,
        )
        for festival in (entry.record for entry in catalog.festivals.values())
    ]
    events += [
        EventLink(
            kind="forum",
            name=forum.name.get(renderer.lang),
            path=forum_path(forum.slug),
            when=renderer.fmt.date(forum.date),
            where=f"{forum.venue.name}, {forum.venue.city}",
            first_day=forum.date,
        )
        for forum in (entry.record for entry in catalog.forums.values())
    ]
    return sorted(events, key=lambda event: (-event.first_day.toordinal(), event.name.casefold()))[:limit]


def event_index_pages(renderer: Any) -> list[tuple[str, str]]:
    """Return ``festival/index.md`` and ``forum/index.md``, each listing every event of its kind
    (a page only for a kind the catalogue has)."""
    events = event_links(renderer, limit=None)
    pages = []
    for kind in ("festival", "forum"):
        listed = [event for event in events if event.kind == kind]
        if listed:
            intro = renderer.t(f"events.{kind}_intro")
            meta = PageMeta(renderer.t(f"events.{kind}_title"), intro)
            pages.append(renderer.render("events", f"{kind}/index.md", meta, events=listed, intro=intro))
    return pages
