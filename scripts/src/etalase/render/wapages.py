"""Short WhatsApp addresses: ``chat/<ikm>/`` (``en/chat/<ikm>/``), a page that opens the chat.

A booth sheet's WhatsApp QR code used to carry the whole wa.me link with its message: 61 modules
in 37 mm, 0.6 mm a module, readable from 35–40 cm only. It now carries this page's address
(``https://…/chat/<ikm>/``, a version-4 code of 33 modules), whose modules print at about 1 mm and
scan from a metre away. The page sends the visitor on to the chat with the message written
(``<meta http-equiv="refresh">``, no JavaScript needed) and shows the same chat as a plain link
and the number, for a browser that does not follow the refresh. It is not indexed.
"""

from __future__ import annotations

from typing import Any

from etalase.render.engine import PageMeta
from etalase.render.links import whatsapp_href
from etalase.render.text import summary

WA_DIR = "chat"  # not "wa": mkdocs-static-i18n reads a two-letter folder as a language (Walloon) and skips it


def wa_path(slug: str) -> str:
    """Return an IKM's short WhatsApp address, relative to the language root."""
    return f"{WA_DIR}/{slug}/"


def wa_pages(renderer: Any) -> list[tuple[str, str]]:
    """Return (docs path, content) of the short WhatsApp page of every IKM with a WhatsApp number."""
    t = renderer.t
    site = renderer.catalog.site.title.get(renderer.lang)
    pages = []
    for slug in sorted(renderer.catalog.ikms):
        ikm = renderer.catalog.ikms[slug].record
        message = t("wa_page.message", maker=ikm.name, site=site)
        href = whatsapp_href(ikm.contacts.whatsapp, message)
        if not href:
            continue
        title = t("wa_page.title", maker=ikm.name)
        meta = PageMeta(title, summary(title))
        pages.append(renderer.render("chat", f"{WA_DIR}/{slug}.md", meta, ikm=ikm, whatsapp=href, message=message))
    return pages
