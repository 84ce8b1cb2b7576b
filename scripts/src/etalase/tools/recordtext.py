"""A record written as YAML text the way the project's records are: block style, lists of short words in one line, no aliases."""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from etalase.source.load import Kind
from etalase.tools import blankrecord


def normalised(model: type[BaseModel], values: dict[str, Any]) -> dict[str, Any]:
    """Return ``values`` as ``model`` reads them (``85rb`` → 85000 where it reads notation), in its field
    order, only the fields given; unchanged when the model refuses them (the check says why)."""
    try:
        record = model.model_validate(values)
    except ValidationError:
        return values
    return plain(record.model_dump(exclude_unset=True))


def plain(value: Any) -> Any:
    """Return ``value`` built of YAML's plain types only (enum members, int and str subclasses made plain)."""
    if isinstance(value, Enum):
        return plain(value.value)
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    if isinstance(value, bool) or value is None or type(value) in (dt.date, dt.datetime):
        return value
    for kind in (int, float, str):
        if isinstance(value, kind):
            return kind(value)
    return value


class _Dumper(yaml.SafeDumper):
    """YAML as the records are written: blocks for mappings, list items indented under their key,
    lists of plain values on one line, texts with line breaks as literal blocks, no aliases."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        """Indent block list items under their key (``photos:\n  - file: …``)."""
        return super().increase_indent(flow, False)

    def ignore_aliases(self, data: Any) -> bool:
        """Write every value out, never ``&id001`` / ``*id001``."""
        return True


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    flat = all(not isinstance(item, dict | list) for item in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flat)


def _represent_str(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
    return dumper.represent_scalar("tag:yaml.org,2002:str", data, style="|" if "\n" in data else None)


def record_text(kind: Kind, values: dict[str, Any]) -> bytes:
    """Return a record file: the schema line, then ``values`` as YAML."""
    body = yaml.dump(values, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False)
    return f"{blankrecord.schema_line(kind, 2)}\n{body}".encode()


_Dumper.add_representer(list, _represent_list)
_Dumper.add_representer(str, _represent_str)
