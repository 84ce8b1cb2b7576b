"""Benchmark search: Pagefind's index time and size, and the bytes a phone fetches for a first query.

Takes a built site (``site/`` after ``scripts/dev site``), indexes a copy of it again ``--runs``
times (the median is reported), then serves the site on 127.0.0.1 and opens the search page in
Debian's Chromium at phone size: once with the query in the URL (a shared link) and once typing
it into the search box of the opened page. Every response is counted by what it is (Pagefind's
library, index, result fragments, thumbnails, the page itself); ``gzip`` estimates the transfer
from a host that compresses text (GitHub Pages does; Pagefind's index files are compressed already).

    .venv/bin/python scripts/bench_search.py --site site --query kardigan
"""

from __future__ import annotations

import argparse
import gzip
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path
from urllib.parse import quote, urlsplit

from playwright.sync_api import Page, sync_playwright

from etalase.search.index import index_site
from etalase.tools.booths import BROWSER_FLAGS

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = list(BROWSER_FLAGS)
UNUSED_UI = ("pagefind-ui.", "pagefind-modular-ui.", "pagefind-component-ui.", "pagefind-highlight.")
TEXT_TYPES = (".js", ".css", ".html", ".json", "/")


def kind_of(path: str) -> str:
    """Return what a fetched path is, for the byte breakdown."""
    name = path.rsplit("/", 1)[-1]
    if "/pagefind/" in path:
        if name in {"pagefind.js", "pagefind-worker.js"} or name.startswith("wasm."):
            return "pagefind library"
        if "/fragment/" in path:
            return "pagefind result fragments"
        return "pagefind index and filters"
    if name == "thumb.webp":
        return "result thumbnails"
    if name.startswith("search."):
        return "search.js / search.css"
    return "page, theme and other"


def index_figures(site: Path, runs: int) -> tuple[int, float, int, int]:
    """Index a copy of ``site`` ``runs`` times; return pages, median seconds, index bytes, bytes served."""
    seconds = []
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "site"
        shutil.copytree(site, copy, ignore=shutil.ignore_patterns("pagefind", "media"))
        others = [lang for lang in ("en",) if (copy / lang).is_dir()]  # as the build does: a bundle per language
        bundles = [copy / "pagefind", *(copy / lang / "pagefind" for lang in others)]
        for _ in range(runs):
            for bundle in bundles:
                shutil.rmtree(bundle, ignore_errors=True)
            result = index_site(copy, others)
            seconds.append(result.seconds)
        files = [p for bundle in bundles for p in bundle.rglob("*") if p.is_file()]
        used = sum(p.stat().st_size for p in files if not p.name.startswith(UNUSED_UI))
    return result.pages, statistics.median(seconds), result.bytes, used


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, 6))


def measure(page: Page, url: str, action: str, query: str) -> dict[str, list[int]]:
    """Return kind → [bytes, estimated gzip bytes, requests] fetched for one first query."""
    fetched: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])

    def count(response) -> None:
        path = urlsplit(response.url).path
        try:
            body = response.body()
        except Exception:  # redirects have no body
            return
        kind = kind_of(path)
        compressed = "/pagefind/" in path and not path.endswith(".js")  # Pagefind gzips its own files
        text = path.endswith(TEXT_TYPES) and not compressed
        fetched[kind][0] += len(body)
        fetched[kind][1] += _gzip_size(body) if text else len(body)
        fetched[kind][2] += 1

    if action == "link":
        page.on("response", count)
        page.goto(f"{url}cari/?q={quote(query)}")
    else:
        page.goto(f"{url}cari/")
        page.locator("[data-results][aria-busy=false]").wait_for(state="attached")
        page.wait_for_load_state("networkidle")
        page.on("response", count)
        page.get_by_role("searchbox").last.press_sequentially(query, delay=30)
    page.locator("[data-status]").filter(has_text=f"“{query}”").wait_for()
    page.locator("[data-results][aria-busy=false]").wait_for(state="attached")
    page.evaluate("document.querySelectorAll('.et-result img').forEach(i => i.loading = 'eager')")  # a tall phone
    page.wait_for_load_state("networkidle")
    time.sleep(0.5)
    page.remove_listener("response", count)
    return dict(fetched)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=Path("site"), help="a built site (default: site/)")
    parser.add_argument("--query", default="kardigan", help="the first query (default: kardigan)")
    parser.add_argument("--runs", type=int, default=3, help="indexing runs; the median is reported")
    args = parser.parse_args(argv)
    if not (args.site / "pagefind" / "pagefind.js").is_file():
        parser.error(f"{args.site} is not a built site with a search index: run scripts/dev site first")

    pages, seconds, size, used = index_figures(args.site, args.runs)
    print(f"index: {pages} pages in {seconds:.2f} s (median of {args.runs}); ", end="")
    print(f"pagefind/ {size / 1e3:.0f} kB, {used / 1e3:.0f} kB without the unused Default/Modular/Component UI files")

    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1", "--directory", str(args.site)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(0.5)
        url = f"http://127.0.0.1:{port}/"
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for action, title in (("link", "opening a search link"), ("type", "typing into the opened page")):
                context = browser.new_context(viewport={"width": 390, "height": 844})
                fetched = measure(context.new_page(), url, action, args.query)
                context.close()
                print(f"\nfirst query “{args.query}”, {title} (phone, empty cache):")
                print(f"  {'what':28} {'requests':>8} {'bytes':>10} {'gzip est.':>10}")
                for kind in sorted(fetched):
                    raw, packed, requests = fetched[kind]
                    print(f"  {kind:28} {requests:>8} {raw:>10,} {packed:>10,}")
                search = [v for k, v in fetched.items() if k.startswith("pagefind")]
                total = [sum(v[i] for v in search) for i in range(3)]
                print(f"  {'pagefind in total':28} {total[2]:>8} {total[0]:>10,} {total[1]:>10,}")
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
