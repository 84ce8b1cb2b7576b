"""Write a forum's schedule into its YAML file, leaving every other line as the organiser wrote it.

The ``schedule:`` block is replaced (or added before ``outcomes:``, else at the end) as one
meeting per line, grouped under a comment per slot::

    # The meeting schedule, written by `etalase forum schedule` …
    schedule:
      # 09:00
      - {slot: "09:00", table: 1, firm: pt-sinar-otomotif, ikm: sepatu-parahyangan, need: sepatu-kerja}

A top-level key starts a line at column 0; the block runs to the next line at column 0 that is
not blank. Comments, key order, quoting, line ends (LF or CRLF) and a byte-order mark elsewhere
in the file stay as they were. ``write_schedule`` reads the file back and refuses to keep it
unless it parses to exactly the meetings written.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from pydantic import ValidationError

from etalase.model import Meeting
from etalase.source.yamlsafe import YamlError, parse

HEADER = (
    "# The meeting schedule, written by `etalase forum schedule` (run it again after changing the",
    "# requests, slots or firms). Edit by hand only to move a meeting: `etalase validate` checks it.",
)
_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)\s*:")
BOM = "\ufeff"


class ScheduleWriteError(Exception):
    """The schedule could not be written so that the file reads back the same."""


def schedule_lines(meetings: Sequence[Meeting]) -> list[str]:
    """Return the lines of the ``schedule:`` block (its header comment included)."""
    if not meetings:
        return [*HEADER, "schedule: []"]
    lines = [*HEADER, "schedule:"]
    slot = None
    for meeting in meetings:
        if meeting.slot != slot:
            slot = meeting.slot
            lines.append(f"  # {slot}")
        need = f", need: {meeting.need}" if meeting.need else ""
        lines.append(
            f'  - {{slot: "{meeting.slot}", table: {meeting.table}, firm: {meeting.firm}, ikm: {meeting.ikm}{need}}}'
        )
    return lines


def _top_keys(lines: list[str]) -> dict[str, int]:
    """Return each top-level key's line index."""
    return {m[1]: index for index, line in enumerate(lines) if (m := _TOP_KEY.match(line))}


def _block_end(lines: list[str], start: int) -> int:
    """Return the index after the block that begins at ``start``: the next non-blank line at column 0."""
    for index in range(start + 1, len(lines)):
        line = lines[index]
        if line.strip() and not line[0].isspace():
            return index
    return len(lines)


def _comments_above(lines: list[str], index: int) -> int:
    """Return the first index of the comment lines directly above ``index``."""
    while index > 0 and lines[index - 1].startswith("#"):
        index -= 1
    return index


def with_schedule(text: str, meetings: Sequence[Meeting]) -> str:
    """Return the forum file ``text`` with its schedule block replaced by ``meetings``."""
    bom = text.startswith(BOM)
    body = text.removeprefix(BOM)
    newline = "\r\n" if "\r\n" in body else "\n"
    lines = body.replace("\r\n", "\n").split("\n")
    trailing = lines[-1] == ""
    if trailing:
        lines.pop()
    keys = _top_keys(lines)
    block = schedule_lines(meetings)
    if "schedule" in keys:
        start, end = keys["schedule"], _block_end(lines, keys["schedule"])
        if lines[max(start - len(HEADER), 0) : start] == list(HEADER):
            start -= len(HEADER)
    elif "outcomes" in keys:
        start = end = _comments_above(lines, keys["outcomes"])
    else:
        start = end = len(lines)
    lines[start:end] = block
    result = newline.join(lines) + (newline if trailing or not lines else "")
    return (BOM if bom else "") + result


def write_schedule(path: Path, meetings: Sequence[Meeting]) -> None:
    """Write ``meetings`` as the schedule of the forum file at ``path``.

    The new text is parsed before it replaces the file; if it does not read back as exactly
    these meetings (a hand-made layout the block finder misread), the file is left as it was.
    """
    raw = path.read_bytes()
    text = with_schedule(raw.decode("utf-8"), meetings)
    try:
        before, _ = parse(raw)
        data, _ = parse(text.encode("utf-8"))
    except YamlError as error:
        raise ScheduleWriteError(f"{path}: the file would not read back ({error.message.en})") from None
    try:
        written = [Meeting.model_validate(item) for item in data.pop("schedule", None) or []]
    except ValidationError:
        written = []
    before.pop("schedule", None)
    if written != list(meetings) or data != before:
        raise ScheduleWriteError(
            f"{path}: the schedule block could not be replaced safely — move `schedule:` to its own lines "
            "(or delete it) and run the command again"
        )
    partial = path.with_name(path.name + ".part")
    partial.write_bytes(text.encode("utf-8"))
    partial.replace(path)
