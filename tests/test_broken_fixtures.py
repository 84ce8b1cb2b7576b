"""Broken-record fixtures: one file per validation rule, each checked through ``etalase validate``.

Every ``tests/fixtures/broken/*.yml`` is a complete record with ONE mistake. Its first lines
are comments this test reads::

    # place: products/rajut-contoh/kardigan.yml   where it goes in a copy of the mini project
    # field: export.hs_code                       the field the message names (empty: file problem)
    # line: 46                                    the line of the message, counting these comments
    # severity: error                             or warning
    # rule: HS codes are 8 digits written 6110.20.00
    # message: '611030' is not in the expected form   a piece of the English message
    # xfail: validator bug: ...                   (optional) a known bug, reported to the lead

Files that cannot be kept as text (bad UTF-8, binary, huge, symlinks, a missing file) are
generated below with the same fields.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import FIXTURES, REPO, draw_photo, make_mini_project
from etalase.source.yamlsafe import MAX_FILE_BYTES
from etalase.tools.cli import main

BROKEN = FIXTURES / "broken"
MINI = FIXTURES / "mini"
TODAY = "2026-11-22"
HEADER_LINE = re.compile(r"# (\w+):(.*)$")
HEADER_KEYS = {"place", "field", "line", "severity", "rule", "message"}
KARDIGAN = "products/rajut-contoh/kardigan.yml"

# Messages that are not translated yet: the Indonesian run prints the English text.
UNTRANSLATED: dict[str, str] = {}


@dataclass(frozen=True)
class Case:
    """One broken file: where it goes and what `validate` must say about it."""

    name: str
    place: str
    field: str
    line: int
    severity: str
    rule: str
    message: str
    write: Callable[[Path], None] = field(compare=False)
    xfail: str = ""

    def expected_prefix(self) -> str:
        """Return the start of the problem line: ``path:line: [warning: ][field: ]``."""
        mark = "warning: " if self.severity == "warning" else ""
        named = f"{self.field}: " if self.field else ""
        return f"{self.place}:{self.line}: {mark}{named}"


def read_header(path: Path) -> dict[str, str]:
    """Return the ``# key: value`` comment lines at the top of a fixture."""
    header: dict[str, str] = {}
    for text in path.read_text(encoding="utf-8").splitlines():
        match = HEADER_LINE.match(text)
        if not match:
            break
        header[match[1]] = match[2].strip()
    missing = HEADER_KEYS - set(header)
    assert not missing, f"{path.name}: header lacks {sorted(missing)}"
    assert header["severity"] in {"error", "warning"}, path.name
    return header


def fixture_case(path: Path) -> Case:
    """Return the case described by a fixture file's header."""
    header = read_header(path)

    def write(root: Path) -> None:
        target = root / header["place"]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(path.read_bytes())

    return Case(
        name=path.name,
        place=header["place"],
        field=header["field"],
        line=int(header["line"]),
        severity=header["severity"],
        rule=header["rule"],
        message=header["message"],
        write=write,
        xfail=header.get("xfail", ""),
    )


def _kardigan_bytes() -> bytes:
    return (MINI / KARDIGAN).read_bytes()


def _line_of(text: bytes, needle: bytes) -> int:
    return text[: text.index(needle)].count(b"\n") + 1


LATIN1 = _kardigan_bytes().replace(
    b"en: A soft knitted cardigan with wooden buttons.", "en: A soft cardigan, café style.".encode("cp1252")
)


def _put(rel: str, data: bytes) -> Callable[[Path], None]:
    def write(root: Path) -> None:
        (root / rel).write_bytes(data)

    return write


def _symlink(root: Path) -> None:
    outside = root.parent / "elsewhere" / "kardigan.yml"
    outside.parent.mkdir(parents=True, exist_ok=True)
    outside.write_bytes(_kardigan_bytes())
    target = root / KARDIGAN
    target.unlink()
    target.symlink_to(outside)


def _remove(rel: str) -> Callable[[Path], None]:
    def write(root: Path) -> None:
        (root / rel).unlink()

    return write


PHOTO = "products/rajut-contoh/kardigan-1.jpg"
PHOTO_LINE = _line_of(_kardigan_bytes(), b"- file: kardigan-1.jpg")


def _truncated_photo(root: Path) -> None:
    data = (root / PHOTO).read_bytes()
    (root / PHOTO).write_bytes(data[: len(data) // 2])


def _small_photo(root: Path) -> None:
    draw_photo(root / PHOTO, (320, 240))


def _photo_is_folder(root: Path) -> None:
    (root / PHOTO).unlink()
    (root / PHOTO).mkdir()


def _photo_links_out(root: Path) -> None:
    outside = draw_photo(root.parent / "Pictures" / "kardigan.jpg", (1600, 1200))
    (root / PHOTO).unlink()
    (root / PHOTO).symlink_to(outside)


def _photo_case(name: str, rule: str, message: str, write: Callable[[Path], None]) -> Case:
    return Case(f"generated:{name}", KARDIGAN, "photos[0].file", PHOTO_LINE, "error", rule, message, write)


GENERATED = [
    _photo_case(
        "photo-not-an-image",
        "a photo file holds a JPEG, PNG or WebP picture",
        "is not a JPEG, PNG or WebP photo",
        _put(PHOTO, b"Kardigan krem, foto menyusul.\n"),
    ),
    _photo_case(
        "photo-heic",
        "iPhone HEIC photos are named as such, with how to save them as JPEG",
        "HEIC photos (from an iPhone) cannot be used",
        _put(PHOTO, b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(64)),
    ),
    _photo_case(
        "photo-truncated", "a photo cut off while copying is reported", "damaged or incomplete", _truncated_photo
    ),
    _photo_case(
        "photo-too-small", "a photo's long side is at least 800 pixels", "the photo is too small", _small_photo
    ),
    _photo_case(
        "photo-is-a-folder", "a photo name points at a file, not a folder", "is not a photo file", _photo_is_folder
    ),
    _photo_case(
        "photo-links-outside",
        "a photo may not be a symlink to a file outside its folder",
        "is a link (symlink) to a place outside this folder",
        _photo_links_out,
    ),
    Case(
        "generated:not-utf8",
        KARDIGAN,
        "",
        _line_of(LATIN1, b"caf\xe9"),
        "error",
        "a file saved as Windows-1252 instead of UTF-8 is reported at the first bad byte",
        "file is not UTF-8 text",
        _put(KARDIGAN, LATIN1),
    ),
    Case(
        "generated:utf16",
        KARDIGAN,
        "",
        1,
        "error",
        "a file saved as UTF-16 (Windows Notepad 'Unicode') is not UTF-8",
        "file is not UTF-8 text",
        _put(KARDIGAN, _kardigan_bytes().decode("utf-8").encode("utf-16")),
    ),
    Case(
        "generated:binary",
        KARDIGAN,
        "",
        1,
        "error",
        "a file holding NUL bytes is binary, not a record",
        "file holds binary data",
        _put(KARDIGAN, _kardigan_bytes() + b"\x00\x01\x02\x03\x00"),
    ),
    Case(
        "generated:huge",
        KARDIGAN,
        "",
        1,
        "error",
        f"a record over {MAX_FILE_BYTES // 1024} KB is refused",
        "file too large",
        _put(KARDIGAN, _kardigan_bytes() + b"# padding\n" * (MAX_FILE_BYTES // 10 + 1)),
    ),
    Case(
        "generated:symlink",
        KARDIGAN,
        "",
        1,
        "error",
        "a record may not be a symbolic link (it could point outside the project)",
        "may not be a symbolic link",
        _symlink,
    ),
    Case(
        "generated:missing-catalog-file",
        "catalog/certificates.yml",
        "",
        1,
        "error",
        "the catalogue-wide files in catalog/ must exist",
        "catalog/certificates.yml is missing — create it",
        _remove("catalog/certificates.yml"),
    ),
]

CASES = [fixture_case(path) for path in sorted(BROKEN.glob("*.yml"))] + GENERATED


def _param(case: Case, extra_xfail: str = "") -> object:
    reason = case.xfail or extra_xfail
    marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
    return pytest.param(case, id=case.name, marks=marks)


def _validate(capsys: pytest.CaptureFixture[str], root: Path, *extra: str, lang: str = "en") -> tuple[int, list[str]]:
    """Run ``etalase validate`` on ``root``; return the exit code and the stdout lines."""
    code = main(["--root", str(root), "validate", "--today", TODAY, "--lang", lang, *extra])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out.splitlines()


def _project(tmp_path: Path, case: Case) -> Path:
    root = make_mini_project(tmp_path / "p")
    case.write(root)
    return root


def _matching(case: Case, lines: list[str]) -> list[str]:
    return [line for line in lines if line.startswith(case.expected_prefix())]


def test_there_is_a_fixture_for_many_rules() -> None:
    assert len(CASES) >= 35
    assert len({case.rule for case in CASES}) == len(CASES), "each fixture shows its own rule"


@pytest.mark.parametrize("case", [_param(c) for c in CASES])
def test_broken_fixture_is_reported_at_its_line_and_field(
    case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path, case)
    code, lines = _validate(capsys, root)
    found = _matching(case, lines)
    assert found, f"no line starts with {case.expected_prefix()!r}; got:\n" + "\n".join(lines)
    assert any(case.message in line and " — " in line for line in found), "\n".join(found)
    if case.severity == "error":
        assert code == 1
    else:
        assert code == 0, "a warning alone must not fail plain validate:\n" + "\n".join(lines)
        strict_code, _ = _validate(capsys, root, "--strict")
        assert strict_code == 1


@pytest.mark.parametrize("case", [_param(c, UNTRANSLATED.get(c.name, "")) for c in CASES])
def test_broken_fixture_message_exists_in_indonesian(
    case: Case, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path, case)
    _, english = _validate(capsys, root, lang="en")
    _, indonesian = _validate(capsys, root, lang="id")
    english_lines = [line for line in _matching(case, english) if case.message in line]
    assert english_lines
    prefix = case.expected_prefix()
    indonesian_lines = _matching(case, indonesian)
    assert indonesian_lines, f"no Indonesian line starts with {prefix!r}"
    assert " — " in indonesian_lines[0]
    assert not set(english_lines) & set(indonesian_lines), "the Indonesian message is the English one"


def test_untouched_mini_project_is_valid(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    mini = make_mini_project(tmp_path / "mini")
    code, lines = _validate(capsys, mini, "--strict")
    assert (code, lines) == (0, [])


def test_sample_catalogue_is_valid(capsys: pytest.CaptureFixture[str]) -> None:
    # The sample at the repository root is checked against the real date: as it ages only
    # warnings (stale data, expiring certificates) may appear, and they do not fail plain validate.
    code = main(["--root", str(REPO), "validate", "--lang", "en"])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert code == 0, out


@pytest.mark.parametrize(
    ("fixture", "referrer"),
    [
        ("ikm-whatsapp-without-country-code.yml", "products/rajut-contoh/kardigan.yml"),
        ("sentra-coordinates-outside-indonesia.yml", "products/rajut-contoh/ikm.yml"),
    ],
)
def test_broken_record_does_not_blame_records_that_refer_to_it(
    fixture: str, referrer: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = fixture_case(BROKEN / fixture)
    _, lines = _validate(capsys, _project(tmp_path, case))
    assert _matching(case, lines)
    assert not [line for line in lines if line.startswith(f"{referrer}:")]
