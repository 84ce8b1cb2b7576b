"""Load stage: find the record files of a project and read each one safely.

Reads ``catalog/`` (with ``catalog/festivals/`` and ``catalog/forums/``), ``sentra/`` and
``products/`` under a project root; returns ``RawRecord``s (plain data + line map) and problems
for files that cannot be read or stand in the wrong place. Nothing here knows the schemas; ``validate`` does.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import StrEnum
from functools import partial
from pathlib import Path
from typing import Any

from etalase.incremental import parallel
from etalase.model.lines import LineMap
from etalase.model.problems import Msg, Problem
from etalase.source.yamlsafe import YamlError, parse


class Kind(StrEnum):
    """The record types, named as their JSON Schema files are."""

    product = "product"
    ikm = "ikm"
    sentra = "sentra"
    categories = "category-list"
    certificates = "certificate-list"
    site = "site"
    festival = "festival"
    synonyms = "synonym-list"
    forum = "forum"


CATALOG_FILES = {
    "catalog/site.yml": Kind.site,
    "catalog/categories.yml": Kind.categories,
    "catalog/certificates.yml": Kind.certificates,
}

OPTIONAL_CATALOG_FILES = {"catalog/synonyms.yml": Kind.synonyms}  # read when there, no problem when not
FESTIVALS_DIR = "catalog/festivals"  # one <slug>.yml per festival (booths to print)
FORUMS_DIR = "catalog/forums"  # one <slug>.yml per business forum (temu usaha)
# Fewer record files are read in this process: a second process and the records' way back
# cost about 0.1 s (at 6,700 files: 1.4 s → 1.0 s).
PARALLEL_MIN_FILES = 1000


@dataclass(frozen=True)
class RawRecord:
    """One YAML file read: its kind, path (relative, posix), data and key lines."""

    kind: Kind
    path: str
    data: dict[str, Any]
    lines: LineMap

    @property
    def stem(self) -> str:
        """Return the file name without ``.yml``."""
        return Path(self.path).stem

    @property
    def folder(self) -> str:
        """Return the name of the folder the file is in."""
        return Path(self.path).parent.name


def find_record_files(root: Path) -> tuple[list[tuple[Kind, Path]], list[Problem]]:
    """Return (kind, path) for every record file under ``root`` and problems for misplaced files."""
    found: list[tuple[Kind, Path]] = []
    problems: list[Problem] = []
    for rel, kind in CATALOG_FILES.items():
        path = root / rel
        if path.is_file():
            found.append((kind, path))
        else:
            problems.append(
                _problem(rel, Msg(f"file {rel} tidak ada — buat file ini", f"{rel} is missing — create it"))
            )
    found += [(kind, root / rel) for rel, kind in OPTIONAL_CATALOG_FILES.items() if (root / rel).is_file()]
    sentra_dir = root / "sentra"
    for path in _yaml_files(sentra_dir):
        if path.parent != sentra_dir:
            problems.append(_misplaced(root, path, "sentra/<slug>.yml"))
        else:
            found.append((Kind.sentra, path))
    products_dir = root / "products"
    for path in _yaml_files(products_dir):
        if path.parent.parent != products_dir:
            problems.append(_misplaced(root, path, "products/<ikm>/<produk>.yml"))
        elif path.name == "ikm.yml":
            found.append((Kind.ikm, path))
        else:
            found.append((Kind.product, path))
    festivals_dir = root / FESTIVALS_DIR
    for path in _yaml_files(festivals_dir):
        if path.parent != festivals_dir:
            problems.append(_misplaced(root, path, f"{FESTIVALS_DIR}/<slug>.yml"))
        else:
            found.append((Kind.festival, path))
    forums_dir = root / FORUMS_DIR
    for path in _yaml_files(forums_dir):
        if path.parent != forums_dir:
            problems.append(_misplaced(root, path, f"{FORUMS_DIR}/<slug>.yml"))
        else:
            found.append((Kind.forum, path))
    wrong = [*_wrong_suffix(sentra_dir), *_wrong_suffix(products_dir), *_wrong_suffix(festivals_dir)]
    for path in [*wrong, *_wrong_suffix(forums_dir)]:
        rel = path.relative_to(root).as_posix()
        problems.append(
            _problem(
                rel,
                Msg(
                    "gunakan akhiran .yml, bukan .yaml — ganti nama file",
                    "use the .yml ending, not .yaml — rename the file",
                ),
            )
        )
    problems += _linked_pages(root)
    return found, problems


def read_record(root: Path, kind: Kind, path: Path) -> RawRecord | Problem:
    """Return the record in ``path``, or the problem that stops it being read."""
    rel = path.relative_to(root).as_posix()
    if path.is_symlink():
        return _problem(
            rel,
            Msg(
                "file record tidak boleh berupa symlink — simpan file biasa",
                "a record file may not be a symbolic link — store a plain file",
            ),
        )
    try:
        data, lines = parse(path.read_bytes())
    except YamlError as exc:
        return Problem(rel, exc.line, "", exc.message)
    except OSError as exc:
        return _problem(
            rel, Msg(f"file tidak dapat dibuka ({exc.strerror})", f"file cannot be opened ({exc.strerror})")
        )
    return RawRecord(kind, rel, data, lines)


def load_records(root: Path, *, jobs: int | None = None) -> tuple[list[RawRecord], list[Problem]]:
    """Return every readable record under ``root`` and the problems of the rest.

    The files are read in ``jobs`` processes (by default one per CPU when there are
    ``PARALLEL_MIN_FILES`` or more), in order: the result is the same either way.
    """
    files, problems = find_record_files(root)
    if jobs is None and len(files) < PARALLEL_MIN_FILES:
        jobs = 1
    workers = parallel.workers_for(len(files), jobs)
    size = -(-len(files) // workers) if files else 1
    chunks = [files[start : start + size] for start in range(0, len(files), size)]
    records: list[RawRecord] = []
    for results in parallel.run([partial(_read_records, root, chunk) for chunk in chunks], workers):
        for result in results:
            if isinstance(result, Problem):
                problems.append(result)
            else:
                records.append(result)
    return records, problems


def _read_records(root: Path, files: list[tuple[Kind, Path]]) -> list[RawRecord | Problem]:
    """Return ``read_record`` of each of ``files``, in order."""
    return [read_record(root, kind, path) for kind, path in files]


def _yaml_files(folder: Path) -> Iterator[Path]:
    if folder.is_dir():
        yield from sorted(p for p in folder.rglob("*.yml") if p.is_file() or p.is_symlink())


def _wrong_suffix(folder: Path) -> Iterator[Path]:
    if folder.is_dir():
        yield from sorted(folder.rglob("*.yaml"))


def _misplaced(root: Path, path: Path, where: str) -> Problem:
    rel = path.relative_to(root).as_posix()
    return _problem(
        rel,
        Msg(
            f"file ini berada di tempat yang salah — pindahkan ke {where}",
            f"this file is in the wrong place — move it to {where}",
        ),
    )


def _linked_pages(root: Path) -> list[Problem]:
    """Return a problem for each hand-written page in ``catalog/pages/`` that is a symbolic link.

    Pages are published as they are: a link could publish any file of the machine that builds.
    """
    pages = root / "catalog" / "pages"
    linked = [pages] if pages.is_symlink() else sorted(p for p in pages.glob("*") if p.is_symlink())
    return [
        _problem(
            path.relative_to(root).as_posix(),
            Msg(
                "halaman tidak boleh berupa symlink — simpan file biasa",
                "a page may not be a symbolic link — store a plain file",
            ),
        )
        for path in linked
    ]


def _problem(rel: str, message: Msg) -> Problem:
    return Problem(rel, 1, "", message)
