"""Validate stage: check raw records against their schemas and against each other.

Reads ``RawRecord``s from ``load``; returns a ``Catalog`` of the records that passed
(or ``None`` when the catalogue-wide files are unusable) and every problem found, all at
once. Pure: ``today`` is passed in so expiry checks are reproducible.
"""

from __future__ import annotations

import datetime as dt
import difflib
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from etalase.check.festivals import check_festivals
from etalase.check.schema_errors import problems_from_error
from etalase.model.catalog import Catalog, Entry
from etalase.model.problems import Msg, Problem, Severity, slug_mismatch
from etalase.model.records import (
    RESERVED_SLUGS,
    CategoryList,
    CertificateList,
    CertificateType,
    Festival,
    Ikm,
    Product,
    Sentra,
    SiteText,
)
from etalase.source.load import Kind, RawRecord

MODELS: dict[Kind, type[BaseModel]] = {
    Kind.product: Product,
    Kind.ikm: Ikm,
    Kind.sentra: Sentra,
    Kind.categories: CategoryList,
    Kind.certificates: CertificateList,
    Kind.site: SiteText,
    Kind.festival: Festival,
}

STALE_AFTER_DAYS = 365
EXPIRY_SOON_DAYS = 60

M = TypeVar("M", bound=BaseModel)


def validate_record(raw: RawRecord) -> tuple[BaseModel | None, list[Problem]]:
    """Return the model built from one raw record, or ``None`` and its problems."""
    model = MODELS[raw.kind]
    try:
        return model.model_validate(raw.data), []
    except ValidationError as error:
        return None, problems_from_error(raw.path, model, error, raw.lines)


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
    for raw in records:
        model, found = validate_record(raw)
        problems += found
        if model is not None:
            valid[raw.kind].append(Entry(model, raw.path, raw.lines))
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
    )
    problems += check_catalog(catalog, valid, today, present)
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
        problems += _check_sentra(catalog, entry, today)
    for entry in valid[Kind.ikm]:
        problems += _check_ikm(catalog, entry, today, present)
    for entry in valid[Kind.product]:
        problems += _check_product(catalog, entry, today, present)
    problems += check_festivals(catalog, valid[Kind.festival], present)
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


def _at(
    entry: Entry[Any], path: tuple[str | int, ...], field: str, message: Msg, severity: Severity = Severity.error
) -> Problem:
    return Problem(entry.path, entry.lines.line_of(path), field, message, severity)


def _unique_slugs(entries: list[Entry[Any]]) -> list[Problem]:
    seen: dict[str, Entry[Any]] = {}
    problems = []
    for entry in entries:
        slug = entry.record.slug
        if slug in seen:
            first = seen[slug].path
            problems.append(
                _at(
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


def _slug_matches_file(entry: Entry[Any], expected: str, what: tuple[str, str]) -> list[Problem]:
    slug = entry.record.slug
    if slug in RESERVED_SLUGS:
        return [
            _at(
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
    return [_at(entry, ("slug",), "slug", message)] if message else []


def _catalog_wide(
    catalog: Catalog, valid: dict[Kind, list[Entry[Any]]], present: dict[Kind, set[str]]
) -> list[Problem]:
    problems: list[Problem] = []
    site_entry = valid[Kind.site][0]
    for index, slug in enumerate(catalog.site.featured_sentra):
        if slug not in present[Kind.sentra]:
            problems.append(
                _at(
                    site_entry,
                    ("featured_sentra", index),
                    f"featured_sentra[{index}]",
                    _unknown(("sentra", "sentra"), slug, catalog.sentra, "sentra/"),
                )
            )
    cert_entry = valid[Kind.certificates][0]
    listed = {c.type for c in catalog.certificates.values()}
    for missing in sorted(set(CertificateType) - listed):
        problems.append(
            _at(
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
            problems.append(_at(cat_entry, ("categories", index, "slug"), f"categories[{index}].slug", message))
        seen.add(category.slug)
    return problems


def _check_sentra(catalog: Catalog, entry: Entry[Sentra], today: dt.date) -> list[Problem]:
    sentra = entry.record
    problems = _slug_matches_file(entry, entry.path.rsplit("/", 1)[-1].removesuffix(".yml"), ("file", "file"))
    if sentra.category not in catalog.category_by_slug:
        problems.append(
            _at(
                entry,
                ("category",),
                "category",
                _unknown(("kategori", "category"), sentra.category, catalog.category_by_slug, "catalog/categories.yml"),
            )
        )
    problems += _check_verified(entry, today)
    return problems


def _check_ikm(catalog: Catalog, entry: Entry[Ikm], today: dt.date, present: dict[Kind, set[str]]) -> list[Problem]:
    ikm = entry.record
    problems = _slug_matches_file(entry, entry.folder.rsplit("/", 1)[-1], ("folder", "folder"))
    if ikm.sentra not in present[Kind.sentra]:
        problems.append(
            _at(entry, ("sentra",), "sentra", _unknown(("sentra", "sentra"), ikm.sentra, catalog.sentra, "sentra/"))
        )
    if ikm.founded > today.year:
        problems.append(
            _at(
                entry,
                ("founded",),
                "founded",
                Msg(
                    f"tahun berdiri {ikm.founded} belum terjadi — tulis tahun usaha dimulai",
                    f"founding year {ikm.founded} is in the future — write the year the business started",
                ),
            )
        )
    problems += _check_verified(entry, today)
    return problems


def _check_product(
    catalog: Catalog, entry: Entry[Product], today: dt.date, present: dict[Kind, set[str]]
) -> list[Problem]:
    product = entry.record
    folder = entry.folder.rsplit("/", 1)[-1]
    problems = _slug_matches_file(entry, entry.path.rsplit("/", 1)[-1].removesuffix(".yml"), ("file", "file"))
    if product.ikm != folder:
        problems.append(
            _at(
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
            _at(
                entry,
                ("ikm",),
                "ikm",
                Msg(
                    f"IKM '{product.ikm}' belum terdaftar — tambahkan file products/{product.ikm}/ikm.yml",
                    f"IKM '{product.ikm}' is not registered — add products/{product.ikm}/ikm.yml",
                ),
            )
        )
    category = catalog.category_by_slug.get(product.category)
    if category is None:
        problems.append(
            _at(
                entry,
                ("category",),
                "category",
                _unknown(
                    ("kategori", "category"), product.category, catalog.category_by_slug, "catalog/categories.yml"
                ),
            )
        )
    elif category.food and product.food is None:
        problems.append(
            _at(
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
    problems += _check_certificates(catalog, entry, today)
    problems += _check_export(catalog, entry)
    problems += _check_verified(entry, today)
    problems += _check_added(entry, today)
    return problems


def _check_added(entry: Entry[Product], today: dt.date) -> list[Problem]:
    """Return an error when a product's ``added`` date lies after ``today``."""
    added = entry.record.added
    if added is None or added <= today:
        return []
    return [
        _at(
            entry,
            ("added",),
            "added",
            Msg(
                f"tanggal {added} belum terjadi — tulis tanggal produk ditambahkan ke katalog",
                f"{added} is in the future — write the date the product was added to the catalogue",
            ),
        )
    ]


def _check_certificates(catalog: Catalog, entry: Entry[Product], today: dt.date) -> list[Problem]:
    problems = []
    for index, cert in enumerate(entry.record.certificates):
        info = catalog.certificates.get(cert.type)
        where = f"certificates[{index}].expires"
        if cert.expires is None:
            if info and info.has_expiry:
                problems.append(
                    _at(
                        entry,
                        ("certificates", index),
                        where,
                        Msg(
                            f"sertifikat {info.name.id} biasanya punya masa berlaku — tambahkan `expires: TTTT-BB-HH`",
                            f"this certificate ({info.name.en or info.name.id}) usually has an expiry date — "
                            "add `expires: YYYY-MM-DD`",
                        ),
                        Severity.warning,
                    )
                )
        elif cert.expires < today:
            problems.append(
                _at(
                    entry,
                    ("certificates", index, "expires"),
                    where,
                    Msg(
                        f"sertifikat {cert.type} sudah berakhir pada {cert.expires} — perpanjang lalu tulis tanggal barunya, "
                        "atau hapus sertifikat ini",
                        f"the {cert.type} certificate expired on {cert.expires} — renew it and write the new date, "
                        "or remove it",
                    ),
                    Severity.warning,
                )
            )
        elif cert.expires < today + dt.timedelta(days=EXPIRY_SOON_DAYS):
            problems.append(
                _at(
                    entry,
                    ("certificates", index, "expires"),
                    where,
                    Msg(
                        f"sertifikat {cert.type} berakhir pada {cert.expires} — segera perpanjang",
                        f"the {cert.type} certificate expires on {cert.expires} — renew it soon",
                    ),
                    Severity.warning,
                )
            )
    return problems


def _check_export(catalog: Catalog, entry: Entry[Product]) -> list[Problem]:
    export = entry.record.export
    if export is None:
        return []
    problems = []
    for index, code in enumerate(export.countries):
        if code not in catalog.site.countries:
            problems.append(
                _at(
                    entry,
                    ("export", "countries", index),
                    f"export.countries[{index}]",
                    Msg(
                        f"kode negara '{code}' tidak ada di catalog/site.yml — periksa kodenya (ISO, mis. MY) atau tambahkan namanya",
                        f"country code '{code}' is not in catalog/site.yml — check the ISO code (e.g. MY) or add its name",
                    ),
                    Severity.warning,
                )
            )
    if export.ready and not export.hs_code:
        problems.append(
            _at(
                entry,
                ("export",),
                "export.hs_code",
                Msg(
                    "produk siap ekspor sebaiknya punya kode HS — tambahkan kode BTKI 8 digit produk ini, mis. `hs_code: 6110.20.00` untuk sweter rajut katun",
                    "an export-ready product should have an HS code — add its 8-digit BTKI code, e.g. `hs_code: 6110.20.00` for a cotton knit sweater",
                ),
                Severity.warning,
            )
        )
    if export.ready:
        problems += _english_for_export(entry)
    return problems


def _english_for_export(entry: Entry[Product]) -> list[Problem]:
    """Return a warning for each of the name and description of an export-ready product without English."""
    product = entry.record
    problems = []
    for key, (word_id, word_en) in (("name", ("nama", "name")), ("description", ("deskripsi", "description"))):
        if getattr(product, key).en:
            continue
        problems.append(
            _at(
                entry,
                (key,),
                f"{key}.en",
                Msg(
                    f"produk siap ekspor tanpa {word_id} bahasa Inggris — tambahkan {word_id} bahasa Inggris "
                    f"(`en:` di bawah `{key}:`), eksportir membaca bahasa Inggris",
                    f"export-ready product without an English {word_en} — add the English {word_en} "
                    f"(`en:` under `{key}:`): exporters read English",
                ),
                Severity.warning,
            )
        )
    return problems


def _check_verified(entry: Entry[Any], today: dt.date) -> list[Problem]:
    verified: dt.date = entry.record.last_verified
    if verified > today:
        return [
            _at(
                entry,
                ("last_verified",),
                "last_verified",
                Msg(
                    f"tanggal {verified} belum terjadi — tulis tanggal data terakhir diperiksa",
                    f"{verified} is in the future — write the date the data was last checked",
                ),
            )
        ]
    if (today - verified).days > STALE_AFTER_DAYS:
        return [
            _at(
                entry,
                ("last_verified",),
                "last_verified",
                Msg(
                    f"data terakhir diperiksa {verified}, lebih dari setahun lalu — periksa ulang lalu perbarui tanggalnya",
                    f"data last checked on {verified}, over a year ago — check it again and update the date",
                ),
                Severity.warning,
            )
        ]
    return []


def _unknown(what: tuple[str, str], value: str, known: Iterable[str], where: str) -> Msg:
    """Return "X does not exist — did you mean Y?" with ``what`` as (Indonesian, English) words."""
    close = difflib.get_close_matches(value, list(known), n=1, cutoff=0.6)
    if close:
        return Msg(
            f"{what[0]} '{value}' tidak ada — mungkin maksudnya `{close[0]}`?",
            f"{what[1]} '{value}' does not exist — did you mean `{close[0]}`?",
        )
    return Msg(
        f"{what[0]} '{value}' tidak ada — gunakan nama file yang ada di {where}",
        f"{what[1]} '{value}' does not exist — use a name found in {where}",
    )


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
    )
