"""Open data: what a column means, from the record models' field descriptions (the single source of truth)."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel


def _models_in(annotation: Any) -> list[type[BaseModel]]:
    """Return the pydantic models inside a field's type (``X | None``, ``list[X]``, ``Annotated[X, …]``)."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    if typing.get_origin(annotation) in {typing.Union, types.UnionType, list, typing.Annotated}:
        return [m for arg in typing.get_args(annotation) for m in _models_in(arg)]
    return []


def field_descriptions(model: type[BaseModel], path: str) -> list[str]:
    """Return the descriptions along a dotted field ``path`` of ``model``, outermost first.

    Raises ``KeyError`` for a path the model does not have, so a renamed field cannot leave a
    column undocumented.
    """
    found = []
    current: type[BaseModel] | None = model
    for part in path.split("."):
        if current is None or part not in current.model_fields:
            raise KeyError(f"{model.__name__} has no field {path}")
        info = current.model_fields[part]
        if info.description:
            found.append(info.description)
        models = _models_in(info.annotation)
        current = models[0] if models else None
    return found


def in_language(description: str, lang: str) -> str:
    """Return the English (before `` / ``) or Indonesian (after it) half of a model description."""
    english, _, indonesian = description.partition(" / ")
    text = indonesian if lang == "id" and indonesian else english
    return text[:1].upper() + text[1:]


def describe(model: type[BaseModel], path: str, lang: str) -> str:
    """Return the description of a dotted field in ``lang``: its descriptions along the path, joined."""
    return ": ".join(in_language(d, lang) for d in field_descriptions(model, path))
