"""The needs board (``kebutuhan/``): every open need of every forum, with the IKMs that fit and a way to answer.

Any IKM of the catalogue may answer a need, not only the forum's participants: each need lists
the catalogue's IKMs that fit (``matching``, weighed on the forum's day) and the near misses with
what they lack, and a WhatsApp button opens a chat with the forum's facilitator with a message
already written (the IKM fills in its name). Needs marked ``open: false`` are left out.

The board filters by category, forum and delivery city in the browser (``assets/needs.js`` hides
cards; the choice is kept in the address, ``?kategori=rajut&forum=…&kota=…``, so a filtered board
can be shared); without JavaScript every need is shown, grouped by category.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from etalase.matching import match_forum, profiles
from etalase.model import Forum
from etalase.model.catalog import Catalog, Entry
from etalase.render.engine import PageMeta
from etalase.render.forumviews import NeedView, forum_path, need_views
from etalase.render.links import whatsapp_href
from etalase.render.text import summary

NEEDS_PAGE = "kebutuhan/"  # in each language: kebutuhan/, en/kebutuhan/


def template_globals() -> dict[str, object]:
    """Return what every page's template may link to: the needs board's path from ``home``."""
    return {"needs_page": NEEDS_PAGE}


@dataclass(frozen=True)
class NeedCard:
    """One open need on the board: its forum, the need with its matches, and the answer link."""

    forum: Entry[Forum]
    date: str
    view: NeedView
    respond: str | None  # wa.me link to the facilitator with a message written
    participants: frozenset[str]  # the forum's IKMs (marked in the list of IKMs that fit)

    @property
    def forum_page(self) -> str:
        """Return the need's place on its forum page, relative to the language root."""
        return f"{forum_path(self.forum.record.slug)}#{self.view.anchor}"


def need_cards(renderer: Any) -> list[NeedCard]:
    """Return every open need of every forum: the latest forum first, then in the file's order."""
    catalog: Catalog = renderer.catalog
    everyone = profiles(catalog)
    cards = []
    for entry in sorted(catalog.forums.values(), key=lambda e: (-e.record.date.toordinal(), e.record.slug)):
        forum = entry.record
        matches = match_forum(forum, everyone, catalog.category_by_slug, participants_only=False, open_only=True)
        views = need_views(catalog, forum, matches)
        name = forum.name.get(renderer.lang)
        for match in matches:
            view = views[match.firm.slug, match.need.slug]
            url = renderer.page_url(NEEDS_PAGE) + f"#{view.anchor}" if renderer.site_url else ""
            message = renderer.t(
                "forum.whatsapp_respond",
                name=forum.facilitator.name,
                need=match.need.what.get(renderer.lang),
                firm=match.firm.name,
                forum=name,
                url=url,
            )
            cards.append(
                NeedCard(
                    forum=entry,
                    date=renderer.fmt.date(forum.date),
                    view=view,
                    respond=whatsapp_href(forum.facilitator.whatsapp, message.strip()),
                    participants=frozenset(forum.ikms),
                )
            )
    return cards


def needs_pages(renderer: Any) -> list[tuple[str, str]]:
    """Return (docs path, content) of the needs board in the renderer's language."""
    catalog: Catalog = renderer.catalog
    t, lang = renderer.t, renderer.lang
    cards = need_cards(renderer)
    categories = [c for c in catalog.categories if any(card.view.need.category == c.slug for card in cards)]
    forums = list(dict.fromkeys(card.forum.record.slug for card in cards))
    cities = sorted({card.view.need.delivery_city for card in cards}, key=str.casefold)
    groups = [(c, [card for card in cards if card.view.need.category == c.slug]) for c in categories]
    meta = PageMeta(t("needs.title"), summary(t("needs.intro")))
    return [
        renderer.render(
            "needs",
            NEEDS_PAGE.rstrip("/") + ".md",
            meta,
            cards=cards,
            groups=groups,
            forum_names=[(slug, catalog.forums[slug].record.name.get(lang)) for slug in forums],
            cities=cities,
        )
    ]
