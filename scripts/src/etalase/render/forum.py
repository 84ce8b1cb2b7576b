"""Business forum pages: the forum, its agendas to print and the organiser's table plan (checks: ``check/forums.py``).

A forum record (``catalog/forums/<slug>.yml``, model ``model.Forum``) names its firms with their
needs, the IKMs taking part, the schedule (written by ``etalase forum schedule``) and the outcomes.

Pages (``forum_pages``, called from ``render_pages``):

- ``forum/<slug>/``: the day, the firms and their needs with the IKMs that fit (``matching``), the
  IKMs taking part, the schedule as a grid of slots × tables, and the outcomes;
- ``forum/<slug>/agenda/mitra/<firm>/`` and ``forum/<slug>/agenda/ikm/<ikm>/``: one A4 agenda per
  participant (``agenda.py``);
- ``forum/<slug>/agenda/``: every agenda, one per A4 page, to print in one job;
- ``forum/<slug>/meja/``: the table plan, slot by slot, for the organiser's desk.

The views are ``forumviews.py``; the needs board (``kebutuhan/``) is ``needs.py``; outcomes in
numbers (statistics page, open data) are ``partnerships.py``.
"""

from __future__ import annotations

from typing import Any

from etalase.model.catalog import Catalog
from etalase.render.agenda import agenda_views
from etalase.render.engine import PageMeta
from etalase.render.festival import phone_display
from etalase.render.forumviews import agendas_path, forum_path, forum_view, need_of, slot_end, tables_path
from etalase.render.text import summary


def forum_pages(renderer: Any) -> list[tuple[str, str]]:
    """Return (docs path, content) of every forum's page, agendas, print-all page and table plan."""
    pages: list[tuple[str, str]] = []
    catalog: Catalog = renderer.catalog
    t = renderer.t
    for slug in sorted(catalog.forums):
        view = forum_view(renderer, catalog.forums[slug])
        forum = view.forum
        name = forum.name.get(renderer.lang)
        where = f"{forum.venue.name}, {forum.venue.city}"
        description = summary(t("forum.description", forum=name, date=view.date, venue=where))
        agendas = agenda_views(renderer, view)
        context = {
            "fv": view,
            "forum": forum,
            "venue": where,
            "agendas": agendas,
            "slot_end": lambda slot, forum=forum: slot_end(forum, slot),
            "need_of": need_of,
            "phone": phone_display,
            "forum_page": forum_path(slug),
            "agendas_page": agendas_path(slug),
            "tables_page": tables_path(slug),
        }
        pages.append(renderer.render("forum", f"forum/{slug}/index.md", PageMeta(name, description), **context))
        for agenda in agendas:
            title = t("forum.agenda_title", who=agenda.name, forum=name)
            meta = PageMeta(title, summary(title))
            pages.append(renderer.render("forum_agenda", agenda.path.rstrip("/") + ".md", meta, a=agenda, **context))
        meta = PageMeta(t("forum.print_title", forum=name), description)
        pages.append(renderer.render("forum_print", f"forum/{slug}/agenda/index.md", meta, **context))
        meta = PageMeta(t("forum.tables_title", forum=name), description)
        pages.append(renderer.render("forum_tables", f"forum/{slug}/meja.md", meta, **context))
    return pages
