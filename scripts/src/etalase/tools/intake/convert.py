"""Turn a submitted issue form into a record and its photos, checked like any record.

The "Produk baru" form becomes ``OUT/products/<ikm>/<slug>.yml``, the "IKM baru" form
``OUT/products/<ikm>/ikm.yml``, each with its downloaded photos beside it, laid out like the
repository. The result is validated with the project's own pipeline against the records of
``root``; every problem is named by the form's question. A product is listed only under an IKM its
answer names exactly, and the conversion says whose folder it is and whether the submitter speaks
for that business (``owners``).
"""

from __future__ import annotations

import datetime as dt
import re
import shutil
import tempfile
from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path

from etalase import pipeline
from etalase.model import PRODUCT_RESERVED, RESERVED_SLUGS
from etalase.model.problems import Msg, Problem, Severity
from etalase.source.load import Kind
from etalase.tools import blankrecord, scaffold
from etalase.tools.intake import ikm_form, product_form
from etalase.tools.intake.attachments import (
    ALLOWED_PREFIXES,
    MAX_PHOTO_BYTES,
    TIMEOUT_SECONDS,
    download,
    photo_links,
    save_photo,
)
from etalase.tools.intake.draft import Conversion, Draft, FormProblem
from etalase.tools.intake.forms import FORM_FILES, FORMS_DIR, Question, form_kind, lines_of, load_form, parse_body
from etalase.tools.intake.makers import Maker, close_makers, find_maker, maker_from_data, read_makers, sentra_names
from etalase.tools.intake.owners import LABEL_CONFIRMED, standing

FIELDS = {"product": product_form.FIELDS, "ikm": ikm_form.FIELDS}
MAX_PHOTOS = 12


def form_url(repo: str, kind: str) -> str:
    """Return the address of a form to link in a reply (the form's name when the repository is unknown)."""
    if repo:
        return f"https://github.com/{repo}/issues/new?template={FORM_FILES[kind]}"
    return "Issues → New issue → " + ("IKM baru / New maker (IKM)" if kind == "ikm" else "Produk baru / New product")


def load_forms(root: Path, form: Path | None = None, kind: str | None = None) -> dict[str, list[Question]]:
    """Return the questions of each form (only ``form``, of ``kind``, when one is given)."""
    if form is not None:
        questions = load_form(form)
        found = kind or ("product" if any(q.id == "price_min" for q in questions) else "ikm")
        load_form(form, FIELDS[found])
        return {found: questions}
    forms = {}
    for name, file in FORM_FILES.items():
        if (root / FORMS_DIR / file).is_file() and kind in (None, name):
            forms[name] = load_form(root / FORMS_DIR / file, FIELDS[name])
    return forms


def convert(
    body: str,
    root: Path,
    out: Path,
    *,
    form: Path | None = None,
    kind: str | None = None,
    today: dt.date | None = None,
    allowed: Sequence[str] = ALLOWED_PREFIXES,
    max_bytes: int = MAX_PHOTO_BYTES,
    timeout: float = TIMEOUT_SECONDS,
    author: str = "",
    association: str = "",
    labels: Collection[str] = (),
    repo: str = "",
) -> Conversion:
    """Turn an issue ``body`` into a record and photos under ``out``; validate them against ``root``."""
    forms = load_forms(root, form, kind)
    found = form_kind(body, forms)
    questions = forms[found]
    draft = Draft({q.id: q for q in questions}, parse_body(body, questions), FIELDS[found])
    today = today or dt.date.today()
    fetch = _Fetch(allowed, max_bytes, timeout)
    makers = read_makers(root)
    if found == "ikm":
        conversion = _ikm(draft, root, out, makers, fetch, today, author)
    else:
        conversion = _product(draft, root, out, makers, fetch, today, repo)
        if author and conversion.maker is not None:
            confirmed = LABEL_CONFIRMED in labels
            conversion.standing = standing(
                conversion.ikm, conversion.maker, author, association, confirmed_label=confirmed
            )
    if author and found == "ikm" and conversion.maker is not None:
        conversion.standing = standing(conversion.ikm, None, author, association)
    return conversion


def form_maker(body: str, root: Path) -> Maker | None:
    """Return the IKM a product form's answer names exactly (None for another form or an unknown IKM)."""
    forms = load_forms(root, kind="product")
    if not forms:
        return None
    answers = parse_body(body, forms["product"])
    return find_maker(answers.get("ikm", ""), read_makers(root))


class _Fetch:
    """How photos are downloaded: allowed URL prefixes, size limit, timeout."""

    def __init__(self, allowed: Sequence[str], max_bytes: int, timeout: float) -> None:
        self.allowed, self.max_bytes, self.timeout = allowed, max_bytes, timeout

    def save(self, url: str, stem: Path) -> Path | Msg:
        data = download(url, allowed=self.allowed, max_bytes=self.max_bytes, timeout=self.timeout)
        return save_photo(data, stem) if isinstance(data, bytes) else data


def _slug(draft: Draft, form_id: str, name: str, reserved: frozenset[str], fallback: str) -> str:
    """Return the file or folder name the answer gives, or one made from ``name``."""
    slug = draft.get(form_id).strip().lower() or scaffold.slugify(name)
    if not slug:
        return fallback
    if not re.fullmatch(r"[a-z0-9]+(?:-[a-z0-9]+)*", slug) or slug in reserved:
        suggestion = scaffold.slugify(slug) or scaffold.slugify(name) or fallback
        draft.problem(
            form_id,
            Msg(
                f"'{slug}' tidak bisa menjadi nama file — pakai huruf kecil, angka dan tanda minus, mis. '{suggestion}'",
                f"'{slug}' cannot be a file name — use lowercase letters, digits and dashes, e.g. '{suggestion}'",
            ),
        )
        return suggestion
    return slug


def _product(
    draft: Draft, root: Path, out: Path, makers: Mapping[str, Maker], fetch: _Fetch, today: dt.date, repo: str
) -> Conversion:
    maker = _resolve_maker(draft, makers, repo)
    ikm = maker.slug if maker else (scaffold.slugify(draft.get("ikm")) or "ikm-belum-diisi")
    slug = _slug(draft, "slug", draft.get("name_id"), PRODUCT_RESERVED | RESERVED_SLUGS, "produk-baru")
    product_form.fill_product(draft, slug, ikm, today)
    folder = out / "products" / ikm
    folder.mkdir(parents=True, exist_ok=True)
    conversion = Conversion(kind="product", ikm=ikm, slug=slug, maker=maker)
    conversion.photos = _photos(draft, folder, slug, fetch)
    use = frozenset({"food"}) if "food" in draft.values else frozenset()
    record = folder / f"{slug}.yml"
    record.write_text(blankrecord.render(Kind.product, draft.values, use=use), encoding="utf-8")
    conversion.record = record
    if (root / "products" / ikm / f"{slug}.yml").is_file():
        conversion.replaces = True
        draft.problem(
            "slug",
            Msg(
                f"produk products/{ikm}/{slug}.yml sudah ada — formulir ini menggantinya; jika ini produk baru, "
                "tulis nama file lain",
                f"the product products/{ikm}/{slug}.yml exists — this form replaces it; for a new product, "
                "write another file name",
            ),
            severity=Severity.warning,
        )
    found = validate_files(root, out, [record, *conversion.photos], today)
    conversion.problems = draft.problems + named(draft, found)
    return conversion


def _resolve_maker(draft: Draft, makers: Mapping[str, Maker], repo: str) -> Maker | None:
    """Return the IKM the answer names exactly; an unknown one is a problem that never guesses."""
    answer = draft.get("ikm")
    register = form_url(repo, "ikm")
    if not answer:
        draft.problem(
            "ikm",
            Msg(
                f"wajib diisi — tulis nama usaha Anda seperti di katalog; usaha baru mendaftar dulu: {register}",
                f"is required — write your business name as listed; a new business registers first: {register}",
            ),
        )
        return None
    maker = find_maker(answer, makers)
    if maker is not None:
        return maker
    close = close_makers(answer, makers)
    listed = "; ".join(m.named().id for m in close)
    near_id = f" Nama yang mirip: {listed} — pilih hanya jika nomor WhatsApp itu milik Anda." if close else ""
    near_en = f" Close names: {listed} — choose one only if that WhatsApp number is yours." if close else ""
    draft.problem(
        "ikm",
        Msg(
            f"'{answer}' belum terdaftar di katalog. Usaha baru? Daftarkan dulu dengan formulir IKM baru: {register} "
            f"— setelah terbit, tambahkan produk di sini. Sudah terdaftar? Tulis namanya persis seperti di halaman "
            f"/ikm/<nama-folder>/.{near_id}",
            f"'{answer}' is not a registered IKM. A new business? Register it first with the IKM form: {register} "
            f"— once it is published, add products here. Registered already? Write the name exactly as on its page "
            f"/ikm/<folder-name>/.{near_en}",
        ),
    )
    return None


def _ikm(
    draft: Draft, root: Path, out: Path, makers: Mapping[str, Maker], fetch: _Fetch, today: dt.date, author: str
) -> Conversion:
    name = draft.get("name")
    slug = _slug(draft, "slug", name, RESERVED_SLUGS, "ikm-baru")
    if (existing := makers.get(slug)) is not None:
        draft.problem(
            "slug" if draft.get("slug") else "name",
            Msg(
                f"usaha dengan nama folder '{slug}' sudah terdaftar: {existing.named().id}. Jika itu usaha Anda, "
                "Anda sudah terdaftar — tambahkan produk dengan formulir Produk baru; jika bukan, tulis nama folder lain",
                f"a business with the folder name '{slug}' is registered already: {existing.named().en}. If it is "
                "yours, you are registered — add products with the New product form; if not, write another folder name",
            ),
        )
    ikm_form.fill_ikm(draft, slug, author, today)
    folder = out / "products" / slug
    folder.mkdir(parents=True, exist_ok=True)
    conversion = Conversion(kind="ikm", ikm=slug, slug=slug)
    conversion.photos = _logo(draft, folder, fetch)
    record = folder / "ikm.yml"
    record.write_text(blankrecord.render(Kind.ikm, draft.values), encoding="utf-8")
    conversion.record = record
    found = validate_files(root, out, [record, *conversion.photos], today)
    conversion.problems = draft.problems + named(draft, found)
    if existing is None:
        conversion.maker = maker_from_data(slug, draft.values, sentra_names(root))
    return conversion


def _logo(draft: Draft, folder: Path, fetch: _Fetch) -> list[Path]:
    links = photo_links(draft.get("logo"))
    if not links:
        return []
    if len(links) > 1:
        draft.problem(
            "logo",
            Msg("hanya gambar pertama yang dipakai", "only the first picture is used"),
            severity=Severity.warning,
        )
    result = fetch.save(links[0].url, folder / "logo")
    if isinstance(result, Msg):
        draft.problem("logo", result)
        return []
    alt = draft.get("logo_alt") or f"Logo {draft.get('name')}".strip()
    draft.values["logo"] = {"file": result.name, "alt": {"id": alt}}
    return [result]


def _photos(draft: Draft, folder: Path, slug: str, fetch: _Fetch) -> list[Path]:
    """Download the attached photos into ``folder``; put them with their descriptions into the record."""
    links = photo_links(draft.get("photos"))
    if not links:
        if draft.get("photos"):
            draft.problem(
                "photos",
                Msg(
                    "tidak ada foto yang terlampir — seret file foto ke kotak isian ini (bukan menempel teks)",
                    "no photo is attached — drag the photo files into this answer box (not pasted text)",
                ),
            )
        return []
    if len(links) > MAX_PHOTOS:
        draft.problem(
            "photos",
            Msg(
                f"{len(links)} foto terlampir, paling banyak {MAX_PHOTOS} — pilih foto terbaik",
                f"{len(links)} photos attached, at most {MAX_PHOTOS} — choose the best ones",
            ),
        )
        links = links[:MAX_PHOTOS]
    alts = {lang: lines_of(draft.get(f"photo_alt_{lang}")) for lang in ("id", "en")}
    for lang, lines in alts.items():
        if lines and len(lines) != len(links):
            what = (
                ("keterangan", "descriptions")
                if lang == "id"
                else ("keterangan bahasa Inggris", "English descriptions")
            )
            draft.problem(
                f"photo_alt_{lang}",
                Msg(
                    f"ada {len(links)} foto tetapi {len(lines)} {what[0]} — tulis satu baris untuk setiap foto",
                    f"there are {len(links)} photos but {len(lines)} {what[1]} — write one line for each photo",
                ),
            )
    saved: list[Path] = []
    entries: list[dict[str, object]] = []
    for index, link in enumerate(links, start=1):
        result = fetch.save(link.url, folder / f"{slug}-{index}")
        if isinstance(result, Msg):
            shown = link.name or f"#{index}"
            draft.problem(
                "photos",
                Msg(f"foto {index} ({shown}): {result.id}", f"photo {index} ({shown}): {result.en}"),
                f"photos[{index - 1}].file",
            )
            continue
        saved.append(result)
        alt = {lang: lines[index - 1] for lang, lines in alts.items() if index <= len(lines)}
        entries.append({"file": result.name, "alt": alt} if alt else {"file": result.name})
    if entries:
        draft.values["photos"] = entries
    return saved


def validate_files(root: Path, out: Path, files: Iterable[Path], today: dt.date) -> list[Problem]:
    """Validate the new files in ``out`` against the records of ``root``; return only their problems.

    Copies the record files of ``root`` (no photos) and the new files into a temporary project,
    runs the project's checks there and keeps the problems of the new files.
    """
    with tempfile.TemporaryDirectory(prefix="etalase-issue-") as temp:
        overlay = Path(temp)
        for rel in ("catalog/site.yml", "catalog/categories.yml", "catalog/certificates.yml"):
            _copy(root / rel, overlay / rel)
        for path in sorted((root / "sentra").glob("*.yml")):
            _copy(path, overlay / "sentra" / path.name)
        for path in sorted((root / "products").glob("*/ikm.yml")):
            _copy(path, overlay / path.relative_to(root))
        wanted = set()
        for path in files:
            rel = path.relative_to(out)
            _copy(path, overlay / rel)
            wanted.add(rel.as_posix())
        outcome = pipeline.check(overlay, today)
    return [p for p in outcome.problems if p.path in wanted]


def _copy(source: Path, target: Path) -> None:
    if source.is_file():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)


def named(draft: Draft, problems: Iterable[Problem]) -> list[FormProblem]:
    """Return validator problems named by the form question they come from.

    A question the converter already reported is skipped: its answer must change anyway, and
    the next check (after the issue is edited) reports what is still wrong.
    """
    reported = {p.question for p in draft.problems if p.severity is Severity.error}
    if "photos" in reported:  # descriptions of photos that could not be fetched are not the problem
        reported |= {"photo_alt_id", "photo_alt_en"}
    result = []
    for problem in problems:
        form_id = form_id_of(problem.field, draft.fields)
        if form_id in reported:
            continue
        label = draft.label(form_id) if form_id else problem.field or problem.path
        result.append(FormProblem(label, problem.field, problem.message, problem.severity, form_id or ""))
    return result


def form_id_of(record_field: str, fields: Mapping[str, tuple[str, ...]] = product_form.FIELDS) -> str | None:
    """Return the form question a record field such as ``photos[0].alt.id`` or ``price`` comes from."""
    path = tuple(part for part in re.sub(r"\[\d+\]", "", record_field).split(".") if part)
    if not path:
        return None
    best: tuple[int, str] | None = None
    for form_id, target in fields.items():
        target = tuple(t for t in target if not t.startswith("*"))
        if target and path[: len(target)] == target and (best is None or len(target) > best[0]):
            best = (len(target), form_id)
    if best:
        return best[1]
    return next((form_id for form_id, target in fields.items() if target[: len(path)] == path), None)
