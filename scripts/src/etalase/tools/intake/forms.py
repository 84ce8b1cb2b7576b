"""The issue forms and GitHub's rendering of their answers.

A submitted issue form reaches the converter as markdown: each question's label as a ``### Label``
heading, the answer below it, ``_No response_`` when empty, ticked boxes as ``- [X] option``. The
form definitions in ``.github/ISSUE_TEMPLATE/`` give each label its field id, so a changed label in
a form is followed by the converter.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

FORMS_DIR = Path(".github") / "ISSUE_TEMPLATE"
# What each form registers, its file and the label GitHub gives the issue.
FORM_FILES = {"product": "produk-baru.yml", "ikm": "ikm-baru.yml"}
FORM_LABELS = {"product": "produk-baru", "ikm": "ikm-baru"}
NO_RESPONSE = {"", "_No response_", "None"}


class FormError(Exception):
    """The form definition itself is unusable (a maintainer's problem, not the IKM's)."""


@dataclass(frozen=True)
class Question:
    """One question of the form: its id (field), label (heading in the body) and type."""

    id: str
    label: str
    type: str
    options: tuple[str, ...] = ()


def load_form(path: Path, known: Mapping[str, object] | None = None) -> list[Question]:
    """Return the questions of the issue form at ``path`` (markdown blocks left out).

    With ``known`` (the converter's field ids), a question the converter does not know is an error.
    """
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise FormError(f"cannot read the issue form {path}: {error}") from None
    questions = []
    for element in (data or {}).get("body") or []:
        if element.get("type") == "markdown":
            continue
        attributes = element.get("attributes") or {}
        options = tuple(o["label"] if isinstance(o, dict) else str(o) for o in attributes.get("options") or [])
        questions.append(
            Question(str(element.get("id", "")), str(attributes["label"]).strip(), element["type"], options)
        )
    unknown = [q.id for q in questions if known is not None and q.id not in known and q.id != "consent"]
    if unknown:
        raise FormError(f"issue form {path} has questions the converter does not know: {', '.join(unknown)}")
    return questions


def form_kind(body: str, forms: Mapping[str, Sequence[Question]]) -> str:
    """Return the kind of form (``product`` or ``ikm``) whose question labels ``body`` holds most of."""
    headings = {m.group(1) for m in re.finditer(r"^###\s+(.+?)\s*$", body, flags=re.MULTILINE)}
    return max(forms, key=lambda kind: sum(q.label in headings for q in forms[kind]))


def parse_body(body: str, questions: Sequence[Question]) -> dict[str, str]:
    """Return field id → answer text for every question whose ``### Label`` heading is in ``body``.

    Only headings that are labels of the form split the body, so an answer may itself contain
    ``###`` lines. Empty answers (``_No response_``) are returned as "".
    """
    by_label = {q.label: q.id for q in questions}
    answers: dict[str, str] = {}
    current: str | None = None
    lines: list[str] = []
    for line in body.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        heading = re.fullmatch(r"###\s+(.+?)\s*", line)
        if heading and heading.group(1) in by_label:
            if current is not None:
                answers[current] = _answer("\n".join(lines))
            current, lines = by_label[heading.group(1)], []
        elif current is not None:
            lines.append(line)
    if current is not None:
        answers[current] = _answer("\n".join(lines))
    return answers


def _answer(text: str) -> str:
    text = text.strip("\n").strip()
    return "" if text in NO_RESPONSE else text


def checked(answer: str, options: Sequence[str]) -> list[int]:
    """Return the indexes of the ticked options in a checkboxes answer (``- [X] label``)."""
    ticked = {m.group(1).strip() for m in re.finditer(r"^\s*[-*]\s*\[[xX]\]\s*(.+)$", answer, flags=re.MULTILINE)}
    squashed = {" ".join(t.split()) for t in ticked}
    return [i for i, option in enumerate(options) if " ".join(option.split()) in squashed]


def first_word(answer: str) -> str:
    """Return the value of a dropdown answer such as ``rajut — Rajut / Knitwear`` (its first word)."""
    return answer.split()[0].strip().lower() if answer.split() else ""


def items(answer: str) -> list[str]:
    """Return the items of a comma- or line-separated answer, without bullets or blanks."""
    parts = re.split(r"[,\n]", answer)
    return [re.sub(r"^\s*[-*]\s+", "", p).strip() for p in parts if p.strip(" -*")]


def lines_of(answer: str) -> list[str]:
    """Return the non-empty lines of an answer, without list bullets."""
    return [re.sub(r"^\s*(?:[-*]|\d+[.)])\s+", "", line).strip() for line in answer.split("\n") if line.strip()]
