"""Dates and certificates: data not checked for a year, certificates that expired or soon will, export-ready products without English."""

from __future__ import annotations

import datetime as dt
from typing import Any

from etalase.check.common import problem_at
from etalase.model import (
    Product,
)
from etalase.model.catalog import Catalog, Entry
from etalase.model.problems import Msg, Problem, Severity

STALE_AFTER_DAYS = 365


EXPIRY_SOON_DAYS = 60


def check_added(entry: Entry[Product], today: dt.date) -> list[Problem]:
    """Return an error when a product's ``added`` date lies after ``today``."""
    added = entry.record.added
    if added is None or added <= today:
        return []
    return [
        problem_at(
            entry,
            ("added",),
            "added",
            Msg(
                f"tanggal {added} belum terjadi — tulis tanggal produk ditambahkan ke katalog",
                f"{added} is in the future — write the date the product was added to the catalogue",
            ),
        )
    ]


def check_certificates(catalog: Catalog, entry: Entry[Any], today: dt.date, at: tuple[str, ...] = ()) -> list[Problem]:
    """Return warnings for certificates without their usual expiry date, expired, or expiring soon.

    The certificates are the record's ``certificates``, or those of the block at ``at`` (an IKM's
    ``capabilities``).
    """
    problems = []
    holder: Any = entry.record
    for key in at:
        holder = getattr(holder, key)
    for index, cert in enumerate(holder.certificates):
        info = catalog.certificates.get(cert.type)
        where = ".".join([*at, f"certificates[{index}].expires"])
        if cert.expires is None:
            if info and info.has_expiry:
                problems.append(
                    problem_at(
                        entry,
                        (*at, "certificates", index),
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
                problem_at(
                    entry,
                    (*at, "certificates", index, "expires"),
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
                problem_at(
                    entry,
                    (*at, "certificates", index, "expires"),
                    where,
                    Msg(
                        f"sertifikat {cert.type} berakhir pada {cert.expires} — segera perpanjang",
                        f"the {cert.type} certificate expires on {cert.expires} — renew it soon",
                    ),
                    Severity.warning,
                )
            )
    return problems


def check_export(catalog: Catalog, entry: Entry[Product]) -> list[Problem]:
    export = entry.record.export
    if export is None:
        return []
    problems = []
    for index, code in enumerate(export.countries):
        if code not in catalog.site.countries:
            problems.append(
                problem_at(
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
            problem_at(
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
        problems += english_for_export(entry)
    return problems


def english_for_export(entry: Entry[Product]) -> list[Problem]:
    """Return a warning for each of the name and description of an export-ready product without English."""
    product = entry.record
    problems = []
    for key, (word_id, word_en) in (("name", ("nama", "name")), ("description", ("deskripsi", "description"))):
        if getattr(product, key).en:
            continue
        problems.append(
            problem_at(
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


def check_verified(entry: Entry[Any], today: dt.date) -> list[Problem]:
    verified: dt.date = entry.record.last_verified
    if verified > today:
        return [
            problem_at(
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
            problem_at(
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
