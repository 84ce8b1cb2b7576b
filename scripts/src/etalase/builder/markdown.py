"""Generated pages skip Python-Markdown: a body of one raw HTML block is given to MkDocs as it is."""

from __future__ import annotations

import html
import logging
import re

from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

_RAW_PAGE_START = '<div class="et '


_DIV_TAG = re.compile(r"<(/?)div\b", re.IGNORECASE)


_OPAQUE = re.compile(r"<!--.*?-->|<(script|style)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)


_TAG = re.compile(r"<([a-zA-Z][^\s/>]*)((?:\s+[^\s>]*?(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s>]+))?)*)\s*/?>")


_ATTRIBUTE = re.compile(r"""([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")


def raw_html_body(markdown: str) -> str | None:
    """Return the HTML Python-Markdown would make of ``markdown`` when it is one raw ``<div>``
    block of a generated page (the block itself), else ``None``.

    The block must start with ``<div class="et ``, hold no blank line and close its first
    ``<div>`` only at its very end; record text inside it is escaped by the render stage, so
    every ``<div`` in it is a tag.
    """
    body = markdown.strip("\n")
    if not body.startswith(_RAW_PAGE_START) or not body.endswith("</div>") or "\n\n" in body or "\r" in body:
        return None
    depth = 0
    for match in _DIV_TAG.finditer(body):
        depth += -1 if match.group(1) else 1
        if depth == 0:
            return body if match.start() == len(body) - len("</div>") else None
    return None


def anchor_ids(body: str) -> set[str]:
    """Return the ``id`` values (and ``name`` of ``<a>``) in ``body``, as MkDocs collects them."""
    found = set()
    for tag in _TAG.finditer(_OPAQUE.sub("", body)):
        name = tag.group(1).lower()
        for attribute in _ATTRIBUTE.finditer(tag.group(2)):
            key = attribute.group(1).lower()
            if key == "id" or (key == "name" and name == "a"):
                value = next((v for v in attribute.group(2, 3, 4) if v is not None), None)
                if value is not None:
                    found.add(html.unescape(value))
    return found


def skip_markdown(page: Page, body: str) -> None:
    """Make ``page.render`` give ``page`` what MkDocs' own would for a body of one raw HTML block:
    the block as its content, no table of contents, no title from the body, its anchors."""

    def render(config: object, files: object) -> None:
        page.content = page.markdown = body  # one string, not two, per page kept until the build ends
        page.toc = get_toc([])
        page._title_from_render = None
        page.present_anchor_ids = anchor_ids(body)
        if logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = {}

    page.render = render  # type: ignore[method-assign]
