"""Words buyers write for the same thing: ``catalog/synonyms.yml`` (optional).

Spelling varies and loanwords mix (keripik/kripik, sweter/sweater, kaos/kaus, rajut/knit). Each
group of the file lists words that mean the same to a buyer; the render stage gives every
searchable page, hidden, the other words of each group one of its words belongs to, so Pagefind
finds the page whichever word is typed, in either language. Adding a group is one line in the
file; no code changes. ``SynonymList`` checks the file like every record; ``Synonyms`` looks words up.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Annotated

from pydantic import Field, model_validator

from etalase.model.fields import Strict, rule

WORD_PATTERN = r"^[a-z0-9]+$"

Word = Annotated[
    str,
    Field(
        pattern=WORD_PATTERN,
        min_length=1,
        max_length=40,
        description="One word: lower-case letters a–z and digits, no spaces / satu kata: huruf kecil a–z dan angka",
        examples=["kripik"],
    ),
]
Group = Annotated[
    list[Word],
    Field(
        min_length=2,
        max_length=40,
        description="Words that mean the same to a buyer / kata-kata yang sama artinya bagi pembeli",
        examples=[["keripik", "kripik", "chips"]],
    ),
]


class SynonymList(Strict):
    """The file ``catalog/synonyms.yml``: groups of words that mean the same to a buyer."""

    groups: list[Group] = Field(
        min_length=1,
        max_length=5000,
        description="One line per group, e.g. - [sweter, sweater] / satu baris per kelompok",
    )

    @model_validator(mode="after")
    def _each_word_once(self) -> SynonymList:
        seen: dict[str, int] = {}
        for n, group in enumerate(self.groups):
            for k, word in enumerate(group):
                if word in seen:
                    raise rule(
                        f"'{word}' sudah ada di groups[{seen[word]}] — satu kata hanya boleh di satu kelompok; "
                        "gabungkan kedua kelompok",
                        f"'{word}' is already in groups[{seen[word]}] — a word may be in one group only; "
                        "merge the two groups",
                        at=("groups", n, k),
                    )
                seen[word] = n
        return self

    def synonyms(self) -> Synonyms:
        """Return the groups ready to look words up in."""
        return Synonyms.of(self.groups)


@dataclass(frozen=True)
class Synonyms:
    """Groups of words that mean the same to a buyer; ``group_of`` finds a word's group."""

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
