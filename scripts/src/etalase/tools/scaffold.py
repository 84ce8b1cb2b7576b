"""Scaffold a new IKM or product: ``etalase new ikm|product``.

Reads the record models in ``records`` (fields, descriptions, examples, limits) and the
project's existing sentra, IKMs and categories; writes one YAML file that lists EVERY field
of the schema with a short comment, required fields left empty for the contributor to
fill in and optional fields commented out. The template is generated from the models, so
it cannot drift from the schema. Refuses to overwrite a file and checks every slug first.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from etalase.check.schema_export import category_slugs
from etalase.model import GITHUB_PATTERN, PRODUCT_RESERVED, RESERVED_SLUGS, SLUG_PATTERN
from etalase.model.problems import Msg
from etalase.source.load import Kind
from etalase.source.yamlsafe import YamlError, parse
from etalase.tools.blankrecord import render


class ScaffoldError(Exception):
    """A scaffold that cannot be written, with a bilingual ``what is wrong — how to fix`` message."""

    def __init__(self, message: Msg) -> None:
        super().__init__(message.en)
        self.message = message


# --- what a field holds ------------------------------------------------------------------------


# --- the template --------------------------------------------------------------------------------


# --- checks on the project -----------------------------------------------------------------------


def slugify(text: str) -> str:
    """Return ``text`` as a slug: ``"Kardigan Rajut Wanita"`` → ``kardigan-rajut-wanita``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80].strip("-")


def check_slug(slug: str, what: tuple[str, str], reserved: frozenset[str] = frozenset()) -> None:
    """Raise ``ScaffoldError`` unless ``slug`` is a valid, unreserved slug; ``what`` names it (id, en)."""
    if not re.fullmatch(SLUG_PATTERN, slug) or len(slug) > 80:
        suggestion = slugify(slug)
        hint_id = f" — mis. '{suggestion}'" if suggestion else ""
        hint_en = f" — e.g. '{suggestion}'" if suggestion else ""
        raise ScaffoldError(
            Msg(
                f"slug {what[0]} '{slug}' tidak sah: pakai huruf kecil, angka dan tanda minus saja{hint_id}",
                f"{what[1]} slug '{slug}' is not valid: use lowercase letters, digits and dashes only{hint_en}",
            )
        )
    if slug in RESERVED_SLUGS or slug in reserved:
        raise ScaffoldError(
            Msg(
                f"slug {what[0]} '{slug}' sudah dipakai oleh situs — pilih nama lain",
                f"{what[1]} slug '{slug}' is reserved by the site — choose another name",
            )
        )


def existing_ikms(root: Path) -> list[str]:
    """Return the slugs of the IKM folders that have an ``ikm.yml``."""
    folder = root / "products"
    return sorted(p.parent.name for p in folder.glob("*/ikm.yml")) if folder.is_dir() else []


def existing_sentra(root: Path) -> list[str]:
    """Return the slugs of the sentra files."""
    folder = root / "sentra"
    return sorted(p.stem for p in folder.glob("*.yml")) if folder.is_dir() else []


def food_categories(root: Path) -> set[str]:
    """Return the category slugs marked ``food: true`` in ``catalog/categories.yml``."""
    path = root / "catalog" / "categories.yml"
    try:
        data, _ = parse(path.read_bytes())
    except (OSError, YamlError):
        return set()
    return {
        str(c["slug"])
        for c in data.get("categories") or []
        if isinstance(c, dict) and "slug" in c and c.get("food") is True
    }


def _one_of(value: str, known: Sequence[str], what: tuple[str, str], where: str, create: str) -> None:
    if value in known:
        return
    close = difflib.get_close_matches(value, known, n=1)
    maybe_id = f"maksud Anda '{close[0]}'? " if close else ""
    maybe_en = f"did you mean '{close[0]}'? " if close else ""
    listed = ", ".join(known) if len(known) <= 30 else ", ".join(known[:30]) + ", …"
    raise ScaffoldError(
        Msg(
            f"{what[0]} '{value}' tidak ada di {where} — {maybe_id}pilih salah satu: {listed}{create}",
            f"{what[1]} '{value}' is not in {where} — {maybe_en}choose one of: {listed}{create}",
        )
    )


def _refuse_existing(root: Path, path: Path) -> None:
    if path.exists():
        rel = path.relative_to(root).as_posix()
        raise ScaffoldError(
            Msg(
                f"{rel} sudah ada — file tidak ditimpa; pilih slug lain atau sunting file itu",
                f"{rel} already exists — it is not overwritten; choose another slug or edit that file",
            )
        )


# --- the two scaffolds -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Written:
    """A file the scaffold wrote, and what to do next."""

    path: Path
    next_steps: Msg


def new_product(
    root: Path, *, ikm: str, name: str, category: str, slug: str | None = None, today: dt.date | None = None
) -> Written:
    """Write ``products/<ikm>/<slug>.yml`` with every product field; return it and the next steps."""
    name = name.strip()
    if not name:
        raise ScaffoldError(Msg("nama produk kosong — isi --name", "the product name is empty — give --name"))
    slug = slug or slugify(name)
    check_slug(ikm, ("IKM", "IKM"))
    check_slug(slug, ("produk", "product"), PRODUCT_RESERVED)
    _one_of(ikm, existing_ikms(root), ("IKM", "IKM"), "products/", " (IKM baru / new IKM: etalase new ikm)")
    categories = category_slugs(root)
    _one_of(category, categories, ("kategori", "category"), "catalog/categories.yml", "")
    path = root / "products" / ikm / f"{slug}.yml"
    _refuse_existing(root, path)
    values = {
        "slug": slug,
        "ikm": ikm,
        "name": {"id": name},
        "category": category,
        "photos": [{"file": f"{slug}-1.jpg"}],
        "added": today or dt.date.today(),
        "last_verified": today or dt.date.today(),
    }
    use = frozenset({"food"}) if category in food_categories(root) else frozenset()
    path.write_text(render(Kind.product, values, use=use), encoding="utf-8")
    rel = path.relative_to(root).as_posix()
    return Written(
        path,
        Msg(
            f"Langkah berikutnya: isi kolom yang kosong di {rel}, taruh foto {slug}-1.jpg (≥ 800 px) di "
            f"products/{ikm}/, lalu jalankan `etalase validate` sampai 0 error, dan `etalase build`. "
            f"Halaman produk: /produk/{ikm}/{slug}/",
            f"Next: fill in the empty fields of {rel}, put the photo {slug}-1.jpg (≥ 800 px) in products/{ikm}/, "
            f"then run `etalase validate` until it reports 0 errors, and `etalase build`. "
            f"Product page: /produk/{ikm}/{slug}/",
        ),
    )


def new_ikm(
    root: Path,
    *,
    name: str,
    sentra: str,
    slug: str | None = None,
    owner: str | None = None,
    today: dt.date | None = None,
) -> Written:
    """Write ``products/<slug>/ikm.yml`` with every IKM field; return it and the next steps.

    ``owner`` (a GitHub account that speaks for the business) is written to ``github_accounts``:
    changes to the IKM's folder from other accounts then wait for its confirmation. (GitHub's
    CODEOWNERS would only honour accounts with write access to the repository.)
    """
    name = name.strip()
    if not name:
        raise ScaffoldError(Msg("nama usaha kosong — isi --name", "the business name is empty — give --name"))
    slug = slug or slugify(name)
    check_slug(slug, ("IKM", "IKM"))
    check_slug(sentra, ("sentra", "sentra"))
    _one_of(sentra, existing_sentra(root), ("sentra", "sentra"), "sentra/", "")
    folder = root / "products" / slug
    _refuse_existing(root, folder)
    login = owner.strip().removeprefix("@") if owner is not None else None
    if login is not None and not re.fullmatch(GITHUB_PATTERN, login):
        raise ScaffoldError(
            Msg(
                f"'{owner}' bukan nama pengguna GitHub — tulis seperti @namapengguna",
                f"'{owner}' is not a GitHub user name — write it like @username",
            )
        )
    values: dict[str, Any] = {"slug": slug, "name": name, "sentra": sentra, "last_verified": today or dt.date.today()}
    if login:
        values["github_accounts"] = [login]
    folder.mkdir(parents=True)
    path = folder / "ikm.yml"
    path.write_text(render(Kind.ikm, values), encoding="utf-8")
    return Written(
        path,
        Msg(
            f"Langkah berikutnya: isi kolom yang kosong di products/{slug}/ikm.yml, lalu tambahkan produk: "
            f'etalase new product --ikm {slug} --name "…" --category …',
            f"Next: fill in the empty fields of products/{slug}/ikm.yml, then add products: "
            f'etalase new product --ikm {slug} --name "…" --category …',
        ),
    )


# --- asking on a terminal --------------------------------------------------------------------------
