"""``etalase new ikm|product``: a template with every schema field, slug checks, and new → edit → validate → build."""

from __future__ import annotations

import builtins
import json
import re
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from pydantic import BaseModel

from conftest import REPO, TODAY, draw_photo
from etalase.model import Ikm, Product
from etalase.source.load import Kind
from etalase.source.yamlsafe import parse
from etalase.tools import blankrecord
from etalase.tools.blankrecord import shape_of
from etalase.tools.cli import main

NEW = "products/rajut-contoh/syal-rajut.yml"


def _new(root: Path, *argv: str) -> int:
    return main(["--root", str(root), "new", *argv, "--today", TODAY.isoformat()])


def _schema_paths(model: type[BaseModel], prefix: tuple[str, ...] = ()) -> set[tuple[str, ...]]:
    """Return the path of every field of ``model``, nested models and list items included."""
    paths = set()
    for name, info in model.model_fields.items():
        path = (*prefix, name)
        paths.add(path)
        shape = shape_of(info.annotation)
        inner = shape.model or (shape.item.model if shape.kind == "list" and shape.item else None)
        if inner is not None:
            paths |= _schema_paths(inner, path)
    return paths


def _uncomment_fields(text: str) -> str:
    """Turn every commented-out field line back into a field (as a contributor does to use one)."""
    lines = []
    for line in text.splitlines():
        if re.match(r"^[\s#]*(- )?[a-z_]+:(?: |$)", line):
            while line.lstrip().startswith("# "):
                line = line.replace("# ", "", 1)
        lines.append(line)
    return "\n".join(lines) + "\n"


def _key_paths(data: Any, prefix: tuple[str, ...] = ()) -> set[tuple[str, ...]]:
    paths = set()
    if isinstance(data, dict):
        for key, value in data.items():
            paths.add((*prefix, key))
            paths |= _key_paths(value, (*prefix, key))
    elif isinstance(data, list):
        for item in data:
            paths |= _key_paths(item, prefix)
    return paths


@pytest.mark.parametrize(("kind", "model"), [(Kind.product, Product), (Kind.ikm, Ikm)])
def test_the_template_has_every_field_of_the_schema(kind: Kind, model: type[BaseModel]) -> None:
    text = blankrecord.render(kind, {})
    data, _ = parse(_uncomment_fields(text).encode())
    assert _key_paths(data) == _schema_paths(model)


@pytest.mark.parametrize(("kind", "model"), [(Kind.product, Product), (Kind.ikm, Ikm)])
def test_optional_fields_are_commented_out_and_required_ones_are_not(kind: Kind, model: type[BaseModel]) -> None:
    data, _ = parse(blankrecord.render(kind, {}).encode())
    top = set(data)
    assert top == {name for name, info in model.model_fields.items() if info.is_required()}


def test_every_field_line_has_a_hint() -> None:
    text = blankrecord.render(Kind.product, {})
    for line in text.splitlines()[6:]:
        assert re.search(r":(?: [^#]*)?  # \S", line), f"no hint on: {line!r}"


def test_the_schema_line_points_at_the_schema_from_the_record(tmp_path: Path) -> None:
    first = blankrecord.render(Kind.product, {}).splitlines()[0]
    assert first == "# yaml-language-server: $schema=../../catalog/schema/product.schema.json"
    schema = (REPO / "products" / "any-ikm" / first.split("=", 1)[1]).resolve()
    assert json.loads(schema.read_text(encoding="utf-8"))["title"] == "Product"


def test_text_that_yaml_would_misread_is_written_safely() -> None:
    values = {
        "name": {"id": 'Kardigan: "hangat" # lembut', "en": "- yes"},
        "description": {"id": "Baris satu\n\n- baris dua: #tiga\n  menjorok", "en": "  starts with spaces\nx"},
        "materials": {"id": ["katun, tebal", "no"]},
    }
    data, _ = parse(blankrecord.render(Kind.product, values).encode())
    assert data["name"] == values["name"]
    assert data["description"] == values["description"]
    assert data["materials"] == {"id": ["katun, tebal", "no"]}


def test_new_product_with_flags(mini_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = _new(mini_project, "product", "--ikm", "rajut-contoh", "--name", "Syal Rajut", "--category", "rajut")
    assert code == 0
    out = capsys.readouterr().out
    assert f"wrote {NEW}" in out
    assert "/produk/rajut-contoh/syal-rajut/" in out
    data, _ = parse((mini_project / NEW).read_bytes())
    assert data["slug"] == "syal-rajut" and data["ikm"] == "rajut-contoh" and data["category"] == "rajut"
    assert data["name"] == {"id": "Syal Rajut"}
    assert data["photos"] == [{"file": "syal-rajut-1.jpg", "alt": {"id": None}}]
    assert data["last_verified"] == TODAY
    assert data["added"] == TODAY
    assert "food" not in data


def test_a_food_product_starts_with_the_food_block(mini_project: Path) -> None:
    assert _new(mini_project, "product", "--ikm", "dapur-contoh", "--name", "Rengginang", "--category", "makanan") == 0
    data, _ = parse((mini_project / "products/dapur-contoh/rengginang.yml").read_bytes())
    assert data["food"] == {"storage": None, "shelf_life_days": None}


def test_new_never_overwrites(mini_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["product", "--ikm", "rajut-contoh", "--name", "Kardigan", "--category", "rajut"]
    before = (mini_project / "products/rajut-contoh/kardigan.yml").read_bytes()
    assert _new(mini_project, *args, "--lang", "en") == 1
    assert "products/rajut-contoh/kardigan.yml already exists — it is not overwritten" in capsys.readouterr().err
    assert (mini_project / "products/rajut-contoh/kardigan.yml").read_bytes() == before
    assert _new(mini_project, "ikm", "--name", "Rajut Contoh", "--sentra", "binong-jati") == 1
    assert "sudah ada" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "says"),
    [
        (
            ["--slug", "Syal_Rajut"],
            "product slug 'Syal_Rajut' is not valid: use lowercase letters, digits and dashes only — e.g. 'syal-rajut'",
        ),
        (["--slug", "index"], "product slug 'index' is reserved"),
        (["--slug", "ikm"], "product slug 'ikm' is reserved"),
        (["--ikm", "rajut-conto"], "IKM 'rajut-conto' is not in products/ — did you mean 'rajut-contoh'?"),
        (["--category", "rajutan"], "category 'rajutan' is not in catalog/categories.yml — did you mean 'rajut'?"),
    ],
)
def test_slugs_and_references_are_checked(
    mini_project: Path, capsys: pytest.CaptureFixture[str], argv: list[str], says: str
) -> None:
    given = {"--ikm": "rajut-contoh", "--name": "Syal Rajut", "--category": "rajut"}
    given.update(dict(zip(argv[::2], argv[1::2], strict=True)))
    flat = [part for pair in given.items() for part in pair]
    assert _new(mini_project, "product", *flat, "--lang", "en") == 1
    assert says in capsys.readouterr().err
    assert sorted(p.name for p in (mini_project / "products/rajut-contoh").glob("*.yml")) == ["ikm.yml", "kardigan.yml"]


def test_without_a_terminal_missing_flags_are_named(mini_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _new(mini_project, "product", "--name", "Syal") == 2
    assert "missing --ikm, --category" in capsys.readouterr().err


def test_on_a_terminal_it_asks(
    mini_project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = iter(["rajut-conto", "rajut-contoh", "Syal Rajut Panjang", "", "rajut"])
    asked: list[str] = []

    def fake_input(prompt: str) -> str:
        asked.append(prompt)
        return next(answers)

    monkeypatch.setattr(sys.stdin, "isatty", lambda: True, raising=False)
    monkeypatch.setattr(builtins, "input", fake_input)
    assert _new(mini_project, "product") == 0
    assert asked[0].startswith("Slug IKM") and len(asked) == 5
    assert "Slug (nama file / file name) [syal-rajut-panjang]: " in asked
    assert "did you mean 'rajut-contoh'" in capsys.readouterr().err  # the typo was answered, then asked again
    assert (mini_project / "products/rajut-contoh/syal-rajut-panjang.yml").is_file()


def test_new_ikm_and_the_account_that_speaks_for_it(mini_project: Path) -> None:
    assert _new(mini_project, "ikm", "--name", "Batik Ceria", "--sentra", "binong-jati") == 0
    assert _new(mini_project, "ikm", "--name", "Tas Anyaman", "--sentra", "binong-jati", "--owner", "@tasanyaman") == 0
    data, _ = parse((mini_project / "products/batik-ceria/ikm.yml").read_bytes())
    assert (data["slug"], data["name"], data["sentra"]) == ("batik-ceria", "Batik Ceria", "binong-jati")
    assert "github_accounts" not in data
    data, _ = parse((mini_project / "products/tas-anyaman/ikm.yml").read_bytes())
    assert data["github_accounts"] == ["tasanyaman"]
    assert _new(mini_project, "ikm", "--name", "Tas Lain", "--sentra", "binong-jati", "--owner", "bad name!") == 1


def test_a_new_ikm_needs_a_known_sentra(mini_project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _new(mini_project, "ikm", "--name", "Batik Ceria", "--sentra", "binong", "--lang", "id") == 1
    assert "sentra 'binong' tidak ada di sentra/ — maksud Anda 'binong-jati'?" in capsys.readouterr().err
    assert not (mini_project / "products/batik-ceria").exists()


# --- new → edit → validate → build, as CONTRIBUTING.md tells a contributor ------------------------------


def set_value(text: str, path: str, value: str) -> str:
    """Fill in the (uncommented) field at dotted ``path`` the way a person edits the file: type after the colon."""
    wanted = path.split(".")
    stack: list[tuple[int, str]] = []
    lines = text.split("\n")
    for number, line in enumerate(lines):
        match = re.match(r"^(\s*)(- )?([a-z_]+):(.*)$", line)
        if not match:
            continue
        indent = len(match.group(1)) + (2 if match.group(2) else 0)
        stack = [(i, k) for i, k in stack if i < indent] + [(indent, match.group(3))]
        if [k for _, k in stack] == wanted:
            comment = re.search(r"  # .*$", match.group(4))
            lines[number] = f"{line[: match.start(4)]} {value}{comment.group(0) if comment else ''}"
            return "\n".join(lines)
    raise AssertionError(f"{path} not found")


@pytest.mark.slow
def test_new_edit_validate_build_gives_a_product_page(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from conftest import make_mini_project
    from sitecheck import build, copy_project

    root = copy_project(tmp_path / "project", data_from=make_mini_project(tmp_path / "data"))
    # 1. new
    assert _new(root, "product", "--ikm", "rajut-contoh", "--name", "Syal Rajut Panjang", "--category", "rajut") == 0
    record = root / "products/rajut-contoh/syal-rajut-panjang.yml"
    # 2. validate before editing: every empty field is named with its line
    capsys.readouterr()
    assert main(["--root", str(root), "validate", "--lang", "en"]) == 1
    out = capsys.readouterr().out
    for field in ("description.id", "price.min", "moq.unit", "lead_time_days", "materials.id", "photos[0].alt.id"):
        assert re.search(rf"{re.escape(record.relative_to(root).as_posix())}:\d+: {re.escape(field)}: is empty", out)
    # 3. edit: fill the empty fields and put the photo beside the file
    text = record.read_text(encoding="utf-8")
    for path, value in {
        "description.id": "Syal rajut panjang dari benang akrilik lembut.",
        "price.min": "45000",
        "price.max": "60000",
        "price.unit": "pcs",
        "moq.quantity": "1",
        "moq.unit": "kodi",
        "capacity_per_month.quantity": "800",
        "capacity_per_month.unit": "pcs",
        "lead_time_days": "7",
        "materials.id": "[benang akrilik]",
        "photos.alt.id": "Syal rajut panjang berwarna krem",
    }.items():
        text = set_value(text, path, value)
    record.write_text(text, encoding="utf-8")
    draw_photo(root / "products/rajut-contoh/syal-rajut-panjang-1.jpg", (1600, 1200))
    # 4. validate, 5. build (the fixture has no JSON Schemas yet: write them, as `etalase schema` does)
    assert main(["--root", str(root), "validate"]) == 0
    assert main(["--root", str(root), "schema"]) == 0
    assert build(root) == 0
    page = root / "site/produk/rajut-contoh/syal-rajut-panjang/index.html"
    assert page.is_file()
    html = page.read_text(encoding="utf-8")
    assert "Syal Rajut Panjang" in html and "Syal rajut panjang dari benang akrilik lembut." in html
    # The JSON Schemas are published with the site for editors to fetch by URL.
    published = root / "site/schema/product.schema.json"
    assert published.read_bytes() == (root / "catalog/schema/product.schema.json").read_bytes()
    assert {p.name for p in (root / "site/schema").iterdir()} == {
        p.name for p in (root / "catalog/schema").glob("*.schema.json")
    }
    assert yaml.safe_load(published.read_text(encoding="utf-8"))["title"] == "Product"
