"""Words buyers write for the same thing, kept as data in ``catalog/synonyms.yml``.

Spelling varies and loanwords mix (keripik/kripik, sweter/sweater, kaos/kaus, rajut/knit). Each
group in the file lists words that mean the same to a buyer. At render time every searchable page
gets, hidden, the other words of each group one of its own words belongs to (``page_words``), at
the weight the word has on the page, so Pagefind finds the page whichever word is typed, in
either language. Adding a group is one line in the file; no code changes.

The file is checked when it is read: every problem is reported at once as
``path:line: field: what is wrong — how to fix`` in both languages (``SynonymsError``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from etalase.model.lines import LineMap
from etalase.model.problems import Msg, Problem
from etalase.source.yamlsafe import YamlError, parse

SYNONYMS_FILE = "catalog/synonyms.yml"
WORD = re.compile(r"^[a-z0-9]+$")
TOKENS = re.compile(r"[^\W_]+", re.UNICODE)
# Pagefind's weights of headings (h1 7 … h6 2; other text 1), unless data-pagefind-weight says otherwise.
HEADING_WEIGHTS = {"h1": 7, "h2": 6, "h3": 5, "h4": 4, "h5": 3, "h6": 2}
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"})


class SynonymsError(ValueError):
    """``catalog/synonyms.yml`` has problems; the message lists them all, one a line."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(p.format("both") for p in problems))


@dataclass(frozen=True)
class Synonyms:
    """Groups of words that mean the same to a buyer; ``groups_of`` finds a word's group."""

    groups: tuple[tuple[str, ...], ...] = ()
    _index: Mapping[str, int] = field(default_factory=dict, repr=False, compare=False)

    @classmethod
    def of(cls, groups: Iterable[Iterable[str]]) -> Synonyms:
        """Return the synonyms of ``groups`` (lists of lower-case words)."""
        frozen = tuple(tuple(group) for group in groups)
        return cls(frozen, {word: n for n, group in enumerate(frozen) for word in group})

    def group_of(self, word: str) -> tuple[str, ...]:
        """Return the group ``word`` belongs to (also its plural in ``-s``), or ``()``."""
        n = self._index.get(word)
        if n is None and len(word) > 3 and word.endswith("s"):
            n = self._index.get(word[:-1])
        return self.groups[n] if n is not None else ()

    def words(self) -> list[str]:
        """Return every word of every group, sorted."""
        return sorted(self._index)

    def expansions(self, weighted: Iterable[tuple[str, int]]) -> dict[int, list[str]]:
        """Return weight → the group words a page lacks, for the (word, weight) pairs it has.

        A word added for several of the page's words takes the highest of their weights.
        """
        present: set[str] = set()
        wanted: dict[str, int] = {}
        for word, weight in weighted:
            present.add(word)
            for other in self.group_of(word):
                wanted[other] = max(weight, wanted.get(other, 0))
        by_weight: dict[int, list[str]] = {}
        for word in sorted(wanted):
            if word not in present:
                by_weight.setdefault(wanted[word], []).append(word)
        return dict(sorted(by_weight.items(), reverse=True))


def load_synonyms(root: Path) -> Synonyms:
    """Return the synonyms of the project at ``root`` (none without the file); raise ``SynonymsError``."""
    path = root / SYNONYMS_FILE
    if not path.is_file():
        return Synonyms()
    try:
        data, lines = parse(path.read_bytes())
    except YamlError as error:
        raise SynonymsError([Problem(SYNONYMS_FILE, error.line, "", error.message)]) from None
    groups, problems = check_synonyms(data, lines)
    if problems:
        raise SynonymsError(problems)
    return Synonyms.of(groups)


def check_synonyms(data: object, lines: LineMap) -> tuple[list[list[str]], list[Problem]]:
    """Return the groups of ``synonyms.yml``'s data and every problem in it."""

    def problem(path: tuple[str | int, ...], name: str, msg: Msg) -> Problem:
        return Problem(SYNONYMS_FILE, lines.line_of(path), name, msg)

    raw = data.get("groups") if isinstance(data, dict) else None
    if not isinstance(raw, list):
        return [], [problem((), "groups", _msg_no_groups())]
    groups: list[list[str]] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for n, group in enumerate(raw):
        where = f"groups[{n}]"
        if not isinstance(group, list) or len(group) < 2:
            problems.append(problem(("groups", n), where, _msg_short_group()))
            continue
        words = []
        for k, word in enumerate(group):
            text = str(word).strip().lower() if isinstance(word, str | int) else ""
            if not WORD.match(text):
                problems.append(problem(("groups", n, k), f"{where}[{k}]", _msg_bad_word(word)))
            elif text in seen:
                problems.append(problem(("groups", n, k), f"{where}[{k}]", _msg_twice(text, seen[text])))
            else:
                seen[text] = n
                words.append(text)
        groups.append(words)
    return [g for g in groups if len(g) >= 2], problems


def _msg_no_groups() -> Msg:
    return Msg(
        "berkas ini perlu daftar `groups:` — tulis `groups:` lalu satu baris `- [kata, varian]` per kelompok",
        "this file needs a `groups:` list — write `groups:` and then one line `- [word, variant]` per group",
    )


def _msg_short_group() -> Msg:
    return Msg(
        "satu kelompok perlu sedikitnya dua kata — tulis seperti `- [keripik, kripik]`",
        "a group needs at least two words — write it like `- [keripik, kripik]`",
    )


def _msg_bad_word(word: object) -> Msg:
    shown = repr(word)[:60]
    return Msg(
        f"{shown} bukan satu kata — pakai huruf a–z dan angka saja, tanpa spasi atau tanda baca",
        f"{shown} is not one word — use letters a–z and digits only, without spaces or punctuation",
    )


def _msg_twice(word: str, group: int) -> Msg:
    return Msg(
        f"'{word}' sudah ada di groups[{group}] — satu kata hanya boleh di satu kelompok; gabungkan kelompoknya",
        f"'{word}' is already in groups[{group}] — a word may be in one group only; merge the groups",
    )


# --- the words of a rendered page ----------------------------------------------------------


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
