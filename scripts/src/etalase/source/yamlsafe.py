"""Safe YAML reading with the line of every key.

Reads bytes, returns plain Python data (dict, list, str, int, float, bool, None, date)
plus a ``LineMap`` from each key path to its 1-based line. A number YAML reads from text that
says more than the number (``+6281234567890``, ``85.000`` → 85.0) keeps that text as written
(``notation.WrittenInt`` / ``WrittenFloat``), so the record's readers see what was typed. Refuses what a hostile or
broken file could do: object-building tags, alias bombs, deep nesting, duplicate keys,
huge files, bad UTF-8, several documents in one file.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass, field
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from etalase.model.lines import LineMap, PathKey
from etalase.model.notation import WrittenFloat, WrittenInt
from etalase.model.problems import Msg

MAX_FILE_BYTES = 256 * 1024
MAX_NODES = 20_000
MAX_DEPTH = 20


_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
    "tag:yaml.org,2002:seq",
    "tag:yaml.org,2002:map",
}


@dataclass
class YamlError(Exception):
    """A file that cannot be read as a record, with the line where it went wrong."""

    line: int
    message: Msg


_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_CONSTRUCTOR = yaml.SafeLoader("")  # its scalar constructors keep no state: one serves every file
_CONSTRUCTORS = {
    "tag:yaml.org,2002:int": _CONSTRUCTOR.construct_yaml_int,
    "tag:yaml.org,2002:float": _CONSTRUCTOR.construct_yaml_float,
    "tag:yaml.org,2002:bool": _CONSTRUCTOR.construct_yaml_bool,
    "tag:yaml.org,2002:null": _CONSTRUCTOR.construct_yaml_null,
}


@dataclass
class _Walker:
    lines: dict[PathKey, int] = field(default_factory=dict)
    nodes: int = 0

    def value(self, node: Node, path: PathKey, depth: int) -> Any:
        self.nodes += 1
        if self.nodes > MAX_NODES:
            raise YamlError(
                node.start_mark.line + 1,
                Msg(
                    f"file terlalu besar setelah alias dibuka (lebih dari {MAX_NODES} nilai) — "
                    "tulis data tanpa anchor/alias (& dan *)",
                    f"file expands to more than {MAX_NODES} values (aliases) — "
                    "write the data without anchors and aliases (& and *)",
                ),
            )
        if depth > MAX_DEPTH:
            raise YamlError(node.start_mark.line + 1, _too_deep_msg())
        if node.tag not in _PLAIN_TAGS:
            raise YamlError(
                node.start_mark.line + 1,
                Msg(
                    f"tag YAML '{node.tag}' tidak diizinkan — hapus tanda ! dan tulis nilai biasa",
                    f"YAML tag '{node.tag}' is not allowed — remove the ! tag and write a plain value",
                ),
            )
        if isinstance(node, ScalarNode):
            return self.scalar(node)
        if isinstance(node, MappingNode):
            return self.mapping(node, path, depth)
        assert isinstance(node, SequenceNode)
        items = []
        for index, item in enumerate(node.value):
            item_path = (*path, index)
            self.lines.setdefault(item_path, item.start_mark.line + 1)
            items.append(self.value(item, item_path, depth + 1))
        return items

    def mapping(self, node: MappingNode, path: PathKey, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise YamlError(
                    line,
                    Msg(
                        "kunci gabungan '<<' tidak didukung — tulis setiap kolom secara lengkap",
                        "merge keys '<<' are not supported — write every field out in full",
                    ),
                )
            if not isinstance(key_node, ScalarNode):
                raise YamlError(
                    line,
                    Msg(
                        "nama kolom harus berupa kata biasa — tulis `nama: nilai`",
                        "a key must be a plain word — write `name: value`",
                    ),
                )
            key = str(key_node.value)
            if key in result:
                first = self.lines.get((*path, key), line)
                raise YamlError(
                    line,
                    Msg(
                        f"kolom '{key}' ditulis dua kali (pertama di baris {first}) — hapus salah satunya",
                        f"field '{key}' appears twice (first on line {first}) — keep only one",
                    ),
                )
            key_path = (*path, key)
            self.lines[key_path] = line
            result[key] = self.value(value_node, key_path, depth + 1)
        return result

    def scalar(self, node: ScalarNode) -> Any:
        tag = node.tag
        if tag == _STR:
            return str(node.value)
        if tag == _TIMESTAMP:
            try:
                value = _CONSTRUCTOR.construct_yaml_timestamp(node)
            except ValueError:  # looks like a date but is none (2026-02-30): let the schema say so
                return str(node.value)
            return value.date() if isinstance(value, dt.datetime) else value
        construct = _CONSTRUCTORS.get(tag)
        if construct is None:
            return str(node.value)
        value = construct(node)
        if tag == _INT and str(value) != node.value:
            return WrittenInt(value, str(node.value))
        if tag == _FLOAT and str(value) != node.value and math.isfinite(value):  # .nan stays PyYAML's one nan
            return WrittenFloat(value, str(node.value))
        return value


def _too_deep_msg() -> Msg:
    return Msg(
        f"data bersarang terlalu dalam (lebih dari {MAX_DEPTH} tingkat) — kurangi indentasi",
        f"data nested too deeply (over {MAX_DEPTH} levels) — flatten the structure",
    )


def _too_deep_line(text: str) -> int:
    """Return the line where collections nest deeper than ``MAX_DEPTH`` (read token by token, no recursion)."""
    opening = (
        yaml.BlockMappingStartToken,
        yaml.BlockSequenceStartToken,
        yaml.FlowMappingStartToken,
        yaml.FlowSequenceStartToken,
    )
    closing = (yaml.BlockEndToken, yaml.FlowMappingEndToken, yaml.FlowSequenceEndToken)
    depth = 0
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if isinstance(token, opening):
                depth += 1
                if depth > MAX_DEPTH:
                    return token.start_mark.line + 1
            elif isinstance(token, closing):
                depth -= 1
    except yaml.YAMLError:
        pass
    return 1


def decode(raw: bytes) -> str:
    """Return ``raw`` as text; raise ``YamlError`` for a huge, empty, binary or non-UTF-8 file."""
    if len(raw) > MAX_FILE_BYTES:
        raise YamlError(
            1,
            Msg(
                f"file terlalu besar ({len(raw) // 1024} KB, batas {MAX_FILE_BYTES // 1024} KB) — "
                "satu file untuk satu produk; foto disimpan sebagai file terpisah",
                f"file too large ({len(raw) // 1024} KB, limit {MAX_FILE_BYTES // 1024} KB) — "
                "one file per record; photos go in separate files",
            ),
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise YamlError(
            line,
            Msg(
                "file bukan teks UTF-8 — simpan ulang file sebagai UTF-8 di editor Anda",
                "file is not UTF-8 text — save it again as UTF-8 in your editor",
            ),
        ) from None
    if "\x00" in text:
        raise YamlError(
            1,
            Msg(
                "file berisi data biner — tulis record sebagai teks",
                "file holds binary data — write the record as text",
            ),
        )
    if not text.strip() or all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines()):
        raise YamlError(1, Msg("file kosong — isi kolom-kolomnya", "file is empty — fill in its fields"))
    return text


def parse(raw: bytes) -> tuple[dict[str, Any], LineMap]:
    """Return the mapping in one YAML document and the line of each key; raise ``YamlError``."""
    text = decode(raw)
    if (fast := _parse_fast(text)) is not None:
        return fast
    try:
        documents = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        # "while scanning a quoted scalar / simple key" marks where the broken item starts,
        # which is the line to fix; the problem mark is where the parser gave up.
        scanning = bool(exc.context and exc.context.startswith("while scanning") and exc.context_mark)
        mark = exc.context_mark if scanning else (exc.problem_mark or exc.context_mark)
        line = mark.line + 1 if mark else 1
        if quote_line := _unclosed_quote_line(text, line):
            raise YamlError(
                quote_line,
                Msg(
                    "tanda kutip dibuka tetapi tidak ditutup — tambahkan tanda kutip penutup di akhir nilai",
                    "a quotation mark is opened but never closed — add the closing quotation mark at the end of the value",
                ),
            ) from None
        problem = exc.problem or exc.context or "invalid YAML"
        hint_id, hint_en = _yaml_hint(text, line)
        raise YamlError(
            line,
            Msg(f"YAML tidak dapat dibaca ({problem}) — {hint_id}", f"YAML cannot be read ({problem}) — {hint_en}"),
        ) from None
    except yaml.YAMLError as exc:
        raise YamlError(
            1,
            Msg(
                f"YAML tidak dapat dibaca ({exc}) — periksa indentasi file",
                f"YAML cannot be read ({exc}) — check the indentation",
            ),
        ) from None
    except RecursionError:
        # PyYAML composes recursively: a few hundred levels of `[[[…` exhaust Python's stack long
        # before the walker's MAX_DEPTH check could run. Anything that deep is over MAX_DEPTH.
        raise YamlError(_too_deep_line(text), _too_deep_msg()) from None
    documents = [d for d in documents if d is not None]
    if len(documents) != 1:
        raise YamlError(
            _document_start_line(text, documents[1].start_mark.line) if len(documents) > 1 else 1,
            Msg(
                "satu file berisi satu record — hapus '---' tambahan",
                "one file holds one record — remove the extra '---'",
            ),
        )
    root = documents[0]
    if not isinstance(root, MappingNode):
        raise YamlError(
            root.start_mark.line + 1,
            Msg(
                "isi file harus berupa kolom `nama: nilai` — lihat contoh di README",
                "the file must hold `field: value` lines — see the example in the README",
            ),
        )
    walker = _Walker()
    data = walker.value(root, (), 0)
    return data, LineMap(walker.lines)


class _Resolving:
    """PyYAML's tag resolution for a loader without path resolvers, without their per-node work.

    libyaml calls ``resolve`` (and the path resolvers' ``descend``/``ascend``) in Python for
    every node; ``BaseResolver.resolve`` gives the same tags but joins two lists each time.
    """

    yaml_implicit_resolvers: dict[str | None, list[tuple[str, Any]]]
    DEFAULT_SCALAR_TAG = _STR
    DEFAULT_SEQUENCE_TAG = "tag:yaml.org,2002:seq"
    DEFAULT_MAPPING_TAG = "tag:yaml.org,2002:map"

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        """Do nothing: there are no path resolvers."""

    def ascend_resolver(self) -> None:
        """Do nothing: there are no path resolvers."""

    def resolve(self, kind: type[Node], value: str | None, implicit: tuple[bool, bool]) -> str:
        """Return the tag of a node without one, as ``BaseResolver.resolve`` does."""
        if kind is ScalarNode:
            if implicit[0]:
                assert value is not None
                for tag, regexp in self.yaml_implicit_resolvers.get(value[:1], ()):
                    if regexp.match(value):
                        return tag
            return self.DEFAULT_SCALAR_TAG
        return self.DEFAULT_SEQUENCE_TAG if kind is SequenceNode else self.DEFAULT_MAPPING_TAG


def _fast_loader() -> type | None:
    """Return libyaml's safe loader with ``_Resolving`` (None when PyYAML was built without libyaml)."""
    loader = getattr(yaml, "CSafeLoader", None)
    if loader is None or loader.yaml_path_resolvers or None in loader.yaml_implicit_resolvers:
        return loader  # resolution ``_Resolving`` does not cover: PyYAML's own
    return type("_FastSafeLoader", (_Resolving, loader), {})


_FAST_LOADER = _fast_loader()  # libyaml, when PyYAML was built with it
_FAST_MAX_BRACKETS = 1000  # libyaml composes recursively in C: deep `[[[…` goes the slow way


def _parse_fast(text: str) -> tuple[dict[str, Any], LineMap] | None:
    """Return what ``parse`` returns for a good record, read by libyaml (ten times faster), or
    ``None`` for anything else, which ``parse`` then reads with PyYAML's own parser so that
    every refusal, message and line stays as written there."""
    if _FAST_LOADER is None or text.count("[") + text.count("{") > _FAST_MAX_BRACKETS:
        return None
    try:
        documents = [d for d in yaml.compose_all(text, Loader=_FAST_LOADER) if d is not None]
        if len(documents) != 1 or not isinstance(documents[0], MappingNode):
            return None
        walker = _Walker()
        data = walker.value(documents[0], (), 0)
    except (yaml.YAMLError, YamlError, RecursionError):
        return None
    return data, LineMap(walker.lines)


def _unclosed_quote_line(text: str, error_line: int) -> int | None:
    """Return the first line up to ``error_line`` whose quoted value is never closed, if any.

    A quoted value may run over several lines, so the parser often fails far below the quote
    that was left open; the line to fix is where it opens.
    """
    for number, raw in enumerate(text.splitlines()[:error_line], start=1):
        value = raw.split(": ", 1)[1] if ": " in raw else raw.strip().removeprefix("- ")
        value = value.strip()
        if value.startswith('"') and (len(value) == 1 or not value.rstrip().endswith('"') or value.endswith('\\"')):
            return number
        if value.startswith("'") and (len(value) == 1 or not value.endswith("'")):
            return number
    return None


def _yaml_hint(text: str, line: int) -> tuple[str, str]:
    """Return a fix hint (Indonesian, English) for a YAML syntax error on ``line``."""
    lines = text.splitlines()
    current = lines[line - 1] if 0 < line <= len(lines) else ""
    if "\t" in current:
        return "ganti tab dengan spasi", "replace the tab with spaces"
    if current.count('"') % 2 or current.count("'") % 2:
        return "tutup tanda kutip", "close the quotation mark"
    return (
        "periksa indentasi (spasi di awal baris) dan tanda ':' setelah nama kolom",
        "check the indentation (spaces at the start of the line) and the ':' after the field name",
    )


def _document_start_line(text: str, node_line: int) -> int:
    """Return the line of the ``---`` that opens the document whose first node is on ``node_line`` (0-based)."""
    lines = text.splitlines()
    for index in range(min(node_line, len(lines) - 1), -1, -1):
        if lines[index].startswith("---"):
            return index + 1
    return node_line + 1
