"""Validate stage: check raw records against their schemas and against each other.

Reads ``RawRecord``s from ``load``; returns a ``Catalog`` of the records that passed
(or ``None`` when the catalogue-wide files are unusable) and every problem found, all at
once. Pure: ``today`` is passed in so expiry checks are reproducible.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from etalase.check.common import problem_at, unknown_name
from etalase.check.festivals import check_festivals
from etalase.check.forums import check_forums
from etalase.check.prices import check_price_floor, check_raw_price_floors
from etalase.check.references import check_ikm, check_product, check_sentra
from etalase.check.schemas import validate_record
from etalase.model import (
    RESERVED_SLUGS,
    CategoryList,
    CertificateList,
    CertificateType,
    SiteText,
    Synonyms,
)
from etalase.model.catalog import Catalog, Entry
from etalase.model.problems import Msg, Problem, Severity
from etalase.source.load import Kind, RawRecord


def validate_catalog(
    records: Iterable[RawRecord], today: dt.date, unreadable: Iterable[str] = ()
) -> tuple[Catalog | None, list[Problem]]:
    """Return the catalogue of valid records and every problem, in file and line order.

    ``unreadable`` names record files that exist but could not be read: references to them
    are not reported again (their own problem already is).
    """
    records = list(records)
    present = _present([r.path for r in records] + list(unreadable))
    problems: list[Problem] = []
    valid: dict[Kind, list[Entry[Any]]] = {kind: [] for kind in Kind}
    failed: list[RawRecord] = []
    for raw in records:
        model, found = validate_record(raw)
        problems += found
        if model is not None:
            valid[raw.kind].append(Entry(model, raw.path, raw.lines))
        else:
            failed.append(raw)
    singles = {kind: valid[kind][0].record for kind in (Kind.site, Kind.categories, Kind.certificates) if valid[kind]}
    if len(singles) < 3:
        return None, problems
    site: SiteText = singles[Kind.site]
    categories: CategoryList = singles[Kind.categories]
    certificates: CertificateList = singles[Kind.certificates]
    catalog = Catalog(
        site=site,
        categories=tuple(categories.categories),
        certificates={c.type: c for c in certificates.certificates},
        sentra={e.record.slug: e for e in valid[Kind.sentra]},
        ikms={e.record.slug: e for e in valid[Kind.ikm]},
        products=tuple(sorted(valid[Kind.product], key=lambda e: e.path)),
        festivals={e.record.slug: e for e in sorted(valid[Kind.festival], key=lambda e: e.path)},
        synonyms=valid[Kind.synonyms][0].record.synonyms() if valid[Kind.synonyms] else Synonyms(),
        forums={e.record.slug: e for e in sorted(valid[Kind.forum], key=lambda e: e.path)},
    )
    problems += check_catalog(catalog, valid, today, present)
    problems += check_raw_price_floors(catalog, failed)  # all problems in one run, prices of broken records too
    return _without_broken(catalog, problems), sorted(set(problems))


def check_catalog(
    catalog: Catalog, valid: dict[Kind, list[Entry[Any]]], today: dt.date, present: dict[Kind, set[str]]
) -> list[Problem]:
    """Return problems that need more than one record: names, references, dates.

    ``present`` holds the IKM folders, sentra names and products (``ikm/slug``) that have a file,
    valid or not.
    """
    problems: list[Problem] = []
    problems += _unique_slugs(valid[Kind.sentra]) + _unique_slugs(valid[Kind.ikm])
    problems += _catalog_wide(catalog, valid, present)
    for entry in valid[Kind.sentra]:
        problems += check_sentra(catalog, entry, today)
    for entry in valid[Kind.ikm]:
        problems += check_ikm(catalog, entry, today, present)
    for entry in valid[Kind.product]:
        problems += check_product(catalog, entry, today, present)
        problems += check_price_floor(catalog, entry)
    problems += check_festivals(catalog, valid[Kind.festival], present)
    problems += check_forums(catalog, valid[Kind.forum], present, today)
    return problems


def _present(paths: Iterable[str]) -> dict[Kind, set[str]]:
    """Return the IKM folder names, sentra file names and products (``ikm/slug``) among record ``paths``."""
    present: dict[Kind, set[str]] = {Kind.ikm: set(), Kind.sentra: set(), Kind.product: set()}
    for path in paths:
        parts = path.split("/")
        if len(parts) == 3 and parts[0] == "products" and parts[2] == "ikm.yml":
            present[Kind.ikm].add(parts[1])
        elif len(parts) == 3 and parts[0] == "products":
            present[Kind.product].add(f"{parts[1]}/{parts[2].removesuffix('.yml')}")
        elif len(parts) == 2 and parts[0] == "sentra":
            present[Kind.sentra].add(parts[1].removesuffix(".yml"))
    return present


def _unique_slugs(entries: list[Entry[Any]]) -> list[Problem]:
    seen: dict[str, Entry[Any]] = {}
    problems = []
    for entry in entries:
        slug = entry.record.slug
        if slug in seen:
            first = seen[slug].path
            problems.append(
                problem_at(
                    entry,
                    ("slug",),
                    "slug",
                    Msg(
                        f"slug '{slug}' sudah dipakai oleh {first} — pilih slug lain",
                        f"slug '{slug}' is already used by {first} — choose another slug",
                    ),
                )
            )
        else:
            seen[slug] = entry
    return problems


def _catalog_wide(
    catalog: Catalog, valid: dict[Kind, list[Entry[Any]]], present: dict[Kind, set[str]]
) -> list[Problem]:
    problems: list[Problem] = []
    site_entry = valid[Kind.site][0]
    for index, slug in enumerate(catalog.site.featured_sentra):
        if slug not in present[Kind.sentra]:
            problems.append(
                problem_at(
                    site_entry,
                    ("featured_sentra", index),
                    f"featured_sentra[{index}]",
                    unknown_name(("sentra", "sentra"), slug, catalog.sentra, "sentra/"),
                )
            )
    cert_entry = valid[Kind.certificates][0]
    listed = {c.type for c in catalog.certificates.values()}
    for missing in sorted(set(CertificateType) - listed):
        problems.append(
            problem_at(
                cert_entry,
                ("certificates",),
                "certificates",
                Msg(
                    f"jenis sertifikat '{missing}' belum dijelaskan — tambahkan entri `type: {missing}`",
                    f"certificate type '{missing}' has no entry — add one with `type: {missing}`",
                ),
            )
        )
    cat_entry = valid[Kind.categories][0]
    seen: set[str] = set()
    for index, category in enumerate(catalog.categories):
        slug = category.slug
        message = None
        if slug in RESERVED_SLUGS:
            message = Msg(
                f"'{slug}' dipakai oleh halaman daftar situs — pilih nama kategori lain",
                f"'{slug}' is used by the site's listing pages — choose another category name",
            )
        elif slug in seen:
            message = Msg(
                f"kategori '{slug}' tercantum dua kali — hapus salah satunya",
                f"category '{slug}' is listed twice — keep one",
            )
        if message:
            problems.append(problem_at(cat_entry, ("categories", index, "slug"), f"categories[{index}].slug", message))
        seen.add(category.slug)
    return problems


def _without_broken(catalog: Catalog, problems: list[Problem]) -> Catalog:
    """Return the catalogue without records that have errors, so later stages see only good data."""
    broken = {p.path for p in problems if p.severity is Severity.error}
    keep: Callable[[Entry[Any]], bool] = lambda e: e.path not in broken  # noqa: E731
    sentra = {slug: e for slug, e in catalog.sentra.items() if keep(e)}
    ikms = {slug: e for slug, e in catalog.ikms.items() if keep(e) and e.record.sentra in sentra}
    return Catalog(
        site=catalog.site,
        categories=catalog.categories,
        certificates=catalog.certificates,
        sentra=sentra,
        ikms=ikms,
        products=tuple(e for e in catalog.products if keep(e) and e.record.ikm in ikms),
        festivals={slug: e for slug, e in catalog.festivals.items() if keep(e)},
        synonyms=catalog.synonyms,
        forums={slug: e for slug, e in catalog.forums.items() if keep(e)},
    )
