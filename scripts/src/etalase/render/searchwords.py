"""What the search page needs besides Pagefind's index: synonyms on every page, and a word list.

- ``search_synonyms(html)`` (a template global, called by ``partials/layout.md.j2`` on searchable
  pages) returns hidden elements holding the synonyms (``catalog/synonyms.yml``) of the words the
  page body has, each at the Pagefind weight of the word that called it in.
- ``vocabulary_page`` writes ``cari/words.json`` (``en/cari/words.json``): every word of the
  catalogue's records in the page language and every synonym, most frequent first. The search
  page's script corrects a typed word that is no word of the catalogue to the nearest one that is
  (``cardigen`` → ``cardigan``), so Pagefind never falls back to a short prefix of a misspelt word.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

from markupsafe import Markup, escape

from etalase.model.synonyms import Synonyms
from etalase.render.engine import Renderer
from etalase.render.indexedtext import TOKENS, indexed_words
from etalase.render.links import SEARCH_PAGE

VOCABULARY_FILE = "words.json"  # next to the search page: cari/words.json
MIN_WORD = 3  # shorter words are never corrected, so they need not be listed
# Record fields whose values are addresses, numbers or file names, not words a buyer types.
NOT_WORDS = frozenset({"file", "whatsapp", "email", "website", "instagram", "url", "nib", "hs_code", "marketplaces"})


def template_globals(synonyms: Synonyms) -> dict[str, Callable[[str], Markup]]:
    """Return ``search_synonyms`` for the templates, adding words from ``synonyms``."""

    def search_synonyms(html: str) -> Markup:
        """Return hidden elements with the synonyms of the words Pagefind indexes in ``html``."""
        parts = [
            f'<span hidden data-pagefind-weight="{weight}">{escape(" ".join(words))}</span>'
            for weight, words in synonyms.expansions(indexed_words(str(html))).items()
        ]
        return Markup("\n".join(parts))

    return {"search_synonyms": search_synonyms}


def _texts(value: Any, lang: str, key: str = "") -> Iterator[str]:
    """Yield every text in a record's dumped data, bilingual texts in ``lang`` (Indonesian if missing)."""
    if key in NOT_WORDS:
        return
    if isinstance(value, dict):
        if set(value) <= {"id", "en"} and "id" in value:
            chosen = value.get(lang) or value["id"]
            yield from _texts(chosen, lang)
            return
        for name, item in value.items():
            yield from _texts(item, lang, name)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item, lang, key)
    elif isinstance(value, str):
        yield value


def vocabulary(records: list[Any], lang: str, synonyms: Synonyms) -> list[str]:
    """Return the words of ``records`` in ``lang`` and of ``synonyms``, most frequent first.

    A word's frequency is the number of records it appears in; ties go alphabetically.
    """
    counts: Counter[str] = Counter()
    for record in records:
        data = record.model_dump(mode="json")
        words = {w.lower() for text in _texts(data, lang) for w in TOKENS.findall(text)}
        counts.update(w for w in words if len(w) >= MIN_WORD and not w.isdigit())
    counts.update(w for w in synonyms.words() if w not in counts)
    return [word for word, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))]


def vocabulary_page(renderer: Renderer, synonyms: Synonyms) -> tuple[str, str]:
    """Return (docs path, JSON) of the search page's word list in the renderer's language."""
    catalog = renderer.catalog
    records = [
        *(e.record for e in catalog.products),
        *(e.record for e in catalog.ikms.values()),
        *(e.record for e in catalog.sentra.values()),
        *catalog.categories,
    ]
    words = vocabulary(records, renderer.lang, synonyms)
    path = renderer.prefix + SEARCH_PAGE.rstrip("/") + "/" + VOCABULARY_FILE
    return path, json.dumps({"words": words}, ensure_ascii=False, separators=(",", ":")) + "\n"
