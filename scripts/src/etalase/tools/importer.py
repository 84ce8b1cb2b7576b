"""``etalase import PACKAGE``: a maker's package from the add-a-product page into the records.

The facilitator receives the package (one ``.txt`` file) by WhatsApp and runs the import. The
package is untrusted (``tools/package.py`` reads it: size limits, safe reading, photo names
that are never paths, every photo decoded and encoded afresh). Then this module:

1. plans the files: ``products/<ikm>/<slug>.yml`` (and ``products/<ikm>/ikm.yml`` with
   ``logo.jpg`` for a new maker) and the photos ``<slug>-1.jpg`` … (``.png`` for a transparent one) The import names every file
   itself; slugs are used only when they match the slug pattern. Values the record model reads
   (``85rb`` where the model reads notation) are written as it reads them; ``added`` and
   ``last_verified`` are set to today (the facilitator has just checked the record). Nothing
   that exists is overwritten. An IKM that is already in the catalogue keeps its record (a note
   says the package's copy is not used).
2. runs the real check of ``etalase validate`` (``pipeline.check``) on a temporary copy of the
   project's records, once without and once with the new files, and keeps every problem the
   new files bring: the new records' own problems point at the line of the package they came
   from; a problem they cause in another record points at that record.
3. writes the files only when there is no error (``--check`` never writes), each created
   exclusively, all or none.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from etalase import pipeline
from etalase.model import PRODUCT_RESERVED, RESERVED_SLUGS, SLUG_PATTERN, Ikm, Product
from etalase.model.problems import Msg, Problem, Severity, sort_problems
from etalase.source.load import Kind
from etalase.source.yamlsafe import YamlError, parse
from etalase.tools import scaffold
from etalase.tools.package import Package, dotted, read_package
from etalase.tools.recordtext import normalised, record_text


@dataclass
class Plan:
    """The files an import would write (project-relative path → bytes) and which record each is."""

    files: dict[str, bytes] = field(default_factory=dict)
    records: dict[str, str] = field(default_factory=dict)  # record path → "product" or "ikm"
    photos: dict[str, str] = field(default_factory=dict)  # photo path → its name in the package
    maker: str = ""  # the product's IKM slug
    maker_is_new: bool = False


@dataclass
class ImportResult:
    """What an import found and wrote."""

    package: Package
    plan: Plan | None = None
    problems: list[Problem] = field(default_factory=list)
    written: list[str] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """Return the problems that stop the import."""
        return [p for p in self.problems if p.severity is Severity.error]


def import_package(
    root: Path, path: Path, today: dt.date, *, label: str | None = None, write: bool = True
) -> ImportResult:
    """Read the package at ``path`` and, when it has no error, write its records and photos under ``root``."""
    package = read_package(path, label or path.name)
    result = ImportResult(package, problems=list(package.problems))
    if not package.readable:
        return result
    plan, problems = plan_files(root, package, today)
    result.plan = plan
    result.problems += problems
    said = {(p.path, p.line, p.field) for p in result.problems}  # a photo refused above is not "missing" too
    result.problems += [p for p in validate_plan(root, package, plan, today) if (p.path, p.line, p.field) not in said]
    result.problems = sort_problems(result.problems)
    if result.errors or not write:
        return result
    result.written = write_plan(root, plan)
    return result


# --- planning ----------------------------------------------------------------------------------------


def plan_files(root: Path, package: Package, today: dt.date) -> tuple[Plan, list[Problem]]:
    """Return the files the package would become, and the problems found planning them."""
    plan = Plan()
    before = len(package.problems)
    existing = set(scaffold.existing_ikms(root))
    new_ikm = ""
    if isinstance(package.data.get("ikm"), dict):
        new_ikm = _plan_ikm(root, package, plan, existing, today)
    if isinstance(package.data.get("product"), dict):
        _plan_product(root, package, plan, existing | ({new_ikm} if new_ikm else set()), today)
    used = set(plan.photos.values())
    for name in sorted(set(package.photos) - used):
        package.problems.append(
            Problem(
                package.label,
                package.photos[name].line,
                "photos",
                Msg(
                    f"foto '{name}' ada di paket tetapi tidak dipakai record mana pun — foto ini tidak ditulis",
                    f"photo '{name}' is in the package but no record uses it — it is not written",
                ),
                Severity.warning,
            )
        )
    return plan, package.problems[before:]


def _slug(package: Package, kind: str, record: dict[str, Any], name: Any, reserved: frozenset[str]) -> str:
    """Return the record's slug (made from ``name`` when the package has none), or "" with a problem."""
    slug = record.get("slug")
    if slug in (None, ""):
        slug = scaffold.slugify(name) if isinstance(name, str) else ""
    if not isinstance(slug, str) or not re.fullmatch(SLUG_PATTERN, slug) or len(slug) > 80 or slug in reserved:
        package.problem(
            (kind, "slug"),
            Msg(
                f"slug {str(slug)[:80]!r} tidak bisa menjadi nama file — huruf kecil, angka dan tanda minus saja, "
                "bukan nama yang dipakai situs; perbaiki 'slug' di paket",
                f"slug {str(slug)[:80]!r} cannot be a file name — lowercase letters, digits and dashes only, not a "
                "name the site uses; fix 'slug' in the package",
            ),
        )
        return ""
    record["slug"] = slug
    return slug


def _exists(root: Path, rel: str) -> bool:
    return os.path.lexists(root / rel)


def _taken(package: Package, at: tuple[str | int, ...], rel: str) -> None:
    package.problem(
        at,
        Msg(
            f"{rel} sudah ada — tidak ada yang ditimpa; ubah 'slug' di paket, atau hapus file lama lebih dulu",
            f"{rel} already exists — nothing is overwritten; change 'slug' in the package, or remove the old file first",
        ),
    )


def _plan_ikm(root: Path, package: Package, plan: Plan, existing: set[str], today: dt.date) -> str:
    """Plan a new maker's ``ikm.yml`` and logo; return its slug ("" when it cannot be written)."""
    record = dict(package.data["ikm"])
    slug = _slug(package, "ikm", record, record.get("name"), RESERVED_SLUGS)
    if not slug:
        return ""
    if slug in existing:
        package.problems.append(
            Problem(
                package.label,
                package.line("ikm"),
                "ikm",
                Msg(
                    f"IKM '{slug}' sudah ada di katalog — data usaha di paket tidak dipakai; ubah products/{slug}/ikm.yml "
                    "bila perlu",
                    f"IKM '{slug}' is already in the catalogue — the package's business details are not used; edit "
                    f"products/{slug}/ikm.yml if needed",
                ),
                Severity.warning,
            )
        )
        return slug
    folder = f"products/{slug}"
    if _exists(root, folder):
        _taken(package, ("ikm", "slug"), folder)
        return ""
    logo = record.get("logo")
    if isinstance(logo, dict):
        record["logo"] = _photo(root, package, plan, ("ikm", "logo"), logo, f"{folder}/logo")
    record["last_verified"] = today
    rel = f"{folder}/ikm.yml"
    plan.files[rel] = record_text(Kind.ikm, normalised(Ikm, record))
    plan.records[rel] = "ikm"
    return slug


def _plan_product(root: Path, package: Package, plan: Plan, makers: set[str], today: dt.date) -> None:
    """Plan ``products/<ikm>/<slug>.yml`` and its photos."""
    record = dict(package.data["product"])
    name = record.get("name")
    slug = _slug(
        package,
        "product",
        record,
        name.get("id") if isinstance(name, dict) else None,
        RESERVED_SLUGS | PRODUCT_RESERVED,
    )
    ikm = record.get("ikm")
    if not isinstance(ikm, str) or ikm not in makers:
        package.problem(
            ("product", "ikm"),
            Msg(
                f"IKM {str(ikm)[:80]!r} belum ada di katalog — impor dulu paket pendaftaran usahanya, atau pilih "
                "usaha yang ada di halaman tambah-produk/",
                f"IKM {str(ikm)[:80]!r} is not in the catalogue — import its registration package first, or choose "
                "an existing business on the tambah-produk/ page",
            ),
        )
        return
    plan.maker, plan.maker_is_new = ikm, f"products/{ikm}/ikm.yml" in plan.files
    if not slug:
        return
    rel = f"products/{ikm}/{slug}.yml"
    if _exists(root, rel):
        _taken(package, ("product", "slug"), rel)
        return
    photos = record.get("photos")
    if isinstance(photos, list):
        record["photos"] = [
            _photo(root, package, plan, ("product", "photos", i), p, f"products/{ikm}/{slug}-{i + 1}")
            if isinstance(p, dict)
            else p
            for i, p in enumerate(photos)
        ]
    record["added"] = record["last_verified"] = today
    plan.files[rel] = record_text(Kind.product, normalised(Product, record))
    plan.records[rel] = "product"


def _photo(
    root: Path, package: Package, plan: Plan, at: tuple[str | int, ...], entry: dict[str, Any], stem: str
) -> dict[str, Any]:
    """Return a record's photo entry naming the file the import writes for it (``stem`` and the photo's suffix)."""
    name = entry.get("file")
    photo = package.photos.get(name) if isinstance(name, str) else None
    if photo is None:
        package.problem(
            (*at, "file"),
            Msg(
                f"foto {str(name)[:80]!r} tidak ada di paket — buat paketnya lagi dengan fotonya",
                f"photo {str(name)[:80]!r} is not in the package — make the package again with the photo",
            ),
        )
        return entry
    rel = f"{stem}.{photo.suffix}"
    if _exists(root, rel):
        _taken(package, (*at, "file"), rel)
        return entry
    plan.files[rel] = photo.data
    plan.photos[rel] = photo.name
    return {**entry, "file": rel.rsplit("/", 1)[1]}


# --- records as YAML -----------------------------------------------------------------------------------


# --- checking with the project's own rules -----------------------------------------------------------


def validate_plan(root: Path, package: Package, plan: Plan, today: dt.date) -> list[Problem]:
    """Return every problem the planned files bring, by ``pipeline.check`` on a copy of the project's records.

    The copy holds the records (not the photos, which each run misses alike); the check runs once
    without and once with the new files, and only problems that are new count. A new record's
    problems point at the package's lines; others at the record they are in.
    """
    with tempfile.TemporaryDirectory(prefix="etalase-import-") as temp:
        copy = Path(temp)
        copy_records(root, copy)
        before = set(pipeline.check(copy, today).problems)
        for rel, content in plan.files.items():
            target = copy / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(content)
        after = pipeline.check(copy, today).problems
    return [_in_package(package, plan, p) for p in after if p not in before]


def copy_records(root: Path, target: Path) -> None:
    """Copy the files ``pipeline.check`` reads, photos left out, from ``root`` into ``target``."""
    catalog = root / "catalog"
    for source in sorted(catalog.rglob("*")) if catalog.is_dir() else []:
        if source.is_file() and not source.is_symlink() and source.suffix in {".yml", ".yaml", ".md"}:
            _copy(source, target / source.relative_to(root))
    for pattern in ("sentra/*.yml", "products/*/*.yml"):
        for source in sorted(root.glob(pattern)):
            if source.is_file() and not source.is_symlink():
                _copy(source, target / source.relative_to(root))


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)


_FIELD_PART = re.compile(r"\[(\d+)\]|([^.\[\]]+)")


def field_path(name: str) -> tuple[str | int, ...]:
    """Return a problem's field as a key path: ``photos[0].alt.id`` → ("photos", 0, "alt", "id")."""
    return tuple(int(m.group(1)) if m.group(1) else m.group(2) for m in _FIELD_PART.finditer(name))


def _in_package(package: Package, plan: Plan, problem: Problem) -> Problem:
    """Return ``problem`` pointing at the package's line when it is in a record or photo the package makes."""
    kind = plan.records.get(problem.path)
    if kind is not None:
        path = (kind, *field_path(problem.field))
        return Problem(package.label, package.line(*path), dotted(path), problem.message, problem.severity)
    name = plan.photos.get(problem.path)
    if name is not None:
        line = package.photos[name].line
        return Problem(package.label, line, f"photos ({name})", problem.message, problem.severity)
    return problem


# --- writing -------------------------------------------------------------------------------------------


def write_plan(root: Path, plan: Plan) -> list[str]:
    """Write every planned file, each created exclusively; on any failure remove what was written and raise."""
    written: list[Path] = []
    folders: list[Path] = []
    try:
        for rel, content in sorted(plan.files.items(), key=lambda item: (item[0].endswith(".yml"), item[0])):
            target = root / rel
            if not target.parent.exists():
                target.parent.mkdir(parents=True)
                folders.append(target.parent)
            with target.open("xb") as file:
                written.append(target)
                file.write(content)
    except OSError:
        for path in reversed(written):
            path.unlink(missing_ok=True)
        for folder in reversed(folders):
            shutil.rmtree(folder, ignore_errors=True)
        raise
    return [p.relative_to(root).as_posix() for p in written]


def maker_contact(root: Path, package: Package, plan: Plan) -> tuple[str, str]:
    """Return the name and WhatsApp number of the product's maker, to compare with who sent the package."""
    data: Any = package.data.get("ikm") if plan.maker_is_new else None
    if data is None and plan.maker:
        try:
            data, _ = parse((root / "products" / plan.maker / "ikm.yml").read_bytes())
        except (OSError, YamlError):
            data = None
    if not isinstance(data, dict):
        return "", ""
    contacts = data.get("contacts") if isinstance(data.get("contacts"), dict) else {}
    return str(data.get("name") or plan.maker), str(contacts.get("whatsapp") or "")


def summary(problems: Iterable[Problem]) -> tuple[int, int]:
    """Return how many errors and warnings ``problems`` hold."""
    listed = list(problems)
    errors = sum(p.severity is Severity.error for p in listed)
    return errors, len(listed) - errors
