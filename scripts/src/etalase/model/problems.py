"""Problems found in records, reported as ``path:line: field: what is wrong — how to fix``.

Every stage returns problems instead of raising, so a contributor sees all of them at
once. Each message exists in Indonesian and English; the reader chooses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple


class Severity(StrEnum):
    """An error stops the build; a warning only does under ``--strict``."""

    error = "error"
    warning = "warning"


class Msg(NamedTuple):
    """One message in Indonesian and English, each written as ``what is wrong — how to fix``."""

    id: str
    en: str

    def get(self, lang: str) -> str:
        """Return the message in ``lang`` (``id`` or ``en``); ``both`` gives Indonesian / English."""
        if lang == "en":
            return self.en
        if lang == "both" and self.en != self.id:
            return f"{self.id} / {self.en}"
        return self.id


def same(text: str) -> Msg:
    """Return a message that reads the same in both languages (e.g. a quoted parser error)."""
    return Msg(text, text)


def slug_mismatch(slug: str, expected: str, what: tuple[str, str]) -> Msg | None:
    """Return the message for a slug that differs from its ``what`` (file or folder) name, or None."""
    if slug == expected:
        return None
    return Msg(
        f"'{slug}' berbeda dengan nama {what[0]} '{expected}' — samakan slug dengan nama {what[0]}",
        f"'{slug}' differs from the {what[1]} name '{expected}' — make the slug the same as the {what[1]} name",
    )


@dataclass(frozen=True, order=True)
class Problem:
    """One problem at one place in one file."""

    path: str
    line: int
    field: str
    message: Msg
    severity: Severity = Severity.error

    def format(self, lang: str = "id") -> str:
        """Return the problem as ``path:line: field: message`` on one line (warnings are marked)."""
        mark = "" if self.severity is Severity.error else "warning: "
        field = f"{self.field}: " if self.field else ""
        return printable(f"{self.path}:{self.line}: {mark}{field}{self.message.get(lang)}")

    def github_annotation(self, lang: str = "id") -> str:
        """Return the problem as a GitHub workflow command, shown inline in a PR diff."""
        kind = "error" if self.severity is Severity.error else "warning"
        text = f"{self.field}: {self.message.get(lang)}" if self.field else self.message.get(lang)
        text = printable(text).replace("%", "%25")
        path = printable(self.path).replace("%", "%25").replace(":", "%3A").replace(",", "%2C")
        return f"::{kind} file={path},line={self.line}::{text}"


# Line breaks, terminal escapes and bidi overrides that a record's keys, values or file names can
# carry into a message: printed raw they could start a fake GitHub workflow command on a line of
# its own, drive the terminal, or reorder what a reviewer reads.
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """Return ``text`` with control characters written as escapes (``\\n``, ``\\x1b``), so it stays one line."""
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def errors(problems: Iterable[Problem]) -> list[Problem]:
    """Return only the errors among ``problems``."""
    return [p for p in problems if p.severity is Severity.error]


def warnings(problems: Iterable[Problem]) -> list[Problem]:
    """Return only the warnings among ``problems``."""
    return [p for p in problems if p.severity is Severity.warning]


def sort_problems(problems: Iterable[Problem]) -> list[Problem]:
    """Return problems ordered by file, then line, without duplicates."""
    return sorted(set(problems))
