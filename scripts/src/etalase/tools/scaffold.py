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
import json
import re
import sys
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from types import NoneType, UnionType
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import yaml
from annotated_types import Ge, Gt, Le, Lt
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from etalase.check.schema_export import SCHEMA_DIR, category_slugs
from etalase.model import GITHUB_PATTERN, PRODUCT_RESERVED, RESERVED_SLUGS, SLUG_PATTERN, Ikm, Product
from etalase.model.problems import Msg
from etalase.source.load import Kind
from etalase.source.yamlsafe import YamlError, parse


class ScaffoldError(Exception):
    """A scaffold that cannot be written, with a bilingual ``what is wrong — how to fix`` message."""

    def __init__(self, message: Msg) -> None:
        super().__init__(message.en)
        self.message = message


class _Missing:
    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


# --- what a field holds ------------------------------------------------------------------------


@dataclass(frozen=True)
class Shape:
    """What a field holds: a scalar, a nested model, a list or a mapping, with its limits."""

    kind: Literal["scalar", "model", "list", "dict"]
    model: type[BaseModel] | None = None
    item: Shape | None = None
    scalar: Any = None
    choices: tuple[str, ...] = ()
    examples: tuple[Any, ...] = ()
    low: float | None = None
    above: float | None = None
    high: float | None = None


def shape_of(annotation: Any, metadata: Sequence[Any] = ()) -> Shape:
    """Return the shape of a field annotation such as ``list[Photo] | None`` or ``Annotated[int, Field(ge=1)]``."""
    extra = list(metadata)
    while True:
        origin = get_origin(annotation)
        if origin is Annotated:
            annotation, *more = get_args(annotation)
            for item in more:
                extra += [item, *getattr(item, "metadata", [])] if isinstance(item, FieldInfo) else [item]
        elif origin in (Union, UnionType):
            args = [a for a in get_args(annotation) if a is not NoneType]
            annotation = args[0] if len(args) == 1 else str
        else:
            break
    examples = tuple(next((m.examples for m in extra if isinstance(m, FieldInfo) and m.examples), ()) or ())
    low = next((float(m.ge) for m in extra if isinstance(m, Ge)), None)
    above = next((float(m.gt) for m in extra if isinstance(m, Gt)), None)
    high = next((float(m.le) for m in extra if isinstance(m, Le)), None)
    high = next((float(m.lt) for m in extra if isinstance(m, Lt)), high)
    origin = get_origin(annotation)
    if origin is list:
        (item,) = get_args(annotation)
        return Shape("list", item=shape_of(item))
    if origin is dict:
        return Shape("dict", item=shape_of(get_args(annotation)[1]))
    if origin is Literal:
        return Shape("scalar", scalar=str, choices=tuple(str(a) for a in get_args(annotation)))
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return Shape("model", model=annotation)
    if isinstance(annotation, type) and issubclass(annotation, Enum):
        return Shape("scalar", scalar=annotation, choices=tuple(str(m.value) for m in annotation))
    return Shape("scalar", scalar=annotation, examples=examples, low=low, above=above, high=high)


def field_shape(info: FieldInfo) -> Shape:
    """Return the shape of one model field, its own limits and examples included."""
    shape = shape_of(info.annotation, [info, *info.metadata])
    if info.examples and not shape.examples:
        shape = Shape(**{**shape.__dict__, "examples": tuple(info.examples)})
    return shape


def _number(value: float) -> str:
    """Return a limit as an Indonesian reads it: 1.000.000 (years and small numbers stay plain)."""
    if value != int(value):
        return str(value)
    return f"{int(value):,}".replace(",", ".") if abs(value) >= 10_000 else str(int(value))


def field_comment(info: FieldInfo, shape: Shape) -> str:
    """Return the short hint written after a key: what it is, allowed values, an example."""
    parts: list[str] = []
    described = info.description
    model = shape.model or (shape.item.model if shape.kind == "list" and shape.item else None)
    if not described and model is not None:
        described = (model.__doc__ or "").strip().split("\n")[0]
    if described:
        parts.append(described.rstrip("."))
    extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
    if extra.get("written_as"):
        parts.append(f"ditulis / written: {extra['written_as']}")
    scalar_list = shape.kind == "list" and shape.item is not None and shape.item.kind == "scalar"
    target = shape.item if scalar_list and shape.item else shape
    if target.choices and not all(choice in (described or "") for choice in target.choices):
        parts.append(" | ".join(target.choices))
    if target.scalar is dt.date and "YYYY" not in (described or ""):
        parts.append("YYYY-MM-DD")
    if target.above is not None:
        parts.append(f"> {_number(target.above)}" + (f", ≤ {_number(target.high)}" if target.high else ""))
    elif target.low is not None and target.high is not None:
        parts.append(f"{_number(target.low)}–{_number(target.high)}")
    if scalar_list:
        example = info.examples[0] if info.examples else list(target.examples[:1]) or ["…", "…"]
        parts.append(f"list / daftar, e.g. {_flow(example)}")
    elif target.examples and not target.choices:
        example = target.examples[0]
        parts.append(f"e.g. {example if target.scalar is dt.date else _flow(example)}")
    return "; ".join(parts)


def _flow(value: Any) -> str:
    """Return ``value`` as YAML on one line (quoted where YAML would misread it)."""
    if value == ["…", "…"]:
        return "[…, …]"
    text = yaml.safe_dump(value, default_flow_style=True, allow_unicode=True, sort_keys=False, width=10_000)
    return text.removesuffix("\n").removesuffix("\n...").strip()


# --- the template --------------------------------------------------------------------------------


def template_lines(
    model: type[BaseModel],
    values: Mapping[str, Any] | None = None,
    *,
    indent: int = 0,
    use: frozenset[str] = frozenset(),
    prefix: str = "",
) -> list[str]:
    """Return YAML lines for every field of ``model``, each with a comment.

    ``values`` fills fields (nested dicts for nested models); other required fields are left
    empty, optional ones are commented out unless their dotted path is in ``use``.
    """
    values = values or {}
    lines: list[str] = []
    pad = " " * indent
    for name, info in model.model_fields.items():
        shape = field_shape(info)
        path = f"{prefix}{name}"
        value = values.get(name, MISSING)
        block = _field_lines(name, info, shape, value, indent, use, path)
        if not info.is_required() and value is MISSING and path not in use:
            block = [f"{pad}# {line[indent:]}" for line in block]
        lines += block
    return lines


def _with_comment(line: str, comment: str) -> str:
    return f"{line}  # {comment}" if comment else line


def _field_lines(
    name: str, info: FieldInfo, shape: Shape, value: Any, indent: int, use: frozenset[str], path: str
) -> list[str]:
    pad = " " * indent
    comment = field_comment(info, shape)
    nested = {k: v for k, v in value.items()} if isinstance(value, Mapping) else None
    if shape.kind == "model" and shape.model and (value is MISSING or nested is not None):
        return [
            _with_comment(f"{pad}{name}:", comment),
            *template_lines(shape.model, nested, indent=indent + 2, use=use, prefix=f"{path}."),
        ]
    if shape.kind == "list" and shape.item and shape.item.model and (value is MISSING or isinstance(value, list)):
        items = value if isinstance(value, list) and value else [MISSING]
        lines = [_with_comment(f"{pad}{name}:", comment)]
        for item in items:
            body = template_lines(
                shape.item.model,
                item if isinstance(item, Mapping) else None,
                indent=indent + 4,
                use=use,
                prefix=f"{path}.",
            )
            lines += _as_item(body, indent + 2)
        return lines
    if isinstance(value, str) and "\n" in value:
        return _block_lines(name, value, indent, comment)
    if value is not MISSING:
        return [_with_comment(f"{pad}{name}: {_flow(_plain(value))}", comment)]
    if not info.is_required():
        default = info.get_default(call_default_factory=True)
        if default is not None and default != [] and default != {}:
            return [_with_comment(f"{pad}{name}: {_flow(_plain(default))}", comment)]
    return [_with_comment(f"{pad}{name}:", comment)]


def _block_lines(name: str, text: str, indent: int, comment: str) -> list[str]:
    """Return a multi-line text as a YAML literal block (``key: |-``), or one quoted line if it cannot be one."""
    pad = " " * indent
    lines = [line.rstrip() for line in text.strip("\n").split("\n")]
    if lines[0].startswith((" ", "\t")) or any("\t" in line or not line.isprintable() for line in lines):
        return [_with_comment(f"{pad}{name}: {json.dumps(text, ensure_ascii=False)}", comment)]
    body = [f"{pad}  {line}" if line else "" for line in lines]
    return [_with_comment(f"{pad}{name}: |-", comment), *body]


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def _as_item(body: list[str], indent: int) -> list[str]:
    """Turn the lines of one mapping (indented ``indent + 2``) into a ``- `` list item."""
    lines = list(body)
    for index, line in enumerate(lines):
        if not line.lstrip().startswith("#"):
            lines[index] = " " * indent + "- " + line[indent + 2 :]
            return lines
    return [" " * indent + "-", *lines]


HEADER = {
    Kind.product: (
        "Produk baru. Isi setiap kolom yang masih kosong; teks setelah # adalah petunjuk.",
        "Baris yang diawali # adalah kolom opsional: hapus '# ' di depannya untuk memakainya.",
        "New product. Fill in every empty field; text after # is a hint. Lines starting",
        "with # are optional fields: remove the '# ' in front to use one.",
        "Periksa / check: etalase validate",
    ),
    Kind.ikm: (
        "IKM baru. Isi setiap kolom yang masih kosong; teks setelah # adalah petunjuk.",
        "Baris yang diawali # adalah kolom opsional: hapus '# ' di depannya untuk memakainya.",
        "New IKM. Fill in every empty field; text after # is a hint. Lines starting",
        "with # are optional fields: remove the '# ' in front to use one.",
        "Periksa / check: etalase validate",
    ),
}
MODELS: dict[Kind, type[BaseModel]] = {Kind.product: Product, Kind.ikm: Ikm}


def schema_line(kind: Kind, depth: int) -> str:
    """Return the ``# yaml-language-server: $schema=`` line for a record ``depth`` folders below the root."""
    return f"# yaml-language-server: $schema={'../' * depth}{(SCHEMA_DIR / f'{kind.value}.schema.json').as_posix()}"


def render(kind: Kind, values: Mapping[str, Any], *, use: frozenset[str] = frozenset(), depth: int = 2) -> str:
    """Return the whole scaffold text for a record of ``kind``."""
    header = [schema_line(kind, depth), *(f"# {line}" for line in HEADER[kind])]
    return "\n".join([*header, *template_lines(MODELS[kind], values, use=use)]) + "\n"


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
