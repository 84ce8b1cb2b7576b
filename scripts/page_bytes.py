"""Where the bytes of a built site's pages go: mean HTML bytes per page type, and per part of a page.

    .venv/bin/python scripts/page_bytes.py site                 # the sample, built by `etalase build`
    .venv/bin/python scripts/page_bytes.py build/bench/1000/site

Prints, per language, the mean raw and gzip bytes of product, IKM, category and other pages, then
how a product page and an IKM page divide into parts: the document head, Material's header, tabs,
drawer and table-of-contents navigation, footer and scripts, and inside the page body the JSON-LD,
the shortlist buttons' data, the maker's other products, the WhatsApp links and the search helpers.
A part is the bytes of its element (attributes for the shortlist data); "whitespace" is the
indentation and blank lines of the whole page, counted once, not in the parts.
Used for docs/pages.md; reads the site only.
"""

from __future__ import annotations

import argparse
import gzip
import re
import statistics
import sys
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

# (part name, start tag test): an element whose start tag matches is measured, end tag included.
ELEMENTS = [
    ("head", lambda tag, a: tag == "head"),
    ("banner (illustrative data)", lambda tag, a: a.get("data-md-component") == "announce"),
    ("header", lambda tag, a: tag == "header"),
    ("tabs", lambda tag, a: "md-tabs" in a.get("class", "").split()),
    ("drawer navigation", lambda tag, a: a.get("data-md-type") == "navigation"),
    ("table of contents (empty)", lambda tag, a: a.get("data-md-type") == "toc"),
    ("footer", lambda tag, a: tag == "footer"),
    ("theme config and scripts", lambda tag, a: tag == "script" and a.get("type") != "application/ld+json"),
    ("JSON-LD", lambda tag, a: tag == "script" and a.get("type") == "application/ld+json"),
    (
        "more from the maker (cards, without shortlist data)",
        lambda tag, a: tag == "section" and "data-pagefind-ignore" in a,
    ),
    ("products (cards, without shortlist data)", lambda tag, a: tag == "ul" and "et-grid" in a.get("class", "")),
    ("WhatsApp buttons", lambda tag, a: tag == "a" and "et-wa" in a.get("class", "").split()),
    (
        "search helpers (Pagefind filters, synonyms)",
        lambda tag, a: (tag == "span" and "data-pagefind-weight" in a) or (tag == "div" and "data-pagefind-sort" in a),
    ),
]
VOID = {"meta", "link", "img", "input", "br", "hr", "source", "area", "base", "col", "embed", "wbr", "track"}
SHORTLIST_ATTR = re.compile(r' data-sl-[a-z-]+=(?:"[^"]*"|\'[^\']*\')')
WHITESPACE = re.compile(r"^[ \t]+|^\s*\n", re.M)


class _Spans(HTMLParser):
    """Finds the outermost span of every element that matches a part of ``ELEMENTS``."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.lines = [0]
        for line in text.splitlines(keepends=True):
            self.lines.append(self.lines[-1] + len(line.encode("utf-8")))
        self.stack: list[tuple[str, str | None, int]] = []
        self.spans: dict[str, list[tuple[int, int]]] = defaultdict(list)

    def at(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + len(self._text_lines[line - 1][:column].encode("utf-8"))

    def feed_text(self, text: str) -> None:
        self._text_lines = [*text.splitlines(keepends=True), ""]
        self.feed(text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict((k, v or "") for k, v in attrs)
        inside = any(name is not None for _, name, _ in self.stack)
        name = None if inside else next((n for n, test in ELEMENTS if test(tag, found)), None)
        start = self.at()
        if tag in VOID:
            if name:
                end = start + len(self.get_starttag_text().encode("utf-8"))
                self.spans[name].append((start, end))
            return
        self.stack.append((tag, name, start))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            open_tag, name, start = self.stack.pop()
            if open_tag == tag:
                if name:
                    end = self.at() + len(f"</{tag}>")
                    self.spans[name].append((start, end))
                return


def parts(text: str) -> dict[str, int]:
    """Return bytes per part of one page (see the module's docstring)."""
    data = text.encode("utf-8")
    spans = _Spans(text)
    spans.feed_text(text)
    sizes: dict[str, int] = {}
    for name, _ in ELEMENTS:
        chunk = b"".join(data[a:b] for a, b in spans.spans.get(name, []))
        inner = chunk.decode("utf-8")
        shortlist = sum(len(m.encode("utf-8")) for m in SHORTLIST_ATTR.findall(inner))
        blank = sum(len(m) for m in WHITESPACE.findall(inner))
        sizes[name] = len(chunk) - shortlist - blank
    sizes["shortlist data (data-sl-* attributes)"] = sum(len(m.encode("utf-8")) for m in SHORTLIST_ATTR.findall(text))
    sizes["whitespace (indentation, blank lines)"] = sum(len(m) for m in WHITESPACE.findall(text))
    sizes["rest of the page body and frame"] = len(data) - sum(sizes.values())
    return sizes


def page_kind(rel: str) -> str:
    parts_ = rel.split("/")
    if parts_[0] == "en":
        parts_ = parts_[1:]
    if not parts_ or parts_[0] == "index.html":
        return "home"
    return {"produk": "product", "ikm": "IKM", "kategori": "category", "sentra": "sentra", "chat": "chat"}.get(
        parts_[0], "other"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--sample", type=int, default=200, help="pages per kind for the part breakdown")
    args = parser.parse_args(argv)
    site: Path = args.site
    kinds: dict[tuple[str, str], list[tuple[int, int]]] = defaultdict(list)
    pages: dict[str, list[Path]] = defaultdict(list)
    for path in sorted(site.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if rel.startswith(("pagefind/", "en/pagefind/")):
            continue
        lang = "en" if rel.startswith("en/") else "id"
        data = path.read_bytes()
        kind = page_kind(rel)
        kinds[(kind, lang)].append((len(data), len(gzip.compress(data, 9))))
        pages[kind].append(path)
    print("| page type | language | pages | mean bytes | mean gzip bytes | total MB |")
    print("|---|---|---|---|---|---|")
    for (kind, lang), sizes in sorted(kinds.items()):
        raw = statistics.mean(s for s, _ in sizes)
        packed = statistics.mean(g for _, g in sizes)
        print(
            f"| {kind} | {lang} | {len(sizes):,} | {raw:,.0f} | {packed:,.0f} | {sum(s for s, _ in sizes) / 1e6:.2f} |"
        )
    for kind in ("product", "IKM"):
        chosen = pages[kind][:: max(1, len(pages[kind]) // args.sample)]
        if not chosen:
            continue
        totals: dict[str, list[int]] = defaultdict(list)
        for path in chosen:
            for name, size in parts(path.read_text(encoding="utf-8")).items():
                totals[name].append(size)
        print(f"\n{kind} page, mean bytes per part over {len(chosen)} pages (both languages):\n")
        print("| part | bytes |")
        print("|---|---|")
        for name, sizes in totals.items():
            mean = statistics.mean(sizes)
            if mean:
                print(f"| {name} | {mean:,.0f} |")
        print(f"| **whole page** | **{statistics.mean(p.stat().st_size for p in chosen):,.0f}** |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
