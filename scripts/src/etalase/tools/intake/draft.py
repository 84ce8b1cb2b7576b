"""The record being built from a form's answers, and what one conversion produced."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from etalase.model.notation import NotationError
from etalase.model.problems import Msg, Severity
from etalase.tools.intake.forms import Question
from etalase.tools.intake.makers import Maker
from etalase.tools.intake.owners import Standing


@dataclass(frozen=True)
class FormProblem:
    """A problem with one answer, named by the form's question (and the record field, if known)."""

    label: str
    field: str
    message: Msg
    severity: Severity = Severity.error
    question: str = ""


@dataclass
class Conversion:
    """What one conversion produced: the files written, whose they are, and every problem found."""

    kind: str = "product"  # or "ikm"
    ikm: str = ""
    slug: str = ""
    record: Path | None = None
    photos: list[Path] = field(default_factory=list)
    problems: list[FormProblem] = field(default_factory=list)
    maker: Maker | None = None  # the IKM the record is listed under (for an IKM form: the new IKM)
    standing: Standing | None = None  # None: no author given, ownership not checked
    replaces: bool = False  # the record replaces a file of the same name

    @property
    def ok(self) -> bool:
        """Return whether the record was written and has no errors."""
        return self.record is not None and not any(p.severity is Severity.error for p in self.problems)

    @property
    def waiting(self) -> bool:
        """Return whether the record waits for its maker's confirmation."""
        return self.standing is not None and not self.standing.confirmed

    @property
    def errors(self) -> list[FormProblem]:
        """Return the problems that must be fixed."""
        return [p for p in self.problems if p.severity is Severity.error]


def dotted(path: Sequence[str]) -> str:
    """Return a record path as a contributor reads it (``price.min``), helper steps (``*…``) left out."""
    return ".".join(p for p in path if not p.startswith("*"))


@dataclass
class Draft:
    """The record being built from the answers of a form, and the problems found on the way."""

    questions: dict[str, Question]
    answers: dict[str, str]
    fields: Mapping[str, tuple[str, ...]]  # form question id → record path
    values: dict[str, Any] = field(default_factory=dict)
    problems: list[FormProblem] = field(default_factory=list)

    def label(self, form_id: str) -> str:
        """Return the question's label as the form shows it."""
        question = self.questions.get(form_id)
        return question.label if question else form_id

    def problem(self, form_id: str, message: Msg, record_field: str = "", severity: Severity = Severity.error) -> None:
        """Note a problem with the answer to ``form_id``."""
        field_name = record_field or dotted(self.fields.get(form_id, ()))
        self.problems.append(FormProblem(self.label(form_id), field_name, message, severity, form_id))

    def get(self, form_id: str) -> str:
        """Return the answer to ``form_id`` ("" when empty or not asked)."""
        return self.answers.get(form_id, "")

    def put(self, form_id: str, value: Any) -> None:
        """Set the record field of ``form_id`` (skipped when the answer gave nothing)."""
        if value in ("", None, []):
            return
        target = self.values
        *parents, last = self.fields[form_id]
        for key in parents:
            target = target.setdefault(key, {})
        target[last] = value

    def read(self, form_id: str, reader: Callable[[str], Any]) -> None:
        """Put the answer to ``form_id`` read by a ``notation`` reader; keep it as written if refused.

        A refused answer stays in the record as written, so the file shows what was typed; the
        problem names the question and quotes the answer.
        """
        answer = self.get(form_id)
        if not answer:
            return
        try:
            self.put(form_id, reader(answer))
        except NotationError as error:
            self.problem(form_id, error.message)
            self.put(form_id, answer)
