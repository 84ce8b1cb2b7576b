"""Turn pydantic's validation errors into problems a small business owner can act on.

Reads a pydantic ``ValidationError`` for one record plus the record's line map; returns
``Problem``s at the line of the offending key, in Indonesian and English, with the field's
example or a "did you mean" suggestion as the fix. A field that holds a block (``price``,
``moq``, ``photos``) is shown in its right form on one line, from the model's example
(``price: {min: 85000, max: 95000, unit: pcs}``); values are quoted as they were written.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, Literal, get_args, get_origin

import yaml
from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from etalase.model.lines import LineMap, PathKey
from etalase.model.notation import WrittenFloat, WrittenInt
from etalase.model.problems import Msg, Problem


def field_name(loc: Sequence[str | int]) -> str:
    """Return a location as a contributor reads it: ``certificates[0].number``."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def problems_from_error(path: str, model: type[BaseModel], error: ValidationError, lines: LineMap) -> list[Problem]:
    """Return one problem per pydantic error of ``model`` read from ``path``."""
    problems = []
    for item in error.errors(include_url=False):
        loc = _clean_loc(item["loc"]) + tuple((item.get("ctx") or {}).get("at", ()))
        is_key = bool(item["loc"]) and item["loc"][-1] == "[key]"
        info, parent = _field_at(model, loc[:-1] if is_key else loc)
        message = _message(item, loc, _Field(info, parent))
        problems.append(Problem(path, lines.line_of(loc), field_name(loc), message))
    return problems


def _clean_loc(loc: Sequence[Any]) -> PathKey:
    """Drop pydantic's internal steps (union branches, enum names) from a location."""
    internal = ("function-", "lax-", "strict-", "[key]")
    return tuple(part for part in loc if isinstance(part, int) or not str(part).startswith(internal))


def _field_at(model: type[BaseModel], loc: PathKey) -> tuple[FieldInfo | None, type[BaseModel] | None]:
    """Return the field definition at ``loc`` and the model that holds it."""
    current: Any = model
    info: FieldInfo | None = None
    parent: type[BaseModel] | None = None
    for part in loc:
        if isinstance(part, int):
            continue
        model_type = _model_in(current)
        if model_type is None or part not in model_type.model_fields:
            return None, model_type
        parent = model_type
        info = model_type.model_fields[part]
        current = info.annotation
    return info, parent


def _model_in(annotation: Any) -> type[BaseModel] | None:
    """Return the model inside an annotation such as ``list[Photo] | None``."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        if found := _model_in(arg):
            return found
    return None


@dataclass(frozen=True)
class _Field:
    """The field an error is about, and the model that holds it."""

    info: FieldInfo | None
    parent: type[BaseModel] | None


def model_example(model: type[BaseModel]) -> dict[str, Any]:
    """Return a short example of ``model``: its own (``json_schema_extra``), or its required fields'."""
    extra = model.model_config.get("json_schema_extra")
    if isinstance(extra, dict) and isinstance(examples := extra.get("examples"), list) and examples:
        return dict(examples[0])
    return {name: _value_example(info, model) for name, info in model.model_fields.items() if info.is_required()}


def _value_example(info: FieldInfo | None, parent: type[BaseModel] | None, key: str = "") -> Any:
    """Return an example value of a field: its example, its model's, its parent's, or its first choice."""
    nested = _model_in(info.annotation) if info else None
    if nested is not None and info is not None:
        value: Any = model_example(nested)
        return [value] if _is_list(info.annotation) else value
    examples = info.examples if info and info.examples else None
    for meta in (getattr(info, "metadata", None) or []) if examples is None else []:
        examples = getattr(meta, "examples", None) or examples
    if examples:
        return examples[0]
    if parent is not None and key and key in (from_parent := model_example(parent)):
        return from_parent[key]
    return _choice_example(info.annotation if info else None)


def _choice_example(annotation: Any) -> Any:
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return next(iter(annotation)).value
    if get_origin(annotation) is Literal:
        return get_args(annotation)[0]
    if annotation is dt.date:
        return "2026-10-31"
    for arg in get_args(annotation):
        if (found := _choice_example(arg)) != "…":
            return found
    return "…"


def _is_list(annotation: Any) -> bool:
    if get_origin(annotation) is list:
        return True
    return any(_is_list(arg) for arg in get_args(annotation))


def _flow(value: Any) -> str:
    """Return ``value`` as YAML on one line, quoted where YAML would misread it."""
    if value == "…":
        return value
    if isinstance(value, str) and yaml.safe_load(value) != value:
        return json.dumps(value, ensure_ascii=False)
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, sort_keys=False, width=10_000)
    return text.removesuffix("\n").removesuffix("\n...").strip()


def _example(field: _Field, key: str) -> str:
    """Return ``key: example`` as a contributor would type it (quoted where YAML needs it)."""
    return f"{key}: {_flow(_value_example(field.info, field.parent, key))}"


def _about(info: FieldInfo | None) -> str:
    return f" ({info.description})" if info and info.description else ""


@dataclass(frozen=True)
class _Error:
    """One pydantic error, with what its message needs: the key, the value as written, the field."""

    kind: str
    ctx: dict[str, Any]
    key: str
    value: Any
    shown: str
    loc: PathKey
    at: _Field

    @property
    def about(self) -> str:
        return _about(self.at.info)

    def example(self) -> str:
        return _example(self.at, self.key)


def _message(item: Any, loc: PathKey, at: _Field) -> Msg:
    """Return the bilingual message for one pydantic error."""
    kind: str = item["type"]
    value = item.get("input")
    error = _Error(
        kind=kind,
        ctx=item.get("ctx") or {},
        key=str(next((p for p in reversed(loc) if isinstance(p, str)), "value")),
        value=value,
        shown=_shown(value),
        loc=loc,
        at=at,
    )
    if kind == "etalase":
        return Msg(error.ctx["id"], error.ctx["en"])
    if value is None and kind not in {"missing", "extra_forbidden"}:
        return _empty(error)
    if item["loc"] and item["loc"][-1] == "[key]":
        return _bad_key(error)
    for kinds, message in _BY_KIND:
        if kind in kinds or any(kind.startswith(prefix[:-1]) for prefix in kinds if prefix.endswith("*")):
            return message(error)
    if kind == "value_error":
        text = str(error.ctx.get("error", item["msg"]))
        return Msg(text, text)
    text = str(item["msg"])
    return Msg(f"{text} — periksa nilai {error.shown}", f"{text} — check the value {error.shown}")


def _empty(e: _Error) -> Msg:
    example = e.example()
    return Msg(
        f"kosong — isi nilainya, mis. `{example}`{e.about}",
        f"is empty — fill in a value, e.g. `{example}`{e.about}",
    )


def _bad_key(e: _Error) -> Msg:
    example = _example(_Field(_key_info(e.at.info), None), e.key)
    return Msg(
        f"{e.shown} bukan nama yang sah{e.about} — tulis seperti `{example}`",
        f"{e.shown} is not a valid key{e.about} — write it like `{example}`",
    )


def _missing(e: _Error) -> Msg:
    example = e.example()
    return Msg(f"wajib diisi — tambahkan `{example}`{e.about}", f"is required — add `{example}`{e.about}")


def _pattern(e: _Error) -> Msg:
    example = e.example()
    return Msg(
        f"{e.shown} tidak sesuai format — tulis seperti `{example}`{e.about}",
        f"{e.shown} is not in the expected form — write it like `{example}`{e.about}",
    )


def _choice(e: _Error) -> Msg:
    expected = e.ctx.get("expected", "")
    return Msg(
        f"{e.shown} tidak dikenal — pilih salah satu: {expected}",
        f"{e.shown} is not a known value — use one of: {expected}",
    )


def _number(e: _Error) -> Msg:
    if isinstance(e.value, float) and e.kind == "int_type":
        return Msg(
            f"{e.shown} bukan bilangan bulat — tulis angka tanpa titik ribuan (150000, bukan 150.000)",
            f"{e.shown} is not a whole number — write it without a thousands dot (150000, not 150.000)",
        )
    if "price" in e.loc or "fob_usd" in e.loc:
        return Msg(
            f"{e.shown} bukan angka — tulis angka saja, tanpa titik ribuan atau 'Rp' (mis. 85000)",
            f"{e.shown} is not a number — write digits only, no thousands separator or 'Rp' (e.g. 85000)",
        )
    example = e.example()
    return Msg(
        f"{e.shown} bukan angka — tulis angka saja, mis. `{example}`",
        f"{e.shown} is not a number — write digits only, e.g. `{example}`",
    )


_BOUNDS = {
    "greater_than_equal": ("minimal", "at least"),
    "greater_than": ("lebih dari", "more than"),
    "less_than_equal": ("maksimal", "at most"),
    "less_than": ("kurang dari", "less than"),
}


def _bound(e: _Error) -> Msg:
    bound = next(iter(e.ctx.values()), "")
    words = _BOUNDS[e.kind]
    return Msg(
        f"{e.shown} di luar batas — harus {words[0]} {bound}",
        f"{e.shown} is out of range — it must be {words[1]} {bound}",
    )


def _boolean(e: _Error) -> Msg:
    return Msg(
        f"{e.shown} harus true atau false — tulis `{e.key}: true` atau `{e.key}: false`",
        f"{e.shown} must be true or false — write `{e.key}: true` or `{e.key}: false`",
    )


def _date(e: _Error) -> Msg:
    return Msg(
        f"{e.shown} bukan tanggal — tulis tanggal sebagai TTTT-BB-HH, mis. 2026-10-31",
        f"{e.shown} is not a date — write dates as YYYY-MM-DD, e.g. 2026-10-31",
    )


def _too_short(e: _Error) -> Msg:
    return Msg("kosong atau terlalu sedikit — isi nilainya", "is empty or has too few items — fill it in")


def _too_long(e: _Error) -> Msg:
    limit = e.ctx.get("max_length", "")
    return Msg(f"terlalu panjang (maksimal {limit}) — persingkat", f"is too long (at most {limit}) — shorten it")


def _text(e: _Error) -> Msg:
    return Msg(
        f'{e.shown} harus berupa teks — beri tanda kutip: `{e.key}: "..."`',
        f'{e.shown} must be text — put it in quotes: `{e.key}: "..."`',
    )


def _list(e: _Error) -> Msg:
    example = e.example()
    return Msg(
        f"harus berupa daftar{e.about} — tulis `{example}`, atau setiap butir di baris sendiri diawali '- '",
        f"must be a list{e.about} — write `{example}`, or each item on its own line starting with '- '",
    )


def _block(e: _Error) -> Msg:
    fields = ", ".join(_fields_of(e.at.info))
    example = e.example()
    return Msg(
        f"{e.shown} bukan blok berisi {fields} — tulis `{example}`, "
        "atau setiap kolom di baris berikutnya dengan indentasi 2 spasi",
        f"{e.shown} is not a block holding {fields} — write `{example}`, "
        "or each field on the next lines, indented by 2 spaces",
    )


# Pydantic error kinds (a trailing * matches a prefix) and the message each gets, in this order.
_BY_KIND: tuple[tuple[frozenset[str], Callable[[_Error], Msg]], ...] = (
    (frozenset({"missing"}), _missing),
    (frozenset({"extra_forbidden"}), lambda e: _unknown_field(e.key, e.at.parent)),
    (frozenset({"string_pattern_mismatch"}), _pattern),
    (frozenset({"enum", "literal_error"}), _choice),
    (frozenset({"int_parsing", "int_type", "int_from_float", "float_parsing", "float_type"}), _number),
    (frozenset(_BOUNDS), _bound),
    (frozenset({"bool_parsing", "bool_type"}), _boolean),
    (frozenset({"date*", "datetime*"}), _date),
    (frozenset({"string_too_short", "too_short"}), _too_short),
    (frozenset({"string_too_long", "too_long"}), _too_long),
    (frozenset({"string_type", "str_type"}), _text),
    (frozenset({"list_type", "tuple_type"}), _list),
    (frozenset({"model_type", "model_attributes_type", "dict_type"}), _block),
)


def _fields_of(info: FieldInfo | None) -> list[str]:
    model = _model_in(info.annotation) if info else None
    return list(model.model_fields) if model else []


def _unknown_field(key: str, parent: type[BaseModel] | None) -> Msg:
    known = list(parent.model_fields) if parent else []
    if key[:1].isdigit():  # `{min: 1,5jt, …}`: the comma split the value into a field of its own
        return Msg(
            f"kolom '{key}' tidak dikenal — di dalam {{ }} koma memisahkan kolom: tulis angka dengan titik "
            '(1.5jt) atau beri tanda kutip ("1,5jt")',
            f"unknown field '{key}' — inside {{ }} a comma separates fields: write the number with a dot "
            '(1.5jt) or in quotes ("1,5jt")',
        )
    close = difflib.get_close_matches(key, known, n=1, cutoff=0.6)
    if close:
        return Msg(
            f"kolom '{key}' tidak dikenal — mungkin maksudnya `{close[0]}`?",
            f"unknown field '{key}' — did you mean `{close[0]}`?",
        )
    listed = ", ".join(known)
    return Msg(
        f"kolom '{key}' tidak dikenal — hapus, atau gunakan salah satu: {listed}",
        f"unknown field '{key}' — remove it, or use one of: {listed}",
    )


def _key_info(info: FieldInfo | None) -> FieldInfo | None:
    """Return the field info of a dict's keys (``dict[Annotated[str, Field(...)], X]``), if it has one."""
    for arg in get_args(info.annotation) if info else ():
        for meta in getattr(arg, "__metadata__", ()):
            if isinstance(meta, FieldInfo):
                return meta
    return None


def _shown(value: Any) -> str:
    """Return a value quoted as it was written (the YAML text of a number, when YAML kept it)."""
    if isinstance(value, dt.date):
        return f"'{value.isoformat()}'"
    if isinstance(value, WrittenInt | WrittenFloat):
        return f"'{value.written}'"
    text = repr(value) if not isinstance(value, str) else f"'{value}'"
    return text if len(text) <= 60 else text[:57] + "…'"
