"""The ``etalase`` command line: help texts, exit codes, GitHub annotations, JSON Schemas."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from conftest import FIXTURES, REPO
from etalase.tools.cli import main
from test_notation import WHATSAPP

MINI = FIXTURES / "mini"
SCHEMAS = REPO / "catalog" / "schema"
KARDIGAN = "products/rajut-contoh/kardigan.yml"
KERIPIK = "products/dapur-contoh/keripik.yml"


def _help(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as stopped:
        main([*argv, "--help"])
    assert stopped.value.code == 0
    out, err = capsys.readouterr()
    assert err == ""
    return " ".join(out.split())  # argparse wraps lines; compare words


def test_top_level_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    text = _help(capsys)
    assert "usage: etalase" in text
    assert "turn YAML records of IKM products and sentra into a catalogue website" in text
    for command in ("validate", "build", "serve", "schema"):
        assert command in text
    assert "--root" in text


@pytest.mark.parametrize(
    ("command", "says", "options"),
    [
        (
            "validate",
            "print each problem as path:line: field: what is wrong — how to fix",
            ["--strict", "--lang", "--format"],
        ),
        (
            "build",
            "Validate, process photos, generate pages, build with mkdocs-material",
            ["--strict", "--config-file"],
        ),
        ("serve", "Run mkdocs serve with the Etalase pipeline", ["--dev-addr", "--config-file"]),
        ("schema", "Write catalog/schema/*.schema.json from the record models", ["--check"]),
    ],
)
def test_each_command_has_help(capsys: pytest.CaptureFixture[str], command: str, says: str, options: list[str]) -> None:
    text = _help(capsys, command)
    assert f"usage: etalase {command}" in text
    assert says in text
    for option in options:
        assert option in text


def test_no_command_prints_help_and_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 2
    assert "usage: etalase" in capsys.readouterr().out


def test_bad_option_value_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["validate", "--lang", "fr"])
    assert stopped.value.code == 2
    assert "invalid choice: 'fr'" in capsys.readouterr().err


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_validate_format_github_prints_annotations(mini_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    product = mini_project / KARDIGAN
    _edit(product, 'hs_code: "6110.30.00"', 'hs_code: "611030"')
    _edit(mini_project / KERIPIK, "expires: 2029-06-30", "expires: 2026-05-01")
    code = main(
        ["--root", str(mini_project), "validate", "--format", "github", "--lang", "en", "--today", "2026-11-22"]
    )
    out, err = capsys.readouterr()
    assert code == 1
    lines = out.splitlines()
    assert any(
        line.startswith(f"::error file={KARDIGAN},line=40::export.hs_code: '611030' is not in the expected form")
        for line in lines
    ), out
    assert any(
        line.startswith(f"::warning file={KERIPIK},line=24::certificates[0].expires: the pirt certificate expired")
        for line in lines
    ), out
    # the plain lines stay, for people reading the log
    assert any(line.startswith(f"{KARDIGAN}:40: export.hs_code:") for line in lines)
    assert "1 error(s), 1 warning(s)" in err


def test_validate_reads_the_language_from_lang(mini_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _edit(mini_project / KARDIGAN, "lead_time_days: 14", "lead_time_day: 14")
    root = ["--root", str(mini_project), "validate", "--today", "2026-11-22"]
    assert main([*root, "--lang", "id"]) == 1
    indonesian = capsys.readouterr().out
    assert main([*root, "--lang", "both"]) == 1
    both = capsys.readouterr().out
    assert "kolom 'lead_time_day' tidak dikenal — mungkin maksudnya `lead_time_days`?" in indonesian
    assert "unknown field 'lead_time_day'" not in indonesian
    assert "tidak dikenal" in both and "unknown field 'lead_time_day'" in both


def test_schema_check_passes_on_the_repository(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--root", str(REPO), "schema", "--check"])
    out, _ = capsys.readouterr()
    assert code == 0, f"run `.venv/bin/etalase schema` and commit the result:\n{out}"


def test_schema_check_reports_a_stale_schema(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "p"
    shutil.copytree(MINI / "catalog", root / "catalog")
    assert main(["--root", str(root), "schema"]) == 0
    assert "wrote catalog/schema/product.schema.json" in capsys.readouterr().out
    assert main(["--root", str(root), "schema", "--check"]) == 0
    (root / "catalog/schema/product.schema.json").write_text("{}\n", encoding="utf-8")
    assert main(["--root", str(root), "schema", "--check"]) == 1
    assert "product.schema.json: out of date — run `etalase schema`" in capsys.readouterr().out


def _plain(value: Any) -> Any:
    """Return YAML data as JSON data: dates become ISO strings."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _record(rel: str) -> dict[str, Any]:
    return _plain(yaml.safe_load((MINI / rel).read_text(encoding="utf-8")))


def _validator(kind: str) -> jsonschema.Draft202012Validator:
    schema = json.loads((SCHEMAS / f"{kind}.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize(
    ("kind", "rel"),
    [
        ("product", KARDIGAN),
        ("product", KERIPIK),
        ("ikm", "products/rajut-contoh/ikm.yml"),
        ("sentra", "sentra/binong-jati.yml"),
        ("site", "catalog/site.yml"),
        ("category-list", "catalog/categories.yml"),
        ("certificate-list", "catalog/certificates.yml"),
    ],
)
def test_json_schema_accepts_a_valid_record(kind: str, rel: str) -> None:
    errors = [error.message for error in _validator(kind).iter_errors(_record(rel))]
    assert errors == []


def test_json_schema_refuses_an_unknown_key() -> None:
    record = _record(KARDIGAN)
    record["lead_time_day"] = record.pop("lead_time_days")
    messages = [error.message for error in _validator("product").iter_errors(record)]
    assert any("'lead_time_day' was unexpected" in message for message in messages), messages
    assert any("'lead_time_days' is a required property" in message for message in messages), messages


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("export", "hs_code"), "611030"),
        (("moq", "unit"), "karung"),
        (("price", "min"), [85000]),
        (("price", "currency"), "IDR"),
    ],
)
def test_json_schema_refuses_what_validate_refuses(path: tuple[str, str], value: object) -> None:
    record = _record(KARDIGAN)
    record[path[0]][path[1]] = value
    assert not _validator("product").is_valid(record)


def test_json_schema_accepts_what_people_write() -> None:
    """Editors do not mark the notations `etalase validate` reads (model/notation.py) as mistakes."""
    record = _record(KARDIGAN)
    record["price"] = {"min": "85rb", "max": "Rp 120.000", "unit": "pcs"}
    record["moq"] = "2 lusin"
    record["capacity_per_month"] = "150 lusin/bulan"
    record["lead_time_days"] = "2 minggu"
    record["weight_grams"] = "0,5 kg"
    errors = [error.message for error in _validator("product").iter_errors(record)]
    assert errors == []


@pytest.mark.parametrize("written", [w for w, _ in WHATSAPP] + [6281234567890])
def test_json_schema_accepts_whatsapp_numbers_as_people_write_them(written: str | int) -> None:
    """Every notation ``phone.read_whatsapp`` reads (tests/test_notation.py's table), and an unquoted
    +62… (a number to an editor's YAML parser), in each record that holds a WhatsApp number."""
    ikm = _record("products/rajut-contoh/ikm.yml")
    ikm["contacts"]["whatsapp"] = written
    site = _record("catalog/site.yml")
    site["facilitator_whatsapp"] = written
    forum = _plain(yaml.safe_load((REPO / "catalog/forums/temu-usaha-bandung-2026.yml").read_text(encoding="utf-8")))
    forum["facilitator"]["whatsapp"] = written
    for kind, record in (("ikm", ikm), ("site", site), ("forum", forum)):
        assert [error.message for error in _validator(kind).iter_errors(record)] == [], kind


@pytest.mark.parametrize("written", ["WA saya", "hubungi admin", "0812-3456-789O"])
def test_json_schema_marks_a_whatsapp_number_with_letters(written: str) -> None:
    ikm = _record("products/rajut-contoh/ikm.yml")
    ikm["contacts"]["whatsapp"] = written
    assert not _validator("ikm").is_valid(ikm)
