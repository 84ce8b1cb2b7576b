"""Screenshots and visible text of chosen pages of a built site, to compare a change before and after.

    .venv/bin/python scripts/page_shots.py SITE OUT [PAGE ...]
    .venv/bin/python scripts/page_shots.py build/before/site shots/before produk/dewi-rajut/baju-bayi-rajut/

Serves SITE on 127.0.0.1 (gzip, as GitHub Pages does: tests/gzserve.py), opens each page in
Debian's Chromium (Playwright) at 390 px (a phone, device scale 2) and 1280 px wide, and writes
OUT/<page>-<width>.png (the whole page) and OUT/<page>-<width>.txt: the page's visible text
(``innerText``), the links and buttons a visitor can reach (role, name, href) and the images
(src, alt), so two runs can be compared with ``diff -r`` as well as by eye. With no PAGE, a product
page, an IKM page, a category, the home page and their English twins are taken.
"""

from __future__ import annotations

import argparse
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking"]
WIDTHS = {390: (390, 844, 2), 1280: (1280, 900, 1)}
_INVENTORY = """() => {
  const seen = (e) => !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length);
  const lines = [];
  for (const e of document.querySelectorAll('a[href], button, input, select, summary')) {
    if (!seen(e) && !e.closest('.md-sidebar')) continue;
    const name = (e.getAttribute('aria-label') || e.innerText || e.value || e.title || '').replace(/\\s+/g, ' ').trim();
    lines.push(`${e.tagName.toLowerCase()}${seen(e) ? '' : ' (in the drawer)'}: ${name} ${e.getAttribute('href') || ''}`);
  }
  for (const img of document.querySelectorAll('img')) lines.push(`img: ${img.getAttribute('src')} alt=${img.alt}`);
  return lines.join('\\n');
}"""


def default_pages(site: Path) -> list[str]:
    """Return a product, an IKM, a category and the home page, in both languages."""
    product = sorted(site.glob("produk/*/*/index.html"), key=lambda p: -len(list(p.parent.parent.iterdir())))[0]
    ikm = sorted(site.glob("ikm/*/index.html"))[0]
    category = sorted(site.glob("kategori/*/index.html"))[0]
    pages = [p.parent.relative_to(site).as_posix() + "/" for p in (product, ikm, category)] + [""]
    return pages + [f"en/{page}" for page in pages]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def shoot(site: Path, out: Path, pages: list[str]) -> None:
    """Write the screenshots and inventories of ``pages`` of ``site`` into ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, str(Path(__file__).parents[1] / "tests" / "gzserve.py"), str(port), str(site)]
    )
    try:
        time.sleep(1.0)
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for width, (w, h, scale) in WIDTHS.items():
                context = browser.new_context(viewport={"width": w, "height": h}, device_scale_factor=scale)
                page = context.new_page()
                for rel in pages:
                    page.goto(f"http://127.0.0.1:{port}/{rel}", wait_until="networkidle")
                    name = re.sub(r"[^a-z0-9]+", "-", rel.lower()).strip("-") or "home"
                    page.screenshot(path=str(out / f"{name}-{width}.png"), full_page=True)
                    text = page.evaluate("() => document.body.innerText")
                    (out / f"{name}-{width}.txt").write_text(
                        text + "\n\n--- reachable ---\n" + page.evaluate(_INVENTORY) + "\n", encoding="utf-8"
                    )
                context.close()
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("pages", nargs="*")
    args = parser.parse_args(argv)
    shoot(args.site, args.out, args.pages or default_pages(args.site))
    return 0


if __name__ == "__main__":
    sys.exit(main())
