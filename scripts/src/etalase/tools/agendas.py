"""``etalase forum print``: print every participant's agenda of a forum into one PDF.

As ``etalase booths`` does for booth sheets: builds the site (or uses the built one), serves it on
127.0.0.1 while headless Chromium prints ``forum/<slug>/agenda/``, one A4 portrait page per
participant (the page's print CSS sets the paper and the page breaks). Nothing is downloaded.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from etalase.render.forumviews import agendas_path
from etalase.tools.booths import (
    EXIT_OK,
    EXIT_PROBLEMS,
    EXIT_USAGE,
    BoothsError,
    browser_and_site,
    pdf_page_count,
    print_pdf,
    serve_site,
)

SHEET = 'class="et-agenda"'


def agendas_page(site_dir: Path, slug: str) -> Path:
    """Return the built print-all agenda page of forum ``slug``; raise ``BoothsError`` if there is none."""
    page = site_dir / agendas_path(slug) / "index.html"
    if page.is_file():
        return page
    known = sorted(p.parent.parent.name for p in (site_dir / "forum").glob("*/agenda/index.html"))
    raise BoothsError(
        f"forum '{slug}' is not in the site {site_dir} (forums there: {', '.join(known) or 'none'}) — "
        f"check the name of catalog/forums/{slug}.yml, then build again",
        EXIT_USAGE,
    )


def print_agendas(args: argparse.Namespace, build: Callable[[argparse.Namespace], int]) -> int:
    """Run ``etalase forum print`` (``build`` is ``etalase build``, run first unless --no-build)."""
    ready = browser_and_site(args, build, "the agendas")
    if isinstance(ready, int):
        return ready
    chromium, site_dir = ready
    pdf = (args.output or Path(f"{args.forum}-agenda.pdf")).resolve()
    try:
        page = agendas_page(site_dir, args.forum)
        sheets = page.read_text(encoding="utf-8").count(SHEET)
        with serve_site(site_dir) as base:
            print_pdf(chromium, base + agendas_path(args.forum), pdf)
    except BoothsError as error:
        print(f"forum print: {error}", file=sys.stderr)
        return error.code
    pages = pdf_page_count(pdf)
    print(f"Wrote {os.path.relpath(pdf)}: {pages} page(s) for {sheets} agenda(s), A4 portrait.")
    if pages != sheets:
        print(
            f"forum print: {pages} pages for {sheets} agendas — an agenda ran over its page; open the PDF and "
            "shorten the longest names",
            file=sys.stderr,
        )
        return EXIT_PROBLEMS
    return EXIT_OK
