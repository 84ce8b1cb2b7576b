"""Text safety for pages: every record string on one line, without control characters, and front matter values escaped."""

from __future__ import annotations

import html
import json
import re
from functools import lru_cache

from markupsafe import Markup

_UNSAFE_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufeff\ufff0-\uffff"
    "\U0001fffe\U0001ffff\U000efffe-\U000fffff\U00100000-\U0010ffff]"
)


_SPACES = re.compile(r"\s+")


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def clean(text: str) -> str:
    """Return ``text`` on one line: control and non-characters dropped, white space collapsed."""
    if (
        type(text) is str
        and text.isprintable()  # no control, format, private or unassigned character, no white space but " "
        and "  " not in text
        and text[:1] != " "
        and text[-1:] != " "
        and (text.isascii() or not _UNSAFE_CHARS.search(text))  # U+FFFC and U+FFFD are printable
    ):
        return text  # already clean: most texts are, and templates print thousands per page
    return _SPACES.sub(" ", _UNSAFE_CHARS.sub("", text)).strip()


def fm(value: object) -> Markup:
    """Return a front matter value: HTML-escaped, then quoted as a JSON (and so YAML) string.

    MkDocs's Jinja environment does not autoescape and Material prints ``page.meta.title``
    and ``page.meta.description`` raw, so the value is escaped first; the JSON string then
    holds no character YAML could read differently.
    """
    return _fm_text(str(value))


@lru_cache(maxsize=1024)  # most front matter lines are the same UI texts on every page
def _fm_text(text: str) -> Markup:
    """Return ``fm`` of a string."""
    return Markup(json.dumps(html.escape(clean(text), quote=True), ensure_ascii=False))


def paragraphs(text: str) -> list[str]:
    """Return plain text split into paragraphs on blank lines, each on one line."""
    parts = (clean(part) for part in _PARAGRAPH_BREAK.split(text.replace("\r\n", "\n")))
    return [part for part in parts if part]


def summary(text: str, limit: int = 160) -> str:
    """Return the start of ``text`` for a meta description, cut at a word with an ellipsis."""
    text = clean(text)
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:.—-")
    return cut + "…"
