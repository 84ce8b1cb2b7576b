"""Unit tests of the load and validate stages on the small fixture project."""

from __future__ import annotations

from pathlib import Path

from conftest import TODAY
from etalase.check.validate import validate_catalog
from etalase.model.problems import Severity
from etalase.source.load import Kind, load_records


def _validate(root: Path):
    records, problems = load_records(root)
    catalog, found = validate_catalog(records, TODAY)
    return catalog, problems + found


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_valid_project_has_no_problems(mini_project: Path) -> None:
    catalog, problems = _validate(mini_project)
    assert problems == []
    assert catalog is not None
    assert [e.record.slug for e in catalog.products] == ["keripik", "kardigan"]
    assert set(catalog.ikms) == {"rajut-contoh", "dapur-contoh"}
    assert catalog.products_by_category["rajut"][0].record.slug == "kardigan"
    assert catalog.sentra_of_product(catalog.products[1].record).slug == "binong-jati"


def test_load_finds_every_kind(mini_project: Path) -> None:
    records, problems = load_records(mini_project)
    assert problems == []
    kinds = sorted(r.kind.value for r in records)
    assert kinds == sorted(["site", "category-list", "certificate-list", "sentra", "ikm", "ikm", "product", "product"])
    assert {r.kind for r in records if r.path.endswith("ikm.yml")} == {Kind.ikm}


def test_all_problems_are_reported_at_once_with_lines(mini_project: Path) -> None:
    product = mini_project / "products/rajut-contoh/kardigan.yml"
    _edit(product, 'hs_code: "6110.30.00"', 'hs_code: "611030"')
    _edit(product, "lead_time_days: 14", "lead_time_day: 14")
    _edit(mini_project / "products/rajut-contoh/ikm.yml", 'nib: "9120001234567"', 'nib: "12345"')
    _, problems = _validate(mini_project)
    shown = [p.format("en") for p in problems]
    assert any(
        s.startswith("products/rajut-contoh/kardigan.yml:40: export.hs_code: '611030' is not in the expected form")
        for s in shown
    ), shown
    assert any(
        "kardigan.yml:20: lead_time_day: unknown field 'lead_time_day' — did you mean `lead_time_days`?" in s
        for s in shown
    )
    assert any("kardigan.yml:1: lead_time_days: is required" in s for s in shown)
    assert any(s.startswith("products/rajut-contoh/ikm.yml:13: nib:") for s in shown)


def test_broken_record_leaves_the_rest_usable(mini_project: Path) -> None:
    _edit(mini_project / "products/dapur-contoh/keripik.yml", "storage: ambient", "storage: warm")
    catalog, problems = _validate(mini_project)
    assert [p.field for p in problems] == ["food.storage"]
    assert catalog is not None and [e.record.slug for e in catalog.products] == ["kardigan"]


def test_expired_certificate_is_a_warning(mini_project: Path) -> None:
    _edit(mini_project / "products/dapur-contoh/keripik.yml", "expires: 2029-06-30", "expires: 2025-06-30")
    _, problems = _validate(mini_project)
    assert len(problems) == 1
    assert problems[0].severity is Severity.warning
    assert (
        problems[0].format("en").startswith("products/dapur-contoh/keripik.yml:24: warning: certificates[0].expires:")
    )


def test_messages_exist_in_both_languages(mini_project: Path) -> None:
    _edit(mini_project / "products/rajut-contoh/ikm.yml", "sentra: binong-jati", "sentra: binong-jatii")
    _, problems = _validate(mini_project)
    (problem,) = problems
    assert problem.format("id") == (
        "products/rajut-contoh/ikm.yml:3: sentra: sentra 'binong-jatii' tidak ada — mungkin maksudnya `binong-jati`?"
    )
    assert problem.format("en").endswith("sentra 'binong-jatii' does not exist — did you mean `binong-jati`?")
