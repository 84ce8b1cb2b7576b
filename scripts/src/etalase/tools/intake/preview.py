"""See it before it is merged: the pull request's changed product and IKM pages, at 390 px, and a summary.

Given the built site and the commit the pull request is compared with, finds the product and IKM
records it changes (a changed photo counts for the records that name it), copies their pages in
both languages into ``OUT/pages/`` and has Chromium take a full-page screenshot of each at 390 px
(a phone) into ``OUT/screenshots/``; the summary shows each record as buyers will read it. Pages
are served on 127.0.0.1 and every request elsewhere is refused, so nothing leaves the runner.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from etalase import pipeline
from etalase.model.catalog import Catalog
from etalase.render.links import ikm_path, language_prefix, product_path
from etalase.source.yamlsafe import YamlError, parse
from etalase.tools.booths import BROWSER_FLAGS, find_chromium, serve_site
from etalase.tools.intake.buyer import ikm_rows, product_rows, table
from etalase.tools.intake.owners import changed_files

LANGUAGES = ("id", "en")
VIEWPORT = (390, 844)  # CSS pixels of a common phone
SCREENSHOT_TIMEOUT_MS = 30_000


class PreviewError(Exception):
    """The preview cannot be made (no Chromium, no git history, no built site)."""


@dataclass(frozen=True)
class Page:
    """One page of a changed record in one language."""

    record: str  # the record file, e.g. products/rajut-x/kardigan.yml
    lang: str
    url: str  # relative to the site root, e.g. en/produk/rajut-x/kardigan/
    html: Path | None = None  # the copy in OUT/pages/
    screenshot: Path | None = None


@dataclass
class PreviewResult:
    """The pages copied and photographed, the records removed, and the summary."""

    pages: list[Page] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    summary: str = ""


def changed_records(root: Path, base: str) -> tuple[list[str], list[str]]:
    """Return the product and IKM records the commits since ``base`` change (present, removed)."""
    try:
        files = changed_files(root, base)
    except RuntimeError as error:
        raise PreviewError(str(error)) from None
    records: list[str] = []
    for rel in files:
        parts = PurePosixPath(rel).parts
        if len(parts) != 3 or parts[0] != "products":
            continue
        if rel.endswith(".yml"):
            records.append(rel)
        else:
            records += _records_naming(root, parts[1], parts[2])
    unique = list(dict.fromkeys(records))
    return [r for r in unique if (root / r).is_file()], [r for r in unique if not (root / r).is_file()]


def _records_naming(root: Path, ikm: str, photo: str) -> list[str]:
    """Return the records in ``products/<ikm>/`` whose photos or logo name ``photo``."""
    found = []
    for path in sorted((root / "products" / ikm).glob("*.yml")):
        try:
            data, _ = parse(path.read_bytes())
        except (OSError, YamlError):
            continue
        named = [p.get("file") for p in data.get("photos") or [] if isinstance(p, dict)]
        logo = data.get("logo")
        named.append(logo.get("file") if isinstance(logo, dict) else None)
        if photo in named:
            found.append(path.relative_to(root).as_posix())
    return found


def pages_of(catalog: Catalog, record: str) -> list[Page]:
    """Return the pages of a record in every language (none for a record the catalogue left out)."""
    if record.endswith("/ikm.yml"):
        slug = PurePosixPath(record).parent.name
        return [
            Page(record, lang, language_prefix(lang) + ikm_path(slug)) for lang in LANGUAGES if slug in catalog.ikms
        ]
    entry = next((e for e in catalog.products if e.path == record), None)
    if entry is None:
        return []
    return [Page(record, lang, language_prefix(lang) + product_path(entry.record)) for lang in LANGUAGES]


def run(root: Path, base: str, site: Path, out: Path, *, chromium: str | None = "") -> PreviewResult:
    """Copy and photograph the changed records' pages from ``site`` into ``out``; return them with a summary.

    ``chromium`` is the browser ("" finds one on the PATH); None takes no screenshots.
    """
    if not (site / "index.html").is_file():
        raise PreviewError(f"{site} holds no built site: run `etalase build` first")
    present, removed = changed_records(root, base)
    catalog = pipeline.check(root, dt.date.today(), check_photos=False).catalog
    if catalog is None:
        raise PreviewError("the catalogue's own files (catalog/) cannot be read: run `etalase validate`")
    pages = [page for record in present for page in pages_of(catalog, record)]
    pages = [_copy_page(site, out, page) for page in pages]
    if chromium is not None and pages:
        browser = find_chromium(chromium or None)
        if browser is None:
            raise PreviewError("Chromium was not found: install it (Debian: apt-get install chromium)")
        pages = _screenshots(site, out, pages, browser)
    result = PreviewResult(pages, removed)
    result.summary = summary(root, catalog, present, result)
    return result


def _copy_page(site: Path, out: Path, page: Page) -> Page:
    source = site / page.url / "index.html"
    if not source.is_file():
        return page
    target = out / "pages" / page.url / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
    return Page(page.record, page.lang, page.url, html=target)


def _screenshots(site: Path, out: Path, pages: list[Page], browser: str) -> list[Page]:
    """Return ``pages`` with a full-page 390 px screenshot of each, taken from ``site`` served on 127.0.0.1."""
    from playwright.sync_api import sync_playwright

    folder = out / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    done = []
    with serve_site(site) as base, sync_playwright() as driver, tempfile.TemporaryDirectory() as profile:
        context = driver.chromium.launch_persistent_context(
            profile,
            executable_path=browser,
            args=list(BROWSER_FLAGS),
            viewport={"width": VIEWPORT[0], "height": VIEWPORT[1]},
        )
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(base) else route.abort())
        try:
            tab = context.new_page()
            for page in pages:
                if page.html is None:
                    done.append(page)
                    continue
                tab.goto(base + page.url, wait_until="load", timeout=SCREENSHOT_TIMEOUT_MS)
                name = page.url.strip("/").replace("/", "_") or "index"
                shot = folder / f"{name if page.lang != 'id' else 'id_' + name}.png"
                tab.screenshot(path=str(shot), full_page=True, timeout=SCREENSHOT_TIMEOUT_MS)
                done.append(Page(page.record, page.lang, page.url, page.html, shot))
        finally:
            context.close()
    return done


def summary(root: Path, catalog: Catalog, present: list[str], result: PreviewResult) -> str:
    """Return the job summary: each changed record as buyers will read it, with its pages and screenshots."""
    templates = root / "templates"
    lines = ["## Pratinjau / Preview", ""]
    if not present and not result.removed:
        return "\n".join([*lines, "Tidak ada produk atau IKM yang berubah. / No product or IKM changed.", ""])
    for record in present:
        lines += _record_lines(catalog, record, templates, [p for p in result.pages if p.record == record])
    for record in result.removed:
        lines += [f"- `{record}`: dihapus / removed", ""]
    lines += [
        "Halaman dan tangkapan layar 390 px ada di artefak `preview-pr-…` dari run ini. / The pages and 390 px "
        "screenshots are in this run's `preview-pr-…` artifact.",
        "",
    ]
    return "\n".join(lines)


def _record_lines(catalog: Catalog, record: str, templates: Path, pages: list[Page]) -> list[str]:
    shots = ", ".join(f"`{p.screenshot.name}`" for p in pages if p.screenshot) or "—"
    urls = ", ".join(f"`/{p.url}`" for p in pages) or "—"
    if record.endswith("/ikm.yml"):
        entry = catalog.ikms.get(PurePosixPath(record).parent.name)
        if entry is None:
            return [f"### `{record}`", "", "Belum lolos pemeriksaan / does not pass the checks", ""]
        sentra = catalog.sentra.get(entry.record.sentra)
        rows = ikm_rows(entry.record, sentra.record.name if sentra else entry.record.sentra, templates)
        title = entry.record.name
    else:
        product = next((e for e in catalog.products if e.path == record), None)
        if product is None:
            return [f"### `{record}`", "", "Belum lolos pemeriksaan / does not pass the checks", ""]
        maker = catalog.ikms[product.record.ikm].record
        rows = product_rows(product.record, templates)
        name = product.record.name
        title = f"{name.get('id')} / {name.get('en')} — {maker.name}"
    return [f"### `{record}`", "", *table(title, rows), f"Halaman / pages: {urls}  ", f"Layar / screens: {shots}", ""]
