"""Asking for a new record's first fields in the terminal, until each answer is valid."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

from etalase.check.schema_export import category_slugs
from etalase.model import PRODUCT_RESERVED
from etalase.tools.scaffold import ScaffoldError, _one_of, check_slug, existing_ikms, existing_sentra, slugify

Ask = Callable[[str], str]


def ask_until(ask: Ask, question: str, check: Callable[[str], str | None], default: str | None = None) -> str:
    """Ask ``question`` until ``check`` accepts the answer (it returns an error text, or None)."""
    while True:
        shown = f"{question} [{default}]: " if default else f"{question}: "
        answer = ask(shown).strip() or (default or "")
        error = check(answer)
        if error is None:
            return answer
        print(f"  ✗ {error}", file=sys.stderr)


def _error_of(lang: str, test: Callable[[], None]) -> str | None:
    try:
        test()
    except ScaffoldError as error:
        return error.message.get(lang)
    return None


def _not_empty(answer: str) -> str | None:
    return None if answer else "wajib diisi / required"


def ask_product(root: Path, ask: Ask, given: dict[str, str | None], lang: str = "id") -> dict[str, str]:
    """Ask for the product answers missing from ``given``; return ikm, name, slug, category."""
    answers = {k: v for k, v in given.items() if v}
    ikms = existing_ikms(root)
    if "ikm" not in answers:
        print(f"IKM: {', '.join(ikms)}", file=sys.stderr)
        answers["ikm"] = ask_until(
            ask,
            "Slug IKM / IKM slug",
            lambda a: _error_of(lang, lambda: _one_of(a, ikms, ("IKM", "IKM"), "products/", "")),
        )
    if "name" not in answers:
        answers["name"] = ask_until(ask, "Nama produk / product name (Bahasa Indonesia)", _not_empty)
    if "slug" not in answers:
        answers["slug"] = ask_until(
            ask,
            "Slug (nama file / file name)",
            lambda a: _error_of(lang, lambda: check_slug(a, ("produk", "product"), PRODUCT_RESERVED)),
            slugify(answers["name"]),
        )
    if "category" not in answers:
        categories = category_slugs(root)
        print(f"Kategori / categories: {', '.join(categories)}", file=sys.stderr)
        answers["category"] = ask_until(
            ask,
            "Kategori / category",
            lambda a: _error_of(lang, lambda: _one_of(a, categories, ("kategori", "category"), "categories.yml", "")),
        )
    return answers


def ask_ikm(root: Path, ask: Ask, given: dict[str, str | None], lang: str = "id") -> dict[str, str]:
    """Ask for the IKM answers missing from ``given``; return name, slug, sentra."""
    answers = {k: v for k, v in given.items() if v}
    if "name" not in answers:
        answers["name"] = ask_until(ask, "Nama usaha / business name", _not_empty)
    if "slug" not in answers:
        answers["slug"] = ask_until(
            ask,
            "Slug (nama folder / folder name)",
            lambda a: _error_of(lang, lambda: check_slug(a, ("IKM", "IKM"))),
            slugify(answers["name"]),
        )
    if "sentra" not in answers:
        known = existing_sentra(root)
        print(f"Sentra: {', '.join(known)}", file=sys.stderr)
        answers["sentra"] = ask_until(
            ask, "Sentra", lambda a: _error_of(lang, lambda: _one_of(a, known, ("sentra", "sentra"), "sentra/", ""))
        )
    return answers
