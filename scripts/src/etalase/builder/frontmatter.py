"""Front matter read as MkDocs reads it, but without YAML for the render stage's one-JSON-string-per-line entries."""

from __future__ import annotations

import contextlib
import copy
import json
import re
from functools import lru_cache
from typing import Any

import yaml
from mkdocs.utils import meta as front_matter

PER_PAGE = ("title", "description", "og_image")  # front matter that differs page by page
# ``\u`` escapes aside: JSON joins a surrogate pair, YAML does not.
_JSON_STRING_ENTRY = re.compile(r'([A-Za-z_][A-Za-z0-9_]*): ("(?:[^"\\\n]|\\[^u\n])*")')


def read_front_matter(text: str) -> tuple[str, dict[str, Any]]:
    """Return (markdown, front matter) of a page's ``text``, as MkDocs' ``meta.get_data`` does.

    The render stage writes front matter one ``key: "JSON string"`` line at a time (``render.fm``),
    the same UI texts on every page: such a line is read as JSON, each distinct line once, and
    YAML reads only the key. Anything else (an indented line, a line that is not one mapping
    entry) and the whole text goes to ``get_data``. ~3× faster on generated pages.
    """
    match = front_matter.YAML_RE.match(text)
    if match is None:
        return front_matter.get_data(text)
    meta: dict[str, Any] = {}
    for line in match.group(1).split("\n")[:-1]:
        entry = _front_matter_entry(line) if line.startswith(PER_PAGE) else _repeated_entry(line)
        if entry is None:
            return front_matter.get_data(text)
        meta[entry[0]] = copy.deepcopy(entry[1])  # a list or mapping is the page's own, as from YAML
    return text[match.end() :].lstrip("\n"), meta


def _front_matter_entry(line: str) -> tuple[str, Any] | None:
    """Return (key, value) of one front matter line, or ``None`` when it is not a whole entry alone."""
    if (json_entry := _JSON_STRING_ENTRY.fullmatch(line)) is not None:
        key = json_entry.group(1)
        if _yaml_entry(f"{key}: 0") == (key, 0):  # a key YAML reads as itself (not ``on``, ``null``…)
            with contextlib.suppress(ValueError):  # JSON refuses a raw tab, say: YAML decides
                return key, json.loads(json_entry.group(2))
    return None if line[:1].isspace() else _yaml_entry(line)


_repeated_entry = lru_cache(maxsize=1024)(_front_matter_entry)


@lru_cache(maxsize=256)
def _yaml_entry(line: str) -> tuple[Any, Any] | None:
    """Return the one (key, value) YAML reads in ``line`` as MkDocs reads front matter, else ``None``."""
    try:
        data = yaml.load(line, front_matter.SafeLoader)
    except yaml.YAMLError:
        return None
    return next(iter(data.items())) if isinstance(data, dict) and len(data) == 1 else None
