"""Unit tests of the safe YAML reader: data, key lines and refusals."""

from __future__ import annotations

import datetime as dt

import pytest

from etalase.source.yamlsafe import MAX_FILE_BYTES, YamlError, parse


def test_reads_data_with_line_of_every_key() -> None:
    data, lines = parse(b"# comment\nslug: a\nphotos:\n  - file: x.jpg\n    alt:\n      id: foto\nwhen: 2026-01-02\n")
    assert data == {"slug": "a", "photos": [{"file": "x.jpg", "alt": {"id": "foto"}}], "when": dt.date(2026, 1, 2)}
    assert lines.line_of(("slug",)) == 2
    assert lines.line_of(("photos", 0, "file")) == 4
    assert lines.line_of(("photos", 0, "alt", "id")) == 6
    assert lines.line_of(("photos", 0, "alt", "missing")) == 5  # falls back to the parent key


def _error(raw: bytes) -> YamlError:
    with pytest.raises(YamlError) as caught:
        parse(raw)
    return caught.value


def test_duplicate_key_names_both_lines() -> None:
    error = _error(b"slug: a\nname: x\nslug: b\n")
    assert error.line == 3
    assert "first on line 1" in error.message.en


@pytest.mark.parametrize("tag", ["!!python/object/apply:os.system ['true']", "!!python/name:os.system", "!custom x"])
def test_object_building_tags_are_refused(tag: str) -> None:
    error = _error(f"slug: a\nname: {tag}\n".encode())
    assert error.line == 2
    assert "tag" in error.message.en


def test_alias_bomb_is_refused_quickly() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for level in range(1, 9):
        lines.append(f"{chr(97 + level)}: &{chr(97 + level)} [" + ", ".join([f"*{chr(96 + level)}"] * 10) + "]")
    error = _error("\n".join(lines).encode())
    assert "aliases" in error.message.en


def test_deep_nesting_is_refused() -> None:
    error = _error(("a: " + "[" * 50 + "]" * 50).encode())
    assert "nested" in error.message.en


@pytest.mark.parametrize(
    ("raw", "line", "words"),
    [
        (b"", 1, "empty"),
        (b"# only a comment\n\n", 1, "empty"),
        (b"slug: a\nname: \xff\xfe\n", 2, "UTF-8"),
        (b"x" * (MAX_FILE_BYTES + 1), 1, "too large"),
        (b"- a\n- b\n", 1, "field: value"),
        (b"slug: a\n---\nslug: b\n", 2, "one record"),
        (b"slug: a\n\tname: b\n", 2, "tab"),
        (b"slug: 'a\nname: b\n", 1, "closing quotation mark"),
        (b"base: &b {x: 1}\nother:\n  <<: *b\n", 3, "merge"),
    ],
)
def test_broken_files_give_a_line_and_a_fix(raw: bytes, line: int, words: str) -> None:
    error = _error(raw)
    assert error.line == line
    assert words in error.message.en
    assert " — " in error.message.en and " — " in error.message.id


def test_bom_and_crlf_are_accepted() -> None:
    data, lines = parse(b"\xef\xbb\xbfslug: a\r\nname: b\r\n")
    assert data == {"slug": "a", "name": "b"}
    assert lines.line_of(("name",)) == 2
