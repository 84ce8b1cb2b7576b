"""References between records: a sentra's category, an IKM's sentra, a product's IKM and category, slugs that match file names."""

from __future__ import annotations

import datetime as dt
from typing import Any

from etalase.check.common import problem_at, unknown_name
from etalase.check.freshness import check_added, check_certificates, check_export, check_verified
from etalase.model import (
    RESERVED_SLUGS,
    Ikm,
    Product,
    Sentra,
)
from etalase.model.catalog import Catalog, Entry
from etalase.model.problems import Msg, Problem, slug_mismatch
from etalase.source.load import Kind


def slug_matches_file(entry: Entry[Any], expected: str, what: tuple[str, str]) -> list[Problem]:
    slug = entry.record.slug
    if slug in RESERVED_SLUGS:
        return [
            problem_at(
                entry,
                ("slug",),
                "slug",
                Msg(
                    f"'{slug}' dipakai oleh halaman daftar situs — pilih nama lain, lalu ganti juga nama {what[0]}",
                    f"'{slug}' is used by the site's listing pages — choose another name and rename the {what[1]} too",
                ),
            )
        ]
    message = slug_mismatch(slug, expected, what)
    return [problem_at(entry, ("slug",), "slug", message)] if message else []


def check_sentra(catalog: Catalog, entry: Entry[Sentra], today: dt.date) -> list[Problem]:
    sentra = entry.record
    problems = slug_matches_file(entry, entry.path.rsplit("/", 1)[-1].removesuffix(".yml"), ("file", "file"))
    if sentra.category not in catalog.category_by_slug:
        problems.append(
            problem_at(
                entry,
                ("category",),
                "category",
                unknown_name(
                    ("kategori", "category"), sentra.category, catalog.category_by_slug, "catalog/categories.yml"
                ),
            )
        )
    problems += check_verified(entry, today)
    return problems


def check_ikm(catalog: Catalog, entry: Entry[Ikm], today: dt.date, present: dict[Kind, set[str]]) -> list[Problem]:
    ikm = entry.record
    problems = slug_matches_file(entry, entry.folder.rsplit("/", 1)[-1], ("folder", "folder"))
    if ikm.sentra not in present[Kind.sentra]:
        problems.append(
            problem_at(
                entry, ("sentra",), "sentra", unknown_name(("sentra", "sentra"), ikm.sentra, catalog.sentra, "sentra/")
            )
        )
    if ikm.founded > today.year:
        problems.append(
            problem_at(
                entry,
                ("founded",),
                "founded",
                Msg(
                    f"tahun berdiri {ikm.founded} belum terjadi — tulis tahun usaha dimulai",
                    f"founding year {ikm.founded} is in the future — write the year the business started",
                ),
            )
        )
    if ikm.capabilities is not None:
        problems += check_certificates(catalog, entry, today, at=("capabilities",))
    problems += check_verified(entry, today)
    return problems


def check_product(
    catalog: Catalog, entry: Entry[Product], today: dt.date, present: dict[Kind, set[str]]
) -> list[Problem]:
    """Return the problems of a product that need other records: its file, maker, category, dates."""
    problems = slug_matches_file(entry, entry.path.rsplit("/", 1)[-1].removesuffix(".yml"), ("file", "file"))
    problems += _check_maker(entry, present)
    problems += _check_category(catalog, entry)
    problems += check_certificates(catalog, entry, today)
    problems += check_export(catalog, entry)
    problems += check_verified(entry, today)
    problems += check_added(entry, today)
    return problems


def _check_maker(entry: Entry[Product], present: dict[Kind, set[str]]) -> list[Problem]:
    """Return a problem when the product names another folder's IKM, or an IKM with no ikm.yml."""
    product = entry.record
    folder = entry.folder.rsplit("/", 1)[-1]
    problems: list[Problem] = []
    if product.ikm != folder:
        problems.append(
            problem_at(
                entry,
                ("ikm",),
                "ikm",
                Msg(
                    f"produk ini ada di folder '{folder}' tetapi menyebut IKM '{product.ikm}' — "
                    f"tulis `ikm: {folder}` atau pindahkan file ke folder products/{product.ikm}/",
                    f"this product is in folder '{folder}' but names IKM '{product.ikm}' — "
                    f"write `ikm: {folder}` or move the file to products/{product.ikm}/",
                ),
            )
        )
    elif product.ikm not in present[Kind.ikm]:
        problems.append(
            problem_at(
                entry,
                ("ikm",),
                "ikm",
                Msg(
                    f"IKM '{product.ikm}' belum terdaftar — tambahkan file products/{product.ikm}/ikm.yml",
                    f"IKM '{product.ikm}' is not registered — add products/{product.ikm}/ikm.yml",
                ),
            )
        )
    return problems


def _check_category(catalog: Catalog, entry: Entry[Product]) -> list[Problem]:
    """Return a problem when the category is unknown, or a food product lacks its food block."""
    product = entry.record
    problems: list[Problem] = []
    category = catalog.category_by_slug.get(product.category)
    if category is None:
        problems.append(
            problem_at(
                entry,
                ("category",),
                "category",
                unknown_name(
                    ("kategori", "category"), product.category, catalog.category_by_slug, "catalog/categories.yml"
                ),
            )
        )
    elif category.food and product.food is None:
        problems.append(
            problem_at(
                entry,
                ("category",),
                "food",
                Msg(
                    "produk makanan wajib mengisi bagian `food` (storage, shelf_life_days, dairy, ...) — "
                    "tambahkan agar izin P-IRT/BPOM dapat diperiksa",
                    "a food product needs the `food` block (storage, shelf_life_days, dairy, ...) — "
                    "add it so the P-IRT / BPOM rule can be checked",
                ),
            )
        )
    return problems
