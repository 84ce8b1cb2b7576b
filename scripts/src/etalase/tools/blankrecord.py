"""A blank record with every field, written from its model: the template ``etalase new`` fills and the web editor's templates are."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from types import NoneType, UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import yaml
from annotated_types import Ge, Gt, Le, Lt
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from etalase.check.schema_export import SCHEMA_DIR
from etalase.model import Ikm, Product
from etalase.source.load import Kind


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


@dataclass(frozen=True)
class Shape:
    """What a field holds: a scalar, a nested model, a list or a mapping, with its limits."""

    kind: Literal["scalar", "model", "list", "dict"]
    model: type[BaseModel] | None = None
    item: Shape | None = None
    scalar: Any = None
    choices: tuple[str, ...] = ()
    examples: tuple[Any, ...] = ()
    low: float | None = None
    above: float | None = None
    high: float | None = None


def shape_of(annotation: Any, metadata: Sequence[Any] = ()) -> Shape:
    """Return the shape of a field annotation such as ``list[Photo] | None`` or ``Annotated[int, Field(ge=1)]``."""
    extra = list(metadata)
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation, *more = get_args(annotation)
            for item in more:
                extra += [item, *getattr(item, "metadata", [])] if isinstance(item, FieldInfo) else [item]
        elif origin in (Union, UnionType):
            args = [a for a in get_args(annotation) if a is not NoneType]
            annotation = args[0] if len(args) == 1 else str
        else:
            break
    examples = tuple(next((m.examples for m in extra if isinstance(m, FieldInfo) and m.examples), ()) or ())
    low = next((float(m.ge) for m in extra if isinstance(m, Ge)), None)
    above = next((float(m.gt) for m in extra if isinstance(m, Gt)), None)
    high = next((float(m.le) for m in extra if isinstance(m, Le)), None)
    high = next((float(m.lt) for m in extra if isinstance(m, Lt)), high)
    origin = get_origin(annotation)
    if origin is list:
        (item,) = get_args(annotation)
        return Shape("list", item=shape_of(item))
    if origin is dict:
        return Shape("dict", item=shape_of(get_args(annotation)[1]))
    if origin is Literal:
        return Shape("scalar", scalar=str, choices=tuple(str(a) for a in get_args(annotation)))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return Shape("model", model=annotation)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return Shape("scalar", scalar=annotation, choices=tuple(str(m.value) for m in annotation))
    return Shape("scalar", scalar=annotation, examples=examples, low=low, above=above, high=high)


def field_shape(info: FieldInfo) -> Shape:
    """Return the shape of one model field, its own limits and examples included."""
    shape = shape_of(info.annotation, [info, *info.metadata])
    if info.examples and not shape.examples:
        shape = Shape(**{**shape.__dict__, "examples": tuple(info.examples)})
    return shape


def _number(value: float) -> str:
    """Return a limit as an Indonesian reads it: 1.000.000 (years and small numbers stay plain)."""
    if value != int(value):
        return str(value)
    return f"{int(value):,}".replace(",", ".") if abs(value) >= 10_000 else str(int(value))


def field_comment(info: FieldInfo, shape: Shape) -> str:
    """Return the short hint written after a key: what it is, allowed values, an example."""
    parts: list[str] = []
    described = info.description
    model = shape.model or (shape.item.model if shape.kind == "list" and shape.item else None)
    if not described and model is not None:
        described = (model.__doc__ or "").strip().split("\n")[0]
    if described:
        parts.append(described.rstrip("."))
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    if extra.get("written_as"):
        parts.append(f"ditulis / written: {extra['written_as']}")
    scalar_list = shape.kind == "list" and shape.item is not None and shape.item.kind == "scalar"
    target = shape.item if scalar_list and shape.item else shape
    if target.choices and not all(choice in (described or "") for choice in target.choices):
        parts.append(" | ".join(target.choices))
    if target.scalar is dt.date and "YYYY" not in (described or ""):
        parts.append("YYYY-MM-DD")
    if target.above is not None:
        parts.append(f"> {_number(target.above)}" + (f", ≤ {_number(target.high)}" if target.high else ""))
    elif target.low is not None and target.high is not None:
        parts.append(f"{_number(target.low)}–{_number(target.high)}")
    if scalar_list:
        example = info.examples[0] if info.examples else list(target.examples[:1]) or ["…", "…"]
        parts.append(f"list / daftar, e.g. {_flow(example)}")
    elif target.examples and not target.choices:
        example = target.examples[0]
        parts.append(f"e.g. {example if target.scalar is dt.date else _flow(example)}")
    return "; ".join(parts)


def _flow(value: Any) -> str:
    """Return ``value`` as YAML on one line (quoted where YAML would misread it)."""
    if value == ["…", "…"]:
        return "[…, …]"
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, sort_keys=False, width=10_000)
    return text.removesuffix("\n").removesuffix("\n...").strip()


def template_lines(
    model: type[BaseModel],
    values: Mapping[str, Any] | None = None,
    *,
    indent: int = 0,
    use: frozenset[str] = frozenset(),
    prefix: str = "",
) -> list[str]:
    """Return YAML lines for every field of ``model``, each with a comment.

    ``values`` fills fields (nested dicts for nested models); other required fields are left
    empty, optional ones are commented out unless their dotted path is in ``use``.
    """
    values = values or {}
    lines: list[str] = []
    pad = " " * indent
    for name, info in model.model_fields.items():
        shape = field_shape(info)
        path = f"{prefix}{name}"
        value = values.get(name, MISSING)
        block = _field_lines(name, info, shape, value, indent, use, path)
        if not info.is_required() and value is MISSING and path not in use:
            block = [f"{pad}# {line[indent:]}" for line in block]
        lines += block
    return lines


def _with_comment(line: str, comment: str) -> str:
    return f"{line}  # {comment}" if comment else line


def _field_lines(
    name: str, info: FieldInfo, shape: Shape, value: Any, indent: int, use: frozenset[str], path: str
) -> list[str]:
    pad = " " * indent
    comment = field_comment(info, shape)
    nested = {k: v for k, v in value.items()} if isinstance(value, Mapping) else None
    if shape.kind == "model" and shape.model and (value is MISSING or nested is not None):
        return [
            _with_comment(f"{pad}{name}:", comment),
            *template_lines(shape.model, nested, indent=indent + 2, use=use, prefix=f"{path}."),
        ]
    if shape.kind == "list" and shape.item and shape.item.model and (value is MISSING or isinstance(value, list)):
        items = value if isinstance(value, list) and value else [MISSING]
        lines = [_with_comment(f"{pad}{name}:", comment)]
        for item in items:
            body = template_lines(
                shape.item.model,
                item if isinstance(item, Mapping) else None,
                indent=indent + 4,
                use=use,
                prefix=f"{path}.",
            )
            lines += _as_item(body, indent + 2)
        return lines
    if isinstance(value, str) and "\n" in value:
        return _block_lines(name, value, indent, comment)
    if value is not MISSING:
        return [_with_comment(f"{pad}{name}: {_flow(_plain(value))}", comment)]
    if not info.is_required():
        default = info.get_default(call_default_factory=True)
        if default is not None and default != [] and default != {}:
            return [_with_comment(f"{pad}{name}: {_flow(_plain(default))}", comment)]
    return [_with_comment(f"{pad}{name}:", comment)]


def _block_lines(name: str, text: str, indent: int, comment: str) -> list[str]:
    """Return a multi-line text as a YAML literal block (``key: |-``), or one quoted line if it cannot be one."""
    pad = " " * indent
    lines = [line.rstrip() for line in text.strip("\n").split("\n")]
    if lines[0].startswith((" ", "\t")) or any("\t" in line or not line.isprintable() for line in lines):
        return [_with_comment(f"{pad}{name}: {json.dumps(text, ensure_ascii=False)}", comment)]
    body = [f"{pad}  {line}" if line else "" for line in lines]
    return [_with_comment(f"{pad}{name}: |-", comment), *body]


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _as_item(body: list[str], indent: int) -> list[str]:
    """Turn the lines of one mapping (indented ``indent + 2``) into a ``- `` list item."""
    lines = list(body)
    for index, line in enumerate(lines):
        if not line.lstrip().startswith("#"):
            lines[index] = " " * indent + "- " + line[indent + 2 :]
            return lines
    return [" " * indent + "-", *lines]


HEADER = {
    Kind.product: (
        "Produk baru. Isi setiap kolom yang masih kosong; teks setelah # adalah petunjuk.",
        "Baris yang diawali # adalah kolom opsional: hapus '# ' di depannya untuk memakainya.",
        "New product. Fill in every empty field; text after # is a hint. Lines starting",
        "with # are optional fields: remove the '# ' in front to use one.",
        "Periksa / check: etalase validate",
    ),
    Kind.ikm: (
        "IKM baru. Isi setiap kolom yang masih kosong; teks setelah # adalah petunjuk.",
        "Baris yang diawali # adalah kolom opsional: hapus '# ' di depannya untuk memakainya.",
        "New IKM. Fill in every empty field; text after # is a hint. Lines starting",
        "with # are optional fields: remove the '# ' in front to use one.",
        "Periksa / check: etalase validate",
    ),
}


MODELS: dict[Kind, type[BaseModel]] = {Kind.product: Product, Kind.ikm: Ikm}


def schema_line(kind: Kind, depth: int) -> str:
    """Return the ``# yaml-language-server: $schema=`` line for a record ``depth`` folders below the root."""
    return f"# yaml-language-server: $schema={'../' * depth}{(SCHEMA_DIR / f'{kind.value}.schema.json').as_posix()}"


def render(kind: Kind, values: Mapping[str, Any], *, use: frozenset[str] = frozenset(), depth: int = 2) -> str:
    """Return the whole scaffold text for a record of ``kind``."""
    header = [schema_line(kind, depth), *(f"# {line}" for line in HEADER[kind])]
    return "\n".join([*header, *template_lines(MODELS[kind], values, use=use)]) + "\n"
