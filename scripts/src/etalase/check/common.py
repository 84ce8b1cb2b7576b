"""Helpers every check shares: a problem at a record's key, and "X does not exist — did you mean Y?"."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import Any

from etalase.model.catalog import Entry
from etalase.model.problems import Msg, Problem, Severity


def problem_at(
    entry: Entry[Any], path: tuple[str | int, ...], field: str, message: Msg, severity: Severity = Severity.error
) -> Problem:
    return Problem(entry.path, entry.lines.line_of(path), field, message, severity)


def unknown_name(what: tuple[str, str], value: str, known: Iterable[str], where: str) -> Msg:
    """Return "X does not exist — did you mean Y?" with ``what`` as (Indonesian, English) words."""
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    if close:
        return Msg(
            f"{what[0]} '{value}' tidak ada — mungkin maksudnya `{close[0]}`?",
            f"{what[1]} '{value}' does not exist — did you mean `{close[0]}`?",
        )
    return Msg(
        f"{what[0]} '{value}' tidak ada — gunakan nama file yang ada di {where}",
        f"{what[1]} '{value}' does not exist — use a name found in {where}",
    )
