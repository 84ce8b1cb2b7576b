"""Festival checks that need other records: the booth's IKM and its featured products exist.

A festival record (``catalog/festivals/<slug>.yml``, model ``records.Festival``) names its venue,
dates and booths. Rules inside one festival file (dates in order, booth numbers used once) are
validators in ``records``; ``check_festivals`` (called from ``validate.check_catalog``) checks
that each booth's IKM exists, that its featured products exist and are that IKM's, and that the
slug is the file name; an IKM in two booths is a warning.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import PurePosixPath

from etalase.check.common import problem_at, unknown_name
from etalase.model import Booth, Festival
from etalase.model.catalog import Catalog, Entry
from etalase.model.problems import Msg, Problem, Severity, slug_mismatch
from etalase.source.load import Kind


def check_festivals(
    catalog: Catalog, entries: Iterable[Entry[Festival]], present: dict[Kind, set[str]]
) -> list[Problem]:
    """Return the problems of every festival that need other records (IKMs and products).

    ``present`` (from ``validate``) names the IKM folders and products (``ikm/slug``) that have a
    file, valid or not, so a broken IKM or product is not reported again from a booth.
    """
    ikms = present.get(Kind.ikm, set())
    products = present.get(Kind.product, set())
    makers: dict[str, list[str]] = {}
    for key in sorted(products):
        ikm, slug = key.split("/", 1)
        makers.setdefault(slug, []).append(ikm)
    problems: list[Problem] = []
    for entry in entries:
        problems += _check_slug(entry)
        first_booth: dict[str, str] = {}
        for index, booth in enumerate(entry.record.booths):
            problems += _check_booth(catalog, entry, index, booth, ikms, products, makers)
            if booth.ikm in first_booth:
                problems.append(
                    problem_at(
                        entry,
                        ("booths", index, "ikm"),
                        f"booths[{index}].ikm",
                        Msg(
                            f"IKM '{booth.ikm}' juga ada di booth {first_booth[booth.ikm]} — "
                            "periksa apakah memang mendapat dua booth, atau ganti IKM-nya",
                            f"IKM '{booth.ikm}' is also in booth {first_booth[booth.ikm]} — "
                            "check it really has two booths, or change the IKM",
                        ),
                        Severity.warning,
                    )
                )
            first_booth.setdefault(booth.ikm, booth.number)
    return problems


def _check_slug(entry: Entry[Festival]) -> list[Problem]:
    message = slug_mismatch(entry.record.slug, PurePosixPath(entry.path).stem, ("file", "file"))
    return [problem_at(entry, ("slug",), "slug", message)] if message else []


def _check_booth(
    catalog: Catalog,
    entry: Entry[Festival],
    index: int,
    booth: Booth,
    ikms: set[str],
    products: set[str],
    makers: dict[str, list[str]],
) -> list[Problem]:
    where = f"booths[{index}]"
    if booth.ikm not in ikms:
        return [
            problem_at(
                entry,
                ("booths", index, "ikm"),
                f"{where}.ikm",
                unknown_name(
                    ("IKM", "IKM"),
                    booth.ikm,
                    sorted(ikms),
                    "products/",
                ),
            )
        ]
    problems = []
    own = sorted(key.split("/", 1)[1] for key in products if key.startswith(f"{booth.ikm}/"))
    for number, slug in enumerate(booth.products or []):
        if f"{booth.ikm}/{slug}" in products:
            continue
        others = [ikm for ikm in makers.get(slug, []) if ikm != booth.ikm]
        field = f"{where}.products[{number}]"
        if others:
            message = Msg(
                f"produk '{slug}' dibuat oleh IKM '{others[0]}', bukan '{booth.ikm}' — tampilkan produk "
                f"{booth.ikm} saja (mis. {_choices(own)}) atau ganti IKM booth ini",
                f"product '{slug}' is made by IKM '{others[0]}', not '{booth.ikm}' — feature products of "
                f"{booth.ikm} only (e.g. {_choices(own)}) or change the booth's IKM",
            )
        else:
            message = unknown_name(("produk", "product"), slug, own, f"products/{booth.ikm}/")
        problems.append(problem_at(entry, ("booths", index, "products", number), field, message))
    if not booth.products and not own:
        problems.append(
            problem_at(
                entry,
                ("booths", index, "ikm"),
                f"{where}.products",
                Msg(
                    f"IKM '{booth.ikm}' belum punya produk — lembar booth akan tanpa produk: "
                    f"tambahkan produknya di products/{booth.ikm}/",
                    f"IKM '{booth.ikm}' has no products yet — the booth sheet will show none: "
                    f"add its products in products/{booth.ikm}/",
                ),
                Severity.warning,
            )
        )
    return problems


def _choices(slugs: list[str]) -> str:
    return ", ".join(f"`{s}`" for s in slugs[:3]) if slugs else "—"
