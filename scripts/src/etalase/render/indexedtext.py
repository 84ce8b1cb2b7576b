"""The words of a rendered page as Pagefind indexes them: (word, weight), ignored parts left out."""

from __future__ import annotations

import re
from html.parser import HTMLParser

TOKENS = re.compile(r"[^\W_]+", re.UNICODE)
# Pagefind's weights of headings (h1 7 … h6 2; other text 1), unless data-pagefind-weight says otherwise.
HEADING_WEIGHTS = {"h1": 7, "h2": 6, "h3": 5, "h4": 4, "h5": 3, "h6": 2}
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


class _IndexedText(HTMLParser):
    """Collect (word, weight) of the text Pagefind indexes in a page body (not data-pagefind-ignore)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.words: list[tuple[str, int]] = []
        self._stack: list[tuple[str, bool, int]] = []  # (tag, ignored, weight)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        ignored, weight = self._stack[-1][1:] if self._stack else (False, 1)
        found = dict(attrs)
        ignored = ignored or "data-pagefind-ignore" in found or tag in {"script", "style", "template"}
        weight = HEADING_WEIGHTS.get(tag, weight)
        if (explicit := found.get("data-pagefind-weight")) and explicit.isdigit():
            weight = int(explicit)
        self._stack.append((tag, ignored, weight))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self._stack) - 1, -1, -1):
            if self._stack[depth][0] == tag:
                del self._stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        ignored, weight = self._stack[-1][1:] if self._stack else (False, 1)
        if not ignored:
            self.words += [(word.lower(), weight) for word in TOKENS.findall(data)]


def indexed_words(html: str) -> list[tuple[str, int]]:
    """Return (lower-case word, Pagefind weight) for the indexed text of ``html``."""
    parser = _IndexedText()
    parser.feed(html)
    parser.close()
    return parser.words
