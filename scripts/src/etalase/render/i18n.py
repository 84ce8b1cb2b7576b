"""The UI texts of a language (templates/i18n/<lang>.yml) and record texts shown in it."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from etalase.model import Text, TextList
from etalase.render.links import (
    BASE_LANG,
)


class Translations:
    """The UI text of one language, from ``templates/i18n/<lang>.yml``."""

    def __init__(self, table: Mapping[str, Any]) -> None:
        self.table = table
        self._texts: dict[str, str] = {}  # key -> text, as found in the table

    def __call__(self, key: str, **values: object) -> str:
        """Return the text at a dotted ``key``, with ``{name}`` fields filled from ``values``."""
        text = self._texts.get(key)
        if text is None:
            text = self._texts[key] = self._find(key)
        return text.format(**values) if values else text

    def _find(self, key: str) -> str:
        """Return the text at a dotted ``key``; raise ``KeyError`` when the table has none."""
        node: Any = self.table
        for part in key.split("."):
            if not isinstance(node, Mapping) or part not in node:
                raise KeyError(f"no text '{key}' in the {self.table.get('lang')} translation table")
            node = node[part]
        if not isinstance(node, str):
            raise KeyError(f"'{key}' is not a text in the {self.table.get('lang')} translation table")
        return node

    def plural(self, key: str, n: int, count: str) -> str:
        """Return the ``one`` or ``other`` form at ``key`` for ``n``, with ``{count}`` filled in."""
        forms = self.table
        for part in key.split("."):
            forms = forms[part]
        return forms["one" if n == 1 else "other"].format(count=count)

    def get(self, key: str, default: str) -> str:
        """Return the text at ``key``, or ``default`` when the table has none."""
        try:
            return self(key)
        except KeyError:
            return default


def load_translations(templates_dir: Path, lang: str) -> dict[str, Any]:
    """Return the translation table of ``lang``."""
    path = templates_dir / "i18n" / f"{lang}.yml"
    table = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(table, dict):
        raise ValueError(f"{path} is not a mapping")
    return table


class Localized(NamedTuple):
    """A record text in the page language, and whether it fell back to Indonesian."""

    value: Any
    fallback: bool


def localize(text: Text | TextList | None, lang: str) -> Localized:
    """Return ``text`` in ``lang``, noting when it is shown in Indonesian instead."""
    if text is None:
        return Localized("", False)
    return Localized(text.get(lang), lang != BASE_LANG and not text.en)
