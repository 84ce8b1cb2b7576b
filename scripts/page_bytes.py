"""Where the bytes of a built site's pages go: mean HTML bytes per page type, and per part of a page.

    .venv/bin/python scripts/page_bytes.py site                 # the sample, built by `etalase build`
    .venv/bin/python scripts/page_bytes.py build/bench/1000/site --before OLD_SITE   # two columns

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
from dataclasses import dataclass
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


@dataclass
class SiteBytes:
    """One site's page bytes: (raw, gzip) sizes per (page type, language), and the mean bytes per
    part of its product and IKM pages."""

    kinds: dict[tuple[str, str], list[tuple[int, int]]]
    parts: dict[str, dict[str, float]]
    whole: dict[str, float]


def read_site(site: Path, sample: int) -> SiteBytes:
    """Return the page bytes of ``site``; the parts are averaged over about ``sample`` pages per type."""
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
    by_part: dict[str, dict[str, float]] = {}
    whole: dict[str, float] = {}
    for kind in ("product", "IKM"):
        chosen = pages[kind][:: max(1, len(pages[kind]) // sample)]
        totals: dict[str, list[int]] = defaultdict(list)
        for path in chosen:
            for name, size in parts(path.read_text(encoding="utf-8")).items():
                totals[name].append(size)
        by_part[kind] = {name: statistics.mean(sizes) for name, sizes in totals.items()}
        whole[kind] = statistics.mean(p.stat().st_size for p in chosen) if chosen else 0
    return SiteBytes(kinds, by_part, whole)


def _cells(values: list[float | None]) -> str:
    return " | ".join("—" if v is None else f"{v:,.0f}" for v in values)


def print_tables(sites: list[SiteBytes], names: list[str]) -> None:
    """Print the page types and the parts of product and IKM pages, one column per site."""
    head = " | ".join(f"{n}: mean bytes | {n}: gzip" for n in names)
    print(f"| page type | language | pages | {head} |")
    print("|---" * (3 + 2 * len(names)) + "|")
    for key in sorted(set().union(*(s.kinds for s in sites))):
        values: list[float | None] = []
        for s in sites:
            sizes = s.kinds.get(key)
            values += (
                [statistics.mean(x for x, _ in sizes), statistics.mean(g for _, g in sizes)] if sizes else [None, None]
            )
        count = len(sites[-1].kinds.get(key, []))
        print(f"| {key[0]} | {key[1]} | {count:,} | {_cells(values)} |")
    for kind in ("product", "IKM"):
        print(f"\n{kind} page, mean bytes per part (both languages):\n")
        print(f"| part | {' | '.join(names)} |")
        print("|---" * (1 + len(names)) + "|")
        for name in dict.fromkeys(n for s in sites for n in s.parts.get(kind, {})):
            values = [s.parts.get(kind, {}).get(name) for s in sites]
            if any(values):
                print(f"| {name} | {_cells([v or 0 for v in values])} |")
        print(f"| **whole page** | {_cells([s.whole.get(kind, 0) for s in sites])} |")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("site", type=Path)
    parser.add_argument("--before", type=Path, help="the same catalogue built before a change: a column of its own")
    parser.add_argument("--sample", type=int, default=200, help="pages per kind for the part breakdown")
    args = parser.parse_args(argv)
    sites = [read_site(args.before, args.sample)] if args.before else []
    sites.append(read_site(args.site, args.sample))
    print_tables(sites, ["before", "after"] if args.before else ["bytes"])
    return 0


if __name__ == "__main__":
    sys.exit(main())
